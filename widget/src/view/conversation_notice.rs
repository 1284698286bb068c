use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::protocol::ConversationStatus;

/// Under the log: who on the support side is typing, or that the
/// conversation was resolved. A polite status region, so a screen reader
/// hears it without losing its place.
#[component]
pub fn ConversationNotice() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let typing = move || chat.with(|s| s.typing.as_ref().map(|a| a.name.clone()));
    let resolved = move || chat.with(|s| s.status == ConversationStatus::Resolved);
    let text = move || match typing() {
        Some(Some(name)) if !name.trim().is_empty() => i18n.t_str("typing-named", "name", &name),
        Some(_) => i18n.t("typing-anonymous"),
        None if resolved() => i18n.t("status-resolved"),
        None => String::new(),
    };
    view! {
        <p class="salam-notice" role="status" dir="auto" class:salam-typing=move || typing().is_some()>
            {text}
        </p>
    }
}
