//! Every locale's rules against the browser's `Intl.PluralRules` (ICU 78,
//! CLDR 48; `tests/fixtures/generate.mjs` wrote the fixture) for 0..=1000
//! and for decimals with visible fraction digits, and against
//! intl_pluralrules 7.0.2, the crate this one replaces: where the two crates
//! differ, ICU must side with this one.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde_json::Value;
use unic_langid::LanguageIdentifier;

fn fixture() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/intl-pluralrules.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn letter(c: PluralCategory) -> char {
    match c {
        PluralCategory::ZERO => 'z',
        PluralCategory::ONE => 'o',
        PluralCategory::TWO => 't',
        PluralCategory::FEW => 'f',
        PluralCategory::MANY => 'm',
        PluralCategory::OTHER => 'x',
    }
}

/// (locale, type, the fixture's integer and decimal patterns).
fn cases(f: &Value) -> Vec<(String, PluralRuleType, String, String)> {
    let patterns: Vec<&str> = f["patterns"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let mut out = vec![];
    for (key, prt) in [("cardinal", PluralRuleType::CARDINAL), ("ordinal", PluralRuleType::ORDINAL)] {
        for (tag, idx) in f[key].as_object().unwrap() {
            let ints = patterns[idx[0].as_u64().unwrap() as usize].to_string();
            let decs = patterns[idx[1].as_u64().unwrap() as usize].to_string();
            out.push((tag.clone(), prt, ints, decs));
        }
    }
    out
}

#[test]
fn every_locale_agrees_with_icu_on_integers_and_decimals() {
    let f = fixture();
    assert_eq!(f["cldr"].as_str().unwrap().split('.').next(), Some("48"), "the fixture's CLDR is the data's");
    let decimals: Vec<&str> = f["decimals"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    let cases = cases(&f);
    assert!(cases.len() > 300, "{}", cases.len());
    let mut mismatches = vec![];
    for (tag, prt, ints, decs) in &cases {
        let rules = PluralRules::create(tag.parse::<LanguageIdentifier>().unwrap(), *prt)
            .unwrap_or_else(|e| panic!("{tag}: {e}"));
        for (n, want) in ints.chars().enumerate() {
            let got = letter(rules.select(n as u64).unwrap());
            if got != want {
                mismatches.push(format!("{tag} {n}: {got}, ICU {want}"));
            }
        }
        for (d, want) in decimals.iter().zip(decs.chars()) {
            let got = letter(rules.select(*d).unwrap());
            if got != want {
                mismatches.push(format!("{tag} {d}: {got}, ICU {want}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{} differences:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn where_intl_pluralrules_7_differs_icu_sides_with_us() {
    use upstream::{PluralRuleType as UpType, PluralRules as Up};
    let f = fixture();
    let (mut differences, mut locales) = (0, std::collections::BTreeSet::new());
    for (tag, prt, ints, _) in cases(&f) {
        let langid: LanguageIdentifier = tag.parse().unwrap();
        let up_type = if prt == PluralRuleType::CARDINAL { UpType::CARDINAL } else { UpType::ORDINAL };
        let Ok(theirs) = Up::create(langid.clone(), up_type) else { continue }; // newer than CLDR 37
        let ours = PluralRules::create(langid, prt).unwrap();
        for (n, icu) in ints.chars().enumerate() {
            let mine = letter(ours.select(n as u64).unwrap());
            let old = format!("{:?}", theirs.select(n as u64).unwrap());
            if !old.eq_ignore_ascii_case(&format!("{:?}", ours.select(n as u64).unwrap())) {
                assert_eq!(mine, icu, "{tag} {n}: we say {mine}, 7.0.2 says {old}, ICU says {icu}");
                differences += 1;
                locales.insert(tag.clone());
            }
        }
    }
    // The fix is real: Arabic 103 and its kind are among the differences.
    assert!(locales.contains("ar") && locales.contains("lv") && locales.contains("mt"), "{locales:?}");
    assert!(differences > 100, "{differences}");
}
