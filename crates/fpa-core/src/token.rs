//! Minting: the [`AccessTokenBuilder`] and the signed [`AccessToken`] (SPEC.md §1–§3).

use alloc::{boxed::Box, string::String, vec::Vec};
use core::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::Mac;
use serde::{Serialize, Serializer, ser::SerializeMap};
use serde_json::value::RawValue;

use crate::{
    AccountSid, Grant, Identity, Jti, MintError, Region, SigningKey, Ttl, UnixTime,
    grant::ErasedGrant,
};

/// The `alg` header: HMAC-SHA256, the only algorithm Twilio accepts (error 20102).
pub const ALG: &str = "HS256";
/// The `typ` header.
pub const TYP: &str = "JWT";
/// The `cty` header that marks a Twilio Access Token.
pub const CTY: &str = "twilio-fpa;v=1";

/// A signed Twilio Access Token in JWT compact form: `header.payload.signature`.
///
/// The token is a bearer credential, so `Debug` shows only its length; use
/// [`as_str`](Self::as_str) to hand it to a client.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Starts a token for `identity` in the account `account_sid`, valid for one hour unless
    /// [`ttl`](AccessTokenBuilder::ttl) says otherwise.
    ///
    /// ```
    /// # use fpa_core::{AccessToken, ApiKeySecret, Grant, Identity, Jti, SigningKey, UnixTime};
    /// # #[derive(serde::Serialize)]
    /// # struct ExampleGrant {}
    /// # impl Grant for ExampleGrant {
    /// #     const KEY: &'static str = "example";
    /// #     type Error = core::convert::Infallible;
    /// #     fn check(&self, _: &Identity) -> Result<(), Self::Error> { Ok(()) }
    /// # }
    /// # fn main() -> Result<(), Box<dyn core::error::Error>> {
    /// let secret = ApiKeySecret::new("an-example-secret-of-32-bytes!!!")?;
    /// let key = SigningKey::new("SK0123456789abcdef0123456789abcdef".parse()?, &secret);
    /// let token = AccessToken::builder("AC0123456789abcdef0123456789abcdef".parse()?, "alice".parse()?)
    ///     .grant(ExampleGrant {})
    ///     .sign_with_random(&key, UnixTime::from_secs(1_700_000_000), [7; 16])?;
    /// assert_eq!(token.as_str().split('.').count(), 3);
    /// # Ok(()) }
    /// ```
    pub fn builder(account_sid: AccountSid, identity: Identity) -> AccessTokenBuilder {
        AccessTokenBuilder {
            account_sid,
            identity,
            ttl: Ttl::DEFAULT,
            not_before: None,
            region: None,
            jti: None,
            grants: Vec::new(),
        }
    }

    /// The token, ready to send to a Twilio client SDK.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessToken(<{} bytes, redacted>)", self.0.len())
    }
}

/// The claims and grants of a token to be signed; build one with [`AccessToken::builder`].
///
/// Signing takes `&self`, so one builder can sign many tokens. Every rule is checked when signing,
/// and the first one broken is returned as a [`MintError`].
pub struct AccessTokenBuilder {
    account_sid: AccountSid,
    identity: Identity,
    ttl: Ttl,
    not_before: Option<UnixTime>,
    region: Option<Region>,
    jti: Option<Jti>,
    grants: Vec<Box<dyn ErasedGrant>>,
}

impl AccessTokenBuilder {
    /// How long the token stays valid after it is issued (default one hour).
    #[must_use]
    pub fn ttl(mut self, ttl: Ttl) -> Self {
        self.ttl = ttl;
        self
    }

    /// The `nbf` claim: the token is not valid before this time. It must be before `exp`.
    #[must_use]
    pub fn not_before(mut self, nbf: UnixTime) -> Self {
        self.not_before = Some(nbf);
        self
    }

    /// The Twilio region, written as the `twr` header.
    #[must_use]
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// A jti of your own instead of the random default.
    #[must_use]
    pub fn jti(mut self, jti: Jti) -> Self {
        self.jti = Some(jti);
        self
    }

    /// Adds a product grant. A token holds at most one grant per product.
    #[must_use]
    pub fn grant<G: Grant>(mut self, grant: G) -> Self {
        self.grants.push(Box::new(grant));
        self
    }

    /// Signs the token issued at `now`, with `random` as the random part of the default jti.
    ///
    /// This is the `no_std` entry point: bring the time and 16 bytes from a cryptographically
    /// secure random source. `random` is unused when a [`jti`](Self::jti) was set.
    ///
    /// # Errors
    ///
    /// The first rule broken: no grant, a duplicate grant, a grant or identity its product
    /// refuses, `nbf` not before `exp`, or a time past the end of `u64`.
    pub fn sign_with_random(
        &self,
        key: &SigningKey,
        now: UnixTime,
        random: [u8; 16],
    ) -> Result<AccessToken, MintError> {
        let exp = now
            .checked_add(self.ttl)
            .ok_or(MintError::TimeOutOfRange { now })?;
        if let Some(nbf) = self.not_before
            && nbf >= exp
        {
            return Err(MintError::NotBeforeAfterExpiry { nbf, exp });
        }
        let grants = self.checked_grants()?;
        let api_key_sid = key.api_key_sid();
        let jti = match &self.jti {
            Some(jti) => jti.clone(),
            None => Jti::from_random(api_key_sid, random),
        };
        let header = Header {
            alg: ALG,
            typ: TYP,
            cty: CTY,
            twr: self.region.as_ref().map(Region::as_str),
        };
        let payload = Payload {
            jti: jti.as_str(),
            grants: GrantsClaim {
                identity: self.identity.as_str(),
                products: &grants,
            },
            nbf: self.not_before.map(UnixTime::as_secs),
            iat: now.as_secs(),
            exp: exp.as_secs(),
            iss: api_key_sid.as_str(),
            sub: self.account_sid.as_str(),
        };
        let header = serde_json::to_vec(&header).expect("the header serializes");
        let payload = serde_json::to_vec(&payload).expect("checked claims serialize");

        let mut token = Vec::with_capacity((header.len() + payload.len() + 32) * 4 / 3 + 8);
        push_base64url(&mut token, &header);
        token.push(b'.');
        push_base64url(&mut token, &payload);
        let mut mac = key.mac();
        mac.update(&token);
        let signature = mac.finalize().into_bytes();
        token.push(b'.');
        push_base64url(&mut token, &signature);
        let token = String::from_utf8(token).expect("base64url and dots are ASCII");
        Ok(AccessToken(token))
    }

    /// Signs the token issued at `now`, drawing the default jti's random part from the OS.
    ///
    /// # Errors
    ///
    /// As [`sign_with_random`](Self::sign_with_random), and [`MintError::RandomUnavailable`] if
    /// the OS random number generator fails.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn sign(&self, key: &SigningKey, now: UnixTime) -> Result<AccessToken, MintError> {
        let mut random = [0; 16];
        if self.jti.is_none() {
            getrandom::fill(&mut random).map_err(|_| MintError::RandomUnavailable)?;
        }
        self.sign_with_random(key, now, random)
    }

    /// Signs the token issued now by the system clock, with a random jti from the OS.
    ///
    /// # Errors
    ///
    /// As [`sign`](Self::sign).
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn sign_now(&self, key: &SigningKey) -> Result<AccessToken, MintError> {
        self.sign(key, UnixTime::now())
    }

    /// Checks every grant, then serializes each as its JSON object, keyed as under `grants`.
    fn checked_grants(&self) -> Result<Vec<(&'static str, Box<RawValue>)>, MintError> {
        if self.grants.is_empty() {
            return Err(MintError::NoGrant);
        }
        let mut checked = Vec::with_capacity(self.grants.len());
        for grant in &self.grants {
            let key = grant.key();
            if key.is_empty() || key == "identity" {
                return Err(MintError::ReservedGrantKey { key });
            }
            if checked.iter().any(|(seen, _)| *seen == key) {
                return Err(MintError::DuplicateGrant { key });
            }
            grant.check(&self.identity)?;
            checked.push((key, grant.to_json()?));
        }
        Ok(checked)
    }
}

impl fmt::Debug for AccessTokenBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let grant_keys: Vec<&str> = self.grants.iter().map(|grant| grant.key()).collect();
        f.debug_struct("AccessTokenBuilder")
            .field("account_sid", &self.account_sid)
            .field("identity", &self.identity)
            .field("ttl", &self.ttl)
            .field("not_before", &self.not_before)
            .field("region", &self.region)
            .field("jti", &self.jti)
            .field("grants", &grant_keys)
            .finish()
    }
}

/// Appends the unpadded base64url encoding of `bytes` to `out`.
fn push_base64url(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    out.resize(start + Base64UrlUnpadded::encoded_len(bytes), 0);
    Base64UrlUnpadded::encode(bytes, &mut out[start..]).expect("the buffer was sized to fit");
}

/// The JOSE header, in the key order of Twilio's Node library.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'static str,
    typ: &'static str,
    cty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    twr: Option<&'a str>,
}

/// The claims, in the key order of Twilio's Node library.
#[derive(Serialize)]
struct Payload<'a> {
    jti: &'a str,
    grants: GrantsClaim<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<u64>,
    iat: u64,
    exp: u64,
    iss: &'a str,
    sub: &'a str,
}

/// `grants`: the identity, then each product's object in the order the grants were added.
struct GrantsClaim<'a> {
    identity: &'a str,
    products: &'a [(&'static str, Box<RawValue>)],
}

impl Serialize for GrantsClaim<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.products.len()))?;
        map.serialize_entry("identity", self.identity)?;
        for (key, json) in self.products {
            map.serialize_entry(key, json)?;
        }
        map.end()
    }
}
