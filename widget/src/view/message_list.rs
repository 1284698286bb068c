use super::message_row::MessageRow;
use crate::chat::Chat;
use leptos::html;
use leptos::prelude::*;

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
    Effect::new(move |_| {
        keys.track();
        if let Some(el) = log.get_untracked() {
            if near_bottom.get_value() {
                el.set_scroll_top(el.scroll_height());
            }
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = log.get_untracked() {
            near_bottom.set_value(el.scroll_height() - el.scroll_top() - el.client_height() < 48);
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
