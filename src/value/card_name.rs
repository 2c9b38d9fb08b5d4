//! The card's own name, `name`.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// The card's own name: the API's `name`, 1 to 50 characters (counted as characters, not
/// bytes: `"Cartão"` has 6).
///
/// A physical card's name is always stored as `"PLASTIC"`, whatever the request sent
/// ([`CardName::plastic`], domain.md §7).
///
/// ```
/// use card_lifecycle::value::CardName;
/// let name = CardName::parse("Streaming")?;
/// assert_eq!(name.as_str(), "Streaming");
/// assert!(CardName::parse("").is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardName(String);

impl CardName {
    /// The fewest characters a card name has.
    pub const MIN_LENGTH: usize = 1;
    /// The most characters a card name has.
    pub const MAX_LENGTH: usize = 50;

    /// Checks the length rule.
    ///
    /// # Errors
    ///
    /// [`ParseCardNameError`] for `""` or a name of 51 characters or more.
    ///
    /// ```
    /// use card_lifecycle::value::CardName;
    /// assert!(CardName::parse(&"x".repeat(51)).is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseCardNameError> {
        Self::check(text).map(|()| Self(text.to_owned()))
    }

    fn check(text: &str) -> Result<(), ParseCardNameError> {
        let length = text.chars().count();
        if (Self::MIN_LENGTH..=Self::MAX_LENGTH).contains(&length) {
            Ok(())
        } else {
            Err(ParseCardNameError { text: text.to_owned(), length })
        }
    }

    /// The name every physical card is stored under.
    ///
    /// ```
    /// use card_lifecycle::value::CardName;
    /// assert_eq!(CardName::plastic().as_str(), "PLASTIC");
    /// ```
    #[must_use]
    pub fn plastic() -> Self {
        Self(crate::value::card_type::CardType::Plastic.as_str().to_owned())
    }

    /// The name as text.
    ///
    /// ```
    /// use card_lifecycle::value::CardName;
    /// assert_eq!(CardName::parse("Travel")?.as_str(), "Travel");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CardName {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for CardName {
    type Error = ParseCardNameError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::check(&text).map(|()| Self(text))
    }
}

impl From<CardName> for String {
    fn from(name: CardName) -> Self {
        name.0
    }
}

/// A card name outside 1 to 50 characters.
///
/// ```
/// use card_lifecycle::value::CardName;
/// assert_eq!(CardName::parse("").unwrap_err().to_string(), r#"name "" must have 1 to 50 characters, not 0"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("name {text:?} must have {min} to {max} characters, not {length}",
    min = CardName::MIN_LENGTH, max = CardName::MAX_LENGTH)]
pub struct ParseCardNameError {
    pub(crate) text: String,
    pub(crate) length: usize,
}

#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(CardName, { "type": "string", "minLength": CardName::MIN_LENGTH, "maxLength": CardName::MAX_LENGTH });
