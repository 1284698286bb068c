//! Builds `salam.js`, the facade loader: fills in the hashed file names, the
//! shell stylesheet (minified) and each locale's launcher label, then
//! minifies it with terser. The result must stay within [`LOADER_BUDGET`]
//! bytes of brotli: it is all a page pays before the visitor shows interest.

use crate::{root, run, tools, Result};
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
        .replace("__SALAM_LABELS__", &launcher_labels()?);
    let dir = root().join("target").join("loader");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (input, output) = (dir.join("salam.js"), dir.join("salam.min.js"));
    std::fs::write(&input, filled).map_err(|e| e.to_string())?;
    run(Command::new("node")
        .arg(tools::terser())
        .arg(&input)
        .args(["--compress", "passes=3", "--mangle", "--comments", "false", "--output"])
        .arg(&output))?;
    // A byte-order mark makes browsers read the file as UTF-8 (the labels)
    // whatever the host page's charset or the server's Content-Type says.
    Ok(format!("\u{feff}{}", read(&output)?))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `{"ar":"...","de":"Chatten Sie mit uns",...}`: the zero-unread launcher
/// label of every locale in `locales/`.
fn launcher_labels() -> Result<String> {
    let dir = root().join("locales");
    let mut tags: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter(|e| e.path().join("salam.ftl").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    tags.sort();
    let mut entries = vec![];
    for tag in tags {
        let ftl = read(&dir.join(&tag).join("salam.ftl"))?;
        let label =
            launcher_label(&ftl).ok_or_else(|| format!("locales/{tag}/salam.ftl: no [0] variant of launcher-label"))?;
        entries.push(format!("{}:{}", js_string(&tag), js_string(&label)));
    }
    Ok(format!("{{{}}}", entries.join(",")))
}

/// The `[0]` variant of `launcher-label` (no unread messages).
fn launcher_label(ftl: &str) -> Option<String> {
    let start = ftl.find("\nlauncher-label =")? + 1;
    ftl[start..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .find_map(|l| Some(l.trim().strip_prefix("[0]")?.trim().to_string()))
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
    fn labels_come_from_the_locales() {
        let ftl = "# c\n\nlauncher-label =\n    { $unread ->\n        [0] Chat with us\n       *[other] x\n    }\nclose-label = Close chat\n";
        assert_eq!(launcher_label(ftl).as_deref(), Some("Chat with us"));
        assert_eq!(js_string("a\"b\\ گ"), "\"a\\\"b\\\\ \\u06af\"");
    }
}
