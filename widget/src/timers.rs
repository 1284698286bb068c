//! The connection machine's timers as browser timeouts: at most one of
//! each kind pending, replaced when armed again, cancelled when asked.

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use salam_core::connection::Timer;
use std::time::Duration;

/// The pending timeouts, one slot per [`Timer`].
#[derive(Default)]
pub struct Timers {
    slots: [Option<TimeoutHandle>; 3],
}

fn slot(timer: Timer) -> usize {
    match timer {
        Timer::Reconnect => 0,
        Timer::Heartbeat => 1,
        Timer::Resend => 2,
    }
}

impl Timers {
    /// Runs `fire` after `ms`, replacing the pending one of this kind.
    pub fn arm(&mut self, timer: Timer, ms: u64, fire: impl FnOnce() + 'static) {
        self.cancel(timer);
        self.slots[slot(timer)] = set_timeout_with_handle(fire, Duration::from_millis(ms)).ok();
    }

    /// Cancels the pending one of this kind, if any.
    pub fn cancel(&mut self, timer: Timer) {
        if let Some(handle) = self.slots[slot(timer)].take() {
            handle.clear();
        }
    }

    /// Forgets a timer that has fired (its handle is spent).
    pub fn fired(&mut self, timer: Timer) {
        self.slots[slot(timer)] = None;
    }

    /// Cancels everything.
    pub fn clear(&mut self) {
        for timer in [Timer::Reconnect, Timer::Heartbeat, Timer::Resend] {
            self.cancel(timer);
        }
    }
}
