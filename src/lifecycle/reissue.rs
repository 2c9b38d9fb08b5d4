//! Reissue card and the replaced cards (domain.md §4 rows 19–24, §12.39–44): what a reissue does
//! to the old card, the new card it issues, and how activating the new card cancels the cards it
//! replaces.
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::card::CardDetails;
use crate::card::CardKind;
use crate::card::Embossing;
use crate::context::Context;
use crate::event::{Accepted, CardEvent};
use crate::lifecycle::create::{CreateCardError, initial_validity};
use crate::request::life::ReissueCard;
use crate::rule::Rule;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

/// What the caller knows of a reissue besides the body (domain.md §12.39, §12.41): the reason's
/// `must_block`, which the issuer configures, and the new card's id, which the server assigns.
///
/// ```
/// use card_lifecycle::{CardId, ReissueInput};
/// let input = ReissueInput { new_card_id: CardId::new(2)?, must_block: true };
/// assert!(input.must_block);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReissueInput {
    /// The id the new card gets.
    pub new_card_id: CardId,
    /// The reason's `must_block`: a `PLASTIC` card is cancelled at once (§12.40).
    pub must_block: bool,
}

/// The outcome of an accepted reissue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reissue {
    /// The first reissue: 201 with the new card (the Create card response shape). A server
    /// saves both cards and both event streams in one transaction, each with its own version
    /// check: the old card's events come first (§12.40).
    Issued {
        /// The old card after the reissue: its link to the new card, and its status change
        /// ("Card updated" only when the status changed).
        old: Accepted,
        /// The new card: "Card created".
        new: Box<Accepted>,
    },
    /// The card was reissued before: 200 with the linked card as it is now, nothing changes and
    /// nothing is published (§12.43). The server loads that card to answer.
    Repeat {
        /// The card the earlier reissue issued.
        new_card_id: CardId,
    },
}

/// §12.40: the status a reissue leaves the old card in, from the status it has at `now`.
pub(crate) const fn old_card_status(card: &Card, status: CardStatus, must_block: bool) -> CardStatus {
    if status.is_terminated() {
        return status;
    }
    if !card.card_type.is_physical() || must_block {
        return CardStatus::Canceled;
    }
    match status {
        // Never activated (lost in the mail, say): nothing to keep usable.
        CardStatus::Created => CardStatus::Canceled,
        CardStatus::Normal => CardStatus::Reissued,
        other => other,
    }
}

/// §12.39–40: what a reissue does to the card it replaces, which has `status` at `now` (its
/// lapse, if any, decided before): "Card reissued", from that status to the one §12.40 leaves.
/// A card still waiting to be bound or numbered has nothing to replace.
pub(crate) fn reissued(
    card: &Card,
    status: CardStatus,
    must_block: bool,
    new_card_id: CardId,
) -> Result<CardEvent, ReissueError> {
    if status.awaits_issue() {
        return Err(ReissueError::NotIssued { card_id: card.id, status });
    }
    Ok(CardEvent::Reissued { from: status, to: old_card_status(card, status, must_block), new_card_id })
}

/// §12.41–42: the card a reissue issues.
pub(crate) fn new_card(
    old: &Card,
    request: &ReissueCard,
    id: CardId,
    context: &Context,
) -> Result<Card, CreateCardError> {
    let now = context.now;
    let months = context.expiration_months;
    let expiration_date =
        ExpirationDate::months_after(now, months).ok_or(CreateCardError::ExpirationOutOfRange { now, months })?;
    let card_type = old.card_type;
    let status = if request.unnumbered() {
        CardStatus::Unnumbered
    } else {
        // A replacement PLASTIC card starts CREATED whatever the program says (§12.41).
        card_type.initial_status()
    };
    let defaults = CardDetails::default();
    let details = CardDetails {
        brand: request.brand().or(old.details.brand),
        validity_period_hours: None,
        generate_pvv: defaults.generate_pvv,
        atm_change_online_pin_when_script_sent: defaults.atm_change_online_pin_when_script_sent,
        issuing_date: Some(now),
        activation_date: (status == CardStatus::Normal).then_some(now),
        ..(*old.details).clone()
    };
    Ok(Card {
        id,
        version: 0,
        card_type,
        status,
        kind: CardKind::Nominal,
        program_id: old.program_id,
        previous_status: None,
        name: old.name.clone(),
        printed_name: request.printed_name().or(old.printed_name.as_ref()).cloned(),
        pin_length: old.pin_length,
        valid_until: initial_validity(None, card_type, expiration_date, context)?,
        expiration_date: Some(expiration_date),
        password_changed: false,
        activated: status == CardStatus::Normal,
        password_tries: 0,
        track_number: old.track_number.saturating_add(1),
        reissued_card_id: None,
        pending_expiration_date: None,
        embossing: Embossing::NotReady,
        details: Box::new(details),
    })
}

/// An activation and what it did to the cards the activated card replaces (domain.md §12.44).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivatedReplacement {
    /// The activated card.
    pub card: Accepted,
    /// Each replaced card after the activation, nearest first, as given; a card left as it was
    /// has no events.
    pub replaced: Vec<Accepted>,
}

/// §12.44 (and §11.16's explicit cancel): a replaced card still usable or blocked at `now` is
/// cancelled; any other is left as it is, a lapse unrecorded (the sweep records it).
pub(crate) fn cancel_replaced(card: &Card, now: DateTime<Utc>) -> Vec<CardEvent> {
    let status = card.status_at(now);
    let cancelled = matches!(
        status,
        CardStatus::Reissued | CardStatus::Normal | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning
    );
    if cancelled { vec![CardEvent::StatusChanged { from: status, to: CardStatus::Canceled }] } else { vec![] }
}

/// Why a card cannot be reissued.
///
/// ```
/// use card_lifecycle::{CardId, CardStatus, Error};
/// use card_lifecycle::lifecycle::ReissueError;
/// let error = Error::from(ReissueError::NotIssued { card_id: CardId::new(4)?, status: CardStatus::Unbound });
/// assert_eq!(error.http_status(), 409);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ReissueError {
    /// `UNBOUND` and `UNNUMBERED` cards have no customer or no PAN to replace (§12.40).
    #[error("card {card_id} is {status}: only a card with a customer and a PAN can be reissued")]
    NotIssued {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

impl ReissueError {
    /// The rule that refuses.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::NotIssued { .. } => Rule::ReissueIssuedCardsOnly,
        }
    }
}
