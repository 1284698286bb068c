//! Attachments' glue: the fetches that show or save a file sent in the
//! conversation, with the visitor's token as a bearer (a file's address
//! alone opens nothing on the reference server).

use crate::chat::Chat;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where files are, and the `blob:` address of each file fetched, by its
/// URL (a few: a list, not a map, which would add a hash table's code to
/// the wasm).
#[derive(Default)]
pub(crate) struct Files {
    base: Option<String>,
    blobs: Vec<(String, String)>,
}

impl Files {
    /// Where relative file URLs start (`.../api/v1`).
    pub fn set_base(&mut self, base: &str) {
        self.base = Some(base.trim_end_matches('/').to_string());
    }

    /// A file's address: absolute `https:`/`http:` as given, or relative
    /// to the API's base; anything else is none.
    pub fn resolve(&self, url: &str) -> Option<String> {
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some(url.to_string());
        }
        if url.contains(':') || url.starts_with('/') {
            return None;
        }
        Some(format!("{}/{url}", self.base.as_deref()?))
    }
}

/// The `blob:` address of the file at `url` (fetched once with the
/// visitor's token), or `None` if it cannot be had.
pub async fn blob_url(chat: Chat, url: &str) -> Option<String> {
    let files = chat.files();
    let url = files.borrow().resolve(url)?;
    if let Some((_, known)) = files.borrow().blobs.iter().find(|(u, _)| *u == url) {
        return Some(known.clone());
    }
    let token = chat.state().with_untracked(|s| s.token.clone())?;
    let res = gloo_net::http::Request::get(&url)
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .ok()
        .filter(|r| r.ok())?;
    let raw: web_sys::Response = res.into();
    let blob = wasm_bindgen_futures::JsFuture::from(raw.blob().ok()?).await.ok()?;
    let blob_url = web_sys::Url::create_object_url_with_blob(blob.unchecked_ref()).ok()?;
    files.borrow_mut().blobs.push((url, blob_url.clone()));
    Some(blob_url)
}

/// Saves the file at `url` as `name`.
pub fn download(chat: Chat, url: String, name: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(href) = blob_url(chat, &url).await else { return };
        if let Ok(a) = document().create_element("a") {
            crate::view::dom_set(&a, &[("href", &href), ("download", &name)]);
            a.unchecked_ref::<web_sys::HtmlElement>().click();
        }
    });
}
