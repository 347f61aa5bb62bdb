//! Verifying tokens the way Twilio does (docs/spec.md §8), failing closed with one error.

use alloc::{
    boxed::Box,
    collections::BTreeMap,
    string::{String, ToString},
    vec::Vec,
};
use core::fmt;

use hmac::Mac;
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::value::RawValue;

use crate::{
    claims::Identity,
    compact::Parts,
    grant::Grant,
    header,
    json::{self, Field, JsonKind, Text},
    numeric_date::NumericDate,
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
/// # use fpa_core::{AccessToken, ApiKeySecret, Grant, SigningKey, UnixTime, Verifier};
/// # #[derive(serde::Serialize)]
/// # struct ExampleGrant {}
/// # impl Grant for ExampleGrant {
/// #     const KEY: &'static str = "example";
/// #     type Error = core::convert::Infallible;
/// #     fn check(&self) -> Result<(), Self::Error> { Ok(()) }
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

    /// The clock skew tolerated on `exp`, `nbf` and `iat`, in seconds (default 60). The 24-hour
    /// lifetime gets none (docs/spec.md §8.6).
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
    /// base64url, header, signature, payload structure, claims, `iss` and `sub`, identity, time.
    /// Each grant is checked as its product when read typed ([`VerifiedToken::grant`]).
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
        let claims = WireClaims::read(&payload)?;

        let iss = required(claims.iss, ClaimName::Iss)?;
        let sub = required(claims.sub, ClaimName::Sub)?;
        let exp = required(claims.exp, ClaimName::Exp)?;
        let jti = required(claims.jti, ClaimName::Jti)?;
        let mut grants = required(claims.grants, ClaimName::Grants)?;
        let times = Times {
            iat: optional(claims.iat, ClaimName::Iat)?,
            nbf: optional(claims.nbf, ClaimName::Nbf)?,
            exp,
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
        let identity = grants
            .remove("identity")
            .map(|raw| identity_claim(&raw))
            .transpose()?;
        times.check(now, self.leeway_secs)?;

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
                key.mac_over(&[signing_input.as_bytes()])
                    .verify_slice(&signature)
                    .is_ok()
            })
            .ok_or(VerifyError::SignatureMismatch)
    }
}

/// The claims verify reads; other claims are ignored.
#[derive(Deserialize)]
pub(crate) struct WireClaims<'a> {
    #[serde(borrow, default)]
    pub(crate) jti: Field<Text<'a>>,
    #[serde(borrow, default)]
    pub(crate) iss: Field<Text<'a>>,
    #[serde(borrow, default)]
    pub(crate) sub: Field<Text<'a>>,
    #[serde(default)]
    pub(crate) iat: Field<NumericDate>,
    #[serde(default)]
    pub(crate) nbf: Field<NumericDate>,
    #[serde(default)]
    pub(crate) exp: Field<NumericDate>,
    /// Each grant's raw JSON, by its key; `identity` among them.
    #[serde(default)]
    pub(crate) grants: Field<BTreeMap<String, Box<RawValue>>>,
}

impl<'a> WireClaims<'a> {
    /// Reads a decoded payload that must be one strict JSON object ([`json::check_object`]).
    pub(crate) fn read(payload: &'a str) -> Result<Self, VerifyError> {
        json::check_object(payload).map_err(|problem| Segment::Payload.json_error(problem))?;
        serde_json::from_str(payload).map_err(|_| VerifyError::PayloadNotJson)
    }
}

/// A claim that must be present, with the right type.
pub(crate) fn required<T>(field: Field<T>, claim: ClaimName) -> Result<T, VerifyError> {
    optional(field, claim)?.ok_or(VerifyError::MissingClaim { claim })
}

/// A claim that may be missing, but not of the wrong type.
pub(crate) fn optional<T>(field: Field<T>, claim: ClaimName) -> Result<Option<T>, VerifyError> {
    match field {
        Field::Missing => Ok(None),
        Field::Valid(value) => Ok(Some(value)),
        Field::WrongType(found) => Err(VerifyError::ClaimType { claim, found }),
    }
}

/// `grants.identity`: a string that follows the rules every product shares (docs/spec.md §4).
pub(crate) fn identity_claim(raw: &RawValue) -> Result<Identity, VerifyError> {
    let identity: String =
        serde_json::from_str(raw.get()).map_err(|_| VerifyError::IdentityType {
            found: JsonKind::of(raw.get()),
        })?;
    Identity::new(identity).map_err(|error| VerifyError::InvalidIdentity { error })
}

/// The time claims of a verified token, exactly as written.
#[derive(Clone, Debug)]
pub(crate) struct Times {
    pub(crate) iat: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) exp: NumericDate,
}

impl Times {
    /// `now < exp + leeway`, `nbf <= now + leeway`, `iat <= now + leeway`, and at most 24 hours
    /// left, counted from `now` and from `iat` (docs/spec.md §8.6), all compared exactly.
    fn check(&self, now: UnixTime, leeway_secs: u64) -> Result<(), VerifyError> {
        self.problems(now, leeway_secs)
            .into_iter()
            .next()
            .map_or(Ok(()), Err)
    }

    /// Every rule of [`check`](Self::check) the times break, in its order.
    pub(crate) fn problems(&self, now: UnixTime, leeway_secs: u64) -> Vec<VerifyError> {
        let now_secs = u128::from(now.as_secs());
        let latest = now_secs + u128::from(leeway_secs);
        let max = Ttl::MAX.as_secs();
        let mut problems = Vec::new();
        if self.exp.ceil().saturating_add(u128::from(leeway_secs)) <= now_secs {
            problems.push(VerifyError::Expired {
                exp: self.exp.floor(),
                now,
            });
        }
        if let Some(nbf) = &self.nbf
            && nbf.ceil() > latest
        {
            problems.push(VerifyError::NotYetValid {
                nbf: nbf.floor(),
                now,
            });
        }
        if let Some(iat) = &self.iat
            && iat.ceil() > latest
        {
            problems.push(VerifyError::NotYetIssued {
                iat: iat.floor(),
                now,
            });
        }
        if self.exp.ceil() > now_secs + u128::from(max) {
            problems.push(VerifyError::LifetimeTooLong {
                secs: self.exp.ceil() - now_secs,
            });
        }
        if let Some(iat) = &self.iat
            && self.exp > iat.plus(max)
        {
            problems.push(VerifyError::LifetimeTooLong {
                secs: self.exp.secs_after(iat),
            });
        }
        problems
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
    identity: Option<Identity>,
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
        self.times.iat.as_ref().map(NumericDate::floor)
    }

    /// When the token becomes valid (`nbf`), if it says.
    pub fn nbf(&self) -> Option<UnixTime> {
        self.times.nbf.as_ref().map(NumericDate::floor)
    }

    /// When the token expires (`exp`).
    pub fn exp(&self) -> UnixTime {
        self.times.exp.floor()
    }

    /// The user the token is for (`grants.identity`), if it names one.
    pub fn identity(&self) -> Option<&str> {
        self.identity.as_ref().map(Identity::as_str)
    }

    /// The grant of product `G`, decoded from the wire JSON, or `None` when the token has none.
    ///
    /// The grant is checked as that product (docs/spec.md §8.7): its schema, and the token's
    /// identity against the product's rules ([`Grant::check_identity`]), as Twilio would. The
    /// fields minting requires are not: official libraries mint a Voice grant without an
    /// application, and Twilio accepts the token.
    ///
    /// # Errors
    ///
    /// [`VerifyError::InvalidGrant`] when the grant does not decode as a `G`, and
    /// [`VerifyError::GrantIdentity`] when the product refuses the token's identity.
    pub fn grant<G: Grant + DeserializeOwned>(&self) -> Result<Option<G>, VerifyError> {
        let Some(json) = self.grant_json(G::KEY) else {
            return Ok(None);
        };
        let grant =
            serde_json::from_str(json).map_err(|_| VerifyError::InvalidGrant { key: G::KEY })?;
        if let Some(identity) = &self.identity {
            G::check_identity(identity).map_err(|err| VerifyError::GrantIdentity {
                key: G::KEY,
                reason: err.to_string(),
            })?;
        }
        Ok(Some(grant))
    }

    /// The raw JSON of the grant under `key`, byte for byte as signed.
    pub fn grant_json(&self, key: &str) -> Option<&str> {
        self.grants.get(key).map(|json| json.get())
    }

    /// Every grant's key and raw JSON, the products the caller knows and any others alike, in key
    /// order; `identity` is not among them.
    pub fn grants(&self) -> impl Iterator<Item = (&str, &str)> {
        self.grants
            .iter()
            .map(|(key, json)| (key.as_str(), json.get()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Times from the JSON numbers given as text, `now` being 1,000,000.
    fn times(iat: Option<&str>, nbf: Option<&str>, exp: &str) -> Times {
        let date = |json: &str| serde_json::from_str::<NumericDate>(json).unwrap();
        Times {
            iat: iat.map(date),
            nbf: nbf.map(date),
            exp: date(exp),
        }
    }

    const NOW: UnixTime = UnixTime::from_secs(1_000_000);

    #[test]
    fn debug_shows_the_claims_and_the_grant_keys_only() {
        use crate::{AccessToken, ApiKeySecret};
        #[derive(serde::Serialize)]
        struct Room {
            room: &'static str,
        }
        impl Grant for Room {
            const KEY: &'static str = "video";
            type Error = core::convert::Infallible;
            fn check(&self) -> Result<(), Self::Error> {
                Ok(())
            }
        }
        let secret = ApiKeySecret::new("an-example-secret-of-32-bytes!!!").unwrap();
        let key = SigningKey::new(
            "SK0123456789abcdef0123456789abcdef".parse().unwrap(),
            &secret,
        );
        let account: AccountSid = "AC0123456789abcdef0123456789abcdef".parse().unwrap();
        let token = AccessToken::builder(account, "alice".parse().unwrap())
            .jti("id-1".parse().unwrap())
            .grant(Room {
                room: "secret-room",
            })
            .sign_with_random(&key, NOW, [0; 16])
            .unwrap();
        let verified = Verifier::new(account, key)
            .verify(token.as_str(), NOW)
            .unwrap();
        let debug = alloc::format!("{verified:?}");
        for shown in [
            "VerifiedToken",
            "\"id-1\"",
            "SK0123456789abcdef0123456789abcdef",
            "alice",
            "[\"video\"]",
        ] {
            assert!(debug.contains(shown), "{debug} lacks {shown}");
        }
        assert!(!debug.contains("secret-room"), "{debug}");
    }

    #[test]
    fn expiry_is_exclusive_after_the_leeway() {
        assert_eq!(times(None, None, "999940.5").check(NOW, 60), Ok(()));
        assert_eq!(
            times(None, None, "999940").check(NOW, 60),
            Err(VerifyError::Expired {
                exp: UnixTime::from_secs(999_940),
                now: NOW
            })
        );
        assert!(times(None, None, "1000000").check(NOW, 0).is_err());
        assert_eq!(times(None, None, "1000000.0000001").check(NOW, 0), Ok(()));
        assert!(times(None, None, "0").check(NOW, u64::MAX).is_ok());
    }

    #[test]
    fn not_before_and_issue_time_are_inclusive_after_the_leeway() {
        assert_eq!(
            times(Some("1000060"), Some("1000060"), "1000100").check(NOW, 60),
            Ok(())
        );
        assert_eq!(
            times(None, Some("1000060.5"), "1000100").check(NOW, 60),
            Err(VerifyError::NotYetValid {
                nbf: UnixTime::from_secs(1_000_060),
                now: NOW
            })
        );
        assert_eq!(
            times(Some("1000060.000001"), None, "1000100").check(NOW, 60),
            Err(VerifyError::NotYetIssued {
                iat: UnixTime::from_secs(1_000_060),
                now: NOW
            })
        );
    }

    #[test]
    fn lifetime_counts_from_now_and_from_iat_exactly() {
        assert_eq!(times(None, None, "1086400").check(NOW, 0), Ok(()));
        assert_eq!(
            times(None, None, "1086400.5").check(NOW, 0),
            Err(VerifyError::LifetimeTooLong { secs: 86_401 })
        );
        assert_eq!(
            times(Some("999990"), None, "1086391").check(NOW, 0),
            Err(VerifyError::LifetimeTooLong { secs: 86_401 })
        );
        assert_eq!(times(Some("999990"), None, "1086390").check(NOW, 0), Ok(()));
        // Past what an f64 holds at this magnitude, and still over.
        assert_eq!(
            times(Some("999990"), None, "1086390.0000000000001").check(NOW, 0),
            Err(VerifyError::LifetimeTooLong { secs: 86_401 })
        );
        assert_eq!(
            times(Some("999990.25"), None, "1086390.25").check(NOW, 0),
            Ok(())
        );
    }

    #[test]
    fn an_absurd_lifetime_is_reported_as_it_is() {
        assert_eq!(
            times(None, None, "1.7e22").check(NOW, 0),
            Err(VerifyError::LifetimeTooLong {
                secs: 17_000_000_000_000_000_000_000 - 1_000_000
            })
        );
        let err = times(None, None, "1e300").check(NOW, 0).unwrap_err();
        assert_eq!(
            alloc::format!("{err}"),
            "token is valid for more than 10^38 s, more than Twilio's 24 hours (86400 s)"
        );
        let err = times(None, None, "1.7e22").check(NOW, 0).unwrap_err();
        assert_eq!(
            alloc::format!("{err}"),
            "token is valid for 16999999999999999000000 s, more than Twilio's 24 hours (86400 s)"
        );
    }
}
