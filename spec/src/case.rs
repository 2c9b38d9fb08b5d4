//! One conformance case: its JSON shape, the format's defaults, and how it runs.
//!
//! A vector file is a JSON array of [`Case`]s: the card as it is, the request, and the answer
//! the API must give. [`Case::run`] runs one case through the library's public API and compares
//! the answer field by field.
//!
//! ```
//! use card_lifecycle_spec::Case;
//!
//! let case: Case = serde_json::from_str(r#"{
//!     "name": "a stolen card stays terminated",
//!     "given": { "card": { "id": 11, "status": "THEFT" } },
//!     "when": { "operation": "put-v1-card-status", "body": { "status": "PENDING" } },
//!     "then": { "accepted": false, "http_status": 409 }
//! }"#)?;
//! let verdict = case.run();
//! assert!(verdict.failures.is_empty());
//! assert_eq!(verdict.explanation, "refused by status.termination-is-final (domain.md §4 rows 14–15, §11.3, §11.26)");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::lifecycle::Customer;
use card_lifecycle::request::{
    ChangeCardPassword, CreateCard, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity,
    UpdateCardInformation, UpdateCardStatus,
};
use card_lifecycle::value::{CardName, ExpirationDate, PinLength, PrintedName, ProgramId};
use card_lifecycle::{
    Accepted, Card, CardId, CardStatus, CardType, Command, Context, CreateCardInput, EmbossingSummary, Error,
    ErrorBody, ExistingCard, HttpResponse, Operation, PlatformFields, Reembossing, Reissue, ReissueInput,
    StartEmbossing,
};

/// One case: given a card, when a request arrives, then this answer.
///
/// ```
/// use card_lifecycle_spec::Case;
/// let case: Case = serde_json::from_str(r#"{ "name": "activate", "given": { "card": { "status": "CREATED" } },
///     "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": true } }"#)?;
/// assert!(case.run().failures.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique within its file; printed on failure.
    pub name: String,
    /// The API page or rule the case comes from.
    pub source: Option<String>,
    /// The world before the request.
    #[serde(default)]
    pub given: Given,
    /// The request (a single-step case).
    pub when: Option<When>,
    /// The expected answer (a single-step case).
    pub then: Option<Then>,
    /// The steps of a scenario (format v2), instead of `when` and `then`.
    pub steps: Option<Vec<crate::Step>>,
}

/// The world before the request.
///
/// ```
/// use card_lifecycle_spec::Given;
/// let given: Given = serde_json::from_str(r#"{ "cards": [{ "status": "CREATED" }, { "status": "NORMAL" }] }"#)?;
/// assert_eq!(given.cards.map(|cards| cards.len()), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    /// The decision's context; every field has a default.
    #[serde(default)]
    pub context: GivenContext,
    /// The card the operation acts on (absent for `post-v2-card`).
    pub card: Option<GivenCard>,
    /// Several cards, for `start-embossing`.
    pub cards: Option<Vec<GivenCard>>,
    /// The card `card` replaces (format v2, for `put-v1-card-activate`, §12.44); its
    /// `reissued_card_id` defaults to `card.id`.
    pub replaced_card: Option<GivenCard>,
    /// A longer chain of replaced cards, nearest first, each `reissued_card_id` defaulting to
    /// the card before it (format v2).
    pub replaced_cards: Option<Vec<GivenCard>>,
}

impl Given {
    /// The chain of cards `card` replaces, nearest first, with the format's default links.
    #[must_use]
    pub fn chain(&self) -> Vec<Card> {
        let listed: Vec<&GivenCard> = match (&self.replaced_card, &self.replaced_cards) {
            (Some(card), _) => vec![card],
            (None, Some(cards)) => cards.iter().collect(),
            (None, None) => vec![],
        };
        let mut newer = self.card.as_ref().map_or(CardId::MIN, |card| card.id);
        listed
            .into_iter()
            .map(|given| {
                let mut card = given.to_card();
                card.reissued_card_id = Some(given.reissued_card_id.unwrap_or(newer));
                newer = card.id;
                card
            })
            .collect()
    }
}

/// A card as a vector gives it: `status` is required, and every other field has the format's
/// default (`docs/vectors.md`), filled in here so the library's [`Card`] needs none.
///
/// ```
/// use card_lifecycle::{CardId, CardStatus, CardType};
/// use card_lifecycle_spec::GivenCard;
/// let card: GivenCard = serde_json::from_str(r#"{ "status": "NORMAL" }"#)?;
/// let card = card.to_card();
/// assert_eq!((card.id, card.card_type, card.status), (CardId::new(1)?, CardType::Plastic, CardStatus::Normal));
/// assert!(serde_json::from_str::<GivenCard>(r#"{ "status": "NORMAL", "colour": "red" }"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct GivenCard {
    /// The card id (default `1`).
    #[serde(default = "GivenCard::default_id")]
    pub id: CardId,
    /// The card type (default `PLASTIC`).
    #[serde(rename = "type", default = "GivenCard::default_type")]
    pub card_type: CardType,
    /// The status; required.
    pub status: CardStatus,
    /// A noname card (default `false`).
    #[serde(default)]
    pub noname: bool,
    /// The card's program (default `1`).
    #[serde(default = "GivenCard::default_program")]
    pub program_id: ProgramId,
    /// The previous status (default `null`).
    #[serde(default)]
    pub previous_status: Option<CardStatus>,
    /// The card's name (default absent).
    #[serde(default)]
    pub name: Option<CardName>,
    /// The printed name (default absent).
    #[serde(default)]
    pub printed_name: Option<PrintedName>,
    /// The PIN length (default `4`).
    #[serde(default)]
    pub pin_length: PinLength,
    /// The end of the validity period (default `null`).
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    /// The expiration month (default absent).
    #[serde(default)]
    pub expiration_date: Option<ExpirationDate>,
    /// The password was changed (default `false`).
    #[serde(default)]
    pub password_changed: bool,
    /// The embossing flags (each default `false`).
    #[serde(default)]
    pub embossing: GivenEmbossing,
    /// The card has been activated, or started `NORMAL` (domain.md §11.64); default `false`
    /// for `CREATED`, `UNBOUND` and `UNNUMBERED`, `true` otherwise (format v2).
    #[serde(default)]
    pub activated: Option<bool>,
    /// The PIN-try counter (format v2, default `0`).
    #[serde(default)]
    pub password_tries: u32,
    /// +1 on each reissue (format v2, default `1`).
    #[serde(default = "GivenCard::default_track_number")]
    pub track_number: u32,
    /// The card that replaced this one (format v2, default `null`).
    #[serde(default)]
    pub reissued_card_id: Option<CardId>,
    /// A physical renewal waiting for activation (format v2, default `null`).
    #[serde(default)]
    pub pending_expiration_date: Option<ExpirationDate>,
    /// The card's customer, for paths (format v2, default `1`).
    #[serde(default = "GivenCard::default_owner")]
    pub customer_id: u64,
    /// The card's account, for paths (format v2, default `1`).
    #[serde(default = "GivenCard::default_owner")]
    pub account_id: u64,
}

/// The embossing flags of a given card, each `false` by default.
///
/// ```
/// use card_lifecycle_spec::GivenEmbossing;
/// let embossing: GivenEmbossing = serde_json::from_str(r#"{ "ready": true }"#)?;
/// assert!(embossing.ready && !embossing.queued);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
#[expect(clippy::struct_excessive_bools, reason = "the vector format's four flags")]
pub struct GivenEmbossing {
    /// "Card can be added to next scheduled embossing" has happened.
    pub ready: bool,
    /// The card goes into the next embossing file.
    pub queued: bool,
    /// The card has been in a generated embossing file.
    pub embossed: bool,
    /// Add card to next scheduled embossing was called for it.
    pub on_demand: bool,
}

impl GivenEmbossing {
    /// The library's embossing state these flags describe. The flags allow combinations no
    /// card reaches; they read as the state the card is in (`docs/vectors.md`): a card that is
    /// not `ready` is unknown to the embossing service whatever the other flags say, and a card
    /// both `queued` and `embossed` is queued (a resend clears `embossed`).
    #[must_use]
    pub const fn to_state(self) -> Embossing {
        let file = if self.queued {
            EmbossingFile::Queued
        } else if self.embossed {
            EmbossingFile::Embossed
        } else {
            EmbossingFile::None
        };
        if self.ready { Embossing::Ready { file, on_demand: self.on_demand } } else { Embossing::NotReady }
    }
}

impl GivenCard {
    const fn default_id() -> CardId {
        CardId::MIN
    }

    const fn default_type() -> CardType {
        CardType::Plastic
    }

    const fn default_program() -> ProgramId {
        ProgramId::MIN
    }

    const fn default_owner() -> u64 {
        1
    }

    const fn default_track_number() -> u32 {
        1
    }

    /// The row a hook answers for a stored card (`GET /cards/{id}`): the card as this format
    /// spells it, every field written out.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// use card_lifecycle_spec::{GivenCard, Owner};
    /// let card = Card::new(CardId::new(4)?, CardType::Virtual, CardStatus::Normal);
    /// let row = GivenCard::from_card(&card, Owner { customer_id: 7, account_id: 9 });
    /// assert_eq!(row.to_card(), card);
    /// assert_eq!(row.activated, Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_card(card: &Card, owner: crate::Owner) -> Self {
        let embossing = card.embossing;
        Self {
            id: card.id,
            card_type: card.card_type,
            status: card.status,
            noname: card.kind == CardKind::Noname,
            program_id: card.program_id,
            previous_status: card.previous_status,
            name: card.name.clone(),
            printed_name: card.printed_name.clone(),
            pin_length: card.pin_length,
            valid_until: card.valid_until,
            expiration_date: card.expiration_date,
            password_changed: card.password_changed,
            embossing: GivenEmbossing {
                ready: embossing.is_ready(),
                queued: embossing.is_queued(),
                embossed: embossing.is_embossed(),
                on_demand: embossing.is_on_demand(),
            },
            activated: Some(card.activated),
            password_tries: card.password_tries,
            track_number: card.track_number,
            reissued_card_id: card.reissued_card_id,
            pending_expiration_date: card.pending_expiration_date,
            customer_id: owner.customer_id,
            account_id: owner.account_id,
        }
    }

    /// The card's owner.
    #[must_use]
    pub const fn owner(&self) -> crate::Owner {
        crate::Owner { customer_id: self.customer_id, account_id: self.account_id }
    }

    /// The library's card this row describes.
    #[must_use]
    pub fn to_card(&self) -> Card {
        let embossing = self.embossing;
        let awaits_activation =
            matches!(self.status, CardStatus::Created | CardStatus::Unbound | CardStatus::Unnumbered);
        Card {
            id: self.id,
            version: 0,
            card_type: self.card_type,
            status: self.status,
            kind: if self.noname { CardKind::Noname } else { CardKind::Nominal },
            program_id: self.program_id,
            previous_status: self.previous_status,
            name: self.name.clone(),
            printed_name: self.printed_name.clone(),
            pin_length: self.pin_length,
            valid_until: self.valid_until,
            expiration_date: self.expiration_date,
            password_changed: self.password_changed,
            activated: self.activated.unwrap_or(!awaits_activation),
            password_tries: self.password_tries,
            track_number: self.track_number,
            reissued_card_id: self.reissued_card_id,
            pending_expiration_date: self.pending_expiration_date,
            embossing: embossing.to_state(),
            details: Box::default(),
        }
    }
}

/// The context of a case; [`GivenContext::to_context`] fills in the defaults.
///
/// ```
/// use card_lifecycle::context::EmbossingMode;
/// use card_lifecycle_spec::GivenContext;
/// let context: GivenContext = serde_json::from_str(r#"{ "embossing_mode": "ON_DEMAND" }"#)?;
/// assert_eq!(context.to_context().embossing_mode, EmbossingMode::OnDemand);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct GivenContext {
    /// The instant the decision is made (default `2026-01-01T00:00:00Z`).
    pub now: Option<DateTime<Utc>>,
    /// The issuer's embossing setting (default `SCHEDULED`).
    pub embossing_mode: Option<EmbossingMode>,
    /// The program's status for new physical cards (default `CREATED`).
    pub physical_initial_status: Option<PhysicalInitialStatus>,
    /// The program's card expiration in months (default `72`).
    pub expiration_months: Option<u32>,
    /// The program's maximum of wrong PIN tries (format v2, default `3`).
    pub max_password_tries: Option<u32>,
}

impl GivenContext {
    /// The default `now` of a case.
    pub const DEFAULT_NOW: DateTime<Utc> = match DateTime::from_timestamp(1_767_225_600, 0) {
        Some(now) => now,
        None => DateTime::UNIX_EPOCH,
    };

    /// Every field with its value, defaults filled in: what `PUT {hooks}/context` carries.
    ///
    /// ```
    /// use card_lifecycle_spec::GivenContext;
    /// let filled = GivenContext::default().filled();
    /// assert_eq!(filled.expiration_months, Some(72));
    /// ```
    #[must_use]
    pub fn filled(&self) -> Self {
        let context = self.to_context();
        Self {
            now: Some(context.now),
            embossing_mode: Some(context.embossing_mode),
            physical_initial_status: Some(context.physical_initial_status),
            expiration_months: Some(context.expiration_months),
            max_password_tries: Some(context.max_password_tries),
        }
    }

    /// The library context this case describes.
    ///
    /// ```
    /// use card_lifecycle_spec::GivenContext;
    /// let context = GivenContext::default().to_context();
    /// assert_eq!(context.now.to_rfc3339(), "2026-01-01T00:00:00+00:00");
    /// ```
    #[must_use]
    pub fn to_context(&self) -> Context {
        let defaults = Context::new(self.now.unwrap_or(Self::DEFAULT_NOW));
        Context {
            embossing_mode: self.embossing_mode.unwrap_or(defaults.embossing_mode),
            physical_initial_status: self.physical_initial_status.unwrap_or(defaults.physical_initial_status),
            expiration_months: self.expiration_months.unwrap_or(defaults.expiration_months),
            max_password_tries: self.max_password_tries.unwrap_or(defaults.max_password_tries),
            ..defaults
        }
    }
}

/// The request of a case.
///
/// ```
/// use card_lifecycle::Operation;
/// use card_lifecycle_spec::When;
/// let when: When = serde_json::from_str(r#"{ "operation": "start-reembossing", "body": { "cards": [1] } }"#)?;
/// assert_eq!(when.operation, Operation::StartReembossing);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The API operation.
    pub operation: Operation,
    /// The raw request body, exactly as the file writes it: the runner gives its bytes to the
    /// request parsers, so numbers keep their written form (domain.md §11.56).
    pub body: Option<Body>,
    /// The customer's names, for `post-v2-card`.
    pub customer: Option<Customer>,
    /// The customer's cards, for `post-v2-card` and `patch-v2-card`.
    pub existing_cards: Option<Vec<ExistingCard>>,
    /// The reissue reason's flags, for `post-v1-card-reissue` (format v2).
    pub reason: Option<Reason>,
    /// The new card's id, for `post-v1-card-reissue` (format v2, default `given.card.id + 1`).
    pub new_card_id: Option<CardId>,
}

/// What the issuer configured for a reissue reason (format v2, domain.md §12.39).
///
/// ```
/// use card_lifecycle_spec::Reason;
/// let reason: Reason = serde_json::from_str(r#"{ "must_block": true }"#)?;
/// assert!(reason.must_block);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// Cancel a `PLASTIC` card at once (default `false`).
    #[serde(default)]
    pub must_block: bool,
}

/// A request body exactly as a vector file writes it.
///
/// ```
/// use card_lifecycle_spec::Body;
/// let body: Body = serde_json::from_str(r#"{ "n": 1e2 }"#)?;
/// assert_eq!(body.as_bytes(), br#"{ "n": 1e2 }"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct Body(Box<RawValue>);

impl Body {
    /// The body's bytes, as written.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.0.get().as_bytes()
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// The expected answer; only the fields present are compared.
///
/// ```
/// use card_lifecycle_spec::Then;
/// let then: Then = serde_json::from_str(r#"{ "accepted": false, "http_status": 409 }"#)?;
/// assert_eq!(then.http_status, Some(409));
/// assert!(serde_json::from_str::<Then>(r#"{ "accepted": false, "status": 409 }"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Then {
    /// Whether the operation is accepted.
    pub accepted: bool,
    /// The HTTP status the API answers.
    pub http_status: Option<u16>,
    /// The error body's `error` string, for refusals.
    pub error: Option<String>,
    /// Text that must appear, ignoring case, in the error body's `message`, for refusals.
    pub message: Option<String>,
    /// Fields of the resulting card, for acceptances.
    pub card: Option<ExpectedCard>,
    /// The display names of the events, in order, for acceptances.
    pub events: Option<Vec<String>>,
    /// The ids of the cards that go into the embossing file, ascending, for `start-embossing`.
    pub selected: Option<Vec<CardId>>,
    /// Fields of the new card, for `post-v1-card-reissue` (format v2).
    pub new_card: Option<ExpectedCard>,
    /// Fields of the replaced card after the operation (format v2).
    pub replaced_card: Option<ExpectedCard>,
    /// Fields of each replaced card of a longer chain, position by position (format v2).
    pub replaced_cards: Option<Vec<ExpectedCard>>,
    /// The response body, compared as JSON: every field present must be equal (format v2).
    pub body: Option<Value>,
    /// Compare `body` whole instead (format v2).
    #[serde(default)]
    pub body_exact: bool,
}

/// Reads a field that may be `null`: absent is `None`, `null` is `Some(None)`.
#[expect(clippy::option_option, reason = "absent (not compared) differs from null (expected absent)")]
fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The expected fields of the resulting card; `null` expects the field to be absent.
///
/// ```
/// use card_lifecycle_spec::ExpectedCard;
/// let card: ExpectedCard = serde_json::from_str(r#"{ "status": "NORMAL", "previous_status": null }"#)?;
/// assert_eq!(card.previous_status, Some(None));
/// assert_eq!(ExpectedCard::default().previous_status, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedCard {
    /// The card id.
    pub id: Option<CardId>,
    /// The card type.
    #[serde(rename = "type", default)]
    pub card_type: Option<CardType>,
    /// The status.
    pub status: Option<CardStatus>,
    /// The noname flag.
    pub noname: Option<bool>,
    /// The program.
    pub program_id: Option<ProgramId>,
    /// The previous status.
    #[serde(default, deserialize_with = "nullable")]
    pub previous_status: Option<Option<CardStatus>>,
    /// The card's name.
    #[serde(default, deserialize_with = "nullable")]
    pub name: Option<Option<String>>,
    /// The printed name.
    #[serde(default, deserialize_with = "nullable")]
    pub printed_name: Option<Option<String>>,
    /// The PIN length.
    pub pin_length: Option<PinLength>,
    /// The end of the validity period.
    #[serde(default, deserialize_with = "nullable")]
    pub valid_until: Option<Option<DateTime<Utc>>>,
    /// The expiration month.
    #[serde(default, deserialize_with = "nullable")]
    pub expiration_date: Option<Option<ExpirationDate>>,
    /// The password-changed flag.
    pub password_changed: Option<bool>,
    /// The activated flag (format v2, §11.64).
    pub activated: Option<bool>,
    /// The PIN-try counter (format v2).
    pub password_tries: Option<u32>,
    /// The reissue count (format v2).
    pub track_number: Option<u32>,
    /// The replacing card (format v2).
    #[serde(default, deserialize_with = "nullable")]
    pub reissued_card_id: Option<Option<CardId>>,
    /// A pending physical renewal (format v2).
    #[serde(default, deserialize_with = "nullable")]
    pub pending_expiration_date: Option<Option<ExpirationDate>>,
    /// The owner (format v2): the card's customer.
    pub customer_id: Option<u64>,
    /// The owner (format v2): the card's account.
    pub account_id: Option<u64>,
    /// The embossing flags.
    pub embossing: Option<ExpectedEmbossing>,
}

/// The expected embossing flags of the resulting card.
///
/// ```
/// use card_lifecycle_spec::ExpectedEmbossing;
/// let embossing: ExpectedEmbossing = serde_json::from_str(r#"{ "queued": true }"#)?;
/// assert_eq!((embossing.queued, embossing.embossed), (Some(true), None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedEmbossing {
    /// Ready for embossing.
    pub ready: Option<bool>,
    /// Queued for the next file.
    pub queued: Option<bool>,
    /// In an embossing file.
    pub embossed: Option<bool>,
    /// Added on demand.
    pub on_demand: Option<bool>,
}

/// The outcome of running one case.
///
/// ```
/// use card_lifecycle_spec::Case;
/// let case: Case = serde_json::from_str(r#"{ "name": "bind", "given": { "card": { "status": "NORMAL" } },
///     "when": { "operation": "post-v2-card-bind" }, "then": { "accepted": false, "http_status": 409 } }"#)?;
/// let verdict = case.run();
/// assert!(verdict.failures.is_empty());
/// assert_eq!(verdict.explanation, "refused by bind.unbound-only (domain.md §4 row 5)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// What differed from the expectation, one line each; empty when the case passes.
    pub failures: Vec<String>,
    /// Why the case did not run (`server only`), when it did not: counted apart, never passed.
    pub skipped: Option<String>,
    /// What decided the answer: `accepted (200)`, or the rule that refused and its source.
    pub explanation: String,
}

/// The crate's answer to a case's request.
pub(crate) enum Answer {
    Accepted(Box<Outcome>),
    Refused(Box<Refusal>),
}

/// A refusal as the API answers it, and the rule that refused when the crate decided.
pub(crate) struct Refusal {
    pub(crate) body: ErrorBody,
    pub(crate) rule: Option<card_lifecycle::rule::Rule>,
}

impl Answer {
    pub(crate) fn refused(error: impl Into<Error>) -> Self {
        let error = error.into();
        Self::Refused(Box::new(Refusal { body: error.to_body(), rule: Some(error.rule()) }))
    }
}

/// What an accepted request did and answered.
#[derive(Default)]
pub(crate) struct Outcome {
    pub(crate) http_status: Option<u16>,
    pub(crate) card: Option<Card>,
    pub(crate) new_card: Option<Card>,
    pub(crate) replaced: Vec<Card>,
    pub(crate) events: Vec<String>,
    pub(crate) selected: Option<Vec<CardId>>,
    pub(crate) body: Option<Value>,
}

impl Case {
    /// Runs the case through the crate and compares the answer with `then`.
    ///
    /// A case that cannot run (no `given.card` for an operation on a card) fails with a line
    /// that says why.
    ///
    /// ```
    /// use card_lifecycle_spec::Case;
    /// let case: Case = serde_json::from_str(r#"{
    ///     "name": "wrong on purpose",
    ///     "given": { "card": { "status": "WARNING", "type": "VIRTUAL" } },
    ///     "when": { "operation": "put-v1-card-status", "body": { "status": "NORMAL" } },
    ///     "then": { "accepted": true, "card": { "status": "BLOCKED" } }
    /// }"#)?;
    /// assert_eq!(case.run().failures, ["card.status: expected BLOCKED, got NORMAL"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn run(&self) -> Verdict {
        let verdict = |failures: Vec<String>, explanation: String| Verdict { failures, skipped: None, explanation };
        let (when, then) = match (&self.when, &self.then, &self.steps) {
            (None, None, Some(steps)) if crate::scenario::needs_a_server(steps) => {
                let reason = "server only".to_owned();
                return Verdict { failures: Vec::new(), skipped: Some(reason.clone()), explanation: reason };
            }
            (None, None, Some(steps)) => {
                let mut world = crate::scenario::world(&self.given);
                let start = world.context.now;
                let failures = crate::scenario::run(&mut world, start, steps);
                let explanation = format!("scenario of {} steps", steps.len());
                return verdict(failures, explanation);
            }
            (Some(when), Some(then), None) => (when, then),
            _ => {
                let reason = "a case has when and then, or steps".to_owned();
                return verdict(vec![reason.clone()], reason);
            }
        };
        match self.answer(when) {
            Ok(answer) => {
                let explanation = match &answer {
                    Answer::Accepted(outcome) => outcome
                        .http_status
                        .map_or_else(|| "accepted".to_owned(), |status| format!("accepted ({status})")),
                    Answer::Refused(refusal) => match refusal.rule {
                        Some(rule) => format!("refused by {} ({})", rule.id(), rule.source()),
                        None => format!("refused ({})", refusal.body.status),
                    },
                };
                verdict(then.compare(&answer), explanation)
            }
            Err(reason) => verdict(vec![reason.clone()], reason),
        }
    }

    fn card(&self, when: &When) -> Result<Card, String> {
        self.given
            .card
            .as_ref()
            .map(GivenCard::to_card)
            .ok_or_else(|| format!("given.card is required for {}", when.operation))
    }

    fn answer(&self, when: &When) -> Result<Answer, String> {
        let context = self.given.context.to_context();
        let operation = when.operation;
        let body: &[u8] = when.body.as_ref().map_or(b"null", Body::as_bytes);
        let on_card = |command: Result<Command, Error>| -> Result<Answer, String> {
            let card = self.card(when)?;
            Ok(Answer::from_result(
                operation,
                command.and_then(|command| card_lifecycle::decide(&card, &command, &context)),
            ))
        };
        match operation {
            Operation::PostV2Card => Ok(self.create(when, body, &context)),
            Operation::PutV1CardStatus => {
                on_card(UpdateCardStatus::from_slice(body).map(Command::from).map_err(Error::from))
            }
            Operation::PutV1CardActivate
                if self.given.replaced_card.is_some() || self.given.replaced_cards.is_some() =>
            {
                let card = self.card(when)?;
                Ok(match card_lifecycle::activate_replacement(&card, &self.given.chain(), &context) {
                    Ok(done) => {
                        let mut answer = Outcome::of(operation, done.card);
                        answer.events.extend(done.replaced.iter().flat_map(Accepted::event_names).map(str::to_owned));
                        answer.replaced = done.replaced.into_iter().map(|accepted| accepted.card).collect();
                        Answer::Accepted(Box::new(answer))
                    }
                    Err(error) => Answer::refused(error),
                })
            }
            Operation::PutV1CardActivate => on_card(Ok(Command::Activate)),
            Operation::PostV1CardReissue => self.reissue(when, body, &context),
            Operation::PatchV2CardExpirationRenew => {
                on_card(RenewExpiration::from_slice(body).map(Command::from).map_err(Error::from))
            }
            Operation::PatchV2CardValidityRenew => {
                on_card(RenewValidity::from_slice(body).map(Command::from).map_err(Error::from))
            }
            Operation::PostV2CardPasswordReset => on_card(Ok(Command::ResetPasswordTries)),
            Operation::PostV2CardPasswordIncrease => {
                on_card(IncreasePasswordTries::from_slice(body).map(Command::from).map_err(Error::from))
            }
            Operation::PatchV2Card => {
                let existing = when.existing_cards.clone().unwrap_or_default();
                let decided = UpdateCardInformation::from_slice(body).map_err(Error::from).and_then(|request| {
                    let card = self
                        .card(when)
                        .map_err(|_| Error::from(card_lifecycle::UnknownCard { card_id: Some(CardId::MIN) }))?;
                    card_lifecycle::update_card_information(&card, &request, &existing, &context)
                });
                if self.given.card.is_none() {
                    return Err(format!("given.card is required for {operation}"));
                }
                Ok(Answer::from_result(operation, decided))
            }
            Operation::PostV2CardBind => on_card(Ok(Command::Bind)),
            Operation::PutV1UpdatePanNominal => on_card(Ok(Command::UpdatePan { kind: CardKind::Nominal })),
            Operation::PutV1UpdatePanNoname => on_card(Ok(Command::UpdatePan { kind: CardKind::Noname })),
            Operation::PutV2CardPassword => match &when.body {
                // Format v2: with no body, the runner sends a PIN of the card's length.
                None => on_card(self.card(when).map_or_else(
                    |_| Ok(Command::ChangePassword { digits: PinLength::default() }),
                    |card| Ok(ChangeCardPassword::with_digits(card.pin_length).into()),
                )),
                Some(body) => {
                    on_card(ChangeCardPassword::from_slice(body.as_bytes()).map(Command::from).map_err(Error::from))
                }
            },
            Operation::PutCardsEmbossing => on_card(Ok(Command::AddToEmbossing)),
            Operation::Elapse => on_card(Ok(Command::Elapse)),
            Operation::EmbossingCardIngress => on_card(Ok(Command::EmbossingIngress)),
            Operation::StartReembossing => match Reembossing::from_slice(body) {
                Err(error) => Ok(Answer::refused(error)),
                Ok(request) => {
                    let card = self.card(when)?;
                    if request.lists(card.id) {
                        on_card(Ok(Command::Reemboss))
                    } else {
                        Ok(Answer::Accepted(Box::new(Outcome {
                            http_status: operation.success_status(),
                            card: Some(card),
                            ..Outcome::default()
                        })))
                    }
                }
            },
            Operation::StartEmbossing => self.start_embossing(body, &context),
        }
    }

    fn create(&self, when: &When, body: &[u8], context: &Context) -> Answer {
        let input = CreateCardInput {
            card_id: self.given.card.as_ref().map_or(CardId::MIN, |card| card.id),
            customer: when.customer.clone().unwrap_or_default(),
            existing_cards: when.existing_cards.clone().unwrap_or_default(),
            ..CreateCardInput::default()
        };
        let decision = CreateCard::from_slice(body)
            .map_err(Error::from)
            .and_then(|request| card_lifecycle::create_card(&request, &input, context).map_err(Error::from));
        Answer::from_result(Operation::PostV2Card, decision)
    }

    fn reissue(&self, when: &When, body: &[u8], context: &Context) -> Result<Answer, String> {
        let card = self.card(when)?;
        let request = match ReissueCard::from_slice(body) {
            Ok(request) => request,
            Err(error) => return Ok(Answer::refused(error)),
        };
        let new_card_id = when.new_card_id.unwrap_or(card.id.next().unwrap_or(CardId::MIN));
        let input = ReissueInput { new_card_id, must_block: when.reason.unwrap_or_default().must_block };
        Ok(match card_lifecycle::reissue_card(&card, &request, &input, context) {
            Ok(Reissue::Issued { old, new }) => {
                let mut answer = Outcome::of(Operation::PostV1CardReissue, old);
                answer.events.extend(new.event_names().map(str::to_owned));
                answer.body = json_body(&HttpResponse::for_accepted(
                    Operation::PostV1CardReissue,
                    &new.card,
                    &PlatformFields::default(),
                ));
                answer.new_card = Some(new.card);
                Answer::Accepted(Box::new(answer))
            }
            // §12.43: 200 with the linked card as it is now, which the case does not give.
            Ok(Reissue::Repeat { .. }) => {
                Answer::Accepted(Box::new(Outcome { http_status: Some(200), card: Some(card), ..Outcome::default() }))
            }
            Err(error) => Answer::refused(error),
        })
    }

    fn start_embossing(&self, body: &[u8], context: &Context) -> Result<Answer, String> {
        let request = match StartEmbossing::from_slice(body) {
            Ok(request) => request,
            Err(error) => return Ok(Answer::refused(error)),
        };
        let cards: Vec<Card> = match (&self.given.cards, &self.given.card) {
            (Some(cards), None) => cards.iter().map(GivenCard::to_card).collect(),
            (None, Some(card)) => vec![card.to_card()],
            (None, None) => return Err("given.cards is required for start-embossing".to_owned()),
            (Some(_), Some(_)) => return Err("given has both card and cards: give one".to_owned()),
        };
        let run = request.run(&cards, context);
        let card = self.given.card.as_ref().map(|card| {
            run.embossed
                .iter()
                .find(|embossed| embossed.card.id == card.id)
                .map_or_else(|| card.to_card(), |embossed| embossed.card.clone())
        });
        let summary = run.summary.map(|_| EmbossingSummary::NAME);
        Ok(Answer::Accepted(Box::new(Outcome {
            http_status: Operation::StartEmbossing.success_status(),
            events: run.embossed.iter().flat_map(Accepted::event_names).chain(summary).map(str::to_owned).collect(),
            selected: Some(run.embossed.iter().map(|embossed| embossed.card.id).collect()),
            card,
            ..Outcome::default()
        })))
    }
}

impl Answer {
    /// An accepted decision answered as the API answers it, or a refusal.
    fn from_result(operation: Operation, decision: Result<Accepted, Error>) -> Self {
        match decision {
            Ok(accepted) => Self::accepted(operation, accepted),
            Err(error) => Self::refused(error),
        }
    }

    /// An accepted decision, answered with the operation's success status and body.
    fn accepted(operation: Operation, accepted: Accepted) -> Self {
        Self::Accepted(Box::new(Outcome::of(operation, accepted)))
    }
}

impl Outcome {
    fn of(operation: Operation, accepted: Accepted) -> Self {
        let answer = HttpResponse::for_accepted(operation, &accepted.card, &PlatformFields::default());
        Self {
            http_status: operation.success_status(),
            events: accepted.event_names().map(str::to_owned).collect(),
            body: json_body(&answer),
            card: Some(accepted.card),
            ..Self::default()
        }
    }
}

/// A response's body as JSON, or `None` when it has none.
fn json_body(answer: &HttpResponse) -> Option<Value> {
    serde_json::from_slice(&answer.body).ok()
}

/// Whether `actual` has every field of `expected` with its value, recursively through objects
/// (format v2 `then.body`); anything else compares whole.
pub(crate) fn contains(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            expected.iter().all(|(key, value)| actual.get(key).is_some_and(|actual| contains(value, actual)))
        }
        _ => expected == actual,
    }
}

/// Adds `label: expected X, got Y` when an expected field differs.
fn differ<T: PartialEq + serde::Serialize>(failures: &mut Vec<String>, label: &str, expected: Option<&T>, actual: &T) {
    if let Some(expected) = expected.filter(|expected| *expected != actual) {
        failures.push(format!("{label}: expected {}, got {}", show(expected), show(actual)));
    }
}

/// A value as its wire JSON, strings unquoted so that a line reads like the spec:
/// `NORMAL`, `2026-01-31T00:00:00Z`, `none`.
fn show<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(text)) => text,
        Ok(Value::Null) => "none".to_owned(),
        Ok(other) => other.to_string(),
        Err(error) => format!("<{error}>"),
    }
}

impl Then {
    pub(crate) fn compare(&self, answer: &Answer) -> Vec<String> {
        let mut failures = Vec::new();
        match answer {
            Answer::Refused(refusal) => {
                let body = &refusal.body;
                let detail = format!("{} {}: {}", body.status, body.error, body.message);
                if self.accepted {
                    failures.push(format!("accepted: expected true, got false ({detail})"));
                    return failures;
                }
                if let Some(expected) = self.http_status.filter(|status| *status != body.status) {
                    failures.push(format!(
                        "http_status: expected {expected}, got {} ({}: {})",
                        body.status, body.error, body.message
                    ));
                }
                if let Some(expected) = self.error.as_ref().filter(|error| **error != body.error) {
                    failures.push(format!("error: expected {expected:?}, got {:?} ({detail})", body.error));
                }
                if let Some(expected) = &self.message
                    && !body.message.to_lowercase().contains(&expected.to_lowercase())
                {
                    failures.push(format!("message: expected to contain {expected:?}, got {:?}", body.message));
                }
                self.compare_body(serde_json::to_value(body).ok().as_ref(), &mut failures);
            }
            Answer::Accepted(outcome) => {
                let Outcome { http_status, card, events, selected, .. } = &**outcome;
                if !self.accepted {
                    let status = http_status.map_or_else(|| "no HTTP status".to_owned(), |status| status.to_string());
                    failures.push(format!("accepted: expected false, got true ({status})"));
                    return failures;
                }
                if let Some(expected) = self.http_status.filter(|expected| Some(*expected) != *http_status) {
                    let got = http_status
                        .map_or_else(|| "none (not an HTTP request)".to_owned(), |status| status.to_string());
                    failures.push(format!("http_status: expected {expected}, got {got}"));
                }
                compare_card("card", self.card.as_ref(), card.as_ref(), &mut failures);
                compare_card("new_card", self.new_card.as_ref(), outcome.new_card.as_ref(), &mut failures);
                let replaced: Vec<Option<&ExpectedCard>> = match (&self.replaced_card, &self.replaced_cards) {
                    (Some(card), _) => vec![Some(card)],
                    (None, Some(cards)) => cards.iter().map(Some).collect(),
                    (None, None) => vec![],
                };
                for (position, expected) in replaced.into_iter().enumerate() {
                    let label = if self.replaced_card.is_some() {
                        "replaced_card".to_owned()
                    } else {
                        format!("replaced_cards[{position}]")
                    };
                    compare_card(&label, expected, outcome.replaced.get(position), &mut failures);
                }
                self.compare_body(outcome.body.as_ref(), &mut failures);
                if let Some(expected) = self.events.as_ref().filter(|expected| expected.as_slice() != events.as_slice())
                {
                    failures.push(format!("events: expected {expected:?}, got {events:?}"));
                }
                match (&self.selected, selected) {
                    (Some(expected), Some(actual)) if expected != actual => {
                        let ids = |ids: &[CardId]| ids.iter().map(|id| id.get()).collect::<Vec<_>>();
                        failures.push(format!("selected: expected {:?}, got {:?}", ids(expected), ids(actual)));
                    }
                    (Some(_), None) => failures.push("selected: only start-embossing selects cards".to_owned()),
                    _ => {}
                }
            }
        }
        failures
    }

    /// `body` (format v2): every field present equal, or with `body_exact` the whole body.
    fn compare_body(&self, actual: Option<&Value>, failures: &mut Vec<String>) {
        let Some(expected) = &self.body else { return };
        let equal =
            actual.is_some_and(|actual| if self.body_exact { expected == actual } else { contains(expected, actual) });
        if !equal {
            let got = actual.map_or_else(|| "no body".to_owned(), Value::to_string);
            failures.push(format!("body: expected {expected}, got {got}"));
        }
    }
}

/// Compares one expected card, labelled `label`, with the card the operation left.
pub(crate) fn compare_card(
    label: &str,
    expected: Option<&ExpectedCard>,
    actual: Option<&Card>,
    failures: &mut Vec<String>,
) {
    match (expected, actual) {
        (Some(expected), Some(card)) => expected.compare(label, card, failures),
        (Some(_), None) => failures.push(format!("{label}: expected a card, but the operation has none")),
        (None, _) => {}
    }
}

impl ExpectedCard {
    fn compare(&self, prefix: &str, card: &Card, failures: &mut Vec<String>) {
        differ(failures, &format!("{prefix}.id"), self.id.as_ref(), &card.id);
        differ(failures, &format!("{prefix}.type"), self.card_type.as_ref(), &card.card_type);
        differ(failures, &format!("{prefix}.status"), self.status.as_ref(), &card.status);
        differ(failures, &format!("{prefix}.noname"), self.noname.as_ref(), &(card.kind == CardKind::Noname));
        differ(failures, &format!("{prefix}.program_id"), self.program_id.as_ref(), &card.program_id);
        differ(failures, &format!("{prefix}.previous_status"), self.previous_status.as_ref(), &card.previous_status);
        let name = card.name.as_ref().map(|name| name.as_str().to_owned());
        differ(failures, &format!("{prefix}.name"), self.name.as_ref(), &name);
        let printed_name = card.printed_name.as_ref().map(|name| name.as_str().to_owned());
        differ(failures, &format!("{prefix}.printed_name"), self.printed_name.as_ref(), &printed_name);
        differ(failures, &format!("{prefix}.pin_length"), self.pin_length.as_ref(), &card.pin_length);
        differ(failures, &format!("{prefix}.valid_until"), self.valid_until.as_ref(), &card.valid_until);
        differ(failures, &format!("{prefix}.expiration_date"), self.expiration_date.as_ref(), &card.expiration_date);
        differ(failures, &format!("{prefix}.password_changed"), self.password_changed.as_ref(), &card.password_changed);
        differ(failures, &format!("{prefix}.activated"), self.activated.as_ref(), &card.activated);
        differ(failures, &format!("{prefix}.password_tries"), self.password_tries.as_ref(), &card.password_tries);
        differ(failures, &format!("{prefix}.track_number"), self.track_number.as_ref(), &card.track_number);
        differ(failures, &format!("{prefix}.reissued_card_id"), self.reissued_card_id.as_ref(), &card.reissued_card_id);
        differ(
            failures,
            &format!("{prefix}.pending_expiration_date"),
            self.pending_expiration_date.as_ref(),
            &card.pending_expiration_date,
        );
        if let Some(expected) = &self.embossing {
            let actual = &card.embossing;
            differ(failures, &format!("{prefix}.embossing.ready"), expected.ready.as_ref(), &actual.is_ready());
            differ(failures, &format!("{prefix}.embossing.queued"), expected.queued.as_ref(), &actual.is_queued());
            differ(
                failures,
                &format!("{prefix}.embossing.embossed"),
                expected.embossed.as_ref(),
                &actual.is_embossed(),
            );
            differ(
                failures,
                &format!("{prefix}.embossing.on_demand"),
                expected.on_demand.as_ref(),
                &actual.is_on_demand(),
            );
        }
    }
}
