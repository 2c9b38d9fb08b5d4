//! `/openapi.json`: the API's operations with the crate's request and response schemas.

use axum::Json;
use serde_json::{Value, json};

use card_lifecycle::request::{
    ChangeCardPassword, CreateCard, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity,
    UpdateCardInformation, UpdateCardStatus,
};
use card_lifecycle::wire::{CardResponse, CreateCardResponse};
use card_lifecycle::{ErrorBody, Operation, Reembossing, StartEmbossing};

fn schema<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

/// Moves every schema's `$defs` into `components/schemas`, and its references with them, so
/// that every reference resolves from the document's root.
fn hoist(value: &mut Value, components: &mut serde_json::Map<String, Value>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(definitions)) = object.remove("$defs") {
                for (name, mut definition) in definitions {
                    hoist(&mut definition, components);
                    components.insert(name, definition);
                }
            }
            object.remove("$schema");
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                *reference = reference.replace("#/$defs/", "#/components/schemas/");
            }
            for item in object.values_mut() {
                hoist(item, components);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| hoist(item, components)),
        _ => {}
    }
}

/// The document.
pub(crate) async fn document() -> Json<Value> {
    let error = json!({ "description": "the API's error body", "content": { "application/json": { "schema": schema::<ErrorBody>() } } });
    let mut paths = serde_json::Map::new();
    for operation in <Operation as strum::IntoEnumIterator>::iter() {
        let Some((method, path)) = operation.route() else { continue };
        let request = match operation {
            Operation::PostV2Card => Some(schema::<CreateCard>()),
            Operation::PutV1CardStatus => Some(schema::<UpdateCardStatus>()),
            Operation::StartEmbossing => Some(schema::<StartEmbossing>()),
            Operation::StartReembossing => Some(schema::<Reembossing>()),
            Operation::PutV2CardPassword => Some(schema::<ChangeCardPassword>()),
            Operation::PostV1CardReissue => Some(schema::<ReissueCard>()),
            Operation::PatchV2CardExpirationRenew => Some(schema::<RenewExpiration>()),
            Operation::PatchV2CardValidityRenew => Some(schema::<RenewValidity>()),
            Operation::PostV2CardPasswordIncrease => Some(schema::<IncreasePasswordTries>()),
            Operation::PatchV2Card => Some(schema::<UpdateCardInformation>()),
            _ => None,
        };
        let ok = match operation {
            Operation::PostV2Card | Operation::PostV1CardReissue => Some(schema::<CreateCardResponse>()),
            Operation::PutV1CardStatus | Operation::PatchV2Card => Some(schema::<CardResponse>()),
            _ => None,
        };
        let status = operation.success_status().unwrap_or(200).to_string();
        let mut responses = serde_json::Map::new();
        responses.insert(
            status,
            match ok {
                Some(schema) => {
                    json!({ "description": "accepted", "content": { "application/json": { "schema": schema } } })
                }
                None => json!({ "description": "accepted" }),
            },
        );
        responses.insert("default".to_owned(), error.clone());
        let parameters: Vec<Value> = ["customerId", "accountId", "cardId"]
            .into_iter()
            .filter(|name| path.contains(&format!("{{{name}}}")))
            // Ids from 1 to 2^63 - 1, written as the paths write them.
            .map(|name| {
                json!({ "name": name, "in": "path", "required": true,
                "schema": { "type": "string", "pattern": "^[1-9][0-9]{0,17}$" } })
            })
            .collect();
        let mut parameters = parameters;
        if operation == Operation::PostV2Card {
            parameters.push(json!({ "name": "x-customer-id", "in": "header", "required": true,
                "schema": { "type": "string", "pattern": "^[1-9][0-9]{0,17}$" } }));
            parameters.push(json!({ "name": "x-idempotency-key", "in": "header", "required": false,
                "schema": { "type": "string", "maxLength": 36 } }));
        }
        let mut entry = json!({ "operationId": operation.as_str(), "summary": operation.title(), "parameters": parameters, "responses": responses });
        if let Some(schema) = request {
            entry["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema } } });
        }
        let item = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
        item[method.to_lowercase()] = entry;
    }
    let mut paths = Value::Object(paths);
    let mut components = serde_json::Map::new();
    hoist(&mut paths, &mut components);
    Json(json!({
        "openapi": "3.1.0",
        "info": { "title": "card-lifecycle reference service", "version": env!("CARGO_PKG_VERSION") },
        "paths": paths,
        "components": { "schemas": components },
    }))
}
