use super::icons::IconClose;
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::state::Event;

/// A proactive greeting beside the launcher: it never takes focus, a
/// polite live region announces it, the text opens the chat (with the
/// greeting as its newest message) and the cross dismisses it.
#[component]
pub fn GreetingPreview() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let text = move || chat.with(|s| s.greeting.as_ref().map(|(_, text)| text.clone()).unwrap_or_default());
    view! {
        // Always there, so screen readers hear what goes in; without a
        // greeting its text is empty and the stylesheet hides it all.
        <div class="salam-greeting" role="status" aria-live="polite">
            <div class="salam-greeting-bubble">
                <button type="button" class="salam-greeting-open" dir="auto" on:click=move |_| {
                    chat.dispatch(Event::OpenGreeting);
                    chat.open();
                }>
                    {text}
                </button>
                <button
                    type="button"
                    class="salam-icon-button salam-greeting-close"
                    aria-label=i18n.text("greeting-dismiss")
                    on:click=move |_| chat.dispatch(Event::DismissGreeting)
                >
                    <IconClose />
                </button>
            </div>
        </div>
    }
}
