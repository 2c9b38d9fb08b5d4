//! Where the relay publishes the outbox: a JSON-lines file (the default), or a NATS `JetStream`
//! stream (`--nats-url`). Either way each envelope goes out with its message id — `card_id:version`
//! (a run's summary: `summary:seq`) — so a relay that crashed after publishing and before marking
//! does not publish twice: the file sink finds the id among its last lines, and `JetStream` drops
//! a message id it already holds within the stream's duplicate window.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::io::AsyncWriteExt as _;

/// How long `JetStream` remembers a message id to drop its duplicate: a day, longer than any
/// relay stays down in practice.
pub const DUPLICATE_WINDOW: Duration = Duration::from_hours(24);

/// One envelope to publish: its outbox seq, its message id, the envelope.
pub type Outgoing = (u64, String, serde_json::Value);

/// Where the relay publishes.
#[derive(Clone, Debug)]
pub enum Sink {
    /// Appends `{"seq", "id", "envelope"}`, one JSON line per event, to this file.
    File(PathBuf),
    /// Publishes each envelope to `subject` on `JetStream`, with header `Nats-Msg-Id`.
    Nats {
        /// The `JetStream` context (boxed: it is much larger than a path).
        jetstream: Box<async_nats::jetstream::Context>,
        /// The subject every envelope is published on.
        subject: String,
    },
}

impl Sink {
    /// Connects to NATS at `url` and makes sure the `JetStream` `stream` holds `subject`, with a
    /// duplicate window of [`DUPLICATE_WINDOW`].
    ///
    /// # Errors
    ///
    /// NATS cannot be reached, or the stream cannot be created.
    pub async fn nats(url: &str, stream: &str, subject: &str) -> Result<Self, String> {
        let client = async_nats::connect(url).await.map_err(|error| format!("NATS at {url}: {error}"))?;
        let jetstream = async_nats::jetstream::new(client);
        let config = async_nats::jetstream::stream::Config {
            name: stream.to_owned(),
            subjects: vec![subject.to_owned()],
            duplicate_window: DUPLICATE_WINDOW,
            ..Default::default()
        };
        jetstream.get_or_create_stream(config).await.map_err(|error| format!("JetStream stream {stream}: {error}"))?;
        Ok(Self::Nats { jetstream: Box::new(jetstream), subject: subject.to_owned() })
    }

    /// Publishes `batch` in order. Returns how many of its first envelopes are published (all
    /// of them, or those before a failure) and the failure, if any.
    pub async fn publish(&self, batch: &[Outgoing]) -> (usize, Option<String>) {
        match self {
            Self::File(path) => match append(path, batch).await {
                Ok(()) => (batch.len(), None),
                Err(error) => (0, Some(error)),
            },
            Self::Nats { jetstream, subject } => {
                for (published, (_, id, envelope)) in batch.iter().enumerate() {
                    let mut headers = async_nats::HeaderMap::new();
                    headers.insert(async_nats::header::NATS_MESSAGE_ID, id.as_str());
                    let payload = envelope.to_string().into_bytes().into();
                    let sent = jetstream.publish_with_headers(subject.clone(), headers, payload).await;
                    // The broker's ack: the envelope is stored (or was a duplicate, dropped).
                    let acknowledged = match sent {
                        Ok(ack) => ack.await.map(|_| ()).map_err(|error| error.to_string()),
                        Err(error) => Err(error.to_string()),
                    };
                    if let Err(error) = acknowledged {
                        return (published, Some(error));
                    }
                }
                (batch.len(), None)
            }
        }
    }
}

/// Appends the lines the file does not hold yet, and syncs it.
async fn append(sink: &Path, batch: &[Outgoing]) -> Result<(), String> {
    let written = recently_written(sink, batch.len()).await;
    let mut lines = String::new();
    for (seq, id, envelope) in batch {
        if !written.contains(id) {
            lines.push_str(&serde_json::json!({ "seq": seq, "id": id, "envelope": envelope }).to_string());
            lines.push('\n');
        }
    }
    let mut file =
        tokio::fs::OpenOptions::new().create(true).append(true).open(sink).await.map_err(|error| error.to_string())?;
    file.write_all(lines.as_bytes()).await.map_err(|error| error.to_string())?;
    file.sync_all().await.map_err(|error| error.to_string())
}

/// The ids of the file's last `count` lines: the most a crash can leave written and not marked.
async fn recently_written(sink: &Path, count: usize) -> std::collections::HashSet<String> {
    let Ok(text) = tokio::fs::read_to_string(sink).await else { return std::collections::HashSet::new() };
    text.lines()
        .rev()
        .take(count)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|line| line["id"].as_str().map(str::to_owned))
        .collect()
}
