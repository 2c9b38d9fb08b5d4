//! Scenarios (vectors.md "Format v2"): a case made of steps, each one request at one time against
//! the state the earlier steps left, run here against [`World`], the library as a service.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use card_lifecycle::{CardId, Operation};

use crate::case::{Body, ExpectedCard, Given, Reason, compare_card, contains};
use crate::service::Service;
use crate::world::{Request, World};

/// One step of a scenario.
///
/// ```
/// use card_lifecycle_spec::Step;
/// let step: Step = serde_json::from_str(r#"{ "request": { "operation": "put-v1-card-activate", "card": "$old" },
///     "expect": { "status": 200 } }"#)?;
/// assert_eq!(step.expect.status, Some(200));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The clock for this step and after; never earlier than a previous step's.
    pub at: Option<DateTime<Utc>>,
    /// The request.
    pub request: StepRequest,
    /// What the answer must be; only the fields present are compared.
    #[serde(default)]
    pub expect: Expect,
    /// Values to keep for later steps: name → JSON pointer into the response body.
    #[serde(default)]
    pub save: BTreeMap<String, String>,
}

/// A card id in a step: a number, or `"$name"` saved by an earlier step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum CardRef {
    /// A card id.
    Id(u64),
    /// A saved value, `"$name"`.
    Saved(String),
}

/// The request of a step.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    /// The operation, as in `when.operation`.
    pub operation: Operation,
    /// The card of the path.
    pub card: Option<CardRef>,
    /// Other path values: `customerId`, `accountId`.
    pub path: Option<PathValues>,
    /// Headers, sent as they are.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The JSON body exactly as sent.
    pub body: Option<Body>,
    /// A body that is not JSON, as a string of bytes.
    pub raw_body: Option<String>,
    /// The reissue reason.
    pub reason: Option<Reason>,
    /// The reissued card's id.
    pub new_card_id: Option<CardRef>,
    /// Who calls (vectors.md "Who may call"): only a server checks it.
    pub auth: Option<Value>,
    /// The same request sent this many times at once (an extension, docs/vectors.md).
    pub parallel: Option<u32>,
}

/// Path values of a step.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathValues {
    /// `customerId`.
    #[serde(rename = "customerId")]
    pub customer_id: Option<Value>,
    /// `accountId`.
    #[serde(rename = "accountId")]
    pub account_id: Option<Value>,
}

/// What a step's answer must be.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The HTTP status.
    pub status: Option<u16>,
    /// The response body, compared as `then.body`.
    pub body: Option<Value>,
    /// Compare `body` whole.
    #[serde(default)]
    pub body_exact: bool,
    /// The error body's `error`.
    pub error: Option<String>,
    /// Text the error body's `message` contains, ignoring case.
    pub message: Option<String>,
    /// The events this step published, in order.
    pub events: Option<Vec<ExpectedEvent>>,
    /// The step's card after it, compared like `then.card`.
    pub card: Option<ExpectedCard>,
    /// With `parallel`: how many answers had each status (an extension, docs/vectors.md).
    pub statuses: Option<BTreeMap<String, u32>>,
}

/// One expected published event.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedEvent {
    /// Its display name.
    pub name: String,
    /// The card it is about, when it matters.
    pub card: Option<CardRef>,
    /// Fields of its payload, compared as a subset.
    pub payload: Option<Value>,
}

/// Runs a scenario's steps against `service`, which holds what `given` describes; the failures
/// (the first differing step's), empty when it passes.
pub(crate) fn run(service: &mut dyn Service, start: DateTime<Utc>, steps: &[Step]) -> Vec<String> {
    let mut saved: HashMap<String, Value> = HashMap::new();
    let mut now = start;
    for (index, step) in steps.iter().enumerate() {
        let number = index.saturating_add(1);
        let failures = run_step(service, step, &mut saved, &mut now).unwrap_or_else(|reason| vec![reason]);
        if !failures.is_empty() {
            return vec![format!("step {number}: {}", failures.join("; "))];
        }
    }
    Vec::new()
}

/// The library's service holding what `given` describes.
pub(crate) fn world(given: &Given) -> World {
    let mut world = World::new(given.context.to_context());
    for card in given.card.iter().chain(given.cards.iter().flatten()) {
        world.put(card.to_card(), card.owner());
    }
    for (card, given) in
        given.chain().into_iter().zip(given.replaced_card.iter().chain(given.replaced_cards.iter().flatten()))
    {
        world.put(card, given.owner());
    }
    world
}

/// The hooks a scenario needs beyond what its `given` needs.
pub(crate) fn hooks_needed(steps: &[Step], needs: &mut std::collections::BTreeSet<&'static str>) {
    for step in steps {
        if step.at.is_some() {
            needs.insert("clock");
        }
        if step.expect.events.is_some() {
            needs.insert("events");
        }
        if step.expect.card.is_some() {
            needs.insert("cards");
        }
        if step.request.reason.is_some_and(|reason| reason.must_block) {
            needs.insert("reasons");
        }
        if step.request.new_card_id.is_some() {
            needs.insert("ids");
        }
        match step.request.operation {
            Operation::Elapse => {
                needs.insert("elapse");
            }
            Operation::EmbossingCardIngress => {
                needs.insert("ingress");
            }
            _ => {}
        }
    }
}

fn resolve(card: &CardRef, saved: &HashMap<String, Value>) -> Result<CardId, String> {
    match card {
        CardRef::Id(id) => CardId::new(*id).map_err(|error| error.to_string()),
        CardRef::Saved(reference) => {
            let name = reference.strip_prefix('$').unwrap_or(reference);
            let value = saved.get(name).ok_or_else(|| format!("${name} was never saved by an earlier step"))?;
            value
                .as_u64()
                .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
                .and_then(|id| CardId::new(id).ok())
                .ok_or_else(|| format!("${name} is {value}, not a card id"))
        }
    }
}

fn path_value(value: Option<&Value>) -> Option<String> {
    value.map(|value| value.as_str().map_or_else(|| value.to_string(), str::to_owned))
}

fn run_step(
    service: &mut dyn Service,
    step: &Step,
    saved: &mut HashMap<String, Value>,
    now: &mut DateTime<Utc>,
) -> Result<Vec<String>, String> {
    if let Some(at) = step.at {
        if at < *now {
            return Ok(vec![format!("at {at} is earlier than the previous step's clock {now}")]);
        }
        *now = at;
        service.set_now(*now)?;
    }
    let request = &step.request;
    let resolved = (|| -> Result<Request, String> {
        Ok(Request {
            operation: Some(request.operation),
            card: request.card.as_ref().map(|card| resolve(card, saved)).transpose()?,
            customer_id: path_value(request.path.as_ref().and_then(|path| path.customer_id.as_ref())),
            account_id: path_value(request.path.as_ref().and_then(|path| path.account_id.as_ref())),
            headers: request.headers.iter().map(|(name, value)| (name.to_lowercase(), value.clone())).collect(),
            body: request
                .body
                .as_ref()
                .map(|body| body.as_bytes().to_vec())
                .or_else(|| request.raw_body.as_ref().map(|raw| raw.as_bytes().to_vec())),
            must_block: request.reason.unwrap_or_default().must_block,
            new_card_id: request.new_card_id.as_ref().map(|card| resolve(card, saved)).transpose()?,
            ignore_events: step.expect.events.is_none(),
            auth: request.auth.clone(),
        })
    })();
    let request_sent = match resolved {
        Ok(request) => request,
        Err(reason) => return Ok(vec![reason]),
    };
    let times = request.parallel.unwrap_or(1).max(1);
    let mut statuses: BTreeMap<String, u32> = BTreeMap::new();
    let mut responses = service.handle_many(&request_sent, times)?.into_iter();
    let Some(mut response) = responses.next() else { return Err("no answer".to_owned()) };
    *statuses.entry(response.status.map_or_else(|| "none".to_owned(), |status| status.to_string())).or_default() += 1;
    for again in responses {
        *statuses.entry(again.status.map_or_else(|| "none".to_owned(), |status| status.to_string())).or_default() += 1;
        response.events.extend(again.events);
    }
    let expect = &step.expect;
    let mut failures = Vec::new();
    if let Some(expected) = expect.status.filter(|status| Some(*status) != response.status) {
        let got = response.status.map_or_else(|| "none (not an HTTP request)".to_owned(), |status| status.to_string());
        failures.push(format!("status: expected {expected}, got {got} ({})", String::from_utf8_lossy(&response.body)));
    }
    if let Some(expected) = expect.statuses.as_ref().filter(|expected| **expected != statuses) {
        failures.push(format!("statuses: expected {expected:?}, got {statuses:?}"));
    }
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    if let Some(expected) = &expect.body {
        let equal = body
            .as_ref()
            .is_some_and(|body| if expect.body_exact { expected == body } else { contains(expected, body) });
        if !equal {
            let got = body.as_ref().map_or_else(|| "no body".to_owned(), Value::to_string);
            failures.push(format!("body: expected {expected}, got {got}"));
        }
    }
    let field = |name: &str| body.as_ref().and_then(|body| body.get(name)).and_then(Value::as_str).unwrap_or_default();
    if let Some(expected) = expect.error.as_ref().filter(|expected| expected.as_str() != field("error")) {
        failures.push(format!("error: expected {expected:?}, got {:?}", field("error")));
    }
    if let Some(expected) =
        expect.message.as_ref().filter(|expected| !field("message").to_lowercase().contains(&expected.to_lowercase()))
    {
        failures.push(format!("message: expected to contain {expected:?}, got {:?}", field("message")));
    }
    if let Some(expected) = &expect.events {
        compare_events(expected, &response.events, saved, &mut failures);
    }
    let card_id = request_sent.card.or(response.created);
    if expect.card.is_some() {
        let card = match card_id {
            Some(id) => service.card(id)?,
            None => None,
        };
        compare_card("card", expect.card.as_ref(), card.as_ref(), &mut failures);
    }
    for (name, pointer) in &step.save {
        match body.as_ref().and_then(|body| body.pointer(pointer)) {
            Some(value) => {
                saved.insert(name.clone(), value.clone());
            }
            None => failures.push(format!("save {name}: the body has nothing at {pointer}")),
        }
    }
    Ok(failures)
}

fn compare_events(
    expected: &[ExpectedEvent],
    actual: &[crate::world::Published],
    saved: &HashMap<String, Value>,
    failures: &mut Vec<String>,
) {
    let names: Vec<&str> = actual.iter().map(|event| event.name.as_str()).collect();
    if expected.len() != actual.len() || expected.iter().zip(&names).any(|(expected, name)| expected.name != *name) {
        let wanted: Vec<&str> = expected.iter().map(|event| event.name.as_str()).collect();
        failures.push(format!("events: expected {wanted:?}, got {names:?}"));
        return;
    }
    for (position, (expected, event)) in expected.iter().zip(actual).enumerate() {
        if let Some(card) = &expected.card {
            match resolve(card, saved) {
                Ok(id) if Some(id) == event.card_id => {}
                Ok(id) => failures.push(format!(
                    "events[{position}].card: expected {}, got {}",
                    id,
                    event.card_id.map_or_else(|| "none".to_owned(), |id| id.to_string())
                )),
                Err(reason) => failures.push(reason),
            }
        }
        if let Some(payload) = expected.payload.as_ref().filter(|payload| !contains(payload, &event.payload)) {
            failures.push(format!("events[{position}].payload: expected {payload} within {}", event.payload));
        }
    }
}

/// Whether a scenario can run in the library: `request.auth` is for servers only.
pub(crate) fn needs_a_server(steps: &[Step]) -> bool {
    steps.iter().any(|step| step.request.auth.is_some())
}
