//! Any method, path and `x-customer-id` against any claims: `authorize` answers Ok or a 403,
//! never a panic.
#![no_main]

use card_lifecycle::{AccountId, Claims, CustomerId, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, u8, bool, &str, &str)| {
    let (account, customer, method, issuer, path, header) = input;
    let methods = ["GET", "POST", "PUT", "PATCH"];
    let claims = Claims::new(
        AccountId::new(u64::from(account)).ok(),
        CustomerId::new(u64::from(customer)).ok(),
        if issuer { "embossing:write" } else { "" },
    );
    if let Err(error) = claims.authorize(methods[usize::from(method) % 4], path, |_| Some(header)) {
        assert_eq!(Error::from(error).http_status(), 403);
    }
});
