//! The in-page echo bot: a transport with no server, for the demo and for
//! previews. Replies come after short delays, as they would over a network,
//! so the widget's "sending" and "sent" states are visible.

use leptos::prelude::set_timeout;
use salam_core::connection::Capabilities;
use salam_core::protocol::{ClientFrame, ServerFrame};
use salam_core::transport::{EchoServer, EventSink, Transport, TransportEvent};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Connects at once and answers every message with its own text.
#[derive(Default)]
pub struct EchoTransport {
    server: EchoServer,
    sink: Option<EventSink>,
    /// Whether the events of the current connection still count.
    live: Rc<Cell<bool>>,
}

impl EchoTransport {
    /// A new echo transport.
    pub fn new() -> Self {
        Self::default()
    }

    fn later(&self, delay_ms: u64, event: TransportEvent) {
        let (Some(sink), live) = (self.sink.clone(), self.live.clone()) else { return };
        set_timeout(
            move || {
                if live.get() {
                    sink(event);
                }
            },
            Duration::from_millis(delay_ms),
        );
    }
}

impl Transport for EchoTransport {
    fn capabilities(&self) -> Capabilities {
        Capabilities::LOCAL
    }

    fn open(&mut self, sink: EventSink) {
        self.close();
        self.live = Rc::new(Cell::new(true));
        self.sink = Some(sink);
        self.later(30, TransportEvent::Opened);
    }

    fn send(&mut self, frame: &ClientFrame) {
        for reply in self.server.handle(frame, crate::chat::now_ms()) {
            let delay = match reply {
                ServerFrame::Message { .. } => 700,
                _ => 150,
            };
            self.later(delay, TransportEvent::Frame(reply));
        }
    }

    fn close(&mut self) {
        self.live.set(false);
        self.sink = None;
    }
}
