//! The strict JSON check that serde_json leaves to its callers: one object, no repeated key at
//! any depth, bounded nesting.
//!
//! This is the one hand-written serde visitor of the crate. Everything else reads JSON through
//! `#[derive(Deserialize)]`, after this check has passed.

use alloc::{borrow::Cow, vec::Vec};
use core::fmt;

use serde::{
    Deserialize,
    de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor},
};
use serde_json::value::RawValue;

/// How deep arrays and objects may nest in a header or payload, counting the outermost object.
///
/// A token's own structure nests 4 deep (payload, `grants`, `voice`, `outgoing`); only what a
/// grant holds freely, such as Voice's `params`, goes deeper. serde_json stops at 128 of its own
/// accord.
pub(crate) const MAX_DEPTH: usize = 32;

/// What is wrong with a JSON document that should be an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonProblem {
    /// Not JSON, JSON followed by anything but whitespace, nested deeper than [`MAX_DEPTH`], a
    /// number out of range or a string with half a surrogate pair.
    Syntax,
    /// JSON, but not an object.
    NotObject,
    /// An object somewhere in the document repeats a key.
    DuplicateKey,
}

/// Checks that `json` is one JSON object that serde_json reads whole, and in which no object,
/// at any depth, repeats a key.
///
/// serde_json keeps the last of two equal keys; two parsers that disagree about which one counts
/// is how signed claims get smuggled, so a repeated key is refused (RFC 8725 §3.11 asks for
/// unambiguous claims). Keys are compared after unescaping: `"\u0069dentity"` repeats
/// `"identity"`. Every value is visited, so numbers out of `f64`'s range and lone surrogates,
/// which serde_json lets through when it skips a value, are refused wherever they are.
pub(crate) fn check_object(json: &str) -> Result<(), JsonProblem> {
    let mut checker = Checker::default();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let kind = Value {
        checker: &mut checker,
        enclosing: 0,
    }
    .deserialize(&mut deserializer)
    .and_then(|kind| deserializer.end().map(|()| kind));
    match kind {
        _ if checker.found_repeat => Err(JsonProblem::DuplicateKey),
        Err(_) => Err(JsonProblem::Syntax),
        Ok(Kind::Object) => Ok(()),
        Ok(Kind::Other) => Err(JsonProblem::NotObject),
    }
}

/// A JSON string or object key, borrowed from the document unless it had escapes to undo.
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub(crate) Cow<'a, str>);

/// A field of an object as read: missing, a `T`, or some other JSON value, `null` included.
///
/// In a derived struct (with `#[serde(default)]`) it tells a field that is missing from one of
/// the wrong type, and what that was, where serde alone would fail the whole struct without
/// saying which field.
#[derive(Default)]
pub(crate) enum Field<T> {
    #[default]
    Missing,
    Valid(T),
    WrongType(JsonKind),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&'de RawValue>::deserialize(deserializer)?;
        let json = raw.get();
        Ok(serde_json::from_str(json)
            .map_or_else(|_| Self::WrongType(JsonKind::of(json)), Self::Valid))
    }
}

/// The kind of a JSON value, as an error names what a field held instead of what it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number below zero.
    NegativeNumber,
    /// Any other number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    /// The kind of a JSON value serde_json has read, told by its first character.
    pub(crate) fn of(json: &str) -> Self {
        match json.as_bytes().first() {
            Some(b'{') => Self::Object,
            Some(b'[') => Self::Array,
            Some(b'"') => Self::String,
            Some(b't') => Self::Boolean(true),
            Some(b'f') => Self::Boolean(false),
            Some(b'-') => Self::NegativeNumber,
            Some(b'0'..=b'9') => Self::Number,
            _ => Self::Null,
        }
    }
}

impl fmt::Display for JsonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Null => "null",
            Self::Boolean(true) => "true",
            Self::Boolean(false) => "false",
            Self::NegativeNumber => "a negative number",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        })
    }
}

/// The keys of every object being read, on one stack, outermost first.
#[derive(Default)]
struct Checker<'de> {
    keys: Vec<Text<'de>>,
    found_repeat: bool,
}

enum Kind {
    Object,
    Other,
}

/// Visits any JSON value inside `enclosing` arrays and objects.
struct Value<'c, 'de> {
    checker: &'c mut Checker<'de>,
    enclosing: usize,
}

impl<'de> Value<'_, 'de> {
    /// Enters the array or object being visited.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.enclosing >= MAX_DEPTH {
            return Err(E::custom("nested too deep"));
        }
        Ok(())
    }

    /// The visitor for the values of the array or object being visited.
    fn nested(&mut self) -> Value<'_, 'de> {
        Value {
            checker: self.checker,
            enclosing: self.enclosing + 1,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Value<'_, 'de> {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kind, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value<'_, 'de> {
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
        let start = self.checker.keys.len();
        while let Some(key) = map.next_key()? {
            self.checker.keys.push(key);
            map.next_value_seed(self.nested())?;
        }
        let keys = &mut self.checker.keys[start..];
        keys.sort_unstable();
        let repeated = keys.windows(2).any(|pair| pair[0] == pair[1]);
        self.checker.keys.truncate(start);
        if repeated {
            self.checker.found_repeat = true;
            return Err(de::Error::custom("repeated key"));
        }
        Ok(Kind::Object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_objects_with_distinct_keys() {
        assert_eq!(
            check_object(r#"{"a":1,"b":{"a":[{"a":1},{"a":2}]},"c":-1.5e3}"#),
            Ok(())
        );
        assert_eq!(check_object(" {} \n"), Ok(()));
    }

    #[test]
    fn refuses_repeated_keys_at_any_depth_even_when_escaped() {
        for json in [
            r#"{"a":1,"a":1}"#,
            r#"{"a":1,"b":2,"a":3}"#,
            r#"{"g":{"x":{"y":1,"y":2}}}"#,
            r#"{"l":[{"k":1,"k":2}]}"#,
            r#"{"exp":1,"\u0065xp":2}"#,
            r#"{"\u0065xp":1,"e\u0078p":2}"#,
        ] {
            assert_eq!(check_object(json), Err(JsonProblem::DuplicateKey), "{json}");
        }
    }

    #[test]
    fn the_same_key_in_sibling_objects_is_no_repeat() {
        assert_eq!(check_object(r#"{"a":{"k":1},"b":{"k":1},"k":1}"#), Ok(()));
    }

    #[test]
    fn tells_syntax_from_shape() {
        assert_eq!(check_object("[1]"), Err(JsonProblem::NotObject));
        assert_eq!(check_object("\"x\""), Err(JsonProblem::NotObject));
        assert_eq!(check_object("{"), Err(JsonProblem::Syntax));
        assert_eq!(check_object("{} {}"), Err(JsonProblem::Syntax));
        assert_eq!(check_object(""), Err(JsonProblem::Syntax));
    }

    #[test]
    fn refuses_what_serde_json_refuses_when_it_reads_a_value() {
        for json in [
            r#"{"n":1e400}"#,
            r#"{"n":[-1e999]}"#,
            r#"{"s":"\ud800"}"#,
            r#"{"s":{"k":"\udc00x"}}"#,
            r#"{"\ud800":1}"#,
        ] {
            assert_eq!(check_object(json), Err(JsonProblem::Syntax), "{json}");
        }
    }

    #[test]
    fn a_field_of_the_wrong_type_says_what_it_held() {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            a: Field<u8>,
            #[serde(default)]
            b: Field<u8>,
        }
        let fields: Fields = serde_json::from_str(r#"{"a":7}"#).unwrap();
        assert!(matches!(fields.a, Field::Valid(7)));
        assert!(matches!(fields.b, Field::Missing));
        for (json, kind) in [
            ("null", JsonKind::Null),
            ("true", JsonKind::Boolean(true)),
            ("false", JsonKind::Boolean(false)),
            ("-1", JsonKind::NegativeNumber),
            ("1.5", JsonKind::Number),
            ("\"7\"", JsonKind::String),
            ("[7]", JsonKind::Array),
            ("{}", JsonKind::Object),
        ] {
            let fields: Fields =
                serde_json::from_str(&alloc::format!(r#"{{"a": {json}}}"#)).unwrap();
            assert!(
                matches!(fields.a, Field::WrongType(found) if found == kind),
                "{json}"
            );
        }
    }

    #[test]
    fn kinds_read_as_an_error_names_them() {
        let kinds = [
            JsonKind::Null,
            JsonKind::Boolean(true),
            JsonKind::Boolean(false),
            JsonKind::NegativeNumber,
            JsonKind::Number,
            JsonKind::String,
            JsonKind::Array,
            JsonKind::Object,
        ];
        assert_eq!(
            kinds.map(|kind| alloc::format!("{kind}")),
            [
                "null",
                "true",
                "false",
                "a negative number",
                "a number",
                "a string",
                "an array",
                "an object"
            ]
        );
    }

    #[test]
    fn nests_at_most_32_deep_counting_the_object() {
        let nested = |levels: usize| {
            alloc::format!(r#"{{"a":{}{}}}"#, "[".repeat(levels), "]".repeat(levels))
        };
        assert_eq!(check_object(&nested(MAX_DEPTH - 1)), Ok(()));
        assert_eq!(check_object(&nested(MAX_DEPTH)), Err(JsonProblem::Syntax));
        let deep = alloc::format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(check_object(&deep), Err(JsonProblem::Syntax));
    }
}
