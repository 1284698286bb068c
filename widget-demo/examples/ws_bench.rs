//! WebSocket load benchmark for the reference server. Not a test: it prints
//! figures.
//!
//! `cargo xtask bench-ws [--visitors N] [--messages M]` builds and runs it, or
//! by hand:
//!
//! ```text
//! cargo build --release -p salam-demo --bins --examples
//! target/release/examples/ws_bench --server target/release/salam-demo \
//!     [--visitors 200] [--messages 50] [--postgres INSTANCES] [--json FILE] [--timeout 120]
//! ```
//!
//! It starts the server on a free port with a fresh SQLite file, or with
//! `--postgres K`, K servers over one fresh PostgreSQL
//! (`tests/scratch-postgres.sh`, with fsync on, as PostgreSQL ships), with
//! the per-visitor rate limit out of the way (`--rate 1000000:1000000`). It
//! opens N WebSocket connections at once (each: `hello` without a token,
//! wait for `welcome`; visitor i on server i mod K), then every visitor
//! sends M messages one after another, each waiting for its `ack`, all
//! visitors at the same time. It reports the round trips, throughput,
//! failures (error frames, lost acks, dropped connections), the number of
//! messages in the database, and each server's memory (`/proc/<pid>/status`,
//! so Linux only). Client, servers and database share the machine, so the
//! round trips include the client's own scheduling.
//!
//! The whole run stops after `--timeout` seconds whatever happens, reports
//! what it has, and kills the server.

use futures_util::{SinkExt, StreamExt};
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame, ServerFrame};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{mpsc as std_mpsc, Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;
use tokio::time::timeout_at;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// What the rate limit is set to, so it never throttles the benchmark.
const RATE: &str = "1000000:1000000";
/// A message without its ack after this long counts as lost.
const ACK_TIMEOUT: Duration = Duration::from_secs(15);
/// How long the server may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(15);

const USAGE: &str = "usage: ws_bench --server PATH [--visitors N (200)] [--messages M (50)] [--postgres INSTANCES] [--json FILE] [--timeout SECS (120)]";

#[derive(Debug)]
struct Args {
    server: PathBuf,
    visitors: usize,
    messages: usize,
    json: Option<PathBuf>,
    timeout: Duration,
    /// Servers over one PostgreSQL; none: one server on SQLite.
    postgres: Option<usize>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut server = None;
    let (mut visitors, mut messages, mut json, mut timeout, mut postgres) = (200, 50, None, 120, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        let number = |v: String| {
            v.parse::<usize>().ok().filter(|n| *n > 0).ok_or(format!("{flag} must be a positive number\n{USAGE}"))
        };
        match flag.as_str() {
            "--server" => server = Some(PathBuf::from(value()?)),
            "--visitors" => visitors = number(value()?)?,
            "--messages" => messages = number(value()?)?,
            "--json" => json = Some(PathBuf::from(value()?)),
            "--timeout" => timeout = number(value()?)?,
            "--postgres" => postgres = Some(number(value()?)?),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let server = server.ok_or_else(|| format!("--server is required\n{USAGE}"))?;
    Ok(Args { server, visitors, messages, json, timeout: Duration::from_secs(timeout as u64), postgres })
}

/// The server as a child process. Dropping it kills the process (by its pid)
/// and reaps it, then deletes the temporary database, so every way out of
/// `main`, a panic included, leaves nothing behind.
struct Server {
    child: Child,
    dir: PathBuf,
    /// The SQLite file, or the PostgreSQL URL.
    db: String,
    /// `127.0.0.1:PORT`.
    addr: String,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// A server on `postgres` (a URL), or on a new SQLite file.
    fn start(bin: &Path, postgres: Option<&str>) -> Result<Server, String> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let dir = std::env::temp_dir().join(format!("salam-ws-bench-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let db = postgres.map_or_else(|| dir.join("bench.sqlite3").display().to_string(), str::to_string);
        let child = Command::new(bin)
            .args(["--port", "0", "--host", "127.0.0.1", "--rate", RATE, "--new-visitors-per-minute", "0"])
            .arg("--db")
            .arg(&db)
            .arg("--files")
            .arg(dir.join("files"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                let _ = std::fs::remove_dir_all(&dir);
                format!("cannot start {}: {e}", bin.display())
            })?;
        let mut server = Server { child, dir, db, addr: String::new(), stderr: Arc::default() };

        // Echo the server's stderr (prefixed) and keep it for the report.
        let err = server.child.stderr.take().expect("stderr is piped");
        let kept = server.stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                eprintln!("[server] {line}");
                kept.lock().unwrap_or_else(|p| p.into_inner()).push(line);
            }
        });
        // Stdout: the first line has the address; the rest is drained so the
        // pipe never fills.
        let out = server.child.stdout.take().expect("stdout is piped");
        let (tx, rx) = std_mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let first = rx.recv_timeout(START_TIMEOUT).map_err(|_| {
            std::thread::sleep(Duration::from_millis(100)); // let stderr arrive
            let err = server.stderr.lock().unwrap_or_else(|p| p.into_inner()).join("\n");
            format!("the server printed no address within {START_TIMEOUT:?}: {err}")
        })?;
        server.addr = first
            .strip_prefix("Salam demo: http://")
            .map(|a| a.trim_end_matches('/').to_string())
            .ok_or_else(|| format!("unexpected first line from the server: {first:?}"))?;
        Ok(server)
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stderr_lines(&self) -> usize {
        self.stderr.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // `Child::kill` is SIGKILL to this pid; `wait` reaps it.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A throwaway PostgreSQL server (`tests/scratch-postgres.sh`): it lives
/// while the pipe to the script is open, so dropping this (or this process
/// ending in any way) stops it and deletes its files.
struct ScratchPostgres {
    child: Child,
    url: String,
}

impl ScratchPostgres {
    fn start() -> Result<Self, String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scratch-postgres.sh");
        // With fsync, as PostgreSQL ships: a benchmark of a database that may
        // lose what it acknowledged would flatter it.
        let mut child = Command::new(&script)
            .args(["-c", "fsync=on"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", script.display()))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line.trim().to_string();
        if !url.starts_with("postgres://") {
            return Err("the scratch PostgreSQL did not start (see above)".into());
        }
        Ok(Self { child, url })
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// Memory of a process, in KiB, from `/proc/<pid>/status`.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    rss_kib: u64,
    hwm_kib: u64,
}

fn memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    Memory { rss_kib: field("VmRSS:"), hwm_kib: field("VmHWM:") }
}

/// CPU time (user + system) a process has used, from `/proc/<pid>/stat`.
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<u64> = rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect();
    // utime and stime are fields 14 and 15 of the line: 11 and 12 after the name.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_secs_f64(ticks as f64 / clock_ticks_per_second())
}

fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// Counters every visitor writes to as it goes, so a run cut short by the
/// global timeout still reports what it did.
#[derive(Default)]
struct Shared {
    /// Round trips of acked messages, in microseconds.
    rtts_us: Mutex<Vec<u64>>,
    sent: AtomicU64,
    acked: AtomicU64,
    /// Error frames refusing one of our messages (that message is failed).
    refused: AtomicU64,
    /// Error frames of any kind, by code.
    error_codes: Mutex<BTreeMap<String, u64>>,
    /// Messages with no ack or error within [`ACK_TIMEOUT`].
    lost: AtomicU64,
    /// Connections the server closed or broke during the message phase.
    dropped: AtomicU64,
    /// Acks whose `seq` was not the message's position (1, 2, 3, ...): a
    /// fresh visitor's n-th message must get seq n.
    seq_mismatches: AtomicU64,
    /// Frames that did not decode.
    undecodable: AtomicU64,
}

impl Shared {
    fn error_frame(&self, code: &str) {
        *self.error_codes.lock().unwrap_or_else(|p| p.into_inner()).entry(code.to_string()).or_default() += 1;
    }
}

// One per frame read, moved straight into a match: boxing it would cost an
// allocation per frame for nothing.
#[allow(clippy::large_enum_variant)]
enum Frame {
    Server(ServerFrame),
    Other,
    Closed,
}

async fn next_frame(ws: &mut Ws, shared: &Shared) -> Frame {
    match ws.next().await {
        Some(Ok(Message::Text(t))) => match decode_server_frame(t.as_bytes()) {
            Ok(f) => Frame::Server(f),
            Err(_) => {
                shared.undecodable.fetch_add(1, Relaxed);
                Frame::Other
            }
        },
        Some(Ok(Message::Close(_))) | Some(Err(_)) | None => Frame::Closed,
        Some(Ok(_)) => Frame::Other,
    }
}

/// Connects and says `hello`; `Ok` once `welcome` arrived.
async fn connect(url: &str, shared: &Shared) -> Result<Ws, String> {
    // No Nagle, like browsers' WebSockets.
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, None, true).await.map_err(|e| e.to_string())?;
    let hello = ClientFrame::first_hello();
    ws.send(Message::Text(encode_client_frame(&hello).into())).await.map_err(|e| e.to_string())?;
    loop {
        match next_frame(&mut ws, shared).await {
            Frame::Server(ServerFrame::Welcome { .. }) => return Ok(ws),
            Frame::Server(ServerFrame::Error { code, .. }) => {
                shared.error_frame(&code);
                return Err(format!("error frame `{code}` instead of welcome"));
            }
            Frame::Server(_) | Frame::Other => continue,
            Frame::Closed => return Err("closed before welcome".into()),
        }
    }
}

/// One visitor: connect, report, wait for the start signal, then send
/// `messages` messages one after another. Returns the open socket, so the
/// server's memory can be read with every connection still up.
async fn visitor(
    index: usize,
    url: Arc<String>,
    messages: usize,
    connected: mpsc::UnboundedSender<Result<Duration, String>>,
    mut go: watch::Receiver<bool>,
    shared: Arc<Shared>,
) -> Option<Ws> {
    let started = Instant::now();
    let ws = connect(&url, &shared).await;
    let ok = ws.as_ref().map(|_| started.elapsed()).map_err(Clone::clone);
    let _ = connected.send(ok);
    let mut ws = ws.ok()?;
    if go.wait_for(|g| *g).await.is_err() {
        return None;
    }
    for i in 0..messages {
        let client_id = format!("bench-{index}-{i}");
        let text = format!("Load test message {} of {messages} from visitor {index}.", i + 1);
        let frame = ClientFrame::Message { client_id: client_id.clone(), text, attachments: vec![] };
        let started = Instant::now();
        if ws.send(Message::Text(encode_client_frame(&frame).into())).await.is_err() {
            shared.dropped.fetch_add(1, Relaxed);
            return None;
        }
        shared.sent.fetch_add(1, Relaxed);
        let deadline = tokio::time::Instant::from_std(started + ACK_TIMEOUT);
        loop {
            let Ok(frame) = timeout_at(deadline, next_frame(&mut ws, &shared)).await else {
                shared.lost.fetch_add(1, Relaxed);
                break;
            };
            match frame {
                Frame::Server(ServerFrame::Ack { client_id: c, seq, .. }) if c == client_id => {
                    let rtt = started.elapsed().as_micros() as u64;
                    shared.rtts_us.lock().unwrap_or_else(|p| p.into_inner()).push(rtt);
                    shared.acked.fetch_add(1, Relaxed);
                    if seq != i as u64 + 1 {
                        shared.seq_mismatches.fetch_add(1, Relaxed);
                    }
                    break;
                }
                Frame::Server(ServerFrame::Error { code, client_id: c, .. }) => {
                    shared.error_frame(&code);
                    if c.as_deref() == Some(client_id.as_str()) {
                        shared.refused.fetch_add(1, Relaxed);
                        break;
                    }
                }
                // The echo of our own message, late acks, anything else.
                Frame::Server(_) | Frame::Other => {}
                Frame::Closed => {
                    shared.lost.fetch_add(1, Relaxed);
                    shared.dropped.fetch_add(1, Relaxed);
                    return None;
                }
            }
        }
    }
    Some(ws)
}

/// Nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile_ms(sorted_us: &[u64], p: f64) -> Option<f64> {
    if sorted_us.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil().max(1.0) as usize;
    Some(sorted_us[rank.min(sorted_us.len()) - 1] as f64 / 1000.0)
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Everything measured during the load, before the report is put together.
struct Load {
    connected: usize,
    connect_failures: Vec<String>,
    connect_time: Duration,
    /// Each connection's own connect + hello→welcome time, in microseconds, sorted.
    connect_us: Vec<u64>,
    message_wall: Duration,
    server_cpu: Duration,
    client_cpu: Duration,
    timed_out: Option<&'static str>,
    /// Each server's, in order.
    after: Vec<Memory>,
    after_close: Vec<Memory>,
}

/// The CPU time the servers have used.
fn servers_cpu(servers: &[Server]) -> Duration {
    servers.iter().map(|s| cpu_time(&s.pid().to_string())).sum()
}

async fn load(args: &Args, servers: &[Server], shared: Arc<Shared>, deadline: tokio::time::Instant) -> Load {
    let urls: Vec<Arc<String>> = servers.iter().map(|s| Arc::new(format!("ws://{}/api/v1/ws", s.addr))).collect();
    let (connected_tx, mut connected_rx) = mpsc::unbounded_channel();
    let (go_tx, go_rx) = watch::channel(false);
    let mut visitors = JoinSet::new();

    // Phase 1: every visitor connects at once.
    let started = Instant::now();
    for i in 0..args.visitors {
        let url = urls[i % urls.len()].clone();
        visitors.spawn(visitor(i, url, args.messages, connected_tx.clone(), go_rx.clone(), shared.clone()));
    }
    drop(connected_tx);
    let (mut connect_us, mut connect_failures, mut timed_out) = (vec![], vec![], None);
    while connect_us.len() + connect_failures.len() < args.visitors {
        match timeout_at(deadline, connected_rx.recv()).await {
            Ok(Some(Ok(t))) => connect_us.push(t.as_micros() as u64),
            Ok(Some(Err(e))) => connect_failures.push(e),
            Ok(None) => break,
            Err(_) => {
                timed_out = Some("while connecting");
                break;
            }
        }
    }
    let connect_time = started.elapsed();
    connect_us.sort_unstable();

    // Phase 2: every connected visitor sends its messages.
    let (server_cpu0, client_cpu0) = (servers_cpu(servers), cpu_time("self"));
    let started = Instant::now();
    let _ = go_tx.send(timed_out.is_none());
    let mut sockets = vec![];
    if timed_out.is_none() {
        loop {
            match timeout_at(deadline, visitors.join_next()).await {
                Ok(Some(Ok(Some(ws)))) => sockets.push(ws),
                Ok(Some(_)) => {} // failed visitor (already counted) or a panicked task
                Ok(None) => break,
                Err(_) => {
                    timed_out = Some("while sending messages");
                    break;
                }
            }
        }
    }
    let message_wall = started.elapsed();
    let server_cpu = servers_cpu(servers).saturating_sub(server_cpu0);
    let client_cpu = cpu_time("self").saturating_sub(client_cpu0);
    visitors.abort_all();
    while visitors.join_next().await.is_some() {}

    // With every finished connection still open, then after closing them.
    let after: Vec<Memory> = servers.iter().map(|s| memory(s.pid())).collect();
    let closing = futures_util::future::join_all(sockets.iter_mut().map(|ws| ws.close(None)));
    let _ = tokio::time::timeout(Duration::from_secs(5), closing).await;
    drop(sockets);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after_close: Vec<Memory> = servers.iter().map(|s| memory(s.pid())).collect();
    Load {
        connected: connect_us.len(),
        connect_failures,
        connect_time,
        connect_us,
        message_wall,
        server_cpu,
        client_cpu,
        timed_out,
        after,
        after_close,
    }
}

/// Messages in the servers' database (read while they run; SQLite's WAL
/// allows that).
async fn stored_messages(db: &str) -> Result<u64, String> {
    sqlx::any::install_default_drivers();
    let url = if db.starts_with("postgres://") { db.to_string() } else { format!("sqlite:{db}?mode=ro") };
    let pool = sqlx::AnyPool::connect(&url).await.map_err(|e| e.to_string())?;
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(&pool).await.map_err(|e| e.to_string())?;
    pool.close().await;
    Ok(n as u64)
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&raw) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match bench(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ws_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: &Args) -> Result<(), String> {
    let begun = Instant::now();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    // Dropped last: the servers go before their database.
    let postgres = args.postgres.map(|_| ScratchPostgres::start()).transpose()?;
    let instances = args.postgres.unwrap_or(1);
    let mut servers = vec![];
    for _ in 0..instances {
        servers.push(Server::start(&args.server, postgres.as_ref().map(|p| p.url.as_str()))?);
    }
    let database = if postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    for s in &servers {
        eprintln!("ws_bench: server pid {} on {} ({database})", s.pid(), s.addr);
    }
    eprintln!(
        "ws_bench: {} visitors x {} messages over {instances} server(s), timeout {} s",
        args.visitors,
        args.messages,
        args.timeout.as_secs()
    );
    std::thread::sleep(Duration::from_millis(300)); // let them settle
    let idle: Vec<Memory> = servers.iter().map(|s| memory(s.pid())).collect();

    let shared = Arc::new(Shared::default());
    let deadline = tokio::time::Instant::from_std(begun + args.timeout);
    let load = rt.block_on(load(args, &servers, shared.clone(), deadline));
    let stored = rt.block_on(stored_messages(&servers[0].db));
    // VmHWM is updated lazily (RSS is counted per thread in batches), so it
    // can trail an RSS reading taken earlier: the peak is the larger.
    let peaks_kib: Vec<u64> = servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let peaks =
                [memory(s.pid()).hwm_kib, load.after[i].hwm_kib, load.after[i].rss_kib, load.after_close[i].rss_kib];
            peaks.into_iter().max().unwrap_or(0)
        })
        .collect();
    let server_errors: usize = servers.iter().map(Server::stderr_lines).sum();
    drop(servers); // killed and reaped here
    drop(postgres);
    drop(rt);

    let mut rtts = std::mem::take(&mut *shared.rtts_us.lock().unwrap_or_else(|p| p.into_inner()));
    rtts.sort_unstable();
    let expected = (args.visitors * args.messages) as u64;
    let sent = shared.sent.load(Relaxed);
    let acked = shared.acked.load(Relaxed);
    let refused = shared.refused.load(Relaxed);
    let lost = shared.lost.load(Relaxed);
    let dropped = shared.dropped.load(Relaxed);
    let seq_mismatches = shared.seq_mismatches.load(Relaxed);
    let undecodable = shared.undecodable.load(Relaxed);
    let error_codes = shared.error_codes.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let unacked = expected - acked.min(expected);
    let wall_s = load.message_wall.as_secs_f64();
    let throughput = if wall_s > 0.0 { acked as f64 / wall_s } else { 0.0 };
    let (p50, p90, p99, max) = (
        percentile_ms(&rtts, 50.0),
        percentile_ms(&rtts, 90.0),
        percentile_ms(&rtts, 99.0),
        percentile_ms(&rtts, 100.0),
    );
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let stored_ok = stored.as_ref().is_ok_and(|n| *n == expected);
    let verdict = if acked == expected && stored_ok { "yes" } else { "NO" };

    let ms = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2} ms"));
    let each = |kib: &[u64]| kib.iter().map(|k| format!("{:.1} MiB", mib(*k))).collect::<Vec<_>>().join(" / ");
    let codes = if error_codes.is_empty() {
        "none".to_string()
    } else {
        error_codes.iter().map(|(c, n)| format!("{c}: {n}")).collect::<Vec<_>>().join(", ")
    };
    let stored_text = match &stored {
        Ok(n) => n.to_string(),
        Err(e) => format!("could not count: {e}"),
    };
    let rows = [
        ("visitors connected / asked", format!("{} / {}", load.connected, args.visitors)),
        ("messages acked / sent / expected (N×M)", format!("{acked} / {sent} / {expected}")),
        ("messages in the database", format!("{stored_text} (all N×M acked and stored: {verdict})")),
        ("connect + hello→welcome, all N", format!("{:.0} ms", load.connect_time.as_secs_f64() * 1000.0)),
        (
            "one connection's connect + welcome p50 / p99 / max",
            format!(
                "{} / {} / {}",
                ms(percentile_ms(&load.connect_us, 50.0)),
                ms(percentile_ms(&load.connect_us, 99.0)),
                ms(percentile_ms(&load.connect_us, 100.0))
            ),
        ),
        ("message phase wall time", format!("{:.0} ms", wall_s * 1000.0)),
        ("throughput (acked / wall time)", format!("{throughput:.0} msg/s")),
        ("round trip p50", ms(p50)),
        ("round trip p90", ms(p90)),
        ("round trip p99", ms(p99)),
        ("round trip max", ms(max)),
        (
            "failures: unacked / refused (error frame) / lost ack / dropped conn. / connect failed",
            format!("{unacked} / {refused} / {lost} / {dropped} / {}", load.connect_failures.len()),
        ),
        ("error frames by code", codes),
        ("acks with an unexpected seq / undecodable frames", format!("{seq_mismatches} / {undecodable}")),
        ("database / servers", format!("{database} / {instances} (visitor i on server i mod {instances})")),
        ("server RSS idle (before load), each", each(&idle.iter().map(|m| m.rss_kib).collect::<Vec<_>>())),
        (
            "server RSS after load (connections open), each",
            each(&load.after.iter().map(|m| m.rss_kib).collect::<Vec<_>>()),
        ),
        (
            "server RSS after closing the connections, each",
            each(&load.after_close.iter().map(|m| m.rss_kib).collect::<Vec<_>>()),
        ),
        ("server RSS peak (VmHWM), each", each(&peaks_kib)),
        (
            "CPU during the message phase: servers / this client (not the database)",
            format!(
                "{:.1} s / {:.1} s ({cores} cores, shared)",
                load.server_cpu.as_secs_f64(),
                load.client_cpu.as_secs_f64()
            ),
        ),
        ("server stderr lines", server_errors.to_string()),
        ("rate limit", format!("off: server started with --rate {RATE}")),
        ("stopped by the global timeout", load.timed_out.map_or("no".to_string(), |w| format!("YES, {w}"))),
    ];
    println!(
        "\n## WebSocket load: {} visitors × {} messages, {instances} server(s) on {database}\n",
        args.visitors, args.messages
    );
    println!("| metric | value |\n| --- | --- |");
    for (k, v) in &rows {
        println!("| {k} | {v} |");
    }
    if let Some(first) = load.connect_failures.first() {
        println!("\nfirst connect failure: {first}");
    }

    if let Some(path) = &args.json {
        let report = json!({
            "visitors": args.visitors,
            "visitors_connected": load.connected,
            "messages_per_visitor": args.messages,
            "messages_expected": expected,
            "messages_sent": sent,
            "messages_acked": acked,
            "messages_stored": stored.as_ref().ok(),
            "all_acked_and_stored": verdict == "yes",
            "connect_all_ms": load.connect_time.as_secs_f64() * 1000.0,
            "connect_one_ms": {
                "p50": percentile_ms(&load.connect_us, 50.0),
                "p99": percentile_ms(&load.connect_us, 99.0),
                "max": percentile_ms(&load.connect_us, 100.0),
            },
            "message_phase_ms": wall_s * 1000.0,
            "messages_per_second": throughput,
            "rtt_ms": { "p50": p50, "p90": p90, "p99": p99, "max": max },
            "failures": {
                "unacked": unacked,
                "refused": refused,
                "lost_acks": lost,
                "dropped_connections": dropped,
                "connect_failed": load.connect_failures.len(),
                "error_frames": error_codes,
                "seq_mismatches": seq_mismatches,
                "undecodable_frames": undecodable,
            },
            "database": database,
            "servers": instances,
            "server_rss_mib": (0..instances).map(|i| json!({
                "idle": mib(idle[i].rss_kib),
                "after_load": mib(load.after[i].rss_kib),
                "after_close": mib(load.after_close[i].rss_kib),
                "peak": mib(peaks_kib[i]),
            })).collect::<Vec<_>>(),
            "cpu_seconds_message_phase": { "server": load.server_cpu.as_secs_f64(), "client": load.client_cpu.as_secs_f64() },
            "cores": cores,
            "server_stderr_lines": server_errors,
            "rate_limit": RATE,
            "timed_out": load.timed_out,
        });
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("ws_bench: wrote {}", path.display());
    }
    Ok(())
}
