//! Verification (docs/spec.md §8): every official token verifies, and each rule rejects what it should,
//! with tokens signed correctly so that only the rule under test fails.

use fpa::{
    AccountSid, ApiKeySecret, ApiKeySid, ClaimName, Grant, HeaderField, JsonKind, Segment,
    SigningKey, UnixTime, VerifiedToken, Verifier, VerifyError, chat::ChatGrant,
    dangerous::decode_unverified, sync::SyncGrant, taskrouter::TaskRouterGrant, video::VideoGrant,
    voice::VoiceGrant,
};
use fpa_tests::{
    b64,
    fixtures::{
        ACCOUNT, APP, CREDENTIAL, KEY_SID, NOW, NOW_SECS, OTHER_SECRET, SECRET, SERVICE, app,
        builder, key, verifier,
    },
    official_vectors, sign_json, sign_segments,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

fn verify(token: &str) -> Result<VerifiedToken, VerifyError> {
    verifier().verify(token, NOW)
}

/// A valid payload, as Node writes it.
fn claims() -> Value {
    json!({
        "jti": format!("{KEY_SID}-{NOW_SECS}"),
        "grants": {"identity": "alice", "video": {"room": "r1"}},
        "iat": NOW_SECS,
        "exp": NOW_SECS + 3600,
        "iss": KEY_SID,
        "sub": ACCOUNT,
    })
}

fn token_with(claims: &Value) -> String {
    signed(&claims.to_string())
}

/// A token for a payload written by hand, byte for byte, with the default header.
fn signed(payload: &str) -> String {
    sign_json(HEADER, payload, SECRET.as_bytes())
}

fn with(change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut claims = claims();
    change(claims.as_object_mut().unwrap());
    token_with(&claims)
}

fn header_token(header: &str) -> String {
    sign_json(header, &claims().to_string(), SECRET.as_bytes())
}

#[test]
fn the_baseline_token_verifies() {
    let verified = verify(&token_with(&claims())).unwrap();
    assert_eq!(verified.identity(), Some("alice"));
    assert_eq!(verified.iss().as_str(), KEY_SID);
    assert_eq!(verified.sub().as_str(), ACCOUNT);
    assert_eq!(verified.jti(), format!("{KEY_SID}-{NOW_SECS}"));
    assert_eq!(verified.iat(), Some(NOW));
    assert_eq!(verified.exp(), UnixTime::from_secs(NOW_SECS + 3600));
    assert_eq!(verified.nbf(), None);
    assert_eq!(verified.region(), None);
    assert_eq!(
        verified.grant::<VideoGrant>().unwrap().unwrap().room(),
        Some("r1")
    );
    assert_eq!(verified.grant::<VoiceGrant>().unwrap(), None);
}

#[test]
fn every_official_token_verifies_and_decodes_to_its_recorded_claims() {
    let mut verified_count = 0;
    for case in official_vectors().cases {
        let verifier = Verifier::new(
            case.request["account_sid"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap(),
            case.signing_key(),
        );
        for (library, recorded) in &case.tokens {
            let context = format!("{} {library}", case.name);
            let token = recorded["token"].as_str().unwrap();
            let verified = verifier
                .verify(token, UnixTime::from_secs(case.now))
                .unwrap_or_else(|err| panic!("{context}: {err}"));
            assert_eq!(claims_of(&verified), recorded["payload"], "{context}");
            assert_eq!(
                verified.region(),
                recorded["header"].get("twr").and_then(Value::as_str),
                "{context}"
            );
            assert_typed_grants_decode(&verified, &recorded["payload"]["grants"], &context);
            verified_count += 1;
        }
    }
    assert_eq!(verified_count, 44);
}

/// The payload rebuilt from what a verified token exposes.
fn claims_of(verified: &VerifiedToken) -> Value {
    let mut grants = serde_json::Map::new();
    if let Some(identity) = verified.identity() {
        grants.insert("identity".into(), identity.into());
    }
    for (key, json) in verified.grants() {
        grants.insert(key.into(), serde_json::from_str(json).unwrap());
    }
    let mut claims = json!({
        "jti": verified.jti(),
        "grants": grants,
        "exp": verified.exp().as_secs(),
        "iss": verified.iss().as_str(),
        "sub": verified.sub().as_str(),
    });
    if let Some(iat) = verified.iat() {
        claims["iat"] = iat.as_secs().into();
    }
    if let Some(nbf) = verified.nbf() {
        claims["nbf"] = nbf.as_secs().into();
    }
    claims
}

fn assert_typed_grants_decode(verified: &VerifiedToken, grants: &Value, context: &str) {
    assert_typed_grant_decodes::<VoiceGrant>(verified, grants, context);
    assert_typed_grant_decodes::<VideoGrant>(verified, grants, context);
    assert_typed_grant_decodes::<ChatGrant>(verified, grants, context);
    assert_typed_grant_decodes::<SyncGrant>(verified, grants, context);
    assert_typed_grant_decodes::<TaskRouterGrant>(verified, grants, context);
}

/// The product `G`'s grant decodes typed, and writes back the JSON it was read from.
fn assert_typed_grant_decodes<G: Grant + DeserializeOwned>(
    verified: &VerifiedToken,
    grants: &Value,
    context: &str,
) {
    let typed = verified.grant::<G>().unwrap();
    let written = typed.map(|grant| serde_json::to_value(&grant).unwrap());
    assert_eq!(written.as_ref(), grants.get(G::KEY), "{context}");
}

#[test]
fn our_own_tokens_verify() {
    let token = builder("alice")
        .grant(VoiceGrant::new(app()))
        .region("au1".parse().unwrap())
        .sign(&key(), NOW)
        .unwrap();
    let verified = verify(token.as_str()).unwrap();
    assert_eq!(verified.region(), Some("au1"));
    let voice = verified.grant::<VoiceGrant>().unwrap().unwrap();
    assert_eq!(
        voice.outgoing().unwrap().application_sid().as_str(),
        "AP7f74d310572552d78e1f802efadf7d40"
    );
}

// What other official SDKs write, which the Python and Node vectors do not show.

/// What minting lets through, verifying accepts: a Voice parameter nested as deep as the grant
/// allows fits the verifier's nesting limit.
#[test]
fn the_deepest_parameter_minting_allows_verifies() {
    let nested = (0..fpa::voice::MAX_PARAM_NESTING).fold(json!("x"), |inner, _| json!([inner]));
    let token = builder("alice")
        .grant(VoiceGrant::new(app()).with_param("deep", nested.clone()))
        .sign(&key(), NOW)
        .unwrap();
    let voice = verify(token.as_str())
        .unwrap()
        .grant::<VoiceGrant>()
        .unwrap()
        .unwrap();
    assert_eq!(voice.outgoing().unwrap().params()["deep"], nested);
    let deeper = builder("alice")
        .grant(VoiceGrant::new(app()).with_param("deep", json!([nested])))
        .sign(&key(), NOW);
    assert!(deeper.is_err());
}

/// Every field of every product's grant, minted, verified and read back typed, accessor by
/// accessor.
#[test]
fn every_field_of_every_grant_reads_back_typed() {
    let token = builder("alice_01")
        .grant(
            VoiceGrant::new(app())
                .allow_incoming()
                .with_param("queue", "support")
                .with_push_credential(CREDENTIAL.parse().unwrap())
                .with_endpoint_id("alice-iphone-1"),
        )
        .grant(VideoGrant::new().with_room("DailyStandup"))
        .grant(
            ChatGrant::new(SERVICE.parse().unwrap())
                .with_endpoint_id("chat-ep")
                .with_deployment_role("RL7e00636463746461efc324098ee99ee6".parse().unwrap())
                .with_push_credential(CREDENTIAL.parse().unwrap()),
        )
        .grant(SyncGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("sync-ep"))
        .grant(
            TaskRouterGrant::new(
                "WS4cccb2801f88e9c5dfb79c2e70d93c34".parse().unwrap(),
                "WKb544441d5c024adf30806e2cb37b7c5e".parse().unwrap(),
            )
            .with_role("worker"),
        )
        .sign(&key(), NOW)
        .unwrap();
    let verified = verify(token.as_str()).unwrap();

    let voice = verified.grant::<VoiceGrant>().unwrap().unwrap();
    assert!(voice.incoming_allowed());
    let outgoing = voice.outgoing().unwrap();
    assert_eq!(outgoing.application_sid().as_str(), APP);
    assert_eq!(outgoing.params()["queue"], "support");
    assert_eq!(voice.push_credential_sid().unwrap().as_str(), CREDENTIAL);
    assert_eq!(voice.endpoint_id(), Some("alice-iphone-1"));

    let video = verified.grant::<VideoGrant>().unwrap().unwrap();
    assert_eq!(video.room(), Some("DailyStandup"));

    let chat = verified.grant::<ChatGrant>().unwrap().unwrap();
    assert_eq!(chat.service_sid().unwrap().as_str(), SERVICE);
    assert_eq!(chat.endpoint_id(), Some("chat-ep"));
    assert_eq!(
        chat.deployment_role_sid().unwrap().as_str(),
        "RL7e00636463746461efc324098ee99ee6"
    );
    assert_eq!(chat.push_credential_sid().unwrap().as_str(), CREDENTIAL);

    let sync = verified.grant::<SyncGrant>().unwrap().unwrap();
    assert_eq!(sync.service_sid().unwrap().as_str(), SERVICE);
    assert_eq!(sync.endpoint_id(), Some("sync-ep"));

    let task_router = verified.grant::<TaskRouterGrant>().unwrap().unwrap();
    assert_eq!(
        task_router.workspace_sid().unwrap().as_str(),
        "WS4cccb2801f88e9c5dfb79c2e70d93c34"
    );
    assert_eq!(
        task_router.worker_sid().unwrap().as_str(),
        "WKb544441d5c024adf30806e2cb37b7c5e"
    );
    assert_eq!(task_router.role(), Some("worker"));

    // And a grant without the optional fields reads them as unset.
    let bare = builder("alice")
        .grant(VoiceGrant::new(app()))
        .grant(ChatGrant::new(SERVICE.parse().unwrap()))
        .grant(SyncGrant::new(SERVICE.parse().unwrap()))
        .sign(&key(), NOW)
        .unwrap();
    let verified = verify(bare.as_str()).unwrap();
    let voice = verified.grant::<VoiceGrant>().unwrap().unwrap();
    assert!(!voice.incoming_allowed());
    assert!(voice.outgoing().unwrap().params().is_empty());
    assert_eq!(
        (voice.push_credential_sid(), voice.endpoint_id()),
        (None, None)
    );
    let chat = verified.grant::<ChatGrant>().unwrap().unwrap();
    assert_eq!(chat.endpoint_id(), None);
    assert_eq!(chat.deployment_role_sid(), None);
    assert_eq!(chat.push_credential_sid(), None);
    assert_eq!(
        verified
            .grant::<SyncGrant>()
            .unwrap()
            .unwrap()
            .endpoint_id(),
        None
    );
    assert_eq!(verified.grant::<VideoGrant>().unwrap(), None);
}

#[test]
fn ruby_twr_null_means_no_region() {
    let header = r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1","twr":null}"#;
    let verified = verify(&header_token(header)).unwrap();
    assert_eq!(verified.region(), None);
}

#[test]
fn php_escaped_slashes_decode() {
    let payload = format!(
        r#"{{"jti":"{KEY_SID}-{NOW_SECS}","iss":"{KEY_SID}","sub":"{ACCOUNT}","exp":{},"grants":{{"identity":"team\/alice","video":{{"room":"a\/b"}}}}}}"#,
        NOW_SECS + 3600
    );
    let verified = verify(&signed(&payload)).unwrap();
    assert_eq!(verified.identity(), Some("team/alice"));
    assert_eq!(
        verified.grant::<VideoGrant>().unwrap().unwrap().room(),
        Some("a/b")
    );
    assert_eq!(verified.grant_json("video"), Some(r#"{"room":"a\/b"}"#));
}

#[test]
fn python_unicode_escapes_decode() {
    let payload = format!(
        r#"{{"jti":"{KEY_SID}-{NOW_SECS}","grants":{{"chat":{{"service_sid":"IScee42d32af8959f846b5f2e9ca72fc01"}},"identity":"zo\u00eb"}},"iss":"{KEY_SID}","exp":{},"nbf":{NOW_SECS},"sub":"{ACCOUNT}"}}"#,
        NOW_SECS + 3600
    );
    let verified = verify(&signed(&payload)).unwrap();
    assert_eq!(verified.identity(), Some("zoë"));
    assert_eq!(verified.iat(), None);
}

#[test]
fn grants_are_found_whatever_the_spacing_and_escapes_of_their_keys() {
    let video = r#"{ "room" : "r1" }"#;
    let chat = r#"{"service_sid":"IScee42d32af8959f846b5f2e9ca72fc01"}"#;
    let payload = format!(
        "{{\"jti\":\"j\",\"iss\":\"{KEY_SID}\",\"sub\":\"{ACCOUNT}\",\"exp\":{},\"grants\":\
         {{ \"video\" \t:\r\n {video} , \"ch\\u0061t\" : {chat} ,\"player\":[1, 2] }}}}",
        NOW_SECS + 60
    );
    let verified = verify(&signed(&payload)).unwrap();
    assert_eq!(verified.grant_json("video"), Some(video));
    assert_eq!(verified.grant_json("chat"), Some(chat));
    assert_eq!(verified.grant_json("player"), Some("[1, 2]"));
    assert_eq!(
        verified.grant::<VideoGrant>().unwrap().unwrap().room(),
        Some("r1")
    );
    assert_eq!(
        verified
            .grant::<ChatGrant>()
            .unwrap()
            .unwrap()
            .service_sid()
            .unwrap()
            .as_str(),
        "IScee42d32af8959f846b5f2e9ca72fc01"
    );
    let grants: Vec<(&str, &str)> = verified.grants().collect();
    assert_eq!(
        grants,
        [("chat", chat), ("player", "[1, 2]"), ("video", video)],
        "in key order"
    );

    // Behind an escaped key, a repeated key is still found.
    let repeated = payload.replace(chat, r#"{"service_sid":"IS1","service_sid":"IS2"}"#);
    assert_eq!(
        verify(&signed(&repeated)).unwrap_err(),
        VerifyError::PayloadDuplicateKey
    );
}

#[test]
fn java_incoming_allow_false_decodes() {
    let token = with(|claims| {
        claims["grants"]["voice"] = json!({
            "incoming": {"allow": false},
            "outgoing": {"application_sid": "AP7f74d310572552d78e1f802efadf7d40"}
        });
    });
    let voice = verify(&token)
        .unwrap()
        .grant::<VoiceGrant>()
        .unwrap()
        .unwrap();
    assert!(!voice.incoming_allowed());
}

#[test]
fn fractional_times_from_python_and_ruby_are_numbers_too() {
    let token = with(|claims| {
        claims.insert("exp".into(), json!(NOW_SECS as f64 + 0.5));
    });
    assert_eq!(verify(&token).unwrap().exp(), NOW);
}

#[test]
fn unknown_grants_pass_through_untouched() {
    let task_router = r#"{"workspace_sid":"WS0123456789abcdef0123456789abcdef","role":"worker"}"#;
    let payload = format!(
        r#"{{"jti":"j","iss":"{KEY_SID}","sub":"{ACCOUNT}","exp":{},"grants":{{"identity":"alice","task_router":{task_router},"rtc":{{"configuration_profile_sid":"CP1"}},"player":{{"x":[1,2]}},"ip_messaging":{{"service_sid":"IS1"}}}}}}"#,
        NOW_SECS + 60
    );
    let verified = verify(&signed(&payload)).unwrap();
    assert_eq!(verified.grant_json("task_router"), Some(task_router));
    let keys: Vec<&str> = verified.grants().map(|(key, _)| key).collect();
    assert_eq!(keys, ["ip_messaging", "player", "rtc", "task_router"]);
}

#[test]
fn a_known_grant_that_does_not_decode_is_an_error_only_when_asked_for() {
    let token = with(|claims| {
        claims["grants"]["chat"] = json!({"service_sid": "RM0123456789abcdef0123456789abcdef"});
    });
    let verified = verify(&token).unwrap();
    assert_eq!(
        verified.grant::<ChatGrant>().unwrap_err(),
        VerifyError::InvalidGrant { key: "chat" }
    );
    assert!(verified.grant::<VideoGrant>().unwrap().is_some());
}

/// docs/spec.md §8.7: what minting requires of each product is not required again when
/// verifying; the official libraries mint such grants, and Twilio accepts the tokens.
#[test]
fn grants_without_what_minting_requires_still_read_typed() {
    let token = with(|claims| {
        claims["grants"]["voice"] = json!({});
        claims["grants"]["chat"] = json!({"endpoint_id": "e"});
        claims["grants"]["data_sync"] = json!({});
        claims["grants"]["task_router"] = json!({"role": "worker"});
    });
    let verified = verify(&token).unwrap();
    assert_eq!(
        verified.grant::<VoiceGrant>().unwrap().unwrap().outgoing(),
        None
    );
    assert_eq!(
        verified
            .grant::<ChatGrant>()
            .unwrap()
            .unwrap()
            .service_sid(),
        None
    );
    assert_eq!(
        verified
            .grant::<SyncGrant>()
            .unwrap()
            .unwrap()
            .service_sid(),
        None
    );
    let task_router = verified.grant::<TaskRouterGrant>().unwrap().unwrap();
    assert_eq!(
        (task_router.workspace_sid(), task_router.role()),
        (None, Some("worker"))
    );
}

#[test]
fn key_rotation_accepts_both_keys() {
    let old = key();
    let new_sid = "SK00000000000000000000000000000001";
    let new = SigningKey::new(
        new_sid.parse().unwrap(),
        &ApiKeySecret::new(OTHER_SECRET).unwrap(),
    );
    let verifier = Verifier::new(ACCOUNT.parse().unwrap(), old).with_key(new.clone());
    let token = builder("alice")
        .grant(VideoGrant::new())
        .sign(&new, NOW)
        .unwrap();
    let now = NOW;
    assert_eq!(
        verifier.verify(token.as_str(), now).unwrap().iss().as_str(),
        new_sid
    );
    assert!(verifier.verify(&token_with(&claims()), now).is_ok());
    assert_eq!(
        verify(token.as_str()).unwrap_err(),
        VerifyError::SignatureMismatch
    );
}

#[test]
fn leeway_tolerates_clock_skew_and_is_configurable() {
    let exp_passed_30s_ago = with(|claims| {
        claims.insert("exp".into(), json!(NOW_SECS - 30));
    });
    assert!(verify(&exp_passed_30s_ago).is_ok());
    let strict = verifier().leeway_secs(0);
    assert!(matches!(
        strict.verify(&exp_passed_30s_ago, NOW),
        Err(VerifyError::Expired { .. })
    ));
    let nbf_in_30s = with(|claims| {
        claims.insert("nbf".into(), json!(NOW_SECS + 30));
    });
    assert!(verify(&nbf_in_30s).is_ok());
    assert!(matches!(
        strict.verify(&nbf_in_30s, NOW),
        Err(VerifyError::NotYetValid { .. })
    ));
}

// Negative vectors: one per rule, in the order the checks run.

fn rejects(token: &str) -> VerifyError {
    let err = verify(token).expect_err("the token should be rejected");
    let message = err.to_string();
    assert!(!message.contains(SECRET), "{message}");
    assert!(token.is_empty() || !message.contains(token), "{message}");
    err
}

/// The length is checked first: an oversize token is refused as too long whatever else is
/// wrong with it (here: not base64url, and whitespace around it).
#[test]
fn rejects_an_oversize_token_before_anything_else() {
    let oversize = format!(" {}.!.! ", "a".repeat(16 * 1024));
    assert_eq!(
        rejects(&oversize),
        VerifyError::TooLong {
            len: 16 * 1024 + 6,
            max: 16 * 1024
        }
    );
    let small = verifier().max_token_len(100);
    assert!(matches!(
        small.verify(&token_with(&claims()), NOW),
        Err(VerifyError::TooLong { max: 100, .. })
    ));
}

#[test]
fn rejects_surrounding_whitespace() {
    let token = token_with(&claims());
    for padded in [
        format!(" {token}"),
        format!("{token}\n"),
        format!("\t{token}"),
    ] {
        assert_eq!(rejects(&padded), VerifyError::Whitespace);
    }
}

#[test]
fn rejects_two_and_four_segments() {
    let token = token_with(&claims());
    let (first_two, _) = token.rsplit_once('.').unwrap();
    assert_eq!(rejects(first_two), VerifyError::SegmentCount { found: 2 });
    assert_eq!(
        rejects(&format!("{token}.e30")),
        VerifyError::SegmentCount { found: 4 }
    );
    assert_eq!(rejects(""), VerifyError::SegmentCount { found: 1 });
    // The count is told before any part's base64, wherever the extra dots are.
    let (header, rest) = token.split_once('.').unwrap();
    assert_eq!(
        rejects(&format!("{header}.{rest}.{rest}")),
        VerifyError::SegmentCount { found: 5 }
    );
    assert_eq!(
        rejects(&format!("!{header}.{rest}.e30")),
        VerifyError::SegmentCount { found: 4 }
    );
    assert_eq!(rejects("a.b"), VerifyError::SegmentCount { found: 2 });
    assert_eq!(rejects("...."), VerifyError::SegmentCount { found: 5 });
}

#[test]
fn rejects_padding() {
    // `{"a":1}` is 7 bytes, whose base64 takes one `=` of padding.
    let header = b64(HEADER.as_bytes());
    let padded_payload = format!("{}=", b64(br#"{"a":1}"#));
    let token = sign_segments(&header, &padded_payload, SECRET.as_bytes());
    assert_eq!(
        rejects(&token),
        VerifyError::Base64 {
            segment: Segment::Payload
        }
    );
}

#[test]
fn rejects_the_standard_alphabet() {
    let token = token_with(&claims());
    for standard in ['+', '/'] {
        let token = format!("{standard}{}", &token[1..]);
        assert_eq!(
            rejects(&token),
            VerifyError::Base64 {
                segment: Segment::Header
            }
        );
    }
}

#[test]
fn rejects_non_canonical_trailing_bits() {
    let token = token_with(&claims());
    let (signed, signature) = token.rsplit_once('.').unwrap();
    // 32 bytes take 43 characters, the last carrying 4 bits and 2 unused ones that must be 0.
    let last = signature.as_bytes()[42];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let index = alphabet.iter().position(|&c| c == last).unwrap();
    assert_eq!(index & 0b11, 0, "a canonical signature ends on zero bits");
    let sloppy = char::from(alphabet[index | 0b01]);
    let token = format!("{signed}.{}{sloppy}", &signature[..42]);
    assert_eq!(
        rejects(&token),
        VerifyError::Base64 {
            segment: Segment::Signature
        }
    );
}

#[test]
fn rejects_a_header_that_is_not_an_object_without_duplicates() {
    assert_eq!(
        rejects(&header_token("not json")),
        VerifyError::HeaderNotJson
    );
    assert_eq!(
        rejects(&header_token(r#"["JWT"]"#)),
        VerifyError::HeaderNotObject
    );
    let duplicate = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","alg":"HS256"}"#;
    assert_eq!(
        rejects(&header_token(duplicate)),
        VerifyError::HeaderDuplicateKey
    );
}

#[test]
fn rejects_any_alg_but_hs256() {
    for alg in [
        r#""none""#,
        r#""HS512""#,
        r#""hs256""#,
        r#""RS256""#,
        "null",
        "256",
    ] {
        let header = format!(r#"{{"alg":{alg},"typ":"JWT","cty":"twilio-fpa;v=1"}}"#);
        assert_eq!(
            rejects(&header_token(&header)),
            VerifyError::HeaderField {
                field: HeaderField::Alg
            }
        );
    }
    let no_alg = r#"{"typ":"JWT","cty":"twilio-fpa;v=1"}"#;
    assert_eq!(
        rejects(&header_token(no_alg)),
        VerifyError::HeaderField {
            field: HeaderField::Alg
        }
    );
}

#[test]
fn rejects_a_missing_or_wrong_typ_or_cty() {
    let cases = [
        (
            r#"{"alg":"HS256","cty":"twilio-fpa;v=1"}"#,
            HeaderField::Typ,
        ),
        (
            r#"{"alg":"HS256","typ":"jwt","cty":"twilio-fpa;v=1"}"#,
            HeaderField::Typ,
        ),
        (r#"{"alg":"HS256","typ":"JWT"}"#, HeaderField::Cty),
        (
            r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=2"}"#,
            HeaderField::Cty,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":1}"#,
            HeaderField::Twr,
        ),
    ];
    for (header, field) in cases {
        assert_eq!(
            rejects(&header_token(header)),
            VerifyError::HeaderField { field },
            "{header}"
        );
    }
}

#[test]
fn rejects_crit() {
    let header = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","crit":["exp"]}"#;
    assert_eq!(rejects(&header_token(header)), VerifyError::CriticalHeader);
}

#[test]
fn rejects_31_and_33_byte_signatures() {
    let token = token_with(&claims());
    let (signed, signature) = token.rsplit_once('.').unwrap();
    let mut bytes = base64ct_decode(signature);
    bytes.pop();
    assert_eq!(
        rejects(&format!("{signed}.{}", b64(&bytes))),
        VerifyError::SignatureLength { len: 31 }
    );
    bytes.extend([0, 0]);
    assert_eq!(
        rejects(&format!("{signed}.{}", b64(&bytes))),
        VerifyError::SignatureLength { len: 33 }
    );
}

fn base64ct_decode(s: &str) -> Vec<u8> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(s).unwrap()
}

#[test]
fn rejects_a_wrong_key() {
    let token = sign_json(HEADER, &claims().to_string(), OTHER_SECRET.as_bytes());
    assert_eq!(rejects(&token), VerifyError::SignatureMismatch);
}

#[test]
fn rejects_tampering_with_header_payload_or_signature() {
    let token = token_with(&claims());
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    let signature = parts[2].clone();

    let with_region = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"}"#;
    parts[0] = b64(with_region.as_bytes());
    assert_eq!(rejects(&parts.join(".")), VerifyError::SignatureMismatch);

    let mut elevated = claims();
    elevated["grants"]["identity"] = "admin".into();
    let tampered = token_with(&elevated);
    let (_, tampered_payload) = tampered.split_once('.').unwrap();
    let tampered_payload = tampered_payload.split('.').next().unwrap();
    let token_parts: Vec<&str> = token.split('.').collect();
    let swapped = format!("{}.{tampered_payload}.{signature}", token_parts[0]);
    assert_eq!(rejects(&swapped), VerifyError::SignatureMismatch);

    let mut flipped = base64ct_decode(&signature);
    flipped[0] ^= 1;
    let flipped = format!("{}.{}.{}", token_parts[0], token_parts[1], b64(&flipped));
    assert_eq!(rejects(&flipped), VerifyError::SignatureMismatch);
}

#[test]
fn rejects_a_payload_that_is_not_an_object_without_duplicates() {
    assert_eq!(rejects(&signed("{not json")), VerifyError::PayloadNotJson);
    assert_eq!(rejects(&signed("[1,2]")), VerifyError::PayloadNotObject);
    let body = claims().to_string();
    let top_level = body.replacen('{', r#"{"exp":1,"#, 1);
    assert_eq!(
        rejects(&signed(&top_level)),
        VerifyError::PayloadDuplicateKey
    );
    let nested = body.replace(r#""room":"r1""#, r#""room":"r1","room":"r2""#);
    assert_eq!(rejects(&signed(&nested)), VerifyError::PayloadDuplicateKey);
}

/// Verify checks the whole payload before it reads a claim: a repeated key or broken JSON
/// anywhere comes before a claim of the wrong type, wherever the two are.
#[test]
fn a_repeated_key_anywhere_comes_before_a_claim_of_the_wrong_type() {
    // The claims without `jti`, and `claim` with raw JSON first.
    let payload_with = |claim: &str, json: &str| {
        let mut claims = claims();
        claims.as_object_mut().unwrap().remove("jti");
        format!(r#"{{"{claim}":{json},{}"#, &claims.to_string()[1..])
    };
    for (claim, json) in [
        ("jti", r#"{"a":1,"a":2}"#),
        ("unknown", r#"[1, {"k":true,"k":false}]"#),
        ("nbf", r#" [ [ {"x":{"y":1,"y":1}} ] ]"#),
    ] {
        let payload = payload_with(claim, json);
        assert_eq!(
            rejects(&signed(&payload)),
            VerifyError::PayloadDuplicateKey,
            "{payload}"
        );
    }
    assert_eq!(
        rejects(&signed(&payload_with("jti", r#"{"a":1,"b":2}"#))),
        VerifyError::ClaimType {
            claim: ClaimName::Jti,
            found: JsonKind::Object
        }
    );

    // `grants` of the wrong type, then a repeat later in the payload.
    let grants_not_object = claims().to_string().replace(
        r#""grants":{"identity":"alice","video":{"room":"r1"}}"#,
        r#""grants":[{"identity":"alice"}]"#,
    );
    assert_eq!(
        rejects(&signed(&grants_not_object)),
        VerifyError::ClaimType {
            claim: ClaimName::Grants,
            found: JsonKind::Array
        }
    );
    let and_iss_too = grants_not_object.replacen(&format!(r#""iss":"{KEY_SID}""#), r#""iss":5"#, 1);
    assert_eq!(
        rejects(&signed(&and_iss_too)),
        VerifyError::ClaimType {
            claim: ClaimName::Iss,
            found: JsonKind::Number
        },
        "claims are checked in their order, wherever they are in the payload"
    );
    let and_a_repeat = grants_not_object.replacen(r#""iss""#, r#""sub":"x","iss""#, 1);
    assert_eq!(
        rejects(&signed(&and_a_repeat)),
        VerifyError::PayloadDuplicateKey
    );
    let and_broken_json = format!("{}, ", &grants_not_object[..grants_not_object.len() - 1]);
    assert_eq!(
        rejects(&signed(&and_broken_json)),
        VerifyError::PayloadNotJson
    );

    // Repeats at the grants level, one of them spelled with an escape.
    let body = claims().to_string();
    for grants in [
        r#"{"identity":"alice","identity":"bob","video":{}}"#,
        r#"{"identity":"alice","video":{},"\u0076ideo":{"room":"r2"}}"#,
    ] {
        let payload = body.replace(r#"{"identity":"alice","video":{"room":"r1"}}"#, grants);
        assert_eq!(
            rejects(&signed(&payload)),
            VerifyError::PayloadDuplicateKey,
            "{payload}"
        );
    }
}

/// serde_json skips a value it is not asked to read without checking its numbers' range or its
/// escapes' surrogate pairs; verify's strict check reads unknown claims and grants whole all the
/// same, so that it accepts no payload that a full read of it (`serde_json::Value`, the `fpa`
/// command) refuses. Found by the `payload` fuzz target.
#[test]
fn refuses_what_a_full_read_refuses_even_where_it_skips() {
    let body = claims().to_string();
    let as_a_claim = ["1e400", r#""\ud800""#, r#"{"k":"\udc00x"}"#, "[1, -1e999]"]
        .map(|json| body.replacen('{', &format!(r#"{{"unknown":{json},"#), 1));
    let as_a_grant = ["1e400", r#""\ud800""#, r#"{"room":"\udc00"}"#]
        .map(|json| body.replace(r#"{"room":"r1"}"#, json));
    for payload in as_a_claim.iter().chain(&as_a_grant) {
        assert!(serde_json::from_str::<Value>(payload).is_err(), "{payload}");
        assert_eq!(
            rejects(&signed(payload)),
            VerifyError::PayloadNotJson,
            "{payload}"
        );
    }
}

/// Arrays and objects nest at most 32 deep, counted from the payload wherever the nesting is:
/// in a grant, in a claim of its own, or in place of a standard claim.
#[test]
fn nesting_deeper_than_32_is_refused_wherever_it_is() {
    let body = claims().to_string();
    let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    // A grant's value is inside the payload and `grants`; a claim is inside the payload.
    let in_a_grant = |levels| body.replace(r#"{"room":"r1"}"#, &nested(levels));
    let in_a_claim = |levels| body.replacen('{', &format!(r#"{{"deep":{},"#, nested(levels)), 1);
    let as_the_jti = |levels: usize| {
        let jti = format!(r#""{KEY_SID}-{NOW_SECS}""#);
        body.replace(&jti, &nested(levels))
    };
    for (payload, deepest) in [
        (in_a_grant(30), 32),
        (in_a_grant(31), 33),
        (in_a_claim(31), 32),
        (in_a_claim(32), 33),
        (as_the_jti(31), 32),
        (as_the_jti(32), 33),
    ] {
        let result = verify(&signed(&payload));
        if deepest > 32 {
            assert_eq!(
                result.unwrap_err(),
                VerifyError::PayloadNotJson,
                "{deepest}"
            );
        } else {
            assert_ne!(result.err(), Some(VerifyError::PayloadNotJson), "{deepest}");
            assert!(serde_json::from_str::<Value>(&payload).is_ok());
        }
    }
}

#[test]
fn escaped_claim_names_and_fractional_times_are_read() {
    let payload = claims()
        .to_string()
        .replace(r#""exp":"#, r#""\u0065xp":"#)
        .replace(
            &format!(r#""iat":{NOW_SECS}"#),
            &format!(r#""iat":{NOW_SECS}.5"#),
        )
        .replace(r#""video":"#, r#""vid\u0065o":"#);
    let verified = verify(&signed(&payload)).unwrap();
    assert_eq!(verified.exp(), UnixTime::from_secs(NOW_SECS + 3600));
    assert_eq!(verified.iat(), Some(NOW));
    assert_eq!(verified.grant_json("video"), Some(r#"{"room":"r1"}"#));
}

#[test]
fn rejects_missing_claims() {
    use ClaimName::{Exp, Grants, Iss, Jti, Sub};
    for claim in [Iss, Sub, Exp, Jti, Grants] {
        let token = with(|claims| {
            claims.remove(&claim.to_string());
        });
        assert_eq!(
            rejects(&token),
            VerifyError::MissingClaim { claim },
            "{claim}"
        );
    }
}

/// Each wrong type is named in the error and its message, times included.
#[test]
fn rejects_claims_of_the_wrong_type() {
    use ClaimName::{Exp, Grants, Iat, Iss, Jti, Nbf, Sub};
    let cases = [
        (
            Exp,
            json!((NOW_SECS + 3600).to_string()),
            JsonKind::String,
            "not a string",
        ),
        (
            Exp,
            json!(-1),
            JsonKind::NegativeNumber,
            "not a negative number",
        ),
        (
            Exp,
            json!(-0.5),
            JsonKind::NegativeNumber,
            "not a negative number",
        ),
        (
            Iat,
            json!(NOW_SECS.to_string()),
            JsonKind::String,
            "not a string",
        ),
        (Iat, json!({"secs": 1}), JsonKind::Object, "not an object"),
        (Nbf, json!(true), JsonKind::Boolean(true), "not true"),
        (Nbf, json!(null), JsonKind::Null, "not null"),
        (Exp, json!([NOW_SECS]), JsonKind::Array, "not an array"),
        (
            Jti,
            json!(7),
            JsonKind::Number,
            "must be a string, not a number",
        ),
        (
            Iss,
            json!(null),
            JsonKind::Null,
            "must be a string, not null",
        ),
        (
            Sub,
            json!(false),
            JsonKind::Boolean(false),
            "must be a string, not false",
        ),
        (
            Grants,
            json!("alice"),
            JsonKind::String,
            "must be an object, not a string",
        ),
    ];
    for (claim, value, found, message) in cases {
        let token = with(|claims| {
            claims.insert(claim.to_string(), value.clone());
        });
        let err = rejects(&token);
        assert_eq!(
            err,
            VerifyError::ClaimType { claim, found },
            "{claim} = {value}"
        );
        assert!(err.to_string().contains(message), "{err}");
        assert_eq!(err.twilio_code(), 20101);
    }
    let token = with(|claims| {
        claims["grants"]["identity"] = json!(42);
    });
    assert_eq!(
        rejects(&token),
        VerifyError::IdentityType {
            found: JsonKind::Number
        }
    );
}

#[test]
fn rejects_an_unknown_issuer_signed_with_a_known_secret() {
    let token = with(|claims| {
        claims.insert("iss".into(), "SK00000000000000000000000000000001".into());
    });
    assert_eq!(
        rejects(&token),
        VerifyError::IssuerMismatch {
            signed_by: KEY_SID.parse::<ApiKeySid>().unwrap()
        }
    );
    assert_eq!(rejects(&token).twilio_code(), 20103);
}

#[test]
fn rejects_a_wrong_account() {
    let token = with(|claims| {
        claims.insert("sub".into(), "AC00000000000000000000000000000001".into());
    });
    let expected: AccountSid = ACCOUNT.parse().unwrap();
    assert_eq!(rejects(&token), VerifyError::AccountMismatch { expected });
}

#[test]
fn rejects_iss_and_sub_that_differ_only_in_case() {
    let token = with(|claims| {
        claims.insert("sub".into(), ACCOUNT.to_uppercase().into());
    });
    assert!(matches!(
        rejects(&token),
        VerifyError::AccountMismatch { .. }
    ));
}

#[test]
fn rejects_expired() {
    let token = with(|claims| {
        claims.insert("exp".into(), json!(NOW_SECS - 60));
    });
    assert_eq!(
        rejects(&token),
        VerifyError::Expired {
            exp: UnixTime::from_secs(NOW_SECS - 60),
            now: NOW
        }
    );
}

#[test]
fn rejects_not_yet_valid() {
    let token = with(|claims| {
        claims.insert("nbf".into(), json!(NOW_SECS + 61));
    });
    assert_eq!(
        rejects(&token),
        VerifyError::NotYetValid {
            nbf: UnixTime::from_secs(NOW_SECS + 61),
            now: NOW
        }
    );
}

#[test]
fn rejects_a_lifetime_over_24_hours() {
    let from_now = with(|claims| {
        claims.remove("iat");
        claims.insert("exp".into(), json!(NOW_SECS + 86_401));
    });
    assert_eq!(
        rejects(&from_now),
        VerifyError::LifetimeTooLong { secs: 86_401 }
    );
    let from_iat = with(|claims| {
        claims.insert("iat".into(), json!(NOW_SECS - 3600));
        claims.insert("exp".into(), json!(NOW_SECS - 3600 + 86_401));
    });
    assert_eq!(
        rejects(&from_iat),
        VerifyError::LifetimeTooLong { secs: 86_401 }
    );
    let exactly_24h = with(|claims| {
        claims.insert("exp".into(), json!(NOW_SECS + 86_400));
    });
    assert!(verify(&exactly_24h).is_ok());
    // `nbf` is not the issue time: twilio-python lets callers set it far in the past.
    let old_nbf = with(|claims| {
        claims.insert("nbf".into(), json!(NOW_SECS - 7 * 86_400));
    });
    assert!(verify(&old_nbf).is_ok());
}

/// docs/spec.md §8.6: a token is not issued after it is checked.
#[test]
fn rejects_an_issue_time_after_now_and_the_leeway() {
    let issued_later = with(|claims| {
        claims.insert("iat".into(), json!(NOW_SECS + 61));
    });
    let err = rejects(&issued_later);
    assert_eq!(
        err,
        VerifyError::NotYetIssued {
            iat: UnixTime::from_secs(NOW_SECS + 61),
            now: NOW
        }
    );
    assert_eq!(err.twilio_code(), 20105);
    assert!(err.to_string().contains("clock"), "{err}");
    let within_leeway = with(|claims| {
        claims.insert("iat".into(), json!(NOW_SECS + 60));
    });
    assert!(verify(&within_leeway).is_ok());
}

/// docs/spec.md §8.6: lifetimes are compared exactly, where an `f64` would round
/// `86400.0000001` down to `86400`.
#[test]
fn rejects_a_lifetime_over_24_hours_by_any_fraction() {
    let payload = |iat: &str, exp: &str| {
        let body = claims().to_string();
        let body = body.replace(&format!(r#""iat":{NOW_SECS}"#), &format!(r#""iat":{iat}"#));
        body.replace(
            &format!(r#""exp":{}"#, NOW_SECS + 3600),
            &format!(r#""exp":{exp}"#),
        )
    };
    let iat = NOW_SECS - 100;
    for (iat, exp) in [
        (format!("{iat}"), format!("{}.0000001", iat + 86_400)),
        (
            format!("{iat}.5"),
            format!("{}.5000000000001", iat + 86_400),
        ),
        (format!("{iat}"), format!("{}e-1", (iat + 86_400) * 10 + 1)),
    ] {
        let err = rejects(&signed(&payload(&iat, &exp)));
        assert_eq!(
            err,
            VerifyError::LifetimeTooLong { secs: 86_401 },
            "{iat} {exp}"
        );
        assert_eq!(err.twilio_code(), 20157);
    }
    for (iat, exp) in [
        (format!("{iat}"), format!("{}", iat + 86_400)),
        (format!("{iat}.5"), format!("{}.5", iat + 86_400)),
        (
            format!("{iat}.5"),
            format!("{}.49999999999999999", iat + 86_400),
        ),
    ] {
        assert!(verify(&signed(&payload(&iat, &exp))).is_ok(), "{iat} {exp}");
    }
    // From now, without `iat`.
    let no_iat = |exp: &str| {
        let body = claims()
            .to_string()
            .replace(&format!(r#","iat":{NOW_SECS}"#), "");
        signed(&body.replace(
            &format!(r#""exp":{}"#, NOW_SECS + 3600),
            &format!(r#""exp":{exp}"#),
        ))
    };
    assert_eq!(
        rejects(&no_iat(&format!("{}.0000001", NOW_SECS + 86_400))),
        VerifyError::LifetimeTooLong { secs: 86_401 }
    );
    assert!(verify(&no_iat(&format!("{}", NOW_SECS + 86_400))).is_ok());
}

#[test]
fn reports_an_absurd_lifetime_as_it_is() {
    let token = with(|claims| {
        claims.insert("exp".into(), json!(1.7e22));
    });
    let err = rejects(&token);
    assert_eq!(
        err,
        VerifyError::LifetimeTooLong {
            secs: 17_000_000_000_000_000_000_000 - u128::from(NOW_SECS)
        }
    );
}

/// docs/spec.md §8.5: an identity, when present, follows the rules every product shares.
#[test]
fn rejects_an_identity_every_product_refuses() {
    for identity in [
        r#""""#,
        r#""ali\u0000ce""#,
        r#""ali\nce""#,
        &format!(r#""{}""#, "a".repeat(257)),
        &format!(r#""{}""#, "é".repeat(257)),
    ] {
        let payload = claims().to_string().replace(
            r#""identity":"alice""#,
            &format!(r#""identity":{identity}"#),
        );
        let err = rejects(&signed(&payload));
        assert!(
            matches!(err, VerifyError::InvalidIdentity { .. }),
            "{identity}: {err}"
        );
        assert_eq!(err.twilio_code(), 20106);
        assert!(
            err.to_string()
                .starts_with("token `grants.identity`: identity"),
            "{err}"
        );
    }
    let longest = with(|claims| {
        claims["grants"]["identity"] = json!("é".repeat(256));
    });
    assert_eq!(
        verify(&longest).unwrap().identity(),
        Some("é".repeat(256).as_str())
    );
    let no_identity = with(|claims| {
        claims["grants"].as_object_mut().unwrap().remove("identity");
    });
    assert_eq!(verify(&no_identity).unwrap().identity(), None);
}

/// docs/spec.md §8.7: a grant read typed is checked as its product: schema, and identity.
#[test]
fn a_typed_grant_is_checked_as_its_product() {
    for (grant, value) in [("video", json!({"room": 5})), ("voice", json!("incoming"))] {
        let token = with(|claims| {
            claims["grants"][grant] = value.clone();
        });
        let verified = verify(&token).unwrap();
        let err = match grant {
            "video" => verified.grant::<VideoGrant>().unwrap_err(),
            _ => verified.grant::<VoiceGrant>().unwrap_err(),
        };
        assert!(
            matches!(err, VerifyError::InvalidGrant { key } if key == grant),
            "{err}"
        );
        assert_eq!(err.twilio_code(), 20106);
    }

    let voice_for = |identity: &str| {
        with(|claims| {
            claims["grants"]["identity"] = identity.into();
            claims["grants"]["voice"] = json!({"incoming": {"allow": true}});
        })
    };
    let verified = verify(&voice_for("alice smith")).unwrap();
    let err = verified.grant::<VoiceGrant>().unwrap_err();
    assert!(
        matches!(&err, VerifyError::GrantIdentity { key: "voice", reason }
            if reason.contains("ASCII letters, digits and `_`")),
        "{err}"
    );
    assert_eq!(err.twilio_code(), 20106);
    // The grant's other products are not concerned, and the required application is a minting
    // rule only: Twilio accepts a Voice grant without one.
    assert!(verified.grant::<VideoGrant>().unwrap().is_some());
    let voice = verify(&voice_for("alice_smith"))
        .unwrap()
        .grant::<VoiceGrant>()
        .unwrap()
        .unwrap();
    assert!(voice.outgoing().is_none() && voice.incoming_allowed());

    let heavy = with(|claims| {
        claims["grants"]["identity"] = "é".repeat(65).into();
    });
    assert!(matches!(
        verify(&heavy).unwrap().grant::<VideoGrant>(),
        Err(VerifyError::GrantIdentity { key: "video", .. })
    ));
    let email = with(|claims| {
        claims["grants"]["identity"] = "alice@example.com".into();
        claims["grants"]["chat"] = json!({"service_sid": "IScee42d32af8959f846b5f2e9ca72fc01"});
    });
    assert!(
        verify(&email)
            .unwrap()
            .grant::<ChatGrant>()
            .unwrap()
            .is_some()
    );
}

/// docs/spec.md §8.3: header parameters Twilio does not define are ignored (RFC 7515 §4); they
/// never choose the key.
#[test]
fn ignores_unknown_header_parameters() {
    let header = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","kid":"SK00000000000000000000000000000001","x5u":"https://example.com"}"#;
    assert_eq!(verify(&header_token(header)).unwrap().region(), None);
    let with_kid_of_another_key = sign_json(header, &claims().to_string(), OTHER_SECRET.as_bytes());
    assert_eq!(
        rejects(&with_kid_of_another_key),
        VerifyError::SignatureMismatch
    );
}

#[test]
fn twilio_codes_match_the_failure() {
    let cases = [
        (VerifyError::Whitespace, 20101),
        (
            VerifyError::HeaderField {
                field: HeaderField::Alg,
            },
            20102,
        ),
        (VerifyError::SignatureMismatch, 20107),
        (VerifyError::LifetimeTooLong { secs: 90_000 }, 20157),
        (
            VerifyError::IdentityType {
                found: JsonKind::Null,
            },
            20106,
        ),
        (
            VerifyError::Expired {
                exp: UnixTime::from_secs(1),
                now: UnixTime::from_secs(2),
            },
            20104,
        ),
        (
            VerifyError::NotYetValid {
                nbf: UnixTime::from_secs(2),
                now: UnixTime::from_secs(1),
            },
            20105,
        ),
    ];
    for (err, code) in cases {
        assert_eq!(err.twilio_code(), code, "{err}");
    }
}

#[test]
fn decoding_without_verifying_shows_claims_but_still_refuses_garbage() {
    let token = sign_json(HEADER, &claims().to_string(), OTHER_SECRET.as_bytes());
    let decoded = decode_unverified(&token).unwrap();
    assert_eq!(decoded.header["alg"], "HS256");
    assert_eq!(Value::Object(decoded.payload), claims());
    assert_eq!(
        decode_unverified("a.b").unwrap_err(),
        VerifyError::SegmentCount { found: 2 }
    );
    let not_object = sign_json(HEADER, "[]", SECRET.as_bytes());
    assert_eq!(
        decode_unverified(&not_object).unwrap_err(),
        VerifyError::PayloadNotObject
    );
}
