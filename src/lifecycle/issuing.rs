//! The operations that issue a card: activation, binding a noname card, defining the PAN
//! (domain.md §2, §4 rows 5–7, §11.12, §11.29–30).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::card::CardKind;
use crate::context::PhysicalInitialStatus;
use crate::event::CardEvent;
use crate::rule::Rule;
use crate::value::card_type::CardType;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

pub(crate) fn activate(card: &Card, now: DateTime<Utc>) -> Result<Vec<CardEvent>, ActivateError> {
    if !card.card_type.is_physical() {
        return Err(ActivateError::NotPlastic { card_id: card.id, card_type: card.card_type });
    }
    // §12.45: activating the renewed physical card applies its pending expiration date and
    // keeps its status.
    let renewable = matches!(
        card.status,
        CardStatus::Normal | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning | CardStatus::Reissued
    );
    if let (Some(expiration_date), true) = (card.pending_expiration_date, renewable) {
        return Ok(vec![CardEvent::ExpirationRenewed { expiration_date, applied: true }]);
    }
    if card.status != CardStatus::Created {
        return Err(ActivateError::NotCreated { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::Activated { at: now }])
}

/// A bound card behaves like a nominal card of its type: a physical one is `CREATED` and
/// waits for activation (S6, S11); a virtual one, which the API never makes noname, is
/// `NORMAL`, since a virtual card in `CREATED` could never be activated (docs/decisions.md).
pub(crate) fn bind(card: &Card) -> Result<Vec<CardEvent>, BindError> {
    if card.status != CardStatus::Unbound {
        return Err(BindError::NotUnbound { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::Bound { status: card.card_type.initial_status() }])
}

pub(crate) fn update_pan(
    card: &Card,
    endpoint: CardKind,
    program: PhysicalInitialStatus,
) -> Result<Vec<CardEvent>, UpdatePanError> {
    let kind = card.kind;
    if endpoint != kind {
        return Err(UpdatePanError::WrongEndpoint { card_id: card.id, kind, endpoint });
    }
    if card.status != CardStatus::Unnumbered {
        return Err(UpdatePanError::NotUnnumbered { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::PanUpdated { kind, status: kind.initial_status(card.card_type, program) }])
}

/// Why Activate physical card refused (domain.md §4 row 7, §11.12).
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context, Error};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Blocked);
/// let error = decide(&card, &Command::Activate, &Context::new(DateTime::UNIX_EPOCH)).unwrap_err();
/// assert_eq!(error.to_body().status, 409);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ActivateError {
    /// Only physical cards are activated.
    #[error("card {card_id} is {card_type}: only PLASTIC cards are activated")]
    NotPlastic {
        /// The card.
        card_id: CardId,
        /// Its type.
        card_type: CardType,
    },
    /// Only `CREATED` cards are activated.
    #[error("card {card_id} is {status}: only a CREATED card can be activated")]
    NotCreated {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

impl ActivateError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::NotPlastic { .. } => Rule::ActivatePlasticOnly,
            Self::NotCreated { .. } => Rule::ActivateCreatedOnly,
        }
    }
}

/// Why Associate noname card with customer refused (domain.md §4 row 5).
///
/// ```
/// use card_lifecycle::{CardId, CardStatus};
/// use card_lifecycle::lifecycle::BindError;
/// let error = BindError::NotUnbound { card_id: CardId::new(3)?, status: CardStatus::Created };
/// assert_eq!(error.to_string(), "card 3 is CREATED: only an UNBOUND card can be bound to a customer");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum BindError {
    /// The card is not `UNBOUND`.
    #[error("card {card_id} is {status}: only an UNBOUND card can be bound to a customer")]
    NotUnbound {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

impl BindError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::NotUnbound { .. } => Rule::BindUnboundOnly,
        }
    }
}

/// Why Update nominal/noname card PAN refused (domain.md §4 row 6).
///
/// ```
/// use card_lifecycle::{CardId, CardStatus};
/// use card_lifecycle::lifecycle::UpdatePanError;
/// let error = UpdatePanError::NotUnnumbered { card_id: CardId::new(3)?, status: CardStatus::Normal };
/// assert_eq!(error.to_string(), "card 3 is NORMAL: only an UNNUMBERED card can be given a PAN");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum UpdatePanError {
    /// The endpoint is for the other kind: the nominal one numbers only nominal cards, the
    /// noname one only noname cards (§11.29).
    #[error("card {card_id} is a {kind} card: the {endpoint} PAN endpoint numbers only {endpoint} cards",
        kind = kind.as_str(), endpoint = endpoint.as_str())]
    WrongEndpoint {
        /// The card.
        card_id: CardId,
        /// The card's kind.
        kind: crate::card::CardKind,
        /// The endpoint's kind.
        endpoint: crate::card::CardKind,
    },
    /// The card is not `UNNUMBERED`.
    #[error("card {card_id} is {status}: only an UNNUMBERED card can be given a PAN")]
    NotUnnumbered {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

impl UpdatePanError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::WrongEndpoint { .. } => Rule::PanEndpointMatchesKind,
            Self::NotUnnumbered { .. } => Rule::PanUnnumberedOnly,
        }
    }
}
