//! The server's own texts (the bot's phrases, the e-mails), per language:
//! `locales/<lang>/<file>.ftl`, formatted by fluent-bundle.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// One language's file as a bundle, without isolation marks: names and
/// numbers go into stored text and e-mails as typed.
pub fn bundle(tag: &str, source: &str, file: &str) -> Result<FluentBundle<FluentResource>, String> {
    let resource =
        FluentResource::try_new(source.to_string()).map_err(|(_, e)| format!("locales/{tag}/{file}: {e:?}"))?;
    let lang: LanguageIdentifier = tag.parse().map_err(|_| format!("bad tag {tag}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).map_err(|e| format!("locales/{tag}/{file}: {e:?}"))?;
    Ok(bundle)
}

/// Message `id` (its id itself if missing).
pub fn format(bundle: &FluentBundle<FluentResource>, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { return id.to_string() };
    let mut errors = vec![];
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

/// The item for `locale` (a BCP 47 tag): the same tag, else the same
/// language, else the first (English).
pub fn pick<'a, T>(items: &'a [T], locale: &str, tag: impl Fn(&T) -> &str) -> &'a T {
    let lang = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    items
        .iter()
        .find(|i| tag(i).eq_ignore_ascii_case(locale))
        .or_else(|| items.iter().find(|i| tag(i).split('-').next() == Some(lang.as_str())))
        .unwrap_or(&items[0])
}

/// `locales/<lang>/<file>` of every shipped language, compiled in, by tag
/// (English first: the fallback of [`pick`]).
macro_rules! shipped {
    ($file:literal) => {
        &[
            ("en", include_str!(concat!("../../locales/en/", $file))),
            ("ar", include_str!(concat!("../../locales/ar/", $file))),
            ("de", include_str!(concat!("../../locales/de/", $file))),
            ("es", include_str!(concat!("../../locales/es/", $file))),
            ("fa", include_str!(concat!("../../locales/fa/", $file))),
            ("fr", include_str!(concat!("../../locales/fr/", $file))),
            ("he", include_str!(concat!("../../locales/he/", $file))),
            ("hi", include_str!(concat!("../../locales/hi/", $file))),
            ("id", include_str!(concat!("../../locales/id/", $file))),
            ("ja", include_str!(concat!("../../locales/ja/", $file))),
            ("pt-BR", include_str!(concat!("../../locales/pt-BR/", $file))),
            ("ru", include_str!(concat!("../../locales/ru/", $file))),
            ("tr", include_str!(concat!("../../locales/tr/", $file))),
            ("ur", include_str!(concat!("../../locales/ur/", $file))),
            ("zh-CN", include_str!(concat!("../../locales/zh-CN/", $file))),
        ]
    };
}
pub(crate) use shipped;

/// Checks that every file of `files` has exactly the English file's
/// message ids, and that every language the widget ships has a file.
#[cfg(test)]
pub fn assert_same_ids(files: &[(&str, &str)], file: &str) -> Vec<String> {
    let ids = |source: &str| -> Vec<String> {
        let r = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
        let mut ids: Vec<String> = r
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    };
    let english = ids(files[0].1);
    for (tag, source) in files {
        assert_eq!(ids(source), english, "locales/{tag}/{file}");
    }
    let mut tags: Vec<&str> = files.iter().map(|(t, _)| *t).collect();
    let mut shipped: Vec<&str> = salam_core::i18n::LOCALES.iter().map(|(t, _)| *t).collect();
    tags.sort();
    shipped.sort();
    assert_eq!(tags, shipped, "every shipped widget language has its {file}");
    english
}

/// The agent console's languages: `locales/<lang>/console.ftl`, English first.
pub const CONSOLE: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/console.ftl")),
    ("fa", include_str!("../../locales/fa/console.ftl")),
    ("ar", include_str!("../../locales/ar/console.ftl")),
];

/// The console's texts in `lang` (one of [`CONSOLE`]), as a JSON object
/// of message id to text, formatted by fluent-bundle. A placeable
/// `{ $name }` comes out as U+E000 `name` U+E001, for the console to fill
/// with the value it has then.
pub fn console_texts(lang: &str) -> Option<String> {
    static FORMATTED: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let all = FORMATTED.get_or_init(|| {
        CONSOLE.iter().filter_map(|(tag, source)| Some((*tag, format_console(tag, source).ok()?))).collect()
    });
    all.iter().find(|(tag, _)| *tag == lang).map(|(_, json)| json.clone())
}

fn format_console(tag: &str, source: &str) -> Result<String, String> {
    // Without isolation marks: the console sets `dir="auto"` on whatever
    // holds a name or a visitor's text, and its tests read the texts as typed.
    let bundle = bundle(tag, source, "console.ftl")?;
    let resource = FluentResource::try_new(source.to_string()).map_err(|(_, e)| format!("{e:?}"))?;
    let mut args = FluentArgs::new();
    let mut out = serde_json::Map::new();
    for entry in resource.entries() {
        let fluent_syntax::ast::Entry::Message(m) = entry else { continue };
        let mut names = vec![];
        if let Some(pattern) = &m.value {
            variables(pattern, &mut names);
        }
        for name in names {
            args.set(name.clone(), format!("\u{E000}{name}\u{E001}"));
        }
        out.insert(m.id.name.to_string(), serde_json::Value::String(format(&bundle, m.id.name, Some(&args))));
    }
    serde_json::to_string(&out).map_err(|e| e.to_string())
}

/// The variables a pattern uses (`{ $name }`, also in selectors and variants).
fn variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            InlineExpression::Placeable { expression } => expression_vars(expression, out),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

#[cfg(test)]
mod console_tests {
    use super::*;

    /// The same ids in every console language, each with English's
    /// placeables; every id the console's code and page use exists.
    #[test]
    fn the_console_texts_are_complete_in_every_language_and_cover_the_page() {
        let ids_and_vars = |source: &str| -> std::collections::BTreeMap<String, Vec<String>> {
            let r = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
            r.entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => {
                        let mut vars = vec![];
                        if let Some(p) = &m.value {
                            variables(p, &mut vars);
                        }
                        vars.sort();
                        Some((m.id.name.to_string(), vars))
                    }
                    _ => None,
                })
                .collect()
        };
        let english = ids_and_vars(CONSOLE[0].1);
        for (tag, source) in CONSOLE {
            assert_eq!(
                ids_and_vars(source),
                english,
                "locales/{tag}/console.ftl: ids or placeables differ from English"
            );
        }
        let js = include_str!("../agent/agent.js");
        let html = include_str!("../agent/index.html");
        let mut used: Vec<String> = vec![];
        for (source, marks) in [(js, ["tl('", "tl(`error-"]), (html, ["data-i18n=\"", "data-i18n-label=\""])] {
            for mark in marks {
                for rest in source.split(mark).skip(1) {
                    let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                    if !id.is_empty() && !mark.contains('`') {
                        used.push(id);
                    }
                }
            }
        }
        // Ids the code picks at run time.
        used.extend(
            [
                "agents-typing",
                "enable-name",
                "disable-name",
                "mean-first-response",
                "mean-resolution",
                "csat",
                "file-refused",
                "status-open",
                "status-pending",
                "status-solved",
            ]
            .map(String::from),
        );
        for id in &used {
            assert!(english.contains_key(id), "the console uses `{id}`, which console.ftl lacks");
        }
        // Formatted: placeables come out as markers.
        let fa: serde_json::Value = serde_json::from_str(&console_texts("fa").unwrap()).unwrap();
        assert!(fa["assigned-to-name"].as_str().unwrap().contains("\u{E000}name\u{E001}"));
        assert!(console_texts("xx").is_none());
    }
}
