//! The background work: the outbox relay, the expiry sweep and the scheduled embossing. Each pass
//! claims a batch, decides with the crate, saves with the version check; the loops
//! ([`relay_and_sweep`], [`scheduled_embossing`]) sleep when idle and stop when told.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::App;
use crate::sink::{Outgoing, Sink};

/// Publishes what the outbox holds and the relay has not published to `sink`, in event order
/// (so in version order per card: a card's later event commits only after its earlier one), then
/// marks what the sink took as published. A relay that crashed between publishing and marking
/// publishes those again with the same message ids, and the sink drops them: nothing is
/// published twice. Returns how many events it published.
///
/// # Errors
///
/// The store or the sink failed; nothing the sink did not take is marked published.
pub async fn relay_once(app: &App, sink: &Sink) -> Result<usize, String> {
    let store = &app.store;
    let batch = store.unpublished(BATCH).await.map_err(|error| error.to_string())?;
    if batch.is_empty() {
        return Ok(0);
    }
    let outgoing: Vec<Outgoing> = batch
        .into_iter()
        .map(|(seq, card_id, envelope)| {
            // The message id a sink drops duplicates by: card and version (a run's summary: its seq).
            let id = card_id
                .map_or_else(|| format!("summary:{seq}"), |card_id| format!("{card_id}:{}", envelope["version"]));
            (seq, id, envelope)
        })
        .collect();
    let (published, failure) = sink.publish(&outgoing).await;
    let seqs: Vec<u64> = outgoing.iter().take(published).map(|(seq, _, _)| *seq).collect();
    store.mark_published(&seqs).await.map_err(|error| error.to_string())?;
    match failure {
        Some(error) => Err(error),
        None => Ok(published),
    }
}

/// How many events the relay takes at a time.
const BATCH: i64 = 500;

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
    let run = card_lifecycle::StartEmbossing::new(config_id, &[], &[]);
    match app.store.emboss(&run, &app.context(), crate::RUN_LIMIT).await {
        Ok(embossed) => Ok(embossed.len()),
        // Another writer holds a card: the next run takes it.
        Err(crate::store::SaveError::Conflict) => Ok(0),
        Err(crate::store::SaveError::Database(error)) => Err(error.to_string()),
    }
}

/// The relay and the expiry sweep, every `interval` until `stopped`; then the relay drains.
pub async fn relay_and_sweep(app: Arc<App>, sink: Sink, interval: Duration, mut stopped: watch::Receiver<bool>) {
    loop {
        let published = relay_once(&app, &sink).await.unwrap_or_else(|error| {
            tracing::warn!(%error, "relay");
            0
        });
        if !app.test_hooks
            && let Err(error) = sweep_once(&app).await
        {
            tracing::warn!(%error, "sweep");
        }
        // A relay that published something looks again at once: under load the outbox fills
        // faster than one batch per interval.
        if published > 0 && !*stopped.borrow() {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = stopped.changed() => break,
        }
    }
    // Publish everything the last requests saved before stopping.
    while relay_once(&app, &sink).await.is_ok_and(|published| published > 0) {}
}

/// Start card embossing for `config_id` every `every` until `stopped`.
pub async fn scheduled_embossing(
    app: Arc<App>,
    config_id: card_lifecycle::ConfigId,
    every: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            _ = stopped.changed() => break,
        }
        match emboss_once(&app, config_id).await {
            Ok(embossed) => tracing::info!(embossed, "scheduled embossing run"),
            Err(error) => tracing::warn!(%error, "scheduled embossing"),
        }
    }
}
