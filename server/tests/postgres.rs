//! The whole own vector corpus over HTTP against the service on PostgreSQL. A separate target
//! (`test = false`: `cargo test --workspace` leaves it out), run by CI against the server it
//! starts with `cargo test -p card-lifecycle-server --test postgres`: the database is
//! `CARD_LIFECYCLE_TEST_DATABASE_URL`, and a missing one fails the test, never skips it.

mod common;

#[test]
fn the_service_on_postgres_passes_the_corpus_over_http() {
    let database = std::env::var("CARD_LIFECYCLE_TEST_DATABASE_URL")
        .expect("CARD_LIFECYCLE_TEST_DATABASE_URL names the PostgreSQL database this suite runs against");
    let directory = tempfile::tempdir().unwrap();
    let tokens = card_lifecycle_server::auth::TokenCheck::secret(b"conformance").unwrap();
    let url = common::serve(&database, directory.path().join("events.jsonl"), tokens);
    let (library, http) = common::conformance(&url, Some("conformance"));
    common::assert_same_verdicts(&library, &http);
    println!("postgres: library {}; http {}", library.summary(), http.summary());
}

#[test]
fn concurrent_clients_on_postgres_lose_no_update_and_publish_every_event_once_in_order() {
    let database = std::env::var("CARD_LIFECYCLE_TEST_DATABASE_URL")
        .expect("CARD_LIFECYCLE_TEST_DATABASE_URL names the PostgreSQL database this suite runs against");
    common::load::load(&database);
}

#[test]
fn replicas_running_the_scheduled_embossing_at_once_emboss_each_card_once_on_postgres() {
    let database = std::env::var("CARD_LIFECYCLE_TEST_DATABASE_URL")
        .expect("CARD_LIFECYCLE_TEST_DATABASE_URL names the PostgreSQL database this suite runs against");
    common::embossing::scheduled_runs(&database, 4);
}
