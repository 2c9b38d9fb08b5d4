//! The JSON Schema of the request bodies that check their own rules, built from the same
//! constants as their parsers (feature `schema`).
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::request::create::CreateCard;
use crate::request::embossing::Reembossing;
use crate::request::embossing::StartEmbossing;
use crate::request::life::{IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity, UpdateCardInformation};
use crate::request::password::ChangeCardPassword;
use crate::value::brand::Brand;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::ids::ConfigId;
use crate::value::ids::ProgramId;
use crate::value::mode::ModeType;
use crate::value::pin_length::PinLength;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// Domain.md §11.53: `null` in an optional field is the field absent, in every body, so each
/// property that `required` does not list also takes `null`.
fn optional_takes_null(mut schema: Schema) -> Schema {
    let required: Vec<serde_json::Value> =
        schema.get("required").and_then(serde_json::Value::as_array).cloned().unwrap_or_default();
    if let Some(serde_json::Value::Object(properties)) = schema.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if !required.contains(&serde_json::Value::String(name.clone())) {
                let taken = std::mem::take(property);
                *property = serde_json::json!({ "anyOf": [taken, { "type": "null" }] });
            }
        }
    }
    schema
}

/// `transaction_limit`: a non-negative decimal string, in Create card and Update card information.
fn transaction_limit() -> serde_json::Value {
    serde_json::json!({ "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" })
}

/// `metadata`: an object, measured as sent.
fn metadata() -> serde_json::Value {
    let description = format!("at most {} bytes of JSON, as sent", CreateCard::MAX_METADATA_BYTES);
    serde_json::json!({ "type": "object", "description": description })
}

/// An id from 1 to 2^63 − 1 written as a JSON integer (`reason_id`).
fn id() -> serde_json::Value {
    serde_json::json!({ "type": "integer", "minimum": 1, "maximum": CardId::MAX.get() })
}

impl JsonSchema for CreateCard {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CreateCard".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["name", "type"],
            "properties": {
                "name": generator.subschema_for::<CardName>(),
                "type": generator.subschema_for::<CardType>(),
                "printed_name": generator.subschema_for::<PrintedName>(),
                "pin_length": generator.subschema_for::<PinLength>(),
                "cvv_rotation_interval_hours": {
                    "type": "integer", "minimum": 0, "maximum": CreateCard::MAX_CVV_ROTATION_INTERVAL_HOURS
                },
                "transaction_limit": transaction_limit(),
                "metadata": metadata(),
                "embossing_group": {
                    "type": "string",
                    "minLength": CreateCard::MIN_EMBOSSING_GROUP_LENGTH,
                    "maxLength": CreateCard::MAX_EMBOSSING_GROUP_LENGTH
                },
                "embossing_custom_field": { "type": "string", "maxLength": CreateCard::MAX_EMBOSSING_CUSTOM_FIELD_LENGTH },
                "contactless_enabled": { "type": "boolean", "default": true },
                "abu_enabled": { "type": "boolean", "deprecated": true },
                "template_id": { "type": "string" },
                "mode_type": generator.subschema_for::<ModeType>(),
                "generate_pvv": { "type": "boolean", "default": false },
                "validity_period_hours": { "type": "integer", "minimum": CreateCard::MIN_VALIDITY_PERIOD_HOURS },
                "status": { "type": "string", "enum": [CardStatus::Unnumbered.as_str()] },
                "brand": generator.subschema_for::<Brand>(),
                "expiration_date": generator.subschema_for::<ExpirationDate>(),
                "atm_change_online_pin_when_script_sent": { "type": "boolean", "default": false }
            }
        }))
    }
}

impl JsonSchema for StartEmbossing {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StartEmbossing".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["config_id"],
            "properties": {
                "config_id": generator.subschema_for::<ConfigId>(),
                "programs": { "type": "array", "items": generator.subschema_for::<ProgramId>() },
                "cards": { "type": "array", "items": generator.subschema_for::<CardId>() }
            }
        }))
    }
}

impl JsonSchema for Reembossing {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Reembossing".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["cards"],
            "properties": {
                "cards": { "type": "array", "minItems": 1, "items": generator.subschema_for::<CardId>() }
            }
        }))
    }
}

impl JsonSchema for ChangeCardPassword {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ChangeCardPassword".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let (four, six) = (PinLength::Four.digits(), PinLength::Six.digits());
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["password"],
            "properties": {
                "password": { "type": "string", "pattern": format!("^([0-9]{{{four}}}|[0-9]{{{six}}})$") }
            }
        }))
    }
}

impl JsonSchema for ReissueCard {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ReissueCard".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["reason_id"],
            "properties": {
                "reason_id": id(),
                "printed_name": generator.subschema_for::<PrintedName>(),
                "update_tokens": { "type": "boolean" },
                "status": { "type": "string", "enum": [CardStatus::Unnumbered.as_str()] },
                "brand": generator.subschema_for::<Brand>()
            }
        }))
    }
}

impl JsonSchema for RenewExpiration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RenewExpiration".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["new_expiration_date"],
            "properties": { "new_expiration_date": generator.subschema_for::<ExpirationDate>() }
        }))
    }
}

impl JsonSchema for RenewValidity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RenewValidity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["validity_period_hours"],
            "properties": {
                "validity_period_hours": {
                    "type": "integer", "minimum": CreateCard::MIN_VALIDITY_PERIOD_HOURS, "maximum": u32::MAX
                }
            }
        }))
    }
}

impl JsonSchema for IncreasePasswordTries {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IncreasePasswordTries".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        optional_takes_null(json_schema!({
            "type": "object",
            "required": ["block_card_exceeds_counter"],
            "properties": { "block_card_exceeds_counter": { "type": "boolean" } }
        }))
    }
}

impl JsonSchema for UpdateCardInformation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UpdateCardInformation".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = UpdateCardInformation::FIELDS;
        let one_of_them: Vec<serde_json::Value> =
            fields.iter().map(|field| serde_json::json!({ "required": [field] })).collect();
        optional_takes_null(json_schema!({
            "type": "object",
            "required": [],
            // At least one field to change.
            "anyOf": one_of_them,
            "properties": {
                "name": generator.subschema_for::<CardName>(),
                "transaction_limit": transaction_limit(),
                "printed_name": generator.subschema_for::<PrintedName>(),
                "contactless_enabled": { "type": "boolean" },
                "abu_enabled": { "type": "boolean" },
                "metadata": metadata()
            }
        }))
    }
}
