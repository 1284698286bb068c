//! Splits the linked widget wasm at its split points (`widget/src/split.rs`)
//! with `wasm_split_cli_support`, the library cargo-leptos splits Leptos
//! apps with: the main module, one chunk per split point (plus chunks of
//! code they share), and a small JS link module that fetches a chunk the
//! first time its split point is called.

use crate::Result;
use std::path::{Path, PathBuf};

/// The link module's name, as the main module imports it (next to the glue).
pub const LINK_MODULE: &str = "salam_split.js";

/// Stands for the glue's file name in the link module until it is known
/// (it is content-hashed after wasm-bindgen).
pub const GLUE_PLACEHOLDER: &str = "./__salam_glue__.js";

/// What the splitter made.
pub struct Split {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The chunks: (file stem the link module fetches, path).
    pub chunks: Vec<(String, PathBuf)>,
    /// The link module's text, glue name still a placeholder.
    pub link: String,
}

/// Splits `linked` (linked with `--emit-relocs`) into `dir`.
pub fn split(linked: &Path, dir: &Path) -> Result<Split> {
    let _ = std::fs::remove_dir_all(dir);
    let main_dir = dir.join("main");
    std::fs::create_dir_all(&main_dir).map_err(|e| e.to_string())?;
    let input = std::fs::read(linked).map_err(|e| format!("{}: {e}", linked.display()))?;
    let main = main_dir.join("salam_widget.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.main_module = GLUE_PLACEHOLDER;
    // As the glue imports it: a relative module specifier.
    let link_name = format!("./{LINK_MODULE}");
    options.link_name = &link_name;
    let made = wasm_split_cli_support::transform(options).map_err(|e| format!("splitting the wasm: {e:#}"))?;
    let chunks = made
        .split_modules
        .iter()
        .map(|p| (p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), p.clone()))
        .collect();
    let link = std::fs::read_to_string(dir.join(LINK_MODULE)).map_err(|e| e.to_string())?;
    Ok(Split { main, chunks, link })
}
