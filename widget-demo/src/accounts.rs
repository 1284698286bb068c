//! Agents' accounts: who may use the console and the agent API, and as
//! whom.
//!
//! - **Passwords** are hashed with argon2id (the `argon2` crate's default
//!   parameters, OWASP's minimum), off the async threads.
//! - **The console** signs in with e-mail and password and gets a session
//!   cookie (`HttpOnly`, `SameSite=Strict`, `Secure` over https). Every
//!   request it makes that changes something carries the session's CSRF
//!   token in `X-CSRF-Token`.
//! - **Scripts** use an agent's API token (`Authorization: Bearer sat_...`),
//!   made and revoked in the console; only its hash is stored.
//! - An agent's name, avatar and team come from their account, never from
//!   a request. No token or key travels in a URL: the console's event
//!   stream rides on the cookie, a script's on the header.
//! - Sign-in attempts are limited per account and per address, and what
//!   agents do is written to the audit log.

// Guards return the refusal as the response itself; it goes straight back
// to axum, once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use crate::server::{now_ms, random_hex, token_hash, App};
use crate::store::{Account, NewAccount, Role};
use crate::visitor::check_origin;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The session cookie's name.
const COOKIE: &str = "salam_session";
/// A session lasts this long from sign-in.
const SESSION_MS: u64 = 7 * 24 * 3_600_000;
/// Passwords shorter than this are refused.
pub const MIN_PASSWORD: usize = 10;
/// Failed sign-in attempts: this many per account, then one more every
/// [`LOGIN_REFILL_S`] seconds...
const LOGIN_PER_ACCOUNT: f64 = 5.0;
/// ...and this many per address.
const LOGIN_PER_IP: f64 = 20.0;
/// One attempt comes back every this many seconds.
const LOGIN_REFILL_S: f64 = 60.0;

/// The argon2id hash of `password`, as a PHC string.
pub async fn hash_password(password: &str) -> Result<String, String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Whether `password` matches `hash`; without a hash (no such account),
/// checks against a made-up one, so the answer takes as long either way.
async fn password_matches(password: &str, hash: Option<String>) -> bool {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let decoy = DECOY.get_or_init(|| {
            let salt = SaltString::encode_b64(b"salam-decoy-salt").expect("a 16-byte salt encodes");
            Argon2::default().hash_password(b"no account has this", &salt).map(|h| h.to_string()).unwrap_or_default()
        });
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| decoy.clone());
        let matches = PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// The address a request came from (the peer, or with `--trust-proxy` the
/// last hop `X-Forwarded-For` names).
#[derive(Debug, Clone, Default)]
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer =
            parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
        let trust = parts.extensions.get::<TrustProxy>().is_some();
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string())
            .filter(|v| v.parse::<std::net::IpAddr>().is_ok());
        Ok(ClientIp(if trust { forwarded.or(peer) } else { peer }))
    }
}

/// Present (as a request extension) when `--trust-proxy` says the server
/// sits behind a proxy that sets `X-Forwarded-For`.
#[derive(Debug, Clone, Copy)]
pub struct TrustProxy;

/// A refusal as the agent API words it: the status, and
/// `{"error": code, "message": what a person reads}`.
pub fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": code, "message": message }))).into_response()
}

/// The session token in the request's cookie, if any.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_string())
}

/// Constant-time comparison: timing says nothing about a secret.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who is asking: the account of the request's API token or session. A
/// session's request that changes something must carry its CSRF token.
pub async fn authenticate(app: &App, headers: &HeaderMap, method: &Method) -> Result<Account, Response> {
    check_origin(app, headers)?;
    let bearer =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let unavailable = |e: crate::store::StoreError| refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0);
    if let Some(token) = bearer {
        return match app.store.token_account(&token_hash(token.trim()), now_ms()).await.map_err(unavailable)? {
            Some(account) => Ok(account),
            None => Err(refuse(
                StatusCode::UNAUTHORIZED,
                "bad_token",
                "This API token is unknown, revoked, or its account is disabled.",
            )),
        };
    }
    let Some(session) = session_cookie(headers) else {
        return Err(refuse(StatusCode::UNAUTHORIZED, "signed_out", "Sign in first."));
    };
    let Some((account, csrf)) = app.store.session(&token_hash(&session), now_ms()).await.map_err(unavailable)? else {
        return Err(refuse(StatusCode::UNAUTHORIZED, "signed_out", "Your session has ended. Sign in again."));
    };
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    let given = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !safe && !same(given, &csrf) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "csrf",
            "This request lacks the page's CSRF token; reload the console.",
        ));
    }
    Ok(account)
}

/// The signed-in agent of a request (its session or API token; see
/// [`authenticate`]), as a handler's argument: a request without one is
/// refused before the handler runs.
pub struct Agent(pub Account);

impl FromRequestParts<Arc<App>> for Agent {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        authenticate(app, &parts.headers, &parts.method).await.map(Agent)
    }
}

/// The signed-in admin of a request, as a handler's argument.
pub struct Admin(pub Account);

impl FromRequestParts<Arc<App>> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let Agent(account) = Agent::from_request_parts(parts, app).await?;
        if account.role != Role::Admin {
            return Err(refuse(StatusCode::FORBIDDEN, "not_admin", "Only an admin may do this."));
        }
        Ok(Admin(account))
    }
}

/// An account as the API shows it.
#[derive(Debug, Serialize)]
pub struct AccountView {
    id: i64,
    email: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<String>,
    role: Role,
    disabled: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        Self {
            id: a.id,
            email: a.email.clone(),
            name: a.name.clone(),
            avatar: a.avatar.clone(),
            team: a.team.clone(),
            role: a.role,
            disabled: a.disabled,
        }
    }
}

/// Body of `POST /api/v1/agent/session`.
#[derive(Debug, Deserialize)]
pub struct SignIn {
    email: String,
    password: String,
}

/// Whether the request came over https (itself, or through a proxy that
/// says so).
fn over_https(headers: &HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).unwrap_or("");
    header("x-forwarded-proto").eq_ignore_ascii_case("https") || header("origin").starts_with("https://")
}

fn wait_message(ms: u64) -> String {
    let minutes = ms.div_ceil(60_000).max(1);
    format!("Too many sign-in attempts. Try again in {minutes} minute{}.", if minutes == 1 { "" } else { "s" })
}

/// `POST /api/v1/agent/session`: signs in. Sets the session cookie and
/// answers `{agent, csrf}`.
pub async fn sign_in(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<SignIn>,
) -> Response {
    if let Err(r) = check_origin(&app, &headers) {
        return r;
    }
    let email = body.email.trim().to_lowercase();
    let per_sec = 1.0 / LOGIN_REFILL_S;
    let (account_key, ip_key) = (format!("sign-in:{email}"), ip.as_ref().map(|ip| format!("sign-in-ip:{ip}")));
    let by_account = app.limit(&account_key, LOGIN_PER_ACCOUNT, per_sec).await;
    let by_ip = match &ip_key {
        Some(key) => app.limit(key, LOGIN_PER_IP, per_sec).await,
        None => Ok(()),
    };
    if let Err(wait) = by_account.and(by_ip) {
        let _ = app.store.audit(None, "sign_in_limited", Some(&email), ip.as_deref(), now_ms()).await;
        let mut r = refuse(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", &wait_message(wait));
        if let Ok(v) = header::HeaderValue::from_str(&wait.div_ceil(1000).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let found = match app.store.account_by_email(&email).await {
        Ok(f) => f,
        Err(e) => return refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    };
    let (account, hash) = match found {
        Some((a, h)) => (Some(a), Some(h)),
        None => (None, None),
    };
    if !password_matches(&body.password, hash).await {
        let _ = app.store.audit(account.as_ref(), "sign_in_failed", Some(&email), ip.as_deref(), now_ms()).await;
        return refuse(StatusCode::UNAUTHORIZED, "wrong_credentials", "Wrong e-mail address or password.");
    }
    let Some(account) = account else {
        return refuse(StatusCode::UNAUTHORIZED, "wrong_credentials", "Wrong e-mail address or password.");
    };
    // Only wrong passwords count against the limits.
    app.refund(&account_key, LOGIN_PER_ACCOUNT).await;
    if let Some(key) = &ip_key {
        app.refund(key, LOGIN_PER_IP).await;
    }
    if account.disabled {
        let _ = app.store.audit(Some(&account), "sign_in_refused", Some(&email), ip.as_deref(), now_ms()).await;
        return refuse(StatusCode::FORBIDDEN, "disabled", "This account is disabled. Ask an admin.");
    }
    let (token, csrf, now) = (format!("ss_{}", random_hex(32)), random_hex(16), now_ms());
    if let Err(e) = app.store.create_session(&token_hash(&token), account.id, &csrf, now, now + SESSION_MS).await {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0);
    }
    let _ = app.store.audit(Some(&account), "sign_in", None, ip.as_deref(), now).await;
    let cookie = cookie::Cookie::build((COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(over_https(&headers))
        .max_age(cookie::time::Duration::milliseconds(SESSION_MS as i64))
        .build();
    let mut response = Json(serde_json::json!({ "agent": AccountView::from(&account), "csrf": csrf })).into_response();
    if let Ok(v) = header::HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// `DELETE /api/v1/agent/session`: signs out (ends the session, clears the cookie).
pub async fn sign_out(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(account): Agent,
    headers: HeaderMap,
) -> Response {
    if let Some(session) = session_cookie(&headers) {
        let _ = app.store.end_session(&token_hash(&session), now_ms()).await;
    }
    let _ = app.store.audit(Some(&account), "sign_out", None, ip.as_deref(), now_ms()).await;
    app.set_presence(&account.email, crate::server::Presence::Offline);
    let gone = cookie::Cookie::build((COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .max_age(cookie::time::Duration::ZERO)
        .build();
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = header::HeaderValue::from_str(&gone.to_string()) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// `GET /api/v1/agent/me`: who is signed in, and (for a session) the CSRF
/// token its changes must carry. Signed out (no session, or one that
/// ended), `{"agent": null}`: the console asks this on every load, and that
/// is an answer, not an error. A bad API token is refused.
pub async fn me(State(app): State<Arc<App>>, method: Method, headers: HeaderMap) -> Response {
    let account = match authenticate(&app, &headers, &method).await {
        Ok(a) => a,
        Err(r) if r.status() == StatusCode::UNAUTHORIZED && !headers.contains_key(header::AUTHORIZATION) => {
            return Json(serde_json::json!({ "agent": null, "csrf": null })).into_response();
        }
        Err(r) => return r,
    };
    let csrf = match session_cookie(&headers) {
        Some(s) => app.store.session(&token_hash(&s), now_ms()).await.ok().flatten().map(|(_, csrf)| csrf),
        None => None,
    };
    Json(serde_json::json!({ "agent": AccountView::from(&account), "csrf": csrf })).into_response()
}

/// `GET /api/v1/agent/agents`: the team (for transfers; admins manage it).
pub async fn list_accounts(State(app): State<Arc<App>>, _: Agent) -> Response {
    match app.store.accounts().await {
        Ok(list) => Json(list.iter().map(AccountView::from).collect::<Vec<_>>()).into_response(),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// Body of `POST /api/v1/agent/agents`.
#[derive(Debug, Deserialize)]
pub struct NewAgent {
    email: String,
    name: String,
    password: String,
    #[serde(default = "agent_role")]
    role: Role,
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    avatar: Option<String>,
}

fn agent_role() -> Role {
    Role::Agent
}

/// Why an account's fields are refused, if they are.
pub fn check_account(email: &str, name: &str, password: &str) -> Result<(), (&'static str, &'static str)> {
    let email = email.trim();
    let plausible = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.starts_with('.'))
        && !email.contains(char::is_whitespace);
    if !plausible {
        return Err(("bad_email", "Give an e-mail address such as sara@example.com."));
    }
    if name.trim().is_empty() || name.trim().chars().count() > 60 {
        return Err(("bad_name", "Give a name of 1 to 60 characters."));
    }
    if password.chars().count() < MIN_PASSWORD {
        return Err(("weak_password", "The password needs at least 10 characters."));
    }
    Ok(())
}

/// `POST /api/v1/agent/agents` (admins): adds an agent or admin.
pub async fn create_account(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Admin(me): Admin,
    Json(body): Json<NewAgent>,
) -> Response {
    if let Err((code, message)) = check_account(&body.email, &body.name, &body.password) {
        return refuse(StatusCode::BAD_REQUEST, code, message);
    }
    let author = crate::server::agent_author(Some(&body.name), body.avatar.as_deref(), body.team.as_deref());
    let hash = match hash_password(&body.password).await {
        Ok(h) => h,
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "unavailable", &e),
    };
    let new = NewAccount {
        email: &body.email,
        name: author.name.as_deref().unwrap_or_default(),
        role: body.role,
        password_hash: &hash,
        team: author.team.as_deref(),
        avatar: author.avatar.as_deref(),
        at: now_ms(),
    };
    match app.store.create_account(&new).await {
        Ok(Some(id)) => {
            let email = body.email.trim().to_lowercase();
            let _ = app.store.audit(Some(&me), "agent_created", Some(&email), ip.as_deref(), now_ms()).await;
            let view = AccountView {
                id,
                email,
                name: new.name.to_string(),
                avatar: author.avatar.clone(),
                team: author.team.clone(),
                role: body.role,
                disabled: false,
            };
            (StatusCode::CREATED, Json(view)).into_response()
        }
        Ok(None) => refuse(StatusCode::CONFLICT, "email_taken", "An account with this e-mail address exists."),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// Body of `POST /api/v1/agent/agents/{id}`.
#[derive(Debug, Deserialize)]
pub struct AccountChange {
    disabled: bool,
}

/// `POST /api/v1/agent/agents/{id}` (admins): disables or enables an account.
pub async fn change_account(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Admin(me): Admin,
    Path(id): Path<i64>,
    Json(body): Json<AccountChange>,
) -> Response {
    if id == me.id && body.disabled {
        return refuse(StatusCode::BAD_REQUEST, "self", "You cannot disable your own account.");
    }
    match app.store.set_disabled(id, body.disabled).await {
        Ok(true) => {
            let action = if body.disabled { "agent_disabled" } else { "agent_enabled" };
            let _ = app.store.audit(Some(&me), action, Some(&id.to_string()), ip.as_deref(), now_ms()).await;
            StatusCode::NO_CONTENT.into_response()
        }
        Ok(false) => refuse(StatusCode::NOT_FOUND, "no_account", "No such account."),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// `GET /api/v1/agent/tokens`: your API tokens.
pub async fn list_tokens(State(app): State<Arc<App>>, Agent(me): Agent) -> Response {
    match app.store.tokens(me.id).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// Body of `POST /api/v1/agent/tokens`.
#[derive(Debug, Deserialize)]
pub struct NewToken {
    label: String,
}

/// `POST /api/v1/agent/tokens`: a new API token for you; the answer is the
/// only time it is shown.
pub async fn create_token(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Json(body): Json<NewToken>,
) -> Response {
    let label: String = body.label.trim().chars().take(60).collect();
    if label.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "bad_label", "Name the token (what will use it).");
    }
    let token = format!("sat_{}", random_hex(32));
    match app.store.create_token(me.id, &label, &token_hash(&token), now_ms()).await {
        Ok(id) => {
            let _ = app.store.audit(Some(&me), "token_created", Some(&label), ip.as_deref(), now_ms()).await;
            (StatusCode::CREATED, Json(serde_json::json!({ "id": id, "label": label, "token": token }))).into_response()
        }
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// `DELETE /api/v1/agent/tokens/{id}`: revokes one of your tokens.
pub async fn revoke_token(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Path(id): Path<i64>,
) -> Response {
    match app.store.revoke_token(me.id, id).await {
        Ok(true) => {
            let _ = app.store.audit(Some(&me), "token_revoked", Some(&id.to_string()), ip.as_deref(), now_ms()).await;
            StatusCode::NO_CONTENT.into_response()
        }
        Ok(false) => refuse(StatusCode::NOT_FOUND, "no_token", "You have no such token."),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}

/// `GET /api/v1/agent/audit` (admins): the newest 500 lines of the audit log.
pub async fn audit_log(State(app): State<Arc<App>>, _: Admin) -> Response {
    match app.store.audit_log(500).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    }
}
