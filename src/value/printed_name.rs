//! The name embossed on the card, `printed_name`, and the rule that derives it from a customer's
//! name (domain.md §7).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// The name embossed on the card: the API's `printed_name`, 2 to 26 characters, each an ASCII
/// letter (`a`–`z`, `A`–`Z`) or a space (EMV tag 5F20, domain.md §7), at least one of them a
/// letter (§11.37).
///
/// A request's `printed_name` is parsed as sent and never rewritten: its spaces are kept. A
/// name taken from the customer's record is used as written when it is valid (§11.32), and
/// goes through [`PrintedName::normalize`] otherwise.
///
/// ```
/// use card_lifecycle::value::PrintedName;
///
/// let name = PrintedName::parse("Ana Luisa")?;
/// assert_eq!(name.as_str(), "Ana Luisa");
/// assert!(PrintedName::parse("ANA-LUISA").is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")] // String: escaped JSON cannot be borrowed
pub struct PrintedName(String);

impl PrintedName {
    /// The fewest characters a printed name has.
    pub const MIN_LENGTH: usize = 2;
    /// The most characters a printed name has.
    pub const MAX_LENGTH: usize = 26;

    /// Checks `text` against the printed-name rule and keeps it as it is.
    ///
    /// # Errors
    ///
    /// [`ParsePrintedNameError`]: `"A"` is too short, `"Zoë Li"` is not ASCII, `"ANA-LUISA"`
    /// has a hyphen, `"   "` has no letter (domain.md §11.37).
    ///
    /// ```
    /// use card_lifecycle::value::PrintedName;
    /// assert!(PrintedName::parse("A").is_err());
    /// assert!(PrintedName::parse("Zoë Li").is_err());
    /// assert!(PrintedName::parse("   ").is_err());
    /// assert_eq!(PrintedName::parse(" Ana  Souza ")?.as_str(), " Ana  Souza ");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParsePrintedNameError> {
        Self::check(text).map(|()| Self(text.into()))
    }

    fn check(text: &str) -> Result<(), ParsePrintedNameError> {
        let bad = text.chars().enumerate().find(|&(_, c)| !is_allowed(c));
        if let Some((position, character)) = bad {
            return Err(ParsePrintedNameError::Character { text: text.into(), character, position });
        }
        // Only ASCII is left, so the byte length is the character count.
        let length = text.len();
        if !(Self::MIN_LENGTH..=Self::MAX_LENGTH).contains(&length) {
            return Err(ParsePrintedNameError::Length { text: text.into(), length });
        }
        // §11.37: spaces are kept as sent, but a name of spaces alone prints nothing.
        if !text.bytes().any(|byte| byte.is_ascii_alphabetic()) {
            return Err(ParsePrintedNameError::NoLetter { text: text.into() });
        }
        Ok(())
    }

    /// Turns a person's real name into a valid printed name, the way card issuers emboss them.
    ///
    /// This goes beyond the API, which only checks: it is how [`crate::create_card`] resolves a
    /// printed name from the customer's record. In order, it
    /// 1. transliterates to ASCII (`José` becomes `Jose`, `Łukasz` becomes `Lukasz`),
    /// 2. turns hyphens into spaces (`Ana-Luisa` is two names) and drops every other character
    ///    that is not a letter or a space (`O'Brien` becomes `OBrien`),
    /// 3. collapses runs of spaces and upper-cases,
    /// 4. while the name is longer than 26: abbreviates middle names to initials, the last
    ///    middle name first, then the first name; the last name is always kept whole.
    ///
    /// A valid, upper-case, single-spaced name comes back unchanged, so normalizing twice is
    /// normalizing once.
    ///
    /// # Errors
    ///
    /// [`NormalizePrintedNameError`] when no valid name can be made: nothing is left after
    /// step 2 (`"李"` transliterates, but `"+++"` does not), fewer than 2 letters are left
    /// (`"J"`), or the last name alone with the initials is longer than 26.
    ///
    /// ```
    /// use card_lifecycle::value::PrintedName;
    ///
    /// let name = PrintedName::normalize("José  da Silva-Sauro")?;
    /// assert_eq!(name.as_str(), "JOSE DA SILVA SAURO");
    /// let long = PrintedName::normalize("Maria Aparecida Conceição Fernandes Oliveira")?;
    /// assert_eq!(long.as_str(), "MARIA A C F OLIVEIRA");
    /// assert!(PrintedName::normalize("+++").is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn normalize(name: &str) -> Result<Self, NormalizePrintedNameError> {
        let ascii = deunicode::deunicode(name);
        let cleaned: String = ascii
            .chars()
            .filter_map(|c| match c {
                '-' => Some(' '),
                c if is_allowed(c) || c.is_whitespace() => Some(c.to_ascii_uppercase()),
                _ => None,
            })
            .collect();
        let mut words: Vec<String> = cleaned.split_whitespace().map(str::to_owned).collect();
        let too_long = |words: &[String]| joined_length(words) > Self::MAX_LENGTH;
        // Abbreviate from the last middle name back to the first name; the last word stays.
        let abbreviable = words.len().saturating_sub(1);
        for index in (0..abbreviable).rev() {
            if !too_long(&words) {
                break;
            }
            if let Some(word) = words.get_mut(index) {
                word.truncate(1);
            }
        }
        let text = words.join(" ");
        Self::parse(&text).map_err(|reason| NormalizePrintedNameError { name: name.to_owned(), reason })
    }

    /// The name as text.
    ///
    /// ```
    /// use card_lifecycle::value::PrintedName;
    /// assert_eq!(PrintedName::parse("LI WEI")?.as_str(), "LI WEI");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_allowed(character: char) -> bool {
    character.is_ascii_alphabetic() || character == ' '
}

/// The length of the words joined by single spaces; the words are ASCII, so bytes are
/// characters.
fn joined_length(words: &[String]) -> usize {
    words.iter().map(String::len).fold(words.len().saturating_sub(1), usize::saturating_add)
}

impl std::fmt::Display for PrintedName {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for PrintedName {
    type Err = ParsePrintedNameError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<&str> for PrintedName {
    type Error = ParsePrintedNameError;
    fn try_from(text: &str) -> Result<Self, Self::Error> {
        Self::parse(text)
    }
}

impl TryFrom<String> for PrintedName {
    type Error = ParsePrintedNameError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::check(&text).map(|()| Self(text))
    }
}

impl From<PrintedName> for String {
    fn from(name: PrintedName) -> Self {
        name.0
    }
}

/// Why a text is not a [`PrintedName`].
///
/// ```
/// use card_lifecycle::value::PrintedName;
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
/// use card_lifecycle::value::PrintedName;
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

#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(PrintedName, {
    "type": "string",
    "minLength": PrintedName::MIN_LENGTH,
    "maxLength": PrintedName::MAX_LENGTH,
    "pattern": "^[A-Za-z ]*[A-Za-z][A-Za-z ]*$"
});
