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
    let greeting = Memo::new(move |_| chat.state().with(|s| s.greeting.as_ref().map(|(_, text)| text.clone())));
    view! {
        // Always there, so screen readers hear what goes in.
        <div class="salam-greeting" role="status" aria-live="polite">
            {move || greeting.get().map(|text| view! {
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
            })}
        </div>
    }
}
