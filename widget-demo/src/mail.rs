//! E-mail: the acknowledgement a visitor gets for a ticket (in their
//! language), the team's notice of a new ticket, and the team's replies to
//! tickets. Built here, handed to a [`Notifier`] by a background task so no
//! handler waits on a mail server.
//!
//! Notifiers: [`LogNotifier`] (the demo's default: prints each mail) and
//! [`SmtpNotifier`] (`--smtp smtp://host:port`, built and sent by lettre).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use salam_core::protocol::{AuthorKind, ServerFrame};
use salam_core::transcript::Line;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// The shipped e-mail texts, by language tag (English first: the fallback).
const TEXTS: &[(&str, &str)] = crate::texts::shipped!("mail.ftl");

/// One e-mail, plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The recipient's address.
    pub to: String,
    /// Where a reply goes, if not the sender.
    pub reply_to: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The body, plain text.
    pub body: String,
}

/// What sends e-mail. Implementations are chosen by server flags.
pub trait Notifier: Send + Sync {
    /// Sends one mail; an error says why, for the log.
    fn send<'a>(&'a self, mail: &'a Mail) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;
}

/// Prints each mail to the server's output (the demo's notifier).
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn send<'a>(&'a self, mail: &'a Mail) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            println!("mail to {}: {}\n{}\n", mail.to, mail.subject, mail.body);
            Ok(())
        })
    }
}

/// Sends over SMTP with lettre.
pub struct SmtpNotifier {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpNotifier {
    /// A notifier for `url`, sending as `from` ("Support <help@example.com>"):
    /// - `smtp://[user:password@]host[:port]`: plain SMTP (port 25), as to a
    ///   local relay;
    /// - `smtp://…?tls=starttls`: the same, upgraded with STARTTLS, which
    ///   the server must offer (port 587 usually);
    /// - `smtps://…`: TLS from the first byte (port 465).
    ///
    /// With TLS the server's certificate must chain to the Mozilla roots or
    /// to `ca` (PEM, from `--smtp-ca`: a private relay's own authority).
    pub fn new(url: &str, from: &str, ca: Option<&[u8]>) -> Result<Self, String> {
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        let bad = |why: &str| {
            format!("--smtp {url}: {why} (expected smtp://[USER:PASSWORD@]HOST[:PORT][?tls=starttls] or smtps://…)")
        };
        let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        let starttls = match parsed.query() {
            None => false,
            Some("tls=starttls") => true,
            Some(_) => return Err(bad("the only option is ?tls=starttls")),
        };
        let (implicit, port) = match parsed.scheme() {
            "smtp" => (false, 25),
            "smtps" if !starttls => (true, 465),
            _ => return Err(bad("smtp:// or smtps:// only")),
        };
        let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or_else(|| bad("no host"))?;
        let tls = if implicit || starttls {
            let mut params = TlsParameters::builder(host.trim_matches(['[', ']']).to_string());
            if let Some(pem) = ca {
                // lettre takes a file without any certificate as an empty list.
                if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
                    return Err("--smtp-ca: no PEM certificate in the file".into());
                }
                params =
                    params.add_root_certificate(Certificate::from_pem(pem).map_err(|e| format!("--smtp-ca: {e}"))?);
            }
            let params = params.build_rustls().map_err(|e| bad(&e.to_string()))?;
            if implicit {
                Tls::Wrapper(params)
            } else {
                Tls::Required(params)
            }
        } else {
            Tls::None
        };
        let mut builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(host)
            .port(parsed.port().unwrap_or(port))
            .tls(tls)
            .timeout(Some(Duration::from_secs(20)));
        if !parsed.username().is_empty() {
            let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
            let credentials = lettre::transport::smtp::authentication::Credentials::new(
                decode(parsed.username()),
                decode(parsed.password().unwrap_or("")),
            );
            builder = builder.credentials(credentials);
        }
        let transport = builder.build();
        let from = from.parse().map_err(|e| format!("--mail-from {from}: {e}"))?;
        Ok(Self { transport, from })
    }
}

impl Notifier for SmtpNotifier {
    fn send<'a>(&'a self, mail: &'a Mail) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            use lettre::AsyncTransport;
            let to = mail.to.parse().map_err(|e| format!("recipient {}: {e}", mail.to))?;
            let mut builder = lettre::Message::builder().from(self.from.clone()).to(to).subject(&mail.subject);
            if let Some(reply_to) = mail.reply_to.as_deref().and_then(|r| r.parse().ok()) {
                builder = builder.reply_to(reply_to);
            }
            let message = builder
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
                .map_err(|e| e.to_string())?;
            self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
        })
    }
}

/// Starts the task that hands mails to `notifier`, three tries each (after
/// 2 s and 10 s); returns where to put them. A mail that cannot be sent is
/// logged, never retried forever.
pub fn start(notifier: Arc<dyn Notifier>) -> mpsc::UnboundedSender<Mail> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Mail>();
    tokio::spawn(async move {
        while let Some(mail) = rx.recv().await {
            let notifier = notifier.clone();
            // One task per mail: a slow server does not hold the others.
            tokio::spawn(async move {
                for (attempt, wait) in [0u64, 2, 10].into_iter().enumerate() {
                    tokio::time::sleep(Duration::from_secs(wait)).await;
                    match notifier.send(&mail).await {
                        Ok(()) => return,
                        Err(e) => eprintln!("mail to {} ({}), try {}: {e}", mail.to, mail.subject, attempt + 1),
                    }
                }
            });
        }
    });
    tx
}

/// The e-mail texts in every shipped language.
pub struct Texts(Vec<(String, FluentBundle<FluentResource>)>);

impl Texts {
    /// Loads the shipped `mail.ftl` files.
    pub fn load() -> Result<Self, String> {
        TEXTS
            .iter()
            .map(|(tag, source)| Ok((tag.to_string(), crate::texts::bundle(tag, source, "mail.ftl")?)))
            .collect::<Result<Vec<_>, String>>()
            .map(Self)
    }

    fn format(&self, locale: &str, id: &str, args: &[(&str, &str)]) -> String {
        let (_, bundle) = crate::texts::pick(&self.0, locale, |(tag, _)| tag);
        let mut fluent = FluentArgs::new();
        for (k, v) in args {
            fluent.set(*k, v.to_string());
        }
        crate::texts::format(bundle, id, Some(&fluent))
    }

    /// The visitor's acknowledgement of ticket `reference`, in `locale`.
    pub fn acknowledgement(&self, locale: &str, t: &TicketMail<'_>) -> Mail {
        let args = t.args();
        Mail {
            to: t.email.to_string(),
            reply_to: None,
            subject: self.format(locale, "mail-ack-subject", &args),
            body: self.format(locale, "mail-ack-body", &args),
        }
    }

    /// The team's notice of a new ticket (in English: the console's language).
    pub fn team_notice(&self, team: &str, t: &TicketMail<'_>) -> Mail {
        let args = t.args();
        Mail {
            to: team.to_string(),
            reply_to: Some(t.email.to_string()),
            subject: self.format("en", "mail-team-subject", &args),
            body: self.format("en", "mail-team-body", &args),
        }
    }

    /// An agent's reply to a ticket, e-mailed to the visitor in `locale`.
    pub fn reply(&self, locale: &str, t: &TicketMail<'_>, agent: &str) -> Mail {
        let mut args = t.args();
        args.push(("agent", agent));
        Mail {
            to: t.email.to_string(),
            reply_to: None,
            subject: self.format(locale, "mail-reply-subject", &args),
            body: self.format(locale, "mail-reply-body", &args),
        }
    }
}

impl Texts {
    /// The conversation so far (its `message` frames), e-mailed to the
    /// visitor in `locale`: "e-mail me this conversation".
    pub fn transcript(&self, locale: &str, to: &str, messages: &[ServerFrame]) -> Mail {
        let (you, team) =
            (self.format(locale, "mail-transcript-you", &[]), self.format(locale, "mail-transcript-team", &[]));
        let lines: Vec<Line> = messages
            .iter()
            .filter_map(|frame| {
                let ServerFrame::Message { author, text, at, .. } = frame else { return None };
                let who = match (author.kind, &author.name) {
                    (AuthorKind::Visitor, _) => you.clone(),
                    (_, Some(name)) => name.clone(),
                    (_, None) => team.clone(),
                };
                let when = at
                    .and_then(|ms| jiff::Timestamp::from_millisecond(ms as i64).ok())
                    .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default();
                Some(Line { who, when, text: text.clone() })
            })
            .collect();
        let subject = self.format(locale, "mail-transcript-subject", &[]);
        let body = salam_core::transcript::text(&subject, &lines);
        Mail { to: to.to_string(), reply_to: None, subject, body }
    }
}

/// What a ticket's e-mails say.
pub struct TicketMail<'a> {
    /// "#1042".
    pub reference: String,
    /// The visitor's name.
    pub name: &'a str,
    /// The visitor's address.
    pub email: &'a str,
    /// The ticket's subject.
    pub subject: &'a str,
    /// The message (the visitor's, or the agent's reply).
    pub text: &'a str,
}

impl TicketMail<'_> {
    fn args(&self) -> Vec<(&str, &str)> {
        vec![
            ("reference", self.reference.as_str()),
            ("name", self.name),
            ("email", self.email),
            ("subject", self.subject),
            ("text", self.text),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket<'a>() -> TicketMail<'a> {
        TicketMail {
            reference: "#1042".into(),
            name: "Maryam",
            email: "maryam@example.com",
            subject: "Order 77",
            text: "It never came.",
        }
    }

    #[test]
    fn mails_are_in_the_visitors_language_with_the_reference() {
        let texts = Texts::load().unwrap();
        let en = texts.acknowledgement("en-GB", &ticket());
        assert_eq!(en.to, "maryam@example.com");
        assert!(en.subject.contains("#1042"), "{}", en.subject);
        assert!(en.body.contains("Maryam") && en.body.contains("It never came."), "{}", en.body);
        let fa = texts.acknowledgement("fa-IR", &ticket());
        assert!(fa.subject.contains("#1042") && fa.subject != en.subject, "{}", fa.subject);
        let team = texts.team_notice("team@example.com", &ticket());
        assert_eq!((team.to.as_str(), team.reply_to.as_deref()), ("team@example.com", Some("maryam@example.com")));
        assert!(team.subject.contains("#1042") && team.subject.contains("Order 77"), "{}", team.subject);
        let reply = texts.reply("ar", &ticket(), "Sara");
        assert!(reply.subject.contains("#1042") && reply.body.contains("Sara"), "{reply:?}");
    }

    #[test]
    fn the_smtp_flag_takes_plain_starttls_and_tls_urls() {
        let from = "Shop <help@shop.example>";
        for good in [
            "smtp://relay.internal:2525",
            "smtp://me%40shop.example:p%3Ass@relay.internal",
            "smtp://mail.example.com:587?tls=starttls",
            "smtps://me:secret@mail.example.com",
        ] {
            assert!(SmtpNotifier::new(good, from, None).is_ok(), "{good}");
        }
        for bad in
            ["http://relay.internal", "smtp://", "relay.internal:25", "smtp://r?tls=maybe", "smtps://r?tls=starttls"]
        {
            assert!(SmtpNotifier::new(bad, from, None).is_err(), "{bad}");
        }
        assert!(SmtpNotifier::new("smtp://relay.internal", "not an address", None).is_err());
        let ca = SmtpNotifier::new("smtps://r", from, Some(b"not a certificate")).err().unwrap_or_default();
        assert!(ca.contains("--smtp-ca"), "{ca}");
    }

    #[test]
    fn every_language_has_every_mail_text() {
        let english = crate::texts::assert_same_ids(TEXTS, "mail.ftl");
        assert!(english.len() >= 6);
        let texts = Texts::load().unwrap();
        for (tag, _) in TEXTS {
            for id in &english {
                let t = ticket();
                let mut args = t.args();
                args.push(("agent", "Sara"));
                let text = texts.format(tag, id, &args);
                assert!(!text.contains('{') && text != *id, "{tag} {id}: {text}");
            }
        }
    }
}
