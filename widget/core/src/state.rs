//! The conversation as a pure reducer: `reduce(&mut State, Event) -> Vec<Effect>`.
//!
//! Every rule of the widget's behaviour lives here: what a submit does with
//! the draft, how an acknowledgement marks a message sent, how a server
//! message is upserted by id, when unread counts go up. The glue dispatches
//! [`Event`]s and runs the [`Effect`]s; it decides nothing.

use crate::protocol::{AuthorKind, ClientFrame, ServerFrame, MAX_MESSAGE_CHARS, PROTOCOL_VERSION};
use std::collections::HashMap;
use std::sync::Arc;

/// Connection as the visitor should understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Connection {
    /// First connection attempt under way.
    #[default]
    Connecting,
    /// Connected and greeted.
    Online,
    /// Lost; trying again.
    Reconnecting,
}

/// Delivery state of a visitor message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Written locally, not yet acknowledged.
    Sending,
    /// Acknowledged by the server.
    Sent,
    /// Refused or could not be sent; the reason is a message id in the locale files.
    Failed(&'static str),
    /// Not ours: received from the server.
    Received,
}

/// One message in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Stable key for the view: the client id for visitor messages, the
    /// server id otherwise. It never changes once the row exists.
    pub key: String,
    /// Server id, once known.
    pub server_id: Option<String>,
    /// Server sequence number, once known.
    pub seq: Option<u64>,
    /// Who wrote it.
    pub author: AuthorKind,
    /// Display name of the author, if the server gave one (untrusted).
    pub author_name: Option<String>,
    /// Untrusted text.
    pub text: String,
    /// Delivery state.
    pub delivery: Delivery,
    /// When it was written (ms since the Unix epoch), if known.
    pub at: Option<u64>,
}

/// Why the composer refused to send what it holds; an id in the locale files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposerError {
    /// Longer than [`MAX_MESSAGE_CHARS`].
    TooLong,
}

impl ComposerError {
    /// Message id of the explanation shown under the composer.
    pub fn message_id(self) -> &'static str {
        match self {
            ComposerError::TooLong => "composer-too-long",
        }
    }
}

/// Everything the widget shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// Panel open.
    pub open: bool,
    /// Connection state.
    pub connection: Connection,
    /// The log, oldest first. Append-only: a message keeps its position and
    /// key for ever. Shared (`Arc`) so the view can hold each row's message
    /// and tell "unchanged" by pointer, whatever else in the state changed.
    pub messages: Vec<Arc<Message>>,
    /// What the visitor is typing.
    pub draft: String,
    /// Why the last submit was refused, until the draft changes.
    pub composer_error: Option<ComposerError>,
    /// Messages from others that arrived while the panel was closed.
    pub unread: u32,
    /// Highest server sequence number seen.
    pub last_seq: u64,
    /// Position of each message key (and server id) in `messages`, so a
    /// row, an ack or an upsert finds its message without a scan.
    index: HashMap<String, usize>,
}

impl State {
    /// The message with this key (client id or server id).
    pub fn message(&self, key: &str) -> Option<&Arc<Message>> {
        self.index.get(key).and_then(|&i| self.messages.get(i))
    }

    fn push(&mut self, message: Message) {
        let i = self.messages.len();
        self.index.insert(message.key.clone(), i);
        if let Some(id) = &message.server_id {
            self.index.insert(id.clone(), i);
        }
        self.messages.push(Arc::new(message));
    }
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Open the panel (launcher, host API).
    Open,
    /// Close the panel (close button, Escape, host API).
    Close,
    /// Open if closed, close if open.
    Toggle,
    /// The visitor edited the draft.
    DraftChanged(String),
    /// The visitor asked to send the draft; the glue supplies a fresh id
    /// and the time.
    Submit {
        /// A new, unique client id.
        client_id: String,
        /// Now, in ms since the Unix epoch.
        at: u64,
    },
    /// Send a failed message again.
    Retry {
        /// Its client id.
        client_id: String,
    },
    /// The transport connected.
    Connected,
    /// The transport lost its connection.
    Disconnected,
    /// A frame arrived.
    Frame(ServerFrame),
    /// The transport could not send the message with this client id.
    SendFailed {
        /// Its client id.
        client_id: String,
    },
}

/// Something for the host page to hear about (`salam:*` events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostEvent {
    /// The panel opened.
    Open,
    /// The panel closed.
    Close,
}

/// Something the glue must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send a frame through the transport.
    Send(ClientFrame),
    /// Tell the host page.
    Emit(HostEvent),
}

/// Applies `event` to `state` and returns what the glue must do.
pub fn reduce(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Open => set_open(state, true),
        Event::Close => set_open(state, false),
        Event::Toggle => {
            let open = !state.open;
            set_open(state, open)
        }
        Event::DraftChanged(text) => {
            state.draft = text;
            state.composer_error = None;
            vec![]
        }
        Event::Submit { client_id, at } => submit(state, client_id, at),
        Event::Retry { client_id } => match find_mut(state, &client_id) {
            Some(m) if matches!(m.delivery, Delivery::Failed(_)) => {
                m.delivery = Delivery::Sending;
                let text = m.text.clone();
                vec![Effect::Send(ClientFrame::Message { client_id, text })]
            }
            _ => vec![],
        },
        Event::Connected => {
            state.connection = Connection::Online;
            let mut effects = vec![Effect::Send(ClientFrame::Hello { v: PROTOCOL_VERSION, last_seq: state.last_seq })];
            // Anything still waiting goes out again; the server dedupes by client id.
            effects.extend(
                state
                    .messages
                    .iter()
                    .filter(|m| m.delivery == Delivery::Sending)
                    .map(|m| Effect::Send(ClientFrame::Message { client_id: m.key.clone(), text: m.text.clone() })),
            );
            effects
        }
        Event::Disconnected => {
            state.connection = Connection::Reconnecting;
            vec![]
        }
        Event::SendFailed { client_id } => {
            if let Some(m) = find_mut(state, &client_id) {
                if m.delivery == Delivery::Sending {
                    m.delivery = Delivery::Failed("message-failed");
                }
            }
            vec![]
        }
        Event::Frame(frame) => on_frame(state, frame),
    }
}

fn set_open(state: &mut State, open: bool) -> Vec<Effect> {
    if state.open == open {
        return vec![];
    }
    state.open = open;
    if open {
        state.unread = 0;
        vec![Effect::Emit(HostEvent::Open)]
    } else {
        vec![Effect::Emit(HostEvent::Close)]
    }
}

fn submit(state: &mut State, client_id: String, at: u64) -> Vec<Effect> {
    let text = state.draft.trim().to_string();
    if text.is_empty() {
        return vec![];
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        // The draft stays where it is, with the reason next to it.
        state.composer_error = Some(ComposerError::TooLong);
        return vec![];
    }
    if find_mut(state, &client_id).is_some() {
        return vec![]; // a reused id would merge two messages; refuse quietly
    }
    state.draft.clear();
    state.composer_error = None;
    state.push(Message {
        key: client_id.clone(),
        server_id: None,
        seq: None,
        author: AuthorKind::Visitor,
        author_name: None,
        text: text.clone(),
        delivery: Delivery::Sending,
        at: Some(at),
    });
    vec![Effect::Send(ClientFrame::Message { client_id, text })]
}

fn on_frame(state: &mut State, frame: ServerFrame) -> Vec<Effect> {
    match frame {
        ServerFrame::Welcome { .. } => {
            state.connection = Connection::Online;
        }
        ServerFrame::Ack { client_id, id, seq } => {
            if let Some(i) = state.index.get(&client_id).copied() {
                state.index.insert(id.clone(), i);
                let m = Arc::make_mut(&mut state.messages[i]);
                m.delivery = Delivery::Sent;
                m.server_id = Some(id);
                m.seq = Some(seq);
            }
            state.last_seq = state.last_seq.max(seq);
        }
        ServerFrame::Message { id, seq, author, text, client_id, at } => {
            state.last_seq = state.last_seq.max(seq);
            let existing =
                state.index.get(&id).or_else(|| client_id.as_ref().and_then(|c| state.index.get(c))).copied();
            match existing {
                // Upsert: a duplicate or an echo of our own message updates in place.
                Some(i) => {
                    state.index.insert(id.clone(), i);
                    let m = Arc::make_mut(&mut state.messages[i]);
                    m.server_id = Some(id);
                    m.seq = Some(seq);
                    m.text = text;
                    m.at = at.or(m.at);
                    if m.author == AuthorKind::Visitor {
                        m.delivery = Delivery::Sent;
                    }
                }
                None => {
                    let mine = author.kind == AuthorKind::Visitor;
                    if !mine && !state.open {
                        state.unread = state.unread.saturating_add(1);
                    }
                    state.push(Message {
                        key: client_id.unwrap_or_else(|| id.clone()),
                        server_id: Some(id),
                        seq: Some(seq),
                        author: author.kind,
                        author_name: author.name,
                        text,
                        delivery: if mine { Delivery::Sent } else { Delivery::Received },
                        at,
                    });
                }
            }
        }
        ServerFrame::Error { code, client_id } => {
            if let Some(m) = client_id.and_then(|c| find_mut(state, &c)) {
                m.delivery = Delivery::Failed(match code.as_str() {
                    "too_long" => "message-failed-too-long",
                    "rate_limited" => "message-failed-rate-limited",
                    _ => "message-failed",
                });
            }
        }
        ServerFrame::Unknown => {}
    }
    vec![]
}

fn find_mut<'a>(state: &'a mut State, key: &str) -> Option<&'a mut Message> {
    let i = *state.index.get(key)?;
    state.messages.get_mut(i).map(Arc::make_mut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Author;

    fn typed(state: &mut State, text: &str, id: &str) -> Vec<Effect> {
        reduce(state, Event::DraftChanged(text.into()));
        reduce(state, Event::Submit { client_id: id.into(), at: 1_700_000_000_000 })
    }

    fn agent_says(id: &str, seq: u64, text: &str) -> Event {
        Event::Frame(ServerFrame::Message {
            id: id.into(),
            seq,
            author: Author { kind: AuthorKind::Agent, name: Some("Sara".into()) },
            text: text.into(),
            client_id: None,
            at: None,
        })
    }

    #[test]
    fn submit_appends_at_once_clears_the_draft_and_sends() {
        let mut s = State::default();
        let fx = typed(&mut s, "  hello  ", "c1");
        assert_eq!(s.messages.len(), 1);
        assert_eq!(s.messages[0].text, "hello");
        assert_eq!(s.messages[0].at, Some(1_700_000_000_000));
        assert_eq!(s.messages[0].delivery, Delivery::Sending);
        assert_eq!(s.draft, "");
        assert_eq!(fx, vec![Effect::Send(ClientFrame::Message { client_id: "c1".into(), text: "hello".into() })]);
    }

    #[test]
    fn blank_submit_does_nothing() {
        let mut s = State::default();
        assert!(typed(&mut s, " \n\t ", "c1").is_empty());
        assert!(s.messages.is_empty());
    }

    #[test]
    fn too_long_submit_keeps_the_draft_with_a_reason() {
        let mut s = State::default();
        let long = "ب".repeat(MAX_MESSAGE_CHARS + 1);
        assert!(typed(&mut s, &long, "c1").is_empty());
        assert!(s.messages.is_empty());
        assert_eq!(s.draft, long);
        assert_eq!(s.composer_error, Some(ComposerError::TooLong));
        reduce(&mut s, Event::DraftChanged("short".into()));
        assert_eq!(s.composer_error, None);
    }

    #[test]
    fn exactly_the_limit_is_accepted() {
        let mut s = State::default();
        typed(&mut s, &"a".repeat(MAX_MESSAGE_CHARS), "c1");
        assert_eq!(s.messages.len(), 1);
    }

    #[test]
    fn ack_marks_sent_and_duplicate_echo_does_not_add_a_row() {
        let mut s = State::default();
        typed(&mut s, "hi", "c1");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 }));
        assert_eq!(s.messages[0].delivery, Delivery::Sent);
        assert_eq!(s.last_seq, 1);
        let echo = Event::Frame(ServerFrame::Message {
            id: "m1".into(),
            seq: 1,
            author: Author { kind: AuthorKind::Visitor, name: None },
            text: "hi".into(),
            client_id: Some("c1".into()),
            at: None,
        });
        reduce(&mut s, echo.clone());
        reduce(&mut s, echo);
        assert_eq!(s.messages.len(), 1);
    }

    #[test]
    fn server_messages_are_upserted_by_id() {
        let mut s = State { open: true, ..State::default() };
        reduce(&mut s, agent_says("m2", 2, "hello"));
        reduce(&mut s, agent_says("m2", 2, "hello"));
        assert_eq!(s.messages.len(), 1);
        assert_eq!(s.messages[0].author_name.as_deref(), Some("Sara"));
        assert_eq!(s.messages[0].delivery, Delivery::Received);
    }

    #[test]
    fn unread_counts_only_while_closed_and_clears_on_open() {
        let mut s = State::default();
        reduce(&mut s, agent_says("m1", 1, "a"));
        reduce(&mut s, agent_says("m2", 2, "b"));
        assert_eq!(s.unread, 2);
        assert_eq!(reduce(&mut s, Event::Open), vec![Effect::Emit(HostEvent::Open)]);
        assert_eq!(s.unread, 0);
        reduce(&mut s, agent_says("m3", 3, "c"));
        assert_eq!(s.unread, 0);
    }

    #[test]
    fn open_close_toggle_emit_only_on_change() {
        let mut s = State::default();
        assert_eq!(reduce(&mut s, Event::Close), vec![]);
        assert_eq!(reduce(&mut s, Event::Toggle), vec![Effect::Emit(HostEvent::Open)]);
        assert_eq!(reduce(&mut s, Event::Open), vec![]);
        assert_eq!(reduce(&mut s, Event::Toggle), vec![Effect::Emit(HostEvent::Close)]);
        assert!(!s.open);
    }

    #[test]
    fn failed_send_can_be_retried() {
        let mut s = State::default();
        typed(&mut s, "hi", "c1");
        reduce(&mut s, Event::SendFailed { client_id: "c1".into() });
        assert_eq!(s.messages[0].delivery, Delivery::Failed("message-failed"));
        let fx = reduce(&mut s, Event::Retry { client_id: "c1".into() });
        assert_eq!(s.messages[0].delivery, Delivery::Sending);
        assert_eq!(fx.len(), 1);
        // Retrying a message that is not failed does nothing.
        assert!(reduce(&mut s, Event::Retry { client_id: "c1".into() }).is_empty());
    }

    #[test]
    fn server_error_marks_the_message_failed_with_a_reason() {
        let mut s = State::default();
        typed(&mut s, "hi", "c1");
        reduce(&mut s, Event::Frame(ServerFrame::Error { code: "rate_limited".into(), client_id: Some("c1".into()) }));
        assert_eq!(s.messages[0].delivery, Delivery::Failed("message-failed-rate-limited"));
    }

    #[test]
    fn reconnect_says_hello_with_last_seq_and_resends_pending() {
        let mut s = State::default();
        typed(&mut s, "one", "c1");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 4 }));
        typed(&mut s, "two", "c2");
        reduce(&mut s, Event::Disconnected);
        assert_eq!(s.connection, Connection::Reconnecting);
        let fx = reduce(&mut s, Event::Connected);
        assert_eq!(
            fx,
            vec![
                Effect::Send(ClientFrame::Hello { v: PROTOCOL_VERSION, last_seq: 4 }),
                Effect::Send(ClientFrame::Message { client_id: "c2".into(), text: "two".into() }),
            ]
        );
    }

    #[test]
    fn a_reused_client_id_is_refused() {
        let mut s = State::default();
        typed(&mut s, "one", "c1");
        assert!(typed(&mut s, "two", "c1").is_empty());
        assert_eq!(s.messages.len(), 1);
        assert_eq!(s.draft, "two");
    }
}
