//! Site-owner configuration: one pure function from raw inputs to a typed
//! [`Config`].
//!
//! Two sources, merged key by key:
//! 1. `data-*` attributes on the `<script>` tag, as the browser's `dataset`
//!    names them (`data-title` is `title`, `data-launcher-label` would be
//!    `launcherLabel`); values are strings.
//! 2. `window.salamSettings`, a plain object set before the tag; each of
//!    its values is read on its own, as JSON. It wins over `data-*`,
//!    because it is the more deliberate, per-page setting.
//!
//! [`Config`] is a serde type: each setting's type says how it is read
//! (`heartbeat` takes `25` or `"25"`, `position` is case-insensitive), and
//! the same type reads a whole settings object strictly. Reading the page's
//! settings is lenient, key by key: an unknown key or a bad value is
//! skipped, the default stays, and exactly one [`ConfigWarning`] names the
//! key, so a typo costs the owner one console line rather than a broken
//! widget, and never costs another setting.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// `window.salamSettings`: its keys in order, each value as JSON text (the
/// glue reads every key on its own, so one unreadable value loses only
/// itself). Each is read from its text with `from_slice`, the reader every
/// frame goes through: a `serde_json::Value` tree and its own reader for
/// every setting's type would add about 7 KB to the bundle.
pub type RawSettings = Vec<(String, Box<RawValue>)>;

/// What a JSON value is, by its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Json {
    Null,
    Bool,
    Number,
    String,
    List,
    Object,
}

impl Json {
    fn of(raw: &RawValue) -> Json {
        match raw.get().trim_start().as_bytes().first() {
            Some(b'n') => Json::Null,
            Some(b't' | b'f') => Json::Bool,
            Some(b'"') => Json::String,
            Some(b'[') => Json::List,
            Some(b'{') => Json::Object,
            _ => Json::Number,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool => "a boolean",
            Json::Number => "a number",
            Json::String => "a string",
            Json::List => "a list",
            Json::Object => "an object",
        }
    }
}

/// An object's members in order, each value as JSON text.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = vec![];
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Longest owner text we accept (title, subtitle); longer is cut, with a warning.
pub const MAX_OWNER_TEXT_CHARS: usize = 120;

/// Which bottom corner the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
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

    /// Every position, for tools that must know them all (the loader).
    pub const ALL: [Position; 4] = [Position::End, Position::Start, Position::Right, Position::Left];
}

impl TryFrom<String> for Position {
    type Error = String;

    /// Trimmed and case-insensitive: `"Left"` is `left`.
    fn try_from(value: String) -> Result<Self, String> {
        let wanted = value.trim().to_ascii_lowercase();
        Position::ALL.into_iter().find(|p| p.as_str() == wanted).ok_or_else(|| {
            format!("expected \"end\", \"start\", \"right\" or \"left\", got \"{}\"; using \"end\"", value.trim())
        })
    }
}

/// Text the owner configures, optionally per language:
/// `"Help"` or `{ "en": "Help", "fa": "راهنما" }`.
///
/// As JSON it is that string, or that object; in an object, the key `*`
/// holds the text for any language.
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

    /// Reads a string or a per-language object, keeping every good entry;
    /// the keys of the bad ones come back too.
    fn read(value: &RawValue) -> Result<(OwnerText, Vec<String>), String> {
        let mut text = OwnerText::default();
        if Json::of(value) != Json::Object {
            text.set(None, owner_text(value)?);
            return Ok((text, vec![]));
        }
        let mut bad = vec![];
        for (tag, entry) in read::<Members>(value)?.0 {
            let locale = if tag == "*" { Ok(None) } else { language_tag(&tag).map(Some) };
            match (locale, owner_text(&entry)) {
                (Ok(locale), Ok(entry)) => text.set(locale, entry),
                _ => bad.push(tag),
            }
        }
        Ok((text, bad))
    }
}

impl Serialize for OwnerText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match (&self.any, self.by_locale.is_empty()) {
            (Some(any), true) => s.serialize_str(any),
            _ => {
                let mut map = s.serialize_map(Some(self.by_locale.len() + usize::from(self.any.is_some())))?;
                if let Some(any) = &self.any {
                    map.serialize_entry("*", any)?;
                }
                for (tag, text) in &self.by_locale {
                    map.serialize_entry(tag, text)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for OwnerText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match OwnerText::read(&Box::<RawValue>::deserialize(d)?).map_err(D::Error::custom)? {
            (text, bad) if bad.is_empty() => Ok(text),
            (_, bad) => Err(D::Error::custom(bad_entries(&bad))),
        }
    }
}

fn bad_entries(bad: &[String]) -> String {
    format!(
        "entries {} ignored: keys must be language tags and values strings",
        bad.iter().map(|b| format!("\"{b}\"")).collect::<Vec<_>>().join(", ")
    )
}

/// Which [`crate::transport::Transport`] the widget talks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub enum TransportKind {
    /// WebSocket to `{endpoint}/api/v1/ws`.
    #[default]
    #[serde(rename = "ws")]
    WebSocket,
    /// HTTP POST to `{endpoint}/api/v1/frames` and Server-Sent Events from
    /// `{endpoint}/api/v1/events`, for networks that block WebSockets.
    #[serde(rename = "sse")]
    Sse,
    /// The site's own JavaScript object (`salamSettings.bridge`).
    #[serde(rename = "js")]
    JsBridge,
    /// In-page echo bot: converses with no server at all (previews, tests).
    #[serde(rename = "echo")]
    Echo,
}

impl TryFrom<String> for TransportKind {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "ws" | "websocket" => Ok(TransportKind::WebSocket),
            "sse" => Ok(TransportKind::Sse),
            "js" => Ok(TransportKind::JsBridge),
            "echo" => Ok(TransportKind::Echo),
            other => Err(format!("unknown transport \"{other}\" (known: ws, sse, js, echo); using \"ws\"")),
        }
    }
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
    /// The HTTP API's base (`.../api/v1`): attachments' relative URLs are
    /// resolved against it.
    pub http: String,
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
        http,
    }
}

/// The typed configuration of one widget; as JSON, the settings object
/// (`{"title": "Help", "position": "left", "heartbeat": 10}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Panel title; empty uses the localized default.
    #[serde(skip_serializing_if = "OwnerText::is_empty")]
    pub title: OwnerText,
    /// Line under the title; empty uses the localized default.
    #[serde(skip_serializing_if = "OwnerText::is_empty")]
    pub subtitle: OwnerText,
    /// Explicit language tag (BCP 47); `None` negotiates from the browser.
    #[serde(deserialize_with = "some_language_tag", skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Launcher corner.
    pub position: Position,
    /// Transport to use.
    pub transport: TransportKind,
    /// Server base URL for network transports; `None` is the server that
    /// served the bundle.
    #[serde(deserialize_with = "some_endpoint", skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// WebSocket heartbeat interval, seconds (a half-open socket is noticed
    /// within about twice this).
    #[serde(rename = "heartbeat", deserialize_with = "heartbeat")]
    pub heartbeat_secs: u32,
    /// Open the panel as soon as the widget starts.
    #[serde(deserialize_with = "flag")]
    pub open: bool,
    /// Play a short sound when a reply arrives while the panel is closed.
    /// Off unless the owner turns it on.
    #[serde(deserialize_with = "flag")]
    pub sound: bool,
    /// The pre-chat form's fields (see [`crate::prechat`]); none: no form.
    #[serde(deserialize_with = "prechat_setting", skip_serializing_if = "Vec::is_empty")]
    pub prechat: Vec<crate::prechat::Field>,
    /// Proactive greetings (see [`crate::greeting`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub greetings: Vec<crate::greeting::GreetingRule>,
    /// Other ways to reach the team (see [`crate::channels`]): each with
    /// its link, already checked.
    #[serde(skip)]
    pub channels: Vec<(crate::channels::Channel, String)>,
    /// How the visitor rates a chat that ended (see [`crate::ending`]);
    /// `None`: no rating.
    #[serde(skip)]
    pub rating: Option<crate::ending::Scale>,
    /// Which files the visitor may send (see [`crate::attach`]); `None`:
    /// no attachments.
    #[serde(skip)]
    pub attachments: Option<crate::attach::Policy>,
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
            sound: false,
            greetings: vec![],
            prechat: vec![],
            channels: vec![],
            rating: Some(crate::ending::Scale::Stars),
            attachments: Some(crate::attach::Policy::default()),
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
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "locale",
    "position",
    "transport",
    "endpoint",
    "heartbeat",
    "bridge",
    "open",
    "sound",
    "greetings",
    "prechat",
    "channels",
    "rating",
    "attachments",
];

/// Merges `data-*` attributes and `salamSettings` into a [`Config`].
///
/// Returns the config and one warning per key that was ignored.
pub fn parse_config(data: &[(String, String)], settings: &RawSettings) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut warnings: Vec<ConfigWarning> = Vec::new();
    let sources = data
        .iter()
        .filter_map(|(k, v)| Some((k.as_str(), serde_json::value::to_raw_value(v).ok()?)))
        .chain(settings.iter().map(|(k, v)| (k.as_str(), v.clone())));
    for (key, value) in sources {
        if FOREIGN_KEYS.contains(&key) {
            continue;
        }
        if let Err(message) = apply(&mut config, key, &value) {
            warn_once(&mut warnings, key, message);
        }
    }
    (config, warnings)
}

/// One warning per key, even if both sources got it wrong.
pub fn warn_once(warnings: &mut Vec<ConfigWarning>, key: &str, message: String) {
    if !warnings.iter().any(|w| w.key == key) {
        warnings.push(ConfigWarning { key: key.to_string(), message });
    }
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

fn prechat_setting<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<crate::prechat::Field>, D::Error> {
    crate::prechat::read_fields(&Box::<RawValue>::deserialize(d)?).map_err(D::Error::custom)
}

/// A setting's value read with its type's serde rules; the error is
/// serde's, which names what was expected.
pub(crate) fn read<T: serde::de::DeserializeOwned>(value: &RawValue) -> Result<T, String> {
    serde_json::from_slice(value.get().as_bytes()).map_err(|e| {
        // A setting is one value: its line and column say nothing.
        let text = e.to_string();
        match text.rsplit_once(" at line ") {
            Some((message, _)) => message.to_string(),
            None => text,
        }
    })
}

fn apply(config: &mut Config, key: &str, value: &RawValue) -> Result<(), String> {
    if let Some((base, tag)) = split_localized_key(key) {
        let tag = language_tag(&tag)?;
        let text = owner_text(value)?;
        if let Some(field) = owner_text_field(config, base) {
            field.set(Some(tag), text);
        }
        return Ok(());
    }
    match key {
        "title" | "subtitle" => {
            let field = owner_text_field(config, key).ok_or("unknown owner text")?;
            match Json::of(value) {
                // { "en": "Help", "fa": "راهنما" }: one text per language;
                // each good entry is kept, the bad ones are named.
                Json::Object => {
                    let (text, bad) = OwnerText::read(value)?;
                    if text.any.is_some() {
                        field.any = text.any;
                    }
                    for (tag, entry) in text.by_locale {
                        field.set(Some(tag), Some(entry));
                    }
                    if !bad.is_empty() {
                        return Err(bad_entries(&bad));
                    }
                }
                _ => field.set(None, owner_text(value)?),
            }
        }
        "locale" => config.locale = Some(language_tag(&read::<String>(value)?)?),
        "position" => config.position = read(value)?,
        "transport" => config.transport = read(value)?,
        "endpoint" => config.endpoint = Some(endpoint(&read::<String>(value)?)?),
        "heartbeat" => config.heartbeat_secs = heartbeat_of(value)?,
        // The bridge object itself is read by the glue (it holds functions,
        // which do not survive JSON).
        "bridge" => {}
        "open" => config.open = flag_of(value)?,
        "sound" => config.sound = flag_of(value)?,
        "prechat" => config.prechat = crate::prechat::read_fields(value)?,
        "rating" => {
            config.rating = match Json::of(value) {
                Json::Bool if !read::<bool>(value)? => None,
                _ => crate::ending::Scale::parse(&read::<String>(value)?)?,
            }
        }
        // Each rule on its own: a bad one is named, the good ones stay.
        "attachments" => config.attachments = attachments(value)?,
        // Each channel on its own: a bad one is named, the good ones stay.
        "channels" => {
            if Json::of(value) != Json::List {
                return Err(format!("expected a list of channels, got {}", Json::of(value).name()));
            }
            let mut bad = vec![];
            for (i, channel) in read::<Vec<Box<RawValue>>>(value)?.into_iter().enumerate() {
                let read = read::<crate::channels::Channel>(&channel);
                match read.and_then(|c| crate::channels::href(c.kind, &c.value).map(|href| (c, href))) {
                    Ok(channel) => config.channels.push(channel),
                    Err(e) => bad.push(format!("channel {i}: {e}")),
                }
            }
            if !bad.is_empty() {
                return Err(bad.join("; "));
            }
        }
        "greetings" => {
            if Json::of(value) != Json::List {
                return Err(format!("expected a list of rules, got {}", Json::of(value).name()));
            }
            let mut bad = vec![];
            for (i, rule) in read::<Vec<Box<RawValue>>>(value)?.into_iter().enumerate() {
                match read::<crate::greeting::GreetingRule>(&rule) {
                    Ok(rule) if !rule.id.trim().is_empty() => config.greetings.push(rule),
                    Ok(_) => bad.push(format!("rule {i}: an empty id")),
                    Err(e) => bad.push(format!("rule {i}: {e}")),
                }
            }
            if !bad.is_empty() {
                return Err(bad.join("; "));
            }
        }
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

/// The heartbeat: seconds between 1 and 300, as a number or a string.
fn heartbeat_of(value: &RawValue) -> Result<u32, String> {
    let secs = match Json::of(value) {
        Json::Number => whole_seconds(value.get()),
        Json::String => whole_seconds(&read::<String>(value)?),
        _ => None,
    };
    secs.filter(|s| (1..=300).contains(s))
        .ok_or_else(|| format!("expected seconds between 1 and 300; using {DEFAULT_HEARTBEAT_SECS}"))
}

fn heartbeat<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    heartbeat_of(&Box::<RawValue>::deserialize(d)?).map_err(D::Error::custom)
}

/// A yes or no: `true`/`false`, or as an attribute's text (`data-open` with
/// no value means yes, as for HTML boolean attributes).
fn flag_of(value: &RawValue) -> Result<bool, String> {
    match Json::of(value) {
        Json::Bool => read::<bool>(value),
        Json::String => match read::<String>(value)?.trim().to_ascii_lowercase().as_str() {
            "" | "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            other => Err(format!("expected true or false, got \"{other}\"; using false")),
        },
        other => Err(format!("expected true or false, got {}; using false", other.name())),
    }
}

fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    flag_of(&Box::<RawValue>::deserialize(d)?).map_err(D::Error::custom)
}

/// `false` (also `"false"`, `"no"`): none; `true`: the default; or
/// `{"types": ["image/*", "application/pdf"], "maxMb": 5}` (`types` may be
/// one comma-separated string).
fn attachments(value: &RawValue) -> Result<Option<crate::attach::Policy>, String> {
    let mut policy = crate::attach::Policy::default();
    match Json::of(value) {
        // As the other yes-or-no settings: `true`, `"false"`, `"no"`, ...
        Json::Bool | Json::String => return Ok(flag_of(value)?.then_some(policy)),
        Json::Object => {}
        other => return Err(format!("expected true, false or an object, got {}", other.name())),
    }
    for (key, v) in read::<Members>(value)?.0 {
        match (key.as_str(), Json::of(&v)) {
            ("types", Json::String) => {
                policy.types = read::<String>(&v)?.split(',').map(|t| t.trim().to_string()).collect()
            }
            ("types", _) => policy.types = read::<Vec<String>>(&v)?,
            // Whole megabytes: reading a fraction would add serde_json's
            // floating-point parser to the wasm for this one setting.
            ("maxMb", _) => match read::<u32>(&v) {
                Ok(mb @ 1..=1024) => policy.max_bytes = u64::from(mb) * 1024 * 1024,
                _ => return Err("maxMb must be a whole number from 1 to 1024".into()),
            },
            (other, _) => return Err(format!("\"{other}\" is not types (a list of media types) or maxMb (1 to 1024)")),
        }
    }
    if policy.types.iter().any(|t| !t.contains('/')) {
        return Err("types must be media types such as image/png or image/*".into());
    }
    Ok(Some(policy))
}

fn some_language_tag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    language_tag(&String::deserialize(d)?).map(Some).map_err(D::Error::custom)
}

fn some_endpoint<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    endpoint(&String::deserialize(d)?).map(Some).map_err(D::Error::custom)
}

/// Owner text: trimmed, control characters removed, length capped. Empty
/// means "use the default". It is always rendered as text, never as HTML.
fn owner_text(value: &RawValue) -> Result<Option<String>, String> {
    if Json::of(value) != Json::String {
        return Err(format!("expected a string, got {}", Json::of(value).name()));
    }
    let raw = read::<String>(value)?;
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    if cleaned.is_empty() {
        return Ok(None);
    }
    // Cutting is better than dropping: the owner sees their text, shortened.
    Ok(Some(cleaned.chars().take(MAX_OWNER_TEXT_CHARS).collect()))
}

fn language_tag(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    raw.parse::<unic_langid::LanguageIdentifier>()
        .map(|id| id.to_string())
        .map_err(|_| format!("\"{raw}\" is not a language tag; negotiating from the browser instead"))
}

fn endpoint(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let allowed = ["http://", "https://", "ws://", "wss://", "/"];
    if allowed.iter().any(|p| lower.starts_with(p)) && !lower.starts_with("//") {
        Ok(raw.to_string())
    } else {
        Err(format!("\"{raw}\" is not an http(s) or ws(s) URL or an absolute path; ignored"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Owner settings written with `json!`, read the way the glue reads them.
    fn settings(v: serde_json::Value) -> RawSettings {
        match v {
            serde_json::Value::Object(members) => {
                members.into_iter().map(|(k, v)| (k, serde_json::value::to_raw_value(&v).unwrap())).collect()
            }
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
            &data(&[("position", "top"), ("open", "maybe"), ("transport", "carrier-pigeon"), ("rating", "hearts")]),
            &settings(json!({"title": 42, "endpoint": "javascript:alert(1)", "locale": "!!"})),
        );
        assert_eq!(config, Config::default());
        let mut keys: Vec<&str> = warnings.iter().map(|w| w.key.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["endpoint", "locale", "open", "position", "rating", "title", "transport"]);
    }

    #[test]
    fn the_rating_scale_is_stars_unless_the_owner_picks_another_or_none() {
        use crate::ending::Scale;
        assert_eq!(Config::default().rating, Some(Scale::Stars));
        let read = |v: serde_json::Value| parse_config(&[], &settings(json!({ "rating": v })));
        assert_eq!(read(json!("faces")).0.rating, Some(Scale::Faces));
        assert_eq!(read(json!("off")).0.rating, None);
        assert_eq!(read(json!(false)).0.rating, None);
        assert_eq!(parse_config(&data(&[("rating", "thumbs")]), &RawSettings::default()).0.rating, Some(Scale::Thumbs));
        let (config, warnings) = read(json!(5));
        assert_eq!((config.rating, warnings.len()), (Some(Scale::Stars), 1));
    }

    #[test]
    fn attachments_are_on_by_default_and_the_owner_narrows_or_turns_them_off() {
        use crate::attach::Policy;
        assert_eq!(Config::default().attachments, Some(Policy::default()));
        let read = |v: serde_json::Value| parse_config(&[], &settings(json!({ "attachments": v })));
        assert_eq!(read(json!(false)).0.attachments, None);
        let narrow = read(json!({"types": ["image/*"], "maxMb": 2})).0.attachments.unwrap();
        assert_eq!((narrow.types, narrow.max_bytes), (vec!["image/*".to_string()], 2 * 1024 * 1024));
        let one_string = read(json!({"types": "image/png, application/pdf"})).0.attachments.unwrap();
        assert_eq!(one_string.types, ["image/png", "application/pdf"]);
        assert_eq!(parse_config(&data(&[("attachments", "false")]), &RawSettings::default()).0.attachments, None);
        assert_eq!(read(json!({"maxMb": 2.5})).1.len(), 1, "whole megabytes");
        // A bad value is named once and the default stays.
        let (config, warnings) = read(json!({"types": "exe", "maxMb": 2}));
        assert_eq!((config.attachments, warnings.len()), (Some(Policy::default()), 1));
        assert_eq!(read(json!({"maxMb": 0})).1.len(), 1);
        assert_eq!(read(json!({"size": 3})).1.len(), 1);
    }

    #[test]
    fn channels_keep_the_good_ones_and_name_the_bad() {
        let (config, warnings) = parse_config(
            &[],
            &settings(json!({"channels": [
                {"type": "whatsapp", "value": "+98 912 345 6789"},
                {"type": "link", "value": "javascript:alert(1)"},
                {"type": "email", "value": "help@shop.example", "label": {"en": "Write to us", "fa": "ایمیل بزنید"}},
                {"type": "fax", "value": "123"},
            ]})),
        );
        let links: Vec<&str> = config.channels.iter().map(|(_, href)| href.as_str()).collect();
        assert_eq!(links, ["https://wa.me/989123456789", "mailto:help@shop.example"]);
        assert_eq!(config.channels[1].0.label.resolve("fa"), Some("ایمیل بزنید"));
        assert_eq!(warnings.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(), ["channels"]);
        assert!(
            warnings[0].message.contains("channel 1") && warnings[0].message.contains("channel 3"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn the_prechat_form_from_settings() {
        let (config, warnings) = parse_config(&[], &settings(json!({"prechat": true, "title": "Help"})));
        assert!(warnings.is_empty());
        assert_eq!(config.prechat, crate::prechat::default_fields());
        let (config, warnings) = parse_config(
            &[],
            &settings(json!({"prechat": {"fields": [{"id": "a", "type": "date"}]}, "title": "Help"})),
        );
        assert_eq!(warnings.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(), ["prechat"]);
        assert!(warnings[0].message.contains("date"), "{}", warnings[0].message);
        assert!(config.prechat.is_empty() && config.title.resolve("en") == Some("Help"), "no form, the rest kept");
    }

    #[test]
    fn a_bad_value_costs_only_its_own_setting() {
        let (config, warnings) = parse_config(
            &[],
            &settings(json!({
                "title": "Help \u{FFFD}",
                "position": {"corner": "left"},
                "transport": "sse",
                "endpoint": "https://chat.example.com",
                "heartbeat": 10,
            })),
        );
        assert_eq!(warnings.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(), ["position"]);
        assert_eq!(config.title.resolve("en"), Some("Help \u{FFFD}"), "a replaced lone surrogate is still text");
        assert_eq!(config.transport, TransportKind::Sse);
        assert_eq!(config.endpoint.as_deref(), Some("https://chat.example.com"));
        assert_eq!(config.heartbeat_secs, 10);
        assert_eq!(config.position, Position::End);
    }

    #[test]
    fn the_config_is_a_serde_type_that_reads_what_it_writes() {
        let (config, warnings) = parse_config(
            &data(&[("title", "Help"), ("titleFa", "راهنما"), ("position", "Left"), ("heartbeat", "7"), ("open", "")]),
            &settings(json!({"transport": "WebSocket", "locale": "fa-IR", "sound": true})),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(
            json,
            json!({"title": {"*": "Help", "fa": "راهنما"}, "locale": "fa-IR", "position": "left", "transport": "ws",
                   "heartbeat": 7, "open": true, "sound": true})
        );
        assert_eq!(serde_json::from_str::<Config>(&json.to_string()).unwrap(), config);
        assert!(serde_json::from_str::<Config>(&json!({"position": "top"}).to_string()).is_err(), "strict as a whole");
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
