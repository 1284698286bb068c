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
