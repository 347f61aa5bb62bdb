#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Minting.
pub use fpa_core::{AccessToken, AccessTokenBuilder, Grant, MintError};
// Verifying.
pub use fpa_core::{
    ClaimName, DEFAULT_LEEWAY_SECS, DEFAULT_MAX_TOKEN_LEN, HeaderField, JsonKind, Segment,
    VerifiedToken, Verifier, VerifyError,
};
// Keys and SIDs.
pub use fpa_core::{
    AccountSid, ApiKeySecret, ApiKeySid, MIN_SECRET_LEN, SID_LEN, SecretError, SidError,
    SigningKey, sid,
};
// Claim values.
pub use fpa_core::{ClaimError, Identity, Jti, MAX_IDENTITY_CHARS, Region, Ttl, UnixTime};
// The header every token carries.
pub use fpa_core::{ALG, CTY, TYP};

/// Decoding without verifying, for inspection tools only.
pub use fpa_core::dangerous;
/// Everything wrong with a token, for a person fixing one.
pub use fpa_core::diagnose;

#[cfg(feature = "voice")]
#[cfg_attr(docsrs, doc(cfg(feature = "voice")))]
#[doc(inline)]
pub use fpa_grant_voice as voice;

#[cfg(feature = "video")]
#[cfg_attr(docsrs, doc(cfg(feature = "video")))]
#[doc(inline)]
pub use fpa_grant_video as video;

#[cfg(feature = "chat")]
#[cfg_attr(docsrs, doc(cfg(feature = "chat")))]
#[doc(inline)]
pub use fpa_grant_chat as chat;

#[cfg(feature = "sync")]
#[cfg_attr(docsrs, doc(cfg(feature = "sync")))]
#[doc(inline)]
pub use fpa_grant_sync as sync;

#[cfg(feature = "taskrouter")]
#[cfg_attr(docsrs, doc(cfg(feature = "taskrouter")))]
#[doc(inline)]
pub use fpa_grant_taskrouter as taskrouter;
