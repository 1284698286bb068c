//! WebSocket transport (gloo-net): one frame per text message. It opens,
//! sends and closes when the connection machine says so, and reports what
//! the socket does; reconnecting, the heartbeat and retries are the
//! machine's (`salam_core::connection`).

use futures::channel::mpsc;
use futures::future::{select, Either};
use futures::{SinkExt, StreamExt};
use gloo_net::websocket::{futures::WebSocket, Message, State};
use salam_core::connection::Capabilities;
use salam_core::protocol::{decode_server_frame, encode_client_frame, ClientFrame};
use salam_core::transport::{EventSink, Transport, TransportEvent};
use std::cell::Cell;
use std::rc::Rc;

/// Talks to `{endpoint}/api/v1/ws`.
pub struct WebSocketTransport {
    url: String,
    current: Option<Connection>,
}

/// The socket task's handle: frames to send, and whether its events still
/// count (a closed connection's late events are dropped).
struct Connection {
    outgoing: mpsc::UnboundedSender<String>,
    live: Rc<Cell<bool>>,
}

impl WebSocketTransport {
    /// A transport for `url`.
    pub fn new(url: String) -> Self {
        Self { url, current: None }
    }
}

impl Transport for WebSocketTransport {
    fn capabilities(&self) -> Capabilities {
        Capabilities::SOCKET
    }

    fn open(&mut self, sink: EventSink) {
        self.close();
        let (outgoing, frames) = mpsc::unbounded();
        let live = Rc::new(Cell::new(true));
        self.current = Some(Connection { outgoing, live: live.clone() });
        // Runs later, in its own task: nothing is reported from inside `open`.
        leptos::task::spawn_local(run(self.url.clone(), frames, live, sink));
    }

    fn send(&mut self, frame: &ClientFrame) {
        if let Some(c) = &self.current {
            // A send on a socket that is going away is lost with it; its
            // close comes next, and the machine resends what matters.
            let _ = c.outgoing.unbounded_send(encode_client_frame(frame));
        }
    }

    fn close(&mut self) {
        if let Some(c) = self.current.take() {
            c.live.set(false);
            // Dropping the sender ends the task, which drops (closes) the socket.
        }
    }
}

async fn run(url: String, mut frames: mpsc::UnboundedReceiver<String>, live: Rc<Cell<bool>>, sink: EventSink) {
    let tell = |event: TransportEvent| {
        if live.get() {
            sink(event)
        }
    };
    let Ok(mut socket) = WebSocket::open(&url) else { return tell(TransportEvent::Closed) };
    // gloo-net's WebSocket has no "open" event: its sink is ready once the
    // socket is open, or has failed.
    let ready = futures::future::poll_fn(|cx| futures::Sink::poll_ready(std::pin::Pin::new(&mut socket), cx)).await;
    if ready.is_err() || !matches!(socket.state(), State::Open) {
        return tell(TransportEvent::Closed);
    }
    tell(TransportEvent::Opened);
    loop {
        match select(socket.next(), frames.next()).await {
            Either::Left((Some(Ok(Message::Text(text))), _)) => match decode_server_frame(text.as_bytes()) {
                Ok(frame) => tell(TransportEvent::Frame(frame)),
                // Reported and dropped; nothing a server sends crashes the widget.
                Err(e) => web_sys::console::warn_1(&format!("salam: dropped a frame from the server: {e}").into()),
            },
            Either::Left((Some(Ok(Message::Bytes(_))), _)) => {}
            // An error, a close, the end: the socket is gone.
            Either::Left((Some(Err(_)) | None, _)) => return tell(TransportEvent::Closed),
            Either::Right((Some(text), _)) => {
                if socket.send(Message::Text(text)).await.is_err() {
                    return tell(TransportEvent::Closed);
                }
            }
            // Closed by the machine: the socket closes as it is dropped, unreported.
            Either::Right((None, _)) => return,
        }
    }
}
