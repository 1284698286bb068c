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

use crate::json::Json as Value;
use std::fmt;

/// `window.salamSettings`, after `JSON.stringify` (functions dropped): its
/// members in order.
pub type RawSettings = Vec<(String, Value)>;

/// Longest owner text we accept (title, subtitle); longer is cut, with a warning.
pub const MAX_OWNER_TEXT_CHARS: usize = 120;

/// Which bottom corner the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    /// The inline end: bottom-right, mirrored to bottom-left in right-to-left locales.
    #[default]
    End,
    /// The inline start: bottom-left, mirrored to bottom-right in right-to-left locales.
    Start,
    /// Always bottom-right, whatever the language.
    Right,
    /// Always bottom-left, whatever the language.
    Left,
}

impl Position {
    /// The CSS class suffix the view uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::End => "end",
            Position::Start => "start",
            Position::Right => "right",
            Position::Left => "left",
        }
    }
}

/// Text the owner configures, optionally per language:
/// `"Help"` or `{ "en": "Help", "fa": "راهنما" }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnerText {
    /// The text for any language (a plain string in the config).
    pub any: Option<String>,
    /// Per-language texts: (language tag, text), in the owner's order.
    pub by_locale: Vec<(String, String)>,
}

impl OwnerText {
    /// A text for every language.
    pub fn plain(text: &str) -> Self {
        Self { any: Some(text.to_string()), by_locale: vec![] }
    }

    /// Whether the owner gave nothing.
    pub fn is_empty(&self) -> bool {
        self.any.is_none() && self.by_locale.is_empty()
    }

    /// The owner's text for the active locale: the same tag, else the same
    /// language, else the owner's language-neutral text, else their English.
    /// `None` means "use Salam's localized default".
    pub fn resolve(&self, locale: &str) -> Option<&str> {
        let lang = |t: &str| t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let exact = self.by_locale.iter().find(|(t, _)| t.eq_ignore_ascii_case(locale));
        let same_language = || self.by_locale.iter().find(|(t, _)| lang(t) == lang(locale));
        let english = || self.by_locale.iter().find(|(t, _)| lang(t) == "en");
        exact
            .or_else(same_language)
            .map(|(_, text)| text.as_str())
            .or(self.any.as_deref())
            .or_else(|| english().map(|(_, text)| text.as_str()))
    }

    fn set(&mut self, locale: Option<String>, text: Option<String>) {
        match (locale, text) {
            (None, text) => self.any = text,
            (Some(l), Some(text)) => {
                self.by_locale.retain(|(t, _)| !t.eq_ignore_ascii_case(&l));
                self.by_locale.push((l, text));
            }
            (Some(l), None) => self.by_locale.retain(|(t, _)| !t.eq_ignore_ascii_case(&l)),
        }
    }
}

/// Which [`crate::transport::Transport`] the widget talks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TransportKind {
    /// WebSocket to `{endpoint}/api/v1/ws`.
    #[default]
    WebSocket,
    /// HTTP POST to `{endpoint}/api/v1/frames` and Server-Sent Events from
    /// `{endpoint}/api/v1/events`, for networks that block WebSockets.
    Sse,
    /// The site's own JavaScript object (`salamSettings.bridge`).
    JsBridge,
    /// In-page echo bot: converses with no server at all (previews, tests).
    Echo,
}

/// Default heartbeat interval of a WebSocket, in seconds.
pub const DEFAULT_HEARTBEAT_SECS: u32 = 25;

/// Where the network transports connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiUrls {
    /// The WebSocket URL.
    pub ws: String,
    /// The event stream URL (without query).
    pub events: String,
    /// The URL frames are POSTed to.
    pub frames: String,
}

/// The API URLs for `endpoint` (the server's base URL, or an absolute path
/// on the bundle's server), defaulting to the server that served the
/// bundle; `bundle_base` is the loader's own base URL.
pub fn api_urls(endpoint: Option<&str>, bundle_base: &str) -> ApiUrls {
    let origin_of = |url: &str| -> Option<(String, String, String)> {
        let (scheme, rest) = url.split_once("://")?;
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        Some((scheme.to_ascii_lowercase(), authority.to_string(), path.to_string()))
    };
    let (bundle_scheme, bundle_authority, _) =
        origin_of(bundle_base).unwrap_or_else(|| ("https".into(), "localhost".into(), String::new()));
    let (scheme, authority, path) = match endpoint {
        Some(e) if e.starts_with('/') => (bundle_scheme, bundle_authority, e.to_string()),
        Some(e) => origin_of(e).unwrap_or((bundle_scheme, bundle_authority, String::new())),
        None => (bundle_scheme, bundle_authority, String::new()),
    };
    let secure = scheme == "https" || scheme == "wss";
    // Query and fragment are not part of a base URL.
    let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/').to_string();
    let http = format!("{}://{authority}{path}/api/v1", if secure { "https" } else { "http" });
    ApiUrls {
        ws: format!("{}://{authority}{path}/api/v1/ws", if secure { "wss" } else { "ws" }),
        events: format!("{http}/events"),
        frames: format!("{http}/frames"),
    }
}

/// The typed configuration of one widget.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Panel title; empty uses the localized default.
    pub title: OwnerText,
    /// Line under the title; empty uses the localized default.
    pub subtitle: OwnerText,
    /// Explicit language tag (BCP 47); `None` negotiates from the browser.
    pub locale: Option<String>,
    /// Launcher corner.
    pub position: Position,
    /// Transport to use.
    pub transport: TransportKind,
    /// Server base URL for network transports; `None` is the server that
    /// served the bundle.
    pub endpoint: Option<String>,
    /// WebSocket heartbeat interval, seconds (a half-open socket is noticed
    /// within about twice this).
    pub heartbeat_secs: u32,
    /// Open the panel as soon as the widget starts.
    pub open: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: OwnerText::default(),
            subtitle: OwnerText::default(),
            locale: None,
            position: Position::default(),
            transport: TransportKind::default(),
            endpoint: None,
            heartbeat_secs: DEFAULT_HEARTBEAT_SECS,
            open: false,
        }
    }
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
pub const KNOWN_KEYS: &[&str] =
    &["title", "subtitle", "locale", "position", "transport", "endpoint", "heartbeat", "bridge", "open"];

/// Merges `data-*` attributes and `salamSettings` into a [`Config`].
///
/// Returns the config and one warning per key that was ignored.
pub fn parse_config(data: &[(String, String)], settings: &RawSettings) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut warnings: Vec<ConfigWarning> = Vec::new();
    let sources = data
        .iter()
        .map(|(k, v)| (k.as_str(), Value::Str(v.clone())))
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

/// Owner-text keys, which also take a per-language form.
const OWNER_TEXT_KEYS: &[&str] = &["title", "subtitle"];

fn owner_text_field<'a>(config: &'a mut Config, key: &str) -> Option<&'a mut OwnerText> {
    match key {
        "title" => Some(&mut config.title),
        "subtitle" => Some(&mut config.subtitle),
        _ => None,
    }
}

/// `titleFa` (from `data-title-fa`) is ("title", "fa"); `titlePtBr` is
/// ("title", "pt-BR").
fn split_localized_key(key: &str) -> Option<(&'static str, String)> {
    let base = OWNER_TEXT_KEYS.iter().find(|k| key.len() > k.len() && key.starts_with(*k))?;
    let rest = &key[base.len()..];
    if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let mut parts: Vec<String> = vec![];
    for c in rest.chars() {
        if c.is_ascii_uppercase() || parts.is_empty() {
            parts.push(String::new());
        }
        parts.last_mut()?.push(c.to_ascii_lowercase());
    }
    let tag = parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i > 0 && p.len() == 2 { p.to_ascii_uppercase() } else { p.clone() })
        .collect::<Vec<_>>()
        .join("-");
    Some((base, tag))
}

fn apply(config: &mut Config, key: &str, value: &Value) -> Result<(), String> {
    if let Some((base, tag)) = split_localized_key(key) {
        let tag = language_tag(&Value::Str(tag))?;
        let text = owner_text(value)?;
        if let Some(field) = owner_text_field(config, base) {
            field.set(Some(tag), text);
        }
        return Ok(());
    }
    match key {
        "title" | "subtitle" => {
            let field = owner_text_field(config, key).ok_or("unknown owner text")?;
            match value {
                // { "en": "Help", "fa": "راهنما" }: one text per language.
                Value::Obj(map) => {
                    let mut bad = vec![];
                    for (tag, text) in map {
                        match (language_tag(&Value::Str(tag.clone())), owner_text(text)) {
                            (Ok(tag), Ok(text)) => field.set(Some(tag), text),
                            _ => bad.push(tag.clone()),
                        }
                    }
                    if !bad.is_empty() {
                        return Err(format!(
                            "entries {} ignored: keys must be language tags and values strings",
                            bad.iter().map(|b| format!("\"{b}\"")).collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
                other => field.set(None, owner_text(other)?),
            }
        }
        "locale" => config.locale = Some(language_tag(value)?),
        "position" => {
            config.position = match as_str(value)?.trim().to_ascii_lowercase().as_str() {
                "end" => Position::End,
                "start" => Position::Start,
                "right" => Position::Right,
                "left" => Position::Left,
                other => {
                    return Err(format!(
                        "expected \"end\", \"start\", \"right\" or \"left\", got \"{other}\"; using \"end\""
                    ))
                }
            }
        }
        "transport" => {
            config.transport = match as_str(value)?.trim().to_ascii_lowercase().as_str() {
                "ws" | "websocket" => TransportKind::WebSocket,
                "sse" => TransportKind::Sse,
                "js" => TransportKind::JsBridge,
                "echo" => TransportKind::Echo,
                other => return Err(format!("unknown transport \"{other}\" (known: ws, sse, js, echo); using \"ws\"")),
            }
        }
        "endpoint" => config.endpoint = Some(endpoint(value)?),
        "heartbeat" => {
            let secs = match value {
                Value::Num(n) | Value::Str(n) => whole_seconds(n),
                _ => None,
            };
            match secs {
                Some(s) if (1..=300).contains(&s) => config.heartbeat_secs = s,
                _ => return Err(format!("expected seconds between 1 and 300; using {DEFAULT_HEARTBEAT_SECS}")),
            }
        }
        // The bridge object itself is read by the glue (it holds functions,
        // which do not survive the JSON this parser sees).
        "bridge" => {}
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

/// `25`, `"25"` or `25.5` as whole seconds (the fraction is dropped), read
/// without floating point.
fn whole_seconds(text: &str) -> Option<u32> {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    Some(whole.parse::<u32>().unwrap_or(u32::MAX))
}

fn as_str(value: &Value) -> Result<&str, String> {
    value.as_str().ok_or_else(|| format!("expected a string, got {}", kind(value)))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Num(_) => "a number",
        Value::Str(_) => "a string",
        Value::Arr(_) => "a list",
        Value::Obj(_) => "an object",
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
        Value::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
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

    /// Owner settings written with `json!`, read the way the glue reads them.
    fn settings(v: serde_json::Value) -> RawSettings {
        match Value::parse(&v.to_string()) {
            Ok(Value::Obj(members)) => members,
            _ => RawSettings::default(),
        }
    }

    fn data(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
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
        assert_eq!(config.title, OwnerText::plain("Help desk"));
        assert_eq!(config.position, Position::Left);
        assert!(config.open);
        assert_eq!(config.locale.as_deref(), Some("fa-IR"));
    }

    #[test]
    fn settings_override_data_attributes() {
        let (config, _) = parse_config(
            &data(&[("title", "From tag"), ("open", "true")]),
            &settings(json!({"title": "From settings", "open": false})),
        );
        assert_eq!(config.title, OwnerText::plain("From settings"));
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
        assert_eq!(config.title, OwnerText::plain("Hi there"));
        assert_eq!(config.subtitle.any.as_ref().map(|s| s.chars().count()), Some(MAX_OWNER_TEXT_CHARS));
    }

    #[test]
    fn blank_owner_text_means_default() {
        let (config, warnings) = parse_config(&data(&[("title", "   ")]), &RawSettings::default());
        assert!(warnings.is_empty());
        assert!(config.title.is_empty());
    }

    #[test]
    fn markup_in_owner_text_is_kept_as_text() {
        // Rendering escapes it; parsing must not "sanitize" it into something else.
        let (config, _) = parse_config(&data(&[("title", "<img src=x onerror=alert(1)>")]), &RawSettings::default());
        assert_eq!(config.title, OwnerText::plain("<img src=x onerror=alert(1)>"));
    }

    #[test]
    fn owner_texts_per_locale_from_settings_and_data_attributes() {
        let (config, warnings) = parse_config(
            &data(&[("title", "Help"), ("titleFa", "راهنما"), ("titlePtBr", "Ajuda")]),
            &settings(json!({"subtitle": {"en": "We reply fast", "ar": "نرد بسرعة", "!!": "x"}})),
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("\"!!\""));
        assert_eq!(config.title.resolve("fa"), Some("راهنما"));
        assert_eq!(config.title.resolve("pt-BR"), Some("Ajuda"));
        assert_eq!(config.title.resolve("de"), Some("Help"), "the plain text serves other languages");
        assert_eq!(config.subtitle.resolve("ar"), Some("نرد بسرعة"));
        assert_eq!(config.subtitle.resolve("zh-CN"), Some("We reply fast"), "then the owner's English");
        assert_eq!(OwnerText::default().resolve("fa"), None, "then Salam's own default");
    }

    #[test]
    fn localized_key_names_split_into_base_and_tag() {
        assert_eq!(split_localized_key("titleFa"), Some(("title", "fa".to_string())));
        assert_eq!(split_localized_key("subtitleZhCn"), Some(("subtitle", "zh-CN".to_string())));
        assert_eq!(split_localized_key("title"), None);
        assert_eq!(split_localized_key("titlex"), None);
    }

    #[test]
    fn foreign_attributes_are_ignored_silently() {
        let (_, warnings) = parse_config(&data(&[("cfasync", "false")]), &RawSettings::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn api_urls_follow_the_endpoint_or_the_bundle() {
        let u = api_urls(None, "https://cdn.example.com/salam/");
        assert_eq!(u.ws, "wss://cdn.example.com/api/v1/ws");
        assert_eq!(u.events, "https://cdn.example.com/api/v1/events");
        assert_eq!(u.frames, "https://cdn.example.com/api/v1/frames");
        let u = api_urls(Some("http://127.0.0.1:8080/support/"), "https://cdn.example.com/salam/");
        assert_eq!(u.ws, "ws://127.0.0.1:8080/support/api/v1/ws");
        let u = api_urls(Some("/chat"), "http://localhost:3000/salam/");
        assert_eq!(u.events, "http://localhost:3000/chat/api/v1/events");
        let u = api_urls(Some("wss://x.example?a=1"), "http://localhost/");
        assert_eq!(
            (u.ws.as_str(), u.frames.as_str()),
            ("wss://x.example/api/v1/ws", "https://x.example/api/v1/frames")
        );
    }

    #[test]
    fn transports_and_heartbeat_parse() {
        let (c, w) = parse_config(&data(&[("transport", "SSE"), ("heartbeat", "5")]), &RawSettings::default());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!((c.transport, c.heartbeat_secs), (TransportKind::Sse, 5));
        let (c, w) = parse_config(&data(&[("heartbeat", "0")]), &settings(json!({"transport": "js", "bridge": {}})));
        assert_eq!(w.len(), 1);
        assert_eq!((c.transport, c.heartbeat_secs), (TransportKind::JsBridge, DEFAULT_HEARTBEAT_SECS));
        assert_eq!(Config::default().transport, TransportKind::WebSocket);
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
