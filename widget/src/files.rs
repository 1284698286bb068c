//! Attachments' glue: the files the visitor picked, their uploads (an
//! `XMLHttpRequest`, the one browser API that reports upload progress and
//! can be cancelled), and the fetches that show or save a file (with the
//! visitor's token as a bearer, so a file's address alone opens nothing).
//! What may be sent, and what each step means, is decided by the reducer.

use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::state::Event;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, XmlHttpRequest};

/// A picked file and its upload under way, if any.
pub(crate) struct Picked {
    file: File,
    xhr: Option<XmlHttpRequest>,
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

/// Every picked file not uploaded yet, by its message's client id; and the
/// `blob:` address of each file fetched, by its URL. (A few of each: lists,
/// not maps, which would add a hash table's code to the wasm.)
#[derive(Default)]
pub(crate) struct Files {
    base: Option<String>,
    picked: Vec<(String, Picked)>,
    blobs: Vec<(String, String)>,
}

impl Files {
    /// Where uploads go, and relative file URLs start (`.../api/v1`).
    pub fn set_base(&mut self, base: &str) {
        self.base = Some(base.trim_end_matches('/').to_string());
    }

    fn picked(&mut self, id: &str) -> Option<&mut Picked> {
        self.picked.iter_mut().find(|(k, _)| k == id).map(|(_, p)| p)
    }

    fn forget(&mut self, id: &str) -> Option<Picked> {
        let i = self.picked.iter().position(|(k, _)| k == id)?;
        Some(self.picked.swap_remove(i).1)
    }

    /// Whether this backend takes files.
    pub fn enabled(&self) -> bool {
        self.base.is_some()
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

/// Takes a file the visitor picked, dropped or pasted: the reducer checks
/// it, and if it may be sent, its upload starts.
pub fn attach(chat: Chat, file: File) {
    let id = crate::chat::new_client_id();
    let (name, mime, size) = (file.name(), file.type_(), file.size() as u64);
    chat.files().borrow_mut().picked.push((id.clone(), Picked { file, xhr: None, handlers: vec![] }));
    chat.dispatch(Event::Attach { client_id: id.clone(), at: crate::chat::now_ms(), name, mime, size });
    if !chat.peek(|s| s.wants_upload(&id)) {
        chat.files().borrow_mut().forget(&id);
    }
}

/// Runs the reducer's `Upload`: POSTs the file, reporting progress, then
/// the stored attachment or why it failed.
pub fn upload(chat: Chat, id: String) {
    let failed = move |id: String| chat.dispatch(Event::UploadFailed { client_id: id, reason: "upload-failed" });
    let (token, conversation) = chat.peek(|s| (s.token.clone(), s.conversation.clone().unwrap_or_default()));
    let files = chat.files();
    let picked = {
        let mut f = files.borrow_mut();
        let base = f.base.clone();
        f.picked(&id).map(|p| p.file.clone()).zip(base)
    };
    let Some((file, base)) = picked.filter(|_| token.is_some()) else { return failed(id) };
    let Ok(xhr) = XmlHttpRequest::new() else { return failed(id) };
    let url = format!(
        "{base}/files?name={}{}",
        js_sys::encode_uri_component(&file.name()),
        crate::transport::sse::in_conversation('&', &conversation)
    );
    if xhr.open("POST", &url).is_err()
        || xhr.set_request_header("Authorization", &format!("Bearer {}", token.unwrap_or_default())).is_err()
    {
        return failed(id);
    }
    let progress_id = id.clone();
    let progress = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let sent = js_sys::Reflect::get(&e, &"loaded".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        chat.dispatch(Event::UploadProgress { client_id: progress_id.clone(), sent: sent as u64 });
    });
    let (done_id, done_xhr) = (id.clone(), xhr.clone());
    let done = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| finished(chat, &done_id, &done_xhr));
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // `loadend` follows a load, an error and a timeout alike.
    xhr.set_onloadend(Some(done.as_ref().unchecked_ref()));
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        return failed(id);
    }
    let mut f = files.borrow_mut();
    if let Some(p) = f.picked(&id) {
        p.xhr = Some(xhr);
        p.handlers = vec![progress, done];
    }
}

fn finished(chat: Chat, id: &str, xhr: &XmlHttpRequest) {
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    let stored = (status == 201)
        .then(|| serde_json::from_slice::<salam_core::protocol::Attachment>(body.as_bytes()).ok())
        .flatten();
    let done = stored.is_some();
    match stored {
        Some(attachment) => chat.dispatch(Event::Uploaded { client_id: id.to_string(), attachment }),
        None => chat
            .dispatch(Event::UploadFailed { client_id: id.to_string(), reason: salam_core::attach::refusal(status) }),
    }
    // This handler is one of the closures let go of: after it returns.
    let id = id.to_string();
    queue_microtask(move || {
        let files = chat.files();
        let mut f = files.borrow_mut();
        if done {
            f.forget(&id);
        } else if let Some(p) = f.picked(&id) {
            p.xhr = None;
            p.handlers.clear();
        }
    });
}

/// Runs the reducer's `CancelUpload`: stops the request and forgets the file.
pub fn cancel(chat: Chat, id: &str) {
    let picked = chat.files().borrow_mut().forget(id);
    if let Some(p) = picked {
        if let Some(xhr) = p.xhr {
            // Unhooked first: an aborted request still ends with `loadend`.
            xhr.set_onloadend(None);
            if let Ok(up) = xhr.upload() {
                up.set_onprogress(None);
            }
            let _ = xhr.abort();
        }
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
    let token = chat.peek(|s| s.token.clone())?;
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
