//! Browser implementations of [`salam_core::transport::Transport`].

mod bridge;
mod echo;
mod sse;
mod timer;
mod ws;

pub use bridge::BridgeTransport;
pub use echo::EchoTransport;
pub use salam_core::transport::{EventSink, InMemoryTransport, Transport, TransportError, TransportEvent};
pub use sse::SseTransport;
pub use ws::WebSocketTransport;
