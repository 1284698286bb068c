//! Builds the widget bundle: the loader, the wasm-bindgen module, the main
//! `.wasm`, the split-off chunks and their link module, and prints raw,
//! gzip and brotli sizes.
//!
//! Names: the loader (`salam.js`) and the link module (`salam_split.js`)
//! keep stable names and are revalidated; the glue and the main wasm are
//! also written under content-hashed names (what the loader fetches, cached
//! for ever), and the chunks only under theirs. The link module cannot be
//! hashed: the glue imports it by name and it imports the glue.

use crate::tools::wasm_opt;

#[path = "../../widget/core/build/locales.rs"]
mod locales;
use crate::{cargo, root, run, split, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One file of the bundle and its sizes.
pub struct Sized {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Whether the wasm is split at its split points (`widget/src/split.rs`).
///
/// Not by default: measured at this commit, splitting saves the first
/// message's path 239 B brotli and costs the whole widget 8.6 KB (the split
/// transports reach the page's JavaScript through the main module, so most
/// of their code stays there), and the pipeline alone, with no split point
/// active, costs 1.5 KB (the link module every visitor fetches, and lld's
/// exports the chunks need). `cargo xtask test` builds both and checks that
/// the split one works; see docs/PERFORMANCE.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// One wasm.
    No,
    /// The main wasm, its chunks and their link module.
    Yes,
}

/// Builds the bundle into `out` (replacing it) and returns the size table.
pub fn build(out: &Path, split: Split) -> Result<Vec<Sized>> {
    let mut build = cargo();
    build.args(["rustc", "-p", "salam-widget", "--lib", "--target", "wasm32-unknown-unknown"]);
    // English only inside; the other locales are files next to it.
    build.args(["--profile", "wasm-release", "--no-default-features"]);
    if split == Split::Yes {
        // Linked with relocations, which the splitter needs to cut the module.
        build.args(["--features", "split", "--", "-Clink-arg=--emit-relocs"]);
    }
    run(&mut build)?;
    let target = root().join("target");
    let linked = target.join("wasm32-unknown-unknown/wasm-release/salam_widget.wasm");
    let split = match split {
        Split::Yes => Some(split::split(&linked, &target.join("salam-split"))?),
        Split::No => None,
    };
    let bindgen_dir = target.join("salam-bindgen");
    let _ = std::fs::remove_dir_all(&bindgen_dir);
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen.args(["--target", "web", "--no-typescript", "--out-name", "salam_widget", "--out-dir"]).arg(&bindgen_dir);
    match &split {
        // The chunks use the main module's function table and shared
        // functions: lld's exports of them must stay.
        Some(split) => bindgen.args(["--keep-lld-exports", "--no-demangle"]).arg(&split.main),
        None => bindgen.arg(&linked),
    };
    run(&mut bindgen)?;

    let bindgen_wasm = bindgen_dir.join("salam_widget_bg.wasm");
    let wasm = choose_smaller_optimized(&bindgen_wasm)?;
    let glue = minify_glue(&bindgen_dir.join("salam_widget.js"))?;

    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let wasm_name = write_twice(out, "salam_widget_bg", "wasm", &wasm)?;
    let glue_name = write_twice(out, "salam_widget", "js", &glue)?;
    if let Some(split) = &split {
        let mut link = split.link.replace(split::GLUE_PLACEHOLDER, &format!("./{glue_name}"));
        for (stem, path) in &split.chunks {
            let bytes = choose_smaller_optimized(path)?;
            let name = format!("salam_{}", stem.trim_start_matches("split_"));
            let hashed = write_hashed(out, &name, "wasm", &bytes)?;
            link = link.replace(&format!("\"./{stem}.wasm\""), &format!("\"./{hashed}\""));
        }
        std::fs::write(out.join(split::LINK_MODULE), &link).map_err(|e| e.to_string())?;
    }
    let loader = crate::loader::build(&wasm_name, &glue_name)?;
    write_twice(out, "salam", "js", loader.as_bytes())?;
    write_locales(out)?;

    let mut sizes = vec![];
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(out).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let bytes = read(&path)?;
        let (gzip, brotli) = compressed_sizes(&bytes);
        sizes.push(Sized {
            name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
            raw: bytes.len(),
            gzip,
            brotli,
        });
    }
    print_table(out, &sizes);
    write_manifest(out, &sizes)?;
    Ok(sizes)
}

/// wasm-bindgen's JavaScript glue, minified by terser (as the loader is):
/// its JSDoc comments, indentation and long local names are about a third
/// of what it weighs once compressed. As an ES module, its exports keep
/// their names (the split build's link module imports them).
fn minify_glue(path: &Path) -> Result<Vec<u8>> {
    let output = path.with_extension("min.js");
    run(Command::new("node")
        .arg(crate::tools::terser())
        .arg(path)
        .args(["--module", "--ecma", "2020", "--compress", "passes=2", "--mangle", "--comments", "false", "--output"])
        .arg(&output))?;
    read(&output)
}

/// -Os compresses smaller than -Oz once brotli has run; --gufa (whole-program
/// type flow) removes what no call can reach; the two memory facts hold for
/// Rust's wasm (the stack grows down from 1 MiB, so it reaches the first
/// kilobyte only past an overflow, and a fresh memory is zero). Together
/// 3.0 KB brotli less than plain -Oz.
///
/// `-ocimfs=15`: binaryen inlines a function with one caller whatever its
/// size (the default); then the widget's many small event handlers and
/// views each carry their own copy of the same helpers' bodies, and brotli
/// finds fewer repeats. Kept as calls past 15 bytes, the wasm is 4 % larger
/// raw and 17.8 KB (6.5 %) smaller brotli (measured: 0, 5, 10, 15, 20, 40
/// and 80 bytes; 10 to 25 are within 0.3 KB of each other, 80 gives back
/// two thirds of the gain). See docs/PERFORMANCE.md.
const WASM_OPT_ARGS: [&str; 8] = [
    "--low-memory-unused",
    "--zero-filled-memory",
    "-ocimfs=15",
    "-Os",
    "--gufa",
    "-Os",
    "--strip-debug",
    "--strip-producers",
];

/// Runs wasm-opt and keeps its output only if it is smaller once
/// compressed: after opt-level "z" and LTO it may not be. The choice is
/// cached by the input's hash and the arguments, so an unchanged widget costs nothing here
/// (binaryen from npm runs as JS and takes tens of seconds).
fn choose_smaller_optimized(input: &Path) -> Result<Vec<u8>> {
    let plain = read(input)?;
    let cache = root().join("target/wasm-opt-cache");
    let key = hex(&Sha256::new().chain_update(&plain).chain_update(WASM_OPT_ARGS.join(" ")).finalize());
    let cached = cache.join(format!("{key}.wasm"));
    if let Ok(bytes) = std::fs::read(&cached) {
        eprintln!("wasm-opt: unchanged input, using the cached choice");
        return Ok(bytes);
    }
    let opt_path = input.with_extension("opt.wasm");
    let optimized = run(Command::new(wasm_opt()).args(WASM_OPT_ARGS).arg(input).arg("-o").arg(&opt_path))
        .and_then(|_| read(&opt_path));
    let chosen = match optimized {
        Ok(opt) => {
            let (before, after) = (brotli(&plain), brotli(&opt));
            eprintln!("wasm-opt: {before} -> {after} bytes brotli");
            if after < before {
                eprintln!("keeping the wasm-opt output");
                opt
            } else {
                eprintln!("wasm-opt does not pay; keeping the plain build");
                plain
            }
        }
        Err(e) => {
            // Not cached: a broken tool should be retried next time.
            eprintln!("wasm-opt failed ({e}); keeping the plain build");
            return Ok(plain);
        }
    };
    let _ = std::fs::create_dir_all(&cache);
    let _ = std::fs::write(&cached, &chosen);
    Ok(chosen)
}

/// Every locale but English (which is inside the wasm) as the file the
/// widget fetches for a visitor who speaks it.
fn write_locales(out: &Path) -> Result {
    let dir = root().join("locales");
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let tag = entry.file_name().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(entry.path().join("salam.ftl")) else { continue };
        if tag == "en" {
            continue;
        }
        let stripped = locales::strip(&text);
        std::fs::write(out.join(locales::file_name(&tag, &stripped)), stripped).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `stem.<hash>.ext` only; returns its name.
fn write_hashed(out: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let hashed = format!("{stem}.{}.{ext}", &hex(&Sha256::digest(bytes))[..10]);
    std::fs::write(out.join(&hashed), bytes).map_err(|e| e.to_string())?;
    Ok(hashed)
}

/// Writes `stem.ext` and `stem.<hash>.ext`; returns the hashed name.
fn write_twice(out: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let hashed = format!("{stem}.{}.{ext}", &hex(&Sha256::digest(bytes))[..10]);
    for name in [format!("{stem}.{ext}"), hashed.clone()] {
        std::fs::write(out.join(&name), bytes).map_err(|e| e.to_string())?;
    }
    Ok(hashed)
}

/// (gzip, brotli) sizes, cached by content hash: brotli at quality 11 runs
/// at about a megabyte a second, and most rebuilds change nothing.
fn compressed_sizes(bytes: &[u8]) -> (usize, usize) {
    let path = root().join("target/size-cache").join(hex(&Sha256::digest(bytes)));
    let cached = std::fs::read_to_string(&path).ok().and_then(|s| {
        let (a, b) = s.trim().split_once(' ')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    });
    if let Some(sizes) = cached {
        return sizes;
    }
    let sizes = (gzip(bytes), brotli(bytes));
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&path, format!("{} {}", sizes.0, sizes.1));
    sizes
}

pub fn gzip(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

pub fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

/// What a visitor downloads before their first message: the loader, the
/// glue, the main wasm, the split link module and, unless English, their
/// locale (the largest counts). Chunks come later, if ever.
fn first_message_path(sizes: &[Sized]) -> Vec<&Sized> {
    let locale = sizes.iter().filter(|s| s.name.ends_with(".ftl")).max_by_key(|s| s.brotli);
    let app = ["salam.js", "salam_widget.js", "salam_widget_bg.wasm", split::LINK_MODULE];
    sizes.iter().filter(|s| app.contains(&s.name.as_str())).chain(locale).collect()
}

/// The split-off chunks, fetched when their split point is first called.
fn chunks(sizes: &[Sized]) -> Vec<&Sized> {
    sizes.iter().filter(|s| s.name.ends_with(".wasm") && !s.name.starts_with("salam_widget_bg")).collect()
}

fn print_table(out: &Path, sizes: &[Sized]) {
    eprintln!("\n{}:", out.display());
    eprintln!("{:<34} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for s in sizes {
        eprintln!("{:<34} {:>10} {:>10} {:>10}", s.name, s.raw, s.gzip, s.brotli);
    }
    let total = |files: &[&Sized], f: fn(&Sized) -> usize| files.iter().map(|s| f(s)).sum::<usize>();
    for (what, files) in [("first-message path", first_message_path(sizes)), ("split chunks", chunks(sizes))] {
        eprintln!(
            "{:<34} {:>10} {:>10} {:>10}",
            format!("total, {what}"),
            total(&files, |s| s.raw),
            total(&files, |s| s.gzip),
            total(&files, |s| s.brotli)
        );
    }
}

/// The whole widget's brotli budget: loader, JS glue, wasm and CSS (the CSS
/// is inside the loader and the wasm). 220 KB from issue 12 (serde,
/// fluent-bundle and gloo-net back in); 260 KB from issue 13 (the bot's
/// rich text and quick replies, who is answering, availability, signals,
/// identity), then 270 KB (the pre-chat form, which shows before the first
/// message), then 276 KB from issue 14 (leave a message: the ticket form,
/// its stored draft and the reference) and 280 KB, the ceiling, with its
/// other channels: docs/PERFORMANCE.md says what each costs. It never goes
/// past 280 KB: what issue 14 adds next must be paid for by savings.
/// 1 KB = 1,024 bytes.
pub const TOTAL_BUDGET: usize = 280 * 1024;

/// Checks the built bundle against the budgets and prints the figures; an
/// error names what is over. Bytes are deterministic, so this is a test.
pub fn check_budgets(sizes: &[Sized]) -> Result {
    let loader = sizes.iter().find(|s| s.name == "salam.js").map(|s| s.brotli).unwrap_or(0);
    let first: usize = first_message_path(sizes).iter().map(|s| s.brotli).sum();
    let later = chunks(sizes);
    let total = first + later.iter().map(|s| s.brotli).sum::<usize>();
    let row = |what: &str, bytes: usize, budget: Option<usize>| {
        match budget {
            Some(budget) => eprintln!(
                "{what:<52} {bytes:>8} B of {budget:>8} B brotli ({:>5.1} %)  {}",
                100.0 * bytes as f64 / budget as f64,
                if bytes <= budget { "ok" } else { "OVER" }
            ),
            None => eprintln!("{what:<52} {bytes:>8} B brotli"),
        }
        budget.is_none_or(|b| bytes <= b)
    };
    eprintln!("\nsize budgets:");
    let loader_ok = row("loader salam.js (JS + shell CSS)", loader, Some(crate::loader::LOADER_BUDGET));
    row("first-message path (+ the largest locale)", first, None);
    for chunk in &later {
        row(&format!("  later: {}", chunk.name), chunk.brotli, None);
    }
    let total_ok = row("whole widget (the path and every chunk)", total, Some(TOTAL_BUDGET));
    match (loader_ok, total_ok) {
        (true, true) => Ok(()),
        _ => Err("the bundle is over its size budget (see above and docs/PERFORMANCE.md)".into()),
    }
}

/// `sizes.json`: the same table for tools and tests.
fn write_manifest(out: &Path, sizes: &[Sized]) -> Result {
    let rows: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "  {{\"file\": \"{}\", \"raw\": {}, \"gzip\": {}, \"brotli\": {}}}",
                s.name, s.raw, s.gzip, s.brotli
            )
        })
        .collect();
    let json = format!("[\n{}\n]\n", rows.join(",\n"));
    std::fs::write(out.join("sizes.json"), json).map_err(|e| e.to_string())
}
