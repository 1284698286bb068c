//! Reactive access to the localizer: reading a string subscribes to the
//! language, so a later language switch re-renders text in place.

use leptos::prelude::*;
use salam_core::i18n::{Direction, Localizer};
use std::sync::Arc;

/// Handle to the active localizer. `Copy`; put it anywhere.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Arc<Localizer>>);

impl I18n {
    /// The best match for `requested` (most preferred first), or English.
    pub fn new(requested: &[&str]) -> Self {
        Self(RwSignal::new(Arc::new(Localizer::new(requested))))
    }

    /// Message `id` in the active language.
    pub fn t(&self, id: &str) -> String {
        self.0.try_with(|l| l.t(id)).unwrap_or_default()
    }

    /// Message `id` with one numeric argument.
    pub fn t_num(&self, id: &str, name: &str, n: u32) -> String {
        self.0.try_with(|l| l.t_args(id, &[(name, n.into())])).unwrap_or_default()
    }

    /// Active language tag.
    pub fn lang(&self) -> String {
        self.0.try_with(|l| l.lang()).unwrap_or_default()
    }

    /// Active text direction.
    pub fn dir(&self) -> Direction {
        self.0.try_with(|l| l.dir()).unwrap_or(Direction::Ltr)
    }
}
