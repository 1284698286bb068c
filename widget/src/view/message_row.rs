use super::avatar::Avatar;
use super::rich_text::render_rich;
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::protocol::AuthorKind;
use salam_core::state::Delivery;

/// One message. Its text is untrusted: it is rendered as a text node, never
/// as HTML, and isolated with `dir="auto"` so right-to-left and
/// left-to-right text each keep their order.
#[component]
pub fn MessageRow(
    /// The message's stable key.
    key: String,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let lookup = key.clone();
    // Re-runs only when this message changes (see `Chat::message`).
    let message = Memo::new(move |_| chat.message(&lookup));
    let forget = key.clone();
    on_cleanup(move || chat.forget_row(&forget));
    let first = message.get_untracked()?;
    let author = first.author;
    let author_name = first.author_name.clone();
    let kind = match author {
        AuthorKind::Visitor => "visitor",
        AuthorKind::Bot => "bot",
        AuthorKind::Agent => "agent",
        AuthorKind::System => "system",
    };
    let who = move || match (author, author_name.clone()) {
        (AuthorKind::Visitor, _) => i18n.t("author-you"),
        (_, Some(name)) if !name.trim().is_empty() => name,
        (AuthorKind::Bot, _) => i18n.t("author-bot"),
        (AuthorKind::Agent, _) => i18n.t("author-agent"),
        (AuthorKind::System, _) => i18n.t("author-system"),
    };
    let text = Memo::new(move |_| message.with(|m| m.as_ref().map(|m| m.text.clone()).unwrap_or_default()));
    // Answers from the support side may carry rich text (parsed in the
    // core, rendered as nodes); the visitor's own words and notices are
    // shown exactly as typed.
    let rich = matches!(author, AuthorKind::Bot | AuthorKind::Agent);
    let body = NodeRef::<leptos::html::P>::new();
    super::effect(Box::new(move || {
        if let Some(p) = body.get() {
            text.with(|t| if rich { render_rich(&p, t) } else { p.set_text_content(Some(t)) });
        }
    }));
    // The files, rebuilt only when they (or the upload's progress) change.
    let files = NodeRef::<leptos::html::Div>::new();
    super::effect(Box::new(move || {
        if let (Some(el), Some(m)) = (files.get(), message.get()) {
            super::files::fill(chat, &el, &m);
        }
    }));
    let avatar =
        rich.then(|| view! { <Avatar kind=author name=first.author_name.clone() image=first.avatar.clone() /> });
    let delivery = Memo::new(move |_| message.with(|m| m.as_ref().map(|m| m.delivery.clone())));
    let status = move || match delivery.get() {
        Some(Delivery::Sending) => i18n.t("message-sending"),
        Some(Delivery::Sent) => i18n.t("message-sent"),
        Some(Delivery::Seen) => i18n.t("message-seen"),
        Some(Delivery::Failed(reason)) => i18n.t(reason),
        _ => String::new(),
    };
    let failed = move || matches!(delivery.get(), Some(Delivery::Failed(_)));
    // Relative time against the ticking clock, full date on hover, and a
    // machine-readable datetime for assistive tech. Intl formats only when
    // the label changes (see `Chat::ago`).
    let time = first.at.map(|at| {
        let ago = chat.ago(&key, at);
        let iso =
            js_sys::Date::new(&wasm_bindgen::JsValue::from(at as f64)).to_iso_string().as_string().unwrap_or_default();
        view! {
            <time datetime=iso title=move || i18n.date_time(at)>
                {move || ago.with(|&(value, unit)| i18n.relative_time(value, unit))}
            </time>
        }
    });
    Some(view! {
        <div class=format!("salam-msg salam-msg-{kind}") class:salam-failed=failed data-key=key>
            // Visitors' own messages need no visible name; screen readers still hear it.
            <span class="salam-author" class:salam-sr-only=author == AuthorKind::Visitor>
                {avatar}
                <bdi class="salam-name">{who}</bdi>
            </span>
            <p class="salam-text" dir="auto" node_ref=body></p>
            <div class="salam-files" node_ref=files></div>
            <span class="salam-meta">
                {time}
                {(author == AuthorKind::Visitor).then(|| view! {
                    <span class="salam-status">{status}</span>
                    // Shown by the stylesheet on a failed row only
                    // (cheaper than a `Show` per row).
                    <button
                        type="button"
                        class="salam-retry"
                        data-a="retry"
                    >
                        {i18n.text("message-retry")}
                    </button>
                })}
            </span>
        </div>
    })
}
