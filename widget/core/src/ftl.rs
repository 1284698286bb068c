//! The part of Fluent our messages use, formatted exactly as `fluent-bundle`
//! formats it (a test compares the two on every message of every locale).
//!
//! Why not `fluent-bundle` itself: with its parser, its number type (which
//! goes through `f64` formatting and parsing) and CLDR plural rules for
//! every language, it was about a sixth of the widget's compressed size
//! (docs/PERFORMANCE.md). Our files use messages, `{ $variable }`
//! placeables and selectors on a number or a string, with number-literal and
//! plural-category keys; that is what this reads. Anything else in a file is
//! skipped, and the test suite parses every file with the real Fluent parser.
//!
//! Formatting follows Fluent's rules that show: a placeable in a pattern of
//! more than one element is wrapped in bidi isolation marks (U+2068 ...
//! U+2069), a `[3]` key matches the number 3 before any category, and a
//! missing variable shows as `{$name}`.

use std::borrow::Cow;

/// A value passed to a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// A whole number (selects by value and by plural category).
    Num(u64),
    /// Text (selects by equal key).
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

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Var(String),
    Select { var: String, variants: Vec<(String, Vec<Part>)>, default: usize },
}

/// The messages of one `.ftl` file.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    entries: Vec<(String, Vec<Part>)>,
}

impl Messages {
    /// Whether no message could be read.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a file; entries it cannot read are skipped.
    pub fn parse(source: &str) -> Self {
        let mut entries = vec![];
        let mut lines = source.lines().peekable();
        while let Some(line) = lines.next() {
            let Some((id, first)) = line.split_once('=') else { continue };
            let id = id.trim_end();
            let is_id = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !is_id {
                continue;
            }
            // The value: the rest of the line and the indented lines after it.
            let mut value = first.trim().to_string();
            while let Some(next) = lines.next_if(|l| l.starts_with(' ') || l.trim().is_empty()) {
                if !next.trim().is_empty() {
                    value.push('\n');
                    value.push_str(next.trim());
                }
            }
            let mut p = Parser { s: value.trim_start_matches('\n'), i: 0 };
            if let Some(pattern) = p.pattern(false) {
                if p.i == p.s.len() {
                    entries.push((id.to_string(), pattern));
                }
            }
        }
        Messages { entries }
    }

    /// Whether the message exists.
    pub fn has(&self, id: &str) -> bool {
        self.entries.iter().any(|(i, _)| i == id)
    }

    /// Formats message `id` for language `lang`; `None` if there is no such
    /// message. `transform` changes the literal text (the pseudo-locale).
    pub fn format(
        &self,
        id: &str,
        lang: &str,
        args: &[(&str, Arg<'_>)],
        transform: Option<fn(&str) -> Cow<'_, str>>,
    ) -> Option<String> {
        let (_, pattern) = self.entries.iter().find(|(i, _)| i == id)?;
        let mut out = String::new();
        write_pattern(&mut out, pattern, lang, args, transform);
        Some(out)
    }
}

fn write_pattern(
    out: &mut String,
    parts: &[Part],
    lang: &str,
    args: &[(&str, Arg<'_>)],
    t: Option<fn(&str) -> Cow<'_, str>>,
) {
    let isolate = parts.len() > 1;
    for part in parts {
        match part {
            Part::Text(text) => match t {
                Some(f) => out.push_str(&f(text)),
                None => out.push_str(text),
            },
            Part::Var(name) | Part::Select { var: name, .. } => {
                if isolate {
                    out.push('\u{2068}');
                }
                let value = args.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                match (part, value) {
                    (Part::Select { variants, default, .. }, _) => {
                        let chosen = variants
                            .iter()
                            .position(|(key, _)| matches!(value, Some(Arg::Num(n)) if key.parse() == Ok(*n)))
                            .or_else(|| {
                                variants.iter().position(|(key, _)| match value {
                                    Some(Arg::Num(n)) => plural_category(lang, *n) == key,
                                    Some(Arg::Str(s)) => s == key,
                                    None => false,
                                })
                            })
                            .unwrap_or(*default);
                        write_pattern(out, &variants[chosen].1, lang, args, t);
                    }
                    (_, Some(Arg::Num(n))) => out.push_str(&n.to_string()),
                    (_, Some(Arg::Str(s))) => out.push_str(s),
                    (_, None) => {
                        out.push_str("{$");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                if isolate {
                    out.push('\u{2069}');
                }
            }
        }
    }
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        let hit = self.rest().starts_with(token);
        if hit {
            self.i += token.len();
        }
        hit
    }

    fn name(&mut self) -> Option<String> {
        self.skip_ws();
        let rest = self.rest();
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        let name = rest[..len].to_string();
        self.i += len;
        (len > 0).then_some(name)
    }

    /// Text and placeables up to the end, or (in a variant) to the end of
    /// the line.
    fn pattern(&mut self, in_variant: bool) -> Option<Vec<Part>> {
        let mut parts = vec![];
        let mut text = String::new();
        while let Some(c) = self.rest().chars().next() {
            if in_variant && (c == '\n' || c == '}') {
                break;
            }
            if c == '}' {
                return None;
            }
            if c != '{' {
                text.push(c);
                self.i += c.len_utf8();
                continue;
            }
            self.i += 1;
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            if !self.eat("$") {
                return None;
            }
            let var = self.name()?;
            if self.eat("}") {
                parts.push(Part::Var(var));
                continue;
            }
            if !self.eat("->") {
                return None;
            }
            let (mut variants, mut default) = (vec![], None);
            loop {
                if self.eat("}") {
                    break;
                }
                if self.eat("*[") {
                    default = Some(variants.len());
                } else if !self.eat("[") {
                    return None;
                }
                let key = self.name()?;
                if !self.eat("]") {
                    return None;
                }
                self.skip_inline_ws();
                let mut value = self.pattern(true)?;
                if let Some(Part::Text(last)) = value.last_mut() {
                    last.truncate(last.trim_end().len());
                }
                variants.push((key, value));
            }
            parts.push(Part::Select { var, variants, default: default? });
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Some(parts)
    }

    fn skip_inline_ws(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start_matches(' ').len();
    }
}

/// The CLDR cardinal plural category of a whole number in one of our
/// languages (by primary language subtag); `other` for the rest.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    let (n10, n100) = (n % 10, n % 100);
    match lang.split('-').next().unwrap_or("") {
        "ar" => match (n, n100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "ru" | "uk" => match (n10, n100) {
            (1, _) if n100 != 11 => "one",
            (2..=4, _) if !(12..=14).contains(&n100) => "few",
            _ => "many",
        },
        "he" => match n {
            1 => "one",
            2 => "two",
            _ => "other",
        },
        "fr" | "pt" | "fa" | "hi" if n <= 1 => "one",
        "fr" | "pt" | "es" | "it" if n != 0 && n.is_multiple_of(1_000_000) => "many",
        "en" | "de" | "es" | "it" | "nl" | "tr" | "ur" if n == 1 => "one",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_messages_placeables_and_selectors() {
        let m = Messages::parse(
            "# comment\nhello = Hello, { $name }!\nplain = Just text\ncount =\n    { $n ->\n        [0] None\n        [one] One: { $n }\n       *[other] Many: { $n }\n    }\n",
        );
        assert_eq!(m.format("plain", "en", &[], None).as_deref(), Some("Just text"));
        assert_eq!(
            m.format("hello", "en", &[("name", "Sara".into())], None).as_deref(),
            Some("Hello, \u{2068}Sara\u{2069}!")
        );
        assert_eq!(m.format("hello", "en", &[], None).as_deref(), Some("Hello, \u{2068}{$name}\u{2069}!"));
        assert_eq!(m.format("count", "en", &[("n", 0u64.into())], None).as_deref(), Some("None"));
        assert_eq!(m.format("count", "en", &[("n", 1u64.into())], None).as_deref(), Some("One: \u{2068}1\u{2069}"));
        assert_eq!(m.format("count", "en", &[("n", 7u64.into())], None).as_deref(), Some("Many: \u{2068}7\u{2069}"));
        assert_eq!(m.format("count", "en", &[], None).as_deref(), Some("Many: \u{2068}{$n}\u{2069}"));
        assert_eq!(m.format("missing", "en", &[], None), None);
    }

    #[test]
    fn broken_entries_are_skipped_not_fatal() {
        let m = Messages::parse("bad = { $x\nworse = { $x -> [a] A }\nok = fine\n");
        assert!(!m.has("bad") && !m.has("worse"));
        assert_eq!(m.format("ok", "en", &[], None).as_deref(), Some("fine"));
    }

    #[test]
    fn plural_categories_of_our_languages() {
        assert_eq!(plural_category("ar", 0), "zero");
        // CLDR: few is n % 100 = 3..10, many is n % 100 = 11..99.
        assert_eq!(plural_category("ar", 103), "few");
        assert_eq!(plural_category("ar", 111), "many");
        assert_eq!(plural_category("ru", 21), "one");
        assert_eq!(plural_category("ru", 12), "many");
        assert_eq!(plural_category("ru", 22), "few");
        assert_eq!(plural_category("fa", 0), "one");
        assert_eq!(plural_category("pt-BR", 0), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("ja", 1), "other");
    }
}
