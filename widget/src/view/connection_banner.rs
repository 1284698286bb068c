use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::state::Connection;

/// Says so while the widget is not connected; nothing when it is.
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let connection = Memo::new(move |_| chat.state().with(|s| s.connection));
    let text = move || match connection.get() {
        Connection::Online => String::new(),
        Connection::Connecting => chat.i18n.t("connection-connecting"),
        Connection::Reconnecting => chat.i18n.t("connection-reconnecting"),
    };
    view! {
        // The live region stays in the DOM so screen readers hear changes.
        <div class="salam-banner" role="status" class:salam-hidden=move || connection.get() == Connection::Online>
            {text}
        </div>
    }
}
