//! A case run against a server under test (`--server URL`): the hooks it needs, the state they
//! put the server in, and the answer read back through the API and the hooks.

use std::collections::BTreeSet;

use serde_json::Value;

use card_lifecycle::value::{CardName, PinLength};
use card_lifecycle::{CardId, ErrorBody, Operation};

use crate::case::{Answer, Outcome, Refusal};
use crate::scenario::hooks_needed;
use crate::service::{HttpService, Service};
use crate::world::Request;
use crate::{Case, GivenCard, GivenContext, Verdict, When};

/// The display name whose card ids are a run's selection.
const EMBOSSED: &str = "Card embossing notification received";

impl Case {
    /// Runs the case against a server: `SKIP` when it needs hooks the server does not offer,
    /// else the same comparison as [`Case::run`].
    #[must_use]
    pub fn run_on(&self, server: &mut HttpService) -> Verdict {
        let skip =
            |reason: String| Verdict { failures: Vec::new(), skipped: Some(reason.clone()), explanation: reason };
        if self.when.as_ref().is_some_and(|when| when.customer.is_some()) {
            return skip("library only: when.customer has no hook".to_owned());
        }
        if self.steps.as_deref().is_some_and(crate::scenario::needs_a_server) && !server.signs_tokens() {
            return skip("needs --token-secret: the case says who calls".to_owned());
        }
        let needs = self.hooks_needed();
        let missing: Vec<&str> = needs.iter().copied().filter(|hook| !server.offered.offers(hook)).collect();
        if !missing.is_empty() {
            return skip(format!("needs hooks: {}", missing.join(", ")));
        }
        let failure = |reason: String| Verdict { failures: vec![reason.clone()], skipped: None, explanation: reason };
        if let Err(reason) = self.install(server, &needs) {
            return failure(reason);
        }
        match (&self.when, &self.then, &self.steps) {
            (None, None, Some(steps)) => {
                let start = self.given.context.to_context().now;
                let failures = crate::scenario::run(server, start, steps);
                Verdict { failures, skipped: None, explanation: format!("scenario of {} steps", steps.len()) }
            }
            (Some(when), Some(then), None) => match self.answer_from(server, when) {
                Ok(answer) => {
                    let explanation = match &answer {
                        Answer::Accepted(outcome) => format!("accepted ({:?})", outcome.http_status),
                        Answer::Refused(refusal) => format!("refused ({})", refusal.body.status),
                    };
                    Verdict { failures: then.compare(&answer), skipped: None, explanation }
                }
                Err(reason) => failure(reason),
            },
            _ => failure("a case has when and then, or steps".to_owned()),
        }
    }

    /// The hooks this case needs (vectors.md "Running against a server").
    fn hooks_needed(&self) -> BTreeSet<&'static str> {
        let given = &self.given;
        let mut needs = BTreeSet::new();
        let cards = given.card.is_some()
            || given.cards.is_some()
            || given.replaced_card.is_some()
            || given.replaced_cards.is_some()
            || self
                .when
                .as_ref()
                .is_some_and(|when| when.existing_cards.as_ref().is_some_and(|cards| !cards.is_empty()));
        let context = given.context != GivenContext::default();
        if cards {
            needs.insert("cards");
        }
        if context {
            needs.insert("context");
        }
        if given.context.now.is_some() {
            needs.insert("clock");
        }
        if cards || context {
            needs.insert("reset");
        }
        if let Some(steps) = &self.steps {
            hooks_needed(steps, &mut needs);
        }
        if let (Some(when), Some(then)) = (&self.when, &self.then) {
            match when.operation {
                Operation::Elapse => {
                    needs.insert("elapse");
                }
                Operation::EmbossingCardIngress => {
                    needs.insert("ingress");
                }
                _ => {}
            }
            if then.card.is_some()
                || then.new_card.is_some()
                || then.replaced_card.is_some()
                || then.replaced_cards.is_some()
            {
                needs.insert("cards");
            }
            if then.events.is_some() || then.selected.is_some() {
                needs.insert("events");
            }
            if when.operation == Operation::PostV1CardReissue && when.reason.is_some_and(|reason| reason.must_block) {
                needs.insert("reasons");
            }
            // The id of a created card is the server's, unless a case compares it.
            let body_id = then.body.as_ref().is_some_and(|body| body.get("id").is_some());
            let compares_id = match when.operation {
                Operation::PostV2Card => then.card.as_ref().is_some_and(|card| card.id.is_some()) || body_id,
                Operation::PostV1CardReissue => {
                    when.new_card_id.is_some()
                        || body_id
                        || then.new_card.as_ref().is_some_and(|card| card.id.is_some())
                        || then.card.as_ref().is_some_and(|card| card.reissued_card_id.is_some())
                }
                _ => false,
            };
            if compares_id {
                needs.insert("ids");
            }
        }
        needs
    }

    /// Puts the server in the state `given` describes.
    fn install(&self, server: &mut HttpService, needs: &BTreeSet<&'static str>) -> Result<(), String> {
        let given = &self.given;
        // Every case starts from nothing where the server can forget (required with a `given`).
        if needs.contains("reset") || server.offered.offers("reset") {
            server.reset()?;
        }
        if needs.contains("context") || server.offered.offers("context") {
            server.put_context(&given.context)?;
        }
        // The clock, whenever the server has one: v1 decisions read `now` (its default too).
        if server.offered.offers("clock") {
            server.set_now(given.context.to_context().now)?;
        }
        let chain = given.chain();
        for card in given.card.iter().chain(given.cards.iter().flatten()) {
            server.put_card(card)?;
        }
        for (card, row) in chain.iter().zip(given.replaced_card.iter().chain(given.replaced_cards.iter().flatten())) {
            server.put_card(&GivenCard { reissued_card_id: card.reissued_card_id, ..row.clone() })?;
        }
        // Create card's other cards of the customer (§11.8) are cards like any other.
        let existing = self.when.as_ref().and_then(|when| when.existing_cards.as_ref());
        for (index, existing) in existing.into_iter().flatten().enumerate() {
            let Ok(name) = CardName::try_from(existing.name.clone()) else { continue };
            let id = 1_000_000_u64.saturating_add(u64::try_from(index).unwrap_or(0));
            let row = format!(r#"{{ "id": {id}, "type": "{}", "status": "{}" }}"#, existing.card_type, existing.status);
            let row: GivenCard = serde_json::from_str(&row).map_err(|error| error.to_string())?;
            server.put_card(&GivenCard { name: Some(name), ..row })?;
        }
        Ok(())
    }

    /// Sends the case's request and reads the answer back.
    fn answer_from(&self, server: &mut HttpService, when: &When) -> Result<Answer, String> {
        let operation = when.operation;
        let card = self.given.card.as_ref();
        let on_card =
            !matches!(operation, Operation::PostV2Card | Operation::StartEmbossing | Operation::StartReembossing);
        let mut headers = std::collections::BTreeMap::new();
        if operation == Operation::PostV2Card {
            headers.insert("x-customer-id".to_owned(), card.map_or(1, |card| card.customer_id).to_string());
        }
        let body = match (&when.body, operation) {
            (Some(body), _) => Some(body.as_bytes().to_vec()),
            (None, Operation::PutV2CardPassword) => {
                let pin = if card.is_some_and(|card| card.pin_length == PinLength::Six) { "123456" } else { "1234" };
                Some(format!(r#"{{"password":"{pin}"}}"#).into_bytes())
            }
            (None, _) => None,
        };
        // The new card's id as the library runner gives it: Create card's is `given.card.id`,
        // Reissue card's `new_card_id` or the old card's + 1.
        let new_card_id = match operation {
            Operation::PostV2Card => card.map(|card| card.id),
            Operation::PostV1CardReissue => when.new_card_id.or_else(|| card.and_then(|card| card.id.next())),
            _ => None,
        };
        let request = Request {
            operation: Some(operation),
            card: card.filter(|_| on_card).map(|card| card.id),
            customer_id: None,
            account_id: None,
            headers,
            body,
            must_block: when.reason.unwrap_or_default().must_block,
            new_card_id,
            ignore_events: self.then.as_ref().is_none_or(|then| then.events.is_none() && then.selected.is_none()),
            auth: None,
        };
        let response = server.handle(&request)?;
        let accepted = response.status.is_none_or(|status| (200..300).contains(&status));
        let body: Option<Value> = serde_json::from_slice(&response.body).ok();
        if !accepted {
            let body = body.unwrap_or_default();
            let field = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
            let status = response.status.unwrap_or_default();
            let error_body = ErrorBody {
                message: field("message"),
                error: field("error").into(),
                status,
                error_code: body.get("error_code").and_then(Value::as_str).map(str::to_owned),
            };
            return Ok(Answer::Refused(Box::new(Refusal { body: error_body, rule: None })));
        }
        let then = self.then.as_ref();
        let wants = |field: fn(&crate::Then) -> bool| then.is_some_and(field);
        let card_id = if operation == Operation::PostV2Card { response.created } else { card.map(|card| card.id) };
        let read = |server: &mut HttpService, id: Option<CardId>| match id {
            Some(id) => server.card(id),
            None => Ok(None),
        };
        let card_after = if wants(|then| then.card.is_some()) { read(server, card_id)? } else { None };
        let new_card = if wants(|then| then.new_card.is_some()) { read(server, response.created)? } else { None };
        let mut replaced = Vec::new();
        if wants(|then| then.replaced_card.is_some() || then.replaced_cards.is_some()) {
            for row in self.given.replaced_card.iter().chain(self.given.replaced_cards.iter().flatten()) {
                replaced.extend(server.card(row.id)?);
            }
        }
        let selected = (operation == Operation::StartEmbossing).then(|| {
            let mut ids: Vec<CardId> = response
                .events
                .iter()
                .filter(|event| event.name == EMBOSSED)
                .filter_map(|event| event.card_id)
                .collect();
            ids.sort_unstable();
            ids
        });
        Ok(Answer::Accepted(Box::new(Outcome {
            http_status: response.status,
            card: card_after,
            new_card,
            replaced,
            events: response.events.into_iter().map(|event| event.name).collect(),
            selected,
            body,
        })))
    }
}
