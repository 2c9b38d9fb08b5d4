//! Every operation as a handler sees it: raw method, path, headers and body in, the exact
//! response bytes out, for one acceptance and one refusal each (domain.md §7–§12).

use std::collections::HashMap;

use card_lifecycle::card::{Embossing, EmbossingFile};
use card_lifecycle::{
    AccountId, ApiRequest, Card, CardId, CardStatus, CardType, Command, Context, CreateCardInput, CustomerId, Error,
    HttpResponse, Owner, PlatformFields, Reissue, ReissueInput, RequestBody, UnknownCard, activate_replacement,
    create_card, decide, reissue_card, update_card_information,
};
use chrono::{DateTime, Utc};

struct Server {
    cards: HashMap<CardId, Card>,
    next_id: CardId,
}

fn owner() -> Owner {
    Owner { customer_id: CustomerId::new(7).unwrap(), account_id: AccountId::new(70).unwrap() }
}

fn platform() -> PlatformFields {
    PlatformFields::of(owner())
}

impl Server {
    /// Cards 1 (a NORMAL virtual card), 2 (a CREATED plastic card, ready, password changed),
    /// 3 (an UNBOUND noname card), 4 (an UNNUMBERED nominal card), 5 (a LOST card).
    fn new() -> Self {
        let expiration = Some("3112".parse().unwrap());
        let mut cards = HashMap::new();
        let mut put = |card: Card| cards.insert(card.id, Card { expiration_date: expiration, ..card });
        put(Card {
            name: Some(card_lifecycle::value::CardName::try_from("Travel".to_owned()).unwrap()),
            ..Card::new(CardId::new(1).unwrap(), CardType::Virtual, CardStatus::Normal)
        });
        put(Card {
            password_changed: true,
            embossing: Embossing::Ready { file: EmbossingFile::Queued, on_demand: false },
            ..Card::new(CardId::new(2).unwrap(), CardType::Plastic, CardStatus::Created)
        });
        put(Card {
            kind: card_lifecycle::card::CardKind::Noname,
            ..Card::new(CardId::new(3).unwrap(), CardType::Plastic, CardStatus::Unbound)
        });
        put(Card::new(CardId::new(4).unwrap(), CardType::Plastic, CardStatus::Unnumbered));
        put(Card::new(CardId::new(5).unwrap(), CardType::Virtual, CardStatus::Lost));
        Self { cards, next_id: CardId::new(10).unwrap() }
    }

    fn handle(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let header = |name: &str| headers.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
        let now: DateTime<Utc> = "2026-03-01T12:00:00Z".parse().unwrap();
        match ApiRequest::parse(method, path, header, body.as_bytes()) {
            None => HttpResponse { status: 404, body: Vec::new() },
            Some(request) => {
                self.answer(request, &Context::new(now)).unwrap_or_else(|error| HttpResponse::error(&error))
            }
        }
    }

    fn answer(&mut self, request: Result<ApiRequest, Error>, context: &Context) -> Result<HttpResponse, Error> {
        let request = request?;
        let operation = request.operation;
        let respond = |card: &Card| HttpResponse::for_accepted(operation, card, &platform());
        match &request.body {
            RequestBody::CreateCard { request: body, .. } => {
                self.next_id = self.next_id.next().unwrap();
                let input = CreateCardInput { card_id: self.next_id, ..CreateCardInput::default() };
                let created = create_card(body.as_ref().map_err(Clone::clone)?, &input, context)?;
                Ok(respond(&created.card))
            }
            RequestBody::StartEmbossing(run) => {
                let cards: Vec<Card> = self.cards.values().cloned().collect();
                assert!(!run.run(&cards, context).embossed.is_empty());
                Ok(HttpResponse::accepted(operation))
            }
            RequestBody::Reembossing(resend) => {
                let cards: Vec<Card> = self.cards.values().cloned().collect();
                Ok(resend.decide(&cards, context).answer())
            }
            body => {
                let card_id = request.card_id.ok_or(UnknownCard { card_id: None })?;
                let card = self.cards.get(&card_id).cloned().ok_or(UnknownCard { card_id: Some(card_id) })?;
                request.check_owner(owner())?;
                let accepted = match body {
                    RequestBody::Command(Command::Activate) => activate_replacement(&card, &[], context)?.card,
                    RequestBody::Command(command) => decide(&card, command, context)?,
                    RequestBody::Information(update) => update_card_information(&card, update, &[], context)?,
                    RequestBody::Reissue(reissue) => {
                        let input = ReissueInput { new_card_id: CardId::new(99).unwrap(), must_block: false };
                        match reissue_card(&card, reissue, &input, context)? {
                            Reissue::Issued { new, .. } => new.as_ref().clone(),
                            Reissue::Repeat { .. } => unreachable!("no card here was reissued"),
                        }
                    }
                    _ => unreachable!("every body is answered above"),
                };
                Ok(respond(&accepted.card))
            }
        }
    }
}

/// A call: its label (operation, then `ok` or the status expected), method, path, headers, body.
type Call = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str)], &'static str);

/// One acceptance and one refusal per operation.
const CALLS: [Call; 32] = [
    ("post-v2-card ok", "POST", "/wallet/v2/cards", &[("x-customer-id", "7")], r#"{"name":"A","type":"TEMPORARY"}"#),
    ("post-v2-card 400", "POST", "/wallet/v2/cards", &[], r#"{"name":"A","type":"TEMPORARY"}"#),
    (
        "put-v1-card-status ok",
        "PUT",
        "/wallet/v1/customers/7/accounts/70/cards/1/status",
        &[],
        r#"{"status":"BLOCKED"}"#,
    ),
    (
        "put-v1-card-status 404",
        "PUT",
        "/wallet/v1/customers/8/accounts/70/cards/1/status",
        &[],
        r#"{"status":"BLOCKED"}"#,
    ),
    ("put-v1-card-activate ok", "PUT", "/wallet/v1/customers/7/accounts/70/cards/2/activate", &[], ""),
    ("put-v1-card-activate 409", "PUT", "/wallet/v1/customers/7/accounts/70/cards/1/activate", &[], ""),
    ("post-v2-card-bind ok", "POST", "/wallet/v2/cards/3/bind", &[], ""),
    ("post-v2-card-bind 409", "POST", "/wallet/v2/cards/1/bind", &[], ""),
    ("put-v1-update-pan-nominal ok", "PUT", "/wallet/v1/cards/4/pan/nominal", &[], ""),
    ("put-v1-update-pan-nominal 406", "PUT", "/wallet/v1/cards/1/pan/nominal", &[], ""),
    ("put-v1-update-pan-noname 409", "PUT", "/wallet/v1/cards/4/pan/noname", &[], ""),
    ("put-v1-update-pan-noname 400", "PUT", "/wallet/v1/cards/x/pan/noname", &[], ""),
    ("put-v2-card-password ok", "PUT", "/wallet/v2/cards/1/password", &[], r#"{"password":"1234"}"#),
    ("put-v2-card-password 400", "PUT", "/wallet/v2/cards/1/password", &[], r#"{"password":"123456"}"#),
    ("put-cards-embossing 406", "PUT", "/embossing/v1/cards/2/embossing", &[], ""),
    ("put-cards-embossing 404", "PUT", "/embossing/v1/cards/40/embossing", &[], ""),
    (
        "start-embossing ok",
        "POST",
        "/embossing/v1/triggers/embossing",
        &[],
        r#"{"config_id":"6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11"}"#,
    ),
    ("start-embossing 400", "POST", "/embossing/v1/triggers/embossing", &[], r#"{"programs":[1]}"#),
    ("start-reembossing 406", "POST", "/embossing/v1/cards/reembossing", &[], r#"{"cards":[1]}"#),
    ("start-reembossing 400", "POST", "/embossing/v1/cards/reembossing", &[], r#"{"cards":[]}"#),
    (
        "post-v1-card-reissue ok",
        "POST",
        "/wallet/v1/customers/7/accounts/70/cards/1/reissue",
        &[],
        r#"{"reason_id":3}"#,
    ),
    ("post-v1-card-reissue 400", "POST", "/wallet/v1/customers/7/accounts/70/cards/1/reissue", &[], "{}"),
    (
        "patch-v2-card-expiration-renew ok",
        "PATCH",
        "/wallet/v2/cards/1/expiration-renew",
        &[],
        r#"{"new_expiration_date":"3212"}"#,
    ),
    (
        "patch-v2-card-expiration-renew 400",
        "PATCH",
        "/wallet/v2/cards/1/expiration-renew",
        &[],
        r#"{"new_expiration_date":"3012"}"#,
    ),
    (
        "patch-v2-card-validity-renew ok",
        "PATCH",
        "/wallet/v2/cards/1/validity-renew",
        &[],
        r#"{"validity_period_hours":24}"#,
    ),
    (
        "patch-v2-card-validity-renew 400",
        "PATCH",
        "/wallet/v2/cards/5/validity-renew",
        &[],
        r#"{"validity_period_hours":24}"#,
    ),
    ("post-v2-card-password-reset ok", "POST", "/wallet/v2/cards/1/password-tries/reset", &[], ""),
    ("post-v2-card-password-reset 406", "POST", "/wallet/v2/cards/5/password-tries/reset", &[], ""),
    (
        "post-v2-card-password-increase ok",
        "POST",
        "/wallet/v2/cards/1/password-tries/increase",
        &[],
        r#"{"block_card_exceeds_counter":false}"#,
    ),
    ("post-v2-card-password-increase 400", "POST", "/wallet/v2/cards/1/password-tries/increase", &[], "{}"),
    ("patch-v2-card ok", "PATCH", "/wallet/v2/cards/1", &[], r#"{"name":"Trips"}"#),
    ("patch-v2-card 409", "PATCH", "/wallet/v2/cards/5", &[], r#"{"name":"Trips"}"#),
];

#[test]
fn every_operation_from_raw_parts_to_response_bytes() {
    let mut answers = Vec::new();
    for (label, method, path, headers, body) in CALLS {
        // Each call on the same starting cards: one decision, one answer.
        let answer = Server::new().handle(method, path, headers, body);
        let expected = label.rsplit(' ').next().unwrap();
        if expected == "ok" {
            assert!((200..300).contains(&answer.status), "{label}: {answer:?}");
        } else {
            assert_eq!(answer.status.to_string(), expected, "{label}: {}", String::from_utf8_lossy(&answer.body));
        }
        answers.push(format!("{label}: {} {}", answer.status, String::from_utf8_lossy(&answer.body)));
    }
    insta::assert_snapshot!(answers.join("\n"), @r#"
    post-v2-card ok: 201 {"id":11,"name":"A","status":"NORMAL","type":"TEMPORARY","contactless_enabled":true,"valid_until":"2026-03-02T12:00:00Z"}
    post-v2-card 400: 400 {"message":"invalid create card request: x-customer-id is required","error":"bad_request","status":400,"error_code":""}
    put-v1-card-status ok: 200 {"program":{"id":"1"},"account":{"id":"70"},"customer":{"id":"7"},"id":1,"status":"BLOCKED","previous_status":"NORMAL","expiration_date":"2031-12-01T00:00:00Z","name":"Travel","track_number":1,"password_tries":0,"contactless_enabled":true,"type":"VIRTUAL"}
    put-v1-card-status 404: 404 {"message":"card not found","error":"not_found","status":404,"error_code":""}
    put-v1-card-activate ok: 200 {"message":"The card was successfully unblocked"}
    put-v1-card-activate 409: 409 {"message":"card 1 is VIRTUAL: only PLASTIC cards are activated","error":"conflict","status":409,"error_code":""}
    post-v2-card-bind ok: 202 
    post-v2-card-bind 409: 409 {"message":"card 1 is NORMAL: only an UNBOUND card can be bound to a customer","error":"conflict","status":409,"error_code":""}
    put-v1-update-pan-nominal ok: 202 
    put-v1-update-pan-nominal 406: 406 {"message":"card 1 is NORMAL: only an UNNUMBERED card can be given a PAN","error":"StatusNotAcceptable","status":406,"error_code":""}
    put-v1-update-pan-noname 409: 409 {"message":"card 4 is a nominal card: the noname PAN endpoint numbers only noname cards","error":"conflict","status":409,"error_code":""}
    put-v1-update-pan-noname 400: 400 {"message":"card_id \"x\" must be an integer from 1 to 9223372036854775807","error":"bad_request","status":400,"error_code":""}
    put-v2-card-password ok: 200 
    put-v2-card-password 400: 400 {"message":"invalid change card password request: password must have 4 digits, the card's pin_length","error":"bad_request","status":400,"error_code":""}
    put-cards-embossing 406: 406 {"message":"Card already embossed","error":"StatusNotAcceptable","status":406,"error_code":""}
    put-cards-embossing 404: 404 {"message":"card not found","error":"not_found","status":404,"error_code":""}
    start-embossing ok: 202 
    start-embossing 400: 400 {"message":"Field config_id is required","error":"bad_request","status":400}
    start-reembossing 406: 406 {"message":"card 1 cannot be embossed: card_type_invalid (VIRTUAL is not a physical card), card_status_invalid (NORMAL is not embossed in SCHEDULED mode), card_pci_password_unchanged (the password must be changed first)","error":"StatusNotAcceptable","status":406,"error_code":""}
    start-reembossing 400: 400 {"message":"Invalid payload to reembossing, cards is required","error":"bad_request","status":400}
    post-v1-card-reissue ok: 201 {"id":99,"name":"Travel","status":"NORMAL","type":"VIRTUAL","contactless_enabled":true}
    post-v1-card-reissue 400: 400 {"message":"invalid reissue card request: reason_id is required","error":"bad_request","status":400,"error_code":""}
    patch-v2-card-expiration-renew ok: 200 {"program":{"id":"1"},"account":{"id":"70"},"customer":{"id":"7"},"id":1,"status":"NORMAL","expiration_date":"2032-12-01T00:00:00Z","name":"Travel","track_number":1,"password_tries":0,"contactless_enabled":true,"type":"VIRTUAL"}
    patch-v2-card-expiration-renew 400: 400 {"message":"card 1: the new expiration date 3012 is not later than 3112","error":"bad_request","status":400,"error_code":""}
    patch-v2-card-validity-renew ok: 200 {"program":{"id":"1"},"account":{"id":"70"},"customer":{"id":"7"},"id":1,"status":"NORMAL","expiration_date":"2031-12-01T00:00:00Z","name":"Travel","track_number":1,"password_tries":0,"contactless_enabled":true,"type":"VIRTUAL","valid_until":"2026-03-02T12:00:00Z"}
    patch-v2-card-validity-renew 400: 400 {"message":"card 5 is LOST: it cannot be renewed","error":"bad_request","status":400,"error_code":""}
    post-v2-card-password-reset ok: 200 {"success":true}
    post-v2-card-password-reset 406: 406 {"message":"card 5 is LOST: its password tries cannot be reset or counted","error":"StatusNotAcceptable","status":406,"error_code":""}
    post-v2-card-password-increase ok: 200 {"success":"Incremented password tries counter"}
    post-v2-card-password-increase 400: 400 {"message":"invalid increase password try count request: block_card_exceeds_counter is required","error":"bad_request","status":400,"error_code":""}
    patch-v2-card ok: 200 {"program":{"id":"1"},"account":{"id":"70"},"customer":{"id":"7"},"id":1,"status":"NORMAL","expiration_date":"2031-12-01T00:00:00Z","name":"Trips","track_number":1,"password_tries":0,"contactless_enabled":true,"type":"VIRTUAL"}
    patch-v2-card 409: 409 {"message":"card 5 is LOST: a terminated card's information does not change","error":"conflict","status":409,"error_code":""}
    "#);
}

#[test]
fn a_path_the_api_does_not_have_is_the_servers_own_404() {
    assert!(ApiRequest::parse("DELETE", "/wallet/v2/cards/1", |_| None, b"").is_none());
    assert!(ApiRequest::parse("PUT", "/wallet/v2/cards/1/password/extra", |_| None, b"").is_none());
    assert_eq!(Server::new().handle("GET", "/", &[], "").status, 404);
}
