use super::dom::{add, set};
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::protocol::Thread;
use salam_core::state::Event;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

const TITLE: &str = "salam-threads-title";

/// What the list shows: the server's answer (none yet), and which
/// conversation is the current one.
type Shown = Option<(Option<Vec<Thread>>, Option<String>)>;

/// "Your conversations", in the chat's place: the visitor's chats and
/// requests, the newest first, each a button with its last message (bold
/// while unread), its status, when, and its reference; "New conversation"
/// under them and "Back to the chat" above. The list is built with the DOM
/// when the server's answer or the language changes; the panel hides the
/// chat while it shows (`data-threads`, see `salam.css`).
#[component]
pub fn Threads() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let root = NodeRef::<leptos::html::Section>::new();
    // The language the heading and buttons were built in, and what the
    // list shows: this runs on any change of the state (a typing
    // indicator, a read receipt), and a list built again would take the
    // focus from the row the visitor is on.
    let built = std::cell::RefCell::new(String::new());
    let shown: std::cell::RefCell<Shown> = Default::default();
    super::effect(Box::new(move || {
        let (open, threads, current) = chat.with(|s| (s.threads_open, s.threads.clone(), s.conversation.clone()));
        let lang = i18n.lang();
        let Some(root) = root.get() else { return };
        let Some(doc) = root.owner_document() else { return };
        let was_open = !root.hidden();
        root.set_hidden(!open);
        if let Some(panel) = chat.ui.panel.get_untracked() {
            let _ = panel.toggle_attribute_with_force("data-threads", open);
        }
        if !open {
            return;
        }
        if *built.borrow() != lang {
            root.set_text_content(None);
            for (tag, class, text, action) in [
                ("button", "salam-form-cancel salam-threads-back", "threads-back", "t-back"),
                ("h3", "salam-threads-title", "threads-title", ""),
                ("ul", "salam-thread-list", "", ""),
                ("button", "salam-form-submit salam-threads-new", "threads-new", "t-new"),
            ] {
                let text = if text.is_empty() { String::new() } else { i18n.t(text) };
                let Some(el) = add(&doc, &root, tag, class, &text) else { continue };
                if tag == "h3" {
                    set(&el, &[("id", TITLE), ("tabindex", "-1")]);
                } else if !action.is_empty() {
                    set(&el, &[("type", "button"), ("data-a", action)]);
                }
            }
            *built.borrow_mut() = lang;
            *shown.borrow_mut() = None;
        }
        let (Ok(Some(list)), Ok(Some(title))) = (root.query_selector("ul"), root.query_selector("h3")) else { return };
        if !was_open {
            let _ = title.unchecked_ref::<HtmlElement>().focus();
        }
        let key = Some((threads.clone(), current.clone()));
        if was_open && *shown.borrow() == key {
            return;
        }
        *shown.borrow_mut() = key;
        list.set_text_content(None);
        let _ = list.set_attribute("aria-busy", if threads.is_none() { "true" } else { "false" });
        let Some(threads) = threads else { return };
        if threads.is_empty() {
            add(&doc, &list, "li", "salam-threads-empty", &i18n.t("threads-empty"));
        }
        for t in &threads {
            let _ = row(chat, &doc, &list, t, current.as_deref() == Some(t.id.as_str()));
        }
    }));
    view! { <section class="salam-threads" hidden aria-labelledby=TITLE node_ref=root></section> }
}

/// One conversation: a button that opens it.
fn row(chat: Chat, doc: &web_sys::Document, list: &web_sys::Element, t: &Thread, current: bool) -> Option<()> {
    let i18n = chat.i18n;
    let item = add(doc, list, "li", "", "")?;
    let class = if t.unread > 0 { "salam-thread salam-unread" } else { "salam-thread" };
    let button = add(doc, &item, "button", class, "")?;
    set(&button, &[("type", "button"), ("data-a", "t-open"), ("data-id", &t.id)]);
    if current {
        set(&button, &[("aria-current", "true")]);
    }
    // Untrusted text, as text, in its own direction.
    let text = add(doc, &button, "span", "salam-thread-text", &t.text)?;
    set(&text, &[("dir", "auto")]);
    let mut meta = i18n.t_str("threads-status", "status", &t.status);
    let at = if t.at > 0 { i18n.date_time(t.at) } else { String::new() };
    let reference = t.reference.map(|r| format!("#{r}")).unwrap_or_default();
    let unread = if t.unread > 0 { i18n.t_num("threads-unread", "count", t.unread) } else { String::new() };
    for part in [at, reference, unread] {
        if !part.is_empty() {
            meta.push_str(" · ");
            meta.push_str(&part);
        }
    }
    add(doc, &button, "span", "salam-thread-meta", &meta)?;
    Some(())
}

/// A button of the list (`t-<name>` in the panel's click listener).
pub fn act(chat: Chat, name: &str, button: &web_sys::Element) {
    match name {
        "back" => chat.dispatch(Event::Threads(false)),
        "new" => chat.dispatch(Event::OpenThread("new".into())),
        "open" => chat.dispatch(Event::OpenThread(button.get_attribute("data-id").unwrap_or_default())),
        _ => return,
    }
    // Back in the chat (shown once the effects ran): the composer has the focus.
    if let Some(composer) = chat.ui.composer.get_untracked() {
        request_animation_frame(move || drop(composer.focus()));
    }
}
