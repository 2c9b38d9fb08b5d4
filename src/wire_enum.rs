//! The conversions every wire enum shares, so that its spelling lives only in its strum
//! attributes.

/// Implements `TryFrom<String>`, which serde's `try_from` uses, through the enum's strum
/// `FromStr` (strum's `EnumString` gives `TryFrom<&str>`), whose error is the crate's own.
macro_rules! impl_wire_enum {
    ($name:ty, $error:ty) => {
        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                text.parse()
            }
        }
    };
}

pub(crate) use impl_wire_enum;

/// Declares the parse error of a wire enum: it quotes the input and lists every accepted
/// spelling, taken from the enum itself so the list cannot drift.
macro_rules! parse_enum_error {
    ($(#[$doc:meta])* $error:ident, $target:ty, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $error {
            text: String,
        }

        impl $error {
            /// The error for `text`; strum calls this when no spelling matches.
            ///
            /// ```
            #[doc = concat!("let error = card_lifecycle::", stringify!($error), "::new(\"x\");")]
            /// assert_eq!(error.text(), "x");
            /// ```
            #[must_use]
            pub fn new(text: &str) -> Self {
                Self { text: text.to_owned() }
            }

            /// The text that did not parse.
            ///
            /// ```
            #[doc = concat!("let error = card_lifecycle::", stringify!($error), "::new(\"x\");")]
            /// assert!(error.to_string().contains(r#""x""#));
            /// ```
            #[must_use]
            pub fn text(&self) -> &str {
                &self.text
            }
        }

        impl std::fmt::Display for $error {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, concat!("unknown ", $what, " {:?}, expected one of "), self.text)?;
                let names = <$target as strum::IntoEnumIterator>::iter().map(<$target>::as_str);
                for (index, name) in names.enumerate() {
                    let separator = if index == 0 { "" } else { ", " };
                    write!(formatter, "{separator}{name}")?;
                }
                Ok(())
            }
        }

        impl std::error::Error for $error {}
    };
}

pub(crate) use parse_enum_error;
