//! The card statuses of domain.md §3: one facts table per status, from which every status list
//! and group is derived.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

use strum::IntoEnumIterator;

crate::value::wire_enum::wire_enum! {
    /// Where a card is in its lifecycle: the API's `status` (domain.md §3).
    ///
    /// The wire spelling is the API's (`"NORMAL"`, `"UNBOUND"`). Two misspellings found on Pismo's
    /// own pages, `"UMBOUND"` and `"CANCELLED"`, are read as aliases and never written
    /// (domain.md §11.1). Not `Ord`: the lifecycle is a graph, not a line.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::value::StatusGroup;
    ///
    /// let status: CardStatus = "UMBOUND".parse()?;
    /// assert_eq!(status, CardStatus::Unbound);
    /// assert_eq!(status.as_str(), "UNBOUND");
    /// assert_eq!(CardStatus::Theft.group(), StatusGroup::Termination);
    /// assert!("normal".parse::<CardStatus>().is_err());
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub enum CardStatus(ParseCardStatusError, "card status", "value") {
        /// Exists in the system; a physical card not yet activated.
        Created,
        /// A noname card with no customer yet.
        #[strum(to_string = "UNBOUND", serialize = "UMBOUND")]
        Unbound,
        /// Created without PAN and PIN; the issuer must supply them.
        Unnumbered,
        /// Usable for transactions; the default for virtual cards.
        Normal,
        /// A replacement was issued; the old card works until it is cancelled.
        Reissued,
        /// Blocked until a later status change, e.g. after too many wrong PIN tries.
        Blocked,
        /// Waits for further processing such as account verification.
        Pending,
        /// A general alert flag is raised; transactions are disabled.
        Warning,
        /// The validity period (`valid_until`) has passed.
        Inoperative,
        /// Cancelled, e.g. the old card after a reissue.
        #[strum(to_string = "CANCELED", serialize = "CANCELLED")]
        Canceled,
        /// Reported lost.
        Lost,
        /// Reported stolen (the API has no `STOLEN`).
        Robbed,
        /// Theft.
        Theft,
        /// Ended for fraud.
        Fraud,
        /// Physically damaged.
        Damaged,
        /// Past its expiration.
        Expired,
        /// Deleted.
        Deleted,
        /// A broken card.
        Broken,
        /// A defective card.
        Defect,
    }
}

/// The four groups the statuses fall into (domain.md §3; Pismo calls the grouping unofficial).
///
/// The lifecycle rules are stated per group, so [`CardStatus::group`] is what the transition
/// table reads.
///
/// ```
/// use card_lifecycle::CardStatus;
/// use card_lifecycle::value::StatusGroup;
///
/// assert_eq!(CardStatus::Pending.group(), StatusGroup::TemporaryBlock);
/// assert_eq!(StatusGroup::TemporaryBlock.as_str(), "TEMPORARY_BLOCK");
/// assert_eq!(StatusGroup::Initial.statuses().count(), 3);
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, strum::Display, strum::EnumIter, strum::IntoStaticStr,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(into = "&'static str")]
pub enum StatusGroup {
    /// Created, unbound or unnumbered: the card is not yet usable.
    Initial,
    /// Usable for transactions.
    Active,
    /// Transactions are disabled until a later status change.
    TemporaryBlock,
    /// Ended: the card never becomes active or blocked again.
    Termination,
}

/// What domain.md says of one status beyond its name: its group (§3, §11.2), whether its
/// validity lapses (§6, §4 rows 25–26), whether it waits for the operation that issues the card
/// (binding, numbering), and which embossing takes it (§5, §11.13, §11.31).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct StatusFacts {
    pub(crate) group: StatusGroup,
    pub(crate) lapses: bool,
    pub(crate) awaits_issue: bool,
    pub(crate) embossing: EmbossedBy,
}

/// Which embossing takes a physical card in a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EmbossedBy {
    /// Scheduled and on-demand embossing.
    Both,
    /// On-demand embossing, and scheduled embossing when the program starts physical cards in
    /// this status (§11.31).
    OnDemandOrInitial,
    /// On-demand embossing only.
    OnDemand,
    /// No embossing.
    Neither,
}

impl CardStatus {
    /// The facts of each status, one line per status: every status list of the crate is
    /// derived from this table.
    #[rustfmt::skip]
    #[expect(clippy::match_same_arms, reason = "one status per line, like the spec's table")]
    #[must_use]
    #[inline]
    pub(crate) const fn facts(self) -> StatusFacts {
        use EmbossedBy::{Both, Neither, OnDemand, OnDemandOrInitial};
        use StatusGroup::{Active, Initial, TemporaryBlock, Termination};
        const fn row(group: StatusGroup, lapses: bool, awaits_issue: bool, embossing: EmbossedBy) -> StatusFacts {
            StatusFacts { group, lapses, awaits_issue, embossing }
        }
        match self {
            //                       group           lapses awaits issue  embossed by
            Self::Created =>     row(Initial,        false, false,        Both),
            Self::Unbound =>     row(Initial,        false, true,         Neither),
            Self::Unnumbered =>  row(Initial,        false, true,         Neither),
            Self::Normal =>      row(Active,         true,  false,        OnDemandOrInitial),
            Self::Reissued =>    row(Active,         true,  false,        Neither),
            Self::Blocked =>     row(TemporaryBlock, true,  false,        OnDemand),
            Self::Pending =>     row(TemporaryBlock, true,  false,        OnDemand),
            Self::Warning =>     row(TemporaryBlock, true,  false,        OnDemand),
            Self::Inoperative => row(Termination,    false, false,        Neither),
            Self::Canceled =>    row(Termination,    false, false,        Neither),
            Self::Lost =>        row(Termination,    false, false,        Neither),
            Self::Robbed =>      row(Termination,    false, false,        Neither),
            Self::Theft =>       row(Termination,    false, false,        Neither),
            Self::Fraud =>       row(Termination,    false, false,        Neither),
            Self::Damaged =>     row(Termination,    false, false,        Neither),
            Self::Expired =>     row(Termination,    false, false,        Neither),
            Self::Deleted =>     row(Termination,    false, false,        Neither),
            Self::Broken =>      row(Termination,    false, false,        Neither),
            Self::Defect =>      row(Termination,    false, false,        Neither),
        }
    }

    /// Whether a card in this status becomes `INOPERATIVE` once its `valid_until` passes
    /// (domain.md §6, §4 rows 25–26: `NORMAL`, `BLOCKED`, `PENDING`, `WARNING`, `REISSUED`).
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// assert!(CardStatus::Reissued.becomes_inoperative());
    /// assert!(!CardStatus::Created.becomes_inoperative());
    /// ```
    #[must_use]
    #[inline]
    pub const fn becomes_inoperative(self) -> bool {
        // One bit per status, derived from the facts table at compile time: the sweep's hot test.
        const LAPSING: u32 = {
            let statuses = <CardStatus as strum::VariantArray>::VARIANTS;
            let mut bits = 0_u32;
            let mut index = 0;
            while index < statuses.len() {
                #[expect(clippy::indexing_slicing, reason = "compile time: index < len, an error fails the build")]
                let status = statuses[index];
                if status.facts().lapses {
                    bits |= 1 << status as u32;
                }
                index += 1;
            }
            bits
        };
        LAPSING & (1 << self as u32) != 0
    }

    /// The group of this status (domain.md §3 and §11.2).
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::value::StatusGroup;
    /// assert_eq!(CardStatus::Inoperative.group(), StatusGroup::Termination);
    /// ```
    #[must_use]
    #[inline]
    pub const fn group(self) -> StatusGroup {
        self.facts().group
    }

    /// Whether a card in this status still waits for the operation that issues it: binding
    /// (`UNBOUND`) or its PAN (`UNNUMBERED`).
    #[must_use]
    #[inline]
    pub(crate) const fn awaits_issue(self) -> bool {
        self.facts().awaits_issue
    }

    /// Whether the card has ended: no operation brings it back to active or blocked.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// assert!(CardStatus::Lost.is_terminated());
    /// assert!(!CardStatus::Blocked.is_terminated());
    /// ```
    #[must_use]
    #[inline]
    pub const fn is_terminated(self) -> bool {
        matches!(self.group(), StatusGroup::Termination)
    }
}

impl StatusGroup {
    /// The wire-style name of the group, as the docs and the generated table print it.
    ///
    /// ```
    /// use card_lifecycle::value::StatusGroup;
    /// assert_eq!(StatusGroup::Termination.as_str(), "TERMINATION");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The statuses of this group, in declaration order.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::value::StatusGroup;
    /// let active: Vec<CardStatus> = StatusGroup::Active.statuses().collect();
    /// assert_eq!(active, [CardStatus::Normal, CardStatus::Reissued]);
    /// ```
    pub fn statuses(self) -> impl Iterator<Item = CardStatus> {
        CardStatus::iter().filter(move |status| status.group() == self)
    }
}
