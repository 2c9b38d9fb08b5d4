//! Every event as the platform publishes it (domain.md §9, S13–S21): envelope and payload,
//! pinned field for field.

use card_lifecycle::card::CardKind;
use card_lifecycle::context::EmbossingMode;
use card_lifecycle::request::CreateCard;
use card_lifecycle::wire::PanDerived;
use card_lifecycle::{
    Card, CardId, CardStatus, CardType, Command, Context, CreateCardInput, PlatformFields, StartEmbossing, create_card,
    decide,
};

fn platform() -> PlatformFields {
    let mut platform = PlatformFields::default();
    platform.account_id = Some(card_lifecycle::AccountId::new(1_001).unwrap());
    platform.customer_id = Some(card_lifecycle::CustomerId::new(2_002).unwrap());
    platform.hash = Some(PanDerived::new("0fsd=="));
    platform.last_4_digits = Some(PanDerived::new("1234"));
    platform
}

/// Decides `command` on `card` and renders its envelopes, one JSON line each.
#[track_caller]
fn published(card: &Card, command: Command, context: &Context) -> (Card, String) {
    let accepted = decide(card, &command, context).unwrap();
    let platform = platform();
    let lines: Vec<String> =
        accepted.envelopes(&platform).map(|envelope| serde_json::to_string(&envelope).unwrap()).collect();
    (accepted.card.clone(), lines.join("\n"))
}

#[test]
fn every_event_payload_as_published() {
    let now = "2026-01-01T10:00:00Z".parse().unwrap();
    let context = Context::new(now);
    let request = CreateCard::parse(&serde_json::json!({
        "name": "x", "type": "PLASTIC", "printed_name": "ANA SOUZA", "embossing_group": "group-a" }))
    .unwrap();
    let created = create_card(
        &request,
        &CreateCardInput { card_id: CardId::new(7).unwrap(), ..CreateCardInput::default() },
        &context,
    )
    .unwrap();
    let platform = platform();
    let created_line = serde_json::to_string(&created.envelopes(&platform).next().unwrap()).unwrap();
    insta::assert_snapshot!(created_line, @r#"{"domain":"cards","event":"create","schema_version":1,"name":"Card created","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":1,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"CREATED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1}}"#);

    let card = created.card;
    let (card, ingress) = published(&card, Command::EmbossingIngress, &context);
    insta::assert_snapshot!(ingress, @r#"{"domain":"cards","event":"embossing_card_ingress","schema_version":1,"name":"Card can be added to next scheduled embossing","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":2,"payload":{"card_id":7,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"CREATED"}}"#);
    let (card, password) =
        published(&card, Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four }, &context);
    insta::assert_snapshot!(password, @r#"{"domain":"cards","event":"update_password","schema_version":1,"name":"Card password changed","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":3,"payload":{"card_id":7,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"CREATED"}}"#);
    let run = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))
        .unwrap()
        .run(std::slice::from_ref(&card), &context);
    let embossed = serde_json::to_string(&run.embossed[0].envelopes(&platform).next().unwrap()).unwrap();
    insta::assert_snapshot!(embossed, @r#"{"domain":"cards","event":"embossing","schema_version":1,"name":"Card embossing notification received","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":4,"payload":{"card_id":7,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"CREATED","embossing_group":"group-a","reembossing":false}}"#);
    let card = run.embossed[0].card.clone();
    let (card, activated) = published(&card, Command::Activate, &context);
    insta::assert_snapshot!(activated, @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":5,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"CREATED","activation_date":"2026-01-01T10:00:00Z","operation_type":null}}"#);
    let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..context };
    let (card, resent) = published(&card, Command::Reemboss, &on_demand);
    insta::assert_snapshot!(resent, @r#"{"domain":"cards","event":"reembossing","schema_version":1,"name":"Card reembossing notification received","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":6,"payload":{"card_id":7,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"NORMAL"}}"#);
    // A lapsed card reported LOST: the validity event first, then the status change (§11.28).
    let lapsed = Card { valid_until: Some(now - chrono::TimeDelta::hours(1)), ..card };
    let (_, lost) = published(&lapsed, Command::UpdateStatus { status: CardStatus::Lost }, &context);
    insta::assert_snapshot!(lost, @r#"
    {"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":7,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"INOPERATIVE","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":null,"valid_until":"2026-01-01T09:00:00Z"}}
    {"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":8,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"LOST","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"INOPERATIVE","activation_date":"2026-01-01T10:00:00Z","operation_type":null,"valid_until":"2026-01-01T09:00:00Z"}}
    "#);

    let unnumbered = Card {
        kind: CardKind::Noname,
        ..Card::new(CardId::new(8).unwrap(), CardType::Plastic, CardStatus::Unnumbered)
    };
    let (unbound, numbered) = published(&unnumbered, Command::UpdatePan { kind: CardKind::Noname }, &context);
    insta::assert_snapshot!(numbered, @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":1,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":null,"card_printed_name":null,"card_status":"UNBOUND","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":null,"issuing_date":null,"program_id":1,"card_previous_status":"UNNUMBERED","activation_date":null,"operation_type":"PAN_UPDATE"}}"#);
    let (ready, bound) = published(&unbound, Command::Bind, &context);
    insta::assert_snapshot!(bound, @r#"{"domain":"cards","event":"bind_card","schema_version":1,"name":"Customer bound to noname card","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":2,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":null,"card_printed_name":null,"card_status":"CREATED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":null,"issuing_date":null,"program_id":1,"card_previous_status":"UNBOUND","status":"SUCCESS"}}"#);
    let ready = Card {
        embossing: card_lifecycle::card::Embossing::Ready {
            file: card_lifecycle::card::EmbossingFile::None,
            on_demand: false,
        },
        ..ready
    };
    let (_, added) = published(&ready, Command::AddToEmbossing, &context);
    insta::assert_snapshot!(added, @r#"{"schema_version":1,"name":"Card added to next scheduled embossing","published":false,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":3,"payload":{"card_id":8,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"CREATED"}}"#);
}

#[test]
fn envelopes_number_the_versions_the_events_leave() {
    let now = "2026-02-01T00:00:00Z".parse().unwrap();
    let card = Card {
        version: 41,
        valid_until: Some("2026-01-31T00:00:00Z".parse().unwrap()),
        ..Card::new(CardId::new(3).unwrap(), CardType::Virtual, CardStatus::Blocked)
    };
    let accepted = decide(&card, &Command::UpdateStatus { status: CardStatus::Fraud }, &Context::new(now)).unwrap();
    let platform = PlatformFields::default();
    let versions: Vec<u64> = accepted.envelopes(&platform).map(|envelope| envelope.version).collect();
    assert_eq!((accepted.version, versions, accepted.card.version), (41, vec![42, 43], 43));
    let statuses: Vec<String> = accepted
        .envelopes(&platform)
        .map(|envelope| serde_json::to_value(&envelope).unwrap())
        .map(|json| format!("{} -> {}", json["payload"]["card_previous_status"], json["payload"]["card_status"]))
        .collect();
    assert_eq!(statuses, [r#""BLOCKED" -> "INOPERATIVE""#, r#""INOPERATIVE" -> "FRAUD""#]);
}

/// The events of the rest of a card's life (domain.md §12): a resend's run flagged as a
/// reembossing (§11.51), a reissue's two streams, the replacement's activation, the renewals
/// with `expiration_date_renewal_data`, the PIN-try counter and Update card information.
#[test]
fn every_event_of_the_whole_life_as_published() {
    use card_lifecycle::request::{
        ChangeCardPassword, IncreasePasswordTries, ReissueCard, RenewExpiration, RenewValidity, UpdateCardInformation,
    };
    use card_lifecycle::{Reissue, ReissueInput, activate_replacement, reissue_card, update_card_information};
    let now: chrono::DateTime<chrono::Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
    let context = Context::new(now);
    let platform = platform();
    let lines = |accepted: &card_lifecycle::Accepted| {
        accepted
            .envelopes(&platform)
            .map(|envelope| serde_json::to_string(&envelope).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let request =
        CreateCard::parse(&serde_json::json!({ "name": "x", "type": "PLASTIC", "printed_name": "ANA SOUZA" })).unwrap();
    let card = create_card(
        &request,
        &CreateCardInput { card_id: CardId::new(7).unwrap(), ..CreateCardInput::default() },
        &context,
    )
    .unwrap()
    .card;
    let card = decide(&card, &Command::Activate, &context).unwrap().card;

    // §11.51: a resent card's embossing notification says so.
    let ready = decide(&card, &Command::EmbossingIngress, &context).unwrap().card;
    let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..context };
    let resent = decide(&ready, &Command::Reemboss, &on_demand).unwrap().card;
    let run = StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))
        .unwrap()
        .run(std::slice::from_ref(&resent), &on_demand);
    insta::assert_snapshot!(lines(&run.embossed[0]), @r#"{"domain":"cards","event":"embossing","schema_version":1,"name":"Card embossing notification received","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":5,"payload":{"card_id":7,"program_id":1,"account_id":1001,"customer_id":2002,"card_status":"NORMAL","reembossing":true}}"#);
    insta::assert_snapshot!(serde_json::to_string(&run.summary).unwrap(), @r#"{"file_type":"NOMINAL","total_embossed_cards":1}"#);

    let reissue = ReissueCard::from_slice(br#"{"reason_id": 3}"#).unwrap();
    let input = ReissueInput { new_card_id: CardId::new(8).unwrap(), must_block: false };
    let Reissue::Issued { old, new } = reissue_card(&card, &reissue, &input, &context).unwrap() else { panic!() };
    insta::assert_snapshot!(lines(&old), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":3,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"REISSUED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":null}}"#);
    insta::assert_snapshot!(lines(&new), @r#"{"domain":"cards","event":"create","schema_version":1,"name":"Card created","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":1,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"CREATED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1}}"#);
    let replacement = activate_replacement(&new.card, std::slice::from_ref(&old.card), &context).unwrap();
    insta::assert_snapshot!(format!("{}\n{}", lines(&replacement.card), lines(&replacement.replaced[0])), @r#"
    {"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":2,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"CREATED","activation_date":"2026-01-01T10:00:00Z","operation_type":null}}
    {"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":7,"occurred_at":"2026-01-01T10:00:00Z","version":4,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":7,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"CANCELED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"REISSUED","activation_date":"2026-01-01T10:00:00Z","operation_type":null}}
    "#);

    let renewed = decide(
        &replacement.card.card,
        &RenewExpiration::from_slice(br#"{"new_expiration_date":"3412"}"#).unwrap().into(),
        &context,
    )
    .unwrap();
    insta::assert_snapshot!(lines(&renewed), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":3,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2032-01-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":"EXPIRATION_DATE_RENEWED","expiration_date_renewal_data":{"new_expiration_date":"2034-12-01T00:00:00Z","expiration_date_update_status":"PENDING","renewal_request_date":"2026-01-01T10:00:00Z","renewal_applied_date":null}}}"#);
    let applied = decide(&renewed.card, &Command::Activate, &context).unwrap();
    insta::assert_snapshot!(lines(&applied), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":4,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2034-12-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":"EXPIRATION_DATE_RENEWED","expiration_date_renewal_data":{"new_expiration_date":"2034-12-01T00:00:00Z","expiration_date_update_status":"APPLIED","renewal_request_date":null,"renewal_applied_date":"2026-01-01T10:00:00Z"}}}"#);
    let validity =
        decide(&applied.card, &RenewValidity::from_slice(br#"{"validity_period_hours":24}"#).unwrap().into(), &context)
            .unwrap();
    insta::assert_snapshot!(lines(&validity), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":5,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2034-12-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":"CARD_VALIDITY_RENEWAL","valid_until":"2026-01-02T10:00:00Z"}}"#);

    let increase = IncreasePasswordTries::from_slice(br#"{"block_card_exceeds_counter":true}"#).unwrap();
    let counted = decide(&validity.card, &increase.into(), &context).unwrap();
    insta::assert_snapshot!(format!("{} event(s), tries {}", counted.envelopes(&platform).filter(|e| e.published).count(), counted.card.password_tries), @"0 event(s), tries 1");
    let blocked = Card { password_tries: 2, ..counted.card.clone() };
    let blocked = decide(&blocked, &increase.into(), &context).unwrap();
    insta::assert_snapshot!(lines(&blocked), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":7,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"BLOCKED","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2034-12-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":null,"valid_until":"2026-01-02T10:00:00Z"}}"#);
    let unblocked = decide(&blocked.card, &Command::ResetPasswordTries, &context).unwrap();
    insta::assert_snapshot!(lines(&unblocked), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":8,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2034-12-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"BLOCKED","activation_date":"2026-01-01T10:00:00Z","operation_type":null,"valid_until":"2026-01-02T10:00:00Z"}}"#);

    let update = UpdateCardInformation::from_slice(br#"{"printed_name":"ANA S SOUZA","metadata":{"n":-0}}"#).unwrap();
    let updated = update_card_information(&unblocked.card, &update, &[], &context).unwrap();
    insta::assert_snapshot!(lines(&updated), @r#"{"domain":"cards","event":"update","schema_version":1,"name":"Card updated","published":true,"card_id":8,"occurred_at":"2026-01-01T10:00:00Z","version":9,"payload":{"account_id":1001,"card_hash":"0fsd==","card_id":8,"card_last_four_numbers":"1234","card_name":"PLASTIC","card_printed_name":"ANA S SOUZA","card_status":"NORMAL","card_type":"PLASTIC","contactless_enabled":true,"customer_id":2002,"expiration_date":"2034-12-01T00:00:00Z","issuing_date":"2026-01-01T10:00:00Z","program_id":1,"card_previous_status":"NORMAL","activation_date":"2026-01-01T10:00:00Z","operation_type":null,"valid_until":"2026-01-02T10:00:00Z"}}"#);
    let _ = ChangeCardPassword::with_digits(card_lifecycle::value::PinLength::Four);
}
