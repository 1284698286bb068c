use super::{
    composer::Composer, connection_banner::ConnectionBanner, conversation_notice::ConversationNotice, header::Header,
    ids, message_list::MessageList, quick_replies::QuickReplies,
};
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::config::OwnerText;

/// The chat window: a non-modal dialog with header, log and composer.
#[component]
pub fn Panel(
    /// Owner's title, per language; empty for the localized default.
    title: OwnerText,
    /// Owner's subtitle, per language; empty for the localized default.
    subtitle: OwnerText,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let open = Memo::new(move |_| chat.state().with(|s| s.open));
    view! {
        <div
            id=ids::PANEL
            class="salam-panel"
            role="dialog"
            aria-modal="false"
            aria-labelledby=ids::TITLE
            node_ref=chat.ui.panel
            hidden=move || !open.get()
        >
            <Header title=title subtitle=subtitle />
            <ConnectionBanner />
            <MessageList />
            <QuickReplies />
            <ConversationNotice />
            <Composer />
        </div>
    }
}
