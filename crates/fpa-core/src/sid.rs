//! Twilio SIDs: a two-letter uppercase prefix followed by 32 hexadecimal digits (docs/spec.md §6).
//!
//! Every SID kind is its own type, declared with [`sid!`](crate::sid!), so an API key SID can never
//! be passed where an account SID is expected.
//! The checking constructor is the only way to build one, from a string or from serde alike.

use core::fmt;

use serde::{
    Deserialize,
    de::{self, Deserializer},
};

use crate::json::Text;

/// The length of every Twilio SID: two prefix letters and 32 hex digits.
pub const SID_LEN: usize = 34;

/// Why a string is not a SID of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SidError {
    /// The string is not 34 bytes long.
    Length {
        /// What the SID identifies, such as `"account SID"`.
        kind: &'static str,
        /// The prefix this kind of SID starts with, such as `"AC"`.
        prefix: &'static str,
        /// The length that was given, in bytes.
        len: usize,
    },
    /// The string does not start with the prefix of this kind of SID.
    Prefix {
        /// What the SID identifies.
        kind: &'static str,
        /// The prefix this kind of SID starts with.
        expected: &'static str,
        /// The prefix that was found, when it looks like one (two uppercase ASCII letters).
        found: Option<[u8; 2]>,
    },
    /// A character after the prefix is not a hexadecimal digit.
    NotHex {
        /// What the SID identifies.
        kind: &'static str,
        /// The prefix this kind of SID starts with.
        prefix: &'static str,
        /// The 1-based position of the first offending byte.
        position: usize,
    },
}

impl fmt::Display for SidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length { kind, prefix, len } => write!(
                f,
                "invalid {kind}: expected 34 characters (`{prefix}` followed by 32 hex digits), got {len}"
            ),
            Self::Prefix {
                kind,
                expected,
                found: Some([a, b]),
            } => write!(
                f,
                "invalid {kind}: it must start with `{expected}`, but starts with `{}{}`; check that the right SID went to the right place",
                char::from(*a),
                char::from(*b)
            ),
            Self::Prefix {
                kind,
                expected,
                found: None,
            } => write!(f, "invalid {kind}: it must start with `{expected}`"),
            Self::NotHex {
                kind,
                prefix,
                position,
            } => write!(
                f,
                "invalid {kind}: expected `{prefix}` followed by 32 hex digits, but character {position} is not a hex digit"
            ),
        }
    }
}

impl core::error::Error for SidError {}

/// Whether `bytes` has the form of some SID: two uppercase ASCII letters and 32 hex digits.
pub(crate) fn has_sid_form(bytes: &[u8]) -> bool {
    bytes.len() == SID_LEN
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(u8::is_ascii_hexdigit)
}

/// The storage behind every SID type: 34 ASCII bytes, checked once.
///
/// Use the types declared with [`sid!`](crate::sid!) instead; this is public only so the macro can
/// reach it from other crates.
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RawSid([u8; SID_LEN]);

impl RawSid {
    /// Checks `s` against the SID form with `prefix`, naming `kind` in the error.
    ///
    /// # Errors
    ///
    /// [`SidError`] saying which part of the form `s` breaks.
    pub fn parse(s: &str, prefix: &'static str, kind: &'static str) -> Result<Self, SidError> {
        let bytes = s.as_bytes();
        let Ok(raw) = <[u8; SID_LEN]>::try_from(bytes) else {
            return Err(SidError::Length {
                kind,
                prefix,
                len: bytes.len(),
            });
        };
        if !raw.starts_with(prefix.as_bytes()) {
            let found = [raw[0], raw[1]];
            return Err(SidError::Prefix {
                kind,
                expected: prefix,
                found: found.iter().all(u8::is_ascii_uppercase).then_some(found),
            });
        }
        if let Some(index) = raw[2..].iter().position(|b| !b.is_ascii_hexdigit()) {
            return Err(SidError::NotHex {
                kind,
                prefix,
                position: index + 3,
            });
        }
        Ok(Self(raw))
    }

    /// The SID as text.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).expect("a parsed SID is ASCII")
    }

    /// Deserializes a SID from a JSON string, with the same checks as [`RawSid::parse`].
    ///
    /// # Errors
    ///
    /// The deserializer's error, carrying the [`SidError`] message.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
        prefix: &'static str,
        kind: &'static str,
    ) -> Result<Self, D::Error> {
        let Text(sid) = Text::deserialize(deserializer)?;
        Self::parse(&sid, prefix, kind).map_err(de::Error::custom)
    }
}

/// Declares a SID type: `sid!(/// docs\n pub struct ApplicationSid("AP", "TwiML application SID");)`.
///
/// The type is `Copy`, parses with [`FromStr`](core::str::FromStr) or `TryFrom<&str>`, checks its
/// prefix, length and hex body, displays as the SID, converts into `String`, and serializes as a
/// JSON string; deserializing runs the same checks.
///
/// ```
/// fpa_core::sid! {
///     /// A TaskRouter workspace SID.
///     pub struct WorkspaceSid("WS", "TaskRouter workspace SID");
/// }
///
/// let sid: WorkspaceSid = "WS0123456789abcdef0123456789abcdef".parse()?;
/// assert_eq!(sid.as_str(), "WS0123456789abcdef0123456789abcdef");
/// assert!("AC0123456789abcdef0123456789abcdef".parse::<WorkspaceSid>().is_err());
/// # Ok::<(), fpa_core::SidError>(())
/// ```
#[macro_export]
macro_rules! sid {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($prefix:literal, $kind:literal);) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis struct $name($crate::__private::RawSid);

        impl $name {
            /// The two letters every SID of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            /// What this kind of SID identifies, as error messages name it.
            pub const KIND: &'static str = $kind;

            /// Parses a SID of this kind.
            ///
            /// # Errors
            ///
            /// [`SidError`]($crate::SidError) when the prefix, length or hex body is wrong.
            pub fn parse(s: &str) -> ::core::result::Result<Self, $crate::SidError> {
                $crate::__private::RawSid::parse(s, $prefix, $kind).map(Self)
            }

            /// The SID as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::SidError;

            fn from_str(s: &str) -> ::core::result::Result<Self, $crate::SidError> {
                Self::parse(s)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::SidError;

            fn try_from(s: &str) -> ::core::result::Result<Self, $crate::SidError> {
                Self::parse(s)
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }

        impl ::core::convert::From<$name> for $crate::__private::String {
            fn from(sid: $name) -> Self {
                $crate::__private::String::from(sid.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::RawSid::deserialize(deserializer, $prefix, $kind).map(Self)
            }
        }
    };
}

crate::sid! {
    /// An Account SID (`AC…`): the Twilio account a token belongs to, written as the `sub` claim.
    pub struct AccountSid("AC", "account SID");
}

crate::sid! {
    /// An API key SID (`SK…`): the key that signs a token, written as the `iss` claim.
    pub struct ApiKeySid("SK", "API key SID");
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "ACfa403fa53653a82d355471af9908c6f1";

    #[test]
    fn parses_a_valid_sid_and_keeps_its_text() {
        let sid: AccountSid = ACCOUNT.parse().unwrap();
        assert_eq!(sid.as_str(), ACCOUNT);
        assert_eq!(alloc::format!("{sid}"), ACCOUNT);
        assert_eq!(
            alloc::format!("{sid:?}"),
            alloc::format!("AccountSid(\"{ACCOUNT}\")")
        );
    }

    #[test]
    fn accepts_uppercase_hex() {
        assert!(AccountSid::parse("ACFA403FA53653A82D355471AF9908C6F1").is_ok());
    }

    #[test]
    fn every_message_names_the_kind_and_the_form() {
        let cases = [
            (
                "AC123",
                "invalid account SID: expected 34 characters (`AC` followed by 32 hex digits), got 5",
            ),
            (
                "SKbd09f756ca380edb5dda4cbe2d44ee0a",
                "invalid account SID: it must start with `AC`, but starts with `SK`; check that the right SID went to the right place",
            ),
            (
                "xy0123456789abcdef0123456789abcdef",
                "invalid account SID: it must start with `AC`",
            ),
            (
                "AC0123456789abcdef0123456789abcdeg",
                "invalid account SID: expected `AC` followed by 32 hex digits, but character 34 is not a hex digit",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(
                alloc::format!("{}", AccountSid::parse(text).unwrap_err()),
                message
            );
        }
        let sid = ApiKeySid::parse("SKbd09f756ca380edb5dda4cbe2d44ee0a").unwrap();
        assert_eq!(
            alloc::string::String::from(sid),
            "SKbd09f756ca380edb5dda4cbe2d44ee0a"
        );
        assert_eq!(sid.as_ref(), "SKbd09f756ca380edb5dda4cbe2d44ee0a");
        assert_eq!(
            ApiKeySid::try_from("SKbd09f756ca380edb5dda4cbe2d44ee0a"),
            Ok(sid)
        );
        assert_eq!((ApiKeySid::PREFIX, ApiKeySid::KIND), ("SK", "API key SID"));
    }

    #[test]
    fn rejects_wrong_length_with_the_length() {
        assert_eq!(
            AccountSid::parse("AC123"),
            Err(SidError::Length {
                kind: "account SID",
                prefix: "AC",
                len: 5
            })
        );
    }

    #[test]
    fn rejects_swapped_sids_naming_the_found_prefix() {
        let err = AccountSid::parse("SKbd09f756ca380edb5dda4cbe2d44ee0a").unwrap_err();
        assert_eq!(
            err,
            SidError::Prefix {
                kind: "account SID",
                expected: "AC",
                found: Some(*b"SK")
            }
        );
        assert!(alloc::format!("{err}").contains("starts with `SK`"));
    }

    #[test]
    fn does_not_echo_a_prefix_that_is_not_one() {
        let err = ApiKeySid::parse("xy0123456789abcdef0123456789abcdef").unwrap_err();
        assert!(matches!(err, SidError::Prefix { found: None, .. }));
    }

    #[test]
    fn rejects_a_non_hex_body_at_its_position() {
        assert_eq!(
            ApiKeySid::parse("SK0123456789abcdef0123456789abcdeg"),
            Err(SidError::NotHex {
                kind: "API key SID",
                prefix: "SK",
                position: 34
            })
        );
    }

    #[test]
    fn rejects_multibyte_text_without_panicking() {
        assert!(AccountSid::parse("AC0123456789abcdef0123456789abcdé").is_err());
        assert!(AccountSid::parse("ÅC0123456789abcdef0123456789abcde").is_err());
    }

    #[test]
    fn serde_round_trips_and_checks() {
        let sid = AccountSid::parse(ACCOUNT).unwrap();
        let json = serde_json::to_string(&sid).unwrap();
        assert_eq!(json, alloc::format!("\"{ACCOUNT}\""));
        assert_eq!(serde_json::from_str::<AccountSid>(&json).unwrap(), sid);
        let err = serde_json::from_str::<AccountSid>("\"SKbd09f756ca380edb5dda4cbe2d44ee0a\"")
            .unwrap_err();
        assert!(alloc::format!("{err}").contains("must start with `AC`"));
        assert!(serde_json::from_str::<AccountSid>("12").is_err());
    }
}
