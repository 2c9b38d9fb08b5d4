//! The one dispatcher: a command on a card, decided by its lifecycle function, with the lapse
//! of validity applied first.

use crate::event::Accepted;
use crate::lifecycle::{embossing, issuing, status, validity};
use crate::{Card, CardKind, CardStatus, ChangeCardPassword, Context, Error, Operation, PinLength, UpdateCardStatus};

/// A request about one card, named after the API's operations.
///
/// A body is parsed into its typed request first ([`UpdateCardStatus::parse`]), which converts
/// into its command, so a malformed body is the same 400 the API answers.
///
/// ```
/// use card_lifecycle::{CardStatus, Command, Operation, UpdateCardStatus};
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
    /// use card_lifecycle::{CardKind, Command, Operation};
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
/// [`ChangeStatusError`](crate::ChangeStatusError) (a `THEFT` card cannot become `PENDING`),
/// [`ActivateError`](crate::ActivateError) (a `BLOCKED` card cannot be activated),
/// [`BindError`](crate::BindError), [`UpdatePanError`](crate::UpdatePanError),
/// [`CheckEmbossingError`](crate::CheckEmbossingError) (a `BLOCKED` card is not
/// embossed in scheduled mode). [`Error::to_body`] gives the API's answer.
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
/// use chrono::{DateTime, Utc};
///
/// let context = Context::new(DateTime::UNIX_EPOCH);
/// let card = Card::new(CardId(1), CardType::Plastic, CardStatus::Created);
/// let activated = decide(&card, &Command::Activate, &context)?;
/// assert_eq!(activated.card.status, CardStatus::Normal);
///
/// let stolen = Card::new(CardId(2), CardType::Plastic, CardStatus::Theft);
/// let refusal = decide(&stolen, &Command::UpdateStatus { status: CardStatus::Pending }, &context);
/// assert_eq!(refusal.map_err(|error| error.http_status()), Err(409));
///
/// // The validity lapsed at the epoch; a status change a second later passes INOPERATIVE first.
/// let lapsed = Card { valid_until: Some(DateTime::UNIX_EPOCH), ..Card::new(CardId(3), CardType::Virtual, CardStatus::Normal) };
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
