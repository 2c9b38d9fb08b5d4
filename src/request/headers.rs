//! Request headers of Create card: `x-customer-id` and `x-idempotency-key` (domain.md §7,
//! §11.9).
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::Value;

use crate::operation::Operation;
use crate::request::{FieldError, FieldRule, InvalidRequest};
use crate::value::ids::CustomerId;

/// An `x-idempotency-key` header: at most 36 characters (domain.md §7, §11.9).
///
/// The caller scopes a key to its customer (`x-customer-id`) and stores the card each key
/// created; [`IdempotencyRecord`](crate::IdempotencyRecord) keeps the first answer and replays it.
///
/// ```
/// use card_lifecycle::request::IdempotencyKey;
/// assert!(IdempotencyKey::parse("3f2b9a1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c").is_ok());
/// assert!(IdempotencyKey::parse(&"k".repeat(37)).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl TryFrom<String> for IdempotencyKey {
    type Error = InvalidRequest;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> Self {
        key.0
    }
}

impl IdempotencyKey {
    /// The most characters a key has.
    pub const MAX_LENGTH: usize = 36;

    /// Checks the length rule.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, Create card's) for an empty key or one over 36 characters.
    ///
    /// ```
    /// use card_lifecycle::request::IdempotencyKey;
    /// assert!(IdempotencyKey::parse("").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, InvalidRequest> {
        let length = text.chars().count();
        if (1..=Self::MAX_LENGTH).contains(&length) {
            Ok(Self(text.to_owned()))
        } else {
            let rule = FieldRule::Length { min: 1, max: Self::MAX_LENGTH };
            let error = FieldError { field: "x-idempotency-key", value: Some(Value::from(text).to_string()), rule };
            Err(InvalidRequest::one(Operation::PostV2Card, error))
        }
    }

    /// Reads the optional header: absent is no key.
    ///
    /// # Errors
    ///
    /// As [`IdempotencyKey::parse`] for a header that is present.
    ///
    /// ```
    /// use card_lifecycle::request::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::from_header(None)?, None);
    /// assert!(IdempotencyKey::from_header(Some(&"k".repeat(37))).is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn from_header(value: Option<&str>) -> Result<Option<Self>, InvalidRequest> {
        value.map(Self::parse).transpose()
    }

    /// The key as text.
    ///
    /// ```
    /// use card_lifecycle::request::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::parse("abc")?.as_str(), "abc");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTTP status of a replay: 200, where a new card is 201 (domain.md §7, S1).
    pub const REPLAY_STATUS: u16 = 200;
}

impl CustomerId {
    /// Reads the required `x-customer-id` header: an integer from 1 to 2^63 − 1.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, Create card's) for a missing header or one that is not such an
    /// integer (`"abc"`).
    pub fn from_header(value: Option<&str>) -> Result<Self, InvalidRequest> {
        let field = "x-customer-id";
        let id = value.and_then(|text| text.parse::<u64>().ok()).and_then(|id| Self::new(id).ok());
        id.ok_or_else(|| {
            let rule = if value.is_some() {
                FieldRule::Type { expected: "an integer from 1 to 2^63 - 1" }
            } else {
                FieldRule::Required
            };
            let value = value.map(|text| Value::from(text).to_string());
            InvalidRequest::one(Operation::PostV2Card, FieldError { field, value, rule })
        })
    }
}
