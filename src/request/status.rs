//! The Update card status body.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::Value;

use crate::operation::Operation;
use crate::request::{Checks, FieldRule, InvalidRequest, json_body};
use crate::value::status::CardStatus;

/// The body of Update card status, `{"status": "…"}` (domain.md §8). Other fields are ignored,
/// as the API ignores them.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::request::UpdateCardStatus;
/// let request = UpdateCardStatus::parse(&serde_json::json!({ "status": "BLOCKED" }))?;
/// assert_eq!(request, UpdateCardStatus { status: CardStatus::Blocked });
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateCardStatus {
    /// The status asked for.
    pub status: CardStatus,
}

impl UpdateCardStatus {
    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400): the body is not an object (`[]`), has no `status` (`{}`,
    /// §11.21), or its `status` is not a string (`{"status": 4}`) or not a card status
    /// (`{"status": "normal"}`).
    ///
    /// ```
    /// use card_lifecycle::request::UpdateCardStatus;
    /// assert!(UpdateCardStatus::parse(&serde_json::json!({})).is_err());
    /// assert!(UpdateCardStatus::parse(&serde_json::json!({ "status": "STOLEN" })).is_err());
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PutV1CardStatus;
        let mut checks = Checks::default();
        let Some(object) = body.as_object() else {
            checks.fail("body", Some(body), FieldRule::Type { expected: "a JSON object" });
            return Err(checks.into_error(operation));
        };
        let value = object.get("status").filter(|value| !value.is_null()).cloned();
        checks.required("status", value.as_ref(), FieldRule::Required);
        match checks.parsed("status", value, |text| text.parse::<CardStatus>()) {
            Some(status) => Ok(Self { status }),
            None => Err(checks.into_error(operation)),
        }
    }

    /// [`UpdateCardStatus::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`UpdateCardStatus::parse`], and a body that is not JSON (`{`).
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::request::UpdateCardStatus;
    /// assert_eq!(UpdateCardStatus::from_slice(br#"{"status":"LOST"}"#)?.status, CardStatus::Lost);
    /// assert_eq!(UpdateCardStatus::from_slice(b"{").unwrap_err().rule().id(), "status.body");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PutV1CardStatus, bytes)?)
    }
}
