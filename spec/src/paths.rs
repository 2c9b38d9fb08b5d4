//! The method and path of each operation's API request (vectors.md "Running against a server"),
//! and the reverse: which operation a request to a path is. A server under test may map its own
//! paths with `--paths FILE`.

use std::collections::BTreeMap;

use card_lifecycle::Operation;

/// The request line of an operation: its method and path template (`{cardId}`, `{customerId}`,
/// `{accountId}`); `None` for the steps that are no request (`elapse`, the ingress).
///
/// ```
/// use card_lifecycle::Operation;
/// use card_lifecycle_spec::route;
/// assert_eq!(route(Operation::PutV1CardActivate),
///     Some(("PUT", "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}/activate")));
/// assert_eq!(route(Operation::Elapse), None);
/// ```
#[must_use]
pub const fn route(operation: Operation) -> Option<(&'static str, &'static str)> {
    operation.route()
}

/// The routes of every operation, with `overrides` (operation id → path template) replacing the
/// table's paths.
#[must_use]
pub fn routes(overrides: &BTreeMap<String, String>) -> std::collections::HashMap<Operation, (&'static str, String)> {
    <Operation as strum::IntoEnumIterator>::iter()
        .filter_map(|operation| {
            let (method, path) = route(operation)?;
            let path = overrides.get(operation.as_str()).cloned().unwrap_or_else(|| path.to_owned());
            Some((operation, (method, path)))
        })
        .collect()
}

/// The path values of a request, by name (`cardId`, `customerId`, `accountId`).
pub type PathParams = BTreeMap<String, String>;

/// Which operation a request is, by its method and path, with its path values: what a server
/// built on this table routes by.
///
/// ```
/// use card_lifecycle::Operation;
/// use card_lifecycle_spec::match_route;
/// let (operation, params) = match_route("PUT", "/wallet/v2/cards/12/password").ok_or("routed")?;
/// assert_eq!(operation, Operation::PutV2CardPassword);
/// assert_eq!(params.get("cardId").map(String::as_str), Some("12"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn match_route(method: &str, path: &str) -> Option<(Operation, PathParams)> {
    let path = path.split('?').next().unwrap_or(path);
    <Operation as strum::IntoEnumIterator>::iter().find_map(|operation| {
        let (expected, template) = route(operation)?;
        if expected != method {
            return None;
        }
        let wanted: Vec<&str> = template.split('/').collect();
        let got: Vec<&str> = path.split('/').collect();
        if wanted.len() != got.len() {
            return None;
        }
        let mut params = PathParams::new();
        for (wanted, got) in wanted.iter().zip(&got) {
            match wanted.strip_prefix('{').and_then(|name| name.strip_suffix('}')) {
                Some(name) => {
                    params.insert(name.to_owned(), (*got).to_owned());
                }
                None if wanted == got => {}
                None => return None,
            }
        }
        Some((operation, params))
    })
}
