//! The new card of a reissue, field by field (domain.md §12.41): what it carries over from the
//! old card, what the request replaces, and what starts afresh. The vector format has no card
//! details (brand, flags, dates), so this is where they are pinned.

use card_lifecycle::card::CardDetails;
use card_lifecycle::request::ReissueCard;
use card_lifecycle::value::{Brand, ModeType};
use card_lifecycle::{Card, CardId, CardStatus, CardType, Context, Reissue, ReissueInput, reissue_card};
use chrono::{DateTime, Utc};

fn old_card(card_type: CardType) -> Card {
    let earlier: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
    let mut card = Card::new(CardId::new(1).unwrap(), card_type, CardStatus::Normal);
    card.expiration_date = Some("3212".parse().unwrap());
    card.activated = true;
    card.details = Box::new({
        let mut details = CardDetails::default();
        details.brand = Some(Brand::Visa);
        details.mode_type = Some(ModeType::Combo);
        details.transaction_limit = Some("500.00".to_owned());
        details.cvv_rotation_interval_hours = Some(24);
        details.contactless_enabled = false;
        details.abu_enabled = Some(true);
        details.template_id = Some("template".to_owned());
        details.embossing_group = Some("group".to_owned());
        details.embossing_custom_field = Some("custom".to_owned());
        details.generate_pvv = true;
        details.validity_period_hours = Some(48);
        details.atm_change_online_pin_when_script_sent = true;
        details.issuing_date = Some(earlier);
        details.activation_date = Some(earlier);
        details
    });
    card
}

fn reissued(old: &Card, body: &[u8], now: DateTime<Utc>) -> Card {
    let request = ReissueCard::from_slice(body).unwrap();
    let input = ReissueInput { new_card_id: CardId::new(2).unwrap(), must_block: false };
    let Ok(Reissue::Issued { new, .. }) = reissue_card(old, &request, &input, &Context::new(now)) else {
        panic!("a NORMAL card is reissued")
    };
    new.card
}

#[test]
fn the_new_card_carries_the_listed_fields_and_starts_the_others_afresh() {
    let now: DateTime<Utc> = "2026-03-01T12:00:00Z".parse().unwrap();
    let old = old_card(CardType::Virtual);
    let new = reissued(&old, br#"{"reason_id": 1}"#, now);
    let (before, after) = (&old.details, &new.details);
    // Carried over: brand, mode_type, transaction_limit, cvv_rotation_interval_hours,
    // contactless_enabled, abu_enabled, template_id, embossing_group, embossing_custom_field.
    assert_eq!(after.brand, before.brand);
    assert_eq!(after.mode_type, before.mode_type);
    assert_eq!(after.transaction_limit, before.transaction_limit);
    assert_eq!(after.cvv_rotation_interval_hours, before.cvv_rotation_interval_hours);
    assert_eq!(after.contactless_enabled, before.contactless_enabled);
    assert_eq!(after.abu_enabled, before.abu_enabled);
    assert_eq!(after.template_id, before.template_id);
    assert_eq!(after.embossing_group, before.embossing_group);
    assert_eq!(after.embossing_custom_field, before.embossing_custom_field);
    // Not carried: validity_period_hours; the create-time flags start at their defaults; the new
    // card is issued now, and a virtual replacement (NORMAL) counts as activated now.
    let defaults = CardDetails::default();
    assert_eq!(after.validity_period_hours, None);
    assert_eq!(after.generate_pvv, defaults.generate_pvv);
    assert_eq!(after.atm_change_online_pin_when_script_sent, defaults.atm_change_online_pin_when_script_sent);
    assert_eq!(after.issuing_date, Some(now));
    assert_eq!((new.status, after.activation_date), (CardStatus::Normal, Some(now)));
}

#[test]
fn a_plastic_replacement_is_not_activated_and_an_unnumbered_one_takes_the_requests_brand() {
    let now: DateTime<Utc> = "2026-03-01T12:00:00Z".parse().unwrap();
    let plastic = reissued(&old_card(CardType::Plastic), br#"{"reason_id": 1}"#, now);
    assert_eq!((plastic.status, plastic.details.activation_date), (CardStatus::Created, None));
    let body = br#"{"reason_id": 1, "status": "UNNUMBERED", "brand": "MASTERCARD", "printed_name": "ANA LIMA"}"#;
    let unnumbered = reissued(&old_card(CardType::Plastic), body, now);
    assert_eq!((unnumbered.status, unnumbered.details.brand), (CardStatus::Unnumbered, Some(Brand::Mastercard)));
}
