//! Why a token could not be minted.

use alloc::{boxed::Box, string::String};
use core::{error::Error, fmt};

use crate::UnixTime;

/// Why a token could not be minted, or a claim value was refused.
///
/// Messages name what was wrong and how to fix it; none contains the secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum MintError {
    /// The identity is empty; every product needs one (SPEC.md §4).
    MissingIdentity,
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
    /// `nbf` is not before `exp`, so the token would never be valid.
    NotBeforeAfterExpiry {
        /// The requested `nbf`.
        nbf: UnixTime,
        /// The token's `exp`.
        exp: UnixTime,
    },
    /// The issue time plus the ttl does not fit in a `u64`.
    TimeOutOfRange {
        /// The issue time.
        now: UnixTime,
    },
    /// The region is not lowercase ASCII letters and digits.
    InvalidRegion {
        /// The region that was given.
        region: String,
    },
    /// The jti is empty or contains a control character.
    InvalidJti,
    /// The token has no product grant.
    NoGrant,
    /// Two grants share the same key under `grants`.
    DuplicateGrant {
        /// The key both grants use.
        key: &'static str,
    },
    /// A grant uses a key that cannot hold a grant: empty, or `identity`.
    ReservedGrantKey {
        /// The key the grant declared.
        key: &'static str,
    },
    /// A grant's own rules refused it, or refused the identity for that product.
    Grant {
        /// The grant's key under `grants`.
        key: &'static str,
        /// The grant's error; [`MintError::grant_error`] downcasts it.
        source: Box<dyn Error + Send + Sync>,
    },
    /// A grant could not be serialized as a JSON object.
    GrantNotSerializable {
        /// The grant's key under `grants`.
        key: &'static str,
    },
    /// The operating system's random number generator failed while drawing a jti.
    RandomUnavailable,
}

impl MintError {
    /// The grant crate's error behind [`MintError::Grant`], if it is an `E`.
    ///
    /// ```
    /// # use fpa_core::MintError;
    /// # fn example(err: MintError) {
    /// if let Some(err) = err.grant_error::<core::fmt::Error>() {
    ///     println!("{err}");
    /// }
    /// # }
    /// ```
    pub fn grant_error<E: Error + 'static>(&self) -> Option<&E> {
        match self {
            Self::Grant { source, .. } => source.downcast_ref(),
            _ => None,
        }
    }
}

impl fmt::Display for MintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingIdentity => f.write_str(
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
            Self::NotBeforeAfterExpiry { nbf, exp } => write!(
                f,
                "nbf {nbf} is not before exp {exp}, so the token would never be valid; set nbf \
                 earlier or the ttl longer"
            ),
            Self::TimeOutOfRange { now } => write!(
                f,
                "issue time {now} plus the ttl is past the largest representable time; pass the \
                 current Unix time in seconds"
            ),
            Self::InvalidRegion { region } => write!(
                f,
                "region {region:?} is invalid: use a Twilio region id of lowercase letters and \
                 digits, such as \"us1\", \"ie1\" or \"au1\""
            ),
            Self::InvalidJti => {
                f.write_str("jti must be non-empty and contain no control characters")
            }
            Self::NoGrant => f.write_str(
                "the token has no product grant, so it would allow nothing: add at least one grant",
            ),
            Self::DuplicateGrant { key } => write!(
                f,
                "two grants use the key {key:?}: a token holds at most one grant per product, so \
                 merge them into one"
            ),
            Self::ReservedGrantKey { key } => write!(
                f,
                "a grant declares the key {key:?}, which cannot hold a grant (`identity` holds \
                 the identity); use the product's own key under `grants`"
            ),
            Self::Grant { key, source } => write!(f, "invalid {key:?} grant: {source}"),
            Self::GrantNotSerializable { key } => write!(
                f,
                "the {key:?} grant could not be written as a JSON object; its Serialize \
                 implementation must produce a map with string keys"
            ),
            Self::RandomUnavailable => f.write_str(
                "the operating system's random number generator failed, so no random jti could be \
                 drawn; retry, or set a jti yourself",
            ),
        }
    }
}

impl Error for MintError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Grant { source, .. } => Some(&**source),
            _ => None,
        }
    }
}
