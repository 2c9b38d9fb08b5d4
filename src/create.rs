use chrono::{DateTime, Utc};
use serde::Deserialize as _;
use serde_json::{Map, Value};

use crate::{
    Accepted, Brand, Card, CardEvent, CardId, CardKind, CardName, CardStatus, CardType, Context, CreateCardError,
    Embossing, Error, ExpirationDate, FieldError, FieldRule, ModeType, PinLength, PrintedName, ProgramId,
};

/// A validated Create card body (`POST /wallet/v2/cards`, domain.md §7).
///
/// The only way to get one is [`CreateCard::parse`], which checks every field against the
/// schema's limits and reports all the fields that fail. Unknown fields are ignored, as the API
/// ignores them. [`CreateCard::to_body`] writes it back as a body that parses to the same value.
///
/// ```
/// use card_lifecycle::{CardType, CreateCard, PinLength};
///
/// let request = CreateCard::parse(&serde_json::json!({
///     "name": "Streaming", "type": "VIRTUAL", "cvv_rotation_interval_hours": 24, "pin_length": 6 }))?;
/// assert_eq!(request.card_type(), CardType::Virtual);
/// assert_eq!(request.pin_length(), PinLength::Six);
/// assert_eq!(CreateCard::parse(&request.to_body())?, request);
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// The `CreateCard` fields as sent, each still raw JSON. serde fills it without building a map:
/// unknown fields are skipped and `null` counts as absent, as the API does.
#[derive(Default, serde::Deserialize)]
#[serde(rename = "CreateCard")]
struct RawCreateCard {
    name: Option<Value>,
    #[serde(rename = "type")]
    card_type: Option<Value>,
    printed_name: Option<Value>,
    pin_length: Option<Value>,
    cvv_rotation_interval_hours: Option<Value>,
    transaction_limit: Option<Value>,
    metadata: Option<Value>,
    embossing_group: Option<Value>,
    embossing_custom_field: Option<Value>,
    contactless_enabled: Option<Value>,
    abu_enabled: Option<Value>,
    template_id: Option<Value>,
    mode_type: Option<Value>,
    generate_pvv: Option<Value>,
    validity_period_hours: Option<Value>,
    status: Option<Value>,
    brand: Option<Value>,
    expiration_date: Option<Value>,
    atm_change_online_pin_when_script_sent: Option<Value>,
}

/// Checks fields one by one, collecting every failure instead of stopping at the first. Each
/// method takes the field's value and gives back the typed value, or `None` after recording why.
#[derive(Default)]
struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    fn fail(&mut self, field: &'static str, value: Option<&Value>, rule: FieldRule) {
        self.errors.push(FieldError { field, value: value.map(Value::to_string), rule });
    }

    fn required(&mut self, field: &'static str, value: Option<&Value>, rule: FieldRule) {
        if value.is_none() {
            self.fail(field, None, rule);
        }
    }

    fn check(&mut self, field: &'static str, value: &Value, ok: bool, rule: FieldRule) -> bool {
        if !ok {
            self.fail(field, Some(value), rule);
        }
        ok
    }

    fn wrong_type<T>(&mut self, field: &'static str, value: &Value, expected: &'static str) -> Option<T> {
        self.fail(field, Some(value), FieldRule::Type { expected });
        None
    }

    fn string(&mut self, field: &'static str, value: Option<Value>) -> Option<String> {
        match value? {
            Value::String(text) => Some(text),
            other => self.wrong_type(field, &other, "a string"),
        }
    }

    fn integer(&mut self, field: &'static str, value: Option<Value>) -> Option<(i64, Value)> {
        let value = value?;
        match crate::json::integer(&value) {
            Some(number) => Some((number, value)),
            None => self.wrong_type(field, &value, "an integer"),
        }
    }

    fn boolean(&mut self, field: &'static str, value: Option<Value>) -> Option<bool> {
        let value = value?;
        value.as_bool().or_else(|| self.wrong_type(field, &value, "a boolean"))
    }

    /// A string turned into a value type, whose error states the rule.
    fn parsed<T, E: std::fmt::Display>(
        &mut self,
        field: &'static str,
        value: Option<Value>,
        parse: impl FnOnce(String) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.string(field, value)?;
        parse(text).map_err(|error| self.fail(field, None, FieldRule::Value(error.to_string()))).ok()
    }

    fn length(&mut self, field: &'static str, value: Option<Value>, min: usize, max: usize) -> Option<String> {
        let text = self.string(field, value)?;
        let ok = (min..=max).contains(&text.chars().count());
        if ok {
            Some(text)
        } else {
            self.fail(field, Some(&Value::String(text)), FieldRule::Length { min, max });
            None
        }
    }
}

fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// An upper bound of the compact JSON size of an object: a string's byte takes at most 6 bytes
/// escaped (`\u001f`), a number prints in at most 24, `null` and booleans in at most 5.
fn size_bound(object: &Map<String, Value>) -> usize {
    fn string(text: &str) -> usize {
        text.len().saturating_mul(6).saturating_add(2)
    }
    fn value(json: &Value) -> usize {
        match json {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 24,
            Value::String(text) => string(text),
            Value::Array(items) => {
                items.iter().fold(2, |size: usize, item| size.saturating_add(value(item)).saturating_add(1))
            }
            Value::Object(object) => size_bound(object),
        }
    }
    // Per entry: the key, the value, a colon and a comma.
    object.iter().fold(2, |size: usize, (key, item)| {
        size.saturating_add(string(key)).saturating_add(value(item)).saturating_add(2)
    })
}

/// Counts the bytes of compact JSON without keeping them.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn invalid_body(value: Option<String>, rule: FieldRule) -> CreateCardError {
    CreateCardError::Invalid { fields: vec![FieldError { field: "body", value, rule }] }
}

impl CreateCard {
    /// Parses and validates a raw Create card body.
    ///
    /// # Errors
    ///
    /// [`CreateCardError::Invalid`] (400) listing every field that breaks its rule, in schema
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
    /// use card_lifecycle::CreateCard;
    /// let error = CreateCard::parse(&serde_json::json!({ "type": "PLASTIC", "name": "x", "printed_name": "ANA-LUISA" }));
    /// assert!(error.unwrap_err().to_string().contains("printed_name"));
    /// ```
    pub fn parse(body: &Value) -> Result<Self, CreateCardError> {
        if !body.is_object() {
            return Err(invalid_body(Some(body.to_string()), FieldRule::Type { expected: "a JSON object" }));
        }
        let raw = RawCreateCard::deserialize(body)
            .map_err(|error| invalid_body(None, FieldRule::Json { reason: error.to_string() }))?;
        Self::validate(raw)
    }

    /// Parses and validates a Create card body straight from its text: the same rules as
    /// [`CreateCard::parse`], without building a JSON tree first, for a server that holds the
    /// request's bytes.
    ///
    /// # Errors
    ///
    /// As [`CreateCard::parse`], and for text that is not JSON (`"{"`) or repeats a field.
    ///
    /// ```
    /// use card_lifecycle::CreateCard;
    /// let request = CreateCard::from_json(r#"{ "name": "Travel", "type": "TEMPORARY" }"#)?;
    /// assert_eq!(request.name().as_str(), "Travel");
    /// assert!(CreateCard::from_json("{").is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, CreateCardError> {
        let raw: RawCreateCard = serde_json::from_str(text)
            .map_err(|error| invalid_body(None, FieldRule::Json { reason: error.to_string() }))?;
        Self::validate(raw)
    }

    #[expect(clippy::too_many_lines, reason = "one check per schema field, in schema order, like the §7 table")]
    fn validate(raw: RawCreateCard) -> Result<Self, CreateCardError> {
        let mut checks = Checks::default();
        checks.required("name", raw.name.as_ref(), FieldRule::Required);
        let name = checks.parsed("name", raw.name, CardName::try_from);
        checks.required("type", raw.card_type.as_ref(), FieldRule::Required);
        let card_type = checks.parsed("type", raw.card_type, |text| text.parse::<CardType>());
        let printed_name_sent = raw.printed_name.is_some();
        let printed_name = checks.parsed("printed_name", raw.printed_name, PrintedName::try_from);
        let pin_length = checks.integer("pin_length", raw.pin_length).and_then(|(digits, value)| {
            let pin_length = PinLength::parse(digits).ok();
            checks.check("pin_length", &value, pin_length.is_some(), FieldRule::OneOf { values: "4, 6" });
            pin_length
        });
        if card_type == Some(CardType::Virtual) {
            let rule = FieldRule::RequiredForType { card_type: CardType::Virtual };
            checks.required("cvv_rotation_interval_hours", raw.cvv_rotation_interval_hours.as_ref(), rule);
        }
        let cvv_rotation_interval_hours = checks
            .integer("cvv_rotation_interval_hours", raw.cvv_rotation_interval_hours)
            .and_then(|(hours, value)| {
                let max = Self::MAX_CVV_ROTATION_INTERVAL_HOURS;
                let hours = u16::try_from(hours).ok().filter(|hours| *hours <= max);
                let rule = FieldRule::Range { min: 0, max: max.into() };
                checks.check("cvv_rotation_interval_hours", &value, hours.is_some(), rule);
                hours
            });
        let transaction_limit = checks.string("transaction_limit", raw.transaction_limit).and_then(|text| {
            if is_decimal(&text) {
                Some(text)
            } else {
                checks.fail("transaction_limit", Some(&Value::String(text)), FieldRule::Decimal);
                None
            }
        });
        let metadata = match raw.metadata {
            None => None,
            Some(Value::Object(metadata)) => {
                let max = Self::MAX_METADATA_BYTES;
                // Most metadata is far under the limit: a cheap bound settles it without printing.
                let size = if size_bound(&metadata) <= max {
                    0
                } else {
                    let mut size = ByteCount(0);
                    serde_json::to_writer(&mut size, &metadata).map_or(usize::MAX, |()| size.0)
                };
                if size <= max {
                    Some(metadata)
                } else {
                    checks.fail("metadata", Some(&Value::Object(metadata)), FieldRule::Size { max, size });
                    None
                }
            }
            Some(other) => checks.wrong_type("metadata", &other, "a JSON object"),
        };
        let embossing_group = checks.length(
            "embossing_group",
            raw.embossing_group,
            Self::MIN_EMBOSSING_GROUP_LENGTH,
            Self::MAX_EMBOSSING_GROUP_LENGTH,
        );
        let embossing_custom_field = checks.length(
            "embossing_custom_field",
            raw.embossing_custom_field,
            0,
            Self::MAX_EMBOSSING_CUSTOM_FIELD_LENGTH,
        );
        let contactless_enabled = checks.boolean("contactless_enabled", raw.contactless_enabled);
        let abu_enabled = checks.boolean("abu_enabled", raw.abu_enabled);
        let template_id = checks.string("template_id", raw.template_id);
        let mode_type = checks.parsed("mode_type", raw.mode_type, |text| text.parse::<ModeType>());
        let generate_pvv = checks.boolean("generate_pvv", raw.generate_pvv);
        if let (Some(card_type), Some(value)) = (card_type, &raw.validity_period_hours) {
            let accepted = card_type.accepts_validity_period();
            checks.check("validity_period_hours", value, accepted, FieldRule::NotForType { card_type });
        }
        let validity_period_hours =
            checks.integer("validity_period_hours", raw.validity_period_hours).and_then(|(hours, value)| {
                let min = Self::MIN_VALIDITY_PERIOD_HOURS;
                let hours = u32::try_from(hours).ok().filter(|hours| *hours >= min);
                let rule = FieldRule::Range { min: min.into(), max: u32::MAX.into() };
                checks.check("validity_period_hours", &value, hours.is_some(), rule);
                hours
            });
        let unnumbered = checks.parsed("status", raw.status, |text| match text.parse::<CardStatus>() {
            Ok(CardStatus::Unnumbered) => Ok(()),
            _ => Err(format!("status {text:?} must be UNNUMBERED, the only status a card may be created in")),
        });
        if unnumbered.is_some() {
            if !printed_name_sent {
                checks.fail("printed_name", None, FieldRule::RequiredWhenUnnumbered);
            }
            checks.required("brand", raw.brand.as_ref(), FieldRule::RequiredWhenUnnumbered);
        }
        let brand = checks.parsed("brand", raw.brand, |text| text.parse::<Brand>());
        let expiration_date =
            checks.parsed("expiration_date", raw.expiration_date, |text| ExpirationDate::parse_yymm(&text));
        let atm_change_online_pin_when_script_sent =
            checks.boolean("atm_change_online_pin_when_script_sent", raw.atm_change_online_pin_when_script_sent);

        match (name, card_type, checks.errors.is_empty()) {
            (Some(name), Some(card_type), true) => Ok(Self {
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
                unnumbered: unnumbered.is_some(),
                brand,
                expiration_date,
                atm_change_online_pin_when_script_sent,
            }),
            _ => Err(CreateCardError::Invalid { fields: checks.errors }),
        }
    }

    /// Writes the request back as a body, fields in schema order; `pin_length` is always
    /// written, with its default when the request had none.
    ///
    /// ```
    /// use card_lifecycle::CreateCard;
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
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.name().as_str(), "Travel");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &CardName {
        &self.name
    }

    /// The `type`.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.card_type(), card_lifecycle::CardType::Virtual);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn card_type(&self) -> CardType {
        self.card_type
    }

    /// The `printed_name`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.printed_name().map(|name| name.as_str()), Some("ANA SOUZA"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn printed_name(&self) -> Option<&PrintedName> {
        self.printed_name.as_ref()
    }

    /// The `pin_length`, 4 when not sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.pin_length().digits(), 6);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn pin_length(&self) -> PinLength {
        self.pin_length
    }

    /// The `cvv_rotation_interval_hours`, if sent; `0` means never rotate.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.cvv_rotation_interval_hours(), Some(24));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn cvv_rotation_interval_hours(&self) -> Option<u16> {
        self.cvv_rotation_interval_hours
    }

    /// The `transaction_limit` decimal string, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.transaction_limit(), Some("500.00"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn transaction_limit(&self) -> Option<&str> {
        self.transaction_limit.as_deref()
    }

    /// The free-form `metadata` object, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.metadata().map(|metadata| metadata.len()), Some(1));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn metadata(&self) -> Option<&Map<String, Value>> {
        self.metadata.as_ref()
    }

    /// The `embossing_group`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.embossing_group(), Some("group-a"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn embossing_group(&self) -> Option<&str> {
        self.embossing_group.as_deref()
    }

    /// The `embossing_custom_field`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.embossing_custom_field(), Some("gold"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn embossing_custom_field(&self) -> Option<&str> {
        self.embossing_custom_field.as_deref()
    }

    /// The `contactless_enabled` flag, if sent (the API's default is `true`).
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.contactless_enabled(), Some(false));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn contactless_enabled(&self) -> Option<bool> {
        self.contactless_enabled
    }

    /// The deprecated `abu_enabled` flag, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.abu_enabled(), Some(false));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn abu_enabled(&self) -> Option<bool> {
        self.abu_enabled
    }

    /// The `template_id`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.template_id(), Some("t-1"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn template_id(&self) -> Option<&str> {
        self.template_id.as_deref()
    }

    /// The `mode_type`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.mode_type(), Some(card_lifecycle::ModeType::Combo));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn mode_type(&self) -> Option<ModeType> {
        self.mode_type
    }

    /// The `generate_pvv` flag, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.generate_pvv(), Some(true));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn generate_pvv(&self) -> Option<bool> {
        self.generate_pvv
    }

    /// The `validity_period_hours`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.validity_period_hours(), Some(240));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn validity_period_hours(&self) -> Option<u32> {
        self.validity_period_hours
    }

    /// Whether the request asks for an `UNNUMBERED` card (`"status": "UNNUMBERED"`).
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert!(request.is_unnumbered());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn is_unnumbered(&self) -> bool {
        self.unnumbered
    }

    /// The `brand`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.brand(), Some(card_lifecycle::Brand::Visa));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn brand(&self) -> Option<Brand> {
        self.brand
    }

    /// The `expiration_date`, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.expiration_date().map(|date| date.to_string()).as_deref(), Some("2803"));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn expiration_date(&self) -> Option<ExpirationDate> {
        self.expiration_date
    }

    /// The `atm_change_online_pin_when_script_sent` flag, if sent.
    ///
    /// ```
    /// # let request = card_lifecycle::CreateCard::parse(&serde_json::json!({
    /// #     "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
    /// #     "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
    /// #     "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
    /// #     "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
    /// #     "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
    /// #     "atm_change_online_pin_when_script_sent": true }))?;
    /// assert_eq!(request.atm_change_online_pin_when_script_sent(), Some(true));
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn atm_change_online_pin_when_script_sent(&self) -> Option<bool> {
        self.atm_change_online_pin_when_script_sent
    }
}

/// What creating a card needs besides the body: the id the platform gives the new card, its
/// program, the customer's names and the customer's cards.
///
/// ```
/// use card_lifecycle::{CardId, CreateCardInput, Customer};
/// let input = CreateCardInput {
///     customer: Customer { name: Some("José da Silva".into()), social_name: None },
///     ..CreateCardInput::default()
/// };
/// assert_eq!(input.card_id, CardId(1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct CreateCardInput {
    /// The id the new card gets (default `1`).
    pub card_id: CardId,
    /// The program the card is issued under (default `1`).
    pub program_id: ProgramId,
    /// The account applicant's names, for the printed name.
    pub customer: Customer,
    /// The customer's existing cards, for the one-active-card rule.
    pub existing_cards: Vec<ExistingCard>,
}

impl Default for CreateCardInput {
    fn default() -> Self {
        Self { card_id: CardId(1), program_id: ProgramId(1), customer: Customer::default(), existing_cards: Vec::new() }
    }
}

/// The account applicant's names, from which a printed name is made when the request has
/// none (domain.md §7, §11.20).
///
/// ```
/// use card_lifecycle::Customer;
/// let customer: Customer = serde_json::from_str(r#"{ "name": "Ana Souza" }"#)?;
/// assert_eq!(customer.social_name, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The applicant's name.
    pub name: Option<String>,
    /// The applicant's social name, which takes precedence.
    pub social_name: Option<String>,
}

/// One of the customer's cards, as far as the one-active-card rule needs it (domain.md §11.8).
///
/// ```
/// use card_lifecycle::{CardStatus, ExistingCard};
/// let card: ExistingCard = serde_json::from_str(r#"{ "type": "VIRTUAL", "name": "Travel", "status": "LOST" }"#)?;
/// assert_eq!(card.status, CardStatus::Lost);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingCard {
    /// Its type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// Its name.
    pub name: String,
    /// Its status.
    pub status: CardStatus,
}

/// Resolves the printed name of a new card that the request gave none: the customer's social
/// name, else the customer's name (domain.md §7, §11.20). A name that already is a valid
/// printed name is used exactly as written (§11.32); any other is made valid by
/// [`PrintedName::normalize`]. `None` when neither gives a valid name.
///
/// ```
/// use card_lifecycle::{resolve_printed_name, Customer};
/// let customer = Customer { name: Some("José da Silva".into()), social_name: Some("+".into()) };
/// assert_eq!(resolve_printed_name(&customer).map(|name| name.to_string()).as_deref(), Some("JOSE DA SILVA"));
/// let customer = Customer { name: Some("Mia Souza".into()), social_name: None };
/// assert_eq!(resolve_printed_name(&customer).map(|name| name.to_string()).as_deref(), Some("Mia Souza"));
/// ```
#[must_use]
pub fn resolve_printed_name(customer: &Customer) -> Option<PrintedName> {
    [&customer.social_name, &customer.name]
        .into_iter()
        .flatten()
        .find_map(|name| PrintedName::parse(name).or_else(|_| PrintedName::normalize(name)).ok())
}

/// Create card: validates the raw body and decides the new card (domain.md §2, §6, §7).
///
/// The card gets its initial status from its type (`VIRTUAL`, `TEMPORARY`, `RECURRING`:
/// `NORMAL`; `PLASTIC`: the program's setting, `CREATED` by default; `UNNUMBERED` when asked),
/// the name `"PLASTIC"` if physical, the request's printed name or one resolved from the
/// customer ([`resolve_printed_name`]), the expiration month (the request's, else `now` plus the
/// program's months), and `valid_until` (`now + validity_period_hours`, or for `TEMPORARY`
/// cards the program's temporary validity). The answer is 201 with "Card created".
///
/// # Errors
///
/// - [`CreateCardError::Invalid`] (400): every field [`CreateCard::parse`] refuses; or a
///   `valid_until` after the last second of the expiration month (§11.18), or an expiration
///   month already over;
/// - [`CreateCardError::AlreadyActive`] (409): the customer has a card of the same type and
///   name that is not terminated (§11.8; so one live `PLASTIC` card per customer).
///
/// ```
/// use card_lifecycle::{create_card, CardStatus, Context, CreateCardInput};
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
/// let body = serde_json::json!({ "name": "anything", "type": "PLASTIC", "validity_period_hours": 240 });
/// let accepted = create_card(&body, &CreateCardInput::default(), &Context::new(now))?;
/// assert_eq!(accepted.http_status, Some(201));
/// assert_eq!(accepted.card.status, CardStatus::Created);
/// assert_eq!(accepted.card.name.as_ref().map(|name| name.as_str()), Some("PLASTIC"));
/// assert_eq!(accepted.card.valid_until.map(|at| at.to_rfc3339()).as_deref(), Some("2026-01-11T00:00:00+00:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create_card(body: &Value, input: &CreateCardInput, context: &Context) -> Result<Accepted, Error> {
    let request = CreateCard::parse(body)?;
    let now = context.now;
    let invalid = |field, value: Option<String>, rule| CreateCardError::Invalid {
        fields: vec![FieldError { field, value, rule }],
    };

    let expiration_date = match request.expiration_date {
        Some(date) => date,
        None => ExpirationDate::months_after(now, context.expiration_months).ok_or_else(|| {
            let months = context.expiration_months;
            invalid("expiration_date", None, FieldRule::ExpirationOutOfRange { now, months })
        })?,
    };
    let expires = expiration_date.last_second();
    if expires < now {
        let sent = Value::from(expiration_date.to_string()).to_string();
        return Err(invalid("expiration_date", Some(sent), FieldRule::Passed { now }).into());
    }
    let valid_until = match (request.validity_period_hours, request.card_type) {
        (Some(hours), _) => Some(
            check_valid_until(now, hours, expires)
                .map_err(|rule| invalid("validity_period_hours", Some(hours.to_string()), rule))?,
        ),
        // §11.33: the client cannot send the field that would fix a default past the
        // expiration month, so the default is cut at the month's last second.
        (None, CardType::Temporary) => {
            let hours = context.temporary_validity_hours;
            let until = crate::valid_until(now, hours).ok_or_else(|| {
                invalid("temporary_validity_hours", Some(hours.to_string()), FieldRule::Overflow { now })
            })?;
            Some(until.min(expires))
        }
        (None, CardType::Plastic | CardType::Virtual | CardType::Recurring) => None,
    };

    let name = if request.card_type.is_physical() { CardName::plastic() } else { request.name.clone() };
    let conflict = input
        .existing_cards
        .iter()
        .any(|card| card.card_type == request.card_type && card.name == name.as_str() && !card.status.is_terminated());
    if conflict {
        return Err(
            CreateCardError::AlreadyActive { card_type: request.card_type, name: name.as_str().to_owned() }.into()
        );
    }

    let status = if request.unnumbered {
        CardStatus::Unnumbered
    } else {
        CardKind::Nominal.initial_status(request.card_type, context.physical_initial_status)
    };
    let card = Card {
        id: input.card_id,
        card_type: request.card_type,
        status,
        noname: false,
        program_id: input.program_id,
        previous_status: None,
        name: Some(name),
        printed_name: request.printed_name.clone().or_else(|| resolve_printed_name(&input.customer)),
        pin_length: request.pin_length,
        valid_until,
        expiration_date: Some(expiration_date),
        password_changed: false,
        embossing: Embossing::default(),
    };
    let created = Card::new(card.id, card.card_type, card.status);
    Ok(Accepted::new(&created, Some(201), vec![CardEvent::Created { card: Box::new(card) }]))
}

fn check_valid_until(now: DateTime<Utc>, hours: u32, expires: DateTime<Utc>) -> Result<DateTime<Utc>, FieldRule> {
    let valid_until = crate::valid_until(now, hours).ok_or(FieldRule::Overflow { now })?;
    if valid_until > expires {
        return Err(FieldRule::AfterExpiration { valid_until, expires });
    }
    Ok(valid_until)
}

/// An `x-idempotency-key` header: at most 36 characters (domain.md §7, §11.9).
///
/// The caller scopes a key to its customer (`x-customer-id`) and stores the card each key
/// created; [`IdempotencyKey::replay`] then answers a repeat.
///
/// ```
/// use card_lifecycle::IdempotencyKey;
/// assert!(IdempotencyKey::parse("3f2b9a1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c").is_ok());
/// assert!(IdempotencyKey::parse(&"k".repeat(37)).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// The most characters a key has.
    pub const MAX_LENGTH: usize = 36;

    /// Checks the length rule.
    ///
    /// # Errors
    ///
    /// [`FieldError`] for an empty key or one over 36 characters (400).
    ///
    /// ```
    /// use card_lifecycle::IdempotencyKey;
    /// assert!(IdempotencyKey::parse("").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let length = text.chars().count();
        if (1..=Self::MAX_LENGTH).contains(&length) {
            Ok(Self(text.to_owned()))
        } else {
            let rule = FieldRule::Length { min: 1, max: Self::MAX_LENGTH };
            Err(FieldError { field: "x-idempotency-key", value: Some(Value::from(text).to_string()), rule })
        }
    }

    /// The key as text.
    ///
    /// ```
    /// use card_lifecycle::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::parse("abc")?.as_str(), "abc");
    /// # Ok::<(), card_lifecycle::FieldError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The answer to a repeated Create card with this key, given the card the key created
    /// before: 200 with that card, nothing created and no event, whatever the new body says.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, IdempotencyKey};
    /// let earlier = Card::new(CardId(9), CardType::Virtual, CardStatus::Normal);
    /// let replay = IdempotencyKey::parse("abc")?.replay(&earlier);
    /// assert_eq!((replay.http_status, replay.events.len()), (Some(200), 0));
    /// # Ok::<(), card_lifecycle::FieldError>(())
    /// ```
    #[must_use]
    pub fn replay(&self, earlier: &Card) -> Accepted {
        Accepted::new(earlier, Some(200), Vec::new())
    }
}
