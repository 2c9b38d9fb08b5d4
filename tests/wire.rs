//! The JSON is exactly the API's wire format.

use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::event::CardEvent;
use card_lifecycle::lifecycle::EmbossingErrorType;
use card_lifecycle::value::{Brand, ExpirationDate, Mode, ModeType, PinLength, StatusGroup};
use card_lifecycle::{Card, CardId, CardStatus, CardType, Command, Context, Error, Operation};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::IntoEnumIterator;

/// Every variant serializes to its strum spelling, which `as_str`, `Display` and `FromStr`
/// share, and reads back from it.
fn one_spelling<T>(as_str: fn(T) -> &'static str) -> Vec<&'static str>
where
    T: IntoEnumIterator
        + Serialize
        + DeserializeOwned
        + std::fmt::Display
        + std::str::FromStr
        + PartialEq
        + Copy
        + std::fmt::Debug,
    <T as std::str::FromStr>::Err: std::fmt::Debug,
{
    T::iter()
        .map(|value| {
            let spelling = as_str(value);
            assert_eq!(serde_json::to_value(value).unwrap(), serde_json::Value::from(spelling));
            assert_eq!(value.to_string(), spelling);
            assert_eq!(spelling.parse::<T>().unwrap(), value);
            assert_eq!(serde_json::from_value::<T>(spelling.into()).unwrap(), value);
            spelling
        })
        .collect()
}

#[test]
fn statuses_are_spelled_as_the_api() {
    insta::assert_snapshot!(one_spelling(CardStatus::as_str).join(" "), @"CREATED UNBOUND UNNUMBERED NORMAL REISSUED BLOCKED PENDING WARNING INOPERATIVE CANCELED LOST ROBBED THEFT FRAUD DAMAGED EXPIRED DELETED BROKEN DEFECT");
}

#[test]
fn the_other_enums_are_spelled_as_the_api() {
    insta::assert_snapshot!(one_spelling(CardType::as_str).join(" "), @"PLASTIC VIRTUAL RECURRING TEMPORARY");
    insta::assert_snapshot!(one_spelling(Mode::as_str).join(" "), @"CREDIT DEBIT COMBO MULTIPLE");
    insta::assert_snapshot!(one_spelling(ModeType::as_str).join(" "), @"SINGLE COMBO");
    insta::assert_snapshot!(one_spelling(Brand::as_str).join(" "), @"VISA MASTERCARD ELO RUPAY PRIVATE");
    insta::assert_snapshot!(one_spelling(EmbossingMode::as_str).join(" "), @"SCHEDULED ON_DEMAND");
    insta::assert_snapshot!(one_spelling(PhysicalInitialStatus::as_str).join(" "), @"CREATED NORMAL");
    insta::assert_snapshot!(one_spelling(Operation::as_str).join(" "), @"post-v2-card put-v1-card-status put-v1-card-activate post-v2-card-bind put-v1-update-pan-nominal put-v1-update-pan-noname put-v2-card-password put-cards-embossing start-reembossing start-embossing elapse embossing-card-ingress post-v1-card-reissue patch-v2-card-expiration-renew patch-v2-card-validity-renew post-v2-card-password-reset post-v2-card-password-increase patch-v2-card");
    let groups: Vec<_> = StatusGroup::iter().map(|group| serde_json::to_string(&group).unwrap()).collect();
    insta::assert_snapshot!(groups.join(" "), @r#""INITIAL" "ACTIVE" "TEMPORARY_BLOCK" "TERMINATION""#);
    let types: Vec<_> = EmbossingErrorType::iter().map(|kind| serde_json::to_string(&kind).unwrap()).collect();
    insta::assert_snapshot!(types.join(" "), @r#""card_type_invalid" "card_status_invalid" "card_pci_password_unchanged""#);
}

#[test]
fn misspellings_are_read_but_never_written() {
    // domain.md §11.1.
    let unbound: CardStatus = serde_json::from_str(r#""UMBOUND""#).unwrap();
    let canceled: CardStatus = serde_json::from_str(r#""CANCELLED""#).unwrap();
    assert_eq!((unbound, canceled), (CardStatus::Unbound, CardStatus::Canceled));
    assert_eq!(serde_json::to_string(&[unbound, canceled]).unwrap(), r#"["UNBOUND","CANCELED"]"#);
}

#[test]
fn brands_are_read_in_any_case_and_written_upper_case() {
    // domain.md §11.24.
    for text in [r#""Visa""#, r#""visa""#, r#""VISA""#] {
        assert_eq!(serde_json::from_str::<Brand>(text).unwrap(), Brand::Visa);
    }
    assert_eq!(serde_json::from_str::<Brand>(r#""MasterCard""#).unwrap(), Brand::Mastercard);
}

#[test]
fn bad_spellings_are_refused_with_the_accepted_list() {
    let error = serde_json::from_str::<CardStatus>(r#""normal""#).unwrap_err().to_string();
    insta::assert_snapshot!(error, @r#"unknown card status "normal", expected one of CREATED, UNBOUND, UNNUMBERED, NORMAL, REISSUED, BLOCKED, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT"#);
    let error = serde_json::from_str::<CardType>(r#""STOLEN""#).unwrap_err().to_string();
    insta::assert_snapshot!(error, @r#"unknown card type "STOLEN", expected one of PLASTIC, VIRTUAL, RECURRING, TEMPORARY"#);
    assert!(serde_json::from_str::<CardStatus>("1").is_err());
}

#[test]
fn pin_length_is_a_json_number() {
    assert_eq!(serde_json::to_string(&PinLength::Six).unwrap(), "6");
    assert_eq!(serde_json::from_str::<PinLength>("4").unwrap(), PinLength::Four);
    for bad in ["5", "\"4\"", "4.0", "-6", "99999999999999999999"] {
        assert!(serde_json::from_str::<PinLength>(bad).is_err(), "{bad}");
    }
}

#[test]
fn expiration_dates_are_yymm_and_read_rfc_3339() {
    // domain.md §11.7.
    let date: ExpirationDate = serde_json::from_str(r#""2803""#).unwrap();
    assert_eq!(serde_json::to_string(&date).unwrap(), r#""2803""#);
    let from_response: ExpirationDate = serde_json::from_str(r#""2027-01-04T00:00:00Z""#).unwrap();
    assert_eq!(serde_json::to_string(&from_response).unwrap(), r#""2701""#);
    for bad in [r#""2813""#, r#""2800""#, r#""283""#, r#""28-03""#, "2803", r#""1999-12-01T00:00:00Z""#] {
        assert!(serde_json::from_str::<ExpirationDate>(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_card_row_has_the_api_spellings() {
    let mut card = Card::new(CardId::new(42).unwrap(), CardType::Plastic, CardStatus::Blocked);
    card.previous_status = Some(CardStatus::Normal);
    card.valid_until = Some("2026-01-31T00:00:00Z".parse().unwrap());
    card.expiration_date = Some(ExpirationDate::parse("3201").unwrap());
    card.embossing =
        card_lifecycle::card::Embossing::Ready { file: card_lifecycle::card::EmbossingFile::None, on_demand: false };
    insta::assert_snapshot!(serde_json::to_string_pretty(&card).unwrap(), @r#"
    {
      "id": 42,
      "version": 0,
      "type": "PLASTIC",
      "status": "BLOCKED",
      "kind": "nominal",
      "program_id": 1,
      "previous_status": "NORMAL",
      "pin_length": 4,
      "valid_until": "2026-01-31T00:00:00Z",
      "expiration_date": "3201",
      "password_changed": false,
      "activated": true,
      "password_tries": 0,
      "track_number": 1,
      "embossing": {
        "state": "ready",
        "file": "none",
        "on_demand": false
      },
      "details": {
        "contactless_enabled": true,
        "generate_pvv": false,
        "atm_change_online_pin_when_script_sent": false
      }
    }
    "#);
}

#[test]
fn a_stored_card_row_has_no_invented_defaults() {
    // A row missing its type must fail to load, not become a PLASTIC card with id 1.
    let missing =
        serde_json::from_str::<Card>(r#"{ "id": 7, "version": 0, "status": "NORMAL" }"#).unwrap_err().to_string();
    insta::assert_snapshot!(missing, @"missing field `type` at line 1 column 45");
    // A field a newer version wrote is passed over: a rolling deploy reads its rows (issue 20).
    let card = Card::new(CardId::new(7).unwrap(), CardType::Plastic, CardStatus::Normal);
    let mut row = serde_json::to_value(&card).unwrap();
    row["a_newer_field"] = "x".into();
    row["details"]["another"] = 1.into();
    assert_eq!(serde_json::from_value::<Card>(row).unwrap(), card);
}

#[test]
fn events_carry_the_platform_display_names() {
    let names: Vec<_> = [
        CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Lost },
        CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH },
        CardEvent::Bound { status: CardStatus::Created },
        CardEvent::PasswordChanged { queued: false },
        CardEvent::AddedToEmbossing,
        CardEvent::Reembossing,
        CardEvent::Embossed { reembossing: false },
        CardEvent::ValidityElapsed { from: CardStatus::Normal },
    ]
    .iter()
    .map(|event| event.display_name().unwrap_or("-"))
    .collect();
    insta::assert_snapshot!(names.join(" | "), @"Card updated | Card updated | Customer bound to noname card | Card password changed | - | Card reembossing notification received | Card embossing notification received | Card updated");
    let json =
        serde_json::to_string(&CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Lost }).unwrap();
    insta::assert_snapshot!(json, @r#"{"event":"status_changed","from":"NORMAL","to":"LOST"}"#);
}

/// domain.md §11.38: where a seed page documents an error body, the crate's body is that body,
/// byte for byte; each literal below is copied from domain.md §5 and §10 (S3, S4, S5; the
/// reembossing `status` is 400, §11.22), and S1's 409 text.
#[test]
fn documented_error_bodies_are_reproduced_byte_for_byte() {
    let body = |error: Error| serde_json::to_string(&error.to_body()).unwrap();
    let context = Context::new(chrono::DateTime::UNIX_EPOCH);
    let mut card = Card::new(CardId::new(12345).unwrap(), CardType::Plastic, CardStatus::Created);
    let not_found = card_lifecycle::decide(&card, &Command::AddToEmbossing, &context).unwrap_err();
    insta::assert_snapshot!(body(not_found), @r#"{"message":"card not found","error":"not_found","status":404,"error_code":""}"#);
    card.embossing = card_lifecycle::card::Embossing::Ready {
        file: card_lifecycle::card::EmbossingFile::Embossed,
        on_demand: false,
    };
    let embossed = card_lifecycle::decide(&card, &Command::AddToEmbossing, &context).unwrap_err();
    insta::assert_snapshot!(body(embossed), @r#"{"message":"Card already embossed","error":"StatusNotAcceptable","status":406,"error_code":""}"#);
    let trigger = card_lifecycle::StartEmbossing::parse(&serde_json::json!({ "cards": [1] })).unwrap_err();
    insta::assert_snapshot!(body(trigger.into()), @r#"{"message":"Field config_id is required","error":"bad_request","status":400}"#);
    let resend = |json| body(card_lifecycle::Reembossing::parse(&json).unwrap_err().into());
    insta::assert_snapshot!(resend(serde_json::json!({})), @r#"{"message":"Invalid payload to reembossing, cards is required","error":"bad_request","status":400}"#);
    // Every malformed resend body is the page's one documented 400.
    assert_eq!(resend(serde_json::json!({ "cards": [] })), resend(serde_json::json!({})));
    assert_eq!(resend(serde_json::json!({ "cards": [0] })), resend(serde_json::json!({})));
    let existing = card_lifecycle::ExistingCard {
        card_type: CardType::Plastic,
        name: "PLASTIC".into(),
        status: CardStatus::Normal,
    };
    let input = card_lifecycle::CreateCardInput { existing_cards: vec![existing], ..Default::default() };
    let request =
        card_lifecycle::request::CreateCard::parse(&serde_json::json!({ "name": "x", "type": "PLASTIC" })).unwrap();
    let today = Context::new("2026-01-01T00:00:00Z".parse().unwrap());
    let conflict = card_lifecycle::create_card(&request, &input, &today).unwrap_err();
    insta::assert_snapshot!(body(conflict.into()), @r#"{"message":"You already have a card with this type and name active","error":"conflict","status":409,"error_code":""}"#);
}

/// The documented bodies keep the operator's detail in `Display`, not in the wire message.
#[test]
fn documented_bodies_keep_the_detail_in_display() {
    let context = Context::new(chrono::DateTime::UNIX_EPOCH);
    let card = Card::new(CardId::new(12345).unwrap(), CardType::Plastic, CardStatus::Created);
    let error = card_lifecycle::decide(&card, &Command::AddToEmbossing, &context).unwrap_err();
    insta::assert_snapshot!(error, @"card not found: card 12345 is not ready for embossing yet");
    let error = Error::from(card_lifecycle::Reembossing::parse(&serde_json::json!({ "cards": "7" })).unwrap_err());
    insta::assert_snapshot!(error, @r#"invalid resend cards for embossing request: cards "7" must be an array of card ids from 1 to 2^63 - 1"#);
}

/// A body no seed documents is ours: it names the rule, the field and the value, in the shape
/// `{message, error, status, error_code: ""}` (domain.md §10), or without `error_code` on the
/// pages whose documented body has none (start embossing).
#[test]
fn undocumented_bodies_name_the_field_and_the_value() {
    let body = |error: Error| serde_json::to_string(&error.to_body()).unwrap();
    let error = card_lifecycle::StartEmbossing::parse(&serde_json::json!({ "config_id": "{x}" })).unwrap_err();
    insta::assert_snapshot!(body(error.into()), @r#"{"message":"invalid start card embossing request: config_id \"{x}\" must be a UUID in the form 8-4-4-4-12 hex digits","error":"bad_request","status":400}"#);
    let error = card_lifecycle::request::UpdateCardStatus::parse(&serde_json::json!({})).unwrap_err();
    insta::assert_snapshot!(body(error.into()), @r#"{"message":"invalid update card status request: status is required","error":"bad_request","status":400,"error_code":""}"#);
}

// Losing Send + Sync on a public type is a breaking change, so fail the build instead.
const _: () = {
    const fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Card>();
    send_sync::<CardStatus>();
    send_sync::<CardEvent>();
    send_sync::<Error>();
    send_sync::<card_lifecycle::Accepted>();
    send_sync::<card_lifecycle::Command>();
    send_sync::<card_lifecycle::Context>();
    send_sync::<card_lifecycle::request::CreateCard>();
    send_sync::<card_lifecycle::StartEmbossing>();
    send_sync::<card_lifecycle::Reembossing>();
    send_sync::<card_lifecycle::value::PrintedName>();
    send_sync::<card_lifecycle::ErrorBody>();
    send_sync::<card_lifecycle::card::CardDetails>();
    send_sync::<card_lifecycle::request::CreateCardBuilder>();
    send_sync::<card_lifecycle::wire::CreateCardResponse>();
    send_sync::<card_lifecycle::wire::CardResponse>();
    send_sync::<card_lifecycle::PlatformFields>();
    send_sync::<card_lifecycle::HttpResponse>();
    send_sync::<card_lifecycle::request::UpdateCardStatus>();
    send_sync::<card_lifecycle::request::InvalidRequest>();
    send_sync::<card_lifecycle::UnknownCard>();
    send_sync::<card_lifecycle::CustomerId>();
    send_sync::<card_lifecycle::ConfigId>();
    send_sync::<card_lifecycle::request::IdempotencyKey>();
    send_sync::<card_lifecycle::Operation>();
    send_sync::<card_lifecycle::rule::Rule>();
};

#[test]
fn value_types_display_as_their_wire_text() {
    use card_lifecycle::value::{CardName, PrintedName, ProgramId};
    assert_eq!(CardName::parse("Travel").unwrap().to_string(), "Travel");
    assert_eq!(PrintedName::parse("ANA SOUZA").unwrap().to_string(), "ANA SOUZA");
    assert_eq!(CardId::new(42).unwrap().to_string(), "42");
    assert_eq!(ProgramId::new(7).unwrap().to_string(), "7");
    assert_eq!(card_lifecycle::CustomerId::new(77).unwrap().to_string(), "77");
    assert_eq!(ExpirationDate::parse("0903").unwrap().to_string(), "0903");
    for kind in EmbossingErrorType::iter() {
        assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::from(kind.as_str()));
        assert_eq!(kind.to_string(), kind.as_str());
    }
}

#[test]
fn a_config_id_is_a_uuid_in_its_canonical_form_only() {
    // domain.md §11.34: any case, always 8-4-4-4-12 with hyphens.
    use card_lifecycle::ConfigId;
    let canonical = "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11";
    assert_eq!(ConfigId::parse(canonical).unwrap().to_string(), canonical);
    assert_eq!(ConfigId::parse(&canonical.to_uppercase()).unwrap(), ConfigId::parse(canonical).unwrap());
    for other in [
        "{6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11}",
        "urn:uuid:6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11",
        "6f1c2d8e6a4b4b599d1e0c2f4a7b8e11",
        "6f1c2d8e6-a4b-4b59-9d1e-0c2f4a7b8e11",
        "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e1g",
        "",
    ] {
        assert!(ConfigId::parse(other).is_err(), "{other}");
    }
}

#[test]
fn every_create_card_field_sent_reaches_the_request() {
    use card_lifecycle::request::CreateCard;
    let request = CreateCard::from_slice(
        r#"{ "name": "Travel", "type": "VIRTUAL", "printed_name": "ANA SOUZA", "pin_length": 6,
             "cvv_rotation_interval_hours": 24, "transaction_limit": "500.00", "metadata": { "team": "x" },
             "embossing_group": "group-a", "embossing_custom_field": "gold", "contactless_enabled": false,
             "abu_enabled": true, "template_id": "t-1", "mode_type": "COMBO", "generate_pvv": true,
             "validity_period_hours": 240, "status": "UNNUMBERED", "brand": "visa", "expiration_date": "2803",
             "atm_change_online_pin_when_script_sent": true }"#
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(request.name().as_str(), "Travel");
    assert_eq!(request.card_type(), CardType::Virtual);
    assert_eq!(request.printed_name().map(card_lifecycle::value::PrintedName::as_str), Some("ANA SOUZA"));
    assert_eq!(request.pin_length(), PinLength::Six);
    assert_eq!(request.cvv_rotation_interval_hours(), Some(24));
    assert_eq!(request.transaction_limit(), Some("500.00"));
    assert_eq!(request.metadata().and_then(|metadata| metadata.get("team")), Some(&serde_json::json!("x")));
    assert_eq!(request.embossing_group(), Some("group-a"));
    assert_eq!(request.embossing_custom_field(), Some("gold"));
    assert_eq!(request.contactless_enabled(), Some(false));
    assert_eq!(request.abu_enabled(), Some(true));
    assert_eq!(request.template_id(), Some("t-1"));
    assert_eq!(request.mode_type(), Some(ModeType::Combo));
    assert_eq!(request.generate_pvv(), Some(true));
    assert_eq!(request.validity_period_hours(), Some(240));
    assert!(request.is_unnumbered());
    assert_eq!(request.brand(), Some(Brand::Visa));
    assert_eq!(request.expiration_date(), Some(ExpirationDate::parse("2803").unwrap()));
    assert_eq!(request.atm_change_online_pin_when_script_sent(), Some(true));
    // And the same body through a JSON tree gives the same request.
    let body = request.to_body();
    assert_eq!(CreateCard::parse(&body).unwrap(), request);
    let plain = CreateCard::from_slice(r#"{ "name": "x", "type": "PLASTIC" }"#.as_bytes()).unwrap();
    assert!(!plain.is_unnumbered());
    assert_eq!((plain.printed_name(), plain.brand(), plain.metadata()), (None, None, None));
    // Each flag reads back as sent, whichever way it was sent.
    for flag in [true, false] {
        let body = serde_json::json!({ "name": "x", "type": "PLASTIC", "contactless_enabled": flag,
            "abu_enabled": flag, "generate_pvv": flag, "atm_change_online_pin_when_script_sent": flag });
        let request = CreateCard::parse(&body).unwrap();
        let flags = [
            request.contactless_enabled(),
            request.abu_enabled(),
            request.generate_pvv(),
            request.atm_change_online_pin_when_script_sent(),
        ];
        assert_eq!(flags, [Some(flag); 4], "{body}");
    }
}

#[test]
fn rules_print_as_their_stable_ids() {
    use card_lifecycle::rule::Rule;
    let ids: Vec<String> = Rule::iter().map(|rule| rule.to_string()).collect();
    assert!(Rule::iter().zip(&ids).all(|(rule, id)| rule.id() == id));
    insta::assert_snapshot!(ids.join(" "), @"wire.value status.body password.body auth.unauthorized auth.forbidden request.card-id-required request.card-id request.unknown-card status.activation-required status.blocked-before-activation status.set-by-operation status.termination-is-final status.issue-first activate.plastic-only activate.created-only bind.unbound-only pan.endpoint-matches-kind pan.unnumbered-only embossing.card-not-found embossing.already-embossed embossing.eligibility reembossing.body start-embossing.config-id-required start-embossing.body create.body create.validity create.one-active-per-type-and-name reissue.body reissue.issued-cards-only expiration-renew.body renew.card expiration-renew.later validity-renew.body validity-renew.expiration password-tries.body password-tries.status information.body information.terminated");
}

#[test]
fn create_card_bytes_that_are_not_json_are_refused_as_such_and_json_that_is_not_an_object_as_the_tree_parser_does() {
    // §11.57: the byte parser answers exactly as the tree parser, and says which it was.
    use card_lifecycle::request::{CreateCard, FieldRule};
    let not_json = CreateCard::from_slice(b"{").unwrap_err();
    assert!(matches!(not_json.fields[0].rule, FieldRule::Json { .. }), "{not_json:?}");
    for body in ["[1]", "\"x\"", "null", "7"] {
        let tree: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            CreateCard::from_slice(body.as_bytes()).unwrap_err(),
            CreateCard::parse(&tree).unwrap_err(),
            "{body}"
        );
    }
}
