//! The request layer: JSON bodies, headers and path values in, typed requests out, or one
//! 400 shape for every bad request ([`InvalidRequest`], a list of [`FieldError`]s).
//!
//! Nothing here decides anything about a card: the lifecycle layer takes the typed requests.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

use crate::operation::Operation;
use crate::rule::Rule;
use crate::value::brand::ParseBrandError;
use crate::value::card_name::ParseCardNameError;
use crate::value::card_type::{CardType, ParseCardTypeError};
use crate::value::expiration_date::ParseExpirationDateError;
use crate::value::ids::CardId;
use crate::value::mode::ParseModeTypeError;
use crate::value::printed_name::ParsePrintedNameError;
use crate::value::status::ParseCardStatusError;

pub(crate) mod builder;
pub(crate) mod create;
pub(crate) mod draft;
pub(crate) mod embossing;
pub(crate) mod headers;
pub(crate) mod json;
pub(crate) mod life;
pub(crate) mod password;
#[cfg(feature = "schema")]
mod schema;
pub(crate) mod status;

pub use crate::request::builder::CreateCardBuilder;
pub use crate::request::create::CreateCard;
pub use crate::request::embossing::{Reembossing, StartEmbossing};
pub use crate::request::headers::IdempotencyKey;
pub use crate::request::life::{
    IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity, UpdateCardInformation,
};
pub use crate::request::password::ChangeCardPassword;
pub use crate::request::status::UpdateCardStatus;

/// The card a request names is not one the server has: the seed's 404 (domain.md §5, S3).
///
/// ```
/// use card_lifecycle::{CardId, Error, UnknownCard};
/// let unknown = UnknownCard { card_id: Some(CardId::new(12)?) };
/// assert_eq!(unknown.to_string(), "card not found: no card 12");
/// let body = Error::from(unknown).to_body();
/// assert_eq!(serde_json::to_string(&body)?, r#"{"message":"card not found","error":"not_found","status":404,"error_code":""}"#);
/// assert_eq!(UnknownCard { card_id: None }.to_string(), "card not found: the request names no card");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub struct UnknownCard {
    /// The id the request named; `None` when it named none (a route without a card, or a
    /// customer's route without the customer).
    pub card_id: Option<CardId>,
}

impl std::fmt::Display for UnknownCard {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = Rule::UnknownCard.message();
        match self.card_id {
            Some(card_id) => write!(formatter, "{message}: no card {card_id}"),
            None => write!(formatter, "{message}: the request names no card"),
        }
    }
}

/// Reads a request's raw bytes as JSON, or gives the operation's 400: an empty body, a
/// byte-order mark, trailing data, bytes that are not UTF-8 and repeated keys are refused in
/// every body (domain.md §11.57).
pub(crate) fn json_body(operation: Operation, bytes: &[u8]) -> Result<Value, InvalidRequest> {
    json::strict(bytes).map_err(|error| InvalidRequest::not_json(operation, &error))
}

/// A request the API answers with 400: every field of its body, header or path that breaks
/// its rule, in the schema's order.
///
/// ```
/// use card_lifecycle::{Operation, Reembossing};
/// use card_lifecycle::rule::Rule;
/// let error = Reembossing::parse(&serde_json::json!({ "cards": "7" })).unwrap_err();
/// assert_eq!(error.operation, Operation::StartReembossing);
/// assert_eq!(error.rule(), Rule::ReembossingBody);
/// assert_eq!(error.to_string(),
///     r#"invalid resend cards for embossing request: cards "7" must be an array of card ids from 1 to 2^63 - 1"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {} request: {}", operation.title(), join(fields))]
pub struct InvalidRequest {
    /// The operation the request was for.
    pub operation: Operation,
    /// Every field that failed, never empty.
    pub fields: Vec<FieldError>,
}

impl InvalidRequest {
    pub(crate) fn one(operation: Operation, error: FieldError) -> Self {
        Self { operation, fields: vec![error] }
    }

    /// The 400 of a body that is not JSON (`{`, or bytes that are not UTF-8).
    pub(crate) fn not_json(operation: Operation, error: &serde_json::Error) -> Self {
        let rule = FieldRule::Json { reason: error.to_string() };
        Self::one(operation, FieldError { field: "body", value: None, rule })
    }

    /// The rule the request breaks, whose row holds the API's answer: the operation's body
    /// rule, or for Start card embossing without `config_id` the page's documented one.
    ///
    /// ```
    /// use card_lifecycle::StartEmbossing;
    /// use card_lifecycle::rule::Rule;
    /// let error = StartEmbossing::parse(&serde_json::json!({ "cards": [1] })).unwrap_err();
    /// assert_eq!(error.rule(), Rule::StartEmbossingConfigIdRequired);
    /// ```
    #[must_use]
    pub fn rule(&self) -> Rule {
        let config_id_missing = self.fields.iter().any(|field| field.field == "config_id" && field.value.is_none());
        match self.operation {
            Operation::PostV2Card => Rule::CreateBody,
            Operation::PutV1CardStatus => Rule::StatusBody,
            Operation::PutV2CardPassword => Rule::PasswordBody,
            Operation::PostV1CardReissue => Rule::ReissueBody,
            Operation::PatchV2CardExpirationRenew => Rule::ExpirationRenewBody,
            Operation::PatchV2CardValidityRenew => Rule::ValidityRenewBody,
            Operation::PostV2CardPasswordIncrease | Operation::PostV2CardPasswordReset => Rule::PasswordTriesBody,
            Operation::PatchV2Card => Rule::InformationBody,
            Operation::StartReembossing => Rule::ReembossingBody,
            Operation::StartEmbossing if config_id_missing => Rule::StartEmbossingConfigIdRequired,
            Operation::StartEmbossing => Rule::StartEmbossingBody,
            Operation::PutV1CardActivate
            | Operation::PostV2CardBind
            | Operation::PutV1UpdatePanNominal
            | Operation::PutV1UpdatePanNoname
            | Operation::PutCardsEmbossing
            | Operation::Elapse
            | Operation::EmbossingCardIngress => Rule::WireValue,
        }
    }
}

pub(crate) fn join(fields: &[FieldError]) -> String {
    fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// One field of a request that breaks a rule: the field, the value as sent and the rule.
///
/// ```
/// use card_lifecycle::request::{FieldError, FieldRule};
/// let error = FieldError { field: "pin_length", value: Some("5".into()), rule: FieldRule::OneOf { values: "4, 6" } };
/// assert_eq!(error.to_string(), "pin_length 5 must be one of 4, 6");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    /// The field's name in the API's schema.
    pub field: &'static str,
    /// The value as sent, compact JSON; `None` when the field is missing.
    pub value: Option<String>,
    /// The rule it breaks; the `source()`.
    #[source]
    pub rule: FieldRule,
}

/// Why a value type refused a field's text: its own parse error, kept typed, so a caller can
/// match it and `source()` reaches it.
///
/// ```
/// use card_lifecycle::request::{CreateCard, FieldRule, ValueError};
/// let error = CreateCard::parse(&serde_json::json!({ "name": "x", "type": "GOLD" })).unwrap_err();
/// assert!(matches!(&error.fields[0].rule, FieldRule::Value(ValueError::CardType(_))));
/// assert!(std::error::Error::source(&error.fields[0]).is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// See [`ParseCardNameError`].
    #[error(transparent)]
    CardName(#[from] ParseCardNameError),
    /// See [`ParseCardTypeError`].
    #[error(transparent)]
    CardType(#[from] ParseCardTypeError),
    /// See [`ParsePrintedNameError`].
    #[error(transparent)]
    PrintedName(#[from] ParsePrintedNameError),
    /// See [`ParseModeTypeError`].
    #[error(transparent)]
    ModeType(#[from] ParseModeTypeError),
    /// See [`ParseCardStatusError`].
    #[error(transparent)]
    CardStatus(#[from] ParseCardStatusError),
    /// See [`ParseBrandError`].
    #[error(transparent)]
    Brand(#[from] ParseBrandError),
    /// See [`ParseExpirationDateError`].
    #[error(transparent)]
    ExpirationDate(#[from] ParseExpirationDateError),
    /// A `status` other than `UNNUMBERED`, the only status a request may ask a card to start in.
    #[error("status {text:?} must be UNNUMBERED, the only status a card may be {issued} in")]
    NotUnnumbered {
        /// The status as sent.
        text: String,
        /// How the card comes to be: `created` or `issued`.
        issued: &'static str,
    },
}

impl FieldError {
    /// The most characters of a value a message quotes; longer values are cut with `…`.
    pub const MAX_QUOTED: usize = 64;
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.rule, &self.value) {
            // The value type's own message already quotes the value.
            (FieldRule::Value(message), _) => write!(formatter, "{}: {message}", self.field),
            (rule, None) => write!(formatter, "{} {rule}", self.field),
            (rule, Some(value)) => {
                let mut quoted: String = value.chars().take(Self::MAX_QUOTED).collect();
                if quoted.len() < value.len() {
                    quoted.push('…');
                }
                write!(formatter, "{} {quoted} {rule}", self.field)
            }
        }
    }
}

/// The rule a request field breaks.
///
/// ```
/// use card_lifecycle::request::FieldRule;
/// assert_eq!(FieldRule::Range { min: 0, max: 4320 }.to_string(), "must be from 0 to 4320");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldRule {
    /// The field is required.
    #[error("is required")]
    Required,
    /// The field is required for this card type.
    #[error("is required for {card_type} cards")]
    RequiredForType {
        /// The type.
        card_type: CardType,
    },
    /// The field is required when `status` is `UNNUMBERED`.
    #[error("is required when status is UNNUMBERED")]
    RequiredWhenUnnumbered,
    /// The field is not accepted for this card type.
    #[error("is not accepted for {card_type} cards")]
    NotForType {
        /// The type.
        card_type: CardType,
    },
    /// The JSON type is wrong.
    #[error("must be {expected}")]
    Type {
        /// What the schema asks for.
        expected: &'static str,
    },
    /// The value is not one of a closed list.
    #[error("must be one of {values}")]
    OneOf {
        /// The accepted values.
        values: &'static str,
    },
    /// A list that must not be empty.
    #[error("must list at least one")]
    Empty,
    /// A string outside its length limits, in characters.
    #[error("must have {min} to {max} characters")]
    Length {
        /// The fewest characters.
        min: usize,
        /// The most characters.
        max: usize,
    },
    /// An integer outside its range.
    #[error("must be from {min} to {max}")]
    Range {
        /// The lowest value.
        min: i64,
        /// The highest value.
        max: i64,
    },
    /// The body is not JSON of the schema's shape.
    #[error("is not a JSON object of the schema: {reason}")]
    Json {
        /// serde's message, with the position.
        reason: String,
    },
    /// The value type's own rule, as its parse error states it (quoting the value); the parse
    /// error itself is the `source()`.
    #[error("{0}")]
    Value(#[source] ValueError),
    /// A PIN is a string of 4 or 6 ASCII digits (§11.25, §11.58); the PIN is never quoted.
    #[error("must be a string of 4 or 6 ASCII digits")]
    Pin,
    /// A PIN has as many digits as the card's `pin_length` (§11.25).
    #[error("must have {pin_length} digits, the card's pin_length")]
    PinLength {
        /// The card's PIN length.
        pin_length: u8,
    },
    /// A string that is not a non-negative decimal number.
    #[error("must be a non-negative decimal string such as \"500.00\"")]
    Decimal,
    /// `metadata` is larger than allowed.
    #[error("must be at most {max} bytes of compact JSON, not {size}")]
    Size {
        /// The limit.
        max: usize,
        /// The size sent.
        size: usize,
    },
}

// The readers: one field's JSON to its type, or the 400's entry for it. `Checks` (every body
// but Create card's) and `draft::Draft::read` (Create card's) both read with these.

pub(crate) fn wrong_type(field: &'static str, value: &Value, expected: &'static str) -> FieldError {
    FieldError { field, value: Some(value.to_string()), rule: FieldRule::Type { expected } }
}

pub(crate) fn string(field: &'static str, value: Value) -> Result<String, FieldError> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(wrong_type(field, &other, "a string")),
    }
}

pub(crate) fn integer(field: &'static str, value: Value) -> Result<(i64, Value), FieldError> {
    match json::integer(&value) {
        Some(number) => Ok((number, value)),
        None => Err(wrong_type(field, &value, "an integer")),
    }
}

pub(crate) fn boolean(field: &'static str, value: &Value) -> Result<bool, FieldError> {
    value.as_bool().ok_or_else(|| wrong_type(field, value, "a boolean"))
}

/// A string turned into a value type, whose error states the rule.
pub(crate) fn parsed<T, E: Into<ValueError>>(
    field: &'static str,
    value: Value,
    parse: impl FnOnce(String) -> Result<T, E>,
) -> Result<T, FieldError> {
    parse(string(field, value)?).map_err(|error| value_error(field, error))
}

pub(crate) fn object(field: &'static str, value: Value) -> Result<Map<String, Value>, FieldError> {
    match value {
        Value::Object(object) => Ok(object),
        other => Err(wrong_type(field, &other, "a JSON object")),
    }
}

/// `metadata` of at most `max` bytes as compact JSON, measured as sent (domain.md §7, §11.19,
/// §11.56): `sent` is its size as the request's bytes wrote it, when the caller has them.
pub(crate) fn sized(
    field: &'static str,
    metadata: Map<String, Value>,
    max: usize,
    sent: Option<usize>,
) -> Result<Map<String, Value>, FieldError> {
    let size = sent.unwrap_or_else(|| json::compact_size_over(&metadata, max));
    if size <= max {
        return Ok(metadata);
    }
    Err(FieldError { field, value: Some(Value::Object(metadata).to_string()), rule: FieldRule::Size { max, size } })
}

/// A value its own type refuses, the refusal named as a rule of `field`.
pub(crate) fn value_error(field: &'static str, error: impl Into<ValueError>) -> FieldError {
    FieldError { field, value: None, rule: FieldRule::Value(error.into()) }
}

/// Whether `text` is a non-negative decimal such as `"500.00"` (`transaction_limit`, domain.md §7).
pub(crate) fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Whether `text` has from `min` to `max` characters.
pub(crate) fn has_length(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.chars().count())
}

/// Checks fields one by one, collecting every failure instead of stopping at the first. Each
/// method takes the field's value and gives back the typed value, or `None` after recording why.
#[derive(Default)]
pub(crate) struct Checks {
    pub(crate) errors: Vec<FieldError>,
}

impl Checks {
    /// The 400 of `operation` listing every failure so far.
    #[inline]
    pub(crate) fn into_error(self, operation: Operation) -> InvalidRequest {
        InvalidRequest { operation, fields: self.errors }
    }

    #[inline]
    pub(crate) fn fail(&mut self, field: &'static str, value: Option<&Value>, rule: FieldRule) {
        self.errors.push(FieldError { field, value: value.map(Value::to_string), rule });
    }

    #[inline]
    pub(crate) fn required(&mut self, field: &'static str, value: Option<&Value>, rule: FieldRule) {
        if value.is_none() {
            self.fail(field, None, rule);
        }
    }

    #[inline]
    pub(crate) fn check(&mut self, field: &'static str, value: &Value, ok: bool, rule: FieldRule) -> bool {
        if !ok {
            self.fail(field, Some(value), rule);
        }
        ok
    }

    /// The value read, or `None` after recording why not.
    #[inline]
    fn kept<T>(&mut self, read: Result<T, FieldError>) -> Option<T> {
        read.map_err(|error| self.errors.push(error)).ok()
    }

    #[inline]
    pub(crate) fn wrong_type<T>(&mut self, field: &'static str, value: &Value, expected: &'static str) -> Option<T> {
        self.kept(Err(wrong_type(field, value, expected)))
    }

    #[inline]
    pub(crate) fn string(&mut self, field: &'static str, value: Option<Value>) -> Option<String> {
        let read = string(field, value?);
        self.kept(read)
    }

    #[inline]
    pub(crate) fn integer(&mut self, field: &'static str, value: Option<Value>) -> Option<(i64, Value)> {
        let read = integer(field, value?);
        self.kept(read)
    }

    #[inline]
    pub(crate) fn boolean(&mut self, field: &'static str, value: Option<Value>) -> Option<bool> {
        let read = boolean(field, &value?);
        self.kept(read)
    }

    /// A string turned into a value type, whose error states the rule.
    #[inline]
    pub(crate) fn parsed<T, E: Into<ValueError>>(
        &mut self,
        field: &'static str,
        value: Option<Value>,
        parse: impl FnOnce(String) -> Result<T, E>,
    ) -> Option<T> {
        let read = parsed(field, value?, parse);
        self.kept(read)
    }

    /// A non-negative decimal string such as `"500.00"` (`transaction_limit`, domain.md §7).
    pub(crate) fn decimal(&mut self, field: &'static str, value: Option<Value>) -> Option<String> {
        let text = self.string(field, value)?;
        if is_decimal(&text) {
            Some(text)
        } else {
            self.fail(field, Some(&Value::String(text)), FieldRule::Decimal);
            None
        }
    }

    /// A JSON object of at most `max` bytes as compact JSON, measured as sent (`metadata`,
    /// domain.md §7, §11.19, §11.56).
    /// `sent` is its size as the request's bytes wrote it, when the caller has them.
    pub(crate) fn metadata(
        &mut self,
        field: &'static str,
        value: Option<Value>,
        max: usize,
        sent: Option<usize>,
    ) -> Option<serde_json::Map<String, Value>> {
        let read = object(field, value?).and_then(|metadata| sized(field, metadata, max, sent));
        self.kept(read)
    }
}
