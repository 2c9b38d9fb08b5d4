//! How request bodies read JSON numbers, written once for every field.
//!
//! Layer `request`; the layers are listed in `lib.rs`.

use serde_json::{Map, Value};

/// A JSON number written as an integer, as `i64` (domain.md §11.35).
///
/// `-0` is the integer 0. A number written with a fraction or an exponent (`4.0`, `4e0`) is
/// not an integer, `-0.0` included. The crate's JSON trees keep every number as it was written
/// (`serde_json`'s `arbitrary_precision`, §11.56), so `-0` and `-0.0` stay apart.
#[inline]
pub(crate) fn integer(value: &Value) -> Option<i64> {
    match value {
        // Numbers keep their written form (§11.56): `-0` reads as the integer 0, while `-0.0`,
        // `4.0` and `4e0` are written with a fraction or an exponent and are not integers (§11.35).
        Value::Number(number) => number.as_i64(),
        Value::Null | Value::Bool(_) | Value::String(_) | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A platform id: an integer from 1 to 2^63 − 1, the range of the platform's 64-bit signed
/// ids (domain.md §11.36).
#[inline]
pub(crate) fn id(value: &Value) -> Option<u64> {
    integer(value).and_then(|id| u64::try_from(id).ok()).filter(|id| crate::value::ids::is_platform_id(*id))
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
            // As written (§11.56): a number's text can be as long as the body that carries it.
            Value::Number(number) => number.to_string().len(),
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

/// The size of a body's `metadata` as sent (domain.md §11.19, §11.56): its compact text, the
/// bytes between its braces less the whitespace outside strings, with every number as written
/// (`1e2` is three bytes, where a parsed tree would write `1e+2`). `None` when the body has no
/// `metadata` object, or is not one JSON object.
pub(crate) fn sent_metadata_size(bytes: &[u8]) -> Option<usize> {
    #[derive(serde::Deserialize)]
    struct Sent<'a> {
        #[serde(borrow)]
        metadata: Option<&'a serde_json::value::RawValue>,
    }
    let sent: Sent<'_> = serde_json::from_slice(bytes).ok()?;
    let text = sent.metadata?.get();
    text.starts_with('{').then(|| compact_size(text))
}

/// The bytes of JSON `text` without the whitespace outside its strings.
fn compact_size(text: &str) -> usize {
    let (mut size, mut in_string, mut escaped) = (0_usize, false, false);
    for byte in text.bytes() {
        let kept = if in_string {
            (in_string, escaped) = (escaped || byte != b'"', !escaped && byte == b'\\');
            true
        } else {
            in_string = byte == b'"';
            !matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
        };
        size = size.saturating_add(usize::from(kept));
    }
    size
}

/// Reads a request body's bytes as JSON as the API reads it (domain.md §11.57): besides what
/// `serde_json` already refuses (an empty body, a byte-order mark, anything but whitespace after the
/// value, bytes that are not UTF-8), a key repeated in any object, at any depth, is refused too,
/// where `serde_json` would keep the last one.
pub(crate) fn strict(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    no_duplicate_keys(bytes)?;
    serde_json::from_slice(bytes)
}

/// The repeated-key half of [`strict`], for a parser that reads the bytes into its own type.
pub(crate) fn no_duplicate_keys(bytes: &[u8]) -> Result<(), serde_json::Error> {
    serde_json::from_slice::<NoDuplicateKeys>(bytes).map(|_| ())
}

/// A JSON value read only to find a repeated key.
struct NoDuplicateKeys;

impl<'de> serde::Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> serde::de::Visitor<'de> for NoDuplicateKeys {
    type Value = Self;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Self, A::Error> {
        while items.next_element::<Self>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<Self, A::Error> {
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = entries.next_key::<String>()? {
            entries.next_value::<Self>()?;
            if let Some(repeated) = keys.replace(key) {
                return Err(serde::de::Error::custom(format_args!("duplicate key {repeated:?}")));
            }
        }
        Ok(self)
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
        assert_eq!(parse("-0.0"), None);
        assert_eq!(parse("9223372036854775808"), None);
        assert_eq!(super::integer(&json!("4")), None);
    }

    #[test]
    fn a_body_is_one_json_value_without_repeated_keys() {
        let strict = |bytes: &[u8]| super::strict(bytes).map_err(|error| error.to_string());
        assert_eq!(
            strict(br#" {"a": [1, {"b": 2}], "c": -0} "#).map(|value| value.to_string()).as_deref(),
            Ok(r#"{"a":[1,{"b":2}],"c":-0}"#)
        );
        assert!(strict(br#"{"a": 1, "a": 2}"#).unwrap_err().contains("duplicate key \"a\""));
        assert!(strict(br#"{"a": {"b": 1, "b": 1}}"#).is_err());
        assert!(strict(br#"[{"b": 1}, {"b": 1}]"#).is_ok());
        assert!(strict(b"").is_err());
        assert!(strict(b"\xef\xbb\xbf{}").is_err());
        assert!(strict(b"{} x").is_err());
        assert!(strict(b"{}{}").is_err());
        assert!(strict(b"{\"a\": \"\xff\"}").is_err());
    }

    #[test]
    fn metadata_is_measured_as_sent() {
        assert_eq!(super::sent_metadata_size(br#"{"metadata": { "n" : 1e2 , "s": "a b\" c" }}"#), Some(23));
        assert_eq!(super::sent_metadata_size(br#"{"metadata": {"n":-0}}"#), Some(8));
        assert_eq!(super::sent_metadata_size(br#"{"metadata": null}"#), None);
        assert_eq!(super::sent_metadata_size(br#"{"metadata": [1]}"#), None);
        assert_eq!(super::sent_metadata_size(b"[]"), None);
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
