use super::dom::{add, icon, set};
use crate::chat::Chat;
use crate::i18n::I18n;
use leptos::prelude::*;
use salam_core::ending::{Ending, Scale, Step, REASONS};
use salam_core::state::Event;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

const STAR: &str = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";
const THUMB: &str = "M7 10v11H3V10zm2 11h8.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5V5.5A2.5 2.5 0 0 0 11.5 3L9 10z";
const FACE: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9 9.5v1M15 9.5v1";
const MOUTHS: [&str; 3] = ["M8 16.5q4-3 8 0", "M8.5 15.5h7", "M8 14.5q4 3 8 0"];

/// The chat's ending, above the composer: "Anything else?" when the agent
/// resolved it, "End this chat?" after "End chat" in the menu, then the
/// rating (a radio group on the owner's scale, the reasons after a low
/// score, a comment) and the thanks. Built with the DOM when the step or
/// the language changes; a new score only updates what it shows, so the
/// focus stays where the visitor is.
#[component]
pub fn EndingView() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let root = NodeRef::<leptos::html::Section>::new();
    let status = NodeRef::<leptos::html::P>::new();
    let built: RefCell<Option<(Ending, String)>> = RefCell::new(None);
    super::effect(Box::new(move || {
        let (ending, scale, score, reasons_on, error) = chat.with(|s| {
            (s.ending.clone(), s.scale.unwrap_or_default(), s.rating.score, s.rating.reasons.clone(), s.rating_error)
        });
        let lang = i18n.lang();
        let (Some(root), Some(status)) = (root.get(), status.get()) else { return };
        let Some(doc) = root.owner_document() else { return };
        // What the step says out loud (a polite status), when the visitor
        // did not ask for it: the agent's question, the thanks.
        let said = match ending {
            Ending::AnythingElse => i18n.t("end-ask"),
            Ending::Thanks => i18n.t("rate-thanks"),
            _ => String::new(),
        };
        // Only a change: the same text set again would be announced again.
        if status.text_content().unwrap_or_default() != said {
            status.set_text_content(Some(&said));
        }
        let key = Some((ending.clone(), lang));
        if *built.borrow() != key {
            let body: Element = root.clone().into();
            // Everything after the status line goes.
            while let Some(last) = body.last_element_child().filter(|l| l != &**status) {
                last.remove();
            }
            // Shown first: what `build` focuses must be visible.
            root.set_hidden(ending == Ending::None);
            build(&doc, &body, &ending, scale, i18n);
            *built.borrow_mut() = key;
        }
        if ending != Ending::Rating {
            return;
        }
        // The score as picked (also as restored on the next page): the
        // chosen choice checked and lit (and the stars before it), the
        // reasons after a low one, the error if any.
        if let Ok(choices) = root.query_selector_all(".salam-choice") {
            for i in 0..choices.length() {
                let Some(choice) = choices.item(i).and_then(|c| c.dyn_into::<Element>().ok()) else { continue };
                let n = i as u8 + 1;
                let lit = if scale == Scale::Stars { n <= score } else { n == score };
                let _ = choice.class_list().toggle_with_force("salam-lit", lit);
                if let Some(radio) = choice.query_selector("input").ok().flatten() {
                    radio.unchecked_ref::<HtmlInputElement>().set_checked(n == score);
                }
            }
        }
        if let Ok(Some(reasons)) = root.query_selector(".salam-reasons") {
            reasons.unchecked_ref::<HtmlElement>().set_hidden(!scale.is_low(score));
        }
        if let Ok(boxes) = root.query_selector_all(".salam-reasons input") {
            for i in 0..boxes.length() {
                if let Some(b) = boxes.item(i).and_then(|b| b.dyn_into::<HtmlInputElement>().ok()) {
                    b.set_checked(reasons_on.iter().any(|r| *r == b.value()));
                }
            }
        }
        if let Ok(Some(line)) = root.query_selector(".salam-field-error") {
            line.set_text_content(error.map(|e| i18n.t(e)).as_deref());
        }
    }));
    view! {
        <section class="salam-ending" hidden node_ref=root>
            <p class="salam-ending-status" role="status" node_ref=status></p>
        </section>
    }
}

/// A score or a reason picked (a click, also from the keyboard: Space, or
/// the arrows in the radio group), through the panel's click listener.
pub fn pick(chat: Chat, input: &HtmlInputElement) {
    let step = if input.type_() == "radio" {
        Step::Score(input.value().parse().unwrap_or(0))
    } else {
        Step::Reason(input.value(), input.checked())
    };
    chat.dispatch(Event::End(step, String::new()));
}

/// A button of the ending (`e-<name>` in the panel's click listener).
pub fn act(chat: Chat, name: &str, button: &Element) {
    let step = match name {
        "more" => Step::More,
        "finish" => Step::Finish,
        "end" => Step::ConfirmEnd,
        "cancel" => Step::Cancel,
        "send" => {
            let comment = button
                .closest(".salam-ending")
                .ok()
                .flatten()
                .and_then(|r| r.query_selector("textarea").ok().flatten())
                .map(|t| t.unchecked_into::<HtmlTextAreaElement>().value())
                .unwrap_or_default();
            Step::Send(comment)
        }
        _ => return,
    };
    let back = matches!(step, Step::More | Step::Cancel | Step::Send(_));
    chat.dispatch(Event::End(step, crate::chat::new_client_id()));
    // Back to the chat: the composer has the focus again.
    if back && chat.peek(|s| s.ending != Ending::Rating) {
        if let Some(composer) = chat.ui.composer.get_untracked() {
            request_animation_frame(move || drop(composer.focus()));
        }
    }
}

/// The step's questions and controls.
fn build(doc: &Document, root: &Element, ending: &Ending, scale: Scale, i18n: I18n) -> Option<()> {
    let buttons = |parent: &Element, list: &[(&str, &str, &str)]| -> Option<Element> {
        let row = add(doc, parent, "div", "salam-form-buttons", "")?;
        let mut first = None;
        for (name, message, class) in list {
            let b = add(doc, &row, "button", class, &i18n.t(message))?;
            set(&b, &[("type", "button"), ("data-a", &format!("e-{name}"))]);
            first.get_or_insert(b);
        }
        first
    };
    match ending {
        Ending::AnythingElse => {
            buttons(root, &[("more", "end-yes", "salam-form-cancel"), ("finish", "end-no", "salam-form-cancel")])?;
        }
        Ending::Confirm => {
            let q = add(doc, root, "p", "salam-ending-question", &i18n.t("end-confirm"))?;
            q.set_id("salam-end-q");
            let yes = buttons(
                root,
                &[("end", "end-confirm-yes", "salam-form-submit"), ("cancel", "ticket-cancel", "salam-form-cancel")],
            )?;
            set(&yes, &[("aria-describedby", "salam-end-q")]);
            let _ = yes.unchecked_ref::<HtmlElement>().focus();
        }
        Ending::Rating => {
            let group = add(doc, root, "fieldset", "salam-scale", "")?;
            add(doc, &group, "legend", "salam-form-title", &i18n.t("rate-title"))?;
            let mut first = None;
            for n in 1..=scale.max() {
                let label = match scale {
                    Scale::Stars => i18n.t_num("rate-stars", "score", u32::from(n)),
                    Scale::Thumbs => i18n.t(if n == 1 { "rate-down" } else { "rate-up" }),
                    Scale::Faces => i18n.t(["rate-face-1", "rate-face-2", "rate-face-3"][usize::from(n - 1)]),
                };
                let choice = add(doc, &group, "label", "salam-choice", "")?;
                let radio = add(doc, &choice, "input", "salam-sr-only", "")?;
                set(&radio, &[("type", "radio"), ("name", "salam-score"), ("value", &n.to_string())]);
                let d = match scale {
                    Scale::Stars => STAR.to_string(),
                    Scale::Thumbs => THUMB.to_string(),
                    Scale::Faces => format!("{FACE}{}", MOUTHS[usize::from(n - 1)]),
                };
                let svg = icon(doc, &d, scale == Scale::Faces)?;
                if scale == Scale::Thumbs && n == 1 {
                    set(&svg, &[("class", "salam-icon salam-down")]);
                }
                choice.append_with_node_1(&svg).ok()?;
                add(doc, &choice, "span", "salam-sr-only", &label)?;
                first.get_or_insert(radio);
            }
            let reasons = add(doc, root, "fieldset", "salam-reasons", "")?;
            reasons.unchecked_ref::<HtmlElement>().set_hidden(true);
            add(doc, &reasons, "legend", "", &i18n.t("rate-reasons"))?;
            for reason in REASONS {
                let row = add(doc, &reasons, "label", "salam-field-check", "")?;
                let b = add(doc, &row, "input", "salam-check", "")?;
                set(&b, &[("type", "checkbox"), ("value", reason)]);
                row.append_with_str_1(&i18n.t(&format!("rate-reason-{reason}"))).ok()?;
            }
            let field = add(doc, root, "div", "salam-field", "")?;
            let label = add(doc, &field, "label", "", &i18n.t("rate-comment"))?;
            set(&label, &[("for", "salam-comment")]);
            let area = add(doc, &field, "textarea", "salam-field-input", "")?;
            area.set_id("salam-comment");
            set(&area, &[("dir", "auto"), ("rows", "2"), ("maxlength", "1000")]);
            add(doc, &field, "p", "salam-field-error", "")?.set_id("salam-rate-e");
            set(&area, &[("aria-describedby", "salam-rate-e")]);
            buttons(root, &[("send", "rate-send", "salam-form-submit")])?;
            if let Some(first) = first {
                let _ = first.unchecked_ref::<HtmlElement>().focus();
            }
        }
        Ending::None | Ending::Thanks => {}
    }
    Some(())
}
