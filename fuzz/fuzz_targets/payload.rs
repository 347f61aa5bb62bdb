//! `Verifier::verify` on arbitrary payloads, correctly signed so that every input reaches the
//! payload reader: it must never panic, and what it accepts must read the same as serde_json's
//! own reading of the payload.

#![no_main]

use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use fpa::{ApiKeySecret, SigningKey, UnixTime, Verifier};
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sha2::Sha256;

const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let secret = ApiKeySecret::new(SECRET).expect("32 bytes");
        let key = SigningKey::new(
            "SKbd09f756ca380edb5dda4cbe2d44ee0a"
                .parse()
                .expect("valid SID"),
            &secret,
        );
        Verifier::new(
            "ACfa403fa53653a82d355471af9908c6f1"
                .parse()
                .expect("valid SID"),
            key,
        )
    })
}

/// A token for `payload`, signed with the key the verifier trusts.
fn signed(payload: &[u8]) -> String {
    let signing_input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(HEADER.as_bytes()),
        Base64UrlUnpadded::encode_string(payload)
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(signing_input.as_bytes());
    let signature = Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

fuzz_target!(|payload: &[u8]| {
    let Ok(verified) = verifier().verify(&signed(payload), UnixTime::from_secs(1_700_000_000))
    else {
        return;
    };
    let claims: Value = serde_json::from_slice(payload).expect("an accepted payload is JSON");
    assert_eq!(claims["jti"].as_str(), Some(verified.jti()));
    let grants = claims["grants"]
        .as_object()
        .expect("accepted grants are an object");
    assert_eq!(
        grants.get("identity").map(|identity| identity.as_str()),
        verified.identity().map(Some),
    );
    if let Some(identity) = verified.identity() {
        assert!(!identity.is_empty() && identity.chars().count() <= 256);
        assert!(!identity.chars().any(char::is_control), "{identity:?}");
    }
    let mut keys = 0;
    for (key, json) in verified.grants() {
        let value: Value = serde_json::from_str(json).expect("a grant's raw JSON is JSON");
        assert_eq!(grants.get(key), Some(&value), "grant {key:?}");
        keys += 1;
    }
    assert_eq!(
        keys + usize::from(grants.contains_key("identity")),
        grants.len()
    );
    for key in ["voice", "video", "chat", "data_sync", "task_router"] {
        let _ = verified.grant_json(key);
    }
    let _ = verified.grant::<fpa::voice::VoiceGrant>();
    let _ = verified.grant::<fpa::video::VideoGrant>();
    let _ = verified.grant::<fpa::chat::ChatGrant>();
    let _ = verified.grant::<fpa::sync::SyncGrant>();
    let _ = verified.grant::<fpa::taskrouter::TaskRouterGrant>();
});
