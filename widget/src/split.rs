//! Split points: code a visitor may never need lives in its own wasm chunk,
//! fetched when first used (`cargo xtask dist` builds with the `split`
//! feature and splits the wasm after linking; see xtask/src/split.rs).
//!
//! Today that is the transports a default visitor (WebSocket) never uses:
//! HTTP + SSE, the site's JS bridge and the in-page echo bot. Forms, lists
//! and ratings are the next candidates.
//!
//! These are Leptos 0.8's split points: `#[lazy]` expands to the
//! `wasm_split` attribute used here, but it expects every chunk to load,
//! and a failed fetch would abort the whole widget; `fallible` makes it an
//! error value instead. Without the `split` feature (component tests, a
//! Leptos app using the component) they are plain functions.

use crate::transport::{BridgeTransport, EchoTransport, SseTransport, Transport};
use wasm_bindgen::JsValue;

/// A split-off part of the widget could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// The result of a split point: awaited when the build splits (the chunk
/// may have to be fetched), called directly when it does not.
macro_rules! split_call {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}
pub(crate) use split_call;

/// HTTP POST + Server-Sent Events.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(salam_sse, fallible, wasm_split_path = ::leptos::wasm_split))]
pub fn sse_transport(events: String, frames: String, heartbeat_secs: u32) -> Result<Box<dyn Transport>, ChunkError> {
    Ok(Box::new(SseTransport::new(events, frames, heartbeat_secs)))
}

/// The site's own JavaScript transport.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(salam_bridge, fallible, wasm_split_path = ::leptos::wasm_split))]
pub fn bridge_transport(bridge: JsValue) -> Result<Box<dyn Transport>, ChunkError> {
    Ok(Box::new(BridgeTransport::new(bridge)))
}

/// The in-page echo bot.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(salam_echo, fallible, wasm_split_path = ::leptos::wasm_split))]
pub fn echo_transport() -> Result<Box<dyn Transport>, ChunkError> {
    Ok(Box::new(EchoTransport::new()))
}
