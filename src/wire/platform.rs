//! What the platform knows of a card and the crate does not decide: its owner's ids, the
//! values derived from its PAN, counters and tracking (domain.md §8). A response or an event
//! carries them as the caller gives them.
//!
//! Layer `wire`; the layers are listed in `lib.rs`.

use crate::value::ids::{AccountId, CustomerId, Owner};
use crate::value::mode::Mode;

/// A value derived from the card number (its hash, BIN, first or last digits): serialized as
/// it is, but never shown by `Debug`, so it stays out of logs.
///
/// ```
/// use card_lifecycle::wire::PanDerived;
/// let last_4 = PanDerived::new("1234");
/// assert_eq!(format!("{last_4:?}"), "PanDerived(..)");
/// assert_eq!(serde_json::to_string(&last_4)?, r#""1234""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct PanDerived(String);

impl PanDerived {
    /// Wraps the value.
    #[must_use]
    pub fn new(value: &str) -> Self {
        Self(value.to_owned())
    }

    /// The value, for the one place that needs it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PanDerived {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("PanDerived(..)")
    }
}

/// What only the platform knows about a card: where it sits in the account tree, what its PAN
/// gives, and its counters (domain.md §8). The caller fills what it has; the crate never
/// invents any of it, and an absent field is left out of the response.
///
/// ```
/// use card_lifecycle::{AccountId, PlatformFields};
/// use card_lifecycle::wire::PanDerived;
/// let mut platform = PlatformFields::default();
/// platform.account_id = Some(AccountId::new(77)?);
/// platform.last_4_digits = Some(PanDerived::new("1234"));
/// assert!(!format!("{platform:?}").contains("1234"));
/// # Ok::<(), card_lifecycle::value::IdRangeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlatformFields {
    /// The Pismo account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// The Pismo customer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// The org (tenant) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The hashed PAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<PanDerived>,
    /// The PAN's last 4 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_4_digits: Option<PanDerived>,
    /// The PAN's first 4 digits (deprecated by the API, use `bin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_4_digits: Option<PanDerived>,
    /// The BIN, 6 or 8 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<PanDerived>,
    /// The chip's application transaction counter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atc: Option<String>,
    /// How many transactions the card made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_transactions: Option<u64>,
    /// The embosser file's tracking id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// The migration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration_id: Option<String>,
    /// The noname bulk the card came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk_id: Option<String>,
    /// The client's id for the card, at most 255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The program's mode: `CREDIT`, `DEBIT`, `COMBO` or `MULTIPLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Debit transactions are dual-message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dual_message_debit: Option<bool>,
}

impl PlatformFields {
    /// What the platform knows of every card: its owner's customer and account; the rest is
    /// absent until the caller fills it.
    ///
    /// ```
    /// use card_lifecycle::{AccountId, CustomerId, Owner, PlatformFields};
    /// let owner = Owner { customer_id: CustomerId::new(7)?, account_id: AccountId::new(70)? };
    /// let mut platform = PlatformFields::of(owner);
    /// platform.org_id = Some("TN-1".to_owned());
    /// assert_eq!((platform.customer_id, platform.account_id), (Some(owner.customer_id), Some(owner.account_id)));
    /// # Ok::<(), card_lifecycle::value::IdRangeError>(())
    /// ```
    #[must_use]
    pub fn of(owner: Owner) -> Self {
        Self { customer_id: Some(owner.customer_id), account_id: Some(owner.account_id), ..Self::default() }
    }
}
