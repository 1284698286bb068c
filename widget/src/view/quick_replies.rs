use super::dom::{add, set};
use crate::chat::Chat;
use leptos::prelude::*;

/// Buttons with the answers the visitor may pick, under the newest
/// message. Picking one sends it as the visitor's message, which retires
/// them (the rule is [`salam_core::state::State::quick_replies`]). Built
/// with the DOM when they change; the panel's one click listener sends a pick.
#[component]
pub fn QuickReplies() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let replies =
        Memo::new(move |_| chat.with(|s| s.quick_replies().map(|(_, replies)| replies.to_vec()).unwrap_or_default()));
    let group = NodeRef::<leptos::html::Div>::new();
    super::effect(Box::new(move || {
        let list = replies.get();
        let label = i18n.t("quick-replies-label");
        let Some(group) = group.get() else { return };
        let Some(doc) = group.owner_document() else { return };
        group.set_hidden(list.is_empty());
        set(&group, &[("aria-label", &label)]);
        group.set_text_content(None);
        for text in &list {
            if let Some(button) = add(&doc, &group, "button", "salam-quick-reply", text) {
                set(&button, &[("type", "button"), ("dir", "auto"), ("data-a", "reply")]);
            }
        }
    }));
    // A pick is the panel's click listener's (`data-a="reply"`).
    view! { <div class="salam-quick-replies" role="group" hidden node_ref=group></div> }
}
