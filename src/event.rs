//! The events a decision returns and `evolve`, the only way a card changes.
//!
//! Layer `event`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::card::CardKind;
use crate::card::Embossing;
use crate::card::EmbossingFile;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;

/// A fact a decision produced: [`crate::decide`] returns them, [`Card::evolve`] folds them into
/// the card, so replaying a card's events rebuilds it.
///
/// Most are published by the platform under a display name (domain.md §9);
/// [`CardEvent::display_name`] says which. Adding a card to the next embossing publishes
/// nothing (domain.md §11.6) but still changes the card, so it is an event too.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::event::CardEvent;
/// let event = CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Blocked };
/// assert_eq!(event.display_name(), Some("Card updated"));
/// assert_eq!(CardEvent::AddedToEmbossing.display_name(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CardEvent {
    /// A card was created: "Card created".
    Created {
        /// The new card, whole.
        card: Box<Card>,
    },
    /// Update card status changed the status: "Card updated".
    StatusChanged {
        /// The status before.
        from: CardStatus,
        /// The status after.
        to: CardStatus,
    },
    /// A physical card was activated, `CREATED` to `NORMAL`: "Card updated".
    Activated {
        /// The activation's instant, whole seconds UTC: "Card updated"'s `activation_date`.
        at: DateTime<Utc>,
    },
    /// A noname card was bound to a customer, `UNBOUND` to `CREATED` (a physical card):
    /// "Customer bound to noname card".
    Bound {
        /// The status after.
        status: CardStatus,
    },
    /// An `UNNUMBERED` card got its PAN: "Card updated" with `operation_type` `PAN_UPDATE`.
    PanUpdated {
        /// The card's kind, which the endpoint matched.
        kind: CardKind,
        /// The status after: the status a fresh card of its kind and type starts in (§11.30).
        status: CardStatus,
    },
    /// The card's password was changed: "Card password changed".
    PasswordChanged {
        /// The change also queued the card for the next scheduled embossing.
        queued: bool,
    },
    /// The embossing service took the card in: "Card can be added to next scheduled
    /// embossing" (domain.md §5, S16). From then on the card is ready.
    EmbossingIngress,
    /// The card was added to the next scheduled embossing; the platform publishes nothing.
    AddedToEmbossing,
    /// The card was resent for embossing: "Card reembossing notification received".
    Reembossing,
    /// The card went into an embossing file: "Card embossing notification received".
    Embossed {
        /// A resend had queued the card (domain.md §11.51): the notification's `reembossing`.
        reembossing: bool,
    },
    /// `valid_until` passed: "Card updated", to `INOPERATIVE`.
    ValidityElapsed {
        /// The status before.
        from: CardStatus,
    },
    /// The card was replaced by a new card (Reissue card, domain.md §12.40–42): the link to the
    /// new card, and the status the reissue leaves. "Card updated" only when the status changes;
    /// otherwise recorded and not published.
    Reissued {
        /// The status before.
        from: CardStatus,
        /// The status after.
        to: CardStatus,
        /// The new card (`reissued_card_id`).
        new_card_id: CardId,
    },
    /// The expiration date was renewed (domain.md §12.45): applied (`APPLIED`, a virtual card,
    /// or a physical card's activation) or waiting for the renewed physical card (`PENDING`).
    /// "Card updated" with `EXPIRATION_DATE_RENEWED`.
    ExpirationRenewed {
        /// The new expiration month.
        expiration_date: ExpirationDate,
        /// Whether it took effect (`APPLIED`) or is pending (`PENDING`).
        applied: bool,
    },
    /// The validity was renewed (domain.md §12.46): a new `valid_until`, and `INOPERATIVE`
    /// back to `NORMAL`. "Card updated" with `CARD_VALIDITY_RENEWAL`.
    ValidityRenewed {
        /// The status before.
        from: CardStatus,
        /// The new end of the validity period.
        valid_until: DateTime<Utc>,
        /// The period asked for.
        validity_period_hours: u32,
    },
    /// The PIN-try counter changed (domain.md §12.47), and the status with it when a reset
    /// lifts a block or an increase blocks the card: "Card updated" only when the status
    /// changes; otherwise recorded and not published.
    PasswordTries {
        /// The counter after.
        tries: u32,
        /// The status before.
        from: CardStatus,
        /// The status after.
        to: CardStatus,
    },
    /// Update card information changed the card (domain.md §12.48): "Card updated".
    InformationUpdated {
        /// The fields after the change.
        information: Box<crate::card::CardInformation>,
    },
}

impl CardEvent {
    /// The status this event leaves, given the status before it.
    #[must_use]
    pub const fn status_after(&self, before: CardStatus) -> CardStatus {
        match self {
            CardEvent::Created { card } => card.status,
            CardEvent::StatusChanged { to, .. }
            | CardEvent::Reissued { to, .. }
            | CardEvent::PasswordTries { to, .. } => *to,
            // Activation, and a validity renewal of an INOPERATIVE card (§12.46).
            CardEvent::Activated { .. } | CardEvent::ValidityRenewed { from: CardStatus::Inoperative, .. } => {
                CardStatus::Normal
            }
            CardEvent::Bound { status } | CardEvent::PanUpdated { status, .. } => *status,
            CardEvent::ValidityElapsed { .. } => CardStatus::Inoperative,
            CardEvent::ValidityRenewed { from, .. } => *from,
            CardEvent::ExpirationRenewed { .. }
            | CardEvent::InformationUpdated { .. }
            | CardEvent::PasswordChanged { .. }
            | CardEvent::AddedToEmbossing
            | CardEvent::Reembossing
            | CardEvent::Embossed { .. }
            | CardEvent::EmbossingIngress => before,
        }
    }

    /// The status before this event, given the status it left.
    #[must_use]
    pub const fn status_before(&self, after: CardStatus) -> CardStatus {
        match self {
            CardEvent::StatusChanged { from, .. }
            | CardEvent::ValidityElapsed { from }
            | CardEvent::Reissued { from, .. }
            | CardEvent::ValidityRenewed { from, .. }
            | CardEvent::PasswordTries { from, .. } => *from,
            CardEvent::Activated { .. } => CardStatus::Created,
            CardEvent::Bound { .. } => CardStatus::Unbound,
            CardEvent::PanUpdated { .. } => CardStatus::Unnumbered,
            CardEvent::ExpirationRenewed { .. }
            | CardEvent::InformationUpdated { .. }
            | CardEvent::Created { .. }
            | CardEvent::PasswordChanged { .. }
            | CardEvent::AddedToEmbossing
            | CardEvent::Reembossing
            | CardEvent::Embossed { .. }
            | CardEvent::EmbossingIngress => after,
        }
    }

    /// The name the platform publishes this event under, or `None` if it publishes none.
    ///
    /// ```
    /// use card_lifecycle::event::CardEvent;
    /// assert_eq!(CardEvent::Embossed { reembossing: false }.display_name(), Some("Card embossing notification received"));
    /// ```
    #[must_use]
    pub const fn display_name(&self) -> Option<&'static str> {
        let info = self.info();
        match info.channel {
            Some(_) => Some(info.name),
            None => None,
        }
    }

    /// The one table of what the platform does with each event (domain.md §9): its name, the
    /// domain and event it is published under (none for an event only recorded), and the
    /// `operation_type` of a "Card updated".
    pub(crate) const fn info(&self) -> EventInfo {
        const UPDATED: &str = "Card updated";
        const UPDATE: Option<(&str, &str)> = Some(("cards", "update"));
        let (name, channel, operation_type) = match self {
            Self::Created { .. } => ("Card created", Some(("cards", "create")), None),
            Self::StatusChanged { .. } | Self::Activated { .. } | Self::ValidityElapsed { .. } => {
                (UPDATED, UPDATE, None)
            }
            Self::PanUpdated { .. } => (UPDATED, UPDATE, Some("PAN_UPDATE")),
            Self::Bound { .. } => ("Customer bound to noname card", Some(("cards", "bind_card")), None),
            Self::PasswordChanged { .. } => ("Card password changed", Some(("cards", "update_password")), None),
            Self::AddedToEmbossing => ("Card added to next scheduled embossing", None, None),
            Self::EmbossingIngress => {
                ("Card can be added to next scheduled embossing", Some(("cards", "embossing_card_ingress")), None)
            }
            Self::Reembossing => ("Card reembossing notification received", Some(("cards", "reembossing")), None),
            Self::Embossed { .. } => ("Card embossing notification received", Some(("cards", "embossing")), None),
            // Only a status change is published; the link alone is recorded (§12.40).
            Self::Reissued { from, to, .. } if *from as u8 != *to as u8 => (UPDATED, UPDATE, None),
            Self::Reissued { .. } => ("Card reissued", None, None),
            Self::ExpirationRenewed { .. } => (UPDATED, UPDATE, Some("EXPIRATION_DATE_RENEWED")),
            Self::ValidityRenewed { .. } => (UPDATED, UPDATE, Some("CARD_VALIDITY_RENEWAL")),
            // The counter alone is recorded, not published (§12.47).
            Self::PasswordTries { from, to, .. } if *from as u8 != *to as u8 => (UPDATED, UPDATE, None),
            Self::PasswordTries { .. } => ("Card password tries counted", None, None),
            Self::InformationUpdated { .. } => (UPDATED, UPDATE, None),
        };
        EventInfo { name, channel, operation_type }
    }
}

/// What the platform does with one event: [`CardEvent::info`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EventInfo {
    /// The display name, or for an event only recorded, the name its record carries.
    pub(crate) name: &'static str,
    /// The domain and event name it is published under; `None`, recorded only.
    pub(crate) channel: Option<(&'static str, &'static str)>,
    /// The `operation_type` of a "Card updated".
    pub(crate) operation_type: Option<&'static str>,
}

impl Card {
    /// Folds one event into the card: the only place a card's state changes.
    ///
    /// Events come from [`crate::decide`], which checked them; `evolve` applies without
    /// checking, so replaying stored events never fails.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// use card_lifecycle::event::CardEvent;
    ///
    /// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Created)
    ///     .evolve(&CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH })
    ///     .evolve(&CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Blocked });
    /// assert_eq!((card.status, card.previous_status), (CardStatus::Blocked, Some(CardStatus::Normal)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn evolve(self, event: &CardEvent) -> Self {
        let version = self.version.saturating_add(1);
        let card = match event {
            CardEvent::Created { card } => (**card).clone(),
            &CardEvent::Activated { at } => {
                let mut details = self.details;
                details.activation_date = Some(at);
                let status = event.status_after(self.status);
                Self { previous_status: Some(self.status), status, activated: true, details, ..self }
            }
            CardEvent::StatusChanged { .. } | CardEvent::ValidityElapsed { .. } => {
                let status = event.status_after(self.status);
                Self { previous_status: Some(self.status), status, ..self }
            }
            CardEvent::Reissued { new_card_id, .. } => {
                let status = event.status_after(self.status);
                let previous_status = if status == self.status { self.previous_status } else { Some(self.status) };
                Self { previous_status, status, reissued_card_id: Some(*new_card_id), ..self }
            }
            &CardEvent::ExpirationRenewed { expiration_date, applied: true } => {
                Self { expiration_date: Some(expiration_date), pending_expiration_date: None, ..self }
            }
            // A physical renewal waits for the renewed card: it is its own embossing order (§12.45).
            &CardEvent::ExpirationRenewed { expiration_date, applied: false } => {
                let embossing = self.embossing.with_file_if_ready(EmbossingFile::Queued);
                Self { pending_expiration_date: Some(expiration_date), embossing, ..self }
            }
            &CardEvent::ValidityRenewed { valid_until, validity_period_hours, .. } => {
                let status = event.status_after(self.status);
                let previous_status = if status == self.status { self.previous_status } else { Some(self.status) };
                let mut details = self.details;
                details.validity_period_hours = Some(validity_period_hours);
                Self { previous_status, status, valid_until: Some(valid_until), details, ..self }
            }
            &CardEvent::PasswordTries { tries, .. } => {
                let status = event.status_after(self.status);
                let previous_status = if status == self.status { self.previous_status } else { Some(self.status) };
                Self { previous_status, status, password_tries: tries, ..self }
            }
            CardEvent::InformationUpdated { information } => information.apply(self),
            // A card issued straight into NORMAL counts as activated (§11.64).
            CardEvent::Bound { .. } | CardEvent::PanUpdated { .. } => {
                let status = event.status_after(self.status);
                let activated = self.activated || status == CardStatus::Normal;
                Self { previous_status: Some(self.status), status, activated, ..self }
            }
            CardEvent::PasswordChanged { queued } => {
                let embossing = if *queued { self.embossing.with_file(EmbossingFile::Queued) } else { self.embossing };
                Self { password_changed: true, embossing, ..self }
            }
            CardEvent::AddedToEmbossing => {
                Self { embossing: Embossing::Ready { file: EmbossingFile::Queued, on_demand: true }, ..self }
            }
            CardEvent::Reembossing => Self { embossing: self.embossing.with_file(EmbossingFile::Resent), ..self },
            CardEvent::Embossed { .. } => Self { embossing: self.embossing.with_file(EmbossingFile::Embossed), ..self },
            // A pending physical renewal waited for readiness: the card is queued with it (§12.45).
            CardEvent::EmbossingIngress => {
                let file =
                    if self.pending_expiration_date.is_some() { EmbossingFile::Queued } else { EmbossingFile::None };
                Self { embossing: Embossing::Ready { file, on_demand: false }, ..self }
            }
        };
        Self { version, ..card }
    }
}

/// An accepted decision: the card after it and the events to publish. The HTTP status the API
/// answers is the operation's ([`crate::Operation::success_status`]), not the decision's.
///
/// `card` is the input card with `events` folded in by [`Card::evolve`].
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
/// let accepted = decide(&card, &Command::UpdateStatus { status: CardStatus::Blocked },
///     &Context::new(DateTime::UNIX_EPOCH))?;
/// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card updated"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The card after the decision.
    pub card: Card,
    /// The version of the card the decision was made on: a store saves `card` and `events`
    /// only if its card still has this version, and otherwise reads it again and decides again.
    pub version: u64,
    /// The events, in order.
    pub events: Vec<CardEvent>,
    /// When the decision was made: its `now`, the instant every event occurred at.
    pub occurred_at: DateTime<Utc>,
}

impl Accepted {
    pub(crate) fn new(card: &Card, events: Vec<CardEvent>, occurred_at: DateTime<Utc>) -> Self {
        let version = card.version;
        let card = events.iter().fold(card.clone(), Card::evolve);
        Self { card, version, events, occurred_at }
    }

    /// Each event with the card's version after it: the decision's version plus its place.
    pub(crate) fn versioned(&self) -> impl Iterator<Item = (u64, &CardEvent)> + '_ {
        self.events.iter().zip(1_u64..).map(|(event, step)| (self.version.saturating_add(step), event))
    }

    /// The display names of the published events, in order (domain.md §9).
    ///
    /// ```
    /// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
    /// use chrono::DateTime;
    /// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Unbound);
    /// let accepted = decide(&card, &Command::Bind, &Context::new(DateTime::UNIX_EPOCH))?;
    /// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Customer bound to noname card"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.events.iter().filter_map(CardEvent::display_name)
    }
}
