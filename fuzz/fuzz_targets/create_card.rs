//! Any bytes as a Create card body: a card or a 400/409, never a panic; the byte and tree
//! parsers agree, and an accepted body writes back to a request that parses to itself.
#![no_main]

use card_lifecycle::{Context, CreateCardInput, Error, create_card};
use card_lifecycle::lifecycle::Customer;
use card_lifecycle::request::CreateCard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The byte-level parser and the tree parser agree, and a request writes back to itself.
    let from_bytes = CreateCard::from_slice(data);
    if let Err(error) = &from_bytes {
        assert_eq!(Error::from(error.clone()).http_status(), 400);
    }
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if let Ok(request) = CreateCard::parse(&body) {
        assert_eq!(CreateCard::parse(&request.to_body()).unwrap(), request);
        // The byte parser also refuses a repeated field, which a JSON tree silently merges.
        if let Ok(from_bytes) = &from_bytes {
            assert_eq!(from_bytes, &request);
        }
    }
    let name = body.get("name").and_then(|name| name.as_str()).map(str::to_owned);
    let input = CreateCardInput { customer: Customer { name: name.clone(), social_name: name }, ..CreateCardInput::default() };
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let decision = CreateCard::parse(&body)
        .map_err(Error::from)
        .and_then(|request| create_card(&request, &input, &Context::new(now)).map_err(Error::from));
    match decision {
        Ok(accepted) => assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card created"]),
        Err(error) => assert!(matches!(error.http_status(), 400 | 409), "{error}"),
    }
});
