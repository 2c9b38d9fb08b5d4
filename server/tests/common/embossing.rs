//! The scheduled embossing over the store, on either database: 300 cards, some that a scheduled
//! run takes (ready, queued, `CREATED`, PIN changed; ready noname `UNBOUND`), some that await
//! embossing but it does not take (`BLOCKED` queued cards: only on demand), some that await
//! nothing (not ready). `replicas` workers run at once, each with its own pool, as replicas do.
//! Afterwards: each card that should be embossed was embossed exactly once, no other card was,
//! the runs' summaries count them all, and a further run embosses nothing.

use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::event::CardEvent;
use card_lifecycle::{AccountId, Card, CardId, CardStatus, CardType, ConfigId, CustomerId, Owner};
use card_lifecycle_server::auth::TokenCheck;
use card_lifecycle_server::{App, Store, emboss_once};

const CARDS: u64 = 300;

/// The card numbered `id`, and whether a scheduled run should emboss it.
fn card(id: u64) -> (Card, bool) {
    let queued = Embossing::Ready { file: EmbossingFile::Queued, on_demand: false };
    let mut card = Card::new(CardId::new(id).unwrap(), CardType::Plastic, CardStatus::Created);
    card.password_changed = true;
    card.embossing = queued;
    match id % 5 {
        0 => (Card { status: CardStatus::Blocked, ..card }, false),
        1 => (Card { embossing: Embossing::NotReady, ..card }, false),
        2 => {
            let ready = Embossing::Ready { file: EmbossingFile::None, on_demand: false };
            (Card { status: CardStatus::Unbound, kind: CardKind::Noname, embossing: ready, ..card }, true)
        }
        _ => (card, true),
    }
}

/// Seeds the cards, runs `replicas` scheduled runs at once, and checks the outcome.
pub(crate) fn scheduled_runs(database_url: &str, replicas: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let store = Store::connect(database_url).await.unwrap();
        store.reset().await.unwrap();
        let owner = Owner { customer_id: CustomerId::new(1).unwrap(), account_id: AccountId::new(1).unwrap() };
        let mut expected = Vec::new();
        for id in 1..=CARDS {
            let (card, embossed) = card(id);
            store.put(&card, owner).await.unwrap();
            if embossed {
                expected.push(card.id);
            }
        }
        let config_id: ConfigId = "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11".parse().unwrap();
        let mut workers = Vec::new();
        for _ in 0..replicas {
            let url = database_url.to_owned();
            workers.push(tokio::spawn(async move {
                let app = App::new(Store::connect(&url).await.unwrap(), false, TokenCheck::Off);
                emboss_once(&app, config_id).await.unwrap()
            }));
        }
        let mut total = 0;
        for worker in workers {
            total += worker.await.unwrap();
        }
        assert_eq!(total, expected.len(), "every card the run takes, embossed once in all");
        for id in 1..=CARDS {
            let records = store.records(CardId::new(id).unwrap()).await.unwrap();
            let embossed = records.iter().filter(|record| matches!(record.event, CardEvent::Embossed { .. })).count();
            let should = usize::from(expected.contains(&CardId::new(id).unwrap()));
            assert_eq!(embossed, should, "card {id}: {records:?}");
        }
        let summaries: Vec<serde_json::Value> = store
            .unpublished(10_000)
            .await
            .unwrap()
            .into_iter()
            .filter(|(_, card_id, _)| card_id.is_none())
            .map(|(_, _, envelope)| envelope)
            .collect();
        let counted: u64 =
            summaries.iter().map(|summary| summary["payload"]["total_embossed_cards"].as_u64().unwrap()).sum();
        assert_eq!(counted, u64::try_from(expected.len()).unwrap(), "{summaries:?}");
        let app = App::new(store, false, TokenCheck::Off);
        assert_eq!(emboss_once(&app, config_id).await.unwrap(), 0, "nothing is left for a further run");
        println!(
            "scheduled embossing: {replicas} replicas embossed {total} of {CARDS} cards in {} runs",
            summaries.len()
        );
    });
}
