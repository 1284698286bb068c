use super::icons::IconBot;
use leptos::prelude::*;
use salam_core::names::{initials, safe_image_url};
use salam_core::protocol::AuthorKind;

/// A support-side author's picture: the avatar image if it is a web URL
/// (if it fails to load, their initials take its place), else the
/// initials, or the bot's icon. Decorative: the name is always next to it.
#[component]
pub fn Avatar(
    /// Who wrote.
    kind: AuthorKind,
    /// Their name (initials come from it).
    name: Option<String>,
    /// Their avatar URL, if any (untrusted).
    image: Option<String>,
) -> impl IntoView {
    let letters = initials(name.as_deref().unwrap_or(""));
    let image = image.as_deref().and_then(safe_image_url).map(String::from);
    let bot = kind == AuthorKind::Bot && image.is_none();
    let fallback = (!bot && image.is_none()).then(|| letters.clone());
    view! {
        <span class="salam-avatar" aria-hidden="true">
            {bot.then(|| view! { <IconBot /> })}
            {fallback}
            {image.map(|src| view! {
                <img
                    src=src
                    alt=""
                    referrerpolicy="no-referrer"
                    on:error=move |ev| {
                        // Blocked by the site's CSP, or gone: the initials instead.
                        let _ = event_target::<web_sys::Element>(&ev).replace_with_with_str_1(&letters);
                    }
                />
            })}
        </span>
    }
}
