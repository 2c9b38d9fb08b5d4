//! Validity: `valid_until`, and what time alone does to a card (domain.md §6, §11.27–28).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use chrono::{DateTime, TimeDelta, Utc};

use crate::card::Card;
use crate::event::CardEvent;
use crate::value::status::CardStatus;

/// The end of a validity period: `issued_at + validity_period_hours`, in whole seconds UTC
/// (domain.md §6, §11.18; sub-second parts of `issued_at` are dropped).
///
/// Returns `None` when the sum leaves chrono's range; it never panics or wraps.
///
/// ```
/// use card_lifecycle::lifecycle::valid_until;
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-01-01T10:00:00.750Z".parse()?;
/// assert_eq!(valid_until(now, 240).map(|at| at.to_rfc3339()).as_deref(), Some("2026-01-11T10:00:00+00:00"));
/// assert_eq!(valid_until(DateTime::<Utc>::MAX_UTC, 1), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn valid_until(issued_at: DateTime<Utc>, validity_period_hours: u32) -> Option<DateTime<Utc>> {
    let whole_seconds = DateTime::from_timestamp(issued_at.timestamp(), 0)?;
    TimeDelta::try_hours(i64::from(validity_period_hours)).and_then(|period| whole_seconds.checked_add_signed(period))
}

impl Card {
    /// The last instant before time alone changes this card, if any: its `valid_until`, when
    /// its status is one that becomes `INOPERATIVE`.
    ///
    /// The card is past its validity only once `now`, in whole seconds, exceeds this instant
    /// (domain.md §11.27, §11.54): within `valid_until`'s second it is still valid, from the next
    /// second on it is `INOPERATIVE`. A worker can sleep until that second instead of polling.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// use chrono::{DateTime, Utc};
    ///
    /// let mut card = Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal);
    /// assert_eq!(card.next_deadline(), None);
    /// let at: DateTime<Utc> = "2026-01-31T00:00:00Z".parse()?;
    /// card.valid_until = Some(at);
    /// assert_eq!(card.next_deadline(), Some(at));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        self.valid_until.filter(|_| self.status.becomes_inoperative())
    }

    /// Whether the validity period has passed at `now` for a card that becomes `INOPERATIVE`:
    /// `now` is after its `valid_until` ("once this time is exceeded", domain.md §11.27; at
    /// `valid_until` itself the card is still valid), `now` read in whole seconds, truncated
    /// (§11.54). Allocates nothing.
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let at: DateTime<Utc> = "2026-01-31T00:00:00Z".parse()?;
    /// let card = Card { valid_until: Some(at), ..Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Warning) };
    /// assert!(!card.is_past_validity(at));
    /// assert!(!card.is_past_validity(at + TimeDelta::milliseconds(999)));
    /// assert!(card.is_past_validity(at + TimeDelta::seconds(1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn is_past_validity(&self, now: DateTime<Utc>) -> bool {
        // The status first: most cards cannot lapse, and it is one byte to look at.
        self.status.becomes_inoperative() && self.valid_until.is_some_and(|until| has_lapsed(until, now))
    }

    /// The status the card has at `now`: `INOPERATIVE` once its validity has lapsed, even if
    /// no elapse was recorded yet, else its status (domain.md §11.28).
    ///
    /// ```
    /// use card_lifecycle::{Card, CardId, CardStatus, CardType};
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let at: DateTime<Utc> = "2026-01-31T00:00:00Z".parse()?;
    /// let card = Card { valid_until: Some(at), ..Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Blocked) };
    /// assert_eq!(card.status_at(at), CardStatus::Blocked);
    /// assert_eq!(card.status_at(at + TimeDelta::seconds(1)), CardStatus::Inoperative);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn status_at(&self, now: DateTime<Utc>) -> CardStatus {
        if self.is_past_validity(now) { CardStatus::Inoperative } else { self.status }
    }
}

/// What time alone does to a card at `now`: the events of [`crate::Command::Elapse`].
/// The one statement of the validity boundary (domain.md §11.27, §11.54): a validity that ends at
/// `valid_until` has lapsed once `now`, read in whole seconds (truncated, never rounded), is past
/// it. At `valid_until` itself, and anywhere inside its last second, the card is still valid.
#[must_use]
#[inline]
pub(crate) fn has_lapsed(valid_until: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    valid_until.timestamp() < now.timestamp()
}

pub(crate) fn elapse(card: &Card, now: DateTime<Utc>) -> Vec<CardEvent> {
    if card.is_past_validity(now) { vec![CardEvent::ValidityElapsed { from: card.status }] } else { vec![] }
}

/// The positions of the cards that become `INOPERATIVE` at `now`, in one pass and without
/// allocating: the batch form of [`crate::Command::Elapse`] for workers that scan many cards.
///
/// ```
/// use card_lifecycle::{sweep, Card, CardId, CardStatus, CardType};
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-02-01T00:00:00Z".parse()?;
/// let due: DateTime<Utc> = "2026-01-31T23:59:59Z".parse()?;
/// let lapsed = Card { valid_until: Some(due), ..Card::new(CardId::new(1)?, CardType::Virtual, CardStatus::Normal) };
/// let ended = Card { status: CardStatus::Lost, ..lapsed.clone() };
/// let valid = Card { valid_until: Some(now), ..lapsed.clone() };
/// assert_eq!(sweep(&[ended, lapsed, valid], now).collect::<Vec<_>>(), [1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[inline]
pub fn sweep<'a>(
    cards: impl IntoIterator<Item = &'a Card> + 'a,
    now: DateTime<Utc>,
) -> impl Iterator<Item = usize> + 'a {
    cards.into_iter().enumerate().filter(move |(_, card)| card.is_past_validity(now)).map(|(index, _)| index)
}

/// The struct-of-arrays form of [`sweep`], the fastest path: statuses and `valid_until` in
/// parallel columns, `valid_until` as whole seconds since the Unix epoch and `i64::MAX` for a
/// card without one. Yields the positions that become `INOPERATIVE` at `now`: those whose
/// `valid_until` is before `now`'s whole second (§11.27, §11.54), as [`Card::is_past_validity`] judges.
///
/// # Errors
///
/// [`SweepError`] when the columns differ in length.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::lifecycle::sweep_columns;
/// use chrono::DateTime;
///
/// let statuses = [CardStatus::Normal, CardStatus::Normal, CardStatus::Created];
/// let valid_until = [100, i64::MAX, 100];
/// let at = DateTime::from_timestamp(100, 0).ok_or("in range")?;
/// assert_eq!(sweep_columns(&statuses, &valid_until, at)?.count(), 0);
/// // Within the last second `now` is truncated: still valid (§11.54).
/// let within = DateTime::from_timestamp(100, 999_999_999).ok_or("in range")?;
/// assert_eq!(sweep_columns(&statuses, &valid_until, within)?.count(), 0);
/// let after = DateTime::from_timestamp(101, 0).ok_or("in range")?;
/// assert_eq!(sweep_columns(&statuses, &valid_until, after)?.collect::<Vec<_>>(), [0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[inline]
pub fn sweep_columns<'a>(
    statuses: &'a [CardStatus],
    valid_until: &'a [i64],
    now: DateTime<Utc>,
) -> Result<impl Iterator<Item = usize> + 'a, SweepError> {
    if statuses.len() != valid_until.len() {
        return Err(SweepError { statuses: statuses.len(), valid_until: valid_until.len() });
    }
    // `has_lapsed`, on whole seconds: a `valid_until` before `now`'s second has passed.
    let now = now.timestamp();
    Ok(statuses
        .iter()
        .zip(valid_until)
        .enumerate()
        .filter(move |(_, (status, until))| status.becomes_inoperative() && **until < now)
        .map(|(index, _)| index))
}

/// Why a batch of cards in struct-of-arrays form cannot be swept.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::lifecycle::sweep_columns;
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
