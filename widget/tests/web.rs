//! Component tests in headless Chromium (`cargo test -p salam-widget
//! --target wasm32-unknown-unknown`, run by `cargo xtask test`). Each test
//! mounts the real component into a fresh shadow root over the in-memory
//! transport, acts like a visitor or a server, waits a tick, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use salam_core::config::{Config, OwnerText, Position};
use salam_core::protocol::{Author, AuthorKind, ClientFrame, ServerFrame, Stage};
use salam_widget::transport::{InMemoryTransport, TransportEvent};
use salam_widget::{Chat, I18n, SalamChat};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: web_sys::ShadowRoot,
    net: InMemoryTransport,
    i18n: I18n,
    _handle: Box<dyn std::any::Any>,
    host: web_sys::Element,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

impl Mounted {
    fn new(config: Config) -> Self {
        Self::with_languages(config, &["en"])
    }

    fn with_languages(config: Config, languages: &'static [&'static str]) -> Self {
        let document = document();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
        let style = document.create_element("style").unwrap();
        style.set_text_content(Some(salam_widget::STYLES));
        root.append_child(&style).unwrap();
        let mount_point = document.create_element("div").unwrap();
        root.append_child(&mount_point).unwrap();
        let net = InMemoryTransport::new();
        let transport = net.clone();
        let i18n_out = std::rc::Rc::new(std::cell::Cell::new(None));
        let i18n_in = i18n_out.clone();
        let handle = leptos::mount::mount_to(mount_point.unchecked_into(), move || {
            let i18n = I18n::new(languages);
            i18n_in.set(Some(i18n));
            let chat = Chat::new(Box::new(transport), i18n);
            chat.start();
            view! { <SalamChat chat=chat config=config /> }
        });
        Self { root, net, i18n: i18n_out.get().unwrap(), _handle: Box::new(handle), host }
    }

    fn q(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
    }

    fn click(&self, selector: &str) {
        self.q(selector).unwrap_or_else(|| panic!("no {selector}")).unchecked_into::<web_sys::HtmlElement>().click();
    }

    fn type_text(&self, text: &str) {
        let ta: web_sys::HtmlTextAreaElement = self.q("textarea").unwrap().unchecked_into();
        ta.set_value(text);
        ta.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    /// Waits until the panel is built (when the browser is idle, or on the
    /// first open), for tests that look inside it while it is closed.
    async fn panel_built(&self) {
        for _ in 0..100 {
            if self.q(".salam-panel").is_some() {
                return;
            }
            tick().await;
        }
        panic!("the panel was never built");
    }

    /// Opens the panel, types `text` and presses the Send button.
    async fn open_and_send(&self, text: &str) {
        self.click(".salam-launcher");
        tick().await; // the panel is built on the first open
        self.type_text(text);
        self.click(".salam-send");
    }

    fn texts(&self) -> Vec<String> {
        self.all(".salam-msg .salam-text").iter().map(|e| e.text_content().unwrap_or_default()).collect()
    }

    fn server(&self, frame: ServerFrame) {
        self.net.deliver(TransportEvent::Frame(frame));
    }

    /// Opened and greeted: messages go out from here on.
    fn connected(&self) {
        self.net.deliver(TransportEvent::Opened);
        self.server(welcome());
    }
}

/// Lets effects and the next animation frame run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn agent(id: &str, seq: u64, text: &str) -> ServerFrame {
    ServerFrame::Message {
        id: id.into(),
        seq,
        author: Author { kind: AuthorKind::Agent, name: Some("Sara".into()), ..Author::default() },
        text: text.into(),
        client_id: None,
        at: Some(js_sys::Date::now() as u64 - 120_000),
        quick_replies: vec![],
        attachments: vec![],
    }
}

#[wasm_bindgen_test]
async fn the_panel_is_built_on_first_open_not_at_start() {
    let m = Mounted::new(Config::default());
    // Starting draws the launcher only; the panel waits for idle time or a click.
    assert!(m.q(".salam-panel").is_none());
    assert!(!m.q(".salam-launcher").unwrap().has_attribute("aria-controls"), "nothing to point at yet");
    m.click(".salam-launcher");
    tick().await;
    let panel = m.q(".salam-panel").expect("built on the click");
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(m.q(".salam-launcher").unwrap().get_attribute("aria-controls").as_deref(), Some("salam-panel"));
    assert!(m.q(".salam-root > .salam-panel + .salam-launcher").is_some(), "the panel comes before the launcher");
    m.click(".salam-launcher");
    tick().await;
    assert!(panel.has_attribute("hidden"), "closing keeps the panel, hidden");
}

#[wasm_bindgen_test]
async fn launcher_toggles_the_panel_and_reports_it() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    tick().await;
    let launcher = m.q(".salam-launcher").unwrap();
    assert_eq!(launcher.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(launcher.get_attribute("aria-label").as_deref(), Some("Chat with us"));
    assert!(m.q(".salam-panel").unwrap().has_attribute("hidden"));
    m.click(".salam-launcher");
    tick().await;
    assert_eq!(launcher.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!m.q(".salam-panel").unwrap().has_attribute("hidden"));
    assert_eq!(
        m.root.active_element().map(|e| e.tag_name()).as_deref(),
        Some("TEXTAREA"),
        "focus moves to the composer"
    );
}

#[wasm_bindgen_test]
async fn a_message_goes_from_sending_to_sent_and_replies_render() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    m.net.deliver(TransportEvent::Opened);
    tick().await;
    let sent = m.net.sent();
    let [ClientFrame::Hello { v: 1, token: None, last_seq: 0, limit, locale, context, conversation: None }] = &sent[..]
    else {
        panic!("{sent:?}")
    };
    assert_eq!(*limit, Some(salam_widget::core::state::HISTORY_PAGE));
    // The bot answers in the widget's language; the console sees the page and time zone.
    assert_eq!(locale.as_deref(), Some("en"));
    let context = context.clone().unwrap_or_default();
    let href = web_sys::window().unwrap().location().href().unwrap();
    assert_eq!(context.url.as_deref(), Some(href.as_str()));
    assert!(context.time_zone.is_some_and(|tz| !tz.is_empty()));
    m.server(welcome());
    m.open_and_send("Where is my order?").await;
    tick().await;
    assert_eq!(m.texts(), ["Where is my order?"]);
    assert!(m.q(".salam-status").unwrap().text_content().unwrap().contains("Sending"));
    assert!(m.net.sent().contains(&ClientFrame::Typing { on: true }), "the support side sees typing");
    let client_id = m
        .net
        .sent()
        .into_iter()
        .find_map(|f| match f {
            ClientFrame::Message { client_id, .. } => Some(client_id),
            _ => None,
        })
        .expect("a message frame");
    m.server(ServerFrame::Ack { client_id, id: "m1".into(), seq: 1 });
    m.server(agent("m2", 2, "Let me check."));
    tick().await;
    assert!(m.q(".salam-status").unwrap().text_content().unwrap().contains("Sent"));
    assert_eq!(m.texts(), ["Where is my order?", "Let me check."]);
    assert_eq!(m.all(".salam-msg-agent .salam-name")[0].text_content().as_deref(), Some("Sara"));
    // No avatar image from the server: her initial, hidden from screen readers (her name is next to it).
    let avatar = &m.all(".salam-msg-agent .salam-avatar")[0];
    assert_eq!(
        (avatar.text_content().as_deref(), avatar.get_attribute("aria-hidden").as_deref()),
        (Some("S"), Some("true"))
    );
}

#[wasm_bindgen_test]
async fn replies_while_closed_show_an_unread_count() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    m.net.deliver(TransportEvent::Opened);
    m.server(agent("m1", 1, "Hello?"));
    tick().await;
    let label = m.q(".salam-launcher").unwrap().get_attribute("aria-label").unwrap();
    assert_eq!(label, "Chat with us, \u{2068}1\u{2069} unread message");
    assert_eq!(m.q(".salam-badge").unwrap().text_content().as_deref(), Some("1"));
    m.click(".salam-launcher");
    tick().await;
    assert_eq!(m.q(".salam-badge").unwrap().text_content().as_deref(), Some(""), "no count once read");
}

#[wasm_bindgen_test]
async fn untrusted_text_is_text() {
    let m = Mounted::new(Config { title: OwnerText::plain("<b>Owner</b>"), ..Config::default() });
    m.panel_built().await;
    m.net.deliver(TransportEvent::Opened);
    m.server(agent("m1", 1, "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>"));
    m.click(".salam-launcher");
    tick().await;
    assert!(m.q(".salam-text img, .salam-text script, .salam-title b").is_none());
    assert_eq!(m.q(".salam-title").unwrap().text_content().as_deref(), Some("<b>Owner</b>"));
    assert!(m.texts()[0].starts_with("<img src=x"));
    let xss = js_sys::Reflect::get(&window(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined());
}

#[wasm_bindgen_test]
async fn a_refused_message_is_marked_failed_with_its_reason_and_a_retry() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    m.connected();
    m.open_and_send("anyone?").await;
    tick().await;
    let sent = |m: &Mounted| m.net.sent().into_iter().filter(|f| matches!(f, ClientFrame::Message { .. })).count();
    assert_eq!(sent(&m), 1);
    let client_id = m.q(".salam-msg").unwrap().get_attribute("data-key").unwrap();
    assert!(m.q(".salam-failed").is_none(), "no retry is offered before a failure");
    m.server(ServerFrame::Error { code: "too_long".into(), client_id: Some(client_id.clone()), retry_after_ms: None });
    tick().await;
    assert_eq!(m.texts(), ["anyone?"], "the text stays");
    let status = m.q(".salam-failed .salam-status").unwrap().text_content().unwrap();
    assert!(status.contains("Not sent: the message is too long."), "{status}");
    m.click(".salam-retry");
    tick().await;
    assert_eq!(sent(&m), 2, "the retry sends it again");
    assert!(
        m.net.sent().contains(&ClientFrame::Message { client_id, text: "anyone?".into(), attachments: vec![] }),
        "with the same id"
    );
}

#[wasm_bindgen_test]
async fn the_connection_banner_shows_until_connected() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    tick().await;
    let banner = m.q(".salam-banner").unwrap();
    assert!(banner.text_content().unwrap().contains("Connecting"));
    m.net.deliver(TransportEvent::Opened);
    tick().await;
    assert!(!banner.class_list().contains("salam-hidden"), "connected is not greeted yet");
    m.server(welcome());
    tick().await;
    assert!(banner.class_list().contains("salam-hidden"));
    m.net.deliver(TransportEvent::Closed);
    tick().await;
    assert!(banner.text_content().unwrap().contains("Reconnecting"));
}

fn welcome() -> ServerFrame {
    ServerFrame::Welcome {
        v: 1,
        token: "t".into(),
        conversation: "k".into(),
        head_seq: 0,
        status: salam_core::protocol::ConversationStatus::Open,
    }
}

#[wasm_bindgen_test]
async fn typing_and_resolved_show_under_the_log() {
    let m = Mounted::new(Config::default());
    m.panel_built().await;
    m.click(".salam-launcher");
    m.net.deliver(TransportEvent::Opened);
    m.server(welcome());
    let sara = Author { kind: AuthorKind::Agent, name: Some("Sara".into()), ..Author::default() };
    m.server(ServerFrame::Typing { author: sara, on: true });
    tick().await;
    let notice = m.q(".salam-notice").unwrap();
    assert_eq!(notice.text_content().as_deref(), Some("\u{2068}Sara\u{2069} is typing…"));
    m.server(agent("m1", 1, "Done!"));
    tick().await;
    assert_eq!(notice.text_content().as_deref(), Some(""), "the message replaces the indicator");
    m.server(ServerFrame::Status { status: salam_core::protocol::ConversationStatus::Resolved });
    tick().await;
    assert!(notice.text_content().unwrap().contains("resolved"));
}

#[wasm_bindgen_test]
async fn boot_mounts_once_and_shutdown_removes_everything() {
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"title".into(), &"Booted".into()).unwrap();
    salam_widget::boot(data.clone().into(), js_sys::Array::new().into());
    salam_widget::boot(data.into(), js_sys::Array::new().into());
    // The start runs in several short tasks: wait until the widget says it is ready.
    let ready = || document().query_selector("salam-chat[data-salam=ready]").ok().flatten().is_some();
    for _ in 0..200 {
        if ready() {
            break;
        }
        tick().await;
    }
    assert!(ready(), "the widget started");
    let hosts = document().query_selector_all("salam-chat").unwrap();
    assert_eq!(hosts.length(), 1, "a second boot does nothing");
    let root = hosts.item(0).unwrap().unchecked_into::<web_sys::Element>().shadow_root().unwrap();
    let api: js_sys::Function = js_sys::Reflect::get(&window(), &"Salam".into()).unwrap().unchecked_into();
    api.call1(&JsValue::NULL, &"open".into()).unwrap();
    tick().await;
    assert!(!root.query_selector(".salam-panel").unwrap().unwrap().has_attribute("hidden"));
    assert_eq!(root.query_selector(".salam-title").unwrap().unwrap().text_content().as_deref(), Some("Booted"));
    api.call1(&JsValue::NULL, &"shutdown".into()).unwrap();
    tick().await;
    assert_eq!(document().query_selector_all("salam-chat").unwrap().length(), 0);
    assert!(js_sys::Reflect::get(&window(), &"Salam".into()).unwrap().is_undefined());
}

#[wasm_bindgen_test]
async fn persian_is_right_to_left_with_persian_digits_and_switches_in_place() {
    let m = Mounted::with_languages(Config::default(), &["fa-IR", "en"]);
    m.panel_built().await;
    m.net.deliver(TransportEvent::Opened);
    m.server(agent("m1", 1, "سلام! چطور می‌توانم کمک کنم؟"));
    tick().await;
    let root = m.q(".salam-root").unwrap();
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("fa"));
    assert_eq!(m.q(".salam-badge").unwrap().text_content().as_deref(), Some("۱"));
    let label = m.q(".salam-launcher").unwrap().get_attribute("aria-label").unwrap();
    assert!(label.contains('۱') && !label.contains('1'), "{label}");
    // "2 minutes ago" in Persian, from Intl, with Persian digits.
    let when = m.q(".salam-msg time").unwrap().text_content().unwrap();
    assert!(when.contains('۲'), "{when}");
    // Digits are a number's, formatted; a name is text and keeps its own.
    let bot = Author { kind: AuthorKind::Bot, name: Some("Bot 2".into()), ..Author::default() };
    m.server(ServerFrame::Typing { author: bot, on: true });
    tick().await;
    let typing = m.q(".salam-notice").unwrap().text_content().unwrap();
    assert!(typing.contains("Bot 2") && !typing.contains('۲'), "{typing}");
    assert!(m.q(".salam-msg time").unwrap().get_attribute("datetime").unwrap().ends_with('Z'));

    m.i18n.set_requested(&["de-AT"]);
    tick().await;
    assert_eq!(root.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(m.q(".salam-badge").unwrap().text_content().as_deref(), Some("1"));
    let when = m.q(".salam-msg time").unwrap().text_content().unwrap();
    assert!(when.contains("Minuten"), "{when}");
}

#[wasm_bindgen_test]
async fn owner_texts_follow_the_language() {
    let title =
        OwnerText { any: None, by_locale: vec![("en".into(), "Help".into()), ("ar".into(), "مساعدة".into())] };
    let m = Mounted::with_languages(Config { title, ..Config::default() }, &["ar-EG"]);
    m.panel_built().await;
    tick().await;
    assert_eq!(m.q(".salam-title").unwrap().text_content().as_deref(), Some("مساعدة"));
    m.i18n.set_requested(&["ja"]);
    tick().await;
    assert_eq!(
        m.q(".salam-title").unwrap().text_content().as_deref(),
        Some("Help"),
        "owner's English for a language they did not give"
    );
    m.i18n.set_requested(&["en-XA"]);
    tick().await;
    let subtitle = m.q(".salam-subtitle").unwrap().text_content().unwrap();
    assert!(subtitle.starts_with('[') && subtitle.ends_with(']'), "pseudo-locale: {subtitle}");
}

#[wasm_bindgen_test]
async fn the_launcher_mirrors_in_rtl_unless_the_owner_pins_a_corner() {
    let width = window().inner_width().unwrap().as_f64().unwrap();
    let right_edge = |m: &Mounted| m.q(".salam-launcher").unwrap().get_bounding_client_rect().right();
    let mirrored = Mounted::with_languages(Config::default(), &["ur"]);
    tick().await;
    assert!(right_edge(&mirrored) < 200.0, "right-to-left: bottom-left");
    drop(mirrored);
    let pinned = Mounted::with_languages(Config { position: Position::Right, ..Config::default() }, &["ur"]);
    tick().await;
    assert!(width - right_edge(&pinned) < 40.0, "pinned right in a right-to-left language");
    pinned.i18n.set_requested(&["en"]);
    tick().await;
    assert!(width - right_edge(&pinned) < 40.0, "and in a left-to-right one");
}

/// The wasm build selects CLDR's plural forms too (its rule tables hold
/// only the shipped languages): Arabic 103 is "few" (intl_pluralrules 7.0.2
/// said "other"), 100 is not. (ar.ftl words "many" and "other" alike.)
#[wasm_bindgen_test]
fn arabic_counts_take_cldrs_plural_forms_in_the_browser() {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::new(&["ar"]);
        let label = |n: u32| i18n.t_num("launcher-label", "unread", n);
        assert!(label(103).contains("رسائل"), "few: {}", label(103));
        assert!(!label(100).contains("رسائل"), "other: {}", label(100));
        assert!(label(2).contains("رسالتان"), "two: {}", label(2));
    });
}

#[wasm_bindgen_test]
async fn answers_render_their_rich_text_as_nodes_and_quick_replies_send_once() {
    let m = Mounted::new(Config::default());
    m.connected();
    m.click(".salam-launcher");
    tick().await;
    m.server(ServerFrame::Stage { stage: Stage::Bot, agent: None, queue_position: None });
    m.server(ServerFrame::Message {
        id: "m1".into(),
        seq: 1,
        author: Author::named(AuthorKind::Bot, "Assistant"),
        text: "**Free** for 14 days: https://example.com/p.\n[x](javascript:alert(1)) <b>no</b>".into(),
        client_id: None,
        at: None,
        quick_replies: vec!["Yes".into(), "No".into()],
        attachments: vec![],
    });
    tick().await;
    let text = m.q(".salam-msg-bot .salam-text").unwrap();
    assert_eq!(text.query_selector("strong").unwrap().unwrap().text_content().as_deref(), Some("Free"));
    let links = text.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1, "the javascript: link stays text");
    let a: web_sys::Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(a.get_attribute("href").as_deref(), Some("https://example.com/p"));
    assert_eq!(a.get_attribute("rel").as_deref(), Some("noopener noreferrer nofollow"));
    assert!(text.query_selector("b").unwrap().is_none(), "HTML is never parsed");
    assert_eq!(
        text.text_content().as_deref(),
        Some("Free for 14 days: https://example.com/p.[x](javascript:alert(1)) <b>no</b>")
    );
    // The header offers a person while the bot answers.
    assert!(m.q(".salam-answering[data-stage=bot] .salam-handover").is_some());

    let buttons = m.all(".salam-quick-replies button");
    assert_eq!(buttons.iter().map(|b| b.text_content().unwrap_or_default()).collect::<Vec<_>>(), ["Yes", "No"]);
    m.click(".salam-quick-replies button:last-child");
    m.click(".salam-quick-replies button:last-child"); // a double click sends once
    tick().await;
    let sent: Vec<String> = m
        .net
        .sent()
        .into_iter()
        .filter_map(|f| match f {
            ClientFrame::Message { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(sent, ["No"]);
    assert!(m.all(".salam-quick-replies button").is_empty(), "retired once the visitor answered");
    assert!(m.q(".salam-quick-replies[hidden]").is_some(), "and the group with them");
}
