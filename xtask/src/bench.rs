//! The benchmarks; measurements, not tests.
//!
//! * `cargo xtask bench [--runs N]`: the page-weight benchmark
//!   (`tests/bench/page.mjs`): what embedding the widget costs a small
//!   article page in headless Chromium with the CPU throttled 4x, against
//!   the release bundle and a release build of the reference server. It
//!   prints a table and writes `target/bench/page.json` and `page.md`.
//! * `cargo xtask bench-ws [--visitors N] [--messages M] [--db sqlite|postgres]`:
//!   the WebSocket load benchmark (`widget-demo/examples/ws_bench.rs`)
//!   against a release build of the reference server: one server on SQLite,
//!   then two servers over one PostgreSQL (or only the one `--db` names).
//!   It prints a table for each and writes `target/bench/ws.json` and
//!   `target/bench/ws-postgres.json`.

use crate::{cargo, dist, root, run, step, tools, Result};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask bench-ws [--visitors N] [--messages M] [--db sqlite|postgres]";
const PAGE_USAGE: &str = "usage: cargo xtask bench [--runs N]";

/// Builds the bundle and the server in release and runs the page benchmark.
pub fn page(args: &[String]) -> Result {
    let runs = match args {
        [] => "7".to_string(),
        [flag, n] if flag == "--runs" && n.parse::<usize>().is_ok_and(|n| n > 0) => n.clone(),
        _ => return Err(format!("--runs takes a positive number\n{PAGE_USAGE}")),
    };
    step("install build tools", tools::ensure_build_tools)?;
    step("install test tools", tools::ensure_test_tools)?;
    let dist_dir = root().join("target").join("dist-bench");
    step("build the bundle", || dist::build(&dist_dir, dist::Split::No))?;
    step("build the server (release)", || {
        run(cargo().args(["build", "--release", "-p", "salam-demo", "--bin", "salam-demo"]))
    })?;
    step("page-weight benchmark (headless Chromium, CPU throttled 4x)", || {
        run(Command::new("node")
            .args(["bench/page.mjs", "--runs", &runs])
            .current_dir(root().join("tests"))
            .env("SALAM_DEMO_BIN", root().join("target/release/salam-demo"))
            .env("SALAM_DIST", &dist_dir)
            .env("CHROMIUM", tools::CHROMIUM)
            .env("SALAM_BENCH_OUT", root().join("target/bench")))
    })
}

/// Builds the server and the benchmark in release and runs it.
pub fn ws(args: &[String]) -> Result {
    let mut pass = vec![];
    let (mut sqlite, mut postgres) = (true, true);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--db" => match it.next().map(String::as_str) {
                Some("sqlite") => postgres = false,
                Some("postgres") => sqlite = false,
                _ => return Err(format!("--db takes sqlite or postgres\n{USAGE}")),
            },
            "--visitors" | "--messages" => {
                let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
                if !value.parse::<usize>().is_ok_and(|n| n > 0) {
                    return Err(format!("{flag} must be a positive number\n{USAGE}"));
                }
                pass.extend([flag.clone(), value.clone()]);
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    step("build the server and the benchmark (release)", || {
        run(cargo().args(["build", "--release", "-p", "salam-demo", "--bin", "salam-demo", "--example", "ws_bench"]))
    })?;
    let target = root().join("target").join("release");
    let bench = |json: &str| {
        let mut cmd = Command::new(target.join("examples").join("ws_bench"));
        cmd.arg("--server").arg(target.join("salam-demo")).arg("--json").arg(root().join("target/bench").join(json));
        cmd.args(&pass);
        cmd
    };
    if sqlite {
        step("WebSocket load benchmark: one server on SQLite", || run(&mut bench("ws.json")))?;
    }
    if postgres {
        step("install the PostgreSQL server", tools::ensure_postgres)?;
        step("WebSocket load benchmark: two servers over one PostgreSQL", || {
            run(bench("ws-postgres.json").args(["--postgres", "2"]))
        })?;
    }
    Ok(())
}
