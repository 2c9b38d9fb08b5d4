//! The events as the platform publishes them: an envelope (domain, event, schema version, card,
//! time, version) around a payload with the field names of Pismo's event page for that event
//! (domain.md §1 S13–S21, §9). What only the platform knows comes from [`PlatformFields`].
//!
//! Layer `store`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::event::{Accepted, CardEvent};
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::ids::ProgramId;
use crate::value::status::CardStatus;
use crate::wire::platform::PanDerived;
use crate::wire::platform::PlatformFields;

/// The schema version of every envelope the crate renders, a card event's or a run's summary.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// One event, ready to publish: where the platform files it and the card it is about, around
/// its payload. Built from an [`Accepted`] decision by [`Accepted::envelopes`]; it borrows the
/// card and the platform fields, so building one allocates nothing.
///
/// `domain` and `event` are absent for the events the platform does not publish (adding a
/// card to the next embossing, domain.md §11.6): they still change the card, so a store keeps
/// them, and `published` says so.
///
/// ```
/// use card_lifecycle::{decide, AccountId, Card, CardId, CardStatus, CardType, Command, Context, PlatformFields};
///
/// let card = Card::new(CardId::new(42)?, CardType::Virtual, CardStatus::Normal);
/// let now = "2026-03-01T12:00:00Z".parse()?;
/// let accepted = decide(&card, &Command::UpdateStatus { status: CardStatus::Blocked }, &Context::new(now))?;
/// let mut platform = PlatformFields::default();
/// platform.account_id = Some(AccountId::new(7)?);
/// let envelope = accepted.envelopes(&platform).next().ok_or("one event")?;
/// let json = serde_json::to_value(&envelope)?;
/// assert_eq!((json["domain"].as_str(), json["event"].as_str(), json["version"].as_u64()), (Some("cards"), Some("update"), Some(1)));
/// assert_eq!(json["payload"]["card_previous_status"], "NORMAL");
/// assert_eq!(json["payload"]["account_id"], 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct EventEnvelope<'a> {
    /// The platform's event domain, `cards`; absent when the platform publishes nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<&'static str>,
    /// The platform's event name (`update`, `create`, `bind_card`, …); absent when unpublished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<&'static str>,
    /// The version of the event's schema.
    pub schema_version: u32,
    /// The event's display name ("Card updated"), or the crate's name of an unpublished event.
    pub name: &'static str,
    /// Whether the platform publishes the event.
    pub published: bool,
    /// The card the event is about.
    pub card_id: CardId,
    /// When it happened: the decision's `now`.
    pub occurred_at: DateTime<Utc>,
    /// The card's version after this event.
    pub version: u64,
    /// The event's fields, as its page spells them.
    pub payload: Payload<'a>,
}

/// The fields of an event, by kind; each kind's names are those of its Pismo event page.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Payload<'a> {
    /// "Card created" (`cards/create`, S13).
    Created(CardFields<'a>),
    /// "Card updated" (`cards/update`, S14).
    Updated(UpdatedFields<'a>),
    /// "Customer bound to noname card" (`cards/bind_card`, S21).
    Bound(BoundFields<'a>),
    /// "Card password changed" (`cards/update_password`, S23), "Card can be added to next
    /// scheduled embossing" (`cards/embossing_card_ingress`, S16), "Card reembossing
    /// notification received" (`cards/reembossing`, S18), and the unpublished add to embossing.
    Card(CardRef),
    /// "Card embossing notification received" (`cards/embossing`, S17).
    Embossing(EmbossingFields<'a>),
}

/// The card's own fields, as "Card created" spells them (S13); every other card event repeats
/// them. A field the page requires but the platform has not given is `null`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CardFields<'a> {
    /// The Pismo account id.
    pub account_id: Option<crate::value::ids::AccountId>,
    /// The hashed PAN.
    pub card_hash: Option<&'a PanDerived>,
    /// The card's id.
    pub card_id: CardId,
    /// The PAN's last 4 digits.
    pub card_last_four_numbers: Option<&'a PanDerived>,
    /// The card's name.
    pub card_name: Option<&'a str>,
    /// The name embossed on the card.
    pub card_printed_name: Option<&'a str>,
    /// The card's status.
    pub card_status: CardStatus,
    /// The card's type.
    pub card_type: CardType,
    /// Contactless payments allowed.
    pub contactless_enabled: bool,
    /// The Pismo customer id.
    pub customer_id: Option<crate::value::ids::CustomerId>,
    /// The expiration month's first instant.
    pub expiration_date: Option<DateTime<Utc>>,
    /// When the card was created.
    pub issuing_date: Option<DateTime<Utc>>,
    /// The card's program.
    pub program_id: ProgramId,
    /// The noname bulk the card came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bulk_id: Option<&'a str>,
    /// The client's id for the card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<&'a str>,
}

/// "Card updated" (S14): the card's fields, the status before, and what changed it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct UpdatedFields<'a> {
    /// The card's fields, the status the event left.
    #[serde(flatten)]
    pub card: CardFields<'a>,
    /// The status before the event; equal to `card_status` when it did not change (S26).
    pub card_previous_status: CardStatus,
    /// When a physical card was activated: this event's time, for an activation.
    pub activation_date: Option<DateTime<Utc>>,
    /// What changed the card: `PAN_UPDATE` for a PAN definition (S12); `null` for the other
    /// changes, for which the API documents no value.
    pub operation_type: Option<&'static str>,
    /// The end of the validity period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
    /// The renewal, on an expiration renewal's "Card updated" only (domain.md §12.45).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date_renewal_data: Option<RenewalData>,
}

/// "Customer bound to noname card" (S21).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct BoundFields<'a> {
    /// The card's fields after binding.
    #[serde(flatten)]
    pub card: CardFields<'a>,
    /// The status before binding, `UNBOUND`.
    pub card_previous_status: CardStatus,
    /// The binding's outcome: `SUCCESS`, as only an accepted binding is an event.
    pub status: &'static str,
}

/// The few fields of the embossing and password events: which card, whose, in which program
/// and status (S16, S18, S23).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CardRef {
    /// The card's id.
    pub card_id: CardId,
    /// The card's program.
    pub program_id: ProgramId,
    /// The Pismo account id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<crate::value::ids::AccountId>,
    /// The Pismo customer id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<crate::value::ids::CustomerId>,
    /// The card's status.
    pub card_status: CardStatus,
}

/// "Card embossing notification received" (S17) for a card that went into a file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct EmbossingFields<'a> {
    /// Which card, whose, in which program and status.
    #[serde(flatten)]
    pub card: CardRef,
    /// The embosser group the card went to; absent for the default embosser.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embossing_group: Option<&'a str>,
    /// Whether a resend queued the card this run embossed (domain.md §11.51).
    pub reembossing: bool,
}

/// `expiration_date_renewal_data` of a "Card updated" for an expiration renewal (domain.md
/// §12.45, S30).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct RenewalData {
    /// The new expiration date, as the events write dates: the month's first instant.
    pub new_expiration_date: DateTime<Utc>,
    /// `APPLIED` or `PENDING`.
    pub expiration_date_update_status: &'static str,
    /// When the renewal was requested; `null` when an activation applies an earlier request.
    pub renewal_request_date: Option<DateTime<Utc>>,
    /// When it took effect; `null` while pending.
    pub renewal_applied_date: Option<DateTime<Utc>>,
}

impl Accepted {
    /// The decision's events as the platform publishes them, in order, each with the card's
    /// version after it. Allocates nothing.
    pub fn envelopes<'a>(&'a self, platform: &'a PlatformFields) -> impl Iterator<Item = EventEnvelope<'a>> + 'a {
        let card = &self.card;
        // The status before the first event: the card's, unwound through every status change.
        let first = self.events.iter().rev().fold(card.status, |after, event| event.status_before(after));
        self.versioned().scan(first, move |status, (version, event)| {
            let previous = *status;
            *status = event.status_after(previous);
            Some(envelope(event, card, platform, previous, *status, version, self.occurred_at))
        })
    }
}

fn envelope<'a>(
    event: &CardEvent,
    card: &'a Card,
    platform: &'a PlatformFields,
    previous: CardStatus,
    status: CardStatus,
    version: u64,
    occurred_at: DateTime<Utc>,
) -> EventEnvelope<'a> {
    let fields = CardFields {
        account_id: platform.account_id,
        card_hash: platform.hash.as_ref(),
        card_id: card.id,
        card_last_four_numbers: platform.last_4_digits.as_ref(),
        card_name: card.name.as_ref().map(crate::value::card_name::CardName::as_str),
        card_printed_name: card.printed_name.as_ref().map(crate::value::printed_name::PrintedName::as_str),
        card_status: status,
        card_type: card.card_type,
        contactless_enabled: card.details.contactless_enabled,
        customer_id: platform.customer_id,
        expiration_date: card.expiration_date.map(ExpirationDate::first_instant),
        issuing_date: card.details.issuing_date,
        program_id: card.program_id,
        bulk_id: platform.bulk_id.as_deref(),
        external_id: platform.external_id.as_deref(),
    };
    let reference = CardRef {
        card_id: card.id,
        program_id: card.program_id,
        account_id: platform.account_id,
        customer_id: platform.customer_id,
        card_status: status,
    };
    let info = event.info();
    let updated = |fields, expiration_date_renewal_data| {
        Payload::Updated(UpdatedFields {
            card: fields,
            card_previous_status: previous,
            activation_date: card.details.activation_date,
            operation_type: info.operation_type,
            valid_until: card.valid_until,
            expiration_date_renewal_data,
        })
    };
    let payload = match event {
        CardEvent::Created { .. } => Payload::Created(fields),
        CardEvent::StatusChanged { .. }
        | CardEvent::Activated { .. }
        | CardEvent::ValidityElapsed { .. }
        | CardEvent::PanUpdated { .. }
        | CardEvent::Reissued { .. }
        | CardEvent::ValidityRenewed { .. }
        | CardEvent::PasswordTries { .. }
        | CardEvent::InformationUpdated { .. } => updated(fields, None),
        &CardEvent::ExpirationRenewed { expiration_date, applied } => {
            // A renewal the activation applies was requested earlier, at an instant the event
            // does not carry (§12.45): only its application date is known then.
            let requested = !applied || !card.card_type.is_physical();
            updated(
                fields,
                Some(RenewalData {
                    new_expiration_date: expiration_date.first_instant(),
                    expiration_date_update_status: if applied { "APPLIED" } else { "PENDING" },
                    renewal_request_date: requested.then_some(occurred_at),
                    renewal_applied_date: applied.then_some(occurred_at),
                }),
            )
        }
        CardEvent::Bound { .. } => {
            Payload::Bound(BoundFields { card: fields, card_previous_status: previous, status: "SUCCESS" })
        }
        &CardEvent::Embossed { reembossing } => Payload::Embossing(EmbossingFields {
            card: reference,
            embossing_group: card.details.embossing_group.as_deref(),
            reembossing,
        }),
        CardEvent::PasswordChanged { .. }
        | CardEvent::EmbossingIngress
        | CardEvent::Reembossing
        | CardEvent::AddedToEmbossing => Payload::Card(reference),
    };
    EventEnvelope {
        domain: info.channel.map(|(domain, _)| domain),
        event: info.channel.map(|(_, name)| name),
        schema_version: SCHEMA_VERSION,
        name: info.name,
        published: info.channel.is_some(),
        card_id: card.id,
        occurred_at,
        version,
        payload,
    }
}
