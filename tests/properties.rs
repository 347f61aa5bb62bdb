//! Property tests: the contracts of SID parsing, identity rules per product, secret handling,
//! how verify reads what it accepts, and that a diagnosis agrees with verify.

use fpa::{
    AccessToken, AccountSid, ApiKeySecret, Grant, MintError, Region, SigningKey, Ttl, UnixTime,
    VerifyError,
    chat::ChatGrant,
    dangerous::decode_unverified,
    diagnose::{Diagnosis, Expected, Severity},
    sync::SyncGrant,
    taskrouter::TaskRouterGrant,
    video::VideoGrant,
    voice::VoiceGrant,
};
use fpa_tests::{
    decode_checked,
    fixtures::{ACCOUNT, KEY_SID, NOW, SECRET, SERVICE, app, builder, key, verifier},
    sign_json,
};
use proptest::{collection::btree_map, prelude::*};
use serde_json::{Value, json};

/// Whether a token for `identity` with `grant` is minted; `false` for an identity the rules every
/// product shares refuse.
fn mints(identity: &str, grant: impl Grant) -> bool {
    let Ok(identity) = identity.parse() else {
        return false;
    };
    let minted: Result<AccessToken, MintError> =
        AccessToken::builder(ACCOUNT.parse().unwrap(), identity)
            .grant(grant)
            .sign(&key(), NOW);
    minted.is_ok()
}

/// docs/spec.md §4: the rules every product shares.
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
        prop_assert_eq!(mints(&identity, VoiceGrant::new(app())), allowed, "{:?}", identity);
    }

    #[test]
    fn video_identities_weigh_at_most_128(identity in identities()) {
        let weight: usize = identity.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let allowed = general_rules_allow(&identity) && weight <= 128;
        prop_assert_eq!(mints(&identity, VideoGrant::new()), allowed, "{:?}", identity);
    }

    #[test]
    fn chat_and_sync_identities_follow_the_general_rules(identity in identities()) {
        let allowed = general_rules_allow(&identity);
        let chat = ChatGrant::new(SERVICE.parse().unwrap());
        let sync = SyncGrant::new(SERVICE.parse().unwrap());
        prop_assert_eq!(mints(&identity, chat), allowed, "{:?}", identity);
        prop_assert_eq!(mints(&identity, sync), allowed, "{:?}", identity);
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
        let token = builder(&identity)
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
        let key = SigningKey::new(KEY_SID.parse().unwrap(), &api_secret);
        let key_debug = format!("{key:#?}");
        prop_assert!(!key_debug.contains(&secret[..16]));
    }
}

/// A valid token to mutate: every product, a region and an nbf.
fn full_token() -> String {
    builder("alice")
        .region(Region::new("ie1").unwrap())
        .not_before(NOW)
        .grant(
            VoiceGrant::new(app())
                .allow_incoming()
                .with_param("to", "+15558675310"),
        )
        .grant(VideoGrant::new().with_room("r"))
        .grant(ChatGrant::new(SERVICE.parse().unwrap()))
        .grant(SyncGrant::new(SERVICE.parse().unwrap()))
        .sign(&key(), NOW)
        .unwrap()
        .into_string()
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Delete(usize),
    Insert(usize, u8),
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Insert(at, byte)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mint_then_verify_round_trips_for_every_product(
        identity in "[A-Za-z0-9_]{1,64}",
        ttl in 1u64..=86_400,
        region in proptest::option::of("[a-z0-9]{1,4}"),
        nbf_before in proptest::option::of(0u64..100_000),
        products in 1u8..16,
        room in proptest::option::of("[ -~]{1,20}"),
        params in proptest::collection::btree_map("[a-z]{1,8}", "[ -~]{0,12}", 0..4),
        now in 100_000u64..4_000_000_000,
    ) {
        let now = UnixTime::from_secs(now);
        let mut builder = builder(&identity).ttl(Ttl::from_secs(ttl).unwrap());
        if let Some(region) = &region {
            builder = builder.region(Region::new(region.clone()).unwrap());
        }
        let nbf = nbf_before.map(|before| UnixTime::from_secs(now.as_secs() - before));
        if let Some(nbf) = nbf {
            builder = builder.not_before(nbf);
        }
        let mut voice = VoiceGrant::new(app()).allow_incoming();
        for (name, value) in &params {
            voice = voice.with_param(name.clone(), value.clone());
        }
        let video = room.clone().map_or_else(VideoGrant::new, |room| VideoGrant::new().with_room(room));
        let chat = ChatGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("e");
        let sync = SyncGrant::new(SERVICE.parse().unwrap());
        if products & 1 != 0 { builder = builder.grant(voice.clone()); }
        if products & 2 != 0 { builder = builder.grant(video.clone()); }
        if products & 4 != 0 { builder = builder.grant(chat.clone()); }
        if products & 8 != 0 { builder = builder.grant(sync.clone()); }
        let token = builder.sign(&key(), now).unwrap();

        let verified = verifier().verify(token.as_str(), now).unwrap();
        prop_assert_eq!(verified.identity(), Some(identity.as_str()));
        prop_assert_eq!(verified.region(), region.as_deref());
        prop_assert_eq!(verified.iat(), Some(now));
        prop_assert_eq!(verified.nbf(), nbf);
        prop_assert_eq!(verified.exp().as_secs(), now.as_secs() + ttl);
        prop_assert_eq!(verified.grant::<VoiceGrant>().unwrap(), (products & 1 != 0).then_some(voice));
        prop_assert_eq!(verified.grant::<VideoGrant>().unwrap(), (products & 2 != 0).then_some(video));
        prop_assert_eq!(verified.grant::<ChatGrant>().unwrap(), (products & 4 != 0).then_some(chat));
        prop_assert_eq!(verified.grant::<SyncGrant>().unwrap(), (products & 8 != 0).then_some(sync));
    }

    #[test]
    fn no_single_byte_edit_of_a_valid_token_verifies(edit in edits()) {
        let token = full_token();
        let mut bytes = token.clone().into_bytes();
        match edit {
            Edit::Replace(at, byte) => {
                let at = at % bytes.len();
                prop_assume!(bytes[at] != byte);
                bytes[at] = byte;
            }
            Edit::Delete(at) => {
                bytes.remove(at % bytes.len());
            }
            Edit::Insert(at, byte) => bytes.insert(at % (bytes.len() + 1), byte),
        }
        // A `&str` cannot hold invalid UTF-8, so those edits cannot reach the verifier at all.
        let Ok(edited) = String::from_utf8(bytes) else { return Ok(()); };
        prop_assert!(verifier().verify(&token, NOW).is_ok());
        prop_assert!(verifier().verify(&edited, NOW).is_err(), "{:?} verified", edited);
    }

    #[test]
    fn arbitrary_input_never_panics(input in prop_oneof![
        any::<String>(),
        "[A-Za-z0-9_.=+/-]{0,200}",
        "eyJ[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,60}",
    ]) {
        let _ = verifier().verify(&input, NOW);
        let _ = decode_unverified(&input);
    }
}

/// Any JSON value a few levels deep, with strings and keys that need escapes.
fn json_values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12..1e12f64).prop_map(Value::from),
        "[a-z\"\\\\/é\u{1}]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map("[a-z\"é]{0,3}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// `value` as JSON text with the first entry of its first object (depth first) written twice,
/// or `None` when it holds no object with an entry.
fn with_a_repeated_key(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => {
            let entry = |(key, value): (&String, &Value)| {
                format!("{}:{}", Value::from(key.as_str()), value)
            };
            let mut entries: Vec<String> = map.iter().map(entry).collect();
            let first = entries.first()?.clone();
            entries.insert(0, first);
            Some(format!("{{{}}}", entries.join(",")))
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(at, item)| {
            let repeated = with_a_repeated_key(item)?;
            let mut items: Vec<String> = items.iter().map(Value::to_string).collect();
            items[at] = repeated;
            Some(format!("[{}]", items.join(",")))
        }),
        _ => None,
    }
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

/// A valid payload with `products` under `grants` and `extra` claims beside the standard ones.
fn payload<'a>(
    products: impl IntoIterator<Item = (&'a String, &'a Value)>,
    extra: impl IntoIterator<Item = (&'a String, &'a Value)>,
) -> Value {
    let mut claims = json!({
        "jti": format!("{KEY_SID}-x"),
        "grants": {"identity": "alice"},
        "iat": NOW.as_secs(),
        "exp": NOW.as_secs() + 3600,
        "iss": KEY_SID,
        "sub": ACCOUNT,
    });
    for (key, value) in extra {
        claims
            .as_object_mut()
            .unwrap()
            .entry(key.clone())
            .or_insert(value.clone());
    }
    for (key, value) in products {
        claims["grants"]
            .as_object_mut()
            .unwrap()
            .entry(key.clone())
            .or_insert(value.clone());
    }
    claims
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// What verify returns of each claim and grant must be what serde_json reads from the same
    /// payload.
    #[test]
    fn verify_reads_signed_payloads_as_serde_json_does(
        products in btree_map("[a-z_\"é]{1,8}", json_values(), 0..4),
        extra in btree_map("[a-z\"é]{1,4}", json_values(), 0..3),
    ) {
        let text = payload(&products, &extra).to_string();
        let token = sign_json(HEADER, &text, SECRET.as_bytes());
        let verified = verifier().verify(&token, NOW).unwrap();
        prop_assert_eq!(verified.identity(), Some("alice"));
        // serde_json's own reading of the same text (its float parsing does not always give back
        // the float it printed, so the generated values are not the reference).
        let claims: Value = serde_json::from_str(&text).unwrap();
        let grants = claims["grants"].as_object().unwrap();
        let read: Vec<(&str, Value)> = verified
            .grants()
            .map(|(key, json)| (key, serde_json::from_str(json).unwrap()))
            .collect();
        prop_assert_eq!(read.len(), grants.len() - 1);
        for (key, value) in read {
            prop_assert_eq!(Some(&value), grants.get(key), "{}", key);
        }
    }

    /// A key written twice in any object, at any depth, in a grant or in a claim of its own, is
    /// refused, however the rest of the payload looks.
    #[test]
    fn a_repeated_key_at_any_depth_is_refused(
        products in btree_map("[a-z_]{1,8}", json_values(), 1..4),
        extra in btree_map("[a-z]{1,4}", json_values(), 0..3),
        in_grants in any::<bool>(),
    ) {
        let claims = payload(&products, &extra);
        let (container, candidates) = if in_grants {
            (&claims["grants"], &products)
        } else {
            (&claims, &extra)
        };
        let Some((key, repeated)) = candidates.iter().find_map(|(key, value)| {
            // Only where the payload really holds this value (standard claims win).
            (container.get(key) == Some(value)).then_some(())?;
            Some((key, with_a_repeated_key(value)?))
        }) else {
            return Ok(());
        };
        let original = format!("{}:{}", Value::from(key.as_str()), container[key]);
        let text = claims.to_string();
        prop_assert!(text.contains(&original));
        let edited = text.replacen(&original, &format!("{}:{repeated}", Value::from(key.as_str())), 1);
        let token = sign_json(HEADER, &edited, SECRET.as_bytes());
        prop_assert_eq!(verifier().verify(&token, NOW).unwrap_err(), VerifyError::PayloadDuplicateKey);
    }
}

/// Values a claim or grant might hold: times near now, grants of each product, identities
/// each product judges differently, and anything else.
fn near_valid_values() -> impl Strategy<Value = Value> {
    let now = NOW.as_secs();
    prop_oneof![
        (now - 100_000..now + 100_000).prop_map(Value::from),
        (now - 100_000..now + 100_000, 0..10u64)
            .prop_map(|(secs, tenths)| json!(secs as f64 + tenths as f64 / 10.0)),
        Just(json!({"outgoing": {"application_sid": "AP7f74d310572552d78e1f802efadf7d40"}})),
        Just(json!({"incoming": {"allow": true}})),
        Just(json!({"room": "r"})),
        Just(json!({"service_sid": SERVICE})),
        Just(json!({})),
        Just(json!("alice smith")),
        Just(json!("é".repeat(65))),
        Just(json!(KEY_SID)),
        json_values(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `fpa doctor` runs the verifier's rules: a diagnosis has an error exactly when verifying,
    /// and reading each product's grant typed, refuses the token, and its first error carries
    /// the verifier's Twilio code.
    #[test]
    fn a_diagnosis_has_an_error_exactly_when_verify_refuses(
        claims in btree_map(
            prop::sample::select(vec!["jti", "iss", "sub", "iat", "nbf", "exp", "grants"]),
            near_valid_values(),
            0..3,
        ),
        grants in btree_map(
            prop::sample::select(vec!["identity", "voice", "video", "chat", "data_sync", "task_router", "sync"]),
            near_valid_values(),
            0..4,
        ),
    ) {
        let mut payload = payload(None, None);
        for (claim, value) in &claims {
            payload[*claim] = value.clone();
        }
        if let Some(object) = payload["grants"].as_object_mut() {
            for (key, value) in &grants {
                object.insert((*key).into(), value.clone());
            }
        }
        let token = sign_json(HEADER, &payload.to_string(), SECRET.as_bytes());
        let verified = verifier().verify(&token, NOW).and_then(|verified| {
            verified.grant::<VoiceGrant>()?;
            verified.grant::<VideoGrant>()?;
            verified.grant::<ChatGrant>()?;
            verified.grant::<SyncGrant>()?;
            verified.grant::<TaskRouterGrant>()?;
            Ok(verified)
        });
        let secret = ApiKeySecret::new(SECRET).unwrap();
        let expected = Expected::at(NOW)
            .account(ACCOUNT.parse().unwrap())
            .api_key(KEY_SID.parse().unwrap(), &secret);
        let mut diagnosis = Diagnosis::of(&token, &expected);
        diagnosis
            .product::<VoiceGrant>()
            .product::<VideoGrant>()
            .product::<ChatGrant>()
            .product::<SyncGrant>()
            .product::<TaskRouterGrant>();
        let findings = diagnosis.findings();
        let first_error = findings.iter().find(|finding| finding.severity == Severity::Error);
        match verified {
            Ok(_) => prop_assert_eq!(first_error, None, "{}", payload),
            Err(err) => {
                let first_error = first_error.unwrap_or_else(|| panic!("{err}: {payload}"));
                prop_assert_eq!(first_error.code, Some(err.twilio_code()), "{}: {}", err, payload);
            }
        }
    }
}
