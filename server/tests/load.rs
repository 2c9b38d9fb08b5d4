//! A bounded loopback load test on SQLite (`common/load.rs`): no update lost, every event
//! published once, in order per card.

mod common;

#[test]
fn concurrent_clients_lose_no_update_and_publish_every_event_once_in_order() {
    let directory = tempfile::tempdir().unwrap();
    common::load::load(&format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display()));
}
