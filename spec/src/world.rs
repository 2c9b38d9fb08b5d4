//! A card service made of the library alone, in memory: what a scenario runs against when no
//! server is given. It answers each API request as a server built on the crate would (parse →
//! load → decide → save → answer), keeps the cards, the idempotency records and the published
//! events, and reads the clock the scenario sets.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;

use card_lifecycle::card::CardKind;
use card_lifecycle::request::{
    ChangeCardPassword, CreateCard, IdempotencyKey, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity,
    UpdateCardInformation, UpdateCardStatus,
};
use card_lifecycle::{
    Accepted, Card, CardId, Command, Context, CreateCardInput, CustomerId, EmbossingSummary, Error, ExistingCard,
    HttpResponse, Operation, PlatformFields, Reembossing, Reissue, ReissueInput, StartEmbossing, UnknownCard,
};

/// One API request, as a scenario step spells it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The operation.
    pub operation: Option<Operation>,
    /// The card of the path.
    pub card: Option<CardId>,
    /// The path's `customerId`, as sent.
    pub customer_id: Option<String>,
    /// The path's `accountId`, as sent.
    pub account_id: Option<String>,
    /// Headers, names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The body's bytes; `None`, no body.
    pub body: Option<Vec<u8>>,
    /// The reissue reason's `must_block`.
    pub must_block: bool,
    /// The reissued card's id; the service assigns one when absent.
    pub new_card_id: Option<CardId>,
    /// The caller does not compare this request's events: a server need not be asked for them.
    pub ignore_events: bool,
    /// `request.auth` (vectors.md "Who may call"): `"none"`, `"garbage"` or claims to change; the
    /// library does not read it.
    pub auth: Option<Value>,
}

/// An event the service published: the fields the test hooks' event list carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The display name.
    pub name: String,
    /// The card it is about; `None` for a run's summary.
    pub card_id: Option<CardId>,
    /// The envelope's payload.
    pub payload: Value,
}

/// What the service answered, and what it published doing it.
#[derive(Clone, Debug)]
pub struct Response {
    /// The HTTP status; `None` for a step that is not an HTTP request.
    pub status: Option<u16>,
    /// The body's bytes.
    pub body: Vec<u8>,
    /// The events published, in order.
    pub events: Vec<Published>,
    /// The card the step created, if any.
    pub created: Option<CardId>,
}

/// A card's owner: the path values that reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    /// Its customer.
    pub customer_id: u64,
    /// Its account.
    pub account_id: u64,
}

/// The in-memory service.
#[derive(Debug)]
pub struct World {
    /// The program's settings and the clock.
    pub context: Context,
    cards: BTreeMap<CardId, (Card, Owner)>,
    replays: HashMap<(CustomerId, String), HttpResponse>,
    next_id: CardId,
    reasons: HashMap<u64, bool>,
}

impl World {
    /// An empty service with `context`.
    #[must_use]
    pub fn new(context: Context) -> Self {
        Self { context, cards: BTreeMap::new(), replays: HashMap::new(), next_id: CardId::MIN, reasons: HashMap::new() }
    }

    /// Configures a reissue reason: whether it cancels a `PLASTIC` card at once (the `reasons` hook).
    pub fn set_reason(&mut self, reason_id: u64, must_block: bool) {
        self.reasons.insert(reason_id, must_block);
    }

    /// The id the next card created gets (the `ids` hook).
    pub fn set_next_id(&mut self, id: CardId) {
        self.next_id = id;
    }

    /// Stores `card` as it is, owned by `owner` (the test hooks' `PUT /cards/{id}`).
    pub fn put(&mut self, card: Card, owner: Owner) {
        self.next_id = self.next_id.max(card.id.next().unwrap_or(card.id));
        self.cards.insert(card.id, (card, owner));
    }

    /// The stored card.
    #[must_use]
    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.get(&id).map(|(card, _)| card)
    }

    /// Sets the clock.
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.context.now = now;
    }

    fn fresh_id(&mut self) -> CardId {
        let id = self.next_id;
        self.next_id = id.next().unwrap_or(id);
        id
    }

    /// Answers one request.
    pub fn handle(&mut self, request: &Request) -> Response {
        let Some(operation) = request.operation else {
            return Response { status: Some(404), body: Vec::new(), events: Vec::new(), created: None };
        };
        let body = request.body.as_deref().unwrap_or(b"");
        match operation {
            Operation::PostV2Card => self.create(request, body),
            Operation::StartEmbossing => self.run(body),
            Operation::StartReembossing => self.resend(body),
            Operation::Elapse => self.sweep(),
            _ => self.on_card(operation, request, body),
        }
    }

    fn create(&mut self, request: &Request, body: &[u8]) -> Response {
        let header = |name: &str| request.headers.get(name).map(String::as_str);
        let parsed = CustomerId::from_header(header("x-customer-id"))
            .and_then(|customer| Ok((customer, IdempotencyKey::from_header(header("x-idempotency-key"))?)));
        let (customer, key) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => return refused(&Error::from(error)),
        };
        // §11.9: a repeated key answers the first answer, whatever the new body says.
        if let Some(first) = key.as_ref().and_then(|key| self.replays.get(&(customer, key.as_str().to_owned()))) {
            return Response { status: Some(200), body: first.body.clone(), events: Vec::new(), created: None };
        }
        let create = match CreateCard::from_slice(body) {
            Ok(create) => create,
            Err(error) => return refused(&Error::from(error)),
        };
        let account_id = request.account_id.as_deref().and_then(|id| id.parse().ok()).unwrap_or(1);
        let owner = Owner { customer_id: customer.get(), account_id };
        let existing = self.existing_cards(owner, None);
        let card_id = request.new_card_id.unwrap_or_else(|| self.fresh_id());
        let input = CreateCardInput { card_id, existing_cards: existing, ..CreateCardInput::default() };
        match card_lifecycle::create_card(&create, &input, &self.context) {
            Ok(accepted) => {
                let answer = HttpResponse::for_accepted(Operation::PostV2Card, &accepted.card, &platform(owner));
                if let Some(key) = key {
                    self.replays.insert((customer, key.as_str().to_owned()), answer.clone());
                }
                let events = self.save(accepted, owner);
                Response { status: Some(answer.status), body: answer.body, events, created: Some(card_id) }
            }
            Err(error) => refused(&Error::from(error)),
        }
    }

    /// The customer's cards, for the one-active-card rule, but `except`.
    fn existing_cards(&self, owner: Owner, except: Option<CardId>) -> Vec<ExistingCard> {
        self.cards
            .values()
            .filter(|(card, card_owner)| card_owner.customer_id == owner.customer_id && Some(card.id) != except)
            .filter_map(|(card, _)| {
                let name = card.name.as_ref()?.as_str().to_owned();
                Some(ExistingCard { card_type: card.card_type, name, status: card.status })
            })
            .collect()
    }

    /// Stores the decision's card and returns its published events.
    fn save(&mut self, accepted: Accepted, owner: Owner) -> Vec<Published> {
        let events = published(&accepted, owner);
        self.next_id = self.next_id.max(accepted.card.id.next().unwrap_or(accepted.card.id));
        self.cards.insert(accepted.card.id, (accepted.card, owner));
        events
    }

    fn on_card(&mut self, operation: Operation, request: &Request, body: &[u8]) -> Response {
        // §12.59: a malformed body is judged before the card is looked up.
        let command = match parse(operation, body, request.body.is_some()) {
            Ok(command) => command,
            Err(error) => return refused(&error),
        };
        let Some(card_id) = request.card else {
            // S3's 400: the path names no card.
            return match "".parse::<CardId>() {
                Ok(_) => refused(&Error::from(UnknownCard { card_id: None })),
                Err(error) => refused(&Error::from(error)),
            };
        };
        let Some((card, owner)) = self.cards.get(&card_id).cloned() else {
            return refused(&Error::from(UnknownCard { card_id: Some(card_id) }));
        };
        // §10: a card under another customer's or account's path is not found.
        let path_owner = |sent: Option<&String>, owner: u64| sent.is_none_or(|sent| sent.parse::<u64>() == Ok(owner));
        if !path_owner(request.customer_id.as_ref(), owner.customer_id)
            || !path_owner(request.account_id.as_ref(), owner.account_id)
        {
            return refused(&Error::from(UnknownCard { card_id: Some(card_id) }));
        }
        let context = self.context;
        let decided = match command {
            Parsed::Command(Command::Activate) => self.activate(&card, owner),
            Parsed::Command(command) => {
                let command = match command {
                    // No body: a PIN of the card's length (vectors.md).
                    Command::ChangePassword { .. } if request.body.is_none() => {
                        Command::from(ChangeCardPassword::with_digits(card.pin_length))
                    }
                    other => other,
                };
                card_lifecycle::decide(&card, &command, &context)
                    .map(|accepted| self.answer(operation, accepted, owner))
            }
            Parsed::Reissue(reissue) => self.reissue(&card, owner, &reissue, request),
            Parsed::Information(update) => {
                let existing = self.existing_cards(owner, Some(card.id));
                card_lifecycle::update_card_information(&card, &update, &existing, &context)
                    .map(|accepted| self.answer(operation, accepted, owner))
            }
        };
        decided.unwrap_or_else(|error| refused(&error))
    }

    /// Saves an accepted decision and answers it as the API does.
    fn answer(&mut self, operation: Operation, accepted: Accepted, owner: Owner) -> Response {
        let answer = HttpResponse::for_accepted(operation, &accepted.card, &platform(owner));
        let events = self.save(accepted, owner);
        Response { status: operation.success_status(), body: answer.body, events, created: None }
    }

    /// Activation, cancelling the cards the card replaces (§12.44).
    fn activate(&mut self, card: &Card, owner: Owner) -> Result<Response, Error> {
        let mut chain = Vec::new();
        let mut newer = card.id;
        while let Some(older) = self.cards.values().find(|(older, _)| older.reissued_card_id == Some(newer)) {
            if chain.iter().any(|(known, _): &(Card, Owner)| known.id == older.0.id) {
                break;
            }
            newer = older.0.id;
            chain.push(older.clone());
        }
        let cards: Vec<Card> = chain.iter().map(|(card, _)| card.clone()).collect();
        let done = card_lifecycle::activate_replacement(card, &cards, &self.context)?;
        let mut response = self.answer(Operation::PutV1CardActivate, done.card, owner);
        for (accepted, (_, owner)) in done.replaced.into_iter().zip(chain) {
            response.events.extend(self.save(accepted, owner));
        }
        Ok(response)
    }

    fn reissue(&mut self, card: &Card, owner: Owner, body: &ReissueCard, request: &Request) -> Result<Response, Error> {
        let new_card_id = match request.new_card_id {
            Some(id) => id,
            None => match card.reissued_card_id {
                // Already reissued: the decision answers 200 and takes no new id.
                Some(replacement) => replacement,
                None => self.fresh_id(),
            },
        };
        let configured = self.reasons.get(&body.reason_id()).copied().unwrap_or(false);
        let input = ReissueInput { new_card_id, must_block: request.must_block || configured };
        match card_lifecycle::reissue_card(card, body, &input, &self.context)? {
            Reissue::Issued { old, new } => {
                let answer = HttpResponse::for_accepted(Operation::PostV1CardReissue, &new.card, &platform(owner));
                let mut events = self.save(old, owner);
                events.extend(self.save(*new, owner));
                Ok(Response { status: Some(answer.status), body: answer.body, events, created: Some(new_card_id) })
            }
            // §12.43: 200 with the linked card as it is now.
            Reissue::Repeat { new_card_id } => {
                let body = self.card(new_card_id).map_or_else(Vec::new, |linked| {
                    HttpResponse::for_accepted(Operation::PostV1CardReissue, linked, &platform(owner)).body
                });
                Ok(Response { status: Some(200), body, events: Vec::new(), created: None })
            }
        }
    }

    fn run(&mut self, body: &[u8]) -> Response {
        let request = match StartEmbossing::from_slice(body) {
            Ok(request) => request,
            Err(error) => return refused(&Error::from(error)),
        };
        let cards: Vec<Card> = self.cards.values().map(|(card, _)| card.clone()).collect();
        let run = request.run(&cards, &self.context);
        let mut events = Vec::new();
        for accepted in run.embossed {
            let owner = self.cards.get(&accepted.card.id).map_or(Owner { customer_id: 1, account_id: 1 }, |(_, o)| *o);
            events.extend(self.save(accepted, owner));
        }
        if let Some(summary) = run.summary {
            let payload = serde_json::to_value(summary).unwrap_or_default();
            events.push(Published { name: EmbossingSummary::NAME.to_owned(), card_id: None, payload });
        }
        Response { status: Some(202), body: Vec::new(), events, created: None }
    }

    /// Resend cards for embossing: all or nothing. A listed card that is refused answers the
    /// request with its refusal (the first, by id) and nothing is resent; ids the service does not
    /// have are passed over (docs/decisions.md).
    fn resend(&mut self, body: &[u8]) -> Response {
        let request = match Reembossing::from_slice(body) {
            Ok(request) => request,
            Err(error) => return refused(&Error::from(error)),
        };
        let cards: Vec<Card> = self.cards.values().map(|(card, _)| card.clone()).collect();
        let outcome = request.decide(&cards, &self.context);
        // Ids the service does not have are passed over, as the library runner's single card is.
        if let Some((_, error)) = outcome.refused.iter().find(|(id, _)| self.cards.contains_key(id)) {
            return refused(error);
        }
        let mut events = Vec::new();
        for accepted in outcome.accepted {
            let owner = self.owner(accepted.card.id);
            events.extend(self.save(accepted, owner));
        }
        Response { status: Some(202), body: Vec::new(), events, created: None }
    }

    /// The expiry sweep at the clock's instant.
    fn sweep(&mut self) -> Response {
        let cards: Vec<Card> = self.cards.values().map(|(card, _)| card.clone()).collect();
        let mut events = Vec::new();
        for index in card_lifecycle::sweep(&cards, self.context.now) {
            let Some(card) = cards.get(index) else { continue };
            if let Ok(accepted) = card_lifecycle::decide(card, &Command::Elapse, &self.context) {
                let owner = self.owner(card.id);
                events.extend(self.save(accepted, owner));
            }
        }
        Response { status: None, body: Vec::new(), events, created: None }
    }

    /// A card's owner (customer 1, account 1 for a card the service does not have).
    #[must_use]
    pub fn owner(&self, id: CardId) -> Owner {
        self.cards.get(&id).map_or(Owner { customer_id: 1, account_id: 1 }, |(_, owner)| *owner)
    }
}

/// A card request's body, parsed.
enum Parsed {
    Command(Command),
    Reissue(ReissueCard),
    Information(UpdateCardInformation),
}

/// Parses the body of a request on one card into what decides it.
fn parse(operation: Operation, body: &[u8], has_body: bool) -> Result<Parsed, Error> {
    let command = |command| Ok(Parsed::Command(command));
    match operation {
        Operation::PutV1CardStatus => command(UpdateCardStatus::from_slice(body)?.into()),
        Operation::PutV1CardActivate => command(Command::Activate),
        Operation::PostV2CardBind => command(Command::Bind),
        Operation::PutV1UpdatePanNominal => command(Command::UpdatePan { kind: CardKind::Nominal }),
        Operation::PutV1UpdatePanNoname => command(Command::UpdatePan { kind: CardKind::Noname }),
        Operation::PutV2CardPassword if !has_body => {
            command(Command::ChangePassword { digits: card_lifecycle::value::PinLength::default() })
        }
        Operation::PutV2CardPassword => command(ChangeCardPassword::from_slice(body)?.into()),
        Operation::PutCardsEmbossing => command(Command::AddToEmbossing),
        Operation::EmbossingCardIngress => command(Command::EmbossingIngress),
        Operation::PatchV2CardExpirationRenew => command(RenewExpiration::from_slice(body)?.into()),
        Operation::PatchV2CardValidityRenew => command(RenewValidity::from_slice(body)?.into()),
        Operation::PostV2CardPasswordReset => command(Command::ResetPasswordTries),
        Operation::PostV2CardPasswordIncrease => command(IncreasePasswordTries::from_slice(body)?.into()),
        Operation::PostV1CardReissue => Ok(Parsed::Reissue(ReissueCard::from_slice(body)?)),
        Operation::PatchV2Card => Ok(Parsed::Information(UpdateCardInformation::from_slice(body)?)),
        // Not requests on one card: `World::handle` answers them before.
        Operation::PostV2Card | Operation::StartEmbossing | Operation::StartReembossing | Operation::Elapse => {
            command(Command::Elapse)
        }
    }
}

/// What the platform knows of a card's owner.
fn platform(owner: Owner) -> PlatformFields {
    let mut platform = PlatformFields::default();
    platform.account_id = card_lifecycle::AccountId::new(owner.account_id).ok();
    platform.customer_id = card_lifecycle::CustomerId::new(owner.customer_id).ok();
    platform
}

/// The published envelopes of a decision.
fn published(accepted: &Accepted, owner: Owner) -> Vec<Published> {
    let platform = platform(owner);
    accepted
        .envelopes(&platform)
        .filter(|envelope| envelope.published)
        .map(|envelope| Published {
            name: envelope.name.to_owned(),
            card_id: Some(envelope.card_id),
            payload: serde_json::to_value(&envelope.payload).unwrap_or_default(),
        })
        .collect()
}

/// A refusal's answer.
fn refused(error: &Error) -> Response {
    let answer = HttpResponse::error(error);
    Response { status: Some(answer.status), body: answer.body, events: Vec::new(), created: None }
}
