//! How request bodies read JSON numbers, written once for every field.

use serde_json::{Map, Value};

/// A JSON number written as an integer, as `i64` (domain.md §11.35).
///
/// `-0` is the integer 0. A number written with a fraction or an exponent (`4.0`, `4e0`) is
/// not an integer. A parsed JSON tree keeps `-0` as the float `-0.0` and cannot tell it from
/// `-0.0` written out, so both read as 0; every other float is refused.
#[inline]
pub(crate) fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            let negative_zero = number.as_f64().is_some_and(|float| float == 0.0 && float.is_sign_negative());
            negative_zero.then_some(0)
        }),
        Value::Null | Value::Bool(_) | Value::String(_) | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A platform id: an integer from 1 to 2^63 − 1, the range of the platform's 64-bit signed
/// ids (domain.md §11.36).
#[inline]
pub(crate) fn id(value: &Value) -> Option<u64> {
    integer(value).filter(|id| *id >= 1).and_then(|id| u64::try_from(id).ok())
}

/// The bytes of `object` as compact JSON, or 0 when that is certainly at most `max`: most
/// objects are far under their limit, and a cheap bound settles them without printing.
pub(crate) fn compact_size_over(object: &Map<String, Value>, max: usize) -> usize {
    if size_bound(object) <= max {
        return 0;
    }
    let mut size = ByteCount(0);
    serde_json::to_writer(&mut size, object).map_or(usize::MAX, |()| size.0)
}

/// An upper bound of the compact JSON size of an object: a string's byte takes at most 6 bytes
/// escaped (`\u001f`), a number prints in at most 24, `null` and booleans in at most 5.
fn size_bound(object: &Map<String, Value>) -> usize {
    fn string(text: &str) -> usize {
        text.len().saturating_mul(6).saturating_add(2)
    }
    fn value(json: &Value) -> usize {
        match json {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 24,
            Value::String(text) => string(text),
            Value::Array(items) => {
                items.iter().fold(2, |size: usize, item| size.saturating_add(value(item)).saturating_add(1))
            }
            Value::Object(object) => size_bound(object),
        }
    }
    // Per entry: the key, the value, a colon and a comma.
    object.iter().fold(2, |size: usize, (key, item)| {
        size.saturating_add(string(key)).saturating_add(value(item)).saturating_add(2)
    })
}

/// Counts the bytes of compact JSON without keeping them.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn negative_zero_is_zero_and_fractions_are_not_integers() {
        let parse = |text: &str| serde_json::from_str(text).ok().and_then(|value| super::integer(&value));
        assert_eq!(parse("-0"), Some(0));
        assert_eq!(parse("0"), Some(0));
        assert_eq!(parse("-7"), Some(-7));
        assert_eq!(parse("4.0"), None);
        assert_eq!(parse("4e0"), None);
        assert_eq!(parse("0.0"), None);
        assert_eq!(parse("9223372036854775808"), None);
        assert_eq!(super::integer(&json!("4")), None);
    }

    #[test]
    fn ids_run_from_one_to_the_largest_signed_64_bit_integer() {
        let parse = |text: &str| serde_json::from_str(text).ok().and_then(|value| super::id(&value));
        assert_eq!(parse("1"), Some(1));
        assert_eq!(parse("9223372036854775807"), Some(9_223_372_036_854_775_807));
        assert_eq!(parse("9223372036854775808"), None);
        assert_eq!(parse("0"), None);
        assert_eq!(parse("-0"), None);
        assert_eq!(parse("-1"), None);
    }
}
