//! Verifying tokens the way Twilio does (SPEC.md §8), failing closed with one error.

use alloc::{boxed::Box, collections::BTreeMap, string::String, vec::Vec};
use core::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::Mac;
use serde::{
    Deserialize,
    de::{DeserializeOwned, IgnoredAny},
};
use serde_json::value::RawValue;

use crate::{
    ALG, AccountSid, ApiKeySid, CTY, Grant, SigningKey, TYP, Ttl, UnixTime,
    error::{Segment, VerifyError},
    json::{Field, JsonProblem, Text, check_object},
    token::DEFAULT_HEADER_ENCODED,
};

/// The longest token accepted by default: 16 KiB.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;

/// The clock skew tolerated by default between the minter and the verifier, in seconds.
pub const DEFAULT_LEEWAY_SECS: u64 = 60;

/// Checks tokens minted for one account by one or more of its API keys.
///
/// Configure every key whose tokens should be accepted: during a key rotation, the old and the
/// new key. The key is the configured key whose secret matches the signature, and the token's
/// `iss` must then be that key's SID; nothing in the token picks a key or an algorithm.
///
/// ```
/// # use fpa_core::{AccessToken, ApiKeySecret, Grant, Identity, SigningKey, UnixTime, Verifier};
/// # #[derive(serde::Serialize)]
/// # struct ExampleGrant {}
/// # impl Grant for ExampleGrant {
/// #     const KEY: &'static str = "example";
/// #     type Error = core::convert::Infallible;
/// #     fn check(&self, _: &Identity) -> Result<(), Self::Error> { Ok(()) }
/// # }
/// # fn main() -> Result<(), Box<dyn core::error::Error>> {
/// # let secret = ApiKeySecret::new("an-example-secret-of-32-bytes!!!")?;
/// # let key = SigningKey::new("SK0123456789abcdef0123456789abcdef".parse()?, &secret);
/// # let account = "AC0123456789abcdef0123456789abcdef".parse()?;
/// # let now = UnixTime::from_secs(1_700_000_000);
/// # let token = AccessToken::builder(account, "alice".parse()?).grant(ExampleGrant {}).sign(&key, now)?;
/// let verifier = Verifier::new(account, key);
/// let verified = verifier.verify(token.as_str(), now)?;
/// assert_eq!(verified.identity(), Some("alice"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    account_sid: AccountSid,
    keys: Vec<SigningKey>,
    leeway_secs: u64,
    max_token_len: usize,
}

impl Verifier {
    /// A verifier for tokens of `account_sid` signed with `key`.
    pub fn new(account_sid: AccountSid, key: SigningKey) -> Self {
        Self {
            account_sid,
            keys: alloc::vec![key],
            leeway_secs: DEFAULT_LEEWAY_SECS,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Also accepts tokens signed with `key`, as during a key rotation.
    #[must_use]
    pub fn with_key(mut self, key: SigningKey) -> Self {
        self.keys.push(key);
        self
    }

    /// The clock skew tolerated on `exp` and `nbf`, in seconds (default 60).
    #[must_use]
    pub fn leeway_secs(mut self, secs: u64) -> Self {
        self.leeway_secs = secs;
        self
    }

    /// The longest token accepted, in bytes (default 16 KiB); longer ones are refused before
    /// any decoding.
    #[must_use]
    pub fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// Verifies `token` at `now`.
    ///
    /// The checks run in this order and the first failure is returned: length, shape and
    /// base64url, header, signature, payload structure, `iss` and `sub`, time, grants.
    ///
    /// # Errors
    ///
    /// The [`VerifyError`] of the first check that failed.
    pub fn verify(&self, token: &str, now: UnixTime) -> Result<VerifiedToken, VerifyError> {
        let parts = Parts::decode(token, self.max_token_len)?;
        let region = match &parts.header {
            None => None,
            Some(header) => check_header(header)?,
        };
        let signing_key = self.signing_key(parts.signing_input, parts.signature)?;

        let payload = String::from_utf8(parts.payload).map_err(|_| VerifyError::PayloadNotJson)?;
        check_json_object(&payload, Segment::Payload)?;
        let claims: WireClaims<'_> =
            serde_json::from_str(&payload).map_err(|_| VerifyError::PayloadNotJson)?;

        let iss = required(claims.iss, "iss")?;
        let sub = required(claims.sub, "sub")?;
        let exp = required(claims.exp, "exp")?;
        let jti = required(claims.jti, "jti")?;
        let mut grants = required(claims.grants, "grants")?;
        let times = Times {
            iat: optional(claims.iat, "iat")?.map(|NumericDate(secs)| secs),
            nbf: optional(claims.nbf, "nbf")?.map(|NumericDate(secs)| secs),
            exp: exp.0,
        };

        if iss.0 != signing_key.api_key_sid().as_str() {
            return Err(VerifyError::IssuerMismatch {
                signed_by: signing_key.api_key_sid(),
            });
        }
        if sub.0 != self.account_sid.as_str() {
            return Err(VerifyError::AccountMismatch {
                expected: self.account_sid,
            });
        }
        times.check(now, self.leeway_secs)?;

        let identity = grants
            .remove("identity")
            .map(|raw| serde_json::from_str::<String>(raw.get()))
            .transpose()
            .map_err(|_| VerifyError::InvalidGrants)?;
        Ok(VerifiedToken {
            region,
            jti: jti.0.into_owned(),
            iss: signing_key.api_key_sid(),
            sub: self.account_sid,
            times,
            identity,
            grants,
        })
    }

    /// Verifies `token` at the system clock's time.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn verify_now(&self, token: &str) -> Result<VerifiedToken, VerifyError> {
        self.verify(token, UnixTime::now())
    }

    /// The configured key whose secret produced `signature`, compared in constant time.
    fn signing_key(
        &self,
        signing_input: &str,
        signature: Result<[u8; 32], usize>,
    ) -> Result<&SigningKey, VerifyError> {
        let signature = signature.map_err(|len| VerifyError::SignatureLength { len })?;
        self.keys
            .iter()
            .find(|key| {
                key.mac_over(signing_input.as_bytes())
                    .verify_slice(&signature)
                    .is_ok()
            })
            .ok_or(VerifyError::SignatureMismatch)
    }
}

/// The three parts of a compact JWT, base64url-decoded.
pub(crate) struct Parts<'a> {
    /// The header and payload as they were signed: the token up to its last dot.
    pub(crate) signing_input: &'a str,
    /// `None` for the default header, which needs no decoding or checking.
    pub(crate) header: Option<Vec<u8>>,
    pub(crate) payload: Vec<u8>,
    /// An HS256 signature, or the length of whatever else the token carried.
    pub(crate) signature: Result<[u8; 32], usize>,
}

impl<'a> Parts<'a> {
    /// Checks the length, the whitespace and the three parts, and decodes each strictly.
    pub(crate) fn decode(token: &'a str, max_len: usize) -> Result<Self, VerifyError> {
        if token.len() > max_len {
            return Err(VerifyError::TooLong {
                len: token.len(),
                max: max_len,
            });
        }
        if token.trim() != token {
            return Err(VerifyError::Whitespace);
        }
        let mut segments = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) = (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) else {
            return Err(VerifyError::SegmentCount {
                found: token.split('.').count(),
            });
        };
        Ok(Self {
            signing_input: &token[..header.len() + 1 + payload.len()],
            header: match header {
                DEFAULT_HEADER_ENCODED => None,
                other => Some(decode_segment(other, Segment::Header)?),
            },
            payload: decode_segment(payload, Segment::Payload)?,
            signature: decode_signature(signature)?,
        })
    }
}

/// Decodes strict, canonical, unpadded base64url (RFC 7515 §2).
fn decode_segment(text: &str, segment: Segment) -> Result<Vec<u8>, VerifyError> {
    Base64UrlUnpadded::decode_vec(text).map_err(|_| VerifyError::Base64 { segment })
}

/// Decodes an HS256 signature, or checks whatever else the token carried and says how long it
/// is.
fn decode_signature(text: &str) -> Result<Result<[u8; 32], usize>, VerifyError> {
    let mut signature = [0; 32];
    match Base64UrlUnpadded::decode(text, &mut signature).map(<[u8]>::len) {
        Ok(32) => Ok(Ok(signature)),
        Ok(len) => Ok(Err(len)),
        // Too long for the buffer: decode it whole to check it and to measure it.
        Err(_) if text.len() > 43 => {
            decode_segment(text, Segment::Signature).map(|signature| Err(signature.len()))
        }
        Err(_) => Err(VerifyError::Base64 {
            segment: Segment::Signature,
        }),
    }
}

/// Checks that the decoded header or payload is one JSON object without repeated keys.
pub(crate) fn check_json_object(json: &str, segment: Segment) -> Result<(), VerifyError> {
    check_object(json).map_err(|problem| match (segment, problem) {
        (Segment::Header, JsonProblem::Syntax) => VerifyError::HeaderNotJson,
        (Segment::Header, JsonProblem::NotObject) => VerifyError::HeaderNotObject,
        (Segment::Header, JsonProblem::DuplicateKey) => VerifyError::HeaderDuplicateKey,
        (_, JsonProblem::Syntax) => VerifyError::PayloadNotJson,
        (_, JsonProblem::NotObject) => VerifyError::PayloadNotObject,
        (_, JsonProblem::DuplicateKey) => VerifyError::PayloadDuplicateKey,
    })
}

/// The header fields a Twilio Access Token has.
#[derive(Deserialize)]
struct WireHeader<'a> {
    #[serde(borrow, default)]
    typ: Field<Text<'a>>,
    #[serde(borrow, default)]
    alg: Field<Text<'a>>,
    #[serde(borrow, default)]
    cty: Field<Text<'a>>,
    #[serde(default)]
    twr: Field<Option<String>>,
    #[serde(default)]
    crit: Field<IgnoredAny>,
}

/// Checks the header and returns its region (`twr`), if any.
pub(crate) fn check_header(header: &[u8]) -> Result<Option<String>, VerifyError> {
    let header = core::str::from_utf8(header).map_err(|_| VerifyError::HeaderNotJson)?;
    check_json_object(header, Segment::Header)?;
    let header: WireHeader<'_> =
        serde_json::from_str(header).map_err(|_| VerifyError::HeaderNotJson)?;
    let has_value = |field: Field<Text<'_>>, expected: &str, name| match field {
        Field::Valid(Text(value)) if value == expected => Ok(()),
        _ => Err(VerifyError::HeaderField { field: name }),
    };
    has_value(header.typ, TYP, "typ")?;
    has_value(header.alg, ALG, "alg")?;
    has_value(header.cty, CTY, "cty")?;
    if !matches!(header.crit, Field::Missing) {
        return Err(VerifyError::CriticalHeader);
    }
    match header.twr {
        Field::Missing => Ok(None),
        Field::Valid(region) => Ok(region),
        Field::WrongType => Err(VerifyError::HeaderField { field: "twr" }),
    }
}

/// The claims verify reads; other claims are ignored.
#[derive(Deserialize)]
struct WireClaims<'a> {
    #[serde(borrow, default)]
    jti: Field<Text<'a>>,
    #[serde(borrow, default)]
    iss: Field<Text<'a>>,
    #[serde(borrow, default)]
    sub: Field<Text<'a>>,
    #[serde(default)]
    iat: Field<NumericDate>,
    #[serde(default)]
    nbf: Field<NumericDate>,
    #[serde(default)]
    exp: Field<NumericDate>,
    /// Each grant's raw JSON, by its key; `identity` among them.
    #[serde(default)]
    grants: Field<BTreeMap<String, Box<RawValue>>>,
}

/// A claim that must be present, with the right type.
fn required<T>(field: Field<T>, claim: &'static str) -> Result<T, VerifyError> {
    optional(field, claim)?.ok_or(VerifyError::MissingClaim { claim })
}

/// A claim that may be missing, but not of the wrong type.
fn optional<T>(field: Field<T>, claim: &'static str) -> Result<Option<T>, VerifyError> {
    match field {
        Field::Missing => Ok(None),
        Field::Valid(value) => Ok(Some(value)),
        Field::WrongType => Err(VerifyError::ClaimType { claim }),
    }
}

/// A NumericDate (RFC 7519 §2): any non-negative JSON number, never a string.
#[derive(Deserialize)]
#[serde(try_from = "f64")]
struct NumericDate(f64);

impl TryFrom<f64> for NumericDate {
    type Error = &'static str;

    fn try_from(secs: f64) -> Result<Self, Self::Error> {
        if secs >= 0.0 && secs.is_finite() {
            Ok(Self(secs))
        } else {
            Err("a NumericDate is a non-negative number")
        }
    }
}

/// The time claims of a verified token, as the numbers they were on the wire.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Times {
    iat: Option<f64>,
    nbf: Option<f64>,
    exp: f64,
}
impl Times {
    /// `now < exp + leeway`, `nbf <= now + leeway`, and at most 24 h left from `now` or `iat`.
    fn check(&self, now: UnixTime, leeway_secs: u64) -> Result<(), VerifyError> {
        let now_secs = now.as_secs() as f64;
        let leeway = leeway_secs as f64;
        if now_secs >= self.exp + leeway {
            return Err(VerifyError::Expired {
                exp: whole_secs(self.exp),
                now,
            });
        }
        if let Some(nbf) = self.nbf
            && nbf > now_secs + leeway
        {
            return Err(VerifyError::NotYetValid {
                nbf: whole_secs(nbf),
                now,
            });
        }
        let max = Ttl::MAX.as_secs() as f64;
        let from_iat = self.iat.map(|iat| self.exp - iat);
        for lifetime in [Some(self.exp - now_secs), from_iat].into_iter().flatten() {
            if lifetime > max {
                return Err(VerifyError::LifetimeTooLong {
                    secs: whole_secs_rounded_up(lifetime),
                });
            }
        }
        Ok(())
    }
}

/// A NumericDate in whole seconds, rounded down (`as` saturates; no input panics).
fn whole_secs(secs: f64) -> UnixTime {
    UnixTime::from_secs(secs as u64)
}

/// A positive duration in whole seconds, rounded up (`f64::ceil` needs `std`).
fn whole_secs_rounded_up(secs: f64) -> u64 {
    let down = secs as u64;
    if (down as f64) < secs {
        down.saturating_add(1)
    } else {
        down
    }
}

/// A token whose signature, header, claims and times passed every check.
///
/// Time accessors round fractional NumericDates (which twilio-python and twilio-ruby can write)
/// down to whole seconds.
#[derive(Clone)]
pub struct VerifiedToken {
    region: Option<String>,
    jti: String,
    iss: ApiKeySid,
    sub: AccountSid,
    times: Times,
    identity: Option<String>,
    /// Each product's grant as raw JSON, by its key.
    grants: BTreeMap<String, Box<RawValue>>,
}

impl fmt::Debug for VerifiedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedToken")
            .field("jti", &self.jti)
            .field("iss", &self.iss)
            .field("sub", &self.sub)
            .field("iat", &self.iat())
            .field("nbf", &self.nbf())
            .field("exp", &self.exp())
            .field("region", &self.region)
            .field("identity", &self.identity)
            .field("grants", &self.grants.keys())
            .finish()
    }
}

impl VerifiedToken {
    /// The region in the `twr` header, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The token's unique id.
    pub fn jti(&self) -> &str {
        &self.jti
    }

    /// The API key that signed the token (`iss`).
    pub fn iss(&self) -> ApiKeySid {
        self.iss
    }

    /// The account the token belongs to (`sub`).
    pub fn sub(&self) -> AccountSid {
        self.sub
    }

    /// When the token was issued (`iat`), if it says; twilio-python does not.
    pub fn iat(&self) -> Option<UnixTime> {
        self.times.iat.map(whole_secs)
    }

    /// When the token becomes valid (`nbf`), if it says.
    pub fn nbf(&self) -> Option<UnixTime> {
        self.times.nbf.map(whole_secs)
    }

    /// When the token expires (`exp`).
    pub fn exp(&self) -> UnixTime {
        whole_secs(self.times.exp)
    }

    /// The user the token is for (`grants.identity`), if it names one.
    pub fn identity(&self) -> Option<&str> {
        self.identity.as_deref()
    }

    /// The grant of product `G`, decoded from the wire JSON, or `None` when the token has none.
    ///
    /// Mint-time rules (such as Voice's identity characters) are not applied again: this decodes
    /// what Twilio accepts.
    ///
    /// # Errors
    ///
    /// [`VerifyError::InvalidGrant`] when the grant is present but does not decode as a `G`.
    pub fn grant<G: Grant + DeserializeOwned>(&self) -> Result<Option<G>, VerifyError> {
        self.grant_json(G::KEY)
            .map(|json| {
                serde_json::from_str(json).map_err(|_| VerifyError::InvalidGrant { key: G::KEY })
            })
            .transpose()
    }

    /// The raw JSON of the grant under `key`, byte for byte as signed.
    pub fn grant_json(&self, key: &str) -> Option<&str> {
        self.grants.get(key).map(|json| json.get())
    }

    /// Every grant's key and raw JSON, known products and others (`task_router`, `player`,
    /// `ip_messaging`, `rtc`…) alike, in key order; `identity` is not among them.
    pub fn grants(&self) -> impl Iterator<Item = (&str, &str)> {
        self.grants
            .iter()
            .map(|(key, json)| (key.as_str(), json.get()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(bytes: &[u8]) -> String {
        Base64UrlUnpadded::encode_string(bytes)
    }

    #[test]
    fn splits_into_exactly_three_segments_before_decoding_any() {
        for (token, found) in [("", 1), ("a", 1), ("a.b", 2), ("!.!.!.!", 4), ("....", 5)] {
            assert!(
                matches!(
                    Parts::decode(token, 100),
                    Err(VerifyError::SegmentCount { found: f }) if f == found
                ),
                "{token:?}"
            );
        }
        let signature = b64(&[7; 32]);
        let token = alloc::format!("{}.{}.{signature}", b64(b"{}"), b64(b"[]"));
        let parts = Parts::decode(&token, token.len()).unwrap();
        assert_eq!(parts.signing_input, token.rsplit_once('.').unwrap().0);
        assert_eq!(parts.header.as_deref(), Some(&b"{}"[..]));
        assert_eq!(parts.payload, b"[]");
        assert_eq!(parts.signature, Ok([7; 32]));
    }

    #[test]
    fn the_length_cap_comes_first() {
        assert!(matches!(
            Parts::decode(" ..", 2),
            Err(VerifyError::TooLong { len: 3, max: 2 })
        ));
        assert!(matches!(
            Parts::decode(" ..", 3),
            Err(VerifyError::Whitespace)
        ));
    }

    #[test]
    fn signatures_are_32_bytes_of_canonical_base64url() {
        assert_eq!(decode_signature(&b64(&[1; 32])), Ok(Ok([1; 32])));
        for len in [0, 1, 31, 33, 64, 1000] {
            assert_eq!(
                decode_signature(&b64(&alloc::vec![1; len])),
                Ok(Err(len)),
                "{len}"
            );
        }
        let invalid = Err(VerifyError::Base64 {
            segment: Segment::Signature,
        });
        let mut padded = b64(&[1; 32]);
        padded.push('=');
        for text in [
            padded.as_str(),
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQF",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ+",
            "A",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB!",
        ] {
            assert_eq!(decode_signature(text), invalid, "{text}");
        }
    }

    fn times(iat: Option<f64>, nbf: Option<f64>, exp: f64) -> Times {
        Times { iat, nbf, exp }
    }

    const NOW: UnixTime = UnixTime::from_secs(1_000_000);

    #[test]
    fn expiry_is_exclusive_after_the_leeway() {
        let now = NOW.as_secs() as f64;
        assert_eq!(times(None, None, now - 59.5).check(NOW, 60), Ok(()));
        assert_eq!(
            times(None, None, now - 60.0).check(NOW, 60),
            Err(VerifyError::Expired {
                exp: UnixTime::from_secs(NOW.as_secs() - 60),
                now: NOW
            })
        );
        assert!(times(None, None, now).check(NOW, 0).is_err());
    }

    #[test]
    fn not_before_is_inclusive_after_the_leeway() {
        let now = NOW.as_secs() as f64;
        assert_eq!(
            times(None, Some(now + 60.0), now + 1.0).check(NOW, 60),
            Ok(())
        );
        assert!(matches!(
            times(None, Some(now + 60.5), now + 100.0).check(NOW, 60),
            Err(VerifyError::NotYetValid { .. })
        ));
    }

    #[test]
    fn lifetime_counts_from_now_and_from_iat_rounded_up() {
        let now = NOW.as_secs() as f64;
        assert_eq!(times(None, None, now + 86_400.0).check(NOW, 0), Ok(()));
        assert_eq!(
            times(None, None, now + 86_400.5).check(NOW, 0),
            Err(VerifyError::LifetimeTooLong { secs: 86_401 })
        );
        assert_eq!(
            times(Some(now - 10.0), None, now + 86_391.0).check(NOW, 0),
            Err(VerifyError::LifetimeTooLong { secs: 86_401 })
        );
        assert_eq!(
            times(Some(now - 10.0), None, now + 86_390.0).check(NOW, 0),
            Ok(())
        );
    }
}
