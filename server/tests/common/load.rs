//! The bounded loopback load test, on either database: 16 clients × 60 requests on 10 shared cards (status
//! changes, password changes, idempotent creates with repeated keys). Afterwards: no update
//! lost (every card's version is its number of events, and its stored stream replays to it),
//! every answered decision is in the outbox, and the relay published each event once, in
//! version order per card.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use card_lifecycle::{CardId, RecordedEvent, replay};
use card_lifecycle_server::{App, Sink, Store, relay_once, router};

const CLIENTS: u64 = 16;
/// Requests per client: 60 in `cargo test`; `CARD_LIFECYCLE_LOAD_REQUESTS` sets more for a
/// longer run (the figures in docs/service.md used 500).
fn requests() -> u64 {
    std::env::var("CARD_LIFECYCLE_LOAD_REQUESTS").ok().and_then(|value| value.parse().ok()).unwrap_or(60)
}
const CARDS: u64 = 10;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn send(agent: &ureq::Agent, method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> u16 {
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = agent.run(request.body(body.as_bytes().to_vec()).unwrap()).unwrap();
    response.status().as_u16()
}

/// Runs the load against a fresh service on `database`, publishing to a JSON-lines file; panics
/// on any lost update or event.
pub(crate) fn load(database: &str) {
    load_to(database, None);
}

/// The envelopes the sink holds, in the order it took them, each as `{"id", "envelope"}`.
async fn published(sink: &Sink, expected: usize) -> Vec<serde_json::Value> {
    match sink {
        Sink::File(path) => {
            let text = std::fs::read_to_string(path).unwrap();
            text.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
        }
        Sink::Nats { jetstream, subject } => {
            use futures_util::StreamExt as _;
            let stream = jetstream.get_stream(stream_of(subject)).await.unwrap();
            let consumer = stream
                .create_consumer(async_nats::jetstream::consumer::pull::Config {
                    ack_policy: async_nats::jetstream::consumer::AckPolicy::None,
                    ..Default::default()
                })
                .await
                .unwrap();
            let mut messages = consumer.messages().await.unwrap();
            let mut lines = Vec::new();
            while lines.len() < expected {
                let next = tokio::time::timeout(std::time::Duration::from_secs(5), messages.next()).await;
                let Ok(Some(message)) = next else { break };
                let message = message.unwrap();
                let id = message
                    .headers
                    .as_ref()
                    .and_then(|headers| headers.get(async_nats::header::NATS_MESSAGE_ID))
                    .unwrap_or_else(|| panic!("{:?}", message.headers))
                    .to_string();
                let envelope: serde_json::Value = serde_json::from_slice(&message.payload).unwrap();
                lines.push(serde_json::json!({ "id": id, "envelope": envelope }));
            }
            lines
        }
    }
}

/// The `JetStream` stream a test subject lives in.
fn stream_of(subject: &str) -> String {
    subject.replace('.', "_").to_uppercase()
}

/// Runs the load, publishing to NATS `JetStream` at `nats` (a stream of this run's own) or, when
/// `None`, to a JSON-lines file; panics on any lost update or event, and on NATS checks that a
/// batch sent again (a relay that crashed before marking it) is dropped by the broker.
#[expect(clippy::too_many_lines, reason = "one scenario: set up, load, then every check")]
pub(crate) fn load_to(database: &str, nats: Option<&str>) {
    let directory = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sink = runtime.block_on(async {
        match nats {
            Some(url) => {
                let subject = format!("test.events.r{}", uuid::Uuid::new_v4().simple());
                Sink::nats(url, &stream_of(&subject), &subject).await.unwrap()
            }
            None => Sink::File(directory.path().join("events.jsonl")),
        }
    });
    let (app, port) = runtime.block_on(async {
        let store = Store::connect(database).await.unwrap();
        store.reset().await.unwrap();
        let app = App::new(store, false, card_lifecycle_server::auth::TokenCheck::Off);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = app.clone();
        tokio::spawn(async move { axum::serve(listener, router(served, 65_536)).await.unwrap() });
        (app, port)
    });
    let base = format!("http://127.0.0.1:{port}");
    let agent = agent();
    for card in 1..=CARDS {
        let body = format!(r#"{{"name": "Card {card}", "type": "VIRTUAL", "cvv_rotation_interval_hours": 1}}"#);
        assert_eq!(send(&agent, "POST", &format!("{base}/wallet/v2/cards"), &[("x-customer-id", "1")], &body), 201);
    }
    let accepted = AtomicU64::new(0);
    let created = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let (base, accepted, created) = (&base, &accepted, &created);
            scope.spawn(move || {
                let agent = self::agent();
                for request in 0..requests() {
                    let card = (client + request) % CARDS + 1;
                    let status = match request % 4 {
                        0 => send(
                            &agent,
                            "PUT",
                            &format!("{base}/wallet/v1/customers/1/accounts/1/cards/{card}/status"),
                            &[],
                            r#"{"status":"BLOCKED"}"#,
                        ),
                        1 => send(
                            &agent,
                            "PUT",
                            &format!("{base}/wallet/v1/customers/1/accounts/1/cards/{card}/status"),
                            &[],
                            r#"{"status":"NORMAL"}"#,
                        ),
                        2 => send(
                            &agent,
                            "PUT",
                            &format!("{base}/wallet/v2/cards/{card}/password"),
                            &[],
                            r#"{"password":"1234"}"#,
                        ),
                        _ => {
                            // Eight keys shared by every client: each makes one card, once.
                            let shared = (request / 4) % 8;
                            let key = format!("key-{shared}");
                            let body = format!(
                                r#"{{"name": "Idem {shared}", "type": "VIRTUAL", "cvv_rotation_interval_hours": 1}}"#
                            );
                            let status = send(
                                &agent,
                                "POST",
                                &format!("{base}/wallet/v2/cards"),
                                &[("x-customer-id", "2"), ("x-idempotency-key", &key)],
                                &body,
                            );
                            if status == 201 {
                                created.fetch_add(1, Ordering::Relaxed);
                            }
                            status
                        }
                    };
                    assert!(matches!(status, 200 | 201), "client {client} request {request}: {status}");
                    accepted.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(accepted.load(Ordering::Relaxed), CLIENTS * requests());
    assert_eq!(created.load(Ordering::Relaxed), 8, "each idempotency key creates one card");
    runtime.block_on(async {
        // No update lost: every stored stream replays to the stored card, its version its length.
        let mut events = 0;
        let mut id = 1;
        while let Some(stored) = app.store.card(CardId::new(id).unwrap()).await.unwrap() {
            let records: Vec<RecordedEvent> = app.store.records(CardId::new(id).unwrap()).await.unwrap();
            assert_eq!(replay(&records).unwrap(), stored.card, "card {id}");
            assert_eq!(stored.card.version, u64::try_from(records.len()).unwrap());
            events += records.iter().filter(|record| record.envelope.is_some()).count();
            id += 1;
        }
        assert_eq!(id - 1, CARDS + 8);
        // Every event published once, in version order per card.
        while relay_once(&app, &sink).await.unwrap() > 0 {}
        let lines = published(&sink, events).await;
        let mut seen = HashSet::new();
        let mut last: BTreeMap<String, u64> = BTreeMap::new();
        for line in &lines {
            let id = line["id"].as_str().unwrap().to_owned();
            assert!(seen.insert(id.clone()), "{id} published twice");
            let card = line["envelope"]["card_id"].to_string();
            let version = line["envelope"]["version"].as_u64().unwrap();
            assert!(
                last.insert(card.clone(), version).is_none_or(|before| before < version),
                "card {card} out of order"
            );
        }
        if matches!(sink, Sink::Nats { .. }) {
            // A relay that crashed after publishing and before marking sends the batch again:
            // the broker drops every message id it holds.
            let again: Vec<(u64, String, serde_json::Value)> = lines
                .iter()
                .take(50)
                .map(|line| (0, line["id"].as_str().unwrap().to_owned(), line["envelope"].clone()))
                .collect();
            assert_eq!(sink.publish(&again).await, (again.len(), None));
            let Sink::Nats { jetstream, subject } = &sink else { unreachable!() };
            let mut stream = jetstream.get_stream(stream_of(subject)).await.unwrap();
            let held = stream.info().await.unwrap().state.messages;
            assert_eq!(held, u64::try_from(events).unwrap(), "a duplicate reached the stream");
        }
        assert_eq!(seen.len(), events);
        println!("{} requests, {} cards, {events} events published once each, in order", CLIENTS * requests(), id - 1);
    });
}
