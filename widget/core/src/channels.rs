//! Other channels (`channels` setting): buttons that take the visitor to
//! the team elsewhere (WhatsApp, Telegram, e-mail, phone, or any https
//! page), shown in the panel and while the team is away. Each link is
//! built here from the owner's value, and only as one of these schemes,
//! so a setting can never make a `javascript:` or `data:` link.

use crate::config::OwnerText;
use serde::{Deserialize, Serialize};

/// Where a channel button goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// `https://wa.me/<number>`, from a phone number in international form.
    Whatsapp,
    /// `https://t.me/<username>`.
    Telegram,
    /// `mailto:<address>`.
    Email,
    /// `tel:<number>`.
    Phone,
    /// Any `https://` address.
    Link,
}

/// One channel as the owner sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Which kind.
    #[serde(rename = "type")]
    pub kind: ChannelKind,
    /// The number, user name, address or URL.
    pub value: String,
    /// The button's text; the widget's own ("WhatsApp", "E-mail", ...) when absent.
    #[serde(default)]
    pub label: OwnerText,
}

impl ChannelKind {
    /// The locale message id of the default label.
    pub fn message(self) -> &'static str {
        match self {
            ChannelKind::Whatsapp => "channel-whatsapp",
            ChannelKind::Telegram => "channel-telegram",
            ChannelKind::Email => "channel-email",
            ChannelKind::Phone => "channel-phone",
            ChannelKind::Link => "channel-link",
        }
    }
}

/// The link for `value`, or why there is none.
pub fn href(kind: ChannelKind, value: &str) -> Result<String, String> {
    let value = value.trim();
    // "+98 912 345-6789", "(021) 1234": digits, with an optional leading +.
    let phone = |v: &str| -> Option<String> {
        let plus = v.starts_with('+');
        let digits: String = v.chars().filter(char::is_ascii_digit).collect();
        let allowed = v.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        (allowed && (4..=15).contains(&digits.len())).then(|| if plus { format!("+{digits}") } else { digits })
    };
    match kind {
        ChannelKind::Whatsapp => phone(value)
            .map(|n| format!("https://wa.me/{}", n.trim_start_matches('+')))
            .ok_or_else(|| format!("\"{value}\" is not a phone number in international form")),
        ChannelKind::Phone => {
            phone(value).map(|n| format!("tel:{n}")).ok_or_else(|| format!("\"{value}\" is not a phone number"))
        }
        ChannelKind::Telegram => {
            let name = value.trim_start_matches('@');
            let ok = (5..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            ok.then(|| format!("https://t.me/{name}")).ok_or_else(|| format!("\"{value}\" is not a Telegram user name"))
        }
        ChannelKind::Email => (crate::prechat::looks_like_email(value) && !value.contains(['?', '&', '#', '/', ':']))
            .then(|| format!("mailto:{value}"))
            .ok_or_else(|| format!("\"{value}\" is not an e-mail address")),
        ChannelKind::Link => {
            let rest = value.strip_prefix("https://").filter(|r| !r.is_empty() && !r.starts_with('/'));
            let clean = !value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
            (rest.is_some() && clean)
                .then(|| value.to_string())
                .ok_or_else(|| format!("\"{value}\" is not an https:// address"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_builds_its_own_link_and_nothing_else() {
        use ChannelKind::*;
        assert_eq!(href(Whatsapp, "+98 912 345-6789").unwrap(), "https://wa.me/989123456789");
        assert_eq!(href(Phone, "+1 (555) 010-9999").unwrap(), "tel:+15550109999");
        assert_eq!(href(Telegram, "@salam_support").unwrap(), "https://t.me/salam_support");
        assert_eq!(href(Email, "help@shop.example").unwrap(), "mailto:help@shop.example");
        assert_eq!(href(Link, "https://shop.example/contact?x=1").unwrap(), "https://shop.example/contact?x=1");
        for (kind, bad) in [
            (Link, "javascript:alert(1)"),
            (Link, "data:text/html,<script>alert(1)</script>"),
            (Link, "http://shop.example"),
            (Link, "https://"),
            (Link, "https:///evil"),
            (Link, "https://a.example/\" onclick=\"x"),
            (Whatsapp, "javascript:alert(1)"),
            (Whatsapp, "12"),
            (Phone, "+1 555 CALL NOW"),
            (Telegram, "bad name!"),
            (Telegram, "https://t.me/x"),
            (Email, "javascript:alert(1)//@x.co"),
            (Email, "a@b.co?subject=x"),
            (Email, "not an address"),
        ] {
            assert!(href(kind, bad).is_err(), "{kind:?} {bad}");
        }
    }
}
