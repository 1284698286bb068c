//! The core's wire types in the server's own JSON (agent API, console
//! events). The core encodes frames with its own small codec, not serde;
//! these adapters reuse that codec, so a frame reads the same to an agent
//! as to the widget.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use salam_core::protocol::{encode_server_frame, AuthorKind, ConversationStatus, ServerFrame};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A frame, as the protocol writes it.
pub fn frame<S: Serializer>(frame: &ServerFrame, s: S) -> Result<S::Ok, S::Error> {
    serde_json::from_str::<serde_json::Value>(&encode_server_frame(frame)).map_err(S::Error::custom)?.serialize(s)
}

/// A JSON array of frames as a response.
pub fn frames_response(frames: &[ServerFrame]) -> Response {
    let body: Vec<String> = frames.iter().map(encode_server_frame).collect();
    ([(header::CONTENT_TYPE, "application/json")], format!("[{}]", body.join(","))).into_response()
}

/// One frame as a response.
pub fn frame_response(frame: &ServerFrame) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], encode_server_frame(frame)).into_response()
}

/// An author kind by its wire name.
pub fn author_kind<S: Serializer>(kind: &AuthorKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.as_str())
}

/// A status by its wire name.
pub fn status<S: Serializer>(status: &ConversationStatus, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

/// A status from its wire name.
pub fn parse_status<'de, D: Deserializer<'de>>(d: D) -> Result<ConversationStatus, D::Error> {
    let name = String::deserialize(d)?;
    ConversationStatus::parse(&name).ok_or_else(|| D::Error::custom(format!("unknown status `{name}`")))
}
