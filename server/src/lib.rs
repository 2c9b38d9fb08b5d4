//! The reference card service: `card-lifecycle` behind HTTP (axum) on a real database (sqlx:
//! SQLite embedded, or PostgreSQL by URL), with a transactional outbox, its relay, the expiry
//! sweep, and the conformance tool's test hooks behind `--test-hooks`.
//!
//! A handler is parse → load → decide → save → answer, and all of it but load and save is the
//! crate's: [`card_lifecycle::ApiRequest`] reads every operation, the decision functions decide,
//! [`card_lifecycle::HttpResponse`] is the answer. [`router`] gives the routes to a team that
//! wants them inside its own binary.

#![forbid(unsafe_code, reason = "a service has no use for it")]
#![deny(missing_docs, reason = "teams run and fork this service from its docs")]

mod api;
pub mod auth;
mod embossing;
mod hooks;
mod openapi;
pub mod sink;
pub mod store;
mod workers;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use chrono::{DateTime, Utc};

use card_lifecycle::Context;

pub use crate::sink::Sink;
pub use crate::store::Store;
pub use crate::workers::{emboss_once, relay_and_sweep, relay_once, scheduled_embossing, sweep_once};

/// The service's configuration: flags, or the environment.
#[derive(Clone, Debug, clap::Parser)]
#[command(name = "card-lifecycle-server", about = "The reference card service")]
pub struct Config {
    /// Where to listen.
    #[arg(long, env = "CARD_LIFECYCLE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The database: `sqlite://FILE?mode=rwc` (embedded, the default) or `postgres://…`.
    #[arg(long, env = "CARD_LIFECYCLE_DATABASE_URL", default_value = "sqlite://card-lifecycle.db?mode=rwc")]
    pub database_url: String,
    /// The outbox's sink: a file the relay appends each published envelope to, one JSON line each.
    #[arg(long, env = "CARD_LIFECYCLE_OUTBOX_FILE", default_value = "card-lifecycle-events.jsonl")]
    pub outbox_file: PathBuf,
    /// Publish the outbox to NATS `JetStream` at this URL (`nats://…`) instead of the file.
    #[arg(long, env = "CARD_LIFECYCLE_NATS_URL")]
    pub nats_url: Option<String>,
    /// The `JetStream` stream the service creates (if missing) and publishes to.
    #[arg(long, env = "CARD_LIFECYCLE_NATS_STREAM", default_value = "CARD_EVENTS")]
    pub nats_stream: String,
    /// The subject every event is published on.
    #[arg(long, env = "CARD_LIFECYCLE_NATS_SUBJECT", default_value = "cards.events")]
    pub nats_subject: String,
    /// Serve the conformance tool's test hooks under `/__spec` (never in production).
    #[arg(long, env = "CARD_LIFECYCLE_TEST_HOOKS")]
    pub test_hooks: bool,
    /// How often the relay and the expiry sweep look for work, in milliseconds.
    #[arg(long, env = "CARD_LIFECYCLE_WORKER_INTERVAL_MS", default_value_t = 200)]
    pub worker_interval_ms: u64,
    /// Run Start card embossing for this embossing configuration (a UUID) on a schedule, as the
    /// processor's scheduled mode does; off when absent.
    #[arg(long, env = "CARD_LIFECYCLE_SCHEDULED_EMBOSSING_CONFIG")]
    pub scheduled_embossing_config: Option<card_lifecycle::ConfigId>,
    /// How often the scheduled embossing runs, in seconds (a day by default).
    #[arg(long, env = "CARD_LIFECYCLE_SCHEDULED_EMBOSSING_EVERY_S", default_value_t = 86_400)]
    pub scheduled_embossing_every_s: u64,
    /// The largest request body, in bytes (413 beyond).
    #[arg(long, env = "CARD_LIFECYCLE_BODY_LIMIT", default_value_t = 65_536)]
    pub body_limit: usize,
    /// The HS256 secret that signs bearer tokens.
    #[arg(long, env = "CARD_LIFECYCLE_TOKEN_SECRET", hide_env_values = true)]
    pub token_secret: Option<String>,
    /// A PEM file with the public key (RSA: RS256, EC P-256: ES256) that verifies bearer tokens.
    #[arg(long, env = "CARD_LIFECYCLE_TOKEN_PUBLIC_KEY")]
    pub token_public_key: Option<PathBuf>,
    /// Let every caller through without a token: local experiments only, warned at every start.
    #[arg(long, env = "CARD_LIFECYCLE_INSECURE_NO_AUTH")]
    pub insecure_no_auth: bool,
}

/// The service's state: the store, the program's settings and the clock.
#[derive(Debug)]
pub struct App {
    /// The storage.
    pub store: Store,
    /// The program's settings (`now` is read from the clock).
    pub settings: Mutex<Context>,
    /// The test clock (the `clock` hook); `None`, the system clock.
    pub clock: Mutex<Option<DateTime<Utc>>>,
    /// The id the next created card gets (the `ids` hook), once.
    pub next_id: Mutex<Option<card_lifecycle::CardId>>,
    /// Whether the test hooks are served.
    pub test_hooks: bool,
    /// How bearer tokens are checked (domain.md §13).
    pub tokens: auth::TokenCheck,
}

impl App {
    /// A service over `store`.
    #[must_use]
    pub fn new(store: Store, test_hooks: bool, tokens: auth::TokenCheck) -> Arc<Self> {
        Arc::new(Self {
            tokens,
            store,
            settings: Mutex::new(Context::new(DateTime::UNIX_EPOCH)),
            clock: Mutex::new(None),
            next_id: Mutex::new(None),
            test_hooks,
        })
    }

    /// The decision context at this instant: the program's settings, `now` from the clock.
    #[must_use]
    pub fn context(&self) -> Context {
        let settings = self.settings.lock().map_or_else(|_| Context::new(DateTime::UNIX_EPOCH), |settings| *settings);
        let now = self.clock.lock().ok().and_then(|clock| *clock).unwrap_or_else(Utc::now);
        Context { now, ..settings }
    }
}

/// The most cards one embossing run takes; the rest wait for the next run.
pub const RUN_LIMIT: usize = 10_000;

/// The card object's route (domain.md §8).
pub const CARD_ROUTE: &str = "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}";
/// The status history's route.
pub const HISTORY_ROUTE: &str = "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}/status-history";

/// Every route of the API the service answers, as (method, path template): each needs a token.
#[must_use]
pub fn api_routes() -> Vec<(&'static str, &'static str)> {
    let operations =
        <card_lifecycle::Operation as strum::IntoEnumIterator>::iter().filter_map(card_lifecycle::Operation::route);
    operations.chain([("GET", CARD_ROUTE), ("GET", HISTORY_ROUTE)]).collect()
}

/// The service's routes: the API (every operation `card_lifecycle::ApiRequest` reads, the card
/// object and its status history), `/health`, `/openapi.json`, and the test hooks when on.
pub fn router(app: Arc<App>, body_limit: usize) -> Router {
    let routes = Router::new()
        .route("/health", axum::routing::get(|| async { "ok" }))
        .route("/openapi.json", axum::routing::get(openapi::document))
        .route("/wallet/v1/customers/{customer}/accounts/{account}/cards/{card}", axum::routing::get(api::card_object))
        .route(
            "/wallet/v1/customers/{customer}/accounts/{account}/cards/{card}/status-history",
            axum::routing::get(api::history),
        );
    let routes = if app.test_hooks {
        // The hook list answers at `/__spec/` (the runner's `GET {hooks}/`) and at `/__spec`.
        routes.route("/__spec/", axum::routing::get(hooks::list)).nest("/__spec", hooks::routes())
    } else {
        routes
    };
    routes
        .fallback(api::operation)
        .layer(axum::middleware::from_fn_with_state(app.clone(), auth::check))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(tower_http::request_id::MakeRequestUuid))
        .with_state(app)
}
