//! The connection as one sans-IO machine: every delivery rule of
//! `docs/PROTOCOL.md` that is about the link rather than the conversation.
//!
//! It is fed what happened (the transport opened or closed, a frame came,
//! an HTTP post was answered, a timer fired, the page was hidden or came
//! back online, the conversation wants to send a frame) with the time, and
//! answers with what to do (open, close, transmit a frame, arm or cancel a
//! timer) and what to tell the conversation ([`crate::state::reduce`]'s
//! events). It reads no clock and owns no socket, so the rules are tested
//! natively with a virtual clock, and every transport gets them all:
//!
//! * **Reconnect** with capped exponential backoff and full jitter
//!   ([`Backoff::RECONNECT`]), at once on `online`, when the tab becomes
//!   visible and on `pageshow`; never while the tab is hidden; not at all
//!   after `pagehide` until the page is shown again.
//! * **Heartbeat**: every interval, a `ping` (if the transport wants one),
//!   and a check: a connection silent for an interval plus
//!   min(interval, 10 s), or not greeted (`welcome`) that long after it was
//!   opened, is dropped and replaced.
//! * **Ordered sending**: visitor messages go one at a time, each after the
//!   one before is acknowledged, so a message refused for now never lets a
//!   later one overtake it. A transport whose sends are HTTP requests
//!   ([`Capabilities::requests`]) has one request out at a time.
//! * **Retries**: `rate_limited` (a WebSocket `error` frame or an HTTP 429)
//!   waits at least the server's `Retry-After`, then resends with the same
//!   client id; `unavailable`, a 5xx or no answer retries with backoff. After
//!   [`RATE_LIMITED_TRIES`] or [`SEND_TRIES`] the message is marked failed,
//!   with its reason, for the visitor's "Try again". A refusal for good
//!   (`too_long`, a 4xx) fails it at once. The same server answer gives the
//!   same result on every transport.
//! * **Token renewal**: an HTTP 401 means the server does not know the
//!   visitor's token; the conversation forgets it and the next `hello` gets
//!   a new one.
//!
//! What to send and when it is delivered (the outbox, `hello` with the last
//! sequence number, gaps, upserts) is the conversation's, in
//! [`crate::state`]; [`crate::session`] joins the two.

use crate::backoff::Backoff;
use crate::protocol::{ClientFrame, ServerFrame};
use crate::state::{failure_reason, Event};
use std::collections::VecDeque;

/// A message is marked failed after this many sends that got a 5xx,
/// `unavailable` or no answer.
pub const SEND_TRIES: u32 = 6;
/// ...or this many that were refused as `rate_limited`.
pub const RATE_LIMITED_TRIES: u32 = 20;
/// A heartbeat may be this late, at most, before the connection counts as dead.
pub const MAX_HEARTBEAT_GRACE_MS: u64 = 10_000;

/// How the machine drives a transport; each transport says its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Watch the connection: the heartbeat checks and the welcome
    /// watchdog. Off for a transport whose other end is in the page (the
    /// echo bot) or run by the site (the JS bridge).
    pub watchdog: bool,
    /// Send `ping` every heartbeat (WebSocket). Without it the server is
    /// expected to send `pong` on its own (the SSE stream does).
    pub pings: bool,
    /// Each frame but `hello` and `sync` is an HTTP request, answered by
    /// [`TransportEvent::Posted`]: one at a time.
    pub requests: bool,
}

impl Capabilities {
    /// A WebSocket: pings, watched.
    pub const SOCKET: Capabilities = Capabilities { watchdog: true, pings: true, requests: false };
    /// HTTP POST + Server-Sent Events: requests, watched through the server's pongs.
    pub const HTTP: Capabilities = Capabilities { watchdog: true, pings: false, requests: true };
    /// In the page or run by the site: no timers of ours.
    pub const LOCAL: Capabilities = Capabilities { watchdog: false, pings: false, requests: false };
}

/// How a transport's HTTP request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostOutcome {
    /// 200: its frames were delivered as [`TransportEvent::Frame`] first.
    Answered,
    /// Any other status, with `Retry-After` in ms if the server sent one.
    Status {
        /// The HTTP status.
        code: u16,
        /// `Retry-After`, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// No answer: the network failed or the request was cut.
    Failed,
}

/// What a transport reports; always later, never from inside a call.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportEvent {
    /// The connection is open: the next frame is `hello`.
    Opened,
    /// The connection is gone (closed, failed, refused).
    Closed,
    /// A frame from the server.
    Frame(ServerFrame),
    /// An HTTP request ([`Capabilities::requests`]) ended.
    Posted(PostOutcome),
}

/// The machine's timers; the glue keeps at most one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timer {
    /// The next connection attempt.
    Reconnect,
    /// The next heartbeat.
    Heartbeat,
    /// Sending the first waiting message again.
    Resend,
}

/// What the page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageEvent {
    /// `online`: the network is probably back.
    Online,
    /// `offline`.
    Offline,
    /// The tab became visible.
    Visible,
    /// The tab was hidden.
    Hidden,
    /// `pageshow` (also back from the back/forward cache).
    Show,
    /// `pagehide`: the page may go into the back/forward cache.
    Hide,
}

/// An input to the machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Start connecting.
    Start,
    /// The transport reported something.
    Net(TransportEvent),
    /// The conversation wants this frame sent.
    Send(ClientFrame),
    /// A timer fired.
    Timer(Timer),
    /// The page's lifecycle.
    Page(PageEvent),
    /// Close the connection and open a new one at once, forgetting what
    /// was queued (the visitor opened another conversation).
    Restart,
    /// Shut down for good.
    Stop,
}

/// What the machine asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Open the transport (a new connection).
    Open,
    /// Close the transport's connection; it reports nothing about it.
    Close,
    /// Hand this frame to the transport.
    Transmit(ClientFrame),
    /// Run this timer after this many ms, replacing it if it is pending.
    Arm(Timer, u64),
    /// Cancel this timer.
    Cancel(Timer),
    /// Tell the conversation.
    Tell(Event),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Not started.
    Idle,
    /// `Open` asked for; waiting for `Opened`.
    Connecting,
    /// Connected (greeted once `welcomed`).
    Open,
    /// Lost; `Reconnect` is armed.
    Waiting,
    /// Lost while the tab was hidden: no timer until it is shown.
    Asleep,
    /// `pagehide`: let go until `pageshow`.
    Suspended,
    /// Shut down.
    Stopped,
}

/// The first visitor message waiting to be acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outgoing {
    client_id: String,
    text: String,
    attachments: Vec<String>,
}

/// What the one HTTP request out is carrying.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Request {
    Message(String),
    Other,
}

/// The connection machine. See the module docs.
#[derive(Debug, Clone)]
pub struct Link {
    caps: Capabilities,
    heartbeat_ms: u64,
    phase: Phase,
    attempt: u32,
    rng: u64,
    hidden: bool,
    opened_at: u64,
    last_heard: u64,
    welcomed: bool,
    /// Visitor messages in the order written; the first is in flight once `head_sent`.
    messages: VecDeque<Outgoing>,
    head_sent: bool,
    /// `Resend` is armed for the first message.
    resend_armed: bool,
    failures: u32,
    limited: u32,
    /// Other frames waiting for the request slot (HTTP only).
    others: VecDeque<ClientFrame>,
    request: Option<Request>,
}

impl Link {
    /// A machine for a transport with these capabilities and heartbeat;
    /// `seed` feeds the backoff's jitter (any value; the glue uses
    /// `Math.random`, tests a constant).
    pub fn new(caps: Capabilities, heartbeat_ms: u64, seed: u64) -> Self {
        Self {
            caps,
            heartbeat_ms: heartbeat_ms.max(1),
            phase: Phase::Idle,
            attempt: 0,
            // xorshift must not start at 0.
            rng: seed | 1,
            hidden: false,
            opened_at: 0,
            last_heard: 0,
            welcomed: false,
            messages: VecDeque::new(),
            head_sent: false,
            resend_armed: false,
            failures: 0,
            limited: 0,
            others: VecDeque::new(),
            request: None,
        }
    }

    /// Whether a connection is open and the server has said `welcome` on it.
    pub fn is_welcomed(&self) -> bool {
        self.phase == Phase::Open && self.welcomed
    }

    /// Feeds one input at `now` (ms); returns what to do, in order.
    pub fn handle(&mut self, input: Input, now: u64) -> Vec<Output> {
        let mut out = vec![];
        match input {
            Input::Start => {
                if self.phase == Phase::Idle {
                    self.open(now, &mut out);
                }
            }
            Input::Net(event) => self.on_net(event, now, &mut out),
            Input::Send(frame) => self.on_send(frame, &mut out),
            Input::Timer(timer) => self.on_timer(timer, now, &mut out),
            Input::Page(event) => self.on_page(event, now, &mut out),
            Input::Restart => {
                if self.phase != Phase::Stopped {
                    out.push(Output::Close);
                    self.cancel_all(&mut out);
                    // What was queued belongs to the conversation left; the
                    // reducer sends what is pending again after the welcome.
                    *self = Link::new(self.caps, self.heartbeat_ms, self.rng);
                    self.open(now, &mut out);
                }
            }
            Input::Stop => {
                if self.phase != Phase::Stopped {
                    out.push(Output::Close);
                    self.cancel_all(&mut out);
                    self.phase = Phase::Stopped;
                }
            }
        }
        out
    }

    fn open(&mut self, now: u64, out: &mut Vec<Output>) {
        self.phase = Phase::Connecting;
        self.welcomed = false;
        self.opened_at = now;
        self.last_heard = now;
        out.push(Output::Open);
        if self.caps.watchdog {
            // The same timer watches the connect: one that never opens, or
            // never says welcome, is given up like a silent one.
            out.push(Output::Arm(Timer::Heartbeat, self.heartbeat_ms));
        }
    }

    fn on_net(&mut self, event: TransportEvent, now: u64, out: &mut Vec<Output>) {
        if matches!(self.phase, Phase::Idle | Phase::Suspended | Phase::Stopped) {
            return; // after close: a late event of a connection let go
        }
        match event {
            TransportEvent::Opened => {
                if self.phase == Phase::Open {
                    return;
                }
                // Also from Waiting or Asleep: a bridge may come back by itself.
                if self.phase != Phase::Connecting {
                    out.push(Output::Cancel(Timer::Reconnect));
                    self.opened_at = now;
                    if self.caps.watchdog {
                        out.push(Output::Arm(Timer::Heartbeat, self.heartbeat_ms));
                    }
                }
                self.phase = Phase::Open;
                self.welcomed = false;
                self.last_heard = now;
                out.push(Output::Tell(Event::Connected));
            }
            TransportEvent::Closed => {
                if matches!(self.phase, Phase::Connecting | Phase::Open) {
                    self.lost(now, out);
                }
            }
            TransportEvent::Frame(frame) => {
                if self.phase != Phase::Open {
                    return;
                }
                self.last_heard = now;
                self.on_frame(frame, out);
            }
            TransportEvent::Posted(outcome) => {
                if self.phase == Phase::Open {
                    self.on_posted(outcome, now, out);
                }
            }
        }
    }

    fn on_frame(&mut self, frame: ServerFrame, out: &mut Vec<Output>) {
        match &frame {
            ServerFrame::Welcome { .. } => {
                self.welcomed = true;
                self.attempt = 0;
                out.push(Output::Tell(Event::Frame(frame)));
                // The conversation answers with its pending messages.
                return;
            }
            ServerFrame::Ack { client_id, .. } => self.acknowledged(client_id, out),
            ServerFrame::Message { client_id: Some(client_id), .. } => self.acknowledged(client_id, out),
            ServerFrame::Error { code, client_id: Some(client_id), retry_after_ms }
                if self.messages.front().is_some_and(|m| m.client_id == *client_id) =>
            {
                match code.as_str() {
                    "rate_limited" => return self.rate_limited(*retry_after_ms, out),
                    "unavailable" => return self.failed_try(out),
                    _ => {
                        // Refused for good: the conversation marks it with the reason.
                        self.messages.pop_front();
                        self.next_message();
                        out.push(Output::Tell(Event::Frame(frame)));
                        self.pump(out);
                        return;
                    }
                }
            }
            _ => {}
        }
        out.push(Output::Tell(Event::Frame(frame)));
    }

    /// The server has the message `client_id`: the next one may go.
    fn acknowledged(&mut self, client_id: &str, out: &mut Vec<Output>) {
        if let Some(at) = self.messages.iter().position(|m| m.client_id == client_id) {
            let was_head = at == 0;
            self.messages.remove(at);
            if was_head {
                self.next_message();
                if self.resend_armed {
                    self.resend_armed = false;
                    out.push(Output::Cancel(Timer::Resend));
                }
            }
            self.pump(out);
        }
    }

    fn next_message(&mut self) {
        self.head_sent = false;
        self.failures = 0;
        self.limited = 0;
    }

    fn rate_limited(&mut self, retry_after_ms: Option<u64>, out: &mut Vec<Output>) {
        self.limited += 1;
        if self.limited >= RATE_LIMITED_TRIES {
            return self.give_up(failure_reason("rate_limited"), out);
        }
        let wait = Backoff::RESEND.delay_at_least(self.limited.min(4), self.random(), retry_after_ms.or(Some(1_000)));
        self.resend_later(wait, out);
    }

    fn failed_try(&mut self, out: &mut Vec<Output>) {
        self.failures += 1;
        if self.failures >= SEND_TRIES {
            return self.give_up(failure_reason("unavailable"), out);
        }
        let wait = Backoff::RESEND.delay(self.failures - 1, self.random());
        self.resend_later(wait, out);
    }

    fn resend_later(&mut self, wait: u64, out: &mut Vec<Output>) {
        self.head_sent = false;
        self.resend_armed = true;
        out.push(Output::Arm(Timer::Resend, wait));
    }

    /// The first message cannot be sent: it is marked failed, and the next goes.
    fn give_up(&mut self, reason: &'static str, out: &mut Vec<Output>) {
        if let Some(m) = self.messages.pop_front() {
            out.push(Output::Tell(Event::SendFailed { client_id: m.client_id, reason }));
        }
        self.next_message();
        self.pump(out);
    }

    fn on_posted(&mut self, outcome: PostOutcome, now: u64, out: &mut Vec<Output>) {
        let Some(request) = self.request.take() else { return };
        let message = match &request {
            Request::Message(id) if self.messages.front().is_some_and(|m| m.client_id == *id) => true,
            // Acknowledged meanwhile, or not a message: only the slot is free again.
            _ => false,
        };
        match outcome {
            PostOutcome::Answered => {
                // A 200 without the ack (a server that lost it): try again.
                if message && self.head_sent {
                    return self.failed_try(out);
                }
            }
            PostOutcome::Status { code: 401, .. } => {
                // The server does not know the token: forget it; the next
                // connection's `hello` gets a new one.
                out.push(Output::Tell(Event::TokenRejected));
                out.push(Output::Close);
                return self.lost(now, out);
            }
            PostOutcome::Status { code: 429, retry_after_ms } if message => {
                return self.rate_limited(retry_after_ms, out);
            }
            // Any request's 429 asks this client to wait: nothing goes
            // before Retry-After (the typing notice itself is not retried).
            PostOutcome::Status { code: 429, retry_after_ms } => {
                let wait = Backoff::RESEND.delay_at_least(0, self.random(), retry_after_ms.or(Some(1_000)));
                self.resend_armed = true;
                out.push(Output::Arm(Timer::Resend, wait));
                return;
            }
            PostOutcome::Status { code, .. } if message && (400..500).contains(&code) => {
                // Refused for good (malformed, too large): retrying cannot help.
                return self.give_up(failure_reason("refused"), out);
            }
            PostOutcome::Status { .. } | PostOutcome::Failed if message => return self.failed_try(out),
            // A typing notice or a history request that failed is not retried.
            PostOutcome::Status { .. } | PostOutcome::Failed => {}
        }
        self.pump(out);
    }

    fn on_send(&mut self, frame: ClientFrame, out: &mut Vec<Output>) {
        match frame {
            ClientFrame::Message { client_id, text, attachments } => {
                // Before the welcome the conversation sends its pending
                // messages again anyway; after it, each goes in order, once.
                if !self.is_welcomed() || self.messages.iter().any(|m| m.client_id == client_id) {
                    return;
                }
                self.messages.push_back(Outgoing { client_id, text, attachments });
                self.pump(out);
            }
            // These open (or reopen) the stream on an HTTP transport: no request slot.
            ClientFrame::Hello { .. } | ClientFrame::Sync { .. } => {
                if self.phase == Phase::Open {
                    out.push(Output::Transmit(frame));
                }
            }
            other => {
                if !self.is_welcomed() {
                    return;
                }
                if !self.caps.requests {
                    out.push(Output::Transmit(other));
                    return;
                }
                // Only the latest typing state matters.
                if matches!(other, ClientFrame::Typing { .. }) {
                    self.others.retain(|f| !matches!(f, ClientFrame::Typing { .. }));
                }
                self.others.push_back(other);
                self.pump(out);
            }
        }
    }

    /// Sends what may go now: the first message if nothing holds it, and on
    /// an HTTP transport one request at a time.
    fn pump(&mut self, out: &mut Vec<Output>) {
        // While `Resend` is armed the server has asked us to wait.
        if !self.is_welcomed() || self.request.is_some() || self.resend_armed {
            return;
        }
        if !self.head_sent {
            if let Some(m) = self.messages.front() {
                self.head_sent = true;
                let frame = ClientFrame::Message {
                    client_id: m.client_id.clone(),
                    text: m.text.clone(),
                    attachments: m.attachments.clone(),
                };
                if self.caps.requests {
                    self.request = Some(Request::Message(m.client_id.clone()));
                    out.push(Output::Transmit(frame));
                    return;
                }
                out.push(Output::Transmit(frame));
            }
        }
        if self.caps.requests {
            if let Some(frame) = self.others.pop_front() {
                self.request = Some(Request::Other);
                out.push(Output::Transmit(frame));
            }
        }
    }

    fn on_timer(&mut self, timer: Timer, now: u64, out: &mut Vec<Output>) {
        match timer {
            Timer::Reconnect => {
                if self.phase == Phase::Waiting {
                    self.open(now, out);
                }
            }
            Timer::Resend => {
                self.resend_armed = false;
                self.pump(out);
            }
            Timer::Heartbeat => {
                if !matches!(self.phase, Phase::Connecting | Phase::Open) || !self.caps.watchdog {
                    return;
                }
                let beat = self.heartbeat_ms;
                let limit = beat + beat.min(MAX_HEARTBEAT_GRACE_MS);
                let ungreeted = !self.is_welcomed() && now.saturating_sub(self.opened_at) > limit;
                let silent = self.phase == Phase::Open && now.saturating_sub(self.last_heard) > limit;
                if ungreeted || silent {
                    // Half-open: no close will ever come. Let it go and start over.
                    out.push(Output::Close);
                    return self.lost(now, out);
                }
                if self.caps.pings && self.is_welcomed() {
                    out.push(Output::Transmit(ClientFrame::Ping));
                }
                out.push(Output::Arm(Timer::Heartbeat, beat));
            }
        }
    }

    fn on_page(&mut self, event: PageEvent, now: u64, out: &mut Vec<Output>) {
        match event {
            PageEvent::Hidden => {
                self.hidden = true;
                // A background tab schedules no reconnect; `Visible` does it.
                if self.phase == Phase::Waiting {
                    out.push(Output::Cancel(Timer::Reconnect));
                    self.phase = Phase::Asleep;
                }
            }
            PageEvent::Visible => {
                self.hidden = false;
                self.wake(now, out);
            }
            PageEvent::Online | PageEvent::Show => self.wake(now, out),
            PageEvent::Offline => {}
            PageEvent::Hide => {
                if matches!(self.phase, Phase::Idle | Phase::Stopped | Phase::Suspended) {
                    return;
                }
                // Let go, so the page can enter the back/forward cache.
                let was_connected = matches!(self.phase, Phase::Connecting | Phase::Open);
                if was_connected {
                    out.push(Output::Close);
                }
                self.cancel_all(out);
                self.forget_connection();
                self.phase = Phase::Suspended;
                if was_connected {
                    out.push(Output::Tell(Event::Disconnected));
                }
            }
        }
    }

    /// Tries now instead of waiting out the backoff.
    fn wake(&mut self, now: u64, out: &mut Vec<Output>) {
        if matches!(self.phase, Phase::Waiting | Phase::Asleep | Phase::Suspended) {
            out.push(Output::Cancel(Timer::Reconnect));
            self.attempt = 0;
            self.open(now, out);
        }
    }

    /// The connection is gone: tell the conversation, and try again later.
    fn lost(&mut self, _now: u64, out: &mut Vec<Output>) {
        out.push(Output::Cancel(Timer::Heartbeat));
        if self.resend_armed {
            out.push(Output::Cancel(Timer::Resend));
        }
        self.forget_connection();
        if self.hidden {
            self.phase = Phase::Asleep;
        } else {
            self.phase = Phase::Waiting;
            let delay = Backoff::RECONNECT.delay(self.attempt, self.random());
            self.attempt = self.attempt.saturating_add(1);
            out.push(Output::Arm(Timer::Reconnect, delay));
        }
        out.push(Output::Tell(Event::Disconnected));
    }

    /// What was in flight is the conversation's again: after the next
    /// welcome it sends every pending message anew, in order.
    fn forget_connection(&mut self) {
        self.welcomed = false;
        self.messages.clear();
        self.others.clear();
        self.request = None;
        self.resend_armed = false;
        self.next_message();
    }

    fn cancel_all(&mut self, out: &mut Vec<Output>) {
        for timer in [Timer::Reconnect, Timer::Heartbeat, Timer::Resend] {
            out.push(Output::Cancel(timer));
        }
    }

    /// A number in [0, 1) for jitter (xorshift64*).
    fn random(&mut self) -> f64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        (self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Author, AuthorKind, PROTOCOL_VERSION};

    const BEAT: u64 = 25_000;

    /// The machine on a virtual clock, with what it asked for.
    struct Rig {
        link: Link,
        now: u64,
        out: Vec<Output>,
    }

    impl Rig {
        fn new(caps: Capabilities) -> Self {
            Rig { link: Link::new(caps, BEAT, 42), now: 1_000_000, out: vec![] }
        }

        fn feed(&mut self, input: Input) -> Vec<Output> {
            let out = self.link.handle(input, self.now);
            self.out.extend(out.clone());
            out
        }

        fn net(&mut self, event: TransportEvent) -> Vec<Output> {
            self.feed(Input::Net(event))
        }

        fn frame(&mut self, frame: ServerFrame) -> Vec<Output> {
            self.net(TransportEvent::Frame(frame))
        }

        fn later(&mut self, ms: u64) {
            self.now += ms;
        }

        /// Started, opened and greeted.
        fn welcomed(caps: Capabilities) -> Self {
            let mut rig = Rig::new(caps);
            rig.feed(Input::Start);
            rig.net(TransportEvent::Opened);
            rig.frame(welcome());
            rig
        }

        fn send(&mut self, id: &str) -> Vec<Output> {
            self.feed(Input::Send(ClientFrame::Message {
                client_id: id.into(),
                text: format!("text of {id}"),
                attachments: vec![],
            }))
        }
    }

    fn welcome() -> ServerFrame {
        ServerFrame::Welcome {
            v: PROTOCOL_VERSION,
            token: "t".into(),
            conversation: "k".into(),
            head_seq: 0,
            status: Default::default(),
        }
    }

    fn ack(id: &str, seq: u64) -> ServerFrame {
        ServerFrame::Ack { client_id: id.into(), id: format!("m{seq}"), seq }
    }

    fn error(code: &str, id: &str, retry_after_ms: Option<u64>) -> ServerFrame {
        ServerFrame::Error { code: code.into(), client_id: Some(id.into()), retry_after_ms }
    }

    fn transmitted(out: &[Output]) -> Vec<String> {
        out.iter()
            .filter_map(|o| match o {
                Output::Transmit(ClientFrame::Message { client_id, .. }) => Some(client_id.clone()),
                Output::Transmit(other) => Some(format!("{other:?}")),
                _ => None,
            })
            .collect()
    }

    fn armed(out: &[Output], timer: Timer) -> Option<u64> {
        out.iter().find_map(|o| match o {
            Output::Arm(t, ms) if *t == timer => Some(*ms),
            _ => None,
        })
    }

    fn told(out: &[Output]) -> Vec<Event> {
        out.iter()
            .filter_map(|o| match o {
                Output::Tell(e) => Some(e.clone()),
                _ => None,
            })
            .collect()
    }

    /// Delivery rule 4: capped exponential backoff with full jitter, never a hot loop.
    #[test]
    fn restart_closes_forgets_the_queue_and_opens_at_once() {
        for caps in [Capabilities::SOCKET, Capabilities::HTTP] {
            let mut rig = Rig::welcomed(caps);
            rig.send("c1");
            let out = rig.feed(Input::Restart);
            assert_eq!(out.first(), Some(&Output::Close));
            assert!(out.contains(&Output::Open), "{out:?}");
            assert!(!rig.link.is_welcomed());
            // The new connection carries only what is sent again after its welcome.
            rig.net(TransportEvent::Opened);
            let out = rig.frame(welcome());
            assert!(transmitted(&out).is_empty(), "{out:?}");
            assert_eq!(transmitted(&rig.send("c1")), vec!["c1"]);
            // After a shutdown it does nothing.
            rig.feed(Input::Stop);
            assert!(rig.feed(Input::Restart).is_empty());
        }
    }

    #[test]
    fn reconnects_with_capped_jittered_backoff() {
        let mut rig = Rig::new(Capabilities::SOCKET);
        rig.feed(Input::Start);
        let mut waits = vec![];
        for attempt in 0..8u32 {
            let out = rig.net(TransportEvent::Closed);
            assert!(told(&out).contains(&Event::Disconnected));
            let wait = armed(&out, Timer::Reconnect).expect("a reconnect is armed");
            let window = Backoff::RECONNECT.window(attempt);
            assert!((100..=window).contains(&wait), "attempt {attempt}: {wait} not in 100..={window}");
            waits.push(wait);
            rig.later(wait);
            assert_eq!(rig.feed(Input::Timer(Timer::Reconnect)).first(), Some(&Output::Open));
        }
        assert!(waits.iter().all(|w| *w <= 15_000), "capped at 15 s: {waits:?}");
        // A welcome resets the backoff.
        rig.net(TransportEvent::Opened);
        rig.frame(welcome());
        let wait = armed(&rig.net(TransportEvent::Closed), Timer::Reconnect).unwrap();
        assert!(wait <= Backoff::RECONNECT.window(0), "{wait}");
    }

    /// Rule 4: `online`, a visible tab and `pageshow` reconnect at once.
    #[test]
    fn wakes_at_once_on_online_visible_and_pageshow() {
        for event in [PageEvent::Online, PageEvent::Visible, PageEvent::Show] {
            let mut rig = Rig::new(Capabilities::SOCKET);
            rig.feed(Input::Start);
            for _ in 0..5 {
                rig.net(TransportEvent::Closed);
                rig.feed(Input::Timer(Timer::Reconnect));
            }
            rig.net(TransportEvent::Closed);
            let out = rig.feed(Input::Page(event));
            assert_eq!(out[..2], [Output::Cancel(Timer::Reconnect), Output::Open], "{event:?}");
            // And the backoff starts over.
            let wait = armed(&rig.net(TransportEvent::Closed), Timer::Reconnect).unwrap();
            assert!(wait <= 1_000, "{event:?}: {wait}");
        }
    }

    /// Rule 4: a hidden tab schedules no reconnect; showing it reconnects.
    #[test]
    fn a_hidden_tab_runs_no_reconnect_timer() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.feed(Input::Page(PageEvent::Hidden));
        let out = rig.net(TransportEvent::Closed);
        assert!(out.iter().all(|o| !matches!(o, Output::Arm(..))), "{out:?}");
        assert!(out.contains(&Output::Cancel(Timer::Heartbeat)));
        rig.later(600_000);
        let out = rig.feed(Input::Page(PageEvent::Visible));
        assert!(out.contains(&Output::Open), "{out:?}");
        // Hidden while waiting: the pending reconnect is cancelled too.
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.net(TransportEvent::Closed);
        assert_eq!(rig.feed(Input::Page(PageEvent::Hidden)), vec![Output::Cancel(Timer::Reconnect)]);
        assert!(rig.feed(Input::Timer(Timer::Reconnect)).is_empty(), "a late timer does nothing");
    }

    /// Rule 4: `pagehide` lets the connection go (back/forward cache) and
    /// nothing runs until `pageshow`.
    #[test]
    fn pagehide_lets_go_until_pageshow() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        let out = rig.feed(Input::Page(PageEvent::Hide));
        assert_eq!(out[0], Output::Close);
        for timer in [Timer::Reconnect, Timer::Heartbeat, Timer::Resend] {
            assert!(out.contains(&Output::Cancel(timer)));
        }
        assert_eq!(told(&out), vec![Event::Disconnected]);
        assert!(rig.net(TransportEvent::Closed).is_empty(), "the late close of the old socket");
        assert!(rig.feed(Input::Page(PageEvent::Online)).first() == Some(&Output::Cancel(Timer::Reconnect)));
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.feed(Input::Page(PageEvent::Hide));
        let out = rig.feed(Input::Page(PageEvent::Show));
        assert!(out.contains(&Output::Open));
    }

    /// Rule 6: a ping every heartbeat; a connection silent for a beat plus
    /// min(beat, 10 s) is dropped and replaced.
    #[test]
    fn heartbeat_pings_and_replaces_a_silent_connection() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.later(BEAT);
        let out = rig.feed(Input::Timer(Timer::Heartbeat));
        assert_eq!(out, vec![Output::Transmit(ClientFrame::Ping), Output::Arm(Timer::Heartbeat, BEAT)]);
        rig.later(BEAT);
        rig.frame(ServerFrame::Pong);
        assert_eq!(transmitted(&rig.feed(Input::Timer(Timer::Heartbeat))), ["Ping"]);
        // Silent from here on (half-open: no close will come).
        rig.later(BEAT);
        assert!(!rig.feed(Input::Timer(Timer::Heartbeat)).contains(&Output::Close), "one beat late is allowed");
        rig.later(BEAT);
        let out = rig.feed(Input::Timer(Timer::Heartbeat));
        assert_eq!(out[0], Output::Close, "{out:?}");
        assert!(armed(&out, Timer::Reconnect).is_some());
        // An HTTP stream is watched the same way, through the server's pongs: no pings.
        let mut rig = Rig::welcomed(Capabilities::HTTP);
        rig.later(BEAT);
        assert_eq!(rig.feed(Input::Timer(Timer::Heartbeat)), vec![Output::Arm(Timer::Heartbeat, BEAT)]);
        rig.later(BEAT + 10_001);
        assert_eq!(rig.feed(Input::Timer(Timer::Heartbeat))[0], Output::Close);
    }

    /// Rule 6: a connection that opens but never says welcome, or never
    /// opens, is given up like a silent one.
    #[test]
    fn a_connection_never_greeted_is_replaced() {
        let mut rig = Rig::new(Capabilities::SOCKET);
        assert_eq!(rig.feed(Input::Start), vec![Output::Open, Output::Arm(Timer::Heartbeat, BEAT)]);
        rig.net(TransportEvent::Opened);
        for _ in 0..2 {
            rig.later(BEAT);
            let out = rig.feed(Input::Timer(Timer::Heartbeat));
            assert!(!transmitted(&out).contains(&"Ping".to_string()), "no ping before the welcome");
            if out.contains(&Output::Close) {
                assert!(told(&out).contains(&Event::Disconnected));
                return;
            }
        }
        panic!("an ungreeted connection was kept");
    }

    /// Rule 7: visitor messages go one at a time, each after the ack of the one before.
    #[test]
    fn messages_go_one_at_a_time_in_order() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        assert_eq!(transmitted(&rig.send("c1")), ["c1"]);
        assert!(transmitted(&rig.send("c2")).is_empty(), "c2 waits for c1's ack");
        assert!(transmitted(&rig.send("c1")).is_empty(), "a resend of a queued message is not queued twice");
        assert_eq!(transmitted(&rig.frame(ack("c1", 1))), ["c2"]);
        assert_eq!(told(&rig.frame(ack("c2", 2))).len(), 1, "the ack goes on to the conversation");
        // Other frames do not wait on a socket.
        let out = rig.feed(Input::Send(ClientFrame::Typing { on: true }));
        assert_eq!(transmitted(&out), ["Typing { on: true }"]);
    }

    /// Rule 1: nothing goes before the welcome; the conversation resends it after.
    #[test]
    fn nothing_is_sent_before_the_welcome() {
        let mut rig = Rig::new(Capabilities::SOCKET);
        rig.feed(Input::Start);
        assert!(rig.send("c1").is_empty());
        let out = rig.net(TransportEvent::Opened);
        assert_eq!(told(&out), vec![Event::Connected], "the conversation says hello");
        let hello = ClientFrame::first_hello();
        assert_eq!(rig.feed(Input::Send(hello.clone())), vec![Output::Transmit(hello)]);
        assert!(rig.send("c1").is_empty(), "still not greeted");
        rig.frame(welcome());
        assert_eq!(transmitted(&rig.send("c1")), ["c1"]);
    }

    /// Rule 8: `rate_limited` waits at least the server's Retry-After and
    /// resends the same client id; the same answer over WebSocket (an error
    /// frame) and HTTP (a 429) gives the same result.
    #[test]
    fn rate_limited_waits_for_retry_after_then_resends_on_every_transport() {
        let mut results = vec![];
        for caps in [Capabilities::SOCKET, Capabilities::HTTP] {
            let mut rig = Rig::welcomed(caps);
            rig.send("c1");
            rig.send("c2");
            let out = if caps.requests {
                rig.net(TransportEvent::Posted(PostOutcome::Status { code: 429, retry_after_ms: Some(2_000) }))
            } else {
                rig.frame(error("rate_limited", "c1", Some(2_000)))
            };
            assert!(told(&out).is_empty(), "not failed, not shown as an error: {out:?}");
            let wait = armed(&out, Timer::Resend).unwrap();
            assert!(wait >= 2_000, "{wait}");
            assert!(transmitted(&out).is_empty(), "c2 does not overtake c1");
            rig.later(wait);
            let out = rig.feed(Input::Timer(Timer::Resend));
            assert_eq!(transmitted(&out), ["c1"], "the same client id again");
            // Refused every time: failed with the reason, and the next goes.
            let mut last = vec![];
            for _ in 1..RATE_LIMITED_TRIES {
                last = if caps.requests {
                    rig.net(TransportEvent::Posted(PostOutcome::Status { code: 429, retry_after_ms: None }))
                } else {
                    rig.frame(error("rate_limited", "c1", None))
                };
                rig.feed(Input::Timer(Timer::Resend));
            }
            let failed = told(&last);
            assert_eq!(
                failed,
                vec![Event::SendFailed { client_id: "c1".into(), reason: "message-failed-rate-limited" }]
            );
            assert_eq!(transmitted(&last), ["c2"]);
            results.push(failed);
        }
        assert_eq!(results[0], results[1], "the same on both transports");
    }

    /// Rule 9: a 5xx, no answer, or `unavailable` retries with backoff, the
    /// same client id, then fails for the visitor's "Try again".
    #[test]
    fn transient_failures_retry_with_backoff_then_fail() {
        for (caps, answer) in [
            (Capabilities::HTTP, TransportEvent::Posted(PostOutcome::Status { code: 503, retry_after_ms: None })),
            (Capabilities::HTTP, TransportEvent::Posted(PostOutcome::Failed)),
            (Capabilities::SOCKET, TransportEvent::Frame(error("unavailable", "c1", None))),
        ] {
            let mut rig = Rig::welcomed(caps);
            rig.send("c1");
            let mut sends = 1;
            for attempt in 0..SEND_TRIES {
                let out = rig.net(answer.clone());
                if attempt + 1 == SEND_TRIES {
                    assert_eq!(
                        told(&out),
                        vec![Event::SendFailed { client_id: "c1".into(), reason: "message-failed" }]
                    );
                    break;
                }
                let wait = armed(&out, Timer::Resend).unwrap_or_else(|| panic!("{answer:?}: {out:?}"));
                assert!(wait <= Backoff::RESEND.window(attempt), "{wait}");
                rig.later(wait);
                sends += transmitted(&rig.feed(Input::Timer(Timer::Resend))).len();
            }
            assert_eq!(sends as u32, SEND_TRIES, "{answer:?}");
        }
    }

    /// Rule 10: a refusal for good fails the message at once with its
    /// reason, and the next one goes.
    #[test]
    fn a_refusal_for_good_fails_at_once() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.send("c1");
        rig.send("c2");
        let out = rig.frame(error("too_long", "c1", None));
        assert_eq!(told(&out), vec![Event::Frame(error("too_long", "c1", None))], "the conversation shows why");
        assert_eq!(transmitted(&out), ["c2"]);
        let mut rig = Rig::welcomed(Capabilities::HTTP);
        rig.send("c1");
        let out = rig.net(TransportEvent::Posted(PostOutcome::Status { code: 413, retry_after_ms: None }));
        assert_eq!(told(&out), vec![Event::SendFailed { client_id: "c1".into(), reason: "message-failed" }]);
    }

    /// Rule 11: an HTTP 401 forgets the token and reconnects; the next
    /// hello gets a new one.
    #[test]
    fn http_401_renews_the_token() {
        let mut rig = Rig::welcomed(Capabilities::HTTP);
        rig.send("c1");
        let out = rig.net(TransportEvent::Posted(PostOutcome::Status { code: 401, retry_after_ms: None }));
        assert_eq!(told(&out), vec![Event::TokenRejected, Event::Disconnected]);
        assert!(out.contains(&Output::Close));
        let wait = armed(&out, Timer::Reconnect).unwrap();
        rig.later(wait);
        assert_eq!(rig.feed(Input::Timer(Timer::Reconnect))[0], Output::Open);
    }

    /// Rule 7, HTTP: one request out at a time; typing notices wait, and
    /// only the latest one goes.
    #[test]
    fn http_has_one_request_out_at_a_time() {
        let mut rig = Rig::welcomed(Capabilities::HTTP);
        assert_eq!(transmitted(&rig.send("c1")), ["c1"]);
        for on in [true, false, true] {
            assert!(rig.feed(Input::Send(ClientFrame::Typing { on })).is_empty());
        }
        rig.frame(ack("c1", 1));
        let out = rig.net(TransportEvent::Posted(PostOutcome::Answered));
        assert_eq!(transmitted(&out), ["Typing { on: true }"]);
        assert!(transmitted(&rig.send("c2")).is_empty(), "the typing request is still out");
        assert_eq!(transmitted(&rig.net(TransportEvent::Posted(PostOutcome::Answered))), ["c2"]);
    }

    /// Rule 8, HTTP: a 429 on any request (a typing notice) holds every
    /// request after it for the Retry-After.
    #[test]
    fn a_429_on_any_request_holds_the_next_one() {
        let mut rig = Rig::welcomed(Capabilities::HTTP);
        assert_eq!(transmitted(&rig.feed(Input::Send(ClientFrame::Typing { on: true }))), ["Typing { on: true }"]);
        assert!(rig.send("c1").is_empty());
        let out = rig.net(TransportEvent::Posted(PostOutcome::Status { code: 429, retry_after_ms: Some(2_000) }));
        assert!(transmitted(&out).is_empty(), "{out:?}");
        let wait = armed(&out, Timer::Resend).unwrap();
        assert!(wait >= 2_000, "{wait}");
        rig.later(wait);
        assert_eq!(transmitted(&rig.feed(Input::Timer(Timer::Resend))), ["c1"], "then the message");
    }

    /// A lost connection forgets what was in flight: the conversation sends
    /// every pending message again after the next welcome, in order.
    #[test]
    fn a_lost_connection_starts_the_queue_over() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.send("c1");
        rig.send("c2");
        rig.net(TransportEvent::Closed);
        rig.feed(Input::Timer(Timer::Reconnect));
        rig.net(TransportEvent::Opened);
        rig.frame(welcome());
        assert_eq!(transmitted(&rig.send("c1")), ["c1"]);
        assert!(transmitted(&rig.send("c2")).is_empty());
    }

    /// Rule 3's live half: frames reach the conversation in order;
    /// a message echo also counts as the ack.
    #[test]
    fn frames_go_on_to_the_conversation() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        rig.send("c1");
        let echo = ServerFrame::Message {
            id: "m1".into(),
            seq: 1,
            author: Author { kind: AuthorKind::Visitor, name: None, ..Author::default() },
            text: "x".into(),
            client_id: Some("c1".into()),
            at: None,
            quick_replies: vec![],
            attachments: vec![],
        };
        let out = rig.frame(echo.clone());
        assert_eq!(told(&out), vec![Event::Frame(echo)]);
        assert_eq!(transmitted(&rig.send("c2")), ["c2"], "c1 counts as stored");
    }

    #[test]
    fn stop_closes_and_nothing_runs_after() {
        let mut rig = Rig::welcomed(Capabilities::SOCKET);
        let out = rig.feed(Input::Stop);
        assert_eq!(out[0], Output::Close);
        assert!(rig.net(TransportEvent::Closed).is_empty());
        assert!(rig.feed(Input::Timer(Timer::Heartbeat)).is_empty());
        assert!(rig.feed(Input::Page(PageEvent::Online)).is_empty());
    }

    #[test]
    fn a_local_transport_runs_no_timers_and_may_come_back_by_itself() {
        let mut rig = Rig::new(Capabilities::LOCAL);
        assert_eq!(rig.feed(Input::Start), vec![Output::Open]);
        rig.net(TransportEvent::Opened);
        let out = rig.net(TransportEvent::Closed);
        let wait = armed(&out, Timer::Reconnect).unwrap();
        assert!(wait >= 100);
        let out = rig.net(TransportEvent::Opened);
        assert_eq!(out[0], Output::Cancel(Timer::Reconnect), "the bridge reconnected itself");
        assert_eq!(told(&out), vec![Event::Connected]);
    }
}
