//! `GET /api/v1/agent/figures`: the team's figures for a period, as JSON
//! for the console's charts and table, or as CSV to download. Computed in
//! SQL ([`crate::store::Store::figures`]).

use crate::accounts::{refuse, Agent, ClientIp};
use crate::server::{now_ms, App};
use crate::store::{FigureRow, Figures};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::sync::Arc;

/// A day in ms.
const DAY_MS: u64 = 86_400_000;
/// The longest period asked at once.
const MAX_DAYS: u64 = 366;

/// The query: the first and last day (`YYYY-MM-DD`, UTC, both included;
/// by default the last 7 days), and `format=csv` for a file.
#[derive(Debug, Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

/// Midnight (UTC) of `YYYY-MM-DD`, in ms.
fn day_start(day: &str) -> Option<u64> {
    let date: jiff::civil::Date = day.parse().ok()?;
    let secs = date.duration_since(jiff::civil::date(1970, 1, 1)).as_secs();
    u64::try_from(secs).ok()?.checked_mul(1000)
}

/// The period asked, as [from, to) in ms, or why not.
fn period(p: &Period, now: u64) -> Result<(u64, u64), &'static str> {
    let today = now / DAY_MS * DAY_MS;
    let to = match &p.to {
        Some(d) => day_start(d).ok_or("bad_date")? + DAY_MS,
        None => today + DAY_MS,
    };
    let from = match &p.from {
        Some(d) => day_start(d).ok_or("bad_date")?,
        None => to - 7 * DAY_MS,
    };
    if from >= to || to - from > MAX_DAYS * DAY_MS {
        return Err("bad_period");
    }
    Ok((from, to))
}

/// The figures as CSV: one line per row (overall, each agent, each day).
pub fn csv(f: &Figures) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record([
        "row",
        "label",
        "conversations",
        "tickets",
        "answered",
        "first_response_seconds",
        "resolved",
        "resolution_seconds",
        "rated",
        "satisfied",
        "csat_percent",
    ])?;
    let secs = |ms: Option<f64>| ms.map_or(String::new(), |ms| format!("{:.0}", ms / 1000.0));
    let rows = std::iter::once(("overall", &f.overall))
        .chain(f.agents.iter().map(|r| ("agent", r)))
        .chain(f.days.iter().map(|r| ("day", r)));
    for (kind, r) in rows {
        let r: &FigureRow = r;
        w.write_record([
            kind.to_string(),
            r.label.clone(),
            r.conversations.to_string(),
            r.tickets.to_string(),
            r.answered.to_string(),
            secs(r.first_response_ms),
            r.resolved.to_string(),
            secs(r.resolution_ms),
            r.rated.to_string(),
            r.satisfied.to_string(),
            r.csat.map_or(String::new(), |c| format!("{c:.1}")),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// `GET /api/v1/agent/figures?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]`.
pub async fn figures(
    State(app): State<Arc<App>>,
    ClientIp(ip): ClientIp,
    Agent(me): Agent,
    Query(q): Query<Period>,
) -> Response {
    let (from, to) = match period(&q, now_ms()) {
        Ok(p) => p,
        Err(code) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                code,
                "Give the first and last day as YYYY-MM-DD, the first not after the last, a year at most.",
            )
        }
    };
    let figures = match app.store.figures(from, to).await {
        Ok(f) => f,
        Err(e) => return refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", &e.0),
    };
    if q.format.as_deref() != Some("csv") {
        return Json(figures).into_response();
    }
    let Ok(text) = csv(&figures) else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "unavailable", "The CSV could not be written.");
    };
    let name = |ms: u64| {
        jiff::Timestamp::from_millisecond(ms as i64).map(|t| t.strftime("%Y-%m-%d").to_string()).unwrap_or_default()
    };
    let (first, last) = (name(from), name(to - DAY_MS));
    let _ = app
        .store
        .audit(Some(&me), "export", Some(&format!("figures {first} to {last}")), ip.as_deref(), now_ms())
        .await;
    let disposition = format!("attachment; filename=\"salam-figures-{first}-to-{last}.csv\"");
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)], text)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_whole_utc_days_and_bounded() {
        let p = |from: Option<&str>, to: Option<&str>| Period {
            from: from.map(Into::into),
            to: to.map(Into::into),
            format: None,
        };
        let day = day_start("2026-12-01").unwrap();
        assert_eq!(day % DAY_MS, 0);
        assert_eq!(period(&p(Some("2026-12-01"), Some("2026-12-01")), 0), Ok((day, day + DAY_MS)));
        assert_eq!(period(&p(None, None), day + 5_000), Ok((day - 6 * DAY_MS, day + DAY_MS)), "the last 7 days");
        assert_eq!(period(&p(Some("2026-12-02"), Some("2026-12-01")), 0), Err("bad_period"));
        assert_eq!(period(&p(Some("2020-01-01"), Some("2026-12-01")), 0), Err("bad_period"));
        assert_eq!(period(&p(Some("yesterday"), None), 0), Err("bad_date"));
    }

    #[test]
    fn the_csv_quotes_what_needs_it() {
        let row = FigureRow {
            label: "Sara, \"the\" lead".into(),
            conversations: 2,
            first_response_ms: Some(90_000.0),
            csat: Some(50.0),
            ..FigureRow::default()
        };
        let f = Figures { from: 0, to: DAY_MS, overall: row.clone(), agents: vec![], days: vec![] };
        let text = csv(&f).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with("row,label,conversations,tickets"));
        assert_eq!(lines.next().unwrap(), "overall,\"Sara, \"\"the\"\" lead\",2,0,0,90,0,,0,0,50.0");
    }
}
