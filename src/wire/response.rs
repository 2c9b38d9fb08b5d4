//! The response bodies, field for field as the API's pages spell them (domain.md §7, §8):
//! built from the card, and from what only the platform knows ([`PlatformFields`]), never
//! invented. An absent value is an absent field, never the string `"null"`.
//!
//! Layer `wire`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::card::Card;
use crate::error::Error;
use crate::operation::Operation;
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::mode::Mode;
use crate::value::mode::ModeType;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;
use crate::wire::platform::{PanDerived, PlatformFields};

/// An HTTP answer as the API gives it: the status and the JSON body's bytes, empty for the
/// 202s that carry no body. A handler returns it as it is.
///
/// ```
/// use card_lifecycle::{Error, HttpResponse, Operation};
/// use card_lifecycle::request::UpdateCardStatus;
///
/// let refused = HttpResponse::from_result(Operation::PutV1CardStatus, UpdateCardStatus::from_slice(b"{").map_err(Error::from));
/// assert_eq!(refused.status, 400);
/// assert!(refused.body.starts_with(br#"{"message":"invalid update card status request: body is not"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body: JSON, or empty.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The answer to an accepted `operation`: its success status, with `body` as JSON.
    #[must_use]
    pub fn ok(operation: Operation, body: &impl serde::Serialize) -> Self {
        Self::json(operation.success_status().unwrap_or(200), body)
    }

    /// The answer to an accepted `operation` that has no body (the 202s of bind, PAN update and
    /// embossing).
    #[must_use]
    pub fn accepted(operation: Operation) -> Self {
        Self { status: operation.success_status().unwrap_or(202), body: Vec::new() }
    }

    /// The answer to a refusal: the rule's status and the API's error body.
    #[must_use]
    pub fn error(error: &Error) -> Self {
        Self::json(error.http_status(), &error.to_body())
    }

    /// [`HttpResponse::ok`] or [`HttpResponse::error`].
    #[must_use]
    pub fn from_result(operation: Operation, result: Result<impl serde::Serialize, Error>) -> Self {
        match result {
            Ok(body) => Self::ok(operation, &body),
            Err(error) => Self::error(&error),
        }
    }

    /// The documented answer to an accepted decision, given the card it answers with (domain.md
    /// §7–§12): Create card and Reissue card answer the new card in the Create card shape
    /// ([`CreateCardResponse`]); Update card status, the renewals and Update card information the
    /// card object ([`CardResponse`]); Activate physical card its message; the PIN-try requests
    /// their `success` bodies; the asynchronous operations 202 with no body. Change card password
    /// (no body documented) and the steps that are no request answer their status, no body.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, HttpResponse, Operation, PlatformFields};
    /// let card = Card::new(CardId::new(1)?, CardType::Plastic, CardStatus::Normal);
    /// let answer = HttpResponse::for_accepted(Operation::PutV1CardActivate, &card, &PlatformFields::default());
    /// assert_eq!((answer.status, answer.body.as_slice()), (200, br#"{"message":"The card was successfully unblocked"}"#.as_slice()));
    /// let reset = HttpResponse::for_accepted(Operation::PostV2CardPasswordReset, &card, &PlatformFields::default());
    /// assert_eq!(reset.body, br#"{"success":true}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn for_accepted(operation: Operation, card: &Card, platform: &PlatformFields) -> Self {
        match operation {
            Operation::PostV2Card | Operation::PostV1CardReissue => Self::ok(operation, &CreateCardResponse::new(card)),
            Operation::PutV1CardStatus
            | Operation::PatchV2CardExpirationRenew
            | Operation::PatchV2CardValidityRenew
            | Operation::PatchV2Card => Self::ok(operation, &CardResponse::new(card, platform)),
            Operation::PutV1CardActivate => Self::ok(operation, &Message { message: Self::ACTIVATED }),
            Operation::PostV2CardPasswordReset => Self::ok(operation, &Success { success: true }),
            Operation::PostV2CardPasswordIncrease => Self::ok(operation, &Success { success: Self::INCREMENTED }),
            Operation::PostV2CardBind
            | Operation::PutV1UpdatePanNominal
            | Operation::PutV1UpdatePanNoname
            | Operation::PutV2CardPassword
            | Operation::PutCardsEmbossing
            | Operation::StartReembossing
            | Operation::StartEmbossing
            | Operation::Elapse
            | Operation::EmbossingCardIngress => {
                Self { status: operation.success_status().unwrap_or(200), body: Vec::new() }
            }
        }
    }

    /// Activate physical card's documented message (domain.md §10, S10).
    pub const ACTIVATED: &'static str = "The card was successfully unblocked";
    /// Increase password try count's documented `success` (domain.md §12.47, S34).
    pub const INCREMENTED: &'static str = "Incremented password tries counter";

    /// `status` with `body` as JSON. The crate's bodies always serialize (string keys, finite
    /// numbers); were one not to, the body would be empty rather than a panic.
    #[must_use]
    pub fn json(status: u16, body: &impl serde::Serialize) -> Self {
        Self { status, body: serde_json::to_vec(body).unwrap_or_default() }
    }
}

/// `{"message": "…"}`.
#[derive(serde::Serialize)]
struct Message {
    message: &'static str,
}

/// `{"success": …}`.
#[derive(serde::Serialize)]
struct Success<T> {
    success: T,
}

/// The body of Create card's 201, and of its 200 when an idempotency key replays the first
/// call (domain.md §7: `CreateCardResponse`). It has none of `printed_name`, `pin_length`,
/// `brand`, `expiration_date`, `embossing_group`, `generate_pvv`, as the page says.
///
/// ```
/// use card_lifecycle::{create_card, Context, CreateCardInput};
/// use card_lifecycle::request::CreateCard;
/// use card_lifecycle::wire::CreateCardResponse;
///
/// let request = CreateCard::from_slice(r#"{ "name": "Streaming", "type": "VIRTUAL", "cvv_rotation_interval_hours": 24 }"#.as_bytes())?;
/// let created = create_card(&request, &CreateCardInput::default(), &Context::new("2026-01-01T00:00:00Z".parse()?))?;
/// let body = serde_json::to_value(CreateCardResponse::new(&created.card))?;
/// assert_eq!(body, serde_json::json!({
///     "id": 1, "name": "Streaming", "status": "NORMAL", "type": "VIRTUAL",
///     "cvv_rotation_interval_hours": 24, "contactless_enabled": true }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CreateCardResponse {
    /// The card's id.
    pub id: CardId,
    /// The card's name (`"PLASTIC"` for physical cards).
    pub name: CardName,
    /// The card's status.
    pub status: CardStatus,
    /// The card's type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// The per-transaction cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_limit: Option<String>,
    /// The client's key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
    /// Hours between CVV rotations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvv_rotation_interval_hours: Option<u16>,
    /// Free data for the embosser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embossing_custom_field: Option<String>,
    /// Contactless payments allowed.
    pub contactless_enabled: bool,
    /// Mastercard ABU, deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abu_enabled: Option<bool>,
    /// The BIN-override template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// `SINGLE` or `COMBO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode_type: Option<ModeType>,
    /// The lifetime asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_period_hours: Option<u32>,
    /// The end of the validity period, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

impl CreateCardResponse {
    /// The body for a created (or replayed) card.
    #[must_use]
    pub fn new(card: &Card) -> Self {
        let details = &card.details;
        Self {
            id: card.id,
            name: card.name.clone().unwrap_or_else(CardName::plastic),
            status: card.status,
            card_type: card.card_type,
            transaction_limit: details.transaction_limit.clone(),
            metadata: details.metadata.clone(),
            cvv_rotation_interval_hours: details.cvv_rotation_interval_hours,
            embossing_custom_field: details.embossing_custom_field.clone(),
            contactless_enabled: details.contactless_enabled,
            abu_enabled: details.abu_enabled,
            template_id: details.template_id.clone(),
            mode_type: details.mode_type,
            validity_period_hours: details.validity_period_hours,
            valid_until: card.valid_until,
        }
    }
}

/// An id the API nests in an object, written as a string: `{"id": "7"}` (domain.md §8).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct IdObject {
    /// The id, as text.
    pub id: String,
}

impl IdObject {
    fn of(id: impl std::fmt::Display) -> Self {
        Self { id: id.to_string() }
    }
}

/// The card object of Update card status's 200 (domain.md §8, seed S2), field for field.
///
/// `expiration_date` is the first instant of the expiration month (§11.7); `brand` is the
/// upper-case enum (§11.24); the example's `stage` is not in the schema, so not here.
///
/// ```
/// use card_lifecycle::{AccountId, Card, CardId, CardStatus, CardType, PlatformFields};
/// use card_lifecycle::wire::CardResponse;
/// let card = Card::new(CardId::new(9)?, CardType::Virtual, CardStatus::Blocked);
/// let mut platform = PlatformFields::default();
/// platform.account_id = Some(AccountId::new(5)?);
/// let body = serde_json::to_value(CardResponse::new(&card, &platform))?;
/// assert_eq!(body["account"], serde_json::json!({ "id": "5" }));
/// assert_eq!(body["status"], "BLOCKED");
/// assert!(body.get("hash").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CardResponse {
    /// The card's program.
    pub program: IdObject,
    /// The card's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<IdObject>,
    /// The card's customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<IdObject>,
    /// The org (tenant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<IdObject>,
    /// The card's id.
    pub id: CardId,
    /// The hashed PAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<PanDerived>,
    /// The PAN's last 4 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_4_digits: Option<PanDerived>,
    /// The PAN's first 4 digits (deprecated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_4_digits: Option<PanDerived>,
    /// The card network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<Brand>,
    /// How many transactions the card made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_transactions: Option<u64>,
    /// The BIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<PanDerived>,
    /// The chip's application transaction counter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atc: Option<String>,
    /// The card's status.
    pub status: CardStatus,
    /// The status before the last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<CardStatus>,
    /// When the card was created, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_date: Option<DateTime<Utc>>,
    /// The expiration month's first instant, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<DateTime<Utc>>,
    /// The name embossed on the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_name: Option<PrintedName>,
    /// The card's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CardName>,
    /// The embosser file's tracking id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// +1 on every reissue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_number: Option<u32>,
    /// The migration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration_id: Option<String>,
    /// The per-transaction cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_limit: Option<String>,
    /// Wrong PIN tries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_tries: Option<u32>,
    /// Free data for the embosser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embossing_custom_field: Option<String>,
    /// Contactless payments allowed.
    pub contactless_enabled: bool,
    /// Mastercard ABU, deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abu_enabled: Option<bool>,
    /// The last card issued to replace this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reissued_card_id: Option<CardId>,
    /// The card's type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// The client's key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
    /// The BIN-override template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// The end of the validity period, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
    /// The noname bulk the card came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk_id: Option<String>,
    /// The client's id for the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The program's mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Debit transactions are dual-message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dual_message_debit: Option<bool>,
}

impl CardResponse {
    /// The card object for `card`, with what the platform knows.
    #[must_use]
    pub fn new(card: &Card, platform: &PlatformFields) -> Self {
        let details = &card.details;
        let platform = platform.clone();
        Self {
            program: IdObject::of(card.program_id),
            account: platform.account_id.map(IdObject::of),
            customer: platform.customer_id.map(IdObject::of),
            org: platform.org_id.map(IdObject::of),
            id: card.id,
            hash: platform.hash,
            last_4_digits: platform.last_4_digits,
            first_4_digits: platform.first_4_digits,
            brand: details.brand,
            number_of_transactions: platform.number_of_transactions,
            bin: platform.bin,
            atc: platform.atc,
            status: card.status,
            previous_status: card.previous_status,
            issuing_date: details.issuing_date,
            expiration_date: card.expiration_date.map(ExpirationDate::first_instant),
            printed_name: card.printed_name.clone(),
            name: card.name.clone(),
            tracking: platform.tracking,
            track_number: Some(card.track_number),
            migration_id: platform.migration_id,
            transaction_limit: details.transaction_limit.clone(),
            password_tries: Some(card.password_tries),
            embossing_custom_field: details.embossing_custom_field.clone(),
            contactless_enabled: details.contactless_enabled,
            abu_enabled: details.abu_enabled,
            reissued_card_id: card.reissued_card_id,
            card_type: card.card_type,
            metadata: details.metadata.clone(),
            template_id: details.template_id.clone(),
            valid_until: card.valid_until,
            bulk_id: platform.bulk_id,
            external_id: platform.external_id,
            mode: platform.mode,
            dual_message_debit: platform.dual_message_debit,
        }
    }
}
