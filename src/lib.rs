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

mod brand;
mod card;
mod card_name;
mod card_type;
mod context;
mod create;
mod decide;
mod embossing;
mod error;
mod events;
mod expiration_date;
mod ids;
mod json;
mod mode;
mod pin_length;
mod printed_name;
mod rules;
mod status;
mod transition;
mod validity;
mod wire_enum;

pub use crate::brand::Brand;
pub use crate::card::{Card, Embossing};
pub use crate::card_name::CardName;
pub use crate::card_type::CardType;
pub use crate::context::{Context, EmbossingMode, PhysicalInitialStatus};
pub use crate::create::{
    CreateCard, CreateCardInput, Customer, ExistingCard, IdempotencyKey, create_card, resolve_printed_name,
};
pub use crate::decide::{Accepted, CardKind, Command, decide};
pub use crate::embossing::{
    EmbossingErrorType, EmbossingErrorTypes, EmbossingRun, Reembossing, ReembossingOutcome, StartEmbossing,
    check_embossing,
};
pub use crate::error::{
    ActivateError, BindError, ChangeStatusError, CheckEmbossingError, CreateCardError, Error, ErrorBody, FieldError,
    FieldRule, NormalizePrintedNameError, ParseBrandError, ParseCardNameError, ParseCardStatusError,
    ParseCardTypeError, ParseEmbossingModeError, ParseExpirationDateError, ParseModeError, ParseModeTypeError,
    ParsePhysicalInitialStatusError, ParsePinLengthError, ParsePrintedNameError, ReembossingError, StartEmbossingError,
    SweepError, UpdatePanError,
};
pub use crate::events::CardEvent;
pub use crate::expiration_date::ExpirationDate;
pub use crate::ids::{CardId, ProgramId};
pub use crate::mode::{Mode, ModeType};
pub use crate::pin_length::PinLength;
pub use crate::printed_name::PrintedName;
pub use crate::rules::Rule;
pub use crate::status::{CardStatus, StatusGroup};
pub use crate::transition::check_status_change;
pub use crate::validity::{sweep, sweep_columns, valid_until};
