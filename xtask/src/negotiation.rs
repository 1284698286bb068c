//! What the app's language negotiation (`salam_core::i18n::negotiate`)
//! decides for many lists of languages, written for the end-to-end test
//! that runs the built loader on the same lists in Chromium
//! (`tests/e2e/agreement.test.mjs`): the launcher the loader draws must be
//! the one the app draws.

use crate::{root, Result};
use salam_core::i18n::{direction, negotiate, requested_languages, Arg, Localizer, LANGUAGE_ALIASES, PSEUDO_LOCALE};
use serde_json::{json, Value};

/// Tags a browser or a site could hand over that the corpora do not hold.
const EDGE_CASES: &[&[&str]] = &[
    &["iw"],
    &["in"],
    &["zh_CN"],
    &["ps"],
    &["prs"],
    &["pes"],
    &["prs-AF", "en"],
    &["zh-Hans-HK"],
    &["zh-Hant"],
    &["zh-TW", "ja"],
    &["cmn-Hant-TW", "fr"],
    &["zh-SG"],
    &["und", "fa"],
    &["en-", "de"],
    &["!!", "ar-EG"],
    &["en-XX-YY", "ru"],
    &["pt-PT"],
    &["sr-Latn", "tr"],
    &["ar-MA"],
    &["ur-IN"],
    &["he-IL", "en"],
    &[],
];

/// Writes `[{"languages": [...], "lang": "he", "dir": "rtl", "label": "..."}]`.
pub fn write_cases(path: &std::path::Path) -> Result {
    let mut lists: Vec<Vec<String>> = EDGE_CASES.iter().map(|l| l.iter().map(|t| t.to_string()).collect()).collect();
    let corpus = |name: &str| -> Result<Value> {
        let file = root().join("tests/corpora/langneg").join(name);
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect()).unwrap_or_default()
    };
    for case in corpus("fluent_langneg_cases.json")?["cases"].as_array().cloned().unwrap_or_default() {
        lists.push(strings(&case["requested"]));
    }
    for case in corpus("rtl_scripts_and_languages.json")?["derived_direction_cases"]["cases"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        lists.extend(case["tag"].as_str().map(|t| vec![t.to_string()]));
    }
    lists.extend(LANGUAGE_ALIASES.iter().map(|(alias, _)| vec![alias.to_string()]));
    let cases: Vec<Value> = lists
        .into_iter()
        // The pseudo-locale (first, by name) is the app's alone: the loader
        // draws English for it (see widget/loader/salam.js).
        .filter(|l| !l.first().is_some_and(|t| t.eq_ignore_ascii_case(PSEUDO_LOCALE)))
        .map(|languages| {
            let lang = negotiate(&requested_languages(None, &languages, None));
            let label = Localizer::for_locale(lang).t_args("launcher-label", &[("unread", Arg::from(0u32))]);
            json!({ "languages": languages, "lang": lang, "dir": direction(lang).as_str(), "label": label })
        })
        .collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let text = serde_json::to_string_pretty(&cases).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("{} language lists", cases.len());
    Ok(())
}
