//! Who may call (domain.md §13.60–63), as the crate decides it from already-verified claims: the
//! 403s judged from the method, path and headers alone, which cards a token may see, and the
//! documented 401 and 403 bodies. Every expectation is written from §13.

use card_lifecycle::auth::AuthError;
use card_lifecycle::{AccountId, Claims, CustomerId, Error, Owner};

const STATUS_PATH: &str = "/wallet/v1/customers/7/accounts/1/cards/9/status";

fn account() -> Claims {
    Claims::new(Some(AccountId::new(1).unwrap()), Some(CustomerId::new(7).unwrap()), "")
}

fn issuer() -> Claims {
    Claims::new(Some(AccountId::new(1).unwrap()), None, "cards:read embossing:write")
}

/// Whether the claims pass the 403 checks for this request, with `x-customer-id` as given.
fn allowed(claims: Claims, method: &str, path: &str, customer_header: Option<&str>) -> bool {
    match claims.authorize(method, path, |name| if name == "x-customer-id" { customer_header } else { None }) {
        Ok(()) => true,
        Err(AuthError::Forbidden { .. }) => false,
        Err(other) => panic!("only 403 is judged from the path: {other:?}"),
    }
}

#[test]
fn an_account_token_reaches_only_its_own_account_and_customer_paths() {
    // §13.61: a path whose accountId (or customerId) differs from the token's is 403.
    assert!(allowed(account(), "PUT", STATUS_PATH, None));
    assert!(!allowed(account(), "PUT", "/wallet/v1/customers/7/accounts/2/cards/9/status", None));
    assert!(!allowed(account(), "PUT", "/wallet/v1/customers/8/accounts/1/cards/9/status", None));
    // A token that names no customer has no customer to differ from.
    let no_customer = Claims::new(Some(AccountId::new(1).unwrap()), None, "");
    assert!(allowed(no_customer, "PUT", "/wallet/v1/customers/8/accounts/1/cards/9/status", None));
    // A token without an account reaches no account path.
    let no_account = Claims::new(None, None, "");
    assert!(!allowed(no_account, "PUT", STATUS_PATH, None));
}

#[test]
fn issuer_wide_operations_need_the_issuer_scope() {
    // §13.62: Start card embossing and Resend cards for embossing; Add to embossing takes either.
    for (method, path) in [("POST", "/embossing/v1/triggers/embossing"), ("POST", "/embossing/v1/cards/reembossing")] {
        assert!(!allowed(account(), method, path, None), "{path}");
        assert!(allowed(issuer(), method, path, None), "{path}");
    }
    assert!(allowed(account(), "PUT", "/embossing/v1/cards/9/embossing", None));
    assert!(allowed(issuer(), "PUT", "/embossing/v1/cards/9/embossing", None));
}

#[test]
fn the_scope_claim_is_a_list_of_words() {
    assert!(Claims::new(None, None, "embossing:write").issuer);
    assert!(Claims::new(None, None, "cards:read embossing:write").issuer);
    assert!(!Claims::new(None, None, "embossing:writer").issuer);
    assert!(!Claims::new(None, None, "").issuer);
}

#[test]
fn create_card_needs_the_tokens_account_and_customer() {
    // §13.61: Create card needs the token's account; x-customer-id must be the token's customer.
    assert!(allowed(account(), "POST", "/wallet/v2/cards", Some("7")));
    assert!(!allowed(account(), "POST", "/wallet/v2/cards", Some("8")));
    assert!(!allowed(Claims::new(None, Some(CustomerId::new(7).unwrap()), ""), "POST", "/wallet/v2/cards", Some("7")));
    let no_customer = Claims::new(Some(AccountId::new(1).unwrap()), None, "");
    assert!(allowed(no_customer, "POST", "/wallet/v2/cards", Some("8")));
}

#[test]
fn a_path_the_api_does_not_have_is_left_to_the_servers_404() {
    assert!(allowed(account(), "GET", "/nothing/here", None));
    assert!(allowed(account(), "DELETE", STATUS_PATH, None));
}

#[test]
fn a_card_of_another_account_is_not_seen_and_the_issuer_sees_every_card() {
    // §13.61: answered as if it did not exist (404).
    let own = Owner { customer_id: CustomerId::new(7).unwrap(), account_id: AccountId::new(1).unwrap() };
    let other = Owner { customer_id: CustomerId::new(7).unwrap(), account_id: AccountId::new(2).unwrap() };
    assert!(account().may_see(own));
    assert!(!account().may_see(other));
    assert!(!Claims::new(None, None, "").may_see(own));
    assert!(Claims::new(None, None, "embossing:write").may_see(other));
}

#[test]
fn the_401_and_403_bodies_are_the_documented_ones() {
    // §13.60–61, byte for byte.
    let unauthorized = Error::from(AuthError::Unauthorized);
    assert_eq!(unauthorized.http_status(), 401);
    assert_eq!(
        serde_json::to_string(&unauthorized.to_body()).unwrap(),
        r#"{"message":"Access token is missing or invalid","error":"unauthorized","status":401,"error_code":""}"#
    );
    let forbidden = Error::from(
        account().authorize("PUT", "/wallet/v1/customers/7/accounts/2/cards/9/status", |_| None).unwrap_err(),
    );
    assert_eq!(forbidden.http_status(), 403);
    assert_eq!(
        serde_json::to_string(&forbidden.to_body()).unwrap(),
        r#"{"message":"You don't have permission to access this resource","error":"forbidden","status":403,"error_code":""}"#
    );
}
