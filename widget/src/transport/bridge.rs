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
//! The handlers may be called at any time, even from inside `connect` or
//! `send`: events are queued as microtasks, in order, so the widget never
//! re-enters itself.

use leptos::leptos_dom::helpers::queue_microtask;
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame};
use salam_core::transport::{EventSink, Transport, TransportError, TransportEvent};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Wraps the site's bridge object.
pub struct BridgeTransport {
    bridge: JsValue,
    closed: Rc<Cell<bool>>,
    handlers: Vec<Box<dyn std::any::Any>>,
}

impl BridgeTransport {
    /// A transport over `bridge` (`salamSettings.bridge`).
    pub fn new(bridge: JsValue) -> Self {
        Self { bridge, closed: Rc::default(), handlers: vec![] }
    }

    fn call(&self, method: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.bridge, &method.into())?.dyn_into()?;
        f.call1(&self.bridge, arg)
    }
}

fn later(sink: &EventSink, closed: &Rc<Cell<bool>>, event: TransportEvent) {
    let (sink, closed) = (sink.clone(), closed.clone());
    queue_microtask(move || {
        if !closed.get() {
            sink(event);
        }
    });
}

impl Transport for BridgeTransport {
    fn connect(&mut self, sink: EventSink) {
        let closed = self.closed.clone();
        let (s, c) = (sink.clone(), closed.clone());
        let open = Closure::<dyn Fn()>::new(move || later(&s, &c, TransportEvent::Open));
        let (s, c) = (sink.clone(), closed.clone());
        let gone = Closure::<dyn Fn()>::new(move || later(&s, &c, TransportEvent::Closed));
        let (s, c) = (sink, closed);
        let frame = Closure::<dyn Fn(JsValue)>::new(move |v: JsValue| {
            let text = match v.as_string() {
                Some(t) => t,
                None => js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()).unwrap_or_default(),
            };
            match decode_server_frame(text.as_bytes()) {
                Ok(f) => later(&s, &c, TransportEvent::Frame(f)),
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

    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError> {
        if self.closed.get() {
            return Err(TransportError::Closed);
        }
        let value = js_sys::JSON::parse(&encode_client_frame(frame)).map_err(|_| TransportError::NotConnected)?;
        match self.call("send", &value) {
            Ok(v) if v == JsValue::FALSE => Err(TransportError::NotConnected),
            Ok(_) => Ok(()),
            Err(_) => Err(TransportError::NotConnected),
        }
    }

    fn close(&mut self) {
        if !self.closed.replace(true) {
            let _ = self.call("close", &JsValue::UNDEFINED);
        }
    }
}
