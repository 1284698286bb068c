//! The conversation ([`crate::state`]) and the connection
//! ([`crate::connection`]) joined: one pure step from an input to the
//! effects the glue runs.
//!
//! The reducer decides what to send and what the visitor sees; the machine
//! decides when and how it goes over the link. Each tells the other through
//! a queue, in order, inside [`step`], so the glue never calls back into
//! either from inside a call: it feeds an input, runs the effects, and
//! feeds what the transport, the timers and the page report later.

use crate::connection::{Input as LinkInput, Link, Output, PageEvent, Timer, TransportEvent};
use crate::protocol::ClientFrame;
use crate::state::{self, reduce, Event, HostEvent, State};
use std::collections::VecDeque;

/// What happened, from the glue's side.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Start connecting (after [`Event::Restore`], if there is anything to restore).
    Start,
    /// Something the visitor or the host page did.
    Ui(Event),
    /// The transport reported something.
    Net(TransportEvent),
    /// A timer the glue armed fired.
    Timer(Timer),
    /// The page's lifecycle.
    Page(PageEvent),
    /// Shut down for good.
    Stop,
}

/// What the glue must do, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Open the transport's connection.
    Open,
    /// Close the transport's connection.
    Close,
    /// Hand this frame to the transport.
    Transmit(ClientFrame),
    /// Run this timer after this many ms, replacing it if pending.
    Arm(Timer, u64),
    /// Cancel this timer.
    Cancel(Timer),
    /// Store [`State::saved_over`].
    Persist,
    /// Tell the host page.
    Emit(HostEvent),
    /// Upload the file of the message with this client id (see
    /// [`state::Effect::Upload`]).
    Upload(String),
    /// Stop that upload.
    CancelUpload(String),
}

enum Work {
    Reduce(Event),
    Link(LinkInput),
}

/// Feeds `input` at `now` (ms) through the reducer and the machine, and
/// returns what the glue must do.
pub fn step(state: &mut State, link: &mut Link, input: Input, now: u64) -> Vec<Effect> {
    let mut work = VecDeque::new();
    match input {
        Input::Start => work.push_back(Work::Link(LinkInput::Start)),
        Input::Ui(event) => work.push_back(Work::Reduce(event)),
        Input::Net(event) => work.push_back(Work::Link(LinkInput::Net(event))),
        Input::Timer(timer) => work.push_back(Work::Link(LinkInput::Timer(timer))),
        Input::Page(event) => {
            match event {
                PageEvent::Online => work.push_back(Work::Reduce(Event::Network(true))),
                PageEvent::Offline => work.push_back(Work::Reduce(Event::Network(false))),
                _ => {}
            }
            work.push_back(Work::Link(LinkInput::Page(event)));
        }
        Input::Stop => work.push_back(Work::Link(LinkInput::Stop)),
    }
    let mut effects = vec![];
    while let Some(item) = work.pop_front() {
        match item {
            Work::Reduce(event) => {
                for effect in reduce(state, event) {
                    match effect {
                        state::Effect::Send(frame) => work.push_back(Work::Link(LinkInput::Send(frame))),
                        state::Effect::Persist => effects.push(Effect::Persist),
                        state::Effect::Emit(e) => effects.push(Effect::Emit(e)),
                        state::Effect::Upload(id) => effects.push(Effect::Upload(id)),
                        state::Effect::CancelUpload(id) => effects.push(Effect::CancelUpload(id)),
                        state::Effect::Restart => work.push_back(Work::Link(LinkInput::Restart)),
                    }
                }
            }
            Work::Link(input) => {
                for output in link.handle(input, now) {
                    effects.push(match output {
                        Output::Tell(event) => {
                            work.push_back(Work::Reduce(event));
                            continue;
                        }
                        Output::Open => Effect::Open,
                        Output::Close => Effect::Close,
                        Output::Transmit(frame) => Effect::Transmit(frame),
                        Output::Arm(timer, ms) => Effect::Arm(timer, ms),
                        Output::Cancel(timer) => Effect::Cancel(timer),
                    });
                }
            }
        }
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::{Capabilities, PostOutcome};
    use crate::protocol::{ServerFrame, PROTOCOL_VERSION};
    use crate::state::{Delivery, Saved};

    /// A conversation and its link on a virtual clock; the test plays the server.
    struct Widget {
        state: State,
        link: Link,
        now: u64,
        sent: Vec<ClientFrame>,
        opens: usize,
        armed: Vec<(Timer, u64)>,
    }

    impl Widget {
        fn new(caps: Capabilities) -> Self {
            let mut w = Widget {
                state: State::default(),
                link: Link::new(caps, 25_000, 9),
                now: 0,
                sent: vec![],
                opens: 0,
                armed: vec![],
            };
            w.input(Input::Ui(Event::Restore(Saved::default())));
            w.input(Input::Start);
            w
        }

        fn input(&mut self, input: Input) {
            for effect in step(&mut self.state, &mut self.link, input, self.now) {
                match effect {
                    Effect::Open => self.opens += 1,
                    Effect::Transmit(frame) => self.sent.push(frame),
                    Effect::Arm(timer, ms) => self.armed.push((timer, ms)),
                    _ => {}
                }
            }
        }

        fn server(&mut self, frame: ServerFrame) {
            self.input(Input::Net(TransportEvent::Frame(frame)));
        }

        fn connect(&mut self, token: &str) {
            self.input(Input::Net(TransportEvent::Opened));
            self.server(ServerFrame::Welcome {
                v: PROTOCOL_VERSION,
                token: token.into(),
                conversation: "k1".into(),
                head_seq: 0,
                status: Default::default(),
            });
        }

        fn write(&mut self, text: &str, id: &str) {
            self.input(Input::Ui(Event::DraftChanged(text.into())));
            self.input(Input::Ui(Event::Submit { client_id: id.into(), at: 0 }));
        }

        fn fire(&mut self, timer: Timer) {
            let (_, ms) = *self.armed.iter().rev().find(|(t, _)| *t == timer).expect("armed");
            self.now += ms;
            self.input(Input::Timer(timer));
        }

        fn messages_sent(&self) -> Vec<&str> {
            self.sent
                .iter()
                .filter_map(|f| match f {
                    ClientFrame::Message { client_id, .. } => Some(client_id.as_str()),
                    _ => None,
                })
                .collect()
        }
    }

    /// The same server answer gives the visitor the same result on every
    /// transport: rate limited once, then stored; "Sent", sent twice with
    /// the same id, and the message written after it never overtakes it.
    #[test]
    fn the_same_answer_gives_the_same_result_on_every_transport() {
        let mut outcomes = vec![];
        for caps in [Capabilities::SOCKET, Capabilities::HTTP] {
            let mut w = Widget::new(caps);
            w.connect("t1");
            w.write("first", "c1");
            if caps.requests {
                // The typing notice was the first request out.
                w.input(Input::Net(TransportEvent::Posted(PostOutcome::Answered)));
            }
            w.write("second", "c2");
            if caps.requests {
                w.input(Input::Net(TransportEvent::Posted(PostOutcome::Status {
                    code: 429,
                    retry_after_ms: Some(2_000),
                })));
            } else {
                w.server(ServerFrame::Error {
                    code: "rate_limited".into(),
                    client_id: Some("c1".into()),
                    retry_after_ms: Some(2_000),
                });
            }
            assert_eq!(w.state.messages[0].delivery, Delivery::Sending, "waiting, not failed");
            assert_eq!(w.messages_sent(), ["c1"], "c2 waits behind c1");
            w.fire(Timer::Resend);
            w.server(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 });
            if caps.requests {
                w.input(Input::Net(TransportEvent::Posted(PostOutcome::Answered)));
            }
            w.server(ServerFrame::Ack { client_id: "c2".into(), id: "m2".into(), seq: 2 });
            let deliveries: Vec<Delivery> = w.state.messages.iter().map(|m| m.delivery.clone()).collect();
            outcomes.push((deliveries, w.messages_sent().join(",")));
        }
        assert_eq!(outcomes[0], outcomes[1]);
        assert_eq!(outcomes[0], (vec![Delivery::Sent, Delivery::Sent], "c1,c1,c2".to_string()));
    }

    /// A message written while the connection was down goes out once after
    /// the reconnect's welcome, and the hello resumes from the last sequence.
    #[test]
    fn written_while_down_sent_once_after_the_welcome_and_resumed() {
        let mut w = Widget::new(Capabilities::SOCKET);
        w.connect("t1");
        w.server(ServerFrame::Ack { client_id: "x".into(), id: "m1".into(), seq: 1 });
        w.input(Input::Net(TransportEvent::Closed));
        w.write("while down", "c1");
        assert!(w.messages_sent().is_empty());
        w.fire(Timer::Reconnect);
        assert_eq!(w.opens, 2);
        w.input(Input::Net(TransportEvent::Opened));
        assert!(matches!(w.sent.last(), Some(ClientFrame::Hello { token: Some(t), last_seq: 1, .. }) if t == "t1"));
        w.connect("t1");
        assert_eq!(w.messages_sent(), ["c1"]);
    }

    /// A 401 forgets the token: the next hello asks for a new visitor, and
    /// the pending message goes out after that welcome.
    #[test]
    fn a_rejected_token_is_renewed() {
        let mut w = Widget::new(Capabilities::HTTP);
        w.connect("stale");
        w.write("hello?", "c1");
        w.input(Input::Net(TransportEvent::Posted(PostOutcome::Answered))); // the typing notice
        w.input(Input::Net(TransportEvent::Posted(PostOutcome::Status { code: 401, retry_after_ms: None })));
        assert_eq!(w.state.token, None);
        w.fire(Timer::Reconnect);
        w.input(Input::Net(TransportEvent::Opened));
        assert!(matches!(w.sent.last(), Some(ClientFrame::Hello { token: None, .. })));
        w.connect("fresh");
        assert_eq!(w.messages_sent(), ["c1", "c1"]);
        assert_eq!(w.state.token.as_deref(), Some("fresh"));
    }

    #[test]
    fn online_and_offline_reach_the_banner_and_the_link() {
        let mut w = Widget::new(Capabilities::SOCKET);
        w.connect("t");
        w.input(Input::Page(PageEvent::Offline));
        assert!(!w.state.network);
        w.input(Input::Net(TransportEvent::Closed));
        w.input(Input::Page(PageEvent::Online));
        assert!(w.state.network);
        assert_eq!(w.opens, 2, "online reconnects at once");
    }
}
