//! An arbitrary card under an arbitrary sequence of operations: a terminated card stays
//! terminated, and the accepted events replay to the same card.
#![no_main]

use card_lifecycle::{Card, CardId, CardStatus, CardType, Command, Context, decide};
use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::context::EmbossingMode;
use libfuzzer_sys::fuzz_target;
use strum::IntoEnumIterator;

fn pick<T: Clone>(items: &[T], byte: u8) -> T {
    items[usize::from(byte) % items.len()].clone()
}

fuzz_target!(|data: &[u8]| {
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    let types: Vec<CardType> = CardType::iter().collect();
    let Some((head, steps)) = data.split_first_chunk::<6>() else { return };
    let mut card = Card::new(CardId::new(1).unwrap(), pick(&types, head[0]), pick(&statuses, head[1]));
    card.kind = if head[2] & 1 == 1 { CardKind::Noname } else { CardKind::Nominal };
    card.password_changed = head[2] & 2 == 2;
    let file = pick(&[EmbossingFile::None, EmbossingFile::Queued, EmbossingFile::Embossed], head[2] >> 3);
    if head[2] & 4 == 4 {
        card.embossing = Embossing::Ready { file, on_demand: head[2] & 128 == 128 };
    }
    let mut now = 1_767_225_600_i64;
    card.valid_until = (head[3] & 1 == 1).then(|| chrono::DateTime::from_timestamp(now + i64::from(head[4]) * 3600, 0).unwrap());
    let start = card.clone();
    let mut events = Vec::new();
    for step in steps.chunks_exact(2) {
        let command = match step[0] % 9 {
            0 => Command::UpdateStatus { status: pick(&statuses, step[1]) },
            1 => Command::Activate,
            2 => Command::Bind,
            3 => Command::UpdatePan { kind: if step[1] & 1 == 1 { CardKind::Noname } else { CardKind::Nominal } },
            4 => Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four },
            5 => Command::AddToEmbossing,
            6 => Command::Reemboss,
            7 => {
                now += i64::from(step[1]) * 3600;
                Command::Elapse
            }
            _ => Command::UpdateStatus { status: pick(&statuses, step[1].wrapping_add(head[5])) },
        };
        let mode = if step[1] & 128 == 128 { EmbossingMode::OnDemand } else { EmbossingMode::Scheduled };
        let context = Context { embossing_mode: mode, ..Context::new(chrono::DateTime::from_timestamp(now, 0).unwrap()) };
        let was_terminated = card.status.is_terminated();
        if let Ok(accepted) = decide(&card, &command, &context) {
            assert!(!was_terminated || accepted.card.status.is_terminated(), "{command:?} revived {card:?}");
            events.extend(accepted.events);
            card = accepted.card;
        }
    }
    assert_eq!(events.iter().fold(start, Card::evolve), card);
});
