//! What a server keeps to answer a repeated Create card (domain.md §7, §11.9).
//!
//! Layer `store`; the layers are listed in `lib.rs`.

use crate::card::Card;
use crate::request::headers::IdempotencyKey;
use crate::value::ids::CustomerId;
use crate::wire::response::CreateCardResponse;
use crate::wire::response::HttpResponse;

/// The first answer to a Create card that carried an `x-idempotency-key`, kept for that
/// customer and key (domain.md §11.9): a repeat with the same customer and key answers 200 with
/// the first body, whatever the new body says; another customer's same key is a new request.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, CustomerId, IdempotencyRecord};
/// use card_lifecycle::request::IdempotencyKey;
///
/// let first = Card::new(CardId::new(9)?, CardType::Virtual, CardStatus::Normal);
/// let key = IdempotencyKey::parse("order-1")?;
/// let record = IdempotencyRecord::new(CustomerId::new(77)?, key.clone(), &first);
/// assert!(record.answers(CustomerId::new(77)?, &key));
/// assert!(!record.answers(CustomerId::new(78)?, &key));
/// let replay = record.replay();
/// assert_eq!(replay.status, 200);
/// assert_eq!(replay.body, serde_json::to_vec(&record.first)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdempotencyRecord {
    /// The customer that sent the key (`x-customer-id`).
    pub customer: CustomerId,
    /// The key.
    pub key: IdempotencyKey,
    /// The body of the first answer.
    pub first: CreateCardResponse,
}

impl IdempotencyRecord {
    /// The record of a card created under `key` for `customer`.
    #[must_use]
    pub fn new(customer: CustomerId, key: IdempotencyKey, created: &Card) -> Self {
        Self { customer, key, first: CreateCardResponse::new(created) }
    }

    /// Whether this record answers a request from `customer` with `key`: both must match.
    #[must_use]
    pub fn answers(&self, customer: CustomerId, key: &IdempotencyKey) -> bool {
        self.customer == customer && self.key == *key
    }

    /// The answer to a repeat: 200 with the first body; nothing is created, no event published.
    #[must_use]
    pub fn replay(&self) -> HttpResponse {
        HttpResponse::json(IdempotencyKey::REPLAY_STATUS, &self.first)
    }
}
