//! Feature `http`: the crate's answers and requests as the `http` crate's types, so an axum or
//! hyper handler writes no conversion.
//!
//! Layer `wire`; the layers are listed in `lib.rs`.

use crate::error::Error;
use crate::wire::api::ApiRequest;
use crate::wire::response::HttpResponse;

impl From<HttpResponse> for ::http::Response<Vec<u8>> {
    /// The answer as an `http::Response`: its status, `content-type: application/json` when
    /// it has a body, and the body's bytes.
    ///
    /// ```
    /// use card_lifecycle::{HttpResponse, Operation};
    /// let response: http::Response<Vec<u8>> = HttpResponse::accepted(Operation::PostV2CardBind).into();
    /// assert_eq!(response.status(), 202);
    /// assert!(response.headers().get("content-type").is_none());
    /// ```
    fn from(answer: HttpResponse) -> Self {
        let json = !answer.body.is_empty();
        let mut response = Self::new(answer.body);
        *response.status_mut() =
            ::http::StatusCode::from_u16(answer.status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
        if json {
            response
                .headers_mut()
                .insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static("application/json"));
        }
        response
    }
}

impl ApiRequest {
    /// [`ApiRequest::parse`] for an `http::Request`: its method, path, headers and body.
    ///
    /// # Errors
    ///
    /// As [`ApiRequest::parse`]; a header whose value is not text counts as absent.
    ///
    /// ```
    /// use card_lifecycle::{ApiRequest, Operation};
    /// let request = http::Request::post("/wallet/v2/cards")
    ///     .header("x-customer-id", "7")
    ///     .body(br#"{"name": "Travel", "type": "TEMPORARY"}"#.to_vec())?;
    /// let parsed = ApiRequest::from_http(&request).ok_or("routed")??;
    /// assert_eq!(parsed.operation, Operation::PostV2Card);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_http<B: AsRef<[u8]>>(request: &::http::Request<B>) -> Option<Result<Self, Error>> {
        let headers = request.headers();
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        Self::parse(request.method().as_str(), request.uri().path(), header, request.body().as_ref())
    }
}
