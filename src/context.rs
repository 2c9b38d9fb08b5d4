//! What a decision needs besides the card and the request: the moment it is taken (a parameter,
//! never the clock) and the issuer's program settings (embossing mode, physical initial status).
//!
//! Layer `context`; the layers are listed in `lib.rs`.

use chrono::{DateTime, Utc};

use crate::value::status::CardStatus;
use crate::value::status::EmbossedBy;

/// What a decision needs besides the card and the request: the instant, and the issuer's and
/// program's settings.
///
/// Time is always passed in; the crate never reads a clock.
///
/// ```
/// use card_lifecycle::Context;
/// use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-03-01T12:00:00Z".parse()?;
/// let context = Context { embossing_mode: EmbossingMode::OnDemand, ..Context::new(now) };
/// assert_eq!(context.expiration_months, 72);
/// assert_eq!(context.physical_initial_status, PhysicalInitialStatus::Created);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Context {
    /// The instant the decision is made.
    pub now: DateTime<Utc>,
    /// The issuer's embossing setting.
    pub embossing_mode: EmbossingMode,
    /// The program's status for new physical cards.
    pub physical_initial_status: PhysicalInitialStatus,
    /// The program's "card expiration (# of months)".
    pub expiration_months: u32,
    /// The program's validity for `TEMPORARY` cards, in hours: their `valid_until` is this
    /// long after creation (domain.md §2, S2).
    pub temporary_validity_hours: u32,
    /// The program's maximum of wrong PIN tries: an increase that reaches it may block the card
    /// (domain.md §12.47).
    pub max_password_tries: u32,
}

impl Context {
    /// The expiration a program has when it sets none (domain.md §6).
    pub const DEFAULT_EXPIRATION_MONTHS: u32 = 72;
    /// The validity of a `TEMPORARY` card when the program sets none: 24 hours (domain.md §2).
    pub const DEFAULT_TEMPORARY_VALIDITY_HOURS: u32 = 24;
    /// The maximum of wrong PIN tries when the program sets none (domain.md §12.47).
    pub const DEFAULT_MAX_PASSWORD_TRIES: u32 = 3;

    /// A context at `now` with every setting at the API's default: scheduled embossing,
    /// physical cards start `CREATED`, cards expire after 72 months, `TEMPORARY` cards are
    /// valid for 24 hours.
    ///
    /// ```
    /// use card_lifecycle::Context;
    /// use card_lifecycle::context::EmbossingMode;
    /// use chrono::DateTime;
    /// assert_eq!(Context::new(DateTime::UNIX_EPOCH).embossing_mode, EmbossingMode::Scheduled);
    /// ```
    #[must_use]
    pub const fn new(now: DateTime<Utc>) -> Self {
        Self {
            now,
            embossing_mode: EmbossingMode::Scheduled,
            physical_initial_status: PhysicalInitialStatus::Created,
            expiration_months: Self::DEFAULT_EXPIRATION_MONTHS,
            temporary_validity_hours: Self::DEFAULT_TEMPORARY_VALIDITY_HOURS,
            max_password_tries: Self::DEFAULT_MAX_PASSWORD_TRIES,
        }
    }

    /// This context with `now` in whole seconds, truncated (domain.md §11.54): what every
    /// decision reads, so no instant the crate stores or prints carries a fraction.
    ///
    /// ```
    /// use card_lifecycle::Context;
    /// use chrono::{DateTime, Utc};
    /// let now: DateTime<Utc> = "2026-01-01T10:00:00.999Z".parse()?;
    /// assert_eq!(Context::new(now).truncated().now.to_rfc3339(), "2026-01-01T10:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn truncated(self) -> Self {
        Self { now: whole_seconds(self.now), ..self }
    }
}

crate::value::wire_enum::wire_enum! {
    /// The issuer's embossing setting (domain.md §5).
    ///
    /// ```
    /// use card_lifecycle::context::EmbossingMode;
    /// assert_eq!("ON_DEMAND".parse::<EmbossingMode>()?, EmbossingMode::OnDemand);
    /// # Ok::<(), card_lifecycle::context::ParseEmbossingModeError>(())
    /// ```
    #[derive(Default)]
    pub enum EmbossingMode(ParseEmbossingModeError, "embossing mode", "context") {
        /// Only the daily scheduled runs, which take `CREATED` cards whose password was changed.
        #[default]
        Scheduled,
        /// On-demand embossing is enabled: `NORMAL`, `BLOCKED`, `PENDING` and `WARNING` cards may
        /// be embossed too, and the password rule is waived.
        OnDemand,
    }
}

crate::value::wire_enum::wire_enum! {
    /// The program setting that decides a new physical card's status (domain.md §2).
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::context::PhysicalInitialStatus;
    /// assert_eq!(PhysicalInitialStatus::Normal.status(), CardStatus::Normal);
    /// ```
    #[derive(Default)]
    pub enum PhysicalInitialStatus(ParsePhysicalInitialStatusError, "physical initial status", "context") {
        /// New physical cards wait for activation (the API's default).
        #[default]
        Created,
        /// New physical cards are usable at once.
        Normal,
    }
}

impl PhysicalInitialStatus {
    /// The status a new physical card gets.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::context::PhysicalInitialStatus;
    /// assert_eq!(PhysicalInitialStatus::Created.status(), CardStatus::Created);
    /// ```
    #[must_use]
    pub const fn status(self) -> crate::value::status::CardStatus {
        match self {
            Self::Created => crate::value::status::CardStatus::Created,
            Self::Normal => crate::value::status::CardStatus::Normal,
        }
    }
}

impl EmbossingMode {
    /// Whether embossing in this mode takes a card in `status`, under a program whose new
    /// physical cards start in `program`: the one table every embossing operation reads
    /// (domain.md §5, §11.13, §11.31). Scheduled runs take `CREATED` cards, and `NORMAL` ones
    /// too when the program starts physical cards `NORMAL`; on-demand customers may emboss
    /// `CREATED`, `NORMAL`, `BLOCKED`, `PENDING` and `WARNING` cards.
    ///
    /// ```
    /// use card_lifecycle::CardStatus;
    /// use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
    /// let program = PhysicalInitialStatus::Created;
    /// assert!(EmbossingMode::Scheduled.accepts(CardStatus::Created, program));
    /// assert!(!EmbossingMode::Scheduled.accepts(CardStatus::Normal, program));
    /// assert!(EmbossingMode::Scheduled.accepts(CardStatus::Normal, PhysicalInitialStatus::Normal));
    /// assert!(EmbossingMode::OnDemand.accepts(CardStatus::Blocked, program));
    /// ```
    #[must_use]
    #[inline]
    pub const fn accepts(self, status: CardStatus, program: PhysicalInitialStatus) -> bool {
        let on_demand = matches!(self, Self::OnDemand);
        match status.facts().embossing {
            EmbossedBy::Both => true,
            // §11.31: a program that starts physical cards NORMAL embosses them on schedule.
            EmbossedBy::OnDemandOrInitial => on_demand || program.status() as u8 == status as u8,
            EmbossedBy::OnDemand => on_demand,
            EmbossedBy::Neither => false,
        }
    }

    /// Whether the password rule applies: scheduled embossing needs a changed password unless
    /// the card was added on demand; on-demand embossing waives it (S16, S19).
    #[inline]
    pub(crate) const fn requires_password(self) -> bool {
        match self {
            Self::Scheduled => true,
            Self::OnDemand => false,
        }
    }
}

/// `now` in whole seconds: truncated, never rounded (domain.md §11.54). Every instant the crate
/// stores or prints goes through here where it enters.
#[must_use]
#[inline]
pub(crate) fn whole_seconds(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}
