//! Localized strings from Fluent files, language negotiation, and direction.
//!
//! Each language is one `locales/<lang>/salam.ftl`, embedded at compile time
//! (or fetched, see [`locale_file`]) and formatted by `fluent-bundle`, so
//! translators may use all of Fluent: terms, attributes, selectors,
//! functions. Plural categories are CLDR's (the workspace patches in its
//! own `intl_pluralrules`; see `widget/core/plurals`). Isolation marks stay
//! on: they keep a Persian name inside an English sentence in the right
//! order. Numbers get the locale's digits where they are formatted, as
//! Fluent arguments ([`Localizer::with_digits`]); text is never rewritten.
//!
//! Choices a reader should know about:
//! * **Order of preference**: the owner's explicit setting, then
//!   `navigator.languages`, then `<html lang>`, then English
//!   ([`requested_languages`]).
//! * **Legacy codes** (`iw`, `in`, `ji`, `mo`) are read as today's (`he`,
//!   `id`, `yi`, `ro`); `und` and unparseable tags are skipped.
//! * **Traditional Chinese** (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`) is *not*
//!   given our Simplified Chinese: showing Simplified to a Traditional reader
//!   is a known irritant, so negotiation moves on to their next language, and
//!   then English. European Portuguese (`pt-PT`) does get `pt-BR`, which its
//!   readers read without trouble.
//! * **Direction** comes from CLDR data ([`direction`]): the script, given or
//!   likely, decides, not a list of two languages.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use unic_langid::LanguageIdentifier;

/// A locale's messages when they are embedded (the `bundled-locales`
/// feature, on by default); empty when the glue fetches them on demand.
#[cfg(feature = "bundled-locales")]
macro_rules! bundled {
    ($tag:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $tag, ".ftl"))
    };
}
#[cfg(not(feature = "bundled-locales"))]
macro_rules! bundled {
    ($tag:literal) => {
        ""
    };
}

/// The file each locale is published under next to the bundle (tag, name),
/// for a build that fetches them on demand (see [`Localizer::from_source`]).
pub const LOCALE_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/locale_files.rs"));

/// The file to fetch for `tag`, if its messages are not embedded.
pub fn locale_file(tag: &str) -> Option<&'static str> {
    let embedded = LOCALES.iter().any(|(t, source)| *t == tag && !source.is_empty());
    if embedded || tag == PSEUDO_LOCALE {
        return None;
    }
    LOCALE_FILES.iter().find(|(t, _)| *t == tag).map(|(_, name)| *name)
}

/// Every locale the widget ships: (language tag, Fluent source without
/// comments; see `build.rs`).
pub const LOCALES: &[(&str, &str)] = &[
    ("en", include_str!(concat!(env!("OUT_DIR"), "/en.ftl"))),
    ("fa", bundled!("fa")),
    ("ar", bundled!("ar")),
    ("he", bundled!("he")),
    ("ur", bundled!("ur")),
    ("es", bundled!("es")),
    ("fr", bundled!("fr")),
    ("de", bundled!("de")),
    ("pt-BR", bundled!("pt-BR")),
    ("ru", bundled!("ru")),
    ("tr", bundled!("tr")),
    ("zh-CN", bundled!("zh-CN")),
    ("ja", bundled!("ja")),
    ("hi", bundled!("hi")),
    ("id", bundled!("id")),
];

/// The reference locale: every other one has exactly its message ids.
pub const DEFAULT_LOCALE: &str = "en";

/// Accented, about 40% longer English, to spot hard-coded strings and
/// truncation. Only chosen when asked for by name.
pub const PSEUDO_LOCALE: &str = "en-XA";

/// Text direction of a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

// ---------- direction, from CLDR ----------

/// CLDR `scriptMetadata.txt` scripts with RTL = YES.
const RTL_SCRIPTS: &[&str] = &[
    "Arab", "Hebr", "Thaa", "Adlm", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hung", "Khar", "Lydi", "Mand",
    "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg",
    "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Yezi",
];

/// CLDR 44 languages whose likely script is right-to-left (their locale's
/// `characterOrder` is `right-to-left` with no script subtag), plus the
/// legacy code `iw`.
const RTL_LANGUAGES: &[&str] = &[
    "apc", "ar", "bal", "bgn", "ckb", "dv", "fa", "he", "ks", "lrc", "mzn", "nqo", "ps", "rhg", "sd", "sdh", "skr",
    "syr", "trw", "ug", "ur", "yi", "iw",
];

/// CLDR likely subtags where the region changes the script, and so the
/// direction: (language, region, right-to-left).
const REGION_SCRIPT: &[(&str, &str, bool)] = &[
    ("sd", "IN", false), // Devanagari
    ("pa", "PK", true),  // Shahmukhi (Arabic)
    ("az", "IR", true),
    ("uz", "AF", true),
    ("ms", "CC", true),
    ("ha", "SD", true),
    ("und", "AE", true),
    ("und", "AF", true),
    ("und", "BH", true),
    ("und", "DZ", true),
    ("und", "EG", true),
    ("und", "IL", true),
    ("und", "IQ", true),
    ("und", "IR", true),
    ("und", "JO", true),
    ("und", "KW", true),
    ("und", "LB", true),
    ("und", "LY", true),
    ("und", "MA", true),
    ("und", "MV", true),
    ("und", "OM", true),
    ("und", "PK", true),
    ("und", "PS", true),
    ("und", "QA", true),
    ("und", "SA", true),
    ("und", "SY", true),
    ("und", "TN", true),
    ("und", "YE", true),
];

/// Direction of a language tag: an explicit script decides; otherwise the
/// script CLDR considers likely for the language (and region). Unknown or
/// unparseable tags are left to right.
pub fn direction(tag: &str) -> Direction {
    let Ok(id) = tag.trim().replace('_', "-").parse::<LanguageIdentifier>() else {
        return Direction::Ltr;
    };
    let rtl = if let Some(script) = id.script {
        RTL_SCRIPTS.contains(&script.as_str())
    } else {
        let lang = id.language.as_str();
        let by_region = id.region.and_then(|r| {
            REGION_SCRIPT.iter().find(|(l, reg, _)| *l == lang && *reg == r.as_str()).map(|(_, _, rtl)| *rtl)
        });
        by_region.unwrap_or_else(|| RTL_LANGUAGES.contains(&lang))
    };
    if rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

// ---------- negotiation ----------

/// The visitor's languages, most preferred first: the owner's explicit
/// setting, then `navigator.languages`, then `<html lang>`.
pub fn requested_languages(explicit: Option<&str>, navigator: &[String], html_lang: Option<&str>) -> Vec<String> {
    explicit
        .into_iter()
        .map(str::to_string)
        .chain(navigator.iter().cloned())
        .chain(html_lang.map(str::to_string))
        .collect()
}

/// CLDR's language aliases whose replacement is a language we ship
/// (`iw` is `he`, `in` is `id`, `prs` is `fa-AF`, `pes` and `per` are
/// `fa`, ...): (alias, replacement), sorted. Generated by `build.rs` from
/// `third_party/cldr-48/aliases.json`; the loader gets the same table.
pub const LANGUAGE_ALIASES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/language_aliases.rs"));

/// Parses a tag leniently (`_` for `-`, CLDR's language aliases applied),
/// dropping `und` and garbage.
pub fn canonical_tag(tag: &str) -> Option<LanguageIdentifier> {
    let mut id: LanguageIdentifier = tag.trim().replace('_', "-").parse().ok()?;
    let language = id.language.as_str().to_string();
    if let Ok(at) = LANGUAGE_ALIASES.binary_search_by(|(alias, _)| (*alias).cmp(language.as_str())) {
        // The alias's region or script fills in only what the tag lacks
        // (`prs` is `fa-AF`, `prs-IR` stays in Iran).
        let replacement: LanguageIdentifier = LANGUAGE_ALIASES[at].1.parse().ok()?;
        id.language = replacement.language;
        id.script = id.script.or(replacement.script);
        id.region = id.region.or(replacement.region);
    }
    if id.language.is_empty() {
        return None; // "und": says nothing about the visitor's language
    }
    Some(id)
}

fn is_traditional_chinese(id: &LanguageIdentifier) -> bool {
    id.language.as_str() == "zh"
        && (id.script.is_some_and(|s| s.as_str() == "Hant")
            || id.region.is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO")))
}

/// Runs fluent-langneg over tags as strings; the building block of
/// [`negotiate`] and what the corpus tests exercise.
pub fn negotiate_tags(
    requested: &[&str],
    available: &[&str],
    default: Option<&str>,
    strategy: NegotiationStrategy,
) -> Vec<String> {
    let parse = |tags: &[&str]| -> Vec<LanguageIdentifier> {
        tags.iter().filter_map(|t| t.replace('_', "-").parse().ok()).collect()
    };
    let requested = parse(requested);
    let available = parse(available);
    let default: Option<LanguageIdentifier> = default.and_then(|d| d.parse().ok());
    negotiate_languages(&requested, &available, default.as_ref(), strategy).into_iter().map(|l| l.to_string()).collect()
}

/// The shipped locale for a visitor who prefers `requested` (best first).
/// The pseudo-locale is chosen only when it is the first request.
pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> &'static str {
    if requested.first().is_some_and(|r| r.as_ref().eq_ignore_ascii_case(PSEUDO_LOCALE)) {
        return PSEUDO_LOCALE;
    }
    let wanted: Vec<LanguageIdentifier> =
        requested.iter().filter_map(|r| canonical_tag(r.as_ref())).filter(|id| !is_traditional_chinese(id)).collect();
    let available: Vec<LanguageIdentifier> = LOCALES.iter().filter_map(|(t, _)| t.parse().ok()).collect();
    // One requested language at a time, in order, so a weaker match for the
    // first choice beats an exact match for the second.
    for want in &wanted {
        let found = negotiate_languages(std::slice::from_ref(want), &available, None, NegotiationStrategy::Lookup);
        if let Some(best) = found.first() {
            let best = best.to_string();
            if let Some((tag, _)) = LOCALES.iter().find(|(t, _)| *t == best) {
                return tag;
            }
        }
    }
    DEFAULT_LOCALE
}

// ---------- relative time ----------

/// A unit for `Intl.RelativeTimeFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds (only ever 0: "now").
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

impl TimeUnit {
    /// The unit name `Intl.RelativeTimeFormat` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
        }
    }
}

/// How long ago `then` was, at `now` (both ms), as a negative amount of
/// one unit: under a minute is "now" (0 seconds), then whole minutes,
/// hours and days. A time in the future (clock skew) is "now".
pub fn relative_time(then: u64, now: u64) -> (i64, TimeUnit) {
    let secs = now.saturating_sub(then) / 1000;
    match secs {
        0..=59 => (0, TimeUnit::Second),
        60..=3599 => (-((secs / 60) as i64), TimeUnit::Minute),
        3600..=86_399 => (-((secs / 3600) as i64), TimeUnit::Hour),
        _ => (-((secs / 86_400) as i64), TimeUnit::Day),
    }
}

// ---------- formatting ----------

/// A value passed to a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// A whole number: selects by value and by plural category, and is
    /// shown in the locale's digits.
    Num(u64),
    /// Text (selects by equal key), shown as it is.
    Str(Cow<'a, str>),
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Num(n)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(u64::from(n))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

/// Where a [`Localizer`] gets its digits, the first time it needs them.
type DigitsSource = Box<dyn Fn() -> Option<[char; 10]>>;

/// What [`format_value`] does with a number during one `format_pattern`.
#[derive(Debug, Clone, Copy)]
enum Numbers {
    /// Note that one was shown (and show it in ASCII).
    Note,
    /// Show it in these digits.
    In([char; 10]),
}

thread_local! {
    /// What fluent-bundle's formatter hook, a plain `fn`, needs from the
    /// [`Localizer`]: set for the length of one `format_pattern` call, on
    /// the thread making it.
    static FORMATTING: Cell<Numbers> = const { Cell::new(Numbers::Note) };
    /// Whether the hook was asked to show a number since the last look.
    static SHOWED_NUMBER: Cell<bool> = const { Cell::new(false) };
}

/// fluent-bundle's formatter: numbers in the digits of the message being
/// formatted; everything else as Fluent formats it.
fn format_value(value: &FluentValue<'_>, _: &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else { return None };
    SHOWED_NUMBER.with(|s| s.set(true));
    let Numbers::In(digits) = FORMATTING.with(Cell::get) else { return None };
    Some(localize_digits(&number.as_string(), Some(digits)))
}

/// Formats messages in one language.
pub struct Localizer {
    tag: &'static str,
    bundle: FluentBundle<FluentResource>,
    /// The locale's digits 0-9 (`None`: ASCII), once known.
    digits: OnceCell<Option<[char; 10]>>,
    digits_source: Option<DigitsSource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("tag", &self.tag).finish()
    }
}

/// A bundle of `source`'s messages with `plural_lang`'s plural rules. A
/// syntax error costs only its entry (the test suite parses every file);
/// `None` when nothing at all could be read.
fn bundle(plural_lang: &str, source: &str, pseudo: bool) -> Option<FluentBundle<FluentResource>> {
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    resource.entries().next()?;
    let lang: LanguageIdentifier = plural_lang.parse().ok()?;
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    bundle.set_formatter(Some(format_value));
    if pseudo {
        bundle.set_transform(Some(pseudo_text));
    }
    // Duplicate ids keep the first; nothing else can fail here.
    let _ = bundle.add_resource(resource);
    Some(bundle)
}

impl Localizer {
    /// A localizer for the best shipped match of `requested` (most preferred
    /// first), falling back to English.
    pub fn new(requested: &[&str]) -> Self {
        Self::for_locale(negotiate(requested))
    }

    /// A localizer for a shipped locale tag (or the pseudo-locale); unknown
    /// tags give English.
    pub fn for_locale(tag: &str) -> Self {
        let pseudo = tag == PSEUDO_LOCALE;
        let (tag, source) = match LOCALES.iter().find(|(t, _)| *t == tag) {
            // An empty source is a locale fetched on demand (`from_source`).
            Some(found) if !pseudo && !found.1.is_empty() => *found,
            _ => (if pseudo { PSEUDO_LOCALE } else { LOCALES[0].0 }, LOCALES[0].1),
        };
        // Plural rules follow the language the text is in (English for the pseudo-locale).
        let plural_lang = if pseudo { DEFAULT_LOCALE } else { tag };
        Self::with_bundle(tag, bundle(plural_lang, source, pseudo))
    }

    /// A localizer for the shipped locale `tag` with messages fetched at run
    /// time (`source`, a `.ftl` file as [`locale_file`] names it). An empty
    /// or unreadable source gives English.
    pub fn from_source(tag: &str, source: &str) -> Self {
        match LOCALES.iter().find(|(t, _)| *t == tag) {
            Some((tag, _)) => match bundle(tag, source, false) {
                Some(b) => Self::with_bundle(tag, Some(b)),
                None => Self::for_locale(DEFAULT_LOCALE),
            },
            None => Self::for_locale(DEFAULT_LOCALE),
        }
    }

    fn with_bundle(tag: &'static str, bundle: Option<FluentBundle<FluentResource>>) -> Self {
        // The embedded English always reads; an empty bundle shows ids.
        let bundle = bundle.unwrap_or_else(|| FluentBundle::new_concurrent(vec![]));
        Self { tag, bundle, digits: OnceCell::new(), digits_source: None }
    }

    /// Uses these ten characters for the digits 0-9 in formatted numbers
    /// (from the browser's `Intl.NumberFormat` for the visitor's locale, so
    /// Persian gets ۰-۹ and Egyptian Arabic ٠-٩).
    pub fn with_digits(self, digits: Option<[char; 10]>) -> Self {
        let _ = self.digits.set(digits.filter(|d| d != &ASCII_DIGITS));
        self
    }

    /// Like [`Localizer::with_digits`], but asks `source` only when a
    /// formatted number first needs them (asking the browser is slow, and
    /// most text has no numbers).
    pub fn with_digits_from(mut self, source: impl Fn() -> Option<[char; 10]> + 'static) -> Self {
        self.digits_source = Some(Box::new(source));
        self
    }

    fn digits(&self) -> Option<[char; 10]> {
        *self
            .digits
            .get_or_init(|| self.digits_source.as_ref().and_then(|source| source()).filter(|d| d != &ASCII_DIGITS))
    }

    /// The shipped locale tag in use.
    pub fn lang(&self) -> String {
        self.tag.to_string()
    }

    /// Text direction of the language in use.
    pub fn dir(&self) -> Direction {
        direction(self.tag)
    }

    /// The message `id`, or `id` itself if it is missing.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None, &[])
    }

    /// The message `id` with arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(id, None, args)
    }

    /// The attribute `attribute` of message `id` (`id.attribute` in Fluent),
    /// or `id.attribute` itself if it is missing.
    pub fn t_attr(&self, id: &str, attribute: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(id, Some(attribute), args)
    }

    /// A number in the locale's digits.
    pub fn number(&self, n: u64) -> String {
        localize_digits(&n.to_string(), self.digits())
    }

    fn format(&self, id: &str, attribute: Option<&str>, args: &[(&str, Arg<'_>)]) -> String {
        let message = self.bundle.get_message(id);
        let pattern = match attribute {
            None => message.and_then(|m| m.value()),
            Some(a) => message.and_then(|m| m.get_attribute(a)).map(|a| a.value()),
        };
        let Some(pattern) = pattern else {
            return attribute.map_or_else(|| id.to_string(), |a| format!("{id}.{a}"));
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match value {
                Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
                Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_ref())),
            }
        }
        let fluent_args = (!args.is_empty()).then_some(&fluent_args);
        let run = |numbers: Numbers| {
            let previous = FORMATTING.with(|f| f.replace(numbers));
            SHOWED_NUMBER.with(|s| s.set(false));
            let mut errors = vec![];
            let text = self.bundle.format_pattern(pattern, fluent_args, &mut errors).into_owned();
            FORMATTING.with(|f| f.set(previous));
            (text, SHOWED_NUMBER.with(Cell::get))
        };
        // The browser is asked for the locale's digits only when a number is
        // shown, not when one only selects a variant ("Chat with us" for 0
        // unread): building an Intl.NumberFormat blocks the page for tens of
        // milliseconds on a slow phone. Then the message is formatted again.
        let (text, showed_number) = run(Numbers::Note);
        match showed_number.then(|| self.digits()).flatten() {
            Some(digits) => run(Numbers::In(digits)).0,
            None => text,
        }
    }
}

const ASCII_DIGITS: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

fn localize_digits(s: &str, digits: Option<[char; 10]>) -> String {
    match digits {
        Some(d) => {
            s.chars().map(|c| c.to_digit(10).filter(|_| c.is_ascii_digit()).map_or(c, |v| d[v as usize])).collect()
        }
        None => s.to_string(),
    }
}

/// The pseudo-locale transform of each piece of message text: accented
/// letters, vowels doubled (about 40% longer for English), wrapped in
/// brackets so a cut-off end shows.
fn pseudo_text(s: &str) -> Cow<'_, str> {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ";
    if s.trim().is_empty() {
        return Cow::Borrowed(s);
    }
    let map: Vec<(char, char)> = FROM.chars().zip(TO.chars()).collect();
    let mut out = String::with_capacity(s.len() * 2);
    out.push('[');
    for c in s.chars() {
        let accented = map.iter().find(|(f, _)| *f == c).map_or(c, |(_, t)| *t);
        out.push(accented);
        if "aeiouAEIOU".contains(c) {
            out.push(accented);
        }
    }
    out.push(']');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn english_plurals_pick_the_right_form() {
        let l = Localizer::new(&["en-US"]);
        let label = |n: u32| l.t_args("launcher-label", &[("unread", Arg::from(n))]);
        assert_eq!(label(0), "Chat with us");
        assert_eq!(label(1), "Chat with us, \u{2068}1\u{2069} unread message");
        assert_eq!(label(3), "Chat with us, \u{2068}3\u{2069} unread messages");
    }

    #[test]
    fn missing_ids_show_as_themselves_and_unknown_locales_fall_back() {
        let l = Localizer::new(&["xx", "not a tag!"]);
        assert_eq!(l.lang(), "en");
        assert_eq!(l.t("no-such-id"), "no-such-id");
        assert_eq!(l.dir(), Direction::Ltr);
    }

    #[test]
    fn negotiation_follows_preference_order_and_regions() {
        assert_eq!(negotiate(&req(&["fa-IR"])), "fa");
        assert_eq!(negotiate(&req(&["ar-EG", "en"])), "ar");
        assert_eq!(negotiate(&req(&["de-AT", "en"])), "de");
        assert_eq!(negotiate(&req(&["pt-PT"])), "pt-BR");
        assert_eq!(negotiate(&req(&["pt"])), "pt-BR");
        assert_eq!(negotiate(&req(&["zh"])), "zh-CN");
        assert_eq!(negotiate(&req(&["zh-Hans-SG"])), "zh-CN");
        assert_eq!(negotiate(&req(&["iw-IL"])), "he");
        assert_eq!(negotiate(&req(&["in"])), "id");
        assert_eq!(negotiate(&req(&["xx-YY", "fr-CA"])), "fr");
        assert_eq!(negotiate(&req(&["es_419"])), "es");
        assert_eq!(negotiate(&req(&["ja-JP", "fa"])), "ja", "the first language wins, not the best-supported one");
    }

    #[test]
    fn explicit_then_navigator_then_html_lang() {
        let nav = req(&["sw-KE", "de"]);
        assert_eq!(requested_languages(Some("fa"), &nav, Some("ar")), req(&["fa", "sw-KE", "de", "ar"]));
        assert_eq!(negotiate(&requested_languages(Some("fa"), &nav, Some("ar"))), "fa");
        assert_eq!(negotiate(&requested_languages(None, &nav, Some("ar"))), "de");
        assert_eq!(
            negotiate(&requested_languages(None, &req(&["sw"]), Some("ar"))),
            "ar",
            "<html lang> before English"
        );
        assert_eq!(negotiate(&requested_languages(None, &[], None)), "en");
    }

    #[test]
    fn traditional_chinese_is_not_given_simplified() {
        assert_eq!(negotiate(&req(&["zh-TW"])), "en");
        assert_eq!(negotiate(&req(&["zh-HK", "ja"])), "ja");
        assert_eq!(negotiate(&req(&["zh-Hant"])), "en");
        assert_eq!(negotiate(&req(&["zh-MO", "zh-CN"])), "zh-CN");
    }

    #[test]
    fn und_garbage_and_empty_fall_back_to_english() {
        assert_eq!(negotiate(&req(&["und"])), "en");
        assert_eq!(negotiate(&req(&["", "!!", "12345678901", "en-"])), "en");
        assert_eq!(negotiate::<&str>(&[]), "en");
        assert_eq!(negotiate(&req(&["und", "fa"])), "fa");
    }

    #[test]
    fn pseudo_locale_only_by_name_and_about_forty_percent_longer() {
        assert_eq!(negotiate(&req(&["en-XA"])), PSEUDO_LOCALE);
        assert_eq!(negotiate(&req(&["de", "en-XA"])), "de");
        let p = Localizer::for_locale(PSEUDO_LOCALE);
        let en = Localizer::for_locale("en");
        let (a, b) = (en.t("panel-subtitle-default"), p.t("panel-subtitle-default"));
        assert!(b.starts_with('[') && b.ends_with(']'), "{b}");
        let ratio = b.chars().count() as f64 / a.chars().count() as f64;
        assert!((1.25..=1.6).contains(&ratio), "{a} -> {b}: {ratio}");
        assert!(!b.contains('e'), "letters are accented: {b}");
    }

    #[test]
    fn numbers_get_the_locales_digits_and_text_arguments_stay_as_they_are() {
        let persian = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];
        let l = Localizer::for_locale("fa").with_digits(Some(persian));
        let text = l.t_args("composer-too-long", &[("max", Arg::from(4000u32))]);
        assert!(text.contains("۴۰۰۰"), "{text}");
        assert!(!text.contains("4000"), "{text}");
        let typing = l.t_args("typing-named", &[("name", Arg::from("Bot 2"))]);
        assert!(typing.contains("Bot 2") && !typing.contains('۲'), "a name keeps its digits: {typing}");
        assert_eq!(l.number(12), "۱۲");
        let ascii = Localizer::for_locale("en").with_digits(Some(ASCII_DIGITS));
        assert_eq!(ascii.number(12), "12");
    }

    #[test]
    fn digits_are_asked_for_only_when_a_number_is_formatted() {
        let asked = std::rc::Rc::new(Cell::new(0));
        let counter = asked.clone();
        let l = Localizer::for_locale("ar").with_digits_from(move || {
            counter.set(counter.get() + 1);
            Some(['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'])
        });
        l.t("close-label");
        l.t_args("typing-named", &[("name", Arg::from("Sara"))]);
        // A number that only selects a variant ([0] "Chat with us") shows no digit:
        // the browser is not asked (building an Intl.NumberFormat blocks the page).
        assert_eq!(l.t_args("launcher-label", &[("unread", Arg::from(0u32))]), "تحدّث معنا");
        assert_eq!(asked.get(), 0);
        let label = l.t_args("launcher-label", &[("unread", Arg::from(103u32))]);
        assert!(label.contains("١٠٣"), "{label}");
        l.t_args("launcher-label", &[("unread", Arg::from(5u32))]);
        assert_eq!(asked.get(), 1, "asked once, then remembered");
    }

    #[test]
    fn fluent_attributes_and_terms_work() {
        let source = "-brand = Salam\nwelcome = Hi from { -brand }\n    .title = { -brand } help\n";
        let l = Localizer::from_source("de", source);
        assert_eq!(l.lang(), "de");
        assert_eq!(l.t("welcome"), "Hi from Salam");
        assert_eq!(l.t_attr("welcome", "title", &[]), "Salam help");
        assert_eq!(l.t_attr("welcome", "nope", &[]), "welcome.nope");
        assert_eq!(Localizer::from_source("de", "").lang(), "en", "nothing readable: English");
    }

    #[test]
    fn relative_times_pick_a_unit() {
        let now = 1_700_000_000_000;
        assert_eq!(relative_time(now, now), (0, TimeUnit::Second));
        assert_eq!(relative_time(now + 5000, now), (0, TimeUnit::Second), "future is now");
        assert_eq!(relative_time(now - 59_000, now), (0, TimeUnit::Second));
        assert_eq!(relative_time(now - 125_000, now), (-2, TimeUnit::Minute));
        assert_eq!(relative_time(now - 3 * 3_600_000, now), (-3, TimeUnit::Hour));
        assert_eq!(relative_time(now - 2 * 86_400_000, now), (-2, TimeUnit::Day));
    }

    #[test]
    fn direction_from_script_then_likely_script() {
        for rtl in ["fa", "ar-EG", "he", "iw", "ur", "ckb", "pa-PK", "az-Arab", "uz-AF", "und-IR", "ff-Adlm", "yi"] {
            assert_eq!(direction(rtl), Direction::Rtl, "{rtl}");
        }
        for ltr in ["en", "de-AT", "pa", "sd-IN", "ks-Deva", "az", "ku", "und", "zh-Hant-TW", "", "??"] {
            assert_eq!(direction(ltr), Direction::Ltr, "{ltr}");
        }
    }
}
