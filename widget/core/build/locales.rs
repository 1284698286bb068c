//! The locale files as the widget ships them, shared by `widget/core/build.rs`
//! (which embeds them) and `xtask dist` (which writes the ones fetched on
//! demand next to the bundle): both must agree on the bytes and the names.

/// The messages of a `salam.ftl` without its comments and blank lines,
/// which are for translators. A line starting with `#` is a Fluent comment;
/// message bodies are indented, so no message line is lost.
pub fn strip(text: &str) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    kept.join("\n") + "\n"
}

/// The file a locale is fetched from: its tag and a hash of its bytes, so a
/// changed translation is never served from a stale cache.
pub fn file_name(tag: &str, stripped: &str) -> String {
    // FNV-1a, 64 bits: no dependency, and a name, not a signature.
    let hash =
        stripped.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("salam-{tag}.{:010x}.ftl", hash >> 24)
}
