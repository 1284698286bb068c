//! Site-owner configuration: one pure function from raw inputs to a typed
//! [`Config`].
//!
//! Two sources, merged key by key:
//! 1. `data-*` attributes on the `<script>` tag, as the browser's `dataset`
//!    names them (`data-title` is `title`, `data-launcher-label` would be
//!    `launcherLabel`); values are strings.
//! 2. `window.salamSettings`, a plain object set before the tag; values are
//!    JSON. It wins over `data-*`, because it is the more deliberate,
//!    per-page setting.
//!
//! Nothing here fails: an unknown key or a bad value is skipped, the default
//! stays, and exactly one [`ConfigWarning`] names the key, so a typo costs
//! the owner one console line rather than a broken widget.

use serde_json::Value;
use std::fmt;

/// `window.salamSettings`, after `JSON.stringify` (functions dropped).
pub type RawSettings = serde_json::Map<String, Value>;

/// Longest owner text we accept (title, subtitle); longer is cut, with a warning.
pub const MAX_OWNER_TEXT_CHARS: usize = 120;

/// Which corner the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    /// Bottom-right (bottom-left in right-to-left locales).
    #[default]
    End,
    /// Bottom-left (bottom-right in right-to-left locales).
    Start,
}

impl Position {
    /// The CSS class suffix the view uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::End => "end",
            Position::Start => "start",
        }
    }
}

/// Which [`crate::transport::Transport`] the widget talks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TransportKind {
    /// In-page echo bot: converses with no server at all (demo, previews).
    #[default]
    Echo,
}

/// The typed configuration of one widget.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Panel title; `None` uses the localized default.
    pub title: Option<String>,
    /// Line under the title; `None` uses the localized default.
    pub subtitle: Option<String>,
    /// Explicit language tag (BCP 47); `None` negotiates from the browser.
    pub locale: Option<String>,
    /// Launcher corner.
    pub position: Position,
    /// Transport to use.
    pub transport: TransportKind,
    /// Server endpoint for network transports.
    pub endpoint: Option<String>,
    /// Open the panel as soon as the widget starts.
    pub open: bool,
}

/// One problem with one key, worded for the site owner's console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The key as the owner wrote it.
    pub key: String,
    /// What was wrong and what happens instead.
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "salam: setting \"{}\": {}", self.key, self.message)
    }
}

/// Attributes that other tools put on script tags (Cloudflare's Rocket
/// Loader adds `data-cfasync`); they are not ours to warn about.
const FOREIGN_KEYS: &[&str] = &["cfasync"];

/// The keys Salam understands, in the spelling of `salamSettings`.
pub const KNOWN_KEYS: &[&str] = &["title", "subtitle", "locale", "position", "transport", "endpoint", "open"];

/// Merges `data-*` attributes and `salamSettings` into a [`Config`].
///
/// Returns the config and one warning per key that was ignored.
pub fn parse_config(data: &[(String, String)], settings: &RawSettings) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut warnings: Vec<ConfigWarning> = Vec::new();
    let sources = data
        .iter()
        .map(|(k, v)| (k.as_str(), Value::String(v.clone())))
        .chain(settings.iter().map(|(k, v)| (k.as_str(), v.clone())));
    for (key, value) in sources {
        if FOREIGN_KEYS.contains(&key) {
            continue;
        }
        if let Err(message) = apply(&mut config, key, &value) {
            // One warning per key, even if both sources got it wrong.
            if !warnings.iter().any(|w| w.key == key) {
                warnings.push(ConfigWarning { key: key.to_string(), message });
            }
        }
    }
    (config, warnings)
}

fn apply(config: &mut Config, key: &str, value: &Value) -> Result<(), String> {
    match key {
        "title" => config.title = owner_text(value)?,
        "subtitle" => config.subtitle = owner_text(value)?,
        "locale" => config.locale = Some(language_tag(value)?),
        "position" => {
            config.position = match as_str(value)?.trim().to_ascii_lowercase().as_str() {
                "right" | "end" => Position::End,
                "left" | "start" => Position::Start,
                other => return Err(format!("expected \"right\" or \"left\", got \"{other}\"; using \"right\"")),
            }
        }
        "transport" => {
            config.transport = match as_str(value)?.trim().to_ascii_lowercase().as_str() {
                "echo" => TransportKind::Echo,
                other => return Err(format!("unknown transport \"{other}\"; using \"echo\"")),
            }
        }
        "endpoint" => config.endpoint = Some(endpoint(value)?),
        "open" => config.open = boolean(value)?,
        _ => return Err(unknown_key_message(key)),
    }
    Ok(())
}

fn unknown_key_message(key: &str) -> String {
    match closest_known_key(key) {
        Some(k) => format!("unknown setting, ignored (did you mean \"{k}\"?)"),
        None => format!("unknown setting, ignored (known: {})", KNOWN_KEYS.join(", ")),
    }
}

/// A known key within two edits of `key`, ignoring case (`Title`, `titel`).
fn closest_known_key(key: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    KNOWN_KEYS
        .iter()
        .map(|k| (edit_distance(&key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn as_str(value: &Value) -> Result<&str, String> {
    value.as_str().ok_or_else(|| format!("expected a string, got {}", kind(value)))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Owner text: trimmed, control characters removed, length capped. Empty
/// means "use the default". It is always rendered as text, never as HTML.
fn owner_text(value: &Value) -> Result<Option<String>, String> {
    let cleaned: String = as_str(value)?.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    if cleaned.is_empty() {
        return Ok(None);
    }
    if cleaned.chars().count() > MAX_OWNER_TEXT_CHARS {
        // Cutting is better than dropping: the owner sees their text, shortened.
        return Ok(Some(cleaned.chars().take(MAX_OWNER_TEXT_CHARS).collect()));
    }
    Ok(Some(cleaned))
}

fn language_tag(value: &Value) -> Result<String, String> {
    let raw = as_str(value)?.trim();
    raw.parse::<unic_langid::LanguageIdentifier>()
        .map(|id| id.to_string())
        .map_err(|_| format!("\"{raw}\" is not a language tag; negotiating from the browser instead"))
}

fn endpoint(value: &Value) -> Result<String, String> {
    let raw = as_str(value)?.trim();
    let lower = raw.to_ascii_lowercase();
    let allowed = ["http://", "https://", "ws://", "wss://", "/"];
    if allowed.iter().any(|p| lower.starts_with(p)) && !lower.starts_with("//") {
        Ok(raw.to_string())
    } else {
        Err(format!("\"{raw}\" is not an http(s) or ws(s) URL or an absolute path; ignored"))
    }
}

fn boolean(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        // `data-open` with no value means yes, as for HTML boolean attributes.
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" | "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            other => Err(format!("expected true or false, got \"{other}\"; using false")),
        },
        other => Err(format!("expected true or false, got {}; using false", kind(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn settings(v: Value) -> RawSettings {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn empty_sources_give_defaults_and_no_warnings() {
        let (config, warnings) = parse_config(&[], &RawSettings::default());
        assert_eq!(config, Config::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn data_attributes_are_read() {
        let (config, warnings) = parse_config(
            &data(&[("title", "Help desk"), ("position", "left"), ("open", ""), ("locale", "fa-IR")]),
            &RawSettings::default(),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.title.as_deref(), Some("Help desk"));
        assert_eq!(config.position, Position::Start);
        assert!(config.open);
        assert_eq!(config.locale.as_deref(), Some("fa-IR"));
    }

    #[test]
    fn settings_override_data_attributes() {
        let (config, _) = parse_config(
            &data(&[("title", "From tag"), ("open", "true")]),
            &settings(json!({"title": "From settings", "open": false})),
        );
        assert_eq!(config.title.as_deref(), Some("From settings"));
        assert!(!config.open);
    }

    #[test]
    fn unknown_key_warns_once_naming_the_key_and_suggesting() {
        let (config, warnings) = parse_config(&data(&[("titel", "x")]), &settings(json!({"titel": "y"})));
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].key, "titel");
        assert!(warnings[0].to_string().contains("\"titel\""));
        assert!(warnings[0].message.contains("did you mean \"title\""));
    }

    #[test]
    fn bad_values_fall_back_to_defaults_with_a_warning() {
        let (config, warnings) = parse_config(
            &data(&[("position", "top"), ("open", "maybe"), ("transport", "carrier-pigeon")]),
            &settings(json!({"title": 42, "endpoint": "javascript:alert(1)", "locale": "!!"})),
        );
        assert_eq!(config, Config::default());
        let mut keys: Vec<&str> = warnings.iter().map(|w| w.key.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["endpoint", "locale", "open", "position", "title", "transport"]);
    }

    #[test]
    fn owner_text_is_cleaned_and_capped() {
        let long = "x".repeat(500);
        let (config, warnings) =
            parse_config(&data(&[("title", "  Hi\u{0007} there  "), ("subtitle", &long)]), &RawSettings::default());
        assert!(warnings.is_empty());
        assert_eq!(config.title.as_deref(), Some("Hi there"));
        assert_eq!(config.subtitle.as_ref().map(|s| s.chars().count()), Some(MAX_OWNER_TEXT_CHARS));
    }

    #[test]
    fn blank_owner_text_means_default() {
        let (config, warnings) = parse_config(&data(&[("title", "   ")]), &RawSettings::default());
        assert!(warnings.is_empty());
        assert_eq!(config.title, None);
    }

    #[test]
    fn markup_in_owner_text_is_kept_as_text() {
        // Rendering escapes it; parsing must not "sanitize" it into something else.
        let (config, _) = parse_config(&data(&[("title", "<img src=x onerror=alert(1)>")]), &RawSettings::default());
        assert_eq!(config.title.as_deref(), Some("<img src=x onerror=alert(1)>"));
    }

    #[test]
    fn foreign_attributes_are_ignored_silently() {
        let (_, warnings) = parse_config(&data(&[("cfasync", "false")]), &RawSettings::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn endpoints_must_be_web_urls() {
        for ok in ["https://chat.example.com/ws", "wss://x.example/ws", "/salam/ws"] {
            let (c, w) = parse_config(&data(&[("endpoint", ok)]), &RawSettings::default());
            assert!(w.is_empty(), "{ok}: {w:?}");
            assert_eq!(c.endpoint.as_deref(), Some(ok));
        }
        for bad in ["javascript:alert(1)", "//evil.example", "data:text/html,x", "ftp://x"] {
            let (c, w) = parse_config(&data(&[("endpoint", bad)]), &RawSettings::default());
            assert_eq!(w.len(), 1, "{bad}");
            assert_eq!(c.endpoint, None);
        }
    }
}
