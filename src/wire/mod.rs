//! Layer `wire`: a whole HTTP exchange — one typed request for every operation read from
//! the method, path, headers and body, the answers rendered byte for byte, and (feature `http`)
//! the bridge to the `http` crate's types. It sits above the decisions and the umbrella error,
//! because an answer can be any of them.

pub(crate) mod api;
#[cfg(feature = "http")]
pub(crate) mod interop;
pub(crate) mod platform;
pub(crate) mod response;

pub use crate::wire::api::{ApiRequest, RequestBody};
pub use crate::wire::platform::{PanDerived, PlatformFields};
pub use crate::wire::response::{CardResponse, CreateCardResponse, HttpResponse, IdObject};
