#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod claims;
pub mod dangerous;
mod error;
mod grant;
mod json;
mod secret;
pub mod sid;
mod time;
mod token;
mod verify;

pub use claims::{Identity, Jti, MAX_IDENTITY_CHARS, Region};
pub use error::{MintError, Segment, VerifyError};
pub use grant::Grant;
pub use secret::{ApiKeySecret, MIN_SECRET_LEN, SecretError, SigningKey};
pub use sid::{AccountSid, ApiKeySid, SidError};
pub use time::{Ttl, UnixTime};
pub use token::{ALG, AccessToken, AccessTokenBuilder, CTY, TYP};
pub use verify::{DEFAULT_LEEWAY_SECS, DEFAULT_MAX_TOKEN_LEN, VerifiedToken, Verifier};

/// What the [`sid!`] macro needs from this crate, reachable from the crates that use it.
#[doc(hidden)]
pub mod __private {
    pub use alloc::string::String;
    pub use serde;
}
