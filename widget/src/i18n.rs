//! Reactive access to the localizer, and dates and numbers through the
//! browser's `Intl`. Reading a string subscribes to the language, so a
//! language switch re-renders text in place.

use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::*;
use salam_core::i18n::{canonical_tag, locale_file, negotiate, Direction, Localizer, TimeUnit, PSEUDO_LOCALE};
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};

/// The active language: the localizer and the tag `Intl` formats with.
struct Active {
    localizer: Localizer,
    /// The visitor's own tag when it matched the chosen locale (so `ar-EG`
    /// gets Egyptian digits even though the messages are plain `ar`).
    intl_tag: String,
    /// `Intl.RelativeTimeFormat` and `Intl.DateTimeFormat` for `intl_tag`.
    /// Constructing one costs milliseconds (the browser loads its locale
    /// data), so each is built on first use, once per language: a visitor
    /// with an empty log never pays for them.
    relative: OnceCell<Option<JsValue>>,
    dates: OnceCell<Option<JsValue>>,
}

impl Active {
    fn relative(&self) -> Option<&JsValue> {
        self.relative
            .get_or_init(|| {
                let options = Object::new();
                let _ = Reflect::set(&options, &"numeric".into(), &"auto".into());
                intl_new("RelativeTimeFormat", &self.intl_tag, &options)
            })
            .as_ref()
    }

    fn dates(&self) -> Option<&JsValue> {
        self.dates
            .get_or_init(|| {
                let options = Object::new();
                let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
                let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
                intl_new("DateTimeFormat", &self.intl_tag, &options)
            })
            .as_ref()
    }
}

/// Handle to the active language. `Copy`; put it anywhere.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Active, LocalStorage>);

impl I18n {
    /// The best match for `requested` (most preferred first), or English.
    /// Without the `bundled-locales` feature only English is embedded: see
    /// [`I18n::with_source`].
    pub fn new(requested: &[&str]) -> Self {
        Self::with_source(requested, None)
    }

    /// Like [`I18n::new`], with the negotiated locale's messages fetched
    /// by [`fetch_locale`] when they are not embedded.
    pub fn with_source(requested: &[&str], source: Option<&str>) -> Self {
        Self(RwSignal::new_local(choose(requested, source)))
    }

    /// An `I18n` over a language chosen earlier (see [`Prepared`]).
    pub(crate) fn from_prepared(prepared: Prepared) -> Self {
        Self(RwSignal::new_local(prepared.0))
    }

    /// Negotiates again (a runtime language switch): everything re-renders.
    pub fn set_requested(&self, requested: &[&str]) {
        self.set_requested_with(requested, None);
    }

    /// [`I18n::set_requested`] with fetched messages (see [`fetch_locale`]).
    pub fn set_requested_with(&self, requested: &[&str], source: Option<&str>) {
        self.0.try_set(choose(requested, source));
    }

    /// Message `id` in the active language.
    pub fn t(&self, id: &str) -> String {
        self.0.try_with(|a| a.localizer.t(id)).unwrap_or_default()
    }

    /// Message `id`, as a view's reactive text or attribute. One closure
    /// type for every caller: each distinct `move || i18n.t(..)` in a view
    /// instantiates Leptos' text or attribute effect again.
    pub fn text(self, id: &'static str) -> impl Fn() -> String + Copy + 'static {
        move || self.t(id)
    }

    /// Message `id` with one numeric argument.
    pub fn t_num(&self, id: &str, name: &str, n: u32) -> String {
        self.0.try_with(|a| a.localizer.t_args(id, &[(name, n.into())])).unwrap_or_default()
    }

    /// Message `id` with one text argument (untrusted text stays text: Fluent
    /// wraps it in isolation marks, and the view renders it as a text node).
    pub fn t_str(&self, id: &str, name: &str, value: &str) -> String {
        self.0.try_with(|a| a.localizer.t_args(id, &[(name, value.to_string().into())])).unwrap_or_default()
    }

    /// Message `id` with text arguments.
    pub fn t_strs(&self, id: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, salam_core::i18n::Arg)> = args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        self.0.try_with(|a| a.localizer.t_args(id, &args)).unwrap_or_default()
    }

    /// The instant `at` (ms) through `Intl.DateTimeFormat` with `options`,
    /// in the active language and the visitor's time zone ("9:00", "Monday").
    /// Built on each call: it is used for the rare "we're away" line.
    pub fn format_date(&self, at: u64, options: &[(&str, &str)]) -> String {
        let opts = Object::new();
        for (k, v) in options {
            let _ = Reflect::set(&opts, &(*k).into(), &(*v).into());
        }
        let date: JsValue = js_sys::Date::new(&JsValue::from(at as f64)).into();
        self.0
            .try_with(|a| format_with(&intl_new("DateTimeFormat", &a.intl_tag, &opts)?, &[date]))
            .flatten()
            .unwrap_or_default()
    }

    /// A whole number in the locale's digits.
    pub fn number(&self, n: u64) -> String {
        self.0.try_with(|a| a.localizer.number(n)).unwrap_or_default()
    }

    /// A file's size, in kB below a megabyte and in MB above, in the
    /// active language ("48 kB", "۲٫۵ مگابایت").
    pub fn file_size(&self, bytes: u64) -> String {
        let (unit, n) = if bytes < 1_000_000 { ("kilobyte", bytes as f64 / 1e3) } else { ("megabyte", bytes as f64 / 1e6) };
        let opts = Object::new();
        for (k, v) in [("style", "unit"), ("unit", unit)] {
            let _ = Reflect::set(&opts, &k.into(), &v.into());
        }
        let _ = Reflect::set(&opts, &"maximumFractionDigits".into(), &JsValue::from(if n < 10.0 { 1 } else { 0 }));
        self.0
            .try_with(|a| format_with(&intl_new("NumberFormat", &a.intl_tag, &opts)?, &[JsValue::from(n.max(0.1))]))
            .flatten()
            .unwrap_or_default()
    }

    /// Active language tag (a shipped locale, or the pseudo-locale).
    pub fn lang(&self) -> String {
        self.0.try_with(|a| a.localizer.lang()).unwrap_or_default()
    }

    /// Active text direction.
    pub fn dir(&self) -> Direction {
        self.0.try_with(|a| a.localizer.dir()).unwrap_or(Direction::Ltr)
    }

    /// "2 minutes ago", in the active language: `value` units from now
    /// (from [`salam_core::i18n::relative_time`]).
    pub fn relative_time(&self, value: i64, unit: TimeUnit) -> String {
        self.0
            .try_with(|a| format_with(a.relative()?, &[JsValue::from(value as f64), unit.as_str().into()]))
            .flatten()
            .unwrap_or_default()
    }

    /// The full date and time of `at` (ms), in the active language.
    pub fn date_time(&self, at: u64) -> String {
        let date: JsValue = js_sys::Date::new(&JsValue::from(at as f64)).into();
        self.0.try_with(|a| format_with(a.dates()?, &[date])).flatten().unwrap_or_default()
    }
}

/// Fetches the messages of the locale `requested` negotiates to, from next
/// to the bundle (`base`), when they are not embedded. `None` when nothing
/// needs fetching, or the fetch failed (one console warning; the widget
/// then speaks English).
pub async fn fetch_locale(base: &str, requested: &[String]) -> Option<String> {
    let file = locale_file(negotiate(requested))?;
    let url = format!("{base}{file}");
    let text = async {
        let response = gloo_net::http::Request::get(&url).send().await.ok()?;
        if !response.ok() {
            return None;
        }
        response.text().await.ok()
    };
    let text = text.await;
    if text.is_none() {
        web_sys::console::warn_1(&format!("salam: could not load {url}; showing English").into());
    }
    text
}

/// A language chosen and its messages read, ahead of the mount: the embed
/// does this in a task of its own, because reading the messages and
/// formatting the first one is also when the browser first compiles
/// Fluent's code (a wasm function is compiled on its first call), and one
/// long task blocks the host page where two short ones do not.
pub(crate) struct Prepared(Active);

/// Chooses the language for `requested` and formats the launcher's label
/// once, so that the mount that follows pays no compilation for it.
pub(crate) fn prepare(requested: &[&str], source: Option<&str>) -> Prepared {
    let active = choose(requested, source);
    active.localizer.t_args("launcher-label", &[("unread", 0u32.into())]);
    Prepared(active)
}

fn choose(requested: &[&str], source: Option<&str>) -> Active {
    let locale = negotiate(requested);
    let localizer = match source {
        Some(source) => Localizer::from_source(locale, source),
        None => Localizer::for_locale(locale),
    };
    // Not embedded and not fetched: English, formatted as English.
    let locale = if localizer.lang() == locale { locale } else { "en" };
    let language = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    let intl_tag = if locale == PSEUDO_LOCALE {
        "en".to_string()
    } else {
        requested
            .iter()
            .filter_map(|r| canonical_tag(r))
            .map(|id| id.to_string())
            .find(|r| language(r) == language(locale))
            .unwrap_or_else(|| locale.to_string())
    };
    let tag = intl_tag.clone();
    let localizer = localizer.with_digits_from(move || digits(&tag));
    Active { localizer, intl_tag, relative: OnceCell::new(), dates: OnceCell::new() }
}

/// The ten digits `Intl.NumberFormat` uses for `tag` (۰-۹ for Persian),
/// from one formatter: 1234567890 without grouping is the digits 1-9 and 0.
fn digits(tag: &str) -> Option<[char; 10]> {
    let options = Object::new();
    let _ = Reflect::set(&options, &"useGrouping".into(), &false.into());
    let s = format_with(&intl_new("NumberFormat", tag, &options)?, &[JsValue::from(1_234_567_890_f64)])?;
    let chars: Vec<char> = s.chars().collect();
    let [d1, d2, d3, d4, d5, d6, d7, d8, d9, d0] = chars[..] else {
        return None; // not one character per digit: keep Latin digits
    };
    Some([d0, d1, d2, d3, d4, d5, d6, d7, d8, d9])
}

/// `new Intl[ctor](tag, options)`, with every step allowed to fail (an odd
/// tag throws a RangeError in JS; here it is just `None`).
fn intl_new(ctor: &str, tag: &str, options: &Object) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &ctor.into()).ok()?.dyn_into().ok()?;
    Reflect::construct(&ctor, &Array::of2(&tag.into(), options)).ok()
}

/// `formatter.format(...args)`, or `None` if anything throws.
fn format_with(formatter: &JsValue, args: &[JsValue]) -> Option<String> {
    let format: Function = Reflect::get(formatter, &"format".into()).ok()?.dyn_into().ok()?;
    let args: Array = args.iter().collect();
    format.apply(formatter, &args).ok()?.as_string()
}
