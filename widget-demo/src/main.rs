//! The Salam reference backend: the demo site, the widget bundle, the
//! protocol endpoints (WebSocket; HTTP POST + Server-Sent Events), SQLite
//! storage, the agent console and the agent HTTP API.
//!
//! `cargo run -p salam-demo -- --port 8080` (after `cargo xtask dist`), or
//! `cargo xtask demo`, which builds the bundle first.

mod accounts;
mod agent;
mod bot;
mod bus;
mod cli;
mod faults;
mod figures;
mod files;
mod mail;
mod server;
mod store;
#[cfg(test)]
mod testdb;
mod texts;
mod visitor;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use server::App;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::services::ServeDir;

/// Command-line options.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    host: String,
    port: u16,
    dist: PathBuf,
    site: PathBuf,
    agent_dir: PathBuf,
    /// A SQLite file, or a `postgres://` URL.
    db: String,
    /// `--trust-proxy`: take visitors' addresses from `X-Forwarded-For`.
    trust_proxy: bool,
    /// `--demo-account`: make (or refresh) a ready admin account and print it.
    demo_account: bool,
    new_visitors_per_minute: u32,
    capacity: u32,
    allow_origins: Vec<String>,
    rate: (f64, f64),
    kb: Option<PathBuf>,
    hours: Option<PathBuf>,
    identity_secret: Option<String>,
    smtp: Option<String>,
    smtp_ca: Option<PathBuf>,
    mail_from: String,
    team_email: Option<String>,
    files: Option<PathBuf>,
    upload: salam_core::attach::Policy,
}

impl Default for Options {
    fn default() -> Self {
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            dist: here.join("../dist"),
            site: here.join("site"),
            agent_dir: here.join("agent"),
            db: "salam-demo.sqlite3".into(),
            trust_proxy: false,
            demo_account: false,
            new_visitors_per_minute: server::NEW_VISITORS_PER_MINUTE,
            capacity: server::CAPACITY,
            allow_origins: vec![],
            rate: (server::RATE_BURST, server::RATE_PER_SEC),
            kb: None,
            hours: None,
            identity_secret: None,
            smtp: None,
            smtp_ca: None,
            mail_from: "Salam <salam@localhost>".into(),
            team_email: None,
            files: None,
            upload: Default::default(),
        }
    }
}

const USAGE: &str = "usage: salam-demo [--port N (0 picks a free one)] [--host ADDR] [--db FILE | postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default salam-demo.sqlite3; :memory: for none)]
                  [--allow-origin ORIGIN]... [--rate BURST:PER_SEC (default 20:2)]
                  [--new-visitors-per-minute N (per address; default 60, 0: no limit)] [--trust-proxy (addresses from X-Forwarded-For)]
                  [--demo-account (make or refresh a ready admin account, printed)]
                  [--capacity N (open conversations assigned to one agent at most; default 5)]
                  [--kb FILE (the bot's knowledge base, JSON; without it every conversation waits for a person)]
                  [--hours FILE (business hours, JSON; without them every hour is one)]
                  [--identity-secret SECRET (checks identify's user_hash; else identities are unverified)]
                  [--smtp smtp://[USER:PASSWORD@]HOST[:PORT][?tls=starttls] | smtps://... (sends e-mail; without it, e-mails are printed)]
                  [--smtp-ca FILE (PEM: the mail server's own certificate authority, besides the usual ones)]
                  [--mail-from \"NAME <ADDRESS>\" (default Salam <salam@localhost>)] [--team-email ADDRESS (new tickets)]
                  [--files DIR (attachments; default: the SQLite file's name with .files, salam-demo.files with PostgreSQL, or a temporary one)]
                  [--upload-types TYPE,... (default image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain; image/* for a family)]
                  [--upload-max-mb N (default 10)]
                  [--dist DIR] [--site DIR]
       salam-demo admin create ... | salam-demo token create ... (run `salam-demo admin` for these)";

/// `GET /api/v1/console-texts/{lang}`: the agent console's texts in
/// `en`, `fa` or `ar` (see [`texts::console_texts`]); public, as the
/// sign-in page needs them.
async fn console_texts(axum::extract::Path(lang): axum::extract::Path<String>) -> Response {
    match texts::console_texts(&lang) {
        Some(json) => {
            ([(header::CONTENT_TYPE, "application/json; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], json)
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "no such language").into_response(),
    }
}

/// The demo's ready account.
const DEMO_EMAIL: &str = "demo@salam.example";

/// Makes the demo's admin account if it is missing, with a new password
/// either way; returns the password.
async fn demo_account(store: &store::Store) -> Result<String, String> {
    let password = server::random_hex(8);
    let hash = accounts::hash_password(&password).await?;
    if !store.set_password(DEMO_EMAIL, &hash).await.map_err(|e| e.0)? {
        let account = store::NewAccount {
            email: DEMO_EMAIL,
            name: "Demo Agent",
            role: store::Role::Admin,
            password_hash: &hash,
            team: None,
            avatar: None,
            at: server::now_ms(),
        };
        store.create_account(&account).await.map_err(|e| e.0)?;
    }
    Ok(password)
}

/// The database as the log may show it: a URL without its password.
fn shown_db(db: &str) -> String {
    match url::Url::parse(db) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => db.to_string(),
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => o.port = value()?.parse().map_err(|_| format!("--port must be a number 0-65535\n{USAGE}"))?,
            "--host" => o.host = value()?,
            "--dist" => o.dist = value()?.into(),
            "--site" => o.site = value()?.into(),
            "--db" => o.db = value()?,
            "--kb" => o.kb = Some(value()?.into()),
            "--hours" => o.hours = Some(value()?.into()),
            "--identity-secret" => o.identity_secret = Some(value()?).filter(|s| !s.is_empty()),
            "--smtp" => o.smtp = Some(value()?),
            "--smtp-ca" => o.smtp_ca = Some(value()?.into()),
            "--mail-from" => o.mail_from = value()?,
            "--team-email" => o.team_email = Some(value()?).filter(|s| !s.trim().is_empty()),
            "--files" => o.files = Some(value()?.into()),
            "--upload-types" => {
                let types: Vec<String> =
                    value()?.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
                if types.is_empty() || types.iter().any(|t| !t.contains('/')) {
                    return Err(format!("--upload-types takes media types such as image/png,application/pdf\n{USAGE}"));
                }
                o.upload.types = types;
            }
            "--upload-max-mb" => match value()?.parse::<u64>() {
                Ok(mb @ 1..=1024) => o.upload.max_bytes = mb * 1024 * 1024,
                _ => return Err(format!("--upload-max-mb must be a number 1-1024\n{USAGE}")),
            },
            "--agent-key" => {
                return Err("--agent-key is gone: each agent signs in with their own account, and scripts use an \
                            agent's API token (salam-demo admin create; see the README)"
                    .into())
            }
            "--trust-proxy" => o.trust_proxy = true,
            "--capacity" => {
                o.capacity = match value()?.parse() {
                    Ok(n @ 1..=1000) => n,
                    _ => return Err(format!("--capacity must be a number 1-1000\n{USAGE}")),
                }
            }
            "--demo-account" => o.demo_account = true,
            "--new-visitors-per-minute" => {
                o.new_visitors_per_minute = value()?
                    .parse()
                    .map_err(|_| format!("--new-visitors-per-minute must be a number (0: no limit)\n{USAGE}"))?
            }
            "--allow-origin" => o.allow_origins.push(value()?.trim_end_matches('/').to_string()),
            "--rate" => {
                let v = value()?;
                let parsed =
                    v.split_once(':').and_then(|(b, r)| Some((b.parse::<f64>().ok()?, r.parse::<f64>().ok()?)));
                match parsed {
                    Some((b, r)) if b >= 1.0 && r > 0.0 => o.rate = (b, r),
                    _ => return Err(format!("--rate must be BURST:PER_SEC, like 20:2\n{USAGE}")),
                }
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// The whole HTTP surface.
fn app(o: &Options, state: Arc<App>) -> Router {
    let bundle = Router::new().fallback_service(ServeDir::new(&o.dist)).layer(middleware::from_fn(bundle_headers));
    let api = Router::new()
        .route("/ws", get(visitor::ws))
        .route("/events", get(visitor::events))
        .route("/frames", post(visitor::post_frame))
        .route("/stream-ticket", post(visitor::stream_ticket))
        .route("/agent/conversations", get(agent::list))
        .route("/agent/conversations/{id}/messages", get(agent::messages).post(agent::reply))
        .route("/agent/conversations/{id}/typing", post(agent::typing))
        .route("/agent/conversations/{id}/status", post(agent::status))
        .route("/agent/conversations/{id}/join", post(agent::join))
        .route("/agent/presence", post(agent::presence))
        .route("/agent/conversations/{id}/read", post(agent::read))
        .route("/agent/conversations/{id}/visitor", get(agent::visitor))
        .route("/agent/conversations/{id}/ticket", post(agent::ticket_status))
        .route("/agent/events", get(agent::events))
        .route("/agent/session", post(accounts::sign_in).delete(accounts::sign_out))
        .route("/agent/me", get(accounts::me))
        .route("/agent/agents", get(accounts::list_accounts).post(accounts::create_account))
        .route("/agent/agents/{id}", post(accounts::change_account))
        .route("/agent/tokens", get(accounts::list_tokens).post(accounts::create_token))
        .route("/agent/tokens/{id}", axum::routing::delete(accounts::revoke_token))
        .route("/agent/audit", get(accounts::audit_log))
        .route("/agent/conversations/{id}/notes", get(agent::notes).post(agent::add_note))
        .route("/agent/canned", get(agent::canned).post(agent::save_canned))
        .route("/agent/conversations/{id}/assignee", post(agent::assignee))
        .route("/agent/figures", get(figures::figures))
        .route("/console-texts/{lang}", get(console_texts))
        .route("/agent/canned/{id}", axum::routing::delete(agent::delete_canned))
        .layer(DefaultBodyLimit::max(salam_core::protocol::MAX_FRAME_BYTES))
        .layer(cors(state.clone()));
    // Uploads take the whole file in one body, up to the limit.
    let files = Router::new()
        .route("/files", post(files::upload))
        .route("/files/{id}", get(files::download))
        .route("/agent/conversations/{id}/files", post(files::agent_upload))
        .layer(DefaultBodyLimit::max(o.upload.max_bytes as usize))
        .layer(cors(state.clone()));
    let api = api.merge(files);
    #[allow(unused_mut)]
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .nest("/api/v1", api)
        .route("/agent", get(|| async { Redirect::permanent("/agent/") }))
        .nest_service("/agent/", ServeDir::new(&o.agent_dir))
        .nest("/salam", bundle);
    #[cfg(feature = "faults")]
    {
        router = router.route("/__faults", post(set_faults).get(fault_report));
    }
    let router =
        router.with_state(state).fallback_service(ServeDir::new(&o.site).append_index_html_on_directories(true));
    if o.trust_proxy {
        router.layer(axum::Extension(accounts::TrustProxy))
    } else {
        router
    }
}

#[cfg(feature = "faults")]
async fn set_faults(
    axum::extract::State(app): axum::extract::State<Arc<App>>,
    axum::Json(settings): axum::Json<faults::Settings>,
) -> StatusCode {
    if app.faults.apply(settings) {
        app.kill.send_modify(|g| *g += 1);
    }
    StatusCode::NO_CONTENT
}

#[cfg(feature = "faults")]
async fn fault_report(axum::extract::State(app): axum::extract::State<Arc<App>>) -> axum::Json<faults::Report> {
    axum::Json(app.faults.report())
}

/// CORS for the API, to the same origins the handlers accept (the
/// server's own, and `--allow-origin`): an embed on another site talks to
/// it over HTTP + SSE, or its agent scripts call it. The visitor token is a
/// bearer header, not a cookie, so no credentials are allowed. `Retry-After`
/// is exposed: the widget waits that long after a 429.
fn cors(state: Arc<App>) -> tower_http::cors::CorsLayer {
    use axum::http::{header, Method};
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let allowed = AllowOrigin::predicate(move |origin, request| {
        let host = request.headers.get(header::HOST).and_then(|h| h.to_str().ok());
        state.origin_allowed(origin.to_str().ok(), host)
    });
    CorsLayer::new()
        .allow_origin(allowed)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// The bundle is embedded from other origins: CORS for the module import
/// and the wasm fetch, and caching by name: content-hashed files never
/// change, stable names must be revalidated.
async fn bundle_headers(req: Request, next: Next) -> Response {
    let hashed = is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if res.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    res
}

/// `name.0123456789.ext`: ten hex digits between two dots.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() == 3 && parts[1].len() == 10 && parts[1].bytes().all(|b| b.is_ascii_hexdigit())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(command @ ("admin" | "token")) = args.first().map(String::as_str) {
        std::process::exit(cli::run(command, &args[1..]).await);
    }
    let options = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if !options.dist.join("salam.js").exists() {
        eprintln!(
            "warning: {} has no salam.js; run `cargo xtask dist` (or `cargo xtask demo`) first",
            options.dist.display()
        );
    }
    let listener = match tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}:{}: {e}", options.host, options.port);
            std::process::exit(1);
        }
    };
    let store = match store::Store::open(&options.db).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", shown_db(&options.db));
            std::process::exit(1);
        }
    };
    let demo_password = if options.demo_account {
        match demo_account(&store).await {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("cannot make the demo account: {e}");
                std::process::exit(1);
            }
        }
    } else {
        None
    };
    let no_accounts = !store.has_accounts().await.unwrap_or(true);
    let mut app_state = App::new(store, options.allow_origins.clone());
    app_state.rate = options.rate;
    app_state.new_visitors_per_minute = options.new_visitors_per_minute;
    app_state.capacity = options.capacity;
    app_state.identity_secret = options.identity_secret.as_ref().map(|s| s.as_bytes().to_vec());
    let notifier: Arc<dyn mail::Notifier> = match &options.smtp {
        Some(url) => match options
            .smtp_ca
            .as_ref()
            .map(|path| std::fs::read(path).map_err(|e| format!("--smtp-ca {}: {e}", path.display())))
            .transpose()
            .and_then(|ca| mail::SmtpNotifier::new(url, &options.mail_from, ca.as_deref()))
        {
            Ok(smtp) => Arc::new(smtp),
            Err(e) => {
                eprintln!("cannot send e-mail: {e}");
                std::process::exit(2);
            }
        },
        None => Arc::new(mail::LogNotifier),
    };
    app_state.mail = Some(mail::start(notifier));
    app_state.team_email = options.team_email.clone();
    let files_dir = match &options.files {
        Some(dir) => dir.clone(),
        None if options.db == ":memory:" => app_state.files.dir().to_path_buf(),
        None if app_state.store.backend() == store::Backend::Postgres => PathBuf::from("salam-demo.files"),
        None => PathBuf::from(&options.db).with_extension("files"),
    };
    match files::Files::new(files_dir.clone(), options.upload.clone()) {
        Ok(f) => app_state.files = f,
        Err(e) => {
            eprintln!("cannot use {} for attachments: {e}", files_dir.display());
            std::process::exit(2);
        }
    }
    if let Some(kb) = &options.kb {
        match bot::Bot::load(kb).await {
            Ok(bot) => app_state.bot = Some(bot),
            Err(e) => {
                eprintln!("cannot load the knowledge base: {e}");
                std::process::exit(2);
            }
        }
    }
    if let Some(path) = &options.hours {
        let read = tokio::fs::read_to_string(path).await.map_err(|e| e.to_string());
        match read.and_then(|json| salam_core::hours::schedule::Schedule::from_json(&json)) {
            Ok(hours) => app_state.hours = Some(hours),
            Err(e) => {
                eprintln!("cannot use the business hours in {}: {e}", path.display());
                std::process::exit(2);
            }
        }
    }
    // Over PostgreSQL, instances share what happens live (src/bus.rs).
    let pending = match app_state.store.backend() {
        store::Backend::Postgres => {
            let (bus, pending) = bus::new();
            app_state.bus = Some(bus);
            Some(pending)
        }
        store::Backend::Sqlite => None,
    };
    let state = Arc::new(app_state);
    if let Some(pending) = pending {
        if let Err(e) = bus::start(&state, pending).await {
            eprintln!("cannot listen to the other instances: {e}");
            std::process::exit(1);
        }
    }
    // Availability follows the clock (hours begin and end) and the consoles
    // (presence expires): checked every 10 s, the usual reply time every minute.
    state.refresh_availability(server::now_ms(), true).await;
    let watcher = state.clone();
    tokio::spawn(async move {
        let mut ticks = 0u64;
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        loop {
            every.tick().await;
            ticks += 1;
            watcher.refresh_availability(server::now_ms(), ticks.is_multiple_of(6)).await;
            if ticks.is_multiple_of(6) && watcher.store.backend() == store::Backend::Postgres {
                let _ = watcher.store.forget_shared(server::now_ms()).await;
            }
        }
    });
    let addr: SocketAddr = listener.local_addr().expect("a bound listener has an address");
    // Tests read the first line to learn the port.
    println!("Salam demo: http://{addr}/");
    println!("Agent console: http://{addr}/agent/");
    if let Some(password) = &demo_password {
        println!("  sign in as {DEMO_EMAIL} with the password {password} (new at every start)");
    } else if no_accounts {
        println!(
            "  no agent accounts yet: make the first admin with\n  salam-demo admin create --db {} --email you@example.com --name \"Your Name\"",
            shown_db(&options.db)
        );
    }
    println!("Database: {}", shown_db(&options.db));
    let shutdown = async {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        let term = async {
            if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                s.recv().await;
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    };
    // Open streams and sockets end on shutdown too, or the graceful
    // shutdown would wait for them for ever.
    let kill = state.kill.clone();
    let shutdown = async move {
        shutdown.await;
        kill.send_modify(|g| *g += 1);
    };
    // No Nagle: an ack and the echoed message are two small writes, and
    // Nagle would hold the second until the client's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let service = app(&options, state).into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_parse_and_reject_nonsense() {
        let o = parse_args(&args("--port 0 --host 127.0.0.1 --dist /x")).unwrap();
        assert_eq!((o.port, o.dist), (0, PathBuf::from("/x")));
        assert_eq!(parse_args(&[]).unwrap().port, 8080);
        assert!(parse_args(&args("--port nope")).is_err());
        assert!(parse_args(&args("--port")).is_err());
        assert!(parse_args(&args("--bogus 1")).is_err());
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("/salam/salam_widget_bg.0123456789.wasm"));
        assert!(is_hashed("/salam.abcdef0123.js"));
        assert!(!is_hashed("/salam/salam.js"));
        assert!(!is_hashed("/salam/salam.min.js"));
    }

    /// Serves a real file over a real socket and checks the headers the
    /// cross-origin embed depends on.
    #[tokio::test]
    async fn bundle_is_served_with_cors_types_and_cache_headers() {
        let dir = std::env::temp_dir().join(format!("salam-demo-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("salam_widget_bg.0123456789.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("salam.js"), b"/* loader */").unwrap();
        let o = Options { dist: dir.clone(), ..Options::default() };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(App::new(crate::testdb::store().await, vec![]));
        let server = tokio::spawn(async move { axum::serve(listener, app(&o, state)).await });

        let get = |path: &'static str| async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
            let req =
                format!("GET {path} HTTP/1.1\r\nHost: x\r\nOrigin: http://other.example\r\nConnection: close\r\n\r\n");
            s.write_all(req.as_bytes()).await.unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            out.to_ascii_lowercase()
        };
        let wasm = get("/salam/salam_widget_bg.0123456789.wasm").await;
        assert!(wasm.starts_with("http/1.1 200"), "{wasm}");
        assert!(wasm.contains("content-type: application/wasm"), "{wasm}");
        assert!(wasm.contains("access-control-allow-origin: *"), "{wasm}");
        assert!(wasm.contains("immutable"), "{wasm}");
        let js = get("/salam/salam.js").await;
        assert!(js.contains("javascript"), "{js}");
        assert!(js.contains("cache-control: no-cache"), "{js}");
        let missing = get("/salam/nope.js").await;
        assert!(missing.starts_with("http/1.1 404"), "{missing}");
        server.abort();
        let _ = std::fs::remove_dir_all(dir);
    }

    type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

    /// The server on a free port, with Sara's admin account (password
    /// `correct horse battery`) and her API token `agent-key`.
    async fn serve() -> (SocketAddr, tokio::task::JoinHandle<()>) {
        let store = crate::testdb::store().await;
        let hash = accounts::hash_password("correct horse battery").await.unwrap();
        let sara = store::NewAccount {
            email: "sara@example.com",
            name: "Sara",
            role: store::Role::Admin,
            password_hash: &hash,
            team: None,
            avatar: None,
            at: 0,
        };
        let id = store.create_account(&sara).await.unwrap().unwrap();
        store.create_token(id, "tests", &server::token_hash("agent-key"), 0).await.unwrap();
        let state = Arc::new(App::new(store, vec!["http://allowed.example".into()]));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let o = Options::default();
        let h = tokio::spawn(async move {
            let _ = axum::serve(listener, app(&o, state).into_make_service_with_connect_info::<SocketAddr>()).await;
        });
        (addr, h)
    }

    /// One raw HTTP/1.1 request; the whole answer (status line, headers, body).
    async fn raw_request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }

    fn status(answer: &str) -> u16 {
        answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
    }

    fn json_body(answer: &str) -> serde_json::Value {
        serde_json::from_str(answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)).unwrap_or_default()
    }

    /// The console's sign-in: a session cookie (HttpOnly, SameSite=Strict),
    /// CSRF on changes, the account's name on replies whatever the request
    /// says, roles, disabled accounts, API tokens, sign-in limits and the
    /// audit log.
    #[tokio::test]
    async fn agents_sign_in_with_a_cookie_and_csrf_and_act_as_themselves() {
        let (addr, server) = serve().await;
        let call = |method: &'static str, path: String, headers: Vec<(&'static str, String)>, body: &'static str| async move {
            let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            raw_request(addr, method, &path, &headers, body).await
        };
        // Wrong password, then right.
        let wrong =
            call("POST", "/api/v1/agent/session".into(), vec![], r#"{"email":"sara@example.com","password":"nope"}"#)
                .await;
        assert_eq!(status(&wrong), 401, "{wrong}");
        assert_eq!(json_body(&wrong)["error"], "wrong_credentials");
        let ok = call(
            "POST",
            "/api/v1/agent/session".into(),
            vec![],
            r#"{"email":" Sara@Example.com ","password":"correct horse battery"}"#,
        )
        .await;
        assert_eq!(status(&ok), 200, "{ok}");
        let set_cookie = ok.lines().find(|l| l.to_ascii_lowercase().starts_with("set-cookie:")).unwrap().to_string();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"), "{set_cookie}");
        assert!(!set_cookie.contains("Secure"), "plain http here: {set_cookie}");
        let cookie = set_cookie.split_once(": ").unwrap().1.split(';').next().unwrap().to_string();
        let csrf = json_body(&ok)["csrf"].as_str().unwrap().to_string();
        assert_eq!(json_body(&ok)["agent"]["name"], "Sara");
        // Reading needs the cookie only; a change needs the CSRF token too.
        let list = call("GET", "/api/v1/agent/conversations".into(), vec![("Cookie", cookie.clone())], "").await;
        assert_eq!(status(&list), 200, "{list}");
        assert_eq!(status(&call("GET", "/api/v1/agent/conversations".into(), vec![], "").await), 401);
        let made =
            call("POST", "/api/v1/agent/tokens".into(), vec![("Cookie", cookie.clone())], r#"{"label":"forged"}"#)
                .await;
        assert_eq!((status(&made), json_body(&made)["error"].as_str()), (403, Some("csrf")), "{made}");
        let made = call(
            "POST",
            "/api/v1/agent/tokens".into(),
            vec![("Cookie", cookie.clone()), ("X-CSRF-Token", csrf.clone())],
            r#"{"label":"deploy script"}"#,
        )
        .await;
        assert_eq!(status(&made), 201, "{made}");
        let token = json_body(&made)["token"].as_str().unwrap().to_string();
        // The new token acts as Sara: a reply claiming another name is Sara's.
        let mut ws = connect(addr, &format!("http://{addr}")).await.unwrap();
        say(&mut ws, ClientFrame::first_hello()).await;
        let ServerFrame::Welcome { conversation, .. } = hear(&mut ws).await else { panic!() };
        let reply = call(
            "POST",
            format!("/api/v1/agent/conversations/{conversation}/messages"),
            vec![("Authorization", format!("Bearer {token}"))],
            r#"{"text":"hello","name":"Mallory","avatar":"https://evil.example/a.png"}"#,
        )
        .await;
        assert_eq!(status(&reply), 200, "{reply}");
        assert_eq!(json_body(&reply)["author"]["name"], "Sara");
        assert!(json_body(&reply)["author"].get("avatar").is_none(), "{reply}");
        // Only an admin adds accounts; a new agent is not one.
        let add = |body: &'static str| {
            call(
                "POST",
                "/api/v1/agent/agents".into(),
                vec![("Cookie", cookie.clone()), ("X-CSRF-Token", csrf.clone())],
                body,
            )
        };
        let weak = add(r#"{"email":"omid@example.com","name":"Omid","password":"short"}"#).await;
        assert_eq!(json_body(&weak)["error"], "weak_password");
        let added = add(r#"{"email":"omid@example.com","name":"Omid","password":"a long enough one"}"#).await;
        assert_eq!(status(&added), 201, "{added}");
        assert_eq!(
            status(&add(r#"{"email":"OMID@example.com","name":"O","password":"a long enough one"}"#).await),
            409
        );
        let omid = call(
            "POST",
            "/api/v1/agent/session".into(),
            vec![],
            r#"{"email":"omid@example.com","password":"a long enough one"}"#,
        )
        .await;
        let omid_cookie = omid
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
            .unwrap()
            .split_once(": ")
            .unwrap()
            .1
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let omid_csrf = json_body(&omid)["csrf"].as_str().unwrap().to_string();
        let denied = call(
            "POST",
            "/api/v1/agent/agents".into(),
            vec![("Cookie", omid_cookie.clone()), ("X-CSRF-Token", omid_csrf.clone())],
            r#"{"email":"x@example.com","name":"X","password":"a long enough one"}"#,
        )
        .await;
        assert_eq!(json_body(&denied)["error"], "not_admin");
        // Disabled: the session and sign-in stop working.
        let id = json_body(&added)["id"].as_i64().unwrap();
        let off = call(
            "POST",
            format!("/api/v1/agent/agents/{id}"),
            vec![("Cookie", cookie.clone()), ("X-CSRF-Token", csrf.clone())],
            r#"{"disabled":true}"#,
        )
        .await;
        assert_eq!(status(&off), 204, "{off}");
        let me = call("GET", "/api/v1/agent/me".into(), vec![("Cookie", omid_cookie)], "").await;
        assert_eq!((status(&me), json_body(&me)["agent"].is_null()), (200, true), "signed out: {me}");
        let again = call(
            "POST",
            "/api/v1/agent/session".into(),
            vec![],
            r#"{"email":"omid@example.com","password":"a long enough one"}"#,
        )
        .await;
        assert_eq!(json_body(&again)["error"], "disabled");
        // A revoked token works no more.
        let tokens = json_body(&call("GET", "/api/v1/agent/tokens".into(), vec![("Cookie", cookie.clone())], "").await);
        let token_id = tokens[0]["id"].as_i64().unwrap();
        assert_eq!(tokens[0]["label"], "deploy script");
        let revoked = call(
            "DELETE",
            format!("/api/v1/agent/tokens/{token_id}"),
            vec![("Cookie", cookie.clone()), ("X-CSRF-Token", csrf.clone())],
            "",
        )
        .await;
        assert_eq!(status(&revoked), 204, "{revoked}");
        let after =
            call("GET", "/api/v1/agent/conversations".into(), vec![("Authorization", format!("Bearer {token}"))], "")
                .await;
        assert_eq!(status(&after), 401);
        // Five wrong passwords for an account (one above), then it waits, with a clear message.
        for _ in 0..4 {
            let r = call(
                "POST",
                "/api/v1/agent/session".into(),
                vec![],
                r#"{"email":"sara@example.com","password":"guess"}"#,
            )
            .await;
            assert_eq!(status(&r), 401, "{r}");
        }
        let held = call(
            "POST",
            "/api/v1/agent/session".into(),
            vec![],
            r#"{"email":"sara@example.com","password":"correct horse battery"}"#,
        )
        .await;
        assert_eq!(status(&held), 429, "{held}");
        assert!(
            json_body(&held)["message"].as_str().unwrap().starts_with("Too many sign-in attempts. Try again in"),
            "{held}"
        );
        assert!(held.to_ascii_lowercase().contains("retry-after:"), "{held}");
        // Signing out ends the session.
        let out = call(
            "DELETE",
            "/api/v1/agent/session".into(),
            vec![("Cookie", cookie.clone()), ("X-CSRF-Token", csrf.clone())],
            "",
        )
        .await;
        assert_eq!(status(&out), 204, "{out}");
        let me = call("GET", "/api/v1/agent/me".into(), vec![("Cookie", cookie.clone())], "").await;
        assert!(json_body(&me)["agent"].is_null(), "signed out: {me}");
        let list = call("GET", "/api/v1/agent/conversations".into(), vec![("Cookie", cookie.clone())], "").await;
        assert_eq!(status(&list), 401, "{list}");
        // The audit log has it all, newest first (read with Sara's token).
        let log = json_body(
            &call("GET", "/api/v1/agent/audit".into(), vec![("Authorization", "Bearer agent-key".into())], "").await,
        );
        let actions: Vec<&str> = log.as_array().unwrap().iter().rev().map(|e| e["action"].as_str().unwrap()).collect();
        let expected = [
            "sign_in_failed",
            "sign_in",
            "token_created",
            "agent_created",
            "sign_in",
            "agent_disabled",
            "sign_in_refused",
            "token_revoked",
            "sign_in_failed",
            "sign_in_limited",
            "sign_out",
        ];
        let mut rest = actions.iter();
        for want in expected {
            assert!(rest.any(|a| *a == want), "{want} missing or out of order in {actions:?}");
        }
        assert_eq!(log[0]["agent"], "sara@example.com");
        assert_eq!(log[0]["ip"], "127.0.0.1");
        server.abort();
    }

    async fn connect(addr: SocketAddr, origin: &str) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut req = format!("ws://{addr}/api/v1/ws").into_client_request().unwrap();
        req.headers_mut().insert("origin", origin.parse().unwrap());
        tokio_tungstenite::connect_async(req).await.map(|(ws, _)| ws)
    }

    async fn say(ws: &mut Ws, frame: ClientFrame) {
        use futures_util::SinkExt;
        ws.send(encode_client_frame(&frame).into()).await.unwrap();
    }

    async fn hear(ws: &mut Ws) -> ServerFrame {
        use futures_util::StreamExt;
        loop {
            let msg =
                tokio::time::timeout(std::time::Duration::from_secs(5), ws.next()).await.unwrap().unwrap().unwrap();
            if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
                // Who answers and whether anyone does (`stage` and
                // `availability`, after every welcome) are not what these tests are about.
                match decode_server_frame(t.as_bytes()).unwrap() {
                    ServerFrame::Stage { .. } | ServerFrame::Availability { .. } | ServerFrame::Read { .. } => continue,
                    frame => return frame,
                }
            }
        }
    }

    use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame, ServerFrame};

    /// A visitor over a real WebSocket: hello, a message acked and echoed,
    /// a retransmission deduped, and a second connection resuming.
    #[tokio::test]
    async fn websocket_session_acks_dedupes_and_resumes() {
        let (addr, server) = serve().await;
        let mut ws = connect(addr, "http://allowed.example").await.unwrap();
        say(&mut ws, ClientFrame::first_hello()).await;
        let ServerFrame::Welcome { token, conversation, head_seq: 0, .. } = hear(&mut ws).await else { panic!() };
        assert!(token.len() > 64, "an unguessable token");
        let msg = ClientFrame::Message { client_id: "c1".into(), text: "hello".into(), attachments: vec![] };
        say(&mut ws, msg.clone()).await;
        let mut got = vec![hear(&mut ws).await, hear(&mut ws).await];
        got.sort_by_key(|f| matches!(f, ServerFrame::Message { .. }));
        assert!(matches!(&got[0], ServerFrame::Ack { seq: 1, .. }), "{got:?}");
        assert!(matches!(&got[1], ServerFrame::Message { seq: 1, client_id: Some(c), .. } if c == "c1"));
        // The same client id again: acked with the original, not stored twice.
        say(&mut ws, msg).await;
        assert!(matches!(hear(&mut ws).await, ServerFrame::Ack { seq: 1, .. }));
        say(&mut ws, ClientFrame::Ping).await;
        assert_eq!(hear(&mut ws).await, ServerFrame::Pong);

        // A second tab with the token: same conversation, replay from 0.
        let mut tab = connect(addr, &format!("http://{addr}")).await.unwrap();
        say(
            &mut tab,
            ClientFrame::Hello {
                v: 1,
                token: Some(token.clone()),
                last_seq: 0,
                limit: None,
                locale: None,
                context: None,
                conversation: None,
            },
        )
        .await;
        let ServerFrame::Welcome { conversation: again, head_seq: 1, .. } = hear(&mut tab).await else { panic!() };
        assert_eq!(again, conversation);
        assert!(matches!(hear(&mut tab).await, ServerFrame::Message { seq: 1, .. }));

        // The agent API sees it and answers; both connections hear the answer.
        let client = Http(addr);
        let list = client.call("GET", "/api/v1/agent/conversations", "agent-key", "").await;
        assert!(list.contains(&conversation), "{list}");
        let reply = client
            .call(
                "POST",
                &format!("/api/v1/agent/conversations/{conversation}/messages"),
                "agent-key",
                r#"{"text":"hi there"}"#,
            )
            .await;
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        for conn in [&mut ws, &mut tab] {
            loop {
                if let ServerFrame::Message { seq: 2, text, .. } = hear(conn).await {
                    assert_eq!(text, "hi there");
                    break;
                }
            }
        }
        let denied = client.call("GET", "/api/v1/agent/conversations", "wrong", "").await;
        assert!(denied.starts_with("HTTP/1.1 401"), "{denied}");
        server.abort();
    }

    #[tokio::test]
    async fn foreign_origins_are_refused() {
        let (addr, server) = serve().await;
        assert!(connect(addr, "http://evil.example").await.is_err());
        let r = Http(addr)
            .call_with_origin("GET", "/api/v1/agent/conversations", "agent-key", "", "http://evil.example")
            .await;
        assert!(r.starts_with("HTTP/1.1 403"), "{r}");
        server.abort();
    }

    /// An embed on an allowed origin may use the HTTP API from the browser:
    /// the preflight and the answer carry CORS headers for it (and expose
    /// Retry-After); any other origin gets none, and a 403.
    #[tokio::test]
    async fn cors_for_allowed_origins_only() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (addr, server) = serve().await;
        let raw = |req: String| async move {
            let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
            s.write_all(req.as_bytes()).await.unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            out.to_ascii_lowercase()
        };
        let preflight = |origin: &str| {
            format!(
                "OPTIONS /api/v1/frames HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\n\
                 Access-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n"
            )
        };
        let ok = raw(preflight("http://allowed.example")).await;
        assert!(ok.contains("access-control-allow-origin: http://allowed.example"), "{ok}");
        assert!(ok.contains("access-control-allow-headers: authorization,content-type"), "{ok}");
        assert!(ok.contains("access-control-allow-methods: get,post"), "{ok}");
        let refused = raw(preflight("http://evil.example")).await;
        assert!(!refused.contains("access-control-allow-origin"), "{refused}");

        let answer = Http(addr)
            .call_with_origin("POST", "/api/v1/frames", "vt_nope", r#"{"type":"ping"}"#, "http://allowed.example")
            .await
            .to_ascii_lowercase();
        assert!(answer.contains("access-control-allow-origin: http://allowed.example"), "{answer}");
        assert!(answer.contains("access-control-expose-headers: retry-after"), "{answer}");
        // The event stream stays open: read its head only.
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req =
            format!("GET /api/v1/events?last_seq=0 HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://allowed.example\r\n\r\n");
        s.write_all(req.as_bytes()).await.unwrap();
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            head.push(s.read_u8().await.unwrap());
        }
        let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200") && head.contains("text/event-stream"), "{head}");
        assert!(head.contains("access-control-allow-origin: http://allowed.example"), "{head}");
        server.abort();
    }

    #[tokio::test]
    async fn http_sends_need_a_known_token_and_are_rate_limited() {
        let (addr, server) = serve().await;
        let mut ws = connect(addr, "http://allowed.example").await.unwrap();
        say(&mut ws, ClientFrame::first_hello()).await;
        let ServerFrame::Welcome { token, .. } = hear(&mut ws).await else { panic!() };
        let http = Http(addr);
        let unknown = http.call("POST", "/api/v1/frames", "vt_nope", r#"{"type":"ping"}"#).await;
        assert!(unknown.starts_with("HTTP/1.1 401"), "{unknown}");
        let mut statuses = vec![];
        for i in 0..25 {
            let body = format!(r#"{{"type":"message","client_id":"c{i}","text":"m{i}"}}"#);
            let r = http.call("POST", "/api/v1/frames", &token, &body).await;
            statuses.push(r[9..12].to_string());
        }
        assert_eq!(statuses.iter().filter(|s| *s == "200").count(), 20, "{statuses:?}");
        let limited =
            http.call("POST", "/api/v1/frames", &token, r#"{"type":"message","client_id":"cx","text":"x"}"#).await;
        assert!(
            limited.starts_with("HTTP/1.1 429") && limited.to_ascii_lowercase().contains("retry-after: 1"),
            "{limited}"
        );
        let again =
            http.call("POST", "/api/v1/frames", &token, r#"{"type":"message","client_id":"c0","text":"m0"}"#).await;
        assert!(
            again.starts_with("HTTP/1.1 200") && again.contains("\"seq\":1"),
            "a retransmission costs no budget: {again}"
        );
        let long = format!(r#"{{"type":"message","client_id":"cl","text":"{}"}}"#, "a".repeat(5000));
        let refused = http.call("POST", "/api/v1/frames", &token, &long).await;
        assert!(refused.contains("too_long"), "{refused}");
        server.abort();
    }

    struct Http(SocketAddr);

    impl Http {
        async fn call(&self, method: &str, path: &str, bearer: &str, body: &str) -> String {
            self.call_with_origin(method, path, bearer, body, "").await
        }

        async fn call_with_origin(&self, method: &str, path: &str, bearer: &str, body: &str, origin: &str) -> String {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut s = tokio::net::TcpStream::connect(self.0).await.unwrap();
            let origin = if origin.is_empty() { String::new() } else { format!("Origin: {origin}\r\n") };
            let req = format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\n{origin}Authorization: Bearer {bearer}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                self.0,
                body.len()
            );
            s.write_all(req.as_bytes()).await.unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            out
        }
    }
}
