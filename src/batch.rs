//! Decisions over many cards at once: a resend of listed cards, an embossing run. They take the
//! caller's records by reference, through an iterator, and never copy the ones they pass over.
//!
//! Layer `batch`; the layers are listed in `lib.rs`.

use std::collections::HashSet;

use crate::card::Card;
use crate::context::Context;
use crate::decide::{Command, decide};
use crate::error::Error;
use crate::event::Accepted;
use crate::event::CardEvent;
use crate::lifecycle::embossing::{CheckEmbossingError, EmbossingRecord, embossed, run_takes};
use crate::operation::Operation;
use crate::request::embossing::Reembossing;
use crate::request::embossing::StartEmbossing;
use crate::value::ids::CardId;
use crate::wire::response::HttpResponse;

/// What a Resend cards for embossing request did to each listed card.
///
/// The API answers 202 for the request as a whole; each card is accepted or refused on its
/// own.
///
/// ```
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, Reembossing};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
/// let outcome = Reembossing::parse(&serde_json::json!({ "cards": [1] }))?.decide(&[card], &Context::new(DateTime::UNIX_EPOCH));
/// assert!(outcome.accepted.is_empty());
/// assert_eq!(outcome.refused[0].1.http_status(), 406);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReembossingOutcome {
    /// The cards queued again, with their events, in id order.
    pub accepted: Vec<Accepted>,
    /// The cards refused and why, in id order; a listed id missing from the cards given is
    /// refused as not found.
    pub refused: Vec<(CardId, Error)>,
    /// The listed ids missing from the cards given (also in `refused`, as not found).
    pub missing: Vec<CardId>,
}

impl ReembossingOutcome {
    /// The request's answer (docs/decisions.md, all or nothing): 202 when every listed card the
    /// server has was accepted, else the first refusal by card id, and then the server resends
    /// none. Ids the server does not have are passed over.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, Reembossing};
    /// use chrono::DateTime;
    /// let card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
    /// let outcome = Reembossing::parse(&serde_json::json!({ "cards": [1, 2] }))?.decide(&[card], &Context::new(DateTime::UNIX_EPOCH));
    /// assert_eq!(outcome.missing, [CardId::new(2)?]);
    /// assert_eq!(outcome.answer().status, 406);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn answer(&self) -> HttpResponse {
        match self.refused.iter().find(|(id, _)| !self.missing.contains(id)) {
            Some((_, error)) => HttpResponse::error(error),
            None => HttpResponse::accepted(Operation::StartReembossing),
        }
    }
}

impl Reembossing {
    /// Applies the request to the cards it lists: each eligible card is queued again with
    /// "Card reembossing notification received"; each other one is refused with its reason.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, Reembossing};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use card_lifecycle::context::EmbossingMode;
    /// use chrono::DateTime;
    ///
    /// let mut card = Card::new(CardId::new(42)?, CardType::Plastic, CardStatus::Blocked);
    /// card.embossing = Embossing::Ready { file: EmbossingFile::None, on_demand: false };
    /// let context = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(DateTime::UNIX_EPOCH) };
    /// let outcome = Reembossing::parse(&serde_json::json!({ "cards": [42, 43] }))?.decide(&[card], &context);
    /// assert!(outcome.accepted[0].card.embossing.is_queued());
    /// assert_eq!(outcome.refused[0].0, CardId::new(43)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// The cards come as the caller keeps them, by reference, in one pass: with `n` cards and `k`
    /// listed ids it costs O(n + k log k) — the ids are in a hash set, each card is looked up
    /// once, and only the listed cards are decided (and so copied into their outcome). A card
    /// given twice is decided once.
    #[must_use]
    pub fn decide<'a>(&self, cards: impl IntoIterator<Item = &'a Card>, context: &Context) -> ReembossingOutcome {
        let listed: HashSet<CardId> = self.cards().iter().copied().collect();
        let mut found: HashSet<CardId> = HashSet::with_capacity(listed.len());
        let mut outcome = ReembossingOutcome { accepted: Vec::new(), refused: Vec::new(), missing: Vec::new() };
        for card in cards {
            if !listed.contains(&card.id) || !found.insert(card.id) {
                continue;
            }
            match decide(card, &Command::Reemboss, context) {
                Ok(accepted) => outcome.accepted.push(accepted),
                Err(error) => outcome.refused.push((card.id, error)),
            }
        }
        outcome.missing = self.cards().iter().copied().filter(|card_id| !found.contains(card_id)).collect();
        outcome.missing.sort_unstable();
        let missing =
            outcome.missing.iter().map(|&card_id| (card_id, CheckEmbossingError::CardNotFound { card_id }.into()));
        outcome.refused.extend(missing);
        outcome.accepted.sort_unstable_by_key(|accepted| accepted.card.id);
        outcome.refused.sort_unstable_by_key(|(card_id, _)| *card_id);
        outcome
    }
}

/// What an embossing run did: the cards that went into the file.
///
/// ```
/// use card_lifecycle::{Context, StartEmbossing};
/// use chrono::DateTime;
/// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
/// let run = request.run(&[], &Context::new(DateTime::UNIX_EPOCH));
/// assert!(run.embossed.is_empty());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmbossingRun {
    /// The selected cards after the run, each with "Card embossing notification received", in
    /// id order without duplicates.
    pub embossed: Vec<Accepted>,
    /// The run's "Embossing summary received", when it embossed at least one card (domain.md
    /// §11.50). It belongs to the run, not to any card's stream.
    pub summary: Option<EmbossingSummary>,
}

/// "Embossing summary received" (`cards/embossing_summary`, domain.md §5 S20, §11.50): what one
/// run put into its file.
///
/// ```
/// use card_lifecycle::card::{Embossing, EmbossingFile};
/// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
/// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
/// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
/// card.password_changed = true;
/// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
/// let run = request.run(&[card], &Context::new("2026-03-01T12:00:00Z".parse()?));
/// let summary = run.summary.ok_or("one card embossed")?;
/// assert_eq!(serde_json::to_string(&summary)?, r#"{"file_type":"NOMINAL","total_embossed_cards":1}"#);
/// assert_eq!(card_lifecycle::EmbossingSummary::NAME, "Embossing summary received");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct EmbossingSummary {
    /// `NONAME` when every embossed card is a noname card, else `NOMINAL` (our position,
    /// docs/decisions.md).
    pub file_type: &'static str,
    /// How many cards the run embossed.
    pub total_embossed_cards: usize,
}

impl EmbossingSummary {
    /// The event's display name.
    pub const NAME: &'static str = "Embossing summary received";
    /// The event's domain and event name on the platform.
    pub const CHANNEL: (&'static str, &'static str) = ("cards", "embossing_summary");

    /// The summary as the platform publishes it (S20): the envelope of a card event without a
    /// card or a version, since it belongs to no card's stream.
    ///
    /// ```
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
    /// card.password_changed = true;
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let run = request.run(&[card], &Context::new("2026-03-01T12:00:00Z".parse()?));
    /// let summary = run.summary.ok_or("one card embossed")?;
    /// let envelope = summary.envelope("2026-03-01T12:00:00Z".parse()?);
    /// assert_eq!(envelope.to_string(), concat!(
    ///     r#"{"domain":"cards","event":"embossing_summary","schema_version":1,"#,
    ///     r#""name":"Embossing summary received","published":true,"occurred_at":"2026-03-01T12:00:00Z","#,
    ///     r#""payload":{"file_type":"NOMINAL","total_embossed_cards":1}}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn envelope(&self, occurred_at: chrono::DateTime<chrono::Utc>) -> serde_json::Value {
        let (domain, event) = Self::CHANNEL;
        serde_json::json!({
            "domain": domain,
            "event": event,
            "schema_version": crate::store::publish::SCHEMA_VERSION,
            "name": Self::NAME,
            "published": true,
            "occurred_at": occurred_at,
            "payload": self,
        })
    }

    /// The summary of a run that embossed these cards; `None` when it embossed none.
    #[must_use]
    pub fn of(embossed: &[Accepted]) -> Option<Self> {
        let noname = embossed.iter().all(|accepted| accepted.card.kind == crate::card::CardKind::Noname);
        (!embossed.is_empty()).then_some(Self {
            file_type: if noname { "NONAME" } else { "NOMINAL" },
            total_embossed_cards: embossed.len(),
        })
    }
}

impl StartEmbossing {
    /// Whether the run takes this card: it is queued, still eligible at `context.now`
    /// ([`check_embossing`](crate::lifecycle::check_embossing)), and in the listed programs and cards if there are lists.
    /// Allocates nothing.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use chrono::DateTime;
    ///
    /// let request = StartEmbossing::parse(&serde_json::json!({
    ///     "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "cards": [5] }))?;
    /// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
    /// card.password_changed = true;
    /// assert!(request.selects(&card, &Context::new(DateTime::UNIX_EPOCH)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn selects(&self, card: &(impl EmbossingRecord + ?Sized), context: &Context) -> bool {
        self.takes_program(card.program_id()) && self.takes_card(card.card_id()) && run_takes(card, context)
    }

    /// What the run does to each of the caller's records, in one pass without copying them:
    /// the position of every record it embosses, and the event that record gets ("Card
    /// embossing notification received"). A server applies the event to its own record.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use card_lifecycle::event::CardEvent;
    /// use chrono::DateTime;
    ///
    /// let mut queued = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// queued.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: true };
    /// let idle = Card::new(CardId::new(6)?, CardType::Plastic, CardStatus::Created);
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let context = Context::new(DateTime::UNIX_EPOCH);
    /// let done: Vec<_> = request.embossings(&[idle, queued], &context).collect();
    /// assert_eq!(done, [(1, CardId::new(5)?, CardEvent::Embossed { reembossing: false })]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn embossings<'a, R: EmbossingRecord + 'a>(
        &'a self,
        cards: impl IntoIterator<Item = &'a R> + 'a,
        context: &'a Context,
    ) -> impl Iterator<Item = (usize, CardId, CardEvent)> + 'a {
        cards
            .into_iter()
            .enumerate()
            .filter(move |(_, card)| self.selects(*card, context))
            .map(|(index, card)| (index, card.card_id(), embossed(card)))
    }

    /// The run's decision on one card, for a store that saves each card with a version check
    /// and decides again the card whose save lost a race: the card embossed with its event, or
    /// `None` when the run does not take it.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use chrono::DateTime;
    /// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: true };
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let embossed = request.decide(&card, &Context::new(DateTime::UNIX_EPOCH)).ok_or("taken")?;
    /// assert!(embossed.card.embossing.is_embossed());
    /// assert!(request.decide(&embossed.card, &Context::new(DateTime::UNIX_EPOCH)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decide(&self, card: &Card, context: &Context) -> Option<Accepted> {
        let now = context.truncated().now;
        self.selects(card, context).then(|| Accepted::new(card, vec![embossed(card)], now))
    }

    /// Runs the embossing: the selected cards leave the queue, become embossed and get "Card
    /// embossing notification received" each; the run ends with its summary when it embossed
    /// any card (domain.md §11.50).
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing};
    /// use card_lifecycle::card::{Embossing, EmbossingFile};
    /// use chrono::DateTime;
    ///
    /// let mut card = Card::new(CardId::new(5)?, CardType::Plastic, CardStatus::Created);
    /// card.embossing = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
    /// card.password_changed = true;
    /// let request = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))?;
    /// let run = request.run(&[card], &Context::new(DateTime::UNIX_EPOCH));
    /// assert!(run.embossed[0].card.embossing.is_embossed());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn run<'a>(&self, cards: impl IntoIterator<Item = &'a Card>, context: &Context) -> EmbossingRun {
        let mut selected: Vec<&Card> = cards.into_iter().filter(|card| self.selects(*card, context)).collect();
        selected.sort_unstable_by_key(|card| card.id);
        selected.dedup_by_key(|card| card.id);
        let embossed: Vec<Accepted> = selected.into_iter().filter_map(|card| self.decide(card, context)).collect();
        EmbossingRun { summary: EmbossingSummary::of(&embossed), embossed }
    }
}
