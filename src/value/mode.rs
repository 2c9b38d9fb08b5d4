//! The card's mode and mode type as responses and events report them (domain.md §8).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

crate::value::wire_enum::wire_enum! {
    /// The card's mode as responses and events report it: the API's `mode` (domain.md §8).
    ///
    /// ```
    /// use card_lifecycle::value::Mode;
    /// assert_eq!("MULTIPLE".parse::<Mode>()?, Mode::Multiple);
    /// # Ok::<(), card_lifecycle::Error>(())
    /// ```
    pub enum Mode(ParseModeError, "mode", "value") {
        /// A credit card.
        Credit,
        /// A debit card.
        Debit,
        /// One card for a credit and a debit program.
        Combo,
        /// Set by the deprecated combo-card endpoint.
        Multiple,
    }
}

crate::value::wire_enum::wire_enum! {
    /// The mode a create request asks for: the API's `mode_type` (domain.md §7).
    ///
    /// Kept apart from [`Mode`]: the API maps `SINGLE` to credit or debit by program, which is not
    /// documented (domain.md §11.23).
    ///
    /// ```
    /// use card_lifecycle::value::ModeType;
    /// assert_eq!(ModeType::Single.as_str(), "SINGLE");
    /// ```
    pub enum ModeType(ParseModeTypeError, "mode_type", "value") {
        /// One program: credit or debit.
        Single,
        /// A credit and a debit program on one card.
        Combo,
    }
}
