//! Renewals: a new expiration date and a new validity (domain.md §12.45–46, §11.64).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use crate::card::Card;
use crate::context::Context;
use crate::event::CardEvent;
use crate::lifecycle::validity::valid_until;
use crate::rule::Rule;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

/// Renew card expiration date (§12.45) on the card as it is at `now`: a `VIRTUAL` card takes
/// the date at once; a `PLASTIC` card keeps its date, records the pending one and is queued for
/// embossing, and its activation applies it.
pub(crate) fn renew_expiration(card: &Card, expiration_date: ExpirationDate) -> Result<Vec<CardEvent>, RenewError> {
    let card_id = card.id;
    if !matches!(card.card_type, CardType::Plastic | CardType::Virtual) {
        return Err(RenewError::CardType { card_id, card_type: card.card_type });
    }
    let status = card.status;
    if !renewable(status) || !card.activated {
        return Err(RenewError::Status { card_id, status, activated: card.activated });
    }
    // "Later" compares with the current date, not a pending one (§12.45).
    if card.expiration_date.is_some_and(|current| expiration_date <= current) {
        return Err(RenewError::NotLater { card_id, current: card.expiration_date, requested: expiration_date });
    }
    Ok(vec![CardEvent::ExpirationRenewed { expiration_date, applied: !card.card_type.is_physical() }])
}

/// Renew card validity (§12.46) on the card as it is at `now`: a new `valid_until`, and
/// `INOPERATIVE` back to `NORMAL`.
pub(crate) fn renew_validity(card: &Card, hours: u32, context: &Context) -> Result<Vec<CardEvent>, RenewError> {
    let card_id = card.id;
    if !matches!(card.card_type, CardType::Plastic | CardType::Virtual) {
        return Err(RenewError::CardType { card_id, card_type: card.card_type });
    }
    let status = card.status;
    if !(status == CardStatus::Inoperative || renewable(status)) || !card.activated {
        return Err(RenewError::Status { card_id, status, activated: card.activated });
    }
    let now = context.now;
    let until = valid_until(now, hours).ok_or(RenewError::PastExpiration { card_id, hours, expires: None })?;
    let expires = card.expiration_date.map(ExpirationDate::last_second);
    if expires.is_some_and(|expires| until > expires) {
        return Err(RenewError::PastExpiration { card_id, hours, expires: card.expiration_date });
    }
    Ok(vec![CardEvent::ValidityRenewed { from: status, valid_until: until, validity_period_hours: hours }])
}

/// The statuses a renewal takes besides `INOPERATIVE`: the lapsing ones (§12.45–46).
const fn renewable(status: CardStatus) -> bool {
    matches!(
        status,
        CardStatus::Normal | CardStatus::Reissued | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning
    )
}

/// Why a card cannot be renewed: every cause is the API's 400 (§12.45–46).
///
/// ```
/// use card_lifecycle::{CardId, CardType, Error};
/// use card_lifecycle::lifecycle::RenewError;
/// let error = Error::from(RenewError::CardType { card_id: CardId::new(1)?, card_type: CardType::Temporary });
/// assert_eq!(error.http_status(), 400);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum RenewError {
    /// Only `PLASTIC` and `VIRTUAL` cards are renewed.
    #[error("card {card_id} is {card_type}: only PLASTIC and VIRTUAL cards are renewed")]
    CardType {
        /// The card.
        card_id: CardId,
        /// Its type.
        card_type: CardType,
    },
    /// The card's status (or its never having been activated, §11.64) does not allow it.
    #[error("card {card_id} is {status}{}: it cannot be renewed", if *activated { "" } else { " and was never activated" })]
    Status {
        /// The card.
        card_id: CardId,
        /// Its status at `now`.
        status: CardStatus,
        /// Whether it was activated.
        activated: bool,
    },
    /// The new expiration date is not later than the current one.
    #[error("card {card_id}: the new expiration date {requested} is not later than {}", current.map_or_else(|| "none".to_owned(), |date| date.to_string()))]
    NotLater {
        /// The card.
        card_id: CardId,
        /// The current expiration date.
        current: Option<ExpirationDate>,
        /// The date asked for.
        requested: ExpirationDate,
    },
    /// The renewed validity would end after the expiration month (or outside the calendar).
    #[error("card {card_id}: a validity of {hours} hours ends after the expiration month {}", expires.map_or_else(|| "(out of range)".to_owned(), |date| date.to_string()))]
    PastExpiration {
        /// The card.
        card_id: CardId,
        /// The hours asked for.
        hours: u32,
        /// The card's expiration month.
        expires: Option<ExpirationDate>,
    },
}

impl RenewError {
    /// The rule that refuses, by operation: an expiration renewal refuses with
    /// `expiration-renew.*`, a validity renewal with `validity-renew.*`.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::NotLater { .. } => Rule::ExpirationRenewLater,
            Self::PastExpiration { .. } => Rule::ValidityRenewExpiration,
            Self::CardType { .. } | Self::Status { .. } => Rule::RenewCard,
        }
    }
}
