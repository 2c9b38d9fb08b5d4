//! The PIN's length, `pin_length`: 4 or 6 digits.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// How many digits the card's PIN has: the API's `pin_length`, a JSON number, 4 or 6.
///
/// ```
/// use card_lifecycle::value::PinLength;
/// let pin_length: PinLength = serde_json::from_str("6")?;
/// assert_eq!(pin_length.digits(), 6);
/// assert_eq!(PinLength::default(), PinLength::Four);
/// assert!(serde_json::from_str::<PinLength>("5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub enum PinLength {
    /// Four digits, the API's default.
    #[default]
    Four,
    /// Six digits.
    Six,
}

impl PinLength {
    /// The number of digits.
    ///
    /// ```
    /// use card_lifecycle::value::PinLength;
    /// assert_eq!(PinLength::Four.digits(), 4);
    /// ```
    #[must_use]
    pub const fn digits(self) -> u8 {
        match self {
            Self::Four => 4,
            Self::Six => 6,
        }
    }

    /// Reads a digit count.
    ///
    /// # Errors
    ///
    /// [`ParsePinLengthError`] for anything but 4 or 6 (`5`, `-4`).
    ///
    /// ```
    /// use card_lifecycle::value::PinLength;
    /// assert_eq!(PinLength::parse(6)?, PinLength::Six);
    /// assert!(PinLength::parse(5).is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub const fn parse(digits: i64) -> Result<Self, ParsePinLengthError> {
        match digits {
            4 => Ok(Self::Four),
            6 => Ok(Self::Six),
            _ => Err(ParsePinLengthError { digits }),
        }
    }
}

impl TryFrom<i64> for PinLength {
    type Error = ParsePinLengthError;
    fn try_from(digits: i64) -> Result<Self, Self::Error> {
        Self::parse(digits)
    }
}

impl From<PinLength> for u8 {
    fn from(pin_length: PinLength) -> Self {
        pin_length.digits()
    }
}

/// A number that is not a PIN length (4 or 6).
///
/// ```
/// use card_lifecycle::value::PinLength;
/// assert_eq!(PinLength::parse(5).unwrap_err().to_string(), "pin_length 5 must be 4 or 6");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("pin_length {digits} must be 4 or 6")]
pub struct ParsePinLengthError {
    pub(crate) digits: i64,
}

#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(PinLength, { "type": "integer", "enum": [PinLength::Four.digits(), PinLength::Six.digits()] });
