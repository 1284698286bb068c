//! Reactive access to the localizer, and dates and numbers through the
//! browser's `Intl`. Reading a string subscribes to the language, so a
//! language switch re-renders text in place.

use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::*;
use salam_core::i18n::{canonical_tag, negotiate, Direction, Localizer, TimeUnit, PSEUDO_LOCALE};
use wasm_bindgen::{JsCast, JsValue};

/// The active language: the localizer and the tag `Intl` formats with.
struct Active {
    localizer: Localizer,
    /// `Intl.RelativeTimeFormat` and `Intl.DateTimeFormat` for the visitor's
    /// own tag when it matched the chosen locale (so `ar-EG` gets Egyptian
    /// digits even though the messages are plain `ar`). Built once per
    /// language: constructing them is the expensive part.
    relative: Option<JsValue>,
    dates: Option<JsValue>,
}

/// Handle to the active language. `Copy`; put it anywhere.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Active, LocalStorage>);

impl I18n {
    /// The best match for `requested` (most preferred first), or English.
    pub fn new(requested: &[&str]) -> Self {
        Self(RwSignal::new_local(choose(requested)))
    }

    /// Negotiates again (a runtime language switch): everything re-renders.
    pub fn set_requested(&self, requested: &[&str]) {
        self.0.try_set(choose(requested));
    }

    /// Message `id` in the active language.
    pub fn t(&self, id: &str) -> String {
        self.0.try_with(|a| a.localizer.t(id)).unwrap_or_default()
    }

    /// Message `id` with one numeric argument.
    pub fn t_num(&self, id: &str, name: &str, n: u32) -> String {
        self.0.try_with(|a| a.localizer.t_args(id, &[(name, n.into())])).unwrap_or_default()
    }

    /// Message `id` with one text argument (untrusted text stays text: Fluent
    /// wraps it in isolation marks, and the view renders it as a text node).
    pub fn t_str(&self, id: &str, name: &str, value: &str) -> String {
        self.0.try_with(|a| a.localizer.t_args(id, &[(name, value.to_string().into())])).unwrap_or_default()
    }

    /// A whole number in the locale's digits.
    pub fn number(&self, n: u64) -> String {
        self.0.try_with(|a| a.localizer.number(n)).unwrap_or_default()
    }

    /// Active language tag (a shipped locale, or the pseudo-locale).
    pub fn lang(&self) -> String {
        self.0.try_with(|a| a.localizer.lang()).unwrap_or_default()
    }

    /// Active text direction.
    pub fn dir(&self) -> Direction {
        self.0.try_with(|a| a.localizer.dir()).unwrap_or(Direction::Ltr)
    }

    /// "2 minutes ago", in the active language: `value` units from now
    /// (from [`salam_core::i18n::relative_time`]).
    pub fn relative_time(&self, value: i64, unit: TimeUnit) -> String {
        self.0
            .try_with(|a| format_with(a.relative.as_ref()?, &[JsValue::from(value as f64), unit.as_str().into()]))
            .flatten()
            .unwrap_or_default()
    }

    /// The full date and time of `at` (ms), in the active language.
    pub fn date_time(&self, at: u64) -> String {
        let date: JsValue = js_sys::Date::new(&JsValue::from(at as f64)).into();
        self.0.try_with(|a| format_with(a.dates.as_ref()?, &[date])).flatten().unwrap_or_default()
    }
}

fn choose(requested: &[&str]) -> Active {
    let locale = negotiate(requested);
    let language = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    let intl_tag = if locale == PSEUDO_LOCALE {
        "en".to_string()
    } else {
        requested
            .iter()
            .filter_map(|r| canonical_tag(r))
            .map(|id| id.to_string())
            .find(|r| language(r) == language(locale))
            .unwrap_or_else(|| locale.to_string())
    };
    let localizer = Localizer::for_locale(locale).with_digits(digits(&intl_tag));
    let relative = Object::new();
    let _ = Reflect::set(&relative, &"numeric".into(), &"auto".into());
    let dates = Object::new();
    let _ = Reflect::set(&dates, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&dates, &"timeStyle".into(), &"short".into());
    Active {
        localizer,
        relative: intl_new("RelativeTimeFormat", &intl_tag, &relative),
        dates: intl_new("DateTimeFormat", &intl_tag, &dates),
    }
}

/// The ten digits `Intl.NumberFormat` uses for `tag` (۰-۹ for Persian).
fn digits(tag: &str) -> Option<[char; 10]> {
    let options = Object::new();
    let _ = Reflect::set(&options, &"useGrouping".into(), &false.into());
    let mut out = ['0'; 10];
    for (i, slot) in out.iter_mut().enumerate() {
        let s = intl_call("NumberFormat", tag, &options, &[JsValue::from(i as f64)])?;
        let mut chars = s.chars();
        *slot = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
    }
    Some(out)
}

/// `new Intl[ctor](tag, options)`, with every step allowed to fail (an odd
/// tag throws a RangeError in JS; here it is just `None`).
fn intl_new(ctor: &str, tag: &str, options: &Object) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &ctor.into()).ok()?.dyn_into().ok()?;
    Reflect::construct(&ctor, &Array::of2(&tag.into(), options)).ok()
}

/// `formatter.format(...args)`, or `None` if anything throws.
fn format_with(formatter: &JsValue, args: &[JsValue]) -> Option<String> {
    let format: Function = Reflect::get(formatter, &"format".into()).ok()?.dyn_into().ok()?;
    let args: Array = args.iter().collect();
    format.apply(formatter, &args).ok()?.as_string()
}

/// `new Intl[ctor](tag, options).format(...args)`.
fn intl_call(ctor: &str, tag: &str, options: &Object, args: &[JsValue]) -> Option<String> {
    format_with(&intl_new(ctor, tag, options)?, args)
}
