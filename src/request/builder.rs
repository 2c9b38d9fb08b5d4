//! Create card requests built in code: typed setters, and the same rules as a body.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

use crate::request::InvalidRequest;
use crate::request::create::CreateCard;
use crate::value::brand::Brand;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::mode::ModeType;
use crate::value::pin_length::PinLength;
use crate::value::status::CardStatus;

/// Builds a [`CreateCard`] in code. Each setter takes a typed value; [`CreateCardBuilder::build`]
/// checks the result against the same rules as a body ([`CreateCard::parse`]), so a request
/// built here is one the API would accept.
///
/// ```
/// use card_lifecycle::{Brand, CardType, CreateCard, PinLength};
///
/// let request = CreateCard::builder("Travel", CardType::Virtual)
///     .cvv_rotation_interval_hours(24)
///     .pin_length(PinLength::Six)
///     .brand(Brand::Visa)
///     .build()?;
/// assert_eq!(request.pin_length(), PinLength::Six);
/// assert!(CreateCard::builder("Travel", CardType::Virtual).build().is_err()); // needs a CVV interval
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct CreateCardBuilder {
    body: Map<String, Value>,
}

impl CreateCard {
    /// A builder for a request with the two required fields.
    pub fn builder(name: &str, card_type: CardType) -> CreateCardBuilder {
        let mut body = Map::new();
        body.insert("name".to_owned(), name.into());
        body.insert("type".to_owned(), card_type.as_str().into());
        CreateCardBuilder { body }
    }
}

impl CreateCardBuilder {
    fn with(mut self, field: &str, value: Value) -> Self {
        self.body.insert(field.to_owned(), value);
        self
    }

    /// `printed_name`.
    pub fn printed_name(self, printed_name: &str) -> Self {
        self.with("printed_name", printed_name.into())
    }

    /// `pin_length`.
    pub fn pin_length(self, pin_length: PinLength) -> Self {
        self.with("pin_length", pin_length.digits().into())
    }

    /// `cvv_rotation_interval_hours`.
    pub fn cvv_rotation_interval_hours(self, hours: u16) -> Self {
        self.with("cvv_rotation_interval_hours", hours.into())
    }

    /// `transaction_limit`, a decimal string such as `"500.00"`.
    pub fn transaction_limit(self, limit: &str) -> Self {
        self.with("transaction_limit", limit.into())
    }

    /// `metadata`.
    pub fn metadata(self, metadata: Map<String, Value>) -> Self {
        self.with("metadata", Value::Object(metadata))
    }

    /// `embossing_group`.
    pub fn embossing_group(self, group: &str) -> Self {
        self.with("embossing_group", group.into())
    }

    /// `embossing_custom_field`.
    pub fn embossing_custom_field(self, field: &str) -> Self {
        self.with("embossing_custom_field", field.into())
    }

    /// `contactless_enabled`.
    pub fn contactless_enabled(self, enabled: bool) -> Self {
        self.with("contactless_enabled", enabled.into())
    }

    /// `abu_enabled` (deprecated by the API).
    pub fn abu_enabled(self, enabled: bool) -> Self {
        self.with("abu_enabled", enabled.into())
    }

    /// `template_id`.
    pub fn template_id(self, template_id: &str) -> Self {
        self.with("template_id", template_id.into())
    }

    /// `mode_type`.
    pub fn mode_type(self, mode_type: ModeType) -> Self {
        self.with("mode_type", mode_type.as_str().into())
    }

    /// `generate_pvv`.
    pub fn generate_pvv(self, generate: bool) -> Self {
        self.with("generate_pvv", generate.into())
    }

    /// `validity_period_hours`.
    pub fn validity_period_hours(self, hours: u32) -> Self {
        self.with("validity_period_hours", hours.into())
    }

    /// `"status": "UNNUMBERED"`: the issuer supplies the PAN later.
    pub fn unnumbered(self) -> Self {
        self.with("status", CardStatus::Unnumbered.as_str().into())
    }

    /// `brand`.
    pub fn brand(self, brand: Brand) -> Self {
        self.with("brand", brand.as_str().into())
    }

    /// `expiration_date`.
    pub fn expiration_date(self, date: ExpirationDate) -> Self {
        self.with("expiration_date", date.to_string().into())
    }

    /// `atm_change_online_pin_when_script_sent`.
    pub fn atm_change_online_pin_when_script_sent(self, change: bool) -> Self {
        self.with("atm_change_online_pin_when_script_sent", change.into())
    }

    /// The request, checked against every rule of Create card.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] as [`CreateCard::parse`] gives it: a name over 50 characters, a
    /// `VIRTUAL` card without a CVV interval, an `UNNUMBERED` card without printed name or
    /// brand, …
    pub fn build(self) -> Result<CreateCard, InvalidRequest> {
        CreateCard::parse(&Value::Object(self.body))
    }
}
