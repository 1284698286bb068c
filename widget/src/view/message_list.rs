use super::message_row::MessageRow;
use crate::chat::Chat;
use leptos::html;
use leptos::prelude::*;
use salam_core::state::Event;

/// The conversation log. Rows are keyed by the message's stable key (its
/// client id or server id), so a status change never rebuilds a row and
/// screen readers hear each message once.
#[component]
pub fn MessageList() -> impl IntoView {
    let chat = expect_context::<Chat>();
    // Keys never change, and the state bumps `layout` whenever a row is
    // added, removed or moved; the key list is rebuilt only then, not on
    // every keystroke or status change.
    let layout = Memo::new(move |_| chat.state().with(|s| s.layout));
    let keys = Memo::new(move |_| {
        // `.get()`, not `.track()`: tracking does not refresh a stale memo.
        let _ = layout.get();
        chat.state().with_untracked(|s| s.messages.iter().map(|m| m.key.clone()).collect::<Vec<_>>())
    });
    let log = NodeRef::<html::Div>::new();

    // Keep the newest message in view when it arrives, unless the visitor
    // has scrolled up to read older ones.
    let near_bottom = StoredValue::new(true);
    // Near the top: fetch the page before. The browser's scroll anchoring
    // then keeps what the visitor is reading in place while it goes in
    // above; anchoring needs the log scrolled off 0, hence the nudge.
    let load_earlier_if_at_top = move |el: &web_sys::HtmlElement| {
        let has_earlier = chat.state().with_untracked(|s| s.has_earlier());
        if has_earlier && el.scroll_top() < 64 {
            if el.scroll_top() == 0 {
                el.set_scroll_top(1);
            }
            chat.dispatch(Event::LoadEarlier);
        }
    };
    let stick_to_bottom = move || {
        if let Some(el) = log.get_untracked() {
            if near_bottom.get_value() {
                el.set_scroll_top(el.scroll_height());
            }
        }
    };
    Effect::new(move |_| {
        keys.track();
        stick_to_bottom();
    });
    // Rows that arrived while the panel was hidden had no height; on
    // opening, show the newest one.
    let open = Memo::new(move |_| chat.state().with(|s| s.open));
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(stick_to_bottom);
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = log.get_untracked() {
            near_bottom.set_value(el.scroll_height() - el.scroll_top() - el.client_height() < 48);
            load_earlier_if_at_top(&el);
        }
    };

    view! {
        <div
            class="salam-log"
            role="log"
            aria-label=move || chat.i18n.t("log-label")
            aria-relevant="additions"
            tabindex="0"
            node_ref=log
            on:scroll=on_scroll
        >
            <Show when=move || keys.with(Vec::is_empty)>
                <p class="salam-empty">{move || chat.i18n.t("log-empty")}</p>
            </Show>
            <For each=move || keys.get() key=|k| k.clone() let:key>
                <MessageRow key=key />
            </For>
        </div>
    }
}
