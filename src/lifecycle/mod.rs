//! The lifecycle layer: one pure function per operation, taking the card, the typed request
//! and the context, and giving the events or the rule that refuses. No JSON, no HTTP: the
//! request layer parsed the input, and a refusal's HTTP answer is its rule's row.
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

pub(crate) mod create;
pub(crate) mod embossing;
pub(crate) mod information;
pub(crate) mod issuing;
pub(crate) mod reissue;
pub(crate) mod renewal;
pub(crate) mod status;
pub(crate) mod tries;
pub(crate) mod validity;
