//! WebSocket transport: one frame per text message, its own reconnect loop
//! (capped exponential backoff with full jitter) and a heartbeat that
//! notices a half-open socket.

use super::timer::{now, page_hidden, random, Interval, Timeout};
use salam_core::backoff::Backoff;
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame, ServerFrame};
use salam_core::transport::{EventSink, Transport, TransportError, TransportEvent};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A heartbeat reply may take this long before the socket counts as dead.
const PONG_GRACE_MS: f64 = 10_000.0;

/// Talks to `{endpoint}/api/v1/ws`.
pub struct WebSocketTransport {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    url: String,
    heartbeat_ms: u64,
    sink: Option<EventSink>,
    socket: Option<web_sys::WebSocket>,
    /// Which socket the callbacks belong to; events from older ones are ignored.
    generation: u32,
    handlers: Vec<Box<dyn std::any::Any>>,
    /// Handlers of replaced sockets: a closure must not be dropped while it
    /// runs, so they are freed on the next connect instead.
    retired: Vec<Box<dyn std::any::Any>>,
    attempt: u32,
    retry: Timeout,
    beat: Interval,
    last_heard: f64,
    /// When the socket opened, and whether the server has said `welcome`
    /// on it since: a socket that answers pings but never greets us is no
    /// better than a dead one.
    opened_at: f64,
    welcomed: bool,
    /// Told the widget `Closed` since the last `Open`.
    told_closed: bool,
    closed: bool,
    suspended: bool,
}

impl WebSocketTransport {
    /// A transport for `url`, with a heartbeat every `heartbeat_secs`.
    pub fn new(url: String, heartbeat_secs: u32) -> Self {
        Self {
            inner: Rc::new(RefCell::new(Inner {
                url,
                heartbeat_ms: u64::from(heartbeat_secs.max(1)) * 1000,
                sink: None,
                socket: None,
                generation: 0,
                handlers: vec![],
                retired: vec![],
                attempt: 0,
                retry: Timeout::default(),
                beat: Interval::default(),
                last_heard: 0.0,
                opened_at: 0.0,
                welcomed: false,
                told_closed: false,
                closed: false,
                suspended: false,
            })),
        }
    }
}

/// Calls the sink with no borrow held: the widget may call `send` from it.
fn tell(inner: &Rc<RefCell<Inner>>, event: TransportEvent) {
    let sink = inner.borrow().sink.clone();
    if let Some(sink) = sink {
        sink(event);
    }
}

fn open(rc: &Rc<RefCell<Inner>>) {
    let mut inner = rc.borrow_mut();
    if inner.closed || inner.suspended || inner.socket.is_some() {
        return;
    }
    inner.generation = inner.generation.wrapping_add(1);
    let generation = inner.generation;
    inner.retired.clear();
    let socket = match web_sys::WebSocket::new(&inner.url) {
        Ok(s) => s,
        Err(_) => {
            drop(inner);
            lost(rc, generation);
            return;
        }
    };
    let weak = Rc::downgrade(rc);
    let w = weak.clone();
    let onopen = Closure::<dyn FnMut()>::new(move || with(&w, generation, opened));
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
                if matches!(frame, ServerFrame::Welcome { .. }) {
                    rc.borrow_mut().welcomed = true;
                }
                tell(&rc, TransportEvent::Frame(frame))
            }
            // Reported and dropped; nothing a server sends crashes the widget.
            Err(err) => web_sys::console::warn_1(&format!("salam: dropped a frame from the server: {err}").into()),
        }
    });
    let w = weak;
    let onclose = Closure::<dyn FnMut()>::new(move || {
        if let Some(rc) = w.upgrade() {
            lost(&rc, generation);
        }
    });
    socket.set_onopen(Some(onopen.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    socket.set_onclose(Some(onclose.as_ref().unchecked_ref()));
    inner.handlers = vec![Box::new(onopen), Box::new(onmessage), Box::new(onclose)];
    inner.socket = Some(socket);
}

fn with(weak: &Weak<RefCell<Inner>>, generation: u32, f: fn(&Rc<RefCell<Inner>>)) {
    if let Some(rc) = weak.upgrade() {
        if rc.borrow().generation == generation {
            f(&rc);
        }
    }
}

fn opened(rc: &Rc<RefCell<Inner>>) {
    {
        let mut inner = rc.borrow_mut();
        inner.attempt = 0;
        inner.told_closed = false;
        inner.last_heard = now();
        inner.opened_at = inner.last_heard;
        inner.welcomed = false;
        let every = inner.heartbeat_ms;
        let weak = Rc::downgrade(rc);
        let generation = inner.generation;
        inner.beat.set(every, move || with(&weak, generation, heartbeat));
    }
    tell(rc, TransportEvent::Open);
}

/// Every beat: if nothing was heard for a beat plus a grace period, the
/// socket is half-open (no close will ever come); drop it and reconnect.
/// Otherwise ping, so the server has something to answer.
fn heartbeat(rc: &Rc<RefCell<Inner>>) {
    let (silent_for, ungreeted_for, limit, generation) = {
        let inner = rc.borrow();
        let beat = inner.heartbeat_ms as f64;
        let ungreeted = if inner.welcomed { 0.0 } else { now() - inner.opened_at };
        (now() - inner.last_heard, ungreeted, beat + beat.min(PONG_GRACE_MS), inner.generation)
    };
    if silent_for > limit || ungreeted_for > limit {
        lost(rc, generation);
        return;
    }
    let socket = rc.borrow().socket.clone();
    if let Some(s) = socket {
        let _ = s.send_with_str(&encode_client_frame(&ClientFrame::Ping));
    }
}

/// The socket `generation` is gone (closed, failed, or found dead): forget
/// it, tell the widget once, and schedule the next attempt.
fn lost(rc: &Rc<RefCell<Inner>>, generation: u32) {
    let tell_closed = {
        let mut inner = rc.borrow_mut();
        if inner.generation != generation {
            return;
        }
        // Later events of this socket are ignored from here on.
        inner.generation = inner.generation.wrapping_add(1);
        inner.beat.clear();
        if let Some(s) = inner.socket.take() {
            s.set_onopen(None);
            s.set_onmessage(None);
            s.set_onclose(None);
            let _ = s.close();
        }
        let handlers = std::mem::take(&mut inner.handlers);
        inner.retired.extend(handlers);
        if inner.closed || inner.suspended {
            return;
        }
        // A background tab schedules no reconnect; `wake` reconnects when
        // it is shown again.
        if !page_hidden() {
            let delay = Backoff::RECONNECT.delay(inner.attempt, random());
            inner.attempt = inner.attempt.saturating_add(1);
            let weak = Rc::downgrade(rc);
            inner.retry.set(delay, move || {
                if let Some(rc) = weak.upgrade() {
                    rc.borrow_mut().retry.fired();
                    open(&rc);
                }
            });
        }
        !std::mem::replace(&mut inner.told_closed, true)
    };
    if tell_closed {
        tell(rc, TransportEvent::Closed);
    }
}

impl Transport for WebSocketTransport {
    fn connect(&mut self, sink: EventSink) {
        self.inner.borrow_mut().sink = Some(sink);
        open(&self.inner);
    }

    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError> {
        let inner = self.inner.borrow();
        if inner.closed {
            return Err(TransportError::Closed);
        }
        match &inner.socket {
            Some(s) if s.ready_state() == web_sys::WebSocket::OPEN => {
                s.send_with_str(&encode_client_frame(frame)).map_err(|_| TransportError::NotConnected)
            }
            _ => Err(TransportError::NotConnected),
        }
    }

    fn close(&mut self) {
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.closed = true;
            inner.sink = None;
            inner.retry.clear();
            inner.generation
        };
        lost(&self.inner, generation);
    }

    fn wake(&mut self) {
        let idle = {
            let mut inner = self.inner.borrow_mut();
            inner.suspended = false;
            let idle = !inner.closed && inner.socket.is_none();
            if idle {
                inner.retry.clear();
                inner.attempt = 0;
            }
            idle
        };
        if idle {
            open(&self.inner);
        }
    }

    fn suspend(&mut self) {
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.suspended = true;
            inner.retry.clear();
            inner.generation
        };
        lost(&self.inner, generation);
    }
}
