//! What every wire enum shares, so that its spelling lives only in its strum attributes.
//!
//! Layer `value`; the layers are listed in `lib.rs`.

/// Declares a wire enum `$name`, public in module `$module`: its variants are spelled in
/// `SCREAMING_SNAKE_CASE` (strum declares each spelling once; more strum options may be given as
/// attributes), and it gets the one derive list every wire enum shares, `as_str`, `ALL`,
/// `TryFrom<String>` (which serde's `try_from` uses; strum's `EnumString` gives `TryFrom<&str>`)
/// and its parse error `$error`, which quotes the input and lists every accepted spelling, taken
/// from the enum itself so the list cannot drift.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident($error:ident, $what:literal, $module:literal) {
            $($(#[$variant_meta:meta])* $variant:ident,)*
        }
    ) => {
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
        $(#[$meta])*
        #[strum(serialize_all = "SCREAMING_SNAKE_CASE", parse_err_ty = $error, parse_err_fn = $error::new)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order: no need for `strum` to list them.
            pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

            /// The API's spelling.
            ///
            /// ```
            #[doc = concat!("use card_lifecycle::", $module, "::", stringify!($name), ";")]
            #[doc = concat!("for value in ", stringify!($name), "::ALL {")]
            #[doc = concat!("    assert_eq!(value.as_str().parse::<", stringify!($name), ">(), Ok(*value));")]
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
        #[doc = concat!("let error = \"?\".parse::<card_lifecycle::", $module, "::", stringify!($name), ">().unwrap_err();")]
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

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let values: Vec<&str> = <$name as strum::IntoEnumIterator>::iter().map(<$name>::as_str).collect();
                schemars::json_schema!({ "type": "string", "enum": values })
            }
        }
    };
}

/// A JSON Schema for a type whose wire form is a plain value with the given keywords, for
/// value types that check their own rules (`length`, `pattern`, `minimum`, …).
#[cfg(feature = "schema")]
macro_rules! value_schema {
    ($name:ty, $schema:tt) => {
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

#[cfg(feature = "schema")]
pub(crate) use value_schema;

pub(crate) use wire_enum;
