//! `cargo xtask bench-ws [--visitors N] [--messages M]`: the WebSocket load
//! benchmark (`widget-demo/examples/ws_bench.rs`) against a release build of
//! the reference server. It prints a table and writes
//! `target/bench/ws.json`; it is a measurement, not a test.

use crate::{cargo, root, run, step, Result};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask bench-ws [--visitors N] [--messages M]";

/// Builds the server and the benchmark in release and runs it.
pub fn ws(args: &[String]) -> Result {
    let mut pass = vec![];
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
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
    step("WebSocket load benchmark", || {
        run(Command::new(target.join("examples").join("ws_bench"))
            .arg("--server")
            .arg(target.join("salam-demo"))
            .arg("--json")
            .arg(root().join("target").join("bench").join("ws.json"))
            .args(&pass))
    })
}
