#![doc = include_str!("../docs/lifecycle.md")]
#![forbid(unsafe_code, reason = "a pure domain library has no use for it")]
#![deny(missing_docs, reason = "the docs are the spec other teams read")]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "no input may panic: bad input becomes an error value"
    )
)]

/// The README's examples run as doctests, so its quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The pages of `docs/`, each rendered here so that rustdoc reaches every one; the crate's
/// front page is `docs/lifecycle.md`.
#[allow(
    clippy::doc_markdown,
    reason = "prose pages written for GitHub too: names such as OpenAPI stay plain, as the API spells them"
)]
pub mod docs {
    #[doc = include_str!("../docs/domain.md")]
    pub mod domain {}
    #[doc = include_str!("../docs/creation.md")]
    pub mod creation {}
    #[doc = include_str!("../docs/validity.md")]
    pub mod validity {}
    #[doc = include_str!("../docs/embossing.md")]
    pub mod embossing {}
    #[doc = include_str!("../docs/life.md")]
    pub mod life {}
    #[doc = include_str!("../docs/decisions.md")]
    pub mod decisions {}
    #[doc = include_str!("../docs/rules.md")]
    pub mod rules {}
    #[doc = include_str!("../docs/vectors.md")]
    pub mod vectors {}
    #[doc = include_str!("../docs/concurrency.md")]
    pub mod concurrency {}
    #[doc = include_str!("../docs/service.md")]
    pub mod service {}
}

// The layers, lowest first; a file imports only from its own layer or the ones below, by
// module path (tests/layout.rs checks both): `rule` (every refusal's id and HTTP answer),
// `value` (the wire values), the card model (`operation`, `auth`, `context`, `card`),
// `request` (typed request bodies and headers), `event`, `lifecycle` (one rule set per
// operation), `error` (the umbrella refusal), `decide` (the dispatchers), `wire` (a whole HTTP
// exchange), `store` (publishing, history, idempotency) and `batch` (embossing runs).
//
// The root exports what a server handler and a batch worker call (parse, load, decide, save,
// answer; select, emboss, sweep); every other public item is reached by its layer's module,
// which lists all of that layer's items (`card_lifecycle::value::Brand`,
// `card_lifecycle::lifecycle::ActivateError`).
pub mod auth;
mod batch;
pub mod card;
pub mod context;
mod decide;
mod error;
pub mod event;
pub mod lifecycle;
mod operation;
pub mod request;
pub mod rule;
pub mod store;
pub mod value;
pub mod wire;

// A handler: read the request, check the caller, load the card, decide, save, answer.
#[doc(inline)]
pub use crate::auth::Claims;
#[doc(inline)]
pub use crate::card::Card;
#[doc(inline)]
pub use crate::context::Context;
pub use crate::decide::{Command, activate_replacement, decide, reissue_card, update_card_information};
pub use crate::error::{Error, ErrorBody};
#[doc(inline)]
pub use crate::event::Accepted;
#[doc(inline)]
pub use crate::lifecycle::create::{CreateCardInput, ExistingCard, create_card};
#[doc(inline)]
pub use crate::lifecycle::reissue::{Reissue, ReissueInput};
pub use crate::operation::Operation;
#[doc(inline)]
pub use crate::request::UnknownCard;
#[doc(inline)]
pub use crate::store::history::{RecordedEvent, replay};
#[doc(inline)]
pub use crate::store::idempotency::IdempotencyRecord;
#[doc(inline)]
pub use crate::value::card_type::CardType;
#[doc(inline)]
pub use crate::value::ids::{AccountId, CardId, CustomerId, Owner};
#[doc(inline)]
pub use crate::value::status::CardStatus;
#[doc(inline)]
pub use crate::wire::api::{ApiRequest, RequestBody};
#[doc(inline)]
pub use crate::wire::platform::PlatformFields;
#[doc(inline)]
pub use crate::wire::response::HttpResponse;
// A batch worker: embossing runs, resends and the validity sweep.
pub use crate::batch::{EmbossingRun, EmbossingSummary, ReembossingOutcome};
#[doc(inline)]
pub use crate::lifecycle::embossing::EmbossingRecord;
#[doc(inline)]
pub use crate::lifecycle::validity::sweep;
#[doc(inline)]
pub use crate::request::embossing::{Reembossing, StartEmbossing};
#[doc(inline)]
pub use crate::value::ids::ConfigId;
