//! The scheduled embossing on SQLite, one worker (SQLite has one writer): it takes exactly the
//! cards a scheduled run takes, each once, ends with its summary, and leaves nothing for the
//! next run. The PostgreSQL suite runs the same with four replicas at once.

mod common;

#[test]
fn the_scheduled_run_embosses_each_card_it_takes_once_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display());
    common::embossing::scheduled_runs(&url, 1);
}
