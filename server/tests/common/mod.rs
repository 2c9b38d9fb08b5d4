//! Starts the service on a free loopback port, in its own runtime, and runs the project's
//! vectors against it over HTTP.

#![allow(dead_code, reason = "each test target uses a part")]

pub(crate) mod embossing;
pub(crate) mod load;

use std::path::PathBuf;

use card_lifecycle_server::auth::TokenCheck;
use card_lifecycle_server::{App, Sink, Store, relay_and_sweep, router};
use card_lifecycle_spec::{HttpService, Report, Target, run_paths_on};

/// The service on `database_url` with the test hooks; its base URL.
pub(crate) fn serve(database_url: &str, outbox: PathBuf, tokens: TokenCheck) -> String {
    let (sender, receiver) = std::sync::mpsc::channel();
    let url = database_url.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let store = Store::connect(&url).await.unwrap();
            let app = App::new(store, true, tokens);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap().port()).unwrap();
            // The service's own workers (with the hooks on, the relay alone), every 50 ms.
            let (_running, stopped) = tokio::sync::watch::channel(false);
            let interval = std::time::Duration::from_millis(50);
            tokio::spawn(relay_and_sweep(app.clone(), Sink::File(outbox), interval, stopped));
            axum::serve(listener, router(app, 65_536)).await.unwrap();
        });
    });
    format!("http://127.0.0.1:{}", receiver.recv().unwrap())
}

/// The project's vectors against the service at `url`, and against the library.
pub(crate) fn conformance(url: &str, token_secret: Option<&str>) -> (Report, Report) {
    let vectors = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut server = HttpService::connect(url, None, &std::collections::BTreeMap::new(), Vec::new());
    if let Some(secret) = token_secret {
        server = server.with_token_secret(secret);
    }
    assert!(server.offered.offers("cards"), "the hooks are on");
    let http = run_paths_on(std::slice::from_ref(&vectors), false, &mut Target::Server(Box::new(server)));
    let library = run_paths_on(&[vectors], false, &mut Target::Library);
    (library, http)
}

/// Every case the library passes passes over HTTP, but the ones that need the customer's names.
pub(crate) fn assert_same_verdicts(library: &Report, http: &Report) {
    // What only a server checks (who calls) the library skips; the server must pass it.
    let differ =
        http.differences(library, |reason| reason.contains("when.customer") || reason.contains("--token-secret"));
    assert!(differ.is_empty(), "{} cases differ:\n{}", differ.len(), differ.join("\n"));
    assert_eq!(http.failed, 0);
}
