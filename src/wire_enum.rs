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
