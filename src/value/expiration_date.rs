//! The card's expiration date, `expiration_date` (`YYMM`), and the instant it lapses.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

/// The year and month a card expires: the API's `expiration_date`.
///
/// Create requests send it as `yymm` (`"2803"` is March 2028) and that is how it is written.
/// Responses and events carry RFC 3339 (`"2027-01-04T00:00:00Z"`), which is read too, keeping
/// only the year and month: the day cannot survive a `yymm` round trip (domain.md §11.7).
/// The card is valid up to and including [`ExpirationDate::last_second`].
///
/// ```
/// use card_lifecycle::value::ExpirationDate;
///
/// let date = ExpirationDate::parse("2803")?;
/// assert_eq!((date.year(), date.month()), (2028, 3));
/// assert_eq!(date.last_second().to_rfc3339(), "2028-03-31T23:59:59+00:00");
/// assert_eq!(ExpirationDate::parse("2027-01-04T00:00:00Z")?.to_string(), "2701");
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ExpirationDate {
    // Field order makes the derived `Ord` chronological.
    year: u16,
    month: u8,
}

impl ExpirationDate {
    /// The first year `yymm` can name.
    pub const MIN_YEAR: u16 = 2000;
    /// The last year `yymm` can name.
    pub const MAX_YEAR: u16 = 2099;

    /// Reads `yymm`, or the RFC 3339 form of responses and events.
    ///
    /// # Errors
    ///
    /// [`ParseExpirationDateError`] when the text is neither (`"2813"` has month 13, `"28-03"`
    /// is not four digits) or names a year outside 2000–2099.
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// assert!(ExpirationDate::parse("2813").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseExpirationDateError> {
        if let Ok(date) = Self::parse_yymm(text) {
            return Ok(date);
        }
        let error = || ParseExpirationDateError { text: text.to_owned() };
        let instant = DateTime::parse_from_rfc3339(text).map_err(|_| error())?;
        let utc = instant.with_timezone(&Utc);
        let year = u16::try_from(utc.year()).map_err(|_| error())?;
        let month = u8::try_from(utc.month()).map_err(|_| error())?;
        Self::new(year, month).ok_or_else(error)
    }

    /// Reads `yymm` only, the form a create request must use.
    ///
    /// # Errors
    ///
    /// [`ParseExpirationDateError`] for anything but four digits with a month from 01 to 12
    /// (`"2800"`, `"2028-03"`, an RFC 3339 instant).
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// assert_eq!(ExpirationDate::parse_yymm("0001")?.year(), 2000);
    /// assert!(ExpirationDate::parse_yymm("2027-01-04T00:00:00Z").is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub fn parse_yymm(text: &str) -> Result<Self, ParseExpirationDateError> {
        let error = || ParseExpirationDateError { text: text.to_owned() };
        if text.len() != 4 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(error());
        }
        let (year, month) = text.split_at(2);
        let year: u16 = year.parse().map_err(|_| error())?;
        let month: u8 = month.parse().map_err(|_| error())?;
        Self::new(Self::MIN_YEAR.saturating_add(year), month).ok_or_else(error)
    }

    /// The expiration `months` after the month of `now`: how a program's "card expiration
    /// (# of months)" setting becomes a date (72 months by default, domain.md §6).
    ///
    /// Returns `None` when the result falls outside the years `yymm` can name.
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// use chrono::{DateTime, Utc};
    ///
    /// let now: DateTime<Utc> = "2026-01-15T10:00:00Z".parse()?;
    /// let date = ExpirationDate::months_after(now, 72).ok_or("out of range")?;
    /// assert_eq!(date.to_string(), "3201");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn months_after(now: DateTime<Utc>, months: u32) -> Option<Self> {
        let month_index = i64::from(now.year())
            .checked_mul(12)?
            .checked_add(i64::from(now.month0()))?
            .checked_add(i64::from(months))?;
        let year = u16::try_from(month_index.div_euclid(12)).ok()?;
        let month = u8::try_from(month_index.rem_euclid(12)).ok()?.checked_add(1)?;
        Self::new(year, month)
    }

    fn new(year: u16, month: u8) -> Option<Self> {
        let valid = (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) && (1..=12).contains(&month);
        valid.then_some(Self { year, month })
    }

    /// The year, 2000–2099.
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// assert_eq!(ExpirationDate::parse("3112")?.year(), 2031);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// assert_eq!(ExpirationDate::parse("3112")?.month(), 12);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The first instant of the month, UTC: the RFC 3339 rendering this crate uses when one is
    /// needed (day 01 at 00:00:00Z, domain.md §11.7).
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// let date = ExpirationDate::parse("2803")?;
    /// assert_eq!(date.first_instant().to_rfc3339(), "2028-03-01T00:00:00+00:00");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn first_instant(self) -> DateTime<Utc> {
        first_of_month(i32::from(self.year), u32::from(self.month))
    }

    /// The last second of the month, UTC: a card is valid up to and including this instant,
    /// and a `valid_until` after it is refused (domain.md §6, §11.18).
    ///
    /// ```
    /// use card_lifecycle::value::ExpirationDate;
    /// let date = ExpirationDate::parse("2802")?;
    /// assert_eq!(date.last_second().to_rfc3339(), "2028-02-29T23:59:59+00:00");
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    #[must_use]
    pub fn last_second(self) -> DateTime<Utc> {
        let (year, month) = if self.month == 12 {
            (i32::from(self.year).saturating_add(1), 1)
        } else {
            (i32::from(self.year), u32::from(self.month).saturating_add(1))
        };
        let next = first_of_month(year, month);
        next.checked_sub_signed(TimeDelta::seconds(1)).unwrap_or(next)
    }
}

/// Year and month are within 2000–2100 and 1–12 here, so the date always exists; the epoch
/// fallback only satisfies the type.
fn first_of_month(year: i32, month: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map_or(DateTime::UNIX_EPOCH, |naive| naive.and_utc())
}

impl std::fmt::Display for ExpirationDate {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{:02}{:02}", self.year % 100, self.month)
    }
}

impl std::str::FromStr for ExpirationDate {
    type Err = ParseExpirationDateError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for ExpirationDate {
    type Error = ParseExpirationDateError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<ExpirationDate> for String {
    fn from(date: ExpirationDate) -> Self {
        date.to_string()
    }
}

/// A string that is neither `yymm` nor an RFC 3339 instant in 2000–2099.
///
/// ```
/// use card_lifecycle::value::ExpirationDate;
/// let error = ExpirationDate::parse("2813").unwrap_err();
/// assert_eq!(error.to_string(), r#"expiration_date "2813" must be yymm with a month from 01 to 12"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expiration_date {text:?} must be yymm with a month from 01 to 12")]
pub struct ParseExpirationDateError {
    pub(crate) text: String,
}

#[cfg(feature = "schema")]
crate::value::wire_enum::value_schema!(ExpirationDate, { "type": "string", "pattern": "^[0-9]{2}(0[1-9]|1[0-2])$" });
