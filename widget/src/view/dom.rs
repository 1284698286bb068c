//! Small helpers for the views built with the DOM directly (the forms, the
//! menu, the ending): each Leptos view with reactive parts instantiates
//! more code than the few DOM calls it stands for.

use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";

/// A new `<tag class=class>` with `text`, appended to `parent`.
pub fn add(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_with_node_1(&el).ok()?;
    Some(el)
}

/// Sets attributes, ignoring the failures the DOM cannot have here.
pub fn set(el: &Element, attributes: &[(&str, &str)]) {
    for (name, value) in attributes {
        let _ = el.set_attribute(name, value);
    }
}

/// A decorative 24×24 icon of one path (`stroke`: drawn with lines).
pub fn icon(doc: &Document, d: &str, stroke: bool) -> Option<Element> {
    let svg = doc.create_element_ns(Some(SVG), "svg").ok()?;
    set(&svg, &[("class", "salam-icon"), ("viewBox", "0 0 24 24"), ("aria-hidden", "true")]);
    let path = doc.create_element_ns(Some(SVG), "path").ok()?;
    path.set_attribute("d", d).ok()?;
    if stroke {
        path.set_attribute("class", "salam-stroke").ok()?;
    }
    svg.append_with_node_1(&path).ok()?;
    Some(svg)
}

/// The `data-a` action of the element an event came from (or of its
/// nearest ancestor with one), and that element.
pub fn action(ev: &web_sys::Event) -> Option<(String, Element)> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let el = target.closest("[data-a]").ok()??;
    Some((el.get_attribute("data-a")?, el))
}
