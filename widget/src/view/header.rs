use super::answering::Answering;
use super::icons::IconClose;
use super::ids;
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::config::OwnerText;

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
    let subtitle =
        move || subtitle.resolve(&i18n.lang()).map(String::from).unwrap_or_else(|| i18n.t("panel-subtitle-default"));
    view! {
        <header class="salam-header">
            <div class="salam-heading">
                <h2 id=ids::TITLE class="salam-title" dir="auto">{title}</h2>
                <p class="salam-subtitle" dir="auto">{subtitle}</p>
                <Answering />
            </div>
            <button
                type="button"
                class="salam-icon-button salam-close"
                aria-label=move || i18n.t("close-label")
                on:click=move |_| chat.close()
            >
                <IconClose />
            </button>
        </header>
    }
}
