//! The in-page echo bot: a transport with no server, for the demo and for
//! previews. Replies come after short delays, as they would over a network,
//! so the widget's "sending" and "sent" states are visible.

use leptos::prelude::set_timeout;
use salam_core::protocol::{ClientFrame, ServerFrame};
use salam_core::transport::{EchoServer, EventSink, Transport, TransportError, TransportEvent};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// Connects at once and answers every message with its own text.
#[derive(Default)]
pub struct EchoTransport {
    server: EchoServer,
    sink: Option<EventSink>,
    open: Rc<Cell<bool>>,
    closed: Rc<Cell<bool>>,
}

impl EchoTransport {
    /// A new echo transport.
    pub fn new() -> Self {
        Self::default()
    }

    fn later(&self, delay_ms: u64, event: TransportEvent) {
        let (Some(sink), closed, open) = (self.sink.clone(), self.closed.clone(), self.open.clone()) else {
            return;
        };
        let sink = RefCell::new(Some(sink));
        set_timeout(
            move || {
                if closed.get() {
                    return;
                }
                if event == TransportEvent::Open {
                    open.set(true);
                }
                if let Some(sink) = sink.borrow_mut().take() {
                    sink(event);
                }
            },
            Duration::from_millis(delay_ms),
        );
    }
}

impl Transport for EchoTransport {
    fn connect(&mut self, sink: EventSink) {
        self.sink = Some(sink);
        self.later(30, TransportEvent::Open);
    }

    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError> {
        if self.closed.get() {
            return Err(TransportError::Closed);
        }
        if !self.open.get() {
            return Err(TransportError::NotConnected);
        }
        for reply in self.server.handle(frame, crate::chat::now_ms()) {
            let delay = match reply {
                ServerFrame::Message { .. } => 700,
                _ => 150,
            };
            self.later(delay, TransportEvent::Frame(reply));
        }
        Ok(())
    }

    fn close(&mut self) {
        self.closed.set(true);
        self.sink = None;
    }
}
