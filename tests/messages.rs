//! Every message the crate writes, pinned: a changed word shows up as a diff in review.

use serde_json::json;

use card_lifecycle::card::{Embossing, EmbossingFile};
use card_lifecycle::context::EmbossingMode;
use card_lifecycle::lifecycle::{check_embossing, check_status_change};
use card_lifecycle::request::{CreateCard, UpdateCardStatus};
use card_lifecycle::value::{ExpirationDate, PinLength, PrintedName};
use card_lifecycle::{
    Card, CardId, CardStatus, CardType, Command, Context, CreateCardInput, Error, Reembossing, StartEmbossing,
    create_card, decide,
};

/// The HTTP answer and the operator's message (`Display`, which carries the detail that a
/// documented body leaves out).
fn answer(error: &card_lifecycle::Error) -> String {
    let body = error.to_body();
    format!("{} {}: {error}", body.status, body.error)
}

fn refusal(card: &Card, command: Command) -> String {
    let context = Context::new(chrono::DateTime::UNIX_EPOCH);
    answer(&decide(card, &command, &context).unwrap_err())
}

fn create_with(body: &serde_json::Value, input: &CreateCardInput, context: &Context) -> String {
    let error: Error = match CreateCard::parse(body) {
        Ok(request) => create_card(&request, input, context).unwrap_err().into(),
        Err(error) => error.into(),
    };
    answer(&error)
}

fn create(body: &serde_json::Value) -> String {
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    create_with(body, &CreateCardInput::default(), &Context::new(now))
}

#[test]
fn err_parse_values() {
    insta::assert_snapshot!("METAL".parse::<CardType>().unwrap_err(), @r#"unknown card type "METAL", expected one of PLASTIC, VIRTUAL, RECURRING, TEMPORARY"#);
    insta::assert_snapshot!("credit".parse::<card_lifecycle::value::Mode>().unwrap_err(), @r#"unknown mode "credit", expected one of CREDIT, DEBIT, COMBO, MULTIPLE"#);
    insta::assert_snapshot!("DUAL".parse::<card_lifecycle::value::ModeType>().unwrap_err(), @r#"unknown mode_type "DUAL", expected one of SINGLE, COMBO"#);
    insta::assert_snapshot!("AMEX".parse::<card_lifecycle::value::Brand>().unwrap_err(), @r#"unknown brand "AMEX", expected one of VISA, MASTERCARD, ELO, RUPAY, PRIVATE"#);
    insta::assert_snapshot!("DAILY".parse::<EmbossingMode>().unwrap_err(), @r#"unknown embossing mode "DAILY", expected one of SCHEDULED, ON_DEMAND"#);
    insta::assert_snapshot!("BLOCKED".parse::<card_lifecycle::context::PhysicalInitialStatus>().unwrap_err(), @r#"unknown physical initial status "BLOCKED", expected one of CREATED, NORMAL"#);
    insta::assert_snapshot!(PinLength::parse(5).unwrap_err(), @"pin_length 5 must be 4 or 6");
    insta::assert_snapshot!(ExpirationDate::parse("2813").unwrap_err(), @r#"expiration_date "2813" must be yymm with a month from 01 to 12"#);
    insta::assert_snapshot!(card_lifecycle::value::CardName::parse("").unwrap_err(), @r#"name "" must have 1 to 50 characters, not 0"#);
}

#[test]
fn err_printed_name() {
    let err = |text: &str| PrintedName::parse(text).unwrap_err().to_string();
    insta::assert_snapshot!(err("A"), @r#"printed name "A" must have 2 to 26 characters, not 1"#);
    insta::assert_snapshot!(err("Zoë Li"), @r#"printed name "Zoë Li" has 'ë' at position 2, only ASCII letters and spaces are allowed"#);
    insta::assert_snapshot!(PrintedName::normalize("+++").unwrap_err(), @r#"cannot make a printed name of "+++": printed name "" must have 2 to 26 characters, not 0"#);
    insta::assert_snapshot!(PrintedName::normalize("Wolfeschlegelsteinhausenbergerdorff").unwrap_err(), @r#"cannot make a printed name of "Wolfeschlegelsteinhausenbergerdorff": printed name "WOLFESCHLEGELSTEINHAUSENBERGERDORFF" must have 2 to 26 characters, not 35"#);
}

#[test]
fn err_change_status() {
    let err = |body| Error::from(UpdateCardStatus::parse(&body).unwrap_err()).to_body().message;
    insta::assert_snapshot!(err(json!([])), @"invalid update card status request: body [] must be a JSON object");
    insta::assert_snapshot!(err(json!({})), @"invalid update card status request: status is required");
    insta::assert_snapshot!(err(json!({ "status": 4 })), @"invalid update card status request: status 4 must be a string");
    let edge = |from, to| check_status_change(from, to, true).unwrap_err().to_string();
    insta::assert_snapshot!(edge(CardStatus::Created, CardStatus::Normal), @"status CREATED cannot become NORMAL by a status change: a physical card becomes NORMAL only by activation");
    insta::assert_snapshot!(edge(CardStatus::Normal, CardStatus::Reissued), @"status NORMAL cannot become REISSUED by a status change: REISSUED is set only by creating, binding, numbering or reissuing a card");
    insta::assert_snapshot!(edge(CardStatus::Theft, CardStatus::Pending), @"status THEFT cannot become PENDING: THEFT is a termination status, and a terminated card stays terminated");
    insta::assert_snapshot!(edge(CardStatus::Unbound, CardStatus::Blocked), @"status UNBOUND cannot become BLOCKED: an UNBOUND card must be bound and an UNNUMBERED card given its PAN first");
}

#[test]
fn err_issuing() {
    let card = |card_type, status| Card::new(CardId::new(7).unwrap(), card_type, status);
    insta::assert_snapshot!(refusal(&card(CardType::Virtual, CardStatus::Created), Command::Activate), @"409 conflict: card 7 is VIRTUAL: only PLASTIC cards are activated");
    insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Blocked), Command::Activate), @"409 conflict: card 7 is BLOCKED: only a CREATED card can be activated");
    insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Created), Command::Bind), @"409 conflict: card 7 is CREATED: only an UNBOUND card can be bound to a customer");
    let pan = Command::UpdatePan { kind: card_lifecycle::card::CardKind::Nominal };
    insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Normal), pan), @"406 StatusNotAcceptable: card 7 is NORMAL: only an UNNUMBERED card can be given a PAN");
    let noname =
        Card { kind: card_lifecycle::card::CardKind::Noname, ..card(CardType::Plastic, CardStatus::Unnumbered) };
    insta::assert_snapshot!(refusal(&noname, pan), @"409 conflict: card 7 is a noname card: the nominal PAN endpoint numbers only nominal cards");
}

#[test]
fn err_embossing() {
    let mut card = Card::new(CardId::new(7).unwrap(), CardType::Plastic, CardStatus::Created);
    insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"404 not_found: card not found: card 7 is not ready for embossing yet");
    card.status = CardStatus::Lost;
    card.embossing = Embossing::Ready { file: EmbossingFile::None, on_demand: false };
    insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"406 StatusNotAcceptable: card 7 cannot be embossed: card_status_invalid (LOST is not embossed in SCHEDULED mode)");
    insta::assert_snapshot!(check_embossing(&card, &Context::new(chrono::DateTime::UNIX_EPOCH)).unwrap_err(), @"card 7 cannot be embossed: card_status_invalid (LOST is not embossed in SCHEDULED mode), card_pci_password_unchanged (the password must be changed first)");
    card.status = CardStatus::Created;
    card.embossing = Embossing::Ready { file: EmbossingFile::Embossed, on_demand: false };
    insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"406 StatusNotAcceptable: Card already embossed: card 7 is already queued or in an embossing file");
    insta::assert_snapshot!(Reembossing::parse(&json!({ "cards": "7" })).unwrap_err(), @r#"invalid resend cards for embossing request: cards "7" must be an array of card ids from 1 to 2^63 - 1"#);
    insta::assert_snapshot!(Reembossing::parse(&json!({ "cards": [] })).unwrap_err(), @"invalid resend cards for embossing request: cards [] must list at least one");
    insta::assert_snapshot!(StartEmbossing::parse(&json!({ "config_id": 7 })).unwrap_err(), @"invalid start card embossing request: config_id 7 must be a UUID in the form 8-4-4-4-12 hex digits");
    let programs = json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": "all" });
    insta::assert_snapshot!(StartEmbossing::parse(&programs).unwrap_err(), @r#"invalid start card embossing request: programs "all" must be an array of program ids from 1 to 2^63 - 1"#);
}

#[test]
fn err_create_card() {
    insta::assert_snapshot!(create(&json!("PLASTIC")), @r#"400 bad_request: invalid create card request: body "PLASTIC" must be a JSON object"#);
    insta::assert_snapshot!(create(&json!({})), @"400 bad_request: invalid create card request: name is required; type is required");
    let everything = json!({
        "name": "", "type": "VIRTUAL", "printed_name": "ANA-LUISA", "pin_length": 5,
        "cvv_rotation_interval_hours": 4321, "transaction_limit": "-1", "metadata": [],
        "embossing_group": "g", "embossing_custom_field": "c".repeat(1001), "contactless_enabled": "yes",
        "mode_type": "CREDIT", "validity_period_hours": 0, "status": "NORMAL", "brand": "AMEX",
        "expiration_date": "2813"
    });
    insta::assert_snapshot!(create(&everything), @r#"400 bad_request: invalid create card request: name: name "" must have 1 to 50 characters, not 0; printed_name: printed name "ANA-LUISA" has '-' at position 3, only ASCII letters and spaces are allowed; pin_length 5 must be one of 4, 6; cvv_rotation_interval_hours 4321 must be from 0 to 4320; transaction_limit "-1" must be a non-negative decimal string such as "500.00"; metadata [] must be a JSON object; embossing_group "g" must have 2 to 32 characters; embossing_custom_field "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc… must have 0 to 1000 characters; contactless_enabled "yes" must be a boolean; mode_type: unknown mode_type "CREDIT", expected one of SINGLE, COMBO; validity_period_hours 0 must be from 1 to 4294967295; status: status "NORMAL" must be UNNUMBERED, the only status a card may be created in; brand: unknown brand "AMEX", expected one of VISA, MASTERCARD, ELO, RUPAY, PRIVATE; expiration_date: expiration_date "2813" must be yymm with a month from 01 to 12"#);
    insta::assert_snapshot!(create(&json!({ "name": "x", "type": "TEMPORARY", "validity_period_hours": 1 })), @"400 bad_request: invalid create card request: validity_period_hours 1 is not accepted for TEMPORARY cards");
    insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "status": "UNNUMBERED" })), @"400 bad_request: invalid create card request: printed_name is required when status is UNNUMBERED; brand is required when status is UNNUMBERED");
    insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "metadata": { "k": "x".repeat(3193) } })), @r#"400 bad_request: invalid create card request: metadata {"k":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… must be at most 3200 bytes of compact JSON, not 3201"#);
    insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "expiration_date": "2602", "validity_period_hours": 1500 })), @"400 bad_request: validity_period_hours 1500 gives valid_until 2026-03-04T12:00:00Z after the expiration date's last second 2026-02-28T23:59:59Z");
    insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "expiration_date": "2512" })), @r#"400 bad_request: expiration_date "2512" has already passed at 2026-01-01T00:00:00Z"#);
    let existing = CreateCardInput {
        existing_cards: vec![card_lifecycle::ExistingCard {
            card_type: CardType::Plastic,
            name: "PLASTIC".into(),
            status: CardStatus::Blocked,
        }],
        ..CreateCardInput::default()
    };
    let body = json!({ "name": "x", "type": "PLASTIC" });
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    insta::assert_snapshot!(create_with(&body, &existing, &Context::new(now)), @r#"409 conflict: You already have a card with this type and name active: PLASTIC "PLASTIC""#);
    let far = Context { expiration_months: 1200, ..Context::new(now) };
    insta::assert_snapshot!(create_with(&body, &CreateCardInput::default(), &far), @"400 bad_request: expiration_date is 1200 months after 2026-01-01T00:00:00Z, outside the years 2000 to 2099 that yymm can name");
    insta::assert_snapshot!(card_lifecycle::request::IdempotencyKey::parse(&"k".repeat(37)).unwrap_err(), @r#"invalid create card request: x-idempotency-key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" must have 1 to 36 characters"#);
}

#[test]
fn err_sweep() {
    let error =
        card_lifecycle::lifecycle::sweep_columns(&[CardStatus::Normal], &[1, 2], chrono::DateTime::UNIX_EPOCH).err();
    let error = error.map(|error| error.to_string()).unwrap_or_default();
    insta::assert_snapshot!(error, @"statuses has 1 entries but valid_until has 2: the columns must be parallel");
}
