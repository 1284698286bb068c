//! The one-tag embed: config from the page, the `<salam-chat>` host with its
//! shadow root and styles, the mount, and the `window.Salam(...)` host API.
//!
//! `salam.js` (the loader) reads the `<script>` tag's `data-*` attributes
//! while it still can (`document.currentScript` is only set then), keeps a
//! queue of `Salam(...)` calls made before the app is ready, loads this
//! module and calls [`boot`].

use crate::chat::Chat;
use crate::i18n::I18n;
use crate::split::{self, split_call};
use crate::transport::{Transport, WebSocketTransport};
use crate::view::SalamChat;
use js_sys::{Array, Object, Reflect, JSON};
use leptos::prelude::*;
use salam_core::config::{api_urls, parse_config, warn_once, Config, ConfigWarning, RawSettings, TransportKind};
use salam_core::i18n::requested_languages;
use salam_core::state::HostEvent;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The whole widget stylesheet, minified: the shell (`styles/shell.css`:
/// theme variables, launcher, panel frame) and the panel contents
/// (`styles/salam.css`). For a Leptos app that renders [`SalamChat`] itself;
/// the one-tag embed gets the shell from the loader instead.
pub const STYLES: &str =
    concat!(include_str!(concat!(env!("OUT_DIR"), "/shell.css")), include_str!(concat!(env!("OUT_DIR"), "/salam.css")));

/// The app's part of the stylesheet, compiled in so it needs no extra
/// request and works under a strict `style-src` (constructable stylesheets
/// are not inline styles). The loader has already adopted the shell.
const PANEL_STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/salam.css"));

/// Name of the host element.
pub const HOST_TAG: &str = "salam-chat";

struct Running {
    host: web_sys::Element,
    chat: Chat,
    /// The owner's greeting rules, for `Salam('greet', id)`.
    greetings: Vec<salam_core::greeting::GreetingRule>,
    /// The view's reactive owner: what runs after the mount runs inside it.
    owner: Owner,
    // Dropping this unmounts the view and disposes its reactive owner.
    _mount: Box<dyn Any>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    /// Set from the first `boot` until its first stage has run.
    static BOOTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    // Created once per module instance and kept: `shutdown` runs inside it,
    // so it must outlive any one widget.
    static API: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// `Salam('on', event, fn)` listeners, in the order added.
    static LISTENERS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    /// The page's title and the one showing the unread count, while it shows.
    static TITLE: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// Whether the title's visibility listener is installed (once per page).
    static TITLE_FOLLOWED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The events `Salam('on', ...)` takes.
const EVENTS: [&str; 5] = ["message", "unread", "open", "close", "ready"];

/// Starts the widget: `data` holds the script tag's `data-*` attributes,
/// `queue` the `Salam(...)` calls made before now. Calling it again while a
/// widget runs, or starts, does nothing.
///
/// The start is cut into tasks, so the host page's input and frames get in
/// between: the WebAssembly's instantiation; the config (and the visitor's
/// locale file, if it is fetched); the language's messages; the launcher
/// (the app takes over the loader's stand-in), the host API and
/// `salam:ready`; then the connection. The panel is built when the browser
/// is next idle, or on first open (see `SalamChat`). A task is short not
/// only for what it does: the browser compiles each wasm function on its
/// first call, so the first stage to run Fluent or serde pays for that.
#[wasm_bindgen]
pub fn boot(data: JsValue, queue: JsValue) {
    if is_running() || BOOTING.with(|b| b.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        next_task().await;
        let started = match read_config(&data) {
            Ok((window, config)) => {
                // The visitor's locale, unless it is English or embedded,
                // is fetched before anything is drawn in it; the loader's
                // launcher (already in that language) stands in meanwhile.
                let requested = visitor_languages(&window, config.locale.as_deref());
                let source = crate::i18n::fetch_locale(&bundle_base(&window), &requested).await;
                let transport = transport_for(&window, &config).await;
                // Each stage in its own task (see `i18n::Prepared`).
                next_task().await;
                let prepared = {
                    let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
                    crate::i18n::prepare(&requested, source.as_deref())
                };
                next_task().await;
                transport.and_then(|t| try_boot(&window, config, prepared, t))
            }
            Err(e) => Err(e),
        };
        BOOTING.with(|b| b.set(false));
        let handover = match started {
            Ok(h) => h,
            Err(e) => {
                warn(&format!("salam: could not start: {}", describe(&e)));
                return;
            }
        };
        let handover_host = handover.host.clone();
        install_api();
        follow_visibility_for_title();
        emit("salam:ready");
        handover.apply();
        if let Ok(queue) = queue.dyn_into::<Array>() {
            for args in queue.iter() {
                if !is_running() {
                    break; // a queued `shutdown` ends it
                }
                let args = Array::from(&args);
                command(&args.get(0), &args.get(1), &args.get(2));
            }
        }
        // Messages written from here on wait in the outbox until connected.
        next_task().await;
        // Unless it was shut down meanwhile (and maybe started again: that
        // start connects its own chat).
        let this = RUNNING
            .with(|r| r.borrow().as_ref().filter(|r| r.host == handover_host).map(|r| (r.chat, r.owner.clone())));
        if let Some((chat, owner)) = this {
            owner.with(|| chat.connect());
        }
    });
}

/// Resolves in a later task (`setTimeout` 0), letting the page run first.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The owner's settings: the tag's `data-*` attributes over
/// `window.salamSettings`, with one warning per bad key.
fn read_config(data: &JsValue) -> Result<(web_sys::Window, Config), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let (settings, mut warnings) = read_settings(&window);
    let (config, parsed) = parse_config(&string_pairs(data), &settings);
    for w in parsed {
        warn_once(&mut warnings, &w.key, w.message);
    }
    for w in &warnings {
        warn(&w.to_string());
    }
    Ok((window, config))
}

fn try_boot(
    window: &web_sys::Window,
    config: Config,
    prepared: crate::i18n::Prepared,
    transport: Box<dyn Transport>,
) -> Result<Handover, JsValue> {
    let document = window.document().ok_or("no document")?;

    // The loader has drawn the launcher in a `<salam-chat>` host with the
    // shell stylesheet; the app takes over that host and shadow root. The
    // host page's CSS cannot reach in, and ours cannot leak out; `:host` in
    // shell.css resets what the page could still push onto the host itself.
    let facade = Facade::read(window);
    let (host, shadow) = match facade.host.as_ref().and_then(|h| Some((h.clone(), h.shadow_root()?))) {
        Some(found) => found,
        None => {
            let host = document.create_element(HOST_TAG)?;
            let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?;
            document.body().ok_or("no <body>")?.append_child(&host)?;
            (host, shadow)
        }
    };
    adopt_styles(&document, &shadow)?;
    let mount_point: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    shadow.append_child(&mount_point)?;

    type Started = (Chat, Owner);
    let started_out: Rc<RefCell<Option<Started>>> = Rc::default();
    let started_in = started_out.clone();
    let greetings = config.greetings.clone();
    // Files are on the reference API; a bridge or the in-page echo has none.
    let files_base = matches!(config.transport, TransportKind::WebSocket | TransportKind::Sse)
        .then(|| api_urls(config.endpoint.as_deref(), &bundle_base(window)).http);
    let mount = leptos::mount::mount_to(mount_point, move || {
        let chat = Chat::new(transport, I18n::from_prepared(prepared));
        chat.set_heartbeat(config.heartbeat_secs);
        if let Some(base) = &files_base {
            chat.set_files_base(base);
        }
        // The outbox and the visitor token survive reloads and navigation;
        // restored now, so the launcher shows the unread count at once. The
        // connection is the next stage's (see `boot`).
        chat.persist_to(STORAGE_KEY);
        let sound = config.sound;
        chat.on_host_event(Rc::new(move |e: &HostEvent| match e {
            HostEvent::Open => emit("salam:open"),
            HostEvent::Close => emit("salam:close"),
            HostEvent::Message { id, author, name, text } => {
                let detail = Object::new();
                let _ = Reflect::set(&detail, &"id".into(), &id.into());
                let _ = Reflect::set(&detail, &"author".into(), &author.as_str().into());
                let _ = Reflect::set(&detail, &"name".into(), &name.as_deref().map_or(JsValue::NULL, JsValue::from));
                let _ = Reflect::set(&detail, &"text".into(), &text.into());
                emit_detail("salam:message", &detail);
                if sound && !panel_open() {
                    crate::sound::chime();
                }
            }
            HostEvent::Unread(n) => {
                emit_detail("salam:unread", &JsValue::from(*n));
                show_unread_in_title(*n);
            }
            HostEvent::IdentityRefused => warn(
                "salam: Salam('identify', ...) was refused: the server could not verify user_hash (HMAC-SHA256 of user_id with its secret); the visitor stays anonymous",
            ),
        }));
        chat.restore();
        if config.open {
            // Opened by the owner at start: no focus is moved from the page.
            chat.dispatch(salam_core::state::Event::Open);
        }
        *started_in.borrow_mut() = Owner::current().map(|owner| (chat, owner));
        view! { <SalamChat chat=chat config=config /> }
    });
    let (chat, owner) = started_out.borrow_mut().take().ok_or("mount did not run")?;

    // The stand-in goes; its open state and focus carry over (after
    // `salam:ready`, in `Handover::apply`).
    let handover =
        Handover { chat, host: host.clone(), open: facade.open, had_focus: shadow.active_element().is_some() };
    if let Some(root) = &facade.root {
        root.remove();
    }
    host.set_attribute("data-salam", "ready")?;
    for rule in &greetings {
        schedule_greeting(chat, rule.clone());
    }
    RUNNING.with(|r| *r.borrow_mut() = Some(Running { host, chat, greetings, owner, _mount: Box::new(mount) }));
    Ok(handover)
}

/// What the app takes over from the loader's stand-in.
struct Handover {
    chat: Chat,
    host: web_sys::Element,
    open: bool,
    had_focus: bool,
}

impl Handover {
    fn apply(self) {
        match (self.open, self.had_focus) {
            // As if the click had reached the app: focus goes to the composer.
            (true, true) => self.chat.open(),
            // Opened by the owner (`open` setting, `Salam('open')`): the page keeps focus.
            (true, false) => self.chat.dispatch(salam_core::state::Event::Open),
            (false, true) => self.chat.focus_launcher(),
            (false, false) => {}
        }
    }
}

/// What the loader (`salam.js`) left in `window.__salam`: the host it drew
/// the launcher in, the stand-in's root element, and whether the visitor
/// opened the stand-in panel. All absent when booted without the loader.
struct Facade {
    host: Option<web_sys::Element>,
    root: Option<web_sys::Element>,
    open: bool,
}

impl Facade {
    fn read(window: &web_sys::Window) -> Self {
        let state = Reflect::get(window, &"__salam".into()).unwrap_or(JsValue::UNDEFINED);
        let get = |key: &str| Reflect::get(&state, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let element = |key: &str| get(key).dyn_into::<web_sys::Element>().ok().filter(|e| e.is_connected());
        Facade { host: element("host"), root: element("root"), open: get("open").as_bool().unwrap_or(false) }
    }
}

/// The storage key of the outbox and the visitor token (versioned, so a
/// future format can move on without misreading this one).
const STORAGE_KEY: &str = "salam:v1";

/// Where the loader was served from (it records it), or the page.
fn bundle_base(window: &web_sys::Window) -> String {
    Reflect::get(window, &"__salam".into())
        .and_then(|s| Reflect::get(&s, &"base".into()))
        .ok()
        .and_then(|b| b.as_string())
        .or_else(|| window.location().href().ok())
        .unwrap_or_default()
}

/// The transport the config names. Those a default visitor never uses
/// come from their own wasm chunk (`split`): a chunk that cannot be fetched
/// is tried again twice, then the widget does not start (one warning), as
/// when the app itself cannot be loaded.
async fn transport_for(window: &web_sys::Window, config: &Config) -> Result<Box<dyn Transport>, JsValue> {
    // The API defaults to the server that served the loader.
    let urls = api_urls(config.endpoint.as_deref(), &bundle_base(window));
    let kind = config.transport;
    if kind == TransportKind::WebSocket {
        return Ok(Box::new(WebSocketTransport::new(urls.ws)));
    }
    let bridge = Reflect::get(window, &"salamSettings".into())
        .and_then(|s| Reflect::get(&s, &"bridge".into()))
        .unwrap_or(JsValue::UNDEFINED);
    for attempt in 0..3 {
        if attempt > 0 {
            sleep_ms(1_000 * attempt).await;
        }
        let made = match kind {
            TransportKind::Sse => {
                split_call!(split::sse_transport(urls.events.clone(), urls.frames.clone(), config.heartbeat_secs))
            }
            TransportKind::JsBridge if bridge.is_object() => split_call!(split::bridge_transport(bridge.clone())),
            TransportKind::JsBridge => {
                warn("salam: setting \"transport\": \"js\" needs salamSettings.bridge = { connect, send, close }; using the in-page echo");
                split_call!(split::echo_transport())
            }
            TransportKind::Echo | TransportKind::WebSocket => split_call!(split::echo_transport()),
        };
        if let Ok(transport) = made {
            return Ok(transport);
        }
    }
    Err(JsValue::from_str("a part of the widget could not be loaded from its server"))
}

/// Resolves after `ms` (`setTimeout`).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn is_running() -> bool {
    RUNNING.with(|r| r.borrow().is_some())
}

/// Runs one host command. Unknown commands get one console warning.
fn command(name: &JsValue, arg: &JsValue, arg2: &JsValue) {
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
            wasm_bindgen_futures::spawn_local(async move {
                let source = crate::i18n::fetch_locale(&bundle_base(&window), &requested).await;
                if !is_running() {
                    return; // shut down while fetching
                }
                let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
                chat.i18n.set_requested_with(&requested, source.as_deref());
                chat.dispatch(salam_core::state::Event::Locale(chat.i18n.lang()));
                emit_detail("salam:locale", &chat.i18n.lang().into());
            });
        }
        "identify" => match identify_frame(arg) {
            Ok(frame) => chat.dispatch(salam_core::state::Event::Identify(frame)),
            Err(why) => warn(&format!("salam: Salam('identify', {{...}}) {why}; ignored")),
        },
        "logout" => chat.logout(),
        // Salam('greet', 'pricing') fires a rule of the `greetings` setting
        // (after its delay, if it still applies: a single-page app calls it
        // on each navigation); Salam('greet', {id, text, ...}) one of its own.
        "greet" => {
            let rule = match arg.as_string() {
                Some(id) => {
                    RUNNING.with(|r| r.borrow().as_ref().and_then(|r| r.greetings.iter().find(|g| g.id == id).cloned()))
                }
                None => JSON::stringify(arg)
                    .ok()
                    .and_then(|json| json.as_string())
                    .and_then(|json| serde_json::from_str::<salam_core::greeting::GreetingRule>(&json).ok()),
            };
            match rule {
                Some(rule) => schedule_greeting(chat, rule),
                None => warn("salam: Salam('greet', rule) needs the id of a greetings rule, or a rule {id, text, ...}"),
            }
        }
        // Salam('on', 'message', fn) / Salam('off', 'message', fn); without
        // a function, `off` removes every listener of that event.
        "on" | "off" => {
            let event = arg.as_string().filter(|e| EVENTS.contains(&e.as_str()));
            let Some(event) = event else {
                warn(&format!("salam: Salam('{name}', event, fn) needs an event: {}", EVENTS.join(", ")));
                return;
            };
            let listener = arg2.dyn_ref::<js_sys::Function>().cloned();
            if name == "on" {
                let Some(listener) = listener else {
                    warn(&format!("salam: Salam('on', '{event}', fn) needs a function"));
                    return;
                };
                LISTENERS.with(|l| l.borrow_mut().push((event.clone(), listener.clone())));
                // Already ready: a late listener hears it at once.
                if event == "ready" {
                    let _ = listener.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
                }
            } else {
                LISTENERS.with(|l| {
                    l.borrow_mut().retain(|(e, f)| *e != event || listener.as_ref().is_some_and(|g| !Object::is(f, g)))
                });
            }
        }
        other => {
            warn(&format!("salam: unknown command \"{other}\" (known: open, close, toggle, locale, on, off, shutdown)"))
        }
    }
}

/// Removes everything the widget added: the view, the host element, the
/// connection and the globals. Loading the script again starts afresh.
fn shutdown() {
    let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) else {
        return;
    };
    running.chat.shutdown();
    show_unread_in_title(0);
    LISTENERS.with(|l| l.borrow_mut().clear());
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
                Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(|name: JsValue, arg: JsValue, arg2: JsValue| {
                    command(&name, &arg, &arg2)
                })
                .into_js_value()
                .unchecked_into()
            })
            .clone()
    });
    let _ = Reflect::set(&window, &"Salam".into(), &api);
}

/// Fires `salam:<name>` on `window`.
fn emit(name: &str) {
    emit_detail(name, &JsValue::UNDEFINED);
}

/// Fires `salam:<name>` on `window` with `detail`, and calls the
/// `Salam('on', name, fn)` listeners with it. A listener that throws is the
/// page's problem: it is reported to the console and the others still run.
fn emit_detail(name: &str, detail: &JsValue) {
    let Some(window) = web_sys::window() else { return };
    let init = web_sys::CustomEventInit::new();
    if !detail.is_undefined() {
        init.set_detail(detail);
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
    let short = name.strip_prefix("salam:").unwrap_or(name);
    let listeners: Vec<js_sys::Function> =
        LISTENERS.with(|l| l.borrow().iter().filter(|(e, _)| e == short).map(|(_, f)| f.clone()).collect());
    for f in listeners {
        if let Err(e) = f.call1(&JsValue::UNDEFINED, detail) {
            web_sys::console::error_2(&format!("salam: a Salam('on', '{short}') listener threw:").into(), &e);
        }
    }
}

/// The `identify` frame for `Salam('identify', {user_id, name, email,
/// attributes, user_hash})`, or what is wrong with the object. Numbers are
/// taken as text (`user_id: 42`); attributes keep text, numbers and booleans.
fn identify_frame(arg: &JsValue) -> Result<salam_core::protocol::ClientFrame, &'static str> {
    if !arg.is_object() {
        return Err("needs an object");
    }
    let text = |key: &str| {
        let v = Reflect::get(arg, &key.into()).ok()?;
        v.as_string().or_else(|| v.as_f64().filter(|n| n.is_finite()).map(|n| n.to_string()))
    };
    let user_id = text("user_id").filter(|u| !u.trim().is_empty()).ok_or("needs a user_id")?;
    let mut attributes = std::collections::BTreeMap::new();
    if let Ok(attrs) = Reflect::get(arg, &"attributes".into()) {
        if attrs.is_object() {
            for entry in Object::entries(attrs.unchecked_ref()).iter() {
                let pair = Array::from(&entry);
                let value = pair.get(1);
                let value = value
                    .as_string()
                    .or_else(|| value.as_f64().map(|n| n.to_string()))
                    .or_else(|| value.as_bool().map(|b| b.to_string()));
                if let (Some(key), Some(value)) = (pair.get(0).as_string(), value) {
                    attributes.insert(key, value);
                }
            }
        }
    }
    Ok(salam_core::protocol::ClientFrame::Identify {
        user_id,
        name: text("name"),
        email: text("email"),
        attributes,
        user_hash: text("user_hash"),
    })
}

/// Shows `rule`'s greeting after its delay, if it still applies then: on
/// this page, to this kind of visitor, while the team answers if it asks,
/// with the panel closed, once per visitor.
fn schedule_greeting(chat: Chat, rule: salam_core::greeting::GreetingRule) {
    let delay = std::time::Duration::from_secs(u64::from(rule.after_seconds));
    let greet = move || {
        let Some(url) = web_sys::window().and_then(|w| w.location().href().ok()) else { return };
        let due = chat.state().try_with_untracked(|s| {
            !s.open
                && s.greeting.is_none()
                && salam_core::greeting::eligible(&rule, &url, s.returning, s.availability.map(|a| a.open), &s.greeted)
        });
        if due != Some(true) {
            return;
        }
        let lang = chat.i18n.lang();
        if let Some(text) = rule.text.resolve(&lang) {
            chat.dispatch(salam_core::state::Event::Greet { id: rule.id.clone(), text: text.to_string() });
        }
    };
    leptos::prelude::set_timeout(greet, delay);
}

/// Whether the panel is open now.
fn panel_open() -> bool {
    RUNNING.with(|r| r.borrow().as_ref().is_some_and(|r| r.chat.peek(|s| s.open)))
}

/// While the tab is hidden and replies wait, the page's title starts with
/// their count: "(2) Shop". Put back when the tab is visible again or they
/// are read, unless the page changed its title meanwhile (a single-page
/// app navigating): then the page's new title stays.
fn show_unread_in_title(unread: u32) {
    let document = document();
    TITLE.with(|t| {
        let mut t = t.borrow_mut();
        if let Some((original, ours)) = t.take() {
            if document.title() == ours {
                document.set_title(&original);
            }
        }
        if unread > 0 && document.hidden() {
            let count = RUNNING.with(|r| r.borrow().as_ref().map(|r| r.chat.i18n.number(u64::from(unread))));
            let original = document.title();
            let ours = format!("({}) {original}", count.unwrap_or_else(|| unread.to_string()));
            document.set_title(&ours);
            *t = Some((original, ours));
        }
    });
}

/// Shows or removes the count in the title as the tab hides and shows.
fn follow_visibility_for_title() {
    if TITLE_FOLLOWED.with(|f| f.replace(true)) {
        return;
    }
    let listener = Closure::<dyn Fn()>::new(|| {
        let unread = RUNNING.with(|r| r.borrow().as_ref().map(|r| r.chat.peek(|s| s.unread)));
        show_unread_in_title(unread.unwrap_or(0));
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    // Once per page: it reads whatever widget is running, or none.
    listener.forget();
}

/// Adds the app's sheet after whatever the loader adopted (the shell).
fn adopt_styles(document: &web_sys::Document, shadow: &web_sys::ShadowRoot) -> Result<(), JsValue> {
    // Constructable stylesheets pass a strict `style-src`; a <style> element
    // is the fallback for browsers without them.
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        let adopted = Reflect::get(shadow, &"adoptedStyleSheets".into()).ok().and_then(|a| a.dyn_into::<Array>().ok());
        if let (Ok(()), Some(adopted)) = (sheet.replace_sync(PANEL_STYLES), adopted) {
            let sheets = Array::from(&adopted);
            sheets.push(&sheet);
            if Reflect::set(shadow, &"adoptedStyleSheets".into(), &sheets).unwrap_or(false) {
                return Ok(());
            }
        }
    }
    let style = document.create_element("style")?;
    style.set_text_content(Some(PANEL_STYLES));
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

/// `window.salamSettings`, key by key: each value goes through
/// `JSON.stringify` on its own, so one that cannot be read (a cycle, a
/// BigInt, a throwing getter) costs only its own key, with a warning. Every
/// string on the way is made well-formed: a lone surrogate (a CMS that cut
/// a title in the middle of an emoji) becomes U+FFFD instead of making the
/// value unreadable JSON.
fn read_settings(window: &web_sys::Window) -> (RawSettings, Vec<ConfigWarning>) {
    let (mut settings, mut warnings) = (RawSettings::default(), vec![]);
    let value = Reflect::get(window, &"salamSettings".into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return (settings, warnings);
    }
    let Some(object) = value.dyn_ref::<Object>().filter(|_| value.is_object() && !Array::is_array(&value)) else {
        warn("salam: window.salamSettings must be a plain object; ignored");
        return (settings, warnings);
    };
    // The string made well-formed by its round trip through Rust.
    let well_formed =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, v: JsValue| match v.as_string() {
            Some(text) => JsValue::from_str(&text),
            None => v,
        });
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else { continue };
        if name == "bridge" {
            // Functions, read by the glue (`transport_for`), not JSON.
            if let Ok(null) = serde_json::value::RawValue::from_string("null".into()) {
                settings.push((name, null));
            }
            continue;
        }
        let json = Reflect::get(object, &key)
            .and_then(|v| JSON::stringify_with_replacer(&v, well_formed.as_ref()))
            .map(|j| j.as_string());
        let read = match json {
            // `from_slice`, like every reader in the widget (see `protocol::decode`).
            Ok(Some(text)) => serde_json::from_slice(text.as_bytes()).map_err(|e| e.to_string()),
            Ok(None) => Err("not a JSON value (a function?); ignored".to_string()),
            Err(e) => Err(format!("could not be read ({}); ignored", describe(&e))),
        };
        match read {
            Ok(v) => settings.push((name, v)),
            Err(message) => warn_once(&mut warnings, &name, message),
        }
    }
    (settings, warnings)
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
