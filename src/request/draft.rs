//! The Create card fields as read, before their rules: from a body's JSON or from a builder's
//! typed setters. `CreateCard::check` applies every rule to either, so both ways in share them.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

use crate::request::{FieldError, FieldRule, ValueError, boolean, integer, object, parsed, string};
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::mode::ModeType;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// The `CreateCard` fields as sent, each still raw JSON. serde fills it without building a map:
/// unknown fields are skipped and `null` counts as absent, as the API does.
#[derive(Default, serde::Deserialize)]
#[serde(rename = "CreateCard")]
pub(crate) struct RawCreateCard {
    pub(crate) name: Option<Value>,
    #[serde(rename = "type")]
    pub(crate) card_type: Option<Value>,
    pub(crate) printed_name: Option<Value>,
    pub(crate) pin_length: Option<Value>,
    pub(crate) cvv_rotation_interval_hours: Option<Value>,
    pub(crate) transaction_limit: Option<Value>,
    pub(crate) metadata: Option<Value>,
    pub(crate) embossing_group: Option<Value>,
    pub(crate) embossing_custom_field: Option<Value>,
    pub(crate) contactless_enabled: Option<Value>,
    pub(crate) abu_enabled: Option<Value>,
    pub(crate) template_id: Option<Value>,
    pub(crate) mode_type: Option<Value>,
    pub(crate) generate_pvv: Option<Value>,
    pub(crate) validity_period_hours: Option<Value>,
    pub(crate) status: Option<Value>,
    pub(crate) brand: Option<Value>,
    pub(crate) expiration_date: Option<Value>,
    pub(crate) atm_change_online_pin_when_script_sent: Option<Value>,
}

/// A field as read, before its rules: absent, a value of the wrong JSON type (which only a body
/// can send), or the typed value; integers keep the JSON they were read from, which an error
/// quotes as sent (`-0`, §11.56).
pub(crate) type Sent<T> = Option<Result<T, FieldError>>;

/// The Create card fields as read from a body ([`Draft::read`]) or set by a
/// [`CreateCardBuilder`](crate::request::builder::CreateCardBuilder), before any rule:
/// `CreateCard::check` applies every rule to either.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Draft {
    pub(crate) name: Sent<CardName>,
    pub(crate) card_type: Sent<CardType>,
    pub(crate) printed_name: Sent<PrintedName>,
    pub(crate) pin_length: Sent<(i64, Value)>,
    pub(crate) cvv_rotation_interval_hours: Sent<(i64, Value)>,
    pub(crate) transaction_limit: Sent<String>,
    pub(crate) metadata: Sent<Map<String, Value>>,
    pub(crate) embossing_group: Sent<String>,
    pub(crate) embossing_custom_field: Sent<String>,
    pub(crate) contactless_enabled: Sent<bool>,
    pub(crate) abu_enabled: Sent<bool>,
    pub(crate) template_id: Sent<String>,
    pub(crate) mode_type: Sent<ModeType>,
    pub(crate) generate_pvv: Sent<bool>,
    pub(crate) validity_period_hours: Sent<(i64, Value)>,
    pub(crate) unnumbered: Sent<()>,
    pub(crate) brand: Sent<Brand>,
    pub(crate) expiration_date: Sent<ExpirationDate>,
    pub(crate) atm_change_online_pin_when_script_sent: Sent<bool>,
}

impl Draft {
    /// Reads each field of a body to its type; the rules come after, in `CreateCard::check`.
    pub(crate) fn read(raw: RawCreateCard) -> Self {
        Self {
            name: raw.name.map(|value| parsed("name", value, CardName::try_from)),
            card_type: raw.card_type.map(|value| parsed("type", value, |text| text.parse::<CardType>())),
            printed_name: raw.printed_name.map(|value| parsed("printed_name", value, PrintedName::try_from)),
            pin_length: raw.pin_length.map(|value| integer("pin_length", value)),
            cvv_rotation_interval_hours: raw
                .cvv_rotation_interval_hours
                .map(|value| integer("cvv_rotation_interval_hours", value)),
            transaction_limit: raw.transaction_limit.map(|value| string("transaction_limit", value)),
            metadata: raw.metadata.map(|value| object("metadata", value)),
            embossing_group: raw.embossing_group.map(|value| string("embossing_group", value)),
            embossing_custom_field: raw.embossing_custom_field.map(|value| string("embossing_custom_field", value)),
            contactless_enabled: raw.contactless_enabled.map(|value| boolean("contactless_enabled", &value)),
            abu_enabled: raw.abu_enabled.map(|value| boolean("abu_enabled", &value)),
            template_id: raw.template_id.map(|value| string("template_id", value)),
            mode_type: raw.mode_type.map(|value| parsed("mode_type", value, |text| text.parse::<ModeType>())),
            generate_pvv: raw.generate_pvv.map(|value| boolean("generate_pvv", &value)),
            validity_period_hours: raw.validity_period_hours.map(|value| integer("validity_period_hours", value)),
            unnumbered: raw.status.map(|value| {
                parsed("status", value, |text| match text.parse::<CardStatus>() {
                    Ok(CardStatus::Unnumbered) => Ok(()),
                    _ => Err(ValueError::NotUnnumbered { text, issued: "created" }),
                })
            }),
            brand: raw.brand.map(|value| parsed("brand", value, |text| text.parse::<Brand>())),
            expiration_date: raw
                .expiration_date
                .map(|value| parsed("expiration_date", value, |text| ExpirationDate::parse_yymm(&text))),
            atm_change_online_pin_when_script_sent: raw
                .atm_change_online_pin_when_script_sent
                .map(|value| boolean("atm_change_online_pin_when_script_sent", &value)),
        }
    }
}

/// The value a field read, its read error kept in `errors` in the field's place.
pub(crate) fn taken<T>(errors: &mut Vec<FieldError>, sent: Sent<T>) -> Option<T> {
    match sent? {
        Ok(value) => Some(value),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// A rule on a value as sent: records the failure, quoting the value.
pub(crate) fn rule(errors: &mut Vec<FieldError>, field: &'static str, value: &Value, ok: bool, rule: FieldRule) {
    if !ok {
        errors.push(FieldError { field, value: Some(value.to_string()), rule });
    }
}

/// A rule on a text field: the text if it holds, else the failure, quoting the text.
pub(crate) fn text_rule(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    text: String,
    ok: bool,
    rule: FieldRule,
) -> Option<String> {
    if ok {
        return Some(text);
    }
    errors.push(FieldError { field, value: Some(Value::String(text).to_string()), rule });
    None
}
