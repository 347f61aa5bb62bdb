//! The API key secret and the keyed HMAC state derived from it (docs/spec.md §7).

use alloc::vec::Vec;
use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::sid::{ApiKeySid, has_sid_form};

/// The shortest secret accepted: RFC 7518 §3.2 requires an HS256 key of at least 256 bits.
pub const MIN_SECRET_LEN: usize = 32;

/// Why bytes were refused as an API key secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretError {
    /// The secret is shorter than [`MIN_SECRET_LEN`] bytes.
    TooShort {
        /// The length that was given, in bytes.
        len: usize,
    },
    /// The secret has the form of a SID, which a real secret never has: the key's SID was most
    /// likely passed where its secret belongs.
    LooksLikeSid,
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort { len } => write!(
                f,
                "API key secret is {len} bytes, but at least {MIN_SECRET_LEN} are required \
                 (RFC 7518 §3.2); Twilio shows a 32-character secret once, when the API key is created"
            ),
            Self::LooksLikeSid => f.write_str(
                "API key secret looks like a SID (two letters and 32 hex digits): pass the key's \
                 secret, not its SID",
            ),
        }
    }
}

impl core::error::Error for SecretError {}

/// An API key secret: the HS256 key that signs and verifies tokens.
///
/// Wiped from memory on drop; `Debug` is redacted; there is no `Display` and no `Serialize`.
///
/// ```
/// # use fpa_core::ApiKeySecret;
/// let secret = ApiKeySecret::new("an-example-secret-of-32-bytes!!!")?;
/// assert_eq!(format!("{secret:?}"), "ApiKeySecret(<redacted>)");
/// assert!(ApiKeySecret::new("too short").is_err());
/// # Ok::<(), fpa_core::SecretError>(())
/// ```
pub struct ApiKeySecret(Zeroizing<Vec<u8>>);

impl ApiKeySecret {
    /// Takes ownership of the secret bytes.
    ///
    /// # Errors
    ///
    /// [`SecretError::TooShort`] for fewer than 32 bytes, and [`SecretError::LooksLikeSid`] when
    /// the bytes are a SID rather than a secret.
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<Self, SecretError> {
        let secret = Zeroizing::new(secret.into());
        if secret.len() < MIN_SECRET_LEN {
            return Err(SecretError::TooShort { len: secret.len() });
        }
        if has_sid_form(&secret) {
            return Err(SecretError::LooksLikeSid);
        }
        Ok(Self(secret))
    }

    /// Whether the secret has the form of a Twilio Auth Token (32 lowercase hex digits), which
    /// is often configured where an API key secret belongs: an Auth Token signs no Access Token
    /// Twilio accepts.
    pub fn looks_like_auth_token(&self) -> bool {
        self.0.len() == 32
            && self
                .0
                .iter()
                .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(byte))
    }

    pub(crate) fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for ApiKeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKeySecret(<redacted>)")
    }
}

/// An API key ready to sign: its SID and the HMAC-SHA256 state keyed with its secret.
///
/// Keying HMAC hashes the secret into two blocks once; a `SigningKey` keeps that work and every
/// token signed with it starts from a copy. Build one per API key and reuse it for every token.
///
/// ```
/// # use fpa_core::{ApiKeySecret, SigningKey};
/// let secret = ApiKeySecret::new("an-example-secret-of-32-bytes!!!")?;
/// let key = SigningKey::new("SK0123456789abcdef0123456789abcdef".parse()?, &secret);
/// assert_eq!(key.api_key_sid().as_str(), "SK0123456789abcdef0123456789abcdef");
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    api_key_sid: ApiKeySid,
    mac: Hmac<Sha256>,
}

impl SigningKey {
    /// Keys HMAC-SHA256 with `secret` for the API key `api_key_sid`.
    pub fn new(api_key_sid: ApiKeySid, secret: &ApiKeySecret) -> Self {
        let mac = Hmac::<Sha256>::new_from_slice(secret.expose())
            .expect("HMAC accepts keys of any length");
        Self { api_key_sid, mac }
    }

    /// The SID of the API key, written as the `iss` claim.
    pub fn api_key_sid(&self) -> ApiKeySid {
        self.api_key_sid
    }

    /// The HMAC state after the signing input, given in `parts`.
    pub(crate) fn mac_over(&self, parts: &[&[u8]]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        mac
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("api_key_sid", &self.api_key_sid)
            .field("secret", &format_args!("<redacted>"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn refuses_31_bytes_and_accepts_32() {
        assert_eq!(
            ApiKeySecret::new([b'x'; 31]).unwrap_err(),
            SecretError::TooShort { len: 31 }
        );
        assert!(ApiKeySecret::new([b'x'; 32]).is_ok());
    }

    #[test]
    fn refuses_a_sid_passed_as_the_secret() {
        for sid in [
            "SKbd09f756ca380edb5dda4cbe2d44ee0a",
            "ACfa403fa53653a82d355471af9908c6f1",
        ] {
            assert_eq!(
                ApiKeySecret::new(sid).unwrap_err(),
                SecretError::LooksLikeSid
            );
        }
        assert!(ApiKeySecret::new("Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1xy").is_ok());
    }

    #[test]
    fn tells_an_auth_token_from_an_api_key_secret() {
        let auth_token = ApiKeySecret::new("0123456789abcdef0123456789abcdef").unwrap();
        assert!(auth_token.looks_like_auth_token());
        for not_one in [
            "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1",
            "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdeg",
        ] {
            assert!(
                !ApiKeySecret::new(not_one).unwrap().looks_like_auth_token(),
                "{not_one}"
            );
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = ApiKeySecret::new("Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1").unwrap();
        assert_eq!(format!("{secret:?}"), "ApiKeySecret(<redacted>)");
        let key = SigningKey::new(
            "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(),
            &secret,
        );
        let debug = format!("{key:?}");
        assert_eq!(
            debug,
            r#"SigningKey { api_key_sid: ApiKeySid("SKbd09f756ca380edb5dda4cbe2d44ee0a"), secret: <redacted> }"#
        );
    }

    #[test]
    fn error_messages_never_show_the_secret() {
        let err = ApiKeySecret::new("hunter2-is-not-long-enough").unwrap_err();
        assert!(!format!("{err}").contains("hunter2"));
    }

    #[test]
    fn every_message_says_what_to_fix() {
        crate::test_support::assert_message(
            &SecretError::TooShort { len: 26 },
            &[
                "26 bytes",
                "at least 32",
                "RFC 7518",
                "shows a 32-character secret",
            ],
        );
        crate::test_support::assert_message(
            &SecretError::LooksLikeSid,
            &["looks like a SID", "not its SID"],
        );
    }
}
