//! The API's handlers: parse → load → decide → save → answer, retried on a lost race.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;

use card_lifecycle::store::status_history;
use card_lifecycle::wire::CardResponse;
use card_lifecycle::{
    ApiRequest, Card, CardId, Command, Context, CreateCardInput, Error, ExistingCard, HttpResponse, Owner, Reissue,
    ReissueInput, RequestBody, UnknownCard, activate_replacement, create_card, decide, reissue_card,
    update_card_information,
};

use crate::App;
use crate::store::{Change, SaveError, StoredCard};

/// How often a decision is made again after another request saved its card first.
const RETRIES: usize = 8;

/// An answer as axum sends it.
fn send(answer: HttpResponse) -> Response {
    axum::http::Response::<Vec<u8>>::from(answer).map(Body::from)
}

/// A 503 with a body, for a store that failed or a race lost too often.
fn unavailable(reason: &str) -> HttpResponse {
    tracing::warn!(reason, "answering 503");
    let body = serde_json::json!({ "message": reason, "error": "unavailable", "status": 503, "error_code": "" });
    HttpResponse::json(503, &body)
}

/// Every API operation: routed and read by the crate, decided, saved, answered.
pub(crate) async fn operation(
    State(app): State<Arc<App>>,
    claims: Option<axum::Extension<card_lifecycle::Claims>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if uri.path().starts_with("/__spec") {
        return send(HttpResponse { status: 404, body: Vec::new() });
    }
    let claims = claims.map(|axum::Extension(claims)| claims);
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let answer = match ApiRequest::parse(method.as_str(), uri.path(), header, &body) {
        // A path the API has, with another method: 405 with the methods it takes; else 404.
        None => {
            let allowed = allowed_methods(uri.path());
            if allowed.is_empty() {
                HttpResponse { status: 404, body: Vec::new() }
            } else {
                let mut response = send(HttpResponse { status: 405, body: Vec::new() });
                if let Ok(value) = axum::http::HeaderValue::from_str(&allowed.join(", ")) {
                    response.headers_mut().insert(axum::http::header::ALLOW, value);
                }
                return response;
            }
        }
        Some(Err(error)) => HttpResponse::error(&error),
        Some(Ok(request)) => answer(&app, &request, claims.as_ref()).await,
    };
    send(answer)
}

/// The methods some operation's route takes at this path.
fn allowed_methods(path: &str) -> Vec<&'static str> {
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .filter(|method| ApiRequest::parse(method, path, |_| None, b"").is_some())
        .collect()
}

/// Decides and saves, again on a lost race, at most [`RETRIES`] times.
async fn answer(app: &App, request: &ApiRequest, claims: Option<&card_lifecycle::Claims>) -> HttpResponse {
    for _ in 0..RETRIES {
        match attempt(app, request, claims).await {
            Ok(answer) => return answer,
            Err(Failure::Refused(error)) => return HttpResponse::error(&error),
            // Another request saved first: read again and decide again.
            Err(Failure::Save(SaveError::Conflict)) => {}
            Err(Failure::Save(SaveError::Database(error))) => {
                tracing::error!(%error, "database");
                return unavailable("the card store is unavailable; try again");
            }
        }
    }
    unavailable("the card changed under the request too often; try again")
}

enum Failure {
    Refused(Error),
    Save(SaveError),
}

impl<E: Into<Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        Self::Refused(error.into())
    }
}

fn database(error: sqlx::Error) -> Failure {
    Failure::Save(SaveError::Database(error))
}

async fn attempt(
    app: &App,
    request: &ApiRequest,
    claims: Option<&card_lifecycle::Claims>,
) -> Result<HttpResponse, Failure> {
    let store = &app.store;
    let context = app.context();
    let operation = request.operation;
    match &request.body {
        RequestBody::CreateCard { request: body, idempotency_key } => {
            let customer_id = request.customer_id.ok_or(UnknownCard { card_id: None })?;
            if let Some(key) = idempotency_key
                && let Some(first) = store.idempotency(customer_id, key.as_str()).await.map_err(database)?
            {
                return Ok(HttpResponse { status: 200, body: first });
            }
            let body = body.as_ref().map_err(Clone::clone)?;
            let owner = Owner { customer_id, account_id: request.account_id.unwrap_or(card_lifecycle::AccountId::MIN) };
            let existing_cards = existing(&store.cards_of(customer_id).await.map_err(database)?, None);
            let hooked = app.next_id.lock().ok().and_then(|mut next| next.take());
            let card_id = match hooked {
                Some(id) => id,
                None => store.next_id().await.map_err(database)?,
            };
            let input = CreateCardInput { card_id, existing_cards, ..CreateCardInput::default() };
            let created = match create_card(body, &input, &context) {
                Ok(created) => created,
                // The same key may have just created its card (the one-active-card 409 then is
                // that card): the first answer wins over the refusal.
                Err(error) => {
                    if let Some(key) = idempotency_key
                        && let Some(first) = store.idempotency(customer_id, key.as_str()).await.map_err(database)?
                    {
                        return Ok(HttpResponse { status: 200, body: first });
                    }
                    return Err(error.into());
                }
            };
            let answer =
                HttpResponse::for_accepted(operation, &created.card, &card_lifecycle::PlatformFields::of(owner));
            let key = idempotency_key.as_ref().map(|key| (customer_id, key.as_str(), answer.body.as_slice()));
            save(store, &[Change { accepted: &created, owner, new: true }], key).await?;
            Ok(answer)
        }
        RequestBody::StartEmbossing(run) => {
            store.emboss(run, &context, crate::RUN_LIMIT).await.map_err(Failure::Save)?;
            Ok(HttpResponse::accepted(operation))
        }
        RequestBody::Reembossing(resend) => {
            let stored = store.cards().await.map_err(database)?;
            let cards: Vec<Card> = stored.iter().map(|stored| stored.card.clone()).collect();
            let outcome = resend.decide(&cards, &context);
            let answer = outcome.answer();
            if answer.status == 202 {
                let changes: Vec<Change<'_>> = outcome
                    .accepted
                    .iter()
                    .map(|accepted| Change { accepted, owner: owner_of(&stored, accepted.card.id), new: false })
                    .collect();
                save(store, &changes, None).await?;
            }
            Ok(answer)
        }
        body => {
            let card_id = request.card_id.ok_or(UnknownCard { card_id: None })?;
            let StoredCard { card, owner } =
                store.card(card_id).await.map_err(database)?.ok_or(UnknownCard { card_id: Some(card_id) })?;
            request.check_owner(owner)?;
            // §13.61: another account's card is answered as if it did not exist.
            if claims.is_some_and(|claims| !claims.may_see(owner)) {
                return Err(UnknownCard { card_id: Some(card_id) }.into());
            }
            on_card(app, operation, body, card, owner, &context).await
        }
    }
}

/// A decision on one card (with the cards it replaces or issues), saved in one transaction.
async fn on_card(
    app: &App,
    operation: card_lifecycle::Operation,
    body: &RequestBody,
    card: Card,
    owner: Owner,
    context: &Context,
) -> Result<HttpResponse, Failure> {
    let store = &app.store;
    let respond = |card: &Card| HttpResponse::for_accepted(operation, card, &card_lifecycle::PlatformFields::of(owner));
    let accepted = match body {
        RequestBody::Command(Command::Activate) => {
            let mut chain: Vec<StoredCard> = Vec::new();
            let mut newer = card.id;
            while let Some(older) = store.replaced_by(newer).await.map_err(database)? {
                if chain.iter().any(|known| known.card.id == older.card.id) {
                    break;
                }
                newer = older.card.id;
                chain.push(older);
            }
            let cards: Vec<Card> = chain.iter().map(|stored| stored.card.clone()).collect();
            let done = activate_replacement(&card, &cards, context)?;
            let mut changes = vec![Change { accepted: &done.card, owner, new: false }];
            changes.extend(done.replaced.iter().zip(&chain).map(|(accepted, stored)| Change {
                accepted,
                owner: stored.owner,
                new: false,
            }));
            save(store, &changes, None).await?;
            return Ok(respond(&done.card.card));
        }
        RequestBody::Command(command) => decide(&card, command, context)?,
        RequestBody::Information(update) => {
            let cards = store.cards_of(owner.customer_id).await.map_err(database)?;
            update_card_information(&card, update, &existing(&cards, Some(card.id)), context)?
        }
        RequestBody::Reissue(reissue) => {
            let must_block = store.must_block(reissue.reason_id()).await.map_err(database)?;
            let hooked = app.next_id.lock().ok().and_then(|mut next| next.take());
            let new_card_id = match hooked {
                Some(id) => id,
                None => store.next_id().await.map_err(database)?,
            };
            match reissue_card(&card, reissue, &ReissueInput { new_card_id, must_block }, context)? {
                Reissue::Issued { old, new } => {
                    let answer = respond(&new.card);
                    let changes =
                        [Change { accepted: &old, owner, new: false }, Change { accepted: &new, owner, new: true }];
                    save(store, &changes, None).await?;
                    return Ok(answer);
                }
                // §12.43: 200 with the linked card as it is now (no body if the store lacks it).
                Reissue::Repeat { new_card_id } => {
                    return Ok(match store.card(new_card_id).await.map_err(database)? {
                        Some(linked) => {
                            HttpResponse::json(200, &card_lifecycle::wire::CreateCardResponse::new(&linked.card))
                        }
                        None => HttpResponse { status: 200, body: Vec::new() },
                    });
                }
            }
        }
        _ => return Ok(HttpResponse { status: 404, body: Vec::new() }),
    };
    save(store, &[Change { accepted: &accepted, owner, new: false }], None).await?;
    Ok(respond(&accepted.card))
}

async fn save(
    store: &crate::Store,
    changes: &[Change<'_>],
    key: Option<(card_lifecycle::CustomerId, &str, &[u8])>,
) -> Result<(), Failure> {
    let meaningful = changes.iter().any(|change| change.new || !change.accepted.events.is_empty());
    if !meaningful && key.is_none() {
        return Ok(());
    }
    store.save(changes, key).await.map_err(Failure::Save)
}

fn owner_of(cards: &[StoredCard], id: CardId) -> Owner {
    cards.iter().find(|stored| stored.card.id == id).map_or(
        Owner { customer_id: card_lifecycle::CustomerId::MIN, account_id: card_lifecycle::AccountId::MIN },
        |stored| stored.owner,
    )
}

/// The customer's cards but `except`, for the one-active-card rule (§11.8).
fn existing(cards: &[StoredCard], except: Option<CardId>) -> Vec<ExistingCard> {
    cards
        .iter()
        .filter(|stored| Some(stored.card.id) != except)
        .filter_map(|stored| {
            let name = stored.card.name.as_ref()?.as_str().to_owned();
            Some(ExistingCard { card_type: stored.card.card_type, name, status: stored.card.status })
        })
        .collect()
}

/// The path values of a card's own routes.
type CardPath = Path<(String, String, String)>;

async fn owned(
    app: &App,
    claims: Option<&card_lifecycle::Claims>,
    Path((customer, account, card)): CardPath,
) -> Result<StoredCard, HttpResponse> {
    let values = [("customerId", customer.as_str()), ("accountId", account.as_str()), ("cardId", card.as_str())];
    let value = |name: &str| values.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
    // Read as the status change reads them: one rule per path value.
    let request = ApiRequest::from_parts(card_lifecycle::Operation::PutV1CardActivate, value, |_| None, b"")
        .map_err(|error| HttpResponse::error(&error))?;
    let card_id = request.card_id.ok_or_else(|| HttpResponse::error(&UnknownCard { card_id: None }.into()))?;
    let stored = app
        .store
        .card(card_id)
        .await
        .map_err(|_| unavailable("the card store is unavailable; try again"))?
        .ok_or_else(|| HttpResponse::error(&UnknownCard { card_id: Some(card_id) }.into()))?;
    request.check_owner(stored.owner).map_err(|error| HttpResponse::error(&error.into()))?;
    if claims.is_some_and(|claims| !claims.may_see(stored.owner)) {
        return Err(HttpResponse::error(&UnknownCard { card_id: Some(card_id) }.into()));
    }
    Ok(stored)
}

/// `GET …/cards/{cardId}`: the card object (domain.md §8).
pub(crate) async fn card_object(
    State(app): State<Arc<App>>,
    claims: Option<axum::Extension<card_lifecycle::Claims>>,
    path: CardPath,
) -> Response {
    let claims = claims.map(|axum::Extension(claims)| claims);
    send(match owned(&app, claims.as_ref(), path).await {
        Ok(stored) => {
            HttpResponse::json(200, &CardResponse::new(&stored.card, &card_lifecycle::PlatformFields::of(stored.owner)))
        }
        Err(answer) => answer,
    })
}

/// `GET …/cards/{cardId}/status-history`: the card's statuses, newest first.
pub(crate) async fn status_history_route(
    app: &App,
    claims: Option<&card_lifecycle::Claims>,
    path: CardPath,
) -> HttpResponse {
    let stored = match owned(app, claims, path).await {
        Ok(stored) => stored,
        Err(answer) => return answer,
    };
    match app.store.records(stored.card.id).await {
        Ok(records) => {
            let start =
                records.first().map_or(stored.card.status, |record| record.event.status_after(stored.card.status));
            HttpResponse::json(200, &status_history(start, &records))
        }
        Err(_) => unavailable("the card store is unavailable; try again"),
    }
}

/// `GET …/cards/{cardId}/status-history`.
pub(crate) async fn history(
    State(app): State<Arc<App>>,
    claims: Option<axum::Extension<card_lifecycle::Claims>>,
    path: CardPath,
) -> Response {
    let claims = claims.map(|axum::Extension(claims)| claims);
    send(status_history_route(&app, claims.as_ref(), path).await)
}
