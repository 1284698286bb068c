//! Ending a chat well: "Anything else?" when the agent resolves it, "End
//! this chat?" when the visitor ends it from the menu, then a rating on the
//! owner's scale (5 stars, thumbs, or 3 faces), the reasons behind a low
//! score, and a comment. The visitor may change the score until they send
//! the comment; each change goes to the server, which keeps the newest.

use crate::protocol::ClientFrame;
use serde::{Deserialize, Serialize};

/// How the visitor rates a chat (the `rating` setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// One to five stars.
    #[default]
    Stars,
    /// Thumbs down (1) or up (2).
    Thumbs,
    /// A sad (1), a plain (2) or a happy (3) face.
    Faces,
}

impl Scale {
    /// Reads the setting: `"stars"`, `"thumbs"`, `"faces"`; `"off"` (or
    /// `false`) is no rating (`Ok(None)`).
    pub fn parse(name: &str) -> Result<Option<Scale>, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "stars" => Ok(Some(Scale::Stars)),
            "thumbs" => Ok(Some(Scale::Thumbs)),
            "faces" => Ok(Some(Scale::Faces)),
            "off" | "false" | "none" => Ok(None),
            _ => Err(format!("expected \"stars\", \"thumbs\", \"faces\" or \"off\", got \"{name}\"")),
        }
    }

    /// Its name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Stars => "stars",
            Scale::Thumbs => "thumbs",
            Scale::Faces => "faces",
        }
    }

    /// The best score (the worst is 1).
    pub fn max(self) -> u8 {
        match self {
            Scale::Stars => 5,
            Scale::Thumbs => 2,
            Scale::Faces => 3,
        }
    }

    /// A score low enough to ask what went wrong: two stars or fewer, a
    /// thumb down, the sad face.
    pub fn is_low(self, score: u8) -> bool {
        score >= 1 && score <= self.max() / 2
    }
}

/// What went wrong, as sent (each has the locale message `rate-reason-<id>`).
pub const REASONS: [&str; 4] = ["slow", "unsolved", "unclear", "unfriendly"];

/// Longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// Where the chat's ending is. Stored: a prompt survives a reload and
/// the next page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// Chatting.
    #[default]
    None,
    /// The agent resolved the chat: "Anything else?".
    AnythingElse,
    /// The visitor chose "End chat": "End this chat?".
    Confirm,
    /// The rating prompt.
    Rating,
    /// "Thanks for your feedback", until the visitor writes again.
    Thanks,
}

/// The visitor's rating of this chat, as it stands (stored with the
/// ending).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rating {
    /// Its id: the same for every change, so the server keeps one rating.
    pub client_id: String,
    /// 1 to the scale's best; 0 before the visitor picks.
    pub score: u8,
    /// What went wrong (ids from [`REASONS`]), with a low score.
    pub reasons: Vec<String>,
    /// The comment, once sent.
    pub comment: String,
    /// The comment was sent: no more changes.
    pub done: bool,
}

impl Rating {
    /// The `rate` frame for the rating as it stands.
    pub fn frame(&self, scale: Scale) -> ClientFrame {
        ClientFrame::Rate {
            client_id: self.client_id.clone(),
            scale: scale.as_str().to_string(),
            score: self.score,
            reasons: if scale.is_low(self.score) { self.reasons.clone() } else { vec![] },
            comment: self.comment.clone(),
            done: self.done,
        }
    }
}

/// What the visitor did about the ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// "Yes" to "Anything else?": back to the chat.
    More,
    /// "No" to "Anything else?": on to the rating.
    Finish,
    /// "End chat" in the menu.
    AskEnd,
    /// "End chat" in the confirmation: the chat ends, on to the rating.
    ConfirmEnd,
    /// "Cancel" in the confirmation.
    Cancel,
    /// A score picked (changes the rating until the comment is sent).
    Score(u8),
    /// A reason ticked or unticked.
    Reason(String, bool),
    /// The comment sent, ending the rating.
    Send(String),
}

/// Whether a server's `rate` frame holds together: a known scale, a score
/// on it, known reasons, a bounded comment. `(scale, score)` if so.
pub fn check_rate(scale: &str, score: u8, reasons: &[String], comment: &str) -> Result<(Scale, u8), &'static str> {
    let scale = Scale::parse(scale).ok().flatten().ok_or("bad_scale")?;
    if score == 0 || score > scale.max() {
        return Err("bad_score");
    }
    if reasons.iter().any(|r| !REASONS.contains(&r.as_str())) {
        return Err("bad_reason");
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err("too_long");
    }
    Ok((scale, score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_read_their_names_and_say_which_scores_are_low() {
        assert_eq!(Scale::parse(" Thumbs"), Ok(Some(Scale::Thumbs)));
        assert_eq!(Scale::parse("off"), Ok(None));
        assert!(Scale::parse("emoji").unwrap_err().contains("\"emoji\""));
        let low = |s: Scale| (1..=s.max()).filter(|&n| s.is_low(n)).collect::<Vec<_>>();
        assert_eq!(low(Scale::Stars), [1, 2]);
        assert_eq!(low(Scale::Thumbs), [1]);
        assert_eq!(low(Scale::Faces), [1]);
        assert!(!Scale::Stars.is_low(0), "no score yet is not a low one");
    }

    #[test]
    fn reasons_go_out_only_with_a_low_score() {
        let mut r = Rating { client_id: "r1".into(), score: 2, reasons: vec!["slow".into()], ..Rating::default() };
        assert!(matches!(r.frame(Scale::Stars), ClientFrame::Rate { ref reasons, .. } if reasons == &["slow"]));
        r.score = 4;
        assert!(matches!(r.frame(Scale::Stars), ClientFrame::Rate { ref reasons, score: 4, .. } if reasons.is_empty()));
    }

    #[test]
    fn the_server_refuses_ratings_off_the_scale() {
        let none: &[String] = &[];
        assert_eq!(check_rate("thumbs", 2, none, ""), Ok((Scale::Thumbs, 2)));
        assert_eq!(check_rate("thumbs", 3, none, ""), Err("bad_score"));
        assert_eq!(check_rate("stars", 0, none, ""), Err("bad_score"));
        assert_eq!(check_rate("hearts", 1, none, ""), Err("bad_scale"));
        assert_eq!(check_rate("off", 1, none, ""), Err("bad_scale"));
        assert_eq!(check_rate("faces", 1, &["rude".to_string()], ""), Err("bad_reason"));
        assert_eq!(check_rate("faces", 1, none, &"x".repeat(MAX_COMMENT_CHARS + 1)), Err("too_long"));
    }
}
