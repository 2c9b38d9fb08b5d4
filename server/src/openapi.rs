//! `/openapi.json`: the API's operations with the crate's request and response schemas.

use axum::Json;
use serde_json::{Value, json};

use card_lifecycle::{
    CardResponse, CreateCard, CreateCardResponse, ErrorBody, Operation, Reembossing, StartEmbossing, UpdateCardStatus,
};

fn schema<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
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
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
            .collect();
        let mut entry = json!({ "operationId": operation.as_str(), "summary": operation.title(), "parameters": parameters, "responses": responses });
        if let Some(schema) = request {
            entry["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema } } });
        }
        let item = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
        item[method.to_lowercase()] = entry;
    }
    Json(json!({
        "openapi": "3.1.0",
        "info": { "title": "card-lifecycle reference service", "version": env!("CARGO_PKG_VERSION") },
        "paths": paths,
    }))
}
