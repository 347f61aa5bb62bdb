//! Why a token could not be minted: [`MintError`].

use alloc::boxed::Box;
use core::{error::Error, fmt};

use crate::time::UnixTime;

/// Why a token could not be minted.
///
/// Messages name what was wrong and how to fix it; none contains the secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum MintError {
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[derive(Debug)]
    struct Refused;

    impl fmt::Display for Refused {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the product says no")
        }
    }

    impl Error for Refused {}

    /// Each message names what is wrong and what to change, on one line without a final period.
    #[test]
    fn every_message_says_what_to_fix() {
        let cases: [(MintError, &[&str]); 8] = [
            (
                MintError::NotBeforeAfterExpiry {
                    nbf: UnixTime::from_secs(20),
                    exp: UnixTime::from_secs(10),
                },
                &[
                    "nbf 20 is not before exp 10",
                    "set nbf earlier or the ttl longer",
                ],
            ),
            (
                MintError::TimeOutOfRange {
                    now: UnixTime::from_secs(7),
                },
                &["issue time 7", "pass the current Unix time in seconds"],
            ),
            (
                MintError::NoGrant,
                &["no product grant", "add at least one grant"],
            ),
            (
                MintError::DuplicateGrant { key: "video" },
                &["two grants use the key \"video\"", "merge them into one"],
            ),
            (
                MintError::ReservedGrantKey { key: "identity" },
                &["the key \"identity\"", "use the product's own key"],
            ),
            (
                MintError::Grant {
                    key: "voice",
                    source: Box::new(Refused),
                },
                &["invalid \"voice\" grant: the product says no"],
            ),
            (
                MintError::GrantNotSerializable { key: "custom" },
                &[
                    "the \"custom\" grant could not be written",
                    "map with string keys",
                ],
            ),
            (
                MintError::RandomUnavailable,
                &["random number generator failed", "set a jti yourself"],
            ),
        ];
        for (err, phrases) in cases {
            crate::test_support::assert_message(&err, phrases);
        }
    }

    #[test]
    fn the_grant_error_is_the_source_and_downcasts() {
        let err = MintError::Grant {
            key: "voice",
            source: Box::new(Refused),
        };
        assert!(err.grant_error::<Refused>().is_some());
        assert!(err.grant_error::<core::fmt::Error>().is_none());
        assert_eq!(format!("{}", err.source().unwrap()), "the product says no");
        assert!(MintError::NoGrant.source().is_none());
        assert!(MintError::NoGrant.grant_error::<Refused>().is_none());
    }
}
