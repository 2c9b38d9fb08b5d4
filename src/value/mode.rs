//! The card's mode and mode type as responses and events report them (domain.md §8).
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// The card's mode as responses and events report it: the API's `mode` (domain.md §8).
///
/// ```
/// use card_lifecycle::value::Mode;
/// assert_eq!("MULTIPLE".parse::<Mode>()?, Mode::Multiple);
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
    strum::VariantArray,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(
    serialize_all = "SCREAMING_SNAKE_CASE",
    parse_err_ty = crate::value::mode::ParseModeError,
    parse_err_fn = crate::value::mode::ParseModeError::new
)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Mode {
    /// A credit card.
    Credit,
    /// A debit card.
    Debit,
    /// One card for a credit and a debit program.
    Combo,
    /// Set by the deprecated combo-card endpoint.
    Multiple,
}

/// The mode a create request asks for: the API's `mode_type` (domain.md §7).
///
/// Kept apart from [`Mode`]: the API maps `SINGLE` to credit or debit by program, which is not
/// documented (domain.md §11.23).
///
/// ```
/// use card_lifecycle::value::ModeType;
/// assert_eq!(ModeType::Single.as_str(), "SINGLE");
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
    parse_err_ty = crate::value::mode::ParseModeTypeError,
    parse_err_fn = crate::value::mode::ParseModeTypeError::new
)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ModeType {
    /// One program: credit or debit.
    Single,
    /// A credit and a debit program on one card.
    Combo,
}

crate::value::wire_enum::wire_enum!(Mode, ParseModeError, "mode", "value");

crate::value::wire_enum::wire_enum!(ModeType, ParseModeTypeError, "mode_type", "value");
