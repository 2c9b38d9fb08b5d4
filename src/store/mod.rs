//! Layer `store`: what a server keeps and sends after a decision — the publishable event
//! envelopes, the recorded stream and its replay into a card and a status history, and the
//! first answer an idempotent Create card replays.

pub(crate) mod history;
pub(crate) mod idempotency;
pub(crate) mod publish;

pub use crate::store::history::{
    RecordedEvent, StatusHistory, StatusHistoryItem, StreamError, apply_stream, replay, status_history,
};
pub use crate::store::idempotency::IdempotencyRecord;
pub use crate::store::publish::{
    BoundFields, CardFields, CardRef, EmbossingFields, EventEnvelope, Payload, RenewalData, UpdatedFields,
};
