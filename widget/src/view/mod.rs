//! The widget's components, one per file. Each reads the [`crate::Chat`]
//! from context and sends intents through it; none writes state directly.

mod answering;
mod avatar;
mod channels;
mod composer;
mod connection_banner;
mod conversation_notice;
mod dom;
mod ending;
mod fields_form;
mod files;
mod greeting;
mod header;
mod icons;
mod launcher;
mod menu;
mod message_list;
mod message_row;
mod panel;
mod quick_replies;
mod rich_text;
mod salam_chat;
mod threads;
mod ticket_bar;

pub use salam_chat::SalamChat;

pub(crate) use dom::set as dom_set;

/// Element ids inside the shadow root (ids are scoped to it, so these
/// cannot clash with the host page's).
pub(crate) mod ids {
    pub const PANEL: &str = "salam-panel";
    pub const TITLE: &str = "salam-title";
    pub const INPUT: &str = "salam-input";
    pub const HINT: &str = "salam-hint";
    pub const ERROR: &str = "salam-error";
    pub const FILE: &str = "salam-file-input";
}

/// Runs `f` once the view is built and again whenever a signal it read
/// changes. `Effect::new` behind one closure type: each distinct closure
/// given to `Effect::new` instantiates Leptos' effect machinery again
/// (2 to 6 KB of wasm), so every effect of the widget goes through here.
pub(crate) fn effect(f: Box<dyn Fn()>) {
    leptos::prelude::Effect::new(move |_| f());
}
