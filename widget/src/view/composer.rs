use super::icons::IconSend;
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
    let draft = Memo::new(move |_| chat.state().with(|s| s.draft.clone()));
    let error = move || chat.state().with(|s| s.composer_error);
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
    let described_by = move || match error() {
        Some(_) => format!("{} {}", ids::ERROR, ids::HINT),
        None => ids::HINT.to_string(),
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
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                prop:value=move || draft.get()
                on:input:target=move |ev| chat.dispatch(Event::DraftChanged(ev.target().value()))
                on:keydown=on_keydown
            ></textarea>
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
                {move || {
                    error().map(|e| i18n.t_num(e.message_id(), "max", MAX_MESSAGE_CHARS as u32)).unwrap_or_default()
                }}
            </p>
        </form>
    }
}
