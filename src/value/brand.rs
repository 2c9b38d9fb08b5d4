//! The card network, `brand` (domain.md §7).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

crate::value::wire_enum::wire_enum! {
    /// The card network: the API's `brand` (domain.md §7).
    ///
    /// Written upper-case everywhere; read in any letter case, because the API's own response
    /// example spells it `"Visa"` (domain.md §11.24).
    ///
    /// ```
    /// use card_lifecycle::value::Brand;
    /// let brand: Brand = serde_json::from_str(r#""Visa""#)?;
    /// assert_eq!(serde_json::to_string(&brand)?, r#""VISA""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[strum(ascii_case_insensitive)]
    pub enum Brand(ParseBrandError, "brand", "value") {
        /// Visa.
        Visa,
        /// Mastercard.
        Mastercard,
        /// Elo.
        Elo,
        /// `RuPay`.
        Rupay,
        /// A private-label network.
        Private,
    }
}
