//! The umbrella [`Error`], for callers that propagate any refusal, and the API's [`ErrorBody`].
//!
//! Each error lives beside what produces it (a parse error with its value type, a rule error
//! with its lifecycle function); the HTTP answer of a refusal is its rule's row
//! ([`crate::RuleRow`]).
//!
//! Layer `error`; the layers are listed in `lib.rs`.

use crate::auth::AuthError;
use crate::lifecycle::create::CreateCardError;
use crate::lifecycle::embossing::CheckEmbossingError;
use crate::lifecycle::information::UpdateInformationError;
use crate::lifecycle::issuing::{ActivateError, BindError, UpdatePanError};
use crate::lifecycle::reissue::ReissueError;
use crate::lifecycle::renewal::RenewError;
use crate::lifecycle::status::ChangeStatusError;
use crate::lifecycle::tries::PasswordTriesError;
use crate::request::{InvalidRequest, UnknownCard};
use crate::rule::Rule;
use crate::value::brand::ParseBrandError;
use crate::value::card_name::ParseCardNameError;
use crate::value::card_type::ParseCardTypeError;
use crate::value::expiration_date::ParseExpirationDateError;
use crate::value::ids::ParseCardIdError;
use crate::value::ids::ParseConfigIdError;
use crate::value::mode::ParseModeError;
use crate::value::mode::ParseModeTypeError;
use crate::value::pin_length::ParsePinLengthError;
use crate::value::printed_name::NormalizePrintedNameError;
use crate::value::printed_name::ParsePrintedNameError;
use crate::value::status::ParseCardStatusError;

/// Any refusal of the crate, for callers that only propagate, with the API's HTTP status and
/// error body ([`Error::to_body`]) and the stable id of the rule that refused ([`Error::rule`]).
///
/// ```
/// use card_lifecycle::{CardStatus, Error};
/// use card_lifecycle::lifecycle::check_status_change;
/// use card_lifecycle::rule::Rule;
///
/// let error = Error::from(check_status_change(CardStatus::Lost, CardStatus::Normal, true).unwrap_err());
/// assert_eq!(error.rule(), Rule::TerminationIsFinal);
/// let body = error.to_body();
/// assert_eq!((body.status, body.error.as_ref()), (409, "conflict"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`ParseCardStatusError`].
    #[error(transparent)]
    ParseCardStatus(#[from] ParseCardStatusError),
    /// See [`ParseCardTypeError`].
    #[error(transparent)]
    ParseCardType(#[from] ParseCardTypeError),
    /// See [`ParseModeError`].
    #[error(transparent)]
    ParseMode(#[from] ParseModeError),
    /// See [`ParseModeTypeError`].
    #[error(transparent)]
    ParseModeType(#[from] ParseModeTypeError),
    /// See [`ParseBrandError`].
    #[error(transparent)]
    ParseBrand(#[from] ParseBrandError),
    /// See [`ParsePinLengthError`].
    #[error(transparent)]
    ParsePinLength(#[from] ParsePinLengthError),
    /// See [`ParseExpirationDateError`].
    #[error(transparent)]
    ParseExpirationDate(#[from] ParseExpirationDateError),
    /// See [`ParseCardNameError`].
    #[error(transparent)]
    ParseCardName(#[from] ParseCardNameError),
    /// See [`ParsePrintedNameError`].
    #[error(transparent)]
    ParsePrintedName(#[from] ParsePrintedNameError),
    /// See [`ParseConfigIdError`].
    #[error(transparent)]
    ParseConfigId(#[from] ParseConfigIdError),
    /// See [`NormalizePrintedNameError`].
    #[error(transparent)]
    NormalizePrintedName(#[from] NormalizePrintedNameError),
    /// See [`ParseCardIdError`].
    #[error(transparent)]
    ParseCardId(#[from] ParseCardIdError),
    /// See [`UnknownCard`].
    #[error(transparent)]
    UnknownCard(#[from] UnknownCard),
    /// See [`InvalidRequest`].
    #[error(transparent)]
    InvalidRequest(#[from] InvalidRequest),
    /// See [`ChangeStatusError`].
    #[error(transparent)]
    ChangeStatus(#[from] ChangeStatusError),
    /// See [`ActivateError`].
    #[error(transparent)]
    Activate(#[from] ActivateError),
    /// See [`BindError`].
    #[error(transparent)]
    Bind(#[from] BindError),
    /// See [`UpdatePanError`].
    #[error(transparent)]
    UpdatePan(#[from] UpdatePanError),
    /// See [`CheckEmbossingError`].
    #[error(transparent)]
    CheckEmbossing(#[from] CheckEmbossingError),
    /// See [`CreateCardError`].
    #[error(transparent)]
    CreateCard(#[from] CreateCardError),
    /// Who may not call.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// A refused reissue.
    #[error(transparent)]
    Reissue(#[from] ReissueError),
    /// A refused renewal.
    #[error(transparent)]
    Renew(#[from] RenewError),
    /// A refused PIN-try request.
    #[error(transparent)]
    PasswordTries(#[from] PasswordTriesError),
    /// A refused card information update.
    #[error(transparent)]
    UpdateInformation(#[from] UpdateInformationError),
}

/// The API's error body: `{"message", "error", "status", "error_code"}` (domain.md §10).
///
/// Where a page documents the body, this is that body byte for byte (§11.38): the documented
/// `message` (the operator's detail stays in the error's `Display`), and no `error_code` on
/// the pages whose body has none (Start card embossing, Resend cards for embossing).
/// Elsewhere `error_code` is empty, as in every example the API documents.
///
/// ```
/// use card_lifecycle::{CardId, Error};
/// use card_lifecycle::lifecycle::CheckEmbossingError;
/// let error = Error::from(CheckEmbossingError::CardNotFound { card_id: CardId::new(5)? });
/// assert_eq!(serde_json::to_value(error.to_body())?, serde_json::json!({
///     "message": "card not found", "error": "not_found", "status": 404, "error_code": "" }));
/// assert_eq!(error.to_string(), "card not found: card 5 is not ready for embossing yet");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    /// The error's message.
    pub message: String,
    /// The API's error string: `bad_request`, `not_found`, `StatusNotAcceptable`, `conflict`.
    pub error: std::borrow::Cow<'static, str>,
    /// The HTTP status.
    pub status: u16,
    /// Empty where the body has the field; absent where the page's documented body has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
}

impl Error {
    /// The HTTP status and error body the API answers with: the refusing rule's row
    /// ([`Rule::row`]) gives the status, the `error` string, and the documented message where a
    /// page documents one (domain.md §10, §11.38); otherwise the message is this error's own.
    ///
    /// ```
    /// use card_lifecycle::Error;
    /// use card_lifecycle::request::UpdateCardStatus;
    /// let error = Error::from(UpdateCardStatus::parse(&serde_json::json!({})).unwrap_err());
    /// let body = error.to_body();
    /// assert_eq!((body.status, body.error.as_ref()), (400, "bad_request"));
    /// assert_eq!(body.message, "invalid update card status request: status is required");
    /// ```
    #[must_use]
    pub fn to_body(&self) -> ErrorBody {
        let row = self.rule().row();
        ErrorBody {
            message: row.message.map_or_else(|| self.to_string(), str::to_owned),
            error: row.error.into(),
            status: row.status,
            error_code: row.error_code.then(String::new),
        }
    }

    /// The HTTP status alone.
    ///
    /// ```
    /// use card_lifecycle::{CardId, Error};
    /// use card_lifecycle::lifecycle::CheckEmbossingError;
    /// assert_eq!(Error::from(CheckEmbossingError::AlreadyEmbossed { card_id: CardId::new(1)? }).http_status(), 406);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.rule().row().status
    }

    /// The rule that refused, listed with its source in `docs/rules.md`.
    ///
    /// ```
    /// use card_lifecycle::Error;
    /// use card_lifecycle::request::UpdateCardStatus;
    /// use card_lifecycle::rule::Rule;
    /// let error = Error::from(UpdateCardStatus::parse(&serde_json::json!({})).unwrap_err());
    /// assert_eq!(error.rule(), Rule::StatusBody);
    /// ```
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            Self::ParseCardStatus(_)
            | Self::ParseCardType(_)
            | Self::ParseMode(_)
            | Self::ParseModeType(_)
            | Self::ParseBrand(_)
            | Self::ParsePinLength(_)
            | Self::ParseExpirationDate(_)
            | Self::ParseCardName(_)
            | Self::ParsePrintedName(_)
            | Self::ParseConfigId(_)
            | Self::NormalizePrintedName(_) => Rule::WireValue,
            Self::ParseCardId(error) => error.rule(),
            Self::UnknownCard(_) => Rule::UnknownCard,
            Self::InvalidRequest(error) => error.rule(),
            Self::ChangeStatus(error) => error.rule(),
            Self::Activate(error) => error.rule(),
            Self::Bind(error) => error.rule(),
            Self::UpdatePan(error) => error.rule(),
            Self::CheckEmbossing(error) => error.rule(),
            Self::CreateCard(error) => error.rule(),
            Self::Auth(error) => error.rule(),
            Self::Reissue(error) => error.rule(),
            Self::Renew(error) => error.rule(),
            Self::PasswordTries(error) => error.rule(),
            Self::UpdateInformation(error) => error.rule(),
        }
    }
}
