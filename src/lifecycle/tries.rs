//! The PIN-try counter (domain.md §12.47, §11.64).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use crate::card::Card;
use crate::context::Context;
use crate::event::CardEvent;
use crate::lifecycle::status::check_status_change;
use crate::rule::Rule;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

/// Reset password try count: the counter to 0; a `BLOCKED` card is unblocked — to `NORMAL`, or
/// back to `CREATED` if it was never activated (§11.64).
pub(crate) fn reset(card: &Card) -> Result<Vec<CardEvent>, PasswordTriesError> {
    let from = card.status;
    let to = match from {
        CardStatus::Blocked if card.activated => CardStatus::Normal,
        CardStatus::Blocked => CardStatus::Created,
        CardStatus::Normal | CardStatus::Pending | CardStatus::Warning => from,
        _ => return Err(PasswordTriesError::Status { card_id: card.id, status: from }),
    };
    Ok(vec![CardEvent::PasswordTries { tries: 0, from, to }])
}

/// Increase password try count: +1; at the program's maximum, with the flag, the card is
/// `BLOCKED` where the lifecycle table allows it (a `CREATED` card only counts).
pub(crate) fn increase(card: &Card, block: bool, context: &Context) -> Result<Vec<CardEvent>, PasswordTriesError> {
    let from = card.status;
    let counts = matches!(
        from,
        CardStatus::Created
            | CardStatus::Normal
            | CardStatus::Reissued
            | CardStatus::Blocked
            | CardStatus::Pending
            | CardStatus::Warning
    );
    if !counts {
        return Err(PasswordTriesError::Status { card_id: card.id, status: from });
    }
    let tries = card.password_tries.saturating_add(1);
    let blocks = block
        && tries >= context.max_password_tries
        && from != CardStatus::Created
        && check_status_change(from, CardStatus::Blocked, card.activated).is_ok();
    Ok(vec![CardEvent::PasswordTries { tries, from, to: if blocks { CardStatus::Blocked } else { from } }])
}

/// A PIN-try request on a card in a status that does not take it: 406 (§12.47).
///
/// ```
/// use card_lifecycle::{CardId, CardStatus, Error};
/// use card_lifecycle::lifecycle::PasswordTriesError;
/// let body = Error::from(PasswordTriesError::Status { card_id: CardId::new(1)?, status: CardStatus::Lost }).to_body();
/// assert_eq!((body.status, body.error.as_ref()), (406, "StatusNotAcceptable"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PasswordTriesError {
    /// The card's status does not take the request.
    #[error("card {card_id} is {status}: its password tries cannot be reset or counted")]
    Status {
        /// The card.
        card_id: CardId,
        /// Its status at `now`.
        status: CardStatus,
    },
}

impl PasswordTriesError {
    /// The rule that refuses.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::Status { .. } => Rule::PasswordTriesStatus,
        }
    }
}
