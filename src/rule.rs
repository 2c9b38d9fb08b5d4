//! Every rule that can refuse a request, one row each: its stable id, where it comes from, what
//! it says, and the API's answer when it refuses.
//!
//! Layer `rule`; the layers are listed in `lib.rs`.

/// The stable identifier of every rule that can refuse a request.
///
/// Every refusal names its rule ([`crate::Error::rule`]), and the rule's [`RuleRow`] holds the
/// API's answer: there is no second table of HTTP statuses to keep in step. The conformance
/// runner prints the id with `--explain`, and `docs/rules.md` lists every row, generated from
/// this type.
///
/// ```
/// use card_lifecycle::rule::Rule;
/// let row = Rule::TerminationIsFinal.row();
/// assert_eq!((row.id, row.status, row.error), ("status.termination-is-final", 409, "conflict"));
/// assert_eq!(Rule::EmbossingCardNotFound.row().message, Some("card not found"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[non_exhaustive]
pub enum Rule {
    /// A value that is not one of the API's spellings.
    WireValue,
    /// The Update card status body must carry a known `status`.
    StatusBody,
    /// The Change card password body carries a PIN of the card's length.
    PasswordBody,
    /// A request carries a valid token (§13.60).
    AuthUnauthorized,
    /// The token reaches what the request names (§13.61–62).
    AuthForbidden,
    /// A request's path names its card.
    CardIdRequired,
    /// A `cardId` in a path is a card id.
    CardIdPath,
    /// A request names a card the server has.
    UnknownCard,
    /// `CREATED` becomes `NORMAL` only by activation.
    ActivationRequired,
    /// A temporary block entered before activation is lifted only back to `CREATED`.
    BlockedBeforeActivation,
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
    StartEmbossingConfigIdRequired,
    /// The Start card embossing body's fields have their types.
    StartEmbossingBody,
    /// Every `CreateCard` field within its limits.
    CreateBody,
    /// A new card's validity ends within its expiration month, which has not passed.
    CreateValidity,
    /// One card that is not terminated per customer, type and name.
    CreateOneActivePerTypeAndName,
    /// The Reissue card body carries a reason and valid card fields.
    ReissueBody,
    /// Only cards that have a customer and a PAN are reissued.
    ReissueIssuedCardsOnly,
    /// The Renew card expiration date body carries a `yymm` date.
    ExpirationRenewBody,
    /// Only activated `PLASTIC` and `VIRTUAL` cards in the statuses §12.45–46 list are renewed.
    RenewCard,
    /// The new expiration date is later than the card's.
    ExpirationRenewLater,
    /// The Renew card validity body carries `validity_period_hours` of at least 1.
    ValidityRenewBody,
    /// A renewed validity ends within the expiration month.
    ValidityRenewExpiration,
    /// The Increase password try count body carries `block_card_exceeds_counter`.
    PasswordTriesBody,
    /// PIN tries are reset or counted only in the statuses §12.47 lists.
    PasswordTriesStatus,
    /// The Update card information body changes at least one known field, each within its rule.
    InformationBody,
    /// A terminated card's information does not change.
    InformationTerminated,
}

/// One rule: what it is, where it comes from, and how the API answers when it refuses.
///
/// ```
/// use card_lifecycle::rule::Rule;
/// let row = Rule::ReembossingBody.row();
/// assert_eq!((row.status, row.error_code), (400, false));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RuleRow {
    /// The stable identifier, `area.rule`.
    pub id: &'static str,
    /// Where the rule comes from in `docs/domain.md` (the positions of §11 included).
    pub source: &'static str,
    /// The rule in one sentence.
    pub summary: &'static str,
    /// The HTTP status of a refusal.
    pub status: u16,
    /// The error body's `error` string.
    pub error: &'static str,
    /// The body's `message` where a page of the API documents it (domain.md §11.38); otherwise
    /// the body carries the refusal's own message, which names the field, the value and the rule.
    pub message: Option<&'static str>,
    /// Whether the body has `error_code` (empty): not on the pages whose documented body has none.
    pub error_code: bool,
}

/// The API's answers (domain.md §10); `conflict` is our spelling for 409 (docs/decisions.md).
const BAD_REQUEST: (u16, &str) = (400, "bad_request");
const NOT_FOUND: (u16, &str) = (404, "not_found");
const NOT_ACCEPTABLE: (u16, &str) = (406, "StatusNotAcceptable");
const CONFLICT: (u16, &str) = (409, "conflict");

const fn row(
    id: &'static str,
    source: &'static str,
    summary: &'static str,
    (status, error): (u16, &'static str),
) -> RuleRow {
    RuleRow { id, source, summary, status, error, message: None, error_code: true }
}

impl RuleRow {
    /// The same row with the message its page documents.
    const fn documented(self, message: &'static str) -> Self {
        Self { message: Some(message), ..self }
    }

    /// The same row without `error_code`, as its page documents the body.
    const fn without_error_code(self) -> Self {
        Self { error_code: false, ..self }
    }
}

impl Rule {
    /// The rule's row: id, source, summary and the API's answer.
    #[must_use]
    #[expect(clippy::too_many_lines, reason = "one row per rule, like the table in docs/rules.md")]
    pub const fn row(self) -> RuleRow {
        match self {
            Self::WireValue => {
                row("wire.value", "domain.md §3, §7", "enums and values use the API's spellings", BAD_REQUEST)
            }
            Self::StatusBody => row(
                "status.body",
                "domain.md §8, §11.21",
                "the status change body is an object with a known status",
                BAD_REQUEST,
            ),
            Self::PasswordBody => row(
                "password.body",
                "domain.md §11.25, §11.58",
                "the Change card password body carries password, a string of 4 or 6 ASCII digits, as many as the card's pin_length",
                BAD_REQUEST,
            ),
            Self::AuthUnauthorized => row(
                "auth.unauthorized",
                "domain.md §13.60, §13.63",
                "a request carries a token that is a JWT, well signed and not expired",
                (401, "unauthorized"),
            )
            .documented("Access token is missing or invalid"),
            Self::AuthForbidden => row(
                "auth.forbidden",
                "domain.md §13.61–63",
                "the token reaches the path's account and customer, and issuer-wide operations need the issuer scope",
                (403, "forbidden"),
            )
            .documented("You don't have permission to access this resource"),
            Self::CardIdRequired => row(
                "request.card-id-required",
                "domain.md §5 (S3), §11.38",
                "a request's path names its card",
                BAD_REQUEST,
            )
            .documented("the field card_id is required"),
            Self::CardIdPath => row(
                "request.card-id",
                "domain.md §8, §11.36",
                "a cardId in a path is an integer from 1 to 2^63 - 1",
                BAD_REQUEST,
            ),
            Self::UnknownCard => row(
                "request.unknown-card",
                "domain.md §5 (S3), §10, §11.38",
                "a request names a card the server has",
                NOT_FOUND,
            )
            .documented("card not found"),
            Self::ActivationRequired => row(
                "status.activation-required",
                "domain.md §4 rows 7–8",
                "CREATED becomes NORMAL only by activation, never by a status change",
                CONFLICT,
            ),
            Self::BlockedBeforeActivation => row(
                "status.blocked-before-activation",
                "domain.md §11.64",
                "a temporary block entered before activation is lifted only back to CREATED; activation alone makes the card usable",
                CONFLICT,
            ),
            Self::SetByOperation => row(
                "status.set-by-operation",
                "domain.md §4 row 16, §11.11",
                "CREATED, UNBOUND, UNNUMBERED and REISSUED are set only by create, bind, PAN update and reissue",
                CONFLICT,
            ),
            Self::TerminationIsFinal => row(
                "status.termination-is-final",
                "domain.md §4 rows 14–15, §11.3, §11.26",
                "a terminated card may only move to another termination status",
                CONFLICT,
            ),
            Self::IssueFirst => row(
                "status.issue-first",
                "domain.md §4 rows 5–6, 17 (our position)",
                "an UNBOUND card is bound and an UNNUMBERED card numbered before it is used or blocked",
                CONFLICT,
            ),
            Self::ActivatePlasticOnly => {
                row("activate.plastic-only", "domain.md §11.12", "only PLASTIC cards are activated", CONFLICT)
            }
            Self::ActivateCreatedOnly => row(
                "activate.created-only",
                "domain.md §4 row 7, §11.12",
                "only a CREATED card can be activated",
                CONFLICT,
            ),
            Self::BindUnboundOnly => row(
                "bind.unbound-only",
                "domain.md §4 row 5",
                "only an UNBOUND card can be bound to a customer",
                CONFLICT,
            ),
            Self::PanEndpointMatchesKind => row(
                "pan.endpoint-matches-kind",
                "domain.md §11.29",
                "the nominal PAN endpoint numbers only nominal cards, the noname one only noname cards",
                CONFLICT,
            ),
            Self::PanUnnumberedOnly => row(
                "pan.unnumbered-only",
                "domain.md §4 row 6, §11.55 (S12 406)",
                "only an UNNUMBERED card can be given a PAN",
                NOT_ACCEPTABLE,
            ),
            Self::EmbossingCardNotFound => row(
                "embossing.card-not-found",
                "domain.md §5 (S3, S16), §11.38",
                "the embossing service knows a card only after \"Card can be added to next scheduled embossing\"",
                NOT_FOUND,
            )
            .documented("card not found"),
            Self::EmbossingAlreadyEmbossed => row(
                "embossing.already-embossed",
                "domain.md §5, §11.14, §11.38",
                "a card queued or in an embossing file is not added again until it is resent",
                NOT_ACCEPTABLE,
            )
            .documented("Card already embossed"),
            Self::EmbossingEligibility => row(
                "embossing.eligibility",
                "domain.md §5, §11.13, §11.31",
                "physical cards only; CREATED when scheduled (also NORMAL if the program starts physical cards \
                 NORMAL), also NORMAL, BLOCKED, PENDING, WARNING on demand; scheduled cards need a changed \
                 password unless added on demand",
                NOT_ACCEPTABLE,
            ),
            Self::ReembossingBody => row(
                "reembossing.body",
                "domain.md §5, §11.22, §11.36, §11.38",
                "the resend body carries cards, a non-empty array of card ids",
                BAD_REQUEST,
            )
            .documented("Invalid payload to reembossing, cards is required")
            .without_error_code(),
            Self::StartEmbossingConfigIdRequired => row(
                "start-embossing.config-id-required",
                "domain.md §5, §11.38",
                "the trigger body carries config_id",
                BAD_REQUEST,
            )
            .documented("Field config_id is required")
            .without_error_code(),
            Self::StartEmbossingBody => row(
                "start-embossing.body",
                "domain.md §5, §11.34, §11.36",
                "config_id is a canonical UUID, and programs and cards are arrays of ids",
                BAD_REQUEST,
            )
            .without_error_code(),
            Self::CreateBody => row(
                "create.body",
                "domain.md §6, §7, §11.4–5, §11.19, §11.35, §11.37",
                "every CreateCard field is within its schema limits",
                BAD_REQUEST,
            ),
            Self::CreateValidity => row(
                "create.validity",
                "domain.md §6, §11.18, §11.27, §11.33",
                "a new card's validity ends within its expiration month, which has not passed",
                BAD_REQUEST,
            ),
            Self::CreateOneActivePerTypeAndName => row(
                "create.one-active-per-type-and-name",
                "domain.md §7, §11.8, §11.38",
                "a customer holds at most one card that is not terminated per type and name",
                CONFLICT,
            )
            .documented("You already have a card with this type and name active"),
            Self::ReissueBody => row(
                "reissue.body",
                "domain.md §12.39, §12.41, §12.59",
                "the reissue body carries reason_id (an integer from 1) and valid printed_name, status and brand",
                BAD_REQUEST,
            ),
            Self::ReissueIssuedCardsOnly => row(
                "reissue.issued-cards-only",
                "domain.md §12.40",
                "UNBOUND and UNNUMBERED cards are not reissued: no customer or no PAN to replace",
                CONFLICT,
            ),
            Self::ExpirationRenewBody => row(
                "expiration-renew.body",
                "domain.md §12.45, §12.59",
                "the body carries new_expiration_date as yymm",
                BAD_REQUEST,
            ),
            Self::RenewCard => row(
                "renew.card",
                "domain.md §12.45, §12.46, §11.64",
                "only PLASTIC and VIRTUAL cards are renewed, activated, in NORMAL, REISSUED, BLOCKED, PENDING or \
                 WARNING; the validity also from INOPERATIVE",
                BAD_REQUEST,
            ),
            Self::ExpirationRenewLater => row(
                "expiration-renew.later",
                "domain.md §12.45",
                "the new expiration date is later than the card's current one",
                BAD_REQUEST,
            ),
            Self::ValidityRenewBody => row(
                "validity-renew.body",
                "domain.md §12.46, §12.59",
                "the body carries validity_period_hours, an integer from 1",
                BAD_REQUEST,
            ),
            Self::ValidityRenewExpiration => row(
                "validity-renew.expiration",
                "domain.md §12.46, §11.18, §11.27",
                "the renewed valid_until is not after the last second of the expiration month",
                BAD_REQUEST,
            ),
            Self::PasswordTriesBody => row(
                "password-tries.body",
                "domain.md §12.47, §12.59",
                "the increase body carries block_card_exceeds_counter, a boolean",
                BAD_REQUEST,
            ),
            Self::PasswordTriesStatus => row(
                "password-tries.status",
                "domain.md §12.47",
                "a reset takes BLOCKED, NORMAL, PENDING or WARNING cards; an increase also CREATED and REISSUED",
                NOT_ACCEPTABLE,
            ),
            Self::InformationBody => row(
                "information.body",
                "domain.md §12.48, §7, §12.59",
                "the body changes at least one of name, transaction_limit, printed_name, contactless_enabled, \
                 abu_enabled, metadata, each within its Create card rule",
                BAD_REQUEST,
            ),
            Self::InformationTerminated => row(
                "information.terminated",
                "domain.md §12.48",
                "a terminated card's information does not change",
                CONFLICT,
            ),
        }
    }

    /// The stable identifier, `area.rule`.
    ///
    /// ```
    /// use card_lifecycle::rule::Rule;
    /// assert_eq!(Rule::EmbossingEligibility.id(), "embossing.eligibility");
    /// ```
    #[must_use]
    pub const fn id(self) -> &'static str {
        self.row().id
    }

    /// The message an error of this rule starts with: the one its page documents, or else the
    /// rule's summary. Never empty, so a row that loses its documented message shows in every
    /// message snapshot instead of printing nothing.
    ///
    /// ```
    /// use card_lifecycle::rule::Rule;
    /// assert_eq!(Rule::UnknownCard.message(), "card not found");
    /// assert_eq!(Rule::BindUnboundOnly.message(), "only an UNBOUND card can be bound to a customer");
    /// ```
    #[must_use]
    pub const fn message(self) -> &'static str {
        match self.row().message {
            Some(message) => message,
            None => self.row().summary,
        }
    }

    /// Where the rule comes from in `docs/domain.md`.
    ///
    /// ```
    /// use card_lifecycle::rule::Rule;
    /// assert_eq!(Rule::BindUnboundOnly.source(), "domain.md §4 row 5");
    /// ```
    #[must_use]
    pub const fn source(self) -> &'static str {
        self.row().source
    }

    /// The rule in one sentence.
    ///
    /// ```
    /// use card_lifecycle::rule::Rule;
    /// assert_eq!(Rule::ActivateCreatedOnly.summary(), "only a CREATED card can be activated");
    /// ```
    #[must_use]
    pub const fn summary(self) -> &'static str {
        self.row().summary
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.id())
    }
}
