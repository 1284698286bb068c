//! Inline SVG icons (no icon font, no emoji: they render everywhere).
//! All are decorative: the buttons carrying them have accessible names.

use leptos::prelude::*;

/// Speech bubble, its tail on the inline-start side (mirrored in right-to-left).
#[component]
pub fn IconChat() -> impl IntoView {
    view! {
        <svg class="salam-icon salam-mirror" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
        </svg>
    }
}

/// Cross.
#[component]
pub fn IconClose() -> impl IntoView {
    view! {
        <svg class="salam-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" class="salam-stroke" />
        </svg>
    }
}

/// Paper plane pointing to the inline end; mirrored in right-to-left.
#[component]
pub fn IconSend() -> impl IntoView {
    view! {
        <svg class="salam-icon salam-mirror" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 20.5v-7l11-1.5-11-1.5v-7L22 12z" />
        </svg>
    }
}
