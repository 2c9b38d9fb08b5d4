//! The check paths never allocate, counted by a global allocator in this test binary of its own
//! (issue 8): the status decision, the legal-next query, embossing eligibility and selection,
//! the deadline, and both sweeps.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::lifecycle::{check_embossing, check_status_change, sweep_columns};
use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, StartEmbossing, sweep};
use chrono::{DateTime, TimeDelta};
use strum::IntoEnumIterator;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call goes straight to the system allocator; the counter is a thread-local cell.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.realloc(pointer, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `work` makes on this thread.
fn allocations(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

fn cards() -> Vec<Card> {
    let now = DateTime::UNIX_EPOCH + TimeDelta::days(10_000);
    CardStatus::iter()
        .flat_map(|status| {
            CardType::iter().map(move |card_type| {
                let mut card = Card::new(CardId::new(status as u64 + 1).unwrap(), card_type, status);
                card.valid_until = Some(now);
                card.embossing = card_lifecycle::card::Embossing::Ready {
                    file: card_lifecycle::card::EmbossingFile::Queued,
                    on_demand: false,
                };
                card.password_changed = true;
                card
            })
        })
        .collect()
}

#[test]
fn the_counter_sees_an_allocation() {
    assert_eq!(allocations(|| drop(std::hint::black_box(vec![1_u8]))), 1);
}

#[test]
fn the_status_decision_and_the_next_statuses_allocate_nothing() {
    let count = allocations(|| {
        for from in CardStatus::iter() {
            for to in CardStatus::iter() {
                std::hint::black_box(check_status_change(from, to, true).is_ok());
            }
            std::hint::black_box(card_lifecycle::lifecycle::next_statuses(from, true).count());
        }
    });
    assert_eq!(count, 0);
}

#[test]
fn eligibility_and_selection_allocate_nothing() {
    let cards = cards();
    let request = StartEmbossing::parse(&serde_json::json!({
        "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": [1], "cards": [1, 3, 5]
    }))
    .unwrap();
    let contexts: Vec<Context> = EmbossingMode::iter()
        .flat_map(|embossing_mode| {
            PhysicalInitialStatus::iter().map(move |physical_initial_status| Context {
                embossing_mode,
                physical_initial_status,
                ..Context::new(chrono::DateTime::UNIX_EPOCH)
            })
        })
        .collect();
    let count = allocations(|| {
        for context in &contexts {
            for card in &cards {
                std::hint::black_box(check_embossing(card, context).is_ok());
            }
            std::hint::black_box(cards.iter().filter(|card| request.selects(*card, context)).count());
        }
    });
    assert_eq!(count, 0);
    let on_demand = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(chrono::DateTime::UNIX_EPOCH) };
    assert!(cards.iter().any(|card| request.selects(card, &on_demand)), "the selection path is taken");
}

#[test]
fn the_deadline_and_the_sweeps_allocate_nothing() {
    let cards = cards();
    let statuses: Vec<CardStatus> = cards.iter().map(|card| card.status).collect();
    let until: Vec<i64> = cards.iter().map(|card| card.valid_until.map_or(i64::MAX, |at| at.timestamp())).collect();
    let now = DateTime::UNIX_EPOCH + TimeDelta::days(20_000);
    let count = allocations(|| {
        for card in &cards {
            std::hint::black_box(card.next_deadline());
            std::hint::black_box(card.is_past_validity(now));
        }
        std::hint::black_box(sweep(&cards, now).count());
        std::hint::black_box(sweep_columns(&statuses, &until, now).map(Iterator::count).ok());
    });
    assert_eq!(count, 0);
    assert!(sweep(&cards, now).count() > 0, "the sweep finds due cards");
}

#[test]
fn event_envelopes_allocate_nothing() {
    // Issue 17: building an event's envelope allocates at most once per event; it borrows the
    // card and the platform fields, so it allocates nothing at all.
    let now = DateTime::UNIX_EPOCH + TimeDelta::days(10_000);
    let lapsed = Card {
        valid_until: Some(now - TimeDelta::hours(1)),
        ..Card::new(CardId::new(1).unwrap(), CardType::Virtual, CardStatus::Normal)
    };
    let command = card_lifecycle::Command::UpdateStatus { status: CardStatus::Lost };
    let accepted = card_lifecycle::decide(&lapsed, &command, &Context::new(now)).unwrap();
    let platform = {
        let mut platform = card_lifecycle::PlatformFields::default();
        platform.account_id = Some(card_lifecycle::AccountId::MIN);
        platform
    };
    let mut built = 0;
    let count = allocations(|| {
        for envelope in accepted.envelopes(&platform) {
            built += 1;
            std::hint::black_box(&envelope);
        }
    });
    assert_eq!((built, count), (2, 0));
}
