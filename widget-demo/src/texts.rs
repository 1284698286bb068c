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
