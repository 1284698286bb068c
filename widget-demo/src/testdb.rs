//! The database the tests run on: SQLite in memory, or, with
//! `SALAM_TEST_DB=postgres`, a fresh database in a throwaway PostgreSQL
//! server (`tests/scratch-postgres.sh`), one per test binary, gone when
//! the binary exits. `cargo xtask test` runs the server's tests both ways.

use crate::store::Store;
use std::io::BufRead;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Whether these tests run on PostgreSQL.
pub fn postgres() -> bool {
    std::env::var("SALAM_TEST_DB").is_ok_and(|v| v == "postgres")
}

/// The scratch server's URL, without the database name. The pipe to the
/// script is held for the binary's life: when it closes, the server goes.
fn server() -> &'static str {
    static SERVER: OnceLock<(String, Mutex<std::process::ChildStdin>)> = OnceLock::new();
    let (url, _) = SERVER.get_or_init(|| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/scratch-postgres.sh");
        // Never waited for: it ends after this process does, when the pipe
        // closes (and init reaps it).
        #[allow(clippy::zombie_processes)]
        let mut child = std::process::Command::new(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("tests/scratch-postgres.sh starts");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("the scratch server prints its URL");
        let url =
            line.trim().strip_suffix("postgres").expect("a PostgreSQL URL, or the script's error above").to_string();
        (url, Mutex::new(child.stdin.take().expect("piped")))
    });
    url
}

/// A place for a new, empty database: a PostgreSQL URL, or a SQLite file
/// in the temporary directory.
pub async fn fresh() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    if postgres() {
        let base = server();
        let name = format!("t{n}");
        sqlx::any::install_default_drivers();
        let admin = sqlx::AnyPool::connect(&format!("{base}postgres")).await.expect("the scratch server answers");
        sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("a database is made");
        admin.close().await;
        format!("{base}{name}")
    } else {
        let path = std::env::temp_dir().join(format!("salam-test-{}-{n}.sqlite3", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        path.display().to_string()
    }
}

/// A new, empty, migrated store.
pub async fn store() -> Store {
    let db = if postgres() { fresh().await } else { ":memory:".into() };
    Store::open(&db).await.expect("the test database opens")
}
