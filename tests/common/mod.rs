//! What the test files share: facts written from `shared/spec/domain.md`, never from the crate.

/// The 19 statuses of domain.md §3, in its order: three initial, two active, three temporary
/// blocks, then the eleven termination statuses (§11.2).
pub(crate) const STATUSES: [&str; 19] = [
    "CREATED",
    "UNBOUND",
    "UNNUMBERED",
    "NORMAL",
    "REISSUED",
    "BLOCKED",
    "PENDING",
    "WARNING",
    "INOPERATIVE",
    "CANCELED",
    "LOST",
    "ROBBED",
    "THEFT",
    "FRAUD",
    "DAMAGED",
    "EXPIRED",
    "DELETED",
    "BROKEN",
    "DEFECT",
];
