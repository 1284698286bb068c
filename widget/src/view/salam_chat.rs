use super::{launcher::Launcher, panel::Panel};
use crate::chat::Chat;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use salam_core::config::Config;

/// The whole widget: launcher and panel. Use it directly in a Leptos app
/// with your own [`Chat`] and transport, or let the one-tag embed mount it.
#[component]
pub fn SalamChat(
    /// The controller, created with [`Chat::new`] and started with [`Chat::start`].
    chat: Chat,
    /// The owner's configuration.
    config: Config,
) -> impl IntoView {
    provide_context(chat);
    let i18n = chat.i18n;
    let open = Memo::new(move |_| chat.state().with(|s| s.open));
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.stop_propagation();
            chat.close();
        }
    };
    view! {
        <div
            class=format!("salam-root salam-pos-{}", config.position.as_str())
            class:salam-open=move || open.get()
            dir=move || i18n.dir().as_str()
            lang=move || i18n.lang()
            on:keydown=on_keydown
        >
            <Panel title=config.title subtitle=config.subtitle />
            <Launcher />
        </div>
    }
}
