//! The background work: the outbox relay, the expiry sweep and the scheduled embossing. Each is a small loop that claims
//! a batch, decides with the crate, saves with the version check, and sleeps when idle.

use std::path::Path;

use tokio::io::AsyncWriteExt as _;

use crate::App;

/// Publishes what the outbox holds and the relay has not published, to the JSON-lines `sink`,
/// in event order (so in version order per card: a card's later event commits only after its
/// earlier one), then marks it published. A relay that crashed between writing and marking finds
/// those lines at the sink's end and does not write them again: nothing is published twice.
/// Returns how many events it published.
///
/// # Errors
///
/// The store or the sink failed; nothing that was not written is marked published.
pub async fn relay_once(app: &App, sink: &Path) -> Result<usize, String> {
    let store = &app.store;
    let batch = store.unpublished(BATCH).await.map_err(|error| error.to_string())?;
    if batch.is_empty() {
        return Ok(0);
    }
    let written = recently_written(sink).await;
    let mut lines = String::new();
    let mut published = Vec::new();
    for (seq, card_id, envelope) in &batch {
        // The message id a broker drops duplicates by: card and version (a run's summary: its seq).
        let id =
            card_id.map_or_else(|| format!("summary:{seq}"), |card_id| format!("{card_id}:{}", envelope["version"]));
        if !written.contains(&id) {
            let line = serde_json::json!({ "seq": seq, "id": id, "envelope": envelope });
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        published.push(*seq);
    }
    let mut file =
        tokio::fs::OpenOptions::new().create(true).append(true).open(sink).await.map_err(|error| error.to_string())?;
    file.write_all(lines.as_bytes()).await.map_err(|error| error.to_string())?;
    file.sync_all().await.map_err(|error| error.to_string())?;
    store.mark_published(&published).await.map_err(|error| error.to_string())?;
    Ok(published.len())
}

/// How many events the relay takes at a time.
const BATCH: i64 = 500;

/// The ids of the sink's last lines: as many as a batch, the most a crash can leave written and
/// not marked.
async fn recently_written(sink: &Path) -> std::collections::HashSet<String> {
    let Ok(text) = tokio::fs::read_to_string(sink).await else { return std::collections::HashSet::new() };
    let last = usize::try_from(BATCH).unwrap_or(500);
    text.lines()
        .rev()
        .take(last)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|line| line["id"].as_str().map(str::to_owned))
        .collect()
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

/// Runs Start card embossing for `config_id` now, as the scheduled mode does
/// (`Store::emboss`: one transaction, candidates claimed `FOR UPDATE SKIP LOCKED` on PostgreSQL,
/// so replicas can run it at once and each card is embossed by one of them). Returns how many
/// cards it embossed.
///
/// # Errors
///
/// The store failed; nothing of the run is saved.
pub async fn emboss_once(app: &App, config_id: card_lifecycle::ConfigId) -> Result<usize, String> {
    let run = card_lifecycle::StartEmbossing::new(config_id, &[], &[]).map_err(|error| error.to_string())?;
    match app.store.emboss(&run, &app.context(), crate::RUN_LIMIT).await {
        Ok(embossed) => Ok(embossed.len()),
        // Another writer holds a card: the next run takes it.
        Err(crate::store::SaveError::Conflict) => Ok(0),
        Err(crate::store::SaveError::Database(error)) => Err(error.to_string()),
    }
}
