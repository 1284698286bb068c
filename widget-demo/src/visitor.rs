//! The visitor endpoints: WebSocket, Server-Sent Events, and HTTP POST.
//! The conversation logic is in [`crate::server::App`]; this is transport.

// Guards return the refusal as the response itself; it goes straight back
// to axum, once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::server::{now_ms, random_hex, token_hash, App, Hello, HelloRefused};
use axum::body::Bytes;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use salam_core::protocol::{
    decode_client_frame, encode_server_frame, ClientFrame, ServerFrame, VisitorContext, MAX_FRAME_BYTES,
};
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;

/// How long a new socket may take to say `hello`.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);

fn header_str(h: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// `403` unless the request's `Origin` is allowed.
pub fn check_origin(app: &App, h: &HeaderMap) -> Result<(), Response> {
    if app.origin_allowed(header_str(h, header::ORIGIN), header_str(h, header::HOST)) {
        Ok(())
    } else {
        Err((StatusCode::FORBIDDEN, "origin not allowed").into_response())
    }
}

fn failure(status: u16, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, "fault injected").into_response();
    if let Some(s) = retry_after {
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    res
}

/// Outgoing frames with the fault switches applied (duplicate, reorder,
/// delay, stall). Without faults this is a plain encode.
struct Out {
    app: Arc<App>,
    held: Option<String>,
}

impl Out {
    /// The texts to send now for `frame`, in order.
    async fn texts(&mut self, frame: &ServerFrame) -> Vec<String> {
        let text = encode_server_frame(frame);
        let (duplicate, reorder, stall, delay) = self.app.faults.outgoing();
        if stall {
            return vec![];
        }
        if delay > 0 {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        let mut out = vec![];
        if reorder {
            match self.held.take() {
                None => self.held = Some(text),
                Some(first) => out.extend([text, first]),
            }
        } else {
            out.extend(self.held.take());
            out.push(text);
        }
        if duplicate {
            out = out.into_iter().flat_map(|t| [t.clone(), t]).collect();
        }
        out
    }

    fn flush(&mut self) -> Option<String> {
        self.held.take()
    }
}

/// `GET /api/v1/ws`.
pub async fn ws(
    State(app): State<Arc<App>>,
    crate::accounts::ClientIp(ip): crate::accounts::ClientIp,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    if app.faults.refuse() {
        return failure(503, None);
    }
    let user_agent = header_str(&headers, header::USER_AGENT).map(str::to_string);
    // Frames are small: a 4 KiB read buffer instead of the default 128 KiB
    // takes 1,000 idle sockets from about 160 MiB to about 36 MiB (measured
    // with `cargo xtask bench-ws`).
    upgrade
        .max_message_size(MAX_FRAME_BYTES)
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .on_upgrade(move |socket| ws_session(app, socket, user_agent, ip))
}

async fn ws_session(app: Arc<App>, socket: WebSocket, user_agent: Option<String>, ip: Option<String>) {
    let (mut tx, mut rx) = socket.split();
    let mut kill = app.kill.subscribe();
    let mut out = Out { app: app.clone(), held: None };

    // The first frame must be `hello`.
    let (token, last_seq, limit, locale, context, conversation) =
        match tokio::time::timeout(HELLO_TIMEOUT, rx.next()).await {
            Ok(Some(Ok(WsMessage::Text(t)))) => match decode_client_frame(t.as_bytes()) {
                Ok(ClientFrame::Hello { token, last_seq, limit, locale, context, conversation, .. }) => {
                    (token, last_seq, limit, locale, context, conversation)
                }
                _ => {
                    let err = ServerFrame::Error { code: "malformed".into(), client_id: None, retry_after_ms: None };
                    let _ = tx.send(WsMessage::Text(encode_server_frame(&err).into())).await;
                    return;
                }
            },
            _ => return,
        };
    // Before the hello reads it: a change after this is sent again (harmless), none is missed.
    let mut availability = app.availability.subscribe();
    let (visitor, mut room, frames) = match app
        .hello(Hello {
            token: token.as_deref(),
            token_hash: None,
            last_seq,
            limit,
            locale: locale.as_deref(),
            context: context.as_ref(),
            conversation: conversation.as_deref(),
            user_agent: user_agent.as_deref(),
            ip: ip.as_deref(),
        })
        .await
    {
        Ok(r) => r,
        Err(HelloRefused::Limited(wait)) => {
            let err = ServerFrame::Error { code: "rate_limited".into(), client_id: None, retry_after_ms: Some(wait) };
            let _ = tx.send(WsMessage::Text(encode_server_frame(&err).into())).await;
            return;
        }
        Err(HelloRefused::Failed(e)) => {
            eprintln!("hello failed: {e}");
            return;
        }
    };
    for f in &frames {
        for t in out.texts(f).await {
            if tx.send(WsMessage::Text(t.into())).await.is_err() {
                return;
            }
        }
    }
    // After an `identity` that moves the visitor to their own conversation
    // (another browser's), the connection ends: the next hello opens it.
    let mut moved = false;
    while !moved {
        let outgoing: Vec<String> = tokio::select! {
            Ok(()) = availability.changed() => {
                let frame = availability.borrow_and_update().clone();
                out.texts(&frame).await
            }
            incoming = rx.next() => match incoming {
                Some(Ok(WsMessage::Text(t))) => {
                    if app.faults.stalled() {
                        continue;
                    }
                    let replies = match decode_client_frame(t.as_bytes()) {
                        Ok(frame) => app.handle(&visitor, frame).await,
                        Err(_) => vec![ServerFrame::Error { code: "malformed".into(), client_id: None, retry_after_ms: None }],
                    };
                    let mut texts = vec![];
                    for r in &replies {
                        moved |= moves_visitor(r);
                        texts.extend(out.texts(r).await);
                    }
                    texts
                }
                Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => continue, // binary, ping, pong: nothing to do
            },
            published = room.recv() => match published {
                Ok(frame) => {
                    moved |= moves_visitor(&frame);
                    out.texts(&frame).await
                }
                // Too far behind: close, and the widget resumes from its last sequence.
                Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => break,
            },
            _ = kill.changed() => break,
            _ = tokio::time::sleep(Duration::from_millis(300)), if out.held.is_some() => out.flush().into_iter().collect(),
        };
        for t in outgoing {
            if tx.send(WsMessage::Text(t.into())).await.is_err() {
                return;
            }
        }
    }
    let _ = tx.send(WsMessage::Close(None)).await;
}

/// Whether `frame` moves the visitor to another conversation (an
/// `identity` with a token): the connection closes after sending it.
fn moves_visitor(frame: &ServerFrame) -> bool {
    matches!(frame, ServerFrame::Identity { token: Some(_), .. })
}

/// Query of `GET /api/v1/events`.
#[derive(Debug, Deserialize)]
pub struct StreamQuery {
    /// A ticket from `POST /api/v1/stream-ticket`: a known visitor's stream.
    /// (Never the token itself: it would be in logs and histories.)
    ticket: Option<String>,
    #[serde(default)]
    last_seq: u64,
    /// With `last_seq` 0: replay only the newest `limit` messages (see `hello`).
    limit: Option<u32>,
    /// The language the widget shows (see `hello`).
    locale: Option<String>,
    /// The page's address, its title and the visitor's time zone (see `hello`'s `context`).
    url: Option<String>,
    title: Option<String>,
    time_zone: Option<String>,
    /// Which conversation (see `hello`).
    conversation: Option<String>,
    /// Seconds between `pong` events, so the widget can tell a silent
    /// stream from a quiet one (EventSource hides comment keep-alives).
    heartbeat: Option<u64>,
}

/// `GET /api/v1/events`: the server-to-visitor half over Server-Sent Events.
pub async fn events(
    State(app): State<Arc<App>>,
    crate::accounts::ClientIp(ip): crate::accounts::ClientIp,
    headers: HeaderMap,
    Query(q): Query<StreamQuery>,
) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    if app.faults.refuse() {
        return failure(503, None);
    }
    if let Some((status, retry)) = app.faults.fail_stream() {
        return failure(status, retry);
    }
    // A ticket that is unknown, used or stale opens a new visitor's stream,
    // as an unknown token would.
    let ticket_token = match q.ticket.as_deref() {
        Some(ticket) => app.store.take_stream_ticket(&token_hash(ticket), now_ms()).await.ok().flatten(),
        None => None,
    };
    // Before the hello reads it: a change after this is sent again (harmless), none is missed.
    let mut availability = app.availability.subscribe();
    let (_visitor, mut room, frames) = match app
        .hello(Hello {
            token: None,
            token_hash: ticket_token.as_deref(),
            last_seq: q.last_seq,
            limit: q.limit,
            locale: q.locale.as_deref(),
            context: Some(&VisitorContext {
                url: q.url.clone(),
                title: q.title.clone(),
                time_zone: q.time_zone.clone(),
            }),
            conversation: q.conversation.as_deref(),
            user_agent: header_str(&headers, header::USER_AGENT),
            ip: ip.as_deref(),
        })
        .await
    {
        Ok(r) => r,
        Err(HelloRefused::Limited(wait)) => {
            let mut res = (StatusCode::TOO_MANY_REQUESTS, "rate_limited").into_response();
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.div_ceil(1000)));
            return res;
        }
        Err(HelloRefused::Failed(e)) => {
            eprintln!("hello failed: {e}");
            return (StatusCode::SERVICE_UNAVAILABLE, "storage unavailable").into_response();
        }
    };
    let beat = Duration::from_secs(q.heartbeat.unwrap_or(15).clamp(1, 300));
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + beat, beat);
    let (tx, rx) = mpsc::channel::<String>(64);
    let mut kill = app.kill.subscribe();
    let mut out = Out { app: app.clone(), held: None };
    tokio::spawn(async move {
        for f in &frames {
            for t in out.texts(f).await {
                if tx.send(t).await.is_err() {
                    return;
                }
            }
        }
        loop {
            let texts: Vec<String> = tokio::select! {
                Ok(()) = availability.changed() => {
                    let frame = availability.borrow_and_update().clone();
                    out.texts(&frame).await
                }
                published = room.recv() => match published {
                    Ok(frame) if moves_visitor(&frame) => {
                        // Sent, then the stream ends: the next one opens the visitor's own conversation.
                        for t in out.texts(&frame).await {
                            let _ = tx.send(t).await;
                        }
                        return;
                    }
                    Ok(frame) => out.texts(&frame).await,
                    Err(_) => return,
                },
                _ = kill.changed() => return,
                _ = tx.closed() => return,
                _ = ticker.tick() => out.texts(&ServerFrame::Pong).await,
                _ = tokio::time::sleep(Duration::from_millis(300)), if out.held.is_some() => out.flush().into_iter().collect(),
            };
            for t in texts {
                if tx.send(t).await.is_err() {
                    return;
                }
            }
        }
    });
    let stream =
        tokio_stream::wrappers::ReceiverStream::new(rx).map(|t| Ok::<_, Infallible>(SseEvent::default().data(t)));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("ping")).into_response()
}

/// `?conversation=`: which of the visitor's conversations a request is
/// about (without it, the one last written to).
#[derive(Debug, Default, Deserialize)]
pub struct InConversation {
    /// The conversation's id.
    pub conversation: Option<String>,
}

/// `POST /api/v1/frames`: the visitor-to-server half over HTTP.
pub async fn post_frame(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<InConversation>,
    body: Bytes,
) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    if let Some((status, retry)) = app.faults.fail_post() {
        return failure(status, retry);
    }
    let token = header_str(&headers, header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    let Some(visitor) = app.known_visitor(token, q.conversation.as_deref()).await else {
        return (StatusCode::UNAUTHORIZED, "unknown token").into_response();
    };
    if body.len() > MAX_FRAME_BYTES {
        return (StatusCode::PAYLOAD_TOO_LARGE, "frame too large").into_response();
    }
    let frame = match decode_client_frame(&body) {
        Ok(f) => f,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let replies = app.handle(&visitor, frame).await;
    let limited = replies.iter().find_map(|r| match r {
        ServerFrame::Error { code, retry_after_ms, .. } if code == "rate_limited" => {
            Some(retry_after_ms.unwrap_or(1000))
        }
        _ => None,
    });
    let mut res = axum::Json(replies).into_response();
    if let Some(ms) = limited {
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(ms.div_ceil(1000)));
    }
    res
}

/// A stream ticket lives this long: the widget opens its stream at once.
const TICKET_MS: u64 = 60_000;

/// `POST /api/v1/stream-ticket` with the visitor's token in
/// `Authorization`: a one-use ticket (plain text) for `GET /api/v1/events`,
/// so the token itself never goes in a URL. `401` for an unknown token.
pub async fn stream_ticket(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    let token = header_str(&headers, header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    let hash = token_hash(token);
    match app.store.visitor_by_token(&hash).await {
        Ok(Some(_)) => {}
        Ok(None) => return (StatusCode::UNAUTHORIZED, "unknown token").into_response(),
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, "storage unavailable").into_response(),
    }
    let ticket = format!("st_{}", random_hex(24));
    let now = now_ms();
    match app.store.create_stream_ticket(&token_hash(&ticket), &hash, now, now + TICKET_MS).await {
        Ok(()) => ([(header::CACHE_CONTROL, "no-store")], ticket).into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "storage unavailable").into_response(),
    }
}
