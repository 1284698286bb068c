//! The agent HTTP API (documented in docs/PROTOCOL.md) and its event stream.

// Guards return the refusal as the response itself; it goes straight back
// to axum, once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::accounts::{refuse, Agent, ClientIp};
use crate::server::{agent_author, AgentEvent, App, Presence, Refusal};
use crate::store::Account;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use salam_core::protocol::agent::{
    canned_shortcut, AgentTypingEvent, MessageEvent, NewNote, NoteEvent, Read, ReadEvent, Reply, SaveCanned,
    SetAssignee, SetStatus, SetTicketStatus, Typing, TypingEvent,
};
use salam_core::protocol::ServerFrame;
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// How an account appears to visitors.
pub fn author_of(account: &Account) -> salam_core::protocol::Author {
    agent_author(Some(&account.name), account.avatar.as_deref(), account.team.as_deref())
}

fn refusal(r: Refusal) -> Response {
    let status = match r.code {
        "too_long" => StatusCode::PAYLOAD_TOO_LARGE,
        "unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, r.code).into_response()
}

pub async fn exists(app: &App, id: &str) -> Result<(), Response> {
    match app.store.conversation(id).await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err((StatusCode::NOT_FOUND, "no such conversation").into_response()),
        Err(e) => Err((StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response()),
    }
}

/// `GET /api/v1/agent/conversations`.
pub async fn list(State(app): State<Arc<App>>, _: Agent) -> Response {
    match app.store.conversations(500).await {
        Ok(mut list) => {
            for s in &mut list {
                s.visitor_typing = app.is_typing(&s.id);
            }
            Json(list).into_response()
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// Query of the messages call.
#[derive(Debug, Deserialize)]
pub struct After {
    #[serde(default)]
    after_seq: u64,
}

/// `GET /api/v1/agent/conversations/{id}/messages`.
pub async fn messages(
    State(app): State<Arc<App>>,
    _: Agent,
    Path(id): Path<String>,
    Query(q): Query<After>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.replay(&id, q.after_seq).await {
        Ok(frames) => Json(frames).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e).into_response(),
    }
}

/// `POST /api/v1/agent/conversations/{id}/messages`.
pub async fn reply(
    State(app): State<Arc<App>>,
    Agent(me): Agent,
    Path(id): Path<String>,
    Json(body): Json<Reply>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.agent_message(&id, &body, &author_of(&me)).await {
        Ok(frame) => {
            // Answering an unassigned conversation takes it.
            if app.store.claim_if_unassigned(&id, me.id).await.unwrap_or(false) {
                app.tell_agents_summary(&id).await;
            }
            Json(frame).into_response()
        }
        Err(r) => refusal(r),
    }
}

/// `POST /api/v1/agent/conversations/{id}/typing`.
pub async fn typing(
    State(app): State<Arc<App>>,
    Agent(me): Agent,
    Path(id): Path<String>,
    Json(body): Json<Typing>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    app.publish(&id, ServerFrame::Typing { author: author_of(&me), on: body.on });
    app.tell_agents(AgentEvent::AgentTyping { conversation: id, agent_id: me.id, agent: me.name, on: body.on });
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /api/v1/agent/conversations/{id}/read`: the agent has read up to
/// `seq`; the visitor sees "Seen" under their last message at or below it.
pub async fn read(State(app): State<Arc<App>>, _: Agent, Path(id): Path<String>, Json(body): Json<Read>) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    app.agent_read(&id, body.seq).await;
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /api/v1/agent/conversations/{id}/visitor`: where the visitor is and
/// who they said they are.
pub async fn visitor(State(app): State<Arc<App>>, _: Agent, Path(id): Path<String>) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.store.visitor_info(&id).await {
        Ok(info) => Json(info).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// Body of `POST /api/v1/agent/presence`.
#[derive(Debug, Deserialize)]
pub struct PresenceBody {
    status: Presence,
}

/// `POST /api/v1/agent/presence`: an agent is online, away or offline. A
/// console says so every minute while it is open; an agent not heard from
/// for 90 s is not online.
pub async fn presence(State(app): State<Arc<App>>, Agent(me): Agent, Json(body): Json<PresenceBody>) -> Response {
    app.set_presence(&me.email, body.status);
    let status = match body.status {
        Presence::Online => "online",
        Presence::Away => "away",
        Presence::Offline => "offline",
    };
    let _ = app.store.set_agent_presence(me.id, status, crate::server::now_ms()).await;
    if body.status == Presence::Online {
        // Someone to give the waiting conversations to.
        app.assign_waiting().await;
    }
    Json(app.availability.borrow().clone()).into_response()
}

/// `POST /api/v1/agent/conversations/{id}/join`: take the conversation over
/// from the bot or the queue. `200` with the `stage` frame the visitor got.
pub async fn join(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    if app.store.claim_if_unassigned(&id, me.id).await.unwrap_or(false) {
        app.tell_agents_summary(&id).await;
    }
    if app.join(&id, &author_of(&me)).await {
        let _ = app.store.audit(Some(&me), "join", Some(&id), ip.as_deref(), crate::server::now_ms()).await;
    }
    Json(app.stage_frame(&id).await).into_response()
}

/// `POST /api/v1/agent/conversations/{id}/status`.
pub async fn status(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Path(id): Path<String>,
    Json(body): Json<SetStatus>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.set_status(&id, body.status).await {
        Ok(changed) => {
            if changed {
                app.tell_agents_summary(&id).await;
                let action = if body.status == salam_core::protocol::ConversationStatus::Resolved {
                    "resolve"
                } else {
                    "reopen"
                };
                let _ = app.store.audit(Some(&me), action, Some(&id), ip.as_deref(), crate::server::now_ms()).await;
            }
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `POST /api/v1/agent/conversations/{id}/ticket`: the status of the
/// conversation's ticket (open, pending, solved).
pub async fn ticket_status(
    State(app): State<Arc<App>>,
    _: Agent,
    Path(id): Path<String>,
    Json(body): Json<SetTicketStatus>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.store.set_ticket_status(&id, body.status).await {
        Ok(true) => {
            app.tell_agents_summary(&id).await;
            StatusCode::NO_CONTENT.into_response()
        }
        Ok(false) => (StatusCode::NOT_FOUND, "this conversation has no ticket").into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `GET /api/v1/agent/events`: the console's live events. Signed in by
/// the session's cookie (the console's `EventSource`) or an API token in
/// the `Authorization` header (a script); never by anything in the URL.
pub async fn events(State(app): State<Arc<App>>, _: Agent) -> Response {
    let rx = app.agents.subscribe();
    // A console that falls behind gets a `resync` event and reloads.
    let stream = tokio_stream::wrappers::BroadcastStream::new(rx).map(|item| {
        let event = match item {
            Ok(AgentEvent::Conversation { summary }) => {
                SseEvent::default().event("conversation").json_data(summary).unwrap_or_default()
            }
            Ok(AgentEvent::Message { conversation, message }) => SseEvent::default()
                .event("message")
                .json_data(MessageEvent { conversation, message })
                .unwrap_or_default(),
            Ok(AgentEvent::Typing { conversation, on }) => {
                SseEvent::default().event("typing").json_data(TypingEvent { conversation, on }).unwrap_or_default()
            }
            Ok(AgentEvent::AgentTyping { conversation, agent_id, agent, on }) => SseEvent::default()
                .event("agent_typing")
                .json_data(AgentTypingEvent { conversation, agent_id, agent, on })
                .unwrap_or_default(),
            Ok(AgentEvent::Note { conversation, note }) => {
                SseEvent::default().event("note").json_data(NoteEvent { conversation, note }).unwrap_or_default()
            }
            Ok(AgentEvent::Read { conversation, seq }) => {
                SseEvent::default().event("read").json_data(ReadEvent { conversation, seq }).unwrap_or_default()
            }
            Err(_) => SseEvent::default().event("resync").data("{}"),
        };
        Ok::<_, Infallible>(event)
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("ping")).into_response()
}

/// `GET /api/v1/agent/conversations/{id}/notes`: the internal notes.
pub async fn notes(State(app): State<Arc<App>>, _: Agent, Path(id): Path<String>) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.store.notes(&id).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `POST /api/v1/agent/conversations/{id}/notes`: an internal note, for
/// the team only. Every console hears it (`note`); the visitor never does.
pub async fn add_note(
    State(app): State<Arc<App>>,
    Agent(me): Agent,
    Path(id): Path<String>,
    Json(body): Json<NewNote>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    let text = body.text.trim();
    if text.is_empty() {
        return refusal(Refusal { code: "empty", retry_after_ms: None });
    }
    if text.chars().count() > salam_core::protocol::MAX_MESSAGE_CHARS {
        return refusal(Refusal { code: "too_long", retry_after_ms: None });
    }
    match app.store.add_note(&id, &me, text, crate::server::now_ms()).await {
        Ok(note) => {
            app.tell_agents(AgentEvent::Note { conversation: id, note: note.clone() });
            (StatusCode::CREATED, Json(note)).into_response()
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `GET /api/v1/agent/canned`: the team's canned responses.
pub async fn canned(State(app): State<Arc<App>>, _: Agent) -> Response {
    match app.store.canned().await {
        Ok(list) => Json(list).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `POST /api/v1/agent/canned`: saves one (a new shortcut, or new text).
pub async fn save_canned(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Json(body): Json<SaveCanned>,
) -> Response {
    let Some(shortcut) = canned_shortcut(&body.shortcut) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad_shortcut",
            "A shortcut is 1 to 32 letters, digits, - or _ (such as refund).",
        );
    };
    let text = body.text.trim();
    if text.is_empty() || text.chars().count() > salam_core::protocol::MAX_MESSAGE_CHARS {
        return refuse(StatusCode::BAD_REQUEST, "bad_text", "The text needs 1 to 4,000 characters.");
    }
    match app.store.save_canned(&shortcut, text, &me.name, crate::server::now_ms()).await {
        Ok(saved) => {
            let _ = app
                .store
                .audit(Some(&me), "canned_saved", Some(&format!("/{shortcut}")), ip.as_deref(), saved.updated_at)
                .await;
            Json(saved).into_response()
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `DELETE /api/v1/agent/canned/{id}`.
pub async fn delete_canned(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Path(id): Path<i64>,
) -> Response {
    match app.store.delete_canned(id).await {
        Ok(true) => {
            let _ = app
                .store
                .audit(Some(&me), "canned_deleted", Some(&id.to_string()), ip.as_deref(), crate::server::now_ms())
                .await;
            StatusCode::NO_CONTENT.into_response()
        }
        Ok(false) => refuse(StatusCode::NOT_FOUND, "no_canned", "No such canned response."),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// `POST /api/v1/agent/conversations/{id}/assignee`: claims the
/// conversation (your own id), transfers it (another agent's) or unassigns
/// it (`null`, back to the queue, which may give it to the next free
/// agent). Every console hears the new assignee.
pub async fn assignee(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Path(id): Path<String>,
    Json(body): Json<SetAssignee>,
) -> Response {
    if let Err(r) = exists(&app, &id).await {
        return r;
    }
    match app.store.set_assignee(&id, body.agent).await {
        Ok(changed) => {
            if changed {
                let action = match body.agent {
                    Some(agent) if agent == me.id => "claim",
                    Some(_) => "transfer",
                    None => "unassign",
                };
                let target = match body.agent {
                    Some(agent) => format!("{id} to agent {agent}"),
                    None => id.clone(),
                };
                let _ = app.store.audit(Some(&me), action, Some(&target), ip.as_deref(), crate::server::now_ms()).await;
                app.tell_agents_summary(&id).await;
                // Whoever had it has room now (or it is back in the queue).
                app.assign_waiting().await;
            }
            StatusCode::NO_CONTENT.into_response()
        }
        Err(_) => refuse(StatusCode::BAD_REQUEST, "no_agent", "No such agent, or the account is disabled."),
    }
}
