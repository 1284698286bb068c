//! Timers and randomness for the network transports.

use leptos::leptos_dom::helpers::{set_interval_with_handle, set_timeout_with_handle, IntervalHandle, TimeoutHandle};
use std::time::Duration;

/// Whether the page is hidden (a background tab). The transports do not
/// schedule reconnects then: `visibilitychange` wakes them, so a hidden tab
/// runs no timers beyond the heartbeat of a live connection.
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// A pending timeout, cancelled when dropped or replaced.
#[derive(Default)]
pub struct Timeout(Option<TimeoutHandle>);

impl Timeout {
    /// Runs `f` after `ms`, cancelling whatever this timeout held.
    pub fn set(&mut self, ms: u64, f: impl FnOnce() + 'static) {
        self.clear();
        self.0 = set_timeout_with_handle(f, Duration::from_millis(ms)).ok();
    }

    /// Cancels it.
    pub fn clear(&mut self) {
        if let Some(h) = self.0.take() {
            h.clear();
        }
    }

    /// Marks it as fired (call first thing in the callback).
    pub fn fired(&mut self) {
        self.0 = None;
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A repeating timer, stopped when dropped.
#[derive(Default)]
pub struct Interval(Option<IntervalHandle>);

impl Interval {
    /// Runs `f` every `ms`, replacing whatever this interval ran.
    pub fn set(&mut self, ms: u64, f: impl Fn() + 'static) {
        self.clear();
        self.0 = set_interval_with_handle(f, Duration::from_millis(ms)).ok();
    }

    /// Stops it.
    pub fn clear(&mut self) {
        if let Some(h) = self.0.take() {
            h.clear();
        }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A number in [0, 1) for backoff jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}
