//! "Leave a message": the ticket form the visitor fills in when nobody can
//! answer now (or whenever they prefer e-mail), and what the server's
//! answers to it mean. The server makes a ticket with a short reference
//! ("#1042"), e-mails an acknowledgement, and e-mails the team's replies.

use crate::config::OwnerText;
use crate::prechat::{Answers, Field, FieldKind};
use serde::{Deserialize, Serialize};

/// Longest subject kept, in characters.
pub const MAX_SUBJECT_CHARS: usize = 200;

/// The form's fields: name and e-mail (filled in when known), an optional
/// subject, and the message.
pub fn fields() -> Vec<Field> {
    [
        ("name", FieldKind::Text, true),
        ("email", FieldKind::Email, true),
        ("subject", FieldKind::Text, false),
        ("message", FieldKind::Textarea, true),
    ]
    .into_iter()
    .map(|(id, kind, required)| Field { id: id.into(), kind, label: OwnerText::default(), required, options: vec![] })
    .collect()
}

/// The "e-mail me this conversation" form's one field: the address
/// (filled in when known).
pub fn transcript_fields() -> Vec<Field> {
    vec![Field {
        id: "email".into(),
        kind: FieldKind::Email,
        label: OwnerText::default(),
        required: true,
        options: vec![],
    }]
}

/// The ticket form's part of the widget's state; stored, so nothing typed
/// is lost on a reload, and a sent ticket is sent again until the server
/// has it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ticket {
    /// What the visitor typed, by field id.
    pub draft: Answers,
    /// Once sent: its client id, until the server acknowledges it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sending: Option<String>,
    /// The last ticket the server acknowledged: its reference...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<u64>,
    /// ...and the address its answer goes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The files attached to it: uploading, uploaded (stored: they survive
    /// a reload) or failed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<TicketFile>,
}

/// A file attached to the ticket form. It uploads as soon as it is
/// picked; the ticket goes once every file has.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketFile {
    /// The upload's client id.
    pub client_id: String,
    /// Its name, as picked.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Bytes uploaded so far.
    #[serde(skip)]
    pub sent: u64,
    /// The file as the server stored it, once uploaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<crate::protocol::Attachment>,
    /// Why its upload failed (a locale message id).
    #[serde(skip)]
    pub failed: Option<&'static str>,
}

impl Ticket {
    /// Every file is uploaded (the ticket may go).
    pub fn ready(&self) -> bool {
        self.files.iter().all(|f| f.file.is_some())
    }

    /// The file with this upload id.
    pub fn file(&mut self, client_id: &str) -> Option<&mut TicketFile> {
        self.files.iter_mut().find(|f| f.client_id == client_id)
    }
}

/// The field a server refusal is about, and the locale message the form
/// shows under it.
pub fn refusal(code: &str) -> (&'static str, &'static str) {
    match code {
        "invalid_email" => ("email", "prechat-email-invalid"),
        "no_mail" => ("email", "transcript-failed"),
        "empty" => ("message", "prechat-required"),
        "too_long" => ("message", "ticket-too-long"),
        "bad_attachment" => ("files", "ticket-files-failed"),
        _ => ("message", "ticket-failed"),
    }
}
