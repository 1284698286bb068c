//! When to try again: capped exponential backoff with full jitter.
//!
//! Attempt `n` (0-based) waits a uniformly random time in
//! `[0, min(cap, base * 2^n)]`, never less than `floor`. Full jitter
//! spreads a crowd of widgets that lost the same server over the whole
//! window, so they do not come back in lock-step (the AWS architecture
//! blog's "Exponential Backoff And Jitter"; Centrifugo's SDKs do the same).
//! The randomness is an input, so the policy is a pure function.

/// A backoff policy, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first window's size.
    pub base_ms: u64,
    /// No window is larger than this.
    pub cap_ms: u64,
    /// No wait is shorter than this (a hot loop helps nobody).
    pub floor_ms: u64,
}

impl Backoff {
    /// Reconnecting a transport: 0.1–1 s at first, windows up to 15 s.
    pub const RECONNECT: Backoff = Backoff { base_ms: 1_000, cap_ms: 15_000, floor_ms: 100 };
    /// Resending one HTTP request that failed with a 5xx or a network error.
    pub const RESEND: Backoff = Backoff { base_ms: 500, cap_ms: 8_000, floor_ms: 100 };

    /// The largest wait attempt `attempt` can draw.
    pub fn window(&self, attempt: u32) -> u64 {
        let exp = self.base_ms.saturating_mul(1u64.checked_shl(attempt.min(32)).unwrap_or(u64::MAX));
        exp.min(self.cap_ms).max(self.floor_ms)
    }

    /// The wait before attempt `attempt`, given `random` in `[0, 1)`.
    /// Out-of-range or NaN randomness is clamped, never a panic.
    pub fn delay(&self, attempt: u32, random: f64) -> u64 {
        let r = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
        let wait = (self.window(attempt) as f64 * r) as u64;
        wait.max(self.floor_ms)
    }

    /// The wait before attempt `attempt` when the server said how long to
    /// wait (`Retry-After`, `retry_after_ms`): at least that long.
    pub fn delay_at_least(&self, attempt: u32, random: f64, server_ms: Option<u64>) -> u64 {
        let own = self.delay(attempt, random);
        match server_ms {
            Some(ms) => own.max(ms),
            None => own,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_double_up_to_the_cap() {
        let b = Backoff::RECONNECT;
        let windows: Vec<u64> = (0..7).map(|n| b.window(n)).collect();
        assert_eq!(windows, vec![1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
        // Huge attempt numbers saturate instead of overflowing.
        assert_eq!(b.window(u32::MAX), 15_000);
    }

    #[test]
    fn delays_span_the_whole_window_with_a_floor() {
        let b = Backoff::RECONNECT;
        assert_eq!(b.delay(0, 0.0), 100, "never a hot loop");
        assert_eq!(b.delay(0, 0.5), 500);
        assert_eq!(b.delay(3, 0.999_999), 7_999);
        assert_eq!(b.delay(10, 0.5), 7_500);
        for bad in [f64::NAN, f64::INFINITY, -3.0, 7.0] {
            let d = b.delay(2, bad);
            assert!((100..=4_000).contains(&d), "{bad} gave {d}");
        }
    }

    #[test]
    fn a_crowd_does_not_come_back_in_lock_step() {
        // 1,000 clients with evenly spread randomness at attempt 4: their
        // waits cover the window, none bunch up in one 1-second slot.
        let b = Backoff::RECONNECT;
        let mut slots = [0u32; 15];
        for i in 0..1000 {
            let d = b.delay(4, i as f64 / 1000.0);
            slots[(d / 1000).min(14) as usize] += 1;
        }
        assert!(slots.iter().all(|&n| (50..=90).contains(&n)), "{slots:?}");
    }

    #[test]
    fn the_server_can_ask_for_longer_but_not_shorter() {
        let b = Backoff::RESEND;
        assert_eq!(b.delay_at_least(0, 0.5, Some(3_000)), 3_000);
        assert_eq!(b.delay_at_least(4, 0.9, Some(10)), b.delay(4, 0.9));
        assert_eq!(b.delay_at_least(0, 0.5, None), 250);
    }
}
