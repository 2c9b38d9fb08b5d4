//! The whole own vector corpus over HTTP against the service on SQLite: the same verdicts as the
//! library, case by case.

mod common;

#[test]
fn the_service_on_sqlite_passes_the_corpus_over_http() {
    let directory = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display());
    let url = common::serve(&database, directory.path().join("events.jsonl"));
    let (library, http) = common::conformance(&url);
    common::assert_same_verdicts(&library, &http);
    println!("sqlite: library {}; http {}", library.summary(), http.summary());
}
