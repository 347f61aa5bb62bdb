//! Property tests: the contracts of SID parsing, identity rules per product, and secret handling.

// Test helpers outside `#[test]` functions panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used)]

use fpa::{
    AccessToken, AccountSid, ApiKeySecret, Grant, Identity, MintError, SigningKey, Ttl, UnixTime,
    chat::ChatGrant,
    sync::SyncGrant,
    video::VideoGrant,
    voice::{ApplicationSid, VoiceGrant},
};
use fpa_tests::decode_checked;
use proptest::prelude::*;

const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
const NOW: UnixTime = UnixTime::from_secs(1_700_000_000);
const SERVICE: &str = "IScee42d32af8959f846b5f2e9ca72fc01";

fn key() -> SigningKey {
    SigningKey::new(
        "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(),
        &ApiKeySecret::new(SECRET).unwrap(),
    )
}

fn mint(identity: &str, grant: impl Grant) -> Result<AccessToken, MintError> {
    AccessToken::builder(
        "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
        Identity::new(identity)?,
    )
    .grant(grant)
    .sign(&key(), NOW)
}

/// SPEC.md §4: the rules every product shares.
fn general_rules_allow(identity: &str) -> bool {
    !identity.is_empty()
        && identity.chars().count() <= 256
        && !identity.chars().any(char::is_control)
}

/// Strings near the edges of the identity rules: letters, the characters products disagree
/// about, non-ASCII and control characters, around each length limit.
fn identities() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_]{0,130}",
        "[A-Za-z0-9_ @.:é\u{7f}\n]{0,130}",
        "[aé]{60,70}",
        "[a-z]{250,260}",
        any::<String>(),
    ]
}

fn app() -> ApplicationSid {
    "AP7f74d310572552d78e1f802efadf7d40".parse().unwrap()
}

proptest! {
    #[test]
    fn sid_parsing_accepts_exactly_the_valid_form(s in prop_oneof![
        any::<String>(),
        "AC[0-9a-fA-F]{32}",
        "[A-Z]{2}[0-9a-fA-Fg]{30,34}",
        "AC[0-9a-f]{31}[^0-9a-fA-F]",
    ]) {
        let valid = s.len() == 34
            && s.starts_with("AC")
            && s[2..].bytes().all(|b| b.is_ascii_hexdigit());
        match s.parse::<AccountSid>() {
            Ok(sid) => {
                prop_assert!(valid, "accepted {s:?}");
                prop_assert_eq!(sid.as_str(), s.as_str());
                let json = serde_json::to_string(&sid).unwrap();
                prop_assert_eq!(serde_json::from_str::<AccountSid>(&json).unwrap(), sid);
            }
            Err(err) => {
                prop_assert!(!valid, "refused {s:?}: {err}");
                prop_assert!(serde_json::from_value::<AccountSid>(s.clone().into()).is_err());
            }
        }
    }

    #[test]
    fn voice_identities_are_letters_digits_underscore_up_to_121(identity in identities()) {
        let allowed = general_rules_allow(&identity)
            && identity.len() <= 121
            && identity.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        prop_assert_eq!(mint(&identity, VoiceGrant::new(app())).is_ok(), allowed, "{:?}", identity);
    }

    #[test]
    fn video_identities_weigh_at_most_128(identity in identities()) {
        let weight: usize = identity.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let allowed = general_rules_allow(&identity) && weight <= 128;
        prop_assert_eq!(mint(&identity, VideoGrant::new()).is_ok(), allowed, "{:?}", identity);
    }

    #[test]
    fn chat_and_sync_identities_follow_the_general_rules(identity in identities()) {
        let allowed = general_rules_allow(&identity);
        let chat = ChatGrant::new(SERVICE.parse().unwrap());
        let sync = SyncGrant::new(SERVICE.parse().unwrap());
        prop_assert_eq!(mint(&identity, chat).is_ok(), allowed, "{:?}", identity);
        prop_assert_eq!(mint(&identity, sync).is_ok(), allowed, "{:?}", identity);
    }

    #[test]
    fn minted_claims_round_trip(
        identity in "[A-Za-z0-9_]{1,121}",
        ttl in 1u64..=86_400,
        room in proptest::option::of("[^\u{0}]{1,40}"),
        now in 0u64..=4_000_000_000,
    ) {
        let video = match &room {
            Some(room) => VideoGrant::new().with_room(room.clone()),
            None => VideoGrant::new(),
        };
        let token = AccessToken::builder(
            "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
            identity.parse().unwrap(),
        )
        .ttl(Ttl::from_secs(ttl).unwrap())
        .grant(VoiceGrant::new(app()))
        .grant(video)
        .sign(&key(), UnixTime::from_secs(now))
        .unwrap();
        let payload = decode_checked(token.as_str(), SECRET.as_bytes()).payload;
        prop_assert_eq!(&payload["grants"]["identity"], identity.as_str());
        prop_assert_eq!(&payload["iat"], now);
        prop_assert_eq!(&payload["exp"], now + ttl);
        prop_assert_eq!(payload["grants"]["video"].get("room").and_then(|r| r.as_str()), room.as_deref());
    }

    #[test]
    fn debug_never_shows_the_secret(secret in "[!-~]{32,64}") {
        let Ok(api_secret) = ApiKeySecret::new(secret.clone()) else {
            // Only a secret shaped like a SID is refused at this length.
            return Ok(());
        };
        let secret_debug = format!("{api_secret:?}");
        prop_assert!(!secret_debug.contains(&secret));
        let key = SigningKey::new("SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(), &api_secret);
        let key_debug = format!("{key:#?}");
        prop_assert!(!key_debug.contains(&secret[..16]));
    }
}
