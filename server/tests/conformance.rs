//! The whole own vector corpus over HTTP against the service on SQLite: the same verdicts as the
//! library, case by case.

mod common;

#[test]
fn the_service_on_sqlite_passes_the_corpus_over_http() {
    let directory = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display());
    let tokens = card_lifecycle_server::auth::TokenCheck::secret(b"conformance").unwrap();
    let url = common::serve(&database, directory.path().join("events.jsonl"), tokens);
    let (library, http) = common::conformance(&url, Some("conformance"));
    common::assert_same_verdicts(&library, &http);
    println!("sqlite, tokens checked: library {}; http {}", library.summary(), http.summary());
}
