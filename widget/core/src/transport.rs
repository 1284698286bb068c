//! The pluggable link between the widget and a backend.
//!
//! A [`Transport`] is a thin adapter: it opens a connection, hands frames
//! over, closes, and reports what happened ([`TransportEvent`]) through a
//! sink. It decides nothing: when to reconnect, when to ping, what to retry
//! and when a connection is dead are the connection machine's
//! ([`crate::connection`]), so every transport follows the same rules. It
//! has no `Send` bounds: the browser is single-threaded.
//!
//! One rule keeps implementations simple and the widget re-entrancy-safe:
//! **never call the sink from inside a call** (`open`, `send`, `close`).
//! Deliver events later (a network callback, a timer, a microtask), as a
//! real network would.
//!
//! Implementations here are the pure ones: [`InMemoryTransport`] for tests
//! and [`EchoServer`], the logic of the in-page echo bot. The browser
//! transports live in the `salam-widget` crate.

pub use crate::connection::{Capabilities, PostOutcome, TransportEvent};
use crate::protocol::{Author, AuthorKind, ClientFrame, ConversationStatus, ServerFrame, Stage, PROTOCOL_VERSION};
use std::cell::RefCell;
use std::rc::Rc;

/// Where a transport delivers its events.
pub type EventSink = Rc<dyn Fn(TransportEvent)>;

/// A link to a chat backend.
pub trait Transport {
    /// How the connection machine should drive this transport.
    fn capabilities(&self) -> Capabilities;
    /// Opens a new connection (dropping any other); its events go to
    /// `sink`, later, never from this call: [`TransportEvent::Opened`] when
    /// a `hello` may be sent, [`TransportEvent::Closed`] when it is gone.
    fn open(&mut self, sink: EventSink);
    /// Hands a frame over. Whatever goes wrong comes back as an event
    /// (`Closed`, or `Posted` for a transport that posts).
    fn send(&mut self, frame: &ClientFrame);
    /// Closes the connection; no events of it come after this.
    fn close(&mut self);
}

/// A transport whose "server" is the test: it records what was opened and
/// sent, and delivers whatever the test pushes.
#[derive(Clone)]
pub struct InMemoryTransport {
    inner: Rc<RefCell<InMemoryInner>>,
}

struct InMemoryInner {
    capabilities: Capabilities,
    sink: Option<EventSink>,
    sent: Vec<ClientFrame>,
    opens: usize,
    closes: usize,
}

impl Default for InMemoryTransport {
    fn default() -> Self {
        Self::with_capabilities(Capabilities::LOCAL)
    }
}

impl InMemoryTransport {
    /// A new transport that runs no timers. Clones share the same state, so
    /// a test keeps one clone and gives the other to the widget.
    pub fn new() -> Self {
        Self::default()
    }

    /// One that asks the machine for these capabilities.
    pub fn with_capabilities(capabilities: Capabilities) -> Self {
        Self {
            inner: Rc::new(RefCell::new(InMemoryInner { capabilities, sink: None, sent: vec![], opens: 0, closes: 0 })),
        }
    }

    /// Frames sent so far.
    pub fn sent(&self) -> Vec<ClientFrame> {
        self.inner.borrow().sent.clone()
    }

    /// How many times the widget opened, and closed, a connection.
    pub fn opens_and_closes(&self) -> (usize, usize) {
        let inner = self.inner.borrow();
        (inner.opens, inner.closes)
    }

    /// Delivers an event to the widget, as the network would, if a
    /// connection is open.
    pub fn deliver(&self, event: TransportEvent) {
        let sink = self.inner.borrow().sink.clone();
        if let Some(sink) = sink {
            sink(event);
        }
    }
}

impl Transport for InMemoryTransport {
    fn capabilities(&self) -> Capabilities {
        self.inner.borrow().capabilities
    }

    fn open(&mut self, sink: EventSink) {
        let mut inner = self.inner.borrow_mut();
        inner.opens += 1;
        inner.sink = Some(sink);
    }

    fn send(&mut self, frame: &ClientFrame) {
        self.inner.borrow_mut().sent.push(frame.clone());
    }

    fn close(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closes += 1;
        inner.sink = None;
    }
}

/// The echo bot's side of the conversation: acknowledges each visitor
/// message and answers it. Pure; the browser glue adds the delays.
#[derive(Debug, Default)]
pub struct EchoServer {
    seq: u64,
    seen: Vec<String>,
    /// The last answer and when.
    last: Option<(String, u64)>,
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
            // One conversation, the page's.
            ClientFrame::Conversations => {
                let list = self.last.iter().map(|(text, at)| crate::protocol::Thread {
                    id: "echo".into(),
                    status: "open".into(),
                    text: text.clone(),
                    at: *at,
                    ..Default::default()
                });
                vec![ServerFrame::Conversations { list: list.collect() }]
            }
            // Nothing is ever lost in the page, so there is nothing to replay.
            ClientFrame::Sync { .. }
            | ClientFrame::History { .. }
            | ClientFrame::Typing { .. }
            | ClientFrame::Read { .. }
            | ClientFrame::Identify { .. }
            // No conversation is kept here to add a greeting to.
            | ClientFrame::Greeting { .. }
            | ClientFrame::Prechat { .. }
            // No tickets or transcripts here: nobody to e-mail.
            | ClientFrame::Ticket { .. }
            | ClientFrame::Transcript { .. }
            | ClientFrame::Unknown => {
                vec![]
            }
            ClientFrame::End => vec![ServerFrame::Status { status: ConversationStatus::Resolved }],
            ClientFrame::Rate { client_id, .. } => vec![ServerFrame::Received { client_id: client_id.clone() }],
            // Nobody else is here: a person is awaited for ever.
            ClientFrame::Handover => {
                vec![ServerFrame::Stage { stage: Stage::Waiting, agent: None, queue_position: Some(1) }]
            }
            ClientFrame::Message { client_id, text, .. } => {
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
                self.last = Some((text.clone(), now));
                vec![
                    ServerFrame::Ack { client_id: client_id.clone(), id: format!("m{ack_seq}"), seq: ack_seq },
                    ServerFrame::Message {
                        id: format!("m{reply_seq}"),
                        seq: reply_seq,
                        author: Author::named(AuthorKind::Bot, "Echo"),
                        text: text.clone(),
                        client_id: None,
                        at: Some(now),
                        quick_replies: vec![],
                        attachments: vec![],
                    },
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::Link;
    use crate::session::{step, Effect, Input};
    use crate::state::{Delivery, Event, Saved, State};

    #[test]
    fn echo_acks_answers_and_dedupes() {
        let mut server = EchoServer::default();
        let hi = ClientFrame::Message { client_id: "c1".into(), text: "hi".into(), attachments: vec![] };
        let first = server.handle(&hi, 0);
        assert_eq!(first.len(), 2);
        assert!(matches!(&first[1], ServerFrame::Message { text, .. } if text == "hi"));
        let again = server.handle(&hi, 0);
        assert_eq!(again, vec![first[0].clone()], "a resend is acked again, not answered twice");
    }

    /// The session and the in-memory transport, wired the way the glue
    /// wires them: effects run, and the transport's events come back later.
    #[test]
    fn in_memory_round_trip_through_the_session() {
        let net = InMemoryTransport::new();
        let mut transport: Box<dyn Transport> = Box::new(net.clone());
        let events: Rc<RefCell<Vec<TransportEvent>>> = Rc::default();
        let (mut state, mut link) = (State::default(), Link::new(transport.capabilities(), 25_000, 7));
        let queue = events.clone();
        let sink: EventSink = Rc::new(move |e| queue.borrow_mut().push(e));
        let mut run = |state: &mut State, link: &mut Link, input: Input| {
            for effect in step(state, link, input, 0) {
                match effect {
                    Effect::Open => transport.open(sink.clone()),
                    Effect::Transmit(frame) => transport.send(&frame),
                    Effect::Close => transport.close(),
                    _ => {}
                }
            }
        };

        // Typed before the connection is up: it waits, then goes out after the welcome.
        run(&mut state, &mut link, Input::Ui(Event::Restore(Saved::default())));
        run(&mut state, &mut link, Input::Start);
        run(&mut state, &mut link, Input::Ui(Event::DraftChanged("early".into())));
        run(&mut state, &mut link, Input::Ui(Event::Submit { client_id: "c1".into(), at: 0 }));
        assert_eq!(state.messages[0].delivery, Delivery::Sending);
        assert!(net.sent().is_empty());

        net.deliver(TransportEvent::Opened);
        for e in events.borrow_mut().drain(..).collect::<Vec<_>>() {
            run(&mut state, &mut link, Input::Net(e));
        }
        assert!(matches!(net.sent()[..], [ClientFrame::Hello { token: None, last_seq: 0, .. }]));
        let welcome = EchoServer::default().handle(&net.sent()[0], 0).remove(0);
        net.deliver(TransportEvent::Frame(welcome));
        for e in events.borrow_mut().drain(..).collect::<Vec<_>>() {
            run(&mut state, &mut link, Input::Net(e));
        }
        assert_eq!(
            net.sent()[1],
            ClientFrame::Message { client_id: "c1".into(), text: "early".into(), attachments: vec![] }
        );

        net.deliver(TransportEvent::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 }));
        for e in events.borrow_mut().drain(..).collect::<Vec<_>>() {
            run(&mut state, &mut link, Input::Net(e));
        }
        assert_eq!(state.messages[0].delivery, Delivery::Sent);
        run(&mut state, &mut link, Input::Stop);
        assert_eq!(net.opens_and_closes(), (1, 1));
    }
}
