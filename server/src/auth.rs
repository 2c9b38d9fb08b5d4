//! Who may call (domain.md §13): every API request carries `Authorization: Bearer <JWT>`,
//! verified here (HS256 with a shared secret, or RS256/ES256 with a public key; `exp` against the
//! service's clock, the test clock when the hooks are on). What the claims allow is the crate's
//! (`Claims::authorize`, `Claims::may_see`), in §13.63's order: 401, then 403, then the request.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use card_lifecycle::auth::AuthError;
use card_lifecycle::{AccountId, Claims, CustomerId, Error, HttpResponse};

use crate::App;

/// How the service checks tokens.
#[derive(Clone)]
pub enum TokenCheck {
    /// No check (`--insecure-no-auth`): every caller is let through.
    Off,
    /// Tokens signed with this key, under this algorithm.
    Key {
        /// The key that verifies.
        key: DecodingKey,
        /// HS256, RS256 or ES256.
        algorithm: Algorithm,
    },
}

impl std::fmt::Debug for TokenCheck {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Off => formatter.write_str("Off"),
            Self::Key { algorithm, .. } => write!(formatter, "Key({algorithm:?})"),
        }
    }
}

/// A token's claims as the service reads them (§13.60).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    /// The account the token was issued for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// The customer it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// Space-separated scopes; `embossing:write` for issuer-wide operations.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: i64,
}

impl TokenClaims {
    fn claims(&self) -> Claims {
        Claims::new(self.account_id, self.customer_id, &self.scope)
    }
}

impl TokenCheck {
    /// A shared HS256 secret.
    ///
    /// # Errors
    ///
    /// The secret is empty.
    pub fn secret(secret: &[u8]) -> Result<Self, String> {
        let key = DecodingKey::from_secret(secret).map_err(|error| format!("the token secret: {error}"))?;
        Ok(Self::Key { key, algorithm: Algorithm::HS256 })
    }

    /// A PEM public key: RSA (RS256) or EC P-256 (ES256).
    ///
    /// # Errors
    ///
    /// The PEM is neither.
    pub fn public_key(pem: &[u8]) -> Result<Self, String> {
        DecodingKey::from_rsa_pem(pem)
            .map(|key| Self::Key { key, algorithm: Algorithm::RS256 })
            .or_else(|_| DecodingKey::from_ec_pem(pem).map(|key| Self::Key { key, algorithm: Algorithm::ES256 }))
            .map_err(|error| format!("not an RSA or EC public key: {error}"))
    }

    /// The claims of `header`'s bearer token, verified at `now`.
    ///
    /// # Errors
    ///
    /// [`AuthError::Unauthorized`]: no header, not a bearer JWT, a bad signature, or expired.
    pub fn verify(&self, header: Option<&str>, now: i64) -> Result<Option<Claims>, AuthError> {
        let Self::Key { key, algorithm } = self else { return Ok(None) };
        let token = header.and_then(|value| value.strip_prefix("Bearer ")).ok_or(AuthError::Unauthorized)?;
        let mut validation = Validation::new(*algorithm);
        // The expiry is judged against the service's clock below, not the system's.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let data = jsonwebtoken::decode::<TokenClaims>(token, key, &validation).map_err(|_| AuthError::Unauthorized)?;
        if data.claims.exp <= now {
            return Err(AuthError::Unauthorized);
        }
        Ok(Some(data.claims.claims()))
    }
}

/// Signs a token with an HS256 `secret`: what a run started without a key logs for trying it.
#[must_use]
pub fn sign(secret: &[u8], claims: &TokenClaims) -> String {
    EncodingKey::from_secret(secret)
        .and_then(|key| jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key))
        .unwrap_or_default()
}

/// The paths outside the API that need no token.
fn open(path: &str) -> bool {
    path == "/health" || path == "/openapi.json" || path.starts_with("/__spec")
}

/// The middleware: 401 and 403 before the request is read (§13.63); the claims go on to the
/// handler, which answers a card of another account 404.
pub(crate) async fn check(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    if open(request.uri().path()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let authorization = headers.get("authorization").and_then(|value| value.to_str().ok());
    let now = app.context().now.timestamp();
    let claims = match app.tokens.verify(authorization, now) {
        Ok(claims) => claims,
        Err(error) => return refused(&error.into()),
    };
    if let Some(claims) = claims {
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        if let Err(error) = claims.authorize(request.method().as_str(), request.uri().path(), header) {
            tracing::info!(%error, "forbidden");
            return refused(&error.into());
        }
        request.extensions_mut().insert(claims);
    }
    next.run(request).await
}

fn refused(error: &Error) -> Response {
    axum::http::Response::<Vec<u8>>::from(HttpResponse::error(error)).map(axum::body::Body::from)
}

#[cfg(test)]
mod tests {
    use super::{TokenCheck, TokenClaims, sign};

    #[test]
    fn any_authorization_header_is_a_token_or_a_401_never_a_panic() {
        let check = TokenCheck::secret(b"key").unwrap();
        let good = sign(
            b"key",
            &TokenClaims { account_id: Some(card_lifecycle::AccountId::MIN), exp: 100, ..TokenClaims::default() },
        );
        assert!(check.verify(Some(&format!("Bearer {good}")), 99).unwrap().is_some());
        assert!(check.verify(Some(&format!("Bearer {good}")), 100).is_err(), "expired at exp itself");
        let other = sign(
            b"other",
            &TokenClaims { account_id: Some(card_lifecycle::AccountId::MIN), exp: 100, ..TokenClaims::default() },
        );
        let mut headers: Vec<String> = vec![
            String::new(),
            "Bearer".into(),
            "Bearer ".into(),
            "bearer x.y.z".into(),
            format!("Bearer {other}"),
            format!("Bearer {good}x"),
            "Bearer a.b".into(),
            "Bearer ....".into(),
            "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.".into(),
        ];
        // Every prefix of a valid token, and every byte flipped.
        headers.extend((0..good.len()).map(|end| format!("Bearer {}", &good[..end])));
        headers.extend((0..good.len()).map(|at| {
            let mut bytes = good.clone().into_bytes();
            bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            format!("Bearer {}", String::from_utf8_lossy(&bytes))
        }));
        for header in &headers {
            assert!(check.verify(Some(header), 99).is_err(), "{header}");
        }
        assert!(check.verify(None, 99).is_err());
    }

    #[test]
    fn a_token_naming_an_id_outside_the_platform_range_is_a_401() {
        // §11.36: ids are 1 to 2^63 - 1; a token for account 0 must not pass as a token that
        // names no account (which would reach every account).
        let check = TokenCheck::secret(b"key").unwrap();
        let key = jsonwebtoken::EncodingKey::from_secret(b"key").unwrap();
        let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        for claims in [
            serde_json::json!({ "account_id": 0, "exp": 100 }),
            serde_json::json!({ "customer_id": 0, "exp": 100 }),
            serde_json::json!({ "account_id": 9_223_372_036_854_775_808_u64, "exp": 100 }),
        ] {
            let token = jsonwebtoken::encode(&header, &claims, &key).unwrap();
            assert!(check.verify(Some(&format!("Bearer {token}")), 99).is_err(), "{claims}");
        }
        let token = jsonwebtoken::encode(&header, &serde_json::json!({ "account_id": 1, "exp": 100 }), &key).unwrap();
        assert!(check.verify(Some(&format!("Bearer {token}")), 99).unwrap().is_some());
    }
}
