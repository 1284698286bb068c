//! Minifies the app's stylesheet into `OUT_DIR`, so the wasm carries the
//! rules and not the comments (see `build/css.rs`).

#[path = "build/css.rs"]
mod css;

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    for name in ["shell.css", "salam.css"] {
        let path = manifest.join("../styles").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        std::fs::write(out.join(name), css::minify_css(&source)).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=build/css.rs");
}
