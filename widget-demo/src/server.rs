//! The conversation server: shared state, the visitor session logic (the
//! same for WebSocket and HTTP + SSE), and the live fan-out.

use crate::bot::{Bot, Memory};
use crate::faults::Faults;
use crate::mail::{Mail, Texts, TicketMail};
use crate::store::{NewMessage, NewTicket, Store, Visitor};
use salam_core::hours::schedule::Schedule;
use salam_core::protocol::agent::{Identity, RatingInfo, Reply, Summary};
use salam_core::protocol::{
    Attachment, Author, AuthorKind, ClientFrame, ConversationStatus, ServerFrame, Stage, VisitorContext,
    MAX_HISTORY_PAGE, MAX_MESSAGE_CHARS, MAX_QUICK_REPLIES, MAX_THREADS, PROTOCOL_VERSION,
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

/// New visitors one address may make per minute (`--new-visitors-per-minute`).
pub const NEW_VISITORS_PER_MINUTE: u32 = 60;

/// Open conversations one agent is assigned at most (`--capacity`).
pub const CAPACITY: u32 = 5;

/// What the agent console hears about.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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
    /// An agent started or stopped typing a reply (so others know).
    AgentTyping {
        /// Conversation id.
        conversation: String,
        /// The agent's account id.
        agent_id: i64,
        /// Their name.
        agent: String,
        /// Typing now.
        on: bool,
    },
    /// An agent wrote an internal note (for the consoles only).
    Note {
        /// Conversation id.
        conversation: String,
        /// The note.
        note: salam_core::protocol::agent::Note,
    },
    /// The visitor has seen the conversation up to `seq`.
    Read {
        /// Conversation id.
        conversation: String,
        /// The highest sequence number seen.
        seq: u64,
    },
}

/// Everything the handlers share.
pub struct App {
    /// Storage.
    pub store: Store,
    rooms: Mutex<HashMap<String, broadcast::Sender<Arc<ServerFrame>>>>,
    rooms_sweep_at: AtomicUsize,
    /// Live events for agent consoles.
    pub agents: broadcast::Sender<AgentEvent>,
    buckets: Mutex<HashMap<String, Bucket>>,
    /// Per-visitor rate limit: (burst, per second).
    pub rate: (f64, f64),
    /// New visitors an address may make per minute (0: no limit).
    pub new_visitors_per_minute: u32,
    /// Open conversations assigned to one agent at most (`--capacity`).
    pub capacity: u32,
    typing: Mutex<HashSet<String>>,
    /// Origins allowed besides the server's own.
    pub allowed_origins: Vec<String>,
    /// Fault switches (inert unless built with `faults`).
    pub faults: Faults,
    /// Bumped to close every visitor connection (fault injection, shutdown).
    pub kill: watch::Sender<u64>,
    /// The FAQ bot (`--kb FILE`); without it, conversations wait for a person.
    pub bot: Option<Bot>,
    /// Business hours (`--hours FILE`); without them, every hour is one.
    pub hours: Option<Schedule>,
    /// Agents' presence by name: what they set, and when the console last said so.
    presence: Mutex<HashMap<String, (Presence, Instant)>>,
    /// Whether any console has reported presence since the server started.
    presence_seen: std::sync::atomic::AtomicBool,
    /// The usual minutes to a first reply, refreshed by [`App::refresh_availability`].
    reply_minutes: Mutex<Option<u32>>,
    /// The current `availability` frame; every visitor connection watches it.
    pub availability: watch::Sender<ServerFrame>,
    /// The secret `identify`'s `user_hash` is checked with (`--identity-secret`).
    pub identity_secret: Option<Vec<u8>>,
    /// Where e-mails go to be sent ([`crate::mail::start`]); none drops them.
    pub mail: Option<tokio::sync::mpsc::UnboundedSender<Mail>>,
    /// The team's address for notices of new tickets (`--team-email`).
    pub team_email: Option<String>,
    /// The e-mails' texts, per language.
    mail_texts: Texts,
    /// Attachments: the files on disk and what may be uploaded.
    pub files: crate::files::Files,
    /// With several instances over PostgreSQL: what they share live.
    pub bus: Option<crate::bus::Bus>,
}

/// An agent's presence, as the console sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Answering.
    Online,
    /// At the desk, not answering.
    Away,
    /// Gone (the console closed).
    Offline,
}

/// A console that has not said it is online for this long is not.
pub const PRESENCE_TTL: std::time::Duration = std::time::Duration::from_secs(90);

struct Bucket {
    tokens: f64,
    at: Instant,
    burst: f64,
    per_sec: f64,
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
/// agents are held to the same rules; with files, the text may be empty.
fn checked_text<'a>(text: &'a str, client_id: Option<&str>, files: bool) -> Result<&'a str, Refusal> {
    let refuse = |code| Refusal { code, retry_after_ms: None };
    if client_id.is_some_and(|c| c.is_empty() || c.len() > 64) {
        return Err(refuse("malformed"));
    }
    let text = text.trim();
    if text.is_empty() && !files {
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

/// What a `hello` asks (the frame, or the event stream's query).
#[derive(Debug, Default, Clone, Copy)]
pub struct Hello<'a> {
    /// The visitor token, if any.
    pub token: Option<&'a str>,
    /// Instead of the token, its hash (from a stream ticket): the
    /// `welcome` then carries no token, and the widget keeps its own.
    pub token_hash: Option<&'a str>,
    /// Replay after this.
    pub last_seq: u64,
    /// With `last_seq` 0: only the newest `limit` messages.
    pub limit: Option<u32>,
    /// The language the widget shows.
    pub locale: Option<&'a str>,
    /// The page and time zone.
    pub context: Option<&'a VisitorContext>,
    /// Which conversation to open (`"new"`: a fresh one).
    pub conversation: Option<&'a str>,
    /// The browser's `User-Agent`.
    pub user_agent: Option<&'a str>,
    /// The address it came from (for the limit on new visitors).
    pub ip: Option<&'a str>,
}

/// Why a `hello` got no `welcome`.
#[derive(Debug)]
pub enum HelloRefused {
    /// Too many new visitors from its address: try again in this many ms.
    Limited(u64),
    /// Storage failed.
    Failed(String),
}

impl From<String> for HelloRefused {
    fn from(e: String) -> Self {
        HelloRefused::Failed(e)
    }
}

impl std::fmt::Display for HelloRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HelloRefused::Limited(ms) => write!(f, "too many new visitors from this address; wait {ms} ms"),
            HelloRefused::Failed(e) => f.write_str(e),
        }
    }
}

impl App {
    /// A server over `store`.
    pub fn new(store: Store, allowed_origins: Vec<String>) -> Self {
        Self {
            store,
            rooms: Mutex::default(),
            rooms_sweep_at: AtomicUsize::new(1024),
            agents: broadcast::channel(1024).0,
            buckets: Mutex::default(),
            rate: (RATE_BURST, RATE_PER_SEC),
            new_visitors_per_minute: NEW_VISITORS_PER_MINUTE,
            capacity: CAPACITY,
            typing: Mutex::default(),
            allowed_origins,
            faults: Faults::default(),
            kill: watch::channel(0).0,
            bot: None,
            hours: None,
            presence: Mutex::default(),
            presence_seen: std::sync::atomic::AtomicBool::new(false),
            reply_minutes: Mutex::new(None),
            availability: watch::channel(ServerFrame::Availability {
                open: true,
                next_open_at: None,
                reply_minutes: None,
            })
            .0,
            identity_secret: None,
            mail: None,
            team_email: None,
            mail_texts: Texts::load().expect("the shipped mail.ftl files parse (a test checks them)"),
            files: crate::files::Files::new(
                std::env::temp_dir().join(format!("salam-files-{}", std::process::id())),
                Default::default(),
            )
            .expect("the temporary directory is writable"),
            bus: None,
        }
    }

    /// Applies what happened on another instance, as if here, without
    /// sending it on.
    pub async fn apply(&self, event: crate::bus::Shared) {
        use crate::bus::Shared;
        match event {
            Shared::Room { conversation, frame } => self.publish_here(&conversation, frame),
            Shared::Agents { event } => {
                if let AgentEvent::Typing { conversation, on } = &event {
                    self.set_typing(conversation, *on);
                }
                let _ = self.agents.send(event);
            }
            Shared::Summary { conversation } => self.tell_agents_summary_here(&conversation).await,
            Shared::Presence { name, presence } => self.set_presence_here(&name, presence),
        }
    }

    /// Sends `event` to the other instances, if there are any.
    fn share(&self, event: impl FnOnce() -> crate::bus::Shared) {
        if let Some(bus) = &self.bus {
            bus.send(event());
        }
    }

    fn send_mail(&self, mail: Mail) {
        if let Some(outbox) = &self.mail {
            let _ = outbox.send(mail);
        }
    }

    /// "Leave a message": stores the message in the conversation and the
    /// ticket (once per client id), e-mails the visitor an acknowledgement
    /// in their language and the team a notice; answers `ticket` with the
    /// reference, or `error` with the frame's client id.
    pub async fn ticket(&self, visitor: &Visitor, frame: ClientFrame) -> Vec<ServerFrame> {
        let ClientFrame::Ticket { ref client_id, .. } = frame else { return vec![] };
        let client_id = client_id.clone();
        match self.make_ticket(visitor, &frame).await {
            Ok(reference) => vec![ServerFrame::Ticket { client_id, reference }],
            Err(r) => vec![ServerFrame::Error {
                code: r.code.into(),
                client_id: Some(client_id),
                retry_after_ms: r.retry_after_ms,
            }],
        }
    }

    async fn make_ticket(&self, visitor: &Visitor, frame: &ClientFrame) -> Result<u64, Refusal> {
        let ClientFrame::Ticket { client_id, name, email, subject, text, attachments } = frame else {
            return Err(Refusal { code: "malformed", retry_after_ms: None });
        };
        let refuse = |code| Refusal { code, retry_after_ms: None };
        let conversation = visitor.conversation.as_str();
        let text = checked_text(text, Some(client_id), false)?;
        let files = self.attachments(conversation, attachments).await?;
        let email = email.trim();
        if email.chars().count() > 254 || !salam_core::prechat::looks_like_email(email) {
            return Err(refuse("invalid_email"));
        }
        let name: String = name.trim().chars().filter(|c| !c.is_control()).take(100).collect();
        let mut subject: String =
            subject.trim().chars().filter(|c| !c.is_control()).take(salam_core::ticket::MAX_SUBJECT_CHARS).collect();
        if subject.is_empty() {
            // The message's first words.
            let first = text.lines().next().unwrap_or("").trim();
            subject = first.chars().take(60).collect();
            if first.chars().count() > 60 {
                subject.push('…');
            }
        }
        let locale = self.locale_of(conversation).await;
        let ticket = NewTicket {
            conversation,
            client_id,
            name: &name,
            email,
            subject: &subject,
            locale: Some(&locale),
            at: now_ms(),
        };
        // Only a new ticket spends the visitor's rate budget.
        if !self.is_stored_ticket(&ticket).await {
            self.take_token(visitor.id)
                .await
                .map_err(|wait| Refusal { code: "rate_limited", retry_after_ms: Some(wait) })?;
        }
        let (reference, new) = self.store.create_ticket(&ticket).await.map_err(|_| refuse("unavailable"))?;
        // A retransmission answers with the same reference and sends nothing.
        if !new {
            return Ok(reference);
        }
        self.post(
            conversation,
            NewMessage {
                author: AuthorKind::Visitor,
                name: None,
                text,
                client_id: Some(client_id),
                at: now_ms(),
                avatar: None,
                quick_replies: &[],
                attachments: &files,
            },
        )
        .await;
        let mail = TicketMail { reference: format!("#{reference}"), name: &name, email, subject: &subject, text };
        self.send_mail(self.mail_texts.acknowledgement(&locale, &mail));
        if let Some(team) = &self.team_email {
            self.send_mail(self.mail_texts.team_notice(team, &mail));
        }
        self.tell_agents_summary(conversation).await;
        Ok(reference)
    }

    async fn is_stored_ticket(&self, t: &NewTicket<'_>) -> bool {
        self.store.by_client_id(t.conversation, t.client_id).await.ok().flatten().is_some()
    }

    /// `identify`: checks the hash against the secret, stores who the
    /// visitor is, and, when that user already has a conversation (another
    /// browser), hands this visitor a token for it. The answer goes to every
    /// connection of this visitor; with a token, each closes after it.
    pub async fn identify(&self, visitor: &Visitor, frame: ClientFrame) -> Vec<ServerFrame> {
        let ClientFrame::Identify { user_id, name, email, attributes, user_hash } = frame else { return vec![] };
        let error = |code: &str| vec![ServerFrame::Error { code: code.into(), client_id: None, retry_after_ms: None }];
        let cut = |t: Option<String>, n: usize| {
            t.map(|t| t.trim().chars().take(n).collect::<String>()).filter(|t| !t.is_empty())
        };
        let user_id = user_id.trim().to_string();
        if user_id.is_empty() || user_id.chars().count() > 200 || attributes.len() > 30 {
            return error("identity_refused");
        }
        let verified = match (&self.identity_secret, user_hash) {
            (Some(secret), Some(hash)) if hash_matches(secret, &user_id, &hash) => true,
            // With a secret, an unproven identity is refused.
            (Some(_), _) => return error("identity_refused"),
            (None, _) => false,
        };
        let identity = Identity {
            user_id: user_id.clone(),
            name: cut(name, 100),
            email: cut(email, 200).filter(|e| e.contains('@')),
            attributes: attributes
                .into_iter()
                .filter_map(|(k, v)| Some((cut(Some(k), 50)?, cut(Some(v), 200)?)))
                .collect(),
            verified,
        };
        let owner = if verified { self.store.visitor_by_user(&user_id).await.ok().flatten() } else { None };
        let answer = match owner {
            Some(other) if other.id != visitor.id => {
                let token = format!("vt_{}", random_hex(32));
                if self.store.add_token(other.id, &token_hash(&token)).await.is_err()
                    || self.store.set_identity(other.id, &identity).await.is_err()
                {
                    return error("unavailable");
                }
                self.tell_agents_summary(&other.conversation).await;
                ServerFrame::Identity { verified, token: Some(token) }
            }
            _ => {
                if self.store.set_identity(visitor.id, &identity).await.is_err() {
                    return error("unavailable");
                }
                self.tell_agents_summary(&visitor.conversation).await;
                ServerFrame::Identity { verified, token: None }
            }
        };
        // Every tab of this visitor switches together.
        self.publish(&visitor.conversation, answer.clone());
        vec![answer]
    }

    /// Records an agent's presence, here and on the other instances.
    pub fn set_presence(&self, name: &str, presence: Presence) {
        self.set_presence_here(name, presence);
        self.share(|| crate::bus::Shared::Presence { name: name.to_string(), presence });
    }

    fn set_presence_here(&self, name: &str, presence: Presence) {
        self.presence_seen.store(true, Ordering::Relaxed);
        let mut map = self.presence.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(name.to_string(), (presence, Instant::now()));
        drop(map);
        self.announce_availability(now_ms());
    }

    /// Agents online now.
    pub fn online_agents(&self) -> usize {
        let now = Instant::now();
        let map = self.presence.lock().unwrap_or_else(|p| p.into_inner());
        map.values().filter(|(p, at)| *p == Presence::Online && now.duration_since(*at) < PRESENCE_TTL).count()
    }

    /// Whether anyone answers at `now`: within business hours (every hour
    /// is, without them), and an agent online. Until a console first
    /// reports presence, the server cannot know who is around and goes by
    /// the hours alone (a server driven only through the API stays open).
    pub fn availability_at(&self, now: u64) -> ServerFrame {
        let in_hours = self.hours.as_ref().is_none_or(|h| h.is_open(now));
        let staffed = !self.presence_seen.load(Ordering::Relaxed) || self.online_agents() > 0;
        let open = in_hours && staffed;
        ServerFrame::Availability {
            open,
            next_open_at: if in_hours { None } else { self.hours.as_ref().and_then(|h| h.next_open(now)) },
            reply_minutes: if open { *self.reply_minutes.lock().unwrap_or_else(|p| p.into_inner()) } else { None },
        }
    }

    /// Recomputes availability (and, with `stats`, the usual reply time)
    /// and tells every visitor connection if it changed.
    pub async fn refresh_availability(&self, now: u64, stats: bool) {
        if stats {
            let minutes = self.median_first_response(now).await.map(|ms| ms.div_ceil(60_000).max(1) as u32);
            *self.reply_minutes.lock().unwrap_or_else(|p| p.into_inner()) = minutes;
        }
        self.announce_availability(now);
    }

    /// Tells every visitor connection the availability at `now`, if it changed.
    fn announce_availability(&self, now: u64) {
        let frame = self.availability_at(now);
        self.availability.send_if_modified(|current| {
            let changed = *current != frame;
            *current = frame;
            changed
        });
    }

    /// The median time from a visitor's first message to an agent's first
    /// reply, over conversations whose first message came in the last 7
    /// days within business hours.
    pub async fn median_first_response(&self, now: u64) -> Option<u64> {
        let since = now.saturating_sub(7 * 24 * 3_600_000);
        let mut times: Vec<u64> = self
            .store
            .first_responses(since)
            .await
            .ok()?
            .into_iter()
            .filter(|(asked, _)| self.hours.as_ref().is_none_or(|h| h.is_open(*asked)))
            .map(|(asked, answered)| answered.saturating_sub(asked))
            .collect();
        if times.is_empty() {
            return None;
        }
        times.sort_unstable();
        Some(times[times.len() / 2])
    }

    /// Keeps where the visitor is, for the console: the page (an http(s)
    /// address, cut to 2,000 characters), its title, the time zone (a known
    /// IANA name) and the browser (from the User-Agent).
    async fn record_visit(&self, conversation: &str, context: Option<&VisitorContext>, user_agent: Option<&str>) {
        let cut = |t: &str, n: usize| t.chars().take(n).collect::<String>();
        let url = context
            .and_then(|c| c.url.as_deref())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(|u| cut(u, 2000));
        let title = context.and_then(|c| c.title.as_deref()).map(|t| cut(t.trim(), 200)).filter(|t| !t.is_empty());
        let time_zone = context
            .and_then(|c| c.time_zone.as_deref())
            .filter(|tz| tz.len() <= 64 && jiff::tz::TimeZone::get(tz).is_ok());
        let browser = user_agent.and_then(browser_name);
        let page = url.as_deref().map(|u| (u, title.as_deref()));
        if page.is_some() || time_zone.is_some() || browser.is_some() {
            let _ = self.store.record_visit(conversation, page, time_zone, browser.as_deref(), now_ms()).await;
            // The console refreshes what it shows about the visitor.
            self.tell_agents_summary(conversation).await;
        }
    }

    /// The agent has read the conversation up to `seq`: the visitor hears it.
    pub async fn agent_read(&self, conversation: &str, seq: u64) {
        if self.store.set_read(conversation, true, seq).await.unwrap_or(false) {
            if let Ok(Some(h)) = self.store.handling(conversation).await {
                self.publish(conversation, ServerFrame::Read { seq: h.agent_read_seq });
            }
        }
    }

    /// Who answers a new or reopened conversation.
    fn first_stage(&self) -> Stage {
        if self.bot.is_some() {
            Stage::Bot
        } else {
            Stage::Waiting
        }
    }

    /// The `stage` frame of a conversation, with its place in the queue.
    pub async fn stage_frame(&self, conversation: &str) -> ServerFrame {
        let h = self.store.handling(conversation).await.ok().flatten().unwrap_or_default();
        self.stage_frame_of(conversation, h).await
    }

    /// The `stage` frame for what [`Store::handling`] said.
    async fn stage_frame_of(&self, conversation: &str, h: crate::store::Handling) -> ServerFrame {
        let queue_position = match (h.stage, h.waiting_since) {
            (Stage::Waiting, Some(_)) => self
                .store
                .waiting()
                .await
                .ok()
                .and_then(|w| w.iter().position(|c| c == conversation))
                .map(|i| i as u32 + 1),
            _ => None,
        };
        ServerFrame::Stage { stage: h.stage, agent: h.agent, queue_position }
    }

    /// Tells every waiting visitor their place in the queue (after one left it).
    async fn requeue(&self) {
        for (i, conversation) in self.store.waiting().await.unwrap_or_default().iter().enumerate() {
            self.publish(
                conversation,
                ServerFrame::Stage { stage: Stage::Waiting, agent: None, queue_position: Some(i as u32 + 1) },
            );
        }
    }

    /// Stores a message from the support side, sends it to the visitor and
    /// tells the consoles. `None` if storage failed.
    async fn post(&self, conversation: &str, m: NewMessage<'_>) -> Option<(ServerFrame, bool)> {
        let appended = self.store.append(conversation, m).await.ok()?;
        let (frame, new) = (appended.message.frame(), appended.new);
        if new {
            self.publish(conversation, frame.clone());
            self.tell_agents(AgentEvent::Message { conversation: conversation.to_string(), message: frame.clone() });
        }
        Some((frame, new))
    }

    /// Resolves or reopens conversation `id`; the visitor hears it if it
    /// changed. Returns whether it did.
    pub async fn set_status(&self, id: &str, status: ConversationStatus) -> Result<bool, crate::store::StoreError> {
        let changed = self.store.set_status(id, status, now_ms()).await?;
        if changed {
            self.publish(id, ServerFrame::Status { status });
            if status == ConversationStatus::Resolved {
                // Its agent has room for the next one.
                self.assign_waiting().await;
            }
        }
        Ok(changed)
    }

    /// The visitor's language as stored (for the bot's phrases).
    async fn locale_of(&self, conversation: &str) -> String {
        self.store.handling(conversation).await.ok().flatten().and_then(|h| h.locale).unwrap_or_else(|| "en".into())
    }

    /// A message from the bot.
    async fn bot_says(&self, conversation: &str, locale: &str, text: &str, quick_replies: &[String]) {
        let Some(bot) = &self.bot else { return };
        let name = bot.name(locale);
        self.post(
            conversation,
            NewMessage {
                author: AuthorKind::Bot,
                name: Some(&name),
                text,
                client_id: None,
                at: now_ms(),
                avatar: None,
                quick_replies,
                attachments: &[],
            },
        )
        .await;
    }

    /// Hands the conversation to a person: it joins the queue, and the
    /// visitor is told so.
    pub async fn handover(&self, conversation: &str) {
        if !self.store.set_stage(conversation, Stage::Waiting, None, now_ms()).await.unwrap_or(false) {
            return;
        }
        let locale = self.locale_of(conversation).await;
        if let Some(bot) = &self.bot {
            // Out of hours (or nobody online), nobody joins shortly: say so.
            let away = matches!(*self.availability.borrow(), ServerFrame::Availability { open: false, .. });
            let notice = if away { bot.handover_away_notice(&locale) } else { bot.handover_notice(&locale) };
            self.bot_says(conversation, &locale, &notice, &[]).await;
        }
        self.publish(conversation, self.stage_frame(conversation).await);
        self.tell_agents_summary(conversation).await;
        self.assign_waiting().await;
    }

    /// Assigns waiting conversations to free online agents, round-robin,
    /// while there are both (see [`crate::store::Store::assign_next`]).
    pub async fn assign_waiting(&self) {
        for _ in 0..100 {
            match self.store.assign_next(self.capacity, now_ms()).await {
                Ok(Some(conversation)) => self.tell_agents_summary(&conversation).await,
                _ => return,
            }
        }
    }

    /// The agent `agent` answers the conversation from now on; the bot
    /// stops, and the visitor sees who joined.
    pub async fn join(&self, conversation: &str, agent: &Author) -> bool {
        let was_waiting =
            self.store.handling(conversation).await.ok().flatten().is_some_and(|h| h.stage == Stage::Waiting);
        if !self.store.set_stage(conversation, Stage::Agent, Some(agent), now_ms()).await.unwrap_or(false) {
            return false;
        }
        if let (Some(bot), Some(name)) = (&self.bot, agent.name.as_deref()) {
            let locale = self.locale_of(conversation).await;
            self.post(
                conversation,
                NewMessage {
                    author: AuthorKind::System,
                    name: None,
                    text: &bot.agent_joined(&locale, name),
                    client_id: None,
                    at: now_ms(),
                    avatar: None,
                    quick_replies: &[],
                    attachments: &[],
                },
            )
            .await;
        }
        self.publish(conversation, self.stage_frame(conversation).await);
        self.tell_agents_summary(conversation).await;
        if was_waiting {
            self.requeue().await;
        }
        true
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

    /// Sends a frame to every connection of the conversation's visitor, on
    /// every instance.
    pub fn publish(&self, conversation: &str, frame: ServerFrame) {
        if self.bus.is_some() {
            self.share(|| crate::bus::Shared::Room { conversation: conversation.to_string(), frame: frame.clone() });
        }
        self.publish_here(conversation, frame);
    }

    fn publish_here(&self, conversation: &str, frame: ServerFrame) {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = rooms.get(conversation) {
            if tx.send(Arc::new(frame)).is_err() {
                // Nobody listens any more: forget the room.
                rooms.remove(conversation);
            }
        }
    }

    /// Tells agent consoles, on every instance; nobody listening is fine.
    pub fn tell_agents(&self, event: AgentEvent) {
        if self.bus.is_some() {
            self.share(|| crate::bus::Shared::Agents { event: event.clone() });
        }
        let _ = self.agents.send(event);
    }

    /// Tells agent consoles, on every instance, that the conversation's
    /// summary changed.
    pub async fn tell_agents_summary(&self, conversation: &str) {
        self.share(|| crate::bus::Shared::Summary { conversation: conversation.to_string() });
        self.tell_agents_summary_here(conversation).await;
    }

    /// The summary, for this instance's consoles (a query, so only when one
    /// is listening).
    async fn tell_agents_summary_here(&self, conversation: &str) {
        if self.agents.receiver_count() == 0 {
            return;
        }
        if let Ok(Some(mut summary)) = self.store.conversation(conversation).await {
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

    /// The visitor's message budget (`--rate`): `Ok` to go ahead, or how
    /// long to wait.
    pub async fn take_token(&self, visitor: i64) -> Result<(), u64> {
        let (burst, per_sec) = self.rate;
        self.limit(&format!("visitor:{visitor}"), burst, per_sec).await
    }

    /// Takes a token from the bucket `key` (`burst` tokens, refilled at
    /// `per_sec`): `Ok` to go ahead, or how many ms to wait. With
    /// PostgreSQL the bucket is in the database, shared by every instance
    /// (a visitor's sends, or someone's sign-in attempts, may reach
    /// several); with SQLite, in memory. A database failure lets it through:
    /// what it guards needs the database anyway.
    pub async fn limit(&self, key: &str, burst: f64, per_sec: f64) -> Result<(), u64> {
        if self.store.backend() == crate::store::Backend::Postgres {
            return self.store.take_token(key, burst, per_sec, now_ms()).await.unwrap_or(Ok(()));
        }
        self.limit_here(key, burst, per_sec)
    }

    fn limit_here(&self, key: &str, burst: f64, per_sec: f64) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        // A bucket that has refilled is the same as no bucket: forget those
        // when the map grows, so it holds only recently active ones.
        if buckets.len() >= 4096 {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * b.per_sec < b.burst);
        }
        let b = buckets.entry(key.to_string()).or_insert(Bucket { tokens: burst, at: now, burst, per_sec });
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
    async fn refund_token(&self, visitor: i64) {
        self.refund(&format!("visitor:{visitor}"), self.rate.0).await;
    }

    /// Gives a token back to the bucket `key` (of `burst` tokens).
    pub async fn refund(&self, key: &str, burst: f64) {
        if self.store.backend() == crate::store::Backend::Postgres {
            let _ = self.store.refund_token(key, burst).await;
            return;
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(b) = buckets.get_mut(key) {
            b.tokens = (b.tokens + 1.0).min(b.burst);
        }
    }

    /// Finds the visitor for `token`, or makes a new one (with a new token)
    /// when there is none or it is unknown, unless `ip` made too many
    /// lately (`--new-visitors-per-minute`).
    pub async fn visitor(
        &self,
        token: Option<&str>,
        ip: Option<&str>,
    ) -> Result<(Visitor, String, bool), HelloRefused> {
        if let Some(t) = token.filter(|t| !t.is_empty() && t.len() <= 128) {
            if let Some(v) = self.store.visitor_by_token(&token_hash(t)).await.map_err(|e| e.to_string())? {
                return Ok((v, t.to_string(), true));
            }
        }
        if let (Some(ip), per_minute @ 1..) = (ip, self.new_visitors_per_minute) {
            let per_minute = f64::from(per_minute);
            self.limit(&format!("new-visitors:{ip}"), per_minute, per_minute / 60.0)
                .await
                .map_err(HelloRefused::Limited)?;
        }
        let token = format!("vt_{}", random_hex(32));
        let conversation = format!("k_{}", random_hex(8));
        let v = self
            .store
            .create_visitor(&token_hash(&token), &conversation, self.first_stage(), now_ms())
            .await
            .map_err(|e| e.to_string())?;
        self.tell_agents_summary(&v.conversation).await;
        Ok((v, token, false))
    }

    /// The visitor that holds `token`, if any (HTTP sends), in
    /// `conversation` if it is theirs, else in the one last written to.
    pub async fn known_visitor(&self, token: &str, conversation: Option<&str>) -> Option<Visitor> {
        let visitor = self.store.visitor_by_token(&token_hash(token)).await.ok().flatten()?;
        Some(self.in_conversation(visitor, conversation).await)
    }

    /// Whether conversation `id` is the visitor's.
    pub async fn owns(&self, visitor: &Visitor, id: &str) -> bool {
        visitor.conversation == id || self.store.owner(id).await.ok().flatten() == Some(visitor.id)
    }

    /// `visitor` in their conversation `asked`, if it is theirs.
    async fn in_conversation(&self, mut visitor: Visitor, asked: Option<&str>) -> Visitor {
        if let Some(id) = asked.filter(|id| *id != "new") {
            if self.owns(&visitor, id).await {
                visitor.conversation = id.to_string();
            }
        }
        visitor
    }

    /// "New conversation": the visitor's conversation last written to if
    /// nothing was said in it yet (so asking twice makes one), else a new one.
    async fn fresh_conversation(&self, mut visitor: Visitor) -> Result<Visitor, String> {
        let newest = &visitor.conversation;
        let said = self.store.conversation(newest).await.map_err(|e| e.to_string())?.is_some_and(|s| s.head_seq > 0);
        if said || self.store.ticket_of(newest).await.map_err(|e| e.to_string())?.is_some() {
            let id = format!("k_{}", random_hex(8));
            self.store
                .add_conversation(visitor.id, &id, self.first_stage(), now_ms())
                .await
                .map_err(|e| e.to_string())?;
            visitor.conversation = id;
            self.tell_agents_summary(&visitor.conversation).await;
        }
        Ok(visitor)
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
        h: Hello<'_>,
    ) -> Result<(Visitor, broadcast::Receiver<Arc<ServerFrame>>, Vec<ServerFrame>), HelloRefused> {
        let Hello { token, token_hash: hashed, last_seq, limit, locale, context, conversation, user_agent, ip } = h;
        let known_by_hash = match hashed {
            Some(hash) => self.store.visitor_by_token(hash).await.map_err(|e| e.to_string())?,
            None => None,
        };
        let (visitor, token, known) = match known_by_hash {
            Some(v) => (v, String::new(), true),
            None => self.visitor(token, ip).await?,
        };
        let visitor = match conversation {
            Some("new") => self.fresh_conversation(visitor).await?,
            other => self.in_conversation(visitor, other).await,
        };
        // `last_seq` counts in the conversation the widget asked for.
        let known = known && conversation.is_none_or(|c| c == visitor.conversation);
        if let Some(locale) = locale.filter(|l| l.len() <= 35 && l.parse::<unic_langid::LanguageIdentifier>().is_ok()) {
            let _ = self.store.set_locale(&visitor.conversation, locale).await;
        }
        self.record_visit(&visitor.conversation, context, user_agent).await;
        let room = self.subscribe(&visitor.conversation);
        let summary = self.store.conversation(&visitor.conversation).await.map_err(|e| e.to_string())?;
        let (head_seq, status) = summary.map(|s| (s.head_seq, s.status)).unwrap_or_default();
        let mut frames = vec![ServerFrame::Welcome {
            v: PROTOCOL_VERSION,
            token,
            conversation: visitor.conversation.clone(),
            head_seq,
            status,
        }];
        let handling = self.store.handling(&visitor.conversation).await.ok().flatten().unwrap_or_default();
        let agent_read_seq = handling.agent_read_seq;
        frames.push(self.stage_frame_of(&visitor.conversation, handling).await);
        frames.push(self.availability.borrow().clone());
        if agent_read_seq > 0 {
            frames.push(ServerFrame::Read { seq: agent_read_seq });
        }
        // A new visitor's `last_seq` belongs to a conversation that is gone.
        let after = match (known, last_seq, limit) {
            (true, after, _) if after > 0 => after,
            (_, _, Some(limit)) => head_seq.saturating_sub(u64::from(limit)),
            _ => 0,
        };
        frames.extend(self.replay(&visitor.conversation, after).await?);
        // Test-only (the `faults` feature): hold here, after the replay was
        // read and before anything is delivered, while a test's agent replies.
        self.faults.hold_hello().await;
        Ok((visitor, room, frames))
    }

    /// Every message after `after`.
    pub async fn replay(&self, conversation: &str, mut after: u64) -> Result<Vec<ServerFrame>, String> {
        let mut out = vec![];
        loop {
            let page = self.store.messages_after(conversation, after, REPLAY_PAGE).await.map_err(|e| e.to_string())?;
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
    pub async fn handle(&self, visitor: &Visitor, frame: ClientFrame) -> Vec<ServerFrame> {
        match frame {
            ClientFrame::Message { client_id, text, attachments } => {
                match self.visitor_message(visitor, &client_id, &text, &attachments).await {
                    Ok(ack) => vec![ack],
                    Err(r) => vec![ServerFrame::Error {
                        code: r.code.into(),
                        client_id: Some(client_id),
                        retry_after_ms: r.retry_after_ms,
                    }],
                }
            }
            frame @ ClientFrame::Ticket { .. } => self.ticket(visitor, frame).await,
            ClientFrame::Conversations => match self.store.threads(visitor.id, MAX_THREADS).await {
                Ok(list) => vec![ServerFrame::Conversations { list }],
                Err(_) => {
                    vec![ServerFrame::Error { code: "unavailable".into(), client_id: None, retry_after_ms: None }]
                }
            },
            ClientFrame::Sync { after_seq } => self.replay(&visitor.conversation, after_seq).await.unwrap_or_default(),
            ClientFrame::History { before_seq, limit } => {
                // The messages with before_seq - limit <= seq < before_seq.
                let limit = limit.clamp(1, MAX_HISTORY_PAGE);
                let after = before_seq.saturating_sub(u64::from(limit) + 1);
                let count = before_seq.saturating_sub(after + 1) as usize;
                match self.store.messages_after(&visitor.conversation, after, count).await {
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
            frame @ ClientFrame::Identify { .. } => self.identify(visitor, frame).await,
            ClientFrame::Prechat { answers } => {
                // At most 30 answers of 500 characters, keys of 50.
                let answers: std::collections::BTreeMap<String, String> = answers
                    .into_iter()
                    .take(30)
                    .map(|(k, v)| (k.chars().take(50).collect(), v.trim().chars().take(500).collect()))
                    .collect();
                if self.store.set_prechat(&visitor.conversation, &answers).await.is_err() {
                    return vec![ServerFrame::Error {
                        code: "unavailable".into(),
                        client_id: None,
                        retry_after_ms: None,
                    }];
                }
                self.tell_agents_summary(&visitor.conversation).await;
                let verified = self
                    .store
                    .visitor_info(&visitor.conversation)
                    .await
                    .ok()
                    .and_then(|i| i.identity)
                    .is_some_and(|i| i.verified);
                vec![ServerFrame::Identity { verified, token: None }]
            }
            ClientFrame::Greeting { text } => {
                // The greeting the visitor opened starts the chat, from the support side.
                let text: String = text.trim().chars().take(salam_core::greeting::MAX_GREETING_CHARS).collect();
                if text.is_empty() || self.take_token(visitor.id).await.is_err() {
                    return vec![];
                }
                let locale = self.locale_of(&visitor.conversation).await;
                let name = self.bot.as_ref().map(|b| b.name(&locale));
                self.post(
                    &visitor.conversation,
                    NewMessage {
                        author: AuthorKind::Bot,
                        name: name.as_deref(),
                        text: &text,
                        client_id: None,
                        at: now_ms(),
                        avatar: None,
                        quick_replies: &[],
                        attachments: &[],
                    },
                )
                .await;
                self.tell_agents_summary(&visitor.conversation).await;
                vec![]
            }
            ClientFrame::Read { seq } => {
                if self.store.set_read(&visitor.conversation, false, seq).await.unwrap_or(false) {
                    let seq = self
                        .store
                        .handling(&visitor.conversation)
                        .await
                        .ok()
                        .flatten()
                        .map_or(seq, |h| h.visitor_read_seq);
                    self.tell_agents(AgentEvent::Read { conversation: visitor.conversation.clone(), seq });
                }
                vec![]
            }
            ClientFrame::Handover => {
                match self.store.handling(&visitor.conversation).await {
                    Ok(Some(h)) if h.stage == Stage::Bot => {
                        self.handover(&visitor.conversation).await;
                        vec![]
                    }
                    // Already with a person (or waiting): say so again.
                    _ => vec![self.stage_frame(&visitor.conversation).await],
                }
            }
            ClientFrame::End => {
                // The visitor ended the chat: resolved, as an agent would.
                match self.set_status(&visitor.conversation, ConversationStatus::Resolved).await {
                    Ok(true) => {
                        self.tell_agents_summary(&visitor.conversation).await;
                        vec![]
                    }
                    // Already resolved (a retransmission): say so again.
                    Ok(false) => vec![ServerFrame::Status { status: ConversationStatus::Resolved }],
                    Err(_) => {
                        vec![ServerFrame::Error { code: "unavailable".into(), client_id: None, retry_after_ms: None }]
                    }
                }
            }
            ClientFrame::Rate { client_id, scale, score, reasons, comment, done } => {
                let refuse = |code: &str| {
                    vec![ServerFrame::Error {
                        code: code.into(),
                        client_id: Some(client_id.clone()),
                        retry_after_ms: None,
                    }]
                };
                let (scale, score) = match salam_core::ending::check_rate(&scale, score, &reasons, &comment) {
                    Ok(checked) => checked,
                    Err(code) => return refuse(code),
                };
                let rating = RatingInfo {
                    scale: scale.as_str().into(),
                    score,
                    reasons,
                    comment: comment.trim().chars().filter(|c| !c.is_control() || *c == '\n').collect(),
                    done,
                    at: now_ms(),
                };
                // Stored or already sent as done: either way the server has it.
                match self.store.rate(&visitor.conversation, &client_id, &rating).await {
                    Ok(_) => {
                        self.tell_agents_summary(&visitor.conversation).await;
                        vec![ServerFrame::Received { client_id }]
                    }
                    Err(_) => refuse("unavailable"),
                }
            }
            ClientFrame::Transcript { client_id, email } => {
                let email = email.trim();
                let code = if email.chars().count() > 254 || !salam_core::prechat::looks_like_email(email) {
                    Some("invalid_email")
                } else if self.mail.is_none() {
                    Some("no_mail")
                } else if self.take_token(visitor.id).await.is_err() {
                    Some("rate_limited")
                } else {
                    None
                };
                if let Some(code) = code {
                    return vec![ServerFrame::Error {
                        code: code.into(),
                        client_id: Some(client_id),
                        retry_after_ms: None,
                    }];
                }
                let locale = self.locale_of(&visitor.conversation).await;
                let messages = self.replay(&visitor.conversation, 0).await.unwrap_or_default();
                self.send_mail(self.mail_texts.transcript(&locale, email, &messages));
                vec![ServerFrame::Received { client_id }]
            }
            ClientFrame::Hello { .. } => {
                vec![ServerFrame::Error { code: "malformed".into(), client_id: None, retry_after_ms: None }]
            }
            ClientFrame::Unknown => vec![],
        }
    }

    /// Stores a visitor message (once per client id) and returns its ack.
    pub async fn visitor_message(
        &self,
        visitor: &Visitor,
        client_id: &str,
        text: &str,
        attachments: &[String],
    ) -> Result<ServerFrame, Refusal> {
        let text = checked_text(text, Some(client_id), !attachments.is_empty())?;
        let unavailable = |_| Refusal { code: "unavailable", retry_after_ms: None };
        let files = self.attachments(&visitor.conversation, attachments).await?;
        let ack = |id: String, seq: u64| ServerFrame::Ack { client_id: client_id.to_string(), id, seq };
        if let Err(wait) = self.take_token(visitor.id).await {
            // Over budget, but a retransmission of a stored message is still
            // answered: only new messages spend the budget.
            return match self.store.by_client_id(&visitor.conversation, client_id).await.map_err(unavailable)? {
                Some(m) => Ok(ack(m.id, m.seq)),
                None => Err(Refusal { code: "rate_limited", retry_after_ms: Some(wait) }),
            };
        }
        let appended = self
            .store
            .append(
                &visitor.conversation,
                NewMessage {
                    author: AuthorKind::Visitor,
                    name: None,
                    text,
                    client_id: Some(client_id),
                    at: now_ms(),
                    avatar: None,
                    quick_replies: &[],
                    attachments: &files,
                },
            )
            .await
            .map_err(unavailable)?;
        let (stored, mut handling) = (appended.message, appended.handling);
        if !appended.new {
            self.refund_token(visitor.id).await;
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
        let conversation = visitor.conversation.as_str();
        // Writing again reopens the visitor's ticket, if the team had set it aside.
        if appended.ticket.is_some_and(|t| t != salam_core::protocol::agent::TicketStatus::Open) {
            let _ = self.store.set_ticket_status(conversation, salam_core::protocol::agent::TicketStatus::Open).await;
        }
        // Writing again reopens a resolved conversation, with the bot first
        // again (or the queue).
        if appended.status == ConversationStatus::Resolved
            && self.set_status(conversation, ConversationStatus::Open).await.unwrap_or(false)
            && self.store.set_stage(conversation, self.first_stage(), None, now_ms()).await.unwrap_or(false)
        {
            self.publish(conversation, self.stage_frame(conversation).await);
            handling = self.store.handling(conversation).await.ok().flatten().unwrap_or_default();
        }
        let ack = ack(stored.id, stored.seq);
        match handling {
            h if h.stage == Stage::Waiting && h.waiting_since.is_none() => {
                // The first words of a visitor waiting for a person: in the queue now.
                let _ = self.store.start_wait(conversation, now_ms()).await;
                self.publish(conversation, self.stage_frame(conversation).await);
                self.assign_waiting().await;
            }
            // The bot reads words; a file alone waits for a person's eyes.
            h if h.stage == Stage::Bot && !text.is_empty() => {
                if let Some(bot) = &self.bot {
                    let locale = h.locale.unwrap_or_else(|| "en".into());
                    let reply = bot.reply(text, &locale, Memory { unhelpful: h.unhelpful, asked: h.asked });
                    for said in &reply.said {
                        self.bot_says(conversation, &locale, &said.text, &said.quick_replies).await;
                    }
                    let _ = self.store.set_bot_memory(conversation, reply.memory.unhelpful, reply.memory.asked).await;
                    if reply.handover {
                        self.handover(conversation).await;
                    }
                }
            }
            _ => {}
        }
        self.tell_agents_summary(conversation).await;
        Ok(ack)
    }

    /// The files a message names, each uploaded to this conversation (at
    /// most 10); else `bad_attachment`.
    async fn attachments(&self, conversation: &str, ids: &[String]) -> Result<Vec<Attachment>, Refusal> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let refuse = |code| Refusal { code, retry_after_ms: None };
        if ids.len() > 10 {
            return Err(refuse("bad_attachment"));
        }
        match self.store.files_in(conversation, ids).await {
            Ok(Some(files)) => Ok(files),
            Ok(None) => Err(refuse("bad_attachment")),
            Err(_) => Err(refuse("unavailable")),
        }
    }

    /// Stores an agent message (once per `client_id`, if given) and sends it
    /// to the visitor. The agent joins the conversation first if they had
    /// not (the bot stops; the visitor sees who answers).
    pub async fn agent_message(
        &self,
        conversation: &str,
        reply: &Reply,
        agent: &Author,
    ) -> Result<ServerFrame, Refusal> {
        let text = checked_text(&reply.text, reply.client_id.as_deref(), !reply.attachments.is_empty())?;
        let refuse = |code| Refusal { code, retry_after_ms: None };
        let files = self.attachments(conversation, &reply.attachments).await?;
        if reply.client_id.is_some() {
            // A retransmission answers with the stored message and changes nothing.
            if let Ok(Some(m)) = self.store.by_client_id(conversation, reply.client_id.as_deref().unwrap_or("")).await {
                return Ok(m.frame());
            }
        }
        self.join(conversation, agent).await;
        let quick_replies: Vec<String> = reply
            .quick_replies
            .iter()
            .map(|q| q.trim().chars().take(80).collect::<String>())
            .filter(|q| !q.is_empty())
            .take(MAX_QUICK_REPLIES)
            .collect();
        let (frame, new) = self
            .post(
                conversation,
                NewMessage {
                    author: AuthorKind::Agent,
                    name: agent.name.as_deref(),
                    text,
                    client_id: reply.client_id.as_deref(),
                    at: now_ms(),
                    avatar: agent.avatar.as_deref(),
                    quick_replies: &quick_replies,
                    attachments: &files,
                },
            )
            .await
            .ok_or(refuse("unavailable"))?;
        if new {
            // A ticket's answers also go by e-mail, in the visitor's language.
            if let Ok(Some(t)) = self.store.ticket_of(conversation).await {
                let mail = TicketMail {
                    reference: format!("#{}", t.reference),
                    name: &t.name,
                    email: &t.email,
                    subject: &t.subject,
                    text,
                };
                let who = agent.name.clone().unwrap_or_default();
                self.send_mail(self.mail_texts.reply(t.locale.as_deref().unwrap_or("en"), &mail, &who));
            }
            self.publish(conversation, ServerFrame::Typing { author: agent.clone(), on: false });
            self.tell_agents_summary(conversation).await;
        }
        Ok(frame)
    }
}

/// Whether `hash` (hex) is HMAC-SHA256 of `user_id` with `secret`, compared
/// in constant time.
pub fn hash_matches(secret: &[u8], user_id: &str, hash: &str) -> bool {
    use hmac::{Hmac, Mac};
    let Ok(expected) = hex::decode(hash.trim()) else { return false };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else { return false };
    mac.update(user_id.as_bytes());
    mac.verify_slice(&expected).is_ok()
}

/// "Chrome 131 on Linux", from a User-Agent header (read by `woothee`).
pub fn browser_name(user_agent: &str) -> Option<String> {
    let ua = woothee::parser::Parser::new().parse(user_agent)?;
    let version = ua.version.split('.').next().unwrap_or("");
    let name =
        if version.is_empty() || version == "UNKNOWN" { ua.name.to_string() } else { format!("{} {version}", ua.name) };
    Some(if ua.os == "UNKNOWN" { name } else { format!("{name} on {}", ua.os) })
}

/// An agent as the visitor sees them: a name of at most 60 characters, an
/// avatar only if it is an http(s) URL, a team of at most 60 characters.
pub fn agent_author(name: Option<&str>, avatar: Option<&str>, team: Option<&str>) -> Author {
    let clean = |t: Option<&str>| t.map(str::trim).filter(|t| !t.is_empty()).map(|t| t.chars().take(60).collect());
    Author {
        kind: AuthorKind::Agent,
        name: clean(name),
        avatar: avatar
            .map(str::trim)
            .filter(|a| a.len() <= 2048 && (a.starts_with("https://") || a.starts_with("http://")))
            .map(String::from),
        team: clean(team),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The agent of these tests.
    fn sara() -> salam_core::protocol::Author {
        crate::server::agent_author(Some("Sara"), None, None)
    }

    async fn app() -> App {
        App::new(crate::testdb::store().await, vec![])
    }

    #[tokio::test]
    async fn the_rate_limit_refuses_past_the_burst_and_says_how_long_to_wait() {
        let mut a = app().await;
        a.rate = (3.0, 0.5);
        for _ in 0..3 {
            assert!(a.take_token(1).await.is_ok());
        }
        let wait = a.take_token(1).await.unwrap_err();
        assert!((1..=2000).contains(&wait), "{wait}");
        assert!(a.take_token(2).await.is_ok(), "per visitor");
    }

    #[tokio::test]
    async fn a_visitor_has_several_conversations_listed_newest_first_and_opens_only_their_own() {
        let a = app().await;
        let hello = async |token: Option<&str>, conversation: Option<&str>| {
            let h = Hello { token, conversation, ..Hello::default() };
            let (v, _, frames) = a.hello(h).await.unwrap();
            let token = frames
                .iter()
                .find_map(|f| match f {
                    ServerFrame::Welcome { token, .. } => Some(token.clone()),
                    _ => None,
                })
                .unwrap();
            (v, token)
        };
        let list = async |v: &Visitor| match &a.handle(v, ClientFrame::Conversations).await[..] {
            [ServerFrame::Conversations { list }] => list.clone(),
            other => panic!("{other:?}"),
        };
        let (first, token) = hello(None, None).await;
        assert!(list(&first).await.is_empty(), "nothing said yet");
        a.visitor_message(&first, "c1", "Where is my order?", &[]).await.unwrap();
        let reply = Reply { text: "On its way.".into(), ..Reply::default() };
        a.agent_message(&first.conversation, &reply, &sara()).await.unwrap();
        // "New conversation", asked twice before anything is said: one.
        let (second, _) = hello(Some(&token), Some("new")).await;
        assert_ne!(second.conversation, first.conversation);
        assert_eq!(hello(Some(&token), Some("new")).await.0.conversation, second.conversation);
        assert_eq!(list(&second).await.len(), 1, "an empty conversation is not listed");
        a.visitor_message(&second, "c2", "", &[]).await.unwrap_err();
        a.visitor_message(&second, "c2", "A second question", &[]).await.unwrap();
        let threads = list(&second).await;
        let ids: Vec<&str> = threads.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, [second.conversation.as_str(), first.conversation.as_str()]);
        assert_eq!((threads[0].text.as_str(), threads[0].unread), ("A second question", 0));
        assert_eq!(
            (threads[1].text.as_str(), threads[1].unread, threads[1].status.as_str()),
            ("On its way.", 1, "open")
        );
        // Without a conversation, the newest opens; by id, the visitor's own.
        assert_eq!(hello(Some(&token), None).await.0.conversation, second.conversation);
        assert_eq!(hello(Some(&token), Some(&first.conversation)).await.0.conversation, first.conversation);
        // Another visitor's conversation is never opened, nor its files served.
        let (stranger, _) = hello(None, None).await;
        assert_eq!(hello(Some(&token), Some(&stranger.conversation)).await.0.conversation, second.conversation);
        assert!(!a.owns(&first, &stranger.conversation).await && a.owns(&first, &second.conversation).await);
        assert_eq!(a.known_visitor(&token, Some(&first.conversation)).await.unwrap().conversation, first.conversation);
        assert_eq!(
            a.known_visitor(&token, Some(&stranger.conversation)).await.unwrap().conversation,
            second.conversation
        );
        // Read, resolved: no longer unread, and solved.
        a.handle(&first, ClientFrame::Read { seq: 2 }).await;
        a.set_status(&first.conversation, ConversationStatus::Resolved).await.unwrap();
        let old = list(&second).await.pop().unwrap();
        assert_eq!((old.unread, old.status.as_str()), (0, "solved"));
    }

    /// Waiting conversations go round-robin to online agents with room
    /// (capacity 1 here); the rest wait unassigned until someone is free.
    #[tokio::test]
    async fn waiting_conversations_go_round_robin_to_free_online_agents() {
        let mut a = app().await;
        a.capacity = 1;
        let account = |email: &'static str, name: &'static str| crate::store::NewAccount {
            email,
            name,
            role: crate::store::Role::Agent,
            password_hash: "x",
            team: None,
            avatar: None,
            at: 0,
        };
        let sara = a.store.create_account(&account("sara@example.com", "Sara")).await.unwrap().unwrap();
        let omid = a.store.create_account(&account("omid@example.com", "Omid")).await.unwrap().unwrap();
        let lina = a.store.create_account(&account("lina@example.com", "Lina")).await.unwrap().unwrap();
        let now = now_ms();
        a.store.set_agent_presence(sara, "online", now).await.unwrap();
        a.store.set_agent_presence(omid, "online", now).await.unwrap();
        a.store.set_agent_presence(lina, "away", now).await.unwrap();
        let mut waiting = vec![];
        for i in 0..3 {
            let (v, _, _) = a.visitor(None, None).await.unwrap();
            a.visitor_message(&v, &format!("c{i}"), "a person, please", &[]).await.unwrap();
            waiting.push(v.conversation);
        }
        let assignee = async |id: &str| a.store.conversation(id).await.unwrap().unwrap().assignee.map(|(id, _)| id);
        let first = assignee(&waiting[0]).await.unwrap();
        let second = assignee(&waiting[1]).await.unwrap();
        assert_ne!(first, second, "one each");
        assert!([sara, omid].contains(&first) && [sara, omid].contains(&second), "the away agent gets none");
        assert_eq!(assignee(&waiting[2]).await, None, "nobody has room: it waits");
        // Resolving one frees its agent, who gets the waiting one.
        a.set_status(&waiting[0], ConversationStatus::Resolved).await.unwrap();
        assert_eq!(assignee(&waiting[2]).await, Some(first));
        // Transfer and unassign by hand.
        assert!(a.store.set_assignee(&waiting[2], Some(lina)).await.unwrap());
        assert_eq!(a.store.conversation(&waiting[2]).await.unwrap().unwrap().assignee, Some((lina, "Lina".into())));
        a.store.set_disabled(lina, true).await.unwrap();
        assert!(a.store.set_assignee(&waiting[2], Some(lina)).await.is_err(), "not to a disabled account");
        assert!(a.store.set_assignee(&waiting[2], None).await.unwrap());
        // Unassigned, it goes back to the queue, and the agent with room takes it.
        a.assign_waiting().await;
        assert_eq!(assignee(&waiting[2]).await, Some(first), "back to the free agent");
    }

    /// New visitors per address are limited; a known visitor and another
    /// address are not held back.
    #[tokio::test]
    async fn an_address_makes_only_so_many_new_visitors_a_minute() {
        let mut a = app().await;
        a.new_visitors_per_minute = 2;
        fn from<'a>(ip: &'a str, token: Option<&'a str>) -> Hello<'a> {
            Hello { token, ip: Some(ip), ..Hello::default() }
        }
        let first = a.hello(from("203.0.113.7", None)).await.unwrap();
        a.hello(from("203.0.113.7", None)).await.unwrap();
        let held = a.hello(from("203.0.113.7", None)).await.expect_err("a third new visitor waits");
        assert!(matches!(held, HelloRefused::Limited(ms) if (1..=30_000).contains(&ms)), "{held:?}");
        a.hello(from("198.51.100.1", None)).await.unwrap();
        let token = first.2.iter().find_map(|f| match f {
            ServerFrame::Welcome { token, .. } => Some(token.clone()),
            _ => None,
        });
        let again = a.hello(from("203.0.113.7", token.as_deref())).await.unwrap();
        assert_eq!(again.0, first.0, "a visitor coming back is no new visitor");
    }

    #[tokio::test]
    async fn retransmissions_never_spend_the_rate_budget() {
        let mut a = app().await;
        a.rate = (3.0, 0.001);
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        let first = a.visitor_message(&v, "c1", "hello", &[]).await.unwrap();
        for _ in 0..10 {
            assert_eq!(a.visitor_message(&v, "c1", "hello", &[]).await.unwrap(), first, "the original ack, again");
        }
        assert!(a.visitor_message(&v, "c2", "two", &[]).await.is_ok());
        assert!(a.visitor_message(&v, "c3", "three", &[]).await.is_ok(), "the budget of 3 is intact");
        assert_eq!(a.visitor_message(&v, "c4", "four", &[]).await.unwrap_err().code, "rate_limited");
        assert_eq!(a.visitor_message(&v, "c1", "hello", &[]).await.unwrap(), first, "answered even when over budget");
        assert_eq!(a.store.messages_after(&v.conversation, 0, 10).await.unwrap().len(), 3);
    }

    #[tokio::test]
    async fn idle_rate_buckets_and_empty_rooms_are_forgotten() {
        let mut a = app().await;
        // Refills at once, so every bucket is idle as soon as it is made.
        a.rate = (2.0, 1e12);
        for v in 0..10_000 {
            a.limit_here(&format!("visitor:{v}"), 2.0, 1e12).unwrap();
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

    async fn app_with_bot() -> App {
        let mut a = app().await;
        a.bot = Some(
            Bot::from_json(
                r#"{"en": [{"question": "How much does it cost?", "patterns": ["price"], "answer": "**$9** a month"}]}"#,
            )
            .unwrap(),
        );
        a
    }

    #[tokio::test]
    async fn a_ticket_gets_a_reference_an_acknowledgement_in_the_visitors_language_and_replies_by_mail() {
        use salam_core::protocol::agent::TicketStatus;
        let mut a = app().await;
        let (outbox, mut sent) = tokio::sync::mpsc::unbounded_channel();
        a.mail = Some(outbox);
        a.team_email = Some("team@example.com".into());
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        let k = v.conversation.as_str();
        a.store.set_locale(k, "fa-IR").await.unwrap();
        let frame = |client_id: &str, email: &str| ClientFrame::Ticket {
            client_id: client_id.into(),
            name: " Maryam ".into(),
            email: email.into(),
            subject: String::new(),
            text: "My order 77 never came.\nCan you check?".into(),
            attachments: vec![],
        };
        let answer = |client_id: &str, reference| vec![ServerFrame::Ticket { client_id: client_id.into(), reference }];
        assert_eq!(
            a.handle(&v, frame("t0", "maryam@")).await,
            [ServerFrame::Error { code: "invalid_email".into(), client_id: Some("t0".into()), retry_after_ms: None }]
        );
        assert!(sent.try_recv().is_err(), "nothing sent for a refused ticket");
        assert_eq!(
            a.handle(&v, frame("t1", "maryam@example.com")).await,
            answer("t1", 1001),
            "references start at 1001"
        );
        let ack = sent.try_recv().unwrap();
        assert_eq!(ack.to, "maryam@example.com");
        assert!(ack.subject.contains("#1001") && !ack.subject.is_ascii(), "in Persian: {}", ack.subject);
        let team = sent.try_recv().unwrap();
        assert_eq!(team.to, "team@example.com");
        assert!(
            team.subject.contains("My order 77 never came.") && team.subject.contains("Maryam"),
            "{}",
            team.subject
        );
        // Sent again (a reconnect before the answer): the same ticket, no more mail.
        assert_eq!(a.handle(&v, frame("t1", "maryam@example.com")).await, answer("t1", 1001));
        assert!(sent.try_recv().is_err());
        assert_eq!(texts(&a, k).await.iter().filter(|(who, _)| *who == AuthorKind::Visitor).count(), 1, "one message");
        // The console sees it; the agent's answer goes by e-mail too.
        let info = a.store.visitor_info(k).await.unwrap().ticket.unwrap();
        assert_eq!((info.reference, info.status), (1001, TicketStatus::Open));
        let listed = a.store.conversations(10).await.unwrap().into_iter().find(|c| c.id == k).unwrap().ticket;
        assert_eq!(listed.map(|t| (t.reference, t.status)), Some((1001, TicketStatus::Open)), "the list shows it");
        assert!(a.store.set_ticket_status(k, TicketStatus::Solved).await.unwrap());
        assert_eq!(a.store.ticket_of(k).await.unwrap().unwrap().status, TicketStatus::Solved);
        a.visitor_message(&v, "c9", "One more thing", &[]).await.unwrap();
        assert_eq!(a.store.ticket_of(k).await.unwrap().unwrap().status, TicketStatus::Open, "writing again reopens it");
        let reply = Reply { text: "It ships today.".into(), ..Reply::default() };
        a.agent_message(k, &reply, &sara()).await.unwrap();
        let mailed = sent.try_recv().unwrap();
        assert_eq!(mailed.to, "maryam@example.com");
        assert!(
            mailed.subject.contains("#1001") && mailed.body.contains("It ships today.") && mailed.body.contains("Sara")
        );
        let (w, _, _) = a.visitor(None, None).await.unwrap();
        assert_eq!(
            a.handle(&w, frame("t1", "w@example.com")).await,
            answer("t1", 1002),
            "another visitor, the next number"
        );
    }

    #[tokio::test]
    async fn the_visitor_ends_rates_and_mails_the_conversation_to_themselves() {
        let mut a = app().await;
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        let k = v.conversation.as_str();
        a.visitor_message(&v, "c1", "Where is <b>my</b> order?", &[]).await.unwrap();
        a.agent_message(k, &Reply { text: "On its way.".into(), ..Reply::default() }, &sara()).await.unwrap();
        // Ending: resolved once; a retransmission hears the status again.
        assert!(a.handle(&v, ClientFrame::End).await.is_empty());
        assert_eq!(a.store.conversation(k).await.unwrap().unwrap().status, ConversationStatus::Resolved);
        assert_eq!(
            a.handle(&v, ClientFrame::End).await,
            [ServerFrame::Status { status: ConversationStatus::Resolved }]
        );
        // Rating: changes replace each other until one is done.
        let rate = |score, reasons: &[&str], comment: &str, done| {
            let reasons = reasons.iter().map(|r| r.to_string()).collect();
            let rating =
                salam_core::ending::Rating { client_id: "r1".into(), score, reasons, comment: comment.into(), done };
            rating.frame(salam_core::ending::Scale::Stars)
        };
        let received = vec![ServerFrame::Received { client_id: "r1".into() }];
        let refused = |code: &str| {
            vec![ServerFrame::Error { code: code.into(), client_id: Some("r1".into()), retry_after_ms: None }]
        };
        assert_eq!(a.handle(&v, rate(6, &[], "", false)).await, refused("bad_score"));
        assert_eq!(a.handle(&v, rate(1, &["rude"], "", false)).await, refused("bad_reason"));
        assert_eq!(a.handle(&v, rate(4, &[], "", false)).await, received);
        assert_eq!(a.handle(&v, rate(2, &["slow", "unclear"], " Too slow ", true)).await, received);
        assert_eq!(a.handle(&v, rate(5, &[], "", false)).await, received, "a late change is answered...");
        let info = a.store.visitor_info(k).await.unwrap().rating.unwrap();
        assert_eq!(
            (info.scale.as_str(), info.score, info.reasons, info.comment.as_str(), info.done),
            ("stars", 2, vec!["slow".to_string(), "unclear".to_string()], "Too slow", true),
            "...but the sent rating stays"
        );
        assert_eq!(
            a.store.conversation(k).await.unwrap().unwrap().rating,
            Some(("stars".into(), 2)),
            "the list shows it"
        );
        // The transcript by mail: only with a mail service, to a real address.
        let mail = |email: &str| ClientFrame::Transcript { client_id: "x1".into(), email: email.into() };
        let refusal = |code: &str| {
            vec![ServerFrame::Error { code: code.into(), client_id: Some("x1".into()), retry_after_ms: None }]
        };
        assert_eq!(a.handle(&v, mail("v@example.com")).await, refusal("no_mail"));
        let (outbox, mut sent) = tokio::sync::mpsc::unbounded_channel();
        a.mail = Some(outbox);
        assert_eq!(a.handle(&v, mail("nope")).await, refusal("invalid_email"));
        assert_eq!(a.handle(&v, mail(" v@example.com ")).await, [ServerFrame::Received { client_id: "x1".into() }]);
        let m = sent.try_recv().unwrap();
        assert_eq!((m.to.as_str(), m.subject.as_str()), ("v@example.com", "Your conversation with us"));
        assert!(m.body.contains("You · ") && m.body.contains("Where is <b>my</b> order?"), "{}", m.body);
        assert!(m.body.contains("Sara · ") && m.body.contains("On its way."), "{}", m.body);
    }

    async fn texts(a: &App, conversation: &str) -> Vec<(AuthorKind, String)> {
        a.store.messages_after(conversation, 0, 100).await.unwrap().into_iter().map(|m| (m.author, m.text)).collect()
    }

    async fn stage(a: &App, conversation: &str) -> (Stage, Option<String>, Option<u32>) {
        match a.stage_frame(conversation).await {
            ServerFrame::Stage { stage, agent, queue_position } => (stage, agent.and_then(|a| a.name), queue_position),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn the_bot_answers_until_a_person_is_asked_for_and_is_silent_once_an_agent_joins() {
        let a = app_with_bot().await;
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        let k = v.conversation.as_str();
        assert_eq!(stage(&a, k).await, (Stage::Bot, None, None));
        a.visitor_message(&v, "c1", "what is the price?", &[]).await.unwrap();
        assert_eq!(
            texts(&a, k).await[1..],
            [(AuthorKind::Bot, "**$9** a month".to_string()), (AuthorKind::Bot, "Did that help?".to_string())]
        );
        let asked = a.store.messages_after(k, 2, 1).await.unwrap();
        assert_eq!(asked[0].quick_replies, ["Yes", "No"], "stored with its quick replies");
        // Asking for a person: the bot says a person will come, and the queue has it.
        a.visitor_message(&v, "c2", "I want to talk to a human", &[]).await.unwrap();
        assert_eq!(
            texts(&a, k).await.last().unwrap(),
            &(AuthorKind::Bot, "A person will join this chat shortly.".to_string())
        );
        assert_eq!(stage(&a, k).await, (Stage::Waiting, None, Some(1)));
        // A second visitor waits behind.
        let (w, _, _) = a.visitor(None, None).await.unwrap();
        a.handle(&w, ClientFrame::Handover).await;
        assert_eq!(stage(&a, &w.conversation).await, (Stage::Waiting, None, Some(2)));
        // While waiting the bot is silent.
        let before = texts(&a, k).await.len();
        a.visitor_message(&v, "c3", "price?", &[]).await.unwrap();
        assert_eq!(texts(&a, k).await.len(), before + 1, "only the visitor's message");
        // The agent answers: joined (with a notice), and the other visitor moves up.
        let reply = Reply { text: "Hi, Sara here".into(), ..Reply::default() };
        a.agent_message(k, &reply, &sara()).await.unwrap();
        assert_eq!(
            texts(&a, k).await[before + 1..],
            [
                (AuthorKind::System, "Sara joined the conversation.".to_string()),
                (AuthorKind::Agent, "Hi, Sara here".to_string())
            ]
        );
        assert_eq!(stage(&a, k).await, (Stage::Agent, Some("Sara".into()), None));
        assert_eq!(stage(&a, &w.conversation).await, (Stage::Waiting, None, Some(1)));
        a.visitor_message(&v, "c4", "price?", &[]).await.unwrap();
        assert_eq!(texts(&a, k).await.last().unwrap().0, AuthorKind::Visitor, "the bot stays silent");
        // The same agent again: no second notice.
        a.agent_message(k, &Reply { text: "Anything else?".into(), ..Reply::default() }, &sara()).await.unwrap();
        assert_eq!(texts(&a, k).await.iter().filter(|(k, _)| *k == AuthorKind::System).count(), 1);
        // Resolved, then the visitor writes again: the bot answers first again.
        a.store.set_status(k, ConversationStatus::Resolved, now_ms()).await.unwrap();
        a.visitor_message(&v, "c5", "price?", &[]).await.unwrap();
        assert_eq!(stage(&a, k).await.0, Stage::Bot);
        assert_eq!(texts(&a, k).await.last().unwrap().1, "Did that help?");
    }

    #[tokio::test]
    async fn without_a_bot_conversations_wait_for_a_person_from_the_first_message() {
        let a = app().await;
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        assert_eq!(stage(&a, &v.conversation).await, (Stage::Waiting, None, None), "not in the queue before writing");
        a.visitor_message(&v, "c1", "hello", &[]).await.unwrap();
        assert_eq!(stage(&a, &v.conversation).await, (Stage::Waiting, None, Some(1)));
        assert_eq!(texts(&a, &v.conversation).await.len(), 1, "nobody answers automatically");
    }

    #[tokio::test]
    async fn agents_are_shown_with_a_bounded_name_and_only_web_avatars() {
        let long = "ن".repeat(200);
        let agent = agent_author(Some(&long), Some("javascript:alert(1)"), Some(" Billing "));
        assert_eq!(agent.name.unwrap().chars().count(), 60);
        assert_eq!((agent.avatar, agent.team.as_deref()), (None, Some("Billing")));
        assert_eq!(
            agent_author(None, Some("https://x.example/a.png"), None).avatar.as_deref(),
            Some("https://x.example/a.png")
        );
    }

    fn availability(a: &App, now: u64) -> (bool, Option<u64>, Option<u32>) {
        match a.availability_at(now) {
            ServerFrame::Availability { open, next_open_at, reply_minutes } => (open, next_open_at, reply_minutes),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn availability_follows_the_hours_and_the_agents_online() {
        let mut a = app().await;
        // Mondays 09:00-17:00 UTC; 2026-11-30 is a Monday.
        a.hours = Some(Schedule::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#).unwrap());
        let monday_9 = 1_796_029_200_000;
        let hour = 3_600_000;
        assert_eq!(availability(&a, monday_9 - hour), (false, Some(monday_9), None), "before hours: back at 9");
        assert!(availability(&a, monday_9).0, "no console yet: the hours alone");
        // A console says its agent is online, then away: closed within hours, no time to give.
        a.set_presence("Sara", Presence::Online);
        assert!(availability(&a, monday_9).0);
        a.set_presence("Sara", Presence::Away);
        assert_eq!(availability(&a, monday_9), (false, None, None));
        a.set_presence("Omid", Presence::Online);
        assert!(availability(&a, monday_9).0);
        // After hours, being online does not open: back next Monday.
        assert_eq!(availability(&a, monday_9 + 8 * hour), (false, Some(monday_9 + 7 * 24 * hour), None));
        // The watched frame changes only when the answer does.
        let mut rx = a.availability.subscribe();
        a.refresh_availability(monday_9, false).await;
        assert!(rx.has_changed().unwrap());
        rx.borrow_and_update();
        a.refresh_availability(monday_9 + 1000, false).await;
        assert!(!rx.has_changed().unwrap());
    }

    #[tokio::test]
    async fn the_usual_reply_time_is_the_median_first_response() {
        let a = app().await;
        let now = now_ms();
        for (i, wait_min) in [2u64, 4, 30].into_iter().enumerate() {
            let (v, _, _) = a.visitor(None, None).await.unwrap();
            a.visitor_message(&v, &format!("c{i}"), "hello", &[]).await.unwrap();
            let asked = a.store.messages_after(&v.conversation, 0, 1).await.unwrap()[0].at;
            a.store
                .append(
                    &v.conversation,
                    NewMessage {
                        author: AuthorKind::Agent,
                        name: Some("Sara"),
                        text: "hi",
                        client_id: None,
                        at: asked + wait_min * 60_000,
                        avatar: None,
                        quick_replies: &[],
                        attachments: &[],
                    },
                )
                .await
                .unwrap();
        }
        // One never answered: not counted.
        let (v, _, _) = a.visitor(None, None).await.unwrap();
        a.visitor_message(&v, "c9", "anyone?", &[]).await.unwrap();
        assert_eq!(a.median_first_response(now).await, Some(4 * 60_000));
        a.refresh_availability(now, true).await;
        assert_eq!(availability(&a, now), (true, None, Some(4)));
    }

    #[tokio::test]
    async fn read_marks_only_move_forward_and_never_past_the_newest_message() {
        let a = app().await;
        let (v, token, _) = a.visitor(None, None).await.unwrap();
        let k = v.conversation.clone();
        a.visitor_message(&v, "c1", "one", &[]).await.unwrap();
        a.visitor_message(&v, "c2", "two", &[]).await.unwrap();
        let mut room = a.subscribe(&k);
        let mut consoles = a.agents.subscribe();
        a.agent_read(&k, 99).await;
        assert_eq!(*room.try_recv().unwrap(), ServerFrame::Read { seq: 2 }, "capped at the newest message");
        a.agent_read(&k, 1).await;
        assert!(room.try_recv().is_err(), "not back");
        a.handle(&v, ClientFrame::Read { seq: 2 }).await;
        assert!(matches!(consoles.try_recv().unwrap(), AgentEvent::Read { seq: 2, .. }));
        a.handle(&v, ClientFrame::Read { seq: 2 }).await;
        assert!(consoles.try_recv().is_err(), "said once");
        let h = a.store.handling(&k).await.unwrap().unwrap();
        assert_eq!((h.visitor_read_seq, h.agent_read_seq), (2, 2));
        // A new connection hears how far the agent read.
        let (_, _, frames) = a.hello(Hello { token: Some(&token), ..Hello::default() }).await.unwrap();
        assert!(frames.contains(&ServerFrame::Read { seq: 2 }), "{frames:?}");
    }

    #[tokio::test]
    async fn identify_verifies_the_hash_and_finds_the_users_own_conversation() {
        let mut a = app().await;
        a.identity_secret = Some(b"s3cret".to_vec());
        let good = |user: &str| {
            use hmac::{Hmac, Mac};
            let mut mac = Hmac::<Sha256>::new_from_slice(b"s3cret").unwrap();
            mac.update(user.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        };
        let frame = |user: &str, hash: Option<String>| ClientFrame::Identify {
            user_id: user.into(),
            name: Some(" Maryam ".into()),
            email: Some("not an address".into()),
            attributes: [("plan".to_string(), "pro".to_string())].into(),
            user_hash: hash,
        };
        let (laptop, _, _) = a.visitor(None, None).await.unwrap();
        assert_eq!(
            a.identify(&laptop, frame("u1", Some(good("u1")))).await,
            [ServerFrame::Identity { verified: true, token: None }]
        );
        let info = a.store.visitor_info(&laptop.conversation).await.unwrap().identity.unwrap();
        assert_eq!((info.name.as_deref(), info.email, info.verified), (Some("Maryam"), None, true));
        // Another browser: a token for the laptop's conversation.
        let (phone, _, _) = a.visitor(None, None).await.unwrap();
        let answer = a.identify(&phone, frame("u1", Some(good("u1")))).await;
        let [ServerFrame::Identity { verified: true, token: Some(token) }] = &answer[..] else { panic!("{answer:?}") };
        assert_eq!(a.visitor(Some(token), None).await.unwrap().0, laptop, "the same visitor, the same conversation");
        // Wrong, missing or another user's hash: refused, nothing stored.
        let (stranger, _, _) = a.visitor(None, None).await.unwrap();
        for hash in [Some(good("u2")), Some("zz".into()), None] {
            let answer = a.identify(&stranger, frame("u1", hash)).await;
            assert!(matches!(&answer[..], [ServerFrame::Error { code, .. }] if code == "identity_refused"));
        }
        assert_eq!(a.store.visitor_info(&stranger.conversation).await.unwrap().identity, None);
        // Without a secret: kept, unverified, and never joins another conversation.
        a.identity_secret = None;
        assert_eq!(
            a.identify(&stranger, frame("u1", None)).await,
            [ServerFrame::Identity { verified: false, token: None }]
        );
    }
}
