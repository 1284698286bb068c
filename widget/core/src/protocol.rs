//! Wire frames between the widget and a backend: JSON objects tagged by
//! `type`, version [`PROTOCOL_VERSION`], documented in `docs/PROTOCOL.md`.
//! One definition, with serde, for the widget and the reference server.
//!
//! Decoding is total: [`decode_server_frame`] turns any bytes into either a
//! frame or a [`ProtocolError`] value, never a panic. Unknown fields are
//! ignored and unknown frame types decode to [`ServerFrame::Unknown`], so a
//! newer server can talk to an older widget. Input over
//! [`MAX_FRAME_BYTES`] is refused before it is parsed, and parsing costs
//! time linear in the input (serde_json reads each byte once and refuses
//! nesting deeper than 128 in the fields it reads).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

pub mod agent;

/// The protocol version this build speaks, sent in the opening `hello`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Most quick replies shown under a message.
pub const MAX_QUICK_REPLIES: usize = 6;

/// Longest visitor message, in Unicode scalar values.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Most messages one `history` request returns.
pub const MAX_HISTORY_PAGE: u32 = 200;

/// Largest frame accepted from the network, in bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Largest answer to one HTTP post (a batch of frames) the widget reads.
pub const MAX_ANSWER_BYTES: usize = 4 * MAX_FRAME_BYTES;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    /// The visitor using the widget.
    Visitor,
    /// An automated answer.
    Bot,
    /// A human support agent.
    Agent,
    /// A notice from the system (conversation assigned, closed, ...). An
    /// author kind this version does not know is shown as one too.
    #[default]
    #[serde(other)]
    System,
}

impl AuthorKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorKind::Visitor => "visitor",
            AuthorKind::Bot => "bot",
            AuthorKind::Agent => "agent",
            AuthorKind::System => "system",
        }
    }
}

/// Author of a server message.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Author {
    /// Kind of author.
    pub kind: AuthorKind,
    /// Display name, if any (untrusted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An avatar image's URL (shown only if it is `https:` or `http:`;
    /// otherwise the name's initials are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// The author's team ("Billing"), shown in the header (untrusted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

impl Author {
    /// An author of this kind with no name.
    pub fn of(kind: AuthorKind) -> Self {
        Self { kind, ..Self::default() }
    }

    /// An author of this kind with a name.
    pub fn named(kind: AuthorKind, name: &str) -> Self {
        Self { kind, name: Some(name.to_string()), ..Self::default() }
    }
}

/// A file sent with a message. The visitor's are uploaded first (`POST
/// files`, see `docs/PROTOCOL.md`) and named by id in their `message`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attachment {
    /// The server's id for it.
    pub id: String,
    /// The file's name (untrusted text).
    pub name: String,
    /// Its media type, as the server found it in the content.
    #[serde(rename = "type")]
    pub mime: String,
    /// Its size in bytes.
    pub size: u64,
    /// Where to fetch it, with the visitor's token: relative to the
    /// endpoint's base, or an absolute `https:`/`http:` URL.
    pub url: String,
}

impl Attachment {
    /// Whether the widget shows it as an image (a preview) rather than a
    /// download link. SVG is not one: it can carry script.
    pub fn is_image(&self) -> bool {
        matches!(self.mime.as_str(), "image/png" | "image/jpeg" | "image/gif" | "image/webp")
    }
}

/// Where the visitor is, as `hello` tells the support side.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VisitorContext {
    /// The page's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page's title (untrusted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The visitor's IANA time zone (`Asia/Tehran`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// Who answers the conversation now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The bot answers; the visitor may ask for a person.
    #[default]
    Bot,
    /// An agent has joined and answers; the bot is silent.
    Agent,
    /// Waiting for a person to join. A stage this version does not know
    /// is shown as this one.
    #[serde(other)]
    Waiting,
}

/// Whether a conversation is still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationStatus {
    /// Open: agents see it in their queue.
    #[default]
    Open,
    /// An agent marked it resolved; a new visitor message reopens it.
    Resolved,
}

/// Frames the widget sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// Opens a session. The first frame on every connection.
    Hello {
        /// Protocol version.
        v: u32,
        /// The visitor token from an earlier `welcome`; none for a new visitor.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        token: Option<String>,
        /// Replay starts after this sequence number (0: from the start, or
        /// see `limit`).
        #[serde(default)]
        last_seq: u64,
        /// With `last_seq` 0: replay only the newest `limit` messages; older
        /// ones come page by page with `history`. Absent: replay everything.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit: Option<u32>,
        /// The language the widget shows (a BCP 47 tag): the bot answers
        /// in it, and the support side sees it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        locale: Option<String>,
        /// Where the visitor is: the page and their time zone, for the
        /// agent console (every page load says hello, so the pages make a
        /// history).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        context: Option<VisitorContext>,
        /// Which of the visitor's conversations to open: an id from a
        /// `welcome` or a `conversations` frame, or `"new"` for a fresh one.
        /// Absent, or not one of this visitor's: the one last written to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        conversation: Option<String>,
    },
    /// Asks for the visitor's conversations ("Your conversations"); the
    /// server answers `conversations`.
    Conversations,
    /// The visitor asks for a person ("Talk to a person"). The server
    /// answers with a `stage` frame (and may add a notice).
    Handover,
    /// The visitor opened a proactive greeting: the server adds its text to
    /// the conversation, from the support side, so the chat starts with it
    /// (and agents see what the visitor answered).
    Greeting {
        /// The greeting as the visitor saw it (at most 500 characters).
        text: String,
    },
    /// The visitor's answers to the pre-chat form (field id to answer). The
    /// server keeps them for the console and answers `identity`.
    Prechat {
        /// The answers, in the form's order.
        #[serde(with = "as_map")]
        answers: crate::prechat::Answers,
    },
    /// The visitor left a message for the team (the "leave a message"
    /// form). The server makes a ticket of it, stores `text` as the
    /// visitor's message, answers `ticket` with the reference, and e-mails
    /// an acknowledgement to `email` and the team's replies later.
    Ticket {
        /// Client-generated id; the server makes one ticket per id.
        client_id: String,
        /// The visitor's name.
        name: String,
        /// Where the answer goes.
        email: String,
        /// A subject line; empty takes the message's first words.
        #[serde(default)]
        subject: String,
        /// The message.
        text: String,
        /// Files uploaded before (`POST files`), by id, at most 10.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attachments: Vec<String>,
    },
    /// The host page says who the visitor is (`Salam('identify', ...)`).
    /// With the server's secret, `user_hash` (HMAC-SHA256 of `user_id`,
    /// hex) proves it, and the visitor gets the same conversation in every
    /// browser; the server answers `identity`, or `error` with
    /// `identity_refused`.
    Identify {
        /// The site's id for the user.
        user_id: String,
        /// Their name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Their e-mail address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        /// Whatever else the site tells (plan, company, ...).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        attributes: BTreeMap<String, String>,
        /// HMAC-SHA256 of `user_id` with the server's secret, in hex.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_hash: Option<String>,
    },
    /// The visitor has seen every message up to `seq` (the panel was open
    /// with them in it). The support side shows "Seen".
    Read {
        /// The highest sequence number seen.
        seq: u64,
    },
    /// A visitor message.
    Message {
        /// Client-generated id; the server dedupes by it.
        client_id: String,
        /// The text, as typed (may be empty with attachments).
        text: String,
        /// Files uploaded before (`POST files`), by id.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attachments: Vec<String>,
    },
    /// Asks for every message after `after_seq` again (the widget saw a gap).
    Sync {
        /// Replay starts after this sequence number.
        after_seq: u64,
    },
    /// The visitor started or stopped typing.
    Typing {
        /// Typing now.
        on: bool,
    },
    /// Asks for the `limit` messages just before `before_seq` (scrolling up
    /// a long conversation). The server sends them as `message` frames.
    History {
        /// The oldest sequence number the widget has.
        before_seq: u64,
        /// How many at most (a server may send fewer; it caps at [`MAX_HISTORY_PAGE`]).
        limit: u32,
    },
    /// Heartbeat; the server answers `pong`.
    Ping,
    /// The visitor ended the chat ("End chat" in the menu, confirmed): the
    /// server resolves the conversation.
    End,
    /// The visitor's rating of the chat; the newest with the same
    /// `client_id` replaces the earlier ones until one is `done`.
    Rate {
        /// The rating's id.
        client_id: String,
        /// `stars`, `thumbs` or `faces`.
        scale: String,
        /// 1 to the scale's best (5, 2, 3).
        score: u8,
        /// What went wrong (see [`crate::ending::REASONS`]), with a low score.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reasons: Vec<String>,
        /// The visitor's comment.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        comment: String,
        /// The visitor sent it: no more changes.
        #[serde(default)]
        done: bool,
    },
    /// "E-mail me this conversation": the server mails the transcript.
    Transcript {
        /// Its id, answered with `received`.
        client_id: String,
        /// Where to.
        email: String,
    },
    /// A frame type this version does not know; a server ignores it.
    #[serde(other)]
    Unknown,
}

impl ClientFrame {
    /// A new visitor's first `hello`: no token, nothing received yet.
    pub fn first_hello() -> Self {
        ClientFrame::Hello {
            v: PROTOCOL_VERSION,
            token: None,
            last_seq: 0,
            limit: None,
            locale: None,
            context: None,
            conversation: None,
        }
    }
}

/// The most conversations a `conversations` frame lists.
pub const MAX_THREADS: usize = 50;

/// One of the visitor's conversations, in the `conversations` frame.
/// (Read as a [`Wire`]: one reader for frames and their list items.)
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Thread {
    /// The conversation's id: `hello` opens it with `conversation`.
    pub id: String,
    /// `open`, `pending` (the team waits for the visitor) or `solved`; a
    /// ticket's status, or a chat's (resolved is `solved`).
    #[serde(default)]
    pub status: String,
    /// The last message, cut to 140 characters (its files' names when it
    /// has no text). Untrusted text.
    #[serde(default)]
    pub text: String,
    /// When it was last written to (ms since the epoch).
    #[serde(default)]
    pub at: u64,
    /// Messages from the team the visitor has not read.
    #[serde(default)]
    pub unread: u32,
    /// The ticket's reference, if it is one ("#1042").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<u64>,
}

/// Frames the widget receives.
///
/// Written tagged by `type`, but read through [`Wire`], one flat struct of
/// every field: serde's reader for a tagged enum buffers each frame in its
/// `Content` tree first, which was a sixth of the widget's decoding code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "Wire")]
pub enum ServerFrame {
    /// Answer to `hello`. Then come the messages after `last_seq`, in order.
    Welcome {
        /// Protocol version the server speaks.
        v: u32,
        /// The visitor's token (new or the same); keep it for the next `hello`.
        #[serde(default)]
        token: String,
        /// The conversation's id. A different one than before means the old
        /// conversation is gone: drop it and start afresh.
        #[serde(default)]
        conversation: String,
        /// The newest sequence number in the conversation.
        #[serde(default)]
        head_seq: u64,
        /// Whether the conversation is open or resolved.
        #[serde(default)]
        status: ConversationStatus,
    },
    /// The server has stored the visitor message `client_id`.
    Ack {
        /// The client id of the acknowledged message.
        client_id: String,
        /// Server id of the message.
        id: String,
        /// Sequence number given to it.
        seq: u64,
    },
    /// A message in the conversation.
    Message {
        /// Server id.
        id: String,
        /// Sequence number: 1, 2, 3, ... within a conversation, no gaps.
        seq: u64,
        /// Who wrote it.
        author: Author,
        /// Untrusted text, rendered as text.
        text: String,
        /// For the visitor's own messages: the client id they were sent with.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
        /// When it was written, in milliseconds since the Unix epoch.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
        /// Answers the visitor may pick (at most [`MAX_QUICK_REPLIES`] are
        /// shown, under the newest message only, until the visitor writes).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        quick_replies: Vec<String>,
        /// Files sent with it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attachments: Vec<Attachment>,
    },
    /// Who answers the conversation now: sent after `welcome` and whenever
    /// it changes.
    Stage {
        /// The bot, a person is awaited, or an agent.
        stage: Stage,
        /// With `agent`: who answers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        agent: Option<Author>,
        /// With `waiting`: how many conversations wait before this one, plus
        /// one (1: next).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue_position: Option<u32>,
    },
    /// Answer to `identify`. With `token`, this visitor already has a
    /// conversation (from another browser): keep the token, and the server
    /// closes the connection so the next `hello` opens that conversation.
    Identity {
        /// The server checked the `user_hash`.
        verified: bool,
        /// The token of the visitor's own conversation, when it is another.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        token: Option<String>,
    },
    /// The support side has read the conversation up to `seq`: the widget
    /// shows "Seen" under the visitor's last message at or below it. Sent
    /// after `welcome` (if anything was read) and whenever it moves.
    Read {
        /// The highest sequence number read.
        seq: u64,
    },
    /// Whether the team answers now: sent after `welcome` and whenever it
    /// changes (business hours begin or end, agents come or go).
    Availability {
        /// Someone answers now.
        open: bool,
        /// When closed: when the next business hours begin (ms since the
        /// epoch), if known. Absent while open, or when closed within hours
        /// (nobody online).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_open_at: Option<u64>,
        /// While open: the usual time to a first reply, in minutes, if the
        /// server knows it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_minutes: Option<u32>,
    },
    /// Someone on the support side started or stopped typing.
    Typing {
        /// Who.
        author: Author,
        /// Typing now.
        on: bool,
    },
    /// The conversation was resolved or reopened.
    Status {
        /// The new status.
        status: ConversationStatus,
    },
    /// Answer to `ticket`: it is stored, under this reference.
    Ticket {
        /// The `ticket` frame's client id.
        client_id: String,
        /// What the visitor quotes ("#1042").
        reference: u64,
    },
    /// Answer to `conversations`: the visitor's conversations and
    /// tickets, newest first.
    Conversations {
        /// At most [`MAX_THREADS`].
        #[serde(default)]
        list: Vec<Thread>,
    },
    /// Answer to `ping`.
    Pong,
    /// The server has the `rate` or `transcript` frame with this id.
    Received {
        /// The frame's `client_id`.
        client_id: String,
    },
    /// The server refused something.
    Error {
        /// Machine-readable code (`too_long`, `rate_limited`, ...).
        code: String,
        /// The client id of the refused message, if it was one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
        /// For `rate_limited`: when to try again, in milliseconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after_ms: Option<u64>,
    },
    /// A frame type this version does not know; ignored.
    #[serde(other)]
    Unknown,
}

/// The frame types [`ServerFrame`] knows.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Welcome,
    Ack,
    Message,
    Stage,
    Identity,
    Read,
    Availability,
    Typing,
    Status,
    Ticket,
    Conversations,
    Pong,
    Received,
    Error,
    #[serde(other)]
    Unknown,
}

/// Every field of every [`ServerFrame`], as read from the wire; a field is
/// required or not by the frame's type. One field name has one type in
/// every frame that has it.
///
/// A `conversations` frame's list items are read as `Wire`s too (each is
/// a [`Thread`]): a struct of its own would be another copy of serde's
/// struct reader in the wasm.
#[derive(Deserialize)]
struct Wire {
    #[serde(rename = "type")]
    kind: Option<Kind>,
    v: Option<u32>,
    token: Option<String>,
    conversation: Option<String>,
    head_seq: Option<u64>,
    /// A conversation's (`open`, `resolved`), or a list item's.
    status: Option<String>,
    client_id: Option<String>,
    id: Option<String>,
    seq: Option<u64>,
    author: Option<Author>,
    text: Option<String>,
    at: Option<u64>,
    #[serde(default)]
    quick_replies: Vec<String>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    stage: Option<Stage>,
    agent: Option<Author>,
    queue_position: Option<u32>,
    verified: Option<bool>,
    open: Option<bool>,
    next_open_at: Option<u64>,
    reply_minutes: Option<u32>,
    on: Option<bool>,
    reference: Option<u64>,
    #[serde(default)]
    list: Vec<Wire>,
    unread: Option<u32>,
    code: Option<String>,
    retry_after_ms: Option<u64>,
}

/// A frame without a field its type requires.
#[derive(Debug)]
struct Missing(&'static str);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "missing or invalid field `{}`", self.0)
    }
}

fn need<T>(field: Option<T>, name: &'static str) -> Result<T, Missing> {
    field.ok_or(Missing(name))
}

/// A conversation's status; absent is open.
fn status(field: Option<String>) -> Result<ConversationStatus, Missing> {
    match field.as_deref() {
        None | Some("open") => Ok(ConversationStatus::Open),
        Some("resolved") => Ok(ConversationStatus::Resolved),
        Some(_) => Err(Missing("status")),
    }
}

impl From<Wire> for Thread {
    fn from(w: Wire) -> Self {
        Thread {
            id: w.id.unwrap_or_default(),
            status: w.status.unwrap_or_default(),
            text: w.text.unwrap_or_default(),
            at: w.at.unwrap_or_default(),
            unread: w.unread.unwrap_or_default(),
            reference: w.reference,
        }
    }
}

impl TryFrom<Wire> for ServerFrame {
    type Error = Missing;

    fn try_from(w: Wire) -> Result<Self, Missing> {
        Ok(match need(w.kind, "type")? {
            Kind::Welcome => ServerFrame::Welcome {
                v: need(w.v, "v")?,
                token: w.token.unwrap_or_default(),
                conversation: w.conversation.unwrap_or_default(),
                head_seq: w.head_seq.unwrap_or_default(),
                status: status(w.status)?,
            },
            Kind::Ack => ServerFrame::Ack {
                client_id: need(w.client_id, "client_id")?,
                id: need(w.id, "id")?,
                seq: need(w.seq, "seq")?,
            },
            Kind::Message => ServerFrame::Message {
                id: need(w.id, "id")?,
                seq: need(w.seq, "seq")?,
                author: need(w.author, "author")?,
                text: need(w.text, "text")?,
                client_id: w.client_id,
                at: w.at,
                quick_replies: w.quick_replies,
                attachments: w.attachments,
            },
            Kind::Stage => {
                ServerFrame::Stage { stage: need(w.stage, "stage")?, agent: w.agent, queue_position: w.queue_position }
            }
            Kind::Identity => ServerFrame::Identity { verified: need(w.verified, "verified")?, token: w.token },
            Kind::Read => ServerFrame::Read { seq: need(w.seq, "seq")? },
            Kind::Availability => ServerFrame::Availability {
                open: need(w.open, "open")?,
                next_open_at: w.next_open_at,
                reply_minutes: w.reply_minutes,
            },
            Kind::Typing => ServerFrame::Typing { author: need(w.author, "author")?, on: need(w.on, "on")? },
            Kind::Status => ServerFrame::Status { status: status(Some(need(w.status, "status")?))? },
            Kind::Ticket => ServerFrame::Ticket {
                client_id: need(w.client_id, "client_id")?,
                reference: need(w.reference, "reference")?,
            },
            Kind::Conversations => ServerFrame::Conversations { list: w.list.into_iter().map(Thread::from).collect() },
            Kind::Pong => ServerFrame::Pong,
            Kind::Received => ServerFrame::Received { client_id: need(w.client_id, "client_id")? },
            Kind::Error => ServerFrame::Error {
                code: need(w.code, "code")?,
                client_id: w.client_id,
                retry_after_ms: w.retry_after_ms,
            },
            Kind::Unknown => ServerFrame::Unknown,
        })
    }
}

/// Why a frame could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// Larger than the limit ([`MAX_FRAME_BYTES`], or [`MAX_ANSWER_BYTES`] for a batch).
    #[error("{0} bytes is over the limit")]
    TooLarge(usize),
    /// Not JSON, or not a frame.
    #[error("malformed frame: {0}")]
    Malformed(String),
}

/// Everything the widget reads goes through `from_slice`: `from_str` is
/// another reader type, and would put a second copy of every decoder in
/// the wasm.
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8], limit: usize) -> Result<T, ProtocolError> {
    if bytes.len() > limit {
        return Err(ProtocolError::TooLarge(bytes.len()));
    }
    serde_json::from_slice(bytes).map_err(|e| ProtocolError::Malformed(e.to_string()))
}

/// Decodes one frame from the server. Never panics.
pub fn decode_server_frame(bytes: &[u8]) -> Result<ServerFrame, ProtocolError> {
    decode(bytes, MAX_FRAME_BYTES)
}

/// Decodes one frame from the widget (the server side). Never panics.
pub fn decode_client_frame(bytes: &[u8]) -> Result<ClientFrame, ProtocolError> {
    decode(bytes, MAX_FRAME_BYTES)
}

/// Decodes an HTTP answer, a JSON array of server frames: one malformed
/// frame costs only itself.
pub fn decode_server_frames(bytes: &[u8]) -> Result<Vec<ServerFrame>, ProtocolError> {
    let items: Vec<&serde_json::value::RawValue> = decode(bytes, MAX_ANSWER_BYTES)?;
    // Each through the same reader as a single frame: one copy of the code in the wasm.
    Ok(items.into_iter().filter_map(|raw| decode_server_frame(raw.get().as_bytes()).ok()).collect())
}

/// Encodes a frame for the widget (the server side).
pub fn encode_server_frame(frame: &ServerFrame) -> String {
    // Cannot fail: every map key is a string and no Serialize impl errs.
    serde_json::to_string(frame).unwrap_or_default()
}

/// Encodes a frame for the server.
pub fn encode_client_frame(frame: &ClientFrame) -> String {
    serde_json::to_string(frame).unwrap_or_default()
}

/// `[(key, value)]` as the JSON object `{key: value}`.
mod as_map {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
        Ok(BTreeMap::<String, String>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conversations_list_is_read_item_by_item_and_a_bad_status_is_refused() {
        let list = br#"{"type":"conversations","list":[{"id":"k1","status":"pending","text":"Hi","at":5,"unread":2,"reference":1042,"extra":[1]},{"id":"k2"}]}"#;
        let ServerFrame::Conversations { list } = decode_server_frame(list).unwrap() else { panic!() };
        assert_eq!(
            list[0],
            Thread {
                id: "k1".into(),
                status: "pending".into(),
                text: "Hi".into(),
                at: 5,
                unread: 2,
                reference: Some(1042)
            }
        );
        assert_eq!(list[1], Thread { id: "k2".into(), ..Thread::default() }, "the rest is optional");
        assert_eq!(
            decode_server_frame(br#"{"type":"conversations"}"#).unwrap(),
            ServerFrame::Conversations { list: vec![] }
        );
        for bad in [r#"{"type":"status","status":"bogus"}"#, r#"{"type":"status"}"#, r#"{"status":"open"}"#] {
            assert!(decode_server_frame(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_frame_types_fields_and_author_kinds_are_tolerated() {
        let f = decode_server_frame(br#"{"type":"presence","who":"agent"}"#).unwrap();
        assert_eq!(f, ServerFrame::Unknown);
        let f = decode_server_frame(br#"{"type":"welcome","v":1,"future":[1,2]}"#).unwrap();
        assert!(matches!(f, ServerFrame::Welcome { v: 1, head_seq: 0, .. }));
        let f = decode_server_frame(br#"{"type":"typing","author":{"kind":"integration"},"on":true}"#).unwrap();
        assert!(matches!(f, ServerFrame::Typing { author: Author { kind: AuthorKind::System, .. }, .. }));
        assert_eq!(decode_client_frame(br#"{"type":"tip","amount":5}"#), Ok(ClientFrame::Unknown));
    }

    #[test]
    fn malformed_frames_are_errors_not_panics() {
        for bad in [
            &b""[..],
            b"null",
            b"[]",
            b"{",
            b"{\"type\":7}",
            b"{\"v\":1}",
            b"\xff\xfe",
            b"{\"type\":\"ack\"}",
            b"{\"type\":\"pong\"} trailing",
            b"{\"type\":\"ack\",\"client_id\":\"c\",\"id\":\"m\",\"seq\":-1}",
        ] {
            assert!(decode_server_frame(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b' '; MAX_FRAME_BYTES + 1];
        assert_eq!(decode_server_frame(&big), Err(ProtocolError::TooLarge(MAX_FRAME_BYTES + 1)));
        assert_eq!(decode_client_frame(&big), Err(ProtocolError::TooLarge(MAX_FRAME_BYTES + 1)));
        let batch = vec![b' '; MAX_ANSWER_BYTES + 1];
        assert_eq!(decode_server_frames(&batch), Err(ProtocolError::TooLarge(MAX_ANSWER_BYTES + 1)));
    }

    #[test]
    fn one_bad_frame_in_a_batch_costs_only_itself() {
        let frames =
            decode_server_frames(br#"[{"type":"pong"},{"type":"ack"},7,{"type":"status","status":"resolved"}]"#)
                .unwrap();
        assert_eq!(frames, vec![ServerFrame::Pong, ServerFrame::Status { status: ConversationStatus::Resolved }]);
        assert!(decode_server_frames(b"{}").is_err());
    }

    #[test]
    fn deep_nesting_is_skipped_or_refused_never_a_stack_overflow() {
        // An unknown field is skipped by serde_json with a loop, not recursion.
        let deep = format!(r#"{{"type":"pong","x":{}{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(decode_server_frame(deep.as_bytes()), Ok(ServerFrame::Pong));
        let deep = format!(r#"{{"type":"pong","quick_replies":{}{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(decode_server_frame(deep.as_bytes()), Err(ProtocolError::Malformed(_))));
    }
}
