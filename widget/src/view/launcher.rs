use super::icons::{IconChat, IconClose};
use super::ids;
use crate::chat::Chat;
use leptos::prelude::*;

/// The round button in the corner; opens and closes the panel and shows
/// how many replies arrived while it was closed.
#[component]
pub fn Launcher() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let open = move || chat.with(|s| s.open);
    let unread = move || chat.with(|s| s.unread);
    view! {
        <button
            type="button"
            class="salam-launcher"
            node_ref=chat.ui.launcher
            aria-label=move || chat.i18n.t_num("launcher-label", "unread", unread())
            aria-expanded=move || if open() { "true" } else { "false" }
            // The panel is built lazily; until then there is nothing to point at.
            aria-controls=move || chat.ui.panel.get().map(|_| ids::PANEL)
            on:click=move |_| chat.toggle()
        >
            // Both drawn; the stylesheet shows the one for the state
            // (aria-expanded), so toggling builds nothing.
            <IconChat />
            <IconClose />
            // Empty (and hidden by the stylesheet) with nothing unread.
            <span class="salam-badge" aria-hidden="true">
                {move || match unread() {
                    0 => String::new(),
                    n => chat.i18n.number(u64::from(n)),
                }}
            </span>
        </button>
    }
}
