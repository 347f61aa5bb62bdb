//! `Verifier::verify` on arbitrary input: it must return, never panic.
//!
//! Inputs that start from a valid token reach past the signature only when they keep it intact,
//! so the seed corpus (`cargo xtask fuzz` writes one) holds real tokens to mutate.

#![no_main]

use std::sync::OnceLock;

use fpa::{ApiKeySecret, SigningKey, UnixTime, Verifier};
use libfuzzer_sys::fuzz_target;

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let secret = ApiKeySecret::new("Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1").expect("32 bytes");
        let key = SigningKey::new(
            "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().expect("valid SID"),
            &secret,
        );
        Verifier::new("ACfa403fa53653a82d355471af9908c6f1".parse().expect("valid SID"), key)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let _ = verifier().verify(token, UnixTime::from_secs(1_700_000_000));
    }
});
