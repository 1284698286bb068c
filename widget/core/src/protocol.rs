//! Wire frames between the widget and a backend: JSON objects tagged by
//! `type`, version [`PROTOCOL_VERSION`], documented in `docs/PROTOCOL.md`.
//!
//! Decoding is total: [`decode_server_frame`] turns any bytes into either a
//! frame or a [`ProtocolError`] value, never a panic. Unknown fields are
//! ignored and unknown frame types decode to [`ServerFrame::Unknown`], so a
//! newer server can talk to an older widget.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The protocol version this build speaks, sent in the opening `hello`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest visitor message, in Unicode scalar values.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Largest frame accepted from the network, in bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// Kind of author.
    pub kind: AuthorKind,
    /// Display name, if any (untrusted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
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
        /// Replay starts after this sequence number (0: the whole conversation).
        #[serde(default)]
        last_seq: u64,
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
    /// Heartbeat; the server answers `pong`.
    Ping,
    /// A frame type this version does not know; a server ignores it.
    #[serde(other)]
    Unknown,
}

/// Whether a conversation is still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ConversationStatus {
    /// Open: agents see it in their queue.
    #[default]
    Open,
    /// An agent marked it resolved; a new visitor message reopens it.
    Resolved,
}

/// Frames the widget receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
    decode(bytes)
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ProtocolError> {
    if bytes.len() > MAX_FRAME_BYTES {
        return Err(ProtocolError::TooLarge(bytes.len()));
    }
    serde_json::from_slice(bytes).map_err(|e| ProtocolError::Malformed(e.to_string()))
}

/// Decodes one frame from the widget (the server side). Never panics.
pub fn decode_client_frame(bytes: &[u8]) -> Result<ClientFrame, ProtocolError> {
    decode(bytes)
}

/// Encodes a frame for the widget (the server side).
pub fn encode_server_frame(frame: &ServerFrame) -> String {
    serde_json::to_string(frame).unwrap_or_else(|_| "{}".to_string())
}

/// Encodes a frame for the server.
pub fn encode_client_frame(frame: &ClientFrame) -> String {
    // Serializing these plain structs cannot fail; an empty object is a
    // harmless fallback the server rejects as malformed.
    serde_json::to_string(frame).unwrap_or_else(|_| "{}".to_string())
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
