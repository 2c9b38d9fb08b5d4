//! The status decision against a hand-written `match` and against the same table in a peer
//! state-machine crate (`rust-fsm`); the validated `CreateCard` decode against `serde_json` into
//! an unvalidated derived struct (issue 8). `cargo bench --bench decide`.

#[path = "peer_table.rs"]
mod peer_table;

use card_lifecycle::CardStatus;
use card_lifecycle::lifecycle::check_status_change;
use card_lifecycle::request::CreateCard;
use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use peer_table::lifecycle;
use rust_fsm::StateMachineImpl;
use strum::IntoEnumIterator;

/// The rule written by hand, as a server would without the crate (domain.md §4).
fn baseline(from: CardStatus, to: CardStatus) -> bool {
    use CardStatus::{Blocked, Created, Normal, Pending, Reissued, Unbound, Unnumbered, Warning};
    if from == to {
        return true;
    }
    match to {
        Created | Unbound | Unnumbered | Reissued => false,
        Normal => matches!(from, Normal | Reissued | Blocked | Pending | Warning),
        Blocked | Pending | Warning => matches!(from, Created | Normal | Reissued | Blocked | Pending | Warning),
        _ => true,
    }
}

fn peer(status: CardStatus) -> (lifecycle::State, lifecycle::Input) {
    use lifecycle::{Input, State};
    let pairs = [
        (State::Created, Input::ToCreated),
        (State::Unbound, Input::ToUnbound),
        (State::Unnumbered, Input::ToUnnumbered),
        (State::Normal, Input::ToNormal),
        (State::Reissued, Input::ToReissued),
        (State::Blocked, Input::ToBlocked),
        (State::Pending, Input::ToPending),
        (State::Warning, Input::ToWarning),
        (State::Inoperative, Input::ToInoperative),
        (State::Canceled, Input::ToCanceled),
        (State::Lost, Input::ToLost),
        (State::Robbed, Input::ToRobbed),
        (State::Theft, Input::ToTheft),
        (State::Fraud, Input::ToFraud),
        (State::Damaged, Input::ToDamaged),
        (State::Expired, Input::ToExpired),
        (State::Deleted, Input::ToDeleted),
        (State::Broken, Input::ToBroken),
        (State::Defect, Input::ToDefect),
    ];
    pairs[CardStatus::iter().position(|candidate| candidate == status).unwrap()]
}

#[derive(serde::Deserialize)]
#[expect(dead_code, reason = "decoded only, to measure serde alone")]
struct RawCreateCard {
    name: String,
    #[serde(rename = "type")]
    card_type: String,
    printed_name: Option<String>,
    pin_length: Option<u8>,
    cvv_rotation_interval_hours: Option<u16>,
    transaction_limit: Option<String>,
    metadata: Option<serde_json::Map<String, serde_json::Value>>,
    embossing_group: Option<String>,
    embossing_custom_field: Option<String>,
    contactless_enabled: Option<bool>,
    abu_enabled: Option<bool>,
    template_id: Option<String>,
    mode_type: Option<String>,
    generate_pvv: Option<bool>,
    validity_period_hours: Option<u32>,
    status: Option<String>,
    brand: Option<String>,
    expiration_date: Option<String>,
    atm_change_online_pin_when_script_sent: Option<bool>,
}

const BODY: &str = r#"{"name":"Streaming","type":"VIRTUAL","printed_name":"ANA SOUZA","pin_length":6,
 "cvv_rotation_interval_hours":24,"transaction_limit":"500.00","metadata":{"team":"growth","campaign":"spring"},
 "embossing_group":"group-a","contactless_enabled":true,"mode_type":"SINGLE","validity_period_hours":240,
 "brand":"VISA","expiration_date":"2803"}"#;

fn bench(criterion: &mut Criterion) {
    let pairs: Vec<(CardStatus, CardStatus)> =
        CardStatus::iter().flat_map(|from| CardStatus::iter().map(move |to| (from, to))).collect();
    let peer_pairs: Vec<(lifecycle::State, lifecycle::Input)> =
        pairs.iter().map(|(from, to)| (peer(*from).0, peer(*to).1)).collect();
    for ((from, to), (state, input)) in pairs.iter().zip(&peer_pairs) {
        let ours = check_status_change(*from, *to, true).is_ok();
        assert_eq!(ours, baseline(*from, *to), "{from} -> {to}");
        assert_eq!(ours, lifecycle::Impl::transition(state, input).is_some(), "{from} -> {to}");
    }

    let mut group = criterion.benchmark_group("status decision, all 361 pairs");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("crate", |b| {
        b.iter(|| black_box(&pairs).iter().filter(|(from, to)| check_status_change(*from, *to, true).is_ok()).count());
    });
    group.bench_function("hand-written match", |b| {
        b.iter(|| black_box(&pairs).iter().filter(|(from, to)| baseline(*from, *to)).count());
    });
    group.bench_function("rust-fsm", |b| {
        b.iter(|| {
            black_box(&peer_pairs)
                .iter()
                .filter(|(state, input)| lifecycle::Impl::transition(state, input).is_some())
                .count()
        });
    });
    group.finish();

    assert!(CreateCard::from_slice(BODY.as_bytes()).is_ok());
    let mut group = criterion.benchmark_group("CreateCard decode");
    group.bench_function("validated (crate)", |b| {
        b.iter(|| CreateCard::from_slice(black_box(BODY).as_bytes()).is_ok());
    });
    group.bench_function("unvalidated derive", |b| {
        b.iter(|| serde_json::from_str::<RawCreateCard>(black_box(BODY)).is_ok());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
