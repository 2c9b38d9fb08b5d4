//! Update card status: the lifecycle table and its refusals (domain.md §4 rows 8–18).
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

use strum::IntoEnumIterator;

use crate::card::Card;
use crate::event::CardEvent;
use crate::rule::Rule;
use crate::value::status::CardStatus;
use crate::value::status::StatusGroup;

/// May a card in `from` be moved to `to` by Update card status, and if not, which rule
/// forbids it (domain.md §4 rows 8–18, §11.10–11, §11.64). `activated` says whether the card
/// has been activated (or started `NORMAL`): it matters only for a temporary block, which a
/// never-activated card leaves only back to `CREATED`.
///
/// The same status is always accepted: the API answers 200 and nothing changes (§11.10).
/// This is the lifecycle table; `docs/lifecycle.md` shows it, generated from this function.
///
/// # Errors
///
/// - [`ChangeStatusError::ActivationRequired`]: `CREATED` to `NORMAL` (activate instead);
/// - [`ChangeStatusError::SetByOperation`]: any status to `CREATED`, `UNBOUND`,
///   `UNNUMBERED` or `REISSUED`;
/// - [`ChangeStatusError::TerminationIsFinal`]: a termination status to an active or
///   temporary-block one (`THEFT` to `NORMAL`);
/// - [`ChangeStatusError::IssueFirst`]: `UNBOUND` or `UNNUMBERED` to active or blocked;
/// - [`ChangeStatusError::NotActivated`]: a temporary block of a never-activated card to `NORMAL`.
///
/// ```
/// use card_lifecycle::CardStatus::*;
/// use card_lifecycle::lifecycle::check_status_change;
///
/// check_status_change(Normal, Blocked, true)?;
/// check_status_change(Blocked, Normal, true)?;
/// check_status_change(Lost, Robbed, true)?;
/// assert!(check_status_change(Created, Normal, false).is_err());
/// assert!(check_status_change(Theft, Pending, true).is_err());
/// // Blocked before its activation: back to CREATED, never to NORMAL (§11.64).
/// check_status_change(Blocked, Created, false)?;
/// assert!(check_status_change(Blocked, Normal, false).is_err());
/// assert!(check_status_change(Blocked, Created, true).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[inline]
pub fn check_status_change(from: CardStatus, to: CardStatus, activated: bool) -> Result<(), ChangeStatusError> {
    // Discriminants index the table, which has a row and a column per status, per activation.
    let verdict = EDGES
        .get(usize::from(activated))
        .and_then(|table| table.get(from as usize))
        .and_then(|row| row.get(to as usize))
        .copied();
    verdict.unwrap_or_else(|| edge(from, to, activated))
}

/// [`edge`] for every pair, computed at compile time, so a check is one load.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an out-of-range index fails the build, never a request"
)]
const EDGES: [[[Result<(), ChangeStatusError>; STATUS_COUNT]; STATUS_COUNT]; 2] = {
    let statuses = <CardStatus as strum::VariantArray>::VARIANTS;
    let mut table = [[[Ok(()); STATUS_COUNT]; STATUS_COUNT]; 2];
    let mut activated = 0;
    while activated < 2 {
        let mut from = 0;
        while from < STATUS_COUNT {
            let mut to = 0;
            while to < STATUS_COUNT {
                table[activated][statuses[from] as usize][statuses[to] as usize] =
                    edge(statuses[from], statuses[to], activated == 1);
                to += 1;
            }
            from += 1;
        }
        activated += 1;
    }
    table
};

const STATUS_COUNT: usize = <CardStatus as strum::VariantArray>::VARIANTS.len();

/// The lifecycle table: one exhaustive `match` on the target status, then on the source's group.
#[inline]
const fn edge(from: CardStatus, to: CardStatus, activated: bool) -> Result<(), ChangeStatusError> {
    use CardStatus as S;
    use ChangeStatusError as E;
    use StatusGroup as G;
    if from as u8 == to as u8 {
        // §11.10: the same status is a no-op.
        return Ok(());
    }
    let blocked_before_activation = !activated && matches!(from.group(), G::TemporaryBlock);
    match to {
        // §11.64: a temporary block entered before activation is lifted back to CREATED, the one
        // place the status endpoint sets it.
        S::Created if blocked_before_activation => Ok(()),
        // §4 row 16, §11.11: set only by create, bind, PAN update and reissue.
        S::Created | S::Unbound | S::Unnumbered | S::Reissued => Err(E::SetByOperation { from, to }),
        S::Normal => match from.group() {
            G::Initial if from.awaits_issue() => Err(E::IssueFirst { from, to }),
            // §4 row 8: activation is the only way from CREATED to NORMAL.
            G::Initial => Err(E::ActivationRequired { from, to }),
            // §11.64: nothing but activation makes a never-activated card usable.
            G::TemporaryBlock if blocked_before_activation => Err(E::NotActivated { from, to }),
            // §4 row 11 (unblock); REISSUED back to NORMAL is our position, as REISSUED may
            // reach NORMAL through a block anyway.
            G::Active | G::TemporaryBlock => Ok(()),
            // §4 row 14.
            G::Termination => Err(E::TerminationIsFinal { from, to }),
        },
        S::Blocked | S::Pending | S::Warning => match from.group() {
            G::Initial if from.awaits_issue() => Err(E::IssueFirst { from, to }),
            // §4 rows 17, 9 and 10.
            G::Initial | G::Active | G::TemporaryBlock => Ok(()),
            // §4 row 14.
            G::Termination => Err(E::TerminationIsFinal { from, to }),
        },
        // §4 rows 12, 13 and 18: every status may be terminated.
        S::Inoperative
        | S::Canceled
        | S::Lost
        | S::Robbed
        | S::Theft
        | S::Fraud
        | S::Damaged
        | S::Expired
        | S::Deleted
        | S::Broken
        | S::Defect => Ok(()),
    }
}

/// The statuses Update card status may move a card in `from` to, in declaration order; `from`
/// itself (a no-op) is left out. `activated` as in [`check_status_change`].
///
/// ```
/// use card_lifecycle::CardStatus::{self, *};
/// use card_lifecycle::lifecycle::next_statuses;
/// let next: Vec<CardStatus> = next_statuses(Pending, true).take(4).collect();
/// assert_eq!(next, [Normal, Blocked, Warning, Inoperative]);
/// assert_eq!(next_statuses(Created, false).next(), Some(Blocked));
/// assert_eq!(next_statuses(Pending, false).next(), Some(Created));
/// ```
#[inline]
pub fn next_statuses(from: CardStatus, activated: bool) -> impl Iterator<Item = CardStatus> {
    CardStatus::iter().filter(move |&to| to != from && check_status_change(from, to, activated).is_ok())
}

/// Update card status on a card: the "Card updated" event, none for the status it already has
/// (§11.10), or the refusal of the lifecycle table.
pub(crate) fn change_status(card: &Card, status: CardStatus) -> Result<Vec<CardEvent>, ChangeStatusError> {
    check_status_change(card.status, status, card.activated)?;
    Ok(if card.status == status { vec![] } else { vec![CardEvent::StatusChanged { from: card.status, to: status }] })
}

/// Why Update card status refused a status (domain.md §4, §11.10–11). Small and `Copy`: the
/// lifecycle table holds these values.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::lifecycle::{check_status_change, ChangeStatusError};
/// let error = check_status_change(CardStatus::Theft, CardStatus::Normal, true).unwrap_err();
/// assert!(matches!(error, ChangeStatusError::TerminationIsFinal { .. }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ChangeStatusError {
    /// `CREATED` becomes `NORMAL` only by Activate physical card (§4 rows 7–8).
    #[error("status {from} cannot become {to} by a status change: a physical card becomes NORMAL only by activation")]
    ActivationRequired {
        /// The card's status.
        from: CardStatus,
        /// The status asked for.
        to: CardStatus,
    },
    /// The card was blocked before it was ever activated: the block is lifted only back to
    /// `CREATED`, and activation makes it usable (domain.md §11.64).
    #[error(
        "status {from} cannot become {to}: the card was never activated, so the block is lifted only back to CREATED and activation makes it usable"
    )]
    NotActivated {
        /// The current status.
        from: CardStatus,
        /// The requested status.
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

impl ChangeStatusError {
    /// The rule that refused.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::lifecycle::check_status_change;
    /// use card_lifecycle::rule::Rule;
    /// let error = check_status_change(CardStatus::Lost, CardStatus::Normal, true).unwrap_err();
    /// assert_eq!(error.rule(), Rule::TerminationIsFinal);
    /// ```
    #[must_use]
    pub const fn rule(self) -> Rule {
        match self {
            Self::ActivationRequired { .. } => Rule::ActivationRequired,
            Self::SetByOperation { .. } => Rule::SetByOperation,
            Self::TerminationIsFinal { .. } => Rule::TerminationIsFinal,
            Self::IssueFirst { .. } => Rule::IssueFirst,
            Self::NotActivated { .. } => Rule::BlockedBeforeActivation,
        }
    }
}
