//! The controller: owns the state signal, the connection machine, the
//! transport and the timers; feeds every input through the pure
//! [`salam_core::session::step`] and runs the effects it returns.
//!
//! Views get a [`Chat`] from context and only call its intent methods
//! (`open`, `close`, `submit`, ...); they never write the state. The
//! transport, the timers and the page report back through [`Chat::input`],
//! always later, never from inside the call that caused them.

use crate::i18n::I18n;
use leptos::html;
use leptos::prelude::*;
use salam_core::config::DEFAULT_HEARTBEAT_SECS;
use salam_core::connection::{Link, PageEvent};
use salam_core::i18n::{relative_time, TimeUnit};
use salam_core::session::{step, Effect, Input};
use salam_core::state::{Event, HostEvent, Message, Saved, State};
use salam_core::transport::{EventSink, Transport};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Called for every event the host page should hear about.
pub type HostEventHook = Rc<dyn Fn(&HostEvent)>;

/// Element references the controller needs for focus management.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The launcher button.
    pub launcher: NodeRef<html::Button>,
    /// The panel.
    pub panel: NodeRef<html::Div>,
    /// The composer's textarea.
    pub composer: NodeRef<html::Textarea>,
    /// The header's "More options" button, and whether its menu is open
    /// (the panel's Escape closes the menu first).
    pub more: NodeRef<html::Button>,
    /// The menu is open.
    pub menu: RwSignal<bool>,
}

/// Handle to one running chat. `Copy`: it is a set of arena ids.
#[derive(Clone, Copy)]
pub struct Chat {
    state: RwSignal<State>,
    link: StoredValue<Link>,
    transport: StoredValue<Option<Box<dyn Transport>>, LocalStorage>,
    timers: StoredValue<crate::timers::Timers, LocalStorage>,
    hook: StoredValue<Option<HostEventHook>, LocalStorage>,
    /// Where the outbox and the visitor token are stored; none keeps them in
    /// memory only (components embedded in tests, previews).
    storage_key: StoredValue<Option<String>>,
    /// Element references for focus management.
    pub ui: Ui,
    /// Localized strings.
    pub i18n: I18n,
    /// What each rendered row listens to, by message key.
    rows: StoredValue<HashMap<String, Row>, LocalStorage>,
    /// Now (ms), as of the clock's last tick (every 30 s while visible).
    pub clock: RwSignal<u64>,
    /// The heartbeat interval the connection machine runs with (ms).
    heartbeat_ms: StoredValue<u64>,
    /// Attachments: the picked files, their uploads, the fetched ones.
    files: StoredValue<Rc<std::cell::RefCell<crate::files::Files>>, LocalStorage>,
}

/// A rendered row's own signals. A row subscribes to nothing shared that
/// changes often: with thousands of rows, one shared signal with a
/// subscriber per row makes every change cost thousands of updates.
#[derive(Default)]
struct Row {
    /// Notified when the row's message changes.
    changed: ArcTrigger,
    /// When the message was written, and its relative time ("5 minutes
    /// ago") as of the clock's last tick; set only when that changes.
    ago: Option<(u64, ArcRwSignal<(i64, TimeUnit)>)>,
}

impl Chat {
    /// A chat over `transport`. Must be called inside a reactive owner (a
    /// component, or the closure given to `mount_to`).
    pub fn new(transport: Box<dyn Transport>, i18n: I18n) -> Self {
        let link = Link::new(transport.capabilities(), u64::from(DEFAULT_HEARTBEAT_SECS) * 1000, seed());
        Self {
            state: RwSignal::new(State::default()),
            link: StoredValue::new(link),
            transport: StoredValue::new_local(Some(transport)),
            timers: StoredValue::new_local(Default::default()),
            hook: StoredValue::new_local(None),
            storage_key: StoredValue::new(None),
            ui: Ui {
                launcher: NodeRef::new(),
                panel: NodeRef::new(),
                composer: NodeRef::new(),
                more: NodeRef::new(),
                menu: RwSignal::new(false),
            },
            i18n,
            rows: StoredValue::new_local(HashMap::new()),
            clock: RwSignal::new(now_ms()),
            heartbeat_ms: StoredValue::new(u64::from(DEFAULT_HEARTBEAT_SECS) * 1000),
            files: StoredValue::new_local(Rc::default()),
        }
    }

    /// Sets the function told about open/close and other host events.
    pub fn on_host_event(&self, hook: HostEventHook) {
        self.hook.try_set_value(Some(hook));
    }

    /// Keeps the outbox and the visitor's token under `key` in the
    /// browser's storage, so they survive reloads and navigation. Call
    /// before [`Chat::start`].
    pub fn persist_to(&self, key: &str) {
        self.storage_key.set_value(Some(key.to_string()));
    }

    /// Lets the visitor send files, to the reference API at `base`
    /// (`.../api/v1`). Without it the widget offers no attachments.
    pub fn set_files_base(&self, base: &str) {
        self.files().borrow_mut().set_base(base);
    }

    /// Whether files can be sent (see [`Chat::set_files_base`]).
    pub fn files_enabled(&self) -> bool {
        self.files().borrow().enabled()
    }

    /// The attachments' glue state (a fresh one once the chat is gone).
    pub(crate) fn files(&self) -> Rc<std::cell::RefCell<crate::files::Files>> {
        self.files.try_get_value().unwrap_or_default()
    }

    /// Sets the heartbeat (seconds) the connection is watched with. Call
    /// before [`Chat::start`].
    pub fn set_heartbeat(&self, secs: u32) {
        let caps = self.transport.with_value(|t| t.as_ref().map(|t| t.capabilities()));
        if let Some(caps) = caps {
            self.heartbeat_ms.set_value(u64::from(secs.max(1)) * 1000);
            self.link.set_value(Link::new(caps, u64::from(secs.max(1)) * 1000, seed()));
        }
    }

    /// Restores what an earlier page stored, connects the transport (its
    /// events come back through the session), and follows the page's
    /// lifecycle: reconnect at once when the network or the tab comes back,
    /// let go of the connection on `pagehide` so the page can enter the
    /// back/forward cache.
    pub fn start(&self) {
        self.restore();
        self.connect();
    }

    /// The first half of [`Chat::start`]: restores what an earlier page
    /// stored (the outbox, the token, the unread count).
    pub fn restore(&self) {
        if let Some(Some(key)) = self.storage_key.try_get_value() {
            let saved = crate::storage::get(&key).map(|t| Saved::from_json(&t)).unwrap_or_default();
            self.dispatch(Event::Restore(saved));
        }
    }

    /// The second half of [`Chat::start`]: connects and follows the page's
    /// lifecycle. Call it inside the widget's reactive owner (its listeners
    /// go when the owner does).
    pub fn connect(&self) {
        self.follow_page_lifecycle();
        if document().hidden() {
            self.input(Input::Page(PageEvent::Hidden));
        }
        // The bot answers in the language the widget shows.
        let i18n = self.i18n;
        self.dispatch(Event::Locale(leptos::prelude::untrack(move || i18n.lang())));
        self.dispatch(Event::Context(page_context()));
        self.input(Input::Start);
    }

    fn follow_page_lifecycle(&self) {
        use leptos::ev;
        let chat = *self;
        let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
        if !online {
            self.input(Input::Page(PageEvent::Offline));
        }
        let page = move |event: PageEvent| chat.input(Input::Page(event));
        let handles = [
            window_event_listener(ev::online, move |_| page(PageEvent::Online)),
            window_event_listener(ev::offline, move |_| page(PageEvent::Offline)),
            window_event_listener(ev::visibilitychange, move |_| {
                page(if document().hidden() { PageEvent::Hidden } else { PageEvent::Visible })
            }),
            window_event_listener(ev::pageshow, move |_| page(PageEvent::Show)),
            window_event_listener(ev::pagehide, move |_| page(PageEvent::Hide)),
        ];
        on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    }

    fn persist(&self) {
        let Some(Some(key)) = self.storage_key.try_get_value() else { return };
        let stored = crate::storage::get(&key).map(|t| Saved::from_json(&t)).unwrap_or_default();
        let Some(saved) = self.state.try_with_untracked(|s| s.saved_over(stored)) else { return };
        // A full or blocked storage degrades to memory; the outbox in the
        // state is untouched either way.
        crate::storage::set(&key, &saved.to_json());
    }

    /// Read-only view of the state.
    pub fn state(&self) -> ReadSignal<State> {
        self.state.read_only()
    }

    /// Reads the state and tracks it (as `ReadSignal::with`); after
    /// shutdown, `R::default()`. Every read goes through [`Chat::look`],
    /// so reactive_graph's read path is compiled once, not once per
    /// call site's closure.
    pub fn with<R: Default>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.read(true, f)
    }

    /// Reads the state without tracking it (as `with_untracked`).
    pub fn peek<R: Default>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.read(false, f)
    }

    fn read<R: Default>(&self, track: bool, f: impl FnOnce(&State) -> R) -> R {
        let (mut f, mut out) = (Some(f), R::default());
        self.look(track, &mut |s| {
            if let Some(f) = f.take() {
                out = f(s)
            }
        });
        out
    }

    #[inline(never)]
    fn look(&self, track: bool, f: &mut dyn FnMut(&State)) {
        if track {
            self.state.try_with(|s| f(s));
        } else {
            self.state.try_with_untracked(|s| f(s));
        }
    }

    /// The message with this key, for its row: re-runs when that message
    /// changes, not when anything else in the state does. The row's
    /// subscription ends with the calling owner.
    pub fn message(&self, key: &str) -> Option<Arc<Message>> {
        let trigger = self.rows.try_update_value(|rows| rows.entry(key.to_string()).or_default().changed.clone());
        if let Some(trigger) = trigger {
            trigger.track();
        }
        self.state.try_with_untracked(|s| s.message(key).cloned()).flatten()
    }

    /// The relative time of the row `key`, written `at`: follows the clock
    /// ([`Chat::tick`]) and changes only when the label would ("now" stays
    /// "now" for a minute, "3 days ago" for a day).
    pub fn ago(&self, key: &str, at: u64) -> ArcRwSignal<(i64, TimeUnit)> {
        // A new row reads the clock itself: the last tick may be 30 s old.
        let ago = ArcRwSignal::new(relative_time(at, now_ms()));
        self.rows.try_update_value(|rows| rows.entry(key.to_string()).or_default().ago = Some((at, ago.clone())));
        ago
    }

    /// Brings every row's relative time up to `now`: one pass over the rows,
    /// and only the labels that change are set.
    pub fn tick(&self, now: u64) {
        self.clock.try_set(now);
        self.rows.with_value(|rows| {
            for (at, ago) in rows.values().filter_map(|r| r.ago.as_ref()) {
                let fresh = relative_time(*at, now);
                if ago.get_untracked() != fresh {
                    ago.set(fresh);
                }
            }
        });
    }

    /// Stops tracking the row of `key` (its row was removed).
    pub fn forget_row(&self, key: &str) {
        self.rows.try_update_value(|rows| rows.remove(key));
    }

    /// Applies an intent of the visitor or the host page. After shutdown
    /// this quietly does nothing (late timers and network callbacks are fine).
    pub fn dispatch(&self, event: Event) {
        self.input(Input::Ui(event));
    }

    /// Feeds one input through the conversation and the connection, and
    /// runs the effects.
    pub fn input(&self, input: Input) {
        let now = now_ms();
        let link = self.link;
        let Some((effects, changed)) = self.state.try_update(|s| {
            let effects = link.try_update_value(|l| step(s, l, input, now)).unwrap_or_default();
            (effects, s.take_changed())
        }) else {
            return;
        };
        if !changed.is_empty() {
            self.rows.with_value(|rows| changed.iter().filter_map(|k| rows.get(k)).for_each(|r| r.changed.notify()));
        }
        for effect in effects {
            self.run(effect);
        }
    }

    fn run(&self, effect: Effect) {
        let chat = *self;
        match effect {
            Effect::Open => {
                let sink: EventSink = Rc::new(move |event| chat.input(Input::Net(event)));
                self.with_transport(|t| t.open(sink));
            }
            Effect::Close => self.with_transport(|t| t.close()),
            Effect::Transmit(frame) => self.with_transport(|t| t.send(&frame)),
            Effect::Arm(timer, ms) => {
                self.timers.try_update_value(|timers| {
                    timers.arm(timer, ms, move || {
                        chat.timers.try_update_value(|timers| timers.fired(timer));
                        chat.input(Input::Timer(timer));
                    })
                });
            }
            Effect::Cancel(timer) => {
                self.timers.try_update_value(|timers| timers.cancel(timer));
            }
            Effect::Persist => self.persist(),
            Effect::Upload(id) => crate::files::upload(chat, id),
            Effect::CancelUpload(id) => crate::files::cancel(chat, &id),
            Effect::Emit(e) => {
                if let Some(Some(hook)) = self.hook.try_get_value() {
                    hook(&e);
                }
            }
        }
    }

    fn with_transport(&self, f: impl FnOnce(&mut dyn Transport)) {
        self.transport.try_update_value(|t| {
            if let Some(t) = t {
                f(t.as_mut())
            }
        });
    }

    /// Opens the panel and moves focus to the composer.
    pub fn open(&self) {
        self.dispatch(Event::Open);
        let composer = self.ui.composer;
        // The panel is shown on the next render; focus it after that.
        request_animation_frame(move || {
            if let Some(Some(el)) = composer.try_get() {
                let _ = el.focus();
            }
        });
    }

    /// Closes the panel. If focus was inside it, it goes back to the launcher
    /// (before the panel hides, so it is never lost to the page's body).
    pub fn close(&self) {
        let restore = self.focus_is_in_panel();
        if restore {
            self.focus_launcher();
        }
        self.dispatch(Event::Close);
        if restore {
            // On phones the launcher is hidden while the full-screen panel is
            // open; it is back after the next render, so focus it again then.
            let chat = *self;
            request_animation_frame(move || chat.focus_launcher());
        }
    }

    /// Moves focus to the launcher.
    pub fn focus_launcher(&self) {
        if let Some(Some(launcher)) = self.ui.launcher.try_get_untracked() {
            let _ = launcher.focus();
        }
    }

    /// Opens if closed, closes if open.
    pub fn toggle(&self) {
        if self.state.try_with_untracked(|s| s.open).unwrap_or(false) {
            self.close()
        } else {
            self.open()
        }
    }

    fn focus_is_in_panel(&self) -> bool {
        let Some(Some(panel)) = self.ui.panel.try_get_untracked() else {
            return false;
        };
        let Some(root) = panel.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok() else {
            // Mounted in a plain document (a Leptos app using the component).
            return document().active_element().is_some_and(|a| panel.contains(Some(&a)));
        };
        root.active_element().is_some_and(|a| panel.contains(Some(&a)))
    }

    /// Sends the draft with a fresh client id.
    pub fn submit(&self) {
        self.dispatch(Event::Submit { client_id: new_client_id(), at: now_ms() });
    }

    /// Sends a quick reply as the visitor's message.
    pub fn quick_reply(&self, text: String) {
        self.dispatch(Event::QuickReply { text, client_id: new_client_id(), at: now_ms() });
    }

    /// Forgets the visitor on this device (`Salam('logout')`): the
    /// connection closes, the conversation and the outbox go, storage is
    /// cleared, and the widget connects again as a new visitor.
    pub fn logout(&self) {
        self.input(Input::Stop);
        self.timers.try_update_value(|timers| timers.clear());
        self.dispatch(Event::Logout);
        if let Some(Some(key)) = self.storage_key.try_get_value() {
            crate::storage::remove(&key);
        }
        let caps = self.transport.with_value(|t| t.as_ref().map(|t| t.capabilities()));
        if let Some(caps) = caps {
            self.link.set_value(Link::new(caps, self.heartbeat_ms.get_value(), seed()));
            self.input(Input::Start);
        }
    }

    /// Closes the connection for good and stops every timer.
    pub fn shutdown(&self) {
        self.input(Input::Stop);
        self.timers.try_update_value(|timers| timers.clear());
        self.transport.try_update_value(|t| t.take());
    }
}

/// Seeds the backoff's jitter.
fn seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

/// The browser's clock, in ms since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Where the visitor is, for the support side: this page and their time zone.
fn page_context() -> salam_core::protocol::VisitorContext {
    let url = web_sys::window().and_then(|w| w.location().href().ok());
    let title = Some(document().title()).filter(|t| !t.trim().is_empty());
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    let time_zone = js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|v| v.as_string());
    salam_core::protocol::VisitorContext { url, title, time_zone }
}

/// A client id unique for this visitor: time plus randomness. Not a secret;
/// the server scopes ids to the visitor's own token.
pub(crate) fn new_client_id() -> String {
    let now = js_sys::Date::now() as u64;
    let r1 = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let r2 = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("c{now:x}{r1:08x}{r2:08x}")
}
