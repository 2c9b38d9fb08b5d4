//! The crate's share of one status-change request as the reference service serves it (issue 25):
//! every crate call of the handler — parse the request from its parts, read the stored card row,
//! decide, render the event records and envelopes as the outbox stores them, write the card row,
//! render the answer — without the database and the network. Divided by the service's time per
//! request (docs/service.md, wrk), it is the crate's share of request time.
//! `cargo bench --bench handler`.

use card_lifecycle::{
    ApiRequest, Card, CardId, CardStatus, CardType, Context, HttpResponse, PlatformFields, RequestBody, decide,
};
use chrono::DateTime;
use criterion::{Criterion, black_box, criterion_group, criterion_main};

fn handler(
    row: &str,
    body: &[u8],
    platform: &PlatformFields,
    context: &Context,
) -> (String, Vec<String>, HttpResponse) {
    let path = "/wallet/v1/customers/1/accounts/1/cards/42/status";
    let request = ApiRequest::parse("PUT", path, |_| None, body).unwrap().unwrap();
    let card: Card = serde_json::from_str(row).unwrap();
    let RequestBody::Command(command) = &request.body else { unreachable!("a status change") };
    let accepted = decide(&card, command, context).unwrap();
    let records: Vec<String> =
        accepted.records(platform).map(|record| serde_json::to_string(&record).unwrap()).collect();
    let row = serde_json::to_string(&accepted.card).unwrap();
    let answer = HttpResponse::for_accepted(request.operation, &accepted.card, platform);
    (row, records, answer)
}

fn bench(criterion: &mut Criterion) {
    let card = Card::new(CardId::new(42).unwrap(), CardType::Plastic, CardStatus::Normal);
    let row = serde_json::to_string(&card).unwrap();
    let platform = {
        let mut platform = PlatformFields::default();
        platform.customer_id = Some(card_lifecycle::CustomerId::MIN);
        platform.account_id = Some(card_lifecycle::AccountId::MIN);
        platform
    };
    let context = Context::new(DateTime::from_timestamp(1_790_000_000, 0).unwrap());
    let body = br#"{"status": "BLOCKED", "reason_id": 2}"#;
    assert_eq!(handler(&row, body, &platform, &context).2.status, 200);
    criterion.bench_function("the crate's calls of one status change", |bencher| {
        bencher.iter(|| handler(black_box(&row), black_box(body), &platform, &context));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
