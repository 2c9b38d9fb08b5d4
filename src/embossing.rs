use crate::{
    Accepted, Card, CardId, CardStatus, CardType, CheckEmbossingError, Command, Context, EmbossingMode, Error,
    PhysicalInitialStatus,
};
use crate::{ProgramId, ReembossingError, StartEmbossingError};

impl EmbossingMode {
    /// Whether embossing in this mode takes a card in `status`, under a program whose new
    /// physical cards start in `program`: the one table every embossing operation reads
    /// (domain.md §5, §11.13, §11.31). Scheduled runs take `CREATED` cards, and `NORMAL` ones
    /// too when the program starts physical cards `NORMAL`; on-demand customers may emboss
    /// `CREATED`, `NORMAL`, `BLOCKED`, `PENDING` and `WARNING` cards.
    ///
    /// ```
    /// use card_lifecycle::{CardStatus, EmbossingMode, PhysicalInitialStatus};
    /// let program = PhysicalInitialStatus::Created;
    /// assert!(EmbossingMode::Scheduled.accepts(CardStatus::Created, program));
    /// assert!(!EmbossingMode::Scheduled.accepts(CardStatus::Normal, program));
    /// assert!(EmbossingMode::Scheduled.accepts(CardStatus::Normal, PhysicalInitialStatus::Normal));
    /// assert!(EmbossingMode::OnDemand.accepts(CardStatus::Blocked, program));
    /// ```
    #[must_use]
    #[inline]
    pub const fn accepts(self, status: CardStatus, program: PhysicalInitialStatus) -> bool {
        match status {
            CardStatus::Created => true,
            // §11.31: a program that starts physical cards NORMAL embosses them on schedule.
            CardStatus::Normal => matches!(self, Self::OnDemand) || matches!(program, PhysicalInitialStatus::Normal),
            CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning => matches!(self, Self::OnDemand),
            CardStatus::Unbound
            | CardStatus::Unnumbered
            | CardStatus::Reissued
            | CardStatus::Inoperative
            | CardStatus::Canceled
            | CardStatus::Lost
            | CardStatus::Robbed
            | CardStatus::Theft
            | CardStatus::Fraud
            | CardStatus::Damaged
            | CardStatus::Expired
            | CardStatus::Deleted
            | CardStatus::Broken
            | CardStatus::Defect => false,
        }
    }

    /// Whether the password rule applies: scheduled embossing needs a changed password unless
    /// the card was added on demand; on-demand embossing waives it (S16, S19).
    #[inline]
    const fn requires_password(self) -> bool {
        match self {
            Self::Scheduled => true,
            Self::OnDemand => false,
        }
    }
}

/// One reason a card cannot be embossed, spelled as the API's embossing `error_type`
/// (domain.md §5).
///
/// ```
/// use card_lifecycle::EmbossingErrorType;
/// assert_eq!(EmbossingErrorType::CardPciPasswordUnchanged.as_str(), "card_pci_password_unchanged");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, strum::Display, strum::EnumIter, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
#[serde(into = "&'static str")]
pub enum EmbossingErrorType {
    /// Not a physical card.
    CardTypeInvalid,
    /// A status the embossing mode does not take.
    CardStatusInvalid,
    /// Scheduled embossing needs the password changed first.
    CardPciPasswordUnchanged,
}

impl EmbossingErrorType {
    /// The API's spelling.
    ///
    /// ```
    /// use card_lifecycle::EmbossingErrorType;
    /// assert_eq!(EmbossingErrorType::CardTypeInvalid.as_str(), "card_type_invalid");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    const fn bit(self) -> u8 {
        match self {
            Self::CardTypeInvalid => 1,
            Self::CardStatusInvalid => 2,
            Self::CardPciPasswordUnchanged => 4,
        }
    }
}

/// The set of reasons a card cannot be embossed; copying, not allocating.
///
/// ```
/// use card_lifecycle::{check_embossing, Card, CardId, CardStatus, CardType, CheckEmbossingError, Context,
///     EmbossingErrorType, EmbossingMode};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId(1), CardType::Virtual, CardStatus::Created);
/// let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(DateTime::UNIX_EPOCH) };
/// let Err(CheckEmbossingError::Ineligible { reasons, .. }) = check_embossing(&card, &on_demand) else {
///     panic!("a virtual card is not embossed");
/// };
/// assert_eq!(reasons.iter().collect::<Vec<_>>(), [EmbossingErrorType::CardTypeInvalid]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmbossingErrorTypes(u8);

impl EmbossingErrorTypes {
    /// Whether there is no reason at all.
    ///
    /// ```
    /// assert!(card_lifecycle::EmbossingErrorTypes::default().is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `error_type` is among the reasons.
    ///
    /// ```
    /// use card_lifecycle::{EmbossingErrorType, EmbossingErrorTypes};
    /// assert!(!EmbossingErrorTypes::default().contains(EmbossingErrorType::CardTypeInvalid));
    /// ```
    #[must_use]
    pub const fn contains(self, error_type: EmbossingErrorType) -> bool {
        self.0 & error_type.bit() != 0
    }

    /// The reasons, in the order of [`EmbossingErrorType`].
    ///
    /// ```
    /// use card_lifecycle::EmbossingErrorTypes;
    /// assert_eq!(EmbossingErrorTypes::default().iter().count(), 0);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = EmbossingErrorType> {
        <EmbossingErrorType as strum::IntoEnumIterator>::iter().filter(move |&error_type| self.contains(error_type))
    }

    const fn with(self, error_type: EmbossingErrorType, present: bool) -> Self {
        if present { Self(self.0 | error_type.bit()) } else { self }
    }

    pub(crate) fn describe(self, card_type: CardType, status: CardStatus, mode: EmbossingMode) -> String {
        let explain = |error_type| match error_type {
            EmbossingErrorType::CardTypeInvalid => format!("card_type_invalid ({card_type} is not a physical card)"),
            EmbossingErrorType::CardStatusInvalid => {
                format!("card_status_invalid ({status} is not embossed in {} mode)", mode.as_str())
            }
            EmbossingErrorType::CardPciPasswordUnchanged => {
                "card_pci_password_unchanged (the password must be changed first)".to_owned()
            }
        };
        self.iter().map(explain).collect::<Vec<_>>().join(", ")
    }
}

/// Every eligibility rule the card fails at `context.now`; `password_waived` when the
/// operation itself waives the password rule. A card whose validity has lapsed is judged as
/// the `INOPERATIVE` card it is (§11.28).
#[inline]
pub(crate) fn reasons(card: &Card, context: &Context, password_waived: bool) -> EmbossingErrorTypes {
    let mode = context.embossing_mode;
    let password_needed = mode.requires_password() && !password_waived && !card.embossing.on_demand;
    let accepted = mode.accepts(card.status_at(context.now), context.physical_initial_status);
    EmbossingErrorTypes::default()
        .with(EmbossingErrorType::CardTypeInvalid, !card.card_type.is_physical())
        .with(EmbossingErrorType::CardStatusInvalid, !accepted)
        .with(EmbossingErrorType::CardPciPasswordUnchanged, password_needed && !card.password_changed)
}

/// Eligibility first: type and status are lasting reasons and say more than "not ready yet",
/// which only means the embossing service has not heard of the card.
#[inline]
pub(crate) fn check(card: &Card, context: &Context, password_waived: bool) -> Result<(), CheckEmbossingError> {
    let reasons = reasons(card, context, password_waived);
    if !reasons.is_empty() {
        return Err(CheckEmbossingError::Ineligible {
            card_id: card.id,
            card_type: card.card_type,
            status: card.status_at(context.now),
            mode: context.embossing_mode,
            reasons,
        });
    }
    if !card.embossing.ready {
        return Err(CheckEmbossingError::CardNotFound { card_id: card.id });
    }
    Ok(())
}

/// Whether the card may go to the embosser at `context.now`, under the context's embossing
/// mode and program (domain.md §5, §11.13, §11.31): it is physical, its status at `now` is one
/// the mode takes ([`EmbossingMode::accepts`]; a card whose validity has lapsed is
/// `INOPERATIVE`, §11.28), for scheduled embossing its password was changed or it was added on
/// demand, and the embossing service knows it (it is ready).
///
/// Allocates nothing.
///
/// # Errors
///
/// [`CheckEmbossingError::Ineligible`] with every failed rule, e.g. a `VIRTUAL` card
/// (`card_type_invalid`) or a `BLOCKED` one under scheduled embossing (`card_status_invalid`);
/// else [`CheckEmbossingError::CardNotFound`] for a card that is not ready.
///
/// ```
/// use card_lifecycle::{check_embossing, Card, CardId, CardStatus, CardType, Context};
/// use chrono::DateTime;
///
/// let scheduled = Context::new(DateTime::UNIX_EPOCH);
/// let mut card = Card::new(CardId(1), CardType::Plastic, CardStatus::Created);
/// card.embossing.ready = true;
/// assert!(check_embossing(&card, &scheduled).is_err()); // password unchanged
/// card.password_changed = true;
/// check_embossing(&card, &scheduled)?;
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[inline]
pub fn check_embossing(card: &Card, context: &Context) -> Result<(), CheckEmbossingError> {
    check(card, context, false)
}

/// A UUID in its canonical text form only: 8-4-4-4-12 hex digits in either case (domain.md
/// §11.34). uuid's own parser also takes braces, a `urn:uuid:` prefix and 32 bare digits,
/// which `format: uuid` does not mean.
fn canonical_uuid(text: &str) -> Option<uuid::Uuid> {
    let hyphens_in_place = text.len() == 36
        && text.bytes().enumerate().all(|(index, byte)| matches!(index, 8 | 13 | 18 | 23) == (byte == b'-'));
    hyphens_in_place.then(|| uuid::Uuid::try_parse(text).ok()).flatten()
}

/// Empty arrays count as absent (domain.md §11.15).
fn non_empty<T>(ids: Option<Vec<T>>) -> Option<Vec<T>> {
    ids.filter(|ids| !ids.is_empty())
}

/// Whether `id` passes an optional filter list, kept sorted by [`ids`].
fn listed<T: Ord>(list: Option<&Vec<T>>, id: &T) -> bool {
    list.is_none_or(|list| list.binary_search(id).is_ok())
}

/// Reads a JSON array of platform ids (1 to 2^63 − 1, §11.36) into sorted, distinct ids.
fn ids<T>(value: &serde_json::Value, id: fn(u64) -> T) -> Option<Vec<T>>
where
    T: Ord,
{
    let mut ids = value.as_array()?.iter().map(|item| crate::json::id(item).map(id)).collect::<Option<Vec<T>>>()?;
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// A Resend cards for embossing request (`POST /embossing/v1/cards/reembossing`, domain.md §5).
///
/// ```
/// use card_lifecycle::{CardId, Reembossing};
/// let request = Reembossing::parse(&serde_json::json!({ "cards": [42, 7, 42] }))?;
/// assert_eq!(request.cards(), [CardId(7), CardId(42)]);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reembossing {
    cards: Vec<CardId>,
}

/// What a Resend cards for embossing request did to each listed card.
///
/// The API answers 202 for the request as a whole; each card is accepted or refused on its
/// own.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, Reembossing};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId(1), CardType::Virtual, CardStatus::Normal);
/// let outcome = Reembossing::parse(&serde_json::json!({ "cards": [1] }))?.decide(&[card], &Context::new(DateTime::UNIX_EPOCH));
/// assert!(outcome.accepted.is_empty());
/// assert_eq!(outcome.refused[0].1.http_status(), 406);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReembossingOutcome {
    /// The cards queued again, with their events, in id order.
    pub accepted: Vec<Accepted>,
    /// The cards refused and why, in id order; a listed id missing from the cards given is
    /// refused as not found.
    pub refused: Vec<(CardId, Error)>,
}

impl Reembossing {
    /// Parses the body, `{"cards": [id, …]}`.
    ///
    /// # Errors
    ///
    /// [`ReembossingError::InvalidPayload`] (400) when `cards` is missing (`{}`), not an array
    /// of card ids (`{"cards": ["42"]}`) or empty.
    ///
    /// ```
    /// use card_lifecycle::Reembossing;
    /// assert!(Reembossing::parse(&serde_json::json!({ "cards": [] })).is_err());
    /// ```
    pub fn parse(body: &serde_json::Value) -> Result<Self, ReembossingError> {
        let invalid = |reason: &str| ReembossingError::InvalidPayload { reason: reason.to_owned() };
        let value =
            body.get("cards").filter(|value| !value.is_null()).ok_or_else(|| invalid("the body has no cards"))?;
        let cards =
            ids(value, CardId).ok_or_else(|| invalid(&format!("cards must be an array of card ids, not {value}")))?;
        if cards.is_empty() {
            return Err(invalid("cards must list at least one card"));
        }
        Ok(Self { cards })
    }

    /// The listed card ids, ascending and distinct.
    ///
    /// ```
    /// use card_lifecycle::{CardId, Reembossing};
    /// let request = Reembossing::parse(&serde_json::json!({ "cards": [3, 1, 3] }))?;
    /// assert_eq!(request.cards(), [CardId(1), CardId(3)]);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn cards(&self) -> &[CardId] {
        &self.cards
    }

    /// Whether the request lists the card.
    ///
    /// ```
    /// use card_lifecycle::{CardId, Reembossing};
    /// let request = Reembossing::parse(&serde_json::json!({ "cards": [3] }))?;
    /// assert!(!request.lists(CardId(4)));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn lists(&self, card_id: CardId) -> bool {
        self.cards.binary_search(&card_id).is_ok()
    }

    /// Applies the request to the cards it lists: each eligible card is queued again with
    /// "Card reembossing notification received"; each other one is refused with its reason.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, EmbossingMode, Reembossing};
    /// use chrono::DateTime;
    ///
    /// let mut card = Card::new(CardId(42), CardType::Plastic, CardStatus::Blocked);
    /// card.embossing.ready = true;
    /// let context = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(DateTime::UNIX_EPOCH) };
    /// let outcome = Reembossing::parse(&serde_json::json!({ "cards": [42, 43] }))?.decide(&[card], &context);
    /// assert!(outcome.accepted[0].card.embossing.queued);
    /// assert_eq!(outcome.refused[0].0, CardId(43));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn decide(&self, cards: &[Card], context: &Context) -> ReembossingOutcome {
        let mut outcome = ReembossingOutcome { accepted: Vec::new(), refused: Vec::new() };
        for &card_id in &self.cards {
            let decision = match cards.iter().find(|card| card.id == card_id) {
                Some(card) => crate::decide(card, &Command::Reemboss, context),
                None => Err(CheckEmbossingError::CardNotFound { card_id }.into()),
            };
            match decision {
                Ok(accepted) => outcome.accepted.push(accepted),
                Err(error) => outcome.refused.push((card_id, error)),
            }
        }
        outcome
    }
}

/// A Start card embossing request (`POST /embossing/v1/triggers/embossing`, domain.md §5).
///
/// Selection: `config_id` alone takes every eligible queued card of the cards given (the
/// caller passes the cards of that configuration); `programs` keeps those programs; `cards`
/// keeps those cards; both keep the intersection (§11.15). Empty arrays count as absent.
///
/// ```
/// use card_lifecycle::StartEmbossing;
/// let request = StartEmbossing::parse(&serde_json::json!({
///     "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": [1] }))?;
/// assert_eq!(request.config_id.to_string(), "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11");
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StartEmbossing {
    /// The embossing configuration (group) to run.
    pub config_id: uuid::Uuid,
    programs: Option<Vec<ProgramId>>,
    cards: Option<Vec<CardId>>,
}

/// What an embossing run did: the cards that went into the file.
///
/// ```
/// use card_lifecycle::{Context, StartEmbossing};
/// use chrono::DateTime;
/// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
/// let run = request.run(&[], &Context::new(DateTime::UNIX_EPOCH));
/// assert_eq!((run.http_status, run.embossed.len()), (202, 0));
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbossingRun {
    /// The API's answer to the trigger: 202.
    pub http_status: u16,
    /// The selected cards after the run, each with "Card embossing notification received", in
    /// id order without duplicates.
    pub embossed: Vec<Accepted>,
}

impl StartEmbossing {
    /// Parses the body, `{"config_id": uuid, "programs": [id, …], "cards": [id, …]}`.
    ///
    /// # Errors
    ///
    /// [`StartEmbossingError::ConfigIdRequired`] (400) without `config_id`;
    /// [`StartEmbossingError::InvalidField`] (400) for a `config_id` that is not a UUID
    /// (`"abc"`) or `programs`/`cards` that are not arrays of ids (`[-1]`).
    ///
    /// ```
    /// use card_lifecycle::StartEmbossing;
    /// assert!(StartEmbossing::parse(&serde_json::json!({ "config_id": "abc" })).is_err());
    /// ```
    pub fn parse(body: &serde_json::Value) -> Result<Self, StartEmbossingError> {
        let field = |name: &str| body.get(name).filter(|value| !value.is_null());
        let invalid = |field: &'static str, value: &serde_json::Value, problem: &'static str| {
            StartEmbossingError::InvalidField { field, value: value.to_string(), problem }
        };
        let config = field("config_id").ok_or(StartEmbossingError::ConfigIdRequired)?;
        let config_id = config
            .as_str()
            .and_then(canonical_uuid)
            .ok_or_else(|| invalid("config_id", config, "must be a UUID in the form 8-4-4-4-12 hex digits"))?;
        let programs = match field("programs") {
            Some(value) => Some(
                ids(value, ProgramId).ok_or_else(|| invalid("programs", value, "must be an array of program ids"))?,
            ),
            None => None,
        };
        let cards = match field("cards") {
            Some(value) => {
                Some(ids(value, CardId).ok_or_else(|| invalid("cards", value, "must be an array of card ids"))?)
            }
            None => None,
        };
        Ok(Self { config_id, programs: non_empty(programs), cards: non_empty(cards) })
    }

    /// Whether the run takes this card: it is queued, still eligible at `context.now`
    /// ([`check_embossing`]), and in the listed programs and cards if there are lists.
    /// Allocates nothing.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use chrono::DateTime;
    ///
    /// let request = StartEmbossing::parse(&serde_json::json!({
    ///     "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "cards": [5] }))?;
    /// let mut card = Card::new(CardId(5), CardType::Plastic, CardStatus::Created);
    /// card.embossing.ready = true;
    /// card.embossing.queued = true;
    /// card.password_changed = true;
    /// assert!(request.selects(&card, &Context::new(DateTime::UNIX_EPOCH)));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn selects(&self, card: &Card, context: &Context) -> bool {
        card.embossing.queued
            && listed(self.programs.as_ref(), &card.program_id)
            && listed(self.cards.as_ref(), &card.id)
            && check_embossing(card, context).is_ok()
    }

    /// The cards the run takes, in the order given. Allocates nothing.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use chrono::DateTime;
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let cards = [Card::new(CardId(1), CardType::Plastic, CardStatus::Created)];
    /// assert_eq!(request.select(&cards, &Context::new(DateTime::UNIX_EPOCH)).count(), 0); // not queued
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn select<'a>(&'a self, cards: &'a [Card], context: &'a Context) -> impl Iterator<Item = &'a Card> + 'a {
        cards.iter().filter(move |card| self.selects(card, context))
    }

    /// Runs the embossing: the selected cards leave the queue, become embossed and get "Card
    /// embossing notification received" each.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use chrono::DateTime;
    ///
    /// let mut card = Card::new(CardId(5), CardType::Plastic, CardStatus::Created);
    /// card.embossing.ready = true;
    /// card.embossing.queued = true;
    /// card.password_changed = true;
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let run = request.run(&[card], &Context::new(DateTime::UNIX_EPOCH));
    /// assert!(run.embossed[0].card.embossing.embossed);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn run(&self, cards: &[Card], context: &Context) -> EmbossingRun {
        let mut selected: Vec<&Card> = self.select(cards, context).collect();
        selected.sort_unstable_by_key(|card| card.id);
        selected.dedup_by_key(|card| card.id);
        let embossed =
            selected.into_iter().map(|card| Accepted::new(card, Some(202), vec![crate::CardEvent::Embossed])).collect();
        EmbossingRun { http_status: 202, embossed }
    }
}
