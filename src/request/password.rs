//! The Change card password body (domain.md §11.25, §11.58).
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::Value;

use crate::operation::Operation;
use crate::request::{Checks, FieldError, FieldRule, InvalidRequest, json_body};
use crate::value::pin_length::PinLength;

/// The body of Change card password, `{"password": "…"}`: a PIN of 4 or 6 ASCII digits
/// (domain.md §11.25, §11.58; the field name is ours, S23 shows a PIN string).
///
/// The PIN itself is never kept: the request holds only how many digits it has, so nothing the
/// crate stores, logs, publishes or shows with `Debug` can carry it. Whether that count is the
/// card's `pin_length` is decided with the card ([`decide`](crate::decide)), also a 400.
///
/// ```
/// use card_lifecycle::request::ChangeCardPassword;
/// use card_lifecycle::value::PinLength;
/// let request = ChangeCardPassword::from_slice(br#"{"password":"123456"}"#)?;
/// assert_eq!(request.digits(), PinLength::Six);
/// assert!(!format!("{request:?}").contains("123456"));
/// assert!(ChangeCardPassword::from_slice(br#"{"password":"12345"}"#).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ChangeCardPassword {
    digits: PinLength,
}

impl ChangeCardPassword {
    /// A password of `digits` digits, for a caller that checked the PIN itself (or the
    /// conformance vectors' default body, `"1234"` or `"123456"` as the card's `pin_length`).
    #[must_use]
    pub const fn with_digits(digits: PinLength) -> Self {
        Self { digits }
    }

    /// How many digits the PIN has.
    #[must_use]
    pub const fn digits(self) -> PinLength {
        self.digits
    }

    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, rule `password.body`): the body is not an object, has no
    /// `password` (`null` is absent, §11.53), or its `password` is not a string of 4 or 6 ASCII
    /// digits. The error never quotes the PIN.
    ///
    /// ```
    /// use card_lifecycle::request::ChangeCardPassword;
    /// let error = ChangeCardPassword::parse(&serde_json::json!({ "password": "12a4" })).unwrap_err();
    /// assert_eq!(error.to_string(), "invalid change card password request: password must be a string of 4 or 6 ASCII digits");
    /// assert!(ChangeCardPassword::parse(&serde_json::json!({ "password": 1234 })).is_err());
    /// assert!(ChangeCardPassword::parse(&serde_json::json!({})).is_err());
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PutV2CardPassword;
        let mut checks = Checks::default();
        let Some(object) = body.as_object() else {
            checks.fail("body", Some(body), FieldRule::Type { expected: "a JSON object" });
            return Err(checks.into_error(operation));
        };
        let Some(value) = object.get("password").filter(|value| !value.is_null()) else {
            return Err(InvalidRequest::one(
                operation,
                FieldError { field: "password", value: None, rule: FieldRule::Required },
            ));
        };
        let digits = value
            .as_str()
            .filter(|pin| pin.bytes().all(|byte| byte.is_ascii_digit()))
            .and_then(|pin| u8::try_from(pin.len()).ok())
            .and_then(|count| PinLength::parse(i64::from(count)).ok());
        digits.map(Self::with_digits).ok_or_else(|| {
            InvalidRequest::one(operation, FieldError { field: "password", value: None, rule: FieldRule::Pin })
        })
    }

    /// [`ChangeCardPassword::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`ChangeCardPassword::parse`], and a body that is not one JSON value without repeated
    /// keys (§11.57).
    ///
    /// ```
    /// use card_lifecycle::request::ChangeCardPassword;
    /// assert!(ChangeCardPassword::from_slice(br#"{"password":"1234","password":"1234"}"#).is_err());
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PutV2CardPassword, bytes)?)
    }

    /// The 400 of a PIN whose digit count is not the card's `pin_length` (§11.25).
    pub(crate) fn wrong_length(pin_length: PinLength) -> InvalidRequest {
        let rule = FieldRule::PinLength { pin_length: pin_length.digits() };
        InvalidRequest::one(Operation::PutV2CardPassword, FieldError { field: "password", value: None, rule })
    }
}
