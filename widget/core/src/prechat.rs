//! The pre-chat form (`prechat` setting): what the owner asks before the
//! first message, and the rules its answers must meet. The view keeps what
//! the visitor typed; [`validate`] says, per field, what is wrong.

use crate::config::OwnerText;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// What kind of input a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    #[default]
    Text,
    /// An e-mail address.
    Email,
    /// One of a list of options.
    Select,
    /// A box to tick ("I accept the terms").
    Checkbox,
    /// Several lines of text (up to [`crate::protocol::MAX_MESSAGE_CHARS`]).
    Textarea,
}

impl FieldKind {
    /// The longest answer kept, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            FieldKind::Textarea => crate::protocol::MAX_MESSAGE_CHARS,
            _ => MAX_ANSWER_CHARS,
        }
    }
}

/// One option of a select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOption {
    /// What is stored.
    pub value: String,
    /// What the visitor reads (one text, or one per language).
    pub label: OwnerText,
}

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Its key in the answers. `name` and `email` are the visitor's own:
    /// never asked again once known (from `Salam('identify')` or an
    /// earlier form).
    pub id: String,
    /// Text, e-mail, select or checkbox.
    #[serde(default, rename = "type")]
    pub kind: FieldKind,
    /// Its label; the widget's own for `name` and `email` when absent.
    #[serde(default)]
    pub label: OwnerText,
    /// Must be filled in (ticked, for a checkbox).
    #[serde(default)]
    pub required: bool,
    /// A select field's options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FieldOption>,
}

/// The `prechat` setting as an object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    fields: Vec<Field>,
}

/// The `prechat` setting: `true` (name and e-mail, [`default_fields`]),
/// `false`, `{"fields": [...]}`, or the list of fields itself.
pub fn read_fields(value: &RawValue) -> Result<Vec<Field>, String> {
    match value.get().trim_start().as_bytes().first() {
        Some(b't') => Ok(default_fields()),
        Some(b'f' | b'n') => Ok(vec![]),
        Some(b'[') => crate::config::read(value),
        _ => crate::config::read::<Form>(value).map(|f| f.fields),
    }
}

/// The form `prechat: true` shows: name and e-mail, both required.
pub fn default_fields() -> Vec<Field> {
    ["name", "email"]
        .into_iter()
        .map(|id| Field {
            id: id.into(),
            kind: if id == "email" { FieldKind::Email } else { FieldKind::Text },
            label: OwnerText::default(),
            required: true,
            options: vec![],
        })
        .collect()
}

/// Answers by field id, in the form's order. (A list rather than a map:
/// the form has a handful of fields, and a map's sorting and tree code
/// would cost the widget more than the lookups they save.)
pub type Answers = Vec<(String, String)>;

/// The answer to field `id`, if any.
pub fn answer<'a>(answers: &'a [(String, String)], id: &str) -> Option<&'a str> {
    answers.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str())
}

/// Sets the answer to field `id`, keeping its place if it had one.
pub fn set_answer(answers: &mut Answers, id: &str, value: String) {
    match answers.iter_mut().find(|(k, _)| k == id) {
        Some(slot) => slot.1 = value,
        None => answers.push((id.to_string(), value)),
    }
}

/// Longest answer kept, in characters (but see [`FieldKind::max_chars`]).
pub const MAX_ANSWER_CHARS: usize = 500;

/// The fields still to ask: those whose answer is not known already.
pub fn to_ask(fields: &[Field], known: &[(String, String)]) -> Vec<Field> {
    fields.iter().filter(|f| answer(known, &f.id).is_none_or(|v| v.trim().is_empty())).cloned().collect()
}

/// Whether `text` looks like an e-mail address: one `@`, something before
/// it, a dot in the domain, no spaces. (Deliverability is the server's and
/// the mail's business; this catches typos.)
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
        && !text.chars().any(char::is_whitespace)
}

/// What is wrong with the answers, per field id, as a locale message id;
/// empty when they can be sent.
pub fn validate(fields: &[Field], answers: &[(String, String)]) -> Vec<(String, &'static str)> {
    let mut errors = vec![];
    for f in fields {
        let value = answer(answers, &f.id).map(str::trim).unwrap_or("");
        let error = match f.kind {
            FieldKind::Checkbox if f.required && value != "true" => Some("prechat-required"),
            FieldKind::Checkbox => None,
            _ if value.is_empty() => f.required.then_some("prechat-required"),
            FieldKind::Email if !looks_like_email(value) => Some("prechat-email-invalid"),
            FieldKind::Select if !f.options.iter().any(|o| o.value == value) => Some("prechat-option-invalid"),
            _ => None,
        };
        if let Some(e) = error {
            errors.push((f.id.clone(), e));
        }
    }
    errors
}

/// The answers to send: trimmed, cut to their field's
/// [`FieldKind::max_chars`], only for the form's fields, empty ones left out.
pub fn clean(fields: &[Field], answers: &[(String, String)]) -> Answers {
    fields
        .iter()
        .filter_map(|f| {
            let v = answer(answers, &f.id)?.trim();
            (!v.is_empty()).then(|| (f.id.clone(), v.chars().take(f.kind.max_chars()).collect()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Vec<Field> {
        read_fields(
            serde_json::from_str(
                r#"{"fields": [
                {"id": "name", "required": true},
                {"id": "email", "type": "email", "required": true},
                {"id": "topic", "type": "select", "label": {"en": "Topic", "fa": "موضوع"}, "required": true,
                 "options": [{"value": "billing", "label": "Billing"}, {"value": "tech", "label": "Technical"}]},
                {"id": "order", "label": "Order number"},
                {"id": "terms", "type": "checkbox", "label": "I accept the terms", "required": true}
            ]}"#,
            )
            .unwrap(),
        )
        .unwrap()
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_field_says_what_is_wrong() {
        let errors = validate(&form(), &answers(&[("email", "maryam@"), ("topic", "sales"), ("terms", "false")]));
        assert_eq!(
            errors,
            [
                ("name".into(), "prechat-required"),
                ("email".into(), "prechat-email-invalid"),
                ("topic".into(), "prechat-option-invalid"),
                ("terms".into(), "prechat-required"),
            ]
        );
        let good = answers(&[("name", " Maryam "), ("email", "m@example.com"), ("topic", "tech"), ("terms", "true")]);
        assert!(validate(&form(), &good).is_empty(), "the optional field may stay empty");
        assert_eq!(answer(&clean(&form(), &good), "name"), Some("Maryam"));
        assert_eq!(answer(&clean(&form(), &good), "order"), None);
    }

    #[test]
    fn what_is_known_is_not_asked_again() {
        let known = answers(&[("name", "Maryam"), ("email", "m@example.com")]);
        let ids: Vec<String> = to_ask(&form(), &known).into_iter().map(|f| f.id).collect();
        assert_eq!(ids, ["topic", "order", "terms"]);
        assert!(to_ask(&default_fields(), &known).is_empty(), "nothing left: no form");
        assert_eq!(to_ask(&default_fields(), &answers(&[("name", " ")])).len(), 2, "a blank answer is no answer");
    }

    #[test]
    fn the_setting_in_each_shape() {
        let raw = |v: serde_json::Value| serde_json::value::to_raw_value(&v).unwrap();
        assert_eq!(read_fields(&raw(true.into())).unwrap(), default_fields());
        assert!(read_fields(&raw(false.into())).unwrap().is_empty());
        assert!(read_fields(&raw(serde_json::Value::Null)).unwrap().is_empty());
        assert_eq!(read_fields(&raw(serde_json::json!([{"id": "a"}]))).unwrap()[0].id, "a", "the list itself");
        for bad in [
            serde_json::json!("yes"),
            serde_json::json!({"fields": [{"id": "a", "type": "date"}]}),
            serde_json::json!({"fields": [{"id": "a", "colour": "red"}]}),
            serde_json::json!({"fields": [], "more": 1}),
            serde_json::json!({"fields": [{"id": "a", "options": [{"value": "v"}]}]}),
        ] {
            assert!(read_fields(&raw(bad.clone())).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for good in ["a@b.co", "maryam.karimi+chat@mail.example.com", "سارا@example.ir"] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in ["", "a", "a@", "@b.co", "a@b", "a@b.", "a@.co", "a b@c.co", "a@b@c.co"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
