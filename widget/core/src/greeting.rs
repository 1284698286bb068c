//! Proactive greetings: the owner's rules for greeting a visitor before
//! they write (after some seconds on a page, on pages matching a pattern,
//! new or returning visitors, only while the team answers), and the rule
//! that each greets a visitor at most once.

use crate::config::OwnerText;
use serde::{Deserialize, Serialize};

/// Which visitors a rule greets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone.
    #[default]
    All,
    /// Visitors the widget has not seen before (no stored conversation).
    New,
    /// Visitors with a conversation from an earlier visit.
    Returning,
}

/// One greeting rule (`greetings` setting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GreetingRule {
    /// Names the rule: a visitor is greeted by it at most once, and
    /// `Salam('greet', id)` fires it.
    pub id: String,
    /// The greeting, one text or one per language.
    pub text: OwnerText,
    /// Seconds on the page before it shows.
    #[serde(default)]
    pub after_seconds: u32,
    /// Pages it shows on: a pattern where `*` is any run of characters,
    /// matched against the whole address, or its path when it starts with
    /// `/` (`/pricing*`). None: every page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// New visitors, returning ones, or all.
    #[serde(default)]
    pub visitors: Audience,
    /// Only while the team answers (the server's `availability`).
    #[serde(default)]
    pub only_when_open: bool,
}

/// Longest greeting, in characters.
pub const MAX_GREETING_CHARS: usize = 500;

/// Whether `url` matches `pattern` (`*` is any run of characters; a
/// pattern starting with `/` is matched against the path and what follows
/// it). Greedy matching with one backtrack point: never exponential, at
/// most pattern × address steps.
pub fn url_matches(pattern: &str, url: &str) -> bool {
    let target = if pattern.starts_with('/') {
        // After the scheme and host: "https://shop.example/pricing?x" -> "/pricing?x".
        url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
    } else {
        url
    };
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), target.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Whether `rule` may greet now: on this page, this kind of visitor, the
/// team answering if the rule asks (`open`: `None` while unknown counts as
/// not open), and not greeted by it before.
pub fn eligible(rule: &GreetingRule, url: &str, returning: bool, open: Option<bool>, greeted: &[String]) -> bool {
    let audience = match rule.visitors {
        Audience::All => true,
        Audience::New => !returning,
        Audience::Returning => returning,
    };
    audience
        && !greeted.contains(&rule.id)
        && rule.url.as_deref().is_none_or(|p| url_matches(p, url))
        && (!rule.only_when_open || open == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> GreetingRule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn url_patterns() {
        assert!(url_matches("/pricing*", "https://shop.example/pricing?plan=pro"));
        assert!(url_matches("/pricing", "https://shop.example/pricing"));
        assert!(!url_matches("/pricing", "https://shop.example/pricing/team"));
        assert!(url_matches("*/checkout/*", "https://shop.example/en/checkout/pay"));
        assert!(url_matches("https://shop.example/*", "https://shop.example/"));
        assert!(!url_matches("https://shop.example/*", "https://evil.example/shop.example/"));
        assert!(url_matches("/", "https://shop.example"), "no path is the root");
        assert!(url_matches("*", ""));
        assert!(url_matches("/a*b*c", "https://x/aXbYbZc"));
        assert!(!url_matches("/a*b*c", "https://x/aXbYbZ"));
        // Many stars over a long address stay fast (no exponential backtracking).
        let long = format!("https://x/{}", "a".repeat(10_000));
        let started = std::time::Instant::now();
        assert!(!url_matches(&format!("/{}b", "a*".repeat(50)), &long));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn who_is_greeted_and_only_once() {
        let r = rule(
            r#"{"id": "pricing", "text": "Questions about plans?", "url": "/pricing*", "visitors": "new", "only_when_open": true}"#,
        );
        let url = "https://shop.example/pricing";
        assert!(eligible(&r, url, false, Some(true), &[]));
        assert!(!eligible(&r, url, true, Some(true), &[]), "new visitors only");
        assert!(!eligible(&r, url, false, Some(false), &[]), "only while open");
        assert!(!eligible(&r, url, false, None, &[]), "not known to be open");
        assert!(!eligible(&r, "https://shop.example/", false, Some(true), &[]), "another page");
        assert!(!eligible(&r, url, false, Some(true), &["pricing".into()]), "once per visitor");
        let anyone = rule(r#"{"id": "hi", "text": {"en": "Hi", "fa": "سلام"}}"#);
        assert!(eligible(&anyone, "https://shop.example/x", true, None, &[]));
        assert_eq!(anyone.text.resolve("fa"), Some("سلام"));
        assert!(
            serde_json::from_str::<GreetingRule>(r#"{"id": "x", "text": "t", "delay": 3}"#).is_err(),
            "typos are named"
        );
    }
}
