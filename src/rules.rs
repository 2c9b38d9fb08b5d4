/// The stable identifier of every rule that can refuse a request, with where it comes from.
///
/// Every refusal names its rule ([`crate::Error::rule`]); the conformance runner prints it with
/// `--explain`, and `docs/rules.md` lists them all, generated from this type.
///
/// ```
/// use card_lifecycle::Rule;
/// assert_eq!(Rule::TerminationIsFinal.id(), "status.termination-is-final");
/// assert_eq!(Rule::TerminationIsFinal.source(), "domain.md §4 rows 14–15, §11.3, §11.26");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[non_exhaustive]
pub enum Rule {
    /// A value that is not one of the API's spellings.
    WireValue,
    /// The Update card status body must carry a known `status`.
    StatusBody,
    /// `CREATED` becomes `NORMAL` only by activation.
    ActivationRequired,
    /// Initial statuses and `REISSUED` are set only by the operations that issue cards.
    SetByOperation,
    /// A terminated card never becomes active or blocked again.
    TerminationIsFinal,
    /// `UNBOUND` and `UNNUMBERED` cards are bound or numbered before they are used or blocked.
    IssueFirst,
    /// Only physical cards are activated.
    ActivatePlasticOnly,
    /// Only `CREATED` cards are activated.
    ActivateCreatedOnly,
    /// Only `UNBOUND` cards are bound to a customer.
    BindUnboundOnly,
    /// The PAN endpoint matches the card's kind.
    PanEndpointMatchesKind,
    /// Only `UNNUMBERED` cards are given a PAN.
    PanUnnumberedOnly,
    /// The embossing service knows a card only once it is ready.
    EmbossingCardNotFound,
    /// A card already queued or embossed is not added again.
    EmbossingAlreadyEmbossed,
    /// Type, status and password decide whether a card may be embossed.
    EmbossingEligibility,
    /// The Resend cards for embossing body needs `cards`.
    ReembossingBody,
    /// The Start card embossing body needs `config_id`.
    StartEmbossingBody,
    /// Every `CreateCard` field within its limits.
    CreateBody,
    /// One card that is not terminated per customer, type and name.
    CreateOneActivePerTypeAndName,
    /// The sweep's columns are parallel.
    SweepColumns,
}

impl Rule {
    /// The stable identifier, `area.rule`.
    ///
    /// ```
    /// use card_lifecycle::Rule;
    /// assert_eq!(Rule::EmbossingEligibility.id(), "embossing.eligibility");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        self.describe().0
    }

    /// Where the rule comes from in `domain.md` (the positions of §11 included).
    ///
    /// ```
    /// use card_lifecycle::Rule;
    /// assert_eq!(Rule::BindUnboundOnly.source(), "domain.md §4 row 5");
    /// ```
    #[must_use]
    pub const fn source(self) -> &'static str {
        self.describe().1
    }

    /// The rule in one sentence.
    ///
    /// ```
    /// use card_lifecycle::Rule;
    /// assert_eq!(Rule::ActivateCreatedOnly.summary(), "only a CREATED card can be activated");
    /// ```
    #[must_use]
    pub const fn summary(self) -> &'static str {
        self.describe().2
    }

    const fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::WireValue => ("wire.value", "domain.md §3, §7", "enums and values use the API's spellings"),
            Self::StatusBody => {
                ("status.body", "domain.md §8, §11.21", "the status change body is an object with a known status")
            }
            Self::ActivationRequired => (
                "status.activation-required",
                "domain.md §4 rows 7–8",
                "CREATED becomes NORMAL only by activation, never by a status change",
            ),
            Self::SetByOperation => (
                "status.set-by-operation",
                "domain.md §4 row 16, §11.11",
                "CREATED, UNBOUND, UNNUMBERED and REISSUED are set only by create, bind, PAN update and reissue",
            ),
            Self::TerminationIsFinal => (
                "status.termination-is-final",
                "domain.md §4 rows 14–15, §11.3, §11.26",
                "a terminated card may only move to another termination status",
            ),
            Self::IssueFirst => (
                "status.issue-first",
                "domain.md §4 rows 5–6, 17 (our position)",
                "an UNBOUND card is bound and an UNNUMBERED card numbered before it is used or blocked",
            ),
            Self::ActivatePlasticOnly => {
                ("activate.plastic-only", "domain.md §11.12", "only PLASTIC cards are activated")
            }
            Self::ActivateCreatedOnly => {
                ("activate.created-only", "domain.md §4 row 7, §11.12", "only a CREATED card can be activated")
            }
            Self::BindUnboundOnly => {
                ("bind.unbound-only", "domain.md §4 row 5", "only an UNBOUND card can be bound to a customer")
            }
            Self::PanEndpointMatchesKind => (
                "pan.endpoint-matches-kind",
                "domain.md §11.29",
                "the nominal PAN endpoint numbers only nominal cards, the noname one only noname cards",
            ),
            Self::PanUnnumberedOnly => {
                ("pan.unnumbered-only", "domain.md §4 row 6", "only an UNNUMBERED card can be given a PAN")
            }
            Self::EmbossingCardNotFound => (
                "embossing.card-not-found",
                "domain.md §5 (S3, S16)",
                "the embossing service knows a card only after \"Card can be added to next scheduled embossing\"",
            ),
            Self::EmbossingAlreadyEmbossed => (
                "embossing.already-embossed",
                "domain.md §5, §11.14",
                "a card queued or in an embossing file is not added again until it is resent",
            ),
            Self::EmbossingEligibility => (
                "embossing.eligibility",
                "domain.md §5, §11.13",
                "physical cards only; CREATED when scheduled, also NORMAL, BLOCKED, PENDING, WARNING on demand; \
                 scheduled cards need a changed password unless added on demand",
            ),
            Self::ReembossingBody => {
                ("reembossing.body", "domain.md §5, §11.22", "the resend body carries cards, an array of card ids")
            }
            Self::StartEmbossingBody => (
                "start-embossing.body",
                "domain.md §5",
                "the trigger body carries config_id, a UUID, and optional arrays of ids",
            ),
            Self::CreateBody => (
                "create.body",
                "domain.md §6, §7, §11.4–5, §11.18–19",
                "every CreateCard field is within its schema limits",
            ),
            Self::CreateOneActivePerTypeAndName => (
                "create.one-active-per-type-and-name",
                "domain.md §7, §11.8",
                "a customer holds at most one card that is not terminated per type and name",
            ),
            Self::SweepColumns => {
                ("sweep.columns", "issue 6 (library input)", "the sweep's status and valid_until columns are parallel")
            }
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.id())
    }
}
