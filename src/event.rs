use chrono::{DateTime, Utc};

use crate::{Card, CardKind, CardStatus, Embossing, EmbossingFile};

/// A fact a decision produced: [`crate::decide`] returns them, [`Card::evolve`] folds them into
/// the card, so replaying a card's events rebuilds it.
///
/// Most are published by the platform under a display name (domain.md §9);
/// [`CardEvent::display_name`] says which. Adding a card to the next embossing publishes
/// nothing (domain.md §11.6) but still changes the card, so it is an event too.
///
/// ```
/// use card_lifecycle::{CardEvent, CardStatus};
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
}

impl CardEvent {
    /// The status this event leaves, given the status before it.
    #[must_use]
    pub const fn status_after(&self, before: CardStatus) -> CardStatus {
        match self {
            CardEvent::Created { card } => card.status,
            CardEvent::StatusChanged { to, .. } => *to,
            CardEvent::Activated { .. } => CardStatus::Normal,
            CardEvent::Bound { status } | CardEvent::PanUpdated { status, .. } => *status,
            CardEvent::ValidityElapsed { .. } => CardStatus::Inoperative,
            CardEvent::PasswordChanged { .. }
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
            CardEvent::StatusChanged { from, .. } | CardEvent::ValidityElapsed { from } => *from,
            CardEvent::Activated { .. } => CardStatus::Created,
            CardEvent::Bound { .. } => CardStatus::Unbound,
            CardEvent::PanUpdated { .. } => CardStatus::Unnumbered,
            CardEvent::Created { .. }
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
    /// use card_lifecycle::CardEvent;
    /// assert_eq!(CardEvent::Embossed { reembossing: false }.display_name(), Some("Card embossing notification received"));
    /// ```
    #[must_use]
    pub const fn display_name(&self) -> Option<&'static str> {
        match self {
            Self::Created { .. } => Some("Card created"),
            Self::StatusChanged { .. }
            | Self::Activated { .. }
            | Self::PanUpdated { .. }
            | Self::ValidityElapsed { .. } => Some("Card updated"),
            Self::Bound { .. } => Some("Customer bound to noname card"),
            Self::PasswordChanged { .. } => Some("Card password changed"),
            Self::AddedToEmbossing => None,
            Self::EmbossingIngress => Some("Card can be added to next scheduled embossing"),
            Self::Reembossing => Some("Card reembossing notification received"),
            Self::Embossed { .. } => Some("Card embossing notification received"),
        }
    }
}

impl Card {
    /// Folds one event into the card: the only place a card's state changes.
    ///
    /// Events come from [`crate::decide`], which checked them; `evolve` applies without
    /// checking, so replaying stored events never fails.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardEvent, CardId, CardStatus, CardType};
    ///
    /// let card = Card::new(CardId(1), CardType::Plastic, CardStatus::Created)
    ///     .evolve(&CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH })
    ///     .evolve(&CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Blocked });
    /// assert_eq!((card.status, card.previous_status), (CardStatus::Blocked, Some(CardStatus::Normal)));
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
            CardEvent::EmbossingIngress => {
                Self { embossing: Embossing::Ready { file: EmbossingFile::None, on_demand: false }, ..self }
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
/// let card = Card::new(CardId(1), CardType::Virtual, CardStatus::Normal);
/// let accepted = decide(&card, &Command::UpdateStatus { status: CardStatus::Blocked },
///     &Context::new(DateTime::UNIX_EPOCH))?;
/// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card updated"]);
/// # Ok::<(), card_lifecycle::Error>(())
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
    /// let card = Card::new(CardId(1), CardType::Plastic, CardStatus::Unbound);
    /// let accepted = decide(&card, &Command::Bind, &Context::new(DateTime::UNIX_EPOCH))?;
    /// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Customer bound to noname card"]);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn event_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.events.iter().filter_map(CardEvent::display_name)
    }
}
