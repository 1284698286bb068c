//! The pluggable link between the widget and a backend.
//!
//! A [`Transport`] carries [`ClientFrame`]s out and reports
//! [`TransportEvent`]s back through a sink the widget gives it on
//! [`Transport::connect`]. It has no `Send` bounds: the browser is
//! single-threaded.
//!
//! One rule keeps implementations simple and the widget re-entrancy-safe:
//! **never call the sink from inside `connect` or `send`**. Deliver events
//! later (a network callback, a timer, a microtask), as a real network
//! would.
//!
//! Implementations here are the pure ones: [`InMemoryTransport`] for tests
//! and [`EchoServer`], the logic of the in-page echo bot. The browser
//! transports live in the `salam-widget` crate.

use crate::protocol::{Author, AuthorKind, ClientFrame, ConversationStatus, ServerFrame, PROTOCOL_VERSION};
use std::cell::RefCell;
use std::rc::Rc;
use thiserror::Error;

/// What a transport reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportEvent {
    /// Connected; the widget will say hello.
    Open,
    /// A frame from the server.
    Frame(ServerFrame),
    /// The connection is gone; the transport is trying again.
    Closed,
    /// The transport gave up on this message (for example, HTTP kept
    /// failing); the visitor can retry it.
    Undeliverable {
        /// The message's client id.
        client_id: String,
    },
}

/// Where a transport delivers its events.
pub type EventSink = Rc<dyn Fn(TransportEvent)>;

/// Why a frame could not be handed to the transport.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TransportError {
    /// Not connected right now; the message waits for the next connection.
    #[error("not connected")]
    NotConnected,
    /// The transport was closed for good.
    #[error("transport closed")]
    Closed,
}

/// A link to a chat backend.
pub trait Transport {
    /// Starts connecting; events go to `sink`, later, never from this call.
    fn connect(&mut self, sink: EventSink);
    /// Hands a frame over for sending.
    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError>;
    /// Closes for good; no events after this.
    fn close(&mut self);
    /// The network is probably back (`online`, the tab became visible,
    /// `pageshow`): if not connected, try now instead of waiting out the
    /// backoff.
    fn wake(&mut self) {}
    /// The page is being hidden for good or put in the back/forward cache
    /// (`pagehide`): drop the connection without scheduling a reconnect;
    /// [`Transport::wake`] resumes.
    fn suspend(&mut self) {}
}

/// A transport whose "server" is the test: it records what was sent and
/// delivers whatever the test pushes.
#[derive(Clone, Default)]
pub struct InMemoryTransport {
    inner: Rc<RefCell<InMemoryInner>>,
}

#[derive(Default)]
struct InMemoryInner {
    sink: Option<EventSink>,
    sent: Vec<ClientFrame>,
    connected: bool,
    closed: bool,
}

impl InMemoryTransport {
    /// A new, unconnected transport. Clones share the same state, so a test
    /// keeps one clone and gives the other to the widget.
    pub fn new() -> Self {
        Self::default()
    }

    /// Frames sent so far.
    pub fn sent(&self) -> Vec<ClientFrame> {
        self.inner.borrow().sent.clone()
    }

    /// Delivers an event to the widget, as the network would.
    pub fn deliver(&self, event: TransportEvent) {
        let sink = {
            let mut inner = self.inner.borrow_mut();
            if inner.closed {
                return;
            }
            match event {
                TransportEvent::Open => inner.connected = true,
                TransportEvent::Closed => inner.connected = false,
                TransportEvent::Frame(_) | TransportEvent::Undeliverable { .. } => {}
            }
            inner.sink.clone()
        };
        if let Some(sink) = sink {
            sink(event);
        }
    }

    /// Whether `close` was called.
    pub fn is_closed(&self) -> bool {
        self.inner.borrow().closed
    }
}

impl Transport for InMemoryTransport {
    fn connect(&mut self, sink: EventSink) {
        self.inner.borrow_mut().sink = Some(sink);
    }

    fn send(&mut self, frame: &ClientFrame) -> Result<(), TransportError> {
        let mut inner = self.inner.borrow_mut();
        if inner.closed {
            return Err(TransportError::Closed);
        }
        if !inner.connected {
            return Err(TransportError::NotConnected);
        }
        inner.sent.push(frame.clone());
        Ok(())
    }

    fn close(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        inner.sink = None;
    }
}

/// The echo bot's side of the conversation: acknowledges each visitor
/// message and answers it. Pure; the browser glue adds the delays.
#[derive(Debug, Default)]
pub struct EchoServer {
    seq: u64,
    seen: Vec<String>,
}

impl EchoServer {
    /// The frames the server sends in answer to `frame`, at time `now` (ms).
    pub fn handle(&mut self, frame: &ClientFrame, now: u64) -> Vec<ServerFrame> {
        match frame {
            ClientFrame::Hello { .. } => vec![ServerFrame::Welcome {
                v: PROTOCOL_VERSION,
                token: "echo".into(),
                conversation: "echo".into(),
                head_seq: self.seq,
                status: ConversationStatus::Open,
            }],
            ClientFrame::Ping => vec![ServerFrame::Pong],
            // Nothing is ever lost in the page, so there is nothing to replay.
            ClientFrame::Sync { .. }
            | ClientFrame::History { .. }
            | ClientFrame::Typing { .. }
            | ClientFrame::Unknown => vec![],
            ClientFrame::Message { client_id, text } => {
                // Dedupe by client id, as a real server must.
                if let Some(pos) = self.seen.iter().position(|c| c == client_id) {
                    let seq = pos as u64 * 2 + 1;
                    return vec![ServerFrame::Ack { client_id: client_id.clone(), id: format!("m{seq}"), seq }];
                }
                self.seen.push(client_id.clone());
                self.seq += 1;
                let ack_seq = self.seq;
                self.seq += 1;
                let reply_seq = self.seq;
                vec![
                    ServerFrame::Ack { client_id: client_id.clone(), id: format!("m{ack_seq}"), seq: ack_seq },
                    ServerFrame::Message {
                        id: format!("m{reply_seq}"),
                        seq: reply_seq,
                        author: Author { kind: AuthorKind::Bot, name: Some("Echo".into()) },
                        text: text.clone(),
                        client_id: None,
                        at: Some(now),
                    },
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Delivery, Effect, Event, State};

    #[test]
    fn echo_acks_answers_and_dedupes() {
        let mut server = EchoServer::default();
        let hi = ClientFrame::Message { client_id: "c1".into(), text: "hi".into() };
        let first = server.handle(&hi, 0);
        assert_eq!(first.len(), 2);
        assert!(matches!(&first[1], ServerFrame::Message { text, .. } if text == "hi"));
        let again = server.handle(&hi, 0);
        assert_eq!(again, vec![first[0].clone()], "a resend is acked again, not answered twice");
    }

    /// The reducer and the in-memory transport, wired the way the glue wires them.
    #[test]
    fn in_memory_round_trip_through_the_reducer() {
        let state = Rc::new(RefCell::new(State::default()));
        let net = InMemoryTransport::new();
        let mut transport: Box<dyn Transport> = Box::new(net.clone());
        let pending: Rc<RefCell<Vec<TransportEvent>>> = Rc::default();
        let queue = pending.clone();
        transport.connect(Rc::new(move |ev| queue.borrow_mut().push(ev)));

        let run = |transport: &mut Box<dyn Transport>, effects: Vec<Effect>| {
            for e in effects {
                if let Effect::Send(frame) = e {
                    // NotConnected is not a failure: the message waits for `Connected`.
                    if let Err(TransportError::Closed) = transport.send(&frame) {
                        if let ClientFrame::Message { client_id, .. } = frame {
                            reduce(&mut state.borrow_mut(), Event::SendFailed { client_id });
                        }
                    }
                }
            }
        };

        // Typed before the connection is up: it waits, then goes out on connect.
        reduce(&mut state.borrow_mut(), Event::DraftChanged("early".into()));
        let fx = reduce(&mut state.borrow_mut(), Event::Submit { client_id: "c1".into(), at: 0 });
        run(&mut transport, fx);
        assert_eq!(state.borrow().messages[0].delivery, Delivery::Sending);
        assert!(net.sent().is_empty());

        net.deliver(TransportEvent::Open);
        let events: Vec<TransportEvent> = pending.borrow_mut().drain(..).collect();
        assert_eq!(events, vec![TransportEvent::Open]);
        let fx = reduce(&mut state.borrow_mut(), Event::Connected);
        run(&mut transport, fx);
        assert_eq!(
            net.sent(),
            vec![ClientFrame::Hello {
                v: PROTOCOL_VERSION,
                token: None,
                last_seq: 0,
                limit: Some(crate::state::HISTORY_PAGE)
            }]
        );
        let welcome = EchoServer::default().handle(&net.sent()[0], 0).remove(0);
        let fx = reduce(&mut state.borrow_mut(), Event::Frame(welcome));
        run(&mut transport, fx);
        assert_eq!(net.sent()[1], ClientFrame::Message { client_id: "c1".into(), text: "early".into() });

        net.deliver(TransportEvent::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 }));
        for ev in pending.borrow_mut().drain(..) {
            if let TransportEvent::Frame(f) = ev {
                reduce(&mut state.borrow_mut(), Event::Frame(f));
            }
        }
        assert_eq!(state.borrow().messages[0].delivery, Delivery::Sent);

        transport.close();
        assert!(net.is_closed());
        assert!(transport.send(&ClientFrame::Ping).is_err());
    }
}
