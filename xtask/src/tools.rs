//! Installs what the tasks need, only when it is missing, so that the
//! README's two commands work on a fresh machine.

use crate::{root, run, Result};
use std::path::PathBuf;
use std::process::Command;

/// System Chromium (Debian's package); tools that download their own fail here.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Its matching driver, for wasm-bindgen-test.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// binaryen from npm: Debian's binaryen 108 breaks wasm-bindgen output.
const BINARYEN: &str = "binaryen@132.0.0";
/// terser from npm, which minifies the loader.
const TERSER: &str = "terser@5.51.2";

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The wasm target, wasm-bindgen-cli at the locked version, binaryen.
pub fn ensure_build_tools() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    let want = locked_version("wasm-bindgen")?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) != Some(want.as_str()) {
        // Not --locked: its lock file names a crate version this registry lacks.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    }

    ensure_node()?;
    if !wasm_opt().exists() || !terser().exists() {
        let dir = tools_dir();
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .args([BINARYEN, TERSER]))?;
    }
    Ok(())
}

/// Chromium, ChromeDriver and the PostgreSQL server from apt, the npm
/// packages of `tests/`, and aiosmtpd and trustme from PyPI.
pub fn ensure_test_tools() -> Result {
    if !PathBuf::from(CHROMIUM).exists() || !PathBuf::from(CHROMEDRIVER).exists() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    ensure_postgres()?;
    let tests = root().join("tests");
    let lock = std::fs::read(tests.join("package-lock.json")).map_err(|e| format!("tests/package-lock.json: {e}"))?;
    let stamp = tests.join("node_modules/.salam-lock");
    if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&tests))?;
        std::fs::write(&stamp, &lock).map_err(|e| e.to_string())?;
    }
    ensure_python_tools()?;
    Ok(())
}

/// The PostgreSQL server from apt. The tests and the benchmark start their
/// own throwaway servers (tests/scratch-postgres.sh): only the binaries are
/// needed.
pub fn ensure_postgres() -> Result {
    if !has_postgres() {
        apt_install(&["postgresql"])?;
    }
    Ok(())
}

/// Whether a PostgreSQL server's binaries are installed where Debian puts them.
fn has_postgres() -> bool {
    std::fs::read_dir("/usr/lib/postgresql")
        .map(|versions| versions.flatten().any(|v| v.path().join("bin/initdb").exists()))
        .unwrap_or(false)
}

/// From PyPI: aiosmtpd, the real SMTP server the e-mail tests start, and
/// trustme, which makes the certificate authority and certificate of its
/// TLS test.
const PYTHON_TOOLS: [&str; 2] = ["aiosmtpd==1.4.6", "trustme==1.2.1"];

/// The interpreter of the virtual environment with aiosmtpd.
pub fn python() -> PathBuf {
    tools_dir().join("py/bin/python")
}

/// A Python with aiosmtpd, in a virtual environment under target/tools.
fn ensure_python_tools() -> Result {
    let venv = tools_dir().join("py");
    let python = python();
    let ready = || output(Command::new(&python).args(["-c", "import aiosmtpd, trustme"])).is_some();
    if ready() {
        return Ok(());
    }
    if output(Command::new("python3").args(["-c", "import venv, ensurepip"])).is_none() {
        apt_install(&["python3", "python3-venv"])?;
    }
    run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .args(PYTHON_TOOLS))?;
    if !ready() {
        return Err(format!("{} did not install into {}", PYTHON_TOOLS.join(", "), venv.display()));
    }
    Ok(())
}

fn ensure_node() -> Result {
    if output(Command::new("node").arg("--version")).is_none() || output(Command::new("npm").arg("--version")).is_none()
    {
        apt_install(&["nodejs", "npm"])?;
    }
    Ok(())
}

fn apt_install(packages: &[&str]) -> Result {
    let root_user = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let sudo = |args: &[&str]| {
        let mut c = if root_user { Command::new(args[0]) } else { Command::new("sudo") };
        if root_user {
            c.args(&args[1..]);
        } else {
            c.args(args);
        }
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut sudo(&["apt-get", "update"]))?;
    let mut install = vec!["apt-get", "install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(&mut sudo(&install))
}

/// Where npm-installed build tools live (under target/, so never committed).
pub fn tools_dir() -> PathBuf {
    root().join("target").join("tools")
}

/// terser's command-line entry, run with `node`.
pub fn terser() -> PathBuf {
    tools_dir().join("node_modules/terser/bin/terser")
}

/// binaryen's wasm-opt from npm.
pub fn wasm_opt() -> PathBuf {
    tools_dir().join("node_modules/.bin/wasm-opt")
}

/// The version of `package` in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).ok_or_else(|| format!("{package} is not in Cargo.lock"))? + needle.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_string())
}
