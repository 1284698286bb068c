//! The Salam reference backend: serves the demo site and the widget bundle.
//!
//! `cargo run -p salam-demo -- --port 8080` (after `cargo xtask dist`), or
//! `cargo xtask demo`, which builds the bundle first.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use tower_http::services::ServeDir;

/// Command-line options.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    host: String,
    port: u16,
    dist: PathBuf,
    site: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        Self { host: "127.0.0.1".into(), port: 8080, dist: here.join("../dist"), site: here.join("site") }
    }
}

const USAGE: &str = "usage: salam-demo [--port N (0 picks a free one)] [--host ADDR] [--dist DIR] [--site DIR]";

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
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// The whole HTTP surface.
fn app(o: &Options) -> Router {
    let bundle = Router::new().fallback_service(ServeDir::new(&o.dist)).layer(middleware::from_fn(bundle_headers));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .nest("/salam", bundle)
        .fallback_service(ServeDir::new(&o.site).append_index_html_on_directories(true))
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
    let addr: SocketAddr = listener.local_addr().expect("a bound listener has an address");
    // Tests read this line to learn the port.
    println!("Salam demo: http://{addr}/");
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
    if let Err(e) = axum::serve(listener, app(&options)).with_graceful_shutdown(shutdown).await {
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
        let server = tokio::spawn(async move { axum::serve(listener, app(&o)).await });

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
}
