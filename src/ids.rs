/// A card's id: the API's integer `id` and `cardId`.
///
/// Every integer is a possible id, so the field is public.
///
/// ```
/// use card_lifecycle::CardId;
/// let id: CardId = serde_json::from_str("42")?;
/// assert_eq!(id, CardId(42));
/// assert_eq!(id.to_string(), "42");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct CardId(pub u64);

/// A program's id: the API's integer `program_id` and the `programs` of an embossing trigger.
///
/// ```
/// use card_lifecycle::ProgramId;
/// assert_eq!(serde_json::to_string(&ProgramId(7))?, "7");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ProgramId(pub u64);

impl std::fmt::Display for CardId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(formatter)
    }
}

impl std::fmt::Display for ProgramId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(formatter)
    }
}
