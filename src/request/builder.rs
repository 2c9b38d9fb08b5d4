//! Create card requests built in code: typed setters, and the same rules as a body.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

use crate::request::FieldError;
use crate::request::create::CreateCard;
use crate::request::draft::Draft;
use crate::request::value_error;
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::mode::ModeType;
use crate::value::pin_length::PinLength;
use crate::value::printed_name::PrintedName;

/// Builds a [`CreateCard`] in code. Each setter takes a typed value; [`CreateCardBuilder::build`]
/// applies the rules a body meets ([`CreateCard::parse`]) to those values, with no JSON in
/// between, so a request built here is one the API would accept, and a mistake is a typed
/// [`FieldError`], not an HTTP answer.
///
/// ```
/// use card_lifecycle::CardType;
/// use card_lifecycle::request::{CreateCard, FieldRule};
/// use card_lifecycle::value::{Brand, PinLength};
///
/// let request = CreateCard::builder("Travel", CardType::Virtual)
///     .cvv_rotation_interval_hours(24)
///     .pin_length(PinLength::Six)
///     .brand(Brand::Visa)
///     .build()?;
/// assert_eq!(request.pin_length(), PinLength::Six);
/// let error = CreateCard::builder("Travel", CardType::Virtual).build().unwrap_err();
/// assert_eq!((error.field, error.rule), ("cvv_rotation_interval_hours", FieldRule::RequiredForType { card_type: CardType::Virtual }));
/// # Ok::<(), card_lifecycle::request::FieldError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct CreateCardBuilder {
    draft: Draft,
}

impl CreateCard {
    /// A builder for a request with the two required fields.
    pub fn builder(name: &str, card_type: CardType) -> CreateCardBuilder {
        let name = CardName::try_from(name.to_owned()).map_err(|error| value_error("name", error));
        CreateCardBuilder { draft: Draft { name: Some(name), card_type: Some(Ok(card_type)), ..Draft::default() } }
    }
}

/// A typed integer as a field holds it: the number, and its JSON for an error to quote.
fn number(number: impl Into<i64> + Into<Value> + Copy) -> (i64, Value) {
    (number.into(), number.into())
}

impl CreateCardBuilder {
    /// `printed_name`.
    pub fn printed_name(mut self, printed_name: &str) -> Self {
        let parsed = PrintedName::try_from(printed_name.to_owned());
        self.draft.printed_name = Some(parsed.map_err(|error| value_error("printed_name", error)));
        self
    }

    /// `pin_length`.
    pub fn pin_length(mut self, pin_length: PinLength) -> Self {
        self.draft.pin_length = Some(Ok(number(pin_length.digits())));
        self
    }

    /// `cvv_rotation_interval_hours`.
    pub fn cvv_rotation_interval_hours(mut self, hours: u16) -> Self {
        self.draft.cvv_rotation_interval_hours = Some(Ok(number(hours)));
        self
    }

    /// `transaction_limit`, a decimal string such as `"500.00"`.
    pub fn transaction_limit(mut self, limit: &str) -> Self {
        self.draft.transaction_limit = Some(Ok(limit.to_owned()));
        self
    }

    /// `metadata`.
    pub fn metadata(mut self, metadata: Map<String, Value>) -> Self {
        self.draft.metadata = Some(Ok(metadata));
        self
    }

    /// `embossing_group`.
    pub fn embossing_group(mut self, group: &str) -> Self {
        self.draft.embossing_group = Some(Ok(group.to_owned()));
        self
    }

    /// `embossing_custom_field`.
    pub fn embossing_custom_field(mut self, field: &str) -> Self {
        self.draft.embossing_custom_field = Some(Ok(field.to_owned()));
        self
    }

    /// `contactless_enabled`.
    pub fn contactless_enabled(mut self, enabled: bool) -> Self {
        self.draft.contactless_enabled = Some(Ok(enabled));
        self
    }

    /// `abu_enabled` (deprecated by the API).
    pub fn abu_enabled(mut self, enabled: bool) -> Self {
        self.draft.abu_enabled = Some(Ok(enabled));
        self
    }

    /// `template_id`.
    pub fn template_id(mut self, template_id: &str) -> Self {
        self.draft.template_id = Some(Ok(template_id.to_owned()));
        self
    }

    /// `mode_type`.
    pub fn mode_type(mut self, mode_type: ModeType) -> Self {
        self.draft.mode_type = Some(Ok(mode_type));
        self
    }

    /// `generate_pvv`.
    pub fn generate_pvv(mut self, generate: bool) -> Self {
        self.draft.generate_pvv = Some(Ok(generate));
        self
    }

    /// `validity_period_hours`.
    pub fn validity_period_hours(mut self, hours: u32) -> Self {
        self.draft.validity_period_hours = Some(Ok(number(hours)));
        self
    }

    /// `"status": "UNNUMBERED"`: the issuer supplies the PAN later.
    pub fn unnumbered(mut self) -> Self {
        self.draft.unnumbered = Some(Ok(()));
        self
    }

    /// `brand`.
    pub fn brand(mut self, brand: Brand) -> Self {
        self.draft.brand = Some(Ok(brand));
        self
    }

    /// `expiration_date`.
    pub fn expiration_date(mut self, date: ExpirationDate) -> Self {
        self.draft.expiration_date = Some(Ok(date));
        self
    }

    /// `atm_change_online_pin_when_script_sent`.
    pub fn atm_change_online_pin_when_script_sent(mut self, change: bool) -> Self {
        self.draft.atm_change_online_pin_when_script_sent = Some(Ok(change));
        self
    }

    /// The request, checked against every rule of Create card.
    ///
    /// # Errors
    ///
    /// The first field, in the schema's order, that breaks its rule, as [`CreateCard::parse`]
    /// would name it: a name over 50 characters, a `VIRTUAL` card without a CVV interval, an
    /// `UNNUMBERED` card without printed name or brand, …
    pub fn build(self) -> Result<CreateCard, FieldError> {
        CreateCard::check(self.draft, None).map_err(|errors| {
            // `check` refuses only with a failure to name; the fallback names the first field.
            errors.into_iter().next().unwrap_or(FieldError {
                field: "name",
                value: None,
                rule: crate::request::FieldRule::Required,
            })
        })
    }
}
