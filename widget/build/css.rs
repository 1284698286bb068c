//! A small, conservative CSS minifier for our own stylesheets: it drops
//! comments and the whitespace that cannot matter, and nothing else. Shared
//! by `widget/build.rs` (the app's sheet, compiled into the wasm) and xtask
//! (the shell sheet, inlined into the loader).
//!
//! It is not a general minifier: it assumes no comment markers inside
//! strings and keeps every space that could be a descendant combinator
//! (`.a :focus-visible`) or sit inside `calc()`.

/// Minified `css`.
pub fn minify_css(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
        without_comments.push(' ');
    }
    without_comments.push_str(rest);

    let mut out = String::with_capacity(without_comments.len());
    let mut pending_space = false;
    for c in without_comments.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            // A space matters only between two tokens that are not punctuation
            // (`!important` needs none before it).
            let after_punct = out.ends_with(['{', '}', ';', ':', ',']) || out.is_empty();
            if !after_punct && !matches!(c, '{' | '}' | ';' | ',' | '!') {
                out.push(' ');
            }
            pending_space = false;
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    shorten_values(&out)
}

/// `#ffffff` to `#fff` and `0.5` to `.5`: the same values, fewer bytes.
fn shorten_values(css: &str) -> String {
    let b = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        // Both patterns start at an ASCII byte, so `i` is a char boundary.
        let hex6 = b[i] == b'#'
            && b.len() >= i + 7
            && b[i + 1..i + 7].iter().all(u8::is_ascii_hexdigit)
            && !b.get(i + 7).is_some_and(u8::is_ascii_alphanumeric);
        if hex6 && b[i + 1] == b[i + 2] && b[i + 3] == b[i + 4] && b[i + 5] == b[i + 6] {
            out.push_str(&css[copied..i]);
            out.extend(['#', char::from(b[i + 1]), char::from(b[i + 3]), char::from(b[i + 5])]);
            i += 7;
            copied = i;
            continue;
        }
        let starts_number = i == 0 || matches!(b[i - 1], b' ' | b',' | b'(' | b':');
        if b[i] == b'0' && starts_number && b.get(i + 1) == Some(&b'.') && b.get(i + 2).is_some_and(u8::is_ascii_digit)
        {
            out.push_str(&css[copied..i]);
            i += 1; // the leading zero goes
            copied = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&css[copied..]);
    out
}
