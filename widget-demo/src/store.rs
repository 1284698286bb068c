//! Storage: visitors, conversations and messages.
//!
//! [`Store`] is the seam: the server calls only these methods, so a
//! PostgreSQL implementation (for several instances behind a load balancer)
//! slots in without touching the handlers. The one here is SQLite, in one
//! file, created and migrated on start.
//!
//! The calls are synchronous and short (one indexed statement or one small
//! transaction, microseconds in WAL mode); handlers call them directly
//! rather than hopping to a blocking pool for each.

use rusqlite::{params, Connection, OptionalExtension};
use salam_core::protocol::agent::{
    Identity, LastMessage, PageView, RatingInfo, Summary, TicketBrief, TicketInfo, TicketStatus, VisitorInfo,
};
use salam_core::protocol::{Attachment, Author, AuthorKind, ConversationStatus, ServerFrame, Stage};
use std::path::Path;
use std::sync::Mutex;

/// A storage failure, worded for the log.
#[derive(Debug)]
pub struct StoreError(pub String);

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(e.to_string())
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A visitor, in one of their conversations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor {
    /// Row id.
    pub id: i64,
    /// The conversation this connection or request is about.
    pub conversation: String,
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Server id (`m_<row>`).
    pub id: String,
    /// Position in the conversation.
    pub seq: u64,
    /// Author kind.
    pub author: AuthorKind,
    /// Author name.
    pub name: Option<String>,
    /// Text.
    pub text: String,
    /// The sender's idempotency key.
    pub client_id: Option<String>,
    /// When (ms).
    pub at: u64,
    /// The author's avatar URL.
    pub avatar: Option<String>,
    /// Answers the visitor may pick.
    pub quick_replies: Vec<String>,
    /// Files sent with it.
    pub attachments: Vec<Attachment>,
}

impl Stored {
    /// As a protocol frame.
    pub fn frame(&self) -> ServerFrame {
        ServerFrame::Message {
            id: self.id.clone(),
            seq: self.seq,
            author: Author { kind: self.author, name: self.name.clone(), avatar: self.avatar.clone(), team: None },
            text: self.text.clone(),
            // Agents' keys are theirs; only the visitor's own are echoed.
            client_id: if self.author == AuthorKind::Visitor { self.client_id.clone() } else { None },
            at: Some(self.at),
            quick_replies: self.quick_replies.clone(),
            attachments: self.attachments.clone(),
        }
    }
}

/// A message to append.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    /// Author kind.
    pub author: AuthorKind,
    /// Author name.
    pub name: Option<&'a str>,
    /// Text.
    pub text: &'a str,
    /// Idempotency key.
    pub client_id: Option<&'a str>,
    /// When (ms).
    pub at: u64,
    /// The author's avatar URL.
    pub avatar: Option<&'a str>,
    /// Answers the visitor may pick.
    pub quick_replies: &'a [String],
    /// Files sent with it.
    pub attachments: &'a [Attachment],
}

/// Who handles a conversation, and what the bot remembers of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handling {
    /// Bot, waiting or agent.
    pub stage: Stage,
    /// With [`Stage::Agent`]: who.
    pub agent: Option<Author>,
    /// With [`Stage::Waiting`]: since when (ms), once the visitor wrote.
    pub waiting_since: Option<u64>,
    /// The visitor's language (from `hello`).
    pub locale: Option<String>,
    /// The bot's unhelpful answers in a row.
    pub unhelpful: u32,
    /// The bot's last message asked whether it helped.
    pub asked: bool,
    /// The visitor has seen up to this sequence number.
    pub visitor_read_seq: u64,
    /// The support side has read up to this sequence number.
    pub agent_read_seq: u64,
}

/// What the server needs from storage.
pub trait Store: Send + Sync {
    /// The visitor holding the token with this hash, in the conversation
    /// last written to.
    fn visitor_by_token(&self, token_hash: &str) -> Result<Option<Visitor>>;
    /// A new visitor with a new, empty conversation, handled first by `stage`.
    fn create_visitor(&self, token_hash: &str, conversation: &str, stage: Stage, now: u64) -> Result<Visitor>;
    /// Appends a message with the next sequence number. With a `client_id`
    /// seen before in this conversation, returns the stored one and `false`.
    fn append(&self, conversation: &str, m: NewMessage<'_>) -> Result<(Stored, bool)>;
    /// The message sent with this idempotency key, if stored.
    fn by_client_id(&self, conversation: &str, client_id: &str) -> Result<Option<Stored>>;
    /// Messages with `seq > after`, oldest first, at most `limit`.
    fn messages_after(&self, conversation: &str, after: u64, limit: usize) -> Result<Vec<Stored>>;
    /// One conversation.
    fn conversation(&self, id: &str) -> Result<Option<Summary>>;
    /// All conversations, most recently active first.
    fn conversations(&self, limit: usize) -> Result<Vec<Summary>>;
    /// Resolves or reopens. Returns whether it changed.
    fn set_status(&self, id: &str, status: ConversationStatus, now: u64) -> Result<bool>;
    /// Who handles the conversation.
    fn handling(&self, id: &str) -> Result<Option<Handling>>;
    /// Moves the conversation to `stage` (with `agent` for an agent);
    /// entering `waiting` starts its wait at `now`. Returns whether the
    /// stage or the agent changed.
    fn set_stage(&self, id: &str, stage: Stage, agent: Option<&Author>, now: u64) -> Result<bool>;
    /// Starts the wait of a waiting conversation (its visitor wrote), if not started.
    fn start_wait(&self, id: &str, now: u64) -> Result<()>;
    /// Stores the visitor's language.
    fn set_locale(&self, id: &str, locale: &str) -> Result<()>;
    /// Stores what the bot remembers.
    fn set_bot_memory(&self, id: &str, unhelpful: u32, asked: bool) -> Result<()>;
    /// Moves one side's read mark up to `seq` (never down, never past the
    /// newest message). Returns whether it moved.
    fn set_read(&self, id: &str, by_agent: bool, seq: u64) -> Result<bool>;
    /// The conversations waiting for a person, longest waiting first.
    fn waiting(&self) -> Result<Vec<String>>;
    /// Records where the visitor is: a page (unless it is the last one
    /// again: a reconnect, a reload), their time zone and browser.
    fn record_visit(
        &self,
        id: &str,
        page: Option<(&str, Option<&str>)>,
        time_zone: Option<&str>,
        browser: Option<&str>,
        now: u64,
    ) -> Result<()>;
    /// What the console shows about the visitor of conversation `id`.
    fn visitor_info(&self, id: &str) -> Result<VisitorInfo>;
    /// The visitor a (verified) user id belongs to, in the conversation last
    /// written to.
    fn visitor_by_user(&self, user_id: &str) -> Result<Option<Visitor>>;
    /// Stores who the visitor says they are; a verified one is bound to
    /// its user id (one visitor per user).
    fn set_identity(&self, visitor: i64, identity: &Identity) -> Result<()>;
    /// Keeps the pre-chat form's answers.
    fn set_prechat(&self, id: &str, answers: &std::collections::BTreeMap<String, String>) -> Result<()>;
    /// Makes the ticket (once per client id in a conversation); returns its
    /// reference and whether it is new.
    fn create_ticket(&self, t: &NewTicket<'_>) -> Result<(u64, bool)>;
    /// The newest ticket of a conversation, if it has one.
    fn ticket_of(&self, id: &str) -> Result<Option<TicketInfo>>;
    /// Sets the status of a conversation's newest ticket; returns whether
    /// it has one.
    fn set_ticket_status(&self, id: &str, status: TicketStatus) -> Result<bool>;
    /// Stores the visitor's rating `client_id` of conversation `id`, over
    /// an earlier version unless that one was sent as done. Whether it was
    /// stored.
    fn rate(&self, id: &str, client_id: &str, r: &RatingInfo) -> Result<bool>;
    /// Another token for the visitor (another browser of the same user).
    fn add_token(&self, visitor: i64, token_hash: &str) -> Result<()>;
    /// For conversations created since `since` (ms) that an agent answered:
    /// when the visitor first wrote, and when an agent first replied after.
    fn first_responses(&self, since: u64) -> Result<Vec<(u64, u64)>>;
    /// Records an uploaded file (stored on disk as `hash`) in a conversation.
    fn add_file(&self, f: &NewFile<'_>) -> Result<Attachment>;
    /// The file with this id.
    fn file(&self, id: &str) -> Result<Option<crate::files::FileRecord>>;
    /// The files with these ids, if every one is in `conversation`.
    fn files_in(&self, conversation: &str, ids: &[String]) -> Result<Option<Vec<Attachment>>>;
    /// Starts another conversation for `visitor`.
    fn add_conversation(&self, visitor: i64, id: &str, stage: Stage, now: u64) -> Result<()>;
    /// The visitor whose conversation `id` is.
    fn owner(&self, id: &str) -> Result<Option<i64>>;
    /// The visitor's conversations that have messages, the newest first,
    /// at most `limit` (their "Your conversations" list).
    fn threads(&self, visitor: i64, limit: usize) -> Result<Vec<salam_core::protocol::Thread>>;
}

/// Schema changes, in order; `PRAGMA user_version` says how many ran.
/// Append only: a released migration never changes.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE visitors (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        visitor_id INTEGER NOT NULL REFERENCES visitors(id),
        status TEXT NOT NULL DEFAULT 'open',
        head_seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX conversations_by_activity ON conversations(updated_at DESC);
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq INTEGER NOT NULL,
        author TEXT NOT NULL,
        name TEXT,
        text TEXT NOT NULL,
        client_id TEXT,
        at INTEGER NOT NULL,
        UNIQUE (conversation_id, seq),
        UNIQUE (conversation_id, client_id)
    );",
    // 2: who answers (bot, waiting, agent), the bot's memory, the
    // visitor's language, avatars and quick replies.
    "ALTER TABLE conversations ADD COLUMN stage TEXT NOT NULL DEFAULT 'bot';
    ALTER TABLE conversations ADD COLUMN agent TEXT;
    ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
    ALTER TABLE conversations ADD COLUMN locale TEXT;
    ALTER TABLE conversations ADD COLUMN bot_unhelpful INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conversations ADD COLUMN bot_asked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX conversations_waiting ON conversations(waiting_since) WHERE stage = 'waiting';
    ALTER TABLE messages ADD COLUMN avatar TEXT;
    ALTER TABLE messages ADD COLUMN quick_replies TEXT;",
    // 3: how far each side has read.
    "ALTER TABLE conversations ADD COLUMN visitor_read_seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conversations ADD COLUMN agent_read_seq INTEGER NOT NULL DEFAULT 0;",
    // 4: where the visitor is (pages, time zone, browser).
    "CREATE TABLE page_views (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        url TEXT NOT NULL,
        title TEXT,
        at INTEGER NOT NULL
    );
    CREATE INDEX page_views_by_conversation ON page_views(conversation_id, id);
    ALTER TABLE conversations ADD COLUMN time_zone TEXT;
    ALTER TABLE conversations ADD COLUMN browser TEXT;",
    // 5: who visitors say they are; more than one token per visitor (one per browser).
    "ALTER TABLE visitors ADD COLUMN user_id TEXT;
    ALTER TABLE visitors ADD COLUMN identity TEXT;
    CREATE UNIQUE INDEX visitors_by_user ON visitors(user_id) WHERE user_id IS NOT NULL;
    CREATE TABLE visitor_tokens (
        token_hash TEXT PRIMARY KEY,
        visitor_id INTEGER NOT NULL REFERENCES visitors(id)
    );",
    // 6: the pre-chat form's answers.
    "ALTER TABLE conversations ADD COLUMN prechat TEXT;",
    // 7: tickets ("leave a message"), numbered from 1001.
    "CREATE TABLE tickets (
        reference INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        client_id TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        subject TEXT NOT NULL,
        locale TEXT,
        status TEXT NOT NULL DEFAULT 'open',
        created_at INTEGER NOT NULL,
        UNIQUE (conversation_id, client_id)
    );
    CREATE INDEX tickets_by_conversation ON tickets(conversation_id, reference);
    INSERT INTO sqlite_sequence (name, seq) VALUES ('tickets', 1000);",
    // 8: the visitors' ratings of their chats.
    "CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        client_id TEXT NOT NULL,
        scale TEXT NOT NULL,
        score INTEGER NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        done INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL,
        UNIQUE (conversation_id, client_id)
    );",
    // 9: attachments: files by content hash, and the messages that carry them.
    "CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        author TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX files_by_conversation ON files(conversation_id);
    ALTER TABLE messages ADD COLUMN attachments TEXT;",
];

/// An uploaded file to record.
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    /// The conversation it was sent in.
    pub conversation: &'a str,
    /// The SHA-256 of its content, hex: its name on disk.
    pub hash: &'a str,
    /// Its (cleaned) name.
    pub name: &'a str,
    /// The media type found in its content.
    pub mime: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// `visitor` or `agent`.
    pub author: &'a str,
    /// When (ms).
    pub at: u64,
}

/// A ticket to make.
#[derive(Debug, Clone, Copy)]
pub struct NewTicket<'a> {
    /// Its conversation.
    pub conversation: &'a str,
    /// The `ticket` frame's client id.
    pub client_id: &'a str,
    /// The visitor's name.
    pub name: &'a str,
    /// Where answers go.
    pub email: &'a str,
    /// Its subject.
    pub subject: &'a str,
    /// The visitor's language, for the e-mails.
    pub locale: Option<&'a str>,
    /// When (ms).
    pub at: u64,
}

/// The newest ticket of conversation `id`.
fn newest_ticket(c: &Connection, id: &str) -> rusqlite::Result<Option<TicketInfo>> {
    c.query_row(
        "SELECT reference, name, email, subject, locale, status FROM tickets
         WHERE conversation_id = ?1 ORDER BY reference DESC LIMIT 1",
        [id],
        |r| {
            Ok(TicketInfo {
                reference: r.get::<_, i64>(0)? as u64,
                name: r.get(1)?,
                email: r.get(2)?,
                subject: r.get(3)?,
                locale: r.get(4)?,
                status: TicketStatus::parse(&r.get::<_, String>(5)?),
            })
        },
    )
    .optional()
}

/// SQLite behind a mutex: one writer at a time is what SQLite allows anyway.
pub struct Sqlite {
    conn: Mutex<Connection>,
}

impl Sqlite {
    /// Opens (creating if needed) and migrates the database at `path`
    /// (`:memory:` for a throwaway one).
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        // WAL: readers do not block the writer; NORMAL sync is durable
        // across a process crash (the tests kill the server), which is the
        // failure a chat server meets most.
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > MIGRATIONS.len() {
            return Err(StoreError(format!(
                "database schema version {version} is newer than this server knows ({}); refusing to touch it",
                MIGRATIONS.len()
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(Self { conn: Mutex::new(conn) })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T> {
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (transactions roll back), so a poisoned lock is still usable.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        Ok(f(&mut conn)?)
    }
}

fn kind_str(k: AuthorKind) -> &'static str {
    match k {
        AuthorKind::Visitor => "visitor",
        AuthorKind::Bot => "bot",
        AuthorKind::Agent => "agent",
        AuthorKind::System => "system",
    }
}

fn kind_from(s: &str) -> AuthorKind {
    match s {
        "visitor" => AuthorKind::Visitor,
        "bot" => AuthorKind::Bot,
        "agent" => AuthorKind::Agent,
        _ => AuthorKind::System,
    }
}

fn stage_str(s: Stage) -> &'static str {
    match s {
        Stage::Bot => "bot",
        Stage::Waiting => "waiting",
        Stage::Agent => "agent",
    }
}

fn stage_from(s: &str) -> Stage {
    match s {
        "bot" => Stage::Bot,
        "agent" => Stage::Agent,
        _ => Stage::Waiting,
    }
}

fn status_from(s: &str) -> ConversationStatus {
    if s == "resolved" {
        ConversationStatus::Resolved
    } else {
        ConversationStatus::Open
    }
}

fn status_str(s: ConversationStatus) -> &'static str {
    match s {
        ConversationStatus::Open => "open",
        ConversationStatus::Resolved => "resolved",
    }
}

const MESSAGE_COLUMNS: &str = "id, seq, author, name, text, client_id, at, avatar, quick_replies, attachments";

fn row_to_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: format!("m_{}", r.get::<_, i64>(0)?),
        seq: r.get::<_, i64>(1)? as u64,
        author: kind_from(&r.get::<_, String>(2)?),
        name: r.get(3)?,
        text: r.get(4)?,
        client_id: r.get(5)?,
        at: r.get::<_, i64>(6)? as u64,
        avatar: r.get(7)?,
        quick_replies: r
            .get::<_, Option<String>>(8)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default(),
        attachments: r
            .get::<_, Option<String>>(9)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default(),
    })
}

/// `text` cut to `max` characters, with an ellipsis if it was longer.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text.to_string(),
    }
}

/// A file id (`f_12`) as its row id.
fn file_row(id: &str) -> Option<i64> {
    id.strip_prefix("f_")?.parse().ok()
}

fn row_to_attachment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    let id = format!("f_{}", r.get::<_, i64>(0)?);
    Ok(Attachment {
        url: crate::files::url_of(&id),
        id,
        name: r.get(1)?,
        mime: r.get(2)?,
        size: r.get::<_, i64>(3)? as u64,
    })
}

fn summary(conn: &Connection, where_sql: &str, p: &[&dyn rusqlite::ToSql]) -> rusqlite::Result<Vec<Summary>> {
    let sql = format!(
        "SELECT c.id, c.status, c.head_seq, c.created_at, c.updated_at, m.author, m.text, m.at,
                c.stage, c.agent, c.waiting_since, c.locale, c.visitor_read_seq,
                t.reference, t.status, r.scale, r.score
         FROM conversations c
         LEFT JOIN tickets t ON t.reference =
             (SELECT max(reference) FROM tickets WHERE conversation_id = c.id)
         LEFT JOIN ratings r ON r.id =
             (SELECT id FROM ratings WHERE conversation_id = c.id ORDER BY at DESC, id DESC LIMIT 1) LEFT JOIN messages m ON m.conversation_id = c.id AND m.seq = c.head_seq
         {where_sql}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(p, |r| {
        let last = match r.get::<_, Option<String>>(5)? {
            Some(author) => {
                Some(LastMessage { author: kind_from(&author), text: r.get(6)?, at: r.get::<_, i64>(7)? as u64 })
            }
            None => None,
        };
        Ok(Summary {
            id: r.get(0)?,
            status: status_from(&r.get::<_, String>(1)?),
            head_seq: r.get::<_, i64>(2)? as u64,
            created_at: r.get::<_, i64>(3)? as u64,
            updated_at: r.get::<_, i64>(4)? as u64,
            last_message: last,
            visitor_typing: false,
            stage: stage_from(&r.get::<_, String>(8)?),
            agent: r
                .get::<_, Option<String>>(9)?
                .and_then(|json| serde_json::from_str::<Author>(&json).ok())
                .and_then(|a| a.name),
            waiting_since: r.get::<_, Option<i64>>(10)?.map(|t| t as u64),
            locale: r.get(11)?,
            visitor_read_seq: r.get::<_, i64>(12)? as u64,
            ticket: match r.get::<_, Option<i64>>(13)? {
                Some(reference) => Some(TicketBrief {
                    reference: reference as u64,
                    status: TicketStatus::parse(&r.get::<_, String>(14)?),
                }),
                None => None,
            },
            rating: match r.get::<_, Option<String>>(15)? {
                Some(scale) => Some((scale, r.get(16)?)),
                None => None,
            },
        })
    })?;
    rows.collect()
}

impl Store for Sqlite {
    fn visitor_by_token(&self, token_hash: &str) -> Result<Option<Visitor>> {
        self.with(|c| {
            c.query_row(
                "SELECT v.id, c.id FROM visitors v JOIN conversations c ON c.visitor_id = v.id
                 WHERE v.token_hash = ?1 OR v.id = (SELECT visitor_id FROM visitor_tokens WHERE token_hash = ?1)
                 ORDER BY c.updated_at DESC, c.rowid DESC LIMIT 1",
                [token_hash],
                |r| Ok(Visitor { id: r.get(0)?, conversation: r.get(1)? }),
            )
            .optional()
        })
    }

    fn create_visitor(&self, token_hash: &str, conversation: &str, stage: Stage, now: u64) -> Result<Visitor> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO visitors (token_hash, created_at) VALUES (?1, ?2)",
                params![token_hash, now as i64],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO conversations (id, visitor_id, stage, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![conversation, id, stage_str(stage), now as i64],
            )?;
            tx.commit()?;
            Ok(Visitor { id, conversation: conversation.to_string() })
        })
    }

    fn append(&self, conversation: &str, m: NewMessage<'_>) -> Result<(Stored, bool)> {
        self.with(|c| {
            let tx = c.transaction()?;
            if let Some(client_id) = m.client_id {
                let found = tx
                    .query_row(
                        &format!(
                            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?1 AND client_id = ?2"
                        ),
                        params![conversation, client_id],
                        row_to_stored,
                    )
                    .optional()?;
                if let Some(found) = found {
                    return Ok((found, false));
                }
            }
            let seq: i64 = tx.query_row(
                "UPDATE conversations SET head_seq = head_seq + 1, updated_at = ?2 WHERE id = ?1 RETURNING head_seq",
                params![conversation, m.at as i64],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO messages (conversation_id, seq, author, name, text, client_id, at, avatar, quick_replies, attachments)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    conversation,
                    seq,
                    kind_str(m.author),
                    m.name,
                    m.text,
                    m.client_id,
                    m.at as i64,
                    m.avatar,
                    (!m.quick_replies.is_empty()).then(|| serde_json::to_string(m.quick_replies).unwrap_or_default()),
                    (!m.attachments.is_empty()).then(|| serde_json::to_string(m.attachments).unwrap_or_default())
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok((
                Stored {
                    id: format!("m_{id}"),
                    seq: seq as u64,
                    author: m.author,
                    name: m.name.map(str::to_string),
                    text: m.text.to_string(),
                    client_id: m.client_id.map(str::to_string),
                    at: m.at,
                    avatar: m.avatar.map(str::to_string),
                    quick_replies: m.quick_replies.to_vec(),
                    attachments: m.attachments.to_vec(),
                },
                true,
            ))
        })
    }

    fn by_client_id(&self, conversation: &str, client_id: &str) -> Result<Option<Stored>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?1 AND client_id = ?2"),
                params![conversation, client_id],
                row_to_stored,
            )
            .optional()
        })
    }

    fn messages_after(&self, conversation: &str, after: u64, limit: usize) -> Result<Vec<Stored>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"
            ))?;
            let rows =
                stmt.query_map(params![conversation, after.min(i64::MAX as u64) as i64, limit as i64], row_to_stored)?;
            rows.collect()
        })
    }

    fn conversation(&self, id: &str) -> Result<Option<Summary>> {
        self.with(|c| Ok(summary(c, "WHERE c.id = ?1", &[&id])?.pop()))
    }

    fn conversations(&self, limit: usize) -> Result<Vec<Summary>> {
        self.with(|c| summary(c, "ORDER BY c.updated_at DESC, c.id LIMIT ?1", &[&(limit as i64)]))
    }

    fn set_status(&self, id: &str, status: ConversationStatus, now: u64) -> Result<bool> {
        self.with(|c| {
            let n = c.execute(
                "UPDATE conversations SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status != ?2",
                params![id, status_str(status), now as i64],
            )?;
            Ok(n > 0)
        })
    }

    fn handling(&self, id: &str) -> Result<Option<Handling>> {
        self.with(|c| {
            c.query_row(
                "SELECT stage, agent, waiting_since, locale, bot_unhelpful, bot_asked, visitor_read_seq, agent_read_seq
                 FROM conversations WHERE id = ?1",
                [id],
                |r| {
                    Ok(Handling {
                        stage: stage_from(&r.get::<_, String>(0)?),
                        agent: r.get::<_, Option<String>>(1)?.and_then(|json| serde_json::from_str(&json).ok()),
                        waiting_since: r.get::<_, Option<i64>>(2)?.map(|t| t as u64),
                        locale: r.get(3)?,
                        unhelpful: r.get(4)?,
                        asked: r.get(5)?,
                        visitor_read_seq: r.get::<_, i64>(6)? as u64,
                        agent_read_seq: r.get::<_, i64>(7)? as u64,
                    })
                },
            )
            .optional()
        })
    }

    fn set_stage(&self, id: &str, stage: Stage, agent: Option<&Author>, now: u64) -> Result<bool> {
        let agent = agent.filter(|_| stage == Stage::Agent).map(|a| serde_json::to_string(a).unwrap_or_default());
        self.with(|c| {
            let n = c.execute(
                "UPDATE conversations SET stage = ?2, agent = ?3, updated_at = ?4,
                     waiting_since = CASE WHEN ?2 = 'waiting' THEN COALESCE(waiting_since, ?4) END,
                     bot_unhelpful = 0, bot_asked = 0
                 WHERE id = ?1 AND (stage != ?2 OR agent IS NOT ?3)",
                params![id, stage_str(stage), agent, now as i64],
            )?;
            Ok(n > 0)
        })
    }

    fn start_wait(&self, id: &str, now: u64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE conversations SET waiting_since = ?2 WHERE id = ?1 AND stage = 'waiting' AND waiting_since IS NULL",
                params![id, now as i64],
            )?;
            Ok(())
        })
    }

    fn set_locale(&self, id: &str, locale: &str) -> Result<()> {
        self.with(|c| {
            c.execute("UPDATE conversations SET locale = ?2 WHERE id = ?1 AND locale IS NOT ?2", params![id, locale])?;
            Ok(())
        })
    }

    fn set_bot_memory(&self, id: &str, unhelpful: u32, asked: bool) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE conversations SET bot_unhelpful = ?2, bot_asked = ?3 WHERE id = ?1",
                params![id, unhelpful, asked],
            )?;
            Ok(())
        })
    }

    fn set_read(&self, id: &str, by_agent: bool, seq: u64) -> Result<bool> {
        let column = if by_agent { "agent_read_seq" } else { "visitor_read_seq" };
        self.with(|c| {
            let n = c.execute(
                &format!("UPDATE conversations SET {column} = MIN(?2, head_seq) WHERE id = ?1 AND {column} < MIN(?2, head_seq)"),
                params![id, seq.min(i64::MAX as u64) as i64],
            )?;
            Ok(n > 0)
        })
    }

    fn first_responses(&self, since: u64) -> Result<Vec<(u64, u64)>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT v.at, (SELECT MIN(a.at) FROM messages a
                               WHERE a.conversation_id = v.conversation_id AND a.author = 'agent' AND a.seq > v.seq)
                 FROM messages v JOIN conversations c ON c.id = v.conversation_id
                 WHERE c.created_at >= ?1 AND v.author = 'visitor'
                   AND v.seq = (SELECT MIN(seq) FROM messages f WHERE f.conversation_id = v.conversation_id AND f.author = 'visitor')",
            )?;
            let rows = stmt.query_map([since as i64], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)))?;
            rows.filter_map(|r| match r {
                Ok((asked, Some(answered))) => Some(Ok((asked as u64, answered as u64))),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()
        })
    }

    fn record_visit(
        &self,
        id: &str,
        page: Option<(&str, Option<&str>)>,
        time_zone: Option<&str>,
        browser: Option<&str>,
        now: u64,
    ) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE conversations SET time_zone = COALESCE(?2, time_zone), browser = COALESCE(?3, browser) WHERE id = ?1",
                params![id, time_zone, browser],
            )?;
            if let Some((url, title)) = page {
                let last: Option<String> = tx
                    .query_row(
                        "SELECT url FROM page_views WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if last.as_deref() != Some(url) {
                    tx.execute(
                        "INSERT INTO page_views (conversation_id, url, title, at) VALUES (?1, ?2, ?3, ?4)",
                        params![id, url, title, now as i64],
                    )?;
                }
            }
            tx.commit()
        })
    }

    fn visitor_info(&self, id: &str) -> Result<VisitorInfo> {
        self.with(|c| {
            let (locale, time_zone, browser, prechat) = c
                .query_row("SELECT locale, time_zone, browser, prechat FROM conversations WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<String>>(3)?))
                })
                .optional()?
                .unwrap_or((None, None, None, None));
            let prechat = prechat.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
            let mut stmt = c.prepare_cached(
                "SELECT url, title, at FROM page_views WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 20",
            )?;
            let pages = stmt
                .query_map([id], |r| Ok(PageView { url: r.get(0)?, title: r.get(1)?, at: r.get::<_, i64>(2)? as u64 }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let identity = c
                .query_row(
                    "SELECT v.identity FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = ?1",
                    [id],
                    |r| r.get::<_, Option<String>>(0),
                )
                .optional()?
                .flatten()
                .and_then(|json| serde_json::from_str(&json).ok());
            let ticket = newest_ticket(c, id)?;
            let rating = c
                .query_row(
                    "SELECT scale, score, reasons, comment, done, at FROM ratings
                     WHERE conversation_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
                    [id],
                    |r| {
                        Ok(RatingInfo {
                            scale: r.get(0)?,
                            score: r.get(1)?,
                            reasons: r
                                .get::<_, String>(2)?
                                .split(',')
                                .filter(|s| !s.is_empty())
                                .map(String::from)
                                .collect(),
                            comment: r.get(3)?,
                            done: r.get(4)?,
                            at: r.get::<_, i64>(5)? as u64,
                        })
                    },
                )
                .optional()?;
            Ok(VisitorInfo { locale, time_zone, browser, pages, identity, prechat, ticket, rating })
        })
    }

    fn visitor_by_user(&self, user_id: &str) -> Result<Option<Visitor>> {
        self.with(|c| {
            c.query_row(
                "SELECT v.id, c.id FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE v.user_id = ?1
                 ORDER BY c.updated_at DESC, c.rowid DESC LIMIT 1",
                [user_id],
                |r| Ok(Visitor { id: r.get(0)?, conversation: r.get(1)? }),
            )
            .optional()
        })
    }

    fn set_identity(&self, visitor: i64, identity: &Identity) -> Result<()> {
        let json = serde_json::to_string(identity).unwrap_or_default();
        let user = identity.verified.then_some(identity.user_id.as_str());
        self.with(|c| {
            c.execute(
                "UPDATE visitors SET identity = ?2, user_id = COALESCE(?3, user_id) WHERE id = ?1",
                params![visitor, json, user],
            )?;
            Ok(())
        })
    }

    fn set_prechat(&self, id: &str, answers: &std::collections::BTreeMap<String, String>) -> Result<()> {
        let json = serde_json::to_string(answers).unwrap_or_default();
        self.with(|c| {
            c.execute("UPDATE conversations SET prechat = ?2 WHERE id = ?1", params![id, json])?;
            Ok(())
        })
    }

    fn create_ticket(&self, t: &NewTicket<'_>) -> Result<(u64, bool)> {
        self.with(|c| {
            // Looked up first (one connection, so nothing comes between):
            // an `INSERT OR IGNORE` that is ignored may still use up a number.
            let existing: Option<i64> = c
                .query_row(
                    "SELECT reference FROM tickets WHERE conversation_id = ?1 AND client_id = ?2",
                    [t.conversation, t.client_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(reference) = existing {
                return Ok((reference as u64, false));
            }
            c.execute(
                "INSERT INTO tickets (conversation_id, client_id, name, email, subject, locale, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![t.conversation, t.client_id, t.name, t.email, t.subject, t.locale, t.at as i64],
            )?;
            Ok((c.last_insert_rowid() as u64, true))
        })
    }

    fn ticket_of(&self, id: &str) -> Result<Option<TicketInfo>> {
        self.with(|c| newest_ticket(c, id))
    }

    fn rate(&self, id: &str, client_id: &str, r: &RatingInfo) -> Result<bool> {
        self.with(|c| {
            let changed = c.execute(
                "INSERT INTO ratings (conversation_id, client_id, scale, score, reasons, comment, done, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (conversation_id, client_id) DO UPDATE SET
                   scale = excluded.scale, score = excluded.score, reasons = excluded.reasons,
                   comment = excluded.comment, done = excluded.done, at = excluded.at
                 WHERE NOT ratings.done",
                rusqlite::params![id, client_id, r.scale, r.score, r.reasons.join(","), r.comment, r.done, r.at as i64],
            )?;
            Ok(changed == 1)
        })
    }

    fn set_ticket_status(&self, id: &str, status: TicketStatus) -> Result<bool> {
        self.with(|c| {
            let changed = c.execute(
                "UPDATE tickets SET status = ?2 WHERE reference =
                 (SELECT MAX(reference) FROM tickets WHERE conversation_id = ?1)",
                params![id, status.as_str()],
            )?;
            Ok(changed == 1)
        })
    }

    fn add_token(&self, visitor: i64, token_hash: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO visitor_tokens (token_hash, visitor_id) VALUES (?1, ?2)",
                params![token_hash, visitor],
            )?;
            Ok(())
        })
    }

    fn add_file(&self, f: &NewFile<'_>) -> Result<Attachment> {
        self.with(|c| {
            c.execute(
                "INSERT INTO files (conversation_id, hash, name, mime, size, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![f.conversation, f.hash, f.name, f.mime, f.size as i64, f.author, f.at as i64],
            )?;
            let id = format!("f_{}", c.last_insert_rowid());
            Ok(Attachment { url: crate::files::url_of(&id), id, name: f.name.into(), mime: f.mime.into(), size: f.size })
        })
    }

    fn file(&self, id: &str) -> Result<Option<crate::files::FileRecord>> {
        let Some(row) = file_row(id) else { return Ok(None) };
        self.with(|c| {
            c.query_row("SELECT id, name, mime, size, conversation_id, hash FROM files WHERE id = ?1", [row], |r| {
                Ok(crate::files::FileRecord {
                    attachment: row_to_attachment(r)?,
                    conversation: r.get(4)?,
                    hash: r.get(5)?,
                })
            })
            .optional()
        })
    }

    fn files_in(&self, conversation: &str, ids: &[String]) -> Result<Option<Vec<Attachment>>> {
        self.with(|c| {
            let mut stmt =
                c.prepare_cached("SELECT id, name, mime, size FROM files WHERE id = ?1 AND conversation_id = ?2")?;
            let mut out = vec![];
            for id in ids {
                let Some(row) = file_row(id) else { return Ok(None) };
                match stmt.query_row(params![row, conversation], row_to_attachment).optional()? {
                    Some(a) => out.push(a),
                    None => return Ok(None),
                }
            }
            Ok(Some(out))
        })
    }

    fn add_conversation(&self, visitor: i64, id: &str, stage: Stage, now: u64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO conversations (id, visitor_id, stage, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, visitor, stage_str(stage), now as i64],
            )?;
            Ok(())
        })
    }

    fn owner(&self, id: &str) -> Result<Option<i64>> {
        self.with(|c| c.query_row("SELECT visitor_id FROM conversations WHERE id = ?1", [id], |r| r.get(0)).optional())
    }

    fn threads(&self, visitor: i64, limit: usize) -> Result<Vec<salam_core::protocol::Thread>> {
        self.with(|c| {
            let list = summary(
                c,
                "WHERE c.visitor_id = ?1 AND c.head_seq > 0 ORDER BY COALESCE(m.at, c.updated_at) DESC, c.rowid DESC LIMIT ?2",
                &[&visitor, &(limit as i64)],
            )?;
            let mut extra = c.prepare_cached(
                "SELECT (SELECT COUNT(*) FROM messages WHERE conversation_id = ?1 AND seq > ?2 AND author != 'visitor'),
                        (SELECT attachments FROM messages WHERE conversation_id = ?1 AND seq = ?3)",
            )?;
            list.into_iter()
                .map(|t| {
                    let (unread, files): (i64, Option<String>) = extra
                        .query_row(params![t.id, t.visitor_read_seq as i64, t.head_seq as i64], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })?;
                    let last = t.last_message.as_ref();
                    let mut text = last.map(|m| m.text.trim().to_string()).unwrap_or_default();
                    if text.is_empty() {
                        // A message of files alone reads as its files' names.
                        let files: Vec<Attachment> =
                            files.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
                        text = files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
                    }
                    let status = match (&t.ticket, t.status) {
                        (Some(ticket), _) => ticket.status.as_str(),
                        (None, ConversationStatus::Resolved) => "solved",
                        (None, _) => "open",
                    };
                    Ok(salam_core::protocol::Thread {
                        id: t.id.clone(),
                        status: status.into(),
                        text: cut(&text, 140),
                        at: last.map_or(t.updated_at, |m| m.at),
                        unread: unread as u32,
                        reference: t.ticket.as_ref().map(|ticket| ticket.reference),
                    })
                })
                .collect()
        })
    }

    fn waiting(&self) -> Result<Vec<String>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                // Two that started waiting in the same millisecond: the older
                // conversation first (rowid), not a random id's order.
                "SELECT id FROM conversations WHERE stage = 'waiting' AND waiting_since IS NOT NULL
                 ORDER BY waiting_since, rowid",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg<'a>(text: &'a str, client_id: Option<&'a str>) -> NewMessage<'a> {
        NewMessage {
            author: AuthorKind::Visitor,
            name: None,
            text,
            client_id,
            at: 1,
            avatar: None,
            quick_replies: &[],
            attachments: &[],
        }
    }

    #[test]
    fn sequence_numbers_run_per_conversation_and_client_ids_dedupe() {
        let s = Sqlite::open(Path::new(":memory:")).unwrap();
        s.create_visitor("h1", "k1", Stage::Bot, 0).unwrap();
        s.create_visitor("h2", "k2", Stage::Bot, 0).unwrap();
        let (a, new_a) = s.append("k1", msg("a", Some("c1"))).unwrap();
        let (again, new_again) = s.append("k1", msg("a", Some("c1"))).unwrap();
        let (b, _) = s.append("k2", msg("b", Some("c1"))).unwrap();
        let (c, _) = s.append("k1", msg("c", None)).unwrap();
        assert!(new_a && !new_again);
        assert_eq!(a, again, "a retransmission gets the original back");
        assert_eq!((a.seq, b.seq, c.seq), (1, 1, 2));
        assert_eq!(
            s.messages_after("k1", 0, 10).unwrap().iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(s.messages_after("k1", 1, 10).unwrap().len(), 1);
        assert_eq!(s.visitor_by_token("h2").unwrap().unwrap().conversation, "k2");
        assert_eq!(s.visitor_by_token("nope").unwrap(), None);
    }

    #[test]
    fn a_restart_keeps_everything_and_migrations_run_once() {
        let path = std::env::temp_dir().join(format!("salam-store-test-{}.sqlite3", std::process::id()));
        let _ = std::fs::remove_file(&path);
        {
            let s = Sqlite::open(&path).unwrap();
            s.create_visitor("h1", "k1", Stage::Bot, 0).unwrap();
            s.append("k1", msg("kept", Some("c1"))).unwrap();
            assert!(s.set_status("k1", ConversationStatus::Resolved, 5).unwrap());
            assert!(!s.set_status("k1", ConversationStatus::Resolved, 6).unwrap(), "no change, no event");
        }
        let s = Sqlite::open(&path).unwrap();
        assert_eq!(s.messages_after("k1", 0, 10).unwrap()[0].text, "kept");
        let (m, new) = s.append("k1", msg("kept", Some("c1"))).unwrap();
        assert!(!new && m.seq == 1, "dedupe survives the restart");
        let list = s.conversations(10).unwrap();
        assert_eq!(list[0].status, ConversationStatus::Resolved);
        assert_eq!(list[0].last_message.as_ref().unwrap().text, "kept");
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }
}
