use crate::chat::Chat;
use crate::i18n::I18n;
use leptos::prelude::*;
use salam_core::prechat::{set_answer, Answers, Field, FieldKind};
use salam_core::state::Event;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The heading's id, which names the form.
const TITLE: &str = "salam-prechat-title";

/// Prefix of a control's id; the rest is its place in the form.
const CONTROL: &str = "salam-f-";

/// One field as built: its id in the answers, its control, its error line.
struct Row {
    id: String,
    control: Element,
    error: Element,
}

/// The pre-chat form, in the composer's place until it is sent: the
/// owner's fields, each error next to its field (and the first one
/// focused), nothing typed lost.
///
/// Built with the DOM directly, as the rich text is: the form as Leptos
/// views (four kinds of field, each with reactive attributes) cost the
/// bundle 25 KB brotli, several times this. It is rebuilt only when the
/// fields or the language change, from what was typed.
#[component]
pub fn PrechatForm(
    /// The fields still to ask; none hides the form.
    ask: Memo<Vec<Field>>,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let answers: Rc<RefCell<Answers>> = Rc::default();
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new({
        let (answers, rows) = (answers.clone(), rows.clone());
        move |_| {
            let fields = ask.get();
            let lang = i18n.lang();
            let Some(form) = form.get() else { return };
            form.set_hidden(fields.is_empty());
            form.set_text_content(None);
            let Some(doc) = form.owner_document() else { return };
            let built = build(&doc, &form, &fields, &lang, i18n, &answers.borrow());
            show_errors(&built, chat, i18n);
            *rows.borrow_mut() = built;
        }
    });
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
            } else {
                return;
            };
            let id = target.unchecked_ref::<Element>().id();
            let place = id.strip_prefix(CONTROL).and_then(|n| n.parse::<usize>().ok());
            if let Some(row) = place.and_then(|i| rows.borrow().get(i).map(|r| r.id.clone())) {
                set_answer(&mut answers.borrow_mut(), &row, value);
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        chat.dispatch(Event::SubmitPrechat { fields: ask.get_untracked(), answers: answers.borrow().clone() });
        let rows = rows.borrow();
        show_errors(&rows, chat, i18n);
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
    view! { <form class="salam-prechat" novalidate hidden node_ref=form on:submit=on_submit on:input=on_input></form> }
}

/// The form's heading, intro, rows and button (the rows with what was typed).
fn build(
    doc: &Document,
    form: &Element,
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
    if let Some(title) = text("h3", "salam-prechat-title", "prechat-title") {
        title.set_id(TITLE);
        let _ = form.set_attribute("aria-labelledby", TITLE);
    }
    text("p", "salam-prechat-intro", "prechat-intro");
    let rows = fields.iter().enumerate().filter_map(|(i, f)| build_row(doc, form, i, f, lang, i18n, typed)).collect();
    if let Some(submit) = text("button", "salam-prechat-submit", "prechat-submit") {
        let _ = submit.set_attribute("type", "submit");
    }
    rows
}

fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

/// Marks each control valid or not and writes its error under it, from the
/// state's last check of the answers.
fn show_errors(rows: &[Row], chat: Chat, i18n: I18n) {
    let errors = chat.state().with_untracked(|s| s.prechat_errors.clone());
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
fn build_row(
    doc: &Document,
    parent: &Element,
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
    let control_id = format!("{CONTROL}{place}");
    let value = salam_core::prechat::answer(typed, &field.id).unwrap_or("");
    let checkbox = field.kind == FieldKind::Checkbox;
    let row = el("div", if checkbox { "salam-field salam-field-check" } else { "salam-field" })?;

    let label = el("label", "")?;
    set(&label, "for", &control_id);
    let text = match (field.label.resolve(lang), field.id.as_str()) {
        (Some(text), _) => text.to_string(),
        (None, "name") => i18n.t("prechat-name"),
        (None, "email") => i18n.t("prechat-email"),
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
                set(&input, "maxlength", &salam_core::prechat::MAX_ANSWER_CHARS.to_string());
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
    error.set_id(&format!("salam-e-{place}"));
    let parts: [&Element; 3] = if checkbox { [&control, &label, &error] } else { [&label, &control, &error] };
    for part in parts {
        let _ = row.append_with_node_1(part);
    }
    let _ = parent.append_with_node_1(&row);
    Some(Row { id: field.id.clone(), control, error })
}
