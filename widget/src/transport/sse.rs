//! HTTP POST + Server-Sent Events, for networks that block WebSockets.
//!
//! `hello` opens the event stream (its parameters travel in the URL, the
//! token never: a known visitor first POSTs it for a one-use ticket, and
//! the URL carries that), `sync` reopens it from the given sequence
//! number, and every other frame
//! is a POST whose answer (frames, or a status) goes back to the connection
//! machine, which sends one request at a time and decides what to retry.
//! On any stream error the stream is closed and reported: the machine
//! reconnects with its own backoff, from the widget's last sequence number.

use gloo_net::http::Request;
use salam_core::connection::{Capabilities, PostOutcome};
use salam_core::protocol::{
    decode_server_frame, decode_server_frames, encode_client_frame, ClientFrame, ServerFrame, MAX_ANSWER_BYTES,
};
use salam_core::transport::{EventSink, Transport, TransportEvent};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Talks to `{endpoint}/api/v1/events` and `{endpoint}/api/v1/frames`.
pub struct SseTransport {
    events_url: String,
    frames_url: String,
    /// `.../api/v1/stream-ticket`.
    ticket_url: String,
    heartbeat_secs: u32,
    current: Option<Rc<Connection>>,
    /// The language from the last `hello`, for every stream after it.
    locale: Option<String>,
    /// The page and time zone from the last `hello`.
    context: Option<salam_core::protocol::VisitorContext>,
}

/// One connection: the stream (replaced by a `sync`), the token the
/// server gave it, and the conversation it opened (every request names it).
struct Connection {
    live: Cell<bool>,
    sink: EventSink,
    token: RefCell<Option<String>>,
    conversation: RefCell<String>,
    stream: RefCell<Option<Stream>>,
    /// Counts the streams asked for: a ticket that comes back after a newer
    /// stream was asked for opens nothing.
    asked: Cell<u32>,
}

/// An `EventSource` and its listeners, which must live as long as it does.
/// It is web-sys's, not gloo-net's: gloo-net's reports an error only once
/// the source is closed, so a dropped stream that the browser retries on
/// its own, from its first URL, would go unnoticed.
struct Stream {
    source: web_sys::EventSource,
    listeners: Listeners,
}

/// A stream's `message` and `error` listeners.
type Listeners = (Closure<dyn FnMut(web_sys::MessageEvent)>, Closure<dyn FnMut()>);

impl Stream {
    /// Closes it now and frees its listeners in a later task: one of them
    /// may be running (a frame that showed a gap asks for a `sync`, which
    /// replaces the stream), and a running closure must not be dropped.
    fn retire(self) {
        self.source.set_onmessage(None);
        self.source.set_onerror(None);
        self.source.close();
        let listeners = self.listeners;
        leptos::task::spawn_local(async move { drop(listeners) });
    }
}

impl Connection {
    fn retire_stream(&self) {
        let stream = self.stream.borrow_mut().take();
        if let Some(stream) = stream {
            stream.retire();
        }
    }
}

impl Connection {
    fn tell(&self, event: TransportEvent) {
        if self.live.get() {
            (self.sink)(event);
        }
    }
}

impl SseTransport {
    /// A transport for these URLs, asking the server for a `pong` every
    /// `heartbeat_secs`.
    pub fn new(events_url: String, frames_url: String, heartbeat_secs: u32) -> Self {
        let ticket_url = match events_url.strip_suffix("events") {
            Some(base) => format!("{base}stream-ticket"),
            None => format!("{events_url}-ticket"),
        };
        Self { events_url, frames_url, ticket_url, heartbeat_secs, current: None, locale: None, context: None }
    }

    fn start_stream(&self, conn: &Rc<Connection>, last_seq: u64, limit: Option<u32>) {
        conn.retire_stream();
        let mut url = format!("{}?last_seq={last_seq}&heartbeat={}", self.events_url, self.heartbeat_secs);
        if let (0, Some(limit)) = (last_seq, limit) {
            url.push_str(&format!("&limit={limit}"));
        }
        if let Some(locale) = &self.locale {
            url.push_str(&format!("&locale={}", js_sys::encode_uri_component(locale)));
        }
        if let Some(context) = &self.context {
            for (key, value) in [("url", &context.url), ("title", &context.title), ("time_zone", &context.time_zone)] {
                if let Some(value) = value {
                    url.push_str(&format!("&{key}={}", js_sys::encode_uri_component(value)));
                }
            }
        }
        url.push_str(&in_conversation('&', &conn.conversation.borrow()));
        let asked = conn.asked.get().wrapping_add(1);
        conn.asked.set(asked);
        let Some(token) = conn.token.borrow().clone() else { return open_stream(conn, url) };
        let (conn, ticket_url) = (conn.clone(), self.ticket_url.clone());
        leptos::task::spawn_local(async move {
            let ticket = ticket(&ticket_url, &token).await;
            if !conn.live.get() || conn.asked.get() != asked {
                return;
            }
            match ticket {
                Ok(Some(ticket)) => {
                    open_stream(&conn, format!("{url}&ticket={}", js_sys::encode_uri_component(&ticket)))
                }
                // The server knows no such visitor any more (its history was
                // reset): a stream without one makes a new visitor.
                Ok(None) => open_stream(&conn, url),
                Err(()) => conn.tell(TransportEvent::Closed),
            }
        });
    }
}

/// A one-use ticket for the stream, for `token`: `Ok(None)` if the server
/// does not know the token, `Err` if it could not be asked.
async fn ticket(url: &str, token: &str) -> Result<Option<String>, ()> {
    let request = Request::post(url).header("authorization", &format!("Bearer {token}")).build().map_err(|_| ())?;
    let response = request.send().await.map_err(|_| ())?;
    match response.status() {
        200 => Ok(Some(response.text().await.map_err(|_| ())?.trim().to_string()).filter(|t| !t.is_empty())),
        401 => Ok(None),
        _ => Err(()),
    }
}

/// Opens the event stream at `url` for `conn`.
fn open_stream(conn: &Rc<Connection>, url: String) {
    let Ok(source) = web_sys::EventSource::new(&url) else {
        return later(conn, TransportEvent::Closed);
    };
    let weak = Rc::downgrade(conn);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let (Some(conn), Some(text)) = (weak.upgrade(), e.data().as_string()) else { return };
        match decode_server_frame(text.as_bytes()) {
            Ok(frame) => {
                if let ServerFrame::Welcome { token, conversation, .. } = &frame {
                    // A ticket's stream names no token: the one we have stands.
                    if !token.is_empty() {
                        *conn.token.borrow_mut() = header_safe(token);
                    }
                    conn.conversation.borrow_mut().clone_from(conversation);
                }
                conn.tell(TransportEvent::Frame(frame));
            }
            Err(e) => web_sys::console::warn_1(&format!("salam: dropped a frame from the server: {e}").into()),
        }
    });
    let weak = Rc::downgrade(conn);
    let on_error = Closure::<dyn FnMut()>::new(move || {
        if let Some(conn) = weak.upgrade() {
            // Closed at once: EventSource's own retry would resume from its first URL.
            conn.retire_stream();
            conn.tell(TransportEvent::Closed);
        }
    });
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    *conn.stream.borrow_mut() = Some(Stream { source, listeners: (on_message, on_error) });
}

/// `?conversation=id` (or `&...`), to name the conversation a request is
/// about; nothing for none.
pub(crate) fn in_conversation(sep: char, id: &str) -> String {
    if id.is_empty() {
        return String::new();
    }
    format!("{sep}conversation={}", js_sys::encode_uri_component(id))
}

/// The token, if it can go in an `Authorization` header: it comes from the
/// server (or from storage), and a header value with a line break would
/// make the request throw. Without one, the server answers 401 and the
/// machine asks for a new token.
fn header_safe(token: &str) -> Option<String> {
    Some(token.to_string()).filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic()))
}

/// Reports `event` in a later task, never from inside a call.
fn later(conn: &Rc<Connection>, event: TransportEvent) {
    let conn = conn.clone();
    leptos::task::spawn_local(async move { conn.tell(event) });
}

impl Transport for SseTransport {
    fn capabilities(&self) -> Capabilities {
        Capabilities::HTTP
    }

    fn open(&mut self, sink: EventSink) {
        self.close();
        let conn = Rc::new(Connection {
            live: Cell::new(true),
            sink,
            token: RefCell::new(None),
            conversation: RefCell::default(),
            stream: RefCell::new(None),
            asked: Cell::new(0),
        });
        self.current = Some(conn.clone());
        // Nothing to open until `hello`, which carries the stream's parameters.
        later(&conn, TransportEvent::Opened);
    }

    fn send(&mut self, frame: &ClientFrame) {
        let Some(conn) = self.current.clone() else { return };
        match frame {
            ClientFrame::Hello { token, last_seq, limit, locale, context, conversation, .. } => {
                *conn.token.borrow_mut() = token.as_deref().and_then(header_safe);
                *conn.conversation.borrow_mut() = conversation.clone().unwrap_or_default();
                self.locale.clone_from(locale);
                self.context.clone_from(context);
                self.start_stream(&conn, *last_seq, *limit);
            }
            ClientFrame::Sync { after_seq } => self.start_stream(&conn, *after_seq, None),
            // The stream carries the server's heartbeat; nothing to ping.
            ClientFrame::Ping | ClientFrame::Unknown => {}
            other => {
                let url = self.frames_url.clone() + &in_conversation('?', &conn.conversation.borrow());
                let body = encode_client_frame(other);
                leptos::task::spawn_local(async move {
                    let token = conn.token.borrow().clone().unwrap_or_default();
                    let (frames, outcome) = post(&url, &token, body).await;
                    for frame in frames {
                        conn.tell(TransportEvent::Frame(frame));
                    }
                    conn.tell(TransportEvent::Posted(outcome));
                });
            }
        }
    }

    fn close(&mut self) {
        if let Some(conn) = self.current.take() {
            conn.live.set(false);
            conn.retire_stream();
        }
    }
}

/// One POST: its frames (a 200's) and how it ended.
async fn post(url: &str, token: &str, body: String) -> (Vec<ServerFrame>, PostOutcome) {
    let request = Request::post(url)
        .header("content-type", "application/json")
        .header("authorization", &format!("Bearer {token}"))
        .body(body);
    let Ok(response) = (match request {
        Ok(r) => r.send().await,
        Err(e) => Err(e),
    }) else {
        return (vec![], PostOutcome::Failed);
    };
    let code = response.status();
    if code != 200 {
        // Seconds, as the server sends it (a date is not used by ours).
        let retry_after_ms =
            response.headers().get("retry-after").and_then(|s| s.trim().parse::<u64>().ok()).map(|s| s * 1000);
        return (vec![], PostOutcome::Status { code, retry_after_ms });
    }
    // An answer is a few frames; one larger than the cap is not read.
    let declared = response.headers().get("content-length").and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|l| l > MAX_ANSWER_BYTES) {
        return (vec![], PostOutcome::Answered);
    }
    let text = response.text().await.unwrap_or_default();
    (decode_server_frames(text.as_bytes()).unwrap_or_default(), PostOutcome::Answered)
}
