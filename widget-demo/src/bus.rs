//! What several server instances over one PostgreSQL share while they run:
//! the frames for visitors' connections, the consoles' live events, who is
//! typing and the agents' presence. (Rate limits are shared through the
//! database itself: [`crate::store::Store::take_token`].)
//!
//! Each instance sends what happened on it with PostgreSQL's `NOTIFY` and
//! hears the others' with `LISTEN`, on one channel. Sending goes through one
//! task, so the others hear an instance's events in the order it had them;
//! what is pending is batched into one notification (up to the 8000 bytes a
//! payload may hold). A batch too big for a notification is kept in the
//! table `bus_payloads` and the notification names its row.
//!
//! Nothing here is needed for delivery to be exactly once: a visitor's
//! messages are stored before they are announced, and a connection that
//! missed an announcement (its instance died, a notification was lost while
//! the listener reconnected) resumes from its last sequence number.

use crate::server::{AgentEvent, App, Presence};
use salam_core::protocol::ServerFrame;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Weak};
use tokio::sync::mpsc;

/// The `LISTEN`/`NOTIFY` channel.
const CHANNEL: &str = "salam_bus";

/// PostgreSQL refuses payloads of 8000 bytes or more.
const MAX_PAYLOAD: usize = 7900;

/// One thing that happened on an instance, for the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shared {
    /// A frame for the connections of a conversation's visitor.
    Room {
        /// The conversation.
        conversation: String,
        /// The frame.
        frame: ServerFrame,
    },
    /// An event for the agent consoles (a visitor typing, a message, a read
    /// mark).
    Agents {
        /// The event.
        event: AgentEvent,
    },
    /// A conversation's summary changed: consoles hear it read afresh.
    Summary {
        /// The conversation.
        conversation: String,
    },
    /// An agent's presence, as their console set it.
    Presence {
        /// The agent.
        name: String,
        /// Online, away or offline.
        presence: Presence,
    },
}

/// A notification: who sent it, and what happened, in order.
#[derive(Debug, Serialize, Deserialize)]
struct Batch {
    from: String,
    events: Vec<Shared>,
}

/// A notification's payload: the batch, or the row that keeps one too big
/// for a notification.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Payload {
    Kept { kept: i64, from: String },
    Inline(Batch),
}

/// An instance's side of the bus: where its events go to be sent.
#[derive(Debug, Clone)]
pub struct Bus {
    /// This instance, as the others know it.
    pub instance: String,
    outbox: mpsc::UnboundedSender<Shared>,
}

impl Bus {
    /// Queues `event` for the other instances.
    pub fn send(&self, event: Shared) {
        let _ = self.outbox.send(event);
    }
}

/// Makes the bus of a new instance. Its events wait until [`start`] runs
/// (once the server state that hears the others exists).
pub fn new() -> (Bus, mpsc::UnboundedReceiver<Shared>) {
    let (outbox, pending) = mpsc::unbounded_channel();
    (Bus { instance: crate::server::random_hex(8), outbox }, pending)
}

/// Sends this instance's events and applies the others' to `app`, for as
/// long as `app` lives.
pub async fn start(app: &Arc<App>, pending: mpsc::UnboundedReceiver<Shared>) -> Result<(), String> {
    let (Some(bus), Some(url)) = (app.bus.clone(), app.store.postgres_url()) else {
        return Err("only a server on PostgreSQL has a bus".into());
    };
    let mut listener = sqlx::postgres::PgListener::connect(url).await.map_err(|e| e.to_string())?;
    listener.listen(CHANNEL).await.map_err(|e| e.to_string())?;
    tokio::spawn(send_loop(app.store.clone(), bus.instance.clone(), pending));
    tokio::spawn(listen_loop(Arc::downgrade(app), bus.instance, listener));
    Ok(())
}

async fn send_loop(store: crate::store::Store, instance: String, mut pending: mpsc::UnboundedReceiver<Shared>) {
    let mut next = None;
    loop {
        let first = match next.take() {
            Some(e) => e,
            None => match pending.recv().await {
                Some(e) => e,
                None => return,
            },
        };
        // Whatever else is waiting goes in the same notification, while it fits.
        let mut batch = Batch { from: instance.clone(), events: vec![first] };
        let mut size = serde_json::to_string(&batch).map_or(0, |s| s.len());
        while let Ok(e) = pending.try_recv() {
            let more = serde_json::to_string(&e).map_or(0, |s| s.len()) + 1;
            if size + more > MAX_PAYLOAD {
                next = Some(e);
                break;
            }
            size += more;
            batch.events.push(e);
        }
        let Ok(json) = serde_json::to_string(&batch) else { continue };
        let payload = if json.len() <= MAX_PAYLOAD {
            json
        } else {
            match store.keep_bus_payload(&json).await {
                Ok(kept) => serde_json::to_string(&Payload::Kept { kept, from: instance.clone() }).unwrap_or_default(),
                Err(e) => {
                    eprintln!("bus: cannot keep an event for the other instances: {e}");
                    continue;
                }
            }
        };
        if let Err(e) = store.notify(CHANNEL, &payload).await {
            eprintln!("bus: cannot tell the other instances: {e}");
        }
    }
}

async fn listen_loop(app: Weak<App>, instance: String, mut listener: sqlx::postgres::PgListener) {
    loop {
        // `recv` reconnects by itself after a lost connection; what was sent
        // meanwhile is lost (see the module's page for why that is safe).
        let note = match listener.recv().await {
            Ok(n) => n,
            Err(e) => {
                eprintln!("bus: listening failed: {e}");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                continue;
            }
        };
        let Some(app) = app.upgrade() else { return };
        let batch = match serde_json::from_str::<Payload>(note.payload()) {
            Ok(Payload::Inline(b)) if b.from != instance => b,
            Ok(Payload::Kept { kept, from }) if from != instance => {
                match app.store.bus_payload(kept).await.map(|json| json.and_then(|j| serde_json::from_str(&j).ok())) {
                    Ok(Some(b)) => b,
                    _ => continue,
                }
            }
            Ok(_) => continue,
            Err(e) => {
                eprintln!("bus: an unreadable notification ({e})");
                continue;
            }
        };
        for event in batch.events {
            app.apply(event).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The agent of these tests.
    fn sara() -> salam_core::protocol::Author {
        crate::server::agent_author(Some("Sara"), None, None)
    }
    use crate::server::Hello;
    use crate::store::Store;
    use salam_core::protocol::agent::Reply;
    use salam_core::protocol::{Author, AuthorKind, Stage};
    use std::time::Duration;

    /// An instance with its bus, over the database `db`.
    async fn instance(db: &str) -> Arc<App> {
        let mut app = App::new(Store::open(db).await.unwrap(), vec![]);
        app.rate = (3.0, 0.001);
        let (bus, pending) = new();
        app.bus = Some(bus);
        let app = Arc::new(app);
        start(&app, pending).await.unwrap();
        app
    }

    /// Waits (up to 10 s) until `ready` says so.
    async fn until(what: &str, mut ready: impl FnMut() -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !ready() {
            assert!(tokio::time::Instant::now() < deadline, "never: {what}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    async fn next<T: Clone>(rx: &mut tokio::sync::broadcast::Receiver<T>) -> T {
        tokio::time::timeout(Duration::from_secs(10), rx.recv()).await.expect("heard in time").unwrap()
    }

    #[test]
    fn every_kind_of_event_reads_back_as_sent() {
        let frames = [
            ServerFrame::Typing {
                author: Author { kind: AuthorKind::Agent, name: Some("Sara".into()), avatar: None, team: None },
                on: true,
            },
            ServerFrame::Stage { stage: Stage::Waiting, agent: None, queue_position: Some(2) },
            ServerFrame::Read { seq: 7 },
        ];
        for frame in frames {
            let event = Shared::Room { conversation: "k_1".into(), frame };
            let json = serde_json::to_string(&event).unwrap();
            assert_eq!(serde_json::from_str::<Shared>(&json).unwrap(), event, "{json}");
        }
        let event = Shared::Presence { name: "Sara".into(), presence: Presence::Away };
        assert_eq!(serde_json::from_str::<Shared>(&serde_json::to_string(&event).unwrap()).unwrap(), event);
    }

    /// Two instances over one PostgreSQL: a visitor connected to one and
    /// an agent on the other hear each other live; a message too big for a
    /// notification arrives whole; rate limits and presence are shared.
    #[tokio::test]
    async fn two_instances_share_rooms_consoles_limits_and_presence() {
        if !crate::testdb::postgres() {
            eprintln!("(PostgreSQL only: run with SALAM_TEST_DB=postgres, as cargo xtask test does)");
            return;
        }
        let db = crate::testdb::fresh().await;
        let (a, b) = (instance(&db).await, instance(&db).await);
        let mut console_on_a = a.agents.subscribe();
        let (visitor, mut room_on_a, _) = a.hello(Hello::default()).await.unwrap();
        // The visitor writes through B (an HTTP send the balancer sent there).
        b.visitor_message(&visitor, "c1", "Hello from B", &[]).await.unwrap();
        let heard = loop {
            if let AgentEvent::Message { message, .. } = next(&mut console_on_a).await {
                break message;
            }
        };
        assert!(matches!(heard, ServerFrame::Message { ref text, seq: 1, .. } if text == "Hello from B"), "{heard:?}");
        // An agent answers on B, at length: the visitor's room on A hears it whole.
        let long = "س".repeat(salam_core::protocol::MAX_MESSAGE_CHARS);
        let reply = Reply { text: long.clone(), ..Reply::default() };
        b.agent_message(&visitor.conversation, &reply, &sara()).await.unwrap();
        let said = loop {
            match &*next(&mut room_on_a).await {
                ServerFrame::Message { text, seq: 2, .. } => break text.clone(),
                ServerFrame::Message { text, .. } => assert_eq!(text, "Hello from B", "its own message, first"),
                _ => {}
            }
        };
        assert!(
            said == long,
            "the reply arrives whole ({} of {} characters)",
            said.chars().count(),
            long.chars().count()
        );
        assert!(a.store.bus_payload(1).await.unwrap().is_some(), "too big for a notification, it went by the table");
        // One budget of 3 across both: 1 spent above, 1 on A, 1 on B, then none.
        a.visitor_message(&visitor, "c2", "two", &[]).await.unwrap();
        b.visitor_message(&visitor, "c3", "three", &[]).await.unwrap();
        assert_eq!(a.visitor_message(&visitor, "c4", "four", &[]).await.unwrap_err().code, "rate_limited");
        assert_eq!(b.visitor_message(&visitor, "c4", "four", &[]).await.unwrap_err().code, "rate_limited");
        // A retransmission to the other instance is answered, and costs nothing.
        assert!(b.visitor_message(&visitor, "c2", "two", &[]).await.is_ok());
        // Presence set on B counts on A.
        assert_eq!(a.online_agents(), 0);
        b.set_presence("Sara", Presence::Online);
        until("A counts Sara online", || a.online_agents() == 1).await;
        // The visitor typing on A shows in B's summaries.
        a.handle(&visitor, salam_core::protocol::ClientFrame::Typing { on: true }).await;
        until("B knows the visitor types", || b.is_typing(&visitor.conversation)).await;
    }
}
