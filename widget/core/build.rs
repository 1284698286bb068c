//! Copies `locales/*/salam.ftl` into `OUT_DIR` without comment lines, which
//! are for translators: the wasm carries only the messages. Also writes
//! `locale_files.rs`, the name each locale is fetched under when it is not
//! embedded (see `build/locales.rs`).

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
    let table = format!("&[{}]", files.join(" "));
    std::fs::write(out.join("locale_files.rs"), table).expect("OUT_DIR is writable");
}
