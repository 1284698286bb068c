//! Attachments: uploads checked against the owner's policy and against
//! their own content, stored by content hash outside the web root, and
//! served only to the conversation's visitor and its agents.
//!
//! `POST /api/v1/files?name=N` (the visitor's token as a bearer),
//! `POST /api/v1/agent/conversations/{id}/files?name=N` (the agent key),
//! `GET /api/v1/files/{id}` (either). The body is the file itself.

// Guards return the refusal as the response itself (see visitor.rs).
#![allow(clippy::result_large_err)]

use crate::server::App;
use crate::visitor::check_origin;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use salam_core::attach::Policy;
use salam_core::protocol::Attachment;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

/// What an upload's content is, by its first bytes, or `None` if it is
/// none of the kinds we know. Plain text has no signature: a file that is
/// UTF-8 with no control characters but tab, line and page breaks is text.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if let Some(kind) = infer::get(bytes) {
        return Some(kind.mime_type());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    text.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c')).then_some("text/plain")
}

/// The media type of an upload named `name` with content `bytes`, or the
/// code of why it is refused: `empty`, `too_large`, `type_not_allowed`
/// (the content is not an allowed kind), `type_mismatch` (the name says
/// another kind than the content: a `.pdf` that is a program).
pub fn classify(name: &str, bytes: &[u8], policy: &Policy) -> Result<&'static str, &'static str> {
    if bytes.is_empty() {
        return Err("empty");
    }
    if bytes.len() as u64 > policy.max_bytes {
        return Err("too_large");
    }
    let sniffed = sniff(bytes).filter(|m| policy.allows(m)).ok_or("type_not_allowed")?;
    let named = mime_guess::from_path(name).first_raw().ok_or("type_mismatch")?;
    if named != sniffed {
        return Err("type_mismatch");
    }
    Ok(sniffed)
}

/// A file name fit to store and show: the last part of a path, without
/// control characters or bidi overrides (`photo\u{202e}gnp.exe` shows as
/// `photo.exe.png`), at most 200 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let clean: String = base.chars().filter(|&c| !c.is_control() && !bidi(c)).take(200).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "file".into()
    } else {
        clean
    }
}

/// Files on disk, each named by the SHA-256 of its content: the same file
/// sent twice is stored once.
pub struct Files {
    dir: PathBuf,
    /// What may be uploaded.
    pub policy: Policy,
}

impl Files {
    /// Files in `dir` (created if needed).
    pub fn new(dir: PathBuf, policy: Policy) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir, policy })
    }

    /// Where the files are.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    async fn put(&self, hash: &str, bytes: Bytes) -> std::io::Result<()> {
        let path = self.dir.join(hash);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(());
        }
        // Written aside and renamed: a reader never sees half a file.
        let part = self.dir.join(format!("{hash}.{}.part", crate::server::random_hex(4)));
        tokio::fs::write(&part, &bytes).await?;
        tokio::fs::rename(&part, &path).await
    }

    async fn get(&self, hash: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.dir.join(hash)).await
    }
}

/// A stored file's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The conversation it was sent in.
    pub conversation: String,
    /// The SHA-256 of its content, hex: its name on disk.
    pub hash: String,
    /// As the protocol shows it.
    pub attachment: Attachment,
}

/// The protocol's path to file `id`, relative to the API's base.
pub fn url_of(id: &str) -> String {
    format!("files/{id}")
}

fn refused(status: StatusCode, code: &str) -> Response {
    (status, Json(serde_json::json!({ "error": code }))).into_response()
}

fn status_of(code: &str) -> StatusCode {
    match code {
        "too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "type_not_allowed" => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "type_mismatch" => StatusCode::UNPROCESSABLE_ENTITY,
        "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// Query of the uploads.
#[derive(Debug, Deserialize)]
pub struct Named {
    #[serde(default)]
    name: String,
    /// The visitor's conversation it goes to (without it, the one last written to).
    conversation: Option<String>,
}

/// Checks, stores and records an upload into `conversation`.
async fn store(app: &App, conversation: &str, name: &str, body: Bytes, author: &str) -> Response {
    let files = &app.files;
    let name = clean_name(name);
    // Hashing and sniffing 10 MB is CPU work: off the async threads.
    let (checked, bytes) = {
        let (name, policy) = (name.clone(), files.policy.clone());
        match tokio::task::spawn_blocking(move || {
            let checked = classify(&name, &body, &policy).map(|mime| (mime, hex::encode(Sha256::digest(&body))));
            (checked, body)
        })
        .await
        {
            Ok(r) => r,
            Err(_) => return refused(StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
        }
    };
    let (mime, hash) = match checked {
        Ok(c) => c,
        Err(code) => return refused(status_of(code), code),
    };
    let size = bytes.len() as u64;
    if let Err(e) = files.put(&hash, bytes).await {
        eprintln!("cannot store an upload: {e}");
        return refused(StatusCode::SERVICE_UNAVAILABLE, "unavailable");
    }
    let file = crate::store::NewFile {
        conversation,
        hash: &hash,
        name: &name,
        mime,
        size,
        author,
        at: crate::server::now_ms(),
    };
    match app.store.add_file(&file).await {
        Ok(attachment) => (StatusCode::CREATED, Json(attachment)).into_response(),
        Err(e) => {
            eprintln!("cannot record an upload: {e}");
            refused(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    }
}

fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
}

/// `POST /api/v1/files?name=N`: a visitor's upload, into their conversation.
pub async fn upload(State(app): State<Arc<App>>, headers: HeaderMap, Query(q): Query<Named>, body: Bytes) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    let Some(visitor) = app.known_visitor(bearer(&headers), q.conversation.as_deref()).await else {
        return refused(StatusCode::UNAUTHORIZED, "unknown_token");
    };
    if let Err(wait) = app.take_token(visitor.id).await {
        let mut res = refused(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.div_ceil(1000)));
        return res;
    }
    store(&app, &visitor.conversation, &q.name, body, "visitor").await
}

/// `POST /api/v1/agent/conversations/{id}/files?name=N`: an agent's upload.
pub async fn agent_upload(
    State(app): State<Arc<App>>,
    _: crate::accounts::Agent,
    Path(id): Path<String>,
    Query(q): Query<Named>,
    body: Bytes,
) -> Response {
    if let Err(r) = crate::agent::exists(&app, &id).await {
        return r;
    }
    store(&app, &id, &q.name, body, "agent").await
}

/// `GET /api/v1/files/{id}`: to the agents, and to the visitor of the
/// conversation it was sent in; to anyone else it does not exist.
pub async fn download(State(app): State<Arc<App>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    let not_found = || refused(StatusCode::NOT_FOUND, "not_found");
    let record = match app.store.file(&id).await {
        Ok(Some(r)) => r,
        Ok(None) => return not_found(),
        Err(_) => return refused(StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
    };
    let agent = crate::accounts::authenticate(&app, &headers, &axum::http::Method::GET).await.is_ok();
    let visitor = match app.known_visitor(bearer(&headers), None).await {
        Some(v) => app.owns(&v, &record.conversation).await,
        None => false,
    };
    if !agent && !visitor {
        return not_found();
    }
    let bytes = match app.files.get(&record.hash).await {
        Ok(b) => b,
        Err(_) => return not_found(),
    };
    let a = &record.attachment;
    // Images are shown in place; anything else is saved, never opened by
    // the browser as a page of the API's origin.
    let disposition = if a.is_image() { "inline" } else { "attachment" };
    // RFC 8187's attr-char stays as it is; everything else is %-encoded UTF-8.
    const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'!')
        .remove(b'#')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b'-')
        .remove(b'.')
        .remove(b'^')
        .remove(b'_')
        .remove(b'`')
        .remove(b'|')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(&a.name, ATTR_CHAR);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    };
    set(h, header::CONTENT_TYPE, a.mime.clone());
    set(h, header::CONTENT_DISPOSITION, format!("{disposition}; filename*=UTF-8''{encoded}"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

    #[test]
    fn the_content_must_be_allowed_and_what_the_name_says() {
        let p = Policy::default();
        assert_eq!(classify("photo.png", PNG, &p), Ok("image/png"));
        assert_eq!(classify("Invoice.PDF", PDF, &p), Ok("application/pdf"));
        assert_eq!(classify("notes.txt", "سلام\nhello\n".as_bytes(), &p), Ok("text/plain"));
        // A program named as a document, an image named as text, a text with binary in it.
        assert_eq!(classify("invoice.pdf", EXE, &p), Err("type_not_allowed"));
        assert_eq!(classify("photo.txt", PNG, &p), Err("type_mismatch"));
        assert_eq!(classify("photo", PNG, &p), Err("type_mismatch"));
        assert_eq!(classify("notes.txt", b"abc\0def", &p), Err("type_not_allowed"));
        // SVG is text to the sniffer, and never an allowed image.
        assert_eq!(classify("x.svg", b"<svg onload=alert(1)>", &p), Err("type_mismatch"));
        assert_eq!(classify("empty.txt", b"", &p), Err("empty"));
        let small = Policy { max_bytes: 10, ..Policy::default() };
        assert_eq!(classify("notes.txt", b"eleven char", &small), Err("too_large"));
        let images = Policy { types: vec!["image/*".into()], ..Policy::default() };
        assert_eq!(classify("Invoice.pdf", PDF, &images), Err("type_not_allowed"));
    }

    #[test]
    fn names_lose_their_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\me\\photo.png"), "photo.png");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("photo\u{0}\u{202e}gnp.exe"), "photognp.exe");
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(""), "file");
    }
}
