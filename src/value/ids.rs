//! The API's ids: card, program, account, customer, configuration.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// Whether `id` is a platform id: an integer from 1 to 2^63 − 1 (domain.md §11.36). Every id the
/// API sends as a number or a path value has this one range, and every id type holds only ids in
/// it: construction ([`CardId::new`]), `TryFrom<u64>`, serde and `FromStr` all ask this function.
#[must_use]
pub(crate) const fn is_platform_id(id: u64) -> bool {
    id >= 1 && id <= MAX_ID
}

/// The largest platform id, 2^63 − 1: the platform's ids are 64-bit signed integers (§11.36).
const MAX_ID: u64 = 9_223_372_036_854_775_807;

/// An integer outside the platform's ids, 1 to 2^63 − 1 (domain.md §11.36).
///
/// ```
/// use card_lifecycle::CardId;
/// let error = CardId::new(0).unwrap_err();
/// assert_eq!(error.to_string(), "id 0 is not an integer from 1 to 9223372036854775807");
/// assert_eq!(error.id(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("id {id} is not an integer from 1 to {MAX_ID}")]
pub struct IdRangeError {
    id: u64,
}

impl IdRangeError {
    /// The integer that is not an id.
    #[must_use]
    pub const fn id(self) -> u64 {
        self.id
    }
}

/// One id type of the platform: an integer from 1 to 2^63 − 1 behind a private field, so the
/// range is checked once, where an id is made.
macro_rules! platform_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "u64", into = "u64")]
        pub struct $name(u64);

        impl $name {
            /// The smallest id, 1.
            pub const MIN: Self = Self(1);
            /// The largest id, 2^63 − 1: the platform's ids are 64-bit signed integers
            /// (domain.md §11.36).
            pub const MAX: Self = Self(MAX_ID);

            /// The id `id`, if it is a platform id: an integer from 1 to 2^63 − 1 (domain.md §11.36).
            ///
            /// # Errors
            ///
            /// [`IdRangeError`] for 0 and integers above 2^63 − 1. It is not a request's refusal,
            /// so it does not convert into [`Error`](crate::Error): a value read from a request
            /// is checked by the request's parser, with the API's 400.
            pub const fn new(id: u64) -> Result<Self, IdRangeError> {
                if is_platform_id(id) { Ok(Self(id)) } else { Err(IdRangeError { id }) }
            }

            /// The id as an integer.
            #[must_use]
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl TryFrom<u64> for $name {
            type Error = IdRangeError;
            fn try_from(id: u64) -> Result<Self, IdRangeError> {
                Self::new(id)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(formatter)
            }
        }
    };
}

platform_id! {
    /// A card's id: the API's integer `id` and `cardId`, from 1 to 2^63 − 1.
    ///
    /// ```
    /// use card_lifecycle::CardId;
    /// let id: CardId = serde_json::from_str("42")?;
    /// assert_eq!(id, CardId::new(42)?);
    /// assert_eq!((id.get(), id.to_string()), (42, "42".to_owned()));
    /// assert!(serde_json::from_str::<CardId>("0").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CardId
}

platform_id! {
    /// A program's id: the API's integer `program_id` and the `programs` of an embossing trigger.
    ///
    /// ```
    /// use card_lifecycle::value::ProgramId;
    /// assert_eq!(serde_json::to_string(&ProgramId::new(7)?)?, "7");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ProgramId
}

platform_id! {
    /// A customer's id: the `x-customer-id` header of Create card and the `customerId` of a path
    /// (domain.md §7, §8).
    ///
    /// ```
    /// use card_lifecycle::CustomerId;
    /// assert_eq!(CustomerId::from_header(Some("77"))?, CustomerId::new(77)?);
    /// assert!(CustomerId::from_header(None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CustomerId
}

platform_id! {
    /// An account's id: the `accountId` of a path (domain.md §8).
    ///
    /// ```
    /// use card_lifecycle::AccountId;
    /// assert_eq!(AccountId::new(9)?.to_string(), "9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    AccountId
}

impl CardId {
    /// The id after this one, if there is one: how a store that numbers its cards in order
    /// finds the next.
    ///
    /// ```
    /// use card_lifecycle::CardId;
    /// assert_eq!(CardId::new(41)?.next(), Some(CardId::new(42)?));
    /// assert_eq!(CardId::MAX.next(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn next(self) -> Option<Self> {
        match Self::new(self.0.saturating_add(1)) {
            Ok(next) => Some(next),
            Err(_) => None,
        }
    }
}

/// Reads the `cardId` path parameter, a string on the wire (domain.md §8): an integer from 1 to
/// 2^63 − 1.
///
/// ```
/// use card_lifecycle::CardId;
/// assert_eq!("42".parse::<CardId>()?, CardId::new(42)?);
/// assert!("0".parse::<CardId>().is_err());
/// assert!("4.2".parse::<CardId>().is_err());
/// assert_eq!("".parse::<CardId>().unwrap_err().rule().id(), "request.card-id-required");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl std::str::FromStr for CardId {
    type Err = ParseCardIdError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() {
            return Err(ParseCardIdError::Missing);
        }
        let id = text.parse::<u64>().ok().and_then(|id| Self::new(id).ok());
        id.ok_or_else(|| ParseCardIdError::Invalid { text: text.to_owned() })
    }
}

/// A `cardId` path parameter that is not a card id.
///
/// ```
/// let error = "abc".parse::<card_lifecycle::CardId>().unwrap_err();
/// assert_eq!(error.to_string(), r#"card_id "abc" must be an integer from 1 to 9223372036854775807"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseCardIdError {
    /// The path has no card id.
    #[error("{}", crate::rule::Rule::CardIdRequired.message())]
    Missing,
    /// The text is not an id.
    #[error("card_id {text:?} must be an integer from 1 to {MAX_ID}")]
    Invalid {
        /// The text as sent.
        text: String,
    },
}

impl ParseCardIdError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(&self) -> crate::rule::Rule {
        match self {
            Self::Missing => crate::rule::Rule::CardIdRequired,
            Self::Invalid { .. } => crate::rule::Rule::CardIdPath,
        }
    }
}

/// Who a card belongs to: the customer and the account of its paths (domain.md §8, §10). The
/// card itself does not carry it; the server keeps it beside the card.
///
/// ```
/// use card_lifecycle::{AccountId, CustomerId, Owner};
/// let owner = Owner { customer_id: CustomerId::new(7)?, account_id: AccountId::new(70)? };
/// assert_eq!(owner.customer_id, CustomerId::new(7)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Owner {
    /// The customer.
    pub customer_id: CustomerId,
    /// The account.
    pub account_id: AccountId,
}

/// An embossing configuration's id: the API's `config_id`, a UUID in its canonical text form,
/// 8-4-4-4-12 hex digits in either case (domain.md §5, §11.34).
///
/// ```
/// use card_lifecycle::ConfigId;
/// let id = ConfigId::parse("6F1C2D8E-6A4B-4B59-9D1E-0C2F4A7B8E11")?;
/// assert_eq!(id.to_string(), "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11");
/// assert!(ConfigId::parse("{6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11}").is_err());
/// assert!(ConfigId::parse("6f1c2d8e6a4b4b599d1e0c2f4a7b8e11").is_err());
/// # Ok::<(), card_lifecycle::value::ParseConfigIdError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConfigId(uuid::Uuid);

impl ConfigId {
    /// The form a `config_id` must have, for messages.
    pub const FORM: &'static str = "a UUID in the form 8-4-4-4-12 hex digits";

    /// Reads the canonical form only: uuid's own parser also takes braces, a `urn:uuid:`
    /// prefix and 32 bare digits, which `format: uuid` does not mean.
    ///
    /// # Errors
    ///
    /// [`ParseConfigIdError`] for any other text (`"abc"`, `"urn:uuid:…"`).
    pub fn parse(text: &str) -> Result<Self, ParseConfigIdError> {
        // Of uuid's forms only the hyphenated one is 36 characters long.
        let hyphenated = text.len() == 36;
        hyphenated
            .then(|| uuid::Uuid::try_parse(text).ok())
            .flatten()
            .map(Self)
            .ok_or_else(|| ParseConfigIdError { text: text.to_owned() })
    }

    /// The UUID.
    #[must_use]
    pub const fn as_uuid(&self) -> &uuid::Uuid {
        &self.0
    }
}

impl std::fmt::Display for ConfigId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.hyphenated().fmt(formatter)
    }
}

impl std::str::FromStr for ConfigId {
    type Err = ParseConfigIdError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// A text that is not a canonical UUID.
///
/// ```
/// let error = card_lifecycle::ConfigId::parse("abc").unwrap_err();
/// assert_eq!(error.to_string(), r#"config_id "abc" must be a UUID in the form 8-4-4-4-12 hex digits"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("config_id {text:?} must be {form}", form = ConfigId::FORM)]
pub struct ParseConfigIdError {
    text: String,
}

#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(CardId, { "type": "integer", "minimum": 1, "maximum": MAX_ID });
#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(ProgramId, { "type": "integer", "minimum": 1, "maximum": MAX_ID });
#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(CustomerId, { "type": "integer", "minimum": 1, "maximum": MAX_ID });
#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(AccountId, { "type": "integer", "minimum": 1, "maximum": MAX_ID });
#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(ConfigId, { "type": "string", "format": "uuid" });
