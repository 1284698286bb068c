use super::answering::Answering;
use super::icons::IconClose;
use super::ids;
use super::menu::Menu;
use crate::chat::Chat;
use crate::i18n::I18n;
use leptos::prelude::*;
use salam_core::config::OwnerText;
use salam_core::hours::{back_when, in_units, Back};
use wasm_bindgen::JsValue;

/// Title, subtitle and the close button.
#[component]
pub fn Header(
    /// Owner's title, per language; empty for the localized default.
    title: OwnerText,
    /// Owner's subtitle, per language; empty for the localized default.
    subtitle: OwnerText,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    // Owner text is rendered as text (never HTML) and bidi-isolated; the
    // active language picks among the owner's translations.
    let title = move || title.resolve(&i18n.lang()).map(String::from).unwrap_or_else(|| i18n.t("panel-title-default"));
    // Whether anyone answers (the server's `availability`): away says when
    // the team is back, by the visitor's clock; open says the usual reply
    // time, unless the owner wrote their own subtitle.
    // A memo: the away line builds `Intl.DateTimeFormat`s, so it is worked
    // out again when the availability changes, not on every keystroke.
    let availability = Memo::new(move |_| chat.with(|s| s.availability));
    let subtitle = move || {
        let owner = subtitle.resolve(&i18n.lang()).map(String::from);
        match availability.get() {
            Some(a) if !a.open => away(i18n, chat.clock.get(), a.next_open_at),
            Some(a) if owner.is_none() => match a.reply_minutes {
                Some(minutes) => i18n.t_num("reply-time", "minutes", minutes),
                None => i18n.t("reply-time-few"),
            },
            _ => owner.unwrap_or_else(|| i18n.t("panel-subtitle-default")),
        }
    };
    view! {
        <header class="salam-header">
            <div class="salam-heading">
                <h2 id=ids::TITLE class="salam-title" dir="auto">{title}</h2>
                <p class="salam-subtitle" dir="auto">{subtitle}</p>
                <Answering />
            </div>
            <Menu />
            <button
                type="button"
                class="salam-icon-button salam-close"
                aria-label=i18n.text("close-label")
                data-a="close"
            >
                <IconClose />
            </button>
        </header>
    }
}

/// "We're away. Back tomorrow at 9:00.", in the visitor's language, digits,
/// calendar and time zone.
fn away(i18n: I18n, now: u64, next_open: Option<u64>) -> String {
    // Minutes east of UTC at an instant, as the browser knows the visitor's zone.
    let offset = |at: u64| -(js_sys::Date::new(&JsValue::from(at as f64)).get_timezone_offset() as i32);
    let Some(next) = next_open else { return i18n.t("away-now") };
    let time = || i18n.format_date(next, &[("hour", "numeric"), ("minute", "2-digit")]);
    match back_when(now, next, offset(now), offset(next)) {
        None => i18n.t("away-now"),
        Some(Back::Today { in_minutes }) => {
            let (value, unit) = in_units(in_minutes);
            i18n.t_strs("away-back-today", &[("time", time()), ("in", i18n.relative_time(value, unit))])
        }
        Some(Back::Tomorrow) => i18n.t_strs("away-back-tomorrow", &[("time", time())]),
        Some(Back::Weekday(_)) => i18n
            .t_strs("away-back-weekday", &[("day", i18n.format_date(next, &[("weekday", "long")])), ("time", time())]),
        Some(Back::Later) => {
            i18n.t_strs("away-back-later", &[("date", i18n.format_date(next, &[("dateStyle", "long")]))])
        }
    }
}
