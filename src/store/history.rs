//! A card's stored events: what a store records, the status history it answers with, and the
//! check of a received stream before it is applied.
//!
//! Layer `store`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::context::{Context, EmbossingMode, PhysicalInitialStatus};
use crate::event::{Accepted, CardEvent};
use crate::lifecycle::{embossing, information, issuing, reissue, renewal, status, tries, validity};
use crate::request::life::UpdateCardInformation;
use crate::value::ids::CardId;
use crate::value::status::CardStatus;
use crate::wire::platform::PlatformFields;

/// One event as a store records it: the card, the version the event left, when, what, and the
/// envelope the platform publishes (`None` for an event only recorded). The same row is the
/// outbox's (publish `envelope` once, in version order) and the replay's input
/// ([`apply_stream`], [`replay`]).
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context, PlatformFields};
/// let card = Card::new(CardId::new(4)?, CardType::Virtual, CardStatus::Normal);
/// let accepted = decide(&card, &Command::UpdateStatus { status: CardStatus::Lost }, &Context::new("2026-03-01T12:00:00Z".parse()?))?;
/// let records: Vec<_> = accepted.records(&PlatformFields::default()).collect();
/// assert_eq!((records[0].card_id, records[0].version), (CardId::new(4)?, 1));
/// assert_eq!(records[0].envelope.as_ref().and_then(|envelope| envelope["name"].as_str()), Some("Card updated"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordedEvent {
    /// The card.
    pub card_id: CardId,
    /// The card's version after the event.
    pub version: u64,
    /// When the event happened.
    pub occurred_at: DateTime<Utc>,
    /// What happened.
    pub event: CardEvent,
    /// The envelope to publish, as JSON; `None`, the platform publishes nothing for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<serde_json::Value>,
}

impl Accepted {
    /// The decision's events as a store records them, each with the version it leaves and its
    /// envelope, built with what the platform knows of the card.
    pub fn records<'a>(&'a self, platform: &'a PlatformFields) -> impl Iterator<Item = RecordedEvent> + 'a {
        self.versioned().zip(self.envelopes(platform)).map(|((version, event), envelope)| RecordedEvent {
            card_id: self.card.id,
            version,
            occurred_at: self.occurred_at,
            event: event.clone(),
            envelope: envelope.published.then(|| serde_json::to_value(&envelope).ok()).flatten(),
        })
    }
}

/// A card's status history in the shape of Pismo's List card status history
/// (`GET …/cards/{cardId}/status-history`: `items` of `status`, `previous_status`,
/// `event_datetime`), newest first as that endpoint lists them.
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
/// use card_lifecycle::store::status_history;
/// let card = Card::new(CardId::new(4)?, CardType::Plastic, CardStatus::Created);
/// let context = Context::new("2026-03-01T12:00:00Z".parse()?);
/// let activated = decide(&card, &Command::Activate, &context)?;
/// let blocked = decide(&activated.card, &Command::UpdateStatus { status: CardStatus::Blocked }, &context)?;
/// let records: Vec<_> = activated.records(&card_lifecycle::PlatformFields::default()).chain(blocked.records(&card_lifecycle::PlatformFields::default())).collect();
/// let history = status_history(CardStatus::Created, &records);
/// assert_eq!(serde_json::to_value(&history)?["items"][0], serde_json::json!({
///     "status": "BLOCKED", "previous_status": "NORMAL", "event_datetime": "2026-03-01T12:00:00Z" }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusHistory {
    /// Every status change, newest first.
    pub items: Vec<StatusHistoryItem>,
}

/// One status change of a [`StatusHistory`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusHistoryItem {
    /// The status the change left.
    pub status: CardStatus,
    /// The status before; absent for the status a card was created in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<CardStatus>,
    /// When the status changed.
    pub event_datetime: DateTime<Utc>,
}

/// The status history of a card whose records, in version order, start from `start` (the
/// status before the first record; a record of creation starts the history itself).
#[must_use]
pub fn status_history<'a>(start: CardStatus, records: impl IntoIterator<Item = &'a RecordedEvent>) -> StatusHistory {
    let mut status = start;
    let mut items = Vec::new();
    for record in records {
        let after = record.event.status_after(status);
        let previous = match record.event {
            CardEvent::Created { .. } => None,
            _ if after == status => {
                continue;
            }
            _ => Some(status),
        };
        items.push(StatusHistoryItem { status: after, previous_status: previous, event_datetime: record.occurred_at });
        status = after;
    }
    items.reverse();
    StatusHistory { items }
}

/// Why a received stream of records cannot be applied to a card.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// A record is for another card.
    #[error("record {position} is for card {found}, not card {card_id}")]
    OtherCard {
        /// The card the stream is applied to.
        card_id: CardId,
        /// The card the record names.
        found: CardId,
        /// The record's position in the stream, from 0.
        position: usize,
    },
    /// A version that was already applied: the same event delivered twice.
    #[error("record {position} repeats version {version}, already applied")]
    Duplicate {
        /// The repeated version.
        version: u64,
        /// The record's position in the stream, from 0.
        position: usize,
    },
    /// A version that is not the next one: a record arrived out of order, or one is missing.
    #[error("record {position} has version {found}, but the next version is {expected}")]
    OutOfOrder {
        /// The next version the card can take.
        expected: u64,
        /// The record's version.
        found: u64,
        /// The record's position in the stream, from 0.
        position: usize,
    },
    /// A stream replayed from nothing does not start with the card's creation.
    #[error("the stream does not start with \"Card created\"")]
    NotCreated,
    /// The event could not have happened to the card as it was (e.g. `LOST` to `NORMAL`).
    #[error("record {position} (version {version}) cannot happen to a {status} card: {event:?}")]
    Impossible {
        /// The record's version.
        version: u64,
        /// The card's status before it.
        status: CardStatus,
        /// The event.
        event: Box<CardEvent>,
        /// The record's position in the stream, from 0.
        position: usize,
    },
}

/// Rebuilds a card from its whole stream, which starts with "Card created" (version 1): what
/// an outbox replays from nothing.
///
/// # Errors
///
/// [`StreamError::NotCreated`] for a stream that does not start with the card's creation;
/// else as [`apply_stream`].
///
/// ```
/// use card_lifecycle::{create_card, replay, Context, CreateCardInput, PlatformFields};
/// use card_lifecycle::request::CreateCard;
/// let request = CreateCard::from_slice(br#"{"name": "x", "type": "VIRTUAL", "cvv_rotation_interval_hours": 1}"#)?;
/// let created = create_card(&request, &CreateCardInput::default(), &Context::new("2026-03-01T12:00:00Z".parse()?))?;
/// let records: Vec<_> = created.records(&PlatformFields::default()).collect();
/// assert_eq!(replay(&records)?, created.card);
/// assert!(replay(&records[1..]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay<'a>(records: impl IntoIterator<Item = &'a RecordedEvent>) -> Result<Card, StreamError> {
    let mut records = records.into_iter().peekable();
    let Some(RecordedEvent { event: CardEvent::Created { card }, card_id, .. }) = records.peek() else {
        return Err(StreamError::NotCreated);
    };
    let nothing = Card::new(*card_id, card.card_type, card.status);
    apply_stream(&nothing, records)
}

/// Checks a received stream of records against the card it continues, and applies it: every
/// record is for this card, has the next version, and could have happened under the rules.
/// The stream is not applied at all if any record fails.
///
/// # Errors
///
/// [`StreamError`] for the first record that is for another card, repeats a version, skips or
/// reorders one, or could not have happened (a terminated card unblocked, a second creation).
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context};
/// use card_lifecycle::store::{apply_stream, StreamError};
/// let card = Card::new(CardId::new(4)?, CardType::Virtual, CardStatus::Normal);
/// let context = Context::new("2026-03-01T12:00:00Z".parse()?);
/// let blocked = decide(&card, &Command::UpdateStatus { status: CardStatus::Blocked }, &context)?;
/// let records: Vec<_> = blocked.records(&card_lifecycle::PlatformFields::default()).collect();
/// assert_eq!(apply_stream(&card, &records)?, blocked.card);
/// let twice = [records[0].clone(), records[0].clone()];
/// assert!(matches!(apply_stream(&card, &twice), Err(StreamError::Duplicate { version: 1, position: 1 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_stream<'a>(
    start: &Card,
    records: impl IntoIterator<Item = &'a RecordedEvent>,
) -> Result<Card, StreamError> {
    let mut card = start.clone();
    for (position, record) in records.into_iter().enumerate() {
        if record.card_id != card.id {
            return Err(StreamError::OtherCard { card_id: card.id, found: record.card_id, position });
        }
        let expected = card.version.saturating_add(1);
        if record.version <= card.version {
            return Err(StreamError::Duplicate { version: record.version, position });
        }
        if record.version != expected {
            return Err(StreamError::OutOfOrder { expected, found: record.version, position });
        }
        if !possible(&card, &record.event, record.occurred_at) {
            let event = Box::new(record.event.clone());
            return Err(StreamError::Impossible { version: record.version, status: card.status, event, position });
        }
        card = card.evolve(&record.event);
    }
    Ok(card)
}

/// Whether `event`, recorded at `at`, could have been decided on `card`: the lifecycle
/// function of the operation that records it, asked on the card before it, yields this very
/// event. A stream does not keep what a decision read besides the card (the program's settings,
/// a reissue reason's `must_block`, the flag of a PIN try), so each setting the event does not
/// carry is tried in turn: the event is possible if one of them decides it. The rules stay in
/// `lifecycle/`, and this function only names which decision records which event.
fn possible(card: &Card, event: &CardEvent, at: DateTime<Utc>) -> bool {
    let yields = |events: Vec<CardEvent>| events.as_slice() == std::slice::from_ref(event);
    let accepted = |decision: Option<Vec<CardEvent>>| decision.is_some_and(yields);
    // Every program setting a decision may have read.
    let settings = || {
        EmbossingMode::ALL.iter().flat_map(move |&embossing_mode| {
            PhysicalInitialStatus::ALL.iter().map(move |&physical_initial_status| Context {
                embossing_mode,
                physical_initial_status,
                ..Context::new(at)
            })
        })
    };
    match event {
        // Creation starts a stream; no decision on an existing card records it.
        CardEvent::Created { .. } => card.version == 0,
        CardEvent::StatusChanged { to, .. } => {
            accepted(status::change_status(card, *to).ok()) || yields(reissue::cancel_replaced(card, at))
        }
        CardEvent::Activated { .. } => accepted(issuing::activate(card, at).ok()),
        CardEvent::Bound { .. } => accepted(issuing::bind(card).ok()),
        CardEvent::PanUpdated { kind, .. } => {
            PhysicalInitialStatus::ALL.iter().any(|&program| accepted(issuing::update_pan(card, *kind, program).ok()))
        }
        CardEvent::ValidityElapsed { .. } => yields(validity::elapse(card, at)),
        CardEvent::PasswordChanged { .. } => {
            settings().any(|context| yields(embossing::change_password(card, &context)))
        }
        CardEvent::EmbossingIngress => yields(embossing::ingress(card)),
        CardEvent::AddedToEmbossing => {
            settings().any(|context| accepted(embossing::add_to_embossing(card, &context).ok()))
        }
        CardEvent::Reembossing => settings().any(|context| accepted(embossing::reemboss(card, &context).ok())),
        CardEvent::Embossed { .. } => {
            settings().any(|context| embossing::run_takes(card, &context)) && embossing::embossed(card) == *event
        }
        CardEvent::Reissued { new_card_id, .. } => {
            card.reissued_card_id.is_none()
                && [false, true].into_iter().any(|must_block| {
                    reissue::reissued(card, card.status, must_block, *new_card_id)
                        .is_ok_and(|reissued| reissued == *event)
                })
        }
        // Renewed, or applied by the renewed physical card's activation (§12.45).
        CardEvent::ExpirationRenewed { expiration_date, .. } => {
            accepted(renewal::renew_expiration(card, *expiration_date).ok())
                || accepted(issuing::activate(card, at).ok())
        }
        CardEvent::ValidityRenewed { validity_period_hours, .. } => {
            accepted(renewal::renew_validity(card, *validity_period_hours, &Context::new(at)).ok())
        }
        CardEvent::PasswordTries { tries, .. } => {
            // The program's maximum is what the count reached, if the try blocked.
            let program = Context { max_password_tries: *tries, ..Context::new(at) };
            accepted(tries::reset(card).ok())
                || [false, true].into_iter().any(|block| accepted(tries::increase(card, block, &program).ok()))
        }
        // The empty update asks only whether the card takes one; the stream records the fields after it.
        CardEvent::InformationUpdated { .. } => {
            information::update(card, &UpdateCardInformation::default(), &[]).is_ok()
        }
    }
}
