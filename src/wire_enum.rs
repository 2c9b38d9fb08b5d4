//! What every wire enum shares, so that its spelling lives only in its strum attributes.

/// For a wire enum `$name` whose strum attributes declare its spellings: `as_str`,
/// `TryFrom<String>` (which serde's `try_from` uses; strum's `EnumString` gives `TryFrom<&str>`)
/// and its parse error `$error`, which quotes the input and lists every accepted spelling, taken
/// from the enum itself so the list cannot drift.
macro_rules! wire_enum {
    ($name:ident, $error:ident, $what:literal) => {
        impl $name {
            /// The API's spelling.
            ///
            /// ```
            #[doc = concat!("use card_lifecycle::", stringify!($name), ";")]
            #[doc = concat!("for value in <", stringify!($name), " as strum::IntoEnumIterator>::iter() {")]
            #[doc = concat!("    assert_eq!(value.as_str().parse::<", stringify!($name), ">(), Ok(value));")]
            /// }
            /// ```
            #[must_use]
            #[inline]
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                text.parse()
            }
        }

        #[doc = concat!("A string that is not a [`", stringify!($name), "`].")]
        ///
        /// ```
        #[doc = concat!("let error = \"?\".parse::<card_lifecycle::", stringify!($name), ">().unwrap_err();")]
        #[doc = concat!("assert!(error.to_string().starts_with(r#\"unknown ", $what, " \"?\", expected one of \"#));")]
        /// assert_eq!(error.text(), "?");
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $error {
            text: String,
        }

        impl $error {
            /// The error for `text`; strum calls this when no spelling matches.
            #[must_use]
            pub fn new(text: &str) -> Self {
                Self { text: text.to_owned() }
            }

            /// The text that did not parse.
            #[must_use]
            pub fn text(&self) -> &str {
                &self.text
            }
        }

        impl std::fmt::Display for $error {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, concat!("unknown ", $what, " {:?}, expected one of "), self.text)?;
                let names = <$name as strum::IntoEnumIterator>::iter().map(<$name>::as_str);
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

pub(crate) use wire_enum;
