//! Minting: the [`AccessTokenBuilder`] and the signed [`AccessToken`] (SPEC.md §1–§3).

use alloc::{boxed::Box, string::String, vec::Vec};
use core::fmt;

use base64_simd::URL_SAFE_NO_PAD;
use hmac::Mac;
use serde::Serialize;

use crate::{
    AccountSid, ApiKeySid, Grant, Identity, Jti, MintError, Region, SigningKey, Ttl, UnixTime,
    claims::{RANDOM_JTI_LEN, write_random_jti},
    encode::{encode_tail_in_place, push_signature, write_json},
    grant::AddedGrant,
};

/// The `alg` header: HMAC-SHA256, the only algorithm Twilio accepts (error 20102).
pub const ALG: &str = "HS256";
/// The `typ` header.
pub const TYP: &str = "JWT";
/// The `cty` header that marks a Twilio Access Token.
pub const CTY: &str = "twilio-fpa;v=1";

/// The header of a token without a region, as we write it and as most tokens carry it.
pub(crate) const DEFAULT_HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

/// How the signing input of a token without a region starts: [`DEFAULT_HEADER`] base64url-encoded
/// and a dot. A unit test checks both against [`signing_prefix`].
pub(crate) const DEFAULT_SIGNING_PREFIX: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.";

/// How the signing input of a token for `region` starts: the base64url-encoded header and a dot.
pub(crate) fn signing_prefix(region: Option<&str>) -> String {
    let header = Header {
        alg: ALG,
        typ: TYP,
        cty: CTY,
        twr: region,
    };
    let mut prefix = serde_json::to_vec(&header).expect("the header serializes");
    encode_tail_in_place(&mut prefix, 0);
    prefix.push(b'.');
    String::from_utf8(prefix).expect("base64url and a dot are ASCII")
}

/// How the signing input of every token without a region whose jti starts with
/// `<api_key_sid>-`, as every random jti does, begins: the default header, then the payload's
/// `{"jti":"<api_key_sid>-` as far as it fills whole base64 groups (the rest of the last group
/// depends on what follows).
pub(crate) fn random_jti_signing_start(api_key_sid: ApiKeySid) -> String {
    let json = alloc::format!(r#"{{"jti":"{api_key_sid}-"#);
    let whole_groups = &json.as_bytes()[..json.len() / 3 * 3];
    let mut start = String::from(DEFAULT_SIGNING_PREFIX);
    start.push_str(&URL_SAFE_NO_PAD.encode_to_string(whole_groups));
    start
}

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
        let mut grants_json = Vec::with_capacity(256);
        grants_json.extend_from_slice(br#"{"identity":"#);
        write_value(&mut grants_json, identity.as_str());
        AccessTokenBuilder {
            account_sid,
            identity,
            ttl: Ttl::DEFAULT,
            not_before: None,
            region: None,
            jti_json: None,
            grants: Vec::new(),
            grants_json,
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
    /// The caller's jti as a JSON string, or `None` for a random one.
    jti_json: Option<Vec<u8>>,
    grants: Vec<AddedGrant>,
    /// The `grants` claim but its closing brace: the identity, then each grant that serialized
    /// as an object, under its key. Written once, for every token the builder signs.
    grants_json: Vec<u8>,
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
        let mut json = Vec::with_capacity(jti.as_str().len() + 2);
        write_value(&mut json, jti.as_str());
        self.jti_json = Some(json);
        self
    }

    /// Adds a product grant. A token holds at most one grant per product.
    #[must_use]
    pub fn grant<G: Grant>(mut self, grant: G) -> Self {
        let entry_start = self.grants_json.len();
        self.grants_json.push(b',');
        write_value(&mut self.grants_json, G::KEY);
        self.grants_json.push(b':');
        let value_start = self.grants_json.len();
        let serializable = write_json(&mut self.grants_json, &grant).is_ok()
            && self.grants_json.get(value_start) == Some(&b'{');
        if !serializable {
            self.grants_json.truncate(entry_start);
        }
        self.grants.push(AddedGrant {
            grant: Box::new(grant),
            serializable,
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
        let mut random_jti = [0; RANDOM_JTI_LEN + 2];
        let jti_json = match &self.jti_json {
            Some(json) => json,
            None => write_random_jti_json(api_key_sid, random, &mut random_jti),
        };
        let prefix = self
            .region
            .as_ref()
            .map_or(DEFAULT_SIGNING_PREFIX, Region::signing_prefix);

        // Sized for the whole token and the JSON it is encoded from, so that signing allocates
        // once: the claims around the jti and the grants take at most 186 bytes of JSON (their
        // keys and punctuation, two SIDs, and three times of at most 20 digits).
        let json_len = 186 + jti_json.len() + self.grants_json.len();
        let mut token = Vec::with_capacity(prefix.len() + json_len + json_len.div_ceil(3) * 4 + 44);
        token.extend_from_slice(prefix.as_bytes());
        self.write_claims(&mut token, jti_json, now, exp, api_key_sid);
        encode_tail_in_place(&mut token, prefix.len());

        let signature = key.mac_over(&token).finalize().into_bytes();
        token.push(b'.');
        push_signature(&mut token, &signature.into());
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
        if self.jti_json.is_none() {
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
            if !added.serializable {
                return Err(MintError::GrantNotSerializable { key });
            }
        }
        Ok(())
    }

    /// Writes the claims as JSON, in the key order of Twilio's Node library.
    ///
    /// The jti, the identity and the grants were serialized by serde_json when they were set;
    /// only the fixed keys, the SIDs, the times and the punctuation between them are written
    /// here, straight into the token's buffer.
    fn write_claims(
        &self,
        out: &mut Vec<u8>,
        jti_json: &[u8],
        iat: UnixTime,
        exp: UnixTime,
        iss: ApiKeySid,
    ) {
        out.extend_from_slice(br#"{"jti":"#);
        out.extend_from_slice(jti_json);
        out.extend_from_slice(br#","grants":"#);
        out.extend_from_slice(&self.grants_json);
        out.extend_from_slice(b"}");
        if let Some(nbf) = self.not_before {
            out.extend_from_slice(br#","nbf":"#);
            write_value(out, nbf.as_secs());
        }
        out.extend_from_slice(br#","iat":"#);
        write_value(out, iat.as_secs());
        out.extend_from_slice(br#","exp":"#);
        write_value(out, exp.as_secs());
        out.extend_from_slice(br#","iss":"#);
        write_sid(out, iss.as_str());
        out.extend_from_slice(br#","sub":"#);
        write_sid(out, self.account_sid.as_str());
        out.extend_from_slice(b"}");
    }
}

/// Writes a claim value, a string or an integer, which serde_json always serializes.
fn write_value<T: Serialize>(out: &mut Vec<u8>, value: T) {
    write_json(out, &value).expect("serde_json serializes strings and integers into a vector");
}

/// Writes a SID as a JSON string: its two letters and 32 hex digits need no escape.
fn write_sid(out: &mut Vec<u8>, sid: &str) {
    out.push(b'"');
    out.extend_from_slice(sid.as_bytes());
    out.push(b'"');
}

/// Writes a random jti as a JSON string into `buffer`: a SID, a dash and hex digits need no
/// escape.
fn write_random_jti_json(
    api_key_sid: ApiKeySid,
    random: [u8; 16],
    buffer: &mut [u8; RANDOM_JTI_LEN + 2],
) -> &[u8] {
    let (quote, rest) = buffer.split_at_mut(1);
    quote[0] = b'"';
    let (jti, quote) = rest.split_at_mut(RANDOM_JTI_LEN);
    write_random_jti(
        api_key_sid,
        random,
        jti.try_into().expect("sized for a random jti"),
    );
    quote[0] = b'"';
    buffer
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

    #[test]
    fn tokens_with_a_random_jti_share_their_key_s_signing_start() {
        let key = key();
        let start = random_jti_signing_start(key.api_key_sid());
        assert_eq!(start.len(), DEFAULT_SIGNING_PREFIX.len() + 56);
        let builder = alice().grant(ExampleGrant { n: 1 });
        for random in [[0; 16], [0xff; 16]] {
            let token = builder.sign_with_random(&key, NOW, random).unwrap();
            assert!(token.as_str().starts_with(&start));
        }
        let custom = builder.jti(Jti::new("x").unwrap());
        let token = custom.sign_with_random(&key, NOW, [0; 16]).unwrap();
        assert!(!token.as_str().starts_with(&start));
    }

    #[test]
    fn default_signing_prefix_is_the_header_without_region() {
        assert_eq!(signing_prefix(None), DEFAULT_SIGNING_PREFIX);
        let header = serde_json::to_vec(&Header {
            alg: ALG,
            typ: TYP,
            cty: CTY,
            twr: None,
        })
        .unwrap();
        assert_eq!(header, DEFAULT_HEADER);
    }

    #[derive(Serialize)]
    struct ExampleGrant {
        n: u32,
    }

    impl Grant for ExampleGrant {
        const KEY: &'static str = "example";
        type Error = core::convert::Infallible;

        fn check(&self, _: &Identity) -> Result<(), Self::Error> {
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

        fn check(&self, _: &Identity) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    #[test]
    fn a_grant_that_fails_to_serialize_leaves_no_json_behind() {
        let builder = alice()
            .grant(FailsMidway {
                first: 1,
                map: [((1, 2), 3)].into(),
            })
            .grant(ExampleGrant { n: 1 });
        assert_eq!(
            builder.grants_json,
            br#"{"identity":"alice","example":{"n":1}"#
        );
        assert!(matches!(
            builder.sign_with_random(&key(), NOW, [7; 16]),
            Err(MintError::GrantNotSerializable { key: "fails" })
        ));
    }

    #[test]
    fn the_claims_around_jti_and_grants_fit_the_room_signing_reserves() {
        // The longest times there are: 20 digits each.
        let now = UnixTime::from_secs(u64::MAX - Ttl::MAX.as_secs());
        let builder = alice()
            .ttl(Ttl::MAX)
            .not_before(now)
            .grant(ExampleGrant { n: 1 });
        let token = builder.sign_with_random(&key(), now, [7; 16]).unwrap();
        let payload = token.as_str().split('.').nth(1).unwrap();
        let json = URL_SAFE_NO_PAD.decode_to_vec(payload).unwrap();
        let around = json.len() - (RANDOM_JTI_LEN + 2) - builder.grants_json.len();
        assert_eq!(around, 186);
    }

    /// Runs with and without `std`, whose JSON paths differ (`cargo xtask no-std` runs it too).
    /// The expected token was computed with Python's `json` and `hmac`, outside this crate.
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
