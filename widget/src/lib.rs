//! The Salam chat widget.
//!
//! Two ways in:
//!
//! * **One script tag.** `cargo xtask dist` builds `salam.js`, which loads
//!   this crate as WebAssembly and calls [`boot`]; the widget then lives in a
//!   `<salam-chat>` element with its own shadow root.
//! * **A Leptos component.** In your own Leptos app, create a [`Chat`] over
//!   any [`transport::Transport`] and render [`SalamChat`]:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use salam_widget::{Chat, I18n, SalamChat, transport::EchoTransport};
//! use salam_widget::core::config::Config;
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     let chat = Chat::new(Box::new(EchoTransport::new()), I18n::new(&["en"]));
//!     chat.start();
//!     view! { <SalamChat chat=chat config=Config::default() /> }
//! }
//! ```
//!
//! The rules of the conversation are in the pure crate [`salam_core`]
//! (re-exported as [`core`]); this crate is the glue around it.
#![deny(missing_docs)]

mod chat;
mod embed;
mod files;
mod i18n;
mod sound;
mod split;
mod storage;
mod timers;
pub mod transport;
mod view;

pub use chat::{Chat, HostEventHook, Ui};
pub use embed::{boot, HOST_TAG, STYLES};
pub use i18n::I18n;
pub use salam_core as core;
pub use view::SalamChat;
