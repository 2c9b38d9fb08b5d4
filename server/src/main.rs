//! `card-lifecycle-server`: the reference card service. One command starts it with no setup:
//! `cargo run -p card-lifecycle-server` serves on 127.0.0.1:8080 with an embedded SQLite file.

use std::time::Duration;

use clap::Parser as _;
use tokio::sync::watch;

use card_lifecycle_server::auth::{TokenCheck, TokenClaims, sign};
use card_lifecycle_server::{App, Config, Sink, Store, relay_and_sweep, router, scheduled_embossing};

/// How tokens are checked: the configured key, none with `--insecure-no-auth`, or a random
/// secret for this run, with a token for account 1 and an issuer token logged to try it.
fn tokens(config: &Config) -> Result<TokenCheck, String> {
    if config.insecure_no_auth {
        tracing::warn!("--insecure-no-auth: every caller is let through without a token; never in production");
        return Ok(TokenCheck::Off);
    }
    if let Some(file) = &config.token_public_key {
        let pem = std::fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
        return TokenCheck::public_key(&pem);
    }
    if let Some(secret) = &config.token_secret {
        return TokenCheck::secret(secret.as_bytes());
    }
    let secret = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let exp = chrono::Utc::now().timestamp().saturating_add(24 * 3600);
    let account = TokenClaims {
        account_id: Some(card_lifecycle::AccountId::MIN),
        customer_id: Some(card_lifecycle::CustomerId::MIN),
        scope: String::new(),
        exp,
    };
    let issuer = TokenClaims { scope: card_lifecycle::auth::ISSUER_SCOPE.to_owned(), ..account.clone() };
    tracing::warn!("no token key given: signing with a random secret for this run only");
    tracing::info!(token = %sign(secret.as_bytes(), &account), "a token for account 1, customer 1 (24 h)");
    tracing::info!(token = %sign(secret.as_bytes(), &issuer), "an issuer token (embossing:write, 24 h)");
    TokenCheck::secret(secret.as_bytes())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let config = Config::parse();
    let backend = if config.database_url.starts_with("postgres") { "postgres" } else { "sqlite" };
    let outbox = config.nats_url.clone().unwrap_or_else(|| config.outbox_file.display().to_string());
    tracing::info!(listen = %config.listen, backend, %outbox, test_hooks = config.test_hooks, "starting");
    if config.test_hooks {
        tracing::warn!("test hooks are on: anyone can set the clock and the cards; never in production");
    }
    let store = match Store::connect(&config.database_url).await {
        Ok(store) => store,
        Err(error) => {
            tracing::error!(%error, "cannot open the database");
            return std::process::ExitCode::FAILURE;
        }
    };
    let tokens = match tokens(&config) {
        Ok(tokens) => tokens,
        Err(reason) => {
            tracing::error!(reason, "cannot read the token key");
            return std::process::ExitCode::FAILURE;
        }
    };
    let sink = match &config.nats_url {
        Some(url) => match Sink::nats(url, &config.nats_stream, &config.nats_subject).await {
            Ok(sink) => sink,
            Err(reason) => {
                tracing::error!(reason, "cannot reach the outbox's sink");
                return std::process::ExitCode::FAILURE;
            }
        },
        None => Sink::File(config.outbox_file.clone()),
    };
    let app = App::new(store, config.test_hooks, tokens);
    let listener = match tokio::net::TcpListener::bind(&config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%error, "cannot listen");
            return std::process::ExitCode::FAILURE;
        }
    };
    let (stop, stopped) = watch::channel(false);
    let interval = Duration::from_millis(config.worker_interval_ms.max(10));
    let worker = tokio::spawn(relay_and_sweep(app.clone(), sink, interval, stopped.clone()));
    let scheduled = config.scheduled_embossing_config.map(|config_id| {
        let every = Duration::from_secs(config.scheduled_embossing_every_s.max(1));
        tracing::info!(%config_id, every_s = every.as_secs(), "scheduled embossing on");
        tokio::spawn(scheduled_embossing(app.clone(), config_id, every, stopped.clone()))
    });
    let served = axum::serve(listener, router(app, config.body_limit))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("stopping: finishing the requests in flight");
        })
        .await;
    let _ = stop.send(true);
    let _ = worker.await;
    if let Some(scheduled) = scheduled {
        let _ = scheduled.await;
    }
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "serving");
            std::process::ExitCode::FAILURE
        }
    }
}
