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
    /// It takes files (when the visitor may send any).
    files: bool,
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
    files: false,
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
    files: true,
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
    files: false,
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
    // What the form was last built for (its fields, in a language).
    let built_for: RefCell<Option<(Vec<Field>, String)>> = RefCell::new(None);
    // Files only where the visitor may send some.
    let accept = if kind.files { chat.peek(|s| s.attach.as_ref().map(|p| p.accept())) } else { None };
    super::effect(Box::new({
        let (answers, rows) = (answers.clone(), rows.clone());
        move || {
            let list = fields.get();
            let lang = i18n.lang();
            // Only while the form shows: hidden, it need not run on every keystroke in the composer.
            let files = accept.as_ref().filter(|_| !list.is_empty()).map(|_| chat.with(TicketFiles::of));
            let Some(form) = form.get() else { return };
            let key = Some((list.clone(), lang.clone()));
            if *built_for.borrow() == key {
                if let (Some(files), Some(doc)) = (files, form.owner_document()) {
                    show_files(&doc, &form, &files, i18n);
                }
                return;
            }
            *built_for.borrow_mut() = key;
            form.set_hidden(list.is_empty());
            form.set_text_content(None);
            let Some(doc) = form.owner_document() else { return };
            if let Some(draft) = kind.draft {
                *answers.borrow_mut() = chat.peek(draft);
            }
            let built = build(&doc, &form, kind, &list, &lang, i18n, &answers.borrow(), accept.as_deref());
            show_errors(&built, kind, chat, i18n);
            if let Some(files) = files {
                show_files(&doc, &form, &files, i18n);
            }
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
        // A file that could not be uploaded holds the ticket back: its Remove button.
        let failed_file = || {
            let form = form.get_untracked()?;
            form.query_selector(".salam-file-failed button").ok().flatten()
        };
        match first {
            Some(row) => focus(&row.control),
            None if kind.files && chat.peek(|s| s.ticket_open) => {
                if let Some(button) = failed_file() {
                    focus(&button);
                }
            }
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

/// The form's heading, intro, rows, files (if it takes them: `accept`)
/// and buttons (the rows with what was typed).
#[allow(clippy::too_many_arguments)]
fn build(
    doc: &Document,
    form: &Element,
    kind: &FormKind,
    fields: &[Field],
    lang: &str,
    i18n: I18n,
    typed: &[(String, String)],
    accept: Option<&str>,
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
    if let Some(accept) = accept {
        build_files(doc, form, kind.prefix, accept, i18n);
    }
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

/// The ticket form's part of the state that its files block shows.
#[derive(Clone, PartialEq, Default)]
struct TicketFiles {
    files: Vec<salam_core::ticket::TicketFile>,
    /// A file refused before upload, or a ticket held back by a failed one.
    error: Option<String>,
    /// With a refused file: its name and the most megabytes allowed.
    refused: Option<(String, u64)>,
}

impl TicketFiles {
    fn of(s: &State) -> Self {
        let held = s.ticket_errors.iter().find(|(id, _)| id == "files").map(|(_, m)| m.to_string());
        TicketFiles {
            files: s.ticket.files.clone(),
            error: s.attach_error.as_ref().map(|(_, m)| m.to_string()).or(held),
            refused: s
                .attach_error
                .as_ref()
                .map(|(name, _)| (name.clone(), s.attach.as_ref().map_or(0, |p| p.max_mb()))),
        }
    }
}

/// "Attach a file" (the panel's click listener opens the picker after it,
/// and its `change` listener takes what is picked), the list of files and
/// their error line.
fn build_files(doc: &Document, form: &Element, prefix: &str, accept: &str, i18n: I18n) -> Option<()> {
    use super::dom::{add, set};
    let block = add(doc, form, "div", "salam-form-files", "")?;
    let button = add(doc, &block, "button", "salam-form-cancel salam-form-attach", &i18n.t("attach-label"))?;
    set(&button, &[("type", "button"), ("data-a", "attach")]);
    let input = add(doc, &block, "input", "", "")?;
    set(&input, &[("type", "file"), ("multiple", ""), ("hidden", ""), ("tabindex", "-1"), ("aria-hidden", "true")]);
    set(&input, &[("accept", accept)]);
    add(doc, &block, "ul", "salam-form-file-list", "")?;
    let error = add(doc, &block, "p", "salam-field-error", "")?;
    set(&error, &[("id", &format!("{prefix}-e-files")), ("role", "alert")]);
    Some(())
}

/// Each file of the ticket form: its name and size, its upload's progress
/// or why it failed, and a button that removes it. Rows are kept and
/// updated by their upload id, so a progress event does not take the focus
/// from a Remove button.
fn show_files(doc: &Document, form: &Element, t: &TicketFiles, i18n: I18n) -> Option<()> {
    use super::dom::{add, icon, set};
    let list = form.query_selector(".salam-form-file-list").ok()??;
    let rows = list.children();
    for i in (0..rows.length()).rev() {
        let Some(row) = rows.item(i) else { continue };
        let key = row.get_attribute("data-key").unwrap_or_default();
        if !t.files.iter().any(|f| f.client_id == key) {
            row.remove();
        }
    }
    for f in &t.files {
        let row = match list.query_selector(&format!("[data-key=\"{}\"]", f.client_id)).ok().flatten() {
            Some(row) => row,
            None => {
                let row = add(doc, &list, "li", "salam-form-file", "")?;
                set(&row, &[("data-key", &f.client_id)]);
                let name = add(doc, &row, "span", "salam-file-name", &f.name)?;
                set(&name, &[("dir", "auto")]);
                add(doc, &row, "span", "salam-file-size", &i18n.file_size(f.size))?;
                add(doc, &row, "span", "salam-file-state", "")?;
                let remove = add(doc, &row, "button", "salam-icon-button", "")?;
                let label = i18n.t_str("attach-remove", "name", &f.name);
                set(&remove, &[("type", "button"), ("data-a", "unattach"), ("aria-label", &label)]);
                let cross = icon(doc, "M6 6l12 12M18 6L6 18", true)?;
                remove.append_with_node_1(&cross).ok()?;
                row
            }
        };
        let _ = row.class_list().toggle_with_force("salam-file-failed", f.failed.is_some());
        let state = row.query_selector(".salam-file-state").ok()??;
        match (&f.file, f.failed) {
            (_, Some(reason)) => state.set_text_content(Some(&i18n.t(reason))),
            (Some(_), None) => state.set_text_content(None),
            (None, None) => {
                let bar = match state.first_element_child() {
                    Some(bar) => bar,
                    None => {
                        let bar = add(doc, &state, "progress", "", "")?;
                        let label = i18n.t_str("upload-progress", "name", &f.name);
                        set(&bar, &[("max", &f.size.max(1).to_string()), ("aria-label", &label)]);
                        bar
                    }
                };
                set(&bar, &[("value", &f.sent.to_string())]);
            }
        }
    }
    let error = form.query_selector(".salam-form-files .salam-field-error").ok()??;
    let text = match (&t.error, &t.refused) {
        (Some(id), Some((name, mb))) => i18n.t_strs(id, &[("name", name.clone()), ("mb", i18n.number(*mb))]),
        (Some(id), None) => i18n.t(id),
        _ => String::new(),
    };
    if error.text_content().unwrap_or_default() != text {
        error.set_text_content(Some(&text));
    }
    Some(())
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
