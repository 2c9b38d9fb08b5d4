//! The server's side of concurrency (docs/concurrency.md): two threads decide on one card and
//! store with a compare-and-swap on its version; the loser reads again and decides again. No
//! update is lost, and the stored events replay to the stored card.

use std::sync::{Barrier, Mutex};

use card_lifecycle::event::CardEvent;
use card_lifecycle::store::apply_stream;
use card_lifecycle::{Accepted, Card, CardId, CardStatus, CardType, Command, Context, RecordedEvent, decide};

/// A store of one card and its events, as a server keeps them.
struct Store {
    cell: Mutex<(Card, Vec<RecordedEvent>)>,
}

impl Store {
    fn read(&self) -> Card {
        self.cell.lock().unwrap().0.clone()
    }

    /// Saves the decision only if the stored card still has the version it was made on.
    fn compare_and_swap(&self, accepted: &Accepted) -> bool {
        let mut stored = self.cell.lock().unwrap();
        if stored.0.version != accepted.version {
            return false;
        }
        stored.1.extend(accepted.records(&card_lifecycle::PlatformFields::default()));
        stored.0 = accepted.card.clone();
        true
    }
}

/// Decides `next(card)` on the stored card until a save wins; returns how many saves lost.
fn decide_and_store(store: &Store, context: &Context, next: impl Fn(&Card) -> Command) -> u32 {
    let mut retries = 0;
    loop {
        let card = store.read();
        let accepted = decide(&card, &next(&card), context).unwrap();
        // Give the other thread room to store first, so the race is real.
        std::thread::yield_now();
        if store.compare_and_swap(&accepted) {
            return retries;
        }
        retries += 1;
    }
}

#[test]
fn two_threads_lose_no_update() {
    const UPDATES: u32 = 2_000;
    let start = Card::new(CardId::new(1).unwrap(), CardType::Virtual, CardStatus::Normal);
    let store = Store { cell: Mutex::new((start.clone(), Vec::new())) };
    let context = Context::new("2026-03-01T12:00:00Z".parse().unwrap());
    let barrier = Barrier::new(2);
    let (password_retries, status_retries) = std::thread::scope(|scope| {
        let passwords = scope.spawn(|| {
            barrier.wait();
            (0..UPDATES)
                .map(|_| {
                    decide_and_store(&store, &context, |_| Command::ChangePassword {
                        digits: card_lifecycle::value::PinLength::Four,
                    })
                })
                .sum::<u32>()
        });
        let statuses = scope.spawn(|| {
            barrier.wait();
            let toggle = |card: &Card| Command::UpdateStatus {
                status: if card.status == CardStatus::Normal { CardStatus::Blocked } else { CardStatus::Normal },
            };
            (0..UPDATES).map(|_| decide_and_store(&store, &context, toggle)).sum::<u32>()
        });
        (passwords.join().unwrap(), statuses.join().unwrap())
    });
    let (card, records) = store.cell.into_inner().unwrap();
    let passwords = records.iter().filter(|record| matches!(record.event, CardEvent::PasswordChanged { .. })).count();
    let changes = records.iter().filter(|record| matches!(record.event, CardEvent::StatusChanged { .. })).count();
    let lost = 2 * UPDATES as usize - records.len();
    println!(
        "threads 2, updates {}, attempts {}, retries {} (passwords {password_retries}, statuses {status_retries}), lost updates {lost}",
        2 * UPDATES,
        2 * UPDATES + password_retries + status_retries,
        password_retries + status_retries,
    );
    assert_eq!((passwords, changes, lost), (UPDATES as usize, UPDATES as usize, 0));
    assert_eq!(card.version, u64::from(2 * UPDATES));
    assert_eq!(apply_stream(&start, &records).unwrap(), card);
}
