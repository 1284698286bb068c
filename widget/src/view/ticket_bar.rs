use crate::chat::Chat;
use leptos::prelude::*;

/// Above the composer: "Leave a message" while nobody can answer in the
/// chat, and what became of the message left: sending, or its reference
/// and where the answer goes (a polite status region).
#[component]
pub fn TicketBar() -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let offer = move || {
        chat.state()
            .with(|s| s.availability.as_ref().is_some_and(|a| !a.open) && !s.ticket_open && s.ticket.sending.is_none())
    };
    // The ticket, then the transcript asked for by e-mail.
    let status = move || {
        chat.with(|s| {
            let ticket = match (&s.ticket.sending, s.ticket.reference, &s.ticket.email) {
                (Some(_), ..) => i18n.t("ticket-sending"),
                (None, Some(reference), Some(email)) => {
                    i18n.t_strs("ticket-sent", &[("reference", format!("#{reference}")), ("email", email.clone())])
                }
                _ => String::new(),
            };
            let transcript =
                s.transcript_sent.as_deref().map(|email| i18n.t_str("transcript-email-sent", "email", email));
            let mut line = ticket;
            if let Some(transcript) = transcript {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&transcript);
            }
            line
        })
    };
    view! {
        <div class="salam-ticket-bar">
            <p class="salam-ticket-status" role="status" dir="auto">{status}</p>
            <button
                type="button"
                class="salam-ticket-offer"
                hidden=move || !offer()
                data-a="m-ticket"
            >
                {i18n.text("ticket-offer")}
            </button>
        </div>
    }
}
