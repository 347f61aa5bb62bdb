//! The checked values a token carries besides SIDs: identity, region, jti and ttl, and
//! [`ClaimError`], why one was refused.

use alloc::string::String;
use core::{fmt, str::FromStr};

use crate::sid::ApiKeySid;

/// Why a value was refused as an identity, region, jti or ttl.
///
/// Messages name what was wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClaimError {
    /// The identity is empty; every product needs one (docs/spec.md §4).
    EmptyIdentity,
    /// The identity is longer than allowed.
    IdentityTooLong {
        /// Its length in characters.
        chars: usize,
        /// The most characters allowed.
        max: usize,
    },
    /// The identity contains a control character.
    IdentityControlCharacter {
        /// The 1-based position of the first one, in characters.
        position: usize,
    },
    /// The ttl is not between 1 and 86,400 seconds.
    TtlOutOfRange {
        /// The ttl that was asked for, in seconds.
        secs: u64,
    },
    /// The region is not lowercase ASCII letters and digits.
    InvalidRegion {
        /// The region that was given.
        region: String,
    },
    /// The jti is empty or contains a control character.
    InvalidJti,
}

impl fmt::Display for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyIdentity => f.write_str(
                "identity is empty: every product grant needs an identity naming your user \
                 (grants.identity)",
            ),
            Self::IdentityTooLong { chars, max } => write!(
                f,
                "identity is {chars} characters long; at most {max} are allowed"
            ),
            Self::IdentityControlCharacter { position } => write!(
                f,
                "identity has a control character at position {position}; remove newlines, tabs \
                 and other control characters"
            ),
            Self::TtlOutOfRange { secs } => write!(
                f,
                "ttl of {secs} s is out of range: it must be 1 to 86400 seconds (Twilio refuses \
                 tokens valid for more than 24 hours, error 20157)"
            ),
            Self::InvalidRegion { region } => write!(
                f,
                "region {region:?} is invalid: use a Twilio region id of lowercase letters and \
                 digits, such as \"us1\", \"ie1\" or \"au1\""
            ),
            Self::InvalidJti => {
                f.write_str("jti must be non-empty and contain no control characters")
            }
        }
    }
}

impl core::error::Error for ClaimError {}

/// The most characters an identity may have in any product (docs/spec.md §4); products may narrow it.
pub const MAX_IDENTITY_CHARS: usize = 256;

/// The user a token is for, written as `grants.identity`.
///
/// Every identity is non-empty, has no control characters and at most 256 characters; each product
/// grant may narrow that (Voice allows only ASCII letters, digits and `_`).
///
/// ```
/// # use fpa_core::Identity;
/// let identity: Identity = "alice@example.com".parse()?;
/// assert_eq!(identity.as_str(), "alice@example.com");
/// assert!("".parse::<Identity>().is_err());
/// assert!("tab\there".parse::<Identity>().is_err());
/// # Ok::<(), fpa_core::ClaimError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identity(String);

impl Identity {
    /// Checks `identity` against the rules every product shares.
    ///
    /// # Errors
    ///
    /// [`ClaimError::EmptyIdentity`] when empty, [`ClaimError::IdentityTooLong`] past 256
    /// characters, [`ClaimError::IdentityControlCharacter`] for a control character.
    pub fn new(identity: impl Into<String>) -> Result<Self, ClaimError> {
        let identity = identity.into();
        if identity.is_empty() {
            return Err(ClaimError::EmptyIdentity);
        }
        if let Some(index) = identity.chars().position(char::is_control) {
            return Err(ClaimError::IdentityControlCharacter {
                position: index + 1,
            });
        }
        let chars = identity.chars().count();
        if chars > MAX_IDENTITY_CHARS {
            return Err(ClaimError::IdentityTooLong {
                chars,
                max: MAX_IDENTITY_CHARS,
            });
        }
        Ok(Self(identity))
    }

    /// The identity as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Identity {
    type Err = ClaimError;

    fn from_str(s: &str) -> Result<Self, ClaimError> {
        Self::new(s)
    }
}

impl TryFrom<&str> for Identity {
    type Error = ClaimError;

    fn try_from(s: &str) -> Result<Self, ClaimError> {
        Self::new(s)
    }
}

impl TryFrom<String> for Identity {
    type Error = ClaimError;

    fn try_from(s: String) -> Result<Self, ClaimError> {
        Self::new(s)
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Twilio region a token is for, written as the `twr` header, such as `us1`, `ie1` or `au1`.
///
/// ```
/// # use fpa_core::Region;
/// assert_eq!("ie1".parse::<Region>()?.as_str(), "ie1");
/// assert!("IE1".parse::<Region>().is_err());
/// # Ok::<(), fpa_core::ClaimError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Region(String);

impl Region {
    /// Checks that `region` is non-empty lowercase ASCII letters and digits.
    ///
    /// # Errors
    ///
    /// [`ClaimError::InvalidRegion`] otherwise.
    pub fn new(region: impl Into<String>) -> Result<Self, ClaimError> {
        let region = region.into();
        let well_formed = !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if well_formed {
            Ok(Self(region))
        } else {
            Err(ClaimError::InvalidRegion { region })
        }
    }

    /// The region as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Region {
    type Err = ClaimError;

    fn from_str(s: &str) -> Result<Self, ClaimError> {
        Self::new(s)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The unique id of a token, written as the `jti` claim.
///
/// By default a minted token gets `<API key SID>-<32 lowercase hex digits>` from 128 random bits;
/// set your own with [`AccessTokenBuilder::jti`](crate::AccessTokenBuilder::jti).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Jti(String);

impl Jti {
    /// A caller-chosen jti: non-empty and without control characters.
    ///
    /// # Errors
    ///
    /// [`ClaimError::InvalidJti`] otherwise.
    pub fn new(jti: impl Into<String>) -> Result<Self, ClaimError> {
        let jti = jti.into();
        if jti.is_empty() || jti.chars().any(char::is_control) {
            return Err(ClaimError::InvalidJti);
        }
        Ok(Self(jti))
    }

    /// `<API key SID>-<random as 32 lowercase hex digits>`.
    pub fn from_random(api_key_sid: ApiKeySid, random: [u8; 16]) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut jti = String::with_capacity(api_key_sid.as_str().len() + 1 + 2 * random.len());
        jti.push_str(api_key_sid.as_str());
        jti.push('-');
        for byte in random {
            jti.push(char::from(HEX[usize::from(byte >> 4)]));
            jti.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        Self(jti)
    }

    /// The jti as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Jti {
    type Err = ClaimError;

    fn from_str(s: &str) -> Result<Self, ClaimError> {
        Self::new(s)
    }
}

impl fmt::Display for Jti {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// Each message names what is wrong and what to change, on one line without a final period.
    #[test]
    fn every_message_says_what_to_fix() {
        let cases: [(ClaimError, &[&str]); 6] = [
            (
                ClaimError::EmptyIdentity,
                &["identity is empty", "naming your user"],
            ),
            (
                ClaimError::IdentityTooLong {
                    chars: 300,
                    max: 256,
                },
                &["300 characters long", "at most 256"],
            ),
            (
                ClaimError::IdentityControlCharacter { position: 4 },
                &["control character at position 4", "remove newlines, tabs"],
            ),
            (
                ClaimError::TtlOutOfRange { secs: 90_000 },
                &["ttl of 90000 s", "1 to 86400 seconds", "20157"],
            ),
            (
                ClaimError::InvalidRegion {
                    region: "EU 1".into(),
                },
                &["region \"EU 1\" is invalid", "\"us1\", \"ie1\" or \"au1\""],
            ),
            (
                ClaimError::InvalidJti,
                &["jti must be non-empty", "no control characters"],
            ),
        ];
        for (err, phrases) in cases {
            crate::test_support::assert_message(&err, phrases);
        }
    }

    #[test]
    fn values_display_as_written() {
        assert_eq!(Identity::new("zoë").unwrap().to_string(), "zoë");
        assert_eq!(Region::new("ie1").unwrap().to_string(), "ie1");
        assert_eq!(Jti::new("my-id").unwrap().to_string(), "my-id");
        let parsed: [Result<(), ClaimError>; 3] = [
            "bob".parse::<Identity>().map(drop),
            "au1".parse::<Region>().map(drop),
            "id".parse::<Jti>().map(drop),
        ];
        assert!(parsed.iter().all(Result::is_ok));
        assert_eq!(Identity::try_from("a").unwrap().as_str(), "a");
        assert_eq!(Identity::try_from(String::from("b")).unwrap().as_str(), "b");
    }

    #[test]
    fn identity_limits_count_characters_not_bytes() {
        assert!(Identity::new("é".repeat(256)).is_ok());
        assert!(matches!(
            Identity::new("é".repeat(257)),
            Err(ClaimError::IdentityTooLong {
                chars: 257,
                max: 256
            })
        ));
    }

    #[test]
    fn identity_names_the_control_character_position() {
        assert!(matches!(
            Identity::new("ab\ncd"),
            Err(ClaimError::IdentityControlCharacter { position: 3 })
        ));
        assert!(matches!(Identity::new(""), Err(ClaimError::EmptyIdentity)));
    }

    #[test]
    fn region_is_lowercase_letters_and_digits() {
        for good in ["us1", "ie1", "au1", "x"] {
            assert_eq!(Region::new(good).unwrap().as_str(), good);
        }
        for bad in ["", "US1", "us-1", "us 1", "ü1"] {
            assert!(matches!(
                Region::new(bad),
                Err(ClaimError::InvalidRegion { region }) if region == bad
            ));
        }
    }

    #[test]
    fn random_jti_is_sid_dash_32_hex() {
        let sid: ApiKeySid = "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap();
        let jti = Jti::from_random(sid, [0xab; 16]);
        assert_eq!(
            jti.as_str(),
            "SKbd09f756ca380edb5dda4cbe2d44ee0a-".to_string() + &"ab".repeat(16)
        );
        let jti = Jti::from_random(sid, [0x0f; 16]);
        assert!(jti.as_str().ends_with(&"0f".repeat(16)));
    }

    #[test]
    fn jti_must_be_non_empty_printable() {
        assert!(matches!(Jti::new(""), Err(ClaimError::InvalidJti)));
        assert!(matches!(Jti::new("a\u{7f}"), Err(ClaimError::InvalidJti)));
        assert_eq!(Jti::new("my-id").unwrap().as_str(), "my-id");
    }
}
