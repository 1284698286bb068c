use super::icons::{IconChat, IconClose};
use super::ids;
use crate::chat::Chat;
use leptos::prelude::*;

/// The round button in the corner; opens and closes the panel and shows
/// how many replies arrived while it was closed.
#[component]
pub fn Launcher() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let open = Memo::new(move |_| chat.state().with(|s| s.open));
    let unread = Memo::new(move |_| chat.state().with(|s| s.unread));
    view! {
        <button
            type="button"
            class="salam-launcher"
            node_ref=chat.ui.launcher
            aria-label=move || chat.i18n.t_num("launcher-label", "unread", unread.get())
            aria-expanded=move || if open.get() { "true" } else { "false" }
            // The panel is built lazily; until then there is nothing to point at.
            aria-controls=move || chat.ui.panel.get().map(|_| ids::PANEL)
            on:click=move |_| chat.toggle()
        >
            // Both drawn; the stylesheet shows the one for the state
            // (aria-expanded), so toggling builds nothing.
            <IconChat />
            <IconClose />
            <Show when=move || { unread.get() > 0 }>
                <span class="salam-badge" aria-hidden="true">
                    {move || chat.i18n.number(u64::from(unread.get()))}
                </span>
            </Show>
        </button>
    }
}
