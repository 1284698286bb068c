use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::state::Connection;

/// Says so while the widget is not connected; nothing when it is.
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let connection = move || chat.with(|s| (s.connection, s.network));
    let text = move || match connection() {
        (Connection::Online, _) => String::new(),
        // The browser knows it has no network: say so, not "reconnecting".
        (_, false) => chat.i18n.t("connection-offline"),
        (Connection::Connecting, true) => chat.i18n.t("connection-connecting"),
        (Connection::Reconnecting, true) => chat.i18n.t("connection-reconnecting"),
    };
    view! {
        // The live region stays in the DOM so screen readers hear changes.
        <div class="salam-banner" role="status" class:salam-hidden=move || connection().0 == Connection::Online>
            {text}
        </div>
    }
}
