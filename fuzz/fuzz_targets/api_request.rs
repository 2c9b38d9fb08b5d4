//! Any method, path, headers and body as an API request: a typed request, the server's own 404
//! (no route), or the API's 400; never a panic, and a path the table routes always parses to
//! its operation.
#![no_main]

use card_lifecycle::{ApiRequest, Error};
use libfuzzer_sys::fuzz_target;

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fuzz_target!(|data: &[u8]| {
    // method byte, then path, headers and body separated by NUL bytes.
    let Some((&method, rest)) = data.split_first() else { return };
    let method = METHODS[usize::from(method) % METHODS.len()];
    let mut parts = rest.splitn(4, |byte| *byte == 0);
    let path = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let customer = parts.next().map(|bytes| String::from_utf8_lossy(bytes).into_owned());
    let key = parts.next().map(|bytes| String::from_utf8_lossy(bytes).into_owned());
    let body = parts.next().unwrap_or_default();
    let header = |name: &str| match name {
        "x-customer-id" => customer.as_deref(),
        "x-idempotency-key" => key.as_deref(),
        _ => None,
    };
    if let Some(Err(error)) = ApiRequest::parse(method, &path, header, body) {
        let error: Error = error;
        assert!(matches!(error.http_status(), 400 | 404), "{error}");
    }
});
