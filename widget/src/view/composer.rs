use super::icons::{IconAttach, IconSend};
use super::ids;
use crate::chat::Chat;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use salam_core::protocol::MAX_MESSAGE_CHARS;
use salam_core::state::Event;

/// The message box. Enter sends, Shift+Enter adds a line, and an IME
/// composition (Chinese, Japanese, ...) is never cut short by its Enter.
/// A refused draft stays here with the reason under it.
#[component]
pub fn Composer() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let draft = Memo::new(move |_| chat.with(|s| s.draft.clone()));
    // A refused draft, or a file refused before any byte was sent.
    let error = move || {
        chat.with(|s| match (&s.attach_error, s.composer_error) {
            (Some((name, id)), _) => {
                let mb = i18n.number(s.attach.as_ref().map_or(0, |p| p.max_mb()));
                Some(i18n.t_strs(id, &[("name", name.clone()), ("mb", mb)]))
            }
            (None, Some(e)) => Some(i18n.t_num(e.message_id(), "max", MAX_MESSAGE_CHARS as u32)),
            _ => None,
        })
    };
    let wrong = move || chat.with(|s| s.attach_error.is_some() || s.composer_error.is_some());
    // Set at start, before the panel is built: fixed attributes.
    let accept = chat.peek(|s| s.attach.as_ref().map(|p| p.accept()));
    let on_keydown = move |ev: KeyboardEvent| {
        // keyCode 229 is what Chromium reports for keys an IME consumes.
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() && ev.key_code() != 229 {
            ev.prevent_default();
            chat.submit();
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        chat.submit();
    };
    let described_by = move || match wrong() {
        true => format!("{} {}", ids::ERROR, ids::HINT),
        false => ids::HINT.to_string(),
    };
    view! {
        <form class="salam-composer" on:submit=on_submit>
            <label class="salam-sr-only" for=ids::INPUT>
                {i18n.text("composer-label")}
            </label>
            <textarea
                id=ids::INPUT
                class="salam-input"
                rows="1"
                dir="auto"
                node_ref=chat.ui.composer
                placeholder=i18n.text("composer-placeholder")
                aria-describedby=described_by
                aria-invalid=move || if wrong() { "true" } else { "false" }
                prop:value=move || draft.get()
                on:input:target=move |ev| chat.dispatch(Event::DraftChanged(ev.target().value()))
                on:keydown=on_keydown
            ></textarea>
            // The panel's click listener opens the picker (the input after it).
            <button
                type="button"
                class="salam-icon-button salam-attach"
                data-a="attach"
                aria-label=i18n.text("attach-label")
                hidden=accept.is_none()
            >
                <IconAttach />
            </button>
            <input
                type="file"
                id=ids::FILE
                multiple
                hidden
                tabindex="-1"
                aria-hidden="true"
                accept=accept.unwrap_or_default()
            />
            <button type="submit" class="salam-icon-button salam-send" aria-label=i18n.text("send-label")>
                <IconSend />
            </button>
            <p id=ids::HINT class="salam-sr-only">
                {i18n.text("composer-hint")}
            </p>
            // Always there (the stylesheet hides it empty): a `Show` is
            // several kilobytes of wasm, and an alert region that exists
            // before its text is announced more reliably.
            <p id=ids::ERROR class="salam-error" role="alert">
                {move || error().unwrap_or_default()}
            </p>
        </form>
    }
}
