//! Every locale parses, has exactly the English message ids, and every id the
//! code asks for exists.

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use salam_core::i18n::{DEFAULT_LOCALE, LOCALES};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ids(tag: &str, source: &str) -> BTreeSet<String> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{tag}: Fluent syntax errors: {errors:?}"));
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_locale_parses_and_has_the_english_ids() {
    let english = ids(DEFAULT_LOCALE, LOCALES.iter().find(|(t, _)| *t == DEFAULT_LOCALE).unwrap().1);
    assert!(english.len() > 10);
    for (tag, source) in LOCALES {
        let these = ids(tag, source);
        let missing: Vec<_> = english.difference(&these).collect();
        let extra: Vec<_> = these.difference(&english).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{tag}: missing {missing:?}, extra {extra:?}");
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Message ids the code uses: the first string argument of `.t(`/`.t_args(`/`.t_num(`
/// calls and of `Failed(`, and `=> "id"` arms in `message_id` functions.
fn ids_used_in(source: &str) -> Vec<String> {
    let mut found = vec![];
    for marker in [".t(\"", ".t_args(\"", ".t_num(\"", "Failed(\"", "=> \"composer-", "=> \"message-"] {
        let mut rest = source;
        while let Some(i) = rest.find(marker) {
            let start = i + marker.len() - if marker.starts_with("=>") { marker.len() - 4 } else { 0 };
            let tail = &rest[start..];
            if let Some(end) = tail.find('"') {
                let id = &tail[..end];
                if !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    found.push(id.to_string());
                }
            }
            rest = &rest[i + marker.len()..];
        }
    }
    found
}

#[test]
fn every_id_used_in_the_code_exists_in_english() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![];
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("core/src"), &mut files);
    let english = ids(DEFAULT_LOCALE, LOCALES[0].1);
    let mut used = BTreeSet::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        // Unit tests may format synthetic messages of their own.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for id in ids_used_in(code) {
            if id != "no-such-id" {
                used.insert((id, f.display().to_string()));
            }
        }
    }
    assert!(used.len() > 10, "the scan found too few ids: {used:?}");
    let unknown: Vec<_> = used.iter().filter(|(id, _)| !english.contains(id)).collect();
    assert!(unknown.is_empty(), "ids used but not in en/salam.ftl: {unknown:?}");
}

#[test]
fn the_scan_finds_ids_in_each_form() {
    let sample = r#"l.t("a-b"); l.t_args("c-d", &[]); x.t_num("i-j", "n", 1); create_element("div"); Failed("e-f"); X => "composer-g", Y => "message-h","#;
    assert_eq!(ids_used_in(sample), ["a-b", "c-d", "i-j", "e-f", "composer-g", "message-h"]);
}

/// The CLDR 48 plural categories the browser's `Intl.PluralRules` gives
/// (the fixture of `widget/core/plurals`): for `tag`, its integers 0..=1000
/// as one letter each (z, o, t, f, m, x for other).
fn cldr_categories(tag: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("plurals/tests/fixtures/intl-pluralrules.json");
    let f: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let language = tag.split('-').next().unwrap();
    let entry = f["cardinal"].get(tag).or_else(|| f["cardinal"].get(language)).unwrap_or_else(|| panic!("{tag}"));
    f["patterns"][entry[0].as_u64().unwrap() as usize].as_str().unwrap().to_string()
}

fn category_name(letter: char) -> &'static str {
    match letter {
        'z' => "zero",
        'o' => "one",
        't' => "two",
        'f' => "few",
        'm' => "many",
        _ => "other",
    }
}

/// fluent-bundle, as the widget sets it up for each shipped locale, picks
/// CLDR's plural category for every whole number from 0 to 1000 (Arabic
/// 103 is "few": intl_pluralrules 7.0.2 said "other").
#[test]
fn every_shipped_locale_selects_cldrs_plural_category_for_0_to_1000() {
    use salam_core::i18n::{Arg, Localizer};
    let probe = "n = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
    let mut wrong = vec![];
    for (tag, _) in LOCALES {
        let l = Localizer::from_source(tag, probe);
        assert_eq!(l.lang(), *tag);
        for (n, letter) in cldr_categories(tag).chars().enumerate() {
            let got = l.t_args("n", &[("n", Arg::from(n as u64))]);
            if got != category_name(letter) {
                wrong.push(format!("{tag} {n}: {got}, CLDR {}", category_name(letter)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
    let ar = Localizer::for_locale("ar");
    let few = ar.t_args("launcher-label", &[("unread", Arg::from(103u32))]);
    assert!(few.contains("رسائل"), "Arabic 103 takes the few form: {few}");
}

/// Every selector on a number has a variant for each category its
/// language uses for whole numbers, so no count falls to a wrong default.
#[test]
fn every_plural_message_covers_its_languages_categories() {
    let categories = ["zero", "one", "two", "few", "many", "other"];
    let mut missing = vec![];
    for (tag, source) in LOCALES {
        let needed: BTreeSet<&str> = cldr_categories(tag).chars().map(category_name).collect();
        let resource = FluentResource::try_new(source.to_string()).unwrap();
        for entry in resource.entries() {
            let ast::Entry::Message(m) = entry else { continue };
            let Some(pattern) = &m.value else { continue };
            for element in &pattern.elements {
                let ast::PatternElement::Placeable { expression: ast::Expression::Select { variants, .. } } = element
                else {
                    continue;
                };
                let keys: BTreeSet<&str> = variants
                    .iter()
                    .filter_map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => Some(*name),
                        ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                if keys.iter().any(|k| categories.contains(k)) {
                    for need in needed.difference(&keys) {
                        missing.push(format!("{tag} {}: no [{need}]", m.id.name));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}

/// Every message of every locale formats without a Fluent error, with the
/// arguments the code passes.
#[test]
fn every_message_formats_without_errors() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentValue};
    for (tag, source) in LOCALES {
        let mut bundle = FluentBundle::new(vec![tag.parse().unwrap()]);
        bundle.add_resource(FluentResource::try_new(source.to_string()).unwrap()).unwrap();
        for id in ids(tag, source) {
            let pattern = bundle.get_message(&id).and_then(|m| m.value()).unwrap();
            let mut args = FluentArgs::new();
            for var in ["unread", "max", "n", "position", "minutes", "score", "count"] {
                args.set(var, FluentValue::from(3));
            }
            args.set("name", FluentValue::from("Sara"));
            for var in ["time", "in", "day", "date", "reference", "email", "mb", "status"] {
                args.set(var, FluentValue::from("9:00"));
            }
            let mut errors = vec![];
            bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{tag} {id}: {errors:?}");
        }
    }
}
