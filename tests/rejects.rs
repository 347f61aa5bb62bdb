//! Every way minting refuses a token, one test per `MintError` variant, through the `fpa`
//! umbrella; the claim values' own errors are unit tests of `fpa-core`.

use fpa::{
    AccessTokenBuilder, Grant, MintError, Ttl, UnixTime,
    chat::{ChatGrant, ChatGrantError},
    sync::{SyncGrant, SyncGrantError},
    video::{VideoGrant, VideoGrantError},
    voice::{VoiceGrant, VoiceGrantError},
};
use fpa_tests::fixtures::{NOW, SECRET, SERVICE, app, builder, key};
use serde::Serialize;

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
    fn check(&self) -> Result<(), Self::Error> {
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
    fn check(&self) -> Result<(), Self::Error> {
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
        match product {
            "chat" => assert_eq!(err.grant_error(), Some(&ChatGrantError::EmptyEndpointId)),
            "data_sync" => assert_eq!(err.grant_error(), Some(&SyncGrantError::EmptyEndpointId)),
            _ => {}
        }
    }
}
