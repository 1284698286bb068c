use super::icons::IconClose;
use super::ids;
use crate::chat::Chat;
use leptos::prelude::*;

/// Title, subtitle and the close button.
#[component]
pub fn Header(
    /// Owner's title; `None` for the localized default.
    title: Option<String>,
    /// Owner's subtitle; `None` for the localized default.
    subtitle: Option<String>,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    // Owner text is rendered as text (never HTML) and bidi-isolated.
    let title = move || title.clone().unwrap_or_else(|| i18n.t("panel-title-default"));
    let subtitle = move || subtitle.clone().unwrap_or_else(|| i18n.t("panel-subtitle-default"));
    view! {
        <header class="salam-header">
            <div class="salam-heading">
                <h2 id=ids::TITLE class="salam-title" dir="auto">{title}</h2>
                <p class="salam-subtitle" dir="auto">{subtitle}</p>
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
