//! One test per rule of `../shared/spec/domain.md`, each table written here from the spec, never
//! computed by the code under test.

use card_lifecycle::card::CardKind;
use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::lifecycle::{ChangeStatusError, check_status_change};
use card_lifecycle::rule::Rule;
use card_lifecycle::value::StatusGroup;
use card_lifecycle::{Card, CardId, CardStatus, CardType, Command, Context, Error, decide};
use chrono::DateTime;
use strum::IntoEnumIterator;

mod common;
use common::STATUSES as ORDER;

/// Update card status, from each row's status to each column's (domain.md §4 rows 8–18,
/// §11.10–11, §11.26). `=` same status, a no-op (§11.10); `y` allowed; `A` activation
/// required (row 8); `S` set only by create/bind/number/reissue (row 16); `T` termination is
/// final (rows 14–15); `I` bind or number first (our position next to rows 5, 6 and 17).
///
/// Columns: CRE UNB UNN NOR REI BLO PEN WAR, then the eleven termination statuses.
const TABLE: [&str; 19] = [
    "= S S A S y y y y y y y y y y y y y y", // CREATED: row 8 (A), 17 (blocks), 12 (terminations)
    "S = S I S I I I y y y y y y y y y y y", // UNBOUND: row 18
    "S S = I S I I I y y y y y y y y y y y", // UNNUMBERED: row 18
    "S S S = S y y y y y y y y y y y y y y", // NORMAL: rows 9, 12
    "S S S y = y y y y y y y y y y y y y y", // REISSUED: rows 9, 12
    "S S S y S = y y y y y y y y y y y y y", // BLOCKED: rows 10, 11, 12
    "S S S y S y = y y y y y y y y y y y y", // PENDING
    "S S S y S y y = y y y y y y y y y y y", // WARNING
    "S S S T S T T T = y y y y y y y y y y", // INOPERATIVE: rows 13, 14, §11.3
    "S S S T S T T T y = y y y y y y y y y", // CANCELED
    "S S S T S T T T y y = y y y y y y y y", // LOST
    "S S S T S T T T y y y = y y y y y y y", // ROBBED
    "S S S T S T T T y y y y = y y y y y y", // THEFT
    "S S S T S T T T y y y y y = y y y y y", // FRAUD
    "S S S T S T T T y y y y y y = y y y y", // DAMAGED
    "S S S T S T T T y y y y y y y = y y y", // EXPIRED
    "S S S T S T T T y y y y y y y y = y y", // DELETED
    "S S S T S T T T y y y y y y y y y = y", // BROKEN
    "S S S T S T T T y y y y y y y y y y =", // DEFECT
];

/// The temporary-block rows of [`TABLE`] for a card that was never activated (domain.md
/// §11.64): the block is lifted only back to `CREATED` (`y`), and `NORMAL` is refused (`N`).
/// Every other row reads as in `TABLE`.
const NEVER_ACTIVATED_BLOCKS: [(&str, &str); 3] = [
    ("BLOCKED", "y S S N S = y y y y y y y y y y y y y"),
    ("PENDING", "y S S N S y = y y y y y y y y y y y y"),
    ("WARNING", "y S S N S y y = y y y y y y y y y y y"),
];

fn status(text: &str) -> CardStatus {
    text.parse().unwrap()
}

fn verdict(from: CardStatus, to: CardStatus) -> char {
    verdict_for(from, to, true)
}

fn verdict_for(from: CardStatus, to: CardStatus, activated: bool) -> char {
    match check_status_change(from, to, activated) {
        Ok(()) if from == to => '=',
        Ok(()) => 'y',
        Err(ChangeStatusError::ActivationRequired { .. }) => 'A',
        Err(ChangeStatusError::SetByOperation { .. }) => 'S',
        Err(ChangeStatusError::TerminationIsFinal { .. }) => 'T',
        Err(ChangeStatusError::IssueFirst { .. }) => 'I',
        Err(ChangeStatusError::NotActivated { .. }) => 'N',
        Err(other) => panic!("unexpected refusal {other:?}"),
    }
}

fn context() -> Context {
    Context::new(DateTime::UNIX_EPOCH)
}

fn card(card_type: CardType, status: CardStatus) -> Card {
    Card::new(CardId::new(1).unwrap(), card_type, status)
}

#[test]
fn the_table_covers_every_status_in_order() {
    let statuses: Vec<&str> = CardStatus::iter().map(CardStatus::as_str).collect();
    assert_eq!(statuses, ORDER);
}

#[test]
fn every_status_pair_follows_the_table() {
    let mut wrong = Vec::new();
    for (row, from) in TABLE.iter().zip(ORDER) {
        let cells: Vec<char> = row.split(' ').map(|cell| cell.chars().next().unwrap()).collect();
        assert_eq!(cells.len(), 19);
        for (&expected, to) in cells.iter().zip(ORDER) {
            let actual = verdict(status(from), status(to));
            if actual != expected {
                wrong.push(format!("{from} -> {to}: expected {expected}, got {actual}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_never_activated_card_follows_the_table_but_lifts_a_block_only_back_to_created() {
    let mut wrong = Vec::new();
    for (row, from) in TABLE.iter().zip(ORDER) {
        let row = NEVER_ACTIVATED_BLOCKS.iter().find(|(status, _)| *status == from).map_or(*row, |(_, row)| *row);
        let cells: Vec<char> = row.split(' ').map(|cell| cell.chars().next().unwrap()).collect();
        for (&expected, to) in cells.iter().zip(ORDER) {
            let actual = verdict_for(status(from), status(to), false);
            if actual != expected {
                wrong.push(format!("{from} -> {to}: expected {expected}, got {actual}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn update_status_uses_the_table_and_maps_refusals_to_409() {
    for from in CardStatus::iter() {
        for to in CardStatus::iter() {
            let decision = decide(&card(CardType::Plastic, from), &Command::UpdateStatus { status: to }, &context());
            match (check_status_change(from, to, true), decision) {
                (Ok(()), Ok(accepted)) => {
                    assert_eq!(accepted.card.status, to);
                    let events: Vec<_> = accepted.event_names().collect();
                    assert_eq!(events, if from == to { vec![] } else { vec!["Card updated"] }, "{from} -> {to}");
                }
                (Err(_), Err(error)) => assert_eq!(error.http_status(), 409, "{from} -> {to}"),
                (expected, actual) => panic!("{from} -> {to}: table {expected:?}, decide {actual:?}"),
            }
        }
    }
}

#[test]
fn groups_are_as_the_spec_lists_them() {
    // domain.md §3 and §11.2: the eleven statuses from INOPERATIVE to DEFECT are termination.
    let group = |names: &[&str]| names.iter().map(|name| status(name).group()).collect::<Vec<_>>();
    assert!(group(&ORDER[..3]).iter().all(|group| *group == StatusGroup::Initial));
    assert!(group(&ORDER[3..5]).iter().all(|group| *group == StatusGroup::Active));
    assert!(group(&ORDER[5..8]).iter().all(|group| *group == StatusGroup::TemporaryBlock));
    assert!(group(&ORDER[8..]).iter().all(|group| *group == StatusGroup::Termination));
}

#[test]
fn activation_takes_only_created_plastic_cards() {
    // domain.md §4 row 7, §11.12.
    for card_type in CardType::iter() {
        for from in CardStatus::iter() {
            let result = decide(&card(card_type, from), &Command::Activate, &context());
            let allowed = card_type == CardType::Plastic && from == CardStatus::Created;
            match result {
                Ok(accepted) => {
                    assert!(allowed, "{card_type} {from} was activated");
                    assert_eq!(accepted.card.status, CardStatus::Normal);
                    assert_eq!(accepted.card.previous_status, Some(CardStatus::Created));
                }
                Err(error) => {
                    assert!(!allowed, "{card_type} {from} was refused: {error}");
                    assert_eq!(error.http_status(), 409);
                }
            }
        }
    }
}

#[test]
fn binding_takes_only_unbound_cards() {
    // domain.md §4 row 5: UNBOUND -> CREATED; otherwise 409.
    for from in CardStatus::iter() {
        match decide(&card(CardType::Plastic, from), &Command::Bind, &context()) {
            Ok(accepted) => {
                assert_eq!(from, CardStatus::Unbound);
                assert_eq!(accepted.card.status, CardStatus::Created);
            }
            Err(error) => {
                assert_ne!(from, CardStatus::Unbound);
                assert_eq!((error.http_status(), error.rule()), (409, Rule::BindUnboundOnly));
            }
        }
    }
}

#[test]
fn numbering_takes_only_unnumbered_cards_of_the_endpoint_kind() {
    // domain.md §4 row 6, §11.29: each PAN endpoint numbers only UNNUMBERED cards of its kind,
    // else 409. §11.30: the card takes the status a fresh card of its kind and type starts in:
    // noname UNBOUND; nominal PLASTIC the program's setting; nominal virtual types NORMAL.
    let programs =
        [(PhysicalInitialStatus::Created, CardStatus::Created), (PhysicalInitialStatus::Normal, CardStatus::Normal)];
    for (program, physical) in programs {
        let context = Context { physical_initial_status: program, ..context() };
        for card_type in CardType::iter() {
            for kind in [CardKind::Nominal, CardKind::Noname] {
                for endpoint in [CardKind::Nominal, CardKind::Noname] {
                    for from in CardStatus::iter() {
                        let card = Card { kind, ..card(card_type, from) };
                        let matches = kind == endpoint;
                        match decide(&card, &Command::UpdatePan { kind: endpoint }, &context) {
                            Ok(accepted) => {
                                assert!(matches && from == CardStatus::Unnumbered, "{card_type} {from} numbered");
                                let expected = match (kind, card_type) {
                                    (CardKind::Noname, _) => CardStatus::Unbound,
                                    (CardKind::Nominal, CardType::Plastic) => physical,
                                    (CardKind::Nominal, _) => CardStatus::Normal,
                                };
                                assert_eq!(accepted.card.status, expected, "{card_type} {kind:?} {program}");
                                assert_eq!(accepted.card.kind, kind);
                            }
                            Err(error) => {
                                // §11.55: the right endpoint on a card that has its PAN is S12's 406; the
                                // wrong endpoint stays 409 and is judged first (§11.29).
                                let (status, rule) = if matches {
                                    (406, Rule::PanUnnumberedOnly)
                                } else {
                                    (409, Rule::PanEndpointMatchesKind)
                                };
                                assert!(!matches || from != CardStatus::Unnumbered, "{card_type} {from} refused");
                                assert_eq!((error.http_status(), error.rule()), (status, rule));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every operation of the crate on one card, for the search below.
fn every_command() -> Vec<Command> {
    let mut commands: Vec<Command> = CardStatus::iter().map(|status| Command::UpdateStatus { status }).collect();
    commands.extend([
        Command::Activate,
        Command::Bind,
        Command::UpdatePan { kind: CardKind::Nominal },
        Command::UpdatePan { kind: CardKind::Noname },
        Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four },
        Command::AddToEmbossing,
        Command::Reemboss,
    ]);
    commands
}

/// Whether some sequence of the crate's operations takes `start` to `NORMAL`.
fn reaches_normal(start: Card, context: &Context) -> bool {
    let mut seen = vec![start];
    let mut next = 0;
    while let Some(card) = seen.get(next).cloned() {
        if card.status == CardStatus::Normal {
            return true;
        }
        for command in every_command() {
            if let Ok(accepted) = decide(&card, &command, context)
                && !seen.contains(&accepted.card)
            {
                seen.push(accepted.card);
            }
        }
        next += 1;
    }
    false
}

#[test]
fn no_card_created_or_numbered_is_left_in_a_dead_end() {
    // domain.md §11.30: for every type × kind × program setting, a card the crate creates or
    // numbers can reach NORMAL; a virtual card left in CREATED could never be activated.
    let now = "2026-01-01T00:00:00Z".parse().unwrap();
    for program in [PhysicalInitialStatus::Created, PhysicalInitialStatus::Normal] {
        let context = Context { physical_initial_status: program, ..Context::new(now) };
        for card_type in CardType::iter() {
            let mut body =
                serde_json::json!({ "name": "x", "type": card_type.as_str(), "cvv_rotation_interval_hours": 0 });
            let input = card_lifecycle::CreateCardInput::default();
            let created = create(&body, &input, &context).card;
            assert!(reaches_normal(created, &context), "created {card_type} under {program}");
            body["status"] = "UNNUMBERED".into();
            body["printed_name"] = "ANA SOUZA".into();
            body["brand"] = "VISA".into();
            let unnumbered = create(&body, &input, &context).card;
            assert_eq!(unnumbered.status, CardStatus::Unnumbered);
            for kind in [CardKind::Nominal, CardKind::Noname] {
                let card = Card { kind, ..unnumbered.clone() };
                let numbered = decide(&card, &Command::UpdatePan { kind }, &context).unwrap().card;
                assert!(reaches_normal(numbered, &context), "numbered {card_type} {kind:?} under {program}");
            }
        }
    }
}

/// Create card from a body known to be valid.
#[track_caller]
fn create(
    body: &serde_json::Value,
    input: &card_lifecycle::CreateCardInput,
    context: &Context,
) -> card_lifecycle::Accepted {
    let request = card_lifecycle::request::CreateCard::parse(body).unwrap();
    card_lifecycle::create_card(&request, input, context).unwrap()
}

#[test]
fn each_operation_answers_its_documented_success_status() {
    // domain.md §7 (201 created), §8 (200), §10 (202 for bind, PAN, embossing); elapse is no request.
    use card_lifecycle::Operation;
    let expected = [
        ("post-v2-card", Some(201)),
        ("put-v1-card-status", Some(200)),
        ("put-v1-card-activate", Some(200)),
        ("post-v2-card-bind", Some(202)),
        ("put-v1-update-pan-nominal", Some(202)),
        ("put-v1-update-pan-noname", Some(202)),
        ("put-v2-card-password", Some(200)),
        ("put-cards-embossing", Some(202)),
        ("start-reembossing", Some(202)),
        ("start-embossing", Some(202)),
        ("elapse", None),
        ("embossing-card-ingress", None),
        // §12.43: 201 for the first reissue; §12.59: 200 for the renewals, PIN tries and card information.
        ("post-v1-card-reissue", Some(201)),
        ("patch-v2-card-expiration-renew", Some(200)),
        ("patch-v2-card-validity-renew", Some(200)),
        ("post-v2-card-password-reset", Some(200)),
        ("post-v2-card-password-increase", Some(200)),
        ("patch-v2-card", Some(200)),
    ];
    for (id, status) in expected {
        assert_eq!(id.parse::<Operation>().unwrap().success_status(), status, "{id}");
    }
    assert_eq!(Operation::iter().count(), expected.len());
}

#[test]
fn an_idempotency_key_has_at_most_36_characters() {
    // domain.md §7 (maxLength 36); the replay itself is IdempotencyRecord's (§11.9, below).
    use card_lifecycle::request::IdempotencyKey;
    assert!(IdempotencyKey::parse(&"k".repeat(36)).is_ok());
    let too_long = IdempotencyKey::parse(&"k".repeat(37)).unwrap_err();
    assert_eq!(Error::from(too_long).http_status(), 400);
    assert_eq!(IdempotencyKey::parse("order-1").unwrap().as_str(), "order-1");
    assert_eq!(IdempotencyKey::REPLAY_STATUS, 200);
}

#[test]
fn a_resend_lists_each_card_once_in_id_order() {
    // domain.md §5 (S5): the body's `cards` is an array of card ids; docs/decisions.md: a card
    // listed twice is resent once, and the cards are decided in id order.
    let request = card_lifecycle::Reembossing::parse(&serde_json::json!({ "cards": [13, 10, 13, 11] })).unwrap();
    assert_eq!(request.cards(), [CardId::new(10).unwrap(), CardId::new(11).unwrap(), CardId::new(13).unwrap()]);
}

#[test]
fn a_resend_decides_each_listed_card_on_its_own() {
    // domain.md §5 (S5): the listed cards go to the embosser again, each meeting the prerequisites.
    let mut eligible = card(CardType::Plastic, CardStatus::Blocked);
    eligible.id = CardId::new(10).unwrap();
    eligible.embossing = card_lifecycle::card::Embossing::Ready {
        file: card_lifecycle::card::EmbossingFile::Embossed,
        on_demand: false,
    };
    let mut lost = eligible.clone();
    lost.id = CardId::new(11).unwrap();
    lost.status = CardStatus::Lost;
    let unlisted = Card { id: CardId::new(12).unwrap(), ..eligible.clone() };
    let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..context() };
    let request = card_lifecycle::Reembossing::parse(&serde_json::json!({ "cards": [11, 10, 13] })).unwrap();
    let outcome = request.decide(&[unlisted, lost, eligible], &on_demand);
    let accepted: Vec<CardId> = outcome.accepted.iter().map(|accepted| accepted.card.id).collect();
    assert_eq!(accepted, [CardId::new(10).unwrap()]);
    assert!(outcome.accepted[0].card.embossing.is_queued());
    let refused: Vec<(CardId, u16)> = outcome.refused.iter().map(|(id, error)| (*id, error.http_status())).collect();
    assert_eq!(refused, [(CardId::new(11).unwrap(), 406), (CardId::new(13).unwrap(), 404)]);
}

#[test]
fn every_form_of_the_validity_check_agrees_on_the_boundary() {
    // domain.md §11.27, §11.54: past its validity only when now > valid_until, now read in
    // whole seconds (truncated): the last second's fractions are still valid.
    let until: DateTime<chrono::Utc> = "2026-01-31T00:00:00Z".parse().unwrap();
    let card = Card { valid_until: Some(until), ..card(CardType::Virtual, CardStatus::Normal) };
    assert_eq!(card.next_deadline(), Some(until));
    let instants = [
        (until - chrono::TimeDelta::seconds(1), false),
        (until, false),
        (until + chrono::TimeDelta::nanoseconds(1), false),
        (until + chrono::TimeDelta::nanoseconds(999_999_999), false),
        (until + chrono::TimeDelta::seconds(1), true),
        (until + chrono::TimeDelta::nanoseconds(1_000_000_001), true),
    ];
    for (now, lapsed) in instants {
        assert_eq!(card.is_past_validity(now), lapsed, "{now}");
        let expected = if lapsed { CardStatus::Inoperative } else { CardStatus::Normal };
        assert_eq!(card.status_at(now), expected, "{now}");
        assert_eq!(card_lifecycle::sweep(std::slice::from_ref(&card), now).count(), usize::from(lapsed), "{now}");
        let (statuses, valid_until) = ([card.status], [until.timestamp()]);
        let columns = card_lifecycle::lifecycle::sweep_columns(&statuses, &valid_until, now).unwrap();
        assert_eq!(columns.count(), usize::from(lapsed), "{now}");
        let elapsed = decide(&card, &Command::Elapse, &Context::new(now)).unwrap();
        assert_eq!(elapsed.card.status, expected, "{now}");
    }
}

#[test]
fn an_idempotency_record_replays_only_for_its_customer_and_key() {
    // domain.md §11.9: scoped to (x-customer-id, key); a repeat answers 200 with the first body
    // whatever the new body says; another customer's same key is a new request; keys over 36
    // characters are 400.
    use card_lifecycle::request::IdempotencyKey;
    use card_lifecycle::{CustomerId, IdempotencyRecord};
    let now = Context::new("2026-01-01T00:00:00Z".parse().unwrap());
    let first = create(
        &serde_json::json!({ "name": "x", "type": "PLASTIC" }),
        &card_lifecycle::CreateCardInput::default(),
        &now,
    );
    let key = IdempotencyKey::parse("order-1").unwrap();
    let record = IdempotencyRecord::new(CustomerId::new(77).unwrap(), key.clone(), &first.card);
    assert!(record.answers(CustomerId::new(77).unwrap(), &key));
    assert!(!record.answers(CustomerId::new(78).unwrap(), &key));
    assert!(!record.answers(CustomerId::new(77).unwrap(), &IdempotencyKey::parse("order-2").unwrap()));
    let replay = record.replay();
    assert_eq!(replay.status, 200);
    let body: serde_json::Value = serde_json::from_slice(&replay.body).unwrap();
    assert_eq!((body["id"].as_u64(), body["type"].as_str()), (Some(1), Some("PLASTIC")));
    // After a status change the replay is still the first 201 body, byte for byte (§11.9).
    let created = card_lifecycle::HttpResponse::for_accepted(
        card_lifecycle::Operation::PostV2Card,
        &first.card,
        &card_lifecycle::PlatformFields::default(),
    );
    let blocked = decide(&first.card, &Command::UpdateStatus { status: CardStatus::Lost }, &now).unwrap();
    assert_eq!(blocked.card.status, CardStatus::Lost);
    assert_eq!((replay.status, &replay.body), (200, &created.body));
    let stored = serde_json::to_string(&record).unwrap();
    assert_eq!(serde_json::from_str::<IdempotencyRecord>(&stored).unwrap(), record);
    let long = Error::from(IdempotencyKey::from_header(Some(&"k".repeat(37))).unwrap_err());
    assert_eq!(long.http_status(), 400);
}

#[test]
fn the_run_reports_each_embossed_record_by_position() {
    // domain.md §5 (S4, S17): the run takes the queued, eligible cards; each gets "Card embossing
    // notification received".
    use card_lifecycle::StartEmbossing;
    use card_lifecycle::card::{Embossing, EmbossingFile};
    use card_lifecycle::event::CardEvent;
    let queued = Embossing::Ready { file: EmbossingFile::Queued, on_demand: true };
    let cards = [
        Card { embossing: queued, ..card(CardType::Plastic, CardStatus::Created) },
        card(CardType::Plastic, CardStatus::Created),
        Card { id: CardId::new(9).unwrap(), embossing: queued, ..card(CardType::Plastic, CardStatus::Created) },
        Card { id: CardId::new(10).unwrap(), embossing: queued, ..card(CardType::Plastic, CardStatus::Lost) },
    ];
    let request =
        StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" })).unwrap();
    let done: Vec<_> = request.embossings(&cards, &context()).collect();
    assert_eq!(
        done,
        [
            (0, CardId::new(1).unwrap(), CardEvent::Embossed { reembossing: false }),
            (2, CardId::new(9).unwrap(), CardEvent::Embossed { reembossing: false })
        ]
    );
}

#[test]
fn the_status_history_lists_each_status_change_newest_first() {
    // Pismo's List card status history: items of status, previous_status, event_datetime; a
    // password change changes no status and is no item; the creation has no previous status.
    let context = Context::new("2026-01-01T00:00:00Z".parse().unwrap());
    let created = create(
        &serde_json::json!({ "name": "x", "type": "PLASTIC" }),
        &card_lifecycle::CreateCardInput::default(),
        &context,
    );
    let later = Context::new("2026-01-02T00:00:00Z".parse().unwrap());
    let password =
        decide(&created.card, &Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four }, &later)
            .unwrap();
    let activated = decide(&password.card, &Command::Activate, &later).unwrap();
    let records: Vec<_> = created
        .records(&card_lifecycle::PlatformFields::default())
        .chain(password.records(&card_lifecycle::PlatformFields::default()))
        .chain(activated.records(&card_lifecycle::PlatformFields::default()))
        .collect();
    let history = card_lifecycle::store::status_history(CardStatus::Created, &records);
    insta::assert_snapshot!(serde_json::to_string(&history).unwrap(), @r#"{"items":[{"status":"NORMAL","previous_status":"CREATED","event_datetime":"2026-01-02T00:00:00Z"},{"status":"CREATED","event_datetime":"2026-01-01T00:00:00Z"}]}"#);
}

#[test]
fn a_stream_with_an_impossible_event_is_refused() {
    // Each event read back against the rules of its operation (domain.md §4, §5, §11.29).
    use card_lifecycle::RecordedEvent;
    use card_lifecycle::event::CardEvent;
    use card_lifecycle::store::{StreamError, apply_stream};
    let at = DateTime::UNIX_EPOCH;
    let record =
        |event| RecordedEvent { card_id: CardId::new(1).unwrap(), version: 1, occurred_at: at, event, envelope: None };
    let normal = card(CardType::Virtual, CardStatus::Normal);
    let lost = card(CardType::Virtual, CardStatus::Lost);
    let created = card(CardType::Plastic, CardStatus::Created);
    let unnumbered = card(CardType::Plastic, CardStatus::Unnumbered);
    let embossing = |card_type, file| Card {
        embossing: card_lifecycle::card::Embossing::Ready { file, on_demand: false },
        ..card(card_type, CardStatus::Created)
    };
    let (none, queued, embossed) = (
        card_lifecycle::card::EmbossingFile::None,
        card_lifecycle::card::EmbossingFile::Queued,
        card_lifecycle::card::EmbossingFile::Embossed,
    );
    let impossible = [
        (embossing(CardType::Virtual, none), CardEvent::AddedToEmbossing),
        (embossing(CardType::Plastic, queued), CardEvent::AddedToEmbossing),
        (embossing(CardType::Plastic, embossed), CardEvent::AddedToEmbossing),
        (embossing(CardType::Virtual, none), CardEvent::Reembossing),
        (embossing(CardType::Virtual, queued), CardEvent::Embossed { reembossing: false }),
        (embossing(CardType::Plastic, none), CardEvent::Embossed { reembossing: false }),
        (lost.clone(), CardEvent::StatusChanged { from: CardStatus::Lost, to: CardStatus::Normal }),
        (normal.clone(), CardEvent::StatusChanged { from: CardStatus::Blocked, to: CardStatus::Lost }),
        (normal.clone(), CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Normal }),
        (normal.clone(), CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH }),
        (card(CardType::Virtual, CardStatus::Created), CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH }),
        (normal.clone(), CardEvent::Bound { status: CardStatus::Created }),
        (normal.clone(), CardEvent::PanUpdated { kind: CardKind::Nominal, status: CardStatus::Normal }),
        (unnumbered.clone(), CardEvent::PanUpdated { kind: CardKind::Noname, status: CardStatus::Unbound }),
        (lost.clone(), CardEvent::ValidityElapsed { from: CardStatus::Lost }),
        (normal.clone(), CardEvent::ValidityElapsed { from: CardStatus::Blocked }),
        // Asked of the decision itself: a card with no validity to lapse does not lapse.
        (normal.clone(), CardEvent::ValidityElapsed { from: CardStatus::Normal }),
        (Card { version: 3, ..normal.clone() }, CardEvent::Created { card: Box::new(normal.clone()) }),
        (normal.clone(), CardEvent::EmbossingIngress),
        (created.clone(), CardEvent::AddedToEmbossing),
        (created.clone(), CardEvent::Reembossing),
        (created.clone(), CardEvent::Embossed { reembossing: false }),
    ];
    for (start, event) in impossible {
        let record = RecordedEvent { version: start.version + 1, ..record(event.clone()) };
        let result = apply_stream(&start, [&record]);
        assert!(matches!(result, Err(StreamError::Impossible { .. })), "{event:?} on {:?}: {result:?}", start.status);
    }
    let possible = [
        (embossing(CardType::Plastic, none), CardEvent::AddedToEmbossing),
        (embossing(CardType::Plastic, embossed), CardEvent::Reembossing),
        (embossing(CardType::Plastic, queued), CardEvent::Embossed { reembossing: false }),
        (normal.clone(), CardEvent::StatusChanged { from: CardStatus::Normal, to: CardStatus::Lost }),
        (created.clone(), CardEvent::Activated { at: chrono::DateTime::UNIX_EPOCH }),
        (card(CardType::Plastic, CardStatus::Unbound), CardEvent::Bound { status: CardStatus::Created }),
        (unnumbered, CardEvent::PanUpdated { kind: CardKind::Nominal, status: CardStatus::Created }),
        (
            Card { valid_until: Some(at - chrono::TimeDelta::seconds(1)), ..normal.clone() },
            CardEvent::ValidityElapsed { from: CardStatus::Normal },
        ),
        (
            Card::new(CardId::new(1).unwrap(), CardType::Plastic, CardStatus::Created),
            CardEvent::Created { card: Box::new(created.clone()) },
        ),
        (created.clone(), CardEvent::EmbossingIngress),
        (normal, CardEvent::PasswordChanged { queued: false }),
    ];
    for (start, event) in possible {
        let record = RecordedEvent { version: start.version + 1, ..record(event.clone()) };
        assert!(apply_stream(&start, [&record]).is_ok(), "{event:?} on {:?}", start.status);
    }
    let other =
        RecordedEvent { card_id: CardId::new(2).unwrap(), ..record(CardEvent::PasswordChanged { queued: false }) };
    assert!(matches!(apply_stream(&created, [&other]), Err(StreamError::OtherCard { .. })));
}

#[test]
fn the_stream_check_needs_each_setting_it_tries() {
    // A stream does not keep what a decision read besides the card, so the check tries each
    // setting in turn; each of them decides some record, and a wrong record is still refused.
    use card_lifecycle::store::{StreamError, apply_stream};
    use card_lifecycle::{RecordedEvent, event::CardEvent};
    let at = DateTime::UNIX_EPOCH;
    let record =
        |event| RecordedEvent { card_id: CardId::new(1).unwrap(), version: 1, occurred_at: at, event, envelope: None };
    let none = card_lifecycle::card::EmbossingFile::None;
    let ready = |status| Card {
        embossing: card_lifecycle::card::Embossing::Ready { file: none, on_demand: false },
        activated: true,
        ..card(CardType::Plastic, status)
    };
    let counted = |status, tries| Card { activated: true, password_tries: tries, ..card(CardType::Virtual, status) };
    let replacement = CardId::new(9).unwrap();
    let reissued_already = Card { reissued_card_id: Some(replacement), ..counted(CardStatus::Normal, 0) };
    let impossible = [
        (
            reissued_already,
            CardEvent::Reissued { from: CardStatus::Normal, to: CardStatus::Canceled, new_card_id: replacement },
        ),
        // §12.40: a virtual card is cancelled by its reissue, never left REISSUED.
        (
            counted(CardStatus::Normal, 0),
            CardEvent::Reissued { from: CardStatus::Normal, to: CardStatus::Reissued, new_card_id: replacement },
        ),
        (
            counted(CardStatus::Normal, 1),
            CardEvent::PasswordTries { tries: 5, from: CardStatus::Normal, to: CardStatus::Normal },
        ),
        // Scheduled embossing never takes a BLOCKED card, whatever the program.
        (ready(CardStatus::Blocked), CardEvent::PasswordChanged { queued: true }),
    ];
    let later: card_lifecycle::value::ExpirationDate = "3301".parse().unwrap();
    let pending = Card { pending_expiration_date: Some(later), ..ready(CardStatus::Normal) };
    let more_possible = [
        // §12.45: a virtual card's renewal applies at once; a physical card's, at its activation.
        (counted(CardStatus::Normal, 0), CardEvent::ExpirationRenewed { expiration_date: later, applied: true }),
        (pending, CardEvent::ExpirationRenewed { expiration_date: later, applied: true }),
        (
            counted(CardStatus::Normal, 0),
            CardEvent::Reissued { from: CardStatus::Normal, to: CardStatus::Canceled, new_card_id: replacement },
        ),
        // A program whose maximum is 2 blocks at the second wrong try.
        (
            counted(CardStatus::Normal, 1),
            CardEvent::PasswordTries { tries: 2, from: CardStatus::Normal, to: CardStatus::Blocked },
        ),
        // A reset, not an increase, brings the count to 0 and unblocks.
        (
            counted(CardStatus::Blocked, 3),
            CardEvent::PasswordTries { tries: 0, from: CardStatus::Blocked, to: CardStatus::Normal },
        ),
        // §11.31: a program that starts physical cards NORMAL queues a NORMAL card on its PIN change.
        (ready(CardStatus::Normal), CardEvent::PasswordChanged { queued: true }),
    ];
    for (start, event) in more_possible {
        let record = RecordedEvent { version: start.version + 1, ..record(event.clone()) };
        assert!(apply_stream(&start, [&record]).is_ok(), "{event:?} on {:?}", start.status);
    }
    for (start, event) in impossible {
        let record = RecordedEvent { version: start.version + 1, ..record(event.clone()) };
        let result = apply_stream(&start, [&record]);
        assert!(matches!(result, Err(StreamError::Impossible { .. })), "{event:?} on {:?}: {result:?}", start.status);
    }
}

#[test]
fn a_normalised_name_is_abbreviated_only_past_26_characters() {
    // domain.md §11.32: abbreviated only to fit 26, so a name of exactly 26 keeps every word whole.
    use card_lifecycle::value::PrintedName;
    assert_eq!(PrintedName::normalize("María Aparecida dos Santos").unwrap().as_str(), "MARIA APARECIDA DOS SANTOS");
    insta::assert_snapshot!(PrintedName::normalize("María Aparecida dos Santoss").unwrap().as_str(), @"MARIA APARECIDA D SANTOSS");
}

#[test]
fn a_run_request_keeps_its_filters_sorted_and_distinct() {
    // domain.md §5 (S4): `programs` and `cards` limit the run; §11.15: an empty array is no filter.
    use card_lifecycle::value::ProgramId;
    use card_lifecycle::{ConfigId, StartEmbossing};
    let config_id = ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11").unwrap();
    let limited = StartEmbossing::new(
        config_id,
        &[ProgramId::new(3).unwrap(), ProgramId::new(1).unwrap(), ProgramId::new(3).unwrap()],
        &[CardId::new(9).unwrap(), CardId::new(5).unwrap()],
    );
    assert_eq!(limited.programs(), Some(&[ProgramId::new(1).unwrap(), ProgramId::new(3).unwrap()][..]));
    assert_eq!(limited.cards(), Some(&[CardId::new(5).unwrap(), CardId::new(9).unwrap()][..]));
    assert!(limited.takes_program(ProgramId::new(1).unwrap()) && !limited.takes_program(ProgramId::new(2).unwrap()));
    let every = StartEmbossing::new(config_id, &[], &[]);
    assert_eq!((every.programs(), every.cards()), (None, None));
    assert!(every.takes_program(ProgramId::new(2).unwrap()) && every.takes_card(CardId::new(6).unwrap()));
}
