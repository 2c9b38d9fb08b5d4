//! The card network, `brand` (domain.md §7).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

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
    strum::VariantArray,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(
    serialize_all = "SCREAMING_SNAKE_CASE",
    ascii_case_insensitive,
    parse_err_ty = crate::value::brand::ParseBrandError,
    parse_err_fn = crate::value::brand::ParseBrandError::new
)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Brand {
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

crate::value::wire_enum::wire_enum!(Brand, ParseBrandError, "brand", "value");
