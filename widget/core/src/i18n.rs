//! Localized strings through Fluent.
//!
//! Each language is one `locales/<lang>/salam.ftl`, embedded at compile time.
//! The bundle is Fluent's concurrent one, so a [`Localizer`] is `Send + Sync`
//! and can sit in a Leptos context. Isolation marks stay on: they keep a
//! Persian name inside an English sentence in the right order.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// Every locale the widget ships: (language tag, Fluent source).
pub const LOCALES: &[(&str, &str)] = &[("en", include_str!("../../../locales/en/salam.ftl"))];

/// The reference locale: every other one has exactly its message ids.
pub const DEFAULT_LOCALE: &str = "en";

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

/// Formats messages in one language.
pub struct Localizer {
    lang: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("lang", &self.lang.to_string()).finish()
    }
}

impl Localizer {
    /// A localizer for the best available match of `requested`, falling
    /// back to English.
    pub fn new(requested: &[&str]) -> Self {
        let chosen = requested
            .iter()
            .filter_map(|r| r.parse::<LanguageIdentifier>().ok())
            .find_map(|r| LOCALES.iter().find(|(tag, _)| r.language.as_str() == *tag))
            .unwrap_or(&LOCALES[0]);
        Self::build(chosen.0, chosen.1)
    }

    fn build(tag: &str, source: &str) -> Self {
        let lang: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang.clone()]);
        // Embedded files are checked by the test suite; a broken entry is
        // skipped (its id then shows as itself) rather than breaking the widget.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        Self { lang, bundle }
    }

    /// The language tag in use.
    pub fn lang(&self) -> String {
        self.lang.to_string()
    }

    /// Text direction of the language in use.
    pub fn dir(&self) -> Direction {
        Direction::Ltr
    }

    /// The message `id`, or `id` itself if it is missing.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(id, Some(&fa))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = vec![];
        self.bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentValue;

    #[test]
    fn english_plurals_pick_the_right_form() {
        let l = Localizer::new(&["en-US"]);
        let label = |n: u32| l.t_args("launcher-label", &[("unread", FluentValue::from(n))]);
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
}
