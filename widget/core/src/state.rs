//! The conversation as a pure reducer: `reduce(&mut State, Event) -> Vec<Effect>`.
//!
//! Every rule of the widget's behaviour lives here: what a submit does with
//! the draft, how an acknowledgement marks a message sent, how a server
//! message is upserted by id and put in sequence order, when a gap in the
//! sequence asks the server for a replay, what survives a reload. The glue
//! dispatches [`Event`]s and runs the [`Effect`]s; it decides nothing.
//!
//! Delivery in short: a visitor message gets a client id and waits in the
//! outbox (persisted through [`Effect::Persist`]) until the server acks it;
//! every (re)connection says `hello` with the last sequence number seen
//! without a gap, the server replays what came after, and everything is
//! upserted by id, so duplicates and replays are harmless.

use crate::protocol::{
    Attachment, Author, AuthorKind, ClientFrame, ConversationStatus, ServerFrame, Stage, VisitorContext,
    MAX_MESSAGE_CHARS, MAX_QUICK_REPLIES, PROTOCOL_VERSION,
};
use serde::{Deserialize, Deserializer, Serialize};
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
    /// Acknowledged and read by the support side: the visitor's last such
    /// message only (the ones before it are `Sent`).
    Seen,
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
    /// The author's avatar URL, if the server gave one (untrusted: the
    /// view shows only `https:` and `http:` images).
    pub avatar: Option<String>,
    /// Answers the visitor may pick (see [`State::quick_replies`]).
    pub quick_replies: Vec<String>,
    /// Untrusted text.
    pub text: String,
    /// Delivery state.
    pub delivery: Delivery,
    /// When it was written (ms since the Unix epoch), if known.
    pub at: Option<u64>,
    /// Files sent with it.
    pub attachments: Vec<Attachment>,
    /// A file of the visitor's on its way up: the message goes out when
    /// the upload is done.
    pub upload: Option<Upload>,
}

/// A file being uploaded (its message is [`Delivery::Sending`], or
/// [`Delivery::Failed`] if the upload failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Bytes sent so far.
    pub sent: u64,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Panel open.
    pub open: bool,
    /// Connection state.
    pub connection: Connection,
    /// Whether the browser says it has a network (`navigator.onLine`).
    pub network: bool,
    /// The log: messages with a sequence number in sequence order, then the
    /// ones still waiting for one, in the order they were written. Shared
    /// (`Arc`) so the view can hold each row's message and tell "unchanged"
    /// by pointer, whatever else in the state changed.
    pub messages: Vec<Arc<Message>>,
    /// Bumped whenever a row is added, removed or moved; the view rebuilds
    /// its key list only then.
    pub layout: u64,
    /// What the visitor is typing.
    pub draft: String,
    /// Why the last submit was refused, until the draft changes.
    pub composer_error: Option<ComposerError>,
    /// Which files the visitor may send; `None`: none.
    pub attach: Option<crate::attach::Policy>,
    /// The last file refused before upload: (its name, a locale message
    /// id), until the draft changes or another file is picked.
    pub attach_error: Option<(String, &'static str)>,
    /// Messages from others the visitor has not seen (sequence above `read_seq`).
    pub unread: u32,
    /// Every sequence number up to this one has been received: replay after it.
    pub last_seq: u64,
    /// The highest sequence number the visitor has seen with the panel open.
    pub read_seq: u64,
    /// The visitor's token, from the server's `welcome`.
    pub token: Option<String>,
    /// The conversation's id, from the server's `welcome`.
    pub conversation: Option<String>,
    /// Open or resolved.
    pub status: ConversationStatus,
    /// Who on the support side is typing, if anyone.
    pub typing: Option<Author>,
    /// Who answers now: the bot, a person is awaited, or an agent; `None`
    /// until the server says (a backend without stages never does, and the
    /// widget then shows none of it).
    pub stage: Option<Stage>,
    /// With [`Stage::Agent`]: who answers.
    pub agent: Option<Author>,
    /// With [`Stage::Waiting`]: the place in the queue (1: next), if known.
    pub queue_position: Option<u32>,
    /// The visitor asked for a person and the server has not yet said a
    /// person is awaited: asked again on every welcome until it does.
    pub handover_pending: bool,
    /// The language the widget shows, sent in `hello` (the bot answers in it).
    pub locale: Option<String>,
    /// The page and time zone, sent in `hello` for the support side.
    pub context: Option<VisitorContext>,
    /// An `identify` not yet answered: sent again after every welcome.
    pending_identity: Option<ClientFrame>,
    /// The proactive greeting showing beside the launcher: (rule id, text).
    pub greeting: Option<(String, String)>,
    /// The greeting rules that have greeted this visitor (each greets once).
    pub greeted: Vec<String>,
    /// The visitor had a conversation stored from an earlier visit.
    pub returning: bool,
    /// What the visitor has told about themselves on this page (from
    /// `identify` and the pre-chat form): never asked again. Not stored: a
    /// sent form is ([`State::prechat_done`]), and the host page identifies
    /// the visitor on every page.
    pub known: crate::prechat::Answers,
    /// The pre-chat form was sent.
    pub prechat_done: bool,
    /// What is wrong with the pre-chat answers, per field id.
    pub prechat_errors: Vec<(String, &'static str)>,
    /// Pre-chat answers not yet acknowledged: sent again after every welcome.
    pending_prechat: Option<ClientFrame>,
    /// The "leave a message" form shows.
    pub ticket_open: bool,
    /// What is wrong with the ticket form's answers, per field id.
    pub ticket_errors: Vec<(String, &'static str)>,
    /// The ticket form's draft, the ticket being sent, the last one sent.
    pub ticket: crate::ticket::Ticket,
    /// Whether the team answers now, as the server last said; `None` until
    /// it says (or if it never does).
    pub availability: Option<Availability>,
    /// Where the chat's ending is: "Anything else?", "End this chat?", the
    /// rating, the thanks (see [`crate::ending`]).
    pub ending: crate::ending::Ending,
    /// The owner's rating scale; `None`: no rating.
    pub scale: Option<crate::ending::Scale>,
    /// The visitor's rating of this chat.
    pub rating: crate::ending::Rating,
    /// Why the rating cannot be sent yet (a locale message id).
    pub rating_error: Option<&'static str>,
    /// The rating changed and the server has not said it has it: sent
    /// again after every welcome.
    rating_unsent: bool,
    /// The visitor ended the chat and the server has not resolved it yet:
    /// `end` is sent again after every welcome.
    end_pending: bool,
    /// The "e-mail me this conversation" form shows.
    pub transcript_form: bool,
    /// What is wrong with its address.
    pub transcript_errors: Vec<(String, &'static str)>,
    /// The transcript mail asked for: (client id, address) until the
    /// server has it.
    pub transcript_sending: Option<(String, String)>,
    /// The address the server said it mails the transcript to.
    pub transcript_sent: Option<String>,
    /// The support side has read up to this sequence number.
    pub agent_read_seq: u64,
    /// "Your conversations" shows instead of the chat.
    pub threads_open: bool,
    /// The visitor's conversations, newest first, as the server last sent
    /// them since the list opened; `None` until it has.
    pub threads: Option<Vec<crate::protocol::Thread>>,
    /// The `read_seq` last told to the server on this connection.
    read_sent: u64,
    /// Messages above this sequence number arrived live (after the last
    /// welcome's head): only those are announced to the host page.
    live_from: u64,
    /// A `sync` for a gap is outstanding.
    syncing: bool,
    /// Sequence numbers received above `last_seq` (after a gap).
    /// (Sorted; a handful at most, after a gap.)
    ahead: Vec<u64>,
    /// The `before_seq` of the `history` request on its way, if any.
    loading_earlier: Option<u64>,
    /// The `before_seq` of every page of history asked for, ascending.
    pages: Vec<u64>,
    /// The sequence number of each message key and server id (`None`
    /// while unsequenced), so a row, an ack or an upsert finds its message
    /// by binary search. Positions would shift with every page of history
    /// put in front; sequence numbers do not.
    index: HashMap<String, Option<u64>>,
    /// Keys of the messages changed in place since [`State::take_changed`].
    changed: Vec<String>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            open: false,
            connection: Connection::Connecting,
            network: true,
            messages: vec![],
            layout: 0,
            draft: String::new(),
            composer_error: None,
            attach: None,
            attach_error: None,
            unread: 0,
            last_seq: 0,
            read_seq: 0,
            token: None,
            conversation: None,
            status: ConversationStatus::Open,
            typing: None,
            stage: None,
            agent: None,
            queue_position: None,
            handover_pending: false,
            locale: None,
            context: None,
            pending_identity: None,
            greeting: None,
            greeted: vec![],
            returning: false,
            known: vec![],
            prechat_done: false,
            prechat_errors: vec![],
            pending_prechat: None,
            ticket_open: false,
            ticket_errors: vec![],
            ticket: Default::default(),
            availability: None,
            ending: Default::default(),
            scale: Some(crate::ending::Scale::Stars),
            rating: Default::default(),
            rating_error: None,
            rating_unsent: false,
            end_pending: false,
            transcript_form: false,
            transcript_errors: vec![],
            transcript_sending: None,
            transcript_sent: None,
            agent_read_seq: 0,
            threads_open: false,
            threads: None,
            read_sent: 0,
            live_from: u64::MAX,
            syncing: false,
            ahead: vec![],
            loading_earlier: None,
            pages: vec![],
            index: HashMap::new(),
            changed: vec![],
        }
    }
}

/// Whether the team answers now (from the server's `availability` frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Availability {
    /// Someone answers now.
    pub open: bool,
    /// When closed: when the team is back (ms since the epoch), if known.
    pub next_open_at: Option<u64>,
    /// While open: the usual minutes to a first reply, if known.
    pub reply_minutes: Option<u32>,
}

/// How many messages a fresh page shows at first, and each `history` page
/// loads when the visitor scrolls up.
pub const HISTORY_PAGE: u32 = 50;

/// What survives a reload: who the visitor is, and every message not yet
/// acknowledged. Stored as JSON by the glue; [`Saved::from_json`] never
/// fails, and a bad field or outbox entry costs only itself (storage is the
/// visitor's to tamper with).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The visitor token.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The conversation the token belongs to.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
    /// The highest sequence number the visitor has read.
    #[serde(deserialize_with = "lenient")]
    pub read_seq: u64,
    /// Replies that arrived while the panel was closed and are not read yet;
    /// the loader reads it to fetch the app at once and show the badge.
    #[serde(deserialize_with = "lenient")]
    pub unread: u32,
    /// Messages written but not acknowledged, oldest first.
    #[serde(deserialize_with = "outbox")]
    pub outbox: Vec<Pending>,
    /// The greeting rules that have greeted this visitor.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "Vec::is_empty")]
    pub greeted: Vec<String>,
    /// The pre-chat form was sent.
    #[serde(deserialize_with = "lenient")]
    pub prechat_done: bool,
    /// The ticket form's draft, the ticket being sent, the last one sent.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "is_default")]
    pub ticket: crate::ticket::Ticket,
    /// Where the chat's ending was: "Anything else?" or the rating is
    /// still asked on the next page.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "is_default")]
    pub ending: crate::ending::Ending,
    /// The rating as it stood.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "is_default")]
    pub rating: crate::ending::Rating,
    /// A rating change the server had not confirmed: sent again.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "is_default")]
    pub rating_unsent: bool,
    /// An end the server had not confirmed: sent again.
    #[serde(deserialize_with = "lenient", skip_serializing_if = "is_default")]
    pub end_pending: bool,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// Its client id: the same one is sent on every try, so the server stores it once.
    pub client_id: String,
    /// The text.
    pub text: String,
    /// When it was written (ms since the Unix epoch).
    #[serde(default)]
    pub at: u64,
    /// Why it failed, if it did (a locale message id); failed messages wait
    /// for the visitor's retry instead of going out on their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
    /// Files uploaded for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// The value, or its default if it is not one.
fn lenient<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    // Through `from_slice`, as the frames: no `serde_json::Value` in the wasm.
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_slice(raw.get().as_bytes()).unwrap_or_default())
}

/// The sane entries of a stored outbox; the others are dropped one by one.
/// Read through `from_slice`, as the frames are: through `Value` it would
/// put another copy of every field's reader in the wasm.
fn outbox<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Pending>, D::Error> {
    use serde_json::value::RawValue;
    let raw = Box::<RawValue>::deserialize(d)?;
    let items: Vec<Box<RawValue>> = serde_json::from_slice(raw.get().as_bytes()).unwrap_or_default();
    Ok(items
        .into_iter()
        .filter_map(|item| serde_json::from_slice::<Pending>(item.get().as_bytes()).ok())
        .filter(|p| {
            !p.client_id.is_empty()
                && p.client_id.len() <= 64
                && (!p.text.trim().is_empty() || !p.attachments.is_empty())
                && p.text.chars().count() <= MAX_MESSAGE_CHARS
        })
        .collect())
}

impl Saved {
    /// Parses what the glue stored. Anything unreadable is an empty value.
    pub fn from_json(text: &str) -> Saved {
        // `from_slice`, like every reader in the widget (see `protocol::decode`).
        serde_json::from_slice(text.as_bytes()).unwrap_or_default()
    }

    /// As JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl State {
    /// The message with this key (client id or server id).
    pub fn message(&self, key: &str) -> Option<&Arc<Message>> {
        self.messages.get(self.position(key)?)
    }

    /// The keys of the messages changed in place (delivery, text, sequence
    /// number) since the last call, for a view that re-renders only those
    /// rows. Added and removed messages show in [`State::layout`] instead.
    pub fn take_changed(&mut self) -> Vec<String> {
        std::mem::take(&mut self.changed)
    }

    fn position(&self, key: &str) -> Option<usize> {
        let is_it = |m: &Arc<Message>| m.key == key || m.server_id.as_deref() == Some(key);
        match *self.index.get(key)? {
            // Sequenced messages are a sorted prefix (a misbehaving server
            // may repeat a number: check the key).
            Some(seq) => {
                let from = self.messages.partition_point(|m| m.seq.is_some_and(|s| s < seq));
                (from..self.messages.len())
                    .take_while(|&i| self.messages[i].seq == Some(seq))
                    .find(|&i| is_it(&self.messages[i]))
            }
            // Unsequenced ones are the few at the end.
            None => self.messages.iter().rposition(|m| m.seq.is_none() && is_it(m)),
        }
    }

    /// Applies `edit` to message `i`; a real change gets a new `Arc` (the
    /// view tells changed rows by pointer) and is reported by `take_changed`.
    fn edit(&mut self, i: usize, edit: impl FnOnce(&mut Message)) {
        let mut m = Message::clone(&self.messages[i]);
        edit(&mut m);
        if m != *self.messages[i] {
            for k in std::iter::once(&m.key).chain(&m.server_id) {
                self.index.insert(k.clone(), m.seq);
            }
            self.changed.push(m.key.clone());
            self.messages[i] = Arc::new(m);
        }
    }

    /// Whether the file picked with this client id is wanted: a message's
    /// or the ticket form's, not yet uploaded.
    pub fn wants_upload(&self, client_id: &str) -> bool {
        self.message(client_id).is_some_and(|m| m.upload.is_some())
            || self.ticket.files.iter().any(|f| f.client_id == client_id && f.file.is_none())
    }

    /// What to store now, merged over what is stored (`stored`, possibly
    /// written by another tab of the same visitor): other tabs' pending
    /// messages stay unless this tab knows they were delivered.
    pub fn saved_over(&self, stored: Saved) -> Saved {
        let mut outbox: Vec<Pending> =
            stored.outbox.into_iter().filter(|p| !self.index.contains_key(&p.client_id)).collect();
        // A file not uploaded yet cannot be: the page holds it, storage cannot.
        outbox.extend(self.messages.iter().filter(|m| m.upload.is_none()).filter_map(|m| {
            let failed = match &m.delivery {
                Delivery::Sending => None,
                Delivery::Failed(reason) => Some(reason.to_string()),
                _ => return None,
            };
            Some(Pending {
                client_id: m.key.clone(),
                text: m.text.clone(),
                at: m.at.unwrap_or(0),
                failed,
                attachments: m.attachments.clone(),
            })
        }));
        let same = self.conversation == stored.conversation;
        Saved {
            read_seq: self.read_seq.max(if same { stored.read_seq } else { 0 }),
            token: self.token.clone().or(stored.token),
            conversation: self.conversation.clone().or(stored.conversation),
            unread: self.unread,
            outbox,
            prechat_done: self.prechat_done || stored.prechat_done,
            ticket: self.ticket.clone(),
            // The thanks is for this page only.
            ending: match self.ending {
                crate::ending::Ending::Thanks => crate::ending::Ending::None,
                ref ending => ending.clone(),
            },
            rating: self.rating.clone(),
            rating_unsent: self.rating_unsent,
            end_pending: self.end_pending,
            greeted: {
                let mut greeted = self.greeted.clone();
                greeted.extend(stored.greeted.into_iter().filter(|g| !self.greeted.contains(g)));
                greeted
            },
        }
    }

    /// Inserts a message in its place: by sequence number, or at the end if
    /// it has none yet.
    fn insert(&mut self, message: Message) {
        let at = self.position_for(message.seq);
        self.layout += 1;
        for k in std::iter::once(&message.key).chain(&message.server_id) {
            self.index.insert(k.clone(), message.seq);
        }
        self.messages.insert(at, Arc::new(message));
    }

    /// Takes message `i` out of the log (an upload the visitor cancelled).
    fn remove(&mut self, i: usize) {
        let m = self.messages.remove(i);
        for k in std::iter::once(&m.key).chain(&m.server_id) {
            self.index.remove(k);
        }
        self.layout += 1;
    }

    fn position_for(&self, seq: Option<u64>) -> usize {
        match seq {
            None => self.messages.len(),
            // Sequenced messages form a sorted prefix; find the first one
            // after `seq`, or the first unsequenced one.
            Some(s) => self.messages.partition_point(|m| m.seq.is_some_and(|ms| ms < s)),
        }
    }

    /// Moves message `i` to where its (new) sequence number puts it.
    fn reposition(&mut self, i: usize) {
        let seq = self.messages[i].seq;
        let before_ok = i == 0 || matches!((self.messages[i - 1].seq, seq), (Some(a), Some(b)) if a < b);
        let after_ok = self.messages.get(i + 1).is_none_or(|n| match (seq, n.seq) {
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            (None, _) => false,
        });
        if before_ok && after_ok {
            return;
        }
        let m = self.messages.remove(i);
        let at = self.position_for(seq);
        self.messages.insert(at, m);
        self.layout += 1;
    }

    fn reindex(&mut self) {
        self.index.clear();
        for m in &self.messages {
            for k in std::iter::once(&m.key).chain(&m.server_id) {
                self.index.insert(k.clone(), m.seq);
            }
        }
    }

    /// Records that `seq` arrived; moves `last_seq` over everything now
    /// contiguous. Returns whether a gap remains below what arrived.
    fn saw_seq(&mut self, seq: u64) -> bool {
        if seq > self.last_seq {
            if let Err(at) = self.ahead.binary_search(&seq) {
                self.ahead.insert(at, seq);
            }
        }
        while let Some(&next) = self.ahead.first() {
            if next > self.last_seq + 1 {
                break;
            }
            self.ahead.remove(0);
            self.last_seq = self.last_seq.max(next);
        }
        if self.ahead.is_empty() {
            self.syncing = false;
        }
        !self.ahead.is_empty()
    }

    /// The lowest sequence number loaded; older messages exist if it is above 1.
    pub fn earliest_seq(&self) -> Option<u64> {
        self.messages.iter().find_map(|m| m.seq)
    }

    /// Where the pages of history loaded with [`Event::LoadEarlier`] end:
    /// each is the `before_seq` of one page, ascending. The messages below
    /// the first one, between two of them and from the last one on (with
    /// the unsequenced ones) are the log's pages, for a view that lays out
    /// and updates a page at a time.
    pub fn pages(&self) -> &[u64] {
        &self.pages
    }

    /// The positions in `messages` of the sequenced messages from `lower`
    /// up to (not including) `upper`; `u64::MAX` for `upper` includes the
    /// unsequenced ones at the end.
    pub fn rows_between(&self, lower: u64, upper: u64) -> std::ops::Range<usize> {
        let before = |bound: u64| self.messages.partition_point(|m| m.seq.is_some_and(|s| s < bound));
        let end = if upper == u64::MAX { self.messages.len() } else { before(upper) };
        before(lower).min(end)..end
    }

    /// Whether older messages can be loaded with [`Event::LoadEarlier`].
    pub fn has_earlier(&self) -> bool {
        self.earliest_seq().is_some_and(|s| s > 1)
    }

    /// The answers the visitor may pick now: those of the newest message,
    /// when it is from the support side. Anything the visitor writes after
    /// it (a pick included) retires them, also after a reload, since the
    /// rule reads only the log.
    pub fn quick_replies(&self) -> Option<(&str, &[String])> {
        let last = self.messages.last()?;
        let replies = &last.quick_replies[..last.quick_replies.len().min(MAX_QUICK_REPLIES)];
        (last.author != AuthorKind::Visitor && !replies.is_empty()).then_some((last.key.as_str(), replies))
    }

    fn mark_read(&mut self) {
        if let Some(max) = self.messages.iter().filter_map(|m| m.seq).max() {
            self.read_seq = self.read_seq.max(max);
        }
        self.unread = 0;
    }
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// What was stored by an earlier page: dispatched once, before connecting.
    Restore(Saved),
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
    /// The visitor scrolled to the top of the log: load the page of
    /// messages before the oldest one shown, if there is one.
    LoadEarlier,
    /// The transport lost its connection.
    Disconnected,
    /// The browser went online or offline.
    Network(bool),
    /// A frame arrived.
    Frame(ServerFrame),
    /// Sending the message with this client id was given up.
    SendFailed {
        /// Its client id.
        client_id: String,
        /// Why, as a locale message id (see [`failure_reason`]).
        reason: &'static str,
    },
    /// The server does not know the visitor's token (an HTTP 401): forget
    /// it; the next `hello` gets a new one.
    TokenRejected,
    /// The visitor picked a quick reply: sent as their message.
    QuickReply {
        /// The reply's text.
        text: String,
        /// A new, unique client id.
        client_id: String,
        /// Now, in ms since the Unix epoch.
        at: u64,
    },
    /// The visitor asked for a person ("Talk to a person").
    Handover,
    /// The language the widget shows changed (and at start).
    Locale(String),
    /// The page the widget is on, and the visitor's time zone (at start).
    Context(VisitorContext),
    /// The host page says who the visitor is (an `identify` frame).
    Identify(ClientFrame),
    /// Forget the visitor on this device: token, conversation, outbox. The
    /// glue then connects afresh, as a new visitor.
    Logout,
    /// A greeting rule is due (the glue checked [`crate::greeting::eligible`]):
    /// show it beside the launcher, unless the panel is open or it greeted
    /// this visitor before.
    Greet {
        /// The rule's id.
        id: String,
        /// Its text in the visitor's language.
        text: String,
    },
    /// The visitor dismissed the greeting.
    DismissGreeting,
    /// The visitor opened the greeting: the panel opens with it as the
    /// conversation's newest message.
    OpenGreeting,
    /// The visitor sent the pre-chat form.
    SubmitPrechat {
        /// The fields it showed.
        fields: Vec<crate::prechat::Field>,
        /// What was typed, by field id.
        answers: crate::prechat::Answers,
    },
    /// The visitor opened the "leave a message" form (or closed it).
    TicketForm(bool),
    /// The visitor typed in the ticket form.
    TicketInput {
        /// The field.
        id: String,
        /// Its whole value now.
        value: String,
    },
    /// The visitor sent the ticket form.
    SubmitTicket {
        /// A fresh client id.
        client_id: String,
    },
    /// The owner's rating scale (at start); `None`: no rating.
    Scale(Option<crate::ending::Scale>),
    /// The visitor answered "Anything else?", ended the chat, or rated it;
    /// with a fresh id for a rating that starts.
    End(crate::ending::Step, String),
    /// The visitor opened the "e-mail me this conversation" form (or closed it).
    TranscriptForm(bool),
    /// The visitor sent it.
    SubmitTranscript {
        /// What was typed (the address).
        answers: crate::prechat::Answers,
        /// A fresh client id.
        client_id: String,
    },
    /// Which files the visitor may send (at start); `None`: none.
    AttachPolicy(Option<crate::attach::Policy>),
    /// The visitor picked, dropped or pasted a file. If it may be sent, it
    /// becomes a message that uploads it ([`Effect::Upload`]); if not, the
    /// reason shows at once and nothing is sent.
    Attach {
        /// A new, unique client id: the message's, and the upload's.
        client_id: String,
        /// Now, in ms since the Unix epoch.
        at: u64,
        /// The file's name.
        name: String,
        /// Its media type, as the browser says.
        mime: String,
        /// Its size in bytes.
        size: u64,
    },
    /// Bytes of an upload sent so far.
    UploadProgress {
        /// The message's client id.
        client_id: String,
        /// Bytes sent.
        sent: u64,
    },
    /// An upload is done: the message goes out with the file.
    Uploaded {
        /// The message's client id.
        client_id: String,
        /// The file, as the server stored it.
        attachment: Attachment,
    },
    /// An upload failed (see [`crate::attach::refusal`]).
    UploadFailed {
        /// The message's client id.
        client_id: String,
        /// Why, as a locale message id.
        reason: &'static str,
    },
    /// The visitor cancelled an upload (or removed a failed one).
    CancelUpload {
        /// The message's client id.
        client_id: String,
    },
    /// The visitor opened "Your conversations" (or went back to the chat).
    Threads(bool),
    /// The visitor opened one of their conversations by id, or a new one
    /// (`"new"`): the chat shows it, after a new `hello` ([`Effect::Restart`]).
    OpenThread(String),
}

/// Something for the host page to hear about (`salam:*` events and
/// `Salam('on', ...)` listeners).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostEvent {
    /// The panel opened.
    Open,
    /// The panel closed.
    Close,
    /// A message from the support side arrived live (not a replay).
    Message {
        /// Its server id.
        id: String,
        /// Who wrote it.
        author: AuthorKind,
        /// Their name, if any.
        name: Option<String>,
        /// Its text.
        text: String,
    },
    /// The number of unread replies changed.
    Unread(u32),
    /// The server refused `identify` (a wrong or missing `user_hash`).
    IdentityRefused,
}

/// Something the glue must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send a frame through the transport.
    Send(ClientFrame),
    /// Tell the host page.
    Emit(HostEvent),
    /// Store [`State::saved_over`] (the outbox or the token changed).
    Persist,
    /// Upload the file picked for the message with this client id (the
    /// glue holds the file), reporting `UploadProgress`, then `Uploaded`
    /// or `UploadFailed`.
    Upload(String),
    /// Stop that upload, and forget the file.
    CancelUpload(String),
    /// Close the connection and open it again: the next `hello` opens
    /// [`State::conversation`].
    Restart,
}

/// The locale id that explains a server's error code (or a stored reason).
pub fn failure_reason(code: &str) -> &'static str {
    match code {
        "too_long" | "message-failed-too-long" => "message-failed-too-long",
        "rate_limited" | "message-failed-rate-limited" => "message-failed-rate-limited",
        _ => "message-failed",
    }
}

/// Applies `event` to `state` and returns what the glue must do.
pub fn reduce(state: &mut State, event: Event) -> Vec<Effect> {
    let unread = state.unread;
    let mut effects = apply(state, event);
    if state.unread != unread {
        effects.push(Effect::Emit(HostEvent::Unread(state.unread)));
    }
    // The support side hears what the visitor has seen, once per advance.
    if state.connection == Connection::Online && state.read_seq > state.read_sent {
        state.read_sent = state.read_seq;
        effects.push(Effect::Send(ClientFrame::Read { seq: state.read_seq }));
    }
    effects
}

fn apply(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Restore(saved) => restore(state, saved),
        Event::Open => set_open(state, true),
        Event::Close => set_open(state, false),
        Event::Toggle => {
            let open = !state.open;
            set_open(state, open)
        }
        Event::DraftChanged(text) => {
            // The support side sees "typing" while the draft has text: one
            // frame when it starts, one when it is cleared (a send clears it
            // on the server).
            let was_empty = state.draft.trim().is_empty();
            let is_empty = text.trim().is_empty();
            state.draft = text;
            state.composer_error = None;
            state.attach_error = None;
            match (was_empty, is_empty) {
                (true, false) => vec![Effect::Send(ClientFrame::Typing { on: true })],
                (false, true) => vec![Effect::Send(ClientFrame::Typing { on: false })],
                _ => vec![],
            }
        }
        Event::Submit { client_id, at } => submit(state, client_id, at),
        Event::AttachPolicy(policy) => {
            state.attach = policy;
            vec![]
        }
        Event::Attach { client_id, at, name, mime, size } => {
            let Some(policy) = &state.attach else { return vec![] };
            if let Err(reason) = policy.check(&mime, size) {
                state.attach_error = Some((name, reason));
                return vec![];
            }
            state.attach_error = None;
            // With the ticket form open, a file goes with the ticket.
            if state.ticket_open {
                state.ticket_errors.retain(|(id, _)| id != "files");
                let file = crate::ticket::TicketFile { client_id: client_id.clone(), name, size, ..Default::default() };
                state.ticket.files.push(file);
                return vec![Effect::Upload(client_id)];
            }
            let upload = Upload { name, size, sent: 0 };
            let mut effects = send_message(state, String::new(), client_id.clone(), at, Some(upload));
            effects.retain(|e| matches!(e, Effect::Upload(_)));
            effects
        }
        Event::UploadProgress { client_id, sent } => {
            if let Some(i) = state.position(&client_id) {
                state.edit(i, |m| {
                    if let Some(u) = &mut m.upload {
                        u.sent = sent.min(u.size);
                    }
                });
            } else if let Some(f) = state.ticket.file(&client_id) {
                f.sent = sent.min(f.size);
            }
            vec![]
        }
        Event::Uploaded { client_id, attachment } => match state.position(&client_id) {
            Some(i) if state.messages[i].upload.is_some() => {
                state.edit(i, |m| {
                    m.upload = None;
                    m.attachments = vec![attachment];
                });
                vec![Effect::Persist, Effect::Send(message_frame(&state.messages[i]))]
            }
            _ => match state.ticket.file(&client_id) {
                Some(f) if f.file.is_none() => {
                    f.file = Some(attachment);
                    // A ticket sent while this was uploading goes now.
                    let mut effects = vec![Effect::Persist];
                    effects.extend(ticket_frame(state).map(Effect::Send));
                    effects
                }
                _ => vec![],
            },
        },
        Event::UploadFailed { client_id, reason } => {
            if let Some(i) = state.position(&client_id).filter(|&i| state.messages[i].upload.is_some()) {
                state.edit(i, |m| m.delivery = Delivery::Failed(reason));
            } else if let Some(f) = state.ticket.file(&client_id) {
                f.failed = Some(reason);
                // A ticket waiting for it comes back, to say so.
                if state.ticket.sending.take().is_some() {
                    state.ticket_open = true;
                    state.ticket_errors = vec![("files".into(), "ticket-files-failed")];
                }
            }
            vec![]
        }
        Event::CancelUpload { client_id } => match state.position(&client_id) {
            Some(i) if state.messages[i].upload.is_some() => {
                state.remove(i);
                vec![Effect::CancelUpload(client_id)]
            }
            // Removed from the ticket form: stopped if still uploading.
            _ => match state.ticket.files.iter().position(|f| f.client_id == client_id) {
                Some(i) => {
                    state.ticket.files.remove(i);
                    state.ticket_errors.retain(|(id, _)| id != "files");
                    vec![Effect::Persist, Effect::CancelUpload(client_id)]
                }
                None => vec![],
            },
        },
        Event::Retry { client_id } => match state.position(&client_id) {
            Some(i) if matches!(state.messages[i].delivery, Delivery::Failed(_)) => {
                state.edit(i, |m| {
                    m.delivery = Delivery::Sending;
                    if let Some(u) = &mut m.upload {
                        u.sent = 0;
                    }
                });
                if state.messages[i].upload.is_some() {
                    return vec![Effect::Upload(client_id)];
                }
                vec![Effect::Persist, Effect::Send(message_frame(&state.messages[i]))]
            }
            _ => vec![],
        },
        Event::Connected => {
            // Online only once the server has said welcome; pending messages
            // go out then, after it knows who we are.
            state.syncing = false;
            state.loading_earlier = None;
            vec![Effect::Send(ClientFrame::Hello {
                v: PROTOCOL_VERSION,
                token: state.token.clone(),
                last_seq: state.last_seq,
                // A fresh page starts with the newest page of the conversation.
                limit: (state.last_seq == 0).then_some(HISTORY_PAGE),
                locale: state.locale.clone(),
                context: state.context.clone(),
                conversation: state.conversation.clone(),
            })]
        }
        Event::LoadEarlier => match state.earliest_seq() {
            Some(before_seq)
                if before_seq > 1 && state.loading_earlier.is_none() && state.connection == Connection::Online =>
            {
                state.loading_earlier = Some(before_seq);
                if let Err(at) = state.pages.binary_search(&before_seq) {
                    state.pages.insert(at, before_seq);
                }
                vec![Effect::Send(ClientFrame::History { before_seq, limit: HISTORY_PAGE })]
            }
            _ => vec![],
        },
        Event::Disconnected => {
            if state.connection == Connection::Online {
                state.connection = Connection::Reconnecting;
            }
            state.typing = None;
            vec![]
        }
        Event::Network(up) => {
            state.network = up;
            vec![]
        }
        Event::SendFailed { client_id, reason } => match state.position(&client_id) {
            Some(i) if state.messages[i].delivery == Delivery::Sending => {
                state.edit(i, |m| m.delivery = Delivery::Failed(failure_reason(reason)));
                vec![Effect::Persist]
            }
            _ => vec![],
        },
        Event::TokenRejected => {
            state.token = None;
            vec![]
        }
        Event::QuickReply { text, client_id, at } => {
            if state.quick_replies().is_none_or(|(_, replies)| !replies.contains(&text)) {
                return vec![]; // retired meanwhile (another tab answered)
            }
            send_message(state, text, client_id, at, None)
        }
        Event::Handover => {
            if state.stage != Some(Stage::Bot) || state.handover_pending {
                return vec![];
            }
            state.handover_pending = true;
            vec![Effect::Send(ClientFrame::Handover)]
        }
        Event::Locale(tag) => {
            state.locale = Some(tag);
            vec![]
        }
        Event::Context(context) => {
            state.context = Some(context);
            vec![]
        }
        Event::Identify(frame) => {
            let ClientFrame::Identify { name, email, .. } = &frame else { return vec![] };
            // Known now: the pre-chat form does not ask for them.
            for (key, value) in [("name", name), ("email", email)] {
                if let Some(v) = value.as_ref().filter(|v| !v.trim().is_empty()) {
                    crate::prechat::set_answer(&mut state.known, key, v.clone());
                }
            }
            state.pending_identity = Some(frame.clone());
            vec![Effect::Send(frame)]
        }
        Event::Greet { id, text } => {
            let text: String = text.trim().chars().take(crate::greeting::MAX_GREETING_CHARS).collect();
            if state.open || state.greeted.contains(&id) || text.is_empty() {
                return vec![];
            }
            state.greeted.push(id.clone());
            state.greeting = Some((id, text));
            vec![Effect::Persist]
        }
        Event::SubmitPrechat { fields, answers } => {
            state.prechat_errors = crate::prechat::validate(&fields, &answers);
            if !state.prechat_errors.is_empty() {
                return vec![];
            }
            let answers = crate::prechat::clean(&fields, &answers);
            for (id, value) in &answers {
                crate::prechat::set_answer(&mut state.known, id, value.clone());
            }
            state.prechat_done = true;
            let frame = ClientFrame::Prechat { answers };
            state.pending_prechat = Some(frame.clone());
            vec![Effect::Persist, Effect::Send(frame)]
        }
        Event::TicketForm(open) => {
            if open && state.ticket.sending.is_some() {
                return vec![];
            }
            state.ticket_open = open;
            state.ticket_errors.clear();
            // What is known is filled in, never over what was typed.
            for (id, value) in state.known.clone() {
                if crate::prechat::answer(&state.ticket.draft, &id).is_none_or(|v| v.trim().is_empty()) {
                    crate::prechat::set_answer(&mut state.ticket.draft, &id, value);
                }
            }
            vec![]
        }
        Event::TicketInput { id, value } => {
            crate::prechat::set_answer(&mut state.ticket.draft, &id, value);
            vec![Effect::Persist]
        }
        Event::SubmitTicket { client_id } => {
            let fields = crate::ticket::fields();
            state.ticket_errors = crate::prechat::validate(&fields, &state.ticket.draft);
            if state.ticket.files.iter().any(|f| f.failed.is_some()) {
                state.ticket_errors.push(("files".into(), "ticket-files-failed"));
            }
            if !state.ticket_errors.is_empty() || state.ticket.sending.is_some() {
                return vec![];
            }
            state.ticket.draft = crate::prechat::clean(&fields, &state.ticket.draft);
            state.ticket.sending = Some(client_id);
            state.ticket_open = false;
            let mut effects = vec![Effect::Persist];
            effects.extend(ticket_frame(state).map(Effect::Send));
            effects
        }
        Event::Scale(scale) => {
            state.scale = scale;
            vec![]
        }
        Event::End(step, id) => end(state, step, id),
        Event::TranscriptForm(open) => {
            state.transcript_form = open;
            state.transcript_errors.clear();
            vec![]
        }
        Event::SubmitTranscript { answers, client_id } => {
            let fields = crate::ticket::transcript_fields();
            state.transcript_errors = crate::prechat::validate(&fields, &answers);
            if !state.transcript_errors.is_empty() {
                return vec![];
            }
            let email = crate::prechat::answer(&answers, "email").unwrap_or("").trim().to_string();
            crate::prechat::set_answer(&mut state.known, "email", email.clone());
            state.transcript_form = false;
            state.transcript_sent = None;
            state.transcript_sending = Some((client_id, email));
            transcript_frame(state).map(Effect::Send).into_iter().collect()
        }
        Event::DismissGreeting => {
            state.greeting = None;
            vec![]
        }
        Event::OpenGreeting => {
            let Some((_, text)) = state.greeting.take() else { return vec![] };
            let mut effects = set_open(state, true);
            effects.push(Effect::Send(ClientFrame::Greeting { text }));
            effects
        }
        Event::Logout => {
            let keep = State {
                open: state.open,
                network: state.network,
                locale: state.locale.take(),
                context: state.context.take(),
                layout: state.layout + 1,
                ..State::default()
            };
            *state = keep;
            vec![Effect::Persist]
        }
        Event::Threads(open) => {
            state.threads_open = open;
            state.threads = None;
            let ask = open && state.connection == Connection::Online;
            ask.then_some(Effect::Send(ClientFrame::Conversations)).into_iter().collect()
        }
        Event::OpenThread(id) => {
            state.threads_open = false;
            state.threads = None;
            if state.conversation.as_ref() == Some(&id) {
                return vec![];
            }
            forget_conversation(state);
            state.conversation = Some(id);
            vec![Effect::Persist, Effect::Restart]
        }
        Event::Frame(frame) => on_frame(state, frame),
    }
}

/// Drops what came from the current conversation, keeps what the visitor
/// wrote and is not delivered (it goes to the conversation opened next),
/// and starts counting afresh.
fn forget_conversation(state: &mut State) {
    state.messages.retain(|m| m.seq.is_none());
    state.layout += 1;
    state.reindex();
    state.last_seq = 0;
    state.read_seq = 0;
    state.ahead.clear();
    state.pages.clear();
    state.unread = 0;
    state.status = ConversationStatus::Open;
    state.typing = None;
    state.stage = None;
    state.agent = None;
    state.queue_position = None;
    state.agent_read_seq = 0;
    state.ending = Default::default();
    state.rating_unsent = false;
    state.end_pending = false;
    state.transcript_sent = None;
    state.ticket.reference = None;
}

/// The `transcript` frame for the mail asked for, if one is.
fn transcript_frame(state: &State) -> Option<ClientFrame> {
    let (client_id, email) = state.transcript_sending.clone()?;
    Some(ClientFrame::Transcript { client_id, email })
}

/// The ending's rules (see [`crate::ending`]).
fn end(state: &mut State, step: crate::ending::Step, id: String) -> Vec<Effect> {
    let before = (state.ending.clone(), state.rating.clone());
    let mut effects = ending_step(state, step, id);
    // Stored, so the prompt and the rating are there on the next page.
    if (state.ending.clone(), state.rating.clone()) != before {
        effects.insert(0, Effect::Persist);
    }
    effects
}

fn ending_step(state: &mut State, step: crate::ending::Step, id: String) -> Vec<Effect> {
    use crate::ending::{Ending, Rating, Step};
    let mut effects = vec![];
    let rate = |state: &mut State| {
        state.rating_error = None;
        if state.scale.is_some() {
            state.ending = Ending::Rating;
            state.rating = Rating { client_id: id, ..Rating::default() };
        } else {
            state.ending = Ending::None;
        }
    };
    match (&state.ending, step) {
        (Ending::AnythingElse, Step::More) | (Ending::Confirm, Step::Cancel) => state.ending = Ending::None,
        (Ending::AnythingElse, Step::Finish) => rate(state),
        (Ending::None | Ending::AnythingElse | Ending::Thanks, Step::AskEnd) => state.ending = Ending::Confirm,
        (Ending::Confirm, Step::ConfirmEnd) => {
            state.end_pending = true;
            effects.push(Effect::Send(ClientFrame::End));
            rate(state);
        }
        (Ending::Rating, step @ (Step::Score(_) | Step::Reason(..) | Step::Send(_))) => {
            let Some(scale) = state.scale else { return vec![] };
            match step {
                Step::Score(n) if (1..=scale.max()).contains(&n) => {
                    state.rating.score = n;
                    state.rating_error = None;
                }
                Step::Reason(reason, on) if crate::ending::REASONS.contains(&reason.as_str()) => {
                    state.rating.reasons.retain(|r| *r != reason);
                    if on {
                        state.rating.reasons.push(reason);
                    }
                }
                Step::Send(comment) => {
                    let comment: String = comment.trim().chars().take(crate::ending::MAX_COMMENT_CHARS).collect();
                    if state.rating.score == 0 {
                        if comment.is_empty() {
                            // Nothing to send: the visitor passed.
                            state.ending = Ending::None;
                        } else {
                            state.rating_error = Some("rate-pick");
                        }
                        return vec![];
                    }
                    state.rating.comment = comment;
                    state.rating.done = true;
                    state.ending = Ending::Thanks;
                }
                _ => return vec![],
            }
            if state.rating.score > 0 {
                state.rating_unsent = true;
                effects.push(Effect::Send(state.rating.frame(scale)));
            }
        }
        _ => {}
    }
    effects
}

/// The `ticket` frame for the ticket being sent, if one is.
/// The `ticket` frame for the ticket sent, once its files are uploaded.
fn ticket_frame(state: &State) -> Option<ClientFrame> {
    let client_id = state.ticket.sending.clone().filter(|_| state.ticket.ready())?;
    let get = |id| crate::prechat::answer(&state.ticket.draft, id).unwrap_or("").to_string();
    let subject: String = get("subject").chars().take(crate::ticket::MAX_SUBJECT_CHARS).collect();
    let attachments = state.ticket.files.iter().filter_map(|f| f.file.as_ref()).map(|f| f.id.clone()).collect();
    Some(ClientFrame::Ticket {
        client_id,
        name: get("name"),
        email: get("email"),
        subject,
        text: get("message"),
        attachments,
    })
}

fn restore(state: &mut State, saved: Saved) -> Vec<Effect> {
    state.returning = saved.token.is_some();
    state.prechat_done = saved.prechat_done;
    state.ticket = saved.ticket;
    // A file that was uploading is gone with its page.
    state.ticket.files.retain(|f| f.file.is_some());
    state.ending = saved.ending;
    state.rating = saved.rating;
    state.rating_unsent = saved.rating_unsent;
    state.end_pending = saved.end_pending;
    state.greeted = saved.greeted;
    state.token = saved.token;
    state.conversation = saved.conversation;
    state.read_seq = saved.read_seq;
    for p in saved.outbox {
        if state.index.contains_key(&p.client_id) {
            continue;
        }
        state.insert(Message {
            key: p.client_id,
            server_id: None,
            seq: None,
            author: AuthorKind::Visitor,
            author_name: None,
            avatar: None,
            quick_replies: vec![],
            text: p.text,
            delivery: match p.failed {
                Some(reason) => Delivery::Failed(failure_reason(&reason)),
                None => Delivery::Sending,
            },
            at: Some(p.at),
            attachments: p.attachments,
            upload: None,
        });
    }
    vec![]
}

fn set_open(state: &mut State, open: bool) -> Vec<Effect> {
    if state.open == open {
        return vec![];
    }
    state.open = open;
    // Opened some other way: the greeting has done its job.
    state.greeting = None;
    if open {
        state.mark_read();
        vec![Effect::Emit(HostEvent::Open), Effect::Persist]
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
    if state.index.contains_key(&client_id) {
        return vec![]; // a reused id would merge two messages; refuse quietly
    }
    state.draft.clear();
    state.composer_error = None;
    state.attach_error = None;
    send_message(state, text, client_id, at, None)
}

/// The `message` frame for a visitor message.
fn message_frame(m: &Message) -> ClientFrame {
    ClientFrame::Message {
        client_id: m.key.clone(),
        text: m.text.clone(),
        attachments: m.attachments.iter().map(|a| a.id.clone()).collect(),
    }
}

/// Puts a visitor message in the log and the outbox; with a file, it
/// uploads first.
fn send_message(state: &mut State, text: String, client_id: String, at: u64, upload: Option<Upload>) -> Vec<Effect> {
    if state.index.contains_key(&client_id) {
        return vec![];
    }
    // Writing again is going on with the chat (it reopens it).
    if state.ending != crate::ending::Ending::Rating {
        state.ending = crate::ending::Ending::None;
    }
    state.insert(Message {
        key: client_id.clone(),
        server_id: None,
        seq: None,
        author: AuthorKind::Visitor,
        author_name: None,
        avatar: None,
        quick_replies: vec![],
        text,
        delivery: Delivery::Sending,
        at: Some(at),
        attachments: vec![],
        upload,
    });
    let i = state.messages.len() - 1;
    if state.messages[i].upload.is_some() {
        return vec![Effect::Upload(client_id)];
    }
    vec![Effect::Persist, Effect::Send(message_frame(&state.messages[i]))]
}

/// "Seen" goes to the visitor's last message the support side has read;
/// the one that had it goes back to "Sent".
fn mark_seen(state: &mut State) {
    let read = state.agent_read_seq;
    let target = state.messages.iter().rposition(|m| {
        m.author == AuthorKind::Visitor && m.seq.is_some_and(|s| s <= read) && m.delivery != Delivery::Sending
    });
    let previous = state.messages.iter().rposition(|m| m.delivery == Delivery::Seen);
    if target == previous {
        return;
    }
    if let Some(i) = previous {
        state.edit(i, |m| m.delivery = Delivery::Sent);
    }
    if let Some(i) = target {
        state.edit(i, |m| m.delivery = Delivery::Seen);
    }
}

fn pending_sends(state: &State) -> impl Iterator<Item = Effect> + '_ {
    state
        .messages
        .iter()
        .filter(|m| m.delivery == Delivery::Sending && m.upload.is_none())
        .map(|m| Effect::Send(message_frame(m)))
}

/// After a frame with sequence number `seq`: ask for a replay if there is
/// a gap below it and no replay is on its way.
fn after_seq(state: &mut State, seq: u64, effects: &mut Vec<Effect>) {
    if state.saw_seq(seq) && !state.syncing {
        state.syncing = true;
        effects.push(Effect::Send(ClientFrame::Sync { after_seq: state.last_seq }));
    }
}

fn on_frame(state: &mut State, frame: ServerFrame) -> Vec<Effect> {
    let mut effects = vec![];
    match frame {
        ServerFrame::Welcome { token, conversation, status, head_seq, .. } => {
            state.connection = Connection::Online;
            // A new connection (maybe a new server) hears the read state again.
            state.read_sent = 0;
            if state.conversation.as_ref().is_some_and(|c| *c != conversation) {
                // Another conversation than ours (a new one, or the server
                // no longer knows ours: its history was reset).
                forget_conversation(state);
            }
            state.live_from = head_seq;
            state.status = status;
            if state.last_seq == 0 && head_seq > u64::from(HISTORY_PAGE) {
                // Our hello asked for the newest page only: count from its start.
                state.last_seq = head_seq - u64::from(HISTORY_PAGE);
            }
            if !token.is_empty() {
                state.token = Some(token);
            }
            if !conversation.is_empty() {
                state.conversation = Some(conversation);
            }
            effects.push(Effect::Persist);
            effects.extend(pending_sends(state));
            if state.handover_pending {
                effects.push(Effect::Send(ClientFrame::Handover));
            }
            effects.extend(state.pending_identity.clone().map(Effect::Send));
            effects.extend(state.pending_prechat.clone().map(Effect::Send));
            effects.extend(ticket_frame(state).map(Effect::Send));
            effects.extend(transcript_frame(state).map(Effect::Send));
            if state.end_pending {
                effects.push(Effect::Send(ClientFrame::End));
            }
            if state.threads_open {
                effects.push(Effect::Send(ClientFrame::Conversations));
            }
            if let (true, Some(scale)) = (state.rating_unsent, state.scale) {
                effects.push(Effect::Send(state.rating.frame(scale)));
            }
        }
        ServerFrame::Received { client_id } => {
            if state.rating.client_id == client_id {
                state.rating_unsent = false;
            }
            if let Some((_, email)) = state.transcript_sending.take_if(|(id, _)| *id == client_id) {
                state.transcript_sent = Some(email);
            }
        }
        ServerFrame::Ticket { client_id, reference } => {
            if state.ticket.sending.as_ref() == Some(&client_id) {
                let email = crate::prechat::answer(&state.ticket.draft, "email").map(str::to_string);
                state.ticket = crate::ticket::Ticket { reference: Some(reference), email, ..Default::default() };
                effects.push(Effect::Persist);
            }
        }
        ServerFrame::Ack { client_id, id, seq } => {
            if let Some(i) = state.position(&client_id) {
                state.edit(i, |m| {
                    m.delivery = Delivery::Sent;
                    m.server_id = Some(id);
                    m.seq = Some(seq);
                });
                state.reposition(i);
                effects.push(Effect::Persist);
                if state.agent_read_seq >= seq {
                    mark_seen(state);
                }
            }
            after_seq(state, seq, &mut effects);
        }
        ServerFrame::Message { id, seq, author, text, client_id, at, quick_replies, attachments } => {
            // A page of history comes oldest first and ends just before
            // where it was asked from; until then a scroll to the top does
            // not ask again (its first rows are already the earliest).
            if state.loading_earlier.is_some_and(|before| seq + 1 >= before) {
                state.loading_earlier = None;
            }
            let existing = state.position(&id).or_else(|| client_id.as_deref().and_then(|c| state.position(c)));
            let mine = author.kind == AuthorKind::Visitor;
            if state.typing.as_ref().is_some_and(|t| t.kind == author.kind && t.name == author.name) {
                state.typing = None;
            }
            match existing {
                // Upsert: a duplicate, a replay or the echo of our own
                // message updates in place.
                Some(i) => {
                    let was_pending = matches!(state.messages[i].delivery, Delivery::Sending | Delivery::Failed(_));
                    let moved = state.messages[i].seq != Some(seq);
                    state.edit(i, |m| {
                        m.server_id = Some(id);
                        m.seq = Some(seq);
                        m.text = text;
                        m.at = at.or(m.at);
                        m.quick_replies = quick_replies;
                        m.attachments = attachments;
                        m.upload = None;
                        if m.author == AuthorKind::Visitor {
                            m.delivery = Delivery::Sent;
                        }
                    });
                    if moved {
                        state.reposition(i);
                    }
                    if was_pending {
                        effects.push(Effect::Persist);
                    }
                }
                None => {
                    // Live replies reach the host page (`Salam('on', 'message', ...)`).
                    let announce = (!mine && seq > state.live_from).then(|| HostEvent::Message {
                        id: id.clone(),
                        author: author.kind,
                        name: author.name.clone(),
                        text: text.clone(),
                    });
                    state.insert(Message {
                        key: client_id.unwrap_or_else(|| id.clone()),
                        server_id: Some(id),
                        seq: Some(seq),
                        author: author.kind,
                        author_name: author.name,
                        avatar: author.avatar,
                        quick_replies,
                        text,
                        delivery: if mine { Delivery::Sent } else { Delivery::Received },
                        at,
                        attachments,
                        upload: None,
                    });
                    effects.extend(announce.map(Effect::Emit));
                    if state.open {
                        state.read_seq = state.read_seq.max(seq);
                    } else if !mine && seq > state.read_seq {
                        state.unread = state.unread.saturating_add(1);
                        // Stored for the next page's loader (see `Saved::unread`).
                        effects.push(Effect::Persist);
                    }
                }
            }
            if state.agent_read_seq >= seq {
                mark_seen(state);
            }
            after_seq(state, seq, &mut effects);
        }
        ServerFrame::Typing { author, on } => {
            state.typing = on.then_some(author);
        }
        ServerFrame::Status { status } => {
            use crate::ending::Ending;
            let was = std::mem::replace(&mut state.status, status);
            if status == ConversationStatus::Resolved {
                state.end_pending = false;
                // The agent resolved it: ask before the rating.
                if was == ConversationStatus::Open && state.ending == Ending::None && !state.messages.is_empty() {
                    state.ending = Ending::AnythingElse;
                    effects.push(Effect::Persist);
                }
            } else if state.ending == Ending::AnythingElse {
                state.ending = Ending::None;
                effects.push(Effect::Persist);
            }
        }
        ServerFrame::Identity { token, .. } => {
            state.pending_identity = None;
            state.pending_prechat = None;
            if let Some(token) = token.filter(|t| !t.is_empty()) {
                // The server closes this connection; the next hello opens
                // the visitor's own conversation.
                state.token = Some(token);
                effects.push(Effect::Persist);
            }
        }
        ServerFrame::Read { seq } => {
            if seq > state.agent_read_seq {
                state.agent_read_seq = seq;
                mark_seen(state);
            }
        }
        ServerFrame::Availability { open, next_open_at, reply_minutes } => {
            state.availability = Some(Availability {
                open,
                next_open_at: next_open_at.filter(|_| !open),
                reply_minutes: reply_minutes.filter(|_| open),
            });
        }
        ServerFrame::Stage { stage, agent, queue_position } => {
            state.stage = Some(stage);
            state.agent = agent.filter(|_| stage == Stage::Agent);
            state.queue_position = queue_position.filter(|_| stage == Stage::Waiting);
            if stage != Stage::Bot {
                state.handover_pending = false;
            }
        }
        ServerFrame::Error { code, .. } if code == "identity_refused" => {
            state.pending_identity = None;
            effects.push(Effect::Emit(HostEvent::IdentityRefused));
        }
        ServerFrame::Error { code, client_id: Some(id), .. }
            if state.transcript_sending.as_ref().is_some_and(|(sending, _)| *sending == id) =>
        {
            state.transcript_sending = None;
            state.transcript_form = true;
            state.transcript_errors = vec![("email".to_string(), crate::ticket::refusal(&code).1)];
        }
        ServerFrame::Error { code, client_id, .. } if client_id.is_some() && client_id == state.ticket.sending => {
            // Refused: the form comes back with what was typed and why.
            state.ticket.sending = None;
            state.ticket_open = true;
            let (field, message) = crate::ticket::refusal(&code);
            state.ticket_errors = vec![(field.to_string(), message)];
            effects.push(Effect::Persist);
        }
        ServerFrame::Error { code, client_id, .. } => {
            if let Some(i) = client_id.and_then(|c| state.position(&c)) {
                if state.messages[i].delivery == Delivery::Sending {
                    state.edit(i, |m| m.delivery = Delivery::Failed(failure_reason(&code)));
                    effects.push(Effect::Persist);
                }
            }
        }
        // A page that did not reach its end (a message deleted meanwhile)
        // is over by the next heartbeat.
        ServerFrame::Conversations { list } => {
            if state.threads_open {
                state.threads = Some(list);
            }
        }
        ServerFrame::Pong => state.loading_earlier = None,
        ServerFrame::Unknown => {}
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Author;

    fn picked(state: &mut State, id: &str, name: &str, mime: &str, size: u64) -> Vec<Effect> {
        let at = 1_700_000_000_000;
        reduce(state, Event::Attach { client_id: id.into(), at, name: name.into(), mime: mime.into(), size })
    }

    #[test]
    fn a_file_is_checked_before_any_byte_then_uploaded_then_sent_as_a_message() {
        let mut s = State { attach: Some(crate::attach::Policy::default()), ..State::default() };
        // Refused at once, with the reason and the name; nothing is sent.
        assert_eq!(picked(&mut s, "c1", "setup.exe", "application/x-msdownload", 10), vec![]);
        assert_eq!(s.attach_error, Some(("setup.exe".into(), "attach-type")));
        assert_eq!(picked(&mut s, "c1", "big.pdf", "application/pdf", 11 << 20), vec![]);
        assert_eq!(s.attach_error, Some(("big.pdf".into(), "attach-too-large")));
        assert!(s.messages.is_empty());
        // Allowed: a row that uploads; it is not in the outbox (the file cannot be stored).
        assert_eq!(picked(&mut s, "c1", "photo.png", "image/png", 1000), vec![Effect::Upload("c1".into())]);
        assert_eq!(s.attach_error, None);
        assert!(s.saved_over(Saved::default()).outbox.is_empty());
        reduce(&mut s, Event::UploadProgress { client_id: "c1".into(), sent: 400 });
        assert_eq!(s.messages[0].upload.as_ref().map(|u| (u.sent, u.size)), Some((400, 1000)));
        // It fails; retry uploads again, from the start.
        reduce(&mut s, Event::UploadFailed { client_id: "c1".into(), reason: "upload-failed" });
        assert_eq!(s.messages[0].delivery, Delivery::Failed("upload-failed"));
        assert_eq!(reduce(&mut s, Event::Retry { client_id: "c1".into() }), vec![Effect::Upload("c1".into())]);
        assert_eq!(s.messages[0].upload.as_ref().map(|u| u.sent), Some(0));
        // Welcome does not send it before it is uploaded.
        assert!(!reduce(&mut s, welcome("k")).iter().any(|e| matches!(e, Effect::Send(ClientFrame::Message { .. }))));
        let file = Attachment {
            id: "f_1".into(),
            name: "photo.png".into(),
            mime: "image/png".into(),
            size: 1000,
            url: "files/f_1".into(),
        };
        let fx = reduce(&mut s, Event::Uploaded { client_id: "c1".into(), attachment: file.clone() });
        let frame =
            ClientFrame::Message { client_id: "c1".into(), text: String::new(), attachments: vec!["f_1".into()] };
        assert_eq!(fx, vec![Effect::Persist, Effect::Send(frame)]);
        // Now it waits in the outbox like any message, with its file.
        let saved = s.saved_over(Saved::default());
        assert_eq!(saved.outbox[0].attachments, vec![file.clone()]);
        let mut reloaded = State::default();
        reduce(&mut reloaded, Event::Restore(Saved::from_json(&saved.to_json())));
        assert_eq!(reloaded.messages[0].attachments, vec![file]);
        // Another is cancelled: its row goes, and the glue stops the upload.
        picked(&mut s, "c2", "notes.txt", "text/plain", 50);
        assert_eq!(
            reduce(&mut s, Event::CancelUpload { client_id: "c2".into() }),
            vec![Effect::CancelUpload("c2".into())]
        );
        assert_eq!(s.messages.len(), 1);
        assert_eq!(reduce(&mut s, Event::CancelUpload { client_id: "c1".into() }), vec![], "sent: not cancellable");
    }

    #[test]
    fn files_of_the_ticket_form_upload_first_and_go_with_the_ticket() {
        let mut s = State { attach: Some(crate::attach::Policy::default()), ..State::default() };
        reduce(&mut s, welcome("k"));
        reduce(&mut s, Event::TicketForm(true));
        for (id, value) in [("name", "Maryam"), ("email", "m@example.com"), ("message", "See the photo")] {
            reduce(&mut s, Event::TicketInput { id: id.into(), value: value.into() });
        }
        // Checked as in the chat; taken by the form, not the log.
        assert_eq!(picked(&mut s, "f1", "setup.exe", "application/x-msdownload", 10), vec![]);
        assert_eq!(s.attach_error, Some(("setup.exe".into(), "attach-type")));
        assert_eq!(picked(&mut s, "f1", "photo.png", "image/png", 1000), vec![Effect::Upload("f1".into())]);
        assert_eq!(picked(&mut s, "f2", "notes.txt", "text/plain", 10), vec![Effect::Upload("f2".into())]);
        assert!(s.messages.is_empty() && s.wants_upload("f1") && s.attach_error.is_none());
        reduce(&mut s, Event::UploadProgress { client_id: "f1".into(), sent: 400 });
        assert_eq!(s.ticket.files[0].sent, 400);
        // One fails: the ticket is held back, with why, until it is removed.
        reduce(&mut s, Event::UploadFailed { client_id: "f2".into(), reason: "upload-failed" });
        assert_eq!(reduce(&mut s, Event::SubmitTicket { client_id: "t1".into() }), vec![]);
        assert_eq!(s.ticket_errors, [("files".into(), "ticket-files-failed")]);
        assert_eq!(
            reduce(&mut s, Event::CancelUpload { client_id: "f2".into() }),
            vec![Effect::Persist, Effect::CancelUpload("f2".into())]
        );
        assert!(s.ticket_errors.is_empty());
        // Sent while the other uploads: it waits for it, then goes with it.
        assert_eq!(reduce(&mut s, Event::SubmitTicket { client_id: "t1".into() }), vec![Effect::Persist]);
        let file = Attachment {
            id: "f_3".into(),
            name: "photo.png".into(),
            mime: "image/png".into(),
            size: 1000,
            url: "files/f_3".into(),
        };
        let fx = reduce(&mut s, Event::Uploaded { client_id: "f1".into(), attachment: file });
        let frame = ClientFrame::Ticket {
            client_id: "t1".into(),
            name: "Maryam".into(),
            email: "m@example.com".into(),
            subject: String::new(),
            text: "See the photo".into(),
            attachments: vec!["f_3".into()],
        };
        assert_eq!(fx, vec![Effect::Persist, Effect::Send(frame.clone())]);
        // An uploaded file survives a reload (the ticket is sent again); one uploading does not.
        let mut reloaded = State::default();
        reduce(&mut reloaded, Event::Restore(s.saved_over(Saved::default())));
        assert!(reduce(&mut reloaded, welcome("k")).contains(&Effect::Send(frame)));
        reduce(&mut s, Event::Frame(ServerFrame::Ticket { client_id: "t1".into(), reference: 1001 }));
        assert!(s.ticket.files.is_empty(), "sent: the form starts afresh");
        reduce(&mut s, Event::TicketForm(true));
        picked(&mut s, "f4", "later.png", "image/png", 10);
        let mut reloaded = State::default();
        reduce(&mut reloaded, Event::Restore(s.saved_over(Saved::default())));
        assert!(reloaded.ticket.files.is_empty(), "an upload under way is gone with the page");
    }

    #[test]
    fn without_a_policy_no_file_is_taken() {
        let mut s = State::default();
        assert_eq!(picked(&mut s, "c1", "photo.png", "image/png", 1000), vec![]);
        assert!(s.messages.is_empty());
    }

    #[test]
    fn a_message_keeps_its_files_through_an_upsert() {
        let file = Attachment {
            id: "f_8".into(),
            name: "invoice.pdf".into(),
            mime: "application/pdf".into(),
            size: 48_213,
            url: "files/f_8".into(),
        };
        let with_file = |text: &str| {
            Event::Frame(ServerFrame::Message {
                id: "m1".into(),
                seq: 1,
                author: Author::named(AuthorKind::Agent, "Sara"),
                text: text.into(),
                client_id: None,
                at: None,
                quick_replies: vec![],
                attachments: vec![file.clone()],
            })
        };
        let mut s = State::default();
        reduce(&mut s, with_file(""));
        reduce(&mut s, with_file(""));
        assert_eq!(s.messages.len(), 1, "a replay is the same row");
        assert_eq!((s.messages[0].text.as_str(), &s.messages[0].attachments), ("", &vec![file.clone()]));
    }

    fn typed(state: &mut State, text: &str, id: &str) -> Vec<Effect> {
        reduce(state, Event::DraftChanged(text.into()));
        reduce(state, Event::Submit { client_id: id.into(), at: 1_700_000_000_000 })
    }

    fn agent_says(id: &str, seq: u64, text: &str) -> Event {
        Event::Frame(ServerFrame::Message {
            id: id.into(),
            seq,
            author: Author { kind: AuthorKind::Agent, name: Some("Sara".into()), ..Author::default() },
            text: text.into(),
            client_id: None,
            at: None,
            quick_replies: vec![],
            attachments: vec![],
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
        assert_eq!(
            fx,
            vec![
                Effect::Persist,
                Effect::Send(ClientFrame::Message {
                    client_id: "c1".into(),
                    text: "hello".into(),
                    attachments: vec![]
                })
            ]
        );
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
            author: Author { kind: AuthorKind::Visitor, name: None, ..Author::default() },
            text: "hi".into(),
            client_id: Some("c1".into()),
            at: None,
            quick_replies: vec![],
            attachments: vec![],
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
        assert_eq!(
            reduce(&mut s, Event::Open),
            vec![Effect::Emit(HostEvent::Open), Effect::Persist, Effect::Emit(HostEvent::Unread(0))]
        );
        assert_eq!(s.unread, 0);
        reduce(&mut s, agent_says("m3", 3, "c"));
        assert_eq!(s.unread, 0);
    }

    #[test]
    fn the_support_side_hears_what_the_visitor_has_seen_once_per_advance() {
        let mut s = State::default();
        reduce(&mut s, welcome_at("k", 0));
        let read = |fx: &[Effect]| {
            fx.iter()
                .filter_map(|e| match e {
                    Effect::Send(ClientFrame::Read { seq }) => Some(*seq),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert!(read(&reduce(&mut s, agent_says("m1", 1, "hi"))).is_empty(), "closed: not seen");
        assert_eq!(read(&reduce(&mut s, Event::Open)), [1]);
        assert_eq!(read(&reduce(&mut s, agent_says("m2", 2, "there"))), [2], "seen as it arrives while open");
        assert!(read(&reduce(&mut s, agent_says("m2", 2, "there"))).is_empty(), "a duplicate is not news");
        // A new connection hears it again (it may be a new server).
        reduce(&mut s, Event::Disconnected);
        assert_eq!(read(&reduce(&mut s, welcome_at("k", 2))), [2]);
    }

    #[test]
    fn seen_sits_under_the_visitors_last_message_the_support_side_read() {
        let mut s = State::default();
        reduce(&mut s, welcome_at("k", 0));
        for (i, id) in ["c1", "c2"].iter().enumerate() {
            typed(&mut s, "x", id);
            reduce(
                &mut s,
                Event::Frame(ServerFrame::Ack {
                    client_id: id.to_string(),
                    id: format!("m{}", i + 1),
                    seq: i as u64 + 1,
                }),
            );
        }
        let states = |s: &State| s.messages.iter().map(|m| m.delivery.clone()).collect::<Vec<_>>();
        reduce(&mut s, Event::Frame(ServerFrame::Read { seq: 1 }));
        assert_eq!(states(&s), [Delivery::Seen, Delivery::Sent]);
        reduce(&mut s, Event::Frame(ServerFrame::Read { seq: 2 }));
        assert_eq!(states(&s), [Delivery::Sent, Delivery::Seen], "only the last one says it");
        reduce(&mut s, Event::Frame(ServerFrame::Read { seq: 1 }));
        assert_eq!(states(&s), [Delivery::Sent, Delivery::Seen], "read state never goes back");
        // A message acknowledged after the read moves nothing; read past it, it is seen.
        typed(&mut s, "y", "c3");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c3".into(), id: "m3".into(), seq: 3 }));
        assert_eq!(states(&s), [Delivery::Sent, Delivery::Seen, Delivery::Sent]);
        reduce(&mut s, Event::Frame(ServerFrame::Read { seq: 3 }));
        assert_eq!(states(&s), [Delivery::Sent, Delivery::Sent, Delivery::Seen]);
    }

    #[test]
    fn the_host_page_hears_live_replies_and_the_unread_count_not_the_replay() {
        let mut s = State::default();
        reduce(&mut s, welcome_at("k", 2));
        let told = |fx: Vec<Effect>| {
            fx.into_iter()
                .filter_map(|e| match e {
                    Effect::Emit(e) => Some(e),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // The replay of what was there before: no message events (the count still moves).
        assert_eq!(told(reduce(&mut s, agent_says("m1", 1, "old"))), [HostEvent::Unread(1)]);
        assert_eq!(
            told(reduce(&mut s, agent_says("m3", 3, "new"))),
            [
                HostEvent::Message {
                    id: "m3".into(),
                    author: AuthorKind::Agent,
                    name: Some("Sara".into()),
                    text: "new".into()
                },
                HostEvent::Unread(2)
            ]
        );
        assert!(told(reduce(&mut s, agent_says("m3", 3, "new"))).is_empty(), "once");
    }

    #[test]
    fn open_close_toggle_emit_only_on_change() {
        let mut s = State::default();
        assert_eq!(reduce(&mut s, Event::Close), vec![]);
        assert_eq!(reduce(&mut s, Event::Toggle), vec![Effect::Emit(HostEvent::Open), Effect::Persist]);
        assert_eq!(reduce(&mut s, Event::Open), vec![]);
        assert_eq!(reduce(&mut s, Event::Toggle), vec![Effect::Emit(HostEvent::Close)]);
        assert!(!s.open);
    }

    #[test]
    fn failed_send_can_be_retried() {
        let mut s = State::default();
        typed(&mut s, "hi", "c1");
        reduce(&mut s, Event::SendFailed { client_id: "c1".into(), reason: "message-failed" });
        assert_eq!(s.messages[0].delivery, Delivery::Failed("message-failed"));
        let fx = reduce(&mut s, Event::Retry { client_id: "c1".into() });
        assert_eq!(s.messages[0].delivery, Delivery::Sending);
        assert_eq!(
            fx[1],
            Effect::Send(ClientFrame::Message { client_id: "c1".into(), text: "hi".into(), attachments: vec![] })
        );
        // Retrying a message that is not failed does nothing.
        assert!(reduce(&mut s, Event::Retry { client_id: "c1".into() }).is_empty());
    }

    #[test]
    fn server_error_marks_the_message_failed_with_a_reason() {
        let mut s = State::default();
        typed(&mut s, "hi", "c1");
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Error {
                code: "rate_limited".into(),
                client_id: Some("c1".into()),
                retry_after_ms: Some(1000),
            }),
        );
        assert_eq!(s.messages[0].delivery, Delivery::Failed("message-failed-rate-limited"));
    }

    fn welcome(conversation: &str) -> Event {
        welcome_at(conversation, 0)
    }

    /// A welcome into a conversation whose newest message is `head_seq`.
    fn welcome_at(conversation: &str, head_seq: u64) -> Event {
        Event::Frame(ServerFrame::Welcome {
            v: PROTOCOL_VERSION,
            token: "t1".into(),
            conversation: conversation.into(),
            head_seq,
            status: ConversationStatus::Open,
        })
    }

    fn texts(s: &State) -> Vec<&str> {
        s.messages.iter().map(|m| m.text.as_str()).collect()
    }

    #[test]
    fn the_conversations_list_asks_the_server_and_shows_its_answer() {
        let mut s = State::default();
        // Offline: nothing to ask yet; the welcome asks.
        assert_eq!(reduce(&mut s, Event::Threads(true)), vec![]);
        assert!(s.threads_open && s.threads.is_none());
        assert!(reduce(&mut s, welcome("k1")).contains(&Effect::Send(ClientFrame::Conversations)));
        let thread = |id: &str| crate::protocol::Thread { id: id.into(), status: "open".into(), ..Default::default() };
        reduce(&mut s, Event::Frame(ServerFrame::Conversations { list: vec![thread("k1"), thread("k0")] }));
        assert_eq!(s.threads.as_ref().map(Vec::len), Some(2));
        // Back to the chat: the list is forgotten, and a late answer is not shown.
        assert_eq!(reduce(&mut s, Event::Threads(false)), vec![]);
        reduce(&mut s, Event::Frame(ServerFrame::Conversations { list: vec![thread("k1")] }));
        assert!(!s.threads_open && s.threads.is_none());
        // Online: opening asks at once, and shows nothing stale meanwhile.
        assert_eq!(reduce(&mut s, Event::Threads(true)), vec![Effect::Send(ClientFrame::Conversations)]);
        assert!(s.threads.is_none());
    }

    #[test]
    fn opening_another_conversation_starts_afresh_and_keeps_what_is_unsent() {
        let mut s = State::default();
        reduce(&mut s, welcome("k1"));
        reduce(&mut s, agent_says("m1", 1, "How can I help?"));
        reduce(&mut s, Event::Frame(ServerFrame::Status { status: ConversationStatus::Resolved }));
        reduce(&mut s, Event::Disconnected);
        typed(&mut s, "still here?", "c9");
        reduce(&mut s, Event::Threads(true));
        // The one showing: back to it, nothing else.
        assert_eq!(reduce(&mut s, Event::OpenThread("k1".into())), vec![]);
        assert!(!s.threads_open);
        reduce(&mut s, Event::Threads(true));
        assert_eq!(
            reduce(&mut s, Event::OpenThread("k0".into())),
            vec![Effect::Persist, Effect::Restart, Effect::Emit(HostEvent::Unread(0))],
            "k1's unread reply is not this conversation's"
        );
        assert!(!s.threads_open);
        assert_eq!(texts(&s), vec!["still here?"], "the agent's message was k1's; the unsent one stays");
        assert_eq!((s.last_seq, s.status), (0, ConversationStatus::Open));
        let hello = reduce(&mut s, Event::Connected);
        assert!(
            matches!(&hello[..], [Effect::Send(ClientFrame::Hello { conversation: Some(c), last_seq: 0, .. })] if c == "k0")
        );
        // The server opens k0: its messages come; the unsent one goes there.
        let fx = reduce(&mut s, welcome_at("k0", 3));
        assert!(fx
            .iter()
            .any(|e| matches!(e, Effect::Send(ClientFrame::Message { client_id, .. }) if client_id == "c9")));
        assert_eq!(s.conversation.as_deref(), Some("k0"));
        // "New conversation": the server answers with a new id, or the empty one it had.
        reduce(&mut s, Event::OpenThread("new".into()));
        reduce(&mut s, Event::Connected);
        reduce(&mut s, welcome("k2"));
        assert_eq!(s.conversation.as_deref(), Some("k2"));
        assert_eq!(Saved::from_json(&s.saved_over(Saved::default()).to_json()).conversation.as_deref(), Some("k2"));
    }

    #[test]
    fn reconnect_says_hello_with_last_seq_and_resends_pending_after_welcome() {
        let mut s = State::default();
        reduce(&mut s, welcome("k1"));
        typed(&mut s, "one", "c1");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 }));
        typed(&mut s, "two", "c2");
        reduce(&mut s, Event::Disconnected);
        assert_eq!(s.connection, Connection::Reconnecting);
        let fx = reduce(&mut s, Event::Connected);
        assert_eq!(
            fx,
            vec![Effect::Send(ClientFrame::Hello {
                v: PROTOCOL_VERSION,
                token: Some("t1".into()),
                last_seq: 1,
                limit: None,
                locale: None,
                context: None,
                conversation: Some("k1".into()),
            })]
        );
        assert_eq!(s.connection, Connection::Reconnecting, "online only once the server says welcome");
        let fx = reduce(&mut s, welcome("k1"));
        assert_eq!(s.connection, Connection::Online);
        assert_eq!(
            fx,
            vec![
                Effect::Persist,
                Effect::Send(ClientFrame::Message { client_id: "c2".into(), text: "two".into(), attachments: vec![] })
            ]
        );
    }

    #[test]
    fn messages_are_kept_in_sequence_order_whatever_order_they_arrive_in() {
        let mut s = State { open: true, ..State::default() };
        reduce(&mut s, agent_says("m5", 5, "five"));
        reduce(&mut s, agent_says("m7", 7, "seven"));
        typed(&mut s, "mine", "c1");
        reduce(&mut s, agent_says("m6", 6, "six"));
        assert_eq!(texts(&s), vec!["five", "six", "seven", "mine"], "pending messages stay last");
        // The ack gives ours a place between the others.
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m8".into(), seq: 8 }));
        reduce(&mut s, agent_says("m4", 4, "four"));
        assert_eq!(texts(&s), vec!["four", "five", "six", "seven", "mine"]);
        assert_eq!(s.message("m8").unwrap().text, "mine", "found by server id after the ack");
        assert_eq!(s.message("c1").unwrap().text, "mine", "and still by its key");
        reduce(&mut s, agent_says("m6", 6, "six"));
        assert_eq!(s.messages.len(), 5, "a duplicate is an upsert");
    }

    #[test]
    fn an_ack_that_overtakes_an_agent_message_moves_the_row() {
        let mut s = State { open: true, ..State::default() };
        typed(&mut s, "first", "c1");
        typed(&mut s, "second", "c2");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c2".into(), id: "m3".into(), seq: 3 }));
        reduce(&mut s, agent_says("m2", 2, "agent"));
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m1".into(), seq: 1 }));
        assert_eq!(texts(&s), vec!["first", "agent", "second"]);
        assert_eq!(s.last_seq, 3);
    }

    #[test]
    fn a_gap_asks_for_a_replay_once_and_the_replay_closes_it() {
        let mut s = State { open: true, ..State::default() };
        assert!(reduce(&mut s, agent_says("m1", 1, "a")).is_empty());
        let fx = reduce(&mut s, agent_says("m4", 4, "d"));
        assert_eq!(fx, vec![Effect::Send(ClientFrame::Sync { after_seq: 1 })]);
        assert!(reduce(&mut s, agent_says("m5", 5, "e")).is_empty(), "one sync at a time");
        assert_eq!(s.last_seq, 1);
        reduce(&mut s, agent_says("m2", 2, "b"));
        reduce(&mut s, agent_says("m3", 3, "c"));
        assert_eq!(s.last_seq, 5, "everything up to 5 is here");
        assert_eq!(texts(&s), vec!["a", "b", "c", "d", "e"]);
        // A later gap asks again.
        assert_eq!(reduce(&mut s, agent_says("m9", 9, "i")), vec![Effect::Send(ClientFrame::Sync { after_seq: 5 })]);
    }

    #[test]
    fn the_outbox_survives_a_reload_and_goes_out_after_welcome() {
        let mut s = State::default();
        reduce(&mut s, welcome("k1"));
        typed(&mut s, "one", "c1");
        typed(&mut s, "two", "c2");
        reduce(&mut s, Event::SendFailed { client_id: "c2".into(), reason: "message-failed" });
        let saved = s.saved_over(Saved::default());
        assert_eq!(saved.token.as_deref(), Some("t1"));
        assert_eq!(saved.outbox.len(), 2);
        assert_eq!(saved.outbox[1].failed.as_deref(), Some("message-failed"));

        // A new page: restored from JSON, as the glue does.
        let mut page = State::default();
        reduce(&mut page, Event::Restore(Saved::from_json(&saved.to_json())));
        assert_eq!(texts(&page), vec!["one", "two"]);
        assert_eq!(page.messages[0].delivery, Delivery::Sending);
        assert_eq!(page.messages[1].delivery, Delivery::Failed("message-failed"));
        let hello = reduce(&mut page, Event::Connected);
        assert_eq!(
            hello,
            vec![Effect::Send(ClientFrame::Hello {
                v: PROTOCOL_VERSION,
                token: Some("t1".into()),
                last_seq: 0,
                limit: Some(HISTORY_PAGE),
                locale: None,
                context: None,
                conversation: Some("k1".into()),
            })]
        );
        let fx = reduce(&mut page, welcome("k1"));
        assert_eq!(
            fx,
            vec![
                Effect::Persist,
                Effect::Send(ClientFrame::Message { client_id: "c1".into(), text: "one".into(), attachments: vec![] })
            ],
            "the failed one waits for the visitor's retry"
        );
        // The replay of our own message (stored before the reload) marks it sent, no second row.
        reduce(
            &mut page,
            Event::Frame(ServerFrame::Message {
                id: "m1".into(),
                seq: 1,
                author: Author { kind: AuthorKind::Visitor, name: None, ..Author::default() },
                text: "one".into(),
                client_id: Some("c1".into()),
                at: None,
                quick_replies: vec![],
                attachments: vec![],
            }),
        );
        assert_eq!(page.messages.len(), 2);
        assert_eq!(page.messages[0].delivery, Delivery::Sent);
        assert_eq!(page.saved_over(Saved::default()).outbox.len(), 1);
    }

    #[test]
    fn storage_garbage_restores_nothing() {
        for junk in ["", "null", "[]", "{\"outbox\":7}", "{\"outbox\":[{\"client_id\":\"\",\"text\":\"x\"}]}", "\u{0}"]
        {
            let mut s = State::default();
            reduce(&mut s, Event::Restore(Saved::from_json(junk)));
            assert!(s.messages.is_empty(), "{junk}");
        }
    }

    #[test]
    fn another_tabs_pending_messages_are_kept_until_this_tab_sees_them_delivered() {
        let other =
            Pending { client_id: "b1".into(), text: "from tab B".into(), at: 0, failed: None, attachments: vec![] };
        let stored = Saved { outbox: vec![other.clone()], ..Saved::default() };
        let mut s = State { open: true, ..State::default() };
        typed(&mut s, "from tab A", "a1");
        let merged = s.saved_over(stored.clone());
        assert_eq!(merged.outbox.iter().map(|p| p.client_id.as_str()).collect::<Vec<_>>(), vec!["b1", "a1"]);
        // Tab A sees B's message delivered (the server broadcasts it): it goes.
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Message {
                id: "m1".into(),
                seq: 1,
                author: Author { kind: AuthorKind::Visitor, name: None, ..Author::default() },
                text: "from tab B".into(),
                client_id: Some("b1".into()),
                at: None,
                quick_replies: vec![],
                attachments: vec![],
            }),
        );
        let merged = s.saved_over(stored);
        assert_eq!(merged.outbox.iter().map(|p| p.client_id.as_str()).collect::<Vec<_>>(), vec!["a1"]);
    }

    #[test]
    fn a_new_conversation_from_the_server_replaces_the_old_one_but_keeps_the_outbox() {
        let mut s = State { open: true, ..State::default() };
        reduce(&mut s, welcome("k1"));
        reduce(&mut s, agent_says("m1", 1, "old"));
        typed(&mut s, "unsent", "c1");
        reduce(&mut s, Event::Disconnected);
        reduce(&mut s, Event::Connected);
        let fx = reduce(&mut s, welcome("k2"));
        assert_eq!(texts(&s), vec!["unsent"]);
        assert_eq!(s.last_seq, 0);
        assert_eq!(s.conversation.as_deref(), Some("k2"));
        assert!(fx.contains(&Effect::Send(ClientFrame::Message {
            client_id: "c1".into(),
            text: "unsent".into(),
            attachments: vec![]
        })));
    }

    #[test]
    fn replayed_history_is_not_unread_once_read() {
        let mut s = State::default();
        reduce(&mut s, agent_says("m1", 1, "a"));
        reduce(&mut s, agent_says("m2", 2, "b"));
        assert_eq!(s.unread, 2);
        reduce(&mut s, Event::Open);
        let saved = s.saved_over(Saved::default());
        assert_eq!(saved.read_seq, 2);
        // The next page replays the same history: nothing unread; one new message is.
        let mut page = State::default();
        reduce(&mut page, Event::Restore(saved));
        reduce(&mut page, agent_says("m1", 1, "a"));
        reduce(&mut page, agent_says("m2", 2, "b"));
        reduce(&mut page, agent_says("m3", 3, "c"));
        assert_eq!(page.unread, 1);
    }

    #[test]
    fn typing_shows_until_that_author_writes_or_the_connection_drops() {
        let mut s = State::default();
        let sara = Author { kind: AuthorKind::Agent, name: Some("Sara".into()), ..Author::default() };
        reduce(&mut s, Event::Frame(ServerFrame::Typing { author: sara.clone(), on: true }));
        assert_eq!(s.typing, Some(sara.clone()));
        reduce(&mut s, agent_says("m1", 1, "hi"));
        assert_eq!(s.typing, None);
        reduce(&mut s, Event::Frame(ServerFrame::Typing { author: sara, on: true }));
        reduce(&mut s, Event::Disconnected);
        assert_eq!(s.typing, None);
    }

    #[test]
    fn typing_is_announced_when_the_draft_starts_and_when_it_is_cleared() {
        let mut s = State::default();
        let on = vec![Effect::Send(ClientFrame::Typing { on: true })];
        assert_eq!(reduce(&mut s, Event::DraftChanged("h".into())), on);
        assert!(reduce(&mut s, Event::DraftChanged("he".into())).is_empty(), "not on every keystroke");
        assert_eq!(
            reduce(&mut s, Event::DraftChanged(" ".into())),
            vec![Effect::Send(ClientFrame::Typing { on: false })]
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

    #[test]
    fn a_page_of_history_that_stops_short_frees_the_next_request_at_the_heartbeat() {
        let mut s = State::default();
        reduce(&mut s, Event::Connected);
        reduce(&mut s, welcome_at("c", 200));
        for seq in 151..=200 {
            reduce(&mut s, agent_says(&format!("m{seq}"), seq, "hi"));
        }
        assert!(!reduce(&mut s, Event::LoadEarlier).is_empty());
        // Message 150 was deleted meanwhile: the page ends at 149.
        for seq in 101..=149 {
            reduce(&mut s, agent_says(&format!("m{seq}"), seq, "older"));
        }
        assert!(reduce(&mut s, Event::LoadEarlier).is_empty(), "still waiting for the page's end");
        reduce(&mut s, Event::Frame(ServerFrame::Pong));
        let fx = reduce(&mut s, Event::LoadEarlier);
        assert_eq!(fx, vec![Effect::Send(ClientFrame::History { before_seq: 101, limit: HISTORY_PAGE })]);
    }

    #[test]
    fn a_fresh_page_starts_with_the_newest_page_and_loads_earlier_ones_on_request() {
        let mut s = State::default();
        reduce(&mut s, Event::Connected);
        reduce(&mut s, welcome_at("c", 120));
        assert_eq!(s.last_seq, 70, "counting starts below the newest page");
        for seq in 71..=120 {
            let fx = reduce(&mut s, agent_says(&format!("m{seq}"), seq, "hi"));
            assert!(fx.iter().all(|e| !matches!(e, Effect::Send(ClientFrame::Sync { .. }))), "no gap at {seq}");
        }
        assert_eq!((s.last_seq, s.earliest_seq(), s.has_earlier()), (120, Some(71), true));

        let fx = reduce(&mut s, Event::LoadEarlier);
        assert_eq!(fx, vec![Effect::Send(ClientFrame::History { before_seq: 71, limit: HISTORY_PAGE })]);
        assert!(reduce(&mut s, Event::LoadEarlier).is_empty(), "one request at a time");
        let layout = s.layout;
        for seq in 21..=70 {
            assert!(reduce(&mut s, Event::LoadEarlier).is_empty(), "not again while the page comes in ({seq})");
            reduce(&mut s, agent_says(&format!("m{seq}"), seq, "older"));
        }
        assert!(s.layout > layout);
        let seqs: Vec<u64> = s.messages.iter().filter_map(|m| m.seq).collect();
        assert_eq!(seqs, (21..=120).collect::<Vec<_>>(), "older pages go on top, in order");
        assert_eq!(s.last_seq, 120);
        let fx = reduce(&mut s, Event::LoadEarlier);
        assert_eq!(fx, vec![Effect::Send(ClientFrame::History { before_seq: 21, limit: HISTORY_PAGE })]);
        for seq in 1..=20 {
            reduce(&mut s, agent_says(&format!("m{seq}"), seq, "oldest"));
        }
        assert!(!s.has_earlier(), "seq 1 is the start of the conversation");
        assert!(reduce(&mut s, Event::LoadEarlier).is_empty());
        assert_eq!(s.pages(), [21, 71], "each page of history ends where the one above began");
        assert_eq!(s.rows_between(0, 21), 0..20);
        assert_eq!(s.rows_between(21, 71), 20..70);
        assert_eq!(s.rows_between(71, u64::MAX), 70..120);
        typed(&mut s, "new", "c1");
        assert_eq!(s.rows_between(71, u64::MAX), 70..121, "the newest page takes what is still unsequenced");
    }

    #[test]
    fn only_rows_that_really_changed_are_reported() {
        let mut s = State::default();
        reduce(&mut s, welcome_at("c", 0));
        reduce(&mut s, agent_says("m1", 1, "hello"));
        typed(&mut s, "question", "c1");
        assert!(s.take_changed().is_empty(), "new rows are layout changes, not edits");
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m2".into(), seq: 2 }));
        assert_eq!(s.take_changed(), vec!["c1".to_string()], "the ack changes the visitor's row");
        let before = s.messages.clone();
        reduce(&mut s, agent_says("m1", 1, "hello"));
        assert!(s.take_changed().is_empty(), "a replay of the same message changes nothing");
        assert!(Arc::ptr_eq(&before[0], &s.messages[0]), "and keeps the row's pointer");
        reduce(&mut s, agent_says("m1", 1, "hello, edited"));
        assert_eq!(s.take_changed(), vec!["m1".to_string()]);
        assert_eq!(s.message("m2").map(|m| m.key.as_str()), Some("c1"), "found by server id too");
    }

    #[test]
    fn five_thousand_messages_paged_in_from_the_top_stay_in_order_and_findable() {
        let mut s = State::default();
        reduce(&mut s, welcome_at("c", 5_000));
        // Newest page first, then each earlier page newest-last, as the server sends them.
        for page in (0..100u64).rev() {
            for seq in page * 50 + 1..=page * 50 + 50 {
                reduce(&mut s, agent_says(&format!("m{seq}"), seq, "x"));
            }
        }
        assert_eq!(s.messages.len(), 5_000);
        assert!(s.messages.windows(2).all(|w| w[0].seq < w[1].seq));
        for seq in [1, 2, 49, 50, 51, 2_500, 4_999, 5_000] {
            assert_eq!(s.message(&format!("m{seq}")).and_then(|m| m.seq), Some(seq));
        }
        assert!(s.message("m5001").is_none());
        // A visitor message is unsequenced until acked, then moves into place.
        typed(&mut s, "late", "c1");
        assert_eq!(s.message("c1").map(|m| m.seq), Some(None));
        reduce(&mut s, Event::Frame(ServerFrame::Ack { client_id: "c1".into(), id: "m5001".into(), seq: 5_001 }));
        assert_eq!(s.messages.last().map(|m| m.key.as_str()), Some("c1"));
        assert_eq!(s.message("m5001").map(|m| m.key.as_str()), Some("c1"));
    }

    fn bot_asks(id: &str, seq: u64, replies: &[&str]) -> Event {
        Event::Frame(ServerFrame::Message {
            id: id.into(),
            seq,
            author: Author::of(AuthorKind::Bot),
            text: "Did that help?".into(),
            client_id: None,
            at: None,
            quick_replies: replies.iter().map(|r| r.to_string()).collect(),
            attachments: vec![],
        })
    }

    #[test]
    fn quick_replies_show_under_the_newest_message_and_retire_when_the_visitor_writes() {
        let mut s = State::default();
        reduce(&mut s, Event::Open);
        reduce(&mut s, bot_asks("m1", 1, &["Yes", "No"]));
        assert_eq!(s.quick_replies(), Some(("m1", &["Yes".to_string(), "No".to_string()][..])));
        // A pick is the visitor's message, sent like any other.
        let fx = reduce(&mut s, Event::QuickReply { text: "No".into(), client_id: "c1".into(), at: 5 });
        assert_eq!(
            fx,
            vec![
                Effect::Persist,
                Effect::Send(ClientFrame::Message { client_id: "c1".into(), text: "No".into(), attachments: vec![] })
            ]
        );
        assert_eq!(s.quick_replies(), None, "retired at once");
        // Retired for good: a second pick (another tab, a double click) sends nothing.
        assert!(reduce(&mut s, Event::QuickReply { text: "Yes".into(), client_id: "c2".into(), at: 6 }).is_empty());
        // A reload replays the same log: still retired.
        let mut reloaded = State::default();
        reduce(&mut reloaded, bot_asks("m1", 1, &["Yes", "No"]));
        reduce(
            &mut reloaded,
            Event::Frame(ServerFrame::Message {
                id: "m2".into(),
                seq: 2,
                author: Author::of(AuthorKind::Visitor),
                text: "No".into(),
                client_id: Some("c1".into()),
                at: None,
                quick_replies: vec![],
                attachments: vec![],
            }),
        );
        assert_eq!(reloaded.quick_replies(), None);
        // An agent's message without replies retires them too; typing does not.
        let mut s = State::default();
        reduce(&mut s, bot_asks("m1", 1, &["Yes"]));
        reduce(&mut s, Event::DraftChanged("hm".into()));
        assert!(s.quick_replies().is_some());
        reduce(&mut s, agent_says("m2", 2, "Hi, Sara here"));
        assert_eq!(s.quick_replies(), None);
    }

    #[test]
    fn at_most_six_quick_replies_show() {
        let mut s = State::default();
        reduce(&mut s, bot_asks("m1", 1, &["1", "2", "3", "4", "5", "6", "7", "8"]));
        assert_eq!(s.quick_replies().map(|(_, r)| r.len()), Some(MAX_QUICK_REPLIES));
    }

    #[test]
    fn the_stage_says_who_answers_and_a_handover_is_asked_until_the_server_heard_it() {
        let mut s = State::default();
        reduce(&mut s, Event::Locale("fa".into()));
        let hello = reduce(&mut s, Event::Connected);
        assert!(matches!(&hello[..], [Effect::Send(ClientFrame::Hello { locale: Some(l), .. })] if l == "fa"));
        assert_eq!(s.stage, None);
        assert!(reduce(&mut s, Event::Handover).is_empty(), "not before the server says the bot answers");
        reduce(&mut s, Event::Frame(ServerFrame::Stage { stage: Stage::Bot, agent: None, queue_position: None }));
        assert_eq!(reduce(&mut s, Event::Handover), vec![Effect::Send(ClientFrame::Handover)]);
        assert!(reduce(&mut s, Event::Handover).is_empty(), "one request at a time");
        // The connection dropped before the server answered: asked again after the next welcome.
        reduce(&mut s, Event::Disconnected);
        let welcome = ServerFrame::Welcome {
            v: 1,
            token: "t".into(),
            conversation: "k".into(),
            head_seq: 0,
            status: ConversationStatus::Open,
        };
        let fx = reduce(&mut s, Event::Frame(welcome.clone()));
        assert!(fx.contains(&Effect::Send(ClientFrame::Handover)), "{fx:?}");
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Stage { stage: Stage::Waiting, agent: None, queue_position: Some(2) }),
        );
        assert_eq!((s.stage, s.queue_position, s.handover_pending), (Some(Stage::Waiting), Some(2), false));
        assert!(!reduce(&mut s, Event::Frame(welcome)).contains(&Effect::Send(ClientFrame::Handover)));
        assert!(reduce(&mut s, Event::Handover).is_empty(), "nothing to ask while waiting");
        let sara = Author {
            kind: AuthorKind::Agent,
            name: Some("Sara".into()),
            team: Some("Billing".into()),
            ..Author::default()
        };
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Stage {
                stage: Stage::Agent,
                agent: Some(sara.clone()),
                queue_position: Some(9),
            }),
        );
        assert_eq!((s.stage, s.agent.as_ref(), s.queue_position), (Some(Stage::Agent), Some(&sara), None));
        // Back to the bot (a new conversation after a resolve): no agent shown.
        reduce(&mut s, Event::Frame(ServerFrame::Stage { stage: Stage::Bot, agent: Some(sara), queue_position: None }));
        assert_eq!((s.stage, s.agent.as_ref()), (Some(Stage::Bot), None));
    }

    fn identify(user_id: &str) -> ClientFrame {
        ClientFrame::Identify {
            user_id: user_id.into(),
            name: Some("Maryam".into()),
            email: None,
            attributes: Default::default(),
            user_hash: Some("ab".into()),
        }
    }

    #[test]
    fn identify_is_asked_until_answered_and_a_token_from_it_is_kept() {
        let mut s = State::default();
        let fx = reduce(&mut s, Event::Identify(identify("u1")));
        assert_eq!(fx, vec![Effect::Send(identify("u1"))]);
        // Not answered before the connection dropped: asked again after the welcome.
        assert!(reduce(&mut s, welcome_at("k1", 0)).contains(&Effect::Send(identify("u1"))));
        let fx = reduce(&mut s, Event::Frame(ServerFrame::Identity { verified: true, token: Some("vt_other".into()) }));
        assert_eq!(fx, vec![Effect::Persist]);
        assert_eq!(s.token.as_deref(), Some("vt_other"));
        assert!(!reduce(&mut s, welcome_at("k2", 0)).contains(&Effect::Send(identify("u1"))), "answered");
        // Refused: the host page hears it once; the visitor stays who they were.
        reduce(&mut s, Event::Identify(identify("u2")));
        let fx = reduce(
            &mut s,
            Event::Frame(ServerFrame::Error { code: "identity_refused".into(), client_id: None, retry_after_ms: None }),
        );
        assert_eq!(fx, vec![Effect::Emit(HostEvent::IdentityRefused)]);
        assert_eq!(s.token.as_deref(), Some("t1"), "the welcome's token: nothing changed");
    }

    #[test]
    fn logout_forgets_the_visitor_on_this_device() {
        let mut s = State::default();
        reduce(&mut s, Event::Locale("fa".into()));
        reduce(&mut s, welcome_at("k1", 0));
        reduce(&mut s, Event::Open);
        typed(&mut s, "not sent yet", "c1");
        reduce(&mut s, agent_says("m1", 1, "hi"));
        let fx = reduce(&mut s, Event::Logout);
        assert!(fx.contains(&Effect::Persist));
        assert_eq!((s.token.as_ref(), s.conversation.as_ref(), s.messages.len()), (None, None, 0));
        assert_eq!(s.saved_over(Saved::default()), Saved::default(), "nothing of the visitor is left to store");
        assert!(s.open && s.locale.as_deref() == Some("fa"), "the widget itself stays as it was");
    }

    #[test]
    fn a_greeting_shows_once_and_opening_it_starts_the_chat_with_it() {
        let mut s = State::default();
        reduce(&mut s, Event::Restore(Saved::default()));
        assert!(!s.returning);
        let greet = |id: &str| Event::Greet { id: id.into(), text: " Questions about plans? ".into() };
        assert_eq!(reduce(&mut s, greet("pricing")), vec![Effect::Persist]);
        assert_eq!(s.greeting, Some(("pricing".into(), "Questions about plans?".into())));
        assert_eq!(s.saved_over(Saved::default()).greeted, ["pricing"], "remembered across pages");
        let fx = reduce(&mut s, Event::OpenGreeting);
        assert!(s.open && s.greeting.is_none());
        assert!(fx.contains(&Effect::Send(ClientFrame::Greeting { text: "Questions about plans?".into() })));
        // Once per visitor per rule, also on the next page.
        reduce(&mut s, Event::Close);
        assert!(reduce(&mut s, greet("pricing")).is_empty());
        let mut next_page = State::default();
        reduce(&mut next_page, Event::Restore(s.saved_over(Saved::default())));
        assert!(reduce(&mut next_page, greet("pricing")).is_empty());
        // Dismissed: gone, not sent. Opening the panel another way hides it too.
        reduce(&mut next_page, greet("returning"));
        reduce(&mut next_page, Event::DismissGreeting);
        assert_eq!(next_page.greeting, None);
        reduce(&mut next_page, greet("third"));
        let fx = reduce(&mut next_page, Event::Open);
        assert!(
            next_page.greeting.is_none() && !fx.iter().any(|e| matches!(e, Effect::Send(ClientFrame::Greeting { .. })))
        );
        // Not while the panel is open.
        assert!(reduce(&mut next_page, greet("fourth")).is_empty());
    }

    #[test]
    fn the_prechat_form_keeps_its_errors_until_right_and_is_not_asked_again() {
        use crate::prechat::answer;
        let fields = crate::prechat::default_fields();
        let mut s = State::default();
        let submit = |s: &mut State, pairs: &[(&str, &str)]| {
            let answers = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            reduce(s, Event::SubmitPrechat { fields: fields.clone(), answers })
        };
        assert!(submit(&mut s, &[("email", "nope")]).is_empty(), "nothing sent");
        assert_eq!(s.prechat_errors, [("name".into(), "prechat-required"), ("email".into(), "prechat-email-invalid")]);
        let fx = submit(&mut s, &[("name", "Maryam"), ("email", "m@example.com")]);
        assert!(s.prechat_errors.is_empty() && s.prechat_done);
        let sent = ClientFrame::Prechat {
            answers: vec![
                ("name".to_string(), "Maryam".to_string()),
                ("email".to_string(), "m@example.com".to_string()),
            ],
        };
        assert_eq!(fx, vec![Effect::Persist, Effect::Send(sent.clone())]);
        assert!(
            serde_json::to_string(&sent).unwrap().contains(r#""answers":{"name":"Maryam","email":"m@example.com"}"#),
            "an object on the wire, in the form's order"
        );
        // Until the server answers, every welcome sends it again.
        assert!(reduce(&mut s, welcome_at("k", 0)).contains(&Effect::Send(sent.clone())));
        reduce(&mut s, Event::Frame(ServerFrame::Identity { verified: false, token: None }));
        assert!(!reduce(&mut s, welcome_at("k", 0)).contains(&Effect::Send(sent)));
        // The next page knows: no form.
        let mut next = State::default();
        reduce(&mut next, Event::Restore(s.saved_over(Saved::default())));
        assert!(next.prechat_done);
        // Identify tells the name and e-mail too.
        let mut identified = State::default();
        reduce(&mut identified, Event::Identify(identify("u1")));
        assert_eq!(answer(&identified.known, "name"), Some("Maryam"));
    }

    #[test]
    fn a_ticket_keeps_what_was_typed_until_the_server_has_it() {
        use crate::prechat::answer;
        let mut s = State::default();
        reduce(&mut s, Event::Identify(identify("u1")));
        reduce(&mut s, Event::TicketForm(true));
        assert!(s.ticket_open);
        assert_eq!(answer(&s.ticket.draft, "name"), Some("Maryam"), "what is known is filled in");
        let input =
            |s: &mut State, id: &str, value: &str| reduce(s, Event::TicketInput { id: id.into(), value: value.into() });
        assert_eq!(input(&mut s, "email", "not an address"), vec![Effect::Persist], "every keystroke is kept");
        assert!(reduce(&mut s, Event::SubmitTicket { client_id: "t1".into() }).is_empty());
        assert_eq!(
            s.ticket_errors,
            [("email".into(), "prechat-email-invalid"), ("message".into(), "prechat-required")]
        );
        input(&mut s, "email", "m@example.com");
        input(&mut s, "message", "  My order never came  ");
        // A reload keeps the draft.
        let mut reloaded = State::default();
        reduce(&mut reloaded, Event::Restore(s.saved_over(Saved::default())));
        assert_eq!(answer(&reloaded.ticket.draft, "message"), Some("  My order never came  "));

        let fx = reduce(&mut s, Event::SubmitTicket { client_id: "t1".into() });
        let frame = ClientFrame::Ticket {
            client_id: "t1".into(),
            name: "Maryam".into(),
            email: "m@example.com".into(),
            subject: String::new(),
            text: "My order never came".into(),
            attachments: vec![],
        };
        assert_eq!(fx, vec![Effect::Persist, Effect::Send(frame.clone())]);
        assert!(!s.ticket_open);
        // Sent again after every welcome, also after a reload, until acknowledged.
        let mut reloaded = State::default();
        reduce(&mut reloaded, Event::Restore(s.saved_over(Saved::default())));
        assert!(reduce(&mut reloaded, welcome_at("k", 0)).contains(&Effect::Send(frame.clone())));
        reduce(&mut s, Event::Frame(ServerFrame::Ticket { client_id: "t1".into(), reference: 1042 }));
        assert_eq!((s.ticket.reference, s.ticket.email.as_deref()), (Some(1042), Some("m@example.com")));
        assert!(s.ticket.draft.is_empty() && s.ticket.sending.is_none());
        assert!(!reduce(&mut s, welcome_at("k", 0)).contains(&Effect::Send(frame)));
    }

    #[test]
    fn a_refused_ticket_comes_back_with_the_reason() {
        let mut s = State::default();
        reduce(&mut s, Event::TicketForm(true));
        for (id, value) in [("name", "Sara"), ("email", "s@example.com"), ("message", "Hello")] {
            reduce(&mut s, Event::TicketInput { id: id.into(), value: value.into() });
        }
        reduce(&mut s, Event::SubmitTicket { client_id: "t2".into() });
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Error {
                code: "invalid_email".into(),
                client_id: Some("t2".into()),
                retry_after_ms: None,
            }),
        );
        assert!(s.ticket_open && s.ticket.sending.is_none());
        assert_eq!(s.ticket_errors, [("email".into(), "prechat-email-invalid")]);
        assert_eq!(crate::prechat::answer(&s.ticket.draft, "message"), Some("Hello"), "nothing typed lost");
    }

    fn rate_frame(score: u8, reasons: &[&str], comment: &str, done: bool) -> Effect {
        Effect::Send(ClientFrame::Rate {
            client_id: "r1".into(),
            scale: "stars".into(),
            score,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            comment: comment.into(),
            done,
        })
    }

    fn status(s: &mut State, status: ConversationStatus) {
        reduce(s, Event::Frame(ServerFrame::Status { status }));
    }

    #[test]
    fn a_resolved_chat_asks_anything_else_then_takes_a_rating_that_may_change_until_sent() {
        use crate::ending::{Ending, Step};
        // Every change of the ending is stored too (see below): the frames sent.
        let step = |s: &mut State, step: Step| {
            reduce(s, Event::End(step, "r1".into())).into_iter().filter(|e| *e != Effect::Persist).collect::<Vec<_>>()
        };
        let mut s = State::default();
        reduce(&mut s, welcome("k"));
        status(&mut s, ConversationStatus::Resolved);
        assert_eq!(s.ending, Ending::None, "nothing said yet: nothing to end");
        status(&mut s, ConversationStatus::Open);
        typed(&mut s, "my order?", "c1");
        reduce(&mut s, agent_says("m2", 2, "On its way."));
        status(&mut s, ConversationStatus::Resolved);
        assert_eq!(s.ending, Ending::AnythingElse);
        step(&mut s, Step::More);
        assert_eq!(s.ending, Ending::None, "yes: back to the chat");
        // Reopened and resolved again: asked again; "no" rates.
        status(&mut s, ConversationStatus::Open);
        status(&mut s, ConversationStatus::Resolved);
        assert!(step(&mut s, Step::Finish).is_empty());
        assert_eq!(s.ending, Ending::Rating);
        assert_eq!(step(&mut s, Step::Score(9)), vec![], "off the scale");
        assert_eq!(step(&mut s, Step::Score(2)), vec![rate_frame(2, &[], "", false)]);
        assert_eq!(step(&mut s, Step::Reason("slow".into(), true)), vec![rate_frame(2, &["slow"], "", false)]);
        assert_eq!(step(&mut s, Step::Reason("rude".into(), true)), vec![], "not a reason we offer");
        // A better score drops the reasons from what is sent (kept, should it drop again).
        assert_eq!(step(&mut s, Step::Score(4)), vec![rate_frame(4, &[], "", false)]);
        let fx = reduce(&mut s, Event::End(Step::Score(1), "r1".into()));
        assert_eq!(fx, vec![Effect::Persist, rate_frame(1, &["slow"], "", false)]);
        // Not acknowledged: sent again after a welcome.
        assert!(reduce(&mut s, welcome("k")).contains(&rate_frame(1, &["slow"], "", false)));
        // The next page (or a reload) asks the same, with the score as it
        // stood, and sends the change the server has not confirmed again.
        let mut next = State::default();
        reduce(&mut next, Event::Restore(Saved::from_json(&s.saved_over(Saved::default()).to_json())));
        assert_eq!((next.ending.clone(), next.rating.score), (Ending::Rating, 1));
        assert_eq!(next.rating.reasons, ["slow"]);
        assert!(reduce(&mut next, welcome("k")).contains(&rate_frame(1, &["slow"], "", false)));
        assert_eq!(step(&mut s, Step::Send("  too slow  ".into())), vec![rate_frame(1, &["slow"], "too slow", true)]);
        assert_eq!(s.ending, Ending::Thanks);
        assert_eq!(step(&mut s, Step::Score(5)), vec![], "sent: no more changes");
        reduce(&mut s, Event::Frame(ServerFrame::Received { client_id: "r1".into() }));
        assert!(!reduce(&mut s, welcome("k")).iter().any(|e| matches!(e, Effect::Send(ClientFrame::Rate { .. }))));
        // Writing again is going on with the chat.
        typed(&mut s, "one more thing", "c3");
        assert_eq!(s.ending, Ending::None);
    }

    #[test]
    fn the_visitor_ends_the_chat_after_a_confirmation_and_the_end_is_not_lost() {
        use crate::ending::{Ending, Step};
        let step = |s: &mut State, step: Step| reduce(s, Event::End(step, "r1".into()));
        let mut s = State::default();
        reduce(&mut s, welcome("k"));
        typed(&mut s, "hi", "c1");
        step(&mut s, Step::AskEnd);
        assert_eq!(s.ending, Ending::Confirm);
        step(&mut s, Step::Cancel);
        assert_eq!(s.ending, Ending::None);
        step(&mut s, Step::AskEnd);
        assert_eq!(step(&mut s, Step::ConfirmEnd), vec![Effect::Persist, Effect::Send(ClientFrame::End)]);
        assert_eq!(s.ending, Ending::Rating);
        // The connection dropped before the server resolved it: said again,
        // also from the next page.
        assert!(reduce(&mut s, welcome("k")).contains(&Effect::Send(ClientFrame::End)));
        let mut next = State::default();
        reduce(&mut next, Event::Restore(Saved::from_json(&s.saved_over(Saved::default()).to_json())));
        assert_eq!(next.ending, Ending::Rating);
        assert!(reduce(&mut next, welcome("k")).contains(&Effect::Send(ClientFrame::End)));
        status(&mut s, ConversationStatus::Resolved);
        assert_eq!(s.ending, Ending::Rating, "our own end does not ask \"anything else?\"");
        assert!(!reduce(&mut s, welcome("k")).contains(&Effect::Send(ClientFrame::End)));
        // Passing on the rating: nothing typed, nothing picked: nothing sent.
        assert_eq!(step(&mut s, Step::Send("".into())), vec![Effect::Persist]);
        assert_eq!(s.ending, Ending::None);
        // A comment without a score is kept back, with the reason.
        step(&mut s, Step::AskEnd);
        step(&mut s, Step::ConfirmEnd);
        assert_eq!(step(&mut s, Step::Send("meh".into())), vec![], "nothing changed");
        assert_eq!((s.ending.clone(), s.rating_error), (Ending::Rating, Some("rate-pick")));
        // Without a rating scale, ending is just ending.
        let mut s = State::default();
        reduce(&mut s, Event::Scale(None));
        step(&mut s, Step::AskEnd);
        step(&mut s, Step::ConfirmEnd);
        assert_eq!(s.ending, Ending::None);
    }

    #[test]
    fn the_transcript_mail_is_asked_for_until_the_server_has_it() {
        let mut s = State::default();
        reduce(&mut s, Event::TranscriptForm(true));
        let submit = |s: &mut State, email: &str| {
            reduce(s, Event::SubmitTranscript { answers: vec![("email".into(), email.into())], client_id: "x1".into() })
        };
        assert!(submit(&mut s, "nope").is_empty());
        assert_eq!(s.transcript_errors, [("email".into(), "prechat-email-invalid")]);
        let frame = Effect::Send(ClientFrame::Transcript { client_id: "x1".into(), email: "a@example.com".into() });
        assert_eq!(submit(&mut s, " a@example.com "), vec![frame.clone()]);
        assert!(!s.transcript_form);
        assert!(reduce(&mut s, welcome("k")).contains(&frame));
        reduce(&mut s, Event::Frame(ServerFrame::Received { client_id: "x1".into() }));
        assert_eq!(s.transcript_sent.as_deref(), Some("a@example.com"));
        assert!(!reduce(&mut s, welcome("k")).contains(&frame));
        // Refused: the form comes back with the reason.
        submit(&mut s, "a@example.com");
        reduce(
            &mut s,
            Event::Frame(ServerFrame::Error {
                code: "invalid_email".into(),
                client_id: Some("x1".into()),
                retry_after_ms: None,
            }),
        );
        assert!(s.transcript_form && s.transcript_sending.is_none());
        assert_eq!(s.transcript_errors, [("email".into(), "prechat-email-invalid")]);
    }
}
