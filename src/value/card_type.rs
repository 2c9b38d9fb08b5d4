//! The card's type, `type`: `PLASTIC`, `VIRTUAL`, `RECURRING`, `TEMPORARY` (domain.md §2).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

use crate::value::status::CardStatus;

crate::value::wire_enum::wire_enum! {
    /// What kind of card this is: the API's `type` (domain.md §2).
    ///
    /// ```
    /// use card_lifecycle::{CardStatus, CardType};
    ///
    /// let card_type: CardType = serde_json::from_str(r#""PLASTIC""#)?;
    /// assert!(card_type.is_physical());
    /// assert_eq!(CardType::Virtual.initial_status(), CardStatus::Normal);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum CardType(ParseCardTypeError, "card type", "value") {
        /// A physical card, plastic or metal.
        Plastic,
        /// A digital card: fixed PAN, rotating CVV.
        Virtual,
        /// A virtual card with fixed PAN and CVV for subscriptions; deprecated by the API.
        Recurring,
        /// A virtual card with fixed PAN and CVV for short use.
        Temporary,
    }
}

impl CardType {
    /// Whether the card is physical, and so is activated and embossed.
    ///
    /// ```
    /// use card_lifecycle::CardType;
    /// assert!(!CardType::Temporary.is_physical());
    /// ```
    #[must_use]
    pub const fn is_physical(self) -> bool {
        match self {
            Self::Plastic => true,
            Self::Virtual | Self::Recurring | Self::Temporary => false,
        }
    }

    /// The status a new card of this type starts in when the program does not override it
    /// (domain.md §2: virtual cards need no activation; TEMPORARY and RECURRING follow VIRTUAL).
    ///
    /// ```
    /// use card_lifecycle::{CardStatus, CardType};
    /// assert_eq!(CardType::Plastic.initial_status(), CardStatus::Created);
    /// ```
    #[must_use]
    pub const fn initial_status(self) -> CardStatus {
        match self {
            Self::Plastic => CardStatus::Created,
            Self::Virtual | Self::Recurring | Self::Temporary => CardStatus::Normal,
        }
    }

    /// Whether a create request may carry `validity_period_hours` (domain.md §6: only
    /// `VIRTUAL` and `PLASTIC`).
    ///
    /// ```
    /// use card_lifecycle::CardType;
    /// assert!(!CardType::Temporary.accepts_validity_period());
    /// ```
    #[must_use]
    pub const fn accepts_validity_period(self) -> bool {
        match self {
            Self::Plastic | Self::Virtual => true,
            Self::Recurring | Self::Temporary => false,
        }
    }
}
