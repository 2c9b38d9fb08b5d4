//! Embossing: which cards may go to the embosser, and the operations that queue them
//! (domain.md §5, §11.13–14, §11.31).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use crate::event::CardEvent;
use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::card::Embossing;
use crate::context::Context;
use crate::context::EmbossingMode;
use crate::rule::Rule;
use crate::value::card_type::CardType;
use crate::value::ids::CardId;
use crate::value::ids::ProgramId;
use crate::value::status::CardStatus;

/// One reason a card cannot be embossed, spelled as the API's embossing `error_type`
/// (domain.md §5).
///
/// ```
/// use card_lifecycle::lifecycle::EmbossingErrorType;
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
    /// use card_lifecycle::lifecycle::EmbossingErrorType;
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
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context};
/// use card_lifecycle::context::EmbossingMode;
/// use card_lifecycle::lifecycle::{check_embossing, CheckEmbossingError, EmbossingErrorType};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Created);
/// let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(DateTime::UNIX_EPOCH) };
/// let Err(CheckEmbossingError::Ineligible { reasons, .. }) = check_embossing(&card, &on_demand) else {
///     panic!("a virtual card is not embossed");
/// };
/// assert_eq!(reasons.iter().collect::<Vec<_>>(), [EmbossingErrorType::CardTypeInvalid]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmbossingErrorTypes(u8);

impl EmbossingErrorTypes {
    /// Whether there is no reason at all.
    ///
    /// ```
    /// assert!(card_lifecycle::lifecycle::EmbossingErrorTypes::default().is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `error_type` is among the reasons.
    ///
    /// ```
    /// use card_lifecycle::lifecycle::{EmbossingErrorType, EmbossingErrorTypes};
    /// assert!(!EmbossingErrorTypes::default().contains(EmbossingErrorType::CardTypeInvalid));
    /// ```
    #[must_use]
    pub const fn contains(self, error_type: EmbossingErrorType) -> bool {
        self.0 & error_type.bit() != 0
    }

    /// The reasons, in the order of [`EmbossingErrorType`].
    ///
    /// ```
    /// use card_lifecycle::lifecycle::EmbossingErrorTypes;
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

/// Whether the operation itself waives the password rule: adding a card to the next embossing
/// does (S16, S19), and a password change is the very thing the rule asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Password {
    /// The rule applies as the mode and the card say.
    AsTheModeSays,
    /// The operation waives it.
    Waived,
}

/// Every eligibility rule the card fails at `context.now`; `password` says whether the
/// operation itself waives the password rule. A card whose validity has lapsed is judged as
/// the `INOPERATIVE` card it is (§11.28).
#[inline]
pub(crate) fn reasons(
    card: &(impl EmbossingRecord + ?Sized),
    context: &Context,
    password: Password,
) -> EmbossingErrorTypes {
    let mode = context.embossing_mode;
    let password_needed =
        mode.requires_password() && password == Password::AsTheModeSays && !card.embossing().is_on_demand();
    let accepted = mode.accepts(status_at(card, context), context.physical_initial_status);
    EmbossingErrorTypes::default()
        .with(EmbossingErrorType::CardTypeInvalid, !card.card_type().is_physical())
        .with(EmbossingErrorType::CardStatusInvalid, !accepted)
        .with(EmbossingErrorType::CardPciPasswordUnchanged, password_needed && !card.password_changed())
}

/// The record's status at `context.now`: `INOPERATIVE` once its validity lapsed (§11.28).
#[inline]
fn status_at(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> CardStatus {
    if card.is_past_validity(context.now) { CardStatus::Inoperative } else { card.status() }
}

/// Whether embossing takes the card at `context.now`: [`check_embossing`] as a yes or no, for
/// the batches, without building the refusal.
#[inline]
pub(crate) fn is_eligible(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> bool {
    card.embossing().is_ready() && reasons(card, context, Password::AsTheModeSays).is_empty()
}

/// Whether an embossing run takes the card at `context.now`, whatever the run's filters: it is
/// queued and eligible, a first noname card (§11.52), or a queued renewal (§12.45). Allocates
/// nothing.
#[inline]
pub(crate) fn run_takes(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> bool {
    (card.embossing().is_queued() && is_eligible(card, context))
        || awaits_noname_embossing(card, context)
        || awaits_renewal_embossing(card, context)
}

/// The event of a card a run embosses: its notification says whether a resend queued it (§11.51).
pub(crate) fn embossed(card: &(impl EmbossingRecord + ?Sized)) -> CardEvent {
    CardEvent::Embossed { reembossing: card.embossing().is_resent() }
}

/// Domain.md §11.52: a scheduled run also takes a ready `UNBOUND` (noname) physical card that was
/// not embossed yet, without the password rule: its PIN is set after binding. Bound noname cards
/// keep the rule; on-demand lists do not change.
#[inline]
pub(crate) fn awaits_noname_embossing(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> bool {
    matches!(context.embossing_mode, EmbossingMode::Scheduled) && is_first_noname(card)
}

/// A ready `UNBOUND` (noname) physical card that was not embossed yet (domain.md §11.52).
#[inline]
fn is_first_noname(card: &(impl EmbossingRecord + ?Sized)) -> bool {
    card.card_type().is_physical()
        && card.status() == CardStatus::Unbound
        && card.embossing().is_ready()
        && !card.embossing().is_embossed()
}

/// Domain.md §12.45: a physical renewal is its own embossing order. A run, in either mode, takes a
/// card queued with a pending renewal in `NORMAL`, `BLOCKED`, `PENDING`, `WARNING` or `REISSUED`
/// at `now`, without the first embossing's status and password rules.
#[inline]
pub(crate) fn awaits_renewal_embossing(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> bool {
    card.card_type().is_physical()
        && card.renewal_pending()
        && card.embossing().is_queued()
        && matches!(
            status_at(card, context),
            CardStatus::Normal | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning | CardStatus::Reissued
        )
}

/// What embossing reads of a card, for records a caller keeps in a layout of its own (a
/// database row, a compact struct): a batch then runs over them without copying them into
/// [`Card`]s. `Card` is one.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, EmbossingRecord};
/// let card = Card::new(CardId::new(3)?, CardType::Plastic, CardStatus::Created);
/// assert_eq!((card.card_id(), card.status()), (CardId::new(3)?, CardStatus::Created));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait EmbossingRecord {
    /// The card's id.
    fn card_id(&self) -> CardId;
    /// The card's program.
    fn program_id(&self) -> ProgramId;
    /// The card's type.
    fn card_type(&self) -> CardType;
    /// The card's stored status.
    fn status(&self) -> CardStatus;
    /// The end of its validity period, if any.
    fn valid_until(&self) -> Option<DateTime<Utc>>;
    /// Where it is on its way to the embosser.
    fn embossing(&self) -> Embossing;
    /// Whether its password was changed.
    fn password_changed(&self) -> bool;
    /// Whether it waits for a renewed physical card (`pending_expiration_date`, domain.md
    /// §12.45). A layout that keeps no renewals may rely on the default, `false`.
    #[inline]
    fn renewal_pending(&self) -> bool {
        false
    }

    /// Whether its validity has lapsed at `now` (domain.md §11.27: `now` exceeds
    /// `valid_until`, for a status that lapses). The default reads [`EmbossingRecord::status`]
    /// and [`EmbossingRecord::valid_until`]; a layout that keeps the instant another way (Unix
    /// seconds) may answer directly, as long as it answers the same.
    #[inline]
    fn is_past_validity(&self, now: DateTime<Utc>) -> bool {
        self.status().becomes_inoperative()
            && self.valid_until().is_some_and(|until| crate::lifecycle::validity::has_lapsed(until, now))
    }

    /// Whether some embossing run could take the card, whatever its selection, mode or moment:
    /// the card is queued (added, resent or renewed), or it is a ready noname card not embossed
    /// yet (domain.md §11.52). A store keeps this in an indexed column to find a run's candidates
    /// without reading every card; [`StartEmbossing::selects`](crate::StartEmbossing::selects)
    /// then decides each one.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, EmbossingRecord};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// assert!(!card.awaits_embossing()); // not ready
    /// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
    /// assert!(card.awaits_embossing());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    fn awaits_embossing(&self) -> bool {
        self.embossing().is_queued() || is_first_noname(self)
    }
}

impl EmbossingRecord for Card {
    #[inline]
    fn card_id(&self) -> CardId {
        self.id
    }

    #[inline]
    fn program_id(&self) -> ProgramId {
        self.program_id
    }

    #[inline]
    fn card_type(&self) -> CardType {
        self.card_type
    }

    #[inline]
    fn status(&self) -> CardStatus {
        self.status
    }

    #[inline]
    fn valid_until(&self) -> Option<DateTime<Utc>> {
        self.valid_until
    }

    #[inline]
    fn embossing(&self) -> Embossing {
        self.embossing
    }

    #[inline]
    fn password_changed(&self) -> bool {
        self.password_changed
    }

    #[inline]
    fn renewal_pending(&self) -> bool {
        self.pending_expiration_date.is_some()
    }
}

/// Eligibility first: type and status are lasting reasons and say more than "not ready yet",
/// which only means the embossing service has not heard of the card.
#[inline]
pub(crate) fn check(
    card: &(impl EmbossingRecord + ?Sized),
    context: &Context,
    password: Password,
) -> Result<(), CheckEmbossingError> {
    let reasons = reasons(card, context, password);
    if !reasons.is_empty() {
        return Err(CheckEmbossingError::Ineligible {
            card_id: card.card_id(),
            card_type: card.card_type(),
            status: status_at(card, context),
            mode: context.embossing_mode,
            reasons,
        });
    }
    if !card.embossing().is_ready() {
        return Err(CheckEmbossingError::CardNotFound { card_id: card.card_id() });
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
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context};
/// use card_lifecycle::card::{Embossing, EmbossingFile};
/// use card_lifecycle::lifecycle::check_embossing;
/// use chrono::DateTime;
///
/// let scheduled = Context::new(DateTime::UNIX_EPOCH);
/// let mut card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Created);
/// card.embossing = Embossing::Ready { file: EmbossingFile::None, on_demand: false };
/// assert!(check_embossing(&card, &scheduled).is_err()); // password unchanged
/// card.password_changed = true;
/// check_embossing(&card, &scheduled)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[inline]
pub fn check_embossing(card: &(impl EmbossingRecord + ?Sized), context: &Context) -> Result<(), CheckEmbossingError> {
    check(card, context, Password::AsTheModeSays)
}

/// Why a card cannot go to the embosser (domain.md §5, §11.13–14).
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context};
/// use card_lifecycle::lifecycle::check_embossing;
/// let card = Card::new(CardId::new(9)?, CardType::Virtual, CardStatus::Blocked);
/// let error = check_embossing(&card, &Context::new(chrono::DateTime::UNIX_EPOCH)).unwrap_err();
/// assert_eq!(error.to_string(),
///     "card 9 cannot be embossed: card_type_invalid (VIRTUAL is not a physical card), \
///      card_status_invalid (BLOCKED is not embossed in SCHEDULED mode), \
///      card_pci_password_unchanged (the password must be changed first)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckEmbossingError {
    /// The embossing service does not know the card yet: "Card can be added to next scheduled
    /// embossing" has not happened (§5).
    #[error("{}: card {card_id} is not ready for embossing yet", documented(Rule::EmbossingCardNotFound))]
    CardNotFound {
        /// The card.
        card_id: CardId,
    },
    /// The card is queued for the next file, or was in one and no resend reset it (§11.14).
    #[error("{}: card {card_id} is already queued or in an embossing file", documented(Rule::EmbossingAlreadyEmbossed))]
    AlreadyEmbossed {
        /// The card.
        card_id: CardId,
    },
    /// The card fails one or more eligibility rules; every reason is listed.
    #[error("card {card_id} cannot be embossed: {}", reasons.describe(*card_type, *status, *mode))]
    Ineligible {
        /// The card.
        card_id: CardId,
        /// Its type.
        card_type: CardType,
        /// Its status.
        status: CardStatus,
        /// The embossing mode that was applied.
        mode: EmbossingMode,
        /// Every rule the card fails, never empty.
        reasons: EmbossingErrorTypes,
    },
}

/// Change card password queues a ready card that scheduled embossing takes, unless it was
/// added on demand or is already queued or embossed (domain.md §5, S3, S16).
pub(crate) fn change_password(card: &Card, context: &Context) -> Vec<CardEvent> {
    let embossing = card.embossing;
    let fresh = !embossing.is_on_demand() && !embossing.is_queued() && !embossing.is_embossed();
    let scheduled = Context { embossing_mode: EmbossingMode::Scheduled, ..*context };
    let eligible = reasons(card, &scheduled, Password::Waived).is_empty();
    vec![CardEvent::PasswordChanged { queued: embossing.is_ready() && fresh && eligible }]
}

pub(crate) fn add_to_embossing(card: &Card, context: &Context) -> Result<Vec<CardEvent>, CheckEmbossingError> {
    // Adding a card is what waives the password rule (S16, S19).
    check(card, context, Password::Waived)?;
    if card.embossing.is_queued() || card.embossing.is_embossed() {
        return Err(CheckEmbossingError::AlreadyEmbossed { card_id: card.id });
    }
    Ok(vec![CardEvent::AddedToEmbossing])
}

pub(crate) fn reemboss(card: &Card, context: &Context) -> Result<Vec<CardEvent>, CheckEmbossingError> {
    check_embossing(card, context)?;
    Ok(vec![CardEvent::Reembossing])
}

/// The embossing service takes a physical card in once its PCI setup is done (S16): the card
/// becomes ready, once. A card that is not physical, or is ready already, is left as it is.
pub(crate) fn ingress(card: &Card) -> Vec<CardEvent> {
    if card.card_type.is_physical() && !card.embossing.is_ready() { vec![CardEvent::EmbossingIngress] } else { vec![] }
}

impl CheckEmbossingError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(&self) -> Rule {
        match self {
            Self::CardNotFound { .. } => Rule::EmbossingCardNotFound,
            Self::AlreadyEmbossed { .. } => Rule::EmbossingAlreadyEmbossed,
            Self::Ineligible { .. } => Rule::EmbossingEligibility,
        }
    }
}

/// The message a rule's page documents, which starts the error's own message.
fn documented(rule: Rule) -> &'static str {
    rule.message()
}
