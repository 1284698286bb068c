use salam_core::rich::{parse, Inline};
use web_sys::{Document, Element};

/// Puts a bot's or agent's answer into `parent` as DOM nodes: the tree from
/// [`salam_core::rich::parse`], as elements and text nodes, never HTML.
/// Links (already limited to http, https, mailto and tel by the parser)
/// open in a new tab and pass nothing to the page they open.
///
/// Built with the DOM directly rather than a Leptos view per node kind:
/// the tree is rebuilt only when the text changes, and six recursive view
/// types cost the bundle more than this whole function.
pub fn render_rich(parent: &Element, text: &str) {
    parent.set_text_content(None);
    if let Some(doc) = parent.owner_document() {
        append(&doc, parent, parse(text));
    }
}

fn append(doc: &Document, parent: &Element, tree: Vec<Inline>) {
    for inline in tree {
        let (tag, children) = match inline {
            Inline::Text(t) => {
                let _ = parent.append_with_str_1(&t);
                continue;
            }
            Inline::Code(t) => ("code", vec![Inline::Text(t)]),
            Inline::Strong(c) => ("strong", c),
            Inline::Emphasis(c) => ("em", c),
            Inline::Break => ("br", vec![]),
            Inline::Link { href, children } => {
                let Ok(a) = doc.create_element("a") else { continue };
                let _ = a.set_attribute("href", &href);
                let _ = a.set_attribute("target", "_blank");
                let _ = a.set_attribute("rel", "noopener noreferrer nofollow");
                append(doc, &a, children);
                let _ = parent.append_with_node_1(&a);
                continue;
            }
        };
        if let Ok(el) = doc.create_element(tag) {
            append(doc, &el, children);
            let _ = parent.append_with_node_1(&el);
        }
    }
}
