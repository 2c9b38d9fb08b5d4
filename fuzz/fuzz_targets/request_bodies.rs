//! Any bytes as the body of every other request, and as the text of every value type: a value
//! or a typed 400, never a panic.
#![no_main]

use card_lifecycle::{CardStatus, Error, ExpirationDate, PrintedName, Reembossing, StartEmbossing, UpdateCardStatus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = text.parse::<CardStatus>();
        let _ = ExpirationDate::parse(text);
        if let Ok(name) = PrintedName::normalize(text) {
            assert_eq!(PrintedName::normalize(name.as_str()).unwrap(), name);
        }
    }
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    for error in [
        UpdateCardStatus::parse(&body).err().map(Error::from),
        Reembossing::parse(&body).err().map(Error::from),
        StartEmbossing::parse(&body).err().map(Error::from),
    ]
    .into_iter()
    .flatten()
    {
        assert_eq!(error.http_status(), 400, "{error}");
    }
});
