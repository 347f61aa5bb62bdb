//! Our tokens against the official helper libraries' (docs/spec.md §2–§5), and our own golden tokens.

use fpa::{
    Jti, Region, Ttl, UnixTime,
    chat::ChatGrant,
    sync::SyncGrant,
    taskrouter::TaskRouterGrantError,
    video::VideoGrant,
    voice::{VoiceGrant, VoiceGrantError},
};
use fpa_tests::{
    Case, decode_checked,
    fixtures::{ACCOUNT, CREDENTIAL, KEY_SID, NOW, SECRET, SERVICE, app, builder, key},
    official_vectors,
};
use serde_json::Value;

fn mintable_cases() -> Vec<Case> {
    official_vectors()
        .cases
        .into_iter()
        .filter(|case| case.mint == "same-as-node")
        .collect()
}

fn without_jti(payload: &Value) -> Value {
    let mut payload = payload.clone();
    payload
        .as_object_mut()
        .expect("payload is an object")
        .remove("jti");
    payload
}

#[test]
fn official_tokens_are_signed_with_the_case_secret() {
    for case in official_vectors().cases {
        for (library, token) in &case.tokens {
            let decoded = decode_checked(token["token"].as_str().unwrap(), case.secret.as_bytes());
            assert_eq!(decoded.header, token["header"], "{} {library}", case.name);
            assert_eq!(decoded.payload, token["payload"], "{} {library}", case.name);
        }
    }
}

#[test]
fn official_requests_decode_to_the_node_header_and_payload() {
    let cases = mintable_cases();
    assert!(cases.len() >= 15, "only {} cases", cases.len());
    for case in &cases {
        let key = case.signing_key();
        let token = case
            .builder()
            .unwrap_or_else(|err| panic!("{}: {err}", case.name))
            .sign(&key, UnixTime::from_secs(case.now))
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        let ours = decode_checked(token.as_str(), case.secret.as_bytes());
        let (_, node_header, node_payload) = case.node();
        assert_eq!(&ours.header, node_header, "{}", case.name);
        assert_eq!(
            without_jti(&ours.payload),
            without_jti(node_payload),
            "{}",
            case.name
        );

        // docs/spec.md §3 (ours): `<API key SID>-<128 random bits as lowercase hex>`.
        let jti = ours.payload["jti"].as_str().unwrap();
        let random = jti
            .strip_prefix(&format!("{}-", key.api_key_sid()))
            .unwrap_or_else(|| panic!("{}: jti {jti} does not start with the key SID", case.name));
        assert_eq!(random.len(), 32, "{}", case.name);
        assert!(
            random
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        );
    }
}

#[test]
fn random_jtis_differ_between_tokens() {
    let case = &mintable_cases()[0];
    let builder = case.builder().unwrap();
    let key = case.signing_key();
    let now = UnixTime::from_secs(case.now);
    let first = decode_checked(
        builder.sign(&key, now).unwrap().as_str(),
        case.secret.as_bytes(),
    );
    let second = decode_checked(
        builder.sign(&key, now).unwrap().as_str(),
        case.secret.as_bytes(),
    );
    assert_ne!(first.payload["jti"], second.payload["jti"]);
}

/// With Node's jti, our token is Node's token byte for byte wherever the grant has no `params`
/// (whose keys Node keeps in insertion order and we sort): same header and claim order, same
/// JSON, same signature.
#[test]
fn node_tokens_are_reproduced_byte_for_byte() {
    let mut reproduced = 0;
    for case in mintable_cases() {
        let (node_token, _, node_payload) = case.node();
        if node_payload["grants"]["voice"]["outgoing"]
            .get("params")
            .is_some()
        {
            continue;
        }
        let jti = Jti::new(node_payload["jti"].as_str().unwrap()).unwrap();
        let token = case
            .builder()
            .unwrap()
            .jti(jti)
            .sign(&case.signing_key(), UnixTime::from_secs(case.now))
            .unwrap();
        assert_eq!(token.as_str(), node_token, "{}", case.name);
        reproduced += 1;
    }
    assert!(reproduced >= 13, "only {reproduced} cases were compared");
}

/// The region cases are refused for their Voice grant without an application;
/// `region_header_matches_node` covers what they were for.
#[test]
fn refused_cases_are_refused_for_the_stated_reason() {
    let refused: Vec<Case> = official_vectors()
        .cases
        .into_iter()
        .filter(|case| case.mint == "refused")
        .collect();
    let names: Vec<&str> = refused.iter().map(|case| case.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "voice_incoming_true",
            "voice_incoming_false",
            "region_us1",
            "region_ie1",
            "taskrouter_empty"
        ]
    );
    for case in &refused {
        let err = case
            .builder()
            .unwrap()
            .sign(&case.signing_key(), UnixTime::from_secs(case.now))
            .expect_err(&case.name);
        let reason = case
            .refused_because
            .as_deref()
            .expect("a refused case says why");
        assert!(err.to_string().contains(reason), "{}: {err}", case.name);
        let product = case.request["grants"][0]["type"].as_str().unwrap();
        match product {
            "voice" => assert_eq!(
                err.grant_error(),
                Some(&VoiceGrantError::MissingApplicationSid)
            ),
            "taskrouter" => assert_eq!(
                err.grant_error(),
                Some(&TaskRouterGrantError::MissingWorkspaceSid)
            ),
            other => panic!("{}: no refusal expected for {other}", case.name),
        }
    }
}

#[test]
fn region_header_matches_node() {
    for case in official_vectors().cases {
        let Some(region) = case.request.get("region").and_then(Value::as_str) else {
            continue;
        };
        assert_eq!(case.request["account_sid"], ACCOUNT);
        let token = builder("alice")
            .region(Region::new(region).unwrap())
            .grant(VoiceGrant::new(app()))
            .sign(&case.signing_key(), UnixTime::from_secs(case.now))
            .unwrap();
        let ours = decode_checked(token.as_str(), case.secret.as_bytes());
        assert_eq!(&ours.header, case.node().1, "{}", case.name);
        let header_segment = token.as_str().split('.').next().unwrap();
        assert_eq!(header_segment, case.node().0.split('.').next().unwrap());
    }
}

/// Golden tokens, computed outside this workspace with Python's `json.dumps` (compact, UTF-8)
/// and `hmac`/`hashlib` from the header and payload we mean to write. A change here is a change
/// to the wire format: update these only on purpose.
const GOLDEN_EVERYTHING: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIiwidHdyIjoiaWUxIn0.eyJqdGkiOiJnb2xkZW4tMSIsImdyYW50cyI6eyJpZGVudGl0eSI6ImFsaWNlXzAxIiwidm9pY2UiOnsiaW5jb21pbmciOnsiYWxsb3ciOnRydWV9LCJvdXRnb2luZyI6eyJhcHBsaWNhdGlvbl9zaWQiOiJBUDdmNzRkMzEwNTcyNTUyZDc4ZTFmODAyZWZhZGY3ZDQwIiwicGFyYW1zIjp7ImFnZW50Ijoic21pdGgiLCJwcmlvcml0eSI6NSwicXVldWUiOiJzdXBwb3J0In19LCJwdXNoX2NyZWRlbnRpYWxfc2lkIjoiQ1I4ZWFlNTBjZTNmODZjMGNiYjgwNTE4ZWNkZjYxOTZhYSIsImVuZHBvaW50X2lkIjoiYWxpY2UtaXBob25lLTEifSwidmlkZW8iOnsicm9vbSI6IkRhaWx5U3RhbmR1cCJ9LCJjaGF0Ijp7InNlcnZpY2Vfc2lkIjoiSVNjZWU0MmQzMmFmODk1OWY4NDZiNWYyZTljYTcyZmMwMSIsImVuZHBvaW50X2lkIjoiY2hhdC1hcHA6YWxpY2U6ZGV2aWNlLTEiLCJkZXBsb3ltZW50X3JvbGVfc2lkIjoiUkw3ZTAwNjM2NDYzNzQ2NDYxZWZjMzI0MDk4ZWU5OWVlNiIsInB1c2hfY3JlZGVudGlhbF9zaWQiOiJDUjhlYWU1MGNlM2Y4NmMwY2JiODA1MThlY2RmNjE5NmFhIn0sImRhdGFfc3luYyI6eyJzZXJ2aWNlX3NpZCI6IklTY2VlNDJkMzJhZjg5NTlmODQ2YjVmMmU5Y2E3MmZjMDEiLCJlbmRwb2ludF9pZCI6InN5bmMtZXAtYWxpY2UifX0sIm5iZiI6MTY5OTk5OTk0MCwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA2MDAsImlzcyI6IlNLYmQwOWY3NTZjYTM4MGVkYjVkZGE0Y2JlMmQ0NGVlMGEiLCJzdWIiOiJBQ2ZhNDAzZmE1MzY1M2E4MmQzNTU0NzFhZjk5MDhjNmYxIn0.jSsVAquRxEMM9UMjCJgXtGS1hcjEu3rE7ybNO7ZMa40";
const GOLDEN_ESCAPED_IDENTITY: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJnb2xkZW4tMiIsImdyYW50cyI6eyJpZGVudGl0eSI6Inpvw6svXCJxdW90ZWRcIkBleGFtcGxlLmNvbSIsImNoYXQiOnsic2VydmljZV9zaWQiOiJJU2NlZTQyZDMyYWY4OTU5Zjg0NmI1ZjJlOWNhNzJmYzAxIn19LCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDA4NjQwMCwiaXNzIjoiU0tiZDA5Zjc1NmNhMzgwZWRiNWRkYTRjYmUyZDQ0ZWUwYSIsInN1YiI6IkFDZmE0MDNmYTUzNjUzYTgyZDM1NTQ3MWFmOTkwOGM2ZjEifQ.m4_l5P9HazSnScff2hcw5scyDbBnhhdTh-XuzNy-qTA";

#[test]
fn golden_token_with_every_field() {
    let token = builder("alice_01")
        .ttl(Ttl::from_secs(600).unwrap())
        .not_before(UnixTime::from_secs(1_699_999_940))
        .region(Region::new("ie1").unwrap())
        .jti(Jti::new("golden-1").unwrap())
        .grant(
            VoiceGrant::new(app())
                .allow_incoming()
                .with_param("queue", "support")
                .with_param("agent", "smith")
                .with_param("priority", 5)
                .with_push_credential(CREDENTIAL.parse().unwrap())
                .with_endpoint_id("alice-iphone-1"),
        )
        .grant(VideoGrant::new().with_room("DailyStandup"))
        .grant(
            ChatGrant::new(SERVICE.parse().unwrap())
                .with_endpoint_id("chat-app:alice:device-1")
                .with_deployment_role("RL7e00636463746461efc324098ee99ee6".parse().unwrap())
                .with_push_credential(CREDENTIAL.parse().unwrap()),
        )
        .grant(SyncGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("sync-ep-alice"))
        .sign(&key(), NOW)
        .unwrap();
    assert_eq!(token.as_str(), GOLDEN_EVERYTHING);
}

#[test]
fn golden_token_with_escaped_non_ascii_identity() {
    let token = builder("zoë/\"quoted\"@example.com")
        .ttl(Ttl::MAX)
        .jti(Jti::new("golden-2").unwrap())
        .grant(ChatGrant::new(SERVICE.parse().unwrap()))
        .sign(&key(), NOW)
        .unwrap();
    assert_eq!(token.as_str(), GOLDEN_ESCAPED_IDENTITY);
}

/// `sign_with_random`, the `no_std` entry point, writes the caller's bytes as the jti's random
/// part, and the times from the caller's clock.
#[test]
fn the_caller_s_random_bytes_and_time_make_the_jti_and_times() {
    let token = builder("alice")
        .grant(VideoGrant::new())
        .sign_with_random(&key(), NOW, [0x5a; 16])
        .unwrap();
    let payload = decode_checked(token.as_str(), SECRET.as_bytes()).payload;
    assert_eq!(payload["jti"], format!("{KEY_SID}-{}", "5a".repeat(16)));
    assert_eq!(payload["iat"], NOW.as_secs());
    assert_eq!(payload["exp"], NOW.as_secs() + 3600);
    assert!(payload.get("nbf").is_none());
}
