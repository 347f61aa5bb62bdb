//! Why a token could not be minted.

use alloc::{boxed::Box, string::String};
use core::{error::Error, fmt};

use crate::{AccountSid, ApiKeySid, UnixTime};

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

/// A part of a JWT in compact form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The first part: the JOSE header.
    Header,
    /// The second part: the claims.
    Payload,
    /// The third part: the HMAC.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        })
    }
}

/// Why a token was rejected, in the order the checks run (SPEC.md §8).
///
/// Messages never contain the secret or the token; [`VerifyError::twilio_code`] gives the
/// matching Twilio error code.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum VerifyError {
    /// The token is longer than the verifier accepts; nothing of it was decoded.
    TooLong {
        /// The token's length in bytes.
        len: usize,
        /// The longest token accepted, in bytes.
        max: usize,
    },
    /// The token starts or ends with whitespace.
    Whitespace,
    /// The token does not have exactly three `.`-separated parts.
    SegmentCount {
        /// How many parts it has.
        found: usize,
    },
    /// A part is not strict, canonical, unpadded base64url.
    Base64 {
        /// The part.
        segment: Segment,
    },
    /// The header is not JSON.
    HeaderNotJson,
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The header repeats a key.
    HeaderDuplicateKey,
    /// A header field is missing or has the wrong value: `typ` must be `"JWT"`, `alg` `"HS256"`,
    /// `cty` `"twilio-fpa;v=1"`, and `twr` a string or null.
    HeaderField {
        /// The field's name.
        field: &'static str,
    },
    /// The header has a `crit` field, naming extensions this verifier does not implement.
    CriticalHeader,
    /// The signature is not 32 bytes long.
    SignatureLength {
        /// Its length in bytes.
        len: usize,
    },
    /// The signature matches none of the configured API keys.
    SignatureMismatch,
    /// The payload is not JSON.
    PayloadNotJson,
    /// The payload is JSON but not an object.
    PayloadNotObject,
    /// The payload repeats a key, at any depth.
    PayloadDuplicateKey,
    /// A required claim is missing.
    MissingClaim {
        /// The claim's name.
        claim: &'static str,
    },
    /// A claim has the wrong JSON type (times must be non-negative numbers, never strings).
    ClaimType {
        /// The claim's name.
        claim: &'static str,
    },
    /// `iss` is not the SID of the API key whose secret signed the token.
    IssuerMismatch {
        /// The SID of the API key whose secret matched the signature.
        signed_by: ApiKeySid,
    },
    /// `sub` is not the configured account.
    AccountMismatch {
        /// The account SID the verifier expects.
        expected: AccountSid,
    },
    /// The token expired: `now` is at or after `exp` plus the leeway.
    Expired {
        /// The token's `exp` claim.
        exp: UnixTime,
        /// The time the token was checked at.
        now: UnixTime,
    },
    /// The token is not valid yet: `nbf` is after `now` plus the leeway.
    NotYetValid {
        /// The token's `nbf` claim.
        nbf: UnixTime,
        /// The time the token was checked at.
        now: UnixTime,
    },
    /// The token is valid for longer than 24 hours, counted from `now` or from `iat`.
    LifetimeTooLong {
        /// The lifetime, in whole seconds rounded up.
        secs: u64,
    },
    /// `grants` is not an object, or its `identity` is not a string.
    InvalidGrants,
    /// A product's grant does not decode as that product's grant.
    InvalidGrant {
        /// The grant's key under `grants`.
        key: &'static str,
    },
}

impl VerifyError {
    /// Twilio's error code for this failure: 20101 invalid token, 20102 invalid header, 20103
    /// invalid issuer or subject, 20104 expired, 20105 not yet valid, 20106 invalid grants,
    /// 20107 invalid signature, 20157 lifetime over 24 hours.
    pub fn twilio_code(&self) -> u32 {
        match self {
            Self::TooLong { .. }
            | Self::Whitespace
            | Self::SegmentCount { .. }
            | Self::Base64 { .. }
            | Self::PayloadNotJson
            | Self::PayloadNotObject
            | Self::PayloadDuplicateKey
            | Self::MissingClaim { .. }
            | Self::ClaimType { .. } => 20101,
            Self::HeaderNotJson
            | Self::HeaderNotObject
            | Self::HeaderDuplicateKey
            | Self::HeaderField { .. }
            | Self::CriticalHeader => 20102,
            Self::IssuerMismatch { .. } | Self::AccountMismatch { .. } => 20103,
            Self::Expired { .. } => 20104,
            Self::NotYetValid { .. } => 20105,
            Self::InvalidGrants | Self::InvalidGrant { .. } => 20106,
            Self::SignatureLength { .. } | Self::SignatureMismatch => 20107,
            Self::LifetimeTooLong { .. } => 20157,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { len, max } => write!(
                f,
                "token is {len} bytes, longer than the {max} accepted; raise the verifier's \
                 maximum if such tokens are expected"
            ),
            Self::Whitespace => {
                f.write_str("token starts or ends with whitespace; trim it before verifying")
            }
            Self::SegmentCount { found } => write!(
                f,
                "token has {found} parts; a JWT has three, separated by `.`: \
                 header.payload.signature"
            ),
            Self::Base64 { segment } => write!(
                f,
                "token {segment} is not canonical unpadded base64url (RFC 7515 §2): no `=`, `+` \
                 or `/`, and no stray bits"
            ),
            Self::HeaderNotJson => f.write_str("token header is not JSON"),
            Self::HeaderNotObject => f.write_str("token header is not a JSON object"),
            Self::HeaderDuplicateKey => f.write_str("token header repeats a key"),
            Self::HeaderField { field } => match *field {
                "typ" => f.write_str("token header `typ` must be \"JWT\""),
                "alg" => f.write_str(
                    "token header `alg` must be \"HS256\", the only algorithm Twilio accepts",
                ),
                "cty" => f.write_str(
                    "token header `cty` must be \"twilio-fpa;v=1\"; this is not a Twilio Access Token",
                ),
                "twr" => f.write_str("token header `twr` must be a region string or null"),
                other => write!(f, "token header `{other}` is invalid"),
            },
            Self::CriticalHeader => f.write_str(
                "token header has `crit`, naming extensions this verifier does not implement",
            ),
            Self::SignatureLength { len } => write!(
                f,
                "token signature is {len} bytes; an HS256 signature is 32"
            ),
            Self::SignatureMismatch => f.write_str(
                "token signature matches none of the configured API keys: it was signed with \
                 another secret, or altered",
            ),
            Self::PayloadNotJson => f.write_str("token payload is not JSON"),
            Self::PayloadNotObject => f.write_str("token payload is not a JSON object"),
            Self::PayloadDuplicateKey => f.write_str("token payload repeats a key"),
            Self::MissingClaim { claim } => write!(f, "token has no `{claim}` claim"),
            Self::ClaimType { claim } => match *claim {
                "iat" | "nbf" | "exp" => write!(
                    f,
                    "token claim `{claim}` must be a non-negative number of seconds, not a string"
                ),
                "grants" => f.write_str("token claim `grants` must be an object"),
                _ => write!(f, "token claim `{claim}` must be a string"),
            },
            Self::IssuerMismatch { signed_by } => write!(
                f,
                "token `iss` is not {signed_by}, the API key whose secret signed it"
            ),
            Self::AccountMismatch { expected } => {
                write!(f, "token `sub` is not the account {expected}")
            }
            Self::Expired { exp, now } => write!(f, "token expired at {exp} (now {now})"),
            Self::NotYetValid { nbf, now } => {
                write!(f, "token is not valid before {nbf} (now {now})")
            }
            Self::LifetimeTooLong { secs } => write!(
                f,
                "token is valid for {secs} s, more than Twilio's 24 hours (86400 s)"
            ),
            Self::InvalidGrants => f.write_str(
                "token `grants` must be an object whose `identity`, when present, is a string",
            ),
            Self::InvalidGrant { key } => {
                write!(f, "token grant `{key}` does not decode as that product's grant")
            }
        }
    }
}

impl Error for VerifyError {}
