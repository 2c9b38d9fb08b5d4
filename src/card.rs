use chrono::{DateTime, Utc};

use crate::{
    CardId, CardName, CardStatus, CardType, ExpirationDate, PhysicalInitialStatus, PinLength, PrintedName, ProgramId,
};

/// A card's lifecycle state: what the rules read and change.
///
/// PAN, PIN and CVV values are out of scope; the card only records facts about them
/// (`password_changed`). Its JSON is a stored row: every field that is not optional is required,
/// so a row missing its `type` fails to load instead of becoming some card.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType};
///
/// let card = Card::new(CardId(42), CardType::Virtual, CardStatus::Normal);
/// let row = serde_json::to_string(&card)?;
/// assert_eq!(serde_json::from_str::<Card>(&row)?, card);
/// assert!(serde_json::from_str::<Card>(r#"{ "id": 42, "status": "NORMAL" }"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The card's id.
    pub id: CardId,
    /// The card's type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// The current status; required.
    pub status: CardStatus,
    /// A noname card: made in a bulk, bound to a customer later.
    pub noname: bool,
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
    /// Where the card is on its way to the embosser.
    pub embossing: Embossing,
}

/// A physical card's way to the embosser (domain.md §5, §11.14).
///
/// ```
/// use card_lifecycle::Embossing;
/// let embossing: Embossing = serde_json::from_str(r#"{ "ready": true }"#)?;
/// assert!(embossing.ready && !embossing.queued);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
#[expect(clippy::struct_excessive_bools, reason = "four independent facts of the embossing flow")]
pub struct Embossing {
    /// "Card can be added to next scheduled embossing" has happened: the embossing service
    /// knows the card.
    pub ready: bool,
    /// The card goes into the next embossing file.
    pub queued: bool,
    /// The card has been in a generated embossing file (and no resend has reset it).
    pub embossed: bool,
    /// Add card to next scheduled embossing was called for it, which waives the password
    /// rule and stops Change card password from queueing it.
    pub on_demand: bool,
}

impl Card {
    /// A card with the given id, type and status, as a fresh card is: nominal, program 1, no
    /// previous status, names or validity, a 4-digit PIN not yet changed, not yet known to the
    /// embossing service.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// let card = Card::new(CardId(7), CardType::Plastic, CardStatus::Created);
    /// assert!(card.previous_status.is_none() && !card.embossing.ready);
    /// ```
    #[must_use]
    pub fn new(id: CardId, card_type: CardType, status: CardStatus) -> Self {
        Self {
            id,
            card_type,
            status,
            noname: false,
            program_id: ProgramId(1),
            previous_status: None,
            name: None,
            printed_name: None,
            pin_length: PinLength::default(),
            valid_until: None,
            expiration_date: None,
            password_changed: false,
            embossing: Embossing::default(),
        }
    }
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
