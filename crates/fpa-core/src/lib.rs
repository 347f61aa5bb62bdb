#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod claims;
mod compact;
pub mod dangerous;
pub mod diagnose;
mod grant;
mod header;
mod json;
mod mint_error;
mod numeric_date;
mod secret;
mod sid;
mod time;
mod token;
mod verify;
mod verify_error;

pub use claims::{ClaimError, Identity, Jti, MAX_IDENTITY_CHARS, Region};
pub use grant::Grant;
pub use header::{ALG, CTY, TYP};
pub use json::JsonKind;
pub use mint_error::MintError;
pub use secret::{ApiKeySecret, MIN_SECRET_LEN, SecretError, SigningKey};
pub use sid::{AccountSid, ApiKeySid, SID_LEN, SidError};
pub use time::{Ttl, UnixTime};
pub use token::{AccessToken, AccessTokenBuilder};
pub use verify::{DEFAULT_LEEWAY_SECS, DEFAULT_MAX_TOKEN_LEN, VerifiedToken, Verifier};
pub use verify_error::{ClaimName, HeaderField, Segment, VerifyError};

/// What the [`sid!`] macro needs from this crate, reachable from the crates that use it.
#[doc(hidden)]
pub mod __private {
    pub use crate::sid::RawSid;
    pub use alloc::string::String;
    pub use serde;
}

/// What the unit tests of several modules share.
#[cfg(test)]
mod test_support {
    use alloc::string::ToString;
    use core::fmt::Display;

    /// `error`'s message holds each of `phrases`, on one line without a final period, as every
    /// message of the crate does.
    pub(crate) fn assert_message(error: &impl Display, phrases: &[&str]) {
        let message = error.to_string();
        for phrase in phrases {
            assert!(message.contains(phrase), "{message:?} lacks {phrase:?}");
        }
        assert!(
            !message.contains('\n') && !message.ends_with('.'),
            "{message}"
        );
    }
}
