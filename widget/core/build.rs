//! Copies `locales/*/salam.ftl` into `OUT_DIR` without comment lines, which
//! are for translators: the wasm carries only the messages.

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let locales = manifest.join("../../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    for entry in std::fs::read_dir(&locales).expect("locales/ exists").flatten() {
        let source = entry.path().join("salam.ftl");
        let Ok(text) = std::fs::read_to_string(&source) else { continue };
        println!("cargo:rerun-if-changed={}", source.display());
        // A line starting with `#` is a Fluent comment; message bodies are
        // indented, so no message line is lost.
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        let name = format!("{}.ftl", entry.file_name().to_string_lossy());
        std::fs::write(out.join(name), kept.join("\n") + "\n").expect("OUT_DIR is writable");
    }
}
