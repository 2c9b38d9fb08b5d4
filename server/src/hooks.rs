//! The conformance tool's test hooks (vectors.md "Running against a server"), served under
//! `/__spec` only with `--test-hooks`: reset, context, clock, cards, events, ingress, elapse,
//! and the optional reasons and ids. Their bodies are the spec member's types.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use serde::Deserialize;

use card_lifecycle::{CardId, Command};
use card_lifecycle_spec::{Clock, GivenCard, GivenContext, HookEvent, HookList, NextId, ReasonHook};

use crate::App;
use crate::store::Change;

type Answer = Result<StatusCode, (StatusCode, String)>;

fn failed(error: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
}

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(list))
        .route("/reset", post(reset))
        .route("/context", put(context))
        .route("/clock", put(clock))
        .route("/cards/{id}", put(put_card).get(get_card))
        .route("/cards/{id}/ingress", post(ingress))
        .route("/events", get(events))
        .route("/elapse", post(elapse))
        .route("/reasons/{id}", put(reason))
        .route("/ids", put(ids))
}

/// `GET /__spec/`: every hook.
pub(crate) async fn list() -> Json<HookList> {
    Json(HookList::all())
}

async fn reset(State(app): State<Arc<App>>) -> Answer {
    app.store.reset().await.map_err(failed)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn context(State(app): State<Arc<App>>, Json(context): Json<GivenContext>) -> Answer {
    let context = context.to_context();
    *app.settings.lock().map_err(failed)? = context;
    *app.clock.lock().map_err(failed)? = Some(context.now);
    Ok(StatusCode::NO_CONTENT)
}

async fn clock(State(app): State<Arc<App>>, Json(clock): Json<Clock>) -> Answer {
    *app.clock.lock().map_err(failed)? = Some(clock.now);
    Ok(StatusCode::NO_CONTENT)
}

async fn put_card(State(app): State<Arc<App>>, Json(card): Json<GivenCard>) -> Answer {
    let owner = card_lifecycle::Owner {
        customer_id: card_lifecycle::CustomerId::new(card.customer_id).map_err(failed)?,
        account_id: card_lifecycle::AccountId::new(card.account_id).map_err(failed)?,
    };
    app.store.put(&card.to_card(), owner).await.map_err(failed)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn get_card(
    State(app): State<Arc<App>>,
    Path(id): Path<CardId>,
) -> Result<Json<GivenCard>, (StatusCode, String)> {
    let stored = app.store.card(id).await.map_err(failed)?.ok_or((StatusCode::NOT_FOUND, String::new()))?;
    let owner = card_lifecycle_spec::Owner {
        customer_id: stored.owner.customer_id.get(),
        account_id: stored.owner.account_id.get(),
    };
    Ok(Json(GivenCard::from_card(&stored.card, owner)))
}

#[derive(Deserialize)]
struct After {
    #[serde(default)]
    after: u64,
}

async fn events(
    State(app): State<Arc<App>>,
    Query(after): Query<After>,
) -> Result<Json<Vec<HookEvent>>, (StatusCode, String)> {
    let rows = app.store.envelopes_after(after.after, 10_000).await.map_err(failed)?;
    let events = rows
        .into_iter()
        .map(|(seq, card_id, envelope)| HookEvent {
            seq,
            name: envelope["name"].as_str().unwrap_or_default().to_owned(),
            card_id,
            payload: envelope["payload"].clone(),
        })
        .collect();
    Ok(Json(events))
}

async fn ingress(State(app): State<Arc<App>>, Path(id): Path<CardId>) -> Answer {
    let stored = app.store.card(id).await.map_err(failed)?.ok_or((StatusCode::NOT_FOUND, String::new()))?;
    let accepted = card_lifecycle::decide(&stored.card, &Command::EmbossingIngress, &app.context()).map_err(failed)?;
    if !accepted.events.is_empty() {
        app.store
            .save(&[Change { accepted: &accepted, owner: stored.owner, new: false }], None)
            .await
            .map_err(|_| failed("conflict"))?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn elapse(State(app): State<Arc<App>>) -> Answer {
    crate::workers::sweep_once(&app).await.map_err(failed)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn reason(State(app): State<Arc<App>>, Path(id): Path<u64>, Json(reason): Json<ReasonHook>) -> Answer {
    app.store.set_reason(id, reason.must_block).await.map_err(failed)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn ids(State(app): State<Arc<App>>, Json(next): Json<NextId>) -> Answer {
    *app.next_id.lock().map_err(failed)? = Some(next.next);
    Ok(StatusCode::NO_CONTENT)
}
