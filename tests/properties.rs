//! Invariants over all inputs (proptest).

use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::context::EmbossingMode;
use card_lifecycle::event::CardEvent;
use card_lifecycle::lifecycle::sweep_columns;
use card_lifecycle::request::{CreateCard, UpdateCardStatus};
use card_lifecycle::store::apply_stream;
use card_lifecycle::value::{
    Brand, CardName, ExpirationDate, Mode, ModeType, PinLength, PrintedName, ProgramId, StatusGroup,
};
use card_lifecycle::wire::CreateCardResponse;
use card_lifecycle::{
    Card, CardId, CardStatus, CardType, Command, ConfigId, Context, EmbossingRecord, Reembossing, StartEmbossing,
    create_card, decide, sweep,
};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value, json};
use strum::IntoEnumIterator;

fn any_status() -> impl Strategy<Value = CardStatus> {
    select(CardStatus::iter().collect::<Vec<_>>())
}

fn terminated_status() -> impl Strategy<Value = CardStatus> {
    select(CardStatus::iter().filter(|status| status.is_terminated()).collect::<Vec<_>>())
}

fn any_card_type() -> impl Strategy<Value = CardType> {
    select(CardType::iter().collect::<Vec<_>>())
}

fn any_brand() -> impl Strategy<Value = Brand> {
    select(Brand::ALL.to_vec())
}

fn any_mode() -> impl Strategy<Value = EmbossingMode> {
    select(EmbossingMode::iter().collect::<Vec<_>>())
}

/// Instants from 2020 to 2040, in whole seconds.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_577_836_800_i64..2_208_988_800).prop_map(|seconds| DateTime::from_timestamp(seconds, 0).unwrap())
}

fn any_embossing() -> impl Strategy<Value = Embossing> {
    let file = select(vec![EmbossingFile::None, EmbossingFile::Queued, EmbossingFile::Resent, EmbossingFile::Embossed]);
    prop_oneof![
        Just(Embossing::NotReady),
        (file, any::<bool>()).prop_map(|(file, on_demand)| Embossing::Ready { file, on_demand }),
    ]
}

prop_compose! {
    fn any_card_with(status: BoxedStrategy<CardStatus>)(
        id in 1_u64..6, card_type in any_card_type(), status in status,
        kind in select(vec![CardKind::Nominal, CardKind::Noname]), version in 0_u64..1_000,
        program in 1_u64..4, previous_status in proptest::option::of(any_status()),
        six in any::<bool>(), valid_until in proptest::option::of(any_instant()),
        password_changed in any::<bool>(), embossing in any_embossing(),
    ) -> Card {
        Card {
            kind,
            version,
            program_id: ProgramId::new(program).unwrap(),
            previous_status,
            pin_length: if six { PinLength::Six } else { PinLength::Four },
            valid_until,
            password_changed,
            embossing,
            ..Card::new(CardId::new(id).unwrap(), card_type, status)
        }
    }
}

fn any_card() -> impl Strategy<Value = Card> {
    any_card_with(any_status().boxed())
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        any_status().prop_map(|status| Command::UpdateStatus { status }),
        Just(Command::Activate),
        Just(Command::Bind),
        Just(Command::UpdatePan { kind: CardKind::Nominal }),
        Just(Command::UpdatePan { kind: CardKind::Noname }),
        Just(Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four }),
        Just(Command::AddToEmbossing),
        Just(Command::Reemboss),
        Just(Command::Elapse),
        Just(Command::EmbossingIngress),
    ]
}

fn any_step() -> impl Strategy<Value = (Command, Context)> {
    (any_command(), any_instant(), any_mode())
        .prop_map(|(command, now, embossing_mode)| (command, Context { embossing_mode, ..Context::new(now) }))
}

/// Applies the steps, keeping the accepted ones; returns the final card and every event.
fn run(card: &Card, steps: &[(Command, Context)]) -> (Card, Vec<CardEvent>, Vec<CardStatus>) {
    let mut card = card.clone();
    let mut events = Vec::new();
    let mut statuses = vec![card.status];
    for (command, context) in steps {
        if let Ok(accepted) = decide(&card, command, context) {
            events.extend(accepted.events);
            card = accepted.card;
            statuses.push(card.status);
        }
    }
    (card, events, statuses)
}

proptest! {
    #[test]
    fn prop_a_terminated_card_stays_terminated(
        card in any_card_with(terminated_status().boxed()),
        steps in proptest::collection::vec(any_step(), 0..24),
    ) {
        let (_, _, statuses) = run(&card, &steps);
        for status in statuses {
            prop_assert_eq!(status.group(), StatusGroup::Termination);
        }
    }

    #[test]
    fn prop_replaying_the_events_rebuilds_the_card(
        card in any_card(),
        steps in proptest::collection::vec(any_step(), 0..24),
    ) {
        // The whole card, its version (one per event) included.
        let (last, events, _) = run(&card, &steps);
        prop_assert_eq!(last.version, card.version + events.len() as u64);
        let replayed = events.iter().fold(card, Card::evolve);
        prop_assert_eq!(replayed, last);
    }

    #[test]
    fn prop_the_stream_check_accepts_true_streams_and_flags_shuffled_or_duplicated_ones(
        card in any_card(),
        steps in proptest::collection::vec(any_step(), 1..16),
        (first, second, copy, at) in (any::<Index>(), any::<Index>(), any::<Index>(), any::<Index>()),
    ) {
        let mut last = card.clone();
        let mut records = Vec::new();
        for (command, context) in &steps {
            if let Ok(accepted) = decide(&last, command, context) {
                records.extend(accepted.records(&card_lifecycle::PlatformFields::default()));
                last = accepted.card;
            }
        }
        prop_assert_eq!(apply_stream(&card, &records).unwrap(), last);
        if records.is_empty() {
            return Ok(());
        }
        // Any two records swapped: the stream is out of order.
        let (first, second) = (first.index(records.len()), second.index(records.len()));
        if first != second {
            let mut shuffled = records.clone();
            shuffled.swap(first, second);
            prop_assert!(apply_stream(&card, &shuffled).is_err());
        }
        // Any record delivered twice, anywhere after itself: a duplicate or a skipped version.
        let copy = copy.index(records.len());
        let mut duplicated = records.clone();
        let at = copy + 1 + at.index(records.len() - copy);
        duplicated.insert(at, records[copy].clone());
        prop_assert!(apply_stream(&card, &duplicated).is_err());
    }

    #[test]
    fn prop_the_run_selects_exactly_the_queued_cards_check_embossing_accepts(
        card in any_card(), mode in any_mode(), normal_start in any::<bool>(), now in any_instant(),
    ) {
        let physical_initial_status =
            if normal_start { card_lifecycle::context::PhysicalInitialStatus::Normal } else { card_lifecycle::context::PhysicalInitialStatus::Created };
        let context = Context { embossing_mode: mode, physical_initial_status, ..Context::new(now) };
        let request = StartEmbossing::parse(&json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" })).unwrap();
        // §11.52: a scheduled run also takes a ready UNBOUND card not yet embossed, without the rules.
        let first_noname = mode == EmbossingMode::Scheduled && card.card_type.is_physical()
            && card.status == CardStatus::Unbound && card.embossing.is_ready() && !card.embossing.is_embossed();
        let expected = (card.embossing.is_queued() && card_lifecycle::lifecycle::check_embossing(&card, &context).is_ok()) || first_noname;
        prop_assert_eq!(request.selects(&card, &context), expected);
    }

    #[test]
    fn prop_a_run_takes_only_cards_that_await_embossing(
        card in any_card(), mode in any_mode(), now in any_instant(), renewal in any::<bool>(),
    ) {
        // What a store indexes to find a run's candidates must hold every card any run takes, in
        // any mode, at any moment, with or without a pending renewal.
        let mut card = card;
        if renewal {
            card.pending_expiration_date = Some(ExpirationDate::parse_yymm("3112").unwrap());
        }
        let context = Context { embossing_mode: mode, ..Context::new(now) };
        let request = StartEmbossing::parse(&json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" })).unwrap();
        prop_assert!(!request.selects(&card, &context) || card.awaits_embossing(), "{card:?}");
        // And it is not every card: one that is not ready, or already embossed and not queued, waits for nothing.
        if !card.embossing.is_ready() || (card.embossing.is_embossed() && !card.embossing.is_queued()) {
            prop_assert!(!card.awaits_embossing());
        }
    }

    #[test]
    fn prop_events_round_trip_through_json(card in any_card(), steps in proptest::collection::vec(any_step(), 0..12)) {
        let (_, events, _) = run(&card, &steps);
        let text = serde_json::to_string(&events).unwrap();
        let read: Vec<CardEvent> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(read, events);
    }

    #[test]
    fn prop_no_terminated_or_virtual_card_is_queued(card in any_card(), (command, context) in any_step()) {
        let Ok(accepted) = decide(&card, &command, &context) else { return Ok(()) };
        let newly_queued = accepted.card.embossing.is_queued() && !card.embossing.is_queued();
        let requeued = matches!(command, Command::Reemboss);
        prop_assert!(!(newly_queued || requeued) || accepted.card.card_type.is_physical());
        prop_assert!(!(newly_queued || requeued) || !accepted.card.status.is_terminated());
    }

    #[test]
    fn prop_wire_enums_round_trip(
        status in any_status(), card_type in any_card_type(), mode in any_mode(),
        brand in select(Brand::iter().collect::<Vec<_>>()), card_mode in select(Mode::iter().collect::<Vec<_>>()),
        mode_type in select(ModeType::iter().collect::<Vec<_>>()),
    ) {
        fn round<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) -> Result<(), TestCaseError> {
            let text = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(serde_json::from_str::<T>(&text).unwrap(), value);
            Ok(())
        }
        round(status)?; round(card_type)?; round(mode)?; round(brand)?; round(card_mode)?; round(mode_type)?;
        prop_assert_eq!(status.as_str().parse::<CardStatus>().unwrap(), status);
        prop_assert_eq!(serde_json::to_string(&status).unwrap(), format!("{:?}", status.as_str()));
    }

    #[test]
    fn prop_cards_round_trip_through_json(card in any_card(), name in proptest::option::of(PRINTED_NAME)) {
        let card = Card { printed_name: name.and_then(|name| PrintedName::parse(&name).ok()), ..card };
        let text = serde_json::to_string(&card).unwrap();
        prop_assert_eq!(serde_json::from_str::<Card>(&text).unwrap(), card);
    }

    #[test]
    fn prop_value_types_round_trip(
        name in PRINTED_NAME, card_name in "\\PC{1,50}", year in 0_u16..100, month in 1_u8..=12, six in any::<bool>(),
    ) {
        let printed = PrintedName::parse(&name).unwrap();
        prop_assert_eq!(serde_json::from_value::<PrintedName>(serde_json::to_value(&printed).unwrap()).unwrap(), printed);
        let card_name = CardName::parse(&card_name).unwrap();
        prop_assert_eq!(serde_json::from_value::<CardName>(serde_json::to_value(&card_name).unwrap()).unwrap(), card_name);
        let date = ExpirationDate::parse(&format!("{year:02}{month:02}")).unwrap();
        prop_assert_eq!((date.year(), date.month()), (2000 + year, month));
        prop_assert_eq!(serde_json::from_value::<ExpirationDate>(serde_json::to_value(date).unwrap()).unwrap(), date);
        prop_assert_eq!(ExpirationDate::parse(&date.first_instant().to_rfc3339()).unwrap(), date);
        let pin = if six { PinLength::Six } else { PinLength::Four };
        prop_assert_eq!(serde_json::from_value::<PinLength>(serde_json::to_value(pin).unwrap()).unwrap(), pin);
    }

    #[test]
    fn prop_any_string_parses_or_errors(text in "\\PC*") {
        let _ = text.parse::<CardStatus>();
        let _ = text.parse::<CardType>();
        let _ = text.parse::<Brand>();
        let _ = text.parse::<Mode>();
        let _ = text.parse::<ModeType>();
        let _ = text.parse::<EmbossingMode>();
        let _ = ExpirationDate::parse(&text);
        let _ = CardName::parse(&text);
        if let Ok(name) = PrintedName::parse(&text) {
            prop_assert!((2..=26).contains(&name.as_str().len()));
        }
        let _ = serde_json::from_value::<Card>(json!({ "status": text }));
    }

    #[test]
    fn prop_normalize_gives_a_valid_name_or_a_typed_refusal(name in "\\PC{0,60}") {
        if let Ok(normalized) = PrintedName::normalize(&name) {
            prop_assert_eq!(PrintedName::parse(normalized.as_str()).unwrap(), normalized.clone());
            prop_assert_eq!(PrintedName::normalize(normalized.as_str()).unwrap(), normalized.clone());
            let words: Vec<String> = deunicode::deunicode(&name)
                .replace('-', " ")
                .split_whitespace()
                .map(|word| word.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_uppercase())
                .filter(|word| !word.is_empty())
                .collect();
            prop_assert_eq!(normalized.as_str().split(' ').next_back(), words.last().map(String::as_str));
        }
    }

    #[test]
    fn prop_real_names_normalize_keeping_the_last_name(
        words in proptest::collection::vec("[A-Za-zÀ-ÖØ-öø-ÿ]{1,12}", 1..8),
    ) {
        let name = words.join(" ");
        let result = PrintedName::normalize(&name);
        // Transliteration may lengthen a word ("Þ" is "TH"), so the bound is on the ASCII form.
        let last = deunicode::deunicode(words.last().unwrap()).to_ascii_uppercase();
        let shortest = 2 * (words.len() - 1) + last.len();
        match result {
            Ok(normalized) => {
                prop_assert!(normalized.as_str().ends_with(&last));
                prop_assert!((2..=26).contains(&shortest));
            }
            Err(error) => prop_assert!(!(2..=26).contains(&shortest), "{error}"),
        }
    }

    #[test]
    fn prop_any_json_body_creates_a_card_or_is_refused(body in any_body(), now in any_instant()) {
        let input = card_lifecycle::CreateCardInput::default();
        let decision = CreateCard::parse(&body)
            .map_err(card_lifecycle::Error::from)
            .and_then(|request| create_card(&request, &input, &Context::new(now)).map_err(card_lifecycle::Error::from));
        match decision {
            Ok(accepted) => prop_assert_eq!(accepted.event_names().collect::<Vec<_>>(), ["Card created"]),
            Err(error) => prop_assert_eq!(error.http_status(), 400, "{}", error),
        }
    }

    #[test]
    fn prop_requests_round_trip_through_their_json(
        body in valid_body(), status in any_status(),
        cards in proptest::collection::vec(1_u64..=CardId::MAX.get(), 1..6),
        programs in proptest::collection::vec(1_u64..=CardId::MAX.get(), 0..4),
    ) {
        // Every request type is a serde type whose JSON parses back to itself, as value and as bytes.
        fn round<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
            value: &T,
        ) -> Result<(), TestCaseError> {
            let bytes = serde_json::to_vec(value).unwrap();
            prop_assert_eq!(&serde_json::from_slice::<T>(&bytes).unwrap(), value);
            Ok(())
        }
        let request = CreateCard::parse(&body).unwrap();
        round(&request)?;
        prop_assert_eq!(CreateCard::from_slice(&serde_json::to_vec(&request).unwrap()).unwrap(), request);
        round(&UpdateCardStatus { status })?;
        let cards: Vec<CardId> = cards.into_iter().map(|id| CardId::new(id).unwrap()).collect();
        let resend = Reembossing::new(&cards).unwrap();
        round(&resend)?;
        prop_assert_eq!(Reembossing::from_slice(&serde_json::to_vec(&resend).unwrap()).unwrap(), resend);
        let programs: Vec<ProgramId> = programs.into_iter().map(|id| ProgramId::new(id).unwrap()).collect();
        let config_id = ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11").unwrap();
        let trigger = StartEmbossing::new(config_id, &programs, &cards);
        round(&trigger)?;
        prop_assert_eq!(StartEmbossing::from_slice(&serde_json::to_vec(&trigger).unwrap()).unwrap(), trigger);
    }

    #[test]
    fn prop_every_id_has_one_range(
        id in prop_oneof![Just(0_u64), 1_u64..50, Just(9_223_372_036_854_775_807), Just(9_223_372_036_854_775_808), Just(u64::MAX), any::<u64>()],
    ) {
        // domain.md §11.36: construction, serde, a path value and a body's id list agree.
        let made = CardId::new(id).is_ok();
        prop_assert_eq!(made, (1..=CardId::MAX.get()).contains(&id));
        prop_assert_eq!(CardId::new(id).map_or_else(card_lifecycle::value::IdRangeError::id, CardId::get), id);
        prop_assert_eq!(made, ProgramId::new(id).is_ok());
        prop_assert_eq!(made, card_lifecycle::CustomerId::new(id).is_ok());
        prop_assert_eq!(made, card_lifecycle::AccountId::new(id).is_ok());
        prop_assert_eq!(made, serde_json::from_value::<CardId>(json!(id)).is_ok());
        prop_assert_eq!(made, serde_json::from_value::<ProgramId>(json!(id)).is_ok());
        prop_assert_eq!(made, id.to_string().parse::<CardId>().is_ok());
        prop_assert_eq!(made, Reembossing::parse(&json!({ "cards": [id] })).is_ok());
        let config_id = ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11").unwrap();
        let body = json!({ "config_id": config_id.to_string(), "programs": [id] });
        prop_assert_eq!(made, StartEmbossing::parse(&body).is_ok());
    }

    #[test]
    fn prop_the_typed_constructors_agree_with_the_parsers(
        cards in proptest::collection::vec(1_u64..50, 0..5),
        programs in proptest::collection::vec(1_u64..50, 0..4),
    ) {
        // The same ids through the typed constructor and through a body: the same request
        // (§5: at least one card to resend; empty filter lists count as absent).
        let typed: Vec<CardId> = cards.iter().map(|id| CardId::new(*id).unwrap()).collect();
        prop_assert_eq!(Reembossing::new(&typed), Reembossing::parse(&json!({ "cards": cards })).ok());
        let config_id = ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11").unwrap();
        let typed_programs: Vec<ProgramId> = programs.iter().map(|id| ProgramId::new(*id).unwrap()).collect();
        let body = json!({ "config_id": config_id.to_string(), "programs": programs, "cards": cards });
        prop_assert_eq!(Some(StartEmbossing::new(config_id, &typed_programs, &typed)), StartEmbossing::parse(&body).ok());
    }

    #[test]
    fn prop_the_builder_agrees_with_the_parser(
        (name, card_type, printed, pin) in ("\\PC{0,55}", any_card_type(), proptest::option::of("[A-Za-z -]{0,30}"), proptest::option::of(prop_oneof![Just(card_lifecycle::value::PinLength::Four), Just(card_lifecycle::value::PinLength::Six)])),
        (cvv, limit, group) in (proptest::option::of(prop_oneof![0_u16..=4320, 4321_u16..=u16::MAX]), proptest::option::of("-?[0-9]{0,4}(\\.[0-9]{0,2})?"), proptest::option::of("\\PC{0,40}")),
        (custom, hours, unnumbered, brand) in (proptest::option::of("\\PC{0,1010}"), proptest::option::of(0_u32..100), any::<bool>(), proptest::option::of(any_brand())),
        metadata in proptest::option::of("[a-z]{0,4000}"),
    ) {
        // Issue 20: typed setters meet the very rules of a body, with no JSON in between: the
        // same request, or the body's first failing field.
        let mut builder = CreateCard::builder(&name, card_type);
        let mut body = json!({ "name": name, "type": card_type.as_str() });
        let object = body.as_object_mut().unwrap();
        if let Some(printed) = &printed {
            builder = builder.printed_name(printed);
            object.insert("printed_name".into(), printed.as_str().into());
        }
        if let Some(pin) = pin {
            builder = builder.pin_length(pin);
            object.insert("pin_length".into(), pin.digits().into());
        }
        if let Some(cvv) = cvv {
            builder = builder.cvv_rotation_interval_hours(cvv);
            object.insert("cvv_rotation_interval_hours".into(), cvv.into());
        }
        if let Some(limit) = &limit {
            builder = builder.transaction_limit(limit);
            object.insert("transaction_limit".into(), limit.as_str().into());
        }
        if let Some(note) = &metadata {
            let map = json!({ "note": note }).as_object().unwrap().clone();
            builder = builder.metadata(map.clone());
            object.insert("metadata".into(), Value::Object(map));
        }
        if let Some(group) = &group {
            builder = builder.embossing_group(group);
            object.insert("embossing_group".into(), group.as_str().into());
        }
        if let Some(custom) = &custom {
            builder = builder.embossing_custom_field(custom);
            object.insert("embossing_custom_field".into(), custom.as_str().into());
        }
        if let Some(hours) = hours {
            builder = builder.validity_period_hours(hours);
            object.insert("validity_period_hours".into(), hours.into());
        }
        if unnumbered {
            builder = builder.unnumbered();
            object.insert("status".into(), "UNNUMBERED".into());
        }
        if let Some(brand) = brand {
            builder = builder.brand(brand);
            object.insert("brand".into(), brand.as_str().into());
        }
        let parsed = CreateCard::parse(&body).map_err(|error| error.fields.first().cloned());
        prop_assert_eq!(builder.build().map_err(Some), parsed);
    }

    #[test]
    fn prop_any_bytes_are_a_request_or_a_400(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            any_body().prop_map(|body| serde_json::to_vec(&body).unwrap()),
        ],
    ) {
        let status = |error: card_lifecycle::Error| error.http_status();
        let statuses = [
            CreateCard::from_slice(&bytes).err().map(|error| status(error.into())),
            UpdateCardStatus::from_slice(&bytes).err().map(|error| status(error.into())),
            Reembossing::from_slice(&bytes).err().map(|error| status(error.into())),
            StartEmbossing::from_slice(&bytes).err().map(|error| status(error.into())),
        ];
        for refused in statuses.into_iter().flatten() {
            prop_assert_eq!(refused, 400);
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Err(error) = text.parse::<CardId>() {
            prop_assert_eq!(status(error.into()), 400);
        }
        if let Err(error) = card_lifecycle::CustomerId::from_header(Some(&text)) {
            prop_assert_eq!(status(error.into()), 400);
        }
        if let Err(error) = card_lifecycle::request::IdempotencyKey::from_header(Some(&text)) {
            prop_assert_eq!(status(error.into()), 400);
        }
    }

    #[test]
    fn prop_a_created_card_echoes_every_field_sent(mut body in valid_body()) {
        // Expiration months from 2000 on never passed at this instant; an explicit validity
        // keeps the default expiration so it always fits (§6).
        let now = Context::new("2000-01-01T00:00:00Z".parse().unwrap());
        if body.get("validity_period_hours").is_some() {
            body.as_object_mut().unwrap().remove("expiration_date");
        }
        let request = CreateCard::parse(&body).unwrap();
        let card = create_card(&request, &card_lifecycle::CreateCardInput::default(), &now).unwrap().card;
        let response = serde_json::to_value(CreateCardResponse::new(&card)).unwrap();
        for field in [
            "transaction_limit", "metadata", "cvv_rotation_interval_hours", "embossing_custom_field", "abu_enabled",
            "template_id", "mode_type", "validity_period_hours",
        ] {
            prop_assert_eq!(response.get(field), body.get(field), "{}", field);
        }
        let default_contactless = json!(true);
        prop_assert_eq!(&response["contactless_enabled"], body.get("contactless_enabled").unwrap_or(&default_contactless));
        prop_assert_eq!(&response["type"], &body["type"]);
        let physical = body["type"] == "PLASTIC";
        let plastic = json!("PLASTIC");
        prop_assert_eq!(&response["name"], if physical { &plastic } else { &body["name"] });
        // What the 201 leaves out, the card keeps for the later responses and events.
        let kept = serde_json::to_value(&card).unwrap();
        for field in ["embossing_group", "generate_pvv", "atm_change_online_pin_when_script_sent"] {
            if let Some(sent) = body.get(field) {
                prop_assert_eq!(&kept["details"][field], sent, "{}", field);
            }
        }
        let brand = body["brand"].as_str().unwrap().to_uppercase();
        prop_assert_eq!(&kept["details"]["brand"], &json!(brand));
        prop_assert_eq!(kept.get("printed_name").is_some(), body.get("printed_name").is_some());
        let default_pin = json!(4);
        prop_assert_eq!(&kept["pin_length"], body.get("pin_length").unwrap_or(&default_pin));
        if let Some(date) = body.get("expiration_date") {
            prop_assert_eq!(&kept["expiration_date"], date);
        }
    }

    #[test]
    fn prop_a_valid_request_writes_back_to_itself(body in valid_body()) {
        let request = CreateCard::parse(&body).unwrap();
        prop_assert_eq!(CreateCard::parse(&request.to_body()).unwrap(), request);
    }

    #[test]
    fn prop_valid_until_is_checked_at_any_instant_and_hours(
        seconds in prop_oneof![any::<i64>(), Just(DateTime::<Utc>::MAX_UTC.timestamp()), Just(DateTime::<Utc>::MIN_UTC.timestamp())],
        hours in any::<u32>(),
    ) {
        if let Some(issued_at) = DateTime::from_timestamp(seconds, 0) {
            match card_lifecycle::lifecycle::valid_until(issued_at, hours) {
                Some(until) => prop_assert_eq!(until - issued_at, TimeDelta::hours(i64::from(hours))),
                None => prop_assert!(issued_at.checked_add_signed(TimeDelta::hours(i64::from(hours))).is_none()),
            }
        }
    }

    #[test]
    fn prop_elapse_is_idempotent(card in any_card(), now in any_instant()) {
        let context = Context::new(now);
        let once = decide(&card, &Command::Elapse, &context).unwrap();
        let twice = decide(&once.card, &Command::Elapse, &context).unwrap();
        prop_assert_eq!(&twice.card, &once.card);
        prop_assert!(twice.events.is_empty());
    }

    #[test]
    fn prop_elapse_follows_the_rule_and_is_monotone(card in any_card(), now in any_instant(), later in 0_i64..100_000_000) {
        let context = Context::new(now);
        let elapsed = decide(&card, &Command::Elapse, &context).unwrap().card;
        let due = card.status.becomes_inoperative() && card.valid_until.is_some_and(|until| until <= now);
        prop_assert_eq!(elapsed.status == CardStatus::Inoperative, due || card.status == CardStatus::Inoperative);
        let later = Context::new(now + TimeDelta::seconds(later));
        let after = decide(&card, &Command::Elapse, &later).unwrap().card;
        if elapsed.status == CardStatus::Inoperative {
            prop_assert_eq!(after.status, CardStatus::Inoperative);
        }
    }

    #[test]
    fn prop_the_deadline_is_exactly_the_boundary(card in any_card()) {
        // domain.md §11.27, §11.54: at valid_until, and within its second (now is truncated), the
        // card is still valid; from the next second on, it is not.
        if let Some(deadline) = card.next_deadline() {
            let at = decide(&card, &Command::Elapse, &Context::new(deadline)).unwrap();
            let within = decide(&card, &Command::Elapse, &Context::new(deadline + TimeDelta::nanoseconds(999_999_999))).unwrap();
            let after = decide(&card, &Command::Elapse, &Context::new(deadline + TimeDelta::seconds(1))).unwrap();
            prop_assert_eq!(at.card.status, card.status);
            prop_assert!(at.events.is_empty());
            prop_assert_eq!(within.card.status, card.status);
            prop_assert_eq!(after.card.status, CardStatus::Inoperative);
        } else {
            let far = decide(&card, &Command::Elapse, &Context::new(DateTime::<Utc>::MAX_UTC)).unwrap();
            prop_assert_eq!(far.card.status, card.status);
        }
    }

    #[test]
    fn prop_the_sweep_agrees_with_elapse(
        cards in proptest::collection::vec(any_card(), 0..64), now in any_instant(), nanos in prop_oneof![Just(0_u32), 1_u32..1_000_000_000],
    ) {
        // A fraction of a second past a whole-second valid_until is truncated away (§11.54), also in columns.
        let now = now + TimeDelta::nanoseconds(i64::from(nanos));
        let expected: Vec<usize> = cards.iter().enumerate()
            .filter(|(_, card)| !decide(card, &Command::Elapse, &Context::new(now)).unwrap().events.is_empty())
            .map(|(index, _)| index)
            .collect();
        prop_assert_eq!(sweep(&cards, now).collect::<Vec<_>>(), expected.clone());
        let statuses: Vec<CardStatus> = cards.iter().map(|card| card.status).collect();
        let until: Vec<i64> = cards.iter().map(|card| card.valid_until.map_or(i64::MAX, |at| at.timestamp())).collect();
        prop_assert_eq!(sweep_columns(&statuses, &until, now).unwrap().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn prop_selection_is_a_sorted_unique_subset_of_eligible_cards(
        cards in proptest::collection::vec(any_card(), 0..32),
        programs in proptest::option::of(proptest::collection::vec(1_u64..4, 0..3)),
        listed in proptest::option::of(proptest::collection::vec(1_u64..6, 0..4)),
        mode in any_mode(),
    ) {
        let body = json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": programs, "cards": listed });
        let request = StartEmbossing::parse(&body).unwrap();
        let run = request.run(&cards, &Context { embossing_mode: mode, ..Context::new(DateTime::UNIX_EPOCH) });
        let ids: Vec<CardId> = run.embossed.iter().map(|accepted| accepted.card.id).collect();
        prop_assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", ids);
        for accepted in &run.embossed {
            // Queued, or (§11.52) a ready UNBOUND noname card on its first scheduled embossing.
            let first_noname = |card: &Card| card.status == CardStatus::Unbound
                && mode == EmbossingMode::Scheduled && card.embossing.is_ready() && !card.embossing.is_embossed();
            prop_assert!(cards.iter().any(|card| card.id == accepted.card.id && (card.embossing.is_queued() || first_noname(card))));
            prop_assert!(accepted.card.card_type.is_physical());
            prop_assert!(!accepted.card.status.is_terminated());
            prop_assert!(accepted.card.embossing.is_embossed());
        }
    }
}

const FIELDS: [&str; 19] = [
    "name",
    "type",
    "printed_name",
    "pin_length",
    "cvv_rotation_interval_hours",
    "transaction_limit",
    "metadata",
    "embossing_group",
    "embossing_custom_field",
    "contactless_enabled",
    "abu_enabled",
    "template_id",
    "mode_type",
    "generate_pvv",
    "validity_period_hours",
    "status",
    "brand",
    "expiration_date",
    "atm_change_online_pin_when_script_sent",
];

/// Characters whose compact JSON takes 1 to 6 bytes.
fn escapes() -> impl Strategy<Value = &'static str> {
    select(vec!["\u{1}", "\"", "\\", "\n", "a", "é", "€", "\u{1}a"])
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0_i64..5000).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        select(vec!["PLASTIC", "VIRTUAL", "TEMPORARY", "RECURRING", "UNNUMBERED", "VISA", "2803", "ANA SOUZA"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("\\PC{0,8}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn any_body() -> impl Strategy<Value = Value> {
    prop_oneof![
        any_json(),
        proptest::collection::btree_map(select(FIELDS.to_vec()), any_json(), 0..12)
            .prop_map(|map| Value::Object(map.into_iter().map(|(key, value)| (key.to_owned(), value)).collect())),
    ]
}

/// A valid printed name: 2 to 26 ASCII letters and spaces, at least one a letter (§7, §11.37).
const PRINTED_NAME: &str = "[A-Za-z ]{1,12}[A-Za-z][A-Za-z ]{0,13}";

fn valid_body() -> impl Strategy<Value = Value> {
    (
        ("\\PC{1,50}", any_card_type(), proptest::option::of(PRINTED_NAME), proptest::option::of(select(vec![4, 6]))),
        (
            proptest::option::of(0_u16..=4320),
            proptest::option::of("[0-9]{1,6}(\\.[0-9]{1,2})?"),
            proptest::option::of("[a-z]{0,20}"),
        ),
        (proptest::option::of("\\PC{2,32}"), proptest::option::of("\\PC{0,100}"), proptest::option::of(any::<bool>())),
        (proptest::option::of(select(vec!["SINGLE", "COMBO"])), proptest::option::of(1_u32..10_000), any::<bool>()),
        (select(vec!["VISA", "mastercard", "Elo"]), proptest::option::of((0_u32..100, 1_u32..=12))),
    )
        .prop_map(
            |(
                (name, card_type, printed, pin),
                (cvv, limit, metadata),
                (group, custom, flag),
                (mode, hours, unnumbered),
                (brand, expiration),
            )| {
                let mut body = json!({ "name": name, "type": card_type.as_str() });
                let object = body.as_object_mut().unwrap();
                let mut put = |key: &str, value: Option<Value>| {
                    if let Some(value) = value {
                        object.insert(key.to_owned(), value);
                    }
                };
                let cvv = if card_type == CardType::Virtual { Some(cvv.unwrap_or(24)) } else { cvv };
                put(
                    "printed_name",
                    printed.clone().map(Value::from).or_else(|| unnumbered.then(|| "ANA SOUZA".into())),
                );
                put("pin_length", pin.map(Value::from));
                put("cvv_rotation_interval_hours", cvv.map(Value::from));
                put("transaction_limit", limit.map(Value::from));
                put("metadata", metadata.map(|text| json!({ "note": text })));
                put("embossing_group", group.map(Value::from));
                put("embossing_custom_field", custom.map(Value::from));
                put("contactless_enabled", flag.map(Value::from));
                put("generate_pvv", flag.map(Value::from));
                put("mode_type", mode.map(Value::from));
                put("validity_period_hours", hours.filter(|_| card_type.accepts_validity_period()).map(Value::from));
                put("status", unnumbered.then(|| "UNNUMBERED".into()));
                put("brand", Some(brand.into()));
                put("expiration_date", expiration.map(|(year, month)| format!("{year:02}{month:02}").into()));
                body
            },
        )
}

proptest! {
    // The boundary is narrow (a few bytes in 3200), so more cases than the default.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// domain.md §7: metadata is limited to 3200 bytes of compact JSON, whatever its strings need
    /// escaped (`"\u0001"` takes 6 bytes, `"é"` 2) and however long its numbers print. Sizes are
    /// drawn around the limit, made of one kind of piece each so any miscount shows.
    #[test]
    fn prop_metadata_is_accepted_exactly_up_to_3200_compact_bytes(
        piece in escapes(),
        item in prop_oneof![
            Just(Value::from(f64::MIN)),
            Just(Value::from(i64::MIN)),
            Just(Value::from(false)),
            any::<f64>().prop_map(Value::from),
            escapes().prop_map(Value::from),
            // Keys that escape to six bytes each (`"\u0001"`, not `"\n"`).
            Just(Value::Object(
                (1..32_u8)
                    .filter(|byte| !b"\x08\t\n\x0c\r".contains(byte))
                    .map(|byte| (char::from(byte).to_string(), json!("\u{1}")))
                    .collect()
            )),
        ],
        target in prop_oneof![3190_usize..3215, 2900_usize..3500],
        share in prop_oneof![Just(0_usize), Just(100), 0_usize..=100],
        nested in 0_usize..3,
    ) {
        let target = target >> nested;
        let piece_size = serde_json::to_string(piece).unwrap().len() - 2;
        let item_size = serde_json::to_string(&item).unwrap().len() + 1;
        let text = piece.repeat(target * share / 100 / piece_size);
        let list = vec![item; target * (100 - share) / 100 / item_size];
        let mut metadata = json!({ "text": text, "list": list });
        for _ in 0..nested {
            metadata = json!({ "in": metadata, "list": [metadata] });
        }
        let size = serde_json::to_string(&metadata).unwrap().len();
        let body = json!({ "name": "x", "type": "PLASTIC", "metadata": metadata });
        prop_assert_eq!(CreateCard::parse(&body).is_ok(), size <= CreateCard::MAX_METADATA_BYTES, "{} bytes", size);
    }
}
