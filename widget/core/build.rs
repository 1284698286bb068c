//! Copies `locales/*/salam.ftl` into `OUT_DIR` without comment lines, which
//! are for translators: the wasm carries only the messages. Also writes
//! `locale_files.rs`, the name each locale is fetched under when it is not
//! embedded (see `build/locales.rs`), and `language_aliases.rs`: CLDR's
//! language aliases that lead to a language we ship.

#[path = "build/locales.rs"]
mod locales;

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let dir = manifest.join("../../locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=build/locales.rs");
    let mut files = vec![];
    for entry in std::fs::read_dir(&dir).expect("locales/ exists").flatten() {
        let source = entry.path().join("salam.ftl");
        let Ok(text) = std::fs::read_to_string(&source) else { continue };
        println!("cargo:rerun-if-changed={}", source.display());
        let tag = entry.file_name().to_string_lossy().into_owned();
        let stripped = locales::strip(&text);
        files.push(format!("({tag:?}, {:?}),", locales::file_name(&tag, &stripped)));
        std::fs::write(out.join(format!("{tag}.ftl")), stripped).expect("OUT_DIR is writable");
    }
    files.sort();
    let languages: Vec<String> = files
        .iter()
        .filter_map(|f| f.split('"').nth(1))
        .map(|tag| tag.split('-').next().unwrap_or("").to_string())
        .collect();
    let table = format!("&[{}]", files.join(" "));
    std::fs::write(out.join("locale_files.rs"), table).expect("OUT_DIR is writable");
    write_aliases(&manifest, &out, &languages);
}

/// `(alias, replacement)` for every CLDR `languageAlias` of one language
/// subtag whose replacement's language is one of `shipped`, sorted: the
/// others cannot change which locale a visitor gets.
fn write_aliases(manifest: &std::path::Path, out: &std::path::Path, shipped: &[String]) {
    let path = manifest.join("../../third_party/cldr-48/aliases.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("aliases.json is JSON");
    let aliases = json["supplemental"]["metadata"]["alias"]["languageAlias"].as_object().expect("languageAlias");
    let mut entries: Vec<(String, String)> = aliases
        .iter()
        .filter(|(alias, _)| alias.len() <= 3 && alias.bytes().all(|b| b.is_ascii_lowercase()))
        .filter_map(|(alias, v)| Some((alias.clone(), v["_replacement"].as_str()?.replace('_', "-"))))
        .filter(|(_, to)| shipped.iter().any(|l| to.split('-').next() == Some(l.as_str())))
        .collect();
    entries.sort();
    let rows: Vec<String> = entries.iter().map(|(a, r)| format!("({a:?}, {r:?}),")).collect();
    std::fs::write(out.join("language_aliases.rs"), format!("&[{}]", rows.join(" "))).expect("OUT_DIR is writable");
}
