use super::dom::{add, set};
use super::icons::IconMore;
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::ending::{Ending, Step};
use salam_core::protocol::{AuthorKind, ConversationStatus};
use salam_core::state::Event;
use salam_core::transcript::{html, text, Line};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

const MENU: &str = "salam-menu";

/// The panel's menu, behind a "More options" button in the header: the
/// visitor's conversations, leave a message, the conversation as a file (text or a web page) or by
/// e-mail, and "End chat". A disclosure: the button says whether it is
/// open, Tab walks the items, Escape closes it and returns to the button
/// (see `SalamChat`), and focus leaving it closes it. Its items are built with the DOM each
/// time it opens, with what applies then.
#[component]
pub fn Menu() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let open = chat.ui.menu;
    let button = chat.ui.more;
    let list = NodeRef::<leptos::html::Div>::new();
    super::effect(Box::new(move || {
        let shown = open.get();
        i18n.lang();
        let (Some(button), Some(list)) = (button.get(), list.get()) else { return };
        set(&button, &[("aria-expanded", if shown { "true" } else { "false" })]);
        let _ = button.set_attribute("aria-label", &i18n.t("menu-label"));
        list.set_hidden(!shown);
        list.set_text_content(None);
        let Some(doc) = list.owner_document() else { return };
        if !shown {
            return;
        }
        let (said, open_chat) =
            chat.peek(|s| (!s.messages.is_empty(), s.status == ConversationStatus::Open && s.ending == Ending::None));
        let mut first = None;
        for (name, message, applies) in [
            ("threads", "threads-title", true),
            ("ticket", "ticket-offer", true),
            ("text", "menu-transcript-text", said),
            ("html", "menu-transcript-html", said),
            ("email", "menu-email", said),
            ("end", "menu-end", said && open_chat),
        ] {
            if let (true, Some(item)) = (applies, add(&doc, &list, "button", "salam-menu-item", &i18n.t(message))) {
                set(&item, &[("type", "button"), ("data-a", &format!("m-{name}"))]);
                first.get_or_insert(item);
            }
        }
        if let Some(first) = first {
            let _ = first.unchecked_ref::<HtmlElement>().focus();
        }
    }));
    // Focus leaving the menu (a click elsewhere, Tab past it) closes it.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let to = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let wrap = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !wrap.is_some_and(|w| w.contains(to.as_ref())) {
            open.set(false);
        }
    };
    view! {
        <div class="salam-menu-wrap" on:focusout=on_focusout>
            <button
                type="button"
                class="salam-icon-button salam-more"
                aria-controls=MENU
                aria-expanded="false"
                node_ref=button
                data-a="more"
            >
                <IconMore />
            </button>
            <div id=MENU class="salam-menu" hidden node_ref=list></div>
        </div>
    }
}

/// What a menu item does (`m-<name>` in the panel's click listener): the
/// menu closes and the item acts.
pub fn choose(chat: Chat, name: &str) {
    chat.ui.menu.set(false);
    match name {
        "ticket" => chat.dispatch(Event::TicketForm(true)),
        "threads" => chat.dispatch(Event::Threads(true)),
        "email" => chat.dispatch(Event::TranscriptForm(true)),
        "end" => chat.dispatch(Event::End(Step::AskEnd, String::new())),
        "text" | "html" => download(chat, name == "html"),
        _ => {}
    }
}

/// Saves the conversation as a text file or a web page, as the visitor
/// sees it: who wrote each message (you, the agent, the bot) and when.
fn download(chat: Chat, page: bool) {
    let i18n = chat.i18n;
    let title = i18n.t("transcript-title");
    let (you, team) = (i18n.t("transcript-you"), i18n.t("transcript-team"));
    let lines: Vec<Line> = chat.peek(|s| {
        s.messages
            .iter()
            .map(|m| Line {
                who: match (&m.author, &m.author_name) {
                    (AuthorKind::Visitor, _) => you.clone(),
                    (_, Some(name)) => name.clone(),
                    _ => team.clone(),
                },
                when: m.at.map(|at| i18n.date_time(at)).unwrap_or_default(),
                text: m.text.clone(),
            })
            .collect()
    });
    let (content, kind, ext) = if page {
        let rtl = i18n.dir() == salam_core::i18n::Direction::Rtl;
        (html(&title, &i18n.lang(), rtl, &lines), "text/html;charset=utf-8", "html")
    } else {
        (text(&title, &lines), "text/plain;charset=utf-8", "txt")
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    let parts = js_sys::Array::of1(&JsValue::from_str(&content));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        set(&a, &[("href", &url), ("download", &format!("{title}.{ext}"))]);
        a.unchecked_ref::<HtmlElement>().click();
    }
    // After the browser has started the download.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(1));
}
