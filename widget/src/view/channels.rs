use crate::chat::Chat;
use leptos::prelude::*;
use salam_core::channels::{Channel, ChannelKind};

/// Each kind's icon: one stroked path (drawn here, no icon font).
fn icon_path(kind: ChannelKind) -> &'static str {
    match kind {
        // A speech bubble with a tail at the bottom-left.
        ChannelKind::Whatsapp => "M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3zM9 8.5c0 3.5 3 6.5 6.5 6.5",
        // A paper plane.
        ChannelKind::Telegram => "M21 4L3 11.5l6 2 2 6.5 3.5-4.5 4.5 3.5zM9 13.5l7-5",
        // An envelope.
        ChannelKind::Email => "M3 6h18v12H3zM3 6l9 7 9-7",
        // A handset.
        ChannelKind::Phone => {
            "M5 4h3.5l1.5 4-2 1.5a11 11 0 0 0 6.5 6.5l1.5-2 4 1.5V19a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z"
        }
        // A globe.
        ChannelKind::Link => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
    }
}

/// Other ways to reach the team, in the panel (and so also while the team
/// is away): links built by [`salam_core::channels::href`], opening apart
/// from the page, each with its icon and text. Built with the DOM, again
/// only when the language changes.
#[component]
pub fn Channels(
    /// The owner's channels, with their links.
    channels: Vec<(Channel, String)>,
) -> impl IntoView {
    let chat = expect_context::<Chat>();
    let i18n = chat.i18n;
    let nav = NodeRef::<leptos::html::Nav>::new();
    let none = channels.is_empty();
    super::effect(Box::new(move || {
        let lang = i18n.lang();
        let Some(nav) = nav.get() else { return };
        let _ = nav.set_attribute("aria-label", &i18n.t("channels-label"));
        nav.set_text_content(None);
        let Some(doc) = nav.owner_document() else { return };
        let Ok(ul) = doc.create_element("ul") else { return };
        let _ = nav.append_with_node_1(&ul);
        for (channel, href) in &channels {
            let (Ok(li), Ok(a)) = (doc.create_element("li"), doc.create_element("a")) else { continue };
            a.set_class_name("salam-channel");
            for (name, value) in
                [("href", href.as_str()), ("target", "_blank"), ("rel", "noopener noreferrer nofollow")]
            {
                let _ = a.set_attribute(name, value);
            }
            if let Some(svg) = super::dom::icon(&doc, icon_path(channel.kind), true) {
                let _ = a.append_with_node_1(&svg);
            }
            let text =
                channel.label.resolve(&lang).map(str::to_string).unwrap_or_else(|| i18n.t(channel.kind.message()));
            let _ = a.append_with_str_1(&text);
            let _ = li.append_with_node_1(&a);
            let _ = ul.append_with_node_1(&li);
        }
    }));
    view! { <nav class="salam-channels" hidden=none node_ref=nav></nav> }
}
