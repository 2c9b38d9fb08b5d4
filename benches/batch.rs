//! Batch work over the caller's records (issue 17), each against a hand-written loop over the
//! same records in the same run. `cargo bench --bench batch`.
//!
//! - resend of 1 000 ids over 1 M cards: `Reembossing::decide` against a loop over a `HashSet`
//!   of the ids that decides each listed card;
//! - the embossing run over 1 M and 20 M compact records: `StartEmbossing::embossings` against
//!   a loop that checks the same rules inline.

use std::collections::HashSet;

use card_lifecycle::card::{Embossing, EmbossingFile};
use card_lifecycle::context::EmbossingMode;
use card_lifecycle::event::CardEvent;
use card_lifecycle::value::ProgramId;
use card_lifecycle::{
    Card, CardId, CardStatus, CardType, Command, Context, EmbossingRecord, Reembossing, StartEmbossing, decide,
};
use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use strum::IntoEnumIterator;

/// A deterministic stream of pseudo-random numbers.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// A server's compact row: what embossing reads, in the server's own layout.
#[derive(Clone, Copy)]
struct Row {
    id: u64,
    program: u64,
    valid_until: Option<DateTime<Utc>>,
    card_type: CardType,
    status: CardStatus,
    embossing: Embossing,
    password_changed: bool,
}

impl EmbossingRecord for Row {
    fn card_id(&self) -> CardId {
        CardId::new(self.id).unwrap()
    }
    fn program_id(&self) -> ProgramId {
        ProgramId::new(self.program).unwrap()
    }
    fn card_type(&self) -> CardType {
        self.card_type
    }
    fn status(&self) -> CardStatus {
        self.status
    }
    fn valid_until(&self) -> Option<DateTime<Utc>> {
        self.valid_until
    }
    fn embossing(&self) -> Embossing {
        self.embossing
    }
    fn password_changed(&self) -> bool {
        self.password_changed
    }
}

fn rows(count: usize, now: i64) -> Vec<Row> {
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    let files = [EmbossingFile::None, EmbossingFile::Queued, EmbossingFile::Queued, EmbossingFile::Embossed];
    let mut state = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|index| {
            let random = xorshift(&mut state);
            Row {
                id: index as u64 + 1,
                program: random % 4 + 1,
                valid_until: if random.is_multiple_of(3) {
                    None
                } else {
                    DateTime::from_timestamp(now - 500_000 + (random % 1_000_000).cast_signed(), 0)
                },
                card_type: if random.is_multiple_of(10) { CardType::Virtual } else { CardType::Plastic },
                status: statuses[(random >> 8) as usize % statuses.len()],
                embossing: Embossing::Ready { file: files[(random >> 16) as usize % 4], on_demand: random & 1 == 1 },
                password_changed: random & 2 == 2,
            }
        })
        .collect()
}

/// The embossing rules written by hand for scheduled mode, program listed, over the rows.
fn hand_run(rows: &[Row], program: u64, now: DateTime<Utc>) -> usize {
    let mut taken = 0;
    for row in rows {
        let Embossing::Ready { file: EmbossingFile::Queued, on_demand } = row.embossing else { continue };
        let lapses = matches!(
            row.status,
            CardStatus::Normal | CardStatus::Blocked | CardStatus::Pending | CardStatus::Warning | CardStatus::Reissued
        );
        let status = if lapses && row.valid_until.is_some_and(|until| until < now) {
            CardStatus::Inoperative
        } else {
            row.status
        };
        if row.program == program
            && row.card_type == CardType::Plastic
            && status == CardStatus::Created
            && (on_demand || row.password_changed)
        {
            taken += 1;
        }
    }
    taken
}

fn cards(count: usize) -> Vec<Card> {
    let mut state = 0x2545_F491_4F6C_DD1D;
    (0..count)
        .map(|index| {
            let random = xorshift(&mut state);
            let mut card = Card::new(CardId::new(index as u64 + 1).unwrap(), CardType::Plastic, CardStatus::Blocked);
            card.embossing = Embossing::Ready { file: EmbossingFile::Embossed, on_demand: random & 1 == 1 };
            card
        })
        .collect()
}

fn bench(criterion: &mut Criterion) {
    let now_seconds = 1_800_000_000;
    let now = DateTime::from_timestamp(now_seconds, 0).unwrap();
    let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(now) };

    let mut group = criterion.benchmark_group("resend");
    let all = cards(1_000_000);
    let mut state = 7;
    let ids: Vec<CardId> = (0..1_000).map(|_| CardId::new(xorshift(&mut state) % 1_000_000 + 1).unwrap()).collect();
    let request = Reembossing::new(&ids).unwrap();
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("crate/1000 of 1M", |bencher| {
        bencher.iter(|| black_box(request.decide(black_box(&all), &on_demand).accepted.len()));
    });
    group.bench_function("hand-written HashSet loop/1000 of 1M", |bencher| {
        bencher.iter(|| {
            let listed: HashSet<CardId> = request.cards().iter().copied().collect();
            let mut accepted = Vec::new();
            for card in black_box(&all) {
                if listed.contains(&card.id)
                    && let Ok(outcome) = decide(card, &Command::Reemboss, &on_demand)
                {
                    accepted.push(outcome);
                }
            }
            black_box(accepted.len())
        });
    });
    group.finish();
    drop(all);

    let mut group = criterion.benchmark_group("embossing run");
    group.sample_size(10);
    let request = StartEmbossing::new(
        card_lifecycle::ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11").unwrap(),
        &[ProgramId::new(2).unwrap()],
        &[],
    );
    let scheduled = Context::new(now);
    for count in [1_000_000, 20_000_000] {
        let records = rows(count, now_seconds);
        assert_eq!(request.embossings(&records, &scheduled).count(), hand_run(&records, 2, now));
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("crate", count), &records, |bencher, records| {
            bencher.iter(|| {
                black_box(
                    request
                        .embossings(black_box(records), &scheduled)
                        .filter(|(_, _, event)| *event == CardEvent::Embossed { reembossing: false })
                        .count(),
                )
            });
        });
        group.bench_with_input(BenchmarkId::new("hand-written loop", count), &records, |bencher, records| {
            bencher.iter(|| black_box(hand_run(black_box(records), 2, now)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
