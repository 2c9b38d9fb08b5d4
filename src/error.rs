//! Every way the crate says no, the umbrella [`Error`], its rule identifiers and its one
//! mapping to the API's HTTP status and error body.

use chrono::{DateTime, Utc};

use crate::{CardId, CardName, CardStatus, CardType, EmbossingErrorTypes, PrintedName, Rule};

/// The `message` of S3's documented 404 body (domain.md §5, §11.38).
const CARD_NOT_FOUND: &str = "card not found";
/// The `message` of S3's documented 406 body.
const CARD_ALREADY_EMBOSSED: &str = "Card already embossed";
/// The `message` of S4's documented 400 body.
const CONFIG_ID_REQUIRED: &str = "Field config_id is required";
/// The `message` of S5's documented 400 body.
const INVALID_REEMBOSSING_PAYLOAD: &str = "Invalid payload to reembossing, cards is required";
/// S1's text for the 409 answer of Create card.
const ALREADY_ACTIVE: &str = "You already have a card with this type and name active";

/// Declares the parse error of a wire enum: it quotes the input and lists every accepted
/// spelling, taken from the enum itself so the list cannot drift.
macro_rules! parse_enum_error {
    ($(#[$doc:meta])* $error:ident, $target:ty, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $error {
            text: String,
        }

        impl $error {
            /// The error for `text`; strum calls this when no spelling matches.
            ///
            /// ```
            #[doc = concat!("let error = card_lifecycle::", stringify!($error), "::new(\"x\");")]
            /// assert_eq!(error.text(), "x");
            /// ```
            #[must_use]
            pub fn new(text: &str) -> Self {
                Self { text: text.to_owned() }
            }

            /// The text that did not parse.
            ///
            /// ```
            #[doc = concat!("let error = card_lifecycle::", stringify!($error), "::new(\"x\");")]
            /// assert!(error.to_string().contains(r#""x""#));
            /// ```
            #[must_use]
            pub fn text(&self) -> &str {
                &self.text
            }
        }

        impl std::fmt::Display for $error {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, concat!("unknown ", $what, " {:?}, expected one of "), self.text)?;
                let names = <$target as strum::IntoEnumIterator>::iter().map(<$target>::as_str);
                for (index, name) in names.enumerate() {
                    let separator = if index == 0 { "" } else { ", " };
                    write!(formatter, "{separator}{name}")?;
                }
                Ok(())
            }
        }

        impl std::error::Error for $error {}
    };
}

parse_enum_error!(
    /// A string that is not a [`CardStatus`].
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// let error = "normal".parse::<CardStatus>().unwrap_err();
    /// assert!(error.to_string().starts_with(r#"unknown card status "normal", expected one of CREATED"#));
    /// ```
    ParseCardStatusError, crate::CardStatus, "card status"
);
parse_enum_error!(
    /// A string that is not a [`CardType`].
    ///
    /// ```
    /// use card_lifecycle::CardType;
    /// let error = "METAL".parse::<CardType>().unwrap_err();
    /// assert_eq!(error.to_string(), r#"unknown card type "METAL", expected one of PLASTIC, VIRTUAL, RECURRING, TEMPORARY"#);
    /// ```
    ParseCardTypeError, crate::CardType, "card type"
);
parse_enum_error!(
    /// A string that is not a [`crate::Mode`].
    ///
    /// ```
    /// assert!("SINGLE".parse::<card_lifecycle::Mode>().is_err());
    /// ```
    ParseModeError, crate::Mode, "mode"
);
parse_enum_error!(
    /// A string that is not a [`crate::ModeType`].
    ///
    /// ```
    /// assert!("CREDIT".parse::<card_lifecycle::ModeType>().is_err());
    /// ```
    ParseModeTypeError, crate::ModeType, "mode_type"
);
parse_enum_error!(
    /// A string that is not a [`crate::Brand`] in any letter case.
    ///
    /// ```
    /// assert!("AMEX".parse::<card_lifecycle::Brand>().is_err());
    /// ```
    ParseBrandError, crate::Brand, "brand"
);
parse_enum_error!(
    /// A string that is not a [`crate::EmbossingMode`].
    ///
    /// ```
    /// assert!("DAILY".parse::<card_lifecycle::EmbossingMode>().is_err());
    /// ```
    ParseEmbossingModeError, crate::EmbossingMode, "embossing mode"
);
parse_enum_error!(
    /// A string that is not a [`crate::PhysicalInitialStatus`].
    ///
    /// ```
    /// assert!("BLOCKED".parse::<card_lifecycle::PhysicalInitialStatus>().is_err());
    /// ```
    ParsePhysicalInitialStatusError, crate::PhysicalInitialStatus, "physical initial status"
);

/// A number that is not a PIN length (4 or 6).
///
/// ```
/// use card_lifecycle::PinLength;
/// assert_eq!(PinLength::parse(5).unwrap_err().to_string(), "pin_length 5 must be 4 or 6");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("pin_length {digits} must be 4 or 6")]
pub struct ParsePinLengthError {
    pub(crate) digits: i64,
}

/// A string that is neither `yymm` nor an RFC 3339 instant in 2000–2099.
///
/// ```
/// use card_lifecycle::ExpirationDate;
/// let error = ExpirationDate::parse("2813").unwrap_err();
/// assert_eq!(error.to_string(), r#"expiration_date "2813" must be yymm with a month from 01 to 12"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expiration_date {text:?} must be yymm with a month from 01 to 12")]
pub struct ParseExpirationDateError {
    pub(crate) text: String,
}

/// A card name outside 1 to 50 characters.
///
/// ```
/// use card_lifecycle::CardName;
/// assert_eq!(CardName::parse("").unwrap_err().to_string(), r#"name "" must have 1 to 50 characters, not 0"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("name {text:?} must have {min} to {max} characters, not {length}",
    min = CardName::MIN_LENGTH, max = CardName::MAX_LENGTH)]
pub struct ParseCardNameError {
    pub(crate) text: String,
    pub(crate) length: usize,
}

/// Why a text is not a [`PrintedName`].
///
/// ```
/// use card_lifecycle::PrintedName;
/// let error = PrintedName::parse("A").unwrap_err();
/// assert_eq!(error.to_string(), r#"printed name "A" must have 2 to 26 characters, not 1"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParsePrintedNameError {
    /// Too short or too long.
    #[error("printed name {text:?} must have {min} to {max} characters, not {length}",
        min = PrintedName::MIN_LENGTH, max = PrintedName::MAX_LENGTH)]
    Length {
        /// The text.
        text: String,
        /// Its length in characters.
        length: usize,
    },
    /// A character that is neither an ASCII letter nor a space.
    #[error(
        "printed name {text:?} has {character:?} at position {position}, \
             only ASCII letters and spaces are allowed"
    )]
    Character {
        /// The text.
        text: String,
        /// The first character not allowed.
        character: char,
        /// Its position, counted in characters from 0.
        position: usize,
    },
    /// Only spaces: a printed name needs a letter (§11.37).
    #[error("printed name {text:?} has no letter: a printed name needs at least one")]
    NoLetter {
        /// The text.
        text: String,
    },
}

/// A real name that [`PrintedName::normalize`] cannot turn into a printed name.
///
/// ```
/// use card_lifecycle::PrintedName;
/// let error = PrintedName::normalize("J.").unwrap_err();
/// assert_eq!(error.to_string(),
///     r#"cannot make a printed name of "J.": printed name "J" must have 2 to 26 characters, not 1"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot make a printed name of {name:?}: {reason}")]
pub struct NormalizePrintedNameError {
    /// The name given.
    pub name: String,
    /// Why the normalized text is still not valid.
    pub reason: ParsePrintedNameError,
}

/// Why Update card status refused (domain.md §4, §8, §11.10–11, 21).
///
/// ```
/// use card_lifecycle::{check_status_change, CardStatus, ChangeStatusError};
/// let error = check_status_change(CardStatus::Theft, CardStatus::Normal).unwrap_err();
/// assert!(matches!(error, ChangeStatusError::TerminationIsFinal { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChangeStatusError {
    /// The body is not a JSON object.
    #[error("the status change body must be a JSON object with a status, not {body}")]
    BodyNotObject {
        /// The body as sent, compact JSON.
        body: String,
    },
    /// The body has no `status`.
    #[error("the field status is required")]
    StatusMissing,
    /// `status` is not a string.
    #[error("status must be a string, not {value}")]
    StatusNotString {
        /// The value as sent, compact JSON.
        value: String,
    },
    /// `status` is not a card status.
    #[error(transparent)]
    UnknownStatus(#[from] crate::ParseCardStatusError),
    /// `CREATED` becomes `NORMAL` only by Activate physical card (§4 rows 7–8).
    #[error("status {from} cannot become {to} by a status change: a physical card becomes NORMAL only by activation")]
    ActivationRequired {
        /// The card's status.
        from: CardStatus,
        /// The status asked for.
        to: CardStatus,
    },
    /// Initial statuses and `REISSUED` are set only by create, bind, PAN update and reissue
    /// (§4 row 16, §11.11).
    #[error(
        "status {from} cannot become {to} by a status change: {to} is set only by creating, binding, numbering or reissuing a card"
    )]
    SetByOperation {
        /// The card's status.
        from: CardStatus,
        /// The status asked for.
        to: CardStatus,
    },
    /// A terminated card never becomes active or blocked again (§4 row 14, §11.3).
    #[error("status {from} cannot become {to}: {from} is a termination status, and a terminated card stays terminated")]
    TerminationIsFinal {
        /// The card's status.
        from: CardStatus,
        /// The status asked for.
        to: CardStatus,
    },
    /// An `UNBOUND` card must be bound and an `UNNUMBERED` one numbered before it can be
    /// used or blocked (our position; §4 rows 5–6, 17).
    #[error(
        "status {from} cannot become {to}: an UNBOUND card must be bound and an UNNUMBERED card given its PAN first"
    )]
    IssueFirst {
        /// The card's status.
        from: CardStatus,
        /// The status asked for.
        to: CardStatus,
    },
}

/// Why Activate physical card refused (domain.md §4 row 7, §11.12).
///
/// ```
/// use card_lifecycle::{decide, Card, CardId, CardStatus, CardType, Command, Context, Error};
/// use chrono::DateTime;
///
/// let card = Card::new(CardId(1), CardType::Plastic, CardStatus::Blocked);
/// let error = decide(&card, &Command::Activate, &Context::new(DateTime::UNIX_EPOCH)).unwrap_err();
/// assert_eq!(error.to_body().status, 409);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ActivateError {
    /// Only physical cards are activated.
    #[error("card {card_id} is {card_type}: only PLASTIC cards are activated")]
    NotPlastic {
        /// The card.
        card_id: CardId,
        /// Its type.
        card_type: CardType,
    },
    /// Only `CREATED` cards are activated.
    #[error("card {card_id} is {status}: only a CREATED card can be activated")]
    NotCreated {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

/// Why Associate noname card with customer refused (domain.md §4 row 5).
///
/// ```
/// use card_lifecycle::{BindError, CardId, CardStatus};
/// let error = BindError::NotUnbound { card_id: CardId(3), status: CardStatus::Created };
/// assert_eq!(error.to_string(), "card 3 is CREATED: only an UNBOUND card can be bound to a customer");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BindError {
    /// The card is not `UNBOUND`.
    #[error("card {card_id} is {status}: only an UNBOUND card can be bound to a customer")]
    NotUnbound {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

/// Why Update nominal/noname card PAN refused (domain.md §4 row 6).
///
/// ```
/// use card_lifecycle::{CardId, CardStatus, UpdatePanError};
/// let error = UpdatePanError::NotUnnumbered { card_id: CardId(3), status: CardStatus::Normal };
/// assert_eq!(error.to_string(), "card 3 is NORMAL: only an UNNUMBERED card can be given a PAN");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UpdatePanError {
    /// The endpoint is for the other kind: the nominal one numbers only nominal cards, the
    /// noname one only noname cards (§11.29).
    #[error("card {card_id} is a {kind} card: the {endpoint} PAN endpoint numbers only {endpoint} cards",
        kind = kind.as_str(), endpoint = endpoint.as_str())]
    WrongEndpoint {
        /// The card.
        card_id: CardId,
        /// The card's kind.
        kind: crate::CardKind,
        /// The endpoint's kind.
        endpoint: crate::CardKind,
    },
    /// The card is not `UNNUMBERED`.
    #[error("card {card_id} is {status}: only an UNNUMBERED card can be given a PAN")]
    NotUnnumbered {
        /// The card.
        card_id: CardId,
        /// Its status.
        status: CardStatus,
    },
}

/// Why a card cannot go to the embosser (domain.md §5, §11.13–14).
///
/// ```
/// use card_lifecycle::{check_embossing, Card, CardId, CardStatus, CardType, Context};
/// let card = Card::new(CardId(9), CardType::Virtual, CardStatus::Blocked);
/// let error = check_embossing(&card, &Context::new(chrono::DateTime::UNIX_EPOCH)).unwrap_err();
/// assert_eq!(error.to_string(),
///     "card 9 cannot be embossed: card_type_invalid (VIRTUAL is not a physical card), \
///      card_status_invalid (BLOCKED is not embossed in SCHEDULED mode), \
///      card_pci_password_unchanged (the password must be changed first)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckEmbossingError {
    /// The embossing service does not know the card yet: "Card can be added to next scheduled
    /// embossing" has not happened (§5).
    #[error("{CARD_NOT_FOUND}: card {card_id} is not ready for embossing yet")]
    CardNotFound {
        /// The card.
        card_id: CardId,
    },
    /// The card is queued for the next file, or was in one and no resend reset it (§11.14).
    #[error("{CARD_ALREADY_EMBOSSED}: card {card_id} is already queued or in an embossing file")]
    AlreadyEmbossed {
        /// The card.
        card_id: CardId,
    },
    /// The card fails one or more eligibility rules; every reason is listed.
    #[error("card {card_id} cannot be embossed: {}", reasons.describe(*card_type, *status, *mode))]
    Ineligible {
        /// The card.
        card_id: CardId,
        /// Its type.
        card_type: CardType,
        /// Its status.
        status: CardStatus,
        /// The embossing mode that was applied.
        mode: crate::EmbossingMode,
        /// Every rule the card fails, never empty.
        reasons: EmbossingErrorTypes,
    },
}

/// Why a Resend cards for embossing body was refused (domain.md §5).
///
/// ```
/// use card_lifecycle::Reembossing;
/// let error = Reembossing::parse(&serde_json::json!({})).unwrap_err();
/// assert!(error.to_string().starts_with("Invalid payload to reembossing, cards is required"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReembossingError {
    /// `cards` is missing or is not an array of card ids.
    #[error("{INVALID_REEMBOSSING_PAYLOAD}: {reason}")]
    InvalidPayload {
        /// What is wrong with the body.
        reason: String,
    },
}

/// Why a Start card embossing body was refused (domain.md §5).
///
/// ```
/// use card_lifecycle::StartEmbossing;
/// let error = StartEmbossing::parse(&serde_json::json!({ "cards": [1] })).unwrap_err();
/// assert_eq!(error.to_string(), "Field config_id is required");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StartEmbossingError {
    /// `config_id` is missing.
    #[error("{CONFIG_ID_REQUIRED}")]
    ConfigIdRequired,
    /// A field is present but malformed.
    #[error("{field} {problem}, not {value}")]
    InvalidField {
        /// The field.
        field: &'static str,
        /// The value as sent, compact JSON.
        value: String,
        /// The rule it breaks.
        problem: &'static str,
    },
}

/// Why Create card refused (domain.md §6, §7, §11.4–9, 18–19).
///
/// ```
/// use card_lifecycle::{create_card, Context, CreateCardError, CreateCardInput, Error};
/// use chrono::DateTime;
///
/// let body = serde_json::json!({ "type": "VIRTUAL", "pin_length": 5 });
/// let error = create_card(&body, &CreateCardInput::default(), &Context::new(DateTime::UNIX_EPOCH)).unwrap_err();
/// assert_eq!(error.to_body().status, 400);
/// assert!(matches!(error, Error::CreateCard(CreateCardError::Invalid { ref fields }) if fields.len() == 3));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CreateCardError {
    /// One or more fields break their rules; every one is listed.
    #[error("invalid create card request: {}", join(fields))]
    Invalid {
        /// Every field that failed, in the order of the `CreateCard` schema.
        fields: Vec<FieldError>,
    },
    /// The customer already holds a card of this type and name that is not terminated
    /// (§11.8).
    #[error("{ALREADY_ACTIVE}: {card_type} {name:?}")]
    AlreadyActive {
        /// The type asked for.
        card_type: CardType,
        /// The name the card would have.
        name: String,
    },
}

fn join(fields: &[FieldError]) -> String {
    fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// One field of a request that breaks a rule: the field, the value as sent and the rule.
///
/// ```
/// use card_lifecycle::{FieldError, FieldRule};
/// let error = FieldError { field: "pin_length", value: Some("5".into()), rule: FieldRule::OneOf { values: "4, 6" } };
/// assert_eq!(error.to_string(), "pin_length 5 must be one of 4, 6");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    /// The field's name in the API's schema.
    pub field: &'static str,
    /// The value as sent, compact JSON; `None` when the field is missing.
    pub value: Option<String>,
    /// The rule it breaks.
    pub rule: FieldRule,
}

impl FieldError {
    /// The most characters of a value a message quotes; longer values are cut with `…`.
    pub const MAX_QUOTED: usize = 64;
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.rule, &self.value) {
            // The value type's own message already quotes the value.
            (FieldRule::Value(message), _) => write!(formatter, "{}: {message}", self.field),
            (rule, None) => write!(formatter, "{} {rule}", self.field),
            (rule, Some(value)) => {
                let mut quoted: String = value.chars().take(Self::MAX_QUOTED).collect();
                if quoted.len() < value.len() {
                    quoted.push('…');
                }
                write!(formatter, "{} {quoted} {rule}", self.field)
            }
        }
    }
}

/// An instant as the API writes it: RFC 3339, UTC, whole seconds.
fn rfc3339(instant: &DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The rule a request field breaks.
///
/// ```
/// use card_lifecycle::FieldRule;
/// assert_eq!(FieldRule::Range { min: 0, max: 4320 }.to_string(), "must be from 0 to 4320");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldRule {
    /// The field is required.
    #[error("is required")]
    Required,
    /// The field is required for this card type.
    #[error("is required for {card_type} cards")]
    RequiredForType {
        /// The type.
        card_type: CardType,
    },
    /// The field is required when `status` is `UNNUMBERED`.
    #[error("is required when status is UNNUMBERED")]
    RequiredWhenUnnumbered,
    /// The field is not accepted for this card type.
    #[error("is not accepted for {card_type} cards")]
    NotForType {
        /// The type.
        card_type: CardType,
    },
    /// The JSON type is wrong.
    #[error("must be {expected}")]
    Type {
        /// What the schema asks for.
        expected: &'static str,
    },
    /// The value is not one of a closed list.
    #[error("must be one of {values}")]
    OneOf {
        /// The accepted values.
        values: &'static str,
    },
    /// A string outside its length limits, in characters.
    #[error("must have {min} to {max} characters")]
    Length {
        /// The fewest characters.
        min: usize,
        /// The most characters.
        max: usize,
    },
    /// An integer outside its range.
    #[error("must be from {min} to {max}")]
    Range {
        /// The lowest value.
        min: i64,
        /// The highest value.
        max: i64,
    },
    /// The body is not a JSON object with the schema's fields.
    #[error("is not a JSON object of the CreateCard schema: {reason}")]
    Json {
        /// serde's message, with the position.
        reason: String,
    },
    /// The value type's own rule, as its parse error states it (quoting the value).
    #[error("{0}")]
    Value(String),
    /// A string that is not a non-negative decimal number.
    #[error("must be a non-negative decimal string such as \"500.00\"")]
    Decimal,
    /// `metadata` is larger than allowed.
    #[error("must be at most {max} bytes of compact JSON, not {size}")]
    Size {
        /// The limit.
        max: usize,
        /// The size sent.
        size: usize,
    },
    /// The computed `valid_until` is after the card's expiration (§11.18).
    #[error("gives valid_until {} after the expiration date's last second {}", rfc3339(valid_until), rfc3339(expires))]
    AfterExpiration {
        /// `now + validity_period_hours`.
        valid_until: DateTime<Utc>,
        /// The last second of the expiration month.
        expires: DateTime<Utc>,
    },
    /// The validity period cannot be added to `now` without leaving chrono's range.
    #[error("is too large to add to {}", rfc3339(now))]
    Overflow {
        /// The creation instant.
        now: DateTime<Utc>,
    },
    /// The program's expiration lands outside the years `yymm` can name.
    #[error("is {months} months after {}, outside the years 2000 to 2099 that yymm can name", rfc3339(now))]
    ExpirationOutOfRange {
        /// The creation instant.
        now: DateTime<Utc>,
        /// The program's card expiration in months.
        months: u32,
    },
    /// The expiration month has already ended.
    #[error("has already passed at {}", rfc3339(now))]
    Passed {
        /// The creation instant.
        now: DateTime<Utc>,
    },
}

/// Why a batch of cards in struct-of-arrays form cannot be swept.
///
/// ```
/// use card_lifecycle::{sweep_columns, CardStatus};
/// use chrono::DateTime;
/// let error = sweep_columns(&[CardStatus::Normal], &[], DateTime::UNIX_EPOCH).err();
/// assert_eq!(error.map(|error| error.to_string()).as_deref(),
///     Some("statuses has 1 entries but valid_until has 0: the columns must be parallel"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("statuses has {statuses} entries but valid_until has {valid_until}: the columns must be parallel")]
pub struct SweepError {
    /// The length of the statuses column.
    pub statuses: usize,
    /// The length of the `valid_until` column.
    pub valid_until: usize,
}

/// Any refusal of the crate, for callers that only propagate, with the API's HTTP status and
/// error body ([`Error::to_body`]) and the stable id of the rule that refused ([`Error::rule`]).
///
/// ```
/// use card_lifecycle::{check_status_change, CardStatus, Error, Rule};
///
/// let error = Error::from(check_status_change(CardStatus::Lost, CardStatus::Normal).unwrap_err());
/// assert_eq!(error.rule(), Rule::TerminationIsFinal);
/// let body = error.to_body();
/// assert_eq!((body.status, body.error), (409, "conflict"));
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
    /// See [`ParseEmbossingModeError`].
    #[error(transparent)]
    ParseEmbossingMode(#[from] ParseEmbossingModeError),
    /// See [`ParsePhysicalInitialStatusError`].
    #[error(transparent)]
    ParsePhysicalInitialStatus(#[from] ParsePhysicalInitialStatusError),
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
    /// See [`NormalizePrintedNameError`].
    #[error(transparent)]
    NormalizePrintedName(#[from] NormalizePrintedNameError),
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
    /// See [`ReembossingError`].
    #[error(transparent)]
    Reembossing(#[from] ReembossingError),
    /// See [`StartEmbossingError`].
    #[error(transparent)]
    StartEmbossing(#[from] StartEmbossingError),
    /// See [`CreateCardError`].
    #[error(transparent)]
    CreateCard(#[from] CreateCardError),
    /// See [`SweepError`].
    #[error(transparent)]
    Sweep(#[from] SweepError),
}

/// The API's error body: `{"message", "error", "status", "error_code"}` (domain.md §10).
///
/// Where a page documents the body, this is that body byte for byte (§11.38): the documented
/// `message` (the operator's detail stays in the error's `Display`), and no `error_code` on
/// the pages whose body has none (Start card embossing, Resend cards for embossing).
/// Elsewhere `error_code` is empty, as in every example the API documents.
///
/// ```
/// use card_lifecycle::{CardId, CheckEmbossingError, Error};
/// let error = Error::from(CheckEmbossingError::CardNotFound { card_id: CardId(5) });
/// assert_eq!(serde_json::to_value(error.to_body())?, serde_json::json!({
///     "message": "card not found", "error": "not_found", "status": 404, "error_code": "" }));
/// assert_eq!(error.to_string(), "card not found: card 5 is not ready for embossing yet");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ErrorBody {
    /// The error's message.
    pub message: String,
    /// The API's error string: `bad_request`, `not_found`, `StatusNotAcceptable`, `conflict`.
    pub error: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Empty where the body has the field; absent where the page's documented body has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
}

const BAD_REQUEST: (u16, &str) = (400, "bad_request");
const NOT_FOUND: (u16, &str) = (404, "not_found");
const NOT_ACCEPTABLE: (u16, &str) = (406, "StatusNotAcceptable");
const CONFLICT: (u16, &str) = (409, "conflict");

impl Error {
    /// The HTTP status and error body the API answers with (domain.md §10): 400 for a
    /// malformed request, 404 for a card the embossing service does not know, 406 for an
    /// embossing refusal, 409 for a lifecycle conflict.
    ///
    /// ```
    /// use card_lifecycle::{ChangeStatusError, Error};
    /// let body = Error::from(ChangeStatusError::StatusMissing).to_body();
    /// assert_eq!((body.status, body.error, body.message.as_str()), (400, "bad_request", "the field status is required"));
    /// ```
    #[must_use]
    pub fn to_body(&self) -> ErrorBody {
        let (status, error) = self.http();
        let message = self.documented_message().map_or_else(|| self.to_string(), str::to_owned);
        ErrorBody { message, error, status, error_code: self.has_error_code().then(String::new) }
    }

    /// The `message` a seed page documents for this refusal, if it documents one (§11.38).
    fn documented_message(&self) -> Option<&'static str> {
        match self {
            Self::CheckEmbossing(CheckEmbossingError::CardNotFound { .. }) => Some(CARD_NOT_FOUND),
            Self::CheckEmbossing(CheckEmbossingError::AlreadyEmbossed { .. }) => Some(CARD_ALREADY_EMBOSSED),
            Self::StartEmbossing(StartEmbossingError::ConfigIdRequired) => Some(CONFIG_ID_REQUIRED),
            Self::Reembossing(ReembossingError::InvalidPayload { .. }) => Some(INVALID_REEMBOSSING_PAYLOAD),
            Self::CreateCard(CreateCardError::AlreadyActive { .. }) => Some(ALREADY_ACTIVE),
            _ => None,
        }
    }

    /// Whether the body has `error_code`: not on the pages whose documented body has none.
    const fn has_error_code(&self) -> bool {
        !matches!(self, Self::StartEmbossing(_) | Self::Reembossing(_))
    }

    /// The HTTP status alone.
    ///
    /// ```
    /// use card_lifecycle::{CardId, CheckEmbossingError, Error};
    /// assert_eq!(Error::from(CheckEmbossingError::AlreadyEmbossed { card_id: CardId(1) }).http_status(), 406);
    /// ```
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.http().0
    }

    fn http(&self) -> (u16, &'static str) {
        match self {
            Self::ParseCardStatus(_)
            | Self::ParseCardType(_)
            | Self::ParseMode(_)
            | Self::ParseModeType(_)
            | Self::ParseBrand(_)
            | Self::ParseEmbossingMode(_)
            | Self::ParsePhysicalInitialStatus(_)
            | Self::ParsePinLength(_)
            | Self::ParseExpirationDate(_)
            | Self::ParseCardName(_)
            | Self::ParsePrintedName(_)
            | Self::NormalizePrintedName(_)
            | Self::Reembossing(_)
            | Self::StartEmbossing(_)
            | Self::Sweep(_) => BAD_REQUEST,
            Self::ChangeStatus(error) => match error {
                ChangeStatusError::BodyNotObject { .. }
                | ChangeStatusError::StatusMissing
                | ChangeStatusError::StatusNotString { .. }
                | ChangeStatusError::UnknownStatus(_) => BAD_REQUEST,
                ChangeStatusError::ActivationRequired { .. }
                | ChangeStatusError::SetByOperation { .. }
                | ChangeStatusError::TerminationIsFinal { .. }
                | ChangeStatusError::IssueFirst { .. } => CONFLICT,
            },
            Self::Activate(_) | Self::Bind(_) | Self::UpdatePan(_) => CONFLICT,
            Self::CheckEmbossing(error) => match error {
                CheckEmbossingError::CardNotFound { .. } => NOT_FOUND,
                CheckEmbossingError::AlreadyEmbossed { .. } | CheckEmbossingError::Ineligible { .. } => NOT_ACCEPTABLE,
            },
            Self::CreateCard(error) => match error {
                CreateCardError::Invalid { .. } => BAD_REQUEST,
                CreateCardError::AlreadyActive { .. } => CONFLICT,
            },
        }
    }

    /// The stable identifier of the rule that refused, listed with its source in
    /// `docs/rules.md`.
    ///
    /// ```
    /// use card_lifecycle::{ChangeStatusError, Error, Rule};
    /// assert_eq!(Error::from(ChangeStatusError::StatusMissing).rule().id(), "status.body");
    /// ```
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            Self::ParseCardStatus(_)
            | Self::ParseCardType(_)
            | Self::ParseMode(_)
            | Self::ParseModeType(_)
            | Self::ParseBrand(_)
            | Self::ParseEmbossingMode(_)
            | Self::ParsePhysicalInitialStatus(_)
            | Self::ParsePinLength(_)
            | Self::ParseExpirationDate(_)
            | Self::ParseCardName(_)
            | Self::ParsePrintedName(_)
            | Self::NormalizePrintedName(_) => Rule::WireValue,
            Self::ChangeStatus(error) => match error {
                ChangeStatusError::BodyNotObject { .. }
                | ChangeStatusError::StatusMissing
                | ChangeStatusError::StatusNotString { .. }
                | ChangeStatusError::UnknownStatus(_) => Rule::StatusBody,
                ChangeStatusError::ActivationRequired { .. } => Rule::ActivationRequired,
                ChangeStatusError::SetByOperation { .. } => Rule::SetByOperation,
                ChangeStatusError::TerminationIsFinal { .. } => Rule::TerminationIsFinal,
                ChangeStatusError::IssueFirst { .. } => Rule::IssueFirst,
            },
            Self::Activate(error) => match error {
                ActivateError::NotPlastic { .. } => Rule::ActivatePlasticOnly,
                ActivateError::NotCreated { .. } => Rule::ActivateCreatedOnly,
            },
            Self::Bind(BindError::NotUnbound { .. }) => Rule::BindUnboundOnly,
            Self::UpdatePan(error) => match error {
                UpdatePanError::WrongEndpoint { .. } => Rule::PanEndpointMatchesKind,
                UpdatePanError::NotUnnumbered { .. } => Rule::PanUnnumberedOnly,
            },
            Self::CheckEmbossing(error) => match error {
                CheckEmbossingError::CardNotFound { .. } => Rule::EmbossingCardNotFound,
                CheckEmbossingError::AlreadyEmbossed { .. } => Rule::EmbossingAlreadyEmbossed,
                CheckEmbossingError::Ineligible { .. } => Rule::EmbossingEligibility,
            },
            Self::Reembossing(_) => Rule::ReembossingBody,
            Self::StartEmbossing(_) => Rule::StartEmbossingBody,
            Self::CreateCard(error) => match error {
                CreateCardError::Invalid { .. } => Rule::CreateBody,
                CreateCardError::AlreadyActive { .. } => Rule::CreateOneActivePerTypeAndName,
            },
            Self::Sweep(_) => Rule::SweepColumns,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::{
        Card, CardId, CardStatus, CardType, Command, Context, CreateCardInput, EmbossingMode, ExpirationDate,
        PinLength, PrintedName, Reembossing, StartEmbossing, check_embossing, check_status_change, create_card, decide,
    };

    /// The HTTP answer and the operator's message (`Display`, which carries the detail that a
    /// documented body leaves out).
    fn answer(error: &crate::Error) -> String {
        let body = error.to_body();
        format!("{} {}: {error}", body.status, body.error)
    }

    fn refusal(card: &Card, command: Command) -> String {
        let context = Context::new(chrono::DateTime::UNIX_EPOCH);
        answer(&decide(card, &command, &context).unwrap_err())
    }

    fn create(body: &serde_json::Value) -> String {
        let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        answer(&create_card(body, &CreateCardInput::default(), &Context::new(now)).unwrap_err())
    }

    #[test]
    fn err_parse_values() {
        insta::assert_snapshot!("METAL".parse::<CardType>().unwrap_err(), @r#"unknown card type "METAL", expected one of PLASTIC, VIRTUAL, RECURRING, TEMPORARY"#);
        insta::assert_snapshot!("credit".parse::<crate::Mode>().unwrap_err(), @r#"unknown mode "credit", expected one of CREDIT, DEBIT, COMBO, MULTIPLE"#);
        insta::assert_snapshot!("DUAL".parse::<crate::ModeType>().unwrap_err(), @r#"unknown mode_type "DUAL", expected one of SINGLE, COMBO"#);
        insta::assert_snapshot!("AMEX".parse::<crate::Brand>().unwrap_err(), @r#"unknown brand "AMEX", expected one of VISA, MASTERCARD, ELO, RUPAY, PRIVATE"#);
        insta::assert_snapshot!("DAILY".parse::<EmbossingMode>().unwrap_err(), @r#"unknown embossing mode "DAILY", expected one of SCHEDULED, ON_DEMAND"#);
        insta::assert_snapshot!("BLOCKED".parse::<crate::PhysicalInitialStatus>().unwrap_err(), @r#"unknown physical initial status "BLOCKED", expected one of CREATED, NORMAL"#);
        insta::assert_snapshot!(PinLength::parse(5).unwrap_err(), @"pin_length 5 must be 4 or 6");
        insta::assert_snapshot!(ExpirationDate::parse("2813").unwrap_err(), @r#"expiration_date "2813" must be yymm with a month from 01 to 12"#);
        insta::assert_snapshot!(crate::CardName::parse("").unwrap_err(), @r#"name "" must have 1 to 50 characters, not 0"#);
    }

    #[test]
    fn err_printed_name() {
        let err = |text: &str| PrintedName::parse(text).unwrap_err().to_string();
        insta::assert_snapshot!(err("A"), @r#"printed name "A" must have 2 to 26 characters, not 1"#);
        insta::assert_snapshot!(err("Zoë Li"), @r#"printed name "Zoë Li" has 'ë' at position 2, only ASCII letters and spaces are allowed"#);
        insta::assert_snapshot!(PrintedName::normalize("+++").unwrap_err(), @r#"cannot make a printed name of "+++": printed name "" must have 2 to 26 characters, not 0"#);
        insta::assert_snapshot!(PrintedName::normalize("Wolfeschlegelsteinhausenbergerdorff").unwrap_err(), @r#"cannot make a printed name of "Wolfeschlegelsteinhausenbergerdorff": printed name "WOLFESCHLEGELSTEINHAUSENBERGERDORFF" must have 2 to 26 characters, not 35"#);
    }

    #[test]
    fn err_change_status() {
        let err = |body| crate::Error::from(Command::update_status(&body).unwrap_err()).to_body().message;
        insta::assert_snapshot!(err(json!([])), @"the status change body must be a JSON object with a status, not []");
        insta::assert_snapshot!(err(json!({})), @"the field status is required");
        insta::assert_snapshot!(err(json!({ "status": 4 })), @"status must be a string, not 4");
        let edge = |from, to| check_status_change(from, to).unwrap_err().to_string();
        insta::assert_snapshot!(edge(CardStatus::Created, CardStatus::Normal), @"status CREATED cannot become NORMAL by a status change: a physical card becomes NORMAL only by activation");
        insta::assert_snapshot!(edge(CardStatus::Normal, CardStatus::Reissued), @"status NORMAL cannot become REISSUED by a status change: REISSUED is set only by creating, binding, numbering or reissuing a card");
        insta::assert_snapshot!(edge(CardStatus::Theft, CardStatus::Pending), @"status THEFT cannot become PENDING: THEFT is a termination status, and a terminated card stays terminated");
        insta::assert_snapshot!(edge(CardStatus::Unbound, CardStatus::Blocked), @"status UNBOUND cannot become BLOCKED: an UNBOUND card must be bound and an UNNUMBERED card given its PAN first");
    }

    #[test]
    fn err_issuing() {
        let card = |card_type, status| Card::new(CardId(7), card_type, status);
        insta::assert_snapshot!(refusal(&card(CardType::Virtual, CardStatus::Created), Command::Activate), @"409 conflict: card 7 is VIRTUAL: only PLASTIC cards are activated");
        insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Blocked), Command::Activate), @"409 conflict: card 7 is BLOCKED: only a CREATED card can be activated");
        insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Created), Command::Bind), @"409 conflict: card 7 is CREATED: only an UNBOUND card can be bound to a customer");
        let pan = Command::UpdatePan { kind: crate::CardKind::Nominal };
        insta::assert_snapshot!(refusal(&card(CardType::Plastic, CardStatus::Normal), pan), @"409 conflict: card 7 is NORMAL: only an UNNUMBERED card can be given a PAN");
    }

    #[test]
    fn err_embossing() {
        let mut card = Card::new(CardId(7), CardType::Plastic, CardStatus::Created);
        insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"404 not_found: card not found: card 7 is not ready for embossing yet");
        card.status = CardStatus::Lost;
        card.embossing.ready = true;
        insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"406 StatusNotAcceptable: card 7 cannot be embossed: card_status_invalid (LOST is not embossed in SCHEDULED mode)");
        insta::assert_snapshot!(check_embossing(&card, &Context::new(chrono::DateTime::UNIX_EPOCH)).unwrap_err(), @"card 7 cannot be embossed: card_status_invalid (LOST is not embossed in SCHEDULED mode), card_pci_password_unchanged (the password must be changed first)");
        card.status = CardStatus::Created;
        card.embossing.embossed = true;
        insta::assert_snapshot!(refusal(&card, Command::AddToEmbossing), @"406 StatusNotAcceptable: Card already embossed: card 7 is already queued or in an embossing file");
        insta::assert_snapshot!(Reembossing::parse(&json!({ "cards": "7" })).unwrap_err(), @r#"Invalid payload to reembossing, cards is required: cards must be an array of card ids, not "7""#);
        insta::assert_snapshot!(Reembossing::parse(&json!({ "cards": [] })).unwrap_err(), @"Invalid payload to reembossing, cards is required: cards must list at least one card");
        insta::assert_snapshot!(StartEmbossing::parse(&json!({ "config_id": 7 })).unwrap_err(), @"config_id must be a UUID in the form 8-4-4-4-12 hex digits, not 7");
        let programs = json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": "all" });
        insta::assert_snapshot!(StartEmbossing::parse(&programs).unwrap_err(), @r#"programs must be an array of program ids, not "all""#);
    }

    #[test]
    fn err_create_card() {
        insta::assert_snapshot!(create(&json!("PLASTIC")), @r#"400 bad_request: invalid create card request: body "PLASTIC" must be a JSON object"#);
        insta::assert_snapshot!(create(&json!({})), @"400 bad_request: invalid create card request: name is required; type is required");
        let everything = json!({
            "name": "", "type": "VIRTUAL", "printed_name": "ANA-LUISA", "pin_length": 5,
            "cvv_rotation_interval_hours": 4321, "transaction_limit": "-1", "metadata": [],
            "embossing_group": "g", "embossing_custom_field": "c".repeat(1001), "contactless_enabled": "yes",
            "mode_type": "CREDIT", "validity_period_hours": 0, "status": "NORMAL", "brand": "AMEX",
            "expiration_date": "2813"
        });
        insta::assert_snapshot!(create(&everything), @r#"400 bad_request: invalid create card request: name: name "" must have 1 to 50 characters, not 0; printed_name: printed name "ANA-LUISA" has '-' at position 3, only ASCII letters and spaces are allowed; pin_length 5 must be one of 4, 6; cvv_rotation_interval_hours 4321 must be from 0 to 4320; transaction_limit "-1" must be a non-negative decimal string such as "500.00"; metadata [] must be a JSON object; embossing_group "g" must have 2 to 32 characters; embossing_custom_field "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc… must have 0 to 1000 characters; contactless_enabled "yes" must be a boolean; mode_type: unknown mode_type "CREDIT", expected one of SINGLE, COMBO; validity_period_hours 0 must be from 1 to 4294967295; status: status "NORMAL" must be UNNUMBERED, the only status a card may be created in; brand: unknown brand "AMEX", expected one of VISA, MASTERCARD, ELO, RUPAY, PRIVATE; expiration_date: expiration_date "2813" must be yymm with a month from 01 to 12"#);
        insta::assert_snapshot!(create(&json!({ "name": "x", "type": "TEMPORARY", "validity_period_hours": 1 })), @"400 bad_request: invalid create card request: validity_period_hours 1 is not accepted for TEMPORARY cards");
        insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "status": "UNNUMBERED" })), @"400 bad_request: invalid create card request: printed_name is required when status is UNNUMBERED; brand is required when status is UNNUMBERED");
        insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "metadata": { "k": "x".repeat(3193) } })), @r#"400 bad_request: invalid create card request: metadata {"k":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… must be at most 3200 bytes of compact JSON, not 3201"#);
        insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "expiration_date": "2602", "validity_period_hours": 1500 })), @"400 bad_request: invalid create card request: validity_period_hours 1500 gives valid_until 2026-03-04T12:00:00Z after the expiration date's last second 2026-02-28T23:59:59Z");
        insta::assert_snapshot!(create(&json!({ "name": "x", "type": "PLASTIC", "expiration_date": "2512" })), @r#"400 bad_request: invalid create card request: expiration_date "2512" has already passed at 2026-01-01T00:00:00Z"#);
        let existing = CreateCardInput {
            existing_cards: vec![crate::ExistingCard {
                card_type: CardType::Plastic,
                name: "PLASTIC".into(),
                status: CardStatus::Blocked,
            }],
            ..CreateCardInput::default()
        };
        let body = json!({ "name": "x", "type": "PLASTIC" });
        let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        let error = create_card(&body, &existing, &Context::new(now)).unwrap_err();
        insta::assert_snapshot!(answer(&error), @r#"409 conflict: You already have a card with this type and name active: PLASTIC "PLASTIC""#);
        let far = Context { expiration_months: 1200, ..Context::new(now) };
        let error = create_card(&body, &CreateCardInput::default(), &far).unwrap_err().to_body();
        insta::assert_snapshot!(error.message, @"invalid create card request: expiration_date is 1200 months after 2026-01-01T00:00:00Z, outside the years 2000 to 2099 that yymm can name");
        insta::assert_snapshot!(crate::IdempotencyKey::parse(&"k".repeat(37)).unwrap_err(), @r#"x-idempotency-key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" must have 1 to 36 characters"#);
    }

    #[test]
    fn err_sweep() {
        let error = crate::sweep_columns(&[CardStatus::Normal], &[1, 2], chrono::DateTime::UNIX_EPOCH).err();
        let error = error.map(|error| error.to_string()).unwrap_or_default();
        insta::assert_snapshot!(error, @"statuses has 1 entries but valid_until has 2: the columns must be parallel");
    }
}
