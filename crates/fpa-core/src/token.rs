//! Minting: the [`AccessTokenBuilder`] and the signed [`AccessToken`] (docs/spec.md §1–§3).

use alloc::{boxed::Box, string::String, vec::Vec};
use core::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::Mac;
use serde::{Serialize, Serializer, ser::SerializeMap};
use serde_json::value::RawValue;

use crate::{
    claims::{Identity, Jti, Region},
    grant::{ErasedGrant, Grant},
    header,
    mint_error::MintError,
    secret::SigningKey,
    sid::AccountSid,
    time::{Ttl, UnixTime},
};

/// A signed Twilio Access Token in JWT compact form: `header.payload.signature`.
///
/// The token is a bearer credential, so `Debug` shows only its length and there is no `==`
/// (which would not run in constant time); use [`as_str`](Self::as_str) to hand it to a client.
#[derive(Clone)]
pub struct AccessToken(String);

impl AccessToken {
    /// Starts a token for `identity` in the account `account_sid`, valid for one hour unless
    /// [`ttl`](AccessTokenBuilder::ttl) says otherwise.
    ///
    /// ```
    /// # use fpa_core::{AccessToken, ApiKeySecret, Grant, SigningKey, UnixTime};
    /// # #[derive(serde::Serialize)]
    /// # struct ExampleGrant {}
    /// # impl Grant for ExampleGrant {
    /// #     const KEY: &'static str = "example";
    /// #     type Error = core::convert::Infallible;
    /// #     fn check(&self) -> Result<(), Self::Error> { Ok(()) }
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
    /// The caller's jti, or `None` for a random one.
    jti: Option<Jti>,
    grants: Vec<AddedGrant>,
}

/// A grant added to a builder, and its JSON.
struct AddedGrant {
    grant: Box<dyn ErasedGrant>,
    /// `None` when the grant did not serialize as a JSON object.
    json: Option<Box<RawValue>>,
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
        let json = serde_json::value::to_raw_value(&grant)
            .ok()
            .filter(|json| json.get().starts_with('{'));
        self.grants.push(AddedGrant {
            grant: Box::new(grant),
            json,
        });
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
        self.check_grants()?;
        let api_key_sid = key.api_key_sid();
        let random_jti;
        let jti = match &self.jti {
            Some(jti) => jti,
            None => {
                random_jti = Jti::from_random(api_key_sid, random);
                &random_jti
            }
        };
        let claims = Claims {
            jti: jti.as_str(),
            grants: Grants {
                identity: &self.identity,
                products: &self.grants,
            },
            nbf: self.not_before.map(UnixTime::as_secs),
            iat: now.as_secs(),
            exp: exp.as_secs(),
            iss: api_key_sid.as_str(),
            sub: self.account_sid.as_str(),
        };
        let header = header::encoded(self.region.as_ref().map(Region::as_str));
        let payload = serde_json::to_vec(&claims).expect("claims have string keys");
        let payload = Base64UrlUnpadded::encode_string(&payload);
        let mac = key.mac_over(&[header.as_bytes(), b".", payload.as_bytes()]);
        let mut signature = [0; 43];
        let signature = Base64UrlUnpadded::encode(&mac.finalize().into_bytes(), &mut signature)
            .expect("43 base64url characters hold the 32 bytes of an HMAC-SHA256");
        Ok(AccessToken(
            [&*header, ".", &payload, ".", signature].concat(),
        ))
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

    /// Checks every grant.
    fn check_grants(&self) -> Result<(), MintError> {
        if self.grants.is_empty() {
            return Err(MintError::NoGrant);
        }
        for (index, added) in self.grants.iter().enumerate() {
            let key = added.grant.key();
            if key.is_empty() || key == "identity" {
                return Err(MintError::ReservedGrantKey { key });
            }
            if self.grants[..index]
                .iter()
                .any(|seen| seen.grant.key() == key)
            {
                return Err(MintError::DuplicateGrant { key });
            }
            added.grant.check(&self.identity)?;
            if added.json.is_none() {
                return Err(MintError::GrantNotSerializable { key });
            }
        }
        Ok(())
    }
}

/// The claims of a token, in the key order of Twilio's Node library.
#[derive(Serialize)]
struct Claims<'a> {
    jti: &'a str,
    grants: Grants<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<u64>,
    iat: u64,
    exp: u64,
    iss: &'a str,
    sub: &'a str,
}

/// The `grants` claim: the identity, then each product's grant under its key.
struct Grants<'a> {
    identity: &'a Identity,
    products: &'a [AddedGrant],
}

impl Serialize for Grants<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("identity", self.identity.as_str())?;
        for product in self.products {
            // Checked before signing: every grant has its JSON.
            if let Some(json) = &product.json {
                map.serialize_entry(product.grant.key(), json)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_SID: &str = "SK0123456789abcdef0123456789abcdef";
    const NOW: UnixTime = UnixTime::from_secs(1_700_000_000);

    fn key() -> SigningKey {
        let secret = crate::ApiKeySecret::new("an-example-secret-of-32-bytes!!!").unwrap();
        SigningKey::new(KEY_SID.parse().unwrap(), &secret)
    }

    /// A builder for `alice` in the example account, without grants.
    fn alice() -> AccessTokenBuilder {
        AccessToken::builder(
            "AC0123456789abcdef0123456789abcdef".parse().unwrap(),
            "alice".parse().unwrap(),
        )
    }

    #[derive(Serialize)]
    struct ExampleGrant {
        n: u32,
    }

    impl Grant for ExampleGrant {
        const KEY: &'static str = "example";
        type Error = core::convert::Infallible;

        fn check(&self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    /// Serializes `{"first":1,"map":{` and then fails: a JSON key must be a string.
    #[derive(Serialize)]
    struct FailsMidway {
        first: u8,
        map: alloc::collections::BTreeMap<(u8, u8), u8>,
    }

    impl Grant for FailsMidway {
        const KEY: &'static str = "fails";
        type Error = core::convert::Infallible;

        fn check(&self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    /// Serializes as a JSON string, which cannot be a grant.
    #[derive(Serialize)]
    struct NotAnObject(&'static str);

    impl Grant for NotAnObject {
        const KEY: &'static str = "text";
        type Error = core::convert::Infallible;

        fn check(&self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    #[test]
    fn a_grant_must_serialize_as_an_object() {
        let fails_midway = alice().grant(FailsMidway {
            first: 1,
            map: [((1, 2), 3)].into(),
        });
        assert!(matches!(
            fails_midway.sign_with_random(&key(), NOW, [7; 16]),
            Err(MintError::GrantNotSerializable { key: "fails" })
        ));
        let text = alice().grant(ExampleGrant { n: 1 }).grant(NotAnObject("x"));
        assert!(matches!(
            text.sign_with_random(&key(), NOW, [7; 16]),
            Err(MintError::GrantNotSerializable { key: "text" })
        ));
    }

    #[test]
    fn debug_shows_the_length_only() {
        let token = alice()
            .grant(ExampleGrant { n: 1 })
            .sign_with_random(&key(), NOW, [7; 16])
            .unwrap();
        let debug = alloc::format!("{token:?}");
        assert_eq!(
            debug,
            alloc::format!("AccessToken(<{} bytes, redacted>)", token.as_str().len())
        );
        assert_eq!(token.clone().into_string(), token.as_str());
    }

    /// Runs with and without `std` (`cargo xtask no-std` runs it too). The expected token was
    /// computed with Python's `json`, `base64` and `hmac`, outside this crate.
    #[test]
    fn signs_the_same_bytes_with_or_without_std() {
        let token = alice()
            .grant(ExampleGrant { n: 1 })
            .sign_with_random(&key(), NOW, [7; 16])
            .unwrap();
        assert_eq!(
            token.as_str(),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJTSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmLTA3MDcwNzA3MDcwNzA3MDcwNzA3MDcwNzA3MDcwNzA3IiwiZ3JhbnRzIjp7ImlkZW50aXR5IjoiYWxpY2UiLCJleGFtcGxlIjp7Im4iOjF9fSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDAsImlzcyI6IlNLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJzdWIiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIn0.UGSa0gdypm1qc7iQvuAL94_77JLQTnH8Xg8uucCRXXQ"
        );
    }
}
