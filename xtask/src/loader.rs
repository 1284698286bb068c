//! Builds `salam.js`, the facade loader: fills in the hashed file names, the
//! shell stylesheet (minified) and the locale table, then minifies it with
//! terser. The result must stay within [`LOADER_BUDGET`] bytes of brotli: it
//! is all a page pays before the visitor shows interest.
//!
//! The locale table is the app's own knowledge, asked of `salam-core` here:
//! each shipped locale's launcher label (formatted by its `Localizer`) and
//! its direction (`direction`), so the launcher the loader draws is the one
//! the app draws. Language aliases come from the browser's Intl (CLDR's, as
//! ECMA-402 requires): a copy here would cost the loader 200 bytes of its
//! 3 KB, and the e2e test compares both sides on every alias the core knows.

use crate::{root, run, tools, Result};
use salam_core::i18n::{direction, Arg, Direction, Localizer, LOCALES};
use std::path::Path;
use std::process::Command;

#[path = "../../widget/build/css.rs"]
mod css;

/// The loader's brotli budget (JS and CSS together), from issue 4.
pub const LOADER_BUDGET: usize = 3 * 1024;

/// The loader's text, ready to ship.
pub fn build(wasm_name: &str, glue_name: &str) -> Result<String> {
    let source = read(&root().join("widget/loader/salam.js"))?;
    let shell = css::minify_css(&read(&root().join("styles/shell.css"))?);
    let filled = source
        .replace("__SALAM_WASM__", wasm_name)
        .replace("__SALAM_JS__", glue_name)
        .replace("__SALAM_CSS__", &js_string(&shell))
        .replace("__SALAM_LOCALES__", &locale_table());
    let dir = root().join("target").join("loader");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (input, output) = (dir.join("salam.js"), dir.join("salam.min.js"));
    std::fs::write(&input, filled).map_err(|e| e.to_string())?;
    run(Command::new("node")
        .arg(tools::terser())
        .arg(&input)
        // ES2020: the loader already needs `import()`; arrows are shorter.
        .args([
            "--ecma",
            "2020",
            "--compress",
            "passes=3,unsafe_arrows=true",
            "--mangle",
            "--comments",
            "false",
            "--output",
        ])
        .arg(&output))?;
    // A byte-order mark makes browsers read the file as UTF-8 (the labels)
    // whatever the host page's charset or the server's Content-Type says.
    Ok(format!("\u{feff}{}", read(&output)?))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `{en:["en","Chat with us"],fa:["fa","گفتگو با ما",1],...}`: every shipped
/// locale by its language (each language has one).
pub fn locale_table() -> String {
    let entries: Vec<String> = LOCALES
        .iter()
        .map(|(tag, _)| format!("{}:{}", tag.split('-').next().unwrap_or(tag), locale_entry(tag)))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// `["fa","گفتگو با ما",1]`: a locale, its zero-unread launcher label as the
/// app formats it, and 1 if it is right-to-left.
fn locale_entry(tag: &str) -> String {
    let label = Localizer::for_locale(tag).t_args("launcher-label", &[("unread", Arg::from(0u32))]);
    let rtl = if direction(tag) == Direction::Rtl { ",1" } else { "" };
    format!("[{},{}{rtl}]", js_string(tag), js_string(&label))
}

/// A JavaScript string literal; non-ASCII is escaped so the file means the
/// same whatever charset the host page makes the browser assume.
fn js_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_cores() {
        let table = locale_table();
        assert!(table.starts_with("{en:[\"en\",\"Chat with us\"],"), "{table}");
        let fa = Localizer::for_locale("fa").t_args("launcher-label", &[("unread", Arg::from(0u32))]);
        assert!(table.contains(&format!("fa:[\"fa\",{},1]", js_string(&fa))), "Persian, right-to-left: {table}");
        assert!(table.contains("pt:[\"pt-BR\","), "{table}");
        assert_eq!(js_string("a\"b\\ گ"), "\"a\\\"b\\\\ \\u06af\"");
    }
}
