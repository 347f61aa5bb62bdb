//! Why a token was rejected: [`VerifyError`], in the order of docs/spec.md §8, with Twilio's codes.

use core::{error::Error, fmt};

use alloc::string::String;

use crate::{
    claims::ClaimError,
    json::{JsonKind, JsonProblem},
    sid::{AccountSid, ApiKeySid},
    time::UnixTime,
};

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

impl Segment {
    /// The error for a decoded header or payload that is not one strict JSON object.
    pub(crate) fn json_error(self, problem: JsonProblem) -> VerifyError {
        match (self, problem) {
            (Self::Header, JsonProblem::Syntax) => VerifyError::HeaderNotJson,
            (Self::Header, JsonProblem::NotObject) => VerifyError::HeaderNotObject,
            (Self::Header, JsonProblem::DuplicateKey) => VerifyError::HeaderDuplicateKey,
            // A signature is bytes, never read as JSON: only the payload gets here.
            (Self::Payload | Self::Signature, JsonProblem::Syntax) => VerifyError::PayloadNotJson,
            (Self::Payload | Self::Signature, JsonProblem::NotObject) => {
                VerifyError::PayloadNotObject
            }
            (Self::Payload | Self::Signature, JsonProblem::DuplicateKey) => {
                VerifyError::PayloadDuplicateKey
            }
        }
    }
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

/// A header field that a Twilio Access Token must carry with a set value, or may carry (`twr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderField {
    /// `typ`: `"JWT"`.
    Typ,
    /// `alg`: `"HS256"`.
    Alg,
    /// `cty`: `"twilio-fpa;v=1"`.
    Cty,
    /// `twr`: the region, a string or null.
    Twr,
}

impl fmt::Display for HeaderField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Typ => "typ",
            Self::Alg => "alg",
            Self::Cty => "cty",
            Self::Twr => "twr",
        })
    }
}

/// A claim of the payload that verify reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClaimName {
    /// `jti`, the token's id.
    Jti,
    /// `iss`, the API key SID.
    Iss,
    /// `sub`, the account SID.
    Sub,
    /// `iat`, the issue time.
    Iat,
    /// `nbf`, the time the token becomes valid.
    Nbf,
    /// `exp`, the expiry time.
    Exp,
    /// `grants`, the identity and the product grants.
    Grants,
}

impl ClaimName {
    /// Whether the claim is a time (a NumericDate).
    fn is_time(self) -> bool {
        matches!(self, Self::Iat | Self::Nbf | Self::Exp)
    }
}

impl fmt::Display for ClaimName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Jti => "jti",
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Iat => "iat",
            Self::Nbf => "nbf",
            Self::Exp => "exp",
            Self::Grants => "grants",
        })
    }
}

/// Why a token was rejected, in the order the checks run (docs/spec.md §8).
///
/// Messages never contain the secret or the token; [`VerifyError::twilio_code`] gives the
/// matching Twilio error code.
#[derive(Clone, Debug, PartialEq, Eq)]
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
        /// The field.
        field: HeaderField,
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
        /// The claim.
        claim: ClaimName,
    },
    /// A claim has the wrong JSON type (times must be non-negative numbers, never strings).
    ClaimType {
        /// The claim.
        claim: ClaimName,
        /// What it held instead.
        found: JsonKind,
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
    /// The token was issued later than `now` plus the leeway.
    NotYetIssued {
        /// The token's `iat` claim.
        iat: UnixTime,
        /// The time the token was checked at.
        now: UnixTime,
    },
    /// The token is valid for longer than 24 hours, counted from `now` or from `iat`.
    LifetimeTooLong {
        /// The lifetime, in whole seconds rounded up; past 10^38 s, no more than a lower bound.
        secs: u128,
    },
    /// `grants.identity` is not a string.
    IdentityType {
        /// What it held instead.
        found: JsonKind,
    },
    /// `grants.identity` breaks the rules every product shares (docs/spec.md §4).
    InvalidIdentity {
        /// The rule it breaks.
        error: ClaimError,
    },
    /// A product's grant does not decode as that product's grant.
    InvalidGrant {
        /// The grant's key under `grants`.
        key: &'static str,
    },
    /// The token's identity breaks the rules of a product whose grant it carries.
    GrantIdentity {
        /// The grant's key under `grants`.
        key: &'static str,
        /// The product's reason.
        reason: String,
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
            Self::NotYetValid { .. } | Self::NotYetIssued { .. } => 20105,
            Self::IdentityType { .. }
            | Self::InvalidIdentity { .. }
            | Self::InvalidGrant { .. }
            | Self::GrantIdentity { .. } => 20106,
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
            Self::HeaderField { field } => match field {
                HeaderField::Typ => f.write_str("token header `typ` must be \"JWT\""),
                HeaderField::Alg => f.write_str(
                    "token header `alg` must be \"HS256\", the only algorithm Twilio accepts",
                ),
                HeaderField::Cty => f.write_str(
                    "token header `cty` must be \"twilio-fpa;v=1\"; this is not a Twilio Access Token",
                ),
                HeaderField::Twr => {
                    f.write_str("token header `twr` must be a region string or null")
                }
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
            Self::ClaimType { claim, found } if claim.is_time() => write!(
                f,
                "token claim `{claim}` must be a non-negative number of seconds, not {found}"
            ),
            Self::ClaimType {
                claim: ClaimName::Grants,
                found,
            } => write!(f, "token claim `grants` must be an object, not {found}"),
            Self::ClaimType { claim, found } => {
                write!(f, "token claim `{claim}` must be a string, not {found}")
            }
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
            Self::NotYetIssued { iat, now } => write!(
                f,
                "token was issued at {iat}, later than now ({now}); the clock of the server \
                 that minted it may be ahead"
            ),
            Self::LifetimeTooLong { secs } if *secs > 10_u128.pow(38) => f.write_str(
                "token is valid for more than 10^38 s, more than Twilio's 24 hours (86400 s)",
            ),
            Self::LifetimeTooLong { secs } => write!(
                f,
                "token is valid for {secs} s, more than Twilio's 24 hours (86400 s)"
            ),
            Self::IdentityType { found } => write!(
                f,
                "token `grants.identity` must be a string naming the user, not {found}"
            ),
            Self::InvalidIdentity { error } => write!(f, "token `grants.identity`: {error}"),
            Self::InvalidGrant { key } => {
                write!(f, "token grant `{key}` does not decode as that product's grant")
            }
            Self::GrantIdentity { key, reason } => write!(
                f,
                "token identity is not valid for its `{key}` grant: {reason}"
            ),
        }
    }
}

impl Error for VerifyError {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn sid<T: core::str::FromStr>(text: &str) -> T
    where
        T::Err: core::fmt::Debug,
    {
        text.parse().unwrap()
    }

    /// Each failure has Twilio's code for it, and a message that names what is wrong (and, where
    /// something can be done, what), on one line without a final period.
    #[test]
    fn every_failure_has_its_code_and_says_what_is_wrong() {
        let now = UnixTime::from_secs(100);
        let cases: [(VerifyError, u32, &[&str]); 31] = [
            (
                VerifyError::TooLong {
                    len: 20_000,
                    max: 16_384,
                },
                20101,
                &["20000 bytes", "16384", "raise the verifier's maximum"],
            ),
            (VerifyError::Whitespace, 20101, &["whitespace", "trim it"]),
            (
                VerifyError::SegmentCount { found: 2 },
                20101,
                &["2 parts", "header.payload.signature"],
            ),
            (
                VerifyError::Base64 {
                    segment: Segment::Payload,
                },
                20101,
                &["token payload is not canonical unpadded base64url"],
            ),
            (VerifyError::HeaderNotJson, 20102, &["header is not JSON"]),
            (
                VerifyError::HeaderNotObject,
                20102,
                &["header is not a JSON object"],
            ),
            (
                VerifyError::HeaderDuplicateKey,
                20102,
                &["header repeats a key"],
            ),
            (
                VerifyError::HeaderField {
                    field: HeaderField::Typ,
                },
                20102,
                &["`typ` must be \"JWT\""],
            ),
            (
                VerifyError::HeaderField {
                    field: HeaderField::Alg,
                },
                20102,
                &[
                    "`alg` must be \"HS256\"",
                    "the only algorithm Twilio accepts",
                ],
            ),
            (
                VerifyError::HeaderField {
                    field: HeaderField::Cty,
                },
                20102,
                &[
                    "`cty` must be \"twilio-fpa;v=1\"",
                    "not a Twilio Access Token",
                ],
            ),
            (
                VerifyError::HeaderField {
                    field: HeaderField::Twr,
                },
                20102,
                &["`twr` must be a region string or null"],
            ),
            (VerifyError::CriticalHeader, 20102, &["`crit`"]),
            (
                VerifyError::SignatureLength { len: 31 },
                20107,
                &["31 bytes", "HS256 signature is 32"],
            ),
            (
                VerifyError::SignatureMismatch,
                20107,
                &[
                    "matches none of the configured API keys",
                    "another secret, or altered",
                ],
            ),
            (VerifyError::PayloadNotJson, 20101, &["payload is not JSON"]),
            (
                VerifyError::PayloadNotObject,
                20101,
                &["payload is not a JSON object"],
            ),
            (
                VerifyError::PayloadDuplicateKey,
                20101,
                &["payload repeats a key"],
            ),
            (
                VerifyError::MissingClaim {
                    claim: ClaimName::Exp,
                },
                20101,
                &["no `exp` claim"],
            ),
            (
                VerifyError::ClaimType {
                    claim: ClaimName::Nbf,
                    found: JsonKind::String,
                },
                20101,
                &["`nbf` must be a non-negative number of seconds, not a string"],
            ),
            (
                VerifyError::ClaimType {
                    claim: ClaimName::Grants,
                    found: JsonKind::Array,
                },
                20101,
                &["`grants` must be an object, not an array"],
            ),
            (
                VerifyError::ClaimType {
                    claim: ClaimName::Jti,
                    found: JsonKind::Null,
                },
                20101,
                &["`jti` must be a string, not null"],
            ),
            (
                VerifyError::IssuerMismatch {
                    signed_by: sid("SKbd09f756ca380edb5dda4cbe2d44ee0a"),
                },
                20103,
                &[
                    "`iss` is not SKbd09f756ca380edb5dda4cbe2d44ee0a",
                    "whose secret signed it",
                ],
            ),
            (
                VerifyError::AccountMismatch {
                    expected: sid("ACfa403fa53653a82d355471af9908c6f1"),
                },
                20103,
                &["`sub` is not the account ACfa403fa53653a82d355471af9908c6f1"],
            ),
            (
                VerifyError::Expired {
                    exp: UnixTime::from_secs(90),
                    now,
                },
                20104,
                &["expired at 90 (now 100)"],
            ),
            (
                VerifyError::NotYetValid {
                    nbf: UnixTime::from_secs(200),
                    now,
                },
                20105,
                &["not valid before 200 (now 100)"],
            ),
            (
                VerifyError::NotYetIssued {
                    iat: UnixTime::from_secs(300),
                    now,
                },
                20105,
                &["issued at 300, later than now (100)", "clock"],
            ),
            (
                VerifyError::LifetimeTooLong { secs: 86_401 },
                20157,
                &["valid for 86401 s", "24 hours (86400 s)"],
            ),
            (
                VerifyError::IdentityType {
                    found: JsonKind::Number,
                },
                20106,
                &["`grants.identity` must be a string naming the user, not a number"],
            ),
            (
                VerifyError::InvalidIdentity {
                    error: ClaimError::EmptyIdentity,
                },
                20106,
                &["`grants.identity`: identity is empty"],
            ),
            (
                VerifyError::InvalidGrant { key: "video" },
                20106,
                &["grant `video` does not decode"],
            ),
            (
                VerifyError::GrantIdentity {
                    key: "voice",
                    reason: "no spaces".into(),
                },
                20106,
                &["not valid for its `voice` grant: no spaces"],
            ),
        ];
        for (err, code, phrases) in cases {
            assert_eq!(err.twilio_code(), code, "{err:?}");
            crate::test_support::assert_message(&err, phrases);
        }
    }

    #[test]
    fn names_read_as_on_the_wire() {
        let segments =
            [Segment::Header, Segment::Payload, Segment::Signature].map(|s| s.to_string());
        assert_eq!(segments, ["header", "payload", "signature"]);
        let fields = [
            HeaderField::Typ,
            HeaderField::Alg,
            HeaderField::Cty,
            HeaderField::Twr,
        ];
        assert_eq!(fields.map(|f| f.to_string()), ["typ", "alg", "cty", "twr"]);
        use ClaimName::*;
        let claims = [Jti, Iss, Sub, Iat, Nbf, Exp, Grants].map(|c| c.to_string());
        assert_eq!(claims, ["jti", "iss", "sub", "iat", "nbf", "exp", "grants"]);
    }

    #[test]
    fn json_problems_are_named_by_segment() {
        for (segment, problem, expected) in [
            (
                Segment::Header,
                JsonProblem::Syntax,
                VerifyError::HeaderNotJson,
            ),
            (
                Segment::Header,
                JsonProblem::NotObject,
                VerifyError::HeaderNotObject,
            ),
            (
                Segment::Header,
                JsonProblem::DuplicateKey,
                VerifyError::HeaderDuplicateKey,
            ),
            (
                Segment::Payload,
                JsonProblem::Syntax,
                VerifyError::PayloadNotJson,
            ),
            (
                Segment::Payload,
                JsonProblem::NotObject,
                VerifyError::PayloadNotObject,
            ),
            (
                Segment::Payload,
                JsonProblem::DuplicateKey,
                VerifyError::PayloadDuplicateKey,
            ),
        ] {
            assert_eq!(segment.json_error(problem), expected);
        }
    }

    #[test]
    fn an_absurd_lifetime_reads_as_a_bound() {
        let err = VerifyError::LifetimeTooLong { secs: u128::MAX };
        assert!(err.to_string().contains("more than 10^38 s"), "{err}");
        let exactly = VerifyError::LifetimeTooLong {
            secs: 10_u128.pow(38),
        };
        assert!(
            exactly
                .to_string()
                .contains(" 100000000000000000000000000000000000000 s")
        );
    }
}
