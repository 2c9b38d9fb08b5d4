//! The bodies of the operations of the rest of a card's life (domain.md §12): Reissue card, the
//! two renewals, Increase password try count and Update card information. Each reads the body as
//! the API does (`null` is absent, §11.53; malformed bytes are 400, §11.57) and states every field
//! rule once, shared with Create card where the field is the same.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

use crate::operation::Operation;
use crate::request::create::CreateCard;
use crate::request::{Checks, FieldRule, InvalidRequest, json, json_body};
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::expiration_date::ExpirationDate;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// The body's fields, `null` left out (§11.53), or the 400 of a body that is not an object.
fn object(operation: Operation, body: &Value) -> Result<Map<String, Value>, InvalidRequest> {
    match body {
        Value::Object(fields) => Ok(fields
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()),
        other => {
            let mut checks = Checks::default();
            checks.fail("body", Some(other), FieldRule::Type { expected: "a JSON object" });
            Err(checks.into_error(operation))
        }
    }
}

/// The body of Reissue card (domain.md §12.39, §12.41): the reason, and optionally the new card's
/// printed name, whether wallet tokens move, and `status: "UNNUMBERED"` with its `brand`.
///
/// The reason's `must_block` is not in the body: the issuer configures reasons, and the caller
/// passes the flag to [`reissue_card`](crate::reissue_card) (§12.39).
///
/// ```
/// use card_lifecycle::request::ReissueCard;
/// let request = ReissueCard::from_slice(br#"{"reason_id": 3, "printed_name": "ANA LIMA"}"#)?;
/// assert_eq!(request.reason_id(), 3);
/// assert_eq!(request.printed_name().map(|name| name.as_str()), Some("ANA LIMA"));
/// assert!(ReissueCard::from_slice(b"{}").is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReissueCard {
    reason_id: u64,
    printed_name: Option<PrintedName>,
    update_tokens: Option<bool>,
    unnumbered: bool,
    brand: Option<Brand>,
}

impl ReissueCard {
    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, `reissue.body`): not an object; `reason_id` missing or not an
    /// integer from 1 to 2^63 − 1; `printed_name` not a printed name (§7); `update_tokens` not a
    /// boolean; `status` other than `UNNUMBERED`, which needs `brand` and `printed_name`; `brand`
    /// unknown.
    ///
    /// ```
    /// use card_lifecycle::request::ReissueCard;
    /// let error = ReissueCard::parse(&serde_json::json!({ "reason_id": "3" })).unwrap_err();
    /// assert_eq!(error.to_string(), r#"invalid reissue card request: reason_id "3" must be an integer from 1 to 2^63 - 1"#);
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PostV1CardReissue;
        let mut fields = object(operation, body)?;
        let mut checks = Checks::default();
        let reason = fields.remove("reason_id");
        checks.required("reason_id", reason.as_ref(), FieldRule::Required);
        let reason_id = reason.and_then(|value| match json::id(&value) {
            Some(id) => Some(id),
            None => checks.wrong_type("reason_id", &value, "an integer from 1 to 2^63 - 1"),
        });
        let printed_name_sent = fields.contains_key("printed_name");
        let printed_name = checks.parsed("printed_name", fields.remove("printed_name"), PrintedName::try_from);
        let update_tokens = checks.boolean("update_tokens", fields.remove("update_tokens"));
        let unnumbered = checks
            .parsed("status", fields.remove("status"), |text| match text.parse::<CardStatus>() {
                Ok(CardStatus::Unnumbered) => Ok(()),
                _ => Err(crate::request::ValueError::NotUnnumbered { text, issued: "issued" }),
            })
            .is_some();
        let brand_sent = fields.get("brand").cloned();
        if unnumbered {
            if !printed_name_sent {
                checks.fail("printed_name", None, FieldRule::RequiredWhenUnnumbered);
            }
            checks.required("brand", brand_sent.as_ref(), FieldRule::RequiredWhenUnnumbered);
        }
        let brand = checks.parsed("brand", fields.remove("brand"), |text| text.parse::<Brand>());
        match reason_id {
            Some(reason_id) if checks.errors.is_empty() => {
                Ok(Self { reason_id, printed_name, update_tokens, unnumbered, brand })
            }
            _ => Err(checks.into_error(operation)),
        }
    }

    /// [`ReissueCard::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`ReissueCard::parse`], and a body that is not one JSON value without repeated keys.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PostV1CardReissue, bytes)?)
    }

    /// The issuer's reissue reason (`reason_id`, our name for it, §12.39).
    #[must_use]
    pub const fn reason_id(&self) -> u64 {
        self.reason_id
    }

    /// The new card's printed name, replacing the old card's.
    #[must_use]
    pub const fn printed_name(&self) -> Option<&PrintedName> {
        self.printed_name.as_ref()
    }

    /// Whether wallet tokens move to the new card (`update_tokens`).
    #[must_use]
    pub const fn update_tokens(&self) -> Option<bool> {
        self.update_tokens
    }

    /// The new card is issued `UNNUMBERED` (`status`).
    #[must_use]
    pub const fn unnumbered(&self) -> bool {
        self.unnumbered
    }

    /// The new card's brand, overriding the old card's.
    #[must_use]
    pub const fn brand(&self) -> Option<Brand> {
        self.brand
    }
}

/// The body of Renew card expiration date, `{"new_expiration_date": "yymm"}` (domain.md §12.45).
///
/// ```
/// use card_lifecycle::request::RenewExpiration;
/// let request = RenewExpiration::from_slice(br#"{"new_expiration_date": "3112"}"#)?;
/// assert_eq!(request.new_expiration_date().to_string(), "3112");
/// assert!(RenewExpiration::from_slice(br#"{"new_expiration_date": "2031-12"}"#).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenewExpiration {
    new_expiration_date: ExpirationDate,
}

impl RenewExpiration {
    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, `expiration-renew.body`): not an object, or
    /// `new_expiration_date` missing or not `yymm`.
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PatchV2CardExpirationRenew;
        let mut fields = object(operation, body)?;
        let mut checks = Checks::default();
        let value = fields.remove("new_expiration_date");
        checks.required("new_expiration_date", value.as_ref(), FieldRule::Required);
        match checks.parsed("new_expiration_date", value, |text| ExpirationDate::parse_yymm(&text)) {
            Some(new_expiration_date) => Ok(Self { new_expiration_date }),
            None => Err(checks.into_error(operation)),
        }
    }

    /// [`RenewExpiration::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`RenewExpiration::parse`], and a body that is not one JSON value without repeated keys.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PatchV2CardExpirationRenew, bytes)?)
    }

    /// The new expiration month.
    #[must_use]
    pub const fn new_expiration_date(self) -> ExpirationDate {
        self.new_expiration_date
    }
}

/// The body of Renew card validity, `{"validity_period_hours": n}` with `n` ≥ 1 (domain.md §12.46).
///
/// ```
/// use card_lifecycle::request::RenewValidity;
/// assert_eq!(RenewValidity::from_slice(br#"{"validity_period_hours": 240}"#)?.validity_period_hours(), 240);
/// assert!(RenewValidity::from_slice(br#"{"validity_period_hours": 0}"#).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenewValidity {
    validity_period_hours: u32,
}

impl RenewValidity {
    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, `validity-renew.body`): not an object, or
    /// `validity_period_hours` missing, not an integer (§11.35), or below 1.
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PatchV2CardValidityRenew;
        let mut fields = object(operation, body)?;
        let mut checks = Checks::default();
        let value = fields.remove("validity_period_hours");
        checks.required("validity_period_hours", value.as_ref(), FieldRule::Required);
        let hours = checks.integer("validity_period_hours", value).and_then(|(hours, value)| {
            let min = CreateCard::MIN_VALIDITY_PERIOD_HOURS;
            let hours = u32::try_from(hours).ok().filter(|hours| *hours >= min);
            let rule = FieldRule::Range { min: min.into(), max: u32::MAX.into() };
            checks.check("validity_period_hours", &value, hours.is_some(), rule);
            hours
        });
        match hours {
            Some(validity_period_hours) => Ok(Self { validity_period_hours }),
            None => Err(checks.into_error(operation)),
        }
    }

    /// [`RenewValidity::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`RenewValidity::parse`], and a body that is not one JSON value without repeated keys.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PatchV2CardValidityRenew, bytes)?)
    }

    /// The new validity period, from `now`.
    #[must_use]
    pub const fn validity_period_hours(self) -> u32 {
        self.validity_period_hours
    }
}

/// The body of Increase password try count, `{"block_card_exceeds_counter": bool}` (domain.md
/// §12.47).
///
/// ```
/// use card_lifecycle::request::IncreasePasswordTries;
/// assert!(IncreasePasswordTries::from_slice(br#"{"block_card_exceeds_counter": true}"#)?.block_card_exceeds_counter());
/// assert!(IncreasePasswordTries::from_slice(b"{}").is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IncreasePasswordTries {
    block_card_exceeds_counter: bool,
}

impl IncreasePasswordTries {
    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, `password-tries.body`): not an object, or
    /// `block_card_exceeds_counter` missing or not a boolean.
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let operation = Operation::PostV2CardPasswordIncrease;
        let mut fields = object(operation, body)?;
        let mut checks = Checks::default();
        let value = fields.remove("block_card_exceeds_counter");
        checks.required("block_card_exceeds_counter", value.as_ref(), FieldRule::Required);
        match checks.boolean("block_card_exceeds_counter", value) {
            Some(block_card_exceeds_counter) => Ok(Self { block_card_exceeds_counter }),
            None => Err(checks.into_error(operation)),
        }
    }

    /// [`IncreasePasswordTries::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`IncreasePasswordTries::parse`], and a body that is not one JSON value without repeated keys.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::PostV2CardPasswordIncrease, bytes)?)
    }

    /// Whether reaching the program's maximum blocks the card.
    #[must_use]
    pub const fn block_card_exceeds_counter(self) -> bool {
        self.block_card_exceeds_counter
    }
}

/// The body of Update card information (domain.md §12.48): the fields to change, each under its
/// Create card rule; absent fields (and `null` ones, §11.53) are left as they are.
///
/// ```
/// use card_lifecycle::request::UpdateCardInformation;
/// let request = UpdateCardInformation::from_slice(br#"{"contactless_enabled": false}"#)?;
/// assert_eq!(request.contactless_enabled(), Some(false));
/// assert!(UpdateCardInformation::from_slice(br#"{"colour": "red"}"#).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateCardInformation {
    name: Option<CardName>,
    transaction_limit: Option<String>,
    printed_name: Option<PrintedName>,
    contactless_enabled: Option<bool>,
    abu_enabled: Option<bool>,
    metadata: Option<Map<String, Value>>,
}

impl UpdateCardInformation {
    /// The fields the body may change; it must send at least one.
    pub const FIELDS: [&'static str; 6] =
        ["name", "transaction_limit", "printed_name", "contactless_enabled", "abu_enabled", "metadata"];

    /// Parses the body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, `information.body`): not an object; none of the six fields;
    /// `name` outside 1–50 characters; `transaction_limit` not a decimal string; `printed_name`
    /// not a printed name; a flag not a boolean; `metadata` not an object or over 3200 bytes.
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        Self::parse_sent(body, None)
    }

    fn parse_sent(body: &Value, sent_metadata: Option<usize>) -> Result<Self, InvalidRequest> {
        let operation = Operation::PatchV2Card;
        let mut fields = object(operation, body)?;
        let mut checks = Checks::default();
        if !Self::FIELDS.iter().any(|field| fields.contains_key(*field)) {
            checks.fail("body", Some(body), FieldRule::Type { expected: "an object with a field to change" });
            return Err(checks.into_error(operation));
        }
        let request = Self {
            name: checks.parsed("name", fields.remove("name"), CardName::try_from),
            transaction_limit: checks.decimal("transaction_limit", fields.remove("transaction_limit")),
            printed_name: checks.parsed("printed_name", fields.remove("printed_name"), PrintedName::try_from),
            contactless_enabled: checks.boolean("contactless_enabled", fields.remove("contactless_enabled")),
            abu_enabled: checks.boolean("abu_enabled", fields.remove("abu_enabled")),
            metadata: checks.metadata(
                "metadata",
                fields.remove("metadata"),
                CreateCard::MAX_METADATA_BYTES,
                sent_metadata,
            ),
        };
        if checks.errors.is_empty() { Ok(request) } else { Err(checks.into_error(operation)) }
    }

    /// [`UpdateCardInformation::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`UpdateCardInformation::parse`], and a body that is not one JSON value without repeated keys.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse_sent(&json_body(Operation::PatchV2Card, bytes)?, json::sent_metadata_size(bytes))
    }

    /// The new `name` (a `PLASTIC` card keeps `"PLASTIC"`, §7).
    #[must_use]
    pub const fn name(&self) -> Option<&CardName> {
        self.name.as_ref()
    }

    /// The new `transaction_limit`.
    #[must_use]
    pub fn transaction_limit(&self) -> Option<&str> {
        self.transaction_limit.as_deref()
    }

    /// The new `printed_name`.
    #[must_use]
    pub const fn printed_name(&self) -> Option<&PrintedName> {
        self.printed_name.as_ref()
    }

    /// The new `contactless_enabled`.
    #[must_use]
    pub const fn contactless_enabled(&self) -> Option<bool> {
        self.contactless_enabled
    }

    /// The new `abu_enabled`.
    #[must_use]
    pub const fn abu_enabled(&self) -> Option<bool> {
        self.abu_enabled
    }

    /// The new `metadata`, kept as sent (§11.56).
    #[must_use]
    pub const fn metadata(&self) -> Option<&Map<String, Value>> {
        self.metadata.as_ref()
    }
}
