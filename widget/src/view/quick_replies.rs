use crate::chat::Chat;
use leptos::prelude::*;

/// Buttons with the answers the visitor may pick, under the newest
/// message. Picking one sends it as the visitor's message, which retires
/// them (the rule is [`salam_core::state::State::quick_replies`]).
#[component]
pub fn QuickReplies() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let replies = Memo::new(move |_| {
        chat.state().with(|s| s.quick_replies().map(|(_, replies)| replies.to_vec()).unwrap_or_default())
    });
    move || {
        let replies = replies.get();
        (!replies.is_empty()).then(|| {
            view! {
                <div class="salam-quick-replies" role="group" aria-label=i18n.text("quick-replies-label")>
                    {replies
                        .into_iter()
                        .map(|text| {
                            let sent = text.clone();
                            view! {
                                <button type="button" class="salam-quick-reply" dir="auto" on:click=move |_| chat.quick_reply(sent.clone())>
                                    {text}
                                </button>
                            }
                        })
                        .collect::<Vec<_>>()}
                </div>
            }
        })
    }
}
