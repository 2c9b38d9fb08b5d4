use chrono::{DateTime, Utc};

use crate::{CardId, CardName, CardStatus, CardType, ExpirationDate, PinLength, PrintedName, ProgramId};

/// A card's lifecycle state: what the rules read and change.
///
/// PAN, PIN and CVV values are out of scope; the card only records facts about them
/// (`password_changed`). Its JSON is the card state of the conformance vectors
/// (`docs/vectors.md`): `status` is required and every other field has a default, so a server
/// can load its own row into it.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType};
///
/// let card: Card = serde_json::from_str(r#"{ "id": 42, "type": "VIRTUAL", "status": "NORMAL" }"#)?;
/// assert_eq!(card, Card::new(CardId(42), CardType::Virtual, CardStatus::Normal));
/// assert_eq!(card.pin_length.digits(), 4);
/// assert!(serde_json::from_str::<Card>(r#"{ "status": "NORMAL", "colour": "red" }"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The card's id (default `1`).
    #[serde(default = "default_card_id")]
    pub id: CardId,
    /// The card's type (default `PLASTIC`).
    #[serde(rename = "type", default = "default_card_type")]
    pub card_type: CardType,
    /// The current status; required.
    pub status: CardStatus,
    /// A noname card: made in a bulk, bound to a customer later (default `false`).
    #[serde(default)]
    pub noname: bool,
    /// The card's program (default `1`).
    #[serde(default = "default_program_id")]
    pub program_id: ProgramId,
    /// The status before the last status change (default `null`).
    #[serde(default)]
    pub previous_status: Option<CardStatus>,
    /// The card's name; `"PLASTIC"` for physical cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CardName>,
    /// The name embossed on the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_name: Option<PrintedName>,
    /// The PIN's digit count (default `4`).
    #[serde(default)]
    pub pin_length: PinLength,
    /// The end of the validity period: at this instant the card becomes `INOPERATIVE`
    /// (default `null`, no validity period).
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    /// The card's expiration month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<ExpirationDate>,
    /// The card's password (PIN) has been set by Change card password (default `false`).
    #[serde(default)]
    pub password_changed: bool,
    /// Where the card is on its way to the embosser.
    #[serde(default)]
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
    /// A card with the given id, type and status and every other field at its default.
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
            program_id: default_program_id(),
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

const fn default_card_id() -> CardId {
    CardId(1)
}

const fn default_program_id() -> ProgramId {
    ProgramId(1)
}

const fn default_card_type() -> CardType {
    CardType::Plastic
}
