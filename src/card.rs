//! The card as the crate keeps it: its details, kind, embossing record and activation, and the
//! card information of domain.md §12.48.
//!
//! Layer `card`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::context::PhysicalInitialStatus;
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::ids::ProgramId;
use crate::value::mode::ModeType;
use crate::value::pin_length::PinLength;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// A card's lifecycle state: what the rules read and change.
///
/// PAN, PIN and CVV values are out of scope; the card only records facts about them
/// (`password_changed`). Its JSON is a stored row: every field that is not optional is required,
/// so a row missing its `type` fails to load instead of becoming some card; a field the row has
/// and this version does not know (written by a newer version, during a rolling deploy) is
/// passed over, while requests stay strict.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType};
///
/// let card = Card::new(CardId::new(42)?, CardType::Virtual, CardStatus::Normal);
/// let row = serde_json::to_string(&card)?;
/// assert_eq!(serde_json::from_str::<Card>(&row)?, card);
/// assert!(serde_json::from_str::<Card>(r#"{ "id": 42, "status": "NORMAL" }"#).is_err());
/// let newer = row.replacen('{', r#"{"a_field_from_a_newer_version":1,"#, 1);
/// assert_eq!(serde_json::from_str::<Card>(&newer)?, card);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Card {
    /// The card's id.
    pub id: CardId,
    /// How many events have been applied to the card: a stored card and its stored events
    /// agree on it, and a decision names the version it was made on
    /// ([`crate::Accepted::version`]), for an optimistic store.
    pub version: u64,
    /// The card's type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// The current status; required.
    pub status: CardStatus,
    /// Nominal, or noname: made in a bulk, bound to a customer later.
    pub kind: CardKind,
    /// The card's program.
    pub program_id: ProgramId,
    /// The status before the last status change; `null` before any.
    #[serde(default)]
    pub previous_status: Option<CardStatus>,
    /// The card's name; `"PLASTIC"` for physical cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CardName>,
    /// The name embossed on the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_name: Option<PrintedName>,
    /// The PIN's digit count.
    pub pin_length: PinLength,
    /// The end of the validity period: once it is exceeded the card becomes `INOPERATIVE`;
    /// `null`, no validity period.
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    /// The card's expiration month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<ExpirationDate>,
    /// The card's password (PIN) has been set by Change card password.
    pub password_changed: bool,
    /// The card has been activated, or started `NORMAL` and so counts as activated from
    /// creation (domain.md §11.64). A temporary block entered before activation is lifted only
    /// back to `CREATED`.
    pub activated: bool,
    /// The PIN-try counter (`password_tries`, domain.md §12.47).
    pub password_tries: u32,
    /// 1 for a card made by Create card, +1 on each reissue (`track_number`, §12.42).
    pub track_number: u32,
    /// The card that replaced this one ("last issued card ID", `reissued_card_id`, §12.42).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reissued_card_id: Option<CardId>,
    /// A physical expiration renewal waiting for the renewed card's activation (§12.45).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_expiration_date: Option<ExpirationDate>,
    /// Where the card is on its way to the embosser.
    pub embossing: Embossing,
    /// What the card was created with that the lifecycle rules do not read: kept for the
    /// responses and events, so nothing the client sent is lost.
    pub details: Box<CardDetails>,
}

/// The fields of a card that describe it without deciding its lifecycle: what Create card
/// sent (domain.md §7), with the API's defaults, and the issuing date.
///
/// Boxed in [`Card`], so the state the rules scan stays small.
///
/// ```
/// use card_lifecycle::card::CardDetails;
/// let details = CardDetails::default();
/// assert!(details.contactless_enabled && !details.generate_pvv);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CardDetails {
    /// The card network the request named (`brand`); absent when the program's applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<Brand>,
    /// `SINGLE` or `COMBO` (`mode_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode_type: Option<ModeType>,
    /// The client's key/value pairs (`metadata`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    /// The per-transaction cap, a decimal string such as `"500.00"` (`transaction_limit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_limit: Option<String>,
    /// Hours between CVV rotations, `0` for none (`cvv_rotation_interval_hours`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_rotation_interval_hours: Option<u16>,
    /// Contactless payments allowed (`contactless_enabled`, default `true`).
    pub contactless_enabled: bool,
    /// Mastercard's Automatic Billing Updater, deprecated (`abu_enabled`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abu_enabled: Option<bool>,
    /// The BIN-override template (`template_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// A PVV is generated, Visa PVS (`generate_pvv`, default `false`).
    pub generate_pvv: bool,
    /// The embosser group (`embossing_group`); absent for the default embosser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embossing_group: Option<String>,
    /// Free data for the embosser (`embossing_custom_field`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embossing_custom_field: Option<String>,
    /// The lifetime asked for (`validity_period_hours`), from which `valid_until` was computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_period_hours: Option<u32>,
    /// The online PIN changes as soon as the offline-PIN script is sent at an ATM
    /// (`atm_change_online_pin_when_script_sent`, default `false`).
    pub atm_change_online_pin_when_script_sent: bool,
    /// When the card was created, in whole seconds UTC (`issuing_date`); absent for a card
    /// whose creation the crate did not decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_date: Option<DateTime<Utc>>,
    /// When the card was activated (`activation_date` of "Card updated"), in whole seconds
    /// UTC; for a card that started `NORMAL`, its creation (domain.md §11.64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_date: Option<DateTime<Utc>>,
}

impl Default for CardDetails {
    /// The API's defaults: contactless on, no PVV, the ATM script rule off, nothing else set.
    fn default() -> Self {
        Self {
            brand: None,
            mode_type: None,
            metadata: None,
            transaction_limit: None,
            cvv_rotation_interval_hours: None,
            contactless_enabled: true,
            abu_enabled: None,
            template_id: None,
            generate_pvv: false,
            embossing_group: None,
            embossing_custom_field: None,
            validity_period_hours: None,
            atm_change_online_pin_when_script_sent: false,
            issuing_date: None,
            activation_date: None,
        }
    }
}

/// Where a physical card is on its way to the embosser (domain.md §5, §11.14): a state, so the
/// card cannot be both queued and embossed, nor queued before the embossing service knows it.
///
/// ```
/// use card_lifecycle::card::{Embossing, EmbossingFile};
/// let embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: true };
/// assert!(embossing.is_ready() && embossing.is_queued() && !embossing.is_embossed());
/// assert!(!Embossing::NotReady.is_ready());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Embossing {
    /// "Card can be added to next scheduled embossing" has not happened: the embossing service
    /// does not know the card.
    #[default]
    NotReady,
    /// The embossing service knows the card.
    Ready {
        /// Where the card is with respect to the embossing files.
        file: EmbossingFile,
        /// Add card to next scheduled embossing was called for it, which waives the password
        /// rule and stops Change card password from queueing it.
        on_demand: bool,
    },
}

/// Where a card the embossing service knows is with respect to the embossing files.
///
/// ```
/// use card_lifecycle::card::EmbossingFile;
/// assert_eq!(serde_json::to_string(&EmbossingFile::Queued)?, r#""queued""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbossingFile {
    /// Neither queued nor embossed.
    #[default]
    None,
    /// Goes into the next embossing file.
    Queued,
    /// Goes into the next embossing file again, queued by a resend: its "Card embossing
    /// notification received" says `reembossing: true` (domain.md §11.14, §11.51).
    Resent,
    /// Has been in a generated embossing file, and no resend has queued it again.
    Embossed,
}

impl Embossing {
    /// Whether the embossing service knows the card.
    #[must_use]
    pub const fn is_ready(self) -> bool {
        matches!(self, Self::Ready { .. })
    }

    /// Whether the card goes into the next embossing file.
    #[must_use]
    pub const fn is_queued(self) -> bool {
        matches!(self, Self::Ready { file: EmbossingFile::Queued | EmbossingFile::Resent, .. })
    }

    /// Whether a resend queued the card, and no run has embossed it since (domain.md §11.51).
    #[must_use]
    pub const fn is_resent(self) -> bool {
        matches!(self, Self::Ready { file: EmbossingFile::Resent, .. })
    }

    /// Whether the card has been in an embossing file and was not queued again since.
    #[must_use]
    pub const fn is_embossed(self) -> bool {
        matches!(self, Self::Ready { file: EmbossingFile::Embossed, .. })
    }

    /// Whether the card was added to the next embossing on demand.
    #[must_use]
    pub const fn is_on_demand(self) -> bool {
        matches!(self, Self::Ready { on_demand: true, .. })
    }

    /// The same card in `file`, keeping whether it was added on demand; a card the service did
    /// not know is known from then on.
    #[must_use]
    pub const fn with_file(self, file: EmbossingFile) -> Self {
        Self::Ready { file, on_demand: self.is_on_demand() }
    }

    /// As [`Embossing::with_file`] for a card the embossing service knows; a card that is not
    /// ready stays so (it is queued when it becomes ready, domain.md §12.45).
    #[must_use]
    pub const fn with_file_if_ready(self, file: EmbossingFile) -> Self {
        if self.is_ready() { self.with_file(file) } else { self }
    }
}

/// The fields Update card information may change (domain.md §12.48), as they are after the
/// change: what its "Card updated" carries, so replay rebuilds the card.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType};
/// use card_lifecycle::card::CardInformation;
/// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
/// let information = CardInformation::of(&card);
/// assert!(information.contactless_enabled);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CardInformation {
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CardName>,
    /// `printed_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_name: Option<PrintedName>,
    /// `transaction_limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_limit: Option<String>,
    /// `contactless_enabled`.
    pub contactless_enabled: bool,
    /// `abu_enabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abu_enabled: Option<bool>,
    /// `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

impl CardInformation {
    /// The card's fields as they are.
    #[must_use]
    pub fn of(card: &Card) -> Self {
        Self {
            name: card.name.clone(),
            printed_name: card.printed_name.clone(),
            transaction_limit: card.details.transaction_limit.clone(),
            contactless_enabled: card.details.contactless_enabled,
            abu_enabled: card.details.abu_enabled,
            metadata: card.details.metadata.clone(),
        }
    }

    /// The card with these fields.
    pub(crate) fn apply(&self, card: Card) -> Card {
        let mut details = card.details;
        details.transaction_limit.clone_from(&self.transaction_limit);
        details.contactless_enabled = self.contactless_enabled;
        details.abu_enabled = self.abu_enabled;
        details.metadata.clone_from(&self.metadata);
        Card { name: self.name.clone(), printed_name: self.printed_name.clone(), details, ..card }
    }
}

impl Card {
    /// A card with the given id, type and status, as a fresh card is: nominal, program 1, no
    /// previous status, names or validity, a 4-digit PIN not yet changed, not yet known to the
    /// embossing service.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// let card = Card::new(CardId::new(7)?, CardType::Plastic, CardStatus::Created);
    /// assert!(card.previous_status.is_none() && !card.embossing.is_ready());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(id: CardId, card_type: CardType, status: CardStatus) -> Self {
        Self {
            id,
            version: 0,
            card_type,
            status,
            kind: CardKind::Nominal,
            program_id: ProgramId::MIN,
            previous_status: None,
            name: None,
            printed_name: None,
            pin_length: PinLength::default(),
            valid_until: None,
            expiration_date: None,
            password_changed: false,
            // As the vector format reads a card (§11.64): only the initial statuses await activation.
            activated: !matches!(status.group(), crate::value::status::StatusGroup::Initial),
            password_tries: 0,
            track_number: 1,
            reissued_card_id: None,
            pending_expiration_date: None,
            embossing: Embossing::default(),
            details: Box::default(),
        }
    }
}

/// Nominal or noname: a card's kind, and which PAN update endpoint was called (domain.md §2).
///
/// ```
/// use card_lifecycle::{CardStatus, CardType};
/// use card_lifecycle::card::CardKind;
/// use card_lifecycle::context::PhysicalInitialStatus;
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
    /// assert_eq!(card_lifecycle::card::CardKind::Noname.as_str(), "noname");
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
    /// use card_lifecycle::{CardStatus, CardType};
    /// use card_lifecycle::card::CardKind;
    /// use card_lifecycle::context::PhysicalInitialStatus;
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
}
