//! Availability: when the support team answers, and how the widget says
//! it.
//!
//! Two halves. [`schedule`] (feature `hours`, the reference server) knows
//! the owner's business hours in the owner's time zone, with several slots
//! a day, slots that cross midnight, closed dates and daylight-saving
//! changes, and answers "open now?" and "when next?". [`back_when`] (the
//! widget) turns "next open at this instant" into the visitor's own terms:
//! today in so many minutes, tomorrow, on a weekday, or a later date, by the
//! visitor's calendar and clock (their UTC offsets at both instants come
//! from the browser). Both are pure: time is an argument.

/// When the team is back, in the visitor's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// Later today, in this many minutes (rounded up).
    Today {
        /// Minutes from now.
        in_minutes: u64,
    },
    /// Tomorrow.
    Tomorrow,
    /// Within the coming week: on this weekday (0 Monday … 6 Sunday).
    Weekday(u8),
    /// A week or more ahead.
    Later,
}

const DAY_MS: i64 = 86_400_000;

/// "In 2 hours" rather than "in 121 minutes": under an hour in minutes,
/// from there in hours, rounded to the nearest.
pub fn in_units(minutes: u64) -> (i64, crate::i18n::TimeUnit) {
    use crate::i18n::TimeUnit;
    if minutes < 60 {
        (minutes as i64, TimeUnit::Minute)
    } else {
        (((minutes + 30) / 60) as i64, TimeUnit::Hour)
    }
}

/// The visitor's day number of an instant, given their UTC offset then.
fn local_day(at_ms: i64, offset_minutes: i32) -> i64 {
    (at_ms + i64::from(offset_minutes) * 60_000).div_euclid(DAY_MS)
}

/// When `next_open` falls for a visitor at `now`, both in ms since the
/// epoch, with the visitor's UTC offset (minutes east of UTC, as
/// `-Date.getTimezoneOffset()` gives) at each instant: they differ across
/// a daylight-saving change. `None` if `next_open` is not after `now`.
pub fn back_when(now: u64, next_open: u64, offset_now: i32, offset_next: i32) -> Option<Back> {
    if next_open <= now {
        return None;
    }
    let (now, next) = (now as i64, next_open as i64);
    let days = local_day(next, offset_next) - local_day(now, offset_now);
    Some(match days {
        0 => Back::Today { in_minutes: ((next - now) as u64).div_ceil(60_000) },
        1 => Back::Tomorrow,
        2..=6 => {
            // 1970-01-01 was a Thursday (3, counting from Monday).
            Back::Weekday((local_day(next, offset_next) + 3).rem_euclid(7) as u8)
        }
        _ => Back::Later,
    })
}

/// The business hours of a support team.
#[cfg(feature = "hours")]
pub mod schedule {
    use jiff::civil::{Date, Time};
    use jiff::tz::TimeZone;
    use jiff::Timestamp;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// A schedule as the owner writes it (JSON):
    ///
    /// ```json
    /// {"time_zone": "Asia/Tehran",
    ///  "week": {"sat": [["09:00", "13:00"], ["14:00", "18:00"]], "sun": [["22:00", "02:00"]]},
    ///  "closed": ["2026-03-20", "2026-03-21"]}
    /// ```
    ///
    /// Days are `mon` … `sun`; a slot whose end is not after its start
    /// crosses midnight; `24:00` is the end of the day. On a closed date no
    /// slot starts.
    #[derive(Debug, Clone, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Spec {
        /// An IANA time zone name.
        pub time_zone: String,
        /// Slots per weekday.
        #[serde(default)]
        pub week: BTreeMap<String, Vec<[String; 2]>>,
        /// Closed dates, `YYYY-MM-DD`.
        #[serde(default)]
        pub closed: Vec<String>,
    }

    /// A checked schedule.
    #[derive(Debug, Clone)]
    pub struct Schedule {
        tz: TimeZone,
        /// Slots per weekday, Monday first: (start, end, crosses midnight).
        week: [Vec<(Time, Time, bool)>; 7],
        closed: Vec<Date>,
    }

    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    fn clock(text: &str) -> Result<(Time, bool), String> {
        if text == "24:00" {
            return Ok((Time::MIN, true));
        }
        let (h, m) = text.split_once(':').ok_or_else(|| format!("{text:?} is not HH:MM"))?;
        let (h, m): (i8, i8) =
            (h.parse().map_err(|_| format!("{text:?}"))?, m.parse().map_err(|_| format!("{text:?}"))?);
        Time::new(h, m, 0, 0).map(|t| (t, false)).map_err(|e| format!("{text:?}: {e}"))
    }

    impl Schedule {
        /// Checks a spec: a known time zone, `HH:MM` times, real dates.
        pub fn new(spec: &Spec) -> Result<Self, String> {
            let tz = TimeZone::get(&spec.time_zone).map_err(|e| format!("time_zone {:?}: {e}", spec.time_zone))?;
            let mut week: [Vec<(Time, Time, bool)>; 7] = Default::default();
            for (day, slots) in &spec.week {
                let i = DAYS.iter().position(|d| d == day).ok_or_else(|| format!("{day:?} is not one of {DAYS:?}"))?;
                for [start, end] in slots {
                    let (start, start_is_24) = clock(start)?;
                    if start_is_24 {
                        return Err("a slot cannot start at 24:00".into());
                    }
                    let (end, end_is_24) = clock(end)?;
                    // An end not after the start (or 24:00) is on the next day.
                    week[i].push((start, end, end_is_24 || end <= start));
                }
            }
            let closed = spec
                .closed
                .iter()
                .map(|d| d.parse::<Date>().map_err(|e| format!("closed date {d:?}: {e}")))
                .collect::<Result<_, _>>()?;
            Ok(Self { tz, week, closed })
        }

        /// Reads and checks a JSON spec.
        pub fn from_json(json: &str) -> Result<Self, String> {
            Self::new(&serde_json::from_str(json).map_err(|e| e.to_string())?)
        }

        /// The slots that start on `date`, as instants.
        fn slots(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
            if self.closed.contains(&date) {
                return vec![];
            }
            let day = date.weekday().to_monday_zero_offset() as usize;
            let instant =
                |d: Date, t: Time| d.to_datetime(t).to_zoned_datetime(self.tz.clone()).ok().map(|z| z.timestamp());
            self.week[day]
                .iter()
                .filter_map(|&(start, end, next_day)| {
                    let end_date = if next_day { date.tomorrow().ok()? } else { date };
                    Some((instant(date, start)?, instant(end_date, end)?))
                })
                .collect()
        }

        fn date_of(&self, at: Timestamp) -> Date {
            at.to_zoned_datetime(self.tz.clone()).date()
        }

        /// Whether the team is within its hours at `at_ms`.
        pub fn is_open(&self, at_ms: u64) -> bool {
            let Ok(at) = Timestamp::from_millisecond(at_ms as i64) else { return false };
            let today = self.date_of(at);
            // Yesterday's slots may cross midnight into today.
            [today.yesterday().ok(), Some(today)]
                .into_iter()
                .flatten()
                .flat_map(|d| self.slots(d))
                .any(|(start, end)| start <= at && at < end)
        }

        /// When the next slot starts after `at_ms` (ms), looking up to
        /// 366 days ahead; `None` if no slot does (an empty week, or a year
        /// of closed dates).
        pub fn next_open(&self, at_ms: u64) -> Option<u64> {
            let at = Timestamp::from_millisecond(at_ms as i64).ok()?;
            let mut date = self.date_of(at);
            for _ in 0..=366 {
                let next = self.slots(date).into_iter().map(|(start, _)| start).filter(|&s| s > at).min();
                if let Some(next) = next {
                    return Some(next.as_millisecond() as u64);
                }
                date = date.tomorrow().ok()?;
            }
            None
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// ms of a local wall time in `tz`.
        fn at(tz: &str, text: &str) -> u64 {
            let dt: jiff::civil::DateTime = text.parse().unwrap();
            dt.to_zoned_datetime(TimeZone::get(tz).unwrap()).unwrap().timestamp().as_millisecond() as u64
        }

        fn tehran() -> Schedule {
            Schedule::from_json(
                r#"{"time_zone": "Asia/Tehran",
                    "week": {"sat": [["09:00", "13:00"], ["14:00", "18:00"]],
                             "sun": [["09:00", "17:00"]],
                             "wed": [["22:00", "02:00"]]},
                    "closed": ["2026-12-27"]}"#,
            )
            .unwrap()
        }

        #[test]
        fn several_slots_a_day() {
            let s = tehran();
            // 2026-12-26 is a Saturday.
            assert!(s.is_open(at("Asia/Tehran", "2026-12-26T09:00")));
            assert!(!s.is_open(at("Asia/Tehran", "2026-12-26T13:30")), "lunch");
            assert_eq!(s.next_open(at("Asia/Tehran", "2026-12-26T13:30")), Some(at("Asia/Tehran", "2026-12-26T14:00")));
            assert!(!s.is_open(at("Asia/Tehran", "2026-12-26T18:00")), "the end is not in the slot");
        }

        #[test]
        fn a_slot_crossing_midnight_is_open_on_both_days() {
            let s = tehran();
            // 2026-12-30 is a Wednesday: 22:00 to 02:00 on Thursday.
            assert!(s.is_open(at("Asia/Tehran", "2026-12-30T23:59")));
            assert!(s.is_open(at("Asia/Tehran", "2026-12-31T00:00")));
            assert!(s.is_open(at("Asia/Tehran", "2026-12-31T01:59")));
            assert!(!s.is_open(at("Asia/Tehran", "2026-12-31T02:00")));
            assert_eq!(s.next_open(at("Asia/Tehran", "2026-12-30T21:59")), Some(at("Asia/Tehran", "2026-12-30T22:00")));
        }

        #[test]
        fn closed_dates_are_skipped() {
            let s = tehran();
            // Sunday 2026-12-27 is closed: after Saturday's hours, next is Wednesday night.
            assert!(!s.is_open(at("Asia/Tehran", "2026-12-27T10:00")));
            assert_eq!(s.next_open(at("Asia/Tehran", "2026-12-26T18:30")), Some(at("Asia/Tehran", "2026-12-30T22:00")));
            // The Sunday after is not closed.
            assert_eq!(s.next_open(at("Asia/Tehran", "2027-01-02T19:00")), Some(at("Asia/Tehran", "2027-01-03T09:00")));
        }

        #[test]
        fn daylight_saving_changes() {
            let s = Schedule::from_json(
                r#"{"time_zone": "America/New_York", "week": {"sun": [["02:30", "04:00"]], "sat": [["22:00", "03:00"]]}}"#,
            )
            .unwrap();
            // 2027-03-14, clocks go 02:00 -> 03:00: 02:30 does not exist, and the slot
            // starts when the clock reads 03:30 (the instant 02:30 EST would have been).
            let next = s.next_open(at("America/New_York", "2027-03-14T00:00")).unwrap();
            assert_eq!(next, at("America/New_York", "2027-03-14T03:30"));
            assert_eq!(next, at("America/New_York", "2027-03-14T01:30") + 60 * 60_000);
            // Saturday's night slot runs into that Sunday: 4 hours of real time (22:00 EST to 03:00 EDT).
            let sat = at("America/New_York", "2027-03-13T22:00");
            assert!(s.is_open(sat + 4 * 3_600_000 - 1) && !s.is_open(sat + 4 * 3_600_000));
            // 2027-11-07, clocks go 02:00 -> 01:00: a 01:30–03:00 slot starts at the first 01:30
            // and lasts 2.5 hours of real time.
            let fall =
                Schedule::from_json(r#"{"time_zone": "America/New_York", "week": {"sun": [["01:30", "03:00"]]}}"#)
                    .unwrap();
            let start = fall.next_open(at("America/New_York", "2027-11-07T00:00")).unwrap();
            assert_eq!(start, at("America/New_York", "2027-11-07T00:00") + 90 * 60_000);
            assert!(fall.is_open(start + 150 * 60_000 - 1) && !fall.is_open(start + 150 * 60_000));
        }

        #[test]
        fn bad_specs_say_what_is_wrong() {
            let err = |json: &str| Schedule::from_json(json).expect_err("refused");
            assert!(err(r#"{"time_zone": "Mars/Olympus"}"#).contains("Mars/Olympus"));
            assert!(err(r#"{"time_zone": "UTC", "week": {"monday": []}}"#).contains("monday"));
            assert!(err(r#"{"time_zone": "UTC", "week": {"mon": [["9", "17:00"]]}}"#).contains("HH:MM"));
            assert!(err(r#"{"time_zone": "UTC", "week": {"mon": [["25:00", "17:00"]]}}"#).contains("25:00"));
            assert!(err(r#"{"time_zone": "UTC", "closed": ["2026-02-30"]}"#).contains("2026-02-30"));
            // An empty week is never open and has no next opening.
            let never = Schedule::from_json(r#"{"time_zone": "UTC"}"#).unwrap();
            assert!(!never.is_open(0) && never.next_open(0).is_none());
            // 24:00 ends at midnight.
            let s = Schedule::from_json(r#"{"time_zone": "UTC", "week": {"thu": [["20:00", "24:00"]]}}"#).unwrap();
            assert!(s.is_open(at("UTC", "1970-01-01T23:59")) && !s.is_open(at("UTC", "1970-01-02T00:00")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;
    const HOUR: u64 = 60 * MIN;

    /// 2026-12-01 00:00 UTC, a Tuesday.
    const TUE: u64 = 1_796_083_200_000;

    #[test]
    fn later_today_counts_minutes_rounded_up() {
        assert_eq!(back_when(TUE + 7 * HOUR, TUE + 9 * HOUR, 0, 0), Some(Back::Today { in_minutes: 120 }));
        assert_eq!(back_when(TUE, TUE + 1, 0, 0), Some(Back::Today { in_minutes: 1 }));
        assert_eq!(back_when(TUE + HOUR, TUE + HOUR, 0, 0), None, "open now");
    }

    #[test]
    fn waits_read_in_minutes_then_hours() {
        use crate::i18n::TimeUnit::{Hour, Minute};
        assert_eq!(in_units(1), (1, Minute));
        assert_eq!(in_units(59), (59, Minute));
        assert_eq!(in_units(60), (1, Hour));
        assert_eq!(in_units(89), (1, Hour));
        assert_eq!(in_units(90), (2, Hour));
        assert_eq!(in_units(120), (2, Hour));
        assert_eq!(in_units(151), (3, Hour));
    }

    #[test]
    fn midnight_is_the_visitors_not_utcs() {
        // 23:30 to 00:30 for a UTC visitor: tomorrow.
        assert_eq!(back_when(TUE - 30 * MIN, TUE + 30 * MIN, 0, 0), Some(Back::Tomorrow));
        // The same instants for a visitor at UTC+3:30 (Tehran): 03:00 to 04:00, today.
        assert_eq!(back_when(TUE - 30 * MIN, TUE + 30 * MIN, 210, 210), Some(Back::Today { in_minutes: 60 }));
        // And at UTC-5: 18:30 to 19:30, today.
        assert_eq!(back_when(TUE - 30 * MIN, TUE + 30 * MIN, -300, -300), Some(Back::Today { in_minutes: 60 }));
        // UTC+3:30, 23:59 Tuesday to 00:01 Wednesday.
        let tue_2359 = TUE + 24 * HOUR - 210 * MIN - MIN;
        assert_eq!(back_when(tue_2359, tue_2359 + 2 * MIN, 210, 210), Some(Back::Tomorrow));
    }

    #[test]
    fn days_of_the_week_and_later() {
        assert_eq!(back_when(TUE + HOUR, TUE + 2 * 24 * HOUR, 0, 0), Some(Back::Weekday(3)), "Thursday");
        assert_eq!(back_when(TUE + HOUR, TUE + 6 * 24 * HOUR, 0, 0), Some(Back::Weekday(0)), "Monday");
        assert_eq!(back_when(TUE + HOUR, TUE + 7 * 24 * HOUR, 0, 0), Some(Back::Later));
    }

    #[test]
    fn a_daylight_saving_change_in_between_keeps_the_day() {
        // Saturday 23:30 (UTC+1) to Sunday 09:00 after clocks went forward (UTC+2): tomorrow,
        // though 9.5 hours of UTC have not crossed a UTC midnight boundary the same way.
        let sat_2330_local = TUE + 5 * 24 * HOUR - HOUR / 2 - HOUR; // Saturday 23:30 at UTC+1
        let sun_0900_local = TUE + 5 * 24 * HOUR + 9 * HOUR - 2 * HOUR; // Sunday 09:00 at UTC+2
        assert_eq!(back_when(sat_2330_local, sun_0900_local, 60, 120), Some(Back::Tomorrow));
        // 00:30 local (UTC+2) back to 01:30 local after the clocks went back (UTC+1): 2 hours of real time, today.
        let now = TUE + 30 * MIN - 2 * HOUR;
        let next = TUE + 90 * MIN - HOUR;
        assert_eq!(back_when(now, next, 120, 60), Some(Back::Today { in_minutes: 120 }));
    }
}
