//! The JSON Schemas the crate generates (feature `schema`) against the seed pages' schema facts:
//! field names, types, required fields, enums and limits. Every expectation below is written
//! from domain.md §5, §7, §8, §10 and §12 (the seed pages S1–S5 and the life of a card), never
//! generated from the code.

use card_lifecycle::request::{
    ChangeCardPassword, CreateCard, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity,
    UpdateCardInformation, UpdateCardStatus,
};
use card_lifecycle::wire::{CardResponse, CreateCardResponse};
use card_lifecycle::{ErrorBody, Reembossing, StartEmbossing};
use schemars::JsonSchema;
use serde_json::{Value, json};

mod common;
use common::STATUSES;

/// The schema of `T` as JSON, with every `$ref` to a definition replaced by the definition.
fn schema<T: JsonSchema>() -> Value {
    let root = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let definitions = root.get("$defs").cloned().unwrap_or_default();
    inline(root, &definitions)
}

fn inline(value: Value, definitions: &Value) -> Value {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref") {
                let name = reference.trim_start_matches("#/$defs/");
                return inline(definitions[name].clone(), definitions);
            }
            Value::Object(object.into_iter().map(|(key, value)| (key, inline(value, definitions))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|item| inline(item, definitions)).collect()),
        other => other,
    }
}

/// The fact a seed page states about one field.
struct Field {
    name: &'static str,
    /// The JSON type, or `enum` with the values.
    kind: Value,
    /// `minLength`/`maxLength` or `minimum`/`maximum`, where the page gives them.
    limits: &'static [(&'static str, i64)],
}

fn field(name: &'static str, kind: Value, limits: &'static [(&'static str, i64)]) -> Field {
    Field { name, kind, limits }
}

/// Checks the schema against the facts, and returns how many fields it checked.
#[track_caller]
fn check(schema: &Value, required: &[&str], fields: &[Field]) -> usize {
    let properties = schema["properties"].as_object().unwrap();
    let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = fields.iter().map(|field| field.name).collect();
    names.sort_unstable();
    expected.sort_unstable();
    assert_eq!(names, expected, "the field names");
    let mut listed: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    listed.sort_unstable();
    let mut required = required.to_vec();
    required.sort_unstable();
    assert_eq!(listed, required, "the required fields");
    for field in fields {
        let property = &properties[field.name];
        let types = |property: &Value| -> Vec<String> {
            let any_of = property["anyOf"].as_array().or_else(|| property["oneOf"].as_array());
            let alternatives: Vec<&Value> = any_of.map_or_else(|| vec![property], |all| all.iter().collect());
            alternatives
                .iter()
                .flat_map(|alternative| match &alternative["type"] {
                    Value::String(kind) => vec![kind.clone()],
                    Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                    _ => vec![],
                })
                .filter(|kind| kind != "null")
                .collect()
        };
        match &field.kind {
            Value::String(kind) => assert_eq!(types(property), std::slice::from_ref(kind), "{}: type", field.name),
            Value::Array(values) => {
                let found = property["enum"].as_array().cloned().or_else(|| {
                    property["anyOf"].as_array()?.iter().find_map(|alternative| alternative["enum"].as_array().cloned())
                });
                assert_eq!(found.as_ref(), Some(values), "{}: enum", field.name);
            }
            other => panic!("{other}"),
        }
        for (keyword, limit) in field.limits {
            let found = property[*keyword].as_i64().or_else(|| {
                property["anyOf"].as_array()?.iter().find_map(|alternative| alternative[*keyword].as_i64())
            });
            assert_eq!(found, Some(*limit), "{}: {keyword}", field.name);
        }
    }
    fields.len()
}

fn statuses() -> Value {
    json!(STATUSES)
}

fn types() -> Value {
    json!(["PLASTIC", "VIRTUAL", "RECURRING", "TEMPORARY"])
}

#[test]
fn create_card_request_has_the_seed_fields_types_and_limits() {
    // domain.md §7 (S1, CreateCard), with §11.4 (0 allowed) and §11.35–37.
    let fields = [
        field("name", json!("string"), &[("minLength", 1), ("maxLength", 50)]),
        field("type", types(), &[]),
        field("printed_name", json!("string"), &[("minLength", 2), ("maxLength", 26)]),
        field("pin_length", json!([4, 6]), &[]),
        field("cvv_rotation_interval_hours", json!("integer"), &[("minimum", 0), ("maximum", 4320)]),
        field("transaction_limit", json!("string"), &[]),
        field("metadata", json!("object"), &[]),
        field("embossing_group", json!("string"), &[("minLength", 2), ("maxLength", 32)]),
        field("embossing_custom_field", json!("string"), &[("maxLength", 1000)]),
        field("contactless_enabled", json!("boolean"), &[]),
        field("abu_enabled", json!("boolean"), &[]),
        field("template_id", json!("string"), &[]),
        field("mode_type", json!(["SINGLE", "COMBO"]), &[]),
        field("generate_pvv", json!("boolean"), &[]),
        field("validity_period_hours", json!("integer"), &[("minimum", 1)]),
        field("status", json!(["UNNUMBERED"]), &[]),
        field("brand", json!(["VISA", "MASTERCARD", "ELO", "RUPAY", "PRIVATE"]), &[]),
        field("expiration_date", json!("string"), &[]),
        field("atm_change_online_pin_when_script_sent", json!("boolean"), &[]),
    ];
    let count = check(&schema::<CreateCard>(), &["name", "type"], &fields);
    assert_eq!(count, 19);
}

#[test]
fn create_card_response_has_the_seed_fields() {
    // domain.md §7: the CreateCardResponse fields, and none of printed_name, pin_length, brand, …
    let fields = [
        field("id", json!("integer"), &[("minimum", 1)]),
        field("name", json!("string"), &[]),
        field("status", statuses(), &[]),
        field("type", types(), &[]),
        field("transaction_limit", json!("string"), &[]),
        field("metadata", json!("object"), &[]),
        field("cvv_rotation_interval_hours", json!("integer"), &[]),
        field("embossing_custom_field", json!("string"), &[]),
        field("contactless_enabled", json!("boolean"), &[]),
        field("abu_enabled", json!("boolean"), &[]),
        field("template_id", json!("string"), &[]),
        field("mode_type", json!(["SINGLE", "COMBO"]), &[]),
        field("validity_period_hours", json!("integer"), &[]),
        field("valid_until", json!("string"), &[]),
    ];
    let required = ["id", "name", "status", "type", "contactless_enabled"];
    assert_eq!(check(&schema::<CreateCardResponse>(), &required, &fields), 14);
}

#[test]
fn status_change_request_and_response_have_the_seed_fields() {
    // domain.md §8 (S2): the body's one field, and the 200 card object.
    let body = [field("status", statuses(), &[])];
    assert_eq!(check(&schema::<UpdateCardStatus>(), &["status"], &body), 1);
    let id = || json!("object");
    let fields = [
        field("program", id(), &[]),
        field("account", id(), &[]),
        field("customer", id(), &[]),
        field("org", id(), &[]),
        field("id", json!("integer"), &[]),
        field("hash", json!("string"), &[]),
        field("last_4_digits", json!("string"), &[]),
        field("first_4_digits", json!("string"), &[]),
        field("brand", json!(["VISA", "MASTERCARD", "ELO", "RUPAY", "PRIVATE"]), &[]),
        field("number_of_transactions", json!("integer"), &[]),
        field("bin", json!("string"), &[]),
        field("atc", json!("string"), &[]),
        field("status", statuses(), &[]),
        field("previous_status", statuses(), &[]),
        field("issuing_date", json!("string"), &[]),
        field("expiration_date", json!("string"), &[]),
        field("printed_name", json!("string"), &[]),
        field("name", json!("string"), &[]),
        field("tracking", json!("string"), &[]),
        field("track_number", json!("integer"), &[]),
        field("migration_id", json!("string"), &[]),
        field("transaction_limit", json!("string"), &[]),
        field("password_tries", json!("integer"), &[]),
        field("embossing_custom_field", json!("string"), &[]),
        field("contactless_enabled", json!("boolean"), &[]),
        field("abu_enabled", json!("boolean"), &[]),
        field("reissued_card_id", json!("integer"), &[]),
        field("type", types(), &[]),
        field("metadata", json!("object"), &[]),
        field("template_id", json!("string"), &[]),
        field("valid_until", json!("string"), &[]),
        field("bulk_id", json!("string"), &[]),
        field("external_id", json!("string"), &[]),
        field("mode", json!(["CREDIT", "DEBIT", "COMBO", "MULTIPLE"]), &[]),
        field("dual_message_debit", json!("boolean"), &[]),
    ];
    let response = schema::<CardResponse>();
    let required = ["program", "id", "status", "contactless_enabled", "type"];
    assert_eq!(check(&response, &required, &fields), 35);
    // The nested ids are strings (domain.md §8: "IDs as strings").
    assert_eq!(response["properties"]["program"]["properties"]["id"]["type"], "string");
}

#[test]
fn embossing_requests_have_the_seed_fields() {
    // domain.md §5 (S4, S5), §11.34, §11.36.
    let trigger = [
        field("config_id", json!("string"), &[]),
        field("programs", json!("array"), &[]),
        field("cards", json!("array"), &[]),
    ];
    let schema_of_trigger = schema::<StartEmbossing>();
    assert_eq!(check(&schema_of_trigger, &["config_id"], &trigger), 3);
    assert_eq!(schema_of_trigger["properties"]["config_id"]["format"], "uuid");
    assert_eq!(schema_of_trigger["properties"]["cards"]["anyOf"][0]["items"]["type"], "integer");
    let resend = [field("cards", json!("array"), &[])];
    let schema_of_resend = schema::<Reembossing>();
    assert_eq!(check(&schema_of_resend, &["cards"], &resend), 1);
    assert_eq!(schema_of_resend["properties"]["cards"]["items"]["minimum"], 1);
}

#[test]
fn error_body_has_the_documented_fields() {
    // domain.md §10: message, error, status, and error_code (absent on the S4/S5 bodies).
    let fields = [
        field("message", json!("string"), &[]),
        field("error", json!("string"), &[]),
        field("status", json!("integer"), &[]),
        field("error_code", json!("string"), &[]),
    ];
    assert_eq!(check(&schema::<ErrorBody>(), &["message", "error", "status"], &fields), 4);
}

#[test]
fn every_optional_field_also_takes_null() {
    // domain.md §11.53: `null` in an optional field is the field absent, in every body; the
    // schema says so, or a client generated from it could not send what the API accepts.
    for schema in [
        schema::<CreateCard>(),
        schema::<StartEmbossing>(),
        schema::<Reembossing>(),
        schema::<ChangeCardPassword>(),
        schema::<ReissueCard>(),
        schema::<RenewExpiration>(),
        schema::<RenewValidity>(),
        schema::<IncreasePasswordTries>(),
        schema::<UpdateCardInformation>(),
    ] {
        let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for (name, property) in schema["properties"].as_object().unwrap() {
            let takes_null = property["anyOf"].as_array().is_some_and(|any| any.contains(&json!({ "type": "null" })));
            assert_eq!(takes_null, !required.contains(&name.as_str()), "{name}: {property}");
        }
    }
}

#[test]
fn the_bodies_of_a_cards_whole_life_have_their_fields() {
    // domain.md §11.25/§11.58 (password), §12.39–41 (reissue), §12.45–48.
    let password = [field("password", json!("string"), &[])];
    let password_schema = schema::<ChangeCardPassword>();
    assert_eq!(check(&password_schema, &["password"], &password), 1);
    assert_eq!(password_schema["properties"]["password"]["pattern"], "^([0-9]{4}|[0-9]{6})$");
    let reissue = [
        field("reason_id", json!("integer"), &[("minimum", 1)]),
        field("printed_name", json!("string"), &[("minLength", 2), ("maxLength", 26)]),
        field("update_tokens", json!("boolean"), &[]),
        field("status", json!(["UNNUMBERED"]), &[]),
        field("brand", json!("string"), &[]),
    ];
    assert_eq!(check(&schema::<ReissueCard>(), &["reason_id"], &reissue), 5);
    let expiration = [field("new_expiration_date", json!("string"), &[])];
    assert_eq!(check(&schema::<RenewExpiration>(), &["new_expiration_date"], &expiration), 1);
    let validity = [field("validity_period_hours", json!("integer"), &[("minimum", 1), ("maximum", 4_294_967_295)])];
    assert_eq!(check(&schema::<RenewValidity>(), &["validity_period_hours"], &validity), 1);
    let tries = [field("block_card_exceeds_counter", json!("boolean"), &[])];
    assert_eq!(check(&schema::<IncreasePasswordTries>(), &["block_card_exceeds_counter"], &tries), 1);
    // Update card information: nothing required, but at least one of its six fields.
    let information = [
        field("name", json!("string"), &[("minLength", 1), ("maxLength", 50)]),
        field("transaction_limit", json!("string"), &[]),
        field("printed_name", json!("string"), &[("minLength", 2), ("maxLength", 26)]),
        field("contactless_enabled", json!("boolean"), &[]),
        field("abu_enabled", json!("boolean"), &[]),
        field("metadata", json!("object"), &[]),
    ];
    let information_schema = schema::<UpdateCardInformation>();
    assert_eq!(check(&information_schema, &[], &information), 6);
    let alternatives: Vec<&Value> =
        information_schema["anyOf"].as_array().unwrap().iter().map(|alternative| &alternative["required"][0]).collect();
    let six = ["name", "transaction_limit", "printed_name", "contactless_enabled", "abu_enabled", "metadata"];
    assert_eq!(alternatives, six.iter().map(|name| json!(name)).collect::<Vec<_>>().iter().collect::<Vec<_>>());
}
