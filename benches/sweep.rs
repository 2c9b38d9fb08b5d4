//! The expiry sweep at 1 M and 20 M cards, each form against a hand-written loop over the same
//! layout in the same run (issue 6). `cargo bench --bench sweep`.

use card_lifecycle::lifecycle::sweep_columns;
use card_lifecycle::{Card, CardId, CardStatus, CardType, sweep};
use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use strum::IntoEnumIterator;

/// A deterministic mix: every status, a third of the cards without `valid_until`, the rest
/// spread around `now` so about half of those are due.
fn cards(count: usize, now: i64) -> Vec<Card> {
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|index| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let status = statuses[usize::try_from(state).unwrap() % statuses.len()];
            let offset = i64::try_from(state % 1_000_000).unwrap();
            let valid_until =
                (!state.is_multiple_of(3)).then(|| DateTime::from_timestamp(now - 500_000 + offset, 0).unwrap());
            Card { valid_until, ..Card::new(CardId::new(index as u64).unwrap(), CardType::Virtual, status) }
        })
        .collect()
}

/// The rule written by hand: the five statuses that lapse, and `valid_until < now` (§11.27).
fn hand_lapses(status: CardStatus) -> bool {
    matches!(
        status,
        CardStatus::Normal | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning | CardStatus::Reissued
    )
}

/// The best loop we would write by hand: status first, then the instant.
fn hand_structs(cards: &[Card], now: DateTime<Utc>) -> usize {
    let mut due = 0;
    for card in cards {
        if hand_lapses(card.status) && matches!(card.valid_until, Some(until) if until < now) {
            due += 1;
        }
    }
    due
}

/// The best loop we would write by hand over columns: branch-free, so it vectorizes.
#[expect(clippy::needless_bitwise_bool, reason = "the non-short-circuit & is what keeps it branch-free")]
fn hand_columns(statuses: &[CardStatus], valid_until: &[i64], now: i64) -> usize {
    let mut due = 0;
    for (status, until) in statuses.iter().zip(valid_until) {
        due += usize::from(hand_lapses(*status) & (*until < now));
    }
    due
}

fn bench(criterion: &mut Criterion) {
    let now_seconds = 1_800_000_000;
    let now = DateTime::from_timestamp(now_seconds, 0).unwrap();
    let mut group = criterion.benchmark_group("sweep");
    group.sample_size(10);
    for count in [1_000_000, 20_000_000] {
        let cards = cards(count, now_seconds);
        let statuses: Vec<CardStatus> = cards.iter().map(|card| card.status).collect();
        let until: Vec<i64> = cards.iter().map(|card| card.valid_until.map_or(i64::MAX, |at| at.timestamp())).collect();
        assert_eq!(sweep(&cards, now).count(), hand_structs(&cards, now));
        assert_eq!(
            sweep_columns(&statuses, &until, now).unwrap().count(),
            hand_columns(&statuses, &until, now_seconds)
        );
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("structs/crate", count), &cards, |b, cards| {
            b.iter(|| sweep(black_box(cards), black_box(now)).count());
        });
        group.bench_with_input(BenchmarkId::new("structs/hand", count), &cards, |b, cards| {
            b.iter(|| hand_structs(black_box(cards), black_box(now)));
        });
        group.bench_with_input(BenchmarkId::new("columns/crate", count), &(), |b, ()| {
            b.iter(|| sweep_columns(black_box(&statuses), black_box(&until), black_box(now)).unwrap().count());
        });
        group.bench_with_input(BenchmarkId::new("columns/hand", count), &(), |b, ()| {
            b.iter(|| hand_columns(black_box(&statuses), black_box(&until), black_box(now_seconds)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
