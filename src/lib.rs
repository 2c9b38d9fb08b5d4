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
mod auth;
mod batch;
mod card;
mod context;
mod decide;
mod error;
mod event;
mod lifecycle;
mod operation;
mod request;
mod rule;
mod store;
mod value;
mod wire;

pub use crate::auth::{AuthError, Claims, ISSUER_SCOPE};
pub use crate::batch::{EmbossingRun, EmbossingSummary, ReembossingOutcome};
pub use crate::card::{Card, CardDetails, CardInformation, CardKind, Embossing, EmbossingFile};
pub use crate::context::{
    Context, EmbossingMode, ParseEmbossingModeError, ParsePhysicalInitialStatusError, PhysicalInitialStatus,
};
pub use crate::decide::{Command, activate_replacement, decide, reissue_card, update_card_information};
pub use crate::error::{Error, ErrorBody};
pub use crate::event::{Accepted, CardEvent};
pub use crate::lifecycle::create::{
    CreateCardError, CreateCardInput, Customer, ExistingCard, create_card, resolve_printed_name,
};
pub use crate::lifecycle::embossing::{
    CheckEmbossingError, EmbossingErrorType, EmbossingErrorTypes, EmbossingRecord, check_embossing,
};
pub use crate::lifecycle::information::UpdateInformationError;
pub use crate::lifecycle::issuing::{ActivateError, BindError, UpdatePanError};
pub use crate::lifecycle::reissue::{ActivatedReplacement, Reissue, ReissueError, ReissueInput};
pub use crate::lifecycle::renewal::RenewError;
pub use crate::lifecycle::status::{ChangeStatusError, check_status_change, next_statuses};
pub use crate::lifecycle::tries::PasswordTriesError;
pub use crate::lifecycle::validity::{SweepError, sweep, sweep_columns, valid_until};
pub use crate::operation::Operation;
pub use crate::request::builder::CreateCardBuilder;
pub use crate::request::create::CreateCard;
pub use crate::request::embossing::{Reembossing, StartEmbossing};
pub use crate::request::headers::IdempotencyKey;
pub use crate::request::life::{
    IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity, UpdateCardInformation,
};
pub use crate::request::password::ChangeCardPassword;
pub use crate::request::status::UpdateCardStatus;
pub use crate::request::{FieldError, FieldRule, InvalidRequest, UnknownCard};
pub use crate::rule::{Rule, RuleRow};
pub use crate::store::history::{
    RecordedEvent, StatusHistory, StatusHistoryItem, StreamError, apply_stream, replay, status_history,
};
pub use crate::store::idempotency::IdempotencyRecord;
pub use crate::store::publish::{
    BoundFields, CardFields, CardRef, EmbossingFields, EventEnvelope, Payload, RenewalData, UpdatedFields,
};
pub use crate::value::brand::{Brand, ParseBrandError};
pub use crate::value::card_name::{CardName, ParseCardNameError};
pub use crate::value::card_type::{CardType, ParseCardTypeError};
pub use crate::value::expiration_date::{ExpirationDate, ParseExpirationDateError};
pub use crate::value::ids::{
    AccountId, CardId, ConfigId, CustomerId, IdRangeError, Owner, ParseCardIdError, ParseConfigIdError, ProgramId,
};
pub use crate::value::mode::{Mode, ModeType, ParseModeError, ParseModeTypeError};
pub use crate::value::pin_length::{ParsePinLengthError, PinLength};
pub use crate::value::printed_name::{NormalizePrintedNameError, ParsePrintedNameError, PrintedName};
pub use crate::value::status::{CardStatus, ParseCardStatusError, StatusGroup};
pub use crate::wire::api::{ApiRequest, RequestBody};
pub use crate::wire::response::{CardResponse, CreateCardResponse, HttpResponse, IdObject, PanDerived, PlatformFields};
