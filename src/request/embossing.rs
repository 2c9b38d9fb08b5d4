//! The bodies of Resend cards for embossing and Start card embossing (domain.md §5).
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::Value;

use crate::operation::Operation;
use crate::request::{Checks, FieldError, FieldRule, InvalidRequest, json, json_body};
use crate::value::ids::CardId;
use crate::value::ids::ConfigId;
use crate::value::ids::ProgramId;

/// A Resend cards for embossing request (`POST /embossing/v1/cards/reembossing`, domain.md §5):
/// the listed card ids, ascending and distinct.
///
/// ```
/// use card_lifecycle::{CardId, Reembossing};
/// let request = Reembossing::parse(&serde_json::json!({ "cards": [42, 7, 42] }))?;
/// assert_eq!(request.cards(), [CardId::new(7)?, CardId::new(42)?]);
/// assert!(request.lists(CardId::new(7)?) && !request.lists(CardId::new(8)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct Reembossing {
    cards: Vec<CardId>,
}

impl Reembossing {
    /// Parses the body, `{"cards": [id, …]}`.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400, the page's one documented body) when `cards` is missing
    /// (`{}`), not an array of card ids from 1 to 2^63 − 1 (`{"cards": ["42"]}`, `[0]`,
    /// domain.md §11.36) or empty.
    ///
    /// ```
    /// use card_lifecycle::Reembossing;
    /// assert!(Reembossing::parse(&serde_json::json!({ "cards": [] })).is_err());
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let invalid = |value: Option<&Value>, rule| {
            let value = value.map(Value::to_string);
            InvalidRequest::one(Operation::StartReembossing, FieldError { field: "cards", value, rule })
        };
        let value =
            body.get("cards").filter(|value| !value.is_null()).ok_or_else(|| invalid(None, FieldRule::Required))?;
        let cards = ids(value).ok_or_else(|| invalid(Some(value), FieldRule::Type { expected: CARD_IDS }))?;
        if cards.is_empty() {
            return Err(invalid(Some(value), FieldRule::Empty));
        }
        Ok(Self { cards })
    }

    /// A request for these cards, ascending and distinct as a body's are; `None` for no card,
    /// which the API refuses (a typed id is always in range, so nothing else can be wrong).
    ///
    /// ```
    /// use card_lifecycle::{CardId, Reembossing};
    /// let request = Reembossing::new(&[CardId::new(9)?, CardId::new(2)?, CardId::new(9)?]);
    /// assert_eq!(request.as_ref().map(Reembossing::cards), Some(&[CardId::new(2)?, CardId::new(9)?][..]));
    /// assert_eq!(Reembossing::new(&[]), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(cards: &[CardId]) -> Option<Self> {
        let cards = sorted(cards.to_vec());
        (!cards.is_empty()).then_some(Self { cards })
    }

    /// [`Reembossing::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`Reembossing::parse`], and a body that is not JSON.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::StartReembossing, bytes)?)
    }

    /// The listed card ids, ascending and distinct.
    #[must_use]
    pub fn cards(&self) -> &[CardId] {
        &self.cards
    }

    /// Whether the request lists the card.
    #[must_use]
    pub fn lists(&self, card_id: CardId) -> bool {
        self.cards.binary_search(&card_id).is_ok()
    }
}

/// A Start card embossing request (`POST /embossing/v1/triggers/embossing`, domain.md §5).
///
/// Selection: `config_id` alone takes every eligible queued card of the cards given (the
/// caller passes the cards of that configuration); `programs` keeps those programs; `cards`
/// keeps those cards; both keep the intersection (§11.15). Empty arrays count as absent.
///
/// ```
/// use card_lifecycle::StartEmbossing;
/// use card_lifecycle::value::ProgramId;
/// let request = StartEmbossing::parse(&serde_json::json!({
///     "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11", "programs": [1] }))?;
/// assert_eq!(request.config_id.to_string(), "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11");
/// assert!(request.takes_program(ProgramId::new(1)?) && !request.takes_program(ProgramId::new(2)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct StartEmbossing {
    /// The embossing configuration (group) to run.
    pub config_id: ConfigId,
    programs: Option<Vec<ProgramId>>,
    cards: Option<Vec<CardId>>,
}

impl StartEmbossing {
    /// Parses the body, `{"config_id": uuid, "programs": [id, …], "cards": [id, …]}`.
    ///
    /// # Errors
    ///
    /// [`InvalidRequest`] (400) listing every bad field: `config_id` missing (the page's
    /// documented `Field config_id is required`) or not a canonical UUID (`"abc"`, §11.34);
    /// `programs` or `cards` not arrays of ids from 1 to 2^63 − 1 (`[-1]`, §11.36).
    ///
    /// ```
    /// use card_lifecycle::StartEmbossing;
    /// assert!(StartEmbossing::parse(&serde_json::json!({ "config_id": "abc" })).is_err());
    /// ```
    pub fn parse(body: &Value) -> Result<Self, InvalidRequest> {
        let field = |name: &str| body.get(name).filter(|value| !value.is_null());
        let mut checks = Checks::default();
        let config = field("config_id");
        checks.required("config_id", config, FieldRule::Required);
        let config_id = config.and_then(|value| {
            let config_id = value.as_str().and_then(|text| ConfigId::parse(text).ok());
            checks.check("config_id", value, config_id.is_some(), FieldRule::Type { expected: ConfigId::FORM });
            config_id
        });
        let programs = id_list(&mut checks, field("programs"), "programs", PROGRAM_IDS);
        let cards = id_list(&mut checks, field("cards"), "cards", CARD_IDS);
        match config_id {
            Some(config_id) if checks.errors.is_empty() => {
                Ok(Self { config_id, programs: non_empty(programs), cards: non_empty(cards) })
            }
            _ => Err(checks.into_error(Operation::StartEmbossing)),
        }
    }

    /// A request for this configuration, optionally limited to some programs and cards (empty
    /// lists count as absent, as in a body; ids are kept ascending and distinct).
    ///
    /// ```
    /// use card_lifecycle::{CardId, ConfigId, StartEmbossing};
    /// let config_id = ConfigId::parse("6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11")?;
    /// let request = StartEmbossing::new(config_id, &[], &[CardId::new(5)?]);
    /// assert!(request.takes_card(CardId::new(5)?) && !request.takes_card(CardId::new(6)?));
    /// assert_eq!(request.programs(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(config_id: ConfigId, programs: &[ProgramId], cards: &[CardId]) -> Self {
        let programs = non_empty(Some(sorted(programs.to_vec())));
        let cards = non_empty(Some(sorted(cards.to_vec())));
        Self { config_id, programs, cards }
    }

    /// [`StartEmbossing::parse`] for the request's raw bytes.
    ///
    /// # Errors
    ///
    /// As [`StartEmbossing::parse`], and a body that is not JSON.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, InvalidRequest> {
        Self::parse(&json_body(Operation::StartEmbossing, bytes)?)
    }

    /// The programs the run is limited to, ascending; `None` for every program.
    #[must_use]
    pub fn programs(&self) -> Option<&[ProgramId]> {
        self.programs.as_deref()
    }

    /// The cards the run is limited to, ascending; `None` for every card.
    #[must_use]
    pub fn cards(&self) -> Option<&[CardId]> {
        self.cards.as_deref()
    }

    /// Whether the run takes cards of this program: it lists no programs, or lists this one.
    #[must_use]
    pub fn takes_program(&self, program_id: ProgramId) -> bool {
        listed(self.programs.as_ref(), &program_id)
    }

    /// Whether the run takes this card: it lists no cards, or lists this one.
    #[must_use]
    pub fn takes_card(&self, card_id: CardId) -> bool {
        listed(self.cards.as_ref(), &card_id)
    }
}

const CARD_IDS: &str = "an array of card ids from 1 to 2^63 - 1";
const PROGRAM_IDS: &str = "an array of program ids from 1 to 2^63 - 1";

/// An optional list of ids, recording why it is not one.
fn id_list<T: Ord + TryFrom<u64>>(
    checks: &mut Checks,
    value: Option<&Value>,
    field: &'static str,
    expected: &'static str,
) -> Option<Vec<T>> {
    let value = value?;
    let ids = ids(value);
    checks.check(field, value, ids.is_some(), FieldRule::Type { expected });
    ids
}

/// Empty arrays count as absent (domain.md §11.15).
fn non_empty<T>(ids: Option<Vec<T>>) -> Option<Vec<T>> {
    ids.filter(|ids| !ids.is_empty())
}

/// Whether `id` passes an optional filter list, kept sorted by [`ids`].
fn listed<T: Ord>(list: Option<&Vec<T>>, id: &T) -> bool {
    list.is_none_or(|list| list.binary_search(id).is_ok())
}

/// Ids ascending and distinct, as a request keeps them.
fn sorted<T: Ord>(mut ids: Vec<T>) -> Vec<T> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Reads a JSON array of platform ids (1 to 2^63 − 1, §11.36) into sorted, distinct ids.
fn ids<T: Ord + TryFrom<u64>>(value: &Value) -> Option<Vec<T>> {
    let ids = value.as_array()?.iter().map(|item| json::id(item).and_then(|id| T::try_from(id).ok()));
    Some(sorted(ids.collect::<Option<Vec<T>>>()?))
}

impl TryFrom<Value> for Reembossing {
    type Error = InvalidRequest;
    fn try_from(body: Value) -> Result<Self, Self::Error> {
        Self::parse(&body)
    }
}

impl From<Reembossing> for Value {
    fn from(request: Reembossing) -> Self {
        serde_json::json!({ "cards": request.cards })
    }
}

impl TryFrom<Value> for StartEmbossing {
    type Error = InvalidRequest;
    fn try_from(body: Value) -> Result<Self, Self::Error> {
        Self::parse(&body)
    }
}

impl From<StartEmbossing> for Value {
    fn from(request: StartEmbossing) -> Self {
        let mut body = serde_json::Map::new();
        body.insert("config_id".to_owned(), request.config_id.to_string().into());
        if let Some(programs) = request.programs {
            body.insert("programs".to_owned(), serde_json::json!(programs));
        }
        if let Some(cards) = request.cards {
            body.insert("cards".to_owned(), serde_json::json!(cards));
        }
        Value::Object(body)
    }
}
