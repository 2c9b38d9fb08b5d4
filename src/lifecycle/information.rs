//! Update card information (domain.md §12.48).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use crate::card::Card;
use crate::card::CardInformation;
use crate::event::CardEvent;
use crate::lifecycle::create::ExistingCard;
use crate::request::life::UpdateCardInformation;
use crate::rule::Rule;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

/// The change Update card information makes to the card as it is at `now`: one event with the
/// fields after it, none when nothing changes (every field sent with the value the card has).
/// A `PLASTIC` card keeps the name `"PLASTIC"` (§7); a renamed card obeys the one-active-card
/// rule (§11.8).
pub(crate) fn update(
    card: &Card,
    request: &UpdateCardInformation,
    existing_cards: &[ExistingCard],
) -> Result<Vec<CardEvent>, UpdateInformationError> {
    if card.status.is_terminated() {
        return Err(UpdateInformationError::Terminated { card_id: card.id, status: card.status });
    }
    let before = CardInformation::of(card);
    let name = if card.card_type.is_physical() { Some(CardName::plastic()) } else { request.name().cloned() };
    let after = CardInformation {
        name: name.or_else(|| before.name.clone()),
        printed_name: request.printed_name().or(before.printed_name.as_ref()).cloned(),
        transaction_limit: request.transaction_limit().map(str::to_owned).or_else(|| before.transaction_limit.clone()),
        contactless_enabled: request.contactless_enabled().unwrap_or(before.contactless_enabled),
        abu_enabled: request.abu_enabled().or(before.abu_enabled),
        metadata: request.metadata().or(before.metadata.as_ref()).cloned(),
    };
    if let Some(name) = after.name.as_ref().filter(|name| before.name.as_ref() != Some(*name))
        && ExistingCard::check_one_active(existing_cards, card.card_type, name).is_err()
    {
        return Err(UpdateInformationError::NameTaken { card_type: card.card_type, name: name.as_str().to_owned() });
    }
    Ok(if after == before { vec![] } else { vec![CardEvent::InformationUpdated { information: Box::new(after) }] })
}

/// Why a card's information cannot change.
///
/// ```
/// use card_lifecycle::{CardId, CardStatus, Error};
/// use card_lifecycle::lifecycle::UpdateInformationError;
/// let error = Error::from(UpdateInformationError::Terminated { card_id: CardId::new(1)?, status: CardStatus::Lost });
/// assert_eq!(error.http_status(), 409);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateInformationError {
    /// A terminated card does not change.
    #[error("card {card_id} is {status}: a terminated card's information does not change")]
    Terminated {
        /// The card.
        card_id: CardId,
        /// Its status at `now`.
        status: CardStatus,
    },
    /// The new name is another active card's of the customer (§11.8): S1's 409.
    #[error("{}: {card_type} {name:?}", Rule::CreateOneActivePerTypeAndName.message())]
    NameTaken {
        /// The card's type.
        card_type: CardType,
        /// The name asked for.
        name: String,
    },
}

impl UpdateInformationError {
    /// The rule that refuses.
    #[must_use]
    pub const fn rule(&self) -> Rule {
        match self {
            Self::Terminated { .. } => Rule::InformationTerminated,
            Self::NameTaken { .. } => Rule::CreateOneActivePerTypeAndName,
        }
    }
}
