//! Who may call (domain.md §13): the API's 401 and 403, and the checks that need no IO, over
//! the claims of a token the server has already verified (signature, expiry). The order is
//! §13.63's: 401 before anything else, then 403 from the path and headers alone, then the
//! request itself; a card of another account is answered as if it did not exist (404).
//!
//! Layer `auth`; the layers are listed in `lib.rs`.

use crate::operation::Operation;
use crate::rule::Rule;
use crate::value::ids::AccountId;
use crate::value::ids::CustomerId;
use crate::value::ids::Owner;

/// The scope that lets a token run issuer-wide operations (§13.62).
pub const ISSUER_SCOPE: &str = "embossing:write";

/// What a verified token says of its caller (§13.60–62).
///
/// ```
/// use card_lifecycle::{AccountId, Claims, CustomerId};
/// let claims = Claims::new(Some(AccountId::new(1)?), Some(CustomerId::new(7)?), "embossing:write");
/// assert!(claims.issuer);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Claims {
    /// The account the token was issued for (`account_id`).
    pub account_id: Option<AccountId>,
    /// The customer it names, if any (`customer_id`).
    pub customer_id: Option<CustomerId>,
    /// Its `scope` contains `embossing:write`.
    pub issuer: bool,
}

impl Claims {
    /// The claims of a token: its account, customer and `scope` (space-separated).
    #[must_use]
    pub fn new(account_id: Option<AccountId>, customer_id: Option<CustomerId>, scope: &str) -> Self {
        Self { account_id, customer_id, issuer: scope.split_whitespace().any(|scope| scope == ISSUER_SCOPE) }
    }

    /// §13.61: whether the caller may see this card. A card of another account is answered as
    /// if it did not exist; an issuer token sees every card.
    ///
    /// ```
    /// use card_lifecycle::{AccountId, Claims, CustomerId, Owner};
    /// let claims = Claims::new(Some(AccountId::new(1)?), None, "");
    /// assert!(claims.may_see(Owner { customer_id: CustomerId::new(7)?, account_id: AccountId::new(1)? }));
    /// assert!(!claims.may_see(Owner { customer_id: CustomerId::new(7)?, account_id: AccountId::new(2)? }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn may_see(&self, owner: Owner) -> bool {
        self.issuer || self.account_id == Some(owner.account_id)
    }

    /// §13.61–63: the 403s judged from the request's method, path and headers alone, before
    /// its body: a path whose `accountId` or `customerId` is not the token's; an issuer-wide
    /// operation without the issuer scope; Create card without the token's account, or with an
    /// `x-customer-id` that is not the token's customer. A path the API does not have passes
    /// (the server's own 404 answers it).
    ///
    /// # Errors
    ///
    /// [`AuthError::Forbidden`].
    ///
    /// ```
    /// use card_lifecycle::{AccountId, Claims, CustomerId};
    /// let account = Claims::new(Some(AccountId::new(1)?), Some(CustomerId::new(7)?), "");
    /// assert!(account.authorize("PUT", "/wallet/v1/customers/7/accounts/1/cards/9/status", |_| None).is_ok());
    /// assert!(account.authorize("PUT", "/wallet/v1/customers/7/accounts/2/cards/9/status", |_| None).is_err());
    /// assert!(account.authorize("POST", "/embossing/v1/triggers/embossing", |_| None).is_err());
    /// assert!(account.authorize("POST", "/wallet/v2/cards", |_| Some("8")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorize<'h>(
        &self,
        method: &str,
        path: &str,
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<(), AuthError> {
        let Some((operation, values)) = Operation::from_route(method, path) else { return Ok(()) };
        let value = |name: &str| values.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
        let differs = |sent: Option<&str>, own: Option<u64>| {
            sent.is_some_and(|sent| own.is_none_or(|own| sent != own.to_string()))
        };
        if differs(value("accountId"), self.account_id.map(AccountId::get)) {
            return Err(AuthError::Forbidden { reason: "the path's account is not the token's" });
        }
        if differs(value("customerId"), self.customer_id.map(CustomerId::get)) && self.customer_id.is_some() {
            return Err(AuthError::Forbidden { reason: "the path's customer is not the token's" });
        }
        match operation {
            Operation::StartEmbossing | Operation::StartReembossing if !self.issuer => {
                Err(AuthError::Forbidden { reason: "an issuer-wide operation needs the issuer scope" })
            }
            Operation::PostV2Card if self.account_id.is_none() => {
                Err(AuthError::Forbidden { reason: "Create card needs an account token" })
            }
            Operation::PostV2Card
                if self.customer_id.is_some()
                    && differs(header("x-customer-id"), self.customer_id.map(CustomerId::get)) =>
            {
                Err(AuthError::Forbidden { reason: "x-customer-id is not the token's customer" })
            }
            _ => Ok(()),
        }
    }
}

/// Who may not call: the API's 401 and 403 (§13.60–61).
///
/// ```
/// use card_lifecycle::Error;
/// use card_lifecycle::auth::AuthError;
/// let body = Error::from(AuthError::Unauthorized).to_body();
/// assert_eq!(serde_json::to_string(&body)?,
///     r#"{"message":"Access token is missing or invalid","error":"unauthorized","status":401,"error_code":""}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// No token, or one that is not a JWT, badly signed or expired.
    #[error("{}", Rule::AuthUnauthorized.message())]
    Unauthorized,
    /// The token does not reach what the request names.
    #[error("{}: {reason}", Rule::AuthForbidden.message())]
    Forbidden {
        /// Why, for the logs; the body carries the documented message only.
        reason: &'static str,
    },
}

impl AuthError {
    /// The rule that refuses.
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::Unauthorized => Rule::AuthUnauthorized,
            Self::Forbidden { .. } => Rule::AuthForbidden,
        }
    }
}
