//! `card-lifecycle-server`: the reference card service. One command starts it with no setup:
//! `cargo run -p card-lifecycle-server` serves on 127.0.0.1:8080 with an embedded SQLite file.

use std::time::Duration;

use clap::Parser as _;
use tokio::sync::watch;

use card_lifecycle_server::{App, Config, Store, relay_once, router, sweep_once};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let config = Config::parse();
    let backend = if config.database_url.starts_with("postgres") { "postgres" } else { "sqlite" };
    tracing::info!(listen = %config.listen, backend, outbox = %config.outbox_file.display(), test_hooks = config.test_hooks, "starting");
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
    let app = App::new(store, config.test_hooks);
    let listener = match tokio::net::TcpListener::bind(&config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%error, "cannot listen");
            return std::process::ExitCode::FAILURE;
        }
    };
    let (stop, stopped) = watch::channel(false);
    let interval = Duration::from_millis(config.worker_interval_ms.max(10));
    let worker = {
        let app = app.clone();
        let sink = config.outbox_file.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            loop {
                if let Err(error) = relay_once(&app, &sink).await {
                    tracing::warn!(%error, "relay");
                }
                if !app.test_hooks
                    && let Err(error) = sweep_once(&app).await
                {
                    tracing::warn!(%error, "sweep");
                }
                tokio::select! {
                    () = tokio::time::sleep(interval) => {}
                    _ = stopped.changed() => break,
                }
            }
            // Publish what the last requests saved before stopping.
            let _ = relay_once(&app, &sink).await;
        })
    };
    let served = axum::serve(listener, router(app, config.body_limit))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("stopping: finishing the requests in flight");
        })
        .await;
    let _ = stop.send(true);
    let _ = worker.await;
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "serving");
            std::process::ExitCode::FAILURE
        }
    }
}
