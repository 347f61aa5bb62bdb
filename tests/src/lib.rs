//! Helpers shared by the black-box tests (`main.rs` and the `fpa` command's tests): the
//! fixtures, the official vectors, and an independent decoder that checks a token with the
//! `hmac` crate directly rather than through `fpa`.
//!
//! The workspace README follows, so that its Rust example runs as a doc test.
//!
#![doc = include_str!("../../README.md")]

use base64ct::{Base64UrlUnpadded, Encoding};
pub mod fixtures;

use fpa::{
    AccessToken, AccessTokenBuilder, AccountSid, ApiKeySecret, ApiKeySid, ClaimError, Identity,
    Region, SigningKey, Ttl, UnixTime,
    chat::ChatGrant,
    sync::SyncGrant,
    taskrouter::TaskRouterGrant,
    video::VideoGrant,
    voice::{ApplicationSid, VoiceGrant},
};
use hmac::{KeyInit, Mac};
use serde::Deserialize;
use serde_json::{Map, Value};

/// `docs/grants.md`, whose Rust examples run as doc tests.
#[doc = include_str!("../../docs/grants.md")]
pub mod grants_doc {}

/// `docs/migrating.md`, whose Rust example runs as a doc test.
#[doc = include_str!("../../docs/migrating.md")]
pub mod migrating_doc {}

/// The official helper libraries' tokens: `tests/vectors/official-tokens.json`, a copy of the
/// vectors the Python and Node libraries produced with frozen clocks.
pub const OFFICIAL_TOKENS: &str = include_str!("../vectors/official-tokens.json");

/// The vectors file: one case per request.
#[derive(Debug, Deserialize)]
pub struct OfficialVectors {
    /// One case per request.
    pub cases: Vec<Case>,
}

/// A request minted by the official Python and Node libraries at a frozen `now`.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// The case's name.
    pub name: String,
    /// The request, with twilio-python's parameter names.
    pub request: Value,
    /// The frozen clock.
    pub now: u64,
    /// The API key secret.
    pub secret: String,
    /// `python` and `node` tokens with their decoded header and payload.
    pub tokens: Map<String, Value>,
    /// `same-as-node` or `refused`.
    pub mint: String,
    /// Why a conforming minter refuses the request, for `refused` cases.
    pub refused_because: Option<String>,
}

/// The official vectors.
pub fn official_vectors() -> OfficialVectors {
    serde_json::from_str(OFFICIAL_TOKENS).expect("the vectors file is valid JSON")
}

impl Case {
    /// The Node library's token, header and payload.
    pub fn node(&self) -> (&str, &Value, &Value) {
        let node = &self.tokens["node"];
        (
            node["token"].as_str().expect("node token is a string"),
            &node["header"],
            &node["payload"],
        )
    }

    /// The signing key of this case's request.
    pub fn signing_key(&self) -> SigningKey {
        let sid: ApiKeySid = self.request["api_key_sid"]
            .as_str()
            .expect("api_key_sid")
            .parse()
            .expect("the vectors' API key SID parses");
        let secret =
            ApiKeySecret::new(self.secret.as_bytes()).expect("the vectors' secret is long enough");
        SigningKey::new(sid, &secret)
    }

    /// The request as an `fpa` builder, mapping twilio-python's parameters onto ours.
    ///
    /// # Errors
    ///
    /// A claim value our rules refuse.
    pub fn builder(&self) -> Result<AccessTokenBuilder, ClaimError> {
        let request = &self.request;
        let account: AccountSid = request["account_sid"]
            .as_str()
            .expect("account_sid")
            .parse()
            .expect("the vectors' account SID parses");
        let identity = Identity::new(request["identity"].as_str().expect("identity"))?;
        let mut builder = AccessToken::builder(account, identity);
        if let Some(ttl) = request.get("ttl") {
            builder = builder.ttl(Ttl::from_secs(ttl.as_u64().expect("ttl is an integer"))?);
        }
        if let Some(nbf) = request.get("nbf") {
            builder = builder.not_before(UnixTime::from_secs(nbf.as_u64().expect("nbf")));
        }
        if let Some(region) = request.get("region") {
            builder = builder.region(Region::new(region.as_str().expect("region"))?);
        }
        for grant in request["grants"].as_array().expect("grants is an array") {
            builder = match grant["type"].as_str().expect("grant type") {
                "voice" => builder.grant(voice_grant(grant)),
                "video" => builder.grant(video_grant(grant)),
                "chat" => builder.grant(chat_grant(grant)),
                "sync" => builder.grant(sync_grant(grant)),
                "taskrouter" => builder.grant(taskrouter_grant(grant)),
                other => panic!("unknown grant type {other} in the vectors"),
            };
        }
        Ok(builder)
    }
}

fn voice_grant(request: &Value) -> VoiceGrant {
    let Some(app) = request.get("outgoing_application_sid") else {
        // Our API cannot build a Voice grant without an application; the wire form can, so a
        // request without one goes through deserialization and is refused when minting.
        let allow = request["incoming_allow"].as_bool().unwrap_or(false);
        let wire = if allow {
            serde_json::json!({"incoming": {"allow": true}})
        } else {
            serde_json::json!({})
        };
        return serde_json::from_value(wire).expect("a Voice grant without outgoing decodes");
    };
    let app: ApplicationSid = app
        .as_str()
        .expect("AP sid")
        .parse()
        .expect("AP sid parses");
    let mut grant = VoiceGrant::new(app);
    if request["incoming_allow"].as_bool() == Some(true) {
        grant = grant.allow_incoming();
    }
    if let Some(params) = request.get("outgoing_application_params") {
        for (key, value) in params.as_object().expect("params is an object") {
            grant = grant.with_param(key.clone(), value.clone());
        }
    }
    if let Some(sid) = request.get("push_credential_sid") {
        grant = grant.with_push_credential(sid.as_str().expect("CR").parse().expect("CR parses"));
    }
    if let Some(endpoint) = request.get("endpoint_id") {
        grant = grant.with_endpoint_id(endpoint.as_str().expect("endpoint_id"));
    }
    grant
}

fn video_grant(request: &Value) -> VideoGrant {
    match request.get("room") {
        Some(room) => VideoGrant::new().with_room(room.as_str().expect("room")),
        None => VideoGrant::new(),
    }
}

fn chat_grant(request: &Value) -> ChatGrant {
    let service = request["service_sid"]
        .as_str()
        .expect("IS")
        .parse()
        .expect("IS parses");
    let mut grant = ChatGrant::new(service);
    if let Some(endpoint) = request.get("endpoint_id") {
        grant = grant.with_endpoint_id(endpoint.as_str().expect("endpoint_id"));
    }
    if let Some(sid) = request.get("deployment_role_sid") {
        grant = grant.with_deployment_role(sid.as_str().expect("RL").parse().expect("RL parses"));
    }
    if let Some(sid) = request.get("push_credential_sid") {
        grant = grant.with_push_credential(sid.as_str().expect("CR").parse().expect("CR parses"));
    }
    grant
}

fn sync_grant(request: &Value) -> SyncGrant {
    let service = request["service_sid"]
        .as_str()
        .expect("IS")
        .parse()
        .expect("IS parses");
    let mut grant = SyncGrant::new(service);
    if let Some(endpoint) = request.get("endpoint_id") {
        grant = grant.with_endpoint_id(endpoint.as_str().expect("endpoint_id"));
    }
    grant
}

fn taskrouter_grant(request: &Value) -> TaskRouterGrant {
    let (Some(workspace), Some(worker)) = (request.get("workspace_sid"), request.get("worker_sid"))
    else {
        // As for Voice: the wire form can leave out what our API requires, and minting refuses it.
        let mut wire = request.clone();
        wire.as_object_mut()
            .expect("a grant request is an object")
            .remove("type");
        return serde_json::from_value(wire).expect("a partial TaskRouter grant decodes");
    };
    let mut grant = TaskRouterGrant::new(
        workspace.as_str().expect("WS").parse().expect("WS parses"),
        worker.as_str().expect("WK").parse().expect("WK parses"),
    );
    if let Some(role) = request.get("role") {
        grant = grant.with_role(role.as_str().expect("role"));
    }
    grant
}

/// A token taken apart without `fpa`: its decoded header and payload.
#[derive(Debug)]
pub struct Decoded {
    /// The header JSON.
    pub header: Value,
    /// The payload JSON.
    pub payload: Value,
}

/// Splits `token`, checks its HMAC-SHA256 signature with `secret`, and decodes header and
/// payload. Panics on anything malformed: it is for tokens the tests expect to be good.
pub fn decode_checked(token: &str, secret: &[u8]) -> Decoded {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT has three parts");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    let signature = Base64UrlUnpadded::decode_vec(parts[2]).expect("signature is base64url");
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(signing_input.as_bytes());
    mac.verify_slice(&signature).expect("the signature matches");
    let part = |s: &str| -> Value {
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(s).expect("base64url")).expect("JSON")
    };
    Decoded {
        header: part(parts[0]),
        payload: part(parts[1]),
    }
}

/// Base64url without padding, for building tokens by hand.
pub fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Signs `header.payload` (already base64url-encoded) with HMAC-SHA256 and `secret`, without
/// `fpa`: how the tests build tokens that only the rule under test makes invalid.
pub fn sign_segments(header: &str, payload: &str, secret: &[u8]) -> String {
    let signing_input = format!("{header}.{payload}");
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(signing_input.as_bytes());
    format!("{signing_input}.{}", b64(&mac.finalize().into_bytes()))
}

/// Signs a header and payload given as JSON text, byte for byte as written.
pub fn sign_json(header: &str, payload: &str, secret: &[u8]) -> String {
    sign_segments(&b64(header.as_bytes()), &b64(payload.as_bytes()), secret)
}
