//! The test hooks' contract (vectors.md "Running against a server"): the bodies a server under
//! test reads and writes under `{hooks}`, as types, so a Rust server implements the hooks in a
//! few lines. A server in any language implements the same JSON (docs/vectors.md).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use card_lifecycle::CardId;

/// Every hook a server may offer, by its name in `GET {hooks}/`: the seven of vectors.md, and
/// two optional additions (docs/vectors.md): `reasons` (`PUT {hooks}/reasons/{reason_id}` with
/// `{"must_block": bool}`, the issuer's reissue reason) and `ids` (`PUT {hooks}/ids` with
/// `{"next": id}`, the id of the next card the server creates).
pub const HOOKS: [&str; 9] = ["reset", "context", "clock", "cards", "events", "ingress", "elapse", "reasons", "ids"];

/// `GET {hooks}/`: the hooks the server offers.
///
/// ```
/// use card_lifecycle_spec::HookList;
/// let list: HookList = serde_json::from_str(r#"{ "hooks": ["reset", "cards"] }"#)?;
/// assert!(list.offers("cards") && !list.offers("clock"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookList {
    /// The names of the hooks offered.
    pub hooks: BTreeSet<String>,
}

impl HookList {
    /// Every hook.
    #[must_use]
    pub fn all() -> Self {
        Self { hooks: HOOKS.iter().map(|hook| (*hook).to_owned()).collect() }
    }

    /// Whether the server offers `hook`.
    #[must_use]
    pub fn offers(&self, hook: &str) -> bool {
        self.hooks.contains(hook)
    }
}

/// `PUT {hooks}/clock`: the server's clock reads `now` until the next call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// The instant.
    pub now: DateTime<Utc>,
}

/// One entry of `GET {hooks}/events?after=N`: an event the server published.
///
/// ```
/// use card_lifecycle_spec::HookEvent;
/// let event: HookEvent = serde_json::from_str(r#"{ "seq": 3, "name": "Card updated", "card_id": 9, "payload": {} }"#)?;
/// assert_eq!(event.seq, 3);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HookEvent {
    /// Its place in the server's event order, from 1.
    pub seq: u64,
    /// Its display name.
    pub name: String,
    /// The card it is about; `null` for a run's summary.
    pub card_id: Option<CardId>,
    /// The envelope's payload.
    pub payload: Value,
}

/// `PUT {hooks}/reasons/{reason_id}`: how the issuer configured a reissue reason (an optional
/// addition to the hooks, docs/vectors.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonHook {
    /// The reason cancels a `PLASTIC` card at once.
    pub must_block: bool,
}

/// `PUT {hooks}/ids`: the id the next card the server creates gets (an optional addition to
/// the hooks, docs/vectors.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextId {
    /// The id.
    pub next: CardId,
}
