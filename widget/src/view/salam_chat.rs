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
    use_clock(chat.now);
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
            <Panel title=config.title.clone() subtitle=config.subtitle.clone() />
            <Launcher />
        </div>
    }
}

/// Keeps `now` current for relative times: every 30 s while the page is
/// visible, at once when it becomes visible again, and not at all while it
/// is hidden (a background tab costs nothing).
fn use_clock(now: RwSignal<u64>) {
    use leptos::leptos_dom::helpers::{set_interval_with_handle, IntervalHandle};
    use std::time::Duration;
    let handle: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);
    let start = move || {
        now.try_set(crate::chat::now_ms());
        let h = set_interval_with_handle(move || _ = now.try_set(crate::chat::now_ms()), Duration::from_secs(30)).ok();
        handle.try_set_value(h);
    };
    let stop = move || {
        if let Some(Some(h)) = handle.try_update_value(Option::take) {
            h.clear();
        }
    };
    if !document().hidden() {
        start();
    }
    let listener = window_event_listener(leptos::ev::visibilitychange, move |_| {
        stop();
        if !document().hidden() {
            start();
        }
    });
    on_cleanup(move || {
        stop();
        listener.remove();
    });
}
