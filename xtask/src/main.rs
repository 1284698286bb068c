//! Dev tasks, one entry point: `cargo xtask <task>`.
//!
//! * `dist [--split]`: build the widget bundle into `dist/` and print its
//!   sizes (`--split`: the wasm split at its split points, see `dist::Split`).
//! * `demo`: build everything and serve the demo on http://127.0.0.1:8080,
//!   with the agent console at `/agent/` and the database in `target/`.
//! * `test`: formatting, lints, native tests, browser component tests and
//!   end-to-end tests (the reference server built with its fault hooks).
//! * `e2e [FILE...]`: only the end-to-end tests (all, or these files of
//!   `tests/e2e/`), after building what they need.
//! * `bench [--runs N]`: the page-weight benchmark: what the widget costs
//!   the page that embeds it (bytes, time to the launcher and to an
//!   interactive panel, blocking time, heap, a long conversation), in
//!   headless Chromium with the CPU throttled; figures, not a test.
//! * `bench-ws`: many WebSocket visitors against a release build of the
//!   reference server; figures, not a test.
//!
//! Every task installs what it needs first (see [`tools`]), so each works
//! on a fresh machine.

mod bench;
mod dist;
mod loader;
mod negotiation;
mod rich_cases;
mod split;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "dist" => dist_task(rest),
        "demo" => demo(rest),
        "test" => test(),
        "e2e" => e2e_task(rest),
        "bench" => bench::page(rest),
        "bench-ws" => bench::ws(rest),
        _ => {
            eprintln!("usage: cargo xtask <dist [--split] | demo [--port N] | test | e2e [FILE...] | bench [--runs N] | bench-ws [--visitors N] [--messages M]>");
            return if task == "help" || task == "--help" { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf()
}

/// Runs a command in the workspace root, echoing it; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}").replace('"', "");
    eprintln!("\n$ {shown}");
    let status = cmd.current_dir_if_unset(&root()).status().map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

trait CurrentDirIfUnset {
    fn current_dir_if_unset(&mut self, dir: &Path) -> &mut Self;
}

impl CurrentDirIfUnset for Command {
    fn current_dir_if_unset(&mut self, dir: &Path) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(dir);
        }
        self
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("\n==> {name}");
    let t = Instant::now();
    let out = f()?;
    eprintln!("==> {name}: done in {:.1} s", t.elapsed().as_secs_f64());
    Ok(out)
}

fn dist_task(args: &[String]) -> Result {
    let split = match args {
        [] => dist::Split::No,
        [flag] if flag == "--split" => dist::Split::Yes,
        _ => return Err("usage: cargo xtask dist [--split]".into()),
    };
    step("install build tools", tools::ensure_build_tools)?;
    let sizes = step("build dist/", || dist::build(&root().join("dist"), split))?;
    // Shown here, enforced by `cargo xtask test`.
    if let Err(e) = dist::check_budgets(&sizes) {
        eprintln!("warning: {e}");
    }
    Ok(())
}

fn demo(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_string(),
        [flag, p] if flag == "--port" => p.clone(),
        _ => return Err("usage: cargo xtask demo [--port N]".into()),
    };
    dist_task(&[])?;
    step("build the demo server", || run(cargo().args(["build", "-p", "salam-demo"])))?;
    eprintln!("\n==> starting the demo (Ctrl+C to stop)");
    let db = root().join("target").join("salam-demo.sqlite3");
    let kb = root().join("widget-demo").join("kb.json");
    // `--demo-account`: a ready admin account, its password printed with the console's address.
    run(cargo()
        .args(["run", "-q", "-p", "salam-demo", "--", "--port", &port, "--demo-account", "--kb"])
        .arg(&kb)
        .arg("--db")
        .arg(&db))
}

fn e2e_task(files: &[String]) -> Result {
    step("install build tools", tools::ensure_build_tools)?;
    step("install test tools", tools::ensure_test_tools)?;
    let (dist_dir, split_dir) = (root().join("target").join("dist-test"), root().join("target").join("dist-split"));
    step("build the bundle", || dist::build(&dist_dir, dist::Split::No))?;
    step("build the bundle, split", || dist::build(&split_dir, dist::Split::Yes))?;
    e2e(&dist_dir, &split_dir, files)
}

/// The end-to-end step: the server with its fault hooks, the core's
/// negotiation for the loader's cross-check, and the tests (all, or
/// `only` of them) against the bundle in `dist_dir` (and, for the split
/// test, the one in `split_dir`).
fn e2e(dist_dir: &Path, split_dir: &Path, only: &[String]) -> Result {
    // With the fault-injection hooks the reliability tests drive.
    step("build the demo server (with fault hooks)", || {
        run(cargo().args(["build", "-p", "salam-demo", "--features", "faults"]))
    })?;
    let cases = root().join("target").join("e2e").join("negotiation.json");
    step("the core's negotiation, for the loader's e2e cross-check", || negotiation::write_cases(&cases))?;
    let rich = root().join("target").join("e2e").join("xss-rich.json");
    step("the core's rich text of the XSS corpus, for its e2e check", || rich_cases::write_cases(&rich))?;
    step("end-to-end tests (Playwright, headless Chromium)", || {
        let tests = root().join("tests");
        let mut files: Vec<String> = std::fs::read_dir(tests.join("e2e"))
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
            .filter(|p| only.is_empty() || only.iter().any(|o| p.to_string_lossy().ends_with(o.as_str())))
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if files.is_empty() {
            return Err(format!("no end-to-end test file matches {only:?}"));
        }
        files.sort();
        run(Command::new("node")
            .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
            .args(&files)
            .current_dir(&tests)
            .env("SALAM_DEMO_BIN", root().join("target/debug/salam-demo"))
            .env("SALAM_DIST", dist_dir)
            .env("SALAM_SPLIT_DIST", split_dir)
            .env("SALAM_SITE", root().join("widget-demo/site"))
            .env("SALAM_NEGOTIATION", &cases)
            .env("SALAM_XSS_RICH", &rich)
            .env("SALAM_PYTHON", tools::python())
            .env("CHROMIUM", tools::CHROMIUM))
    })
}

fn test() -> Result {
    let started = Instant::now();
    step("install build tools", tools::ensure_build_tools)?;
    step("install test tools", tools::ensure_test_tools)?;
    step("cargo fmt --check", || run(cargo().args(["fmt", "--all", "--check"])))?;
    step("clippy (native)", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            "salam-demo/faults",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("clippy (wasm32)", || {
        run(cargo().args([
            "clippy",
            "-p",
            "salam-widget",
            "--all-targets",
            // `split` too: its split points compile differently.
            "--all-features",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("native tests", || run(cargo().args(["test", "--workspace"])))?;
    // The server's own tests again, each on a new database in a throwaway
    // PostgreSQL server that the tests start and stop themselves.
    step("server tests on PostgreSQL", || {
        run(cargo().args(["test", "-p", "salam-demo"]).env("SALAM_TEST_DB", "postgres"))
    })?;
    step("browser component tests (wasm-bindgen-test, headless Chromium)", || {
        run(cargo()
            .args(["test", "-p", "salam-widget", "--target", "wasm32-unknown-unknown"])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
    })?;
    let dist_dir = root().join("target").join("dist-test");
    let sizes = step("build the bundle", || dist::build(&dist_dir, dist::Split::No))?;
    step("size budgets (brotli, from the built files)", || dist::check_budgets(&sizes))?;
    // Not shipped yet (see dist::Split), but kept working: the e2e step
    // runs the split bundle's chunks.
    let split_dir = root().join("target").join("dist-split");
    step("build the bundle, split (reported, not shipped)", || {
        dist::build(&split_dir, dist::Split::Yes).map(|sizes| {
            let _ = dist::check_budgets(&sizes);
        })
    })?;
    e2e(&dist_dir, &split_dir, &[])?;
    eprintln!("\nall checks passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
