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
        for id in ids_used_in(&source) {
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
