//! The load test with the outbox published to NATS JetStream. A separate target (`test =
//! false`: `cargo test --workspace` leaves it out), run by CI against the nats-server it starts
//! with `cargo test -p card-lifecycle-server --test nats`: the broker is
//! `CARD_LIFECYCLE_TEST_NATS_URL`, and a missing one fails the test, never skips it.

mod common;

#[test]
fn the_relay_publishes_every_event_once_in_order_to_jetstream_and_the_broker_drops_a_resend() {
    let nats = std::env::var("CARD_LIFECYCLE_TEST_NATS_URL")
        .expect("CARD_LIFECYCLE_TEST_NATS_URL names the NATS server (with JetStream) this suite publishes to");
    let directory = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display());
    common::load::load_to(&database, Some(&nats));
}
