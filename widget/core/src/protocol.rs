//! Wire frames between the widget and a backend: JSON objects tagged by
//! `type`, version [`PROTOCOL_VERSION`], documented in `docs/PROTOCOL.md`.
//!
//! Decoding is total: [`decode_server_frame`] turns any bytes into either a
//! frame or a [`ProtocolError`] value, never a panic. Unknown fields are
//! ignored and unknown frame types decode to [`ServerFrame::Unknown`], so a
//! newer server can talk to an older widget.

use crate::json::{Json, ObjectWriter};
use thiserror::Error;

/// The protocol version this build speaks, sent in the opening `hello`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest visitor message, in Unicode scalar values.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Most messages one `history` request returns.
pub const MAX_HISTORY_PAGE: u32 = 200;

/// Largest frame accepted from the network, in bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorKind {
    /// The visitor using the widget.
    Visitor,
    /// An automated answer.
    Bot,
    /// A human support agent.
    Agent,
    /// A notice from the system (conversation assigned, closed, ...).
    System,
}

/// Author of a server message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Kind of author.
    pub kind: AuthorKind,
    /// Display name, if any (untrusted text).
    pub name: Option<String>,
}

/// Frames the widget sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientFrame {
    /// Opens a session. The first frame on every connection.
    Hello {
        /// Protocol version.
        v: u32,
        /// The visitor token from an earlier `welcome`; none for a new visitor.
        token: Option<String>,
        /// Replay starts after this sequence number (0: from the start, or
        /// see `limit`).
        last_seq: u64,
        /// With `last_seq` 0: replay only the newest `limit` messages; older
        /// ones come page by page with `history`. Absent: replay everything.
        limit: Option<u32>,
    },
    /// A visitor message.
    Message {
        /// Client-generated id; the server dedupes by it.
        client_id: String,
        /// The text, as typed.
        text: String,
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
    /// A frame type this version does not know; a server ignores it.
    Unknown,
}

/// Whether a conversation is still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConversationStatus {
    /// Open: agents see it in their queue.
    #[default]
    Open,
    /// An agent marked it resolved; a new visitor message reopens it.
    Resolved,
}

/// Frames the widget receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerFrame {
    /// Answer to `hello`. Then come the messages after `last_seq`, in order.
    Welcome {
        /// Protocol version the server speaks.
        v: u32,
        /// The visitor's token (new or the same); keep it for the next `hello`.
        token: String,
        /// The conversation's id. A different one than before means the old
        /// conversation is gone: drop it and start afresh.
        conversation: String,
        /// The newest sequence number in the conversation.
        head_seq: u64,
        /// Whether the conversation is open or resolved.
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
        client_id: Option<String>,
        /// When it was written, in milliseconds since the Unix epoch.
        at: Option<u64>,
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
    /// Answer to `ping`.
    Pong,
    /// The server refused something.
    Error {
        /// Machine-readable code (`too_long`, `rate_limited`, ...).
        code: String,
        /// The client id of the refused message, if it was one.
        client_id: Option<String>,
        /// For `rate_limited`: when to try again, in milliseconds.
        retry_after_ms: Option<u64>,
    },
    /// A frame type this version does not know; ignored.
    Unknown,
}

/// Why a frame could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// Larger than [`MAX_FRAME_BYTES`].
    #[error("frame of {0} bytes is over the limit")]
    TooLarge(usize),
    /// Not JSON, or not a frame.
    #[error("malformed frame: {0}")]
    Malformed(String),
}

/// Decodes one frame from the server. Never panics.
pub fn decode_server_frame(bytes: &[u8]) -> Result<ServerFrame, ProtocolError> {
    ServerFrame::from_json(&parse_frame(bytes)?).map_err(ProtocolError::Malformed)
}

/// Decodes one frame from the widget (the server side). Never panics.
pub fn decode_client_frame(bytes: &[u8]) -> Result<ClientFrame, ProtocolError> {
    ClientFrame::from_json(&parse_frame(bytes)?).map_err(ProtocolError::Malformed)
}

fn parse_frame(bytes: &[u8]) -> Result<Json, ProtocolError> {
    if bytes.len() > MAX_FRAME_BYTES {
        return Err(ProtocolError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ProtocolError::Malformed("not UTF-8".into()))?;
    Json::parse(text).map_err(ProtocolError::Malformed)
}

/// Encodes a frame for the widget (the server side).
pub fn encode_server_frame(frame: &ServerFrame) -> String {
    let mut out = String::new();
    let mut w = ObjectWriter::new(&mut out);
    match frame {
        ServerFrame::Welcome { v, token, conversation, head_seq, status } => {
            w.str("type", "welcome")
                .num("v", u64::from(*v))
                .str("token", token)
                .str("conversation", conversation)
                .num("head_seq", *head_seq)
                .str("status", status.as_str());
        }
        ServerFrame::Ack { client_id, id, seq } => {
            w.str("type", "ack").str("client_id", client_id).str("id", id).num("seq", *seq);
        }
        ServerFrame::Message { id, seq, author, text, client_id, at } => {
            w.str("type", "message")
                .str("id", id)
                .num("seq", *seq)
                .raw("author", &author.to_json())
                .str("text", text)
                .opt_str("client_id", client_id.as_deref())
                .opt_num("at", *at);
        }
        ServerFrame::Typing { author, on } => {
            w.str("type", "typing").raw("author", &author.to_json()).bool("on", *on);
        }
        ServerFrame::Status { status } => {
            w.str("type", "status").str("status", status.as_str());
        }
        ServerFrame::Pong => {
            w.str("type", "pong");
        }
        ServerFrame::Error { code, client_id, retry_after_ms } => {
            w.str("type", "error")
                .str("code", code)
                .opt_str("client_id", client_id.as_deref())
                .opt_num("retry_after_ms", *retry_after_ms);
        }
        ServerFrame::Unknown => {
            w.str("type", "unknown");
        }
    }
    w.end();
    out
}

/// Encodes a frame for the server.
pub fn encode_client_frame(frame: &ClientFrame) -> String {
    let mut out = String::new();
    let mut w = ObjectWriter::new(&mut out);
    match frame {
        ClientFrame::Hello { v, token, last_seq, limit } => {
            w.str("type", "hello")
                .num("v", u64::from(*v))
                .opt_str("token", token.as_deref())
                .num("last_seq", *last_seq)
                .opt_num("limit", limit.map(u64::from));
        }
        ClientFrame::History { before_seq, limit } => {
            w.str("type", "history").num("before_seq", *before_seq).num("limit", u64::from(*limit));
        }
        ClientFrame::Message { client_id, text } => {
            w.str("type", "message").str("client_id", client_id).str("text", text);
        }
        ClientFrame::Sync { after_seq } => {
            w.str("type", "sync").num("after_seq", *after_seq);
        }
        ClientFrame::Typing { on } => {
            w.str("type", "typing").bool("on", *on);
        }
        ClientFrame::Ping => {
            w.str("type", "ping");
        }
        ClientFrame::Unknown => {
            w.str("type", "unknown");
        }
    }
    w.end();
    out
}

/// Reads the members of one frame object, with errors that name the field.
struct Fields<'a>(&'a Json);

impl<'a> Fields<'a> {
    fn of(json: &'a Json) -> Result<Self, String> {
        match json {
            Json::Obj(_) => Ok(Fields(json)),
            _ => Err("a frame must be a JSON object".into()),
        }
    }

    /// The member, or `None` when absent or `null`.
    fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.get(key).filter(|v| **v != Json::Null)
    }

    fn bad(key: &str, what: &str) -> String {
        format!("field `{key}`: expected {what}")
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>, String> {
        self.get(key).map(|v| v.as_str().map(str::to_string).ok_or_else(|| Self::bad(key, "a string"))).transpose()
    }

    fn str(&self, key: &str) -> Result<String, String> {
        self.opt_str(key)?.ok_or_else(|| Self::bad(key, "a string"))
    }

    fn opt_u64(&self, key: &str) -> Result<Option<u64>, String> {
        self.get(key).map(|v| v.as_u64().ok_or_else(|| Self::bad(key, "a non-negative integer"))).transpose()
    }

    fn u64(&self, key: &str) -> Result<u64, String> {
        self.opt_u64(key)?.ok_or_else(|| Self::bad(key, "a non-negative integer"))
    }

    fn u32(&self, key: &str) -> Result<u32, String> {
        u32::try_from(self.u64(key)?).map_err(|_| Self::bad(key, "a 32-bit integer"))
    }

    fn bool(&self, key: &str) -> Result<bool, String> {
        self.get(key).and_then(Json::as_bool).ok_or_else(|| Self::bad(key, "true or false"))
    }

    fn author(&self, key: &str) -> Result<Author, String> {
        let a = Fields::of(self.get(key).ok_or_else(|| Self::bad(key, "an author"))?)?;
        let kind = a.str("kind")?;
        Ok(Author {
            kind: AuthorKind::parse(&kind).ok_or_else(|| format!("unknown author kind `{kind}`"))?,
            name: a.opt_str("name")?,
        })
    }

    fn status(&self, key: &str) -> Result<Option<ConversationStatus>, String> {
        self.opt_str(key)?
            .map(|s| ConversationStatus::parse(&s).ok_or_else(|| format!("unknown status `{s}`")))
            .transpose()
    }
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

    /// From the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [AuthorKind::Visitor, AuthorKind::Bot, AuthorKind::Agent, AuthorKind::System]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

impl ConversationStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationStatus::Open => "open",
            ConversationStatus::Resolved => "resolved",
        }
    }

    /// From the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [ConversationStatus::Open, ConversationStatus::Resolved].into_iter().find(|k| k.as_str() == s)
    }
}

impl Author {
    /// As a JSON object.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        ObjectWriter::new(&mut out).str("kind", self.kind.as_str()).opt_str("name", self.name.as_deref()).end();
        out
    }
}

impl ServerFrame {
    /// Reads a frame from parsed JSON (an element of a batch, say).
    pub fn from_json(json: &Json) -> Result<Self, String> {
        let f = Fields::of(json)?;
        Ok(match f.str("type")?.as_str() {
            "welcome" => ServerFrame::Welcome {
                v: f.u32("v")?,
                token: f.opt_str("token")?.unwrap_or_default(),
                conversation: f.opt_str("conversation")?.unwrap_or_default(),
                head_seq: f.opt_u64("head_seq")?.unwrap_or(0),
                status: f.status("status")?.unwrap_or_default(),
            },
            "ack" => ServerFrame::Ack { client_id: f.str("client_id")?, id: f.str("id")?, seq: f.u64("seq")? },
            "message" => ServerFrame::Message {
                id: f.str("id")?,
                seq: f.u64("seq")?,
                author: f.author("author")?,
                text: f.str("text")?,
                client_id: f.opt_str("client_id")?,
                at: f.opt_u64("at")?,
            },
            "typing" => ServerFrame::Typing { author: f.author("author")?, on: f.bool("on")? },
            "status" => {
                ServerFrame::Status { status: f.status("status")?.ok_or_else(|| Fields::bad("status", "a status"))? }
            }
            "pong" => ServerFrame::Pong,
            "error" => ServerFrame::Error {
                code: f.str("code")?,
                client_id: f.opt_str("client_id")?,
                retry_after_ms: f.opt_u64("retry_after_ms")?,
            },
            _ => ServerFrame::Unknown,
        })
    }
}

impl ClientFrame {
    /// Reads a frame from parsed JSON.
    pub fn from_json(json: &Json) -> Result<Self, String> {
        let f = Fields::of(json)?;
        Ok(match f.str("type")?.as_str() {
            "hello" => ClientFrame::Hello {
                v: f.u32("v")?,
                token: f.opt_str("token")?,
                last_seq: f.opt_u64("last_seq")?.unwrap_or(0),
                limit: f.opt_u64("limit")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            },
            "history" => ClientFrame::History { before_seq: f.u64("before_seq")?, limit: f.u32("limit")? },
            "message" => ClientFrame::Message { client_id: f.str("client_id")?, text: f.str("text")? },
            "sync" => ClientFrame::Sync { after_seq: f.u64("after_seq")? },
            "typing" => ClientFrame::Typing { on: f.bool("on")? },
            "ping" => ClientFrame::Ping,
            _ => ClientFrame::Unknown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_frame_types_and_fields_are_ignored() {
        let f = decode_server_frame(br#"{"type":"presence","who":"agent"}"#).unwrap();
        assert_eq!(f, ServerFrame::Unknown);
        let f = decode_server_frame(br#"{"type":"welcome","v":1,"future":[1,2]}"#).unwrap();
        assert!(matches!(f, ServerFrame::Welcome { v: 1, head_seq: 0, .. }));
    }

    #[test]
    fn malformed_frames_are_errors_not_panics() {
        for bad in [&b""[..], b"null", b"[]", b"{", b"{\"type\":7}", b"{\"v\":1}", b"\xff\xfe", b"{\"type\":\"ack\"}"] {
            assert!(decode_server_frame(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn oversized_frames_are_refused_before_parsing() {
        let big = vec![b' '; MAX_FRAME_BYTES + 1];
        assert_eq!(decode_server_frame(&big), Err(ProtocolError::TooLarge(MAX_FRAME_BYTES + 1)));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap deterministic sweep over JSON-shaped bytes (xorshift, fixed seed).
        let alphabet = b"{}[]\":,typemsgack0123 \\u\xff";
        let mut x: u32 = 0x9E37_79B9;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    alphabet[x as usize % alphabet.len()]
                })
                .collect();
            let _ = decode_server_frame(&bytes);
        }
    }
}
