//! The pure core of the Salam chat widget.
//!
//! Everything here is plain Rust: no Leptos, no `web-sys`, no clock and no
//! randomness. The browser glue in `salam-widget` gathers inputs (the
//! `<script>` tag's `data-*` attributes, `window.salamSettings`, frames from
//! the network, what the visitor typed) and feeds them to these functions;
//! what to do about them comes back as values. That keeps the rules of the
//! conversation testable natively in seconds.
//!
//! A short tour:
//!
//! ```
//! use salam_core::config::{parse_config, RawSettings};
//! use salam_core::state::{reduce, Effect, Event, State};
//!
//! // 1. Config: data-* attributes and salamSettings, merged into one typed value.
//! let data = vec![("title".to_string(), "Help".to_string())];
//! let (config, warnings) = parse_config(&data, &RawSettings::default());
//! assert_eq!(config.title.resolve("en"), Some("Help"));
//! assert!(warnings.is_empty());
//!
//! // 2. State: one reducer; the glue runs the effects it returns.
//! let mut state = State::default();
//! reduce(&mut state, Event::DraftChanged("hello".into()));
//! let effects = reduce(&mut state, Event::Submit { client_id: "c1".into(), at: 0 });
//! assert_eq!(state.messages.len(), 1);
//! assert!(effects.iter().any(|e| matches!(e, Effect::Send(_))));
//! ```
//!
//! The glue runs a session: the reducer joined to the connection machine,
//! which decides when frames go over the link. It is fed inputs with the
//! time, and answers with what to do:
//!
//! ```
//! use salam_core::connection::{Capabilities, Link, Timer, TransportEvent};
//! use salam_core::session::{step, Effect, Input};
//! use salam_core::state::State;
//!
//! let (mut state, mut link) = (State::default(), Link::new(Capabilities::SOCKET, 25_000, 1));
//! // Start: open a connection, and watch it with the heartbeat.
//! assert_eq!(step(&mut state, &mut link, Input::Start, 0), [Effect::Open, Effect::Arm(Timer::Heartbeat, 25_000)]);
//! // The transport opened: the conversation says hello.
//! let effects = step(&mut state, &mut link, Input::Net(TransportEvent::Opened), 10);
//! assert!(matches!(effects[..], [Effect::Transmit(salam_core::protocol::ClientFrame::Hello { .. })]));
//! ```
#![deny(missing_docs)]

pub mod attach;
pub mod backoff;
pub mod channels;
pub mod config;
pub mod connection;
pub mod ending;
pub mod greeting;
pub mod hours;
pub mod i18n;
pub mod names;
pub mod prechat;
pub mod protocol;
pub mod rich;
pub mod session;
pub mod state;
pub mod ticket;
pub mod transcript;
pub mod transport;
