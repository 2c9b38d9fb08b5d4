//! Create card: the new card a valid request makes (domain.md §2, §6, §7, §11.8, §11.18,
//! §11.32–33).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::card::Card;
use crate::card::CardDetails;
use crate::card::CardKind;
use crate::card::Embossing;
use crate::context::Context;
use crate::event::Accepted;
use crate::event::CardEvent;
use crate::lifecycle::validity::valid_until;
use crate::request::create::CreateCard;
use crate::rule::Rule;
use crate::value::card_name::CardName;
use crate::value::card_type::CardType;
use crate::value::expiration_date::ExpirationDate;
use crate::value::ids::CardId;
use crate::value::ids::ProgramId;
use crate::value::printed_name::PrintedName;
use crate::value::status::CardStatus;

/// What creating a card needs besides the body: the id the platform gives the new card, its
/// program, the customer's names and the customer's cards.
///
/// ```
/// use card_lifecycle::{CardId, CreateCardInput};
/// use card_lifecycle::lifecycle::Customer;
/// let input = CreateCardInput {
///     customer: Customer { name: Some("José da Silva".into()), social_name: None },
///     ..CreateCardInput::default()
/// };
/// assert_eq!(input.card_id, CardId::new(1)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct CreateCardInput {
    /// The id the new card gets (default `1`).
    pub card_id: CardId,
    /// The program the card is issued under (default `1`).
    pub program_id: ProgramId,
    /// The account applicant's names, for the printed name.
    pub customer: Customer,
    /// The customer's existing cards, for the one-active-card rule.
    pub existing_cards: Vec<ExistingCard>,
}

impl Default for CreateCardInput {
    fn default() -> Self {
        Self {
            card_id: CardId::MIN,
            program_id: ProgramId::MIN,
            customer: Customer::default(),
            existing_cards: Vec::new(),
        }
    }
}

/// The account applicant's names, from which a printed name is made when the request has
/// none (domain.md §7, §11.20).
///
/// ```
/// use card_lifecycle::lifecycle::Customer;
/// let customer: Customer = serde_json::from_str(r#"{ "name": "Ana Souza" }"#)?;
/// assert_eq!(customer.social_name, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The applicant's name.
    pub name: Option<String>,
    /// The applicant's social name, which takes precedence.
    pub social_name: Option<String>,
}

/// One of the customer's cards, as far as the one-active-card rule needs it (domain.md §11.8).
///
/// ```
/// use card_lifecycle::{CardStatus, ExistingCard};
/// let card: ExistingCard = serde_json::from_str(r#"{ "type": "VIRTUAL", "name": "Travel", "status": "LOST" }"#)?;
/// assert_eq!(card.status, CardStatus::Lost);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingCard {
    /// Its type.
    #[serde(rename = "type")]
    pub card_type: CardType,
    /// Its name.
    pub name: String,
    /// Its status.
    pub status: CardStatus,
}

/// Resolves the printed name of a new card that the request gave none: the customer's social
/// name, else the customer's name (domain.md §7, §11.20). A name that already is a valid
/// printed name is used exactly as written (§11.32); any other is made valid by
/// [`PrintedName::normalize`]. `None` when neither gives a valid name.
///
/// ```
/// use card_lifecycle::lifecycle::{resolve_printed_name, Customer};
/// let customer = Customer { name: Some("José da Silva".into()), social_name: Some("+".into()) };
/// assert_eq!(resolve_printed_name(&customer).map(|name| name.to_string()).as_deref(), Some("JOSE DA SILVA"));
/// let customer = Customer { name: Some("Mia Souza".into()), social_name: None };
/// assert_eq!(resolve_printed_name(&customer).map(|name| name.to_string()).as_deref(), Some("Mia Souza"));
/// ```
#[must_use]
pub fn resolve_printed_name(customer: &Customer) -> Option<PrintedName> {
    [&customer.social_name, &customer.name]
        .into_iter()
        .flatten()
        .find_map(|name| PrintedName::parse(name).or_else(|_| PrintedName::normalize(name)).ok())
}

/// Create card: decides the new card of a valid request (domain.md §2, §6, §7).
///
/// The card gets its initial status from its type (`VIRTUAL`, `TEMPORARY`, `RECURRING`:
/// `NORMAL`; `PLASTIC`: the program's setting, `CREATED` by default; `UNNUMBERED` when asked),
/// the name `"PLASTIC"` if physical, the request's printed name or one resolved from the
/// customer ([`resolve_printed_name`]), the expiration month (the request's, else `now` plus the
/// program's months), and `valid_until` (`now + validity_period_hours`, or for `TEMPORARY`
/// cards the program's temporary validity, cut at the end of the expiration month). The event
/// is "Card created".
///
/// # Errors
///
/// - 400 ([`Rule::CreateValidity`]): a `validity_period_hours` that ends after the last second
///   of the expiration month (§11.18) or leaves the calendar, an expiration month already over,
///   or a program expiration beyond what `yymm` can name;
/// - [`CreateCardError::AlreadyActive`] (409): the customer has a card of the same type and
///   name that is not terminated (§11.8; so one live `PLASTIC` card per customer).
///
/// ```
/// use card_lifecycle::{create_card, CardStatus, Context, CreateCardInput};
/// use card_lifecycle::request::CreateCard;
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
/// let request = CreateCard::parse(&serde_json::json!({ "name": "anything", "type": "PLASTIC", "validity_period_hours": 240 }))?;
/// let accepted = create_card(&request, &CreateCardInput::default(), &Context::new(now))?;
/// assert_eq!(accepted.card.status, CardStatus::Created);
/// assert_eq!(accepted.card.name.as_ref().map(|name| name.as_str()), Some("PLASTIC"));
/// assert_eq!(accepted.card.valid_until.map(|at| at.to_rfc3339()).as_deref(), Some("2026-01-11T00:00:00+00:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create_card(
    request: &CreateCard,
    input: &CreateCardInput,
    context: &Context,
) -> Result<Accepted, CreateCardError> {
    let now = context.truncated().now;
    let months = context.expiration_months;
    let expiration_date = match request.expiration_date() {
        Some(date) => date,
        None => {
            ExpirationDate::months_after(now, months).ok_or(CreateCardError::ExpirationOutOfRange { now, months })?
        }
    };
    let expires = expiration_date.last_second();
    if expires < now {
        return Err(CreateCardError::ExpirationPassed { expiration_date, now });
    }
    let valid_until = initial_validity(request.validity_period_hours(), request.card_type(), expiration_date, context)?;

    let card_type = request.card_type();
    let name = if card_type.is_physical() { CardName::plastic() } else { request.name().clone() };
    ExistingCard::check_one_active(&input.existing_cards, card_type, &name)?;

    let defaults = CardDetails::default();
    let status = if request.is_unnumbered() {
        CardStatus::Unnumbered
    } else {
        CardKind::Nominal.initial_status(card_type, context.physical_initial_status)
    };
    let card = Card {
        id: input.card_id,
        version: 0,
        card_type,
        status,
        kind: CardKind::Nominal,
        program_id: input.program_id,
        previous_status: None,
        name: Some(name),
        printed_name: request.printed_name().cloned().or_else(|| resolve_printed_name(&input.customer)),
        pin_length: request.pin_length(),
        valid_until,
        expiration_date: Some(expiration_date),
        password_changed: false,
        // §11.64: a card that starts NORMAL counts as activated from creation.
        activated: status == CardStatus::Normal,
        password_tries: 0,
        track_number: 1,
        reissued_card_id: None,
        pending_expiration_date: None,
        embossing: Embossing::default(),
        details: Box::new(CardDetails {
            brand: request.brand(),
            mode_type: request.mode_type(),
            metadata: request.metadata().cloned(),
            transaction_limit: request.transaction_limit().map(str::to_owned),
            cvv_rotation_interval_hours: request.cvv_rotation_interval_hours(),
            contactless_enabled: request.contactless_enabled().unwrap_or(defaults.contactless_enabled),
            abu_enabled: request.abu_enabled(),
            template_id: request.template_id().map(str::to_owned),
            generate_pvv: request.generate_pvv().unwrap_or(defaults.generate_pvv),
            embossing_group: request.embossing_group().map(str::to_owned),
            embossing_custom_field: request.embossing_custom_field().map(str::to_owned),
            validity_period_hours: request.validity_period_hours(),
            atm_change_online_pin_when_script_sent: request
                .atm_change_online_pin_when_script_sent()
                .unwrap_or(defaults.atm_change_online_pin_when_script_sent),
            issuing_date: Some(now),
            activation_date: (status == CardStatus::Normal).then_some(now),
        }),
    };
    let created = Card::new(card.id, card.card_type, card.status);
    Ok(Accepted::new(&created, vec![CardEvent::Created { card: Box::new(card) }], now))
}

/// A new card's `valid_until` (domain.md §6, §11.18, §11.33): `now` plus the hours asked for,
/// refused past the expiration month; for a `TEMPORARY` card without them, the program's default,
/// cut at the month's last second (the client cannot send the field that would fix it).
pub(crate) fn initial_validity(
    hours: Option<u32>,
    card_type: CardType,
    expiration_date: ExpirationDate,
    context: &Context,
) -> Result<Option<DateTime<Utc>>, CreateCardError> {
    let now = context.truncated().now;
    let expires = expiration_date.last_second();
    Ok(match (hours, card_type) {
        (Some(hours), _) => {
            let until = valid_until(now, hours).ok_or(CreateCardError::PeriodOverflow { hours, now })?;
            if until > expires {
                return Err(CreateCardError::AfterExpiration { hours, valid_until: until, expires });
            }
            Some(until)
        }
        (None, CardType::Temporary) => {
            let hours = context.temporary_validity_hours;
            Some(valid_until(now, hours).ok_or(CreateCardError::PeriodOverflow { hours, now })?.min(expires))
        }
        (None, CardType::Plastic | CardType::Virtual | CardType::Recurring) => None,
    })
}

impl ExistingCard {
    /// The one-active-card rule (domain.md §11.8): no card of the customer that is not
    /// terminated has this type and name.
    pub(crate) fn check_one_active(
        cards: &[Self],
        card_type: CardType,
        name: &CardName,
    ) -> Result<(), CreateCardError> {
        let conflict = cards
            .iter()
            .any(|card| card.card_type == card_type && card.name == name.as_str() && !card.status.is_terminated());
        if conflict {
            Err(CreateCardError::AlreadyActive { card_type, name: name.as_str().to_owned() })
        } else {
            Ok(())
        }
    }
}

/// An instant as the API writes it: RFC 3339, UTC, whole seconds.
fn rfc3339(instant: &DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Why Create card refused a valid request (domain.md §6, §7, §11.8, §11.18).
///
/// ```
/// use card_lifecycle::{create_card, Context, CreateCardInput};
/// use card_lifecycle::lifecycle::CreateCardError;
/// use card_lifecycle::request::CreateCard;
/// use card_lifecycle::rule::Rule;
/// use chrono::DateTime;
///
/// let request = CreateCard::parse(&serde_json::json!({ "name": "x", "type": "PLASTIC", "expiration_date": "2512" }))?;
/// let now = Context::new("2026-01-01T00:00:00Z".parse()?);
/// let error = create_card(&request, &CreateCardInput::default(), &now).unwrap_err();
/// assert!(matches!(error, CreateCardError::ExpirationPassed { .. }));
/// assert_eq!(error.rule(), Rule::CreateValidity);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CreateCardError {
    /// `now + validity_period_hours` is after the last second of the expiration month (§11.18).
    #[error(
        "validity_period_hours {hours} gives valid_until {} after the expiration date's last second {}",
        rfc3339(valid_until),
        rfc3339(expires)
    )]
    AfterExpiration {
        /// The hours asked for.
        hours: u32,
        /// `now + validity_period_hours`.
        valid_until: DateTime<Utc>,
        /// The last second of the expiration month.
        expires: DateTime<Utc>,
    },
    /// The validity period cannot be added to `now` without leaving the calendar.
    #[error("validity of {hours} hours is too large to add to {}", rfc3339(now))]
    PeriodOverflow {
        /// The hours.
        hours: u32,
        /// The creation instant.
        now: DateTime<Utc>,
    },
    /// The program's expiration lands outside the years `yymm` can name.
    #[error(
        "expiration_date is {months} months after {}, outside the years 2000 to 2099 that yymm can name",
        rfc3339(now)
    )]
    ExpirationOutOfRange {
        /// The creation instant.
        now: DateTime<Utc>,
        /// The program's card expiration in months.
        months: u32,
    },
    /// The expiration month has already ended (our position: no card is born expired).
    #[error("expiration_date \"{expiration_date}\" has already passed at {}", rfc3339(now))]
    ExpirationPassed {
        /// The expiration month.
        expiration_date: ExpirationDate,
        /// The creation instant.
        now: DateTime<Utc>,
    },
    /// The customer already holds a card of this type and name that is not terminated
    /// (§11.8).
    #[error("{}: {card_type} {name:?}", Rule::CreateOneActivePerTypeAndName.message())]
    AlreadyActive {
        /// The type asked for.
        card_type: CardType,
        /// The name the card would have.
        name: String,
    },
}

impl CreateCardError {
    /// The rule that refused.
    #[must_use]
    pub const fn rule(&self) -> Rule {
        match self {
            Self::AfterExpiration { .. }
            | Self::PeriodOverflow { .. }
            | Self::ExpirationOutOfRange { .. }
            | Self::ExpirationPassed { .. } => Rule::CreateValidity,
            Self::AlreadyActive { .. } => Rule::CreateOneActivePerTypeAndName,
        }
    }
}
