//! HTTP POST + Server-Sent Events, for networks that block WebSockets.
//!
//! The stream is an `EventSource`, but its own reconnection is not trusted:
//! after a 5xx it gives up for good, and it would resume from its first
//! URL. On any error the stream is closed and this transport reconnects
//! with its own backoff, from the widget's last sequence number.
//!
//! Sends go out one at a time, in order, each retried with backoff on a
//! network error or a 5xx (the same client id every time, so the server
//! stores it once), after at least `Retry-After` on a 429.

use super::timer::{now, page_hidden, random, Interval, Timeout};
use salam_core::backoff::Backoff;
use salam_core::json::Json;
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame, ServerFrame};
use salam_core::transport::{EventSink, Transport, TransportError, TransportEvent};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Tries per frame before the message is marked failed (the visitor can retry it).
const SEND_TRIES: u32 = 6;
/// Tries per frame when the server keeps saying "too many" (429).
const RATE_LIMITED_TRIES: u32 = 20;

/// Talks to `{endpoint}/api/v1/events` and `{endpoint}/api/v1/frames`.
pub struct SseTransport {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    events_url: String,
    frames_url: String,
    sink: Option<EventSink>,
    token: Option<String>,
    /// The page size the widget's `hello` asked for (a fresh page).
    limit: Option<u32>,
    stream: Option<web_sys::EventSource>,
    handlers: Vec<Box<dyn std::any::Any>>,
    retired: Vec<Box<dyn std::any::Any>>,
    generation: u32,
    /// The stream said welcome; sends can go.
    welcomed: bool,
    /// The server sends a `pong` event every `heartbeat_ms`; a stream silent
    /// for longer than that plus a grace period, or that never says
    /// welcome, is dropped and replaced (a half-open connection).
    heartbeat_ms: u64,
    last_heard: f64,
    opened_at: f64,
    watch: Interval,
    attempt: u32,
    retry: Timeout,
    told_closed: bool,
    queue: VecDeque<ClientFrame>,
    sending: bool,
    closed: bool,
    suspended: bool,
}

impl SseTransport {
    /// A transport for these URLs, expecting a server heartbeat every
    /// `heartbeat_secs`.
    pub fn new(events_url: String, frames_url: String, heartbeat_secs: u32) -> Self {
        Self {
            inner: Rc::new(RefCell::new(Inner {
                events_url,
                frames_url,
                sink: None,
                token: None,
                limit: None,
                stream: None,
                handlers: vec![],
                retired: vec![],
                generation: 0,
                welcomed: false,
                heartbeat_ms: u64::from(heartbeat_secs.max(1)) * 1000,
                last_heard: 0.0,
                opened_at: 0.0,
                watch: Interval::default(),
                attempt: 0,
                retry: Timeout::default(),
                told_closed: false,
                queue: VecDeque::new(),
                sending: false,
                closed: false,
                suspended: false,
            })),
        }
    }
}

fn tell(rc: &Rc<RefCell<Inner>>, event: TransportEvent) {
    let sink = rc.borrow().sink.clone();
    if let Some(sink) = sink {
        sink(event);
    }
}

/// "Ready for a hello", later (never from inside a trait call).
fn announce_open(rc: &Rc<RefCell<Inner>>, delay: u64) {
    let weak = Rc::downgrade(rc);
    rc.borrow_mut().retry.set(delay, move || {
        if let Some(rc) = weak.upgrade() {
            rc.borrow_mut().retry.fired();
            if !rc.borrow().closed && !rc.borrow().suspended {
                rc.borrow_mut().told_closed = false;
                tell(&rc, TransportEvent::Open);
            }
        }
    });
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

fn start_stream(rc: &Rc<RefCell<Inner>>, last_seq: u64) {
    drop_stream(&mut rc.borrow_mut());
    let mut inner = rc.borrow_mut();
    inner.generation = inner.generation.wrapping_add(1);
    inner.retired.clear();
    let generation = inner.generation;
    let mut url = format!("{}?last_seq={last_seq}&heartbeat={}", inner.events_url, inner.heartbeat_ms / 1000);
    if let (0, Some(limit)) = (last_seq, inner.limit) {
        url.push_str(&format!("&limit={limit}"));
    }
    if let Some(t) = &inner.token {
        url.push_str(&format!("&token={}", encode(t)));
    }
    let Ok(es) = web_sys::EventSource::new(&url) else {
        drop(inner);
        lost(rc, generation);
        return;
    };
    let weak = Rc::downgrade(rc);
    let w = weak.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(rc) = w.upgrade() else { return };
        if rc.borrow().generation != generation {
            return;
        }
        rc.borrow_mut().last_heard = now();
        let Some(text) = e.data().as_string() else { return };
        match decode_server_frame(text.as_bytes()) {
            Ok(frame) => {
                if let ServerFrame::Welcome { token, .. } = &frame {
                    let mut inner = rc.borrow_mut();
                    inner.token = Some(token.clone()).filter(|t| !t.is_empty());
                    inner.welcomed = true;
                    inner.attempt = 0;
                }
                tell(&rc, TransportEvent::Frame(frame));
                pump(&rc);
            }
            Err(err) => web_sys::console::warn_1(&format!("salam: dropped a frame from the server: {err}").into()),
        }
    });
    let onerror = Closure::<dyn FnMut()>::new(move || {
        if let Some(rc) = weak.upgrade() {
            lost(&rc, generation);
        }
    });
    es.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    es.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    inner.handlers = vec![Box::new(onmessage), Box::new(onerror)];
    inner.stream = Some(es);
    inner.opened_at = now();
    inner.last_heard = inner.opened_at;
    let every = inner.heartbeat_ms;
    let weak = Rc::downgrade(rc);
    inner.watch.set(every, move || {
        let Some(rc) = weak.upgrade() else { return };
        let dead = {
            let inner = rc.borrow();
            let beat = inner.heartbeat_ms as f64;
            let limit = beat + beat.min(10_000.0);
            inner.generation == generation
                && (now() - inner.last_heard > limit || (!inner.welcomed && now() - inner.opened_at > limit))
        };
        if dead {
            lost(&rc, generation);
        }
    });
}

fn drop_stream(inner: &mut Inner) {
    inner.welcomed = false;
    inner.watch.clear();
    if let Some(es) = inner.stream.take() {
        es.set_onmessage(None);
        es.set_onerror(None);
        es.close();
    }
    let handlers = std::mem::take(&mut inner.handlers);
    inner.retired.extend(handlers);
}

/// The stream failed (any error: a 5xx, a dropped connection): close it,
/// tell the widget once, and announce "open" again after a backoff.
fn lost(rc: &Rc<RefCell<Inner>>, generation: u32) {
    let tell_closed = {
        let mut inner = rc.borrow_mut();
        if inner.generation != generation {
            return;
        }
        inner.generation = inner.generation.wrapping_add(1);
        drop_stream(&mut inner);
        if inner.closed || inner.suspended {
            return;
        }
        !std::mem::replace(&mut inner.told_closed, true)
    };
    if page_hidden() {
        // No reconnect timer in a background tab; `wake` reconnects.
        if tell_closed {
            tell(rc, TransportEvent::Closed);
        }
        return;
    }
    let delay = {
        let mut inner = rc.borrow_mut();
        let d = Backoff::RECONNECT.delay(inner.attempt, random());
        inner.attempt = inner.attempt.saturating_add(1);
        d
    };
    announce_open(rc, delay);
    if tell_closed {
        tell(rc, TransportEvent::Closed);
    }
}

/// Sends the queue, one frame at a time.
fn pump(rc: &Rc<RefCell<Inner>>) {
    {
        let mut inner = rc.borrow_mut();
        if inner.sending || inner.queue.is_empty() || !inner.welcomed || inner.closed {
            return;
        }
        inner.sending = true;
    }
    let rc = rc.clone();
    leptos::task::spawn_local(async move {
        loop {
            let next = {
                let inner = rc.borrow();
                if inner.closed || !inner.welcomed {
                    None
                } else {
                    inner.queue.front().cloned().zip(inner.token.clone())
                }
            };
            let Some((frame, token)) = next else { break };
            let outcome = post_with_retries(&rc, &frame, &token).await;
            rc.borrow_mut().queue.pop_front();
            match outcome {
                Ok(frames) => {
                    for f in frames {
                        tell(&rc, TransportEvent::Frame(f));
                    }
                }
                Err(Give::Up) => {
                    if let ClientFrame::Message { client_id, .. } = frame {
                        tell(&rc, TransportEvent::Undeliverable { client_id });
                    }
                }
                Err(Give::NewToken) => {
                    // The server does not know us (its history was reset):
                    // a fresh stream gets a new token; the widget resends.
                    let generation = {
                        let mut inner = rc.borrow_mut();
                        inner.token = None;
                        inner.queue.clear();
                        inner.generation
                    };
                    lost(&rc, generation);
                    break;
                }
            }
        }
        rc.borrow_mut().sending = false;
    });
}

enum Give {
    Up,
    NewToken,
}

async fn post_with_retries(
    rc: &Rc<RefCell<Inner>>,
    frame: &ClientFrame,
    token: &str,
) -> Result<Vec<ServerFrame>, Give> {
    let url = rc.borrow().frames_url.clone();
    let body = encode_client_frame(frame);
    let (mut failures, mut limited) = (0u32, 0u32);
    loop {
        if rc.borrow().closed {
            return Err(Give::Up);
        }
        let wait = match post(&url, token, &body).await {
            Ok((200, text)) => {
                // One bad frame in the answer costs only itself.
                let frames = match Json::parse(&text) {
                    Ok(Json::Arr(items)) => items,
                    _ => vec![],
                };
                return Ok(frames.iter().filter_map(|v| ServerFrame::from_json(v).ok()).collect());
            }
            Ok((401, _)) => return Err(Give::NewToken),
            Ok((429, retry_after)) => {
                limited += 1;
                if limited >= RATE_LIMITED_TRIES {
                    return Err(Give::Up);
                }
                let server_ms = retry_after.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
                Backoff::RESEND.delay_at_least(limited.min(4), random(), server_ms.or(Some(1000)))
            }
            // Refused for good (malformed, too large): retrying cannot help.
            Ok((status, _)) if (400..500).contains(&status) => return Err(Give::Up),
            // 5xx or no answer at all.
            _ => {
                failures += 1;
                if failures >= SEND_TRIES {
                    return Err(Give::Up);
                }
                Backoff::RESEND.delay(failures - 1, random())
            }
        };
        sleep(wait).await;
    }
}

/// One POST: `(status, body or Retry-After)`, or `Err` when no response came.
async fn post(url: &str, token: &str, body: &str) -> Result<(u16, String), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json")?;
    headers.set("authorization", &format!("Bearer {token}"))?;
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?.dyn_into()?;
    let status = response.status();
    if status == 429 {
        let retry = response.headers().get("retry-after").ok().flatten().unwrap_or_default();
        return Ok((status, retry));
    }
    let text = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
    Ok((status, text))
}

async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u64) as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

impl Transport for SseTransport {
    fn connect(&mut self, sink: EventSink) {
        self.inner.borrow_mut().sink = Some(sink);
        announce_open(&self.inner, 0);
    }

    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError> {
        if self.inner.borrow().closed {
            return Err(TransportError::Closed);
        }
        match frame {
            ClientFrame::Hello { token, last_seq, limit, .. } => {
                let mut inner = self.inner.borrow_mut();
                if token.is_some() {
                    inner.token = token.clone();
                }
                inner.limit = *limit;
                drop(inner);
                start_stream(&self.inner, *last_seq);
                Ok(())
            }
            ClientFrame::Sync { after_seq } => {
                start_stream(&self.inner, *after_seq);
                Ok(())
            }
            // The stream has the server's keep-alive; nothing to ping.
            ClientFrame::Ping | ClientFrame::Unknown => Ok(()),
            ClientFrame::Message { .. } | ClientFrame::Typing { .. } | ClientFrame::History { .. } => {
                let mut inner = self.inner.borrow_mut();
                if !inner.welcomed {
                    return Err(TransportError::NotConnected);
                }
                // A resend after a reconnect must not queue the same message twice.
                let dup = |q: &ClientFrame| match (q, frame) {
                    (ClientFrame::Message { client_id: a, .. }, ClientFrame::Message { client_id: b, .. }) => a == b,
                    _ => false,
                };
                if !inner.queue.iter().any(dup) {
                    inner.queue.push_back(frame.clone());
                }
                drop(inner);
                pump(&self.inner);
                Ok(())
            }
        }
    }

    fn close(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        inner.sink = None;
        inner.retry.clear();
        drop_stream(&mut inner);
    }

    fn wake(&mut self) {
        let idle = {
            let mut inner = self.inner.borrow_mut();
            inner.suspended = false;
            let idle = !inner.closed && inner.stream.is_none();
            if idle {
                inner.attempt = 0;
            }
            idle
        };
        if idle {
            announce_open(&self.inner, 0);
        }
    }

    fn suspend(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.suspended = true;
        inner.retry.clear();
        drop_stream(&mut inner);
    }
}
