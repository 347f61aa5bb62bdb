//! Everything wrong with a token, for a person fixing one (`fpa doctor`): the checks of
//! [`Verifier::verify`](crate::Verifier::verify), each run whatever the others found, with the
//! likely causes.
//!
//! A verifier stops at the first problem, as it should; a developer whose client SDK answers
//! "20101 Invalid Access Token" wants all of them. The rules are the verifier's own: this module
//! only runs them differently and words what they find.
//!
//! ```
//! use fpa_core::{ApiKeySecret, diagnose::{Diagnosis, Expected, Severity}, UnixTime};
//!
//! let secret = ApiKeySecret::new("0123456789abcdef0123456789abcdef")?;
//! let expected = Expected::at(UnixTime::from_secs(1_700_000_000))
//!     .api_key("SKbd09f756ca380edb5dda4cbe2d44ee0a".parse()?, &secret);
//! let findings = Diagnosis::of("not.a.token", &expected).findings();
//! assert!(findings.iter().any(|finding| finding.severity == Severity::Error));
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```

use alloc::{
    boxed::Box,
    collections::BTreeMap,
    format,
    string::{String, ToString},
    vec::Vec,
};
use core::fmt;

use hmac::Mac;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::{
    claims::Identity,
    compact::{self, Segments},
    grant::Grant,
    header,
    json::{Field, Text},
    secret::{ApiKeySecret, SigningKey},
    sid::{AccountSid, ApiKeySid},
    time::{Ttl, UnixTime},
    verify::{
        DEFAULT_LEEWAY_SECS, DEFAULT_MAX_TOKEN_LEN, Times, WireClaims, identity_claim, optional,
        required,
    },
    verify_error::{ClaimName, Segment, VerifyError},
};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Twilio refuses the token for it.
    Error,
    /// Twilio accepts the token, but it will not work as meant.
    Warning,
    /// Worth knowing: something not checked, or that depends on what cannot be seen here.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        })
    }
}

/// One thing found in a token: where, what, and what to do about it.
///
/// Text taken from the token (a region, a claim, a grant's key) is escaped as a Rust string
/// literal would be, so that no control character of a hostile token reaches a terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// The Twilio error code the token gets for it, if any.
    pub code: Option<u32>,
    /// Where in the token: `token`, `header`, `header.alg`, `signature`, `payload`, a claim
    /// (`exp`), `identity`, or a grant (`grants.voice`).
    pub place: String,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

/// What a token is checked against. Unlike a [`Verifier`](crate::Verifier)'s, each part is
/// optional: what is not given is not checked, and a note says so.
#[derive(Clone, Debug)]
pub struct Expected<'a> {
    now: UnixTime,
    leeway_secs: u64,
    account_sid: Option<AccountSid>,
    api_key: Option<(ApiKeySid, &'a ApiKeySecret)>,
}

impl<'a> Expected<'a> {
    /// Checks at `now`, with the default leeway, and no account or API key.
    pub fn at(now: UnixTime) -> Self {
        Self {
            now,
            leeway_secs: DEFAULT_LEEWAY_SECS,
            account_sid: None,
            api_key: None,
        }
    }

    /// The clock skew tolerated on `exp`, `nbf` and `iat`, in seconds (default 60).
    #[must_use]
    pub fn leeway_secs(mut self, secs: u64) -> Self {
        self.leeway_secs = secs;
        self
    }

    /// The account the token should belong to (`sub`).
    #[must_use]
    pub fn account(mut self, account_sid: AccountSid) -> Self {
        self.account_sid = Some(account_sid);
        self
    }

    /// The API key that should have signed the token: its SID (`iss`) and secret.
    #[must_use]
    pub fn api_key(mut self, api_key_sid: ApiKeySid, secret: &'a ApiKeySecret) -> Self {
        self.api_key = Some((api_key_sid, secret));
        self
    }
}

/// The findings of one token, in a stable order: its form, header, signature, claims,
/// identity, times, then each product asked about, then the grants no product claimed.
#[derive(Debug)]
pub struct Diagnosis {
    findings: Vec<Finding>,
    identity: Option<Identity>,
    /// Each grant's raw JSON by its key, when the payload could be read.
    grants: BTreeMap<String, Box<RawValue>>,
    /// The key of each product asked about, and the keys mistaken for it.
    products: Vec<(&'static str, &'static [&'static str])>,
}

impl Diagnosis {
    /// Runs every check of [`Verifier::verify`](crate::Verifier::verify) on `token` that
    /// `expected` allows, each whatever the others found.
    pub fn of(token: &str, expected: &Expected<'_>) -> Self {
        let mut diagnosis = Self {
            findings: Vec::new(),
            identity: None,
            grants: BTreeMap::new(),
            products: Vec::new(),
        };
        diagnosis.token(token, expected);
        diagnosis
    }

    /// Checks the grant of product `G`, when the token has one: its schema and the identity,
    /// as reading it typed from a verified token does (errors), and what the product needs to
    /// use it, as minting does (warnings: Twilio accepts the token all the same).
    pub fn product<G: Grant + DeserializeOwned>(&mut self) -> &mut Self {
        self.products.push((G::KEY, G::MISTAKEN_KEYS));
        let Some(json) = self.grants.get(G::KEY) else {
            return self;
        };
        let place = format!("grants.{}", G::KEY);
        let grant: G = match serde_json::from_str(json.get()) {
            Ok(grant) => grant,
            Err(err) => {
                let problem = VerifyError::InvalidGrant { key: G::KEY };
                self.push(
                    Severity::Error,
                    Some(problem.twilio_code()),
                    place,
                    format!("{problem}: {err}"),
                    "write the grant with the fields and types its product defines (docs/grants.md)",
                );
                return self;
            }
        };
        if let Some(identity) = &self.identity
            && let Err(err) = G::check_identity(identity)
        {
            let problem = VerifyError::GrantIdentity {
                key: G::KEY,
                reason: err.to_string(),
            };
            self.push(
                Severity::Error,
                Some(problem.twilio_code()),
                "identity".into(),
                problem.to_string(),
                "the identity is chosen when minting: pick one that every product of the token \
                 accepts",
            );
        }
        if let Err(err) = grant.check() {
            self.push(
                Severity::Warning,
                None,
                place,
                err.to_string(),
                "Twilio accepts the token, but the product cannot use the grant as it is; \
                 mint it with what it needs",
            );
        }
        self
    }

    /// Every finding, with the grants that no product asked about named last, each with the
    /// product's key it was likely meant to be.
    pub fn findings(mut self) -> Vec<Finding> {
        let unknown: Vec<String> = self
            .grants
            .keys()
            .filter(|key| !self.products.iter().any(|(known, _)| known == key))
            .cloned()
            .collect();
        for key in unknown {
            let Some(meant) = self.meant(&key) else {
                continue;
            };
            self.push(
                Severity::Warning,
                None,
                format!("grants.{}", key.escape_debug()),
                format!("the grant {key:?} is no product's: Twilio ignores it"),
                &format!("write it under `{meant}`, the key of the product it looks meant for"),
            );
        }
        self.findings
    }

    /// The product key `key` was likely meant to be: a key mistaken for a product's, or within
    /// two edits of one.
    fn meant(&self, key: &str) -> Option<&'static str> {
        self.products
            .iter()
            .find(|(_, mistaken)| mistaken.contains(&key))
            .or_else(|| {
                self.products
                    .iter()
                    .find(|(known, _)| edit_distance(known, key) <= 2)
            })
            .map(|(known, _)| *known)
    }

    fn push(
        &mut self,
        severity: Severity,
        code: Option<u32>,
        place: String,
        message: String,
        fix: &str,
    ) {
        self.findings.push(Finding {
            severity,
            code,
            place,
            message,
            fix: fix.into(),
        });
    }

    /// An error finding for what a verifier refuses.
    fn error(&mut self, problem: &VerifyError, fix: &str) {
        self.push(
            Severity::Error,
            Some(problem.twilio_code()),
            place(problem),
            problem.to_string(),
            fix,
        );
    }

    fn token(&mut self, token: &str, expected: &Expected<'_>) {
        const REMINT: &str = "mint the token with fpa or a Twilio helper library, which write \
                              what Twilio expects";
        if let Err(problem) = compact::check_length(token, DEFAULT_MAX_TOKEN_LEN) {
            self.error(
                &problem,
                "Access Tokens are well under the limit: check that nothing else was pasted \
                 with the token",
            );
        }
        if let Err(problem) = compact::check_whitespace(token) {
            self.error(
                &problem,
                "remove the whitespace or line break around the token",
            );
        }
        let segments = match Segments::split(token.trim()) {
            Ok(segments) => segments,
            Err(problem) => {
                self.error(
                    &problem,
                    "pass the whole token, header.payload.signature, as the server minted it",
                );
                return;
            }
        };

        let region = match compact::decode_header(segments.header) {
            Ok(None) => None,
            Ok(Some(header)) => {
                let (region, problems) = header::problems(&header);
                for problem in &problems {
                    self.error(problem, REMINT);
                }
                region
            }
            Err(problem) => {
                self.error(&problem, BASE64);
                None
            }
        };
        if let Some(region) = region {
            self.push(
                Severity::Note,
                None,
                "header.twr".into(),
                format!("the token is for the {region:?} region"),
                &format!(
                    "API keys are region-specific: check that the key that signed it was \
                     created in {region:?}"
                ),
            );
        }

        let payload = compact::decode_segment(segments.payload, Segment::Payload);
        let payload = match payload {
            Ok(payload) => String::from_utf8(payload).map_err(|_| VerifyError::PayloadNotJson),
            Err(problem) => {
                self.error(&problem, BASE64);
                Err(problem)
            }
        };
        let claims = payload.as_deref().ok().map(WireClaims::read);
        let names = claims
            .as_ref()
            .and_then(|claims| claims.as_ref().ok())
            .map(|claims| (text(&claims.iss), text(&claims.sub)))
            .unwrap_or_default();

        let signature_matched =
            self.signature(segments.signing_input, segments.signature, names, expected);

        match claims {
            None => {}
            Some(Err(problem)) => self.error(&problem, REMINT),
            Some(Ok(claims)) => self.claims(claims, signature_matched, expected),
        }
    }

    /// Checks the signature against the configured API key, with the likely causes of a
    /// mismatch; whether it matched.
    fn signature(
        &mut self,
        signing_input: &str,
        signature: &str,
        (iss, sub): (Option<String>, Option<String>),
        expected: &Expected<'_>,
    ) -> bool {
        let signature = match compact::decode_signature(signature) {
            Ok(signature) => signature,
            Err(problem) => {
                self.error(&problem, BASE64);
                return false;
            }
        };
        let Some((api_key_sid, secret)) = expected.api_key else {
            self.push(
                Severity::Note,
                None,
                "signature".into(),
                "the signature was not checked: no API key secret was given".into(),
                "pass the API key and its secret, as to `fpa verify`, to check it",
            );
            return false;
        };
        let signature = match signature {
            Ok(signature) => signature,
            Err(len) => {
                self.error(
                    &VerifyError::SignatureLength { len },
                    "sign with HMAC-SHA256 (HS256), the only algorithm Twilio accepts",
                );
                return false;
            }
        };
        let key = SigningKey::new(api_key_sid, secret);
        if key
            .mac_over(&[signing_input.as_bytes()])
            .verify_slice(&signature)
            .is_ok()
        {
            return true;
        }
        let mut causes = Vec::new();
        if secret.looks_like_auth_token() {
            causes.push(String::from(
                "the configured secret looks like an Auth Token (32 lowercase hex digits): \
                 sign with the API key's secret, shown once when the key was created",
            ));
        }
        if let Some(iss) = iss.filter(|iss| iss != api_key_sid.as_str()) {
            causes.push(format!(
                "the token names the API key {iss:?} (`iss`), not the configured \
                 {api_key_sid}: check it with that key's secret"
            ));
        }
        if let (Some(sub), Some(account)) = (sub, expected.account_sid)
            && sub != account.as_str()
        {
            causes.push(format!(
                "the token is for the account {sub:?} (`sub`), not the configured {account}: \
                 a key of one account cannot sign for another"
            ));
        }
        if causes.is_empty() {
            causes.push(String::from(
                "sign with the secret of the API key the token names, or check that the token \
                 was not altered on its way",
            ));
        }
        self.error(&VerifyError::SignatureMismatch, &causes.join("; "));
        false
    }

    fn claims(&mut self, claims: WireClaims<'_>, signature_matched: bool, expected: &Expected<'_>) {
        const CLAIM: &str = "mint the token with fpa or a Twilio helper library, which write \
                             every claim with its type";
        const TIME: &str = "write times as Unix seconds, a number";
        let iss = self.claim(required(claims.iss, ClaimName::Iss), CLAIM);
        let sub = self.claim(required(claims.sub, ClaimName::Sub), CLAIM);
        let exp = self.claim(required(claims.exp, ClaimName::Exp), TIME);
        self.claim(required(claims.jti, ClaimName::Jti), CLAIM);
        let grants = self.claim(required(claims.grants, ClaimName::Grants), CLAIM);
        let iat = self.claim(optional(claims.iat, ClaimName::Iat), TIME);
        let nbf = self.claim(optional(claims.nbf, ClaimName::Nbf), TIME);

        if signature_matched
            && let (Some(iss), Some((api_key_sid, _))) = (&iss, expected.api_key)
            && iss.0 != api_key_sid.as_str()
        {
            self.error(
                &VerifyError::IssuerMismatch {
                    signed_by: api_key_sid,
                },
                "set `iss` to the SID of the API key whose secret signs the token",
            );
        }
        if let (Some(sub), Some(account)) = (&sub, expected.account_sid)
            && (signature_matched || expected.api_key.is_none())
            && sub.0 != account.as_str()
        {
            self.error(
                &VerifyError::AccountMismatch { expected: account },
                "set `sub` to the Account SID the API key belongs to",
            );
        }

        if let Some(mut grants) = grants {
            if let Some(raw) = grants.remove("identity") {
                match identity_claim(&raw) {
                    Ok(identity) => self.identity = Some(identity),
                    Err(problem) => self.error(
                        &problem,
                        "set grants.identity to a string of 1 to 256 characters without \
                         control characters that names your user",
                    ),
                }
            }
            self.grants = grants;
        }

        if let Some(exp) = exp {
            // A time of the wrong type was reported above; the others are checked all the same.
            let (iat, nbf) = (iat.flatten(), nbf.flatten());
            self.times(&Times { iat, nbf, exp }, expected);
        }
    }

    /// The claim, or `None` after an error finding for it.
    fn claim<T>(&mut self, claim: Result<T, VerifyError>, fix: &str) -> Option<T> {
        claim.map_err(|problem| self.error(&problem, fix)).ok()
    }

    fn times(&mut self, times: &Times, expected: &Expected<'_>) {
        let now = expected.now.as_secs();
        for problem in times.problems(expected.now, expected.leeway_secs) {
            let (message, fix) = match &problem {
                VerifyError::Expired { exp, .. } => (
                    format!("{problem}, {} s ago", now.saturating_sub(exp.as_secs())),
                    String::from(
                        "mint a new token, and have the client fetch a fresh one before this \
                         one expires",
                    ),
                ),
                VerifyError::NotYetValid { nbf: ahead, .. }
                | VerifyError::NotYetIssued { iat: ahead, .. } => (
                    problem.to_string(),
                    format!(
                        "the clock of the server that minted it may be ahead by {} s: sync it \
                         (NTP), or raise the leeway",
                        ahead.as_secs().saturating_sub(now)
                    ),
                ),
                VerifyError::LifetimeTooLong { secs }
                    if *secs > 1000 * u128::from(Ttl::MAX.as_secs()) =>
                {
                    (
                        problem.to_string(),
                        String::from(
                            "a time or ttl in milliseconds looks like this: write them in \
                             seconds, and mint tokens valid for at most 86400 s",
                        ),
                    )
                }
                _ => (
                    problem.to_string(),
                    String::from("mint tokens valid for at most 86400 s (24 hours)"),
                ),
            };
            self.push(
                Severity::Error,
                Some(problem.twilio_code()),
                place(&problem),
                message,
                &fix,
            );
        }
    }
}

/// What to do about a segment that is not strict base64url.
const BASE64: &str = "pass the token as minted: unpadded base64url, without `=`, `+` or `/`";

/// The text of a claim that is a string, to name it in a hint.
fn text(field: &Field<Text<'_>>) -> Option<String> {
    match field {
        Field::Valid(Text(text)) => Some(text.clone().into_owned()),
        _ => None,
    }
}

/// Where in the token a verifier's problem is.
fn place(problem: &VerifyError) -> String {
    match problem {
        VerifyError::Base64 { segment } => segment.to_string(),
        VerifyError::HeaderNotJson
        | VerifyError::HeaderNotObject
        | VerifyError::HeaderDuplicateKey => "header".into(),
        VerifyError::HeaderField { field } => format!("header.{field}"),
        VerifyError::CriticalHeader => "header.crit".into(),
        VerifyError::SignatureLength { .. } | VerifyError::SignatureMismatch => "signature".into(),
        VerifyError::PayloadNotJson
        | VerifyError::PayloadNotObject
        | VerifyError::PayloadDuplicateKey => "payload".into(),
        VerifyError::MissingClaim { claim } | VerifyError::ClaimType { claim, .. } => {
            claim.to_string()
        }
        VerifyError::IssuerMismatch { .. } => "iss".into(),
        VerifyError::AccountMismatch { .. } => "sub".into(),
        VerifyError::Expired { .. } | VerifyError::LifetimeTooLong { .. } => "exp".into(),
        VerifyError::NotYetValid { .. } => "nbf".into(),
        VerifyError::NotYetIssued { .. } => "iat".into(),
        VerifyError::IdentityType { .. }
        | VerifyError::InvalidIdentity { .. }
        | VerifyError::GrantIdentity { .. } => "identity".into(),
        VerifyError::InvalidGrant { key } => format!("grants.{key}"),
        VerifyError::TooLong { .. }
        | VerifyError::Whitespace
        | VerifyError::SegmentCount { .. } => "token".into(),
    }
}

/// How many single-character insertions, deletions and substitutions turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token for `payload`, signed with the key `expected` below knows.
    fn signed(payload: &str) -> String {
        use base64ct::{Base64UrlUnpadded, Encoding};
        let input = alloc::format!(
            "{}.{}",
            header::DEFAULT_ENCODED,
            Base64UrlUnpadded::encode_string(payload.as_bytes())
        );
        let key = SigningKey::new(KEY_SID.parse().unwrap(), &secret());
        let signature = key.mac_over(&[input.as_bytes()]).finalize().into_bytes();
        alloc::format!("{input}.{}", Base64UrlUnpadded::encode_string(&signature))
    }

    const KEY_SID: &str = "SK0123456789abcdef0123456789abcdef";
    const NOW: u64 = 1_700_000_000;

    fn secret() -> ApiKeySecret {
        ApiKeySecret::new("an-example-secret-of-32-bytes!!!").unwrap()
    }

    /// The findings for a payload whose `exp` is `lifetime` seconds from now.
    fn lifetime_findings(lifetime: u64) -> Vec<Finding> {
        let payload = alloc::format!(
            r#"{{"jti":"j","iss":"{KEY_SID}","sub":"AC0123456789abcdef0123456789abcdef","exp":{},"grants":{{}}}}"#,
            NOW + lifetime
        );
        let secret = secret();
        let expected =
            Expected::at(UnixTime::from_secs(NOW)).api_key(KEY_SID.parse().unwrap(), &secret);
        Diagnosis::of(&signed(&payload), &expected).findings()
    }

    #[test]
    fn a_lifetime_over_a_thousand_days_looks_like_milliseconds() {
        let over_a_day = lifetime_findings(86_401);
        assert_eq!(over_a_day.len(), 1);
        assert_eq!(over_a_day[0].code, Some(20157));
        assert!(
            !over_a_day[0].fix.contains("milliseconds"),
            "{:?}",
            over_a_day[0]
        );
        let a_thousand_days = lifetime_findings(86_400_000);
        assert!(
            !a_thousand_days[0].fix.contains("milliseconds"),
            "{:?}",
            a_thousand_days[0]
        );
        let more = lifetime_findings(86_400_001);
        assert!(more[0].fix.contains("milliseconds"), "{:?}", more[0]);
        assert!(lifetime_findings(3600).is_empty());
    }

    #[test]
    fn severities_read_as_printed() {
        let severities = [Severity::Error, Severity::Warning, Severity::Note];
        assert_eq!(
            severities.map(|severity| severity.to_string()),
            ["error", "warning", "note"]
        );
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("voice", "voice"), 0);
        assert_eq!(edit_distance("voice", "voic"), 1);
        assert_eq!(edit_distance("video", "vidoe"), 2);
        assert_eq!(edit_distance("data_sync", "datasync"), 1);
        assert_eq!(edit_distance("chat", "sync"), 4);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("sync", "data_sync"), 5);
        assert_eq!(edit_distance("taskrouter", "task_router"), 1);
    }
}
