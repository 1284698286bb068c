//! How people on the support side are shown: initials when there is no
//! picture, and which pictures may be shown at all.

/// Up to two initials of `name`: the first character of its first and last
/// words that is not a digit or ASCII punctuation ("Bot 2" gives "B",
/// "(Sara)" gives "S"). Not upper-cased here: the stylesheet does it, which
/// keeps Unicode's case tables out of the widget.
pub fn initials(name: &str) -> String {
    let mut firsts =
        name.split_whitespace().filter_map(|w| w.chars().find(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation()));
    let first = firsts.next();
    let last = firsts.next_back();
    first.into_iter().chain(last).collect()
}

/// The avatar URL if it may be shown: an absolute `https:` or `http:` URL
/// without spaces or control characters (a `data:` or `javascript:` one is
/// not, and neither is a relative one, which would point at the host page).
pub fn safe_image_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    (scheme_ok && clean && url.len() > 8 && url.len() <= 2048).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_in_any_script() {
        assert_eq!(initials("Sara Ahmadi"), "SA");
        assert_eq!(initials("sara"), "s");
        assert_eq!(initials("(Sara) 2"), "S");
        assert_eq!(initials("Maria del Carmen López"), "ML");
        assert_eq!(initials("سارا احمدی"), "سا");
        assert_eq!(initials("Bot 2"), "B");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("王 小明"), "王小");
    }

    #[test]
    fn only_web_images_are_shown() {
        assert_eq!(safe_image_url(" https://example.com/a.png "), Some("https://example.com/a.png"));
        assert_eq!(safe_image_url("HTTP://example.com/a.png"), Some("HTTP://example.com/a.png"));
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg/onload=alert(1)>",
            "/me.png",
            "https://",
            "https://a b",
            "https://x\"onerror=\"y",
        ] {
            assert_eq!(safe_image_url(bad), None, "{bad}");
        }
    }
}
