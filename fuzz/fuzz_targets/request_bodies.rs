//! Any bytes as the body, path id and headers of every request, and as the text of every value
//! type: a typed value or a 400, never a panic.
#![no_main]

use card_lifecycle::{CardId, CardStatus, CustomerId, Error, Reembossing, StartEmbossing};
use card_lifecycle::request::{ChangeCardPassword, IdempotencyKey, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity, UpdateCardInformation, UpdateCardStatus};
use card_lifecycle::value::{ExpirationDate, PrintedName};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for error in [
        UpdateCardStatus::from_slice(data).err().map(Error::from),
        Reembossing::from_slice(data).err().map(Error::from),
        StartEmbossing::from_slice(data).err().map(Error::from),
        ChangeCardPassword::from_slice(data).err().map(Error::from),
        ReissueCard::from_slice(data).err().map(Error::from),
        RenewExpiration::from_slice(data).err().map(Error::from),
        RenewValidity::from_slice(data).err().map(Error::from),
        IncreasePasswordTries::from_slice(data).err().map(Error::from),
        UpdateCardInformation::from_slice(data).err().map(Error::from),
    ]
    .into_iter()
    .flatten()
    {
        assert_eq!(error.http_status(), 400, "{error}");
    }
    let text = String::from_utf8_lossy(data);
    let _ = text.parse::<CardStatus>();
    let _ = ExpirationDate::parse(&text);
    if let Err(error) = text.parse::<CardId>() {
        assert_eq!(Error::from(error).http_status(), 400);
    }
    if let Err(error) = CustomerId::from_header(Some(&text)) {
        assert_eq!(Error::from(error).http_status(), 400);
    }
    if let Err(error) = IdempotencyKey::from_header(Some(&text)) {
        assert_eq!(Error::from(error).http_status(), 400);
    }
    if let Ok(name) = PrintedName::normalize(&text) {
        assert_eq!(PrintedName::normalize(name.as_str()).unwrap(), name);
    }
});
