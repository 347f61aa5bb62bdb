//! Strict JSON checks serde_json leaves to its callers: duplicate keys, at any depth.

use alloc::vec::Vec;
use core::{cell::Cell, fmt};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// What is wrong with a JSON document that should be an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonProblem {
    /// Not JSON at all, or JSON followed by anything but whitespace.
    Syntax,
    /// JSON, but not an object.
    NotObject,
    /// An object somewhere in the document repeats a key.
    DuplicateKey,
}

/// Checks that `json` is one JSON object in which no object, at any depth, repeats a key.
///
/// serde_json keeps the last of two equal keys; two parsers that disagree about which one counts
/// is how signed claims get smuggled, so a repeated key is refused (RFC 8725 §3.11 asks
/// for unambiguous claims). Nesting is bounded by serde_json's recursion limit.
///
/// Keys are compared by a 64-bit hash of their unescaped text, kept on one stack shared by every
/// object, so the check allocates once however many keys there are. Two different keys with the
/// same hash would refuse a valid token, never accept an invalid one.
pub(crate) fn check_object(json: &[u8]) -> Result<(), JsonProblem> {
    let mut hashes = Vec::with_capacity(32);
    let duplicate = Cell::new(false);
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let kind = UniqueKeys {
        hashes: &mut hashes,
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .and_then(|kind| deserializer.end().map(|()| kind));
    match kind {
        _ if duplicate.get() => Err(JsonProblem::DuplicateKey),
        Err(_) => Err(JsonProblem::Syntax),
        Ok(Kind::Object) => Ok(()),
        Ok(Kind::Other) => Err(JsonProblem::NotObject),
    }
}

enum Kind {
    Object,
    Other,
}

/// Visits any JSON value, failing on the first object that repeats a key.
struct UniqueKeys<'a> {
    /// The key hashes of every object being visited, outermost first.
    hashes: &'a mut Vec<u64>,
    duplicate: &'a Cell<bool>,
}

impl UniqueKeys<'_> {
    fn nested(&mut self) -> UniqueKeys<'_> {
        UniqueKeys {
            hashes: self.hashes,
            duplicate: self.duplicate,
        }
    }
}

impl<'de> DeserializeSeed<'de> for UniqueKeys<'_> {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kind, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys<'_> {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
        Ok(Kind::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Kind, A::Error> {
        while seq.next_element_seed(self.nested())?.is_some() {}
        Ok(Kind::Other)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Kind, A::Error> {
        let start = self.hashes.len();
        while let Some(KeyHash(hash)) = map.next_key()? {
            self.hashes.push(hash);
            map.next_value_seed(self.nested())?;
        }
        let keys = &mut self.hashes[start..];
        keys.sort_unstable();
        let repeated = keys.windows(2).any(|pair| pair[0] == pair[1]);
        self.hashes.truncate(start);
        if repeated {
            self.duplicate.set(true);
            return Err(de::Error::custom("duplicate key"));
        }
        Ok(Kind::Object)
    }
}

/// An object key's FNV-1a hash, taken over its unescaped text.
struct KeyHash(u64);

impl<'de> de::Deserialize<'de> for KeyHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = KeyHash;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<KeyHash, E> {
                let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
                });
                Ok(KeyHash(hash))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_objects_with_distinct_keys() {
        assert_eq!(
            check_object(br#"{"a":1,"b":{"a":[{"a":1},{"a":2}]}}"#),
            Ok(())
        );
        assert_eq!(check_object(b" {} \n"), Ok(()));
    }

    #[test]
    fn refuses_duplicates_at_any_depth_even_when_escaped() {
        for json in [
            r#"{"a":1,"a":1}"#,
            r#"{"g":{"x":{"y":1,"y":2}}}"#,
            r#"{"l":[{"k":1,"k":2}]}"#,
            r#"{"exp":1,"\u0065xp":2}"#,
        ] {
            assert_eq!(
                check_object(json.as_bytes()),
                Err(JsonProblem::DuplicateKey),
                "{json}"
            );
        }
    }

    #[test]
    fn tells_syntax_from_shape() {
        assert_eq!(check_object(b"[1]"), Err(JsonProblem::NotObject));
        assert_eq!(check_object(b"\"x\""), Err(JsonProblem::NotObject));
        assert_eq!(check_object(b"{"), Err(JsonProblem::Syntax));
        assert_eq!(check_object(b"{} {}"), Err(JsonProblem::Syntax));
        assert_eq!(check_object(b""), Err(JsonProblem::Syntax));
        let deep = alloc::format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(check_object(deep.as_bytes()), Err(JsonProblem::Syntax));
    }
}
