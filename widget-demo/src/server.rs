//! The conversation server: shared state, the visitor session logic (the
//! same for WebSocket and HTTP + SSE), and the live fan-out.

use crate::faults::Faults;
use crate::store::{NewMessage, Store, Visitor};
use salam_core::protocol::agent::Summary;
use salam_core::protocol::{
    Author, AuthorKind, ClientFrame, ConversationStatus, ServerFrame, MAX_HISTORY_PAGE, MAX_MESSAGE_CHARS,
    PROTOCOL_VERSION,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{broadcast, watch};

/// Messages replayed per query; a replay runs as many queries as it needs.
pub const REPLAY_PAGE: usize = 500;

/// A visitor may send a burst of this many messages...
pub const RATE_BURST: f64 = 20.0;
/// ...then this many per second (`--rate BURST:PER_SEC` changes both).
pub const RATE_PER_SEC: f64 = 2.0;

/// What the agent console hears about.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AgentEvent {
    /// A conversation's summary changed.
    Conversation {
        /// The new summary.
        summary: Summary,
    },
    /// A message was added.
    Message {
        /// Conversation id.
        conversation: String,
        /// The message frame.
        message: ServerFrame,
    },
    /// The visitor started or stopped typing.
    Typing {
        /// Conversation id.
        conversation: String,
        /// Typing now.
        on: bool,
    },
}

/// Everything the handlers share.
pub struct App {
    /// Storage.
    pub store: Arc<dyn Store>,
    rooms: Mutex<HashMap<String, broadcast::Sender<Arc<ServerFrame>>>>,
    rooms_sweep_at: AtomicUsize,
    /// Live events for agent consoles.
    pub agents: broadcast::Sender<AgentEvent>,
    buckets: Mutex<HashMap<i64, Bucket>>,
    /// Per-visitor rate limit: (burst, per second).
    pub rate: (f64, f64),
    typing: Mutex<HashSet<String>>,
    /// Origins allowed besides the server's own.
    pub allowed_origins: Vec<String>,
    /// The agent API's bearer key.
    pub agent_key: String,
    /// Fault switches (inert unless built with `faults`).
    pub faults: Faults,
    /// Bumped to close every visitor connection (fault injection, shutdown).
    pub kill: watch::Sender<u64>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Why a visitor frame was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Error code.
    pub code: &'static str,
    /// Wait this long (rate limit).
    pub retry_after_ms: Option<u64>,
}

/// The text of a new message, trimmed, or why it is refused. Visitors and
/// agents are held to the same rules.
fn checked_text<'a>(text: &'a str, client_id: Option<&str>) -> Result<&'a str, Refusal> {
    let refuse = |code| Refusal { code, retry_after_ms: None };
    if client_id.is_some_and(|c| c.is_empty() || c.len() > 64) {
        return Err(refuse("malformed"));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(refuse("empty"));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(refuse("too_long"));
    }
    Ok(text)
}

/// The milliseconds-since-epoch clock.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// `n` random bytes as hex, from the OS.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    // The OS generator failing is not something to serve through.
    getrandom::fill(&mut buf).expect("the OS random number generator works");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a token: its SHA-256, so a leaked database does not
/// leak live tokens.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl App {
    /// A server over `store`.
    pub fn new(store: Arc<dyn Store>, allowed_origins: Vec<String>, agent_key: String) -> Self {
        Self {
            store,
            rooms: Mutex::default(),
            rooms_sweep_at: AtomicUsize::new(1024),
            agents: broadcast::channel(1024).0,
            buckets: Mutex::default(),
            rate: (RATE_BURST, RATE_PER_SEC),
            typing: Mutex::default(),
            allowed_origins,
            agent_key,
            faults: Faults::default(),
            kill: watch::channel(0).0,
        }
    }

    /// Receives every frame published to a conversation from now on.
    pub fn subscribe(&self, conversation: &str) -> broadcast::Receiver<Arc<ServerFrame>> {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        // Rooms whose visitors all left go when the map has doubled since
        // the last sweep, so memory follows the live connections.
        if rooms.len() >= self.rooms_sweep_at.load(Ordering::Relaxed) {
            rooms.retain(|_, tx| tx.receiver_count() > 0);
            self.rooms_sweep_at.store((rooms.len() * 2).max(1024), Ordering::Relaxed);
        }
        rooms.entry(conversation.to_string()).or_insert_with(|| broadcast::channel(512).0).subscribe()
    }

    /// Sends a frame to every connection of the conversation's visitor.
    pub fn publish(&self, conversation: &str, frame: ServerFrame) {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = rooms.get(conversation) {
            if tx.send(Arc::new(frame)).is_err() {
                // Nobody listens any more: forget the room.
                rooms.remove(conversation);
            }
        }
    }

    /// Tells agent consoles; nobody listening is fine.
    pub fn tell_agents(&self, event: AgentEvent) {
        let _ = self.agents.send(event);
    }

    /// Tells agent consoles the conversation's summary changed (a query,
    /// so only when a console is listening).
    pub fn tell_agents_summary(&self, conversation: &str) {
        if self.agents.receiver_count() == 0 {
            return;
        }
        if let Ok(Some(mut summary)) = self.store.conversation(conversation) {
            summary.visitor_typing = self.is_typing(conversation);
            self.tell_agents(AgentEvent::Conversation { summary });
        }
    }

    /// Whether the visitor of this conversation is typing.
    pub fn is_typing(&self, conversation: &str) -> bool {
        self.typing.lock().unwrap_or_else(|p| p.into_inner()).contains(conversation)
    }

    fn set_typing(&self, conversation: &str, on: bool) -> bool {
        let mut t = self.typing.lock().unwrap_or_else(|p| p.into_inner());
        if on {
            t.insert(conversation.to_string())
        } else {
            t.remove(conversation)
        }
    }

    /// Whether an `Origin` header value may talk to the API. `host` is the
    /// request's `Host`, so the server's own pages are always allowed.
    pub fn origin_allowed(&self, origin: Option<&str>, host: Option<&str>) -> bool {
        let Some(origin) = origin else { return true };
        let own = host.is_some_and(|h| origin == format!("http://{h}") || origin == format!("https://{h}"));
        own || self.allowed_origins.iter().any(|o| o == "*" || o.trim_end_matches('/') == origin)
    }

    /// Token bucket per visitor: `Ok` to go ahead, or how long to wait.
    fn take_token(&self, visitor: i64) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let (burst, per_sec) = self.rate;
        // A bucket that has refilled is the same as no bucket: forget those
        // when the map grows, so it holds only recently active visitors.
        if buckets.len() >= 4096 {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * per_sec < burst);
        }
        let b = buckets.entry(visitor).or_insert(Bucket { tokens: burst, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * per_sec).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err((((1.0 - b.tokens) / per_sec.max(0.001)) * 1000.0).ceil() as u64)
        }
    }

    /// Gives back a token spent on a message that turned out to be a
    /// retransmission.
    fn refund_token(&self, visitor: i64) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(b) = buckets.get_mut(&visitor) {
            b.tokens = (b.tokens + 1.0).min(self.rate.0);
        }
    }

    /// Finds the visitor for `token`, or makes a new one (with a new token)
    /// when there is none or it is unknown.
    pub fn visitor(&self, token: Option<&str>) -> Result<(Visitor, String, bool), String> {
        if let Some(t) = token.filter(|t| !t.is_empty() && t.len() <= 128) {
            if let Some(v) = self.store.visitor_by_token(&token_hash(t)).map_err(|e| e.to_string())? {
                return Ok((v, t.to_string(), true));
            }
        }
        let token = format!("vt_{}", random_hex(32));
        let conversation = format!("k_{}", random_hex(8));
        let v = self.store.create_visitor(&token_hash(&token), &conversation, now_ms()).map_err(|e| e.to_string())?;
        self.tell_agents_summary(&v.conversation);
        Ok((v, token, false))
    }

    /// The visitor that holds `token`, if any (HTTP sends).
    pub fn known_visitor(&self, token: &str) -> Option<Visitor> {
        self.store.visitor_by_token(&token_hash(token)).ok().flatten()
    }

    /// `welcome`, the replay and the live feed for a `hello`.
    ///
    /// The connection subscribes to the conversation's room before the
    /// replay is read: a message stored after the replay's query is then
    /// published to it, and one stored in between arrives twice (harmless:
    /// the widget upserts by id). Subscribing after the replay, as this once
    /// did, lost a reply an agent posted while the visitor connected.
    /// With `last_seq` 0 and a `limit`, only the newest `limit` messages are
    /// replayed (a fresh page); older ones come with `history`.
    pub async fn hello(
        &self,
        token: Option<&str>,
        last_seq: u64,
        limit: Option<u32>,
    ) -> Result<(Visitor, broadcast::Receiver<Arc<ServerFrame>>, Vec<ServerFrame>), String> {
        let (visitor, token, known) = self.visitor(token)?;
        let room = self.subscribe(&visitor.conversation);
        let summary = self.store.conversation(&visitor.conversation).map_err(|e| e.to_string())?;
        let (head_seq, status) = summary.map(|s| (s.head_seq, s.status)).unwrap_or_default();
        let mut frames = vec![ServerFrame::Welcome {
            v: PROTOCOL_VERSION,
            token,
            conversation: visitor.conversation.clone(),
            head_seq,
            status,
        }];
        // A new visitor's `last_seq` belongs to a conversation that is gone.
        let after = match (known, last_seq, limit) {
            (false, ..) => 0,
            (true, 0, Some(limit)) => head_seq.saturating_sub(u64::from(limit)),
            (true, after, _) => after,
        };
        frames.extend(self.replay(&visitor.conversation, after)?);
        // Test-only (the `faults` feature): hold here, after the replay was
        // read and before anything is delivered, while a test's agent replies.
        self.faults.hold_hello().await;
        Ok((visitor, room, frames))
    }

    /// Every message after `after`.
    pub fn replay(&self, conversation: &str, mut after: u64) -> Result<Vec<ServerFrame>, String> {
        let mut out = vec![];
        loop {
            let page = self.store.messages_after(conversation, after, REPLAY_PAGE).map_err(|e| e.to_string())?;
            let n = page.len();
            if let Some(last) = page.last() {
                after = last.seq;
            }
            out.extend(page.iter().map(|m| m.frame()));
            if n < REPLAY_PAGE {
                return Ok(out);
            }
        }
    }

    /// Handles one frame from a greeted visitor; returns the frames for
    /// that connection only (others hear through the room).
    pub fn handle(&self, visitor: &Visitor, frame: ClientFrame) -> Vec<ServerFrame> {
        match frame {
            ClientFrame::Message { client_id, text } => match self.visitor_message(visitor, &client_id, &text) {
                Ok(ack) => vec![ack],
                Err(r) => vec![ServerFrame::Error {
                    code: r.code.into(),
                    client_id: Some(client_id),
                    retry_after_ms: r.retry_after_ms,
                }],
            },
            ClientFrame::Sync { after_seq } => self.replay(&visitor.conversation, after_seq).unwrap_or_default(),
            ClientFrame::History { before_seq, limit } => {
                // The messages with before_seq - limit <= seq < before_seq.
                let limit = limit.clamp(1, MAX_HISTORY_PAGE);
                let after = before_seq.saturating_sub(u64::from(limit) + 1);
                let count = before_seq.saturating_sub(after + 1) as usize;
                match self.store.messages_after(&visitor.conversation, after, count) {
                    Ok(page) => page.iter().map(|m| m.frame()).collect(),
                    Err(_) => {
                        vec![ServerFrame::Error { code: "unavailable".into(), client_id: None, retry_after_ms: None }]
                    }
                }
            }
            ClientFrame::Typing { on } => {
                if self.set_typing(&visitor.conversation, on) {
                    self.tell_agents(AgentEvent::Typing { conversation: visitor.conversation.clone(), on });
                }
                vec![]
            }
            ClientFrame::Ping => vec![ServerFrame::Pong],
            ClientFrame::Hello { .. } => {
                vec![ServerFrame::Error { code: "malformed".into(), client_id: None, retry_after_ms: None }]
            }
            ClientFrame::Unknown => vec![],
        }
    }

    /// Stores a visitor message (once per client id) and returns its ack.
    pub fn visitor_message(&self, visitor: &Visitor, client_id: &str, text: &str) -> Result<ServerFrame, Refusal> {
        let text = checked_text(text, Some(client_id))?;
        let unavailable = |_| Refusal { code: "unavailable", retry_after_ms: None };
        let ack = |id: String, seq: u64| ServerFrame::Ack { client_id: client_id.to_string(), id, seq };
        if let Err(wait) = self.take_token(visitor.id) {
            // Over budget, but a retransmission of a stored message is still
            // answered: only new messages spend the budget.
            return match self.store.by_client_id(&visitor.conversation, client_id).map_err(unavailable)? {
                Some(m) => Ok(ack(m.id, m.seq)),
                None => Err(Refusal { code: "rate_limited", retry_after_ms: Some(wait) }),
            };
        }
        let (stored, new) = self
            .store
            .append(
                &visitor.conversation,
                NewMessage { author: AuthorKind::Visitor, name: None, text, client_id: Some(client_id), at: now_ms() },
            )
            .map_err(unavailable)?;
        if !new {
            self.refund_token(visitor.id);
            return Ok(ack(stored.id, stored.seq));
        }
        if self.faults.crash_before_ack() {
            eprintln!("fault injection: exiting after storing {client_id}, before the ack");
            std::process::exit(137);
        }
        let frame = stored.frame();
        self.publish(&visitor.conversation, frame.clone());
        self.tell_agents(AgentEvent::Message { conversation: visitor.conversation.clone(), message: frame });
        if self.set_typing(&visitor.conversation, false) {
            self.tell_agents(AgentEvent::Typing { conversation: visitor.conversation.clone(), on: false });
        }
        // Writing again reopens a resolved conversation.
        if self.store.set_status(&visitor.conversation, ConversationStatus::Open, now_ms()).unwrap_or(false) {
            self.publish(&visitor.conversation, ServerFrame::Status { status: ConversationStatus::Open });
        }
        self.tell_agents_summary(&visitor.conversation);
        Ok(ack(stored.id, stored.seq))
    }

    /// Stores an agent message (once per `client_id`, if given) and sends it
    /// to the visitor.
    pub fn agent_message(
        &self,
        conversation: &str,
        name: Option<&str>,
        text: &str,
        client_id: Option<&str>,
    ) -> Result<ServerFrame, Refusal> {
        let text = checked_text(text, client_id)?;
        let refuse = |code| Refusal { code, retry_after_ms: None };
        let name = name.map(str::trim).filter(|n| !n.is_empty()).map(|n| n.chars().take(60).collect::<String>());
        let (stored, new) = self
            .store
            .append(
                conversation,
                NewMessage { author: AuthorKind::Agent, name: name.as_deref(), text, client_id, at: now_ms() },
            )
            .map_err(|_| refuse("unavailable"))?;
        let frame = stored.frame();
        if new {
            let author = Author { kind: AuthorKind::Agent, name: name.clone() };
            self.publish(conversation, ServerFrame::Typing { author, on: false });
            self.publish(conversation, frame.clone());
            self.tell_agents(AgentEvent::Message { conversation: conversation.to_string(), message: frame.clone() });
            self.tell_agents_summary(conversation);
        }
        Ok(frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Sqlite;

    fn app() -> App {
        App::new(Arc::new(Sqlite::open(std::path::Path::new(":memory:")).unwrap()), vec![], "k".into())
    }

    #[test]
    fn the_rate_limit_refuses_past_the_burst_and_says_how_long_to_wait() {
        let mut a = app();
        a.rate = (3.0, 0.5);
        assert!((0..3).all(|_| a.take_token(1).is_ok()));
        let wait = a.take_token(1).unwrap_err();
        assert!((1..=2000).contains(&wait), "{wait}");
        assert!(a.take_token(2).is_ok(), "per visitor");
    }

    #[test]
    fn retransmissions_never_spend_the_rate_budget() {
        let mut a = app();
        a.rate = (3.0, 0.001);
        let (v, _, _) = a.visitor(None).unwrap();
        let first = a.visitor_message(&v, "c1", "hello").unwrap();
        for _ in 0..10 {
            assert_eq!(a.visitor_message(&v, "c1", "hello").unwrap(), first, "the original ack, again");
        }
        assert!(a.visitor_message(&v, "c2", "two").is_ok());
        assert!(a.visitor_message(&v, "c3", "three").is_ok(), "the budget of 3 is intact");
        assert_eq!(a.visitor_message(&v, "c4", "four").unwrap_err().code, "rate_limited");
        assert_eq!(a.visitor_message(&v, "c1", "hello").unwrap(), first, "answered even when over budget");
        assert_eq!(a.store.messages_after(&v.conversation, 0, 10).unwrap().len(), 3);
    }

    #[test]
    fn idle_rate_buckets_and_empty_rooms_are_forgotten() {
        let mut a = app();
        // Refills at once, so every bucket is idle as soon as it is made.
        a.rate = (2.0, 1e12);
        for v in 0..10_000 {
            a.take_token(v).unwrap();
        }
        assert!(a.buckets.lock().unwrap().len() <= 4096, "{}", a.buckets.lock().unwrap().len());
        for c in 0..10_000 {
            drop(a.subscribe(&format!("k{c}")));
        }
        let kept = a.subscribe("live");
        assert!(a.rooms.lock().unwrap().len() <= 2048, "{}", a.rooms.lock().unwrap().len());
        drop(kept);
        assert!(a.origin_allowed(None, Some("x")) && a.origin_allowed(Some("http://x"), Some("x")));
        assert!(!a.origin_allowed(Some("http://evil"), Some("x")));
    }
}
