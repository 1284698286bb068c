//! Storage: visitors, conversations and messages.
//!
//! [`Store`] is the seam: the server calls only its methods, all async.
//! It runs on two databases, chosen by `--db`:
//!
//! - **SQLite** (the default): embedded, one file, created on first start.
//!   One connection: SQLite allows one writer at a time anyway, and a
//!   transaction that reads and then writes would otherwise fail with
//!   `SQLITE_BUSY` rather than wait. Callers queue for it without blocking
//!   a thread.
//! - **PostgreSQL** (`--db postgres://...`): a pool, for several server
//!   instances over one database.
//!
//! Both go through sqlx's `Any` driver with one set of queries, written in
//! the SQL both speak (`$1` parameters, `RETURNING`, `ON CONFLICT`,
//! `IS DISTINCT FROM`); each database has its own migrations, because
//! their DDL differs (`INTEGER PRIMARY KEY` against identity columns).
//! Integers are stored as 64-bit (`BIGINT`) and flags as 0 or 1, the types
//! both databases hand back alike.

use salam_core::protocol::agent::{
    Canned, Identity, LastMessage, Note, PageView, RatingInfo, Summary, TicketBrief, TicketInfo, TicketStatus,
    VisitorInfo,
};
use salam_core::protocol::{Attachment, Author, AuthorKind, ConversationStatus, ServerFrame, Stage};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// A storage failure, worded for the log.
#[derive(Debug)]
pub struct StoreError(pub String);

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
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

/// What [`Store::append`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The message as stored (the earlier one, for a retransmission).
    pub message: Stored,
    /// Whether it is new.
    pub new: bool,
    /// Who handles the conversation (as before this message).
    pub handling: Handling,
    /// Open or resolved (as before this message).
    pub status: ConversationStatus,
    /// The status of the conversation's newest ticket, if it has one.
    pub ticket: Option<TicketStatus>,
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

/// SQLite's schema changes, in order; `PRAGMA user_version` says how many
/// ran. Append only: a released migration never changes.
const SQLITE_MIGRATIONS: &[&str] = &[
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
    // 10: a visitor's conversations, looked up at every `hello`.
    "CREATE INDEX conversations_by_visitor ON conversations(visitor_id, updated_at);",
    // 11: agents' accounts, their sessions and API tokens, and the audit log.
    "CREATE TABLE agents (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        avatar TEXT,
        team TEXT,
        role TEXT NOT NULL DEFAULT 'agent',
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agents(id),
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    );
    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agents(id),
        label TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        agent_id INTEGER REFERENCES agents(id),
        agent TEXT,
        action TEXT NOT NULL,
        target TEXT,
        ip TEXT
    );",
    // 12: internal notes, and canned responses.
    "CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        after_seq INTEGER NOT NULL,
        agent_id INTEGER REFERENCES agents(id),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX notes_by_conversation ON notes(conversation_id, id);
    CREATE TABLE canned (
        id INTEGER PRIMARY KEY,
        shortcut TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );",
    // 13: one-use tickets that open a visitor's event stream (no token in a URL).
    "CREATE TABLE stream_tickets (
        ticket_hash TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    );",
    // 14: assignment: who a conversation is assigned to, and each agent's
    // presence (for round-robin, and shared by every instance).
    "ALTER TABLE conversations ADD COLUMN assignee_id INTEGER REFERENCES agents(id);
    CREATE INDEX conversations_by_assignee ON conversations(assignee_id) WHERE assignee_id IS NOT NULL;
    CREATE TABLE agent_presence (
        agent_id INTEGER PRIMARY KEY REFERENCES agents(id),
        status TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        last_assigned_at INTEGER
    );",
    // 15: when a conversation was resolved (for the figures).
    "ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;
    CREATE INDEX conversations_by_creation ON conversations(created_at);",
];

/// PostgreSQL's schema changes, in order; the table `salam_schema` says how
/// many ran. Append only. The first is SQLite's ten at once.
const POSTGRES_MIGRATIONS: &[&str] = &[
    // 1: the schema as SQLite's migrations 1 to 10 leave it.
    "CREATE TABLE visitors (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        user_id TEXT,
        identity TEXT
    );
    CREATE UNIQUE INDEX visitors_by_user ON visitors(user_id) WHERE user_id IS NOT NULL;
    CREATE TABLE visitor_tokens (
        token_hash TEXT PRIMARY KEY,
        visitor_id BIGINT NOT NULL REFERENCES visitors(id)
    );
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        visitor_id BIGINT NOT NULL REFERENCES visitors(id),
        status TEXT NOT NULL DEFAULT 'open',
        head_seq BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'bot',
        agent TEXT,
        waiting_since BIGINT,
        locale TEXT,
        bot_unhelpful BIGINT NOT NULL DEFAULT 0,
        bot_asked BIGINT NOT NULL DEFAULT 0,
        visitor_read_seq BIGINT NOT NULL DEFAULT 0,
        agent_read_seq BIGINT NOT NULL DEFAULT 0,
        time_zone TEXT,
        browser TEXT,
        prechat TEXT
    );
    CREATE INDEX conversations_by_activity ON conversations(updated_at DESC);
    CREATE INDEX conversations_waiting ON conversations(waiting_since) WHERE stage = 'waiting';
    CREATE INDEX conversations_by_visitor ON conversations(visitor_id, updated_at);
    CREATE TABLE messages (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq BIGINT NOT NULL,
        author TEXT NOT NULL,
        name TEXT,
        text TEXT NOT NULL,
        client_id TEXT,
        at BIGINT NOT NULL,
        avatar TEXT,
        quick_replies TEXT,
        attachments TEXT,
        UNIQUE (conversation_id, seq),
        UNIQUE (conversation_id, client_id)
    );
    CREATE TABLE page_views (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        url TEXT NOT NULL,
        title TEXT,
        at BIGINT NOT NULL
    );
    CREATE INDEX page_views_by_conversation ON page_views(conversation_id, id);
    CREATE TABLE tickets (
        reference BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1001) PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        client_id TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        subject TEXT NOT NULL,
        locale TEXT,
        status TEXT NOT NULL DEFAULT 'open',
        created_at BIGINT NOT NULL,
        UNIQUE (conversation_id, client_id)
    );
    CREATE INDEX tickets_by_conversation ON tickets(conversation_id, reference);
    CREATE TABLE ratings (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        client_id TEXT NOT NULL,
        scale TEXT NOT NULL,
        score BIGINT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        done BIGINT NOT NULL DEFAULT 0,
        at BIGINT NOT NULL,
        UNIQUE (conversation_id, client_id)
    );
    CREATE TABLE files (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size BIGINT NOT NULL,
        author TEXT NOT NULL,
        at BIGINT NOT NULL
    );
    CREATE INDEX files_by_conversation ON files(conversation_id);",
    // 2: what several instances share: rate limits, and the bus's batches
    // too big for a notification.
    "CREATE TABLE rate_buckets (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        at BIGINT NOT NULL
    );
    CREATE TABLE bus_payloads (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        body TEXT NOT NULL,
        at BIGINT NOT NULL
    );", // 3: agents' accounts, their sessions and API tokens, and the audit log.
    "CREATE TABLE agents (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        avatar TEXT,
        team TEXT,
        role TEXT NOT NULL DEFAULT 'agent',
        password_hash TEXT NOT NULL,
        disabled BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        agent_id BIGINT NOT NULL REFERENCES agents(id),
        csrf TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
    );
    CREATE TABLE api_tokens (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agent_id BIGINT NOT NULL REFERENCES agents(id),
        label TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT,
        revoked BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        agent_id BIGINT REFERENCES agents(id),
        agent TEXT,
        action TEXT NOT NULL,
        target TEXT,
        ip TEXT
    );",
    // 4: internal notes, and canned responses.
    "CREATE TABLE notes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        after_seq BIGINT NOT NULL,
        agent_id BIGINT REFERENCES agents(id),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at BIGINT NOT NULL
    );
    CREATE INDEX notes_by_conversation ON notes(conversation_id, id);
    CREATE TABLE canned (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        shortcut TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        updated_at BIGINT NOT NULL
    );",
    // 5: one-use tickets that open a visitor's event stream (no token in a URL).
    "CREATE TABLE stream_tickets (
        ticket_hash TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL,
        expires_at BIGINT NOT NULL
    );",
    // 6: assignment.
    "ALTER TABLE conversations ADD COLUMN assignee_id BIGINT REFERENCES agents(id);
    CREATE INDEX conversations_by_assignee ON conversations(assignee_id) WHERE assignee_id IS NOT NULL;
    CREATE TABLE agent_presence (
        agent_id BIGINT PRIMARY KEY REFERENCES agents(id),
        status TEXT NOT NULL,
        seen_at BIGINT NOT NULL,
        last_assigned_at BIGINT
    );",
    // 7: when a conversation was resolved (for the figures).
    "ALTER TABLE conversations ADD COLUMN resolved_at BIGINT;
    CREATE INDEX conversations_by_creation ON conversations(created_at);",
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

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded, one file.
    Sqlite,
    /// A server, shared by several instances.
    Postgres,
}

/// The server's storage (see the module's page). Cheap to clone: the pool
/// is shared.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// With PostgreSQL, its URL (the bus listens on a connection of its own).
    postgres_url: Option<String>,
}

/// `sqlx::query`, under a short name: every method starts with one.
fn q(sql: &str) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query(sql)
}

/// Column `i` as a non-negative number (stored as a 64-bit integer).
fn u(r: &AnyRow, i: usize) -> sqlx::Result<u64> {
    Ok(r.try_get::<i64, _>(i)?.max(0) as u64)
}

/// Column `i`, possibly NULL, as a non-negative number.
fn opt_u(r: &AnyRow, i: usize) -> sqlx::Result<Option<u64>> {
    Ok(r.try_get::<Option<i64>, _>(i)?.map(|n| n.max(0) as u64))
}

/// Column `i` as text.
fn s(r: &AnyRow, i: usize) -> sqlx::Result<String> {
    r.try_get(i)
}

/// Column `i`, possibly NULL, as text.
fn opt_s(r: &AnyRow, i: usize) -> sqlx::Result<Option<String>> {
    r.try_get(i)
}

/// Column `i`, a 0-or-1 flag (neither database's boolean reads back alike
/// through `Any`).
fn flag(r: &AnyRow, i: usize) -> sqlx::Result<bool> {
    Ok(r.try_get::<i64, _>(i)? != 0)
}

/// A number as the database stores it.
fn db_int(n: u64) -> i64 {
    n.min(i64::MAX as u64) as i64
}

/// The `sqlite:` URL of a file (any path: the characters a URL would read
/// as its query or fragment are escaped).
fn sqlite_url(path: &str) -> Result<String> {
    if path == ":memory:" {
        return Ok("sqlite::memory:".into());
    }
    let absolute = std::path::absolute(path).map_err(|e| StoreError(format!("{path}: {e}")))?;
    const ESCAPED: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'?').add(b'#').add(b'%').add(b'"').add(b'<').add(b'>');
    let encoded = percent_encoding::utf8_percent_encode(&absolute.to_string_lossy(), ESCAPED).to_string();
    Ok(format!("sqlite:{encoded}?mode=rwc"))
}

impl Store {
    /// Opens (creating if needed) and migrates the database `db`: a
    /// `postgres://` (or `postgresql://`) URL, or else a SQLite file's path
    /// (`:memory:` for a throwaway one).
    pub async fn open(db: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let postgres = db.starts_with("postgres://") || db.starts_with("postgresql://");
        let store = if postgres {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                // No ping before each use: a round trip per statement. A
                // connection that broke fails its one statement and is
                // dropped from the pool.
                .test_before_acquire(false)
                .connect(db)
                .await?;
            Self { pool, backend: Backend::Postgres, postgres_url: Some(db.to_string()) }
        } else {
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                // No ping before each use: a hop to SQLite's thread and back
                // per statement, which doubled the cost of a message.
                .test_before_acquire(false)
                // The one connection lives as long as the server: an
                // in-memory database goes with its last connection.
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect(&sqlite_url(db)?)
                .await?;
            // WAL: readers do not block the writer; NORMAL sync is durable
            // across a process crash (the tests kill the server), the failure
            // a chat server meets most. (sqlx turns foreign keys on.) Set on
            // the pool's one connection; WAL stays with the file.
            sqlx::raw_sql("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;").execute(&pool).await?;
            Self { pool, backend: Backend::Sqlite, postgres_url: None }
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// With PostgreSQL, its URL.
    pub fn postgres_url(&self) -> Option<&str> {
        self.postgres_url.as_deref()
    }

    /// Runs the migrations this database has not run, each in its own
    /// transaction. Refuses a database migrated by a newer server.
    async fn migrate(&self) -> Result<()> {
        let (migrations, read, write) = match self.backend {
            Backend::Sqlite => (SQLITE_MIGRATIONS, "PRAGMA user_version", "PRAGMA user_version = {}"),
            Backend::Postgres => {
                sqlx::raw_sql("CREATE TABLE IF NOT EXISTS salam_schema (version BIGINT NOT NULL);")
                    .execute(&self.pool)
                    .await?;
                (
                    POSTGRES_MIGRATIONS,
                    "SELECT COALESCE(MAX(version), 0) FROM salam_schema",
                    "DELETE FROM salam_schema; INSERT INTO salam_schema (version) VALUES ({})",
                )
            }
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            // Two instances starting at once: the second waits here, then
            // finds the work done.
            sqlx::raw_sql("SELECT pg_advisory_xact_lock(7273116)").execute(&mut *tx).await?;
        }
        let version = q(read).fetch_one(&mut *tx).await?.try_get::<i64, _>(0)? as usize;
        if version > migrations.len() {
            return Err(StoreError(format!(
                "database schema version {version} is newer than this server knows ({}); refusing to touch it",
                migrations.len()
            )));
        }
        for (i, sql) in migrations.iter().enumerate().skip(version) {
            sqlx::raw_sql(sql).execute(&mut *tx).await?;
            sqlx::raw_sql(&write.replace("{}", &(i + 1).to_string())).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
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

fn row_to_stored(r: &AnyRow) -> sqlx::Result<Stored> {
    Ok(Stored {
        id: format!("m_{}", r.try_get::<i64, _>(0)?),
        seq: u(r, 1)?,
        author: kind_from(&s(r, 2)?),
        name: opt_s(r, 3)?,
        text: s(r, 4)?,
        client_id: opt_s(r, 5)?,
        at: u(r, 6)?,
        avatar: opt_s(r, 7)?,
        quick_replies: opt_s(r, 8)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default(),
        attachments: opt_s(r, 9)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default(),
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

fn row_to_attachment(r: &AnyRow) -> sqlx::Result<Attachment> {
    let id = format!("f_{}", r.try_get::<i64, _>(0)?);
    Ok(Attachment { url: crate::files::url_of(&id), id, name: s(r, 1)?, mime: s(r, 2)?, size: u(r, 3)? })
}

fn row_to_summary(r: &AnyRow) -> sqlx::Result<Summary> {
    let last = match opt_s(r, 5)? {
        Some(author) => Some(LastMessage { author: kind_from(&author), text: s(r, 6)?, at: u(r, 7)? }),
        None => None,
    };
    Ok(Summary {
        id: s(r, 0)?,
        status: status_from(&s(r, 1)?),
        head_seq: u(r, 2)?,
        created_at: u(r, 3)?,
        updated_at: u(r, 4)?,
        last_message: last,
        visitor_typing: false,
        stage: stage_from(&s(r, 8)?),
        agent: opt_s(r, 9)?.and_then(|json| serde_json::from_str::<Author>(&json).ok()).and_then(|a| a.name),
        waiting_since: opt_u(r, 10)?,
        locale: opt_s(r, 11)?,
        visitor_read_seq: u(r, 12)?,
        ticket: match opt_u(r, 13)? {
            Some(reference) => Some(TicketBrief { reference, status: TicketStatus::parse(&s(r, 14)?) }),
            None => None,
        },
        rating: match opt_s(r, 15)? {
            Some(scale) => Some((scale, u(r, 16)?.min(255) as u8)),
            None => None,
        },
        assignee: match r.try_get::<Option<i64>, _>(17)? {
            Some(id) => Some((id, s(r, 18)?)),
            None => None,
        },
    })
}

/// The conversation summaries `where_sql` (a `WHERE`, `ORDER BY` and
/// `LIMIT`, with `$` parameters) picks.
fn summary_sql(where_sql: &str) -> String {
    format!(
        "SELECT c.id, c.status, c.head_seq, c.created_at, c.updated_at, m.author, m.text, m.at,
                c.stage, c.agent, c.waiting_since, c.locale, c.visitor_read_seq,
                t.reference, t.status, r.scale, r.score, c.assignee_id, g.name
         FROM conversations c
         LEFT JOIN agents g ON g.id = c.assignee_id
         LEFT JOIN tickets t ON t.reference =
             (SELECT max(reference) FROM tickets WHERE conversation_id = c.id)
         LEFT JOIN ratings r ON r.id =
             (SELECT id FROM ratings WHERE conversation_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
         LEFT JOIN messages m ON m.conversation_id = c.id AND m.seq = c.head_seq
         {where_sql}"
    )
}

fn row_to_ticket(r: &AnyRow) -> sqlx::Result<TicketInfo> {
    Ok(TicketInfo {
        reference: u(r, 0)?,
        name: s(r, 1)?,
        email: s(r, 2)?,
        subject: s(r, 3)?,
        locale: opt_s(r, 4)?,
        status: TicketStatus::parse(&s(r, 5)?),
    })
}

const NEWEST_TICKET: &str = "SELECT reference, name, email, subject, locale, status FROM tickets
     WHERE conversation_id = $1 ORDER BY reference DESC LIMIT 1";

/// A visitor and a conversation, from `SELECT visitor_id, conversation_id`.
fn row_to_visitor(r: &AnyRow) -> sqlx::Result<Visitor> {
    Ok(Visitor { id: r.try_get(0)?, conversation: s(r, 1)? })
}

impl Store {
    /// The visitor holding the token with this hash, in the conversation
    /// last written to.
    pub async fn visitor_by_token(&self, token_hash: &str) -> Result<Option<Visitor>> {
        let row = q("SELECT v.id, c.id FROM visitors v JOIN conversations c ON c.visitor_id = v.id
             WHERE v.token_hash = $1 OR v.id = (SELECT visitor_id FROM visitor_tokens WHERE token_hash = $1)
             ORDER BY c.updated_at DESC, c.created_at DESC, c.id DESC LIMIT 1")
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(row_to_visitor).transpose()?)
    }

    /// A new visitor with a new, empty conversation, handled first by `stage`.
    pub async fn create_visitor(
        &self,
        token_hash: &str,
        conversation: &str,
        stage: Stage,
        now: u64,
    ) -> Result<Visitor> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = q("INSERT INTO visitors (token_hash, created_at) VALUES ($1, $2) RETURNING id")
            .bind(token_hash)
            .bind(db_int(now))
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        q("INSERT INTO conversations (id, visitor_id, stage, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
            .bind(conversation)
            .bind(id)
            .bind(stage_str(stage))
            .bind(db_int(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Visitor { id, conversation: conversation.to_string() })
    }

    /// Appends a message with the next sequence number. With a `client_id`
    /// seen before in this conversation, returns the stored one, not new.
    /// Says, too, who handles the conversation and its status, read in the
    /// same statement (a message's follow-ups need them).
    pub async fn append(&self, conversation: &str, m: NewMessage<'_>) -> Result<Appended> {
        let mut tx = self.pool.begin().await?;
        // The conversation's row first: its lock holds back another
        // instance appending to it until this one commits, so the insert
        // below meets that one's message (a retransmission racing itself).
        let r = q("UPDATE conversations SET head_seq = head_seq + 1, updated_at = $2 WHERE id = $1
             RETURNING head_seq, status, stage, agent, waiting_since, locale, bot_unhelpful, bot_asked,
                       visitor_read_seq, agent_read_seq,
                       (SELECT t.status FROM tickets t WHERE t.conversation_id = conversations.id
                        ORDER BY t.reference DESC LIMIT 1)")
        .bind(conversation)
        .bind(db_int(m.at))
        .fetch_one(&mut *tx)
        .await?;
        let seq = u(&r, 0)?;
        let status = status_from(&s(&r, 1)?);
        let handling = Handling {
            stage: stage_from(&s(&r, 2)?),
            agent: opt_s(&r, 3)?.and_then(|json| serde_json::from_str(&json).ok()),
            waiting_since: opt_u(&r, 4)?,
            locale: opt_s(&r, 5)?,
            unhelpful: u(&r, 6)?.min(u32::MAX as u64) as u32,
            asked: flag(&r, 7)?,
            visitor_read_seq: u(&r, 8)?,
            agent_read_seq: u(&r, 9)?,
        };
        let ticket = opt_s(&r, 10)?.map(|s| TicketStatus::parse(&s));
        let inserted = q("INSERT INTO messages (conversation_id, seq, author, name, text, client_id, at, avatar, quick_replies, attachments)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (conversation_id, client_id) DO NOTHING RETURNING id")
        .bind(conversation)
        .bind(db_int(seq))
        .bind(kind_str(m.author))
        .bind(m.name)
        .bind(m.text)
        .bind(m.client_id)
        .bind(db_int(m.at))
        .bind(m.avatar)
        .bind((!m.quick_replies.is_empty()).then(|| serde_json::to_string(m.quick_replies).unwrap_or_default()))
        .bind((!m.attachments.is_empty()).then(|| serde_json::to_string(m.attachments).unwrap_or_default()))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(inserted) = inserted else {
            // Sent before: the number taken above goes back, and the stored
            // message is the answer.
            tx.rollback().await?;
            let client_id = m.client_id.unwrap_or_default();
            let message = self
                .by_client_id(conversation, client_id)
                .await?
                .ok_or_else(|| StoreError(format!("message {client_id} of {conversation} both exists and does not")))?;
            return Ok(Appended { message, new: false, handling, status, ticket });
        };
        let id: i64 = inserted.try_get(0)?;
        tx.commit().await?;
        let message = Stored {
            id: format!("m_{id}"),
            seq,
            author: m.author,
            name: m.name.map(str::to_string),
            text: m.text.to_string(),
            client_id: m.client_id.map(str::to_string),
            at: m.at,
            avatar: m.avatar.map(str::to_string),
            quick_replies: m.quick_replies.to_vec(),
            attachments: m.attachments.to_vec(),
        };
        Ok(Appended { message, new: true, handling, status, ticket })
    }

    /// The message sent with this idempotency key, if stored.
    pub async fn by_client_id(&self, conversation: &str, client_id: &str) -> Result<Option<Stored>> {
        let row = q(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND client_id = $2"))
            .bind(conversation)
            .bind(client_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(row_to_stored).transpose()?)
    }

    /// Messages with `seq > after`, oldest first, at most `limit`.
    pub async fn messages_after(&self, conversation: &str, after: u64, limit: usize) -> Result<Vec<Stored>> {
        let rows = q(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
        ))
        .bind(conversation)
        .bind(db_int(after))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(row_to_stored).collect::<sqlx::Result<_>>()?)
    }

    /// One conversation.
    pub async fn conversation(&self, id: &str) -> Result<Option<Summary>> {
        let row = q(&summary_sql("WHERE c.id = $1")).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(row_to_summary).transpose()?)
    }

    /// All conversations, most recently active first.
    pub async fn conversations(&self, limit: usize) -> Result<Vec<Summary>> {
        let rows = q(&summary_sql("ORDER BY c.updated_at DESC, c.id LIMIT $1"))
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(row_to_summary).collect::<sqlx::Result<_>>()?)
    }

    /// Resolves or reopens. Returns whether it changed.
    pub async fn set_status(&self, id: &str, status: ConversationStatus, now: u64) -> Result<bool> {
        let done = q("UPDATE conversations SET status = $2, updated_at = $3,
                 resolved_at = CASE WHEN $2 = 'resolved' THEN $3 END
             WHERE id = $1 AND status != $2")
        .bind(id)
        .bind(status_str(status))
        .bind(db_int(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Who handles the conversation.
    pub async fn handling(&self, id: &str) -> Result<Option<Handling>> {
        let row =
            q("SELECT stage, agent, waiting_since, locale, bot_unhelpful, bot_asked, visitor_read_seq, agent_read_seq
             FROM conversations WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(Handling {
            stage: stage_from(&s(&r, 0)?),
            agent: opt_s(&r, 1)?.and_then(|json| serde_json::from_str(&json).ok()),
            waiting_since: opt_u(&r, 2)?,
            locale: opt_s(&r, 3)?,
            unhelpful: u(&r, 4)?.min(u32::MAX as u64) as u32,
            asked: flag(&r, 5)?,
            visitor_read_seq: u(&r, 6)?,
            agent_read_seq: u(&r, 7)?,
        }))
    }

    /// Moves the conversation to `stage` (with `agent` for an agent);
    /// entering `waiting` starts its wait at `now`. Returns whether the
    /// stage or the agent changed.
    pub async fn set_stage(&self, id: &str, stage: Stage, agent: Option<&Author>, now: u64) -> Result<bool> {
        let agent = agent.filter(|_| stage == Stage::Agent).map(|a| serde_json::to_string(a).unwrap_or_default());
        let done = q("UPDATE conversations SET stage = $2, agent = $3, updated_at = $4,
                 waiting_since = CASE WHEN $2 = 'waiting' THEN COALESCE(waiting_since, $4) END,
                 bot_unhelpful = 0, bot_asked = 0
             WHERE id = $1 AND (stage != $2 OR agent IS DISTINCT FROM $3)")
        .bind(id)
        .bind(stage_str(stage))
        .bind(agent)
        .bind(db_int(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Starts the wait of a waiting conversation (its visitor wrote), if not started.
    pub async fn start_wait(&self, id: &str, now: u64) -> Result<()> {
        q("UPDATE conversations SET waiting_since = $2 WHERE id = $1 AND stage = 'waiting' AND waiting_since IS NULL")
            .bind(id)
            .bind(db_int(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores the visitor's language.
    pub async fn set_locale(&self, id: &str, locale: &str) -> Result<()> {
        q("UPDATE conversations SET locale = $2 WHERE id = $1 AND locale IS DISTINCT FROM $2")
            .bind(id)
            .bind(locale)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores what the bot remembers.
    pub async fn set_bot_memory(&self, id: &str, unhelpful: u32, asked: bool) -> Result<()> {
        q("UPDATE conversations SET bot_unhelpful = $2, bot_asked = $3 WHERE id = $1")
            .bind(id)
            .bind(unhelpful as i64)
            .bind(asked as i64)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Moves one side's read mark up to `seq` (never down, never past the
    /// newest message). Returns whether it moved.
    pub async fn set_read(&self, id: &str, by_agent: bool, seq: u64) -> Result<bool> {
        let column = if by_agent { "agent_read_seq" } else { "visitor_read_seq" };
        // (SQLite's two-argument MIN is PostgreSQL's LEAST: a CASE is both.)
        let capped = "CASE WHEN $2 < head_seq THEN $2 ELSE head_seq END";
        let done = q(&format!("UPDATE conversations SET {column} = {capped} WHERE id = $1 AND {column} < {capped}"))
            .bind(id)
            .bind(db_int(seq))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// For conversations created since `since` (ms) that an agent answered:
    /// when the visitor first wrote, and when an agent first replied after.
    pub async fn first_responses(&self, since: u64) -> Result<Vec<(u64, u64)>> {
        let rows = q("SELECT v.at, (SELECT MIN(a.at) FROM messages a
                           WHERE a.conversation_id = v.conversation_id AND a.author = 'agent' AND a.seq > v.seq)
             FROM messages v JOIN conversations c ON c.id = v.conversation_id
             WHERE c.created_at >= $1 AND v.author = 'visitor'
               AND v.seq = (SELECT MIN(seq) FROM messages f WHERE f.conversation_id = v.conversation_id AND f.author = 'visitor')")
        .bind(db_int(since))
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in &rows {
            if let Some(answered) = opt_u(r, 1)? {
                out.push((u(r, 0)?, answered));
            }
        }
        Ok(out)
    }

    /// Records where the visitor is: a page (unless it is the last one
    /// again: a reconnect, a reload), their time zone and browser.
    pub async fn record_visit(
        &self,
        id: &str,
        page: Option<(&str, Option<&str>)>,
        time_zone: Option<&str>,
        browser: Option<&str>,
        now: u64,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        q("UPDATE conversations SET time_zone = COALESCE($2, time_zone), browser = COALESCE($3, browser) WHERE id = $1")
            .bind(id)
            .bind(time_zone)
            .bind(browser)
            .execute(&mut *tx)
            .await?;
        if let Some((url, title)) = page {
            let last = q("SELECT url FROM page_views WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if last.as_ref().map(|r| s(r, 0)).transpose()?.as_deref() != Some(url) {
                q("INSERT INTO page_views (conversation_id, url, title, at) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(url)
                    .bind(title)
                    .bind(db_int(now))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// What the console shows about the visitor of conversation `id`.
    pub async fn visitor_info(&self, id: &str) -> Result<VisitorInfo> {
        let row = q("SELECT c.locale, c.time_zone, c.browser, c.prechat, v.identity
             FROM conversations c JOIN visitors v ON v.id = c.visitor_id WHERE c.id = $1")
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let (locale, time_zone, browser, prechat, identity) = match &row {
            Some(r) => (opt_s(r, 0)?, opt_s(r, 1)?, opt_s(r, 2)?, opt_s(r, 3)?, opt_s(r, 4)?),
            None => (None, None, None, None, None),
        };
        let prechat = prechat.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
        let identity = identity.and_then(|json| serde_json::from_str(&json).ok());
        let pages = q("SELECT url, title, at FROM page_views WHERE conversation_id = $1 ORDER BY id DESC LIMIT 20")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(PageView { url: s(r, 0)?, title: opt_s(r, 1)?, at: u(r, 2)? }))
            .collect::<sqlx::Result<Vec<_>>>()?;
        let ticket = self.ticket_of(id).await?;
        let rating = q("SELECT scale, score, reasons, comment, done, at FROM ratings
             WHERE conversation_id = $1 ORDER BY at DESC, id DESC LIMIT 1")
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| {
            Ok::<_, sqlx::Error>(RatingInfo {
                scale: s(&r, 0)?,
                score: u(&r, 1)?.min(255) as u8,
                reasons: s(&r, 2)?.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
                comment: s(&r, 3)?,
                done: flag(&r, 4)?,
                at: u(&r, 5)?,
            })
        })
        .transpose()?;
        Ok(VisitorInfo { locale, time_zone, browser, pages, identity, prechat, ticket, rating })
    }

    /// The visitor a (verified) user id belongs to, in the conversation last
    /// written to.
    pub async fn visitor_by_user(&self, user_id: &str) -> Result<Option<Visitor>> {
        let row =
            q("SELECT v.id, c.id FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE v.user_id = $1
             ORDER BY c.updated_at DESC, c.created_at DESC, c.id DESC LIMIT 1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(row_to_visitor).transpose()?)
    }

    /// Stores who the visitor says they are; a verified one is bound to
    /// its user id (one visitor per user).
    pub async fn set_identity(&self, visitor: i64, identity: &Identity) -> Result<()> {
        let json = serde_json::to_string(identity).unwrap_or_default();
        let user = identity.verified.then_some(identity.user_id.as_str());
        q("UPDATE visitors SET identity = $2, user_id = COALESCE($3, user_id) WHERE id = $1")
            .bind(visitor)
            .bind(json)
            .bind(user)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the pre-chat form's answers.
    pub async fn set_prechat(&self, id: &str, answers: &std::collections::BTreeMap<String, String>) -> Result<()> {
        let json = serde_json::to_string(answers).unwrap_or_default();
        q("UPDATE conversations SET prechat = $2 WHERE id = $1").bind(id).bind(json).execute(&self.pool).await?;
        Ok(())
    }

    /// Makes the ticket (once per client id in a conversation); returns its
    /// reference and whether it is new.
    pub async fn create_ticket(&self, t: &NewTicket<'_>) -> Result<(u64, bool)> {
        let existing = "SELECT reference FROM tickets WHERE conversation_id = $1 AND client_id = $2";
        // Looked up first: an insert that is ignored may still use up a
        // number.
        if let Some(r) = q(existing).bind(t.conversation).bind(t.client_id).fetch_optional(&self.pool).await? {
            return Ok((u(&r, 0)?, false));
        }
        let made = q("INSERT INTO tickets (conversation_id, client_id, name, email, subject, locale, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (conversation_id, client_id) DO NOTHING RETURNING reference")
        .bind(t.conversation)
        .bind(t.client_id)
        .bind(t.name)
        .bind(t.email)
        .bind(t.subject)
        .bind(t.locale)
        .bind(db_int(t.at))
        .fetch_optional(&self.pool)
        .await?;
        match made {
            Some(r) => Ok((u(&r, 0)?, true)),
            // Another instance made it in between.
            None => {
                let r = q(existing).bind(t.conversation).bind(t.client_id).fetch_one(&self.pool).await?;
                Ok((u(&r, 0)?, false))
            }
        }
    }

    /// The newest ticket of a conversation, if it has one.
    pub async fn ticket_of(&self, id: &str) -> Result<Option<TicketInfo>> {
        let row = q(NEWEST_TICKET).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(row_to_ticket).transpose()?)
    }

    /// Stores the visitor's rating `client_id` of conversation `id`, over
    /// an earlier version unless that one was sent as done. Whether it was
    /// stored.
    pub async fn rate(&self, id: &str, client_id: &str, r: &RatingInfo) -> Result<bool> {
        let done = q("INSERT INTO ratings (conversation_id, client_id, scale, score, reasons, comment, done, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (conversation_id, client_id) DO UPDATE SET
               scale = excluded.scale, score = excluded.score, reasons = excluded.reasons,
               comment = excluded.comment, done = excluded.done, at = excluded.at
             WHERE ratings.done = 0")
        .bind(id)
        .bind(client_id)
        .bind(r.scale.as_str())
        .bind(r.score as i64)
        .bind(r.reasons.join(","))
        .bind(r.comment.as_str())
        .bind(r.done as i64)
        .bind(db_int(r.at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets the status of a conversation's newest ticket; returns whether
    /// it has one.
    pub async fn set_ticket_status(&self, id: &str, status: TicketStatus) -> Result<bool> {
        let done = q("UPDATE tickets SET status = $2 WHERE reference =
             (SELECT MAX(reference) FROM tickets WHERE conversation_id = $1)")
        .bind(id)
        .bind(status.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Another token for the visitor (another browser of the same user).
    pub async fn add_token(&self, visitor: i64, token_hash: &str) -> Result<()> {
        q("INSERT INTO visitor_tokens (token_hash, visitor_id) VALUES ($1, $2)")
            .bind(token_hash)
            .bind(visitor)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records an uploaded file (stored on disk as `hash`) in a conversation.
    pub async fn add_file(&self, f: &NewFile<'_>) -> Result<Attachment> {
        let row = q("INSERT INTO files (conversation_id, hash, name, mime, size, author, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(f.conversation)
        .bind(f.hash)
        .bind(f.name)
        .bind(f.mime)
        .bind(db_int(f.size))
        .bind(f.author)
        .bind(db_int(f.at))
        .fetch_one(&self.pool)
        .await?;
        let id = format!("f_{}", row.try_get::<i64, _>(0)?);
        Ok(Attachment { url: crate::files::url_of(&id), id, name: f.name.into(), mime: f.mime.into(), size: f.size })
    }

    /// The file with this id.
    pub async fn file(&self, id: &str) -> Result<Option<crate::files::FileRecord>> {
        let Some(row) = file_row(id) else { return Ok(None) };
        let row = q("SELECT id, name, mime, size, conversation_id, hash FROM files WHERE id = $1")
            .bind(row)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(crate::files::FileRecord {
            attachment: row_to_attachment(&r)?,
            conversation: s(&r, 4)?,
            hash: s(&r, 5)?,
        }))
    }

    /// The files with these ids, if every one is in `conversation`.
    pub async fn files_in(&self, conversation: &str, ids: &[String]) -> Result<Option<Vec<Attachment>>> {
        let mut out = vec![];
        for id in ids {
            let Some(row) = file_row(id) else { return Ok(None) };
            let found = q("SELECT id, name, mime, size FROM files WHERE id = $1 AND conversation_id = $2")
                .bind(row)
                .bind(conversation)
                .fetch_optional(&self.pool)
                .await?;
            match found {
                Some(r) => out.push(row_to_attachment(&r)?),
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// Starts another conversation for `visitor`.
    pub async fn add_conversation(&self, visitor: i64, id: &str, stage: Stage, now: u64) -> Result<()> {
        q("INSERT INTO conversations (id, visitor_id, stage, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
            .bind(id)
            .bind(visitor)
            .bind(stage_str(stage))
            .bind(db_int(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The visitor whose conversation `id` is.
    pub async fn owner(&self, id: &str) -> Result<Option<i64>> {
        let row = q("SELECT visitor_id FROM conversations WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// The visitor's conversations that have messages, the newest first,
    /// at most `limit` (their "Your conversations" list).
    pub async fn threads(&self, visitor: i64, limit: usize) -> Result<Vec<salam_core::protocol::Thread>> {
        let list = q(&summary_sql(
            "WHERE c.visitor_id = $1 AND c.head_seq > 0
             ORDER BY COALESCE(m.at, c.updated_at) DESC, c.created_at DESC, c.id DESC LIMIT $2",
        ))
        .bind(visitor)
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(row_to_summary)
        .collect::<sqlx::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(list.len());
        for t in list {
            let extra = q("SELECT (SELECT COUNT(*) FROM messages WHERE conversation_id = $1 AND seq > $2 AND author != 'visitor'),
                        (SELECT attachments FROM messages WHERE conversation_id = $1 AND seq = $3)")
            .bind(t.id.as_str())
            .bind(db_int(t.visitor_read_seq))
            .bind(db_int(t.head_seq))
            .fetch_one(&self.pool)
            .await?;
            let (unread, files) = (u(&extra, 0)?, opt_s(&extra, 1)?);
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
            out.push(salam_core::protocol::Thread {
                id: t.id.clone(),
                status: status.into(),
                text: cut(&text, 140),
                at: last.map_or(t.updated_at, |m| m.at),
                unread: unread.min(u32::MAX as u64) as u32,
                reference: t.ticket.as_ref().map(|ticket| ticket.reference),
            });
        }
        Ok(out)
    }

    /// The conversations waiting for a person, longest waiting first.
    pub async fn waiting(&self) -> Result<Vec<String>> {
        // Two that started waiting in the same millisecond: the older
        // conversation first, not a random id's order.
        let rows = q("SELECT id FROM conversations WHERE stage = 'waiting' AND waiting_since IS NOT NULL
             ORDER BY waiting_since, created_at, id")
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| s(r, 0)).collect::<sqlx::Result<_>>()?)
    }
}

/// What several instances share through PostgreSQL.
impl Store {
    /// Takes a token from the bucket `key` (`burst` tokens, refilled at
    /// `per_sec`): `Ok(())` to go ahead, or `Err` with how many ms to wait.
    /// One statement, so instances taking from one bucket at once each see
    /// the other's take.
    pub async fn take_token(
        &self,
        key: &str,
        burst: f64,
        per_sec: f64,
        now: u64,
    ) -> Result<std::result::Result<(), u64>> {
        let refilled = "LEAST($2, b.tokens + ($4 - b.at) * $3 / 1000.0)";
        let taken = q(&format!(
            "INSERT INTO rate_buckets AS b (key, tokens, at) VALUES ($1, $2 - 1, $4)
             ON CONFLICT (key) DO UPDATE SET tokens = {refilled} - 1, at = $4 WHERE {refilled} >= 1
             RETURNING tokens"
        ))
        .bind(key)
        .bind(burst)
        .bind(per_sec)
        .bind(db_int(now))
        .fetch_optional(&self.pool)
        .await?;
        if taken.is_some() {
            return Ok(Ok(()));
        }
        let r = q("SELECT tokens, at FROM rate_buckets WHERE key = $1").bind(key).fetch_one(&self.pool).await?;
        let (tokens, at): (f64, i64) = (r.try_get(0)?, r.try_get(1)?);
        let refilled = (tokens + (now as f64 - at as f64) * per_sec / 1000.0).min(burst);
        Ok(Err((((1.0 - refilled) / per_sec.max(0.001)) * 1000.0).ceil().max(1.0) as u64))
    }

    /// Gives a token back to the bucket `key`.
    pub async fn refund_token(&self, key: &str, burst: f64) -> Result<()> {
        q("UPDATE rate_buckets SET tokens = LEAST($2, tokens + 1) WHERE key = $1")
            .bind(key)
            .bind(burst)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps a bus batch too big for a notification; returns its row.
    pub async fn keep_bus_payload(&self, json: &str) -> Result<i64> {
        let row = q("INSERT INTO bus_payloads (body, at) VALUES ($1, $2) RETURNING id")
            .bind(json)
            .bind(db_int(crate::server::now_ms()))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// A kept bus batch.
    pub async fn bus_payload(&self, id: i64) -> Result<Option<String>> {
        let row = q("SELECT body FROM bus_payloads WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Sends a notification on `channel`.
    pub async fn notify(&self, channel: &str, payload: &str) -> Result<()> {
        // (In FROM: a function returning `void` as a column is a type the
        // `Any` driver cannot read.)
        q("SELECT 1 FROM pg_notify($1, $2)").bind(channel).bind(payload).execute(&self.pool).await?;
        Ok(())
    }

    /// Forgets kept bus batches older than a minute (every instance has
    /// heard them by then, or is gone), and buckets idle for an hour (full
    /// again at any rate that limits anything).
    pub async fn forget_shared(&self, now: u64) -> Result<()> {
        q("DELETE FROM bus_payloads WHERE at < $1")
            .bind(db_int(now.saturating_sub(60_000)))
            .execute(&self.pool)
            .await?;
        q("DELETE FROM rate_buckets WHERE at < $1")
            .bind(db_int(now.saturating_sub(3_600_000)))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// An agent's account, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// Their e-mail address, lowercased: how they sign in.
    pub email: String,
    /// The name visitors see.
    pub name: String,
    /// An avatar image's URL.
    pub avatar: Option<String>,
    /// Their team, shown under their name.
    pub team: Option<String>,
    /// Admins manage the team; agents answer.
    pub role: Role,
    /// A disabled account signs in no more, and its sessions and tokens stop working.
    pub disabled: bool,
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the team (accounts), sees the audit log; answers too.
    Admin,
    /// Answers.
    Agent,
}

impl Role {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Agent => "agent",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "admin" {
            Role::Admin
        } else {
            Role::Agent
        }
    }
}

/// An account to make.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// E-mail (lowercased here).
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Role.
    pub role: Role,
    /// The argon2id hash of their password, as a PHC string.
    pub password_hash: &'a str,
    /// Team.
    pub team: Option<&'a str>,
    /// Avatar URL.
    pub avatar: Option<&'a str>,
    /// When (ms).
    pub at: u64,
}

/// An API token, as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    /// Its id.
    pub id: i64,
    /// What its owner called it.
    pub label: String,
    /// When it was made (ms).
    pub created_at: u64,
    /// When it was last used (ms).
    pub last_used_at: Option<u64>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// When (ms).
    pub at: u64,
    /// Who (the account), if anyone signed in.
    pub agent: Option<String>,
    /// What: `sign_in`, `sign_in_failed`, `sign_out`, `join`, `resolve`, `reopen`, ...
    pub action: String,
    /// On what (a conversation, an account, a token), if anything.
    pub target: Option<String>,
    /// From which address.
    pub ip: Option<String>,
}

const ACCOUNT_COLUMNS: &str = "a.id, a.email, a.name, a.avatar, a.team, a.role, a.disabled";

fn row_to_account(r: &AnyRow) -> sqlx::Result<Account> {
    Ok(Account {
        id: r.try_get(0)?,
        email: s(r, 1)?,
        name: s(r, 2)?,
        avatar: opt_s(r, 3)?,
        team: opt_s(r, 4)?,
        role: Role::parse(&s(r, 5)?),
        disabled: flag(r, 6)?,
    })
}

/// Agents' accounts, sessions, API tokens and the audit log.
impl Store {
    /// Makes an account; `Ok(None)` if the e-mail is taken.
    pub async fn create_account(&self, a: &NewAccount<'_>) -> Result<Option<i64>> {
        let row = q("INSERT INTO agents (email, name, role, password_hash, team, avatar, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id")
        .bind(a.email.trim().to_lowercase())
        .bind(a.name)
        .bind(a.role.as_str())
        .bind(a.password_hash)
        .bind(a.team)
        .bind(a.avatar)
        .bind(db_int(a.at))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// The account with this e-mail, and its password's hash.
    pub async fn account_by_email(&self, email: &str) -> Result<Option<(Account, String)>> {
        let row = q(&format!("SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM agents a WHERE a.email = $1"))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| Ok::<_, sqlx::Error>((row_to_account(&r)?, s(&r, 7)?))).transpose()?)
    }

    /// Every account, by name.
    pub async fn accounts(&self) -> Result<Vec<Account>> {
        let rows =
            q(&format!("SELECT {ACCOUNT_COLUMNS} FROM agents a ORDER BY a.name, a.id")).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(row_to_account).collect::<sqlx::Result<_>>()?)
    }

    /// Whether any account exists.
    pub async fn has_accounts(&self) -> Result<bool> {
        Ok(q("SELECT 1 FROM agents LIMIT 1").fetch_optional(&self.pool).await?.is_some())
    }

    /// Disables or enables account `id`. Whether it exists.
    pub async fn set_disabled(&self, id: i64, disabled: bool) -> Result<bool> {
        let done = q("UPDATE agents SET disabled = $2 WHERE id = $1")
            .bind(id)
            .bind(disabled as i64)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets the password of the account with this e-mail. Whether it exists.
    pub async fn set_password(&self, email: &str, password_hash: &str) -> Result<bool> {
        let done = q("UPDATE agents SET password_hash = $2 WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .bind(password_hash)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Starts a session (its token stored as a hash), until `expires` (ms).
    pub async fn create_session(&self, token_hash: &str, agent: i64, csrf: &str, now: u64, expires: u64) -> Result<()> {
        q("INSERT INTO sessions (token_hash, agent_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash)
            .bind(agent)
            .bind(csrf)
            .bind(db_int(now))
            .bind(db_int(expires))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The enabled account of a live session, and the session's CSRF token.
    pub async fn session(&self, token_hash: &str, now: u64) -> Result<Option<(Account, String)>> {
        let row = q(&format!(
            "SELECT {ACCOUNT_COLUMNS}, s.csrf FROM sessions s JOIN agents a ON a.id = s.agent_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled = 0"
        ))
        .bind(token_hash)
        .bind(db_int(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| Ok::<_, sqlx::Error>((row_to_account(&r)?, s(&r, 7)?))).transpose()?)
    }

    /// Ends a session (and forgets expired ones).
    pub async fn end_session(&self, token_hash: &str, now: u64) -> Result<()> {
        q("DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2")
            .bind(token_hash)
            .bind(db_int(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Makes an API token (stored as a hash) for `agent`; returns its id.
    pub async fn create_token(&self, agent: i64, label: &str, token_hash: &str, now: u64) -> Result<i64> {
        let row =
            q("INSERT INTO api_tokens (agent_id, label, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(agent)
                .bind(label)
                .bind(token_hash)
                .bind(db_int(now))
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get(0)?)
    }

    /// The enabled account an unrevoked API token belongs to; notes its use.
    pub async fn token_account(&self, token_hash: &str, now: u64) -> Result<Option<Account>> {
        let row = q("UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked = 0
             RETURNING agent_id")
        .bind(token_hash)
        .bind(db_int(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let agent: i64 = r.try_get(0)?;
        let row = q(&format!("SELECT {ACCOUNT_COLUMNS} FROM agents a WHERE a.id = $1 AND a.disabled = 0"))
            .bind(agent)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(row_to_account).transpose()?)
    }

    /// An account's unrevoked tokens, newest first.
    pub async fn tokens(&self, agent: i64) -> Result<Vec<TokenInfo>> {
        let rows = q("SELECT id, label, created_at, last_used_at FROM api_tokens
             WHERE agent_id = $1 AND revoked = 0 ORDER BY id DESC")
        .bind(agent)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                Ok(TokenInfo { id: r.try_get(0)?, label: s(r, 1)?, created_at: u(r, 2)?, last_used_at: opt_u(r, 3)? })
            })
            .collect::<sqlx::Result<_>>()?)
    }

    /// Revokes `agent`'s token `id`. Whether it was theirs and live.
    pub async fn revoke_token(&self, agent: i64, id: i64) -> Result<bool> {
        let done = q("UPDATE api_tokens SET revoked = 1 WHERE id = $1 AND agent_id = $2 AND revoked = 0")
            .bind(id)
            .bind(agent)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Notes what an agent did.
    pub async fn audit(
        &self,
        agent: Option<&Account>,
        action: &str,
        target: Option<&str>,
        ip: Option<&str>,
        now: u64,
    ) -> Result<()> {
        q("INSERT INTO audit_log (at, agent_id, agent, action, target, ip) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(db_int(now))
            .bind(agent.map(|a| a.id))
            .bind(agent.map(|a| a.email.as_str()))
            .bind(action)
            .bind(target)
            .bind(ip)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let rows = q("SELECT at, agent, action, target, ip FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: u(r, 0)?,
                    agent: opt_s(r, 1)?,
                    action: s(r, 2)?,
                    target: opt_s(r, 3)?,
                    ip: opt_s(r, 4)?,
                })
            })
            .collect::<sqlx::Result<_>>()?)
    }
}

/// Internal notes and canned responses.
impl Store {
    /// Adds an internal note to conversation `id`, after its newest message.
    pub async fn add_note(&self, id: &str, author: &Account, text: &str, now: u64) -> Result<Note> {
        let r = q("INSERT INTO notes (conversation_id, after_seq, agent_id, author, text, at)
             SELECT id, head_seq, $2, $3, $4, $5 FROM conversations WHERE id = $1
             RETURNING id, after_seq")
        .bind(id)
        .bind(author.id)
        .bind(author.name.as_str())
        .bind(text)
        .bind(db_int(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(Note {
            id: format!("n_{}", r.try_get::<i64, _>(0)?),
            after_seq: u(&r, 1)?,
            author: author.name.clone(),
            text: text.to_string(),
            at: now,
        })
    }

    /// Conversation `id`'s internal notes, oldest first.
    pub async fn notes(&self, id: &str) -> Result<Vec<Note>> {
        let rows = q("SELECT id, after_seq, author, text, at FROM notes WHERE conversation_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                Ok(Note {
                    id: format!("n_{}", r.try_get::<i64, _>(0)?),
                    after_seq: u(r, 1)?,
                    author: s(r, 2)?,
                    text: s(r, 3)?,
                    at: u(r, 4)?,
                })
            })
            .collect::<sqlx::Result<_>>()?)
    }

    /// Every canned response, by shortcut.
    pub async fn canned(&self) -> Result<Vec<Canned>> {
        let rows = q("SELECT id, shortcut, text, saved_by, updated_at FROM canned ORDER BY shortcut")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                Ok(Canned { id: r.try_get(0)?, shortcut: s(r, 1)?, text: s(r, 2)?, by: s(r, 3)?, updated_at: u(r, 4)? })
            })
            .collect::<sqlx::Result<_>>()?)
    }

    /// Saves a canned response: new, or new text for its shortcut.
    pub async fn save_canned(&self, shortcut: &str, text: &str, by: &str, now: u64) -> Result<Canned> {
        let r = q("INSERT INTO canned (shortcut, text, saved_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (shortcut) DO UPDATE SET text = excluded.text, saved_by = excluded.saved_by,
                 updated_at = excluded.updated_at
             RETURNING id")
        .bind(shortcut)
        .bind(text)
        .bind(by)
        .bind(db_int(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(Canned { id: r.try_get(0)?, shortcut: shortcut.into(), text: text.into(), by: by.into(), updated_at: now })
    }

    /// Deletes canned response `id`; whether there was one.
    pub async fn delete_canned(&self, id: i64) -> Result<bool> {
        Ok(q("DELETE FROM canned WHERE id = $1").bind(id).execute(&self.pool).await?.rows_affected() == 1)
    }
}

/// Tickets for visitors' event streams.
impl Store {
    /// Keeps a ticket (its hash) for the visitor token with hash
    /// `token_hash`, until `expires` (ms); forgets expired ones.
    pub async fn create_stream_ticket(
        &self,
        ticket_hash: &str,
        token_hash: &str,
        now: u64,
        expires: u64,
    ) -> Result<()> {
        q("DELETE FROM stream_tickets WHERE expires_at <= $1").bind(db_int(now)).execute(&self.pool).await?;
        q("INSERT INTO stream_tickets (ticket_hash, token_hash, expires_at) VALUES ($1, $2, $3)")
            .bind(ticket_hash)
            .bind(token_hash)
            .bind(db_int(expires))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Uses up a live ticket: the hash of the visitor token it stands for.
    pub async fn take_stream_ticket(&self, ticket_hash: &str, now: u64) -> Result<Option<String>> {
        let row = q("DELETE FROM stream_tickets WHERE ticket_hash = $1 AND expires_at > $2 RETURNING token_hash")
            .bind(ticket_hash)
            .bind(db_int(now))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| s(&r, 0)).transpose()?)
    }
}

/// An agent counts as online while their console said so this recently.
const ONLINE_FOR_MS: u64 = 90_000;

/// Presence and assignment.
impl Store {
    /// Records what an agent's console says of them (`online`, `away`,
    /// `offline`).
    pub async fn set_agent_presence(&self, agent: i64, status: &str, now: u64) -> Result<()> {
        q("INSERT INTO agent_presence (agent_id, status, seen_at) VALUES ($1, $2, $3)
             ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, seen_at = excluded.seen_at")
        .bind(agent)
        .bind(status)
        .bind(db_int(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Assigns the longest-waiting unassigned conversation (open, waiting
    /// for a person, its visitor has written) to the online agent, under
    /// `capacity` open conversations, assigned longest ago (round-robin);
    /// returns the conversation, or `None` when nothing waits or nobody is
    /// free.
    pub async fn assign_next(&self, capacity: u32, now: u64) -> Result<Option<String>> {
        let mut tx = self.pool.begin().await?;
        let waiting = q("SELECT id FROM conversations
             WHERE status = 'open' AND stage = 'waiting' AND waiting_since IS NOT NULL AND assignee_id IS NULL
             ORDER BY waiting_since, created_at, id LIMIT 1")
        .fetch_optional(&mut *tx)
        .await?;
        let Some(waiting) = waiting else { return Ok(None) };
        let conversation = s(&waiting, 0)?;
        let agent = q("SELECT p.agent_id FROM agent_presence p JOIN agents a ON a.id = p.agent_id
             WHERE p.status = 'online' AND p.seen_at > $1 AND a.disabled = 0
               AND (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = p.agent_id AND c.status = 'open') < $2
             ORDER BY COALESCE(p.last_assigned_at, 0), p.agent_id LIMIT 1")
        .bind(db_int(now.saturating_sub(ONLINE_FOR_MS)))
        .bind(i64::from(capacity))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(agent) = agent else { return Ok(None) };
        let agent: i64 = agent.try_get(0)?;
        q("UPDATE conversations SET assignee_id = $2 WHERE id = $1")
            .bind(&conversation)
            .bind(agent)
            .execute(&mut *tx)
            .await?;
        q("UPDATE agent_presence SET last_assigned_at = $2 WHERE agent_id = $1")
            .bind(agent)
            .bind(db_int(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(conversation))
    }

    /// Assigns conversation `id` to `agent` if it is assigned to nobody
    /// (an agent who answers it takes it). Whether it did.
    pub async fn claim_if_unassigned(&self, id: &str, agent: i64) -> Result<bool> {
        let done = q("UPDATE conversations SET assignee_id = $2 WHERE id = $1 AND assignee_id IS NULL")
            .bind(id)
            .bind(agent)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Assigns conversation `id` to `agent` (an enabled account), or to
    /// nobody. Whether it changed; `Err` for a disabled or unknown agent.
    pub async fn set_assignee(&self, id: &str, agent: Option<i64>) -> Result<bool> {
        if let Some(agent) = agent {
            let ok =
                q("SELECT 1 FROM agents WHERE id = $1 AND disabled = 0").bind(agent).fetch_optional(&self.pool).await?;
            if ok.is_none() {
                return Err(StoreError("no such agent".into()));
            }
        }
        let done = q("UPDATE conversations SET assignee_id = $2 WHERE id = $1 AND assignee_id IS DISTINCT FROM $2")
            .bind(id)
            .bind(agent)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// The team's figures for a period: conversations started in it, by
/// assignee (and overall), and by day.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figures {
    /// Start of the period (ms, inclusive).
    pub from: u64,
    /// End of the period (ms, exclusive).
    pub to: u64,
    /// Everyone's.
    pub overall: FigureRow,
    /// Each assignee's (none: unassigned), by name.
    pub agents: Vec<FigureRow>,
    /// Each day's (UTC), in order, every day of the period.
    pub days: Vec<FigureRow>,
}

/// One row of [`Figures`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct FigureRow {
    /// What the row is about: an agent's name, a day (`2026-12-01`), or `all`.
    pub label: String,
    /// The agent's account id, for an agent's row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Conversations started (with a message).
    pub conversations: u64,
    /// Tickets ("leave a message") made in them.
    pub tickets: u64,
    /// Conversations an agent answered after the visitor wrote.
    pub answered: u64,
    /// The mean time from the visitor's first message to an agent's first reply (ms).
    pub first_response_ms: Option<f64>,
    /// Conversations resolved.
    pub resolved: u64,
    /// The mean time from start to resolution (ms).
    pub resolution_ms: Option<f64>,
    /// Conversations the visitor rated.
    pub rated: u64,
    /// ...of which with the scale's best score(s): 4 or 5 stars, a thumb up, a happy face.
    pub satisfied: u64,
    /// Satisfied of rated, in percent.
    pub csat: Option<f64>,
}

impl FigureRow {
    /// Satisfied of rated, in percent.
    pub fn csat(&self) -> Option<f64> {
        (self.rated > 0).then(|| self.satisfied as f64 * 100.0 / self.rated as f64)
    }

    /// Adds `other`'s counts and means (weighted by their counts).
    fn add(&mut self, other: &FigureRow) {
        let mean = |a: Option<f64>, n: u64, b: Option<f64>, m: u64| match (a, b) {
            (Some(a), Some(b)) if n + m > 0 => Some((a * n as f64 + b * m as f64) / (n + m) as f64),
            (a, None) => a,
            (None, b) => b,
            _ => None,
        };
        self.first_response_ms = mean(self.first_response_ms, self.answered, other.first_response_ms, other.answered);
        self.resolution_ms = mean(self.resolution_ms, self.resolved, other.resolution_ms, other.resolved);
        self.conversations += other.conversations;
        self.tickets += other.tickets;
        self.answered += other.answered;
        self.resolved += other.resolved;
        self.rated += other.rated;
        self.satisfied += other.satisfied;
    }
}

/// A day's number (days since 1970, UTC).
const DAY_MS: u64 = 86_400_000;

/// The `SELECT` of per-group aggregates over the conversations started in
/// [$1, $2) that have a message; `GROUP` is the grouping expression.
fn figures_sql(group: &str) -> String {
    format!(
        "SELECT {group} AS grp,
            COUNT(*),
            SUM(CASE WHEN fr.answered IS NOT NULL THEN 1 ELSE 0 END),
            CAST(AVG(fr.answered - fr.asked) AS DOUBLE PRECISION),
            SUM(CASE WHEN c.status = 'resolved' AND c.resolved_at IS NOT NULL THEN 1 ELSE 0 END),
            CAST(AVG(CASE WHEN c.status = 'resolved' THEN c.resolved_at - c.created_at END) AS DOUBLE PRECISION),
            SUM(CASE WHEN r.id IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN (r.scale = 'stars' AND r.score >= 4) OR (r.scale = 'thumbs' AND r.score = 2)
                          OR (r.scale = 'faces' AND r.score = 3) THEN 1 ELSE 0 END)
         FROM conversations c
         LEFT JOIN (
             SELECT v.conversation_id, v.at AS asked,
                    (SELECT MIN(a.at) FROM messages a
                     WHERE a.conversation_id = v.conversation_id AND a.author = 'agent' AND a.seq > v.seq) AS answered
             FROM messages v
             WHERE v.author = 'visitor' AND v.seq =
                 (SELECT MIN(f.seq) FROM messages f WHERE f.conversation_id = v.conversation_id AND f.author = 'visitor')
         ) fr ON fr.conversation_id = c.id
         LEFT JOIN ratings r ON r.id =
             (SELECT id FROM ratings WHERE conversation_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
         WHERE c.created_at >= $1 AND c.created_at < $2 AND c.head_seq > 0
         GROUP BY {group}"
    )
}

/// Tickets made in the conversations of [`figures_sql`], by the same group.
fn tickets_sql(group: &str) -> String {
    format!(
        "SELECT {group}, COUNT(*) FROM tickets t JOIN conversations c ON c.id = t.conversation_id
         WHERE c.created_at >= $1 AND c.created_at < $2 AND c.head_seq > 0 GROUP BY {group}"
    )
}

fn row_to_figures(r: &AnyRow) -> sqlx::Result<FigureRow> {
    let count = |i| -> sqlx::Result<u64> { Ok(r.try_get::<Option<i64>, _>(i)?.unwrap_or(0).max(0) as u64) };
    Ok(FigureRow {
        label: String::new(),
        agent_id: None,
        conversations: count(1)?,
        answered: count(2)?,
        first_response_ms: r.try_get(3)?,
        resolved: count(4)?,
        resolution_ms: r.try_get(5)?,
        rated: count(6)?,
        satisfied: count(7)?,
        tickets: 0,
        csat: None,
    })
}

/// The figures.
impl Store {
    /// The figures of the conversations started in [`from`, `to`) (ms).
    pub async fn figures(&self, from: u64, to: u64) -> Result<Figures> {
        let names: std::collections::HashMap<i64, String> = q("SELECT id, name FROM agents")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, s(r, 1)?)))
            .collect::<sqlx::Result<_>>()?;
        let by_agent =
            q(&figures_sql("c.assignee_id")).bind(db_int(from)).bind(db_int(to)).fetch_all(&self.pool).await?;
        let tickets =
            q(&tickets_sql("c.assignee_id")).bind(db_int(from)).bind(db_int(to)).fetch_all(&self.pool).await?;
        let tickets: std::collections::HashMap<Option<i64>, u64> =
            tickets.iter().map(|r| Ok((r.try_get(0)?, u(r, 1)?))).collect::<sqlx::Result<_>>()?;
        let mut overall = FigureRow { label: "all".into(), ..FigureRow::default() };
        let mut agents = vec![];
        for r in &by_agent {
            let mut row = row_to_figures(r)?;
            row.agent_id = r.try_get(0)?;
            row.tickets = tickets.get(&row.agent_id).copied().unwrap_or(0);
            row.label = match row.agent_id {
                Some(id) => names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                None => "Unassigned".into(),
            };
            overall.add(&row);
            agents.push(row);
        }
        agents.sort_by(|a, b| (a.agent_id.is_none(), &a.label).cmp(&(b.agent_id.is_none(), &b.label)));
        let day_group = format!("c.created_at / {DAY_MS}");
        let by_day = q(&figures_sql(&day_group)).bind(db_int(from)).bind(db_int(to)).fetch_all(&self.pool).await?;
        let day_tickets = q(&tickets_sql(&day_group)).bind(db_int(from)).bind(db_int(to)).fetch_all(&self.pool).await?;
        let mut found = std::collections::HashMap::new();
        for r in &by_day {
            let day: i64 = r.try_get(0)?;
            found.insert(day, row_to_figures(r)?);
        }
        for r in &day_tickets {
            let day: i64 = r.try_get(0)?;
            found.entry(day).or_insert_with(FigureRow::default).tickets = u(r, 1)?;
        }
        let mut days = vec![];
        let (first, last) = (from / DAY_MS, to.saturating_sub(1) / DAY_MS);
        for day in first..=last.max(first) {
            let mut row = found.remove(&(day as i64)).unwrap_or_default();
            row.label = jiff::Timestamp::from_millisecond((day * DAY_MS) as i64)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default();
            days.push(row);
        }
        for row in std::iter::once(&mut overall).chain(&mut agents).chain(&mut days) {
            row.csat = row.csat();
        }
        Ok(Figures { from, to, overall, agents, days })
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

    #[tokio::test]
    async fn sequence_numbers_run_per_conversation_and_client_ids_dedupe() {
        let s = crate::testdb::store().await;
        s.create_visitor("h1", "k1", Stage::Bot, 0).await.unwrap();
        s.create_visitor("h2", "k2", Stage::Bot, 0).await.unwrap();
        let first = s.append("k1", msg("a", Some("c1"))).await.unwrap();
        let again = s.append("k1", msg("a", Some("c1"))).await.unwrap();
        let b = s.append("k2", msg("b", Some("c1"))).await.unwrap().message;
        let c = s.append("k1", msg("c", None)).await.unwrap().message;
        let (new_a, new_again, a, again) = (first.new, again.new, first.message, again.message);
        assert!(new_a && !new_again);
        assert_eq!(a, again, "a retransmission gets the original back");
        assert_eq!((a.seq, b.seq, c.seq), (1, 1, 2), "a retransmission uses up no number");
        assert_eq!(
            s.messages_after("k1", 0, 10).await.unwrap().iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(s.messages_after("k1", 1, 10).await.unwrap().len(), 1);
        assert_eq!(s.visitor_by_token("h2").await.unwrap().unwrap().conversation, "k2");
        assert_eq!(s.visitor_by_token("nope").await.unwrap(), None);
    }

    /// Many writers at once into one conversation (on PostgreSQL, each on
    /// its own connection, as two server instances would be), each message
    /// sent twice: every message is stored once, numbered without a gap.
    #[tokio::test]
    async fn concurrent_appends_and_retransmissions_store_each_message_once_in_sequence() {
        let s = crate::testdb::store().await;
        s.create_visitor("h1", "k1", Stage::Bot, 0).await.unwrap();
        let sends = (0..40).map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                let id = format!("c{}", i / 2);
                s.append("k1", msg("hi", Some(&id))).await.map(|a| (id, a.message.seq))
            })
        });
        let acks: Vec<(String, u64)> =
            futures_util::future::join_all(sends).await.into_iter().map(|r| r.unwrap().unwrap()).collect();
        let stored = s.messages_after("k1", 0, 100).await.unwrap();
        assert_eq!(stored.iter().map(|m| m.seq).collect::<Vec<_>>(), (1..=20).collect::<Vec<_>>());
        for (id, seq) in acks {
            let m = stored.iter().find(|m| m.client_id.as_deref() == Some(&id)).unwrap();
            assert_eq!(m.seq, seq, "both sends of {id} are told the one number it has");
        }
    }

    #[tokio::test]
    async fn a_restart_keeps_everything_and_migrations_run_once() {
        let db = crate::testdb::fresh().await;
        {
            let s = Store::open(&db).await.unwrap();
            s.create_visitor("h1", "k1", Stage::Bot, 0).await.unwrap();
            s.append("k1", msg("kept", Some("c1"))).await.unwrap();
            assert!(s.set_status("k1", ConversationStatus::Resolved, 5).await.unwrap());
            assert!(!s.set_status("k1", ConversationStatus::Resolved, 6).await.unwrap(), "no change, no event");
            s.pool.close().await;
        }
        // Two instances starting at once over one database: one migrates.
        let (s, again) = tokio::join!(Store::open(&db), Store::open(&db));
        let (s, _) = (s.unwrap(), again.unwrap());
        assert_eq!(s.messages_after("k1", 0, 10).await.unwrap()[0].text, "kept");
        let again = s.append("k1", msg("kept", Some("c1"))).await.unwrap();
        assert!(!again.new && again.message.seq == 1, "dedupe survives the restart");
        assert_eq!(again.status, ConversationStatus::Resolved);
        let list = s.conversations(10).await.unwrap();
        assert_eq!(list[0].status, ConversationStatus::Resolved);
        assert_eq!(list[0].last_message.as_ref().unwrap().text, "kept");
        if s.backend() == Backend::Sqlite {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{db}{ext}"));
            }
        }
    }

    /// A database left by a newer server is not touched.
    #[tokio::test]
    async fn a_newer_schema_is_refused() {
        let db = crate::testdb::fresh().await;
        let s = Store::open(&db).await.unwrap();
        let newer = match s.backend() {
            Backend::Sqlite => "PRAGMA user_version = 999",
            Backend::Postgres => "UPDATE salam_schema SET version = 999",
        };
        sqlx::raw_sql(newer).execute(&s.pool).await.unwrap();
        s.pool.close().await;
        let refused = Store::open(&db).await.err().expect("refused").0;
        assert!(refused.contains("newer than this server knows"), "{refused}");
        if s.backend() == Backend::Sqlite {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{db}{ext}"));
            }
        }
    }

    #[tokio::test]
    async fn notes_stay_apart_from_messages_and_canned_replies_are_saved_by_shortcut() {
        let s = crate::testdb::store().await;
        s.create_visitor("h1", "k1", Stage::Bot, 0).await.unwrap();
        s.append("k1", msg("hello", Some("c1"))).await.unwrap();
        let sara = Account {
            id: s
                .create_account(&NewAccount {
                    email: "sara@example.com",
                    name: "Sara",
                    role: Role::Agent,
                    password_hash: "x",
                    team: None,
                    avatar: None,
                    at: 0,
                })
                .await
                .unwrap()
                .unwrap(),
            email: "sara@example.com".into(),
            name: "Sara".into(),
            avatar: None,
            team: None,
            role: Role::Agent,
            disabled: false,
        };
        let note = s.add_note("k1", &sara, "VIP", 5).await.unwrap();
        assert_eq!((note.after_seq, note.author.as_str()), (1, "Sara"));
        s.append("k1", msg("later", Some("c2"))).await.unwrap();
        assert_eq!(s.messages_after("k1", 0, 10).await.unwrap().len(), 2, "a note is no message");
        assert_eq!(s.notes("k1").await.unwrap(), vec![note]);
        s.save_canned("refund", "Five days.", "Sara", 1).await.unwrap();
        let again = s.save_canned("refund", "Five working days.", "Omid", 2).await.unwrap();
        let list = s.canned().await.unwrap();
        assert_eq!(list.len(), 1, "one per shortcut");
        assert_eq!((list[0].text.as_str(), list[0].by.as_str(), list[0].id), ("Five working days.", "Omid", again.id));
        assert!(s.delete_canned(again.id).await.unwrap());
        assert!(s.canned().await.unwrap().is_empty());
    }

    /// Seeded conversations whose figures are known: A (Sara's) answered
    /// after 60 s, resolved after 10 min, 5 stars; B (Omid's) answered after
    /// 120 s, a thumb down; C unassigned, unanswered, a ticket; D empty (no
    /// message); E before the period.
    #[tokio::test]
    async fn the_figures_of_seeded_conversations_are_the_known_ones() {
        let s = crate::testdb::store().await;
        let account = |email: &'static str, name: &'static str| NewAccount {
            email,
            name,
            role: Role::Agent,
            password_hash: "x",
            team: None,
            avatar: None,
            at: 0,
        };
        let sara = s.create_account(&account("sara@example.com", "Sara")).await.unwrap().unwrap();
        let omid = s.create_account(&account("omid@example.com", "Omid")).await.unwrap().unwrap();
        let day = 20_000 * DAY_MS; // 2024-10-04, 00:00 UTC
        let (from, to) = (day, day + 2 * DAY_MS);
        let say = |author: AuthorKind, at: u64| NewMessage {
            author,
            name: None,
            text: "x",
            client_id: None,
            at,
            avatar: None,
            quick_replies: &[],
            attachments: &[],
        };
        let rating = |scale: &str, score: u8, at: u64| RatingInfo {
            scale: scale.into(),
            score,
            reasons: vec![],
            comment: String::new(),
            done: true,
            at,
        };
        // A, day 1.
        let t = day + 3_600_000;
        s.create_visitor("ha", "a", Stage::Waiting, t).await.unwrap();
        s.append("a", say(AuthorKind::Visitor, t + 1_000)).await.unwrap();
        s.append("a", say(AuthorKind::Agent, t + 61_000)).await.unwrap();
        s.set_assignee("a", Some(sara)).await.unwrap();
        s.set_status("a", ConversationStatus::Resolved, t + 600_000).await.unwrap();
        s.rate("a", "r1", &rating("stars", 5, t + 700_000)).await.unwrap();
        // B, day 2.
        let t = day + DAY_MS + 3_600_000;
        s.create_visitor("hb", "b", Stage::Waiting, t).await.unwrap();
        s.append("b", say(AuthorKind::Visitor, t)).await.unwrap();
        s.append("b", say(AuthorKind::Bot, t + 5_000)).await.unwrap();
        s.append("b", say(AuthorKind::Agent, t + 120_000)).await.unwrap();
        s.set_assignee("b", Some(omid)).await.unwrap();
        s.rate("b", "r1", &rating("thumbs", 1, t + 200_000)).await.unwrap();
        // C, day 2: a ticket, nobody answered.
        s.create_visitor("hc", "c", Stage::Waiting, t).await.unwrap();
        s.append("c", say(AuthorKind::Visitor, t)).await.unwrap();
        let ticket = NewTicket {
            conversation: "c",
            client_id: "t1",
            name: "N",
            email: "n@example.com",
            subject: "",
            locale: None,
            at: t,
        };
        s.create_ticket(&ticket).await.unwrap();
        // D: opened, nothing said. E: the day before.
        s.create_visitor("hd", "d", Stage::Waiting, t).await.unwrap();
        s.create_visitor("he", "e", Stage::Waiting, day - 1).await.unwrap();
        s.append("e", say(AuthorKind::Visitor, day - 1)).await.unwrap();

        let f = s.figures(from, to).await.unwrap();
        let o = &f.overall;
        assert_eq!((o.conversations, o.tickets, o.answered, o.resolved, o.rated, o.satisfied), (3, 1, 2, 1, 2, 1));
        assert_eq!(o.first_response_ms, Some(90_000.0), "(60 s + 120 s) / 2");
        assert_eq!(o.resolution_ms, Some(600_000.0), "10 minutes from its start");
        assert_eq!(o.csat(), Some(50.0));
        let by: Vec<(&str, u64, Option<f64>, u64)> =
            f.agents.iter().map(|r| (r.label.as_str(), r.conversations, r.first_response_ms, r.tickets)).collect();
        assert_eq!(by, [("Omid", 1, Some(120_000.0), 0), ("Sara", 1, Some(60_000.0), 0), ("Unassigned", 1, None, 1)]);
        assert_eq!(f.agents[1].csat(), Some(100.0));
        assert_eq!(f.agents[0].csat(), Some(0.0));
        let days: Vec<(&str, u64, u64)> =
            f.days.iter().map(|d| (d.label.as_str(), d.conversations, d.tickets)).collect();
        assert_eq!(days, [("2024-10-04", 1, 0), ("2024-10-05", 2, 1)]);
    }

    #[test]
    fn sqlite_paths_become_urls_that_keep_every_character() {
        assert_eq!(sqlite_url(":memory:").unwrap(), "sqlite::memory:");
        assert_eq!(sqlite_url("/a b/c?d#e%f.db").unwrap(), "sqlite:/a%20b/c%3Fd%23e%25f.db?mode=rwc");
        assert!(sqlite_url("x.db")
            .unwrap()
            .starts_with(&format!("sqlite:{}", std::env::current_dir().unwrap().display())));
    }
}
