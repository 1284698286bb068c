//! Browser implementations of [`salam_core::transport::Transport`].

mod echo;

pub use echo::EchoTransport;
pub use salam_core::transport::{EventSink, InMemoryTransport, Transport, TransportError, TransportEvent};
