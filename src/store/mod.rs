//! Layer `store`: what a server keeps and sends after a decision — the publishable event
//! envelopes, the recorded stream and its replay into a card and a status history, and the
//! first answer an idempotent Create card replays.

pub(crate) mod history;
pub(crate) mod idempotency;
pub(crate) mod publish;
