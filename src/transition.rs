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
pub fn check_status_change(from: CardStatus, to: CardStatus) -> Result<(), ChangeStatusError> {
    use CardStatus as S;
    use StatusGroup as G;
    if from == to {
        return Ok(());
    }
    let refuse = |error: fn(CardStatus, CardStatus) -> ChangeStatusError| Err(error(from, to));
    match to {
        // §4 row 16, §11.11: set only by create, bind, PAN update and reissue.
        S::Created | S::Unbound | S::Unnumbered | S::Reissued => {
            refuse(|from, to| ChangeStatusError::SetByOperation { from, to })
        }
        S::Normal => match from.group() {
            G::Initial if awaits_issue(from) => refuse(|from, to| ChangeStatusError::IssueFirst { from, to }),
            // §4 row 8: activation is the only way from CREATED to NORMAL.
            G::Initial => refuse(|from, to| ChangeStatusError::ActivationRequired { from, to }),
            // §4 row 11 (unblock); REISSUED back to NORMAL is our position, as REISSUED may
            // reach NORMAL through a block anyway.
            G::Active | G::TemporaryBlock => Ok(()),
            // §4 row 14.
            G::Termination => refuse(|from, to| ChangeStatusError::TerminationIsFinal { from, to }),
        },
        S::Blocked | S::Pending | S::Warning => match from.group() {
            G::Initial if awaits_issue(from) => refuse(|from, to| ChangeStatusError::IssueFirst { from, to }),
            // §4 rows 17, 9 and 10.
            G::Initial | G::Active | G::TemporaryBlock => Ok(()),
            // §4 row 14.
            G::Termination => refuse(|from, to| ChangeStatusError::TerminationIsFinal { from, to }),
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

/// Whether a card still waits for the operation that issues it: binding (`UNBOUND`) or its
/// PAN (`UNNUMBERED`).
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
    pub fn next_statuses(self) -> impl Iterator<Item = CardStatus> {
        Self::iter().filter(move |&to| to != self && check_status_change(self, to).is_ok())
    }
}
