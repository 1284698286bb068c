//! The agent HTTP API (documented in docs/PROTOCOL.md) and its event stream.

// Guards return the refusal as the response itself; it goes straight back
// to axum, once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::server::{agent_author, AgentEvent, App, Presence, Refusal};
use crate::visitor::check_origin;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use salam_core::protocol::agent::{
    Join, MessageEvent, Read, ReadEvent, Reply, SetStatus, SetTicketStatus, Typing, TypingEvent,
};
use salam_core::protocol::ServerFrame;
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

pub fn authorized(app: &App, headers: &HeaderMap, key: Option<&str>) -> Result<(), Response> {
    check_origin(app, headers)?;
    let bearer =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let given = bearer.or(key).unwrap_or("");
    // Compare without an early exit, so timing says nothing about the key.
    let same = given.len() == app.agent_key.len()
        && given.bytes().zip(app.agent_key.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same {
        Ok(())
    } else {
        Err((StatusCode::UNAUTHORIZED, "wrong or missing agent key").into_response())
    }
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
pub async fn list(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Err(r) = authorized(&app, &headers, None) {
        return r;
    }
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
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<After>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
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
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Reply>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
        return r;
    }
    match app.agent_message(&id, &body).await {
        Ok(frame) => Json(frame).into_response(),
        Err(r) => refusal(r),
    }
}

/// `POST /api/v1/agent/conversations/{id}/typing`.
pub async fn typing(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Typing>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
        return r;
    }
    app.publish(&id, ServerFrame::Typing { author: agent_author(body.name.as_deref(), None, None), on: body.on });
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /api/v1/agent/conversations/{id}/read`: the agent has read up to
/// `seq`; the visitor sees "Seen" under their last message at or below it.
pub async fn read(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Read>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
        return r;
    }
    app.agent_read(&id, body.seq).await;
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /api/v1/agent/conversations/{id}/visitor`: where the visitor is and
/// who they said they are.
pub async fn visitor(State(app): State<Arc<App>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
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
    name: String,
    status: Presence,
}

/// `POST /api/v1/agent/presence`: an agent is online, away or offline. A
/// console says so every minute while it is open; an agent not heard from
/// for 90 s is not online.
pub async fn presence(State(app): State<Arc<App>>, headers: HeaderMap, Json(body): Json<PresenceBody>) -> Response {
    if let Err(r) = authorized(&app, &headers, None) {
        return r;
    }
    let Some(name) = agent_author(Some(&body.name), None, None).name else {
        return (StatusCode::BAD_REQUEST, "a name is needed").into_response();
    };
    app.set_presence(&name, body.status);
    Json(app.availability.borrow().clone()).into_response()
}

/// `POST /api/v1/agent/conversations/{id}/join`: take the conversation over
/// from the bot or the queue. `200` with the `stage` frame the visitor got.
pub async fn join(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Join>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
        return r;
    }
    let agent = agent_author(Some(&body.name), body.avatar.as_deref(), body.team.as_deref());
    if agent.name.is_none() {
        return (StatusCode::BAD_REQUEST, "a name is needed").into_response();
    }
    app.join(&id, &agent).await;
    Json(app.stage_frame(&id).await).into_response()
}

/// `POST /api/v1/agent/conversations/{id}/status`.
pub async fn status(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<SetStatus>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
        return r;
    }
    match app.set_status(&id, body.status).await {
        Ok(changed) => {
            if changed {
                app.tell_agents_summary(&id).await;
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
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<SetTicketStatus>,
) -> Response {
    if let Err(r) = async {
        authorized(&app, &headers, None)?;
        exists(&app, &id).await
    }
    .await
    {
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

/// Query of the event stream: `EventSource` cannot send headers.
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    key: Option<String>,
}

/// `GET /api/v1/agent/events`.
pub async fn events(State(app): State<Arc<App>>, headers: HeaderMap, Query(q): Query<KeyQuery>) -> Response {
    if let Err(r) = authorized(&app, &headers, q.key.as_deref()) {
        return r;
    }
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
            Ok(AgentEvent::Read { conversation, seq }) => {
                SseEvent::default().event("read").json_data(ReadEvent { conversation, seq }).unwrap_or_default()
            }
            Err(_) => SseEvent::default().event("resync").data("{}"),
        };
        Ok::<_, Infallible>(event)
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("ping")).into_response()
}
