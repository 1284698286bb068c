//! Browser implementations of [`salam_core::transport::Transport`]: thin
//! adapters the connection machine (`salam_core::connection`) drives.

mod bridge;
mod echo;
pub(crate) mod sse;
mod ws;

pub use bridge::BridgeTransport;
pub use echo::EchoTransport;
pub use salam_core::transport::{Capabilities, EventSink, InMemoryTransport, PostOutcome, Transport, TransportEvent};
pub use sse::SseTransport;
pub use ws::WebSocketTransport;
