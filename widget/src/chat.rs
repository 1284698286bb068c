//! The controller: owns the state signal and the transport, dispatches
//! events through the pure reducer, and runs the effects it returns.
//!
//! Views get a [`Chat`] from context and only call its intent methods
//! (`open`, `close`, `submit`, ...); they never write the state.

use crate::i18n::I18n;
use leptos::html;
use leptos::prelude::*;
use salam_core::i18n::{relative_time, TimeUnit};
use salam_core::protocol::ClientFrame;
use salam_core::state::{reduce, Effect, Event, HostEvent, Message, Saved, State};
use salam_core::transport::{Transport, TransportError, TransportEvent};
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
}

/// Handle to one running chat. `Copy`: it is a set of arena ids.
#[derive(Clone, Copy)]
pub struct Chat {
    state: RwSignal<State>,
    transport: StoredValue<Option<Box<dyn Transport>>, LocalStorage>,
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
        Self {
            state: RwSignal::new(State::default()),
            transport: StoredValue::new_local(Some(transport)),
            hook: StoredValue::new_local(None),
            storage_key: StoredValue::new(None),
            ui: Ui { launcher: NodeRef::new(), panel: NodeRef::new(), composer: NodeRef::new() },
            i18n,
            rows: StoredValue::new_local(HashMap::new()),
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

    /// Restores what an earlier page stored, connects the transport (its
    /// events come back through the reducer), and follows the page's
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

    /// The second half of [`Chat::start`]: connects the transport and
    /// follows the page's lifecycle. Call it inside the widget's reactive
    /// owner (its listeners go when the owner does).
    pub fn connect(&self) {
        let chat = *self;
        let sink = Rc::new(move |ev: TransportEvent| {
            chat.dispatch(match ev {
                TransportEvent::Open => Event::Connected,
                TransportEvent::Closed => Event::Disconnected,
                TransportEvent::Frame(f) => Event::Frame(f),
                TransportEvent::Undeliverable { client_id } => Event::SendFailed { client_id },
            })
        });
        self.transport.try_update_value(|t| {
            if let Some(t) = t {
                t.connect(sink)
            }
        });
        self.follow_page_lifecycle();
    }

    fn follow_page_lifecycle(&self) {
        use leptos::ev;
        let chat = *self;
        let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
        if !online {
            self.dispatch(Event::Network(false));
        }
        let wake = move || {
            chat.transport.try_update_value(|t| {
                if let Some(t) = t {
                    t.wake()
                }
            });
        };
        let handles = [
            window_event_listener(ev::online, move |_| {
                chat.dispatch(Event::Network(true));
                wake();
            }),
            window_event_listener(ev::offline, move |_| chat.dispatch(Event::Network(false))),
            window_event_listener(ev::visibilitychange, move |_| {
                if !document().hidden() {
                    wake();
                }
            }),
            window_event_listener(ev::pageshow, move |_| wake()),
            window_event_listener(ev::pagehide, move |_| {
                chat.transport.try_update_value(|t| {
                    if let Some(t) = t {
                        t.suspend()
                    }
                });
            }),
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

    /// Applies an event and runs what the reducer asks for. After shutdown
    /// this quietly does nothing (late timers and network callbacks are fine).
    pub fn dispatch(&self, event: Event) {
        let Some((effects, changed)) = self.state.try_update(|s| {
            let effects = reduce(s, event);
            (effects, s.take_changed())
        }) else {
            return;
        };
        if !changed.is_empty() {
            self.rows.with_value(|rows| changed.iter().filter_map(|k| rows.get(k)).for_each(|r| r.changed.notify()));
        }
        for effect in effects {
            match effect {
                Effect::Send(frame) => self.send(frame),
                Effect::Persist => self.persist(),
                Effect::Emit(e) => {
                    if let Some(Some(hook)) = self.hook.try_get_value() {
                        hook(&e);
                    }
                }
            }
        }
    }

    fn send(&self, frame: ClientFrame) {
        let result = self.transport.try_update_value(|t| match t {
            Some(t) => t.send(&frame),
            None => Err(TransportError::Closed),
        });
        // NotConnected is not a failure: the message stays "sending" and goes
        // out again on the next `Connected`.
        if let Some(Err(TransportError::Closed)) = result {
            if let ClientFrame::Message { client_id, .. } = frame {
                self.dispatch(Event::SendFailed { client_id });
            }
        }
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

    /// Closes the transport for good.
    pub fn shutdown(&self) {
        self.transport.try_update_value(|t| {
            if let Some(mut t) = t.take() {
                t.close();
            }
        });
    }
}

/// The browser's clock, in ms since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A client id unique for this visitor: time plus randomness. Not a secret;
/// the server scopes ids to the visitor's own token.
fn new_client_id() -> String {
    let now = js_sys::Date::now() as u64;
    let r1 = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let r2 = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("c{now:x}{r1:08x}{r2:08x}")
}
