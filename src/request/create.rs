//! The Create card body and its `x-idempotency-key` header (domain.md §7).
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde::Deserialize as _;
use serde_json::{Map, Value};

use crate::operation::Operation;
use crate::request::draft::{Draft, RawCreateCard, rule, taken, text_rule};
use crate::request::{FieldError, FieldRule, InvalidRequest, has_length, is_decimal, json, sized};
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::mode::ModeType;
use crate::value::pin_length::PinLength;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// A validated Create card body (`POST /wallet/v2/cards`, domain.md §7).
///
/// A body becomes one through [`CreateCard::parse`] (a JSON tree) or [`CreateCard::from_slice`]
/// (the request's bytes), which check every field against the schema's limits and report all
/// the fields that fail; code builds one with [`CreateCard::builder`], under the same rules. Unknown fields are ignored, as the API
/// ignores them. [`CreateCard::to_body`] writes it back as a body that parses to the same value.
///
/// ```
/// use card_lifecycle::CardType;
/// use card_lifecycle::request::CreateCard;
/// use card_lifecycle::value::PinLength;
///
/// let request = CreateCard::parse(&serde_json::json!({
///     "name": "Streaming", "type": "VIRTUAL", "cvv_rotation_interval_hours": 24, "pin_length": 6 }))?;
/// assert_eq!(request.card_type(), CardType::Virtual);
/// assert_eq!(request.pin_length(), PinLength::Six);
/// assert_eq!(CreateCard::parse(&request.to_body())?, request);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct CreateCard {
    name: CardName,
    card_type: CardType,
    printed_name: Option<PrintedName>,
    pin_length: PinLength,
    cvv_rotation_interval_hours: Option<u16>,
    transaction_limit: Option<String>,
    metadata: Option<Map<String, Value>>,
    embossing_group: Option<String>,
    embossing_custom_field: Option<String>,
    contactless_enabled: Option<bool>,
    abu_enabled: Option<bool>,
    template_id: Option<String>,
    mode_type: Option<ModeType>,
    generate_pvv: Option<bool>,
    validity_period_hours: Option<u32>,
    unnumbered: bool,
    brand: Option<Brand>,
    expiration_date: Option<ExpirationDate>,
    atm_change_online_pin_when_script_sent: Option<bool>,
}

/// The limits of the `CreateCard` schema (domain.md §7, §11.4, §11.19), each written once.
impl CreateCard {
    /// The highest `cvv_rotation_interval_hours`; `0` means "never rotate" (§11.4).
    pub const MAX_CVV_ROTATION_INTERVAL_HOURS: u16 = 4320;
    /// The most bytes `metadata` may take as compact JSON.
    pub const MAX_METADATA_BYTES: usize = 3200;
    /// The fewest characters of `embossing_group`.
    pub const MIN_EMBOSSING_GROUP_LENGTH: usize = 2;
    /// The most characters of `embossing_group`.
    pub const MAX_EMBOSSING_GROUP_LENGTH: usize = 32;
    /// The most characters of `embossing_custom_field`.
    pub const MAX_EMBOSSING_CUSTOM_FIELD_LENGTH: usize = 1000;
    /// The fewest hours of `validity_period_hours` (§6 recommends at least 1).
    pub const MIN_VALIDITY_PERIOD_HOURS: u32 = 1;
}

fn invalid_body(value: Option<String>, rule: FieldRule) -> InvalidRequest {
    InvalidRequest::one(Operation::PostV2Card, FieldError { field: "body", value, rule })
}

impl CreateCard {
    /// Parses and validates a raw Create card body.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400) listing every field that breaks its rule, in schema
    /// order: `name` missing or outside 1–50 characters, `type` missing or unknown,
    /// `printed_name` not 2–26 ASCII letters and spaces (`"ANA-LUISA"`), `pin_length` not 4 or 6,
    /// `cvv_rotation_interval_hours` missing for `VIRTUAL` or outside 0–4320,
    /// `transaction_limit` not a non-negative decimal string (`"-1"`), `metadata` not an object
    /// or over 3200 bytes, `embossing_group` outside 2–32 characters,
    /// `embossing_custom_field` over 1000 characters, `mode_type` unknown,
    /// `validity_period_hours` below 1 or sent for `TEMPORARY`/`RECURRING`, `status` other than
    /// `UNNUMBERED` (which requires `printed_name` and `brand`), `brand` unknown,
    /// `expiration_date` not `yymm`; a wrong JSON type for any field; a body that is not an
    /// object.
    ///
    /// ```
    /// use card_lifecycle::request::CreateCard;
    /// let error = CreateCard::parse(&serde_json::json!({ "type": "PLASTIC", "name": "x", "printed_name": "ANA-LUISA" }));
    /// assert!(error.unwrap_err().to_string().contains("printed_name"));
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        if !body.is_object() {
            return Err(invalid_body(Some(body.to_string()), FieldRule::Type { expected: "a JSON object" }));
        }
        let mut raw = RawCreateCard::deserialize(body)
            .map_err(|error| invalid_body(None, FieldRule::Json { reason: error.to_string() }))?;
        // The tree's own metadata, numbers as the tree holds them (§11.56), not re-read through serde.
        raw.metadata = body.get("metadata").filter(|value| !value.is_null()).cloned();
        Self::validate(raw, None)
    }

    /// Parses and validates a Create card body straight from the request's bytes: the same
    /// rules as [`CreateCard::parse`], without building a JSON tree first, for a server that
    /// holds the request's bytes.
    ///
    /// # Errors
    ///
    /// As [`CreateCard::parse`], and for bytes that are not UTF-8 JSON (`"{"`) or repeat a field
    /// (§11.57): the 400 of a body that is not JSON.
    ///
    /// ```
    /// use card_lifecycle::request::CreateCard;
    /// assert!(CreateCard::from_slice(br#"{ "name": "Travel", "type": "TEMPORARY" }"#).is_ok());
    /// assert_eq!(CreateCard::from_slice(b"\xff").unwrap_err().rule().id(), "create.body");
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        // §11.57: a repeated key is refused at any depth, metadata included.
        let raw: RawCreateCard = match json::no_duplicate_keys(bytes).and_then(|()| serde_json::from_slice(bytes)) {
            Ok(raw) => raw,
            // JSON that is not an object answers as the tree parser does.
            Err(_) if json::strict(bytes).is_ok_and(|body| !body.is_object()) => {
                return Self::parse(&json::strict(bytes).unwrap_or_default());
            }
            Err(error) => return Err(invalid_body(None, FieldRule::Json { reason: error.to_string() })),
        };
        Self::validate(raw, json::sent_metadata_size(bytes))
    }

    fn validate(raw: RawCreateCard, sent_metadata: Option<usize>) -> Result<Self, InvalidRequest> {
        Self::check(Draft::read(raw), sent_metadata)
            .map_err(|fields| InvalidRequest { operation: Operation::PostV2Card, fields })
    }

    /// Every rule of Create card on fields already read, from a body or a builder: the one
    /// place the rules are applied, each field's failures in schema order.
    #[expect(clippy::too_many_lines, reason = "one step per field, in the schema's order, as the 400 lists them")]
    pub(crate) fn check(draft: Draft, sent_metadata: Option<usize>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let errors = &mut errors;
        let required = |errors: &mut Vec<FieldError>, field, sent: bool, rule| {
            if !sent {
                errors.push(FieldError { field, value: None, rule });
            }
        };
        required(errors, "name", draft.name.is_some(), FieldRule::Required);
        let name = taken(errors, draft.name);
        required(errors, "type", draft.card_type.is_some(), FieldRule::Required);
        let card_type = taken(errors, draft.card_type);
        let printed_name_sent = draft.printed_name.is_some();
        let printed_name = taken(errors, draft.printed_name);
        let pin_length = taken(errors, draft.pin_length).and_then(|(digits, value)| {
            let pin_length = PinLength::parse(digits).ok();
            rule(errors, "pin_length", &value, pin_length.is_some(), FieldRule::OneOf { values: "4, 6" });
            pin_length
        });
        if card_type == Some(CardType::Virtual) {
            let rule = FieldRule::RequiredForType { card_type: CardType::Virtual };
            required(errors, "cvv_rotation_interval_hours", draft.cvv_rotation_interval_hours.is_some(), rule);
        }
        let cvv_rotation_interval_hours =
            taken(errors, draft.cvv_rotation_interval_hours).and_then(|(hours, value)| {
                let max = Self::MAX_CVV_ROTATION_INTERVAL_HOURS;
                let hours = u16::try_from(hours).ok().filter(|hours| *hours <= max);
                let range = FieldRule::Range { min: 0, max: max.into() };
                rule(errors, "cvv_rotation_interval_hours", &value, hours.is_some(), range);
                hours
            });
        let transaction_limit = taken(errors, draft.transaction_limit).and_then(|text| {
            let decimal = is_decimal(&text);
            text_rule(errors, "transaction_limit", text, decimal, FieldRule::Decimal)
        });
        let metadata = taken(errors, draft.metadata).and_then(|metadata| {
            taken(errors, Some(sized("metadata", metadata, Self::MAX_METADATA_BYTES, sent_metadata)))
        });
        let (min, max) = (Self::MIN_EMBOSSING_GROUP_LENGTH, Self::MAX_EMBOSSING_GROUP_LENGTH);
        let embossing_group = taken(errors, draft.embossing_group).and_then(|text| {
            let fits = has_length(&text, min, max);
            text_rule(errors, "embossing_group", text, fits, FieldRule::Length { min, max })
        });
        let max = Self::MAX_EMBOSSING_CUSTOM_FIELD_LENGTH;
        let embossing_custom_field = taken(errors, draft.embossing_custom_field).and_then(|text| {
            let fits = has_length(&text, 0, max);
            text_rule(errors, "embossing_custom_field", text, fits, FieldRule::Length { min: 0, max })
        });
        let contactless_enabled = taken(errors, draft.contactless_enabled);
        let abu_enabled = taken(errors, draft.abu_enabled);
        let template_id = taken(errors, draft.template_id);
        let mode_type = taken(errors, draft.mode_type);
        let generate_pvv = taken(errors, draft.generate_pvv);
        if let (Some(card_type), Some(sent)) = (card_type, &draft.validity_period_hours) {
            // Quoted as sent, even when it is not an integer.
            let value = match sent {
                Ok((_, value)) => Some(value.to_string()),
                Err(error) => error.value.clone(),
            };
            if !card_type.accepts_validity_period() {
                errors.push(FieldError {
                    field: "validity_period_hours",
                    value,
                    rule: FieldRule::NotForType { card_type },
                });
            }
        }
        let validity_period_hours = taken(errors, draft.validity_period_hours).and_then(|(hours, value)| {
            let min = Self::MIN_VALIDITY_PERIOD_HOURS;
            let hours = u32::try_from(hours).ok().filter(|hours| *hours >= min);
            let range = FieldRule::Range { min: min.into(), max: u32::MAX.into() };
            rule(errors, "validity_period_hours", &value, hours.is_some(), range);
            hours
        });
        let unnumbered = taken(errors, draft.unnumbered).is_some();
        if unnumbered {
            required(errors, "printed_name", printed_name_sent, FieldRule::RequiredWhenUnnumbered);
            required(errors, "brand", draft.brand.is_some(), FieldRule::RequiredWhenUnnumbered);
        }
        let brand = taken(errors, draft.brand);
        let expiration_date = taken(errors, draft.expiration_date);
        let atm_change_online_pin_when_script_sent = taken(errors, draft.atm_change_online_pin_when_script_sent);

        match (name, card_type) {
            (Some(name), Some(card_type)) if errors.is_empty() => Ok(Self {
                name,
                card_type,
                printed_name,
                pin_length: pin_length.unwrap_or_default(),
                cvv_rotation_interval_hours,
                transaction_limit,
                metadata,
                embossing_group,
                embossing_custom_field,
                contactless_enabled,
                abu_enabled,
                template_id,
                mode_type,
                generate_pvv,
                validity_period_hours,
                unnumbered,
                brand,
                expiration_date,
                atm_change_online_pin_when_script_sent,
            }),
            _ => Err(std::mem::take(errors)),
        }
    }

    /// Writes the request back as a body, fields in schema order; `pin_length` is always
    /// written, with its default when the request had none.
    ///
    /// ```
    /// use card_lifecycle::request::CreateCard;
    /// let request = CreateCard::parse(&serde_json::json!({ "name": "x", "type": "PLASTIC" }))?;
    /// assert_eq!(request.to_body(), serde_json::json!({ "name": "x", "type": "PLASTIC", "pin_length": 4 }));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn to_body(&self) -> Value {
        let mut body = Map::new();
        let mut put = |field: &str, value: Option<Value>| {
            if let Some(value) = value {
                body.insert(field.to_owned(), value);
            }
        };
        put("name", Some(self.name.as_str().into()));
        put("type", Some(self.card_type.as_str().into()));
        put("printed_name", self.printed_name.as_ref().map(|name| name.as_str().into()));
        put("pin_length", Some(self.pin_length.digits().into()));
        put("cvv_rotation_interval_hours", self.cvv_rotation_interval_hours.map(Value::from));
        put("transaction_limit", self.transaction_limit.clone().map(Value::from));
        put("metadata", self.metadata.clone().map(Value::Object));
        put("embossing_group", self.embossing_group.clone().map(Value::from));
        put("embossing_custom_field", self.embossing_custom_field.clone().map(Value::from));
        put("contactless_enabled", self.contactless_enabled.map(Value::from));
        put("abu_enabled", self.abu_enabled.map(Value::from));
        put("template_id", self.template_id.clone().map(Value::from));
        put("mode_type", self.mode_type.map(|mode_type| mode_type.as_str().into()));
        put("generate_pvv", self.generate_pvv.map(Value::from));
        put("validity_period_hours", self.validity_period_hours.map(Value::from));
        put("status", self.unnumbered.then(|| CardStatus::Unnumbered.as_str().into()));
        put("brand", self.brand.map(|brand| brand.as_str().into()));
        put("expiration_date", self.expiration_date.map(|date| date.to_string().into()));
        put("atm_change_online_pin_when_script_sent", self.atm_change_online_pin_when_script_sent.map(Value::from));
        Value::Object(body)
    }

    /// The `name` as sent (a physical card is stored as `"PLASTIC"` whatever it is).
    #[must_use]
    pub fn name(&self) -> &CardName {
        &self.name
    }

    /// The `type`.
    #[must_use]
    pub fn card_type(&self) -> CardType {
        self.card_type
    }

    /// The `printed_name`, if sent.
    #[must_use]
    pub fn printed_name(&self) -> Option<&PrintedName> {
        self.printed_name.as_ref()
    }

    /// The `pin_length`, 4 when not sent.
    #[must_use]
    pub fn pin_length(&self) -> PinLength {
        self.pin_length
    }

    /// The `cvv_rotation_interval_hours`, if sent; `0` means never rotate.
    #[must_use]
    pub fn cvv_rotation_interval_hours(&self) -> Option<u16> {
        self.cvv_rotation_interval_hours
    }

    /// The `transaction_limit` decimal string, if sent.
    #[must_use]
    pub fn transaction_limit(&self) -> Option<&str> {
        self.transaction_limit.as_deref()
    }

    /// The free-form `metadata` object, if sent.
    #[must_use]
    pub fn metadata(&self) -> Option<&Map<String, Value>> {
        self.metadata.as_ref()
    }

    /// The `embossing_group`, if sent.
    #[must_use]
    pub fn embossing_group(&self) -> Option<&str> {
        self.embossing_group.as_deref()
    }

    /// The `embossing_custom_field`, if sent.
    #[must_use]
    pub fn embossing_custom_field(&self) -> Option<&str> {
        self.embossing_custom_field.as_deref()
    }

    /// The `contactless_enabled` flag, if sent (the API's default is `true`).
    #[must_use]
    pub fn contactless_enabled(&self) -> Option<bool> {
        self.contactless_enabled
    }

    /// The deprecated `abu_enabled` flag, if sent.
    #[must_use]
    pub fn abu_enabled(&self) -> Option<bool> {
        self.abu_enabled
    }

    /// The `template_id`, if sent.
    #[must_use]
    pub fn template_id(&self) -> Option<&str> {
        self.template_id.as_deref()
    }

    /// The `mode_type`, if sent.
    #[must_use]
    pub fn mode_type(&self) -> Option<ModeType> {
        self.mode_type
    }

    /// The `generate_pvv` flag, if sent.
    #[must_use]
    pub fn generate_pvv(&self) -> Option<bool> {
        self.generate_pvv
    }

    /// The `validity_period_hours`, if sent.
    #[must_use]
    pub fn validity_period_hours(&self) -> Option<u32> {
        self.validity_period_hours
    }

    /// Whether the request asks for an `UNNUMBERED` card (`"status": "UNNUMBERED"`).
    #[must_use]
    pub fn is_unnumbered(&self) -> bool {
        self.unnumbered
    }

    /// The `brand`, if sent.
    #[must_use]
    pub fn brand(&self) -> Option<Brand> {
        self.brand
    }

    /// The `expiration_date`, if sent.
    #[must_use]
    pub fn expiration_date(&self) -> Option<ExpirationDate> {
        self.expiration_date
    }

    /// The `atm_change_online_pin_when_script_sent` flag, if sent.
    #[must_use]
    pub fn atm_change_online_pin_when_script_sent(&self) -> Option<bool> {
        self.atm_change_online_pin_when_script_sent
    }
}

impl TryFrom<Value> for CreateCard {
    type Error = InvalidRequest;
    fn try_from(body: Value) -> Result<Self, Self::Error> {
        Self::parse(&body)
    }
}

impl From<CreateCard> for Value {
    fn from(request: CreateCard) -> Self {
        request.to_body()
    }
}
