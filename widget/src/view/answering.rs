use super::avatar::Avatar;
use super::icons::IconBot;
use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::protocol::{AuthorKind, Stage};

/// Under the panel's title: who answers now. The bot (with "Talk to a
/// person"), a person awaited (with the place in the queue), or the agent
/// who joined: picture, name and team, cut with an ellipsis when long and
/// read in full by screen readers. Hidden when the backend does not say.
///
/// One element whose `data-stage` tells the stylesheet which parts show,
/// rather than a view per stage or a reactive `hidden` per part: each
/// reactive binding is its own generic instantiation in the wasm.
#[component]
pub fn Answering() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let stage = Memo::new(move |_| chat.with(|s| s.stage));
    let text = move || {
        chat.with(|s| {
            // Out of hours, nobody joins shortly: say how the answer will come.
            let away = s.availability.is_some_and(|a| !a.open);
            match (s.stage, s.queue_position) {
                (Some(Stage::Bot), _) => i18n.t("answering-bot"),
                (Some(Stage::Waiting), _) if away => i18n.t("answering-waiting-away"),
                (Some(Stage::Waiting), Some(n)) => i18n.t_num("answering-queue", "position", n),
                (Some(Stage::Waiting), None) => i18n.t("answering-waiting"),
                _ => String::new(),
            }
        })
    };
    let agent = move |part: fn(&salam_core::protocol::Author) -> Option<String>| {
        chat.with(|s| s.agent.as_ref().and_then(part).unwrap_or_default())
    };
    view! {
        <div
            class="salam-answering"
            data-stage=move || stage.get().map(|s| match s {
                Stage::Bot => "bot",
                Stage::Waiting => "waiting",
                Stage::Agent => "agent",
            })
        >
            <span class="salam-avatar salam-bot-avatar" aria-hidden="true"><IconBot /></span>
            {move || (stage.get() == Some(Stage::Agent)).then(|| {
                let a = chat.peek(|s| s.agent.clone().unwrap_or_default());
                view! { <Avatar kind=AuthorKind::Agent name=a.name image=a.avatar /> }
            })}
            <span class="salam-answering-text">{text}</span>
            <span class="salam-who">
                <span class="salam-sr-only">{i18n.text("answering-agent-label")}" "</span>
                <bdi class="salam-agent-name">
                    {move || Some(agent(|a| a.name.clone())).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| i18n.t("author-agent"))}
                </bdi>
                <bdi class="salam-agent-team">{move || agent(|a| a.team.clone())}</bdi>
            </span>
            <button
                type="button"
                class="salam-handover"
                aria-disabled=move || chat.with(|s| s.handover_pending).to_string()
                data-a="handover"
            >
                {i18n.text("talk-to-person")}
            </button>
        </div>
    }
}
