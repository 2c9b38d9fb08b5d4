//! One typed request for every operation, read from the API's parts: the method and path (its
//! path values), the headers and the body's bytes. A handler is then parse → load → decide →
//! save → answer, and none of its lines is about the wire.
//!
//! Layer `wire`; the layers are listed in `lib.rs`.

use crate::card::CardKind;
use crate::decide::Command;
use crate::error::Error;
use crate::operation::Operation;
use crate::request::UnknownCard;
use crate::request::create::CreateCard;
use crate::request::embossing::Reembossing;
use crate::request::embossing::StartEmbossing;
use crate::request::headers::IdempotencyKey;
use crate::request::life::IncreasePasswordTries;
use crate::request::life::ReissueCard;
use crate::request::life::RenewExpiration;
use crate::request::life::RenewValidity;
use crate::request::life::UpdateCardInformation;
use crate::request::password::ChangeCardPassword;
use crate::request::status::UpdateCardStatus;
use crate::request::{FieldError, FieldRule, InvalidRequest};
use crate::value::ids::AccountId;
use crate::value::ids::CardId;
use crate::value::ids::CustomerId;
use crate::value::ids::Owner;

/// An API request, parsed: the operation, its path values and its typed body.
///
/// ```
/// use card_lifecycle::{ApiRequest, CardId, Command, CardStatus, RequestBody};
/// let request = ApiRequest::parse("PUT", "/wallet/v1/customers/7/accounts/70/cards/12/status", |_| None,
///     br#"{"status":"BLOCKED"}"#).ok_or("routed")??;
/// assert_eq!(request.card_id, Some(CardId::new(12)?));
/// assert_eq!(request.body, RequestBody::Command(Command::UpdateStatus { status: CardStatus::Blocked }));
/// // A path the API does not have is the server's own 404.
/// assert!(ApiRequest::parse("GET", "/nowhere", |_| None, b"").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiRequest {
    /// The operation.
    pub operation: Operation,
    /// The path's `cardId`.
    pub card_id: Option<CardId>,
    /// The path's `customerId`, or Create card's `x-customer-id`.
    pub customer_id: Option<CustomerId>,
    /// The path's `accountId`.
    pub account_id: Option<AccountId>,
    /// The typed body.
    pub body: RequestBody,
}

/// What a request asks, typed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestBody {
    /// A decision on one card: [`decide`](crate::decide) with this command (activation: with
    /// the cards it replaces, [`activate_replacement`](crate::activate_replacement)).
    Command(Command),
    /// Create card, and its idempotency key. The body's verdict is kept rather than answered:
    /// a repeated key answers the first answer whatever the new body says (domain.md §11.9), so
    /// a bad body's 400 comes only after the key is looked up.
    ///
    /// ```
    /// use card_lifecycle::{ApiRequest, Context, CreateCardInput, Error, RequestBody, create_card};
    /// let header = |name: &str| (name == "x-customer-id").then_some("7");
    /// let body = br#"{"name": "x", "type": "PLASTIC"}"#;
    /// let request = ApiRequest::parse("POST", "/wallet/v2/cards", header, body).ok_or("a route")??;
    /// if let RequestBody::CreateCard { request: body, .. } = &request.body {
    ///     // The key was looked up first; now the body's 400, if any, is the answer.
    ///     let body = body.as_ref().map_err(|invalid| Error::from(invalid.clone()))?;
    ///     let created = create_card(body, &CreateCardInput::default(), &Context::new("2026-03-01T12:00:00Z".parse()?))?;
    ///     assert_eq!(created.card.card_type.as_str(), "PLASTIC");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CreateCard {
        /// The body, or its 400.
        request: Result<Box<CreateCard>, InvalidRequest>,
        /// `x-idempotency-key`.
        idempotency_key: Option<IdempotencyKey>,
    },
    /// Reissue card.
    Reissue(ReissueCard),
    /// Update card information.
    Information(Box<UpdateCardInformation>),
    /// Start card embossing.
    StartEmbossing(StartEmbossing),
    /// Resend cards for embossing.
    Reembossing(Reembossing),
}

impl ApiRequest {
    /// Reads a request: `None` when no operation of the API has this method and path (the
    /// server's own 404); else the typed request, or the API's 400 for a bad path value,
    /// header or body. `header` looks a header up by its lower-case name.
    ///
    /// # Errors
    ///
    /// Inside the `Some`: [`Error`] with the 400 of the operation (`cardId` not an id,
    /// `customerId` or `accountId` not an integer, `x-customer-id` missing, a body that breaks
    /// its rules or is not JSON, §11.57).
    pub fn parse<'h>(
        method: &str,
        path: &str,
        header: impl Fn(&str) -> Option<&'h str>,
        body: &[u8],
    ) -> Option<Result<Self, Error>> {
        let (operation, values) = Operation::from_route(method, path)?;
        Some(Self::parse_parts(operation, &values, header, body))
    }

    /// Reads a request already routed: `path_value` gives a path value by its name (`cardId`,
    /// `customerId`, `accountId`), as a router hands them over.
    ///
    /// # Errors
    ///
    /// As [`ApiRequest::parse`].
    ///
    /// ```
    /// use card_lifecycle::{ApiRequest, Operation};
    /// let values = [("cardId", "abc")];
    /// let path = |name: &str| values.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
    /// let error = ApiRequest::from_parts(Operation::PutCardsEmbossing, path, |_| None, b"").unwrap_err();
    /// assert_eq!(error.http_status(), 400);
    /// ```
    pub fn from_parts<'p, 'h>(
        operation: Operation,
        path_value: impl Fn(&str) -> Option<&'p str>,
        header: impl Fn(&str) -> Option<&'h str>,
        body: &[u8],
    ) -> Result<Self, Error> {
        let values: Vec<(String, String)> = ["cardId", "customerId", "accountId"]
            .into_iter()
            .filter_map(|name| path_value(name).map(|value| (name.to_owned(), value.to_owned())))
            .collect();
        Self::parse_parts(operation, &values, header, body)
    }

    fn parse_parts<'h>(
        operation: Operation,
        values: &[(String, String)],
        header: impl Fn(&str) -> Option<&'h str>,
        body: &[u8],
    ) -> Result<Self, Error> {
        let value = |name: &str| values.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
        let template = operation.route().map_or("", |(_, template)| template);
        // §12.59: the body first, then the path.
        let typed = body_of(operation, header(IDEMPOTENCY_KEY), body)?;
        let card_id =
            if template.contains("{cardId}") { Some(value("cardId").unwrap_or_default().parse()?) } else { None };
        let customer_id = match value("customerId") {
            Some(text) => Some(path_id(operation, "customerId", text)?),
            None if operation == Operation::PostV2Card => Some(CustomerId::from_header(header("x-customer-id"))?),
            None => None,
        };
        let account_id = value("accountId").map(|text| path_id(operation, "accountId", text)).transpose()?;
        Ok(Self { operation, card_id, customer_id, account_id, body: typed })
    }

    /// The API's 404 for a card reached through a path that is not its owner's (domain.md §10):
    /// a path that names a customer or an account must name the card's.
    ///
    /// # Errors
    ///
    /// [`UnknownCard`] (404 `card not found`) when the path names another customer or account.
    ///
    /// ```
    /// use card_lifecycle::{AccountId, ApiRequest, CustomerId, Owner};
    /// let request = ApiRequest::parse("PUT", "/wallet/v1/customers/7/accounts/70/cards/12/activate", |_| None, b"")
    ///     .ok_or("routed")??;
    /// assert!(request.check_owner(Owner { customer_id: CustomerId::new(7)?, account_id: AccountId::new(70)? }).is_ok());
    /// assert!(request.check_owner(Owner { customer_id: CustomerId::new(8)?, account_id: AccountId::new(70)? }).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_owner(&self, owner: Owner) -> Result<(), UnknownCard> {
        let path_customer = self.customer_id.filter(|_| self.operation != Operation::PostV2Card);
        let foreign = path_customer.is_some_and(|customer| customer != owner.customer_id)
            || self.account_id.is_some_and(|account| account != owner.account_id);
        match (foreign, self.card_id) {
            (true, Some(card_id)) => Err(UnknownCard { card_id: Some(card_id) }),
            _ => Ok(()),
        }
    }
}

/// The idempotency key's header.
const IDEMPOTENCY_KEY: &str = "x-idempotency-key";

/// The typed body of `operation`.
fn body_of(operation: Operation, key: Option<&str>, body: &[u8]) -> Result<RequestBody, Error> {
    let command = |command| Ok(RequestBody::Command(command));
    match operation {
        Operation::PostV2Card => Ok(RequestBody::CreateCard {
            request: CreateCard::from_slice(body).map(Box::new),
            idempotency_key: IdempotencyKey::from_header(key)?,
        }),
        Operation::PutV1CardStatus => command(UpdateCardStatus::from_slice(body)?.into()),
        Operation::PutV1CardActivate => command(Command::Activate),
        Operation::PostV2CardBind => command(Command::Bind),
        Operation::PutV1UpdatePanNominal => command(Command::UpdatePan { kind: CardKind::Nominal }),
        Operation::PutV1UpdatePanNoname => command(Command::UpdatePan { kind: CardKind::Noname }),
        Operation::PutV2CardPassword => command(ChangeCardPassword::from_slice(body)?.into()),
        Operation::PutCardsEmbossing => command(Command::AddToEmbossing),
        Operation::PatchV2CardExpirationRenew => command(RenewExpiration::from_slice(body)?.into()),
        Operation::PatchV2CardValidityRenew => command(RenewValidity::from_slice(body)?.into()),
        Operation::PostV2CardPasswordReset => command(Command::ResetPasswordTries),
        Operation::PostV2CardPasswordIncrease => command(IncreasePasswordTries::from_slice(body)?.into()),
        Operation::PostV1CardReissue => Ok(RequestBody::Reissue(ReissueCard::from_slice(body)?)),
        Operation::PatchV2Card => Ok(RequestBody::Information(Box::new(UpdateCardInformation::from_slice(body)?))),
        Operation::StartEmbossing => Ok(RequestBody::StartEmbossing(StartEmbossing::from_slice(body)?)),
        Operation::StartReembossing => Ok(RequestBody::Reembossing(Reembossing::from_slice(body)?)),
        Operation::Elapse => command(Command::Elapse),
        Operation::EmbossingCardIngress => command(Command::EmbossingIngress),
    }
}

/// A `customerId` or `accountId` path value: an integer from 1 to 2^63 − 1.
fn path_id<T: TryFrom<u64>>(operation: Operation, field: &'static str, text: &str) -> Result<T, InvalidRequest> {
    text.parse::<u64>().ok().and_then(|id| T::try_from(id).ok()).ok_or_else(|| {
        let value = Some(serde_json::Value::from(text).to_string());
        InvalidRequest::one(
            operation,
            FieldError { field, value, rule: FieldRule::Type { expected: "an integer from 1 to 2^63 - 1" } },
        )
    })
}
