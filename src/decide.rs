//! The dispatchers: a command on a card, decided by its lifecycle function, with the lapse of
//! validity applied first and judged again after (domain.md §11.28, §11.49); and the decisions
//! that need more than one card or input — a reissue (two cards), an activation that cancels the
//! cards it replaces, an information update against the customer's other cards.
//!
//! Layer `decide`; the layers are listed in `lib.rs`.

use crate::card::Card;
use crate::card::CardKind;
use crate::context::Context;
use crate::error::Error;
use crate::event::{Accepted, CardEvent};
use crate::lifecycle::create::ExistingCard;
use crate::lifecycle::reissue::{ActivatedReplacement, Reissue, ReissueInput, cancel_replaced, new_card, reissued};
use crate::lifecycle::{embossing, information, issuing, renewal, status, tries, validity};
use crate::operation::Operation;
use crate::request::life::IncreasePasswordTries;
use crate::request::life::ReissueCard;
use crate::request::life::RenewExpiration;
use crate::request::life::RenewValidity;
use crate::request::life::UpdateCardInformation;
use crate::request::password::ChangeCardPassword;
use crate::request::status::UpdateCardStatus;
use crate::value::expiration_date::ExpirationDate;
use crate::value::pin_length::PinLength;
use crate::value::status::CardStatus;

/// A request about one card, named after the API's operations.
///
/// A body is parsed into its typed request first ([`UpdateCardStatus::parse`]), which converts
/// into its command, so a malformed body is the same 400 the API answers.
///
/// ```
/// use card_lifecycle::{CardStatus, Command, Operation};
/// use card_lifecycle::request::UpdateCardStatus;
/// let command = Command::from(UpdateCardStatus::parse(&serde_json::json!({ "status": "BLOCKED" }))?);
/// assert_eq!(command, Command::UpdateStatus { status: CardStatus::Blocked });
/// assert_eq!(command.operation(), Operation::PutV1CardStatus);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Command {
    /// Update card status (`put-v1-card-status`).
    UpdateStatus {
        /// The status asked for.
        status: CardStatus,
    },
    /// Activate physical card (`put-v1-card-activate`).
    Activate,
    /// Associate noname card with customer (`post-v2-card-bind`).
    Bind,
    /// Update nominal/noname card PAN (`put-v1-update-pan-nominal`, `put-v1-update-pan-noname`).
    UpdatePan {
        /// Which endpoint: it must match the card's kind (domain.md §11.29).
        kind: CardKind,
    },
    /// Change card password (`put-v2-card-password`), from [`ChangeCardPassword`]: a PIN of
    /// `digits` digits, which must be the card's `pin_length` (400 otherwise, §11.25).
    ChangePassword {
        /// How many digits the new PIN has.
        digits: PinLength,
    },
    /// Add card to next scheduled embossing (`put-cards-embossing`).
    AddToEmbossing,
    /// Resend cards for embossing (`start-reembossing`), for one listed card; see
    /// [`crate::Reembossing`] for the whole request.
    Reemboss,
    /// Renew card expiration date (`patch-v2-card-expiration-renew`, domain.md §12.45).
    RenewExpiration {
        /// The new expiration month.
        expiration_date: ExpirationDate,
    },
    /// Renew card validity (`patch-v2-card-validity-renew`, §12.46).
    RenewValidity {
        /// The new validity period, from `now`.
        validity_period_hours: u32,
    },
    /// Reset password try count (`post-v2-card-password-reset`, §12.47).
    ResetPasswordTries,
    /// Increase password try count (`post-v2-card-password-increase`, §12.47).
    IncreasePasswordTries {
        /// Whether reaching the program's maximum blocks the card.
        block_card_exceeds_counter: bool,
    },
    /// Time has reached `context.now`: apply what time alone changes.
    Elapse,
    /// The embossing service took the card in ("Card can be added to next scheduled
    /// embossing"): a physical card becomes ready; anything else is left as it is.
    EmbossingIngress,
}

impl Command {
    /// The API operation this command answers.
    ///
    /// ```
    /// use card_lifecycle::{Command, Operation};
    /// use card_lifecycle::card::CardKind;
    /// assert_eq!(Command::UpdatePan { kind: CardKind::Noname }.operation(), Operation::PutV1UpdatePanNoname);
    /// ```
    #[must_use]
    pub const fn operation(self) -> Operation {
        match self {
            Self::UpdateStatus { .. } => Operation::PutV1CardStatus,
            Self::Activate => Operation::PutV1CardActivate,
            Self::Bind => Operation::PostV2CardBind,
            Self::UpdatePan { kind: CardKind::Nominal } => Operation::PutV1UpdatePanNominal,
            Self::UpdatePan { kind: CardKind::Noname } => Operation::PutV1UpdatePanNoname,
            Self::ChangePassword { .. } => Operation::PutV2CardPassword,
            Self::RenewExpiration { .. } => Operation::PatchV2CardExpirationRenew,
            Self::RenewValidity { .. } => Operation::PatchV2CardValidityRenew,
            Self::ResetPasswordTries => Operation::PostV2CardPasswordReset,
            Self::IncreasePasswordTries { .. } => Operation::PostV2CardPasswordIncrease,
            Self::AddToEmbossing => Operation::PutCardsEmbossing,
            Self::Reemboss => Operation::StartReembossing,
            Self::Elapse => Operation::Elapse,
            Self::EmbossingIngress => Operation::EmbossingCardIngress,
        }
    }
}

impl From<ChangeCardPassword> for Command {
    fn from(request: ChangeCardPassword) -> Self {
        Self::ChangePassword { digits: request.digits() }
    }
}

impl From<RenewExpiration> for Command {
    fn from(request: RenewExpiration) -> Self {
        Self::RenewExpiration { expiration_date: request.new_expiration_date() }
    }
}

impl From<RenewValidity> for Command {
    fn from(request: RenewValidity) -> Self {
        Self::RenewValidity { validity_period_hours: request.validity_period_hours() }
    }
}

impl From<IncreasePasswordTries> for Command {
    fn from(request: IncreasePasswordTries) -> Self {
        Self::IncreasePasswordTries { block_card_exceeds_counter: request.block_card_exceeds_counter() }
    }
}

impl From<UpdateCardStatus> for Command {
    fn from(request: UpdateCardStatus) -> Self {
        Self::UpdateStatus { status: request.status }
    }
}

/// Decides a command against a card: the accepted outcome, or the refusal.
///
/// Pure: the card is not changed, and time comes from `context.now`. The decision sees the
/// card as it is at `now` (domain.md §11.28): a card whose `valid_until` has passed without a
/// recorded elapse is first made `INOPERATIVE`, and the command is judged on that card. An
/// accepted outcome then lists the validity event first.
///
/// # Errors
///
/// The operation's own error inside [`Error`]:
/// [`ChangeStatusError`](crate::lifecycle::ChangeStatusError) (a `THEFT` card cannot become `PENDING`),
/// [`ActivateError`](crate::lifecycle::ActivateError) (a `BLOCKED` card cannot be activated),
/// [`BindError`](crate::lifecycle::BindError), [`UpdatePanError`](crate::lifecycle::UpdatePanError),
/// [`CheckEmbossingError`](crate::lifecycle::CheckEmbossingError) (a `BLOCKED` card is not
/// embossed in scheduled mode). [`Error::to_body`] gives the API's answer.
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
/// use chrono::{DateTime, Utc};
///
/// let context = Context::new(DateTime::UNIX_EPOCH);
/// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Created);
/// let activated = decide(&card, &Command::Activate, &context)?;
/// assert_eq!(activated.card.status, CardStatus::Normal);
///
/// let stolen = Card::new(CardId::new(2)?, CardType::Plastic, CardStatus::Theft);
/// let refusal = decide(&stolen, &Command::UpdateStatus { status: CardStatus::Pending }, &context);
/// assert_eq!(refusal.map_err(|error| error.http_status()), Err(409));
///
/// // The validity lapsed at the epoch; a status change a second later passes INOPERATIVE first.
/// let lapsed = Card { valid_until: Some(DateTime::UNIX_EPOCH), ..Card::new(CardId::new(3)?, CardType::Virtual, CardStatus::Normal) };
/// let later = Context::new(DateTime::<Utc>::from_timestamp(1, 0).ok_or("in range")?);
/// let lost = decide(&lapsed, &Command::UpdateStatus { status: CardStatus::Lost }, &later)?;
/// assert_eq!(lost.event_names().collect::<Vec<_>>(), ["Card updated", "Card updated"]);
/// assert_eq!(lost.card.previous_status, Some(CardStatus::Inoperative));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide(card: &Card, command: &Command, context: &Context) -> Result<Accepted, Error> {
    let context = &context.truncated();
    let mut events = validity::elapse(card, context.now);
    let lapsed;
    let current = match events.first() {
        Some(elapsed) => {
            lapsed = card.clone().evolve(elapsed);
            &lapsed
        }
        None => card,
    };
    let decided = match *command {
        Command::UpdateStatus { status } => status::change_status(current, status)?,
        Command::Activate => issuing::activate(current, context.now)?,
        Command::Bind => issuing::bind(current)?,
        Command::UpdatePan { kind } => issuing::update_pan(current, kind, context.physical_initial_status)?,
        Command::ChangePassword { digits } if digits != current.pin_length => {
            return Err(ChangeCardPassword::wrong_length(current.pin_length).into());
        }
        Command::ChangePassword { .. } => embossing::change_password(current, context),
        Command::AddToEmbossing => embossing::add_to_embossing(current, context)?,
        Command::Reemboss => embossing::reemboss(current, context)?,
        // Time alone: the elapse above is the whole answer.
        Command::Elapse => vec![],
        Command::EmbossingIngress => embossing::ingress(current),
        Command::RenewExpiration { expiration_date } => renewal::renew_expiration(current, expiration_date)?,
        Command::RenewValidity { validity_period_hours } => {
            renewal::renew_validity(current, validity_period_hours, context)?
        }
        Command::ResetPasswordTries => tries::reset(current)?,
        Command::IncreasePasswordTries { block_card_exceeds_counter } => {
            tries::increase(current, block_card_exceeds_counter, context)?
        }
    };
    events.extend(decided);
    let mut accepted = Accepted::new(card, events, context.now);
    // §11.49: the card is judged at `now` after the operation too (an activation that leaves a
    // lapsed card NORMAL is followed by its lapse).
    if let Some(elapsed) = validity::elapse(&accepted.card, context.now).pop() {
        accepted.card = accepted.card.evolve(&elapsed);
        accepted.events.push(elapsed);
    }
    Ok(accepted)
}

/// Reissue card (domain.md §12.39–43) on `card`, with the parsed body and the caller's input.
///
/// The old card's fate (§12.40): a terminated card (`INOPERATIVE` included, also when its
/// validity lapsed just now) keeps its status; a virtual-family card is `CANCELED`; a `PLASTIC`
/// card with `must_block`, or never activated (`CREATED`), is `CANCELED`; without `must_block` a
/// `NORMAL` one becomes `REISSUED` and a blocked or `REISSUED` one keeps its status. The new card
/// (§12.41–42) has the same type, program and carried fields, `track_number` + 1, and starts
/// `CREATED` (`PLASTIC`), `NORMAL` (virtual family) or `UNNUMBERED` (asked for).
///
/// # Errors
///
/// [`Error::Reissue`] (409) for an `UNBOUND` or `UNNUMBERED` card; [`Error::CreateCard`] when
/// the program's expiration cannot be computed from `now`.
///
/// ```
/// use card_lifecycle::{reissue_card, Card, CardId, CardStatus, CardType, Context, Reissue, ReissueInput};
/// use card_lifecycle::request::ReissueCard;
///
/// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Normal);
/// let request = ReissueCard::from_slice(br#"{"reason_id": 3}"#)?;
/// let input = ReissueInput { new_card_id: CardId::new(2)?, must_block: false };
/// let now = "2026-03-01T12:00:00Z".parse()?;
/// let Reissue::Issued { old, new } = reissue_card(&card, &request, &input, &Context::new(now))? else {
///     return Err("a first reissue issues a card".into());
/// };
/// assert_eq!((old.card.status, old.card.reissued_card_id), (CardStatus::Reissued, Some(CardId::new(2)?)));
/// assert_eq!((new.card.status, new.card.track_number), (CardStatus::Created, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reissue_card(
    card: &Card,
    request: &ReissueCard,
    input: &ReissueInput,
    context: &Context,
) -> Result<Reissue, Error> {
    if let Some(new_card_id) = card.reissued_card_id {
        return Ok(Reissue::Repeat { new_card_id });
    }
    let context = &context.truncated();
    let now = context.now;
    let mut events = validity::elapse(card, now);
    let status = events.first().map_or(card.status, |elapsed| elapsed.status_after(card.status));
    events.push(reissued(card, status, input.must_block, input.new_card_id)?);
    let old = Accepted::new(card, events, now);
    let new = new_card(card, request, input.new_card_id, context)?;
    let created = Card::new(new.id, new.card_type, new.status);
    Ok(Reissue::Issued {
        old,
        new: Box::new(Accepted::new(&created, vec![CardEvent::Created { card: Box::new(new) }], now)),
    })
}

/// Activate physical card on a card that may replace others (domain.md §12.44): the activation
/// ([`decide`](crate::decide) with `Command::Activate`), then every earlier card of its chain —
/// `replaced`, nearest first, each the card the one before it replaced — that is `REISSUED`,
/// `NORMAL` or in a temporary block at `now` becomes `CANCELED` ("Card updated" each, after the
/// activation's). A terminated card, one whose validity lapsed, and any card from the first
/// that does not link to the card before it are left as they are.
///
/// # Errors
///
/// The activation's refusal; nothing else changes then.
///
/// ```
/// use card_lifecycle::{activate_replacement, Card, CardId, CardStatus, CardType, Context};
/// use chrono::DateTime;
///
/// let new = Card::new(CardId::new(2)?, CardType::Plastic, CardStatus::Created);
/// let old = Card { reissued_card_id: Some(CardId::new(2)?), ..Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Reissued) };
/// let done = activate_replacement(&new, &[old], &Context::new(DateTime::UNIX_EPOCH))?;
/// assert_eq!(done.card.card.status, CardStatus::Normal);
/// assert_eq!(done.replaced[0].card.status, CardStatus::Canceled);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn activate_replacement(card: &Card, replaced: &[Card], context: &Context) -> Result<ActivatedReplacement, Error> {
    let activated = decide(card, &Command::Activate, context)?;
    let now = context.truncated().now;
    let mut newer = card.id;
    let mut linked = true;
    let replaced = replaced
        .iter()
        .map(|old| {
            linked = linked && old.reissued_card_id == Some(newer);
            newer = old.id;
            let events = if linked { cancel_replaced(old, now) } else { vec![] };
            Accepted::new(old, events, now)
        })
        .collect();
    Ok(ActivatedReplacement { card: activated, replaced })
}

/// Update card information (domain.md §12.48) on `card`, given the customer's other cards (for
/// the one-active-card rule of a renamed `VIRTUAL` card, §11.8).
///
/// The card is judged as it is at `now`; a lapse is not recorded by this decision. A `PLASTIC`
/// card keeps the name `"PLASTIC"` (§7). One "Card updated" carries the whole change; a request
/// that changes nothing (every field sent with the value the card has) is accepted with no event.
///
/// # Errors
///
/// [`Error::UpdateInformation`]: 409 for a card terminated at `now`, and S1's 409 when a
/// `VIRTUAL` card is renamed to the name of another of the customer's active virtual cards.
///
/// ```
/// use card_lifecycle::{update_card_information, Card, CardId, CardStatus, CardType, Context};
/// use card_lifecycle::request::UpdateCardInformation;
/// use chrono::DateTime;
///
/// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
/// let request = UpdateCardInformation::from_slice(br#"{"transaction_limit": "250.00"}"#)?;
/// let accepted = update_card_information(&card, &request, &[], &Context::new(DateTime::UNIX_EPOCH))?;
/// assert_eq!(accepted.card.details.transaction_limit.as_deref(), Some("250.00"));
/// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card updated"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn update_card_information(
    card: &Card,
    request: &UpdateCardInformation,
    existing_cards: &[ExistingCard],
    context: &Context,
) -> Result<Accepted, Error> {
    let now = context.truncated().now;
    let current = Card { status: card.status_at(now), ..card.clone() };
    let events = information::update(&current, request, existing_cards)?;
    Ok(Accepted::new(card, events, now))
}
