//! Golden fixtures for the wire format (`tests/fixtures/protocol`), a
//! scenario fixture through the reducer, and a property test that decoding
//! never panics.

use proptest::prelude::*;
use salam_core::protocol::{
    decode_client_frame, decode_server_frame, encode_client_frame, encode_server_frame, ClientFrame, ProtocolError,
    ServerFrame, MAX_FRAME_BYTES,
};
use salam_core::state::{reduce, Delivery, Event, State};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(sub)
}

fn fixtures(sub: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn kind(v: &Value) -> String {
    v["type"].as_str().unwrap().to_string()
}

/// Every fixture in `sub` decodes to a known frame and encodes back to the
/// same JSON value; returns the frame types covered.
fn round_trip<F: PartialEq + std::fmt::Debug>(
    sub: &str,
    decode: impl Fn(&[u8]) -> Result<F, ProtocolError>,
    encode: impl Fn(&F) -> String,
    unknown: F,
) -> Vec<String> {
    let mut kinds = vec![];
    for (name, text) in fixtures(sub) {
        let frame = decode(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_ne!(frame, unknown, "{name}");
        let back: Value = serde_json::from_str(&encode(&frame)).unwrap();
        let want: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, want, "{name}");
        kinds.push(kind(&want));
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The documented examples are exactly what the code reads and writes.
#[test]
fn server_fixtures_round_trip_exactly() {
    let kinds = round_trip("protocol/server", decode_server_frame, encode_server_frame, ServerFrame::Unknown);
    assert_eq!(
        kinds,
        [
            "ack",
            "availability",
            "conversations",
            "error",
            "identity",
            "message",
            "pong",
            "read",
            "stage",
            "status",
            "typing",
            "welcome"
        ],
        "a fixture per frame type"
    );
}

#[test]
fn client_fixtures_round_trip_exactly() {
    let kinds = round_trip("protocol/client", decode_client_frame, encode_client_frame, ClientFrame::Unknown);
    assert_eq!(
        kinds,
        [
            "conversations",
            "greeting",
            "handover",
            "hello",
            "history",
            "identify",
            "message",
            "ping",
            "read",
            "sync",
            "ticket",
            "typing"
        ],
        "a fixture per frame type"
    );
}

/// PROTOCOL.md shows every fixture, byte for byte, so the document cannot
/// drift from the code.
#[test]
fn protocol_md_quotes_every_fixture() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/PROTOCOL.md")).unwrap();
    for sub in ["protocol/client", "protocol/server"] {
        for (name, text) in fixtures(sub) {
            assert!(doc.contains(text.trim()), "docs/PROTOCOL.md does not show {sub}/{name}:\n{text}");
        }
    }
}

#[test]
fn scenario_fixtures_end_in_the_expected_log() {
    for (name, text) in fixtures("scenarios") {
        let v: Value = serde_json::from_str(&text).unwrap();
        let mut s = State::default();
        reduce(&mut s, Event::Open);
        for pair in v["submit"].as_array().unwrap() {
            reduce(&mut s, Event::DraftChanged(pair[1].as_str().unwrap().into()));
            reduce(&mut s, Event::Submit { client_id: pair[0].as_str().unwrap().into(), at: 0 });
        }
        for f in v["frames"].as_array().unwrap() {
            let frame = decode_server_frame(f.to_string().as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            reduce(&mut s, Event::Frame(frame));
        }
        let texts: Vec<&str> = s.messages.iter().map(|m| m.text.as_str()).collect();
        let want: Vec<&str> = v["expect"]["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert_eq!(texts, want, "{name}");
        assert_eq!(s.last_seq, v["expect"]["last_seq"].as_u64().unwrap(), "{name}");
        for sent in v["expect"]["sent"].as_array().unwrap() {
            let m = s.messages.iter().find(|m| m.text == sent.as_str().unwrap()).unwrap();
            assert_eq!(m.delivery, Delivery::Sent, "{name}");
        }
    }
}

/// Frames built to be slow: thousands of distinct keys, thousands of the
/// same key, and nesting as deep as the decoder allows, repeated.
fn adversarial(kind: usize, bytes: usize) -> String {
    let mut body = String::from(r#"{"type":"message","id":"m","seq":1,"author":{"kind":"agent"},"text":"t""#);
    let mut i = 0;
    while body.len() + 300 < bytes {
        match kind {
            0 => body.push_str(&format!(r#","k{i}":{i}"#)),
            1 => body.push_str(r#","same":[1,{"same":2}]"#),
            _ => body.push_str(&format!(r#","n{i}":{}{}"#, "[".repeat(100), "]".repeat(100))),
        }
        i += 1;
    }
    body.push('}');
    body
}

/// Decoding costs time linear in the input: a 64 KiB frame built to be slow
/// takes about 4 times what a 16 KiB one does (the hand-written reader this
/// replaced checked duplicate keys pairwise: 16 times). The ratio, not a
/// duration, is asserted, with room for the allocator: thousands of nested
/// lists are thousands of small allocations, and glibc's malloc gets slower
/// per allocation as the heap grows (measured past the cap, to 1 MiB, the
/// growth is linear once its trim and mmap thresholds are raised). The
/// smallest of several runs is used.
#[test]
fn frames_built_to_be_slow_cost_linear_time() {
    let time = |text: &str| {
        (0..7)
            .map(|_| {
                let t = std::time::Instant::now();
                let decoded = decode_server_frame(text.as_bytes());
                let elapsed = t.elapsed();
                assert!(decoded.is_ok(), "{:?}", decoded.err());
                elapsed
            })
            .min()
            .unwrap()
    };
    for kind in 0..3 {
        let (small, large) = (adversarial(kind, 16 * 1024), adversarial(kind, 64 * 1024 - 512));
        assert!(large.len() <= MAX_FRAME_BYTES && large.len() > 60 * 1024);
        let ratio = time(&large).as_secs_f64() / time(&small).as_secs_f64().max(1e-9);
        assert!(ratio < 8.0, "kind {kind}: 4x the input took {ratio:.1}x the time");
    }
    assert!(matches!(decode_server_frame(adversarial(0, 70_000).as_bytes()), Err(ProtocolError::TooLarge(_))));
}

/// JSON-ish strings built from the protocol's own vocabulary reach deeper
/// into the decoder than uniform bytes do.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"type\"".to_string()),
        Just("\"message\"".to_string()),
        Just("\"welcome\"".to_string()),
        Just("\"ack\"".to_string()),
        Just("\"seq\"".to_string()),
        Just("\"author\"".to_string()),
        Just("\"kind\"".to_string()),
        Just("\"agent\"".to_string()),
        Just("null".to_string()),
        Just("-1".to_string()),
        Just("18446744073709551616".to_string()),
        Just("1e400".to_string()),
        Just("\"\\ud800\"".to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        "\\PC{0,8}".prop_map(|s| format!("{s:?}")),
    ];
    proptest::collection::vec(token, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_server_frame(&bytes);
        let _ = decode_client_frame(&bytes);
    }

    #[test]
    fn decoding_json_shaped_input_never_panics_and_the_reducer_survives_it(text in jsonish()) {
        let mut s = State::default();
        if let Ok(frame) = decode_server_frame(text.as_bytes()) {
            reduce(&mut s, Event::Frame(frame));
        }
        let _ = decode_client_frame(text.as_bytes());
    }

    #[test]
    fn any_arrival_order_of_a_conversation_ends_sorted_and_complete(order in Just((1u64..=30).collect::<Vec<_>>()).prop_shuffle(), dups in proptest::collection::vec(1u64..=30, 0..10)) {
        let mut s = State::default();
        reduce(&mut s, Event::Open);
        for seq in order.iter().chain(dups.iter()) {
            let frame = format!(r#"{{"type":"message","id":"m{seq}","seq":{seq},"author":{{"kind":"agent"}},"text":"t{seq}"}}"#);
            reduce(&mut s, Event::Frame(decode_server_frame(frame.as_bytes()).unwrap()));
        }
        let seqs: Vec<u64> = s.messages.iter().map(|m| m.seq.unwrap()).collect();
        prop_assert_eq!(seqs, (1..=30).collect::<Vec<_>>());
        prop_assert_eq!(s.last_seq, 30);
    }
}
