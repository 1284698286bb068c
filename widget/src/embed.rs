//! The one-tag embed: config from the page, the `<salam-chat>` host with its
//! shadow root and styles, the mount, and the `window.Salam(...)` host API.
//!
//! `salam.js` (the loader) reads the `<script>` tag's `data-*` attributes
//! while it still can (`document.currentScript` is only set then), keeps a
//! queue of `Salam(...)` calls made before the app is ready, loads this
//! module and calls [`boot`].

use crate::chat::Chat;
use crate::i18n::I18n;
use crate::transport::{BridgeTransport, EchoTransport, SseTransport, WebSocketTransport};
use crate::view::SalamChat;
use js_sys::{Array, Object, Reflect, JSON};
use leptos::prelude::*;
use salam_core::config::{api_urls, parse_config, Config, RawSettings, TransportKind};
use salam_core::i18n::requested_languages;
use salam_core::state::HostEvent;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The widget's stylesheet, compiled in so it needs no extra request and
/// works under a strict `style-src` (constructable stylesheets are not
/// inline styles).
pub const STYLES: &str = include_str!("../../styles/salam.css");

/// Name of the host element.
pub const HOST_TAG: &str = "salam-chat";

struct Running {
    host: web_sys::Element,
    chat: Chat,
    // Dropping this unmounts the view and disposes its reactive owner.
    _mount: Box<dyn Any>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    // Created once per module instance and kept: `shutdown` runs inside it,
    // so it must outlive any one widget.
    static API: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Starts the widget: `data` holds the script tag's `data-*` attributes,
/// `queue` the `Salam(...)` calls made before now. Calling it again while a
/// widget runs does nothing.
#[wasm_bindgen]
pub fn boot(data: JsValue, queue: JsValue) {
    if RUNNING.with(|r| r.borrow().is_some()) {
        return;
    }
    if let Err(e) = try_boot(&data) {
        warn(&format!("salam: could not start: {}", describe(&e)));
        return;
    }
    install_api();
    emit("salam:ready");
    if let Ok(queue) = queue.dyn_into::<Array>() {
        for args in queue.iter() {
            if !is_running() {
                break; // a queued `shutdown` ends it
            }
            let args = Array::from(&args);
            command(&args.get(0), &args.get(1));
        }
    }
}

fn try_boot(data: &JsValue) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let (config, warnings) = parse_config(&string_pairs(data), &read_settings(&window));
    for w in &warnings {
        warn(&w.to_string());
    }

    // Host element and shadow root. The host page's CSS cannot reach in,
    // and ours cannot leak out; `:host` in salam.css resets what the page
    // could still push onto the host element itself.
    let host = document.create_element(HOST_TAG)?;
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?;
    adopt_styles(&document, &shadow)?;
    let mount_point: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    shadow.append_child(&mount_point)?;
    document.body().ok_or("no <body>")?.append_child(&host)?;

    let requested = visitor_languages(&window, config.locale.as_deref());
    let transport = transport_for(&window, &config);
    let chat_out: Rc<RefCell<Option<Chat>>> = Rc::default();
    let chat_in = chat_out.clone();
    let mount = leptos::mount::mount_to(mount_point, move || {
        let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
        let chat = Chat::new(transport, I18n::new(&requested));
        // The outbox and the visitor token survive reloads and navigation.
        chat.persist_to(STORAGE_KEY);
        chat.on_host_event(Rc::new(|e: &HostEvent| match e {
            HostEvent::Open => emit("salam:open"),
            HostEvent::Close => emit("salam:close"),
        }));
        chat.start();
        if config.open {
            // Opened by the owner at start: no focus is moved from the page.
            chat.dispatch(salam_core::state::Event::Open);
        }
        *chat_in.borrow_mut() = Some(chat);
        view! { <SalamChat chat=chat config=config /> }
    });
    let chat = chat_out.borrow_mut().take().ok_or("mount did not run")?;
    RUNNING.with(|r| *r.borrow_mut() = Some(Running { host, chat, _mount: Box::new(mount) }));
    Ok(())
}

/// The storage key of the outbox and the visitor token (versioned, so a
/// future format can move on without misreading this one).
const STORAGE_KEY: &str = "salam:v1";

fn transport_for(window: &web_sys::Window, config: &Config) -> Box<dyn crate::transport::Transport> {
    // The loader records where it was served from; the API defaults to that server.
    let base = Reflect::get(window, &"__salam".into())
        .and_then(|s| Reflect::get(&s, &"base".into()))
        .ok()
        .and_then(|b| b.as_string())
        .or_else(|| window.location().href().ok())
        .unwrap_or_default();
    let urls = api_urls(config.endpoint.as_deref(), &base);
    match config.transport {
        TransportKind::WebSocket => Box::new(WebSocketTransport::new(urls.ws, config.heartbeat_secs)),
        TransportKind::Sse => Box::new(SseTransport::new(urls.events, urls.frames, config.heartbeat_secs)),
        TransportKind::JsBridge => {
            let bridge = Reflect::get(window, &"salamSettings".into())
                .and_then(|s| Reflect::get(&s, &"bridge".into()))
                .unwrap_or(JsValue::UNDEFINED);
            if bridge.is_object() {
                Box::new(BridgeTransport::new(bridge))
            } else {
                warn("salam: setting \"transport\": \"js\" needs salamSettings.bridge = { connect, send, close }; using the in-page echo");
                Box::new(EchoTransport::new())
            }
        }
        TransportKind::Echo => Box::new(EchoTransport::new()),
    }
}

fn is_running() -> bool {
    RUNNING.with(|r| r.borrow().is_some())
}

/// Runs one host command. Unknown commands get one console warning.
fn command(name: &JsValue, arg: &JsValue) {
    let Some(name) = name.as_string() else {
        warn("salam: Salam(...) needs a command name, like Salam('open')");
        return;
    };
    let chat = RUNNING.with(|r| r.borrow().as_ref().map(|r| r.chat));
    let Some(chat) = chat else { return };
    match name.as_str() {
        "open" => chat.open(),
        "close" => chat.close(),
        "toggle" => chat.toggle(),
        "shutdown" => shutdown(),
        // Salam('locale', 'fa') switches in place; Salam('locale', null)
        // goes back to the browser's languages.
        "locale" => {
            let explicit = arg.as_string().filter(|s| !s.trim().is_empty());
            if !(arg.is_null() || arg.is_undefined() || explicit.is_some()) {
                warn("salam: Salam('locale', tag) needs a language tag like 'fa', or null");
                return;
            }
            let Some(window) = web_sys::window() else { return };
            let requested = visitor_languages(&window, explicit.as_deref());
            let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
            chat.i18n.set_requested(&requested);
            emit_detail("salam:locale", Some(&chat.i18n.lang()));
        }
        other => warn(&format!("salam: unknown command \"{other}\" (known: open, close, toggle, locale, shutdown)")),
    }
}

/// Removes everything the widget added: the view, the host element, the
/// connection and the globals. Loading the script again starts afresh.
fn shutdown() {
    let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) else {
        return;
    };
    running.chat.shutdown();
    drop(running._mount);
    running.host.remove();
    if let Some(window) = web_sys::window() {
        let _ = Reflect::delete_property(&window, &"Salam".into());
        let _ = Reflect::delete_property(&window, &"__salam".into());
    }
    emit("salam:shutdown");
}

fn install_api() {
    let Some(window) = web_sys::window() else { return };
    let api = API.with(|api| {
        api.borrow_mut()
            .get_or_insert_with(|| {
                Closure::<dyn Fn(JsValue, JsValue)>::new(|name: JsValue, arg: JsValue| command(&name, &arg))
                    .into_js_value()
                    .unchecked_into()
            })
            .clone()
    });
    let _ = Reflect::set(&window, &"Salam".into(), &api);
}

/// Fires `salam:<name>` on `window`.
fn emit(name: &str) {
    emit_detail(name, None);
}

/// Fires `salam:<name>` on `window`, with `detail` if given.
fn emit_detail(name: &str, detail: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let init = web_sys::CustomEventInit::new();
    if let Some(detail) = detail {
        init.set_detail(&detail.into());
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

fn adopt_styles(document: &web_sys::Document, shadow: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    // Constructable stylesheets pass a strict `style-src`; a <style> element
    // is the fallback for browsers without them.
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        if sheet.replace_sync(STYLES).is_ok()
            && Reflect::set(shadow, &"adoptedStyleSheets".into(), &Array::of1(&sheet)).unwrap_or(false)
        {
            return Ok(());
        }
    }
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLES));
    shadow.append_child(&style)?;
    Ok(())
}

/// `data-*` attributes as (key, value) pairs; anything else is ignored.
fn string_pairs(data: &JsValue) -> Vec<(String, String)> {
    let Some(obj) = data.dyn_ref::<Object>() else {
        return vec![];
    };
    Object::entries(obj)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// `window.salamSettings` as JSON. A value that is not a plain object, or
/// that cannot be serialized, gets one warning and is ignored.
fn read_settings(window: &web_sys::Window) -> RawSettings {
    let value = Reflect::get(window, &"salamSettings".into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return RawSettings::default();
    }
    let parsed = JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
    match parsed {
        Some(serde_json::Value::Object(map)) => map,
        _ => {
            warn("salam: window.salamSettings must be a plain object; ignored");
            RawSettings::default()
        }
    }
}

/// The visitor's languages, most preferred first: the explicit setting,
/// then `navigator.languages`, then `<html lang>`.
fn visitor_languages(window: &web_sys::Window, explicit: Option<&str>) -> Vec<String> {
    let navigator = Reflect::get(window, &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
    let languages: Vec<String> = Reflect::get(&navigator, &"languages".into())
        .ok()
        .and_then(|l| l.dyn_into::<Array>().ok())
        .map(|l| l.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    let html_lang = window.document().and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang"));
    requested_languages(explicit, &languages, html_lang.as_deref())
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}
