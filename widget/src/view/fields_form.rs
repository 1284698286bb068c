use crate::chat::Chat;
use crate::i18n::I18n;
use leptos::prelude::*;
use salam_core::prechat::{set_answer, Answers, Field, FieldKind};
use salam_core::state::{Event, State};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// What makes one form of fields what it is: the pre-chat form or the
/// ticket form ("leave a message"). Plain functions, not closures: one
/// instance of the view's code serves both.
pub struct FormKind {
    /// Prefix of its element ids (unique in the shadow root).
    prefix: &'static str,
    /// Its heading, intro and button, as locale message ids.
    title: &'static str,
    intro: &'static str,
    submit: &'static str,
    /// A cancel button's text, if it has one.
    cancel: Option<&'static str>,
    /// The errors the state holds for it.
    errors: fn(&State) -> Vec<(String, &'static str)>,
    /// Where what was typed lives: in the state (and the storage), through
    /// these events; none keeps it in the view.
    draft: Option<fn(&State) -> Answers>,
    /// The event for one field's new value (with `draft`).
    input: fn(String, String) -> Option<Event>,
    /// The event for sending it.
    send: fn(Vec<Field>, Answers) -> Event,
    /// The event for cancelling it.
    cancel_event: fn() -> Option<Event>,
}

/// The pre-chat form (see [`salam_core::prechat`]).
pub static PRECHAT: FormKind = FormKind {
    prefix: "salam-p",
    title: "prechat-title",
    intro: "prechat-intro",
    submit: "prechat-submit",
    cancel: None,
    errors: |s| s.prechat_errors.clone(),
    draft: None,
    input: |_, _| None,
    send: |fields, answers| Event::SubmitPrechat { fields, answers },
    cancel_event: || None,
};

/// "Leave a message" (see [`salam_core::ticket`]).
pub static TICKET: FormKind = FormKind {
    prefix: "salam-t",
    title: "ticket-title",
    intro: "ticket-intro",
    submit: "ticket-submit",
    cancel: Some("ticket-cancel"),
    errors: |s| s.ticket_errors.clone(),
    draft: Some(|s| s.ticket.draft.clone()),
    input: |id, value| Some(Event::TicketInput { id, value }),
    send: |_, _| Event::SubmitTicket { client_id: crate::chat::new_client_id() },
    cancel_event: || Some(Event::TicketForm(false)),
};

/// "E-mail me this conversation": the address, filled in when known.
pub static TRANSCRIPT: FormKind = FormKind {
    prefix: "salam-x",
    title: "transcript-email-title",
    intro: "transcript-email-intro",
    submit: "transcript-email-submit",
    cancel: Some("ticket-cancel"),
    errors: |s| s.transcript_errors.clone(),
    draft: Some(|s| s.known.iter().filter(|(id, _)| id == "email").cloned().collect()),
    input: |_, _| None,
    send: |_, answers| Event::SubmitTranscript { answers, client_id: crate::chat::new_client_id() },
    cancel_event: || Some(Event::TranscriptForm(false)),
};

/// One field as built: its id in the answers, its control, its error line.
struct Row {
    id: String,
    control: Element,
    error: Element,
}

/// A form of fields, in the composer's place while it shows: each error
/// next to its field (and the first one focused), nothing typed lost.
///
/// Built with the DOM directly, as the rich text is: the form as Leptos
/// views (five kinds of field, each with reactive attributes) cost the
/// bundle 25 KB brotli, several times this. It is rebuilt only when the
/// fields or the language change, from what was typed.
#[component]
pub fn FieldsForm(
    /// Which form.
    kind: &'static FormKind,
    /// The fields to show; none hides the form.
    fields: Memo<Vec<Field>>,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let answers: Rc<RefCell<Answers>> = Rc::default();
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    let form = NodeRef::<leptos::html::Form>::new();
    let was_shown = std::cell::Cell::new(true);
    super::effect(Box::new({
        let (answers, rows) = (answers.clone(), rows.clone());
        move || {
            let list = fields.get();
            let lang = i18n.lang();
            let Some(form) = form.get() else { return };
            form.set_hidden(list.is_empty());
            form.set_text_content(None);
            let Some(doc) = form.owner_document() else { return };
            if let Some(draft) = kind.draft {
                *answers.borrow_mut() = chat.peek(draft);
            }
            let built = build(&doc, &form, kind, &list, &lang, i18n, &answers.borrow());
            show_errors(&built, kind, chat, i18n);
            // A form the visitor opened gets focus: its first field with an
            // error, else its first empty one.
            let shown = !list.is_empty();
            let before = was_shown.replace(shown);
            if shown && !before && kind.cancel.is_some() {
                let first = built.iter().find(|r| r.control.get_attribute("aria-invalid").as_deref() == Some("true"));
                let empty = || {
                    built
                        .iter()
                        .find(|r| salam_core::prechat::answer(&answers.borrow(), &r.id).is_none_or(str::is_empty))
                };
                if let Some(row) = first.or_else(empty).or(built.first()) {
                    focus(&row.control);
                }
            }
            *rows.borrow_mut() = built;
        }
    }));
    let on_input = {
        let (answers, rows) = (answers.clone(), rows.clone());
        move |ev: leptos::ev::Event| {
            let Some(target) = ev.target() else { return };
            let value = if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
                if input.type_() == "checkbox" {
                    input.checked().to_string()
                } else {
                    input.value()
                }
            } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
                select.value()
            } else if let Some(text) = target.dyn_ref::<HtmlTextAreaElement>() {
                text.value()
            } else {
                return;
            };
            let id = target.unchecked_ref::<Element>().id();
            let place =
                id.strip_prefix(kind.prefix).and_then(|n| n.strip_prefix("-f-")).and_then(|n| n.parse::<usize>().ok());
            if let Some(row) = place.and_then(|i| rows.borrow().get(i).map(|r| r.id.clone())) {
                set_answer(&mut answers.borrow_mut(), &row, value.clone());
                if let Some(event) = (kind.input)(row, value) {
                    chat.dispatch(event);
                }
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let cancel = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| t.class_name() == "salam-form-cancel");
        if let (true, Some(event)) = (cancel, (kind.cancel_event)()) {
            chat.dispatch(event);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        chat.dispatch((kind.send)(fields.get_untracked(), answers.borrow().clone()));
        let rows = rows.borrow();
        show_errors(&rows, kind, chat, i18n);
        // The first field with an error gets focus, so the visitor hears why;
        // with none, the form goes and the composer takes its place.
        let first = rows.iter().find(|r| r.control.get_attribute("aria-invalid").as_deref() == Some("true"));
        match first {
            Some(row) => focus(&row.control),
            None => {
                if let Some(composer) = chat.ui.composer.get_untracked() {
                    request_animation_frame(move || {
                        let _ = composer.focus();
                    });
                }
            }
        }
    };
    view! {
        <form
            class=format!("salam-form {}", kind.prefix)
            novalidate
            hidden
            node_ref=form
            on:submit=on_submit
            on:input=on_input
            on:click=on_click
        ></form>
    }
}

/// The form's heading, intro, rows and button (the rows with what was typed).
fn build(
    doc: &Document,
    form: &Element,
    kind: &FormKind,
    fields: &[Field],
    lang: &str,
    i18n: I18n,
    typed: &[(String, String)],
) -> Vec<Row> {
    if fields.is_empty() {
        return vec![];
    }
    let text = |tag: &str, class: &str, message: &str| {
        if let Ok(el) = doc.create_element(tag) {
            el.set_class_name(class);
            el.set_text_content(Some(&i18n.t(message)));
            let _ = form.append_with_node_1(&el);
            Some(el)
        } else {
            None
        }
    };
    if let Some(title) = text("h3", "salam-form-title", kind.title) {
        let id = format!("{}-title", kind.prefix);
        title.set_id(&id);
        let _ = form.set_attribute("aria-labelledby", &id);
    }
    text("p", "salam-form-intro", kind.intro);
    let rows = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| build_row(doc, form, kind.prefix, i, f, lang, i18n, typed))
        .collect();
    let Ok(buttons) = doc.create_element("div") else { return rows };
    buttons.set_class_name("salam-form-buttons");
    let _ = form.append_with_node_1(&buttons);
    for (class, message, kind) in
        [("salam-form-submit", Some(kind.submit), "submit"), ("salam-form-cancel", kind.cancel, "button")]
    {
        let Some(message) = message else { continue };
        if let Ok(button) = doc.create_element("button") {
            button.set_class_name(class);
            let _ = button.set_attribute("type", kind);
            button.set_text_content(Some(&i18n.t(message)));
            let _ = buttons.append_with_node_1(&button);
        }
    }
    rows
}

fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

/// Marks each control valid or not and writes its error under it, from the
/// state's last check of the answers.
fn show_errors(rows: &[Row], kind: &FormKind, chat: Chat, i18n: I18n) {
    let errors = chat.peek(kind.errors);
    for row in rows {
        let error = errors.iter().find(|(id, _)| *id == row.id).map(|(_, message)| i18n.t(message));
        let _ = row.control.set_attribute("aria-invalid", if error.is_some() { "true" } else { "false" });
        match &error {
            Some(_) => {
                let _ = row.control.set_attribute("aria-describedby", &row.error.id());
            }
            None => {
                let _ = row.control.remove_attribute("aria-describedby");
            }
        }
        row.error.set_text_content(error.as_deref());
    }
}

/// One field: its label (the owner's, or the widget's own for name and
/// e-mail), its control holding what was typed, and its error line.
#[allow(clippy::too_many_arguments)]
fn build_row(
    doc: &Document,
    parent: &Element,
    prefix: &str,
    place: usize,
    field: &Field,
    lang: &str,
    i18n: I18n,
    typed: &[(String, String)],
) -> Option<Row> {
    let el = |tag: &str, class: &str| -> Option<Element> {
        let el = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        Some(el)
    };
    let set = |el: &Element, name: &str, value: &str| {
        let _ = el.set_attribute(name, value);
    };
    let control_id = format!("{prefix}-f-{place}");
    let value = salam_core::prechat::answer(typed, &field.id).unwrap_or("");
    let checkbox = field.kind == FieldKind::Checkbox;
    let row = el("div", if checkbox { "salam-field salam-field-check" } else { "salam-field" })?;

    let label = el("label", "")?;
    set(&label, "for", &control_id);
    let text = match (field.label.resolve(lang), field.id.as_str()) {
        (Some(text), _) => text.to_string(),
        (None, "name") => i18n.t("prechat-name"),
        (None, "email") => i18n.t("prechat-email"),
        (None, "subject") => i18n.t("ticket-subject"),
        (None, "message") => i18n.t("ticket-message"),
        (None, other) => other.to_string(),
    };
    let _ = label.append_with_str_1(&text);
    if !field.required {
        let optional = el("span", "salam-optional")?;
        optional.set_text_content(Some(&i18n.t("prechat-optional")));
        let _ = label.append_with_str_1(" ");
        let _ = label.append_with_node_1(&optional);
    }

    let control = match field.kind {
        FieldKind::Select => {
            let select = el("select", "salam-field-input")?;
            let none = el("option", "")?;
            set(&none, "value", "");
            none.set_text_content(Some(&i18n.t("prechat-choose")));
            let _ = select.append_with_node_1(&none);
            for option in &field.options {
                let o = el("option", "")?;
                set(&o, "value", &option.value);
                o.set_text_content(Some(option.label.resolve(lang).unwrap_or(&option.value)));
                let _ = select.append_with_node_1(&o);
            }
            // After the options, so the typed choice finds its option.
            select.unchecked_ref::<HtmlSelectElement>().set_value(value);
            select
        }
        FieldKind::Textarea => {
            let area = el("textarea", "salam-field-input salam-field-long")?;
            set(&area, "dir", "auto");
            set(&area, "rows", "4");
            set(&area, "maxlength", &field.kind.max_chars().to_string());
            area.unchecked_ref::<HtmlTextAreaElement>().set_value(value);
            area
        }
        kind => {
            let input = el("input", if checkbox { "salam-check" } else { "salam-field-input" })?;
            let (kind, autocomplete) = match (kind, field.id.as_str()) {
                (FieldKind::Checkbox, _) => ("checkbox", "off"),
                (FieldKind::Email, "email") => ("email", "email"),
                (FieldKind::Email, _) => ("email", "off"),
                (_, "name") => ("text", "name"),
                _ => ("text", "off"),
            };
            set(&input, "type", kind);
            set(&input, "autocomplete", autocomplete);
            let input_el = input.unchecked_ref::<HtmlInputElement>();
            if checkbox {
                input_el.set_checked(value == "true");
            } else {
                set(&input, "dir", "auto");
                set(&input, "maxlength", &field.kind.max_chars().to_string());
                input_el.set_value(value);
            }
            input
        }
    };
    control.set_id(&control_id);
    if field.required {
        set(&control, "aria-required", "true");
    }

    let error = el("p", "salam-field-error")?;
    error.set_id(&format!("{prefix}-e-{place}"));
    let parts: [&Element; 3] = if checkbox { [&control, &label, &error] } else { [&label, &control, &error] };
    for part in parts {
        let _ = row.append_with_node_1(part);
    }
    let _ = parent.append_with_node_1(&row);
    Some(Row { id: field.id.clone(), control, error })
}
