//! What the core's rich-text parser (`salam_core::rich`) makes of every
//! payload of the XSS corpus, for the end-to-end test that sends them as
//! bot replies (`tests/e2e/xss.test.mjs`): the text a visitor sees and the
//! links, which the rendered DOM must match exactly.

use crate::{root, Result};
use salam_core::rich::{parse, Inline};
use serde_json::{json, Value};

fn walk(tree: &[Inline], text: &mut String, links: &mut Vec<String>) {
    for node in tree {
        match node {
            Inline::Text(t) | Inline::Code(t) => text.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) => walk(c, text, links),
            Inline::Link { href, children } => {
                links.push(href.clone());
                walk(children, text, links);
            }
            Inline::Break => text.push('\n'),
        }
    }
}

/// Writes `[{"text": "...", "links": ["https://..."]}]`, one per payload,
/// for the payload as the widget sends it (line breaks normalized, trimmed).
pub fn write_cases(path: &std::path::Path) -> Result {
    let corpus = root().join("tests/corpora/xss/payloads.json");
    let payloads: Vec<String> = serde_json::from_slice(&std::fs::read(&corpus).map_err(|e| e.to_string())?)
        .map_err(|e| format!("{}: {e}", corpus.display()))?;
    let cases: Vec<Value> = payloads
        .iter()
        .map(|p| {
            let sent = p.replace("\r\n", "\n").replace('\r', "\n");
            let (mut text, mut links) = (String::new(), vec![]);
            walk(&parse(sent.trim()), &mut text, &mut links);
            json!({ "text": text, "links": links })
        })
        .collect();
    std::fs::create_dir_all(path.parent().unwrap_or(path)).map_err(|e| e.to_string())?;
    std::fs::write(path, serde_json::to_vec(&cases).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}
