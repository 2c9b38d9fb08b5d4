use crate::{
    ActivateError, BindError, Card, CardEvent, CardStatus, CardType, ChangeStatusError, CheckEmbossingError, Context,
    Error, PhysicalInitialStatus, UpdatePanError, check_status_change,
};

/// A request about one card, named after the API's operations.
///
/// Bodies come in as raw JSON and are parsed by the constructor of their command
/// ([`Command::update_status`]), so a malformed body is the same 400 the API answers.
///
/// ```
/// use card_lifecycle::{CardStatus, Command};
/// let command = Command::update_status(&serde_json::json!({ "status": "BLOCKED" }))?;
/// assert_eq!(command, Command::UpdateStatus { status: CardStatus::Blocked });
/// assert_eq!(command.operation_id(), "put-v1-card-status");
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
    /// Change card password (`put-v2-card-password`).
    ChangePassword,
    /// Add card to next scheduled embossing (`put-cards-embossing`).
    AddToEmbossing,
    /// Resend cards for embossing (`start-reembossing`), for one listed card; see
    /// [`crate::Reembossing`] for the whole request.
    Reemboss,
    /// Time has reached `context.now`: apply what time alone changes.
    Elapse,
}

/// Nominal or noname: a card's kind, and which PAN update endpoint was called (domain.md §2).
///
/// ```
/// use card_lifecycle::{CardKind, CardStatus, CardType, PhysicalInitialStatus};
/// let status = CardKind::Noname.initial_status(CardType::Plastic, PhysicalInitialStatus::Normal);
/// assert_eq!(status, CardStatus::Unbound);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// The customer is the cardholder from creation on.
    Nominal,
    /// Made in a bulk, bound to a customer later.
    Noname,
}

impl CardKind {
    /// The kind's name, as the PAN endpoints spell it (`nominal`, `noname`).
    ///
    /// ```
    /// assert_eq!(card_lifecycle::CardKind::Noname.as_str(), "noname");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Nominal => "nominal",
            Self::Noname => "noname",
        }
    }

    /// The status a fresh card of this kind and type is created in, under a program whose
    /// physical cards start in `program` (domain.md §2, §11.30): noname cards `UNBOUND`;
    /// nominal physical cards the program's status; nominal virtual, temporary and recurring
    /// cards `NORMAL`. It is also the status a card of this kind reaches once it has its PAN.
    ///
    /// ```
    /// use card_lifecycle::{CardKind, CardStatus, CardType, PhysicalInitialStatus};
    /// let program = PhysicalInitialStatus::Created;
    /// assert_eq!(CardKind::Nominal.initial_status(CardType::Plastic, program), CardStatus::Created);
    /// assert_eq!(CardKind::Nominal.initial_status(CardType::Virtual, program), CardStatus::Normal);
    /// assert_eq!(CardKind::Noname.initial_status(CardType::Plastic, program), CardStatus::Unbound);
    /// ```
    #[must_use]
    pub const fn initial_status(self, card_type: CardType, program: PhysicalInitialStatus) -> CardStatus {
        match self {
            Self::Noname => CardStatus::Unbound,
            Self::Nominal if card_type.is_physical() => program.status(),
            Self::Nominal => card_type.initial_status(),
        }
    }

    /// The kind of a card from its `noname` flag.
    ///
    /// ```
    /// use card_lifecycle::CardKind;
    /// assert_eq!(CardKind::of(true), CardKind::Noname);
    /// ```
    #[must_use]
    pub const fn of(noname: bool) -> Self {
        if noname { Self::Noname } else { Self::Nominal }
    }
}

impl Command {
    /// Parses the body of Update card status, `{"status": "…"}`. Other fields are ignored,
    /// as the API ignores them.
    ///
    /// # Errors
    ///
    /// [`ChangeStatusError`] (400): the body is not an object (`[]`), has no `status` (`{}`,
    /// §11.21), or its `status` is not a string (`{"status": 4}`) or not a card status
    /// (`{"status": "normal"}`).
    ///
    /// ```
    /// use card_lifecycle::Command;
    /// assert!(Command::update_status(&serde_json::json!({})).is_err());
    /// assert!(Command::update_status(&serde_json::json!({ "status": "STOLEN" })).is_err());
    /// ```
    pub fn update_status(body: &serde_json::Value) -> Result<Self, ChangeStatusError> {
        let object = body.as_object().ok_or_else(|| ChangeStatusError::BodyNotObject { body: body.to_string() })?;
        let value = object.get("status").filter(|value| !value.is_null()).ok_or(ChangeStatusError::StatusMissing)?;
        let text = value.as_str().ok_or_else(|| ChangeStatusError::StatusNotString { value: value.to_string() })?;
        Ok(Self::UpdateStatus { status: text.parse()? })
    }

    /// The API's operationId for this command.
    ///
    /// ```
    /// use card_lifecycle::{CardKind, Command};
    /// assert_eq!(Command::UpdatePan { kind: CardKind::Noname }.operation_id(), "put-v1-update-pan-noname");
    /// ```
    #[must_use]
    pub const fn operation_id(self) -> &'static str {
        match self {
            Self::UpdateStatus { .. } => "put-v1-card-status",
            Self::Activate => "put-v1-card-activate",
            Self::Bind => "post-v2-card-bind",
            Self::UpdatePan { kind: CardKind::Nominal } => "put-v1-update-pan-nominal",
            Self::UpdatePan { kind: CardKind::Noname } => "put-v1-update-pan-noname",
            Self::ChangePassword => "put-v2-card-password",
            Self::AddToEmbossing => "put-cards-embossing",
            Self::Reemboss => "start-reembossing",
            Self::Elapse => "elapse",
        }
    }
}

/// An accepted decision: the card after it, the HTTP success status and the events to publish.
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
/// assert_eq!(accepted.http_status, Some(200));
/// assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card updated"]);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The card after the decision.
    pub card: Card,
    /// The API's success status: 200, 201 or 202; `None` for [`Command::Elapse`], which is
    /// time passing, not a request.
    pub http_status: Option<u16>,
    /// The events, in order.
    pub events: Vec<CardEvent>,
}

impl Accepted {
    pub(crate) fn new(card: &Card, http_status: Option<u16>, events: Vec<CardEvent>) -> Self {
        let card = events.iter().fold(card.clone(), Card::evolve);
        Self { card, http_status, events }
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

/// Decides a command against a card: the accepted outcome, or the refusal.
///
/// Pure: the card is not changed, and time comes from `context.now`. The decision sees the
/// card as it is at `now` (domain.md §11.28): a card whose `valid_until` has passed without a
/// recorded elapse is first made `INOPERATIVE`, and the command is judged on that card. An
/// accepted outcome then lists the validity event first.
///
/// # Errors
///
/// The operation's own error inside [`Error`]: [`ChangeStatusError`] (a `THEFT` card cannot
/// become `PENDING`), [`ActivateError`] (a `BLOCKED` card cannot be activated),
/// [`BindError`], [`UpdatePanError`], [`CheckEmbossingError`] (a `BLOCKED` card is not
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
    let mut events = crate::validity::elapse(card, context.now);
    let lapsed;
    let current = match events.first() {
        Some(elapsed) => {
            lapsed = card.clone().evolve(elapsed);
            &lapsed
        }
        None => card,
    };
    let (http_status, decided) = match *command {
        Command::UpdateStatus { status } => (Some(200), update_status(current, status)?),
        Command::Activate => (Some(200), activate(current)?),
        Command::Bind => (Some(202), bind(current)?),
        Command::UpdatePan { kind } => (Some(202), update_pan(current, kind, context.physical_initial_status)?),
        Command::ChangePassword => (Some(200), change_password(current, context)),
        Command::AddToEmbossing => (Some(202), add_to_embossing(current, context)?),
        Command::Reemboss => (Some(202), reemboss(current, context)?),
        // Time alone: the elapse above is the whole answer.
        Command::Elapse => (None, vec![]),
    };
    events.extend(decided);
    Ok(Accepted::new(card, http_status, events))
}

fn update_status(card: &Card, status: CardStatus) -> Result<Vec<CardEvent>, ChangeStatusError> {
    check_status_change(card.status, status)?;
    // §11.10: the same status is a no-op without an event.
    Ok(if card.status == status { vec![] } else { vec![CardEvent::StatusChanged { from: card.status, to: status }] })
}

fn activate(card: &Card) -> Result<Vec<CardEvent>, ActivateError> {
    if !card.card_type.is_physical() {
        return Err(ActivateError::NotPlastic { card_id: card.id, card_type: card.card_type });
    }
    if card.status != CardStatus::Created {
        return Err(ActivateError::NotCreated { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::Activated])
}

/// A bound card behaves like a nominal card of its type: a physical one is `CREATED` and
/// waits for activation (S6, S11); a virtual one, which the API never makes noname, is
/// `NORMAL`, since a virtual card in `CREATED` could never be activated (docs/decisions.md).
fn bind(card: &Card) -> Result<Vec<CardEvent>, BindError> {
    if card.status != CardStatus::Unbound {
        return Err(BindError::NotUnbound { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::Bound { status: card.card_type.initial_status() }])
}

fn update_pan(
    card: &Card,
    endpoint: CardKind,
    program: PhysicalInitialStatus,
) -> Result<Vec<CardEvent>, UpdatePanError> {
    let kind = CardKind::of(card.noname);
    if endpoint != kind {
        return Err(UpdatePanError::WrongEndpoint { card_id: card.id, kind, endpoint });
    }
    if card.status != CardStatus::Unnumbered {
        return Err(UpdatePanError::NotUnnumbered { card_id: card.id, status: card.status });
    }
    Ok(vec![CardEvent::PanUpdated { kind, status: kind.initial_status(card.card_type, program) }])
}

/// Change card password queues a ready card that scheduled embossing takes, unless it was
/// added on demand or is already queued or embossed (domain.md §5, S3, S16).
fn change_password(card: &Card, context: &Context) -> Vec<CardEvent> {
    let embossing = card.embossing;
    let fresh = !embossing.on_demand && !embossing.queued && !embossing.embossed;
    let scheduled = Context { embossing_mode: crate::EmbossingMode::Scheduled, ..*context };
    let eligible = crate::embossing::reasons(card, &scheduled, true).is_empty();
    vec![CardEvent::PasswordChanged { queued: embossing.ready && fresh && eligible }]
}

fn add_to_embossing(card: &Card, context: &Context) -> Result<Vec<CardEvent>, CheckEmbossingError> {
    // Adding a card is what waives the password rule (S16, S19).
    crate::embossing::check(card, context, true)?;
    if card.embossing.queued || card.embossing.embossed {
        return Err(CheckEmbossingError::AlreadyEmbossed { card_id: card.id });
    }
    Ok(vec![CardEvent::AddedToEmbossing])
}

fn reemboss(card: &Card, context: &Context) -> Result<Vec<CardEvent>, CheckEmbossingError> {
    crate::embossing::check_embossing(card, context)?;
    Ok(vec![CardEvent::Reembossing])
}
