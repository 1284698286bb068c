//! The agent HTTP API's bodies and answers (`docs/PROTOCOL.md`, "Agent HTTP
//! API"): what the reference server reads and writes, and what scripts and
//! the console send. Messages travel as [`ServerFrame`]s, as to visitors.

use super::{AuthorKind, ConversationStatus, ServerFrame, Stage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `POST /api/v1/agent/conversations/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reply {
    /// The text (1–4,000 characters after trimming).
    pub text: String,
    /// An idempotency key: the same one again returns the stored message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Answers the visitor may pick.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<String>,
    /// Files uploaded to the conversation first (`POST .../files`), by id;
    /// with them, `text` may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
}

/// `POST /api/v1/agent/conversations/{id}/typing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typing {
    /// Typing now.
    pub on: bool,
}

/// `POST /api/v1/agent/conversations/{id}/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStatus {
    /// The new status.
    pub status: ConversationStatus,
}

/// Where a ticket stands, as the team sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// New, or the visitor wrote again.
    #[default]
    Open,
    /// Waiting for the visitor or someone else.
    Pending,
    /// Done.
    Solved,
}

impl TicketStatus {
    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Solved => "solved",
        }
    }

    /// From [`TicketStatus::as_str`]; anything else is open.
    pub fn parse(text: &str) -> Self {
        match text {
            "pending" => TicketStatus::Pending,
            "solved" => TicketStatus::Solved,
            _ => TicketStatus::Open,
        }
    }
}

/// `POST /api/v1/agent/conversations/{id}/ticket`: the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTicketStatus {
    /// The new status of the conversation's newest ticket.
    pub status: TicketStatus,
}

/// The newest message of a conversation, in its summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMessage {
    /// Who wrote it.
    pub author: AuthorKind,
    /// Its text.
    pub text: String,
    /// When (ms since the Unix epoch).
    pub at: u64,
}

/// A conversation, as `GET /api/v1/agent/conversations` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Its id.
    pub id: String,
    /// Open or resolved.
    pub status: ConversationStatus,
    /// The newest sequence number.
    pub head_seq: u64,
    /// Created (ms).
    pub created_at: u64,
    /// Last activity (ms).
    pub updated_at: u64,
    /// The newest message.
    pub last_message: Option<LastMessage>,
    /// Whether the visitor is typing now.
    #[serde(default)]
    pub visitor_typing: bool,
    /// Who answers: the bot, a person is awaited, or an agent.
    #[serde(default)]
    pub stage: Stage,
    /// With `agent`: the agent's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// With `waiting`: since when (ms), once the visitor wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_since: Option<u64>,
    /// The visitor's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The visitor has seen the conversation up to this sequence number.
    #[serde(default)]
    pub visitor_read_seq: u64,
    /// Its newest ticket ("leave a message"): reference and status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<TicketBrief>,
    /// The visitor's newest rating: `stars`, `thumbs` or `faces`, and the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<(String, u8)>,
    /// The agent it is assigned to, if any: their account's id and name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<(i64, String)>,
}

/// A ticket as the conversation list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketBrief {
    /// "#1042".
    pub reference: u64,
    /// Where it stands.
    pub status: TicketStatus,
}

/// `POST /api/v1/agent/conversations/{id}/read`: the agent has read the
/// conversation up to `seq`; the visitor sees "Seen".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Read {
    /// The highest sequence number read.
    pub seq: u64,
}

/// The `data` of a `read` event on `GET /api/v1/agent/events`: the visitor
/// has seen the conversation up to `seq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadEvent {
    /// The conversation's id.
    pub conversation: String,
    /// The highest sequence number the visitor has seen.
    pub seq: u64,
}

/// The `data` of a `message` event on `GET /api/v1/agent/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageEvent {
    /// The conversation's id.
    pub conversation: String,
    /// The message.
    pub message: ServerFrame,
}

/// The `data` of a `typing` event on `GET /api/v1/agent/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypingEvent {
    /// The conversation's id.
    pub conversation: String,
    /// Whether the visitor is typing.
    pub on: bool,
}

/// A page the visitor was on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    /// Its address.
    pub url: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When (ms).
    pub at: u64,
}

/// Who the visitor says they are (`Salam('identify', ...)`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Identity {
    /// The site's id for the user.
    pub user_id: String,
    /// Their name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Their e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whatever else the site tells (plan, company, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The server checked `user_hash` against its secret.
    pub verified: bool,
}

/// `GET /api/v1/agent/conversations/{id}/visitor`: what the console shows
/// beside the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VisitorInfo {
    /// Their language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Their time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Their browser and system ("Chrome 131 on Linux").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// The pages they were on, newest first (the first is the current one).
    #[serde(default)]
    pub pages: Vec<PageView>,
    /// Who they said they are, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Their answers to the pre-chat form (field id to answer).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prechat: BTreeMap<String, String>,
    /// The message they left ("leave a message"), if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<TicketInfo>,
    /// How they rated the chat, newest rating first-hand, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<RatingInfo>,
}

/// The visitor's rating of a chat (see [`crate::ending`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RatingInfo {
    /// `stars`, `thumbs` or `faces`.
    pub scale: String,
    /// 1 to the scale's best (5, 2, 3).
    pub score: u8,
    /// What went wrong (`slow`, `unsolved`, `unclear`, `unfriendly`).
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Their comment.
    #[serde(default)]
    pub comment: String,
    /// They sent it (no more changes).
    pub done: bool,
    /// When it was last changed (ms).
    pub at: u64,
}

/// A ticket: what the visitor left when nobody could answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TicketInfo {
    /// Its reference ("#1042").
    pub reference: u64,
    /// The visitor's name.
    pub name: String,
    /// Where the answers are e-mailed.
    pub email: String,
    /// Its subject.
    pub subject: String,
    /// The visitor's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Where it stands.
    pub status: TicketStatus,
}

/// An internal note: what the team writes beside a conversation for
/// itself. The visitor never receives it: notes are kept apart from the
/// messages, and nothing the visitor is sent reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// `n_<row>`.
    pub id: String,
    /// The conversation's newest message when it was written: the console
    /// shows it after that one.
    pub after_seq: u64,
    /// Who wrote it (an agent's account).
    pub author: String,
    /// What.
    pub text: String,
    /// When (ms).
    pub at: u64,
}

/// `POST /api/v1/agent/conversations/{id}/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNote {
    /// The note (1–4,000 characters after trimming).
    pub text: String,
}

/// The `data` of a `note` event on `GET /api/v1/agent/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEvent {
    /// The conversation's id.
    pub conversation: String,
    /// The note.
    pub note: Note,
}

/// A canned response: a text the team keeps, offered in the reply box by
/// its shortcut (`/refund`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canned {
    /// Its id.
    pub id: i64,
    /// The shortcut, without its `/`: lowercase letters, digits, `-` and `_`.
    pub shortcut: String,
    /// The text it puts in the reply box.
    pub text: String,
    /// Who saved it last.
    pub by: String,
    /// When (ms).
    pub updated_at: u64,
}

/// `POST /api/v1/agent/canned`: saves a canned response (a new shortcut, or
/// new text for an existing one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveCanned {
    /// The shortcut (with or without its `/`).
    pub shortcut: String,
    /// The text.
    pub text: String,
}

/// A shortcut as stored (without `/`, lowercased), if it is a valid one:
/// 1–32 of `a`–`z`, `0`–`9`, `-`, `_` (letters of any script count).
pub fn canned_shortcut(raw: &str) -> Option<String> {
    let s = raw.trim().trim_start_matches('/').to_lowercase();
    let ok = !s.is_empty() && s.chars().count() <= 32 && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    ok.then_some(s)
}

/// `POST /api/v1/agent/conversations/{id}/assignee`: claim (your own
/// account's id), transfer (another's) or unassign (`null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAssignee {
    /// The account, or none.
    pub agent: Option<i64>,
}

/// The `data` of an `agent_typing` event on `GET /api/v1/agent/events`: an
/// agent is writing a reply, so the others know not to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentTypingEvent {
    /// The conversation's id.
    pub conversation: String,
    /// The agent's account id.
    pub agent_id: i64,
    /// Their name.
    pub agent: String,
    /// Typing now.
    pub on: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_shortcuts_are_one_word_without_the_slash() {
        assert_eq!(canned_shortcut("/Refund").as_deref(), Some("refund"));
        assert_eq!(canned_shortcut(" ship-time_2 ").as_deref(), Some("ship-time_2"));
        assert_eq!(canned_shortcut("بازپرداخت").as_deref(), Some("بازپرداخت"));
        for bad in ["", "/", "re fund", "a/b", "<b>", &"x".repeat(33)] {
            assert_eq!(canned_shortcut(bad), None, "{bad:?}");
        }
    }
}
