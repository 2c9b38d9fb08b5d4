//! The runner against a server: every own vector file runs against the library and against a
//! small HTTP server built on the crate (the library's `World` behind `tiny_http`, with every
//! test hook), and the verdicts are the same case by case.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use card_lifecycle::{CardId, Context, Operation};
use card_lifecycle_spec::{
    Clock, GivenCard, GivenContext, HookEvent, HookList, HttpService, NextId, ReasonHook, Report, Request, Target,
    World, match_route, run_paths_on,
};

/// The in-test server's state: the service, and every event it published, numbered.
struct State {
    world: World,
    events: Vec<HookEvent>,
}

impl State {
    /// A server whose clock reads `now` until a hook sets it.
    fn new(now: chrono::DateTime<chrono::Utc>) -> Self {
        Self { world: World::new(Context::new(now)), events: Vec::new() }
    }

    fn record(&mut self, request: &Request) -> (Option<u16>, Vec<u8>) {
        let response = self.world.handle(request);
        for event in response.events {
            let seq = u64::try_from(self.events.len()).unwrap() + 1;
            self.events.push(HookEvent { seq, name: event.name, card_id: event.card_id, payload: event.payload });
        }
        (response.status, response.body)
    }

    /// Answers one request: a hook under `/__spec` (when `hooks` is on), else the API.
    fn answer(
        &mut self,
        hooks: bool,
        method: &str,
        url: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> (u16, Vec<u8>) {
        let json = |value: &dyn erased::Json| (200, value.bytes());
        if let Some(hook) = url.strip_prefix("/__spec") {
            if !hooks {
                return (404, Vec::new());
            }
            let (path, query) = hook.split_once('?').unwrap_or((hook, ""));
            let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            return match (method, segments.as_slice()) {
                ("GET", [""]) => json(&HookList::all()),
                ("POST", ["reset"]) => {
                    // Cards, keys and events; the context and the clock stay (vectors.md).
                    let context = self.world.context;
                    *self = Self::new(chrono::DateTime::UNIX_EPOCH);
                    self.world.context = context;
                    (204, Vec::new())
                }
                ("PUT", ["context"]) => {
                    let context: GivenContext = serde_json::from_slice(&body).unwrap();
                    self.world.context = context.to_context();
                    (204, Vec::new())
                }
                ("PUT", ["clock"]) => {
                    let clock: Clock = serde_json::from_slice(&body).unwrap();
                    self.world.set_now(clock.now);
                    (204, Vec::new())
                }
                ("PUT", ["cards", _]) => {
                    let card: GivenCard = serde_json::from_slice(&body).unwrap();
                    self.world.put(card.to_card(), card.owner());
                    (204, Vec::new())
                }
                ("GET", ["cards", id]) => {
                    let id: CardId = id.parse().unwrap();
                    match self.world.card(id) {
                        Some(card) => json(&GivenCard::from_card(card, self.world.owner(id))),
                        None => (404, Vec::new()),
                    }
                }
                ("GET", ["events"]) => {
                    let after: u64 = query.strip_prefix("after=").and_then(|after| after.parse().ok()).unwrap_or(0);
                    let events: Vec<&HookEvent> = self.events.iter().filter(|event| event.seq > after).collect();
                    json(&events)
                }
                ("POST", ["cards", id, "ingress"]) => {
                    let card = Some(id.parse::<CardId>().unwrap());
                    self.record(&Request {
                        operation: Some(Operation::EmbossingCardIngress),
                        card,
                        ..Request::default()
                    });
                    (204, Vec::new())
                }
                ("PUT", ["reasons", reason]) => {
                    let hook: ReasonHook = serde_json::from_slice(&body).unwrap();
                    self.world.set_reason(reason.parse().unwrap(), hook.must_block);
                    (204, Vec::new())
                }
                ("PUT", ["ids"]) => {
                    let hook: NextId = serde_json::from_slice(&body).unwrap();
                    self.world.set_next_id(hook.next);
                    (204, Vec::new())
                }
                ("POST", ["elapse"]) => {
                    self.record(&Request { operation: Some(Operation::Elapse), ..Request::default() });
                    (204, Vec::new())
                }
                _ => (404, Vec::new()),
            };
        }
        let Some((operation, params)) = match_route(method, url) else { return (404, Vec::new()) };
        let request = Request {
            operation: Some(operation),
            card: params.get("cardId").and_then(|id| id.parse().ok()),
            customer_id: params.get("customerId").cloned(),
            account_id: params.get("accountId").cloned(),
            headers: headers.into_iter().map(|(name, value)| (name.to_lowercase(), value)).collect(),
            body: (!body.is_empty()).then_some(body),
            ..Request::default()
        };
        let (status, body) = self.record(&request);
        (status.unwrap_or(200), body)
    }
}

/// JSON bodies of the hooks.
mod erased {
    pub(crate) trait Json {
        fn bytes(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Json for T {
        fn bytes(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap()
        }
    }
}

/// Starts the server on a free loopback port; returns its base URL.
fn start(hooks: bool) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    // Without the clock hook a server runs at its own time, which is the machine's (vectors.md).
    let state = Arc::new(Mutex::new(State::new(std::time::SystemTime::now().into())));
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = Vec::new();
            request.as_reader().read_to_end(&mut body).unwrap();
            let headers =
                request.headers().iter().map(|header| (header.field.to_string(), header.value.to_string())).collect();
            let method = request.method().to_string();
            let (status, answer) = state.lock().unwrap().answer(hooks, &method, request.url(), headers, body);
            let response = tiny_http::Response::from_data(answer).with_status_code(status);
            let _ = request.respond(response);
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn over_http(hooks: bool) -> Report {
    let url = start(hooks);
    let server = HttpService::connect(&url, None, &std::collections::BTreeMap::new(), Vec::new());
    run_paths_on(&[vectors()], false, &mut Target::Server(Box::new(server)))
}

#[test]
fn library_and_http_verdicts_are_the_same_case_by_case() {
    let library = run_paths_on(&[vectors()], false, &mut Target::Library);
    let http = over_http(true);
    // The customer's names for a printed name have no hook (vectors.md); this server does not
    // check tokens, so the cases that say who calls are not run against it.
    let differ =
        http.differences(&library, |reason| reason.contains("when.customer") || reason.contains("--token-secret"));
    let skipped = http.skipped;
    assert!(differ.is_empty(), "{} cases differ:\n{}", differ.len(), differ.join("\n"));
    assert_eq!(http.failed, 0, "{}", http.lines.join("\n"));
    println!(
        "library: {}; http: {} ({skipped} need the customer's names or a token secret)",
        library.summary(),
        http.summary()
    );
}

#[test]
fn a_server_without_hooks_skips_what_needs_them_and_never_passes_it() {
    let library = run_paths_on(&[vectors()], false, &mut Target::Library);
    let report = over_http(false);
    // Every case that puts a card on the server needs the `cards` hook: none of them may pass.
    let mut needs_cards = 0;
    for (library, http) in library.cases.iter().zip(&report.cases) {
        let text = std::fs::read_to_string(&library.file).unwrap();
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        let case = cases.iter().find(|case| case["name"] == library.name.as_str()).unwrap();
        if case["given"].get("card").is_some() || case["given"].get("cards").is_some() {
            needs_cards += 1;
            let reason = http.skipped.as_deref().unwrap_or_default();
            assert!(
                reason.contains("needs hooks") && reason.contains("cards"),
                "{} :: {} ran: {http:?}",
                http.file,
                http.name
            );
        }
    }
    assert!(needs_cards > 400, "{needs_cards}");
    assert!(report.lines.iter().any(|line| line.starts_with("SKIP") && line.ends_with("(needs hooks: cards, reset)")));
    // What runs without hooks runs through the API alone, at the server's own time: it passes.
    let failed: Vec<&String> = report.lines.iter().filter(|line| line.starts_with("FAIL")).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    println!("without hooks: {} ({needs_cards} cases put a card)", report.summary());
}
