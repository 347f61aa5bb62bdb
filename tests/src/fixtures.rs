//! The account, key, secret, time and SIDs every test uses, and the builders and verifiers made
//! of them.

use fpa::{
    AccessToken, AccessTokenBuilder, ApiKeySecret, SigningKey, UnixTime, Verifier,
    voice::ApplicationSid,
};

/// The example account (`sub`).
pub const ACCOUNT: &str = "ACfa403fa53653a82d355471af9908c6f1";
/// The example API key (`iss`).
pub const KEY_SID: &str = "SKbd09f756ca380edb5dda4cbe2d44ee0a";
/// The example API key's secret.
pub const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
/// A secret of the right length that is not [`SECRET`].
pub const OTHER_SECRET: &str = "a-different-secret-of-32-bytes!!";
/// A TwiML application.
pub const APP: &str = "AP7f74d310572552d78e1f802efadf7d40";
/// A Conversations or Sync service.
pub const SERVICE: &str = "IScee42d32af8959f846b5f2e9ca72fc01";
/// A push credential.
pub const CREDENTIAL: &str = "CR8eae50ce3f86c0cbb80518ecdf6196aa";
/// The frozen clock of the tests and of the official vectors, in seconds.
pub const NOW_SECS: u64 = 1_700_000_000;
/// [`NOW_SECS`] as a time.
pub const NOW: UnixTime = UnixTime::from_secs(NOW_SECS);

/// The example API key, keyed with [`SECRET`].
pub fn key() -> SigningKey {
    key_with(SECRET)
}

/// The example API key SID with another secret.
pub fn key_with(secret: &str) -> SigningKey {
    let secret = ApiKeySecret::new(secret).expect("the fixtures' secrets are long enough");
    SigningKey::new(KEY_SID.parse().expect("KEY_SID parses"), &secret)
}

/// A verifier of the example account that trusts [`key`].
pub fn verifier() -> Verifier {
    Verifier::new(ACCOUNT.parse().expect("ACCOUNT parses"), key())
}

/// A builder for `identity` in the example account, without grants.
///
/// # Panics
///
/// When the identity breaks the rules every product shares.
pub fn builder(identity: &str) -> AccessTokenBuilder {
    AccessToken::builder(
        ACCOUNT.parse().expect("ACCOUNT parses"),
        identity.parse().expect("a valid identity"),
    )
}

/// [`APP`], parsed.
pub fn app() -> ApplicationSid {
    APP.parse().expect("APP parses")
}
