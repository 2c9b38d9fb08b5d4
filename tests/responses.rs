//! Every response body, field for field, for a representative card of each type (domain.md §7,
//! §8): pinned as the API spells it.

use card_lifecycle::lifecycle::Customer;
use card_lifecycle::request::CreateCard;
use card_lifecycle::value::Mode;
use card_lifecycle::wire::{CardResponse, CreateCardResponse, PanDerived};
use card_lifecycle::{CardId, CardType, Context, CreateCardInput, PlatformFields, create_card};
use std::fmt::Write as _;

use strum::IntoEnumIterator;

/// A Create card body with every field the type accepts.
fn body(card_type: CardType) -> serde_json::Value {
    let mut body = serde_json::json!({
        "name": format!("My {card_type} card"), "type": card_type.as_str(), "printed_name": "ANA SOUZA",
        "pin_length": 6, "transaction_limit": "500.00", "metadata": { "team": "growth" },
        "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
        "abu_enabled": false, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
        "brand": "VISA", "expiration_date": "3012", "atm_change_online_pin_when_script_sent": true
    });
    if card_type == CardType::Virtual {
        body["cvv_rotation_interval_hours"] = 24.into();
    }
    if card_type.accepts_validity_period() {
        body["validity_period_hours"] = 240.into();
    }
    body
}

fn platform() -> PlatformFields {
    let mut platform = PlatformFields::default();
    platform.account_id = Some(card_lifecycle::AccountId::new(1_001).unwrap());
    platform.customer_id = Some(card_lifecycle::CustomerId::new(2_002).unwrap());
    platform.org_id = Some("TN-1".into());
    platform.hash = Some(PanDerived::new("0fsd=="));
    platform.last_4_digits = Some(PanDerived::new("1234"));
    platform.first_4_digits = Some(PanDerived::new("4111"));
    platform.bin = Some(PanDerived::new("411111"));
    platform.atc = Some("0007".into());
    platform.number_of_transactions = Some(3);
    platform.tracking = Some("TRK-9".into());
    platform.migration_id = None;
    platform.bulk_id = None;
    platform.external_id = Some("ext-5".into());
    platform.mode = Some(Mode::Credit);
    platform.dual_message_debit = Some(false);
    platform
}

#[test]
fn every_response_body_for_each_card_type() {
    let context = Context::new("2026-01-01T10:00:00Z".parse().unwrap());
    let input = CreateCardInput {
        card_id: CardId::new(555).unwrap(),
        customer: Customer { name: Some("Ana Souza".into()), social_name: None },
        ..CreateCardInput::default()
    };
    let mut bodies = String::new();
    for card_type in CardType::iter() {
        let request = CreateCard::parse(&body(card_type)).unwrap();
        let card = create_card(&request, &input, &context).unwrap().card;
        let created = serde_json::to_string(&CreateCardResponse::new(&card)).unwrap();
        let status = serde_json::to_string(&CardResponse::new(&card, &platform())).unwrap();
        let _ = writeln!(bodies, "{card_type} 201: {created}\n{card_type} 200: {status}");
    }
    insta::assert_snapshot!(bodies, @r#"
    PLASTIC 201: {"id":555,"name":"PLASTIC","status":"CREATED","type":"PLASTIC","transaction_limit":"500.00","metadata":{"team":"growth"},"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO","validity_period_hours":240,"valid_until":"2026-01-11T10:00:00Z"}
    PLASTIC 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"CREATED","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"PLASTIC","tracking":"TRK-9","track_number":1,"transaction_limit":"500.00","password_tries":0,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"type":"PLASTIC","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    VIRTUAL 201: {"id":555,"name":"My VIRTUAL card","status":"NORMAL","type":"VIRTUAL","transaction_limit":"500.00","metadata":{"team":"growth"},"cvv_rotation_interval_hours":24,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO","validity_period_hours":240,"valid_until":"2026-01-11T10:00:00Z"}
    VIRTUAL 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"NORMAL","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"My VIRTUAL card","tracking":"TRK-9","track_number":1,"transaction_limit":"500.00","password_tries":0,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"type":"VIRTUAL","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    RECURRING 201: {"id":555,"name":"My RECURRING card","status":"NORMAL","type":"RECURRING","transaction_limit":"500.00","metadata":{"team":"growth"},"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO"}
    RECURRING 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"NORMAL","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"My RECURRING card","tracking":"TRK-9","track_number":1,"transaction_limit":"500.00","password_tries":0,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"type":"RECURRING","metadata":{"team":"growth"},"template_id":"t-1","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    TEMPORARY 201: {"id":555,"name":"My TEMPORARY card","status":"NORMAL","type":"TEMPORARY","transaction_limit":"500.00","metadata":{"team":"growth"},"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO","valid_until":"2026-01-02T10:00:00Z"}
    TEMPORARY 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"NORMAL","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"My TEMPORARY card","tracking":"TRK-9","track_number":1,"transaction_limit":"500.00","password_tries":0,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"type":"TEMPORARY","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-02T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    "#);
}

#[test]
fn a_card_response_without_platform_fields_leaves_them_out() {
    let card =
        card_lifecycle::Card::new(CardId::new(9).unwrap(), CardType::Virtual, card_lifecycle::CardStatus::Normal);
    let body = serde_json::to_string(&CardResponse::new(&card, &PlatformFields::default())).unwrap();
    insta::assert_snapshot!(body, @r#"{"program":{"id":"1"},"id":9,"status":"NORMAL","track_number":1,"password_tries":0,"contactless_enabled":true,"type":"VIRTUAL"}"#);
    assert!(!body.contains("null"));
}

#[test]
fn pan_derived_values_stay_out_of_debug() {
    let card =
        card_lifecycle::Card::new(CardId::new(9).unwrap(), CardType::Plastic, card_lifecycle::CardStatus::Normal);
    let response = CardResponse::new(&card, &platform());
    let debug = format!("{response:?} {:?}", platform());
    for secret in ["0fsd==", "1234", "4111", "411111"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(serde_json::to_string(&response).unwrap().contains("\"last_4_digits\":\"1234\""));
    let digits = PanDerived::new("1234");
    assert_eq!(format!("{digits:?}"), "PanDerived(..)");
    assert_eq!(digits.as_str(), "1234");
}

/// The documented success bodies of every operation (domain.md §7–§12): the shape each
/// operation answers with, for a card with every field set.
#[test]
fn every_operation_answers_its_documented_body() {
    use card_lifecycle::{Card, HttpResponse, Operation};
    let context = Context::new("2026-01-01T10:00:00Z".parse().unwrap());
    let request = CreateCard::parse(&body(CardType::Plastic)).unwrap();
    let input = CreateCardInput { card_id: CardId::new(555).unwrap(), ..CreateCardInput::default() };
    let created = create_card(&request, &input, &context).unwrap().card;
    let card =
        Card { password_tries: 2, track_number: 3, reissued_card_id: Some(CardId::new(600).unwrap()), ..created };
    let answers: Vec<String> = Operation::iter()
        .map(|operation| {
            let answer = HttpResponse::for_accepted(operation, &card, &platform());
            format!("{operation} {}: {}", answer.status, String::from_utf8_lossy(&answer.body))
        })
        .collect();
    insta::assert_snapshot!(answers.join("\n"), @r#"
    post-v2-card 201: {"id":555,"name":"PLASTIC","status":"CREATED","type":"PLASTIC","transaction_limit":"500.00","metadata":{"team":"growth"},"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO","validity_period_hours":240,"valid_until":"2026-01-11T10:00:00Z"}
    put-v1-card-status 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"CREATED","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"PLASTIC","tracking":"TRK-9","track_number":3,"transaction_limit":"500.00","password_tries":2,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"reissued_card_id":600,"type":"PLASTIC","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    put-v1-card-activate 200: {"message":"The card was successfully unblocked"}
    post-v2-card-bind 202: 
    put-v1-update-pan-nominal 202: 
    put-v1-update-pan-noname 202: 
    put-v2-card-password 200: 
    put-cards-embossing 202: 
    start-reembossing 202: 
    start-embossing 202: 
    elapse 200: 
    embossing-card-ingress 200: 
    post-v1-card-reissue 201: {"id":555,"name":"PLASTIC","status":"CREATED","type":"PLASTIC","transaction_limit":"500.00","metadata":{"team":"growth"},"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"template_id":"t-1","mode_type":"COMBO","validity_period_hours":240,"valid_until":"2026-01-11T10:00:00Z"}
    patch-v2-card-expiration-renew 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"CREATED","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"PLASTIC","tracking":"TRK-9","track_number":3,"transaction_limit":"500.00","password_tries":2,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"reissued_card_id":600,"type":"PLASTIC","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    patch-v2-card-validity-renew 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"CREATED","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"PLASTIC","tracking":"TRK-9","track_number":3,"transaction_limit":"500.00","password_tries":2,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"reissued_card_id":600,"type":"PLASTIC","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    post-v2-card-password-reset 200: {"success":true}
    post-v2-card-password-increase 200: {"success":"Incremented password tries counter"}
    patch-v2-card 200: {"program":{"id":"1"},"account":{"id":"1001"},"customer":{"id":"2002"},"org":{"id":"TN-1"},"id":555,"hash":"0fsd==","last_4_digits":"1234","first_4_digits":"4111","brand":"VISA","number_of_transactions":3,"bin":"411111","atc":"0007","status":"CREATED","issuing_date":"2026-01-01T10:00:00Z","expiration_date":"2030-12-01T00:00:00Z","printed_name":"ANA SOUZA","name":"PLASTIC","tracking":"TRK-9","track_number":3,"transaction_limit":"500.00","password_tries":2,"embossing_custom_field":"gold","contactless_enabled":false,"abu_enabled":false,"reissued_card_id":600,"type":"PLASTIC","metadata":{"team":"growth"},"template_id":"t-1","valid_until":"2026-01-11T10:00:00Z","external_id":"ext-5","mode":"CREDIT","dual_message_debit":false}
    "#);
}
