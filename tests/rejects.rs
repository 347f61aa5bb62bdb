//! Every way minting refuses a request, one test per error variant, through the `fpa` umbrella.

// Test helpers outside `#[test]` functions panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used)]

use fpa::{
    AccessToken, AccessTokenBuilder, AccountSid, ApiKeySecret, ApiKeySid, Grant, Identity, Jti,
    MintError, Region, SecretError, SidError, SigningKey, Ttl, UnixTime,
    chat::{ChatGrant, ChatGrantError},
    sync::{SyncGrant, SyncGrantError},
    video::{VideoGrant, VideoGrantError},
    voice::{ApplicationSid, VoiceGrant, VoiceGrantError},
};
use serde::Serialize;

const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
const NOW: UnixTime = UnixTime::from_secs(1_700_000_000);
const APP: &str = "AP7f74d310572552d78e1f802efadf7d40";
const SERVICE: &str = "IScee42d32af8959f846b5f2e9ca72fc01";

fn key() -> SigningKey {
    SigningKey::new(
        "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(),
        &ApiKeySecret::new(SECRET).unwrap(),
    )
}

fn builder(identity: &str) -> AccessTokenBuilder {
    AccessToken::builder(
        "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
        identity.parse().unwrap(),
    )
}

fn app() -> ApplicationSid {
    APP.parse().unwrap()
}

/// Signs, expecting a refusal, and checks the message is one line without the secret.
fn refusal(builder: AccessTokenBuilder) -> MintError {
    let err = builder
        .sign(&key(), NOW)
        .expect_err("minting should be refused");
    let message = err.to_string();
    assert!(!message.contains(SECRET) && !format!("{err:?}").contains(SECRET));
    assert!(
        !message.contains('\n') && !message.ends_with('.'),
        "{message}"
    );
    err
}

#[test]
fn missing_identity() {
    assert!(matches!(Identity::new(""), Err(MintError::MissingIdentity)));
}

#[test]
fn identity_too_long() {
    assert!(matches!(
        Identity::new("a".repeat(257)),
        Err(MintError::IdentityTooLong {
            chars: 257,
            max: 256
        })
    ));
}

#[test]
fn identity_control_character() {
    assert!(matches!(
        "alice\u{0}".parse::<Identity>(),
        Err(MintError::IdentityControlCharacter { position: 6 })
    ));
}

#[test]
fn ttl_out_of_range() {
    for secs in [0, 86_401, u64::MAX] {
        let err = Ttl::from_secs(secs).unwrap_err();
        assert!(matches!(err, MintError::TtlOutOfRange { secs: s } if s == secs));
        assert!(err.to_string().contains("20157"));
    }
}

#[test]
fn not_before_after_expiry() {
    let err = refusal(
        builder("alice")
            .grant(VideoGrant::new())
            .ttl(Ttl::from_secs(60).unwrap())
            .not_before(UnixTime::from_secs(1_700_000_060)),
    );
    assert!(matches!(
        err,
        MintError::NotBeforeAfterExpiry { nbf, exp }
            if nbf.as_secs() == 1_700_000_060 && exp.as_secs() == 1_700_000_060
    ));
    // One second earlier is fine, and so is an nbf far in the past.
    for nbf in [1_700_000_059, 0] {
        builder("alice")
            .grant(VideoGrant::new())
            .ttl(Ttl::from_secs(60).unwrap())
            .not_before(UnixTime::from_secs(nbf))
            .sign(&key(), NOW)
            .unwrap();
    }
}

#[test]
fn time_out_of_range() {
    let err = builder("alice")
        .grant(VideoGrant::new())
        .sign(&key(), UnixTime::from_secs(u64::MAX - 10))
        .unwrap_err();
    assert!(matches!(err, MintError::TimeOutOfRange { .. }));
}

#[test]
fn invalid_region() {
    assert!(matches!(
        Region::new("EU-1"),
        Err(MintError::InvalidRegion { region }) if region == "EU-1"
    ));
}

#[test]
fn invalid_jti() {
    assert!(matches!(Jti::new(""), Err(MintError::InvalidJti)));
}

#[test]
fn no_grant() {
    assert!(matches!(refusal(builder("alice")), MintError::NoGrant));
}

#[test]
fn duplicate_grant() {
    let err = refusal(
        builder("alice")
            .grant(VideoGrant::new().with_room("a"))
            .grant(VoiceGrant::new(app()))
            .grant(VideoGrant::new().with_room("b")),
    );
    assert!(matches!(err, MintError::DuplicateGrant { key: "video" }));
}

#[derive(Serialize)]
struct Impostor;

impl Grant for Impostor {
    const KEY: &'static str = "identity";
    type Error = core::convert::Infallible;
    fn check(&self, _: &Identity) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[test]
fn reserved_grant_key() {
    let err = refusal(builder("alice").grant(Impostor));
    assert!(matches!(
        err,
        MintError::ReservedGrantKey { key: "identity" }
    ));
}

#[derive(Serialize)]
struct NotAnObject(u32);

impl Grant for NotAnObject {
    const KEY: &'static str = "counter";
    type Error = core::convert::Infallible;
    fn check(&self, _: &Identity) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[test]
fn grant_not_serializable() {
    let err = refusal(builder("alice").grant(NotAnObject(3)));
    assert!(matches!(
        err,
        MintError::GrantNotSerializable { key: "counter" }
    ));
}

// `MintError::RandomUnavailable` needs the OS random number generator to fail, which a test
// cannot arrange; `sign_with_random` is the path that never draws from it.

#[test]
fn grant_refused_by_its_product() {
    let err = refusal(builder("alice smith").grant(VoiceGrant::new(app())));
    assert!(matches!(err, MintError::Grant { key: "voice", .. }));
    assert_eq!(
        err.grant_error::<VoiceGrantError>(),
        Some(&VoiceGrantError::IdentityCharacter {
            position: 6,
            character: ' '
        })
    );
    assert!(core::error::Error::source(&err).is_some());
    assert!(err.grant_error::<VideoGrantError>().is_none());
}

#[test]
fn every_product_error_through_a_token() {
    let voice_missing_app: VoiceGrant = serde_json::from_str("{}").unwrap();
    let cases: Vec<(AccessTokenBuilder, &str)> = vec![
        (builder("alice").grant(voice_missing_app), "voice"),
        (
            builder(&"a".repeat(122)).grant(VoiceGrant::new(app())),
            "voice",
        ),
        (
            builder("alice").grant(VoiceGrant::new(app()).with_endpoint_id("")),
            "voice",
        ),
        (builder(&"é".repeat(65)).grant(VideoGrant::new()), "video"),
        (
            builder("alice").grant(VideoGrant::new().with_room("")),
            "video",
        ),
        (
            builder("alice").grant(ChatGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("")),
            "chat",
        ),
        (
            builder("alice").grant(SyncGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("")),
            "data_sync",
        ),
    ];
    for (builder, product) in cases {
        let err = refusal(builder);
        assert!(
            matches!(err, MintError::Grant { key, .. } if key == product),
            "{product}: {err}"
        );
    }
    let err = refusal(
        builder("alice").grant(ChatGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("")),
    );
    assert_eq!(err.grant_error(), Some(&ChatGrantError::EmptyEndpointId));
    let err = refusal(
        builder("alice").grant(SyncGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("")),
    );
    assert_eq!(err.grant_error(), Some(&SyncGrantError::EmptyEndpointId));
}

#[test]
fn sid_errors_name_the_field_and_prefix() {
    let err = "SKbd09f756ca380edb5dda4cbe2d44ee0a"
        .parse::<AccountSid>()
        .unwrap_err();
    assert!(matches!(
        err,
        SidError::Prefix {
            kind: "account SID",
            expected: "AC",
            ..
        }
    ));
    let err = "AP123".parse::<ApplicationSid>().unwrap_err();
    assert!(matches!(err, SidError::Length { len: 5, .. }));
    assert!(err.to_string().contains("TwiML application SID"));
    let err = "SKbd09f756ca380edb5dda4cbe2d44ee0z"
        .parse::<ApiKeySid>()
        .unwrap_err();
    assert!(matches!(err, SidError::NotHex { position: 34, .. }));
}

#[test]
fn secret_errors() {
    let err = ApiKeySecret::new(&SECRET.as_bytes()[..31]).unwrap_err();
    assert_eq!(err, SecretError::TooShort { len: 31 });
    assert!(!err.to_string().contains(&SECRET[..31]));
    assert_eq!(
        ApiKeySecret::new("SKbd09f756ca380edb5dda4cbe2d44ee0a").unwrap_err(),
        SecretError::LooksLikeSid
    );
}
