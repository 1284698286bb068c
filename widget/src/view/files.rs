//! A message's files, built with the DOM: an upload under way (its name,
//! a progress bar and Cancel), and the files sent (images shown, with the
//! name as their text alternative; every file a download link).

use super::dom::{add, icon, set};
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::state::Message;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A sheet of paper with a folded corner.
const FILE_ICON: &str = "M6 2h8l4 4v16H6zM14 2v4h4";

/// Fills `el` with the files of `m`, unless it shows them already (the
/// row's other changes, such as its delivery, leave it alone).
pub fn fill(chat: Chat, el: &Element, m: &Message) {
    let shown = match &m.upload {
        Some(u) => format!("{}/{}", u.sent, u.size),
        None => m.attachments.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(" "),
    };
    if el.get_attribute("data-f").unwrap_or_default() == shown {
        return;
    }
    set(el, &[("data-f", &shown)]);
    el.set_text_content(None);
    let i18n = chat.i18n;
    let doc = document();
    if let Some(u) = &m.upload {
        let Some(row) = add(&doc, el, "span", "salam-upload", "") else { return };
        add(&doc, &row, "bdi", "salam-file-name", &u.name);
        if let Some(bar) = add(&doc, &row, "progress", "", "") {
            let (max, value) = (u.size.max(1).to_string(), u.sent.to_string());
            set(
                &bar,
                &[("max", &max), ("value", &value), ("aria-label", &i18n.t_str("upload-progress", "name", &u.name))],
            );
        }
        if let Some(b) = add(&doc, &row, "button", "salam-link", &i18n.t("upload-cancel")) {
            set(&b, &[("type", "button"), ("data-a", "cancel")]);
        }
        return;
    }
    for a in &m.attachments {
        let Some(href) = chat.files().borrow().resolve(&a.url) else { continue };
        if a.is_image() {
            if let Some(img) = add(&doc, el, "img", "salam-file-image", "") {
                set(&img, &[("alt", &a.name), ("hidden", "")]);
                let (url, img) = (a.url.clone(), img.unchecked_into::<web_sys::HtmlImageElement>());
                wasm_bindgen_futures::spawn_local(async move {
                    // Shown once decoded: on a host page whose CSP has no
                    // `blob:` in `img-src`, the link alone.
                    if let Some(src) = crate::files::blob_url(chat, &url).await {
                        img.set_src(&src);
                        match wasm_bindgen_futures::JsFuture::from(img.decode()).await {
                            Ok(_) => img.set_hidden(false),
                            Err(_) => img.remove(),
                        }
                    }
                });
            }
        }
        let Some(link) = add(&doc, el, "a", "salam-file", "") else { continue };
        set(
            &link,
            &[("href", &href), ("download", &a.name), ("data-a", "dl"), ("data-n", &a.name), ("data-u", &a.url)],
        );
        if let Some(svg) = icon(&doc, FILE_ICON, true) {
            let _ = link.append_with_node_1(&svg);
        }
        add(&doc, &link, "bdi", "salam-file-name", &a.name);
        add(&doc, &link, "span", "salam-file-size", &i18n.file_size(a.size));
    }
}
