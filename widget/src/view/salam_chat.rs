use super::{greeting::GreetingPreview, launcher::Launcher, panel::Panel};
use crate::chat::Chat;
use leptos::ev::KeyboardEvent;
use leptos::html;
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
    chat.dispatch(salam_core::state::Event::Scale(config.rating));
    chat.dispatch(salam_core::state::Event::AttachPolicy(config.attachments.clone().filter(|_| chat.files_enabled())));
    let i18n = chat.i18n;
    use_clock(chat);
    let open = move || chat.with(|s| s.open);
    // The panel is built when the browser is next idle, or at once when
    // the visitor first opens it: starting the widget draws only the
    // launcher, which keeps each task on the host page's main thread short.
    let root = NodeRef::<html::Div>::new();
    let panel: StoredValue<Option<Box<dyn std::any::Any>>, LocalStorage> = StoredValue::new_local(None);
    let owner = Owner::current();
    let build_panel = move || {
        let built = panel.try_with_value(Option::is_some).unwrap_or(true);
        let (Some(owner), Some(root), Some(launcher)) =
            (&owner, root.get_untracked(), chat.ui.launcher.get_untracked())
        else {
            return;
        };
        if built {
            return;
        }
        // Inside the widget's owner: the panel finds the chat in context,
        // and its effects go when the widget does.
        let mut state =
            owner.with(|| view! { <Panel title=config.title.clone() subtitle=config.subtitle.clone() prechat=config.prechat.clone() channels=config.channels.clone() /> }.build());
        state.mount(&root, Some(&launcher));
        panel.set_value(Some(Box::new(state)));
    };
    when_idle(build_panel.clone());
    super::effect(Box::new(move || {
        if open() {
            build_panel();
        }
    }));
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && chat.peek(|s| s.open) {
            ev.stop_propagation();
            // An open menu closes first, back on its button.
            if chat.ui.menu.get_untracked() {
                chat.ui.menu.set(false);
                if let Some(more) = chat.ui.more.get_untracked() {
                    let _ = more.focus();
                }
            } else {
                chat.close();
            }
        }
    };
    view! {
        <div
            class=format!("salam-root salam-pos-{}", config.position.as_str())
            class:salam-open=move || open()
            dir=move || i18n.dir().as_str()
            lang=move || i18n.lang()
            on:keydown=on_keydown
            node_ref=root
        >
            <GreetingPreview />
            <Launcher />
        </div>
    }
}

/// Keeps the rows' relative times current: every 30 s while the page is
/// visible, at once when it becomes visible again, and not at all while it
/// is hidden (a background tab costs nothing).
fn use_clock(chat: Chat) {
    use leptos::leptos_dom::helpers::{set_interval_with_handle, IntervalHandle};
    use std::time::Duration;
    let handle: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);
    let start = move || {
        let tick = move || {
            let now = crate::chat::now_ms();
            chat.tick(now);
        };
        tick();
        let h = set_interval_with_handle(tick, Duration::from_secs(30)).ok();
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

/// Runs `f` once the browser is idle (`requestIdleCallback`), or after the
/// current task where that does not exist (Safari).
fn when_idle(f: impl FnOnce() + 'static) {
    use leptos::leptos_dom::helpers::{request_idle_callback_with_handle, set_timeout};
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let f = f.clone();
        move || {
            if let Some(f) = f.take() {
                f();
            }
        }
    };
    if request_idle_callback_with_handle(run.clone()).is_err() {
        set_timeout(run, std::time::Duration::ZERO);
    }
}
