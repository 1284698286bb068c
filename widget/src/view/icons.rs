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

/// A friendly robot head: the bot's avatar.
#[component]
pub fn IconBot() -> impl IntoView {
    view! {
        <svg class="salam-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 2a1.5 1.5 0 0 1 .75 2.8V6H17a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h4.25V4.8A1.5 1.5 0 0 1 12 2zM9 11a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM1 11h2v5H1zm20 0h2v5h-2z" />
        </svg>
    }
}

/// Three dots: "more options".
#[component]
pub fn IconMore() -> impl IntoView {
    view! {
        <svg class="salam-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M5 10.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z" />
        </svg>
    }
}

/// Paper clip.
#[component]
pub fn IconAttach() -> impl IntoView {
    view! {
        <svg class="salam-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7" class="salam-stroke" />
        </svg>
    }
}
