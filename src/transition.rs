use strum::IntoEnumIterator;

use crate::{CardStatus, ChangeStatusError, StatusGroup};

/// May a card in `from` be moved to `to` by Update card status, and if not, which rule
/// forbids it (domain.md §4 rows 8–18, §11.10–11).
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
/// - [`ChangeStatusError::IssueFirst`]: `UNBOUND` or `UNNUMBERED` to active or blocked.
///
/// ```
/// use card_lifecycle::{check_status_change, CardStatus::*};
///
/// check_status_change(Normal, Blocked)?;
/// check_status_change(Blocked, Normal)?;
/// check_status_change(Lost, Robbed)?;
/// assert!(check_status_change(Created, Normal).is_err());
/// assert!(check_status_change(Theft, Pending).is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[inline]
pub fn check_status_change(from: CardStatus, to: CardStatus) -> Result<(), ChangeStatusError> {
    // Discriminants index the table, which has a row and a column per status.
    let verdict = EDGES.get(from as usize).and_then(|row| row.get(to as usize)).copied();
    match verdict.unwrap_or_else(|| edge(from, to)) {
        Edge::Allowed => Ok(()),
        Edge::ActivationRequired => Err(ChangeStatusError::ActivationRequired { from, to }),
        Edge::SetByOperation => Err(ChangeStatusError::SetByOperation { from, to }),
        Edge::TerminationIsFinal => Err(ChangeStatusError::TerminationIsFinal { from, to }),
        Edge::IssueFirst => Err(ChangeStatusError::IssueFirst { from, to }),
    }
}

/// [`edge`] for every pair, computed at compile time, so a check is one load.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an out-of-range index fails the build, never a request"
)]
const EDGES: [[Edge; STATUS_COUNT]; STATUS_COUNT] = {
    let statuses = <CardStatus as strum::VariantArray>::VARIANTS;
    let mut table = [[Edge::Allowed; STATUS_COUNT]; STATUS_COUNT];
    let mut from = 0;
    while from < STATUS_COUNT {
        let mut to = 0;
        while to < STATUS_COUNT {
            table[statuses[from] as usize][statuses[to] as usize] = edge(statuses[from], statuses[to]);
            to += 1;
        }
        from += 1;
    }
    table
};

const STATUS_COUNT: usize = <CardStatus as strum::VariantArray>::VARIANTS.len();

/// What the table says of one edge; small and `Copy`, so the check costs a lookup.
#[derive(Clone, Copy)]
enum Edge {
    Allowed,
    ActivationRequired,
    SetByOperation,
    TerminationIsFinal,
    IssueFirst,
}

/// The lifecycle table: one exhaustive `match` on the target status, then on the source's group.
#[inline]
const fn edge(from: CardStatus, to: CardStatus) -> Edge {
    use CardStatus as S;
    use StatusGroup as G;
    if from as u8 == to as u8 {
        // §11.10: the same status is a no-op.
        return Edge::Allowed;
    }
    match to {
        // §4 row 16, §11.11: set only by create, bind, PAN update and reissue.
        S::Created | S::Unbound | S::Unnumbered | S::Reissued => Edge::SetByOperation,
        S::Normal => match from.group() {
            G::Initial if awaits_issue(from) => Edge::IssueFirst,
            // §4 row 8: activation is the only way from CREATED to NORMAL.
            G::Initial => Edge::ActivationRequired,
            // §4 row 11 (unblock); REISSUED back to NORMAL is our position, as REISSUED may
            // reach NORMAL through a block anyway.
            G::Active | G::TemporaryBlock => Edge::Allowed,
            // §4 row 14.
            G::Termination => Edge::TerminationIsFinal,
        },
        S::Blocked | S::Pending | S::Warning => match from.group() {
            G::Initial if awaits_issue(from) => Edge::IssueFirst,
            // §4 rows 17, 9 and 10.
            G::Initial | G::Active | G::TemporaryBlock => Edge::Allowed,
            // §4 row 14.
            G::Termination => Edge::TerminationIsFinal,
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
        | S::Defect => Edge::Allowed,
    }
}

/// Whether a card still waits for the operation that issues it: binding (`UNBOUND`) or its
/// PAN (`UNNUMBERED`).
#[inline]
const fn awaits_issue(status: CardStatus) -> bool {
    match status {
        CardStatus::Unbound | CardStatus::Unnumbered => true,
        CardStatus::Created
        | CardStatus::Normal
        | CardStatus::Reissued
        | CardStatus::Blocked
        | CardStatus::Pending
        | CardStatus::Warning
        | CardStatus::Inoperative
        | CardStatus::Canceled
        | CardStatus::Lost
        | CardStatus::Robbed
        | CardStatus::Theft
        | CardStatus::Fraud
        | CardStatus::Damaged
        | CardStatus::Expired
        | CardStatus::Deleted
        | CardStatus::Broken
        | CardStatus::Defect => false,
    }
}

impl CardStatus {
    /// The statuses Update card status may move a card in this status to, in declaration
    /// order; the status itself (a no-op) is left out.
    ///
    /// ```
    /// use card_lifecycle::CardStatus::{self, *};
    /// let next: Vec<CardStatus> = Pending.next_statuses().take(4).collect();
    /// assert_eq!(next, [Normal, Blocked, Warning, Inoperative]);
    /// assert_eq!(Created.next_statuses().next(), Some(Blocked));
    /// ```
    #[inline]
    pub fn next_statuses(self) -> impl Iterator<Item = CardStatus> {
        Self::iter().filter(move |&to| to != self && check_status_change(self, to).is_ok())
    }
}
