//! The JS bridge: the site supplies the transport as a plain object, so any
//! backend can be plugged in with a few lines of JavaScript and no Rust.
//!
//! ```js
//! salamSettings = { transport: "js", bridge: {
//!   connect(h) { /* later: h.open(); h.frame({type: "welcome", ...}); h.closed(); */ },
//!   send(frame) { /* frame is a plain object; return false if it cannot go now */ },
//!   close() { },
//! } };
//! ```
//!
//! The site's object owns its connection: it is connected once, and after
//! a `closed()` it says `open()` again when it is back. The handlers may be
//! called at any time, even from inside `connect` or `send`: events are
//! queued as microtasks, in order, so the widget never re-enters itself.

use leptos::leptos_dom::helpers::queue_microtask;
use salam_core::connection::Capabilities;
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame};
use salam_core::transport::{EventSink, Transport, TransportEvent};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Wraps the site's bridge object.
pub struct BridgeTransport {
    bridge: JsValue,
    /// Where the handlers deliver; none after `close`.
    sink: Rc<RefCell<Option<EventSink>>>,
    connected: bool,
    handlers: Vec<Box<dyn std::any::Any>>,
}

impl BridgeTransport {
    /// A transport over `bridge` (`salamSettings.bridge`).
    pub fn new(bridge: JsValue) -> Self {
        Self { bridge, sink: Rc::default(), connected: false, handlers: vec![] }
    }

    fn call(&self, method: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.bridge, &method.into())?.dyn_into()?;
        f.call1(&self.bridge, arg)
    }
}

fn later(sink: &Rc<RefCell<Option<EventSink>>>, event: TransportEvent) {
    let sink = sink.clone();
    queue_microtask(move || {
        let sink = sink.borrow().clone();
        if let Some(sink) = sink {
            sink(event);
        }
    });
}

impl Transport for BridgeTransport {
    fn capabilities(&self) -> Capabilities {
        Capabilities::LOCAL
    }

    fn open(&mut self, sink: EventSink) {
        *self.sink.borrow_mut() = Some(sink);
        if self.connected {
            return; // the site's object reconnects by itself and says open()
        }
        self.connected = true;
        let s = self.sink.clone();
        let open = Closure::<dyn Fn()>::new(move || later(&s, TransportEvent::Opened));
        let s = self.sink.clone();
        let gone = Closure::<dyn Fn()>::new(move || later(&s, TransportEvent::Closed));
        let s = self.sink.clone();
        let frame = Closure::<dyn Fn(JsValue)>::new(move |v: JsValue| {
            let text = match v.as_string() {
                Some(t) => t,
                None => js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()).unwrap_or_default(),
            };
            match decode_server_frame(text.as_bytes()) {
                Ok(f) => later(&s, TransportEvent::Frame(f)),
                Err(e) => web_sys::console::warn_1(&format!("salam: bridge frame dropped: {e}").into()),
            }
        });
        let handlers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&handlers, &"open".into(), open.as_ref());
        let _ = js_sys::Reflect::set(&handlers, &"closed".into(), gone.as_ref());
        let _ = js_sys::Reflect::set(&handlers, &"frame".into(), frame.as_ref());
        self.handlers = vec![Box::new(open), Box::new(gone), Box::new(frame)];
        if let Err(e) = self.call("connect", &handlers) {
            web_sys::console::warn_2(&"salam: bridge.connect failed:".into(), &e);
        }
    }

    fn send(&mut self, frame: &ClientFrame) {
        let sent = js_sys::JSON::parse(&encode_client_frame(frame)).and_then(|value| self.call("send", &value));
        // `false` (or a throw) means "not now": as if the connection were
        // lost; the widget sends again after the bridge's next open().
        if sent.is_err() || matches!(&sent, Ok(v) if *v == JsValue::FALSE) {
            later(&self.sink, TransportEvent::Closed);
        }
    }

    fn close(&mut self) {
        self.sink.borrow_mut().take();
        if std::mem::take(&mut self.connected) {
            let _ = self.call("close", &JsValue::UNDEFINED);
        }
    }
}
