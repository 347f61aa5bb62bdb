//! Verifying tokens the way Twilio does (docs/spec.md §8), failing closed with one error.

use alloc::{boxed::Box, collections::BTreeMap, string::String, vec::Vec};
use core::fmt;

use hmac::Mac;
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::value::RawValue;

use crate::{
    compact::Parts,
    grant::Grant,
    header,
    json::{self, Field, Text},
    secret::SigningKey,
    sid::{AccountSid, ApiKeySid},
    time::{Ttl, UnixTime},
    verify_error::{ClaimName, Segment, VerifyError},
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
            Some(header) => header::check(header)?,
        };
        let signing_key = self.signing_key(parts.signing_input, parts.signature)?;

        let payload = String::from_utf8(parts.payload).map_err(|_| VerifyError::PayloadNotJson)?;
        json::check_object(&payload).map_err(|problem| Segment::Payload.json_error(problem))?;
        let claims: WireClaims<'_> =
            serde_json::from_str(&payload).map_err(|_| VerifyError::PayloadNotJson)?;

        let iss = required(claims.iss, ClaimName::Iss)?;
        let sub = required(claims.sub, ClaimName::Sub)?;
        let exp = required(claims.exp, ClaimName::Exp)?;
        let jti = required(claims.jti, ClaimName::Jti)?;
        let mut grants = required(claims.grants, ClaimName::Grants)?;
        let times = Times {
            iat: optional(claims.iat, ClaimName::Iat)?.map(|NumericDate(secs)| secs),
            nbf: optional(claims.nbf, ClaimName::Nbf)?.map(|NumericDate(secs)| secs),
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
fn required<T>(field: Field<T>, claim: ClaimName) -> Result<T, VerifyError> {
    optional(field, claim)?.ok_or(VerifyError::MissingClaim { claim })
}

/// A claim that may be missing, but not of the wrong type.
fn optional<T>(field: Field<T>, claim: ClaimName) -> Result<Option<T>, VerifyError> {
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
