//! The background work: the outbox relay and the expiry sweep. Each is a small loop that claims
//! a batch, decides with the crate, saves with the version check, and sleeps when idle.

use std::path::Path;

use tokio::io::AsyncWriteExt as _;

use crate::App;

/// Publishes what the outbox holds past the relay's position to the JSON-lines `sink`, in event
/// order (so in version order per card), then moves the position. The sink's last line tells
/// where a relay that crashed between writing and moving stopped, so nothing is published twice.
/// Returns how many events it published.
///
/// # Errors
///
/// The store or the sink failed; nothing that was not written is counted as published.
pub async fn relay_once(app: &App, sink: &Path) -> Result<usize, String> {
    let store = &app.store;
    let written = last_written(sink).await;
    let from = store.published().await.map_err(|error| error.to_string())?.max(written);
    let batch = store.envelopes_after(from, 500).await.map_err(|error| error.to_string())?;
    let Some(&(last, _, _)) = batch.last() else {
        if written > 0 {
            store.set_published(written).await.map_err(|error| error.to_string())?;
        }
        return Ok(0);
    };
    let mut lines = String::new();
    for (seq, card_id, envelope) in &batch {
        // The message id a broker drops duplicates by: card and version (a run's summary: its seq).
        let id =
            card_id.map_or_else(|| format!("summary:{seq}"), |card_id| format!("{card_id}:{}", envelope["version"]));
        let line = serde_json::json!({ "seq": seq, "id": id, "envelope": envelope });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let mut file =
        tokio::fs::OpenOptions::new().create(true).append(true).open(sink).await.map_err(|error| error.to_string())?;
    file.write_all(lines.as_bytes()).await.map_err(|error| error.to_string())?;
    file.sync_all().await.map_err(|error| error.to_string())?;
    store.set_published(last).await.map_err(|error| error.to_string())?;
    Ok(batch.len())
}

/// The `seq` of the sink's last line, 0 for an empty or missing sink.
async fn last_written(sink: &Path) -> u64 {
    let Ok(text) = tokio::fs::read_to_string(sink).await else { return 0 };
    text.lines()
        .rev()
        .find_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .and_then(|line| line["seq"].as_u64())
        .unwrap_or(0)
}

/// Records the lapse of every card whose validity passed at the clock's `now`, batch by batch
/// (`Store::sweep`: claimed `FOR UPDATE SKIP LOCKED` on PostgreSQL, so replicas can run it at
/// once). Returns how many lapses it recorded.
///
/// # Errors
///
/// The store failed.
pub async fn sweep_once(app: &App) -> Result<usize, String> {
    let context = app.context();
    let mut swept = 0;
    loop {
        match app.store.sweep(&context, 200).await {
            // Nothing left, or another writer holds the batch: the next pass takes it.
            Ok(0) | Err(crate::store::SaveError::Conflict) => return Ok(swept),
            Ok(count) => swept += count,
            Err(crate::store::SaveError::Database(error)) => return Err(error.to_string()),
        }
    }
}
