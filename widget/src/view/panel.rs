use super::{
    channels::Channels,
    composer::Composer,
    connection_banner::ConnectionBanner,
    conversation_notice::ConversationNotice,
    ending::EndingView,
    fields_form::{FieldsForm, PRECHAT, TICKET, TRANSCRIPT},
    header::Header,
    ids,
    message_list::MessageList,
    quick_replies::QuickReplies,
    threads::Threads,
    ticket_bar::TicketBar,
};
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::config::OwnerText;

/// The chat window: a non-modal dialog with header, log and composer.
#[component]
pub fn Panel(
    /// Owner's title, per language; empty for the localized default.
    title: OwnerText,
    /// Owner's subtitle, per language; empty for the localized default.
    subtitle: OwnerText,
    /// The owner's pre-chat fields; none: no form.
    prechat: Vec<salam_core::prechat::Field>,
    /// Other ways to reach the team, with their links.
    channels: Vec<(salam_core::channels::Channel, String)>,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let open = move || chat.with(|s| s.open);
    // Before the first message, the form takes the composer's place, for
    // what is not known yet (identify, an earlier form).
    let ask = Memo::new(move |_| {
        chat.with(|s| {
            if prechat.is_empty() || s.prechat_done || !s.messages.is_empty() {
                return vec![];
            }
            salam_core::prechat::to_ask(&prechat, &s.known)
        })
    });
    let ticket = Memo::new(move |_| chat.with(|s| if s.ticket_open { salam_core::ticket::fields() } else { vec![] }));
    let transcript = Memo::new(move |_| {
        chat.with(|s| if s.transcript_form { salam_core::ticket::transcript_fields() } else { vec![] })
    });
    super::effect(Box::new(move || {
        if let Some(panel) = chat.ui.panel.get() {
            listen_for_files(chat, &panel);
        }
    }));
    view! {
        <div
            id=ids::PANEL
            class="salam-panel"
            role="dialog"
            aria-modal="false"
            aria-labelledby=ids::TITLE
            node_ref=chat.ui.panel
            hidden=move || !open()
            on:click=move |ev| click(chat, ev)

        >
            <Header title=title subtitle=subtitle />
            <ConnectionBanner />
            <MessageList />
            <QuickReplies />
            <ConversationNotice />
            <TicketBar />
            <Channels channels=channels />
            <FieldsForm kind=&PRECHAT fields=ask />
            <FieldsForm kind=&TICKET fields=ticket />
            <FieldsForm kind=&TRANSCRIPT fields=transcript />
            <EndingView />
            <Threads />
            // Hidden, not removed, while a form or the rating shows: one view type fewer.
            <div
                class="salam-composer-slot"
                hidden=move || {
                    ask.with(|a| !a.is_empty()) || ticket.with(|t| !t.is_empty())
                        || transcript.with(|t| !t.is_empty())
                        || chat.with(|s| s.ending == salam_core::ending::Ending::Rating)
                }
            >
                <Composer />
            </div>
        </div>
    }
}

/// Files picked (the file input's `change`), pasted into the composer, or
/// dragged over and dropped on the panel: one native listener for the four,
/// installed once the panel is built (each of Leptos' typed listeners adds
/// its own code to the wasm). It goes with the panel's owner.
fn listen_for_files(chat: Chat, panel: &web_sys::HtmlDivElement) {
    use wasm_bindgen::{closure::Closure, JsCast};
    if !chat.peek(|s| s.attach.is_some()) {
        return;
    }
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let files = match ev.type_().as_str() {
            "change" => ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .filter(|input| input.type_() == "file")
                .and_then(|input| input.files()),
            "paste" => ev.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()).and_then(|d| d.files()),
            _ => {
                let Some(data) = ev.dyn_ref::<web_sys::DragEvent>().and_then(|e| e.data_transfer()) else { return };
                if !data.types().includes(&"Files".into(), 0) {
                    return;
                }
                // Accepting the drag is what lets the drop happen.
                ev.prevent_default();
                if ev.type_() == "dragover" {
                    return;
                }
                data.files()
            }
        };
        let Some(files) = files.filter(|f| f.length() > 0) else { return };
        ev.prevent_default();
        for i in 0..files.length() {
            if let Some(file) = files.get(i) {
                crate::files::attach(chat, file);
            }
        }
        // The same file may be picked again. (The list is the input's own:
        // emptied with its value, so only once every file is taken.)
        if let Some(input) =
            ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).filter(|i| i.type_() == "file")
        {
            input.set_value("");
        }
    });
    for kind in ["change", "paste", "dragover", "drop"] {
        let _ = panel.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    }
    StoredValue::new_local(listener);
}

/// Every click in the panel, through one listener: each `on:click` closure
/// instantiates Leptos' listener code again, so the buttons say what they
/// do with `data-a` instead, and the rating's radios and boxes are read
/// here too.
fn click(chat: Chat, ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        if input.closest(".salam-ending").ok().flatten().is_some() {
            super::ending::pick(chat, &input);
        }
        return;
    }
    let Some((name, el)) = super::dom::action(&ev) else { return };
    match name.as_str() {
        "close" => chat.close(),
        "handover" => chat.dispatch(salam_core::state::Event::Handover),
        "more" => chat.ui.menu.update(|open| *open = !*open),
        "reply" => chat.quick_reply(el.text_content().unwrap_or_default()),
        "retry" | "cancel" => {
            if let Some(key) = el.closest(".salam-msg").ok().flatten().and_then(|row| row.get_attribute("data-key")) {
                chat.dispatch(if name == "retry" {
                    salam_core::state::Event::Retry { client_id: key }
                } else {
                    salam_core::state::Event::CancelUpload { client_id: key }
                });
            }
        }
        "unattach" => {
            // A file of the ticket form: removed (its upload stopped); the
            // focus goes back to "Attach a file".
            if let Some(key) = el.closest("li").ok().flatten().and_then(|row| row.get_attribute("data-key")) {
                chat.dispatch(salam_core::state::Event::CancelUpload { client_id: key });
            }
            if let Ok(Some(attach)) =
                chat.ui.panel.get_untracked().map_or(Ok(None), |p| p.query_selector(".salam-form-attach"))
            {
                let _ = attach.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
        "dl" => {
            ev.prevent_default();
            let get = |n| el.get_attribute(n).unwrap_or_default();
            crate::files::download(chat, get("data-u"), get("data-n"));
        }
        "attach" => {
            if let Some(input) = el.next_element_sibling() {
                input.unchecked_ref::<web_sys::HtmlElement>().click();
            }
        }
        other => {
            if let Some(item) = other.strip_prefix("m-") {
                super::menu::choose(chat, item);
            } else if let Some(step) = other.strip_prefix("e-") {
                super::ending::act(chat, step, &el);
            } else if let Some(step) = other.strip_prefix("t-") {
                super::threads::act(chat, step, &el);
            }
        }
    }
}
