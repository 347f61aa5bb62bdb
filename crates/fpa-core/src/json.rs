//! Strict JSON checks serde_json leaves to its callers: duplicate keys, at any depth.

use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

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

/// Checks that `json` is one JSON object in which no object, at any depth, repeats a key, and
/// says what is wrong when it is not.
///
/// serde_json keeps the last of two equal keys; two parsers that disagree about which one counts
/// is how signed claims get smuggled, so a repeated key is refused (RFC 8725 §3.11 asks
/// for unambiguous claims). Nesting is bounded by [`MAX_DEPTH`].
pub(crate) fn check_object(json: &[u8]) -> Result<(), JsonProblem> {
    let mut keys = KeyCheck::default();
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let kind = UniqueKeys {
        keys: &mut keys,
        enclosing: 0,
    }
    .deserialize(&mut deserializer)
    .and_then(|kind| deserializer.end().map(|()| kind));
    match kind {
        _ if keys.found_repeat => Err(JsonProblem::DuplicateKey),
        Err(_) => Err(JsonProblem::Syntax),
        Ok(Kind::Object) => Ok(()),
        Ok(Kind::Other) => Err(JsonProblem::NotObject),
    }
}

/// How deep arrays and objects may nest in a header or payload, counting the outermost object.
///
/// Access Tokens nest 5 deep at most (payload, `grants`, `voice`, `outgoing`, `params`). Holding
/// every reading to 32, whether it starts at the top or at a value inside, keeps whatever verify
/// accepts within serde_json's own limit of 128 when the payload is read whole.
pub(crate) const MAX_DEPTH: usize = 32;

/// The repeated-key check, for a visitor that reads objects its own way.
///
/// Keys are compared by a 64-bit hash of their unescaped text, kept on one stack shared by every
/// object being read, so the check allocates once however many keys there are. Two different
/// keys with the same hash would refuse a valid token, never accept an invalid one.
pub(crate) struct KeyCheck {
    /// The key hashes of every object being read, outermost first.
    hashes: Vec<u64>,
    found_repeat: bool,
}

impl Default for KeyCheck {
    fn default() -> Self {
        Self {
            // Room for every key of a typical token's open objects at once.
            hashes: Vec::with_capacity(32),
            found_repeat: false,
        }
    }
}

impl KeyCheck {
    /// Starts an object; pass what this returns to [`close`](Self::close) at its end.
    pub(crate) fn open(&self) -> usize {
        self.hashes.len()
    }

    /// Adds a key of the object being read.
    pub(crate) fn add(&mut self, key: &str) {
        self.add_hash(key_hash(key));
    }

    /// Adds a key of the object being read, by its [`key_hash`].
    pub(crate) fn add_hash(&mut self, hash: u64) {
        self.hashes.push(hash);
    }

    /// Ends the object started at `start`.
    ///
    /// # Errors
    ///
    /// When the object repeated a key.
    pub(crate) fn close<E: de::Error>(&mut self, start: usize) -> Result<(), E> {
        let keys = &mut self.hashes[start..];
        keys.sort_unstable();
        let repeated = keys.windows(2).any(|pair| pair[0] == pair[1]);
        self.hashes.truncate(start);
        if repeated {
            self.found_repeat = true;
            return Err(de::Error::custom("repeated key"));
        }
        Ok(())
    }

    /// Reads an object, inside `enclosing` others, that a visitor of its own does not look into.
    ///
    /// # Errors
    ///
    /// When an object in it repeats a key, it nests too deep, or it is not JSON.
    pub(crate) fn skip_map<'de, A: MapAccess<'de>>(
        &mut self,
        map: A,
        enclosing: usize,
    ) -> Result<(), A::Error> {
        UniqueKeys {
            keys: self,
            enclosing,
        }
        .visit_map(map)
        .map(drop)
    }

    /// A reader of a value, inside `enclosing` objects or arrays, that nothing else looks into.
    pub(crate) fn value(&mut self, enclosing: usize) -> impl for<'de> DeserializeSeed<'de> + '_ {
        UniqueKeys {
            keys: self,
            enclosing,
        }
    }

    /// Reads an array, inside `enclosing` objects or arrays, that a visitor of its own does not
    /// look into.
    ///
    /// # Errors
    ///
    /// When an object in it repeats a key, it nests too deep, or it is not JSON.
    pub(crate) fn skip_seq<'de, A: SeqAccess<'de>>(
        &mut self,
        seq: A,
        enclosing: usize,
    ) -> Result<(), A::Error> {
        UniqueKeys {
            keys: self,
            enclosing,
        }
        .visit_seq(seq)
        .map(drop)
    }

    /// Reads a value, inside `enclosing` objects or arrays, that was skipped as raw JSON, the way
    /// reading the document whole would have: serde_json skips numbers without checking their
    /// range, escapes without pairing surrogates and nesting without counting it, all of which a
    /// whole reading refuses.
    ///
    /// # Errors
    ///
    /// When an object in it repeats a key, a number is out of range, a string holds half a
    /// surrogate pair, or it nests too deep.
    pub(crate) fn check_raw<E: de::Error>(
        &mut self,
        raw: &RawValue,
        enclosing: usize,
    ) -> Result<(), E> {
        UniqueKeys {
            keys: self,
            enclosing,
        }
        .deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
        .map(drop)
        .map_err(|_| de::Error::custom("not JSON a full read accepts"))
    }
}

enum Kind {
    Object,
    Other,
}

/// Visits any JSON value, failing on the first object that repeats a key or the first array or
/// object past [`MAX_DEPTH`].
struct UniqueKeys<'a> {
    keys: &'a mut KeyCheck,
    /// How many objects and arrays the value visited is inside.
    enclosing: usize,
}

impl UniqueKeys<'_> {
    /// Enters the array or object being visited.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.enclosing >= MAX_DEPTH {
            return Err(de::Error::custom("nested too deep"));
        }
        Ok(())
    }

    /// The visitor for the values of the array or object being visited.
    fn nested(&mut self) -> UniqueKeys<'_> {
        UniqueKeys {
            keys: self.keys,
            enclosing: self.enclosing + 1,
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
        self.enter()?;
        while seq.next_element_seed(self.nested())?.is_some() {}
        Ok(Kind::Other)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Kind, A::Error> {
        self.enter()?;
        let start = self.keys.open();
        while let Some(KeyHash(hash)) = map.next_key()? {
            self.keys.add_hash(hash);
            map.next_value_seed(self.nested())?;
        }
        self.keys.close(start)?;
        Ok(Kind::Object)
    }
}

/// The FNV-1a hash of a key's unescaped text, by which [`KeyCheck`] compares keys.
pub(crate) fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// An object key's hash, taken without keeping or copying its text.
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
                Ok(KeyHash(key_hash(key)))
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
