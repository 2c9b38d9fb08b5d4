//! The bounded loopback load test, on either database: 16 clients × 60 requests on 10 shared cards (status
//! changes, password changes, idempotent creates with repeated keys). Afterwards: no update
//! lost (every card's version is its number of events, and its stored stream replays to it),
//! every answered decision is in the outbox, and the relay published each event once, in
//! version order per card.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use card_lifecycle::{CardId, RecordedEvent, replay};
use card_lifecycle_server::{App, Store, relay_once, router};

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

/// Runs the load against a fresh service on `database`; panics on any lost update or event.
#[expect(clippy::too_many_lines, reason = "one scenario: set up, load, then every check")]
pub(crate) fn load(database: &str) {
    let directory = tempfile::tempdir().unwrap();
    let sink = directory.path().join("events.jsonl");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
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
        while let Some(stored) = app.store.card(CardId(id)).await.unwrap() {
            let records: Vec<RecordedEvent> = app.store.records(CardId(id)).await.unwrap();
            assert_eq!(replay(&records).unwrap(), stored.card, "card {id}");
            assert_eq!(stored.card.version, u64::try_from(records.len()).unwrap());
            events += records.iter().filter(|record| record.envelope.is_some()).count();
            id += 1;
        }
        assert_eq!(id - 1, CARDS + 8);
        // Every event published once, in version order per card.
        while relay_once(&app, &sink).await.unwrap() > 0 {}
        let text = std::fs::read_to_string(&sink).unwrap();
        let mut seen = HashSet::new();
        let mut last: BTreeMap<String, u64> = BTreeMap::new();
        for line in text.lines() {
            let line: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = line["id"].as_str().unwrap().to_owned();
            assert!(seen.insert(id.clone()), "{id} published twice");
            let card = line["envelope"]["card_id"].to_string();
            let version = line["envelope"]["version"].as_u64().unwrap();
            assert!(
                last.insert(card.clone(), version).is_none_or(|before| before < version),
                "card {card} out of order"
            );
        }
        assert_eq!(seen.len(), events);
        println!("{} requests, {} cards, {events} events published once each, in order", CLIENTS * requests(), id - 1);
    });
}
