//! Domain.md §11.64 over every operation, the whole life of a card included (§12): no card
//! reaches `NORMAL` without an activation, unless it started `NORMAL`. A never-activated physical
//! card goes through random steps — every command, reissue (the new card too) and Update card
//! information — at random instants; after each accepted step, `NORMAL` implies activated.

use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::context::EmbossingMode;
use card_lifecycle::request::{ReissueCard, UpdateCardInformation};
use card_lifecycle::value::{ExpirationDate, PinLength};
use card_lifecycle::{
    Card, CardId, CardStatus, CardType, Command, Context, ReissueInput, decide, reissue_card, update_card_information,
};
use chrono::{DateTime, TimeDelta};
use proptest::prelude::*;
use proptest::sample::select;
use strum::IntoEnumIterator;

#[derive(Clone, Debug)]
enum Step {
    Command(Command),
    Reissue { must_block: bool },
    Information,
}

fn any_step() -> impl Strategy<Value = (Step, i64, bool)> {
    let command = prop_oneof![
        select(CardStatus::iter().collect::<Vec<_>>()).prop_map(|status| Command::UpdateStatus { status }),
        Just(Command::Activate),
        Just(Command::Bind),
        Just(Command::UpdatePan { kind: CardKind::Nominal }),
        Just(Command::UpdatePan { kind: CardKind::Noname }),
        Just(Command::ChangePassword { digits: PinLength::Four }),
        Just(Command::AddToEmbossing),
        Just(Command::Reemboss),
        Just(Command::RenewExpiration { expiration_date: ExpirationDate::parse_yymm("3112").unwrap() }),
        (1_u32..5_000).prop_map(|validity_period_hours| Command::RenewValidity { validity_period_hours }),
        Just(Command::ResetPasswordTries),
        any::<bool>()
            .prop_map(|block_card_exceeds_counter| Command::IncreasePasswordTries { block_card_exceeds_counter }),
        Just(Command::Elapse),
        Just(Command::EmbossingIngress),
    ];
    let step = prop_oneof![
        8 => command.prop_map(Step::Command),
        1 => any::<bool>().prop_map(|must_block| Step::Reissue { must_block }),
        1 => Just(Step::Information),
    ];
    (step, 0_i64..200, any::<bool>())
}

/// Never activated, in a status a physical card has before its activation.
fn never_activated() -> impl Strategy<Value = Card> {
    let statuses = vec![CardStatus::Created, CardStatus::Unbound, CardStatus::Unnumbered];
    (select(statuses), select(vec![CardType::Plastic, CardType::Recurring]), any::<bool>(), 1_i64..400).prop_map(
        |(status, card_type, noname, hours)| {
            let mut card = Card::new(CardId::new(1).unwrap(), card_type, status);
            card.kind = if noname { CardKind::Noname } else { CardKind::Nominal };
            card.embossing = Embossing::Ready { file: EmbossingFile::None, on_demand: false };
            card.valid_until = DateTime::from_timestamp(1_790_000_000 + hours * 3600, 0);
            card
        },
    )
}

fn check(card: &Card) -> Result<(), TestCaseError> {
    prop_assert!(card.status != CardStatus::Normal || card.activated, "NORMAL without an activation: {card:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn prop_no_card_reaches_normal_without_an_activation(
        start in never_activated(),
        steps in proptest::collection::vec(any_step(), 1..40),
    ) {
        let mut card = start;
        let mut now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let reissue = ReissueCard::parse(&serde_json::json!({ "reason_id": 1 })).unwrap();
        let information = UpdateCardInformation::parse(&serde_json::json!({ "contactless_enabled": false })).unwrap();
        for (step, hours, on_demand) in steps {
            now += TimeDelta::hours(hours);
            let embossing_mode = if on_demand { EmbossingMode::OnDemand } else { EmbossingMode::Scheduled };
            let context = Context { embossing_mode, ..Context::new(now) };
            match step {
                Step::Command(command) => {
                    if let Ok(accepted) = decide(&card, &command, &context) {
                        card = accepted.card;
                    }
                }
                Step::Reissue { must_block } => {
                    let input = ReissueInput { new_card_id: CardId::new(2).unwrap(), must_block };
                    if let Ok(card_lifecycle::Reissue::Issued { old, new }) = reissue_card(&card, &reissue, &input, &context) {
                        check(&new.card)?;
                        card = old.card;
                    }
                }
                Step::Information => {
                    if let Ok(accepted) = update_card_information(&card, &information, &[], &context) {
                        card = accepted.card;
                    }
                }
            }
            check(&card)?;
        }
    }
}
