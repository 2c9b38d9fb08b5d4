use strum::IntoEnumIterator;

/// Where a card is in its lifecycle: the API's `status` (domain.md §3).
///
/// The wire spelling is the API's (`"NORMAL"`, `"UNBOUND"`). Two misspellings found on Pismo's
/// own pages, `"UMBOUND"` and `"CANCELLED"`, are read as aliases and never written
/// (domain.md §11.1). Not `Ord`: the lifecycle is a graph, not a line.
///
/// ```
/// use card_lifecycle::{CardStatus, StatusGroup};
///
/// let status: CardStatus = "UMBOUND".parse()?;
/// assert_eq!(status, CardStatus::Unbound);
/// assert_eq!(status.as_str(), "UNBOUND");
/// assert_eq!(CardStatus::Theft.group(), StatusGroup::Termination);
/// assert!("normal".parse::<CardStatus>().is_err());
/// # Ok::<(), card_lifecycle::Error>(())
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(
    serialize_all = "SCREAMING_SNAKE_CASE",
    parse_err_ty = crate::ParseCardStatusError,
    parse_err_fn = crate::ParseCardStatusError::new
)]
#[serde(try_from = "String", into = "&'static str")]
pub enum CardStatus {
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

/// The four groups the statuses fall into (domain.md §3; Pismo calls the grouping unofficial).
///
/// The lifecycle rules are stated per group, so [`CardStatus::group`] is what the transition
/// table reads.
///
/// ```
/// use card_lifecycle::{CardStatus, StatusGroup};
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

impl CardStatus {
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
        match self {
            Self::Normal | Self::Blocked | Self::Pending | Self::Warning | Self::Reissued => true,
            Self::Created
            | Self::Unbound
            | Self::Unnumbered
            | Self::Inoperative
            | Self::Canceled
            | Self::Lost
            | Self::Robbed
            | Self::Theft
            | Self::Fraud
            | Self::Damaged
            | Self::Expired
            | Self::Deleted
            | Self::Broken
            | Self::Defect => false,
        }
    }

    /// The group of this status (domain.md §3 and §11.2).
    ///
    /// ```
    /// use card_lifecycle::{CardStatus, StatusGroup};
    /// assert_eq!(CardStatus::Inoperative.group(), StatusGroup::Termination);
    /// ```
    #[must_use]
    #[inline]
    pub const fn group(self) -> StatusGroup {
        match self {
            Self::Created | Self::Unbound | Self::Unnumbered => StatusGroup::Initial,
            Self::Normal | Self::Reissued => StatusGroup::Active,
            Self::Blocked | Self::Pending | Self::Warning => StatusGroup::TemporaryBlock,
            Self::Inoperative
            | Self::Canceled
            | Self::Lost
            | Self::Robbed
            | Self::Theft
            | Self::Fraud
            | Self::Damaged
            | Self::Expired
            | Self::Deleted
            | Self::Broken
            | Self::Defect => StatusGroup::Termination,
        }
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

    /// The API's spelling of this status.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// assert_eq!(CardStatus::Canceled.as_str(), "CANCELED");
    /// ```
    #[must_use]
    #[inline]
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl StatusGroup {
    /// The wire-style name of the group, as the docs and the generated table print it.
    ///
    /// ```
    /// use card_lifecycle::StatusGroup;
    /// assert_eq!(StatusGroup::Termination.as_str(), "TERMINATION");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The statuses of this group, in declaration order.
    ///
    /// ```
    /// use card_lifecycle::{CardStatus, StatusGroup};
    /// let active: Vec<CardStatus> = StatusGroup::Active.statuses().collect();
    /// assert_eq!(active, [CardStatus::Normal, CardStatus::Reissued]);
    /// ```
    pub fn statuses(self) -> impl Iterator<Item = CardStatus> {
        CardStatus::iter().filter(move |status| status.group() == self)
    }
}

crate::wire_enum::impl_wire_enum!(CardStatus, crate::ParseCardStatusError);

crate::wire_enum::parse_enum_error!(
    /// A string that is not a [`CardStatus`].
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// let error = "normal".parse::<CardStatus>().unwrap_err();
    /// assert!(error.to_string().starts_with(r#"unknown card status "normal", expected one of CREATED"#));
    /// ```
    ParseCardStatusError, crate::CardStatus, "card status"
);
