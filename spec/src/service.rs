//! What a case runs against: [`Service`], the library's in-memory [`World`] or an HTTP server
//! under test ([`HttpService`], `--server URL`), which the runner drives through the API and
//! puts into a state through the test hooks.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use card_lifecycle::{Card, CardId, Operation};

use crate::hooks::{Clock, HookEvent, HookList, NextId, ReasonHook};
use crate::paths::routes;
use crate::world::{Owner, Published, Request, Response, World};
use crate::{GivenCard, GivenContext};

/// A card service a case runs against.
pub trait Service {
    /// Sets the clock (the `clock` hook).
    ///
    /// # Errors
    ///
    /// The server did not take it.
    fn set_now(&mut self, now: DateTime<Utc>) -> Result<(), String>;

    /// Sends one request and reads what it published.
    ///
    /// # Errors
    ///
    /// The request could not be sent or its answer read.
    fn handle(&mut self, request: &Request) -> Result<Response, String>;

    /// Sends the same request `times` times at once (step field `parallel`); the answers, and
    /// the events of all of them on the first. The default sends them one after the other.
    ///
    /// # Errors
    ///
    /// A request could not be sent or its answer read.
    fn handle_many(&mut self, request: &Request, times: u32) -> Result<Vec<Response>, String> {
        (0..times.max(1)).map(|_| self.handle(request)).collect()
    }

    /// A stored card (the `cards` hook), `None` if there is none.
    ///
    /// # Errors
    ///
    /// The server did not answer.
    fn card(&mut self, id: CardId) -> Result<Option<Card>, String>;
}

impl Service for World {
    fn set_now(&mut self, now: DateTime<Utc>) -> Result<(), String> {
        World::set_now(self, now);
        Ok(())
    }

    fn handle(&mut self, request: &Request) -> Result<Response, String> {
        Ok(World::handle(self, request))
    }

    fn card(&mut self, id: CardId) -> Result<Option<Card>, String> {
        Ok(World::card(self, id).cloned())
    }
}

/// An HTTP server under test.
#[derive(Debug)]
pub struct HttpService {
    agent: ureq::Agent,
    base: String,
    hooks_url: String,
    /// The hooks the server offers.
    pub offered: HookList,
    routes: HashMap<Operation, (&'static str, String)>,
    headers: Vec<(String, String)>,
    owners: HashMap<CardId, Owner>,
    last_seq: u64,
    /// What the server was last told, so that a case repeats no hook call that changes nothing.
    last_context: Option<GivenContext>,
    last_now: Option<DateTime<Utc>>,
    /// Whether every event the server holds is read (true right after a reset).
    events_read: bool,
    /// The HS256 secret the runner signs bearer tokens with (`--token-secret`).
    token_secret: Option<Vec<u8>>,
}

impl HttpService {
    /// A server at `base`, its hooks at `hooks` (default `{base}/__spec`), its paths as the
    /// table says unless `paths` maps an operation id to another template, and `headers` added
    /// to every request. Asks the server which hooks it offers; no answer means none.
    #[must_use]
    pub fn connect(
        base: &str,
        hooks: Option<&str>,
        paths: &BTreeMap<String, String>,
        headers: Vec<(String, String)>,
    ) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let base = base.trim_end_matches('/').to_owned();
        let hooks_url = hooks.map_or_else(|| format!("{base}/__spec"), |hooks| hooks.trim_end_matches('/').to_owned());
        let mut service = Self {
            agent,
            base,
            hooks_url,
            offered: HookList::default(),
            routes: routes(paths),
            headers,
            owners: HashMap::new(),
            last_seq: 0,
            last_context: None,
            last_now: None,
            events_read: false,
            token_secret: None,
        };
        service.offered = service
            .send("GET", &format!("{}/", service.hooks_url), &[], None)
            .ok()
            .filter(|(status, _)| *status == 200)
            .and_then(|(_, body)| serde_json::from_slice(&body).ok())
            .unwrap_or_default();
        service
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<(u16, Vec<u8>), String> {
        let mut builder = ureq::http::Request::builder().method(method).uri(url);
        for (name, value) in self.headers.iter().chain(headers) {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if body.is_some() && !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
            builder = builder.header("content-type", "application/json");
        }
        let request =
            builder.body(body.unwrap_or_default().to_vec()).map_err(|error| format!("{method} {url}: {error}"))?;
        let mut response = self.agent.run(request).map_err(|error| format!("{method} {url}: {error}"))?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_vec().map_err(|error| format!("{method} {url}: {error}"))?;
        Ok((status, body))
    }

    fn hook(&self, method: &str, path: &str, body: Option<&[u8]>) -> Result<(u16, Vec<u8>), String> {
        let (status, answer) = self.send(method, &format!("{}{path}", self.hooks_url), &[], body)?;
        if (200..300).contains(&status) || (method == "GET" && status == 404) {
            Ok((status, answer))
        } else {
            Err(format!("hook {method} {path} answered {status}: {}", String::from_utf8_lossy(&answer)))
        }
    }

    /// Signs every API request with an HS256 bearer token made with `secret` (vectors.md "Who
    /// may call"): the card owner's account and customer, the issuer scope for Start card
    /// embossing and Resend, one hour past the clock; `request.auth` changes it.
    #[must_use]
    pub fn with_token_secret(mut self, secret: &str) -> Self {
        self.token_secret = Some(secret.as_bytes().to_vec());
        self
    }

    /// Whether the runner signs tokens (`--token-secret`).
    #[must_use]
    pub const fn signs_tokens(&self) -> bool {
        self.token_secret.is_some()
    }

    /// The `Authorization` header of an API request, if any.
    fn authorization(&self, operation: Operation, request: &Request) -> Option<String> {
        match request.auth.as_ref().and_then(Value::as_str) {
            Some("none") => return None,
            Some("garbage") => return Some("Bearer garbage".to_owned()),
            _ => {}
        }
        let secret = self.token_secret.as_deref()?;
        let owner = request.card.and_then(|id| self.owners.get(&id).copied());
        let number = |text: Option<&String>| text.and_then(|text| text.parse::<u64>().ok());
        let account = number(request.account_id.as_ref()).or(owner.map(|owner| owner.account_id)).unwrap_or(1);
        let customer = if operation == Operation::PostV2Card {
            number(request.headers.get("x-customer-id")).unwrap_or(1)
        } else {
            number(request.customer_id.as_ref()).or(owner.map(|owner| owner.customer_id)).unwrap_or(1)
        };
        let system = || {
            let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        };
        let now = self.last_now.map_or_else(system, |now| now.timestamp());
        let mut claims = serde_json::Map::new();
        claims.insert("account_id".to_owned(), account.into());
        claims.insert("customer_id".to_owned(), customer.into());
        if matches!(operation, Operation::StartEmbossing | Operation::StartReembossing) {
            claims.insert("scope".to_owned(), "embossing:write".into());
        }
        claims.insert("exp".to_owned(), now.saturating_add(3600).into());
        if let Some(Value::Object(changes)) = &request.auth {
            for (name, value) in changes {
                match (name.as_str(), value) {
                    ("expired", Value::Bool(true)) => {
                        claims.insert("exp".to_owned(), now.saturating_sub(3600).into());
                    }
                    (_, Value::Null) => {
                        claims.remove(name);
                    }
                    _ => {
                        claims.insert(name.clone(), value.clone());
                    }
                }
            }
        }
        let key = jsonwebtoken::EncodingKey::from_secret(secret).ok()?;
        let token =
            jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256), &claims, &key).ok()?;
        Some(format!("Bearer {token}"))
    }

    /// `POST {hooks}/reset`: forgets every card, key and event.
    ///
    /// # Errors
    ///
    /// The server did not take it.
    pub fn reset(&mut self) -> Result<(), String> {
        self.hook("POST", "/reset", None)?;
        self.owners.clear();
        self.last_seq = 0;
        self.events_read = true;
        Ok(())
    }

    /// `PUT {hooks}/context`.
    ///
    /// # Errors
    ///
    /// The server did not take it.
    pub fn put_context(&mut self, context: &GivenContext) -> Result<(), String> {
        let filled = context.filled();
        if self.last_context == Some(filled) {
            return Ok(());
        }
        let body = serde_json::to_vec(&filled).map_err(|error| error.to_string())?;
        self.hook("PUT", "/context", Some(&body))?;
        self.last_context = Some(filled);
        // The context carries `now`: the clock reads it too.
        self.last_now = filled.now;
        Ok(())
    }

    /// `PUT {hooks}/cards/{id}`: stores the card as it is.
    ///
    /// # Errors
    ///
    /// The server did not take it.
    pub fn put_card(&mut self, card: &GivenCard) -> Result<(), String> {
        let body = serde_json::to_vec(card).map_err(|error| error.to_string())?;
        self.hook("PUT", &format!("/cards/{}", card.id), Some(&body))?;
        self.owners.insert(card.id, card.owner());
        Ok(())
    }

    /// What a request needs the server to know first, through the optional hooks: the reissue
    /// reason's `must_block`, and the id the created card gets.
    fn configure(&mut self, operation: Operation, request: &Request) -> Result<(), String> {
        if operation == Operation::PostV1CardReissue && request.must_block {
            let body: Value =
                request.body.as_deref().and_then(|body| serde_json::from_slice(body).ok()).unwrap_or_default();
            if let Some(reason) = body.get("reason_id").and_then(Value::as_u64) {
                let hook = serde_json::to_vec(&ReasonHook { must_block: true }).map_err(|error| error.to_string())?;
                self.hook("PUT", &format!("/reasons/{reason}"), Some(&hook))?;
            }
        }
        if let (Some(next), true) = (request.new_card_id, self.offered.offers("ids")) {
            let hook = serde_json::to_vec(&NextId { next }).map_err(|error| error.to_string())?;
            self.hook("PUT", "/ids", Some(&hook))?;
        }
        Ok(())
    }

    /// The events published since the last read.
    fn events(&mut self) -> Result<Vec<Published>, String> {
        if !self.offered.offers("events") {
            return Ok(Vec::new());
        }
        let (_, body) = self.hook("GET", &format!("/events?after={}", self.last_seq), None)?;
        let events: Vec<HookEvent> =
            serde_json::from_slice(&body).map_err(|error| format!("the events hook's answer: {error}"))?;
        self.events_read = true;
        self.last_seq = events.iter().map(|event| event.seq).max().unwrap_or(self.last_seq).max(self.last_seq);
        Ok(events
            .into_iter()
            .map(|event| Published { name: event.name, card_id: event.card_id, payload: event.payload })
            .collect())
    }

    /// Reads the event sequence up to now, so that the next request's events are its own.
    ///
    /// # Errors
    ///
    /// The server did not answer.
    pub fn skip_events(&mut self) -> Result<(), String> {
        if self.events_read {
            return Ok(());
        }
        self.events().map(|_| ())
    }
}

impl Service for HttpService {
    fn set_now(&mut self, now: DateTime<Utc>) -> Result<(), String> {
        if self.last_now == Some(now) {
            return Ok(());
        }
        let body = serde_json::to_vec(&Clock { now }).map_err(|error| error.to_string())?;
        self.hook("PUT", "/clock", Some(&body))?;
        self.last_now = Some(now);
        Ok(())
    }

    fn handle(&mut self, request: &Request) -> Result<Response, String> {
        let Some(operation) = request.operation else { return Err("no operation".to_owned()) };
        // The events read next must be this request's own.
        if !request.ignore_events {
            self.skip_events()?;
        }
        let card = request.card.map_or_else(String::new, |id| id.to_string());
        let (status, body) = match operation {
            Operation::Elapse => {
                self.hook("POST", "/elapse", None)?;
                (None, Vec::new())
            }
            Operation::EmbossingCardIngress => {
                self.hook("POST", &format!("/cards/{card}/ingress"), None)?;
                (None, Vec::new())
            }
            _ => {
                self.configure(operation, request)?;
                let (method, template) =
                    self.routes.get(&operation).cloned().ok_or_else(|| format!("no path for {operation}"))?;
                let owner = request.card.and_then(|id| self.owners.get(&id).copied());
                let customer = request
                    .customer_id
                    .clone()
                    .unwrap_or_else(|| owner.map_or(1, |owner| owner.customer_id).to_string());
                let account =
                    request.account_id.clone().unwrap_or_else(|| owner.map_or(1, |owner| owner.account_id).to_string());
                let path = template
                    .replace("{cardId}", &card)
                    .replace("{customerId}", &customer)
                    .replace("{accountId}", &account);
                let mut headers: Vec<(String, String)> = request.headers.clone().into_iter().collect();
                headers.extend(self.authorization(operation, request).map(|token| ("authorization".to_owned(), token)));
                let (status, body) =
                    self.send(method, &format!("{}{path}", self.base), &headers, request.body.as_deref())?;
                (Some(status), body)
            }
        };
        self.events_read = false;
        let created = created_id(operation, status, &body);
        if let Some(id) = created {
            let owner = match operation {
                Operation::PostV2Card => Owner {
                    customer_id: request.headers.get("x-customer-id").and_then(|id| id.parse().ok()).unwrap_or(1),
                    account_id: request.account_id.as_ref().and_then(|id| id.parse().ok()).unwrap_or(1),
                },
                _ => request
                    .card
                    .and_then(|old| self.owners.get(&old).copied())
                    .unwrap_or(Owner { customer_id: 1, account_id: 1 }),
            };
            self.owners.insert(id, owner);
        }
        let events = if request.ignore_events { Vec::new() } else { self.events()? };
        Ok(Response { status, body, events, created })
    }

    fn handle_many(&mut self, request: &Request, times: u32) -> Result<Vec<Response>, String> {
        let Some(operation) = request.operation.filter(|_| times > 1) else {
            return Ok(vec![self.handle(request)?]);
        };
        let Some((method, template)) = self.routes.get(&operation).cloned() else {
            return (0..times).map(|_| self.handle(request)).collect();
        };
        self.configure(operation, request)?;
        self.skip_events()?;
        let owner = request.card.and_then(|id| self.owners.get(&id).copied());
        let card = request.card.map_or_else(String::new, |id| id.to_string());
        let customer =
            request.customer_id.clone().unwrap_or_else(|| owner.map_or(1, |owner| owner.customer_id).to_string());
        let account =
            request.account_id.clone().unwrap_or_else(|| owner.map_or(1, |owner| owner.account_id).to_string());
        let path =
            template.replace("{cardId}", &card).replace("{customerId}", &customer).replace("{accountId}", &account);
        let url = format!("{}{path}", self.base);
        let mut headers: Vec<(String, String)> = request.headers.clone().into_iter().collect();
        headers.extend(self.authorization(operation, request).map(|token| ("authorization".to_owned(), token)));
        // All at once: every thread waits at the barrier, then sends.
        let barrier = std::sync::Barrier::new(usize::try_from(times).unwrap_or(1));
        let answers: Vec<Result<(u16, Vec<u8>), String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..times)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        self.send(method, &url, &headers, request.body.as_deref())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or_else(|_| Err("a sender panicked".to_owned())))
                .collect()
        });
        let mut responses = Vec::new();
        for answer in answers {
            let (status, body) = answer?;
            let created = created_id(operation, Some(status), &body);
            responses.push(Response { status: Some(status), body, events: Vec::new(), created });
        }
        self.events_read = false;
        if let Some(first) = responses.first_mut() {
            first.events = self.events()?;
        }
        Ok(responses)
    }

    fn card(&mut self, id: CardId) -> Result<Option<Card>, String> {
        let (status, body) = self.hook("GET", &format!("/cards/{id}"), None)?;
        if status == 404 {
            return Ok(None);
        }
        let row: GivenCard =
            serde_json::from_slice(&body).map_err(|error| format!("the cards hook's card {id}: {error}"))?;
        Ok(Some(row.to_card()))
    }
}

/// The card a Create card or Reissue card request made: the answer's `id`.
fn created_id(operation: Operation, status: Option<u16>, body: &[u8]) -> Option<CardId> {
    let made = matches!(operation, Operation::PostV2Card | Operation::PostV1CardReissue) && status == Some(201);
    let body: Value = if made { serde_json::from_slice(body).ok()? } else { return None };
    body.get("id").and_then(Value::as_u64).and_then(|id| CardId::new(id).ok())
}
