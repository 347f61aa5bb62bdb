#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use core::fmt;

use fpa_core::{Grant, Identity};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

fpa_core::sid! {
    /// A TwiML application SID (`AP…`): the app whose Voice URL Twilio requests for outgoing calls.
    pub struct ApplicationSid("AP", "TwiML application SID");
}

fpa_core::sid! {
    /// A push credential SID (`CR…`): the credential Twilio uses to send incoming-call pushes.
    pub struct CredentialSid("CR", "push credential SID");
}

/// How many levels of arrays and objects a Voice parameter's value may nest: a verifier reads 32
/// levels, of which the payload, `grants`, `voice`, `outgoing` and `params` take five.
pub const MAX_PARAM_NESTING: usize = 27;

/// The most characters a Voice identity may have (Twilio's Voice SDK error text).
pub const MAX_VOICE_IDENTITY_CHARS: usize = 121;

/// A Voice grant, stored under `grants.voice`.
///
/// Minting requires a TwiML application ([`VoiceGrant::new`]); incoming calls are off unless
/// [`allow_incoming`](Self::allow_incoming) is called. A decoded grant from another library may
/// lack the application, which [`outgoing`](Self::outgoing) shows as `None`; such a grant cannot be
/// minted.
///
/// ```
/// use fpa_grant_voice::VoiceGrant;
///
/// let grant = VoiceGrant::new("AP7f74d310572552d78e1f802efadf7d40".parse()?)
///     .allow_incoming()
///     .with_param("queue", "support");
/// assert_eq!(
///     serde_json::to_string(&grant)?,
///     r#"{"incoming":{"allow":true},"outgoing":{"application_sid":"AP7f74d310572552d78e1f802efadf7d40","params":{"queue":"support"}}}"#
/// );
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoiceGrant {
    #[serde(
        rename = "incoming",
        default,
        skip_serializing_if = "is_false",
        serialize_with = "serialize_incoming",
        deserialize_with = "deserialize_incoming"
    )]
    incoming_allowed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outgoing: Option<Outgoing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    push_credential_sid: Option<CredentialSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    endpoint_id: Option<String>,
}

/// Outgoing calls: the TwiML application to run and the parameters passed to it.
///
/// Parameters cannot exist without their application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outgoing {
    application_sid: ApplicationSid,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    params: Map<String, Value>,
}

impl Outgoing {
    /// The TwiML application Twilio runs for outgoing calls.
    pub fn application_sid(&self) -> ApplicationSid {
        self.application_sid
    }

    /// The parameters Twilio passes to the application's Voice URL.
    pub fn params(&self) -> &Map<String, Value> {
        &self.params
    }
}

impl VoiceGrant {
    /// A grant for outgoing calls through the TwiML application `application_sid`.
    pub fn new(application_sid: ApplicationSid) -> Self {
        Self {
            incoming_allowed: false,
            outgoing: Some(Outgoing {
                application_sid,
                params: Map::new(),
            }),
            push_credential_sid: None,
            endpoint_id: None,
        }
    }

    /// Lets the identity receive incoming calls (`incoming.allow`).
    #[must_use]
    pub fn allow_incoming(mut self) -> Self {
        self.incoming_allowed = true;
        self
    }

    /// Adds a parameter passed to the TwiML application (`outgoing.params`); a later value for
    /// the same key replaces the earlier one.
    ///
    /// Parameters belong to the application: on a grant decoded without one (which cannot be
    /// minted), this does nothing.
    #[must_use]
    pub fn with_param(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        if let Some(outgoing) = &mut self.outgoing {
            outgoing.params.insert(key.into(), value.into());
        }
        self
    }

    /// The push credential for incoming-call notifications on mobile.
    #[must_use]
    pub fn with_push_credential(mut self, sid: CredentialSid) -> Self {
        self.push_credential_sid = Some(sid);
        self
    }

    /// The endpoint id that tells this identity's devices apart.
    #[must_use]
    pub fn with_endpoint_id(mut self, endpoint_id: impl Into<String>) -> Self {
        self.endpoint_id = Some(endpoint_id.into());
        self
    }

    /// Whether the identity may receive incoming calls.
    pub fn incoming_allowed(&self) -> bool {
        self.incoming_allowed
    }

    /// Outgoing calls, when the grant has an application.
    pub fn outgoing(&self) -> Option<&Outgoing> {
        self.outgoing.as_ref()
    }

    /// The push credential, if any.
    pub fn push_credential_sid(&self) -> Option<CredentialSid> {
        self.push_credential_sid
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&str> {
        self.endpoint_id.as_deref()
    }
}

impl Grant for VoiceGrant {
    const KEY: &'static str = "voice";
    type Error = VoiceGrantError;

    fn check(&self) -> Result<(), VoiceGrantError> {
        if self.outgoing.is_none() {
            return Err(VoiceGrantError::MissingApplicationSid);
        }
        if self.endpoint_id.as_deref() == Some("") {
            return Err(VoiceGrantError::EmptyEndpointId);
        }
        let params = self.outgoing.iter().flat_map(|outgoing| &outgoing.params);
        for (key, value) in params {
            if nests_deeper_than(value, MAX_PARAM_NESTING) {
                return Err(VoiceGrantError::ParamTooDeep { key: key.clone() });
            }
        }
        Ok(())
    }

    /// Voice identities are ASCII letters, digits and `_`, at most 121 of them (docs/spec.md §4).
    fn check_identity(identity: &Identity) -> Result<(), VoiceGrantError> {
        let identity = identity.as_str();
        if let Some((index, character)) = identity
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(VoiceGrantError::IdentityCharacter {
                position: index + 1,
                character,
            });
        }
        // Only ASCII is left, so bytes are characters.
        if identity.len() > MAX_VOICE_IDENTITY_CHARS {
            return Err(VoiceGrantError::IdentityTooLong {
                chars: identity.len(),
            });
        }
        Ok(())
    }
}

/// Why a Voice grant cannot be minted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VoiceGrantError {
    /// The grant has no `outgoing.application_sid`, which every Voice SDK needs.
    MissingApplicationSid,
    /// The identity has a character other than an ASCII letter, digit or `_`.
    IdentityCharacter {
        /// Its 1-based position, in characters.
        position: usize,
        /// The character.
        character: char,
    },
    /// The identity is longer than [`MAX_VOICE_IDENTITY_CHARS`].
    IdentityTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The endpoint id is set but empty.
    EmptyEndpointId,
    /// A parameter's value nests more than [`MAX_PARAM_NESTING`] levels of arrays and objects.
    ParamTooDeep {
        /// The parameter's name.
        key: String,
    },
}

impl fmt::Display for VoiceGrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingApplicationSid => f.write_str(
                "a Voice grant needs outgoing.application_sid (an `AP…` TwiML application SID), \
                 which every Voice SDK requires; build it with VoiceGrant::new",
            ),
            Self::IdentityCharacter {
                position,
                character,
            } => write!(
                f,
                "Voice identities may only contain ASCII letters, digits and `_`, but character \
                 {position} is {character:?}; map your user id to such a string"
            ),
            Self::IdentityTooLong { chars } => write!(
                f,
                "Voice identities may be at most {MAX_VOICE_IDENTITY_CHARS} characters, but this one is \
                 {chars}"
            ),
            Self::EmptyEndpointId => {
                f.write_str("the Voice endpoint_id is empty: leave it unset or give a non-empty id")
            }
            Self::ParamTooDeep { key } => write!(
                f,
                "the Voice parameter {key:?} nests more than {MAX_PARAM_NESTING} levels of arrays \
                 and objects, deeper than a verifier reads; flatten it"
            ),
        }
    }
}

impl core::error::Error for VoiceGrantError {}

/// Whether `value` nests more than `max` levels of arrays and objects; iterative, so that the
/// check itself takes no stack however deep the value is.
fn nests_deeper_than(value: &Value, max: usize) -> bool {
    let mut open = alloc::vec![(value, 0)];
    while let Some((value, depth)) = open.pop() {
        let inside: &mut dyn Iterator<Item = &Value> = match value {
            Value::Array(items) => &mut items.iter(),
            Value::Object(entries) => &mut entries.values(),
            _ => continue,
        };
        if depth == max {
            return true;
        }
        open.extend(inside.map(|inner| (inner, depth + 1)));
    }
    false
}

fn is_false(allowed: &bool) -> bool {
    !allowed
}

/// `incoming` is written as `{"allow": true}` (and left out when calls are not allowed).
fn serialize_incoming<S: Serializer>(allowed: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    Incoming { allow: *allowed }.serialize(serializer)
}

/// Reads `incoming`, including Java's `{"allow": false}` and an `allow` left out.
fn deserialize_incoming<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Incoming::deserialize(deserializer).map(|incoming| incoming.allow)
}

#[derive(Serialize, Deserialize)]
struct Incoming {
    #[serde(default)]
    allow: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use fpa_core::{AccessToken, ApiKeySecret, MintError, SigningKey, UnixTime};

    const APP: &str = "AP7f74d310572552d78e1f802efadf7d40";

    fn app() -> ApplicationSid {
        APP.parse().unwrap()
    }

    fn check(identity: &str) -> Result<(), VoiceGrantError> {
        VoiceGrant::check_identity(&identity.parse().unwrap())
    }

    #[test]
    fn minimal_grant_is_just_the_application() {
        let json = serde_json::to_string(&VoiceGrant::new(app())).unwrap();
        assert_eq!(
            json,
            r#"{"outgoing":{"application_sid":"AP7f74d310572552d78e1f802efadf7d40"}}"#
        );
    }

    #[test]
    fn every_field_uses_its_wire_name() {
        let grant = VoiceGrant::new(app())
            .allow_incoming()
            .with_param("agent", "smith")
            .with_param("retries", 3)
            .with_push_credential("CR8eae50ce3f86c0cbb80518ecdf6196aa".parse().unwrap())
            .with_endpoint_id("alice-iphone-1");
        let json: Value = serde_json::to_value(&grant).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "incoming": {"allow": true},
                "outgoing": {"application_sid": APP, "params": {"agent": "smith", "retries": 3}},
                "push_credential_sid": "CR8eae50ce3f86c0cbb80518ecdf6196aa",
                "endpoint_id": "alice-iphone-1",
            })
        );
        assert_eq!(serde_json::from_value::<VoiceGrant>(json).unwrap(), grant);
    }

    #[test]
    fn decodes_what_other_libraries_write() {
        let java: VoiceGrant =
            serde_json::from_str(r#"{"incoming":{"allow":false},"outgoing":{"application_sid":"AP7f74d310572552d78e1f802efadf7d40"}}"#)
                .unwrap();
        assert!(!java.incoming_allowed());
        let no_app: VoiceGrant = serde_json::from_str(r#"{"incoming":{"allow":true}}"#).unwrap();
        assert!(no_app.incoming_allowed());
        assert!(no_app.outgoing().is_none());
        assert_eq!(no_app.check(), Err(VoiceGrantError::MissingApplicationSid));
        let wrong_kind = serde_json::from_str::<VoiceGrant>(
            r#"{"outgoing":{"application_sid":"IScee42d32af8959f846b5f2e9ca72fc01"}}"#,
        )
        .unwrap_err();
        assert!(
            wrong_kind.to_string().contains("TwiML application SID"),
            "{wrong_kind}"
        );
    }

    #[test]
    fn identity_is_letters_digits_underscore() {
        assert_eq!(check("alice_01"), Ok(()));
        assert_eq!(
            check("alice smith"),
            Err(VoiceGrantError::IdentityCharacter {
                position: 6,
                character: ' '
            })
        );
        assert!(matches!(
            check("alice@example.com"),
            Err(VoiceGrantError::IdentityCharacter { character: '@', .. })
        ));
        assert!(matches!(
            check("zoë"),
            Err(VoiceGrantError::IdentityCharacter {
                character: 'ë', ..
            })
        ));
    }

    #[test]
    fn identity_is_at_most_121_characters() {
        assert_eq!(check(&"a".repeat(121)), Ok(()));
        assert_eq!(
            check(&"a".repeat(122)),
            Err(VoiceGrantError::IdentityTooLong { chars: 122 })
        );
    }

    #[test]
    fn empty_endpoint_id_is_refused() {
        let grant = VoiceGrant::new(app()).with_endpoint_id("");
        assert_eq!(grant.check(), Err(VoiceGrantError::EmptyEndpointId));
    }

    #[test]
    fn mints_with_fpa_core_alone() {
        let secret = ApiKeySecret::new("Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1").unwrap();
        let key = SigningKey::new(
            "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(),
            &secret,
        );
        let builder = AccessToken::builder(
            "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
            "alice".parse().unwrap(),
        );
        let token = builder
            .grant(VoiceGrant::new(app()).allow_incoming())
            .sign(&key, UnixTime::from_secs(1_700_000_000))
            .unwrap();
        assert_eq!(token.as_str().split('.').count(), 3);

        let err = AccessToken::builder(
            "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
            "alice smith".parse().unwrap(),
        )
        .grant(VoiceGrant::new(app()))
        .sign(&key, UnixTime::from_secs(1_700_000_000))
        .unwrap_err();
        assert!(matches!(err, MintError::Grant { key: "voice", .. }));
        assert!(matches!(
            err.grant_error::<VoiceGrantError>(),
            Some(VoiceGrantError::IdentityCharacter { .. })
        ));
        assert!(err.to_string().contains("ASCII letters, digits and `_`"));
    }

    /// Each message names what is wrong and what to change, on one line without a final period.
    #[test]
    fn every_message_says_what_to_fix() {
        let cases: [(VoiceGrantError, &[&str]); 4] = [
            (
                VoiceGrantError::MissingApplicationSid,
                &["outgoing.application_sid", "`AP…`", "VoiceGrant::new"],
            ),
            (
                VoiceGrantError::IdentityCharacter {
                    position: 6,
                    character: ' ',
                },
                &[
                    "ASCII letters, digits and `_`",
                    "character 6 is ' '",
                    "map your user id",
                ],
            ),
            (
                VoiceGrantError::IdentityTooLong { chars: 122 },
                &["at most 121 characters", "this one is 122"],
            ),
            (
                VoiceGrantError::EmptyEndpointId,
                &["endpoint_id is empty", "leave it unset"],
            ),
        ];
        for (err, phrases) in cases {
            let message = err.to_string();
            for phrase in phrases {
                assert!(message.contains(phrase), "{message:?} lacks {phrase:?}");
            }
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    /// Nested `levels` deep in arrays around a string.
    fn nested(levels: usize) -> Value {
        (0..levels).fold(Value::from("x"), |inner, _| {
            Value::Array(alloc::vec![inner])
        })
    }

    #[test]
    fn a_parameter_nests_at_most_27_levels() {
        let at_most = VoiceGrant::new(app()).with_param("a", nested(MAX_PARAM_NESTING));
        assert_eq!(at_most.check(), Ok(()));
        let deeper = VoiceGrant::new(app())
            .with_param("flat", 1)
            .with_param("deep", serde_json::json!({"k": nested(MAX_PARAM_NESTING)}));
        assert_eq!(
            deeper.check(),
            Err(VoiceGrantError::ParamTooDeep { key: "deep".into() })
        );
        assert!(!nests_deeper_than(&Value::from(5), 0));
        assert!(nests_deeper_than(&nested(1), 0));
        assert!(!nests_deeper_than(&nested(1), 1));
        assert!(nests_deeper_than(&nested(1000), MAX_PARAM_NESTING));
    }
}
