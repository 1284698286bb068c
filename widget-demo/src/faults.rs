//! Fault injection for the end-to-end reliability tests.
//!
//! The switches live here; the only way to flip them is `POST /__faults`,
//! a route that exists only when the crate is built with the `faults`
//! feature (`cargo xtask test` does; `cargo xtask demo` does not). Without
//! the feature every check is a constant `false`, and the compiler drops
//! the fault paths.

use serde::Deserialize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Whether fault injection is compiled in.
pub const ENABLED: bool = cfg!(feature = "faults");

/// Fail the next `count` requests of a kind with `status`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct FailNext {
    /// How many requests.
    pub count: u32,
    /// The HTTP status to answer.
    pub status: u16,
    /// `Retry-After` seconds to send with it.
    #[serde(default)]
    pub retry_after: Option<u64>,
}

/// What to break. `POST /__faults` with a JSON object sets the fields it
/// names; `{"reset": true}` clears everything first.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
#[cfg_attr(not(feature = "faults"), allow(dead_code))]
pub struct Settings {
    /// Clear every fault before applying the rest.
    pub reset: bool,
    /// Close every visitor connection now (WebSocket and event streams).
    pub drop_sockets: bool,
    /// Refuse new visitor connections with 503 for this long.
    pub refuse_ms: Option<u64>,
    /// Send every frame to visitors twice.
    pub duplicate: Option<bool>,
    /// Swap each pair of consecutive frames to visitors.
    pub reorder: Option<bool>,
    /// Half-open: keep sockets open but send nothing and ignore everything.
    pub stall: Option<bool>,
    /// Delay each frame to visitors by this many ms (slow network).
    pub delay_ms: Option<u64>,
    /// Exit the process right after storing the next visitor message,
    /// before acknowledging it (a crash mid-send).
    pub crash_before_ack: Option<bool>,
    /// Fail the next `POST /api/v1/frames`.
    pub fail_post: Option<FailNext>,
    /// Fail the next `GET /api/v1/events`.
    pub fail_stream: Option<FailNext>,
    /// Hold the next visitor connection after its replay was read and
    /// before it is delivered (the window in which a reply must not be
    /// lost), until `release_hello`.
    pub hold_hello: Option<bool>,
    /// Let held connections go on.
    pub release_hello: bool,
}

/// What `GET /__faults` reports.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq, Eq)]
pub struct Report {
    /// Visitor connections waiting at the hold.
    pub held_hellos: usize,
}

#[derive(Debug, Default)]
struct Active {
    refuse_until: Option<Instant>,
    duplicate: bool,
    reorder: bool,
    stall: bool,
    delay_ms: u64,
    crash_before_ack: bool,
    fail_post: FailNext,
    fail_stream: FailNext,
    hold_hello: bool,
    held_hellos: usize,
}

/// The live fault switches.
#[derive(Debug, Default)]
pub struct Faults {
    active: Mutex<Active>,
    released: tokio::sync::Notify,
}

impl Faults {
    fn with<T>(&self, f: impl FnOnce(&mut Active) -> T) -> T {
        f(&mut self.active.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Applies new settings; returns whether sockets must be dropped now.
    #[cfg_attr(not(feature = "faults"), allow(dead_code))]
    pub fn apply(&self, s: Settings) -> bool {
        self.with(|a| {
            if s.reset {
                *a = Active::default();
            }
            if let Some(ms) = s.refuse_ms {
                a.refuse_until = Some(Instant::now() + Duration::from_millis(ms));
            }
            if let Some(v) = s.duplicate {
                a.duplicate = v;
            }
            if let Some(v) = s.reorder {
                a.reorder = v;
            }
            if let Some(v) = s.stall {
                a.stall = v;
            }
            if let Some(v) = s.delay_ms {
                a.delay_ms = v;
            }
            if let Some(v) = s.crash_before_ack {
                a.crash_before_ack = v;
            }
            if let Some(v) = s.fail_post {
                a.fail_post = v;
            }
            if let Some(v) = s.fail_stream {
                a.fail_stream = v;
            }
            if let Some(v) = s.hold_hello {
                a.hold_hello = v;
            }
        });
        if s.release_hello || s.reset {
            self.released.notify_waiters();
        }
        s.drop_sockets
    }

    /// What the switches are doing now.
    #[cfg_attr(not(feature = "faults"), allow(dead_code))]
    pub fn report(&self) -> Report {
        self.with(|a| Report { held_hellos: a.held_hellos })
    }

    /// Waits here if a test asked to hold the next visitor connection.
    pub async fn hold_hello(&self) {
        if !ENABLED {
            return;
        }
        // Registered before the switch is read, so a release in between is not missed.
        let released = self.released.notified();
        let held = self.with(|a| {
            let held = std::mem::take(&mut a.hold_hello);
            a.held_hellos += usize::from(held);
            held
        });
        if held {
            released.await;
            self.with(|a| a.held_hellos -= 1);
        }
    }

    /// Refuse this new connection?
    pub fn refuse(&self) -> bool {
        ENABLED && self.with(|a| a.refuse_until.is_some_and(|t| Instant::now() < t))
    }

    /// (duplicate, reorder, stall, delay) for outgoing frames.
    pub fn outgoing(&self) -> (bool, bool, bool, u64) {
        if !ENABLED {
            return (false, false, false, 0);
        }
        self.with(|a| (a.duplicate, a.reorder, a.stall, a.delay_ms))
    }

    /// Ignore incoming frames (half-open)?
    pub fn stalled(&self) -> bool {
        ENABLED && self.with(|a| a.stall)
    }

    /// Crash now, between storing and acknowledging? (One shot.)
    pub fn crash_before_ack(&self) -> bool {
        ENABLED && self.with(|a| std::mem::take(&mut a.crash_before_ack))
    }

    /// A status to fail this `POST` with, and its `Retry-After`.
    pub fn fail_post(&self) -> Option<(u16, Option<u64>)> {
        self.take_failure(|a| &mut a.fail_post)
    }

    /// A status to fail this event stream request with.
    pub fn fail_stream(&self) -> Option<(u16, Option<u64>)> {
        self.take_failure(|a| &mut a.fail_stream)
    }

    fn take_failure(&self, which: fn(&mut Active) -> &mut FailNext) -> Option<(u16, Option<u64>)> {
        if !ENABLED {
            return None;
        }
        self.with(|a| {
            let f = which(a);
            f.count = f.count.checked_sub(1)?;
            Some((f.status, f.retry_after))
        })
    }
}
