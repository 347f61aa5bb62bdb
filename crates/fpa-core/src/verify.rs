//! Verifying tokens the way Twilio does (SPEC.md §8), failing closed with one error.

use alloc::{borrow::Cow, string::String, vec::Vec};
use core::{fmt, ops::Range};

use base64_simd::{Out, URL_SAFE_NO_PAD};
use hmac::Mac;
use serde::{
    Deserialize,
    de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor},
};
use serde_json::value::RawValue;

use crate::{
    ALG, AccountSid, ApiKeySid, CTY, Grant, SigningKey, TYP, Ttl, UnixTime,
    error::{Segment, VerifyError},
    json::{JsonProblem, KeyCheck, check_object, key_hash},
    token::{DEFAULT_HEADER, DEFAULT_SIGNING_PREFIX},
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
            Cow::Borrowed(_) => None,
            Cow::Owned(header) => check_header(header)?,
        };
        let signing_key = self.signing_key(parts.signing_input, parts.signature)?;

        // A JSON text is UTF-8 throughout, so checking it whole spares serde_json checking each
        // string.
        let payload = String::from_utf8(parts.payload).map_err(|_| VerifyError::PayloadNotJson)?;
        let mut claims = WireClaims::default();
        read_claims(&payload, &mut claims)?;

        let iss = string_claim(claims.iss, "iss")?;
        let sub = string_claim(claims.sub, "sub")?;
        let exp =
            numeric_date(claims.exp, "exp")?.ok_or(VerifyError::MissingClaim { claim: "exp" })?;
        let jti = string_claim(claims.jti, "jti")?;
        let grants = claims
            .grants
            .ok_or(VerifyError::MissingClaim { claim: "grants" })?
            .ok_or(VerifyError::ClaimType { claim: "grants" })?;
        let times = Times {
            iat: numeric_date(claims.iat, "iat")?,
            nbf: numeric_date(claims.nbf, "nbf")?,
            exp,
        };

        if iss != signing_key.api_key_sid().as_str() {
            return Err(VerifyError::IssuerMismatch {
                signed_by: signing_key.api_key_sid(),
            });
        }
        if sub != self.account_sid.as_str() {
            return Err(VerifyError::AccountMismatch {
                expected: self.account_sid,
            });
        }
        times.check(now, self.leeway_secs)?;

        let text = |text: Cow<'_, str>| Text::of(&payload, text);
        let identity = grants
            .identity
            .map(|value| string_claim(Some(value), "identity").map(text))
            .transpose()
            .map_err(|_| VerifyError::InvalidGrants)?;
        let jti = text(jti);
        Ok(VerifiedToken {
            region,
            jti,
            iss: signing_key.api_key_sid(),
            sub: self.account_sid,
            times,
            identity,
            grants: grants.products,
            payload,
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
    pub(crate) signing_input: &'a str,
    /// Borrowed when the token has the default header, which needs no decoding or checking.
    pub(crate) header: Cow<'static, [u8]>,
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
        // The signature is short and most headers are the default one: finding their dots from
        // the ends spares scanning the payload, and a dot left inside the payload fails its
        // base64 decoding, where it is told apart below.
        let Some((signing_input, signature)) = token.rsplit_once('.') else {
            return Err(VerifyError::SegmentCount { found: 1 });
        };
        let segment_count_first = |error| match token.split('.').count() {
            3 => error,
            found => VerifyError::SegmentCount { found },
        };
        let (header, payload) = match signing_input.strip_prefix(DEFAULT_SIGNING_PREFIX) {
            // The canonical encoding of a known header: equal text, equal bytes.
            Some(payload) => (Cow::Borrowed(DEFAULT_HEADER), payload),
            None => {
                let (header, payload) = signing_input
                    .split_once('.')
                    .ok_or(VerifyError::SegmentCount { found: 2 })?;
                let header = decode_vec(header, Segment::Header).map_err(segment_count_first)?;
                (Cow::Owned(header), payload)
            }
        };
        let payload = decode_vec(payload, Segment::Payload).map_err(segment_count_first)?;
        Ok(Self {
            signing_input,
            header,
            payload,
            signature: decode_signature(signature)?,
        })
    }
}

fn decode_vec(part: &str, segment: Segment) -> Result<Vec<u8>, VerifyError> {
    URL_SAFE_NO_PAD
        .decode_to_vec(part)
        .map_err(|_| VerifyError::Base64 { segment })
}

/// Decodes a signature onto the stack, or checks it and says how long it is when it is not 32
/// bytes.
fn decode_signature(part: &str) -> Result<Result<[u8; 32], usize>, VerifyError> {
    let invalid = |_| VerifyError::Base64 {
        segment: Segment::Signature,
    };
    let len = URL_SAFE_NO_PAD
        .decoded_length(part.as_bytes())
        .map_err(invalid)?;
    if len != 32 {
        URL_SAFE_NO_PAD.check(part.as_bytes()).map_err(invalid)?;
        return Ok(Err(len));
    }
    let mut signature = [0; 32];
    URL_SAFE_NO_PAD
        .decode(part.as_bytes(), Out::from_slice(&mut signature))
        .map_err(invalid)?;
    Ok(Ok(signature))
}

/// Checks that the decoded header or payload is one JSON object without repeated keys.
pub(crate) fn check_json_object(json: &[u8], segment: Segment) -> Result<(), VerifyError> {
    check_object(json).map_err(|problem| match (segment, problem) {
        (Segment::Header, JsonProblem::Syntax) => VerifyError::HeaderNotJson,
        (Segment::Header, JsonProblem::NotObject) => VerifyError::HeaderNotObject,
        (Segment::Header, JsonProblem::DuplicateKey) => VerifyError::HeaderDuplicateKey,
        (_, JsonProblem::Syntax) => VerifyError::PayloadNotJson,
        (_, JsonProblem::NotObject) => VerifyError::PayloadNotObject,
        (_, JsonProblem::DuplicateKey) => VerifyError::PayloadDuplicateKey,
    })
}

/// The header fields a Twilio Access Token has, each left raw until checked.
#[derive(Deserialize)]
struct WireHeader<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    typ: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    alg: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    cty: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    twr: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    crit: Option<&'a RawValue>,
}

/// Keeps a field that is present as its raw JSON, `null` included, so that a `null` claim is
/// refused as the wrong type rather than taken for a missing one.
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(deserializer).map(Some)
}

/// Checks the header and returns its region (`twr`), if any.
pub(crate) fn check_header(header: &[u8]) -> Result<Option<String>, VerifyError> {
    check_json_object(header, Segment::Header)?;
    let header: WireHeader<'_> =
        serde_json::from_slice(header).map_err(|_| VerifyError::HeaderNotJson)?;
    let has_value = |raw: Option<&RawValue>, expected: &str, field| match raw
        .map(|raw| serde_json::from_str::<String>(raw.get()))
    {
        Some(Ok(value)) if value == expected => Ok(()),
        _ => Err(VerifyError::HeaderField { field }),
    };
    has_value(header.typ, TYP, "typ")?;
    has_value(header.alg, ALG, "alg")?;
    has_value(header.cty, CTY, "cty")?;
    if header.crit.is_some() {
        return Err(VerifyError::CriticalHeader);
    }
    match header.twr {
        None => Ok(None),
        Some(raw) => serde_json::from_str::<Option<String>>(raw.get())
            .map_err(|_| VerifyError::HeaderField { field: "twr" }),
    }
}

/// The claims of a payload, each as read and not yet checked, and the entries of its grants.
#[derive(Default)]
struct WireClaims<'a> {
    jti: Option<Claim<'a>>,
    iss: Option<Claim<'a>>,
    sub: Option<Claim<'a>>,
    iat: Option<Claim<'a>>,
    nbf: Option<Claim<'a>>,
    exp: Option<Claim<'a>>,
    /// `Some(None)` when `grants` is there but not an object.
    grants: Option<Option<WireGrants<'a>>>,
}

/// The entries of the `grants` object: `identity`, and each product's key and where its JSON
/// starts in the payload, in order.
struct WireGrants<'a> {
    identity: Option<Claim<'a>>,
    products: Vec<(Text, usize)>,
}

/// A claim's value as read: a string, borrowed unless it had escapes to undo, a number, or
/// something no claim may be.
enum Claim<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Other,
}

/// How many objects a claim is inside, for the nesting limit: the payload.
const IN_PAYLOAD: usize = 1;
/// How many objects an entry of `grants` is inside: the payload and `grants`.
const IN_GRANTS: usize = 2;

/// Reads any JSON value as a [`Claim`], refusing repeated keys in the objects it skips.
struct ClaimSeed<'k> {
    keys: &'k mut KeyCheck,
    /// How many objects the claim is inside: [`IN_PAYLOAD`] or [`IN_GRANTS`].
    enclosing: usize,
}

impl<'de> DeserializeSeed<'de> for ClaimSeed<'_> {
    type Value = Claim<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ClaimSeed<'_> {
    type Value = Claim<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a claim")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Claim<'de>, E> {
        Ok(Claim::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Claim<'de>, E> {
        Ok(Claim::Text(Cow::Owned(String::from(text))))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Claim<'de>, E> {
        Ok(Claim::Number(number as f64))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Claim<'de>, E> {
        Ok(Claim::Number(number as f64))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Claim<'de>, E> {
        Ok(Claim::Number(number))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Claim<'de>, E> {
        Ok(Claim::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Claim<'de>, E> {
        Ok(Claim::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Claim<'de>, A::Error> {
        self.keys
            .skip_map(map, self.enclosing)
            .map(|()| Claim::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Claim<'de>, A::Error> {
        self.keys
            .skip_seq(seq, self.enclosing)
            .map(|()| Claim::Other)
    }
}

/// Reads the claims and the grants' entries in one pass that refuses a key repeated in any
/// object, at any depth.
///
/// The claims are written into `claims` rather than returned, which spares moving them through
/// each layer of serde's calls.
fn read_claims<'de>(payload: &'de str, claims: &mut WireClaims<'de>) -> Result<(), VerifyError> {
    let mut keys = KeyCheck::default();
    let mut deserializer = serde_json::Deserializer::from_str(payload);
    ClaimsSeed {
        payload,
        keys: &mut keys,
        claims,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end())
    .or_else(|_| {
        // Say why, the thorough way: the pass fails on broken JSON, a payload that is not an
        // object, or a repeated key, as this check does.
        check_json_object(payload.as_bytes(), Segment::Payload)?;
        Err(VerifyError::PayloadNotJson)
    })
}

/// Reads the payload's object: each known claim as a [`Claim`], the grants entry by entry, and
/// any other claim checked and skipped.
struct ClaimsSeed<'de, 'k> {
    payload: &'de str,
    keys: &'k mut KeyCheck,
    claims: &'k mut WireClaims<'de>,
}

impl<'de> DeserializeSeed<'de> for ClaimsSeed<'de, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ClaimsSeed<'de, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the claims object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let claims = &mut *self.claims;
        let start = self.keys.open();
        while let Some(ClaimKey { name, hash }) = map.next_key()? {
            self.keys.add_hash(hash);
            let claim = match name {
                ClaimName::Jti => &mut claims.jti,
                ClaimName::Iss => &mut claims.iss,
                ClaimName::Sub => &mut claims.sub,
                ClaimName::Iat => &mut claims.iat,
                ClaimName::Nbf => &mut claims.nbf,
                ClaimName::Exp => &mut claims.exp,
                ClaimName::Grants => {
                    claims.grants = Some(map.next_value_seed(GrantsSeed {
                        payload: self.payload,
                        keys: &mut *self.keys,
                    })?);
                    continue;
                }
                ClaimName::Other => {
                    // Skipped, and not copied even when it has escapes.
                    self.keys.check_raw(map.next_value()?, IN_PAYLOAD)?;
                    continue;
                }
            };
            *claim = Some(map.next_value_seed(ClaimSeed {
                keys: &mut *self.keys,
                enclosing: IN_PAYLOAD,
            })?);
        }
        self.keys.close(start)?;
        Ok(())
    }
}

/// A key of the payload object: the claim it names and its hash, read without copying a key
/// that has escapes.
struct ClaimKey {
    name: ClaimName,
    hash: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ClaimName {
    Jti,
    Iss,
    Sub,
    Iat,
    Nbf,
    Exp,
    Grants,
    Other,
}

impl<'de> Deserialize<'de> for ClaimKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ClaimKeyVisitor;

        impl Visitor<'_> for ClaimKeyVisitor {
            type Value = ClaimKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a claim name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<ClaimKey, E> {
                let name = match key {
                    "jti" => ClaimName::Jti,
                    "iss" => ClaimName::Iss,
                    "sub" => ClaimName::Sub,
                    "iat" => ClaimName::Iat,
                    "nbf" => ClaimName::Nbf,
                    "exp" => ClaimName::Exp,
                    "grants" => ClaimName::Grants,
                    _ => ClaimName::Other,
                };
                Ok(ClaimKey {
                    name,
                    hash: key_hash(key),
                })
            }
        }

        deserializer.deserialize_str(ClaimKeyVisitor)
    }
}

/// Reads the `grants` claim: `identity` and each product's raw JSON when it is an object.
struct GrantsSeed<'de, 'k> {
    payload: &'de str,
    keys: &'k mut KeyCheck,
}

impl<'de> DeserializeSeed<'de> for GrantsSeed<'de, '_> {
    /// `None` when `grants` is not an object.
    type Value = Option<WireGrants<'de>>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GrantsSeed<'de, '_> {
    type Value = Option<WireGrants<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the grants claim")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.keys.skip_seq(seq, IN_PAYLOAD).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut grants = WireGrants {
            identity: None,
            products: Vec::with_capacity(map.size_hint().unwrap_or(2)),
        };
        let start = self.keys.open();
        while let Some(Key(key)) = map.next_key()? {
            self.keys.add(&key);
            if key == "identity" {
                grants.identity = Some(map.next_value_seed(ClaimSeed {
                    keys: &mut *self.keys,
                    enclosing: IN_GRANTS,
                })?);
            } else {
                let key = Text::of(self.payload, key);
                let json_start = match &key {
                    // Read once, to check it; where it ends is found again when it is asked for.
                    Text::Span(key_span) => {
                        map.next_value_seed(self.keys.value(IN_GRANTS))?;
                        value_start(self.payload, key_span.end)
                            .ok_or_else(|| de::Error::custom("no value after the key"))?
                    }
                    // A key with escapes does not say where it is: the value is kept raw, which
                    // does.
                    Text::Owned(_) => {
                        let raw: &RawValue = map.next_value()?;
                        self.keys.check_raw(raw, IN_GRANTS)?;
                        match Text::of(self.payload, Cow::Borrowed(raw.get())) {
                            Text::Span(json) => json.start,
                            Text::Owned(_) => return Err(de::Error::custom("raw JSON copied")),
                        }
                    }
                };
                grants.products.push((key, json_start));
            }
        }
        self.keys.close(start)?;
        Ok(Some(grants))
    }
}

/// Where the value of the object entry whose key's text ends at `key_end` starts.
///
/// The parser has read the entry, so only JSON whitespace and one colon lie between the key's
/// closing quote and its value.
fn value_start(payload: &str, key_end: usize) -> Option<usize> {
    const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];
    let value = payload
        .get(key_end..)?
        .strip_prefix('"')?
        .trim_start_matches(JSON_WHITESPACE)
        .strip_prefix(':')?
        .trim_start_matches(JSON_WHITESPACE);
    Some(payload.len() - value.len())
}

/// The JSON value that starts at `start` in a payload that verify has read, without what follows
/// it.
fn json_at(payload: &str, start: usize) -> &str {
    let mut deserializer = serde_json::Deserializer::from_str(payload.get(start..).unwrap_or(""));
    // Verify read this very value: reading it again cannot fail.
    <&RawValue>::deserialize(&mut deserializer).map_or("", RawValue::get)
}

/// A claim that must be present and a JSON string.
fn string_claim<'a>(
    value: Option<Claim<'a>>,
    claim: &'static str,
) -> Result<Cow<'a, str>, VerifyError> {
    match value.ok_or(VerifyError::MissingClaim { claim })? {
        Claim::Text(text) => Ok(text),
        _ => Err(VerifyError::ClaimType { claim }),
    }
}

/// A NumericDate claim (RFC 7519 §2): any non-negative JSON number, never a string.
fn numeric_date(value: Option<Claim<'_>>, claim: &'static str) -> Result<Option<f64>, VerifyError> {
    match value {
        None => Ok(None),
        Some(Claim::Number(secs)) if secs >= 0.0 && secs.is_finite() => Ok(Some(secs)),
        Some(_) => Err(VerifyError::ClaimType { claim }),
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

/// An object key, borrowed from the input unless it had escapes to undo.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(String::from(key))))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Text of a verified token: a span of its payload, or an unescaped copy when the JSON string
/// had escapes.
#[derive(Clone, Debug)]
enum Text {
    Span(Range<usize>),
    Owned(String),
}

impl Text {
    /// `text`, which was parsed from `payload`, as a span of it when it was borrowed.
    fn of(payload: &str, text: Cow<'_, str>) -> Self {
        match text {
            Cow::Borrowed(part) => {
                // A part borrowed from the payload starts as far into it as their addresses
                // differ, and is those very bytes; anything else is copied.
                let start = (part.as_ptr() as usize).wrapping_sub(payload.as_ptr() as usize);
                let span = start..start.saturating_add(part.len());
                if payload.is_char_boundary(span.start) && span.end <= payload.len() {
                    Self::Span(span)
                } else {
                    Self::Owned(String::from(part))
                }
            }
            Cow::Owned(text) => Self::Owned(text),
        }
    }

    fn in_payload<'a>(&'a self, payload: &'a str) -> &'a str {
        match self {
            Self::Span(span) => payload.get(span.clone()).unwrap_or_default(),
            Self::Owned(text) => text,
        }
    }
}

/// A token whose signature, header, claims and times passed every check.
///
/// Time accessors round fractional NumericDates (which twilio-python and twilio-ruby can write)
/// down to whole seconds.
#[derive(Clone)]
pub struct VerifiedToken {
    region: Option<String>,
    jti: Text,
    iss: ApiKeySid,
    sub: AccountSid,
    times: Times,
    identity: Option<Text>,
    /// Each product's key and where its JSON starts in the payload.
    grants: Vec<(Text, usize)>,
    /// The decoded payload, which the texts above point into.
    payload: String,
}

impl fmt::Debug for VerifiedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The keys alone: `grants()` would read each grant's JSON again to find its end.
        let grant_keys: Vec<&str> = self
            .grants
            .iter()
            .map(|(key, _)| key.in_payload(&self.payload))
            .collect();
        f.debug_struct("VerifiedToken")
            .field("jti", &self.jti())
            .field("iss", &self.iss)
            .field("sub", &self.sub)
            .field("iat", &self.iat())
            .field("nbf", &self.nbf())
            .field("exp", &self.exp())
            .field("region", &self.region)
            .field("identity", &self.identity())
            .field("grants", &grant_keys)
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
        self.jti.in_payload(&self.payload)
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
        self.identity
            .as_ref()
            .map(|identity| identity.in_payload(&self.payload))
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
        self.grant_start(G::KEY)
            .map(|start| {
                // Straight from the payload: the value ends where `G` stops reading.
                let json = self.payload.get(start..).unwrap_or("");
                G::deserialize(&mut serde_json::Deserializer::from_str(json))
                    .map_err(|_| VerifyError::InvalidGrant { key: G::KEY })
            })
            .transpose()
    }

    /// The raw JSON of the grant under `key`, byte for byte as signed.
    pub fn grant_json(&self, key: &str) -> Option<&str> {
        self.grant_start(key)
            .map(|start| json_at(&self.payload, start))
    }

    /// Where the JSON of the grant under `key` starts in the payload.
    fn grant_start(&self, key: &str) -> Option<usize> {
        self.grants
            .iter()
            .find(|(grant_key, _)| grant_key.in_payload(&self.payload) == key)
            .map(|&(_, start)| start)
    }

    /// Every grant's key and raw JSON, known products and others (`task_router`, `player`,
    /// `ip_messaging`, `rtc`…) alike, in token order; `identity` is not among them.
    pub fn grants(&self) -> impl Iterator<Item = (&str, &str)> {
        self.grants.iter().map(|(key, start)| {
            (
                key.in_payload(&self.payload),
                json_at(&self.payload, *start),
            )
        })
    }
}
