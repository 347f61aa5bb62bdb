#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use core::fmt;

use fpa_core::Grant;
use serde::{Deserialize, Serialize};

fpa_core::sid! {
    /// A Conversations service SID (`IS…`).
    pub struct ServiceSid("IS", "Conversations service SID");
}

fpa_core::sid! {
    /// A role SID (`RL…`): the role the user gets in the service.
    pub struct RoleSid("RL", "role SID");
}

fpa_core::sid! {
    /// A push credential SID (`CR…`): the credential Twilio uses for push notifications.
    pub struct CredentialSid("CR", "push credential SID");
}

/// A Chat (Conversations) grant, stored under `grants.chat`.
///
/// Minting requires a service ([`ChatGrant::new`]). A grant decoded from another library's token
/// may lack it ([`service_sid`](Self::service_sid) is then `None`); such a grant cannot be
/// minted.
///
/// Identities follow the rules every product shares (1 to 256 characters, no control
/// characters); `@` and `.` are fine, so e-mail addresses work. Characters such as `:` are known
/// to break some Conversations features (twilio-node#166).
///
/// ```
/// use fpa_grant_chat::ChatGrant;
///
/// let grant = ChatGrant::new("IScee42d32af8959f846b5f2e9ca72fc01".parse()?);
/// assert_eq!(
///     serde_json::to_string(&grant)?,
///     r#"{"service_sid":"IScee42d32af8959f846b5f2e9ca72fc01"}"#
/// );
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatGrant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_sid: Option<ServiceSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    endpoint_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deployment_role_sid: Option<RoleSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    push_credential_sid: Option<CredentialSid>,
}

impl ChatGrant {
    /// A grant for the Conversations service `service_sid`.
    pub fn new(service_sid: ServiceSid) -> Self {
        Self {
            service_sid: Some(service_sid),
            endpoint_id: None,
            deployment_role_sid: None,
            push_credential_sid: None,
        }
    }

    /// The endpoint id that tells this identity's devices apart.
    #[must_use]
    pub fn with_endpoint_id(mut self, endpoint_id: impl Into<String>) -> Self {
        self.endpoint_id = Some(endpoint_id.into());
        self
    }

    /// The role the user gets in the service.
    #[must_use]
    pub fn with_deployment_role(mut self, sid: RoleSid) -> Self {
        self.deployment_role_sid = Some(sid);
        self
    }

    /// The push credential for notifications on mobile.
    #[must_use]
    pub fn with_push_credential(mut self, sid: CredentialSid) -> Self {
        self.push_credential_sid = Some(sid);
        self
    }

    /// The Conversations service, when the grant names one (a grant built with
    /// [`new`](Self::new) always does).
    pub fn service_sid(&self) -> Option<ServiceSid> {
        self.service_sid
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&str> {
        self.endpoint_id.as_deref()
    }

    /// The deployment role, if any.
    pub fn deployment_role_sid(&self) -> Option<RoleSid> {
        self.deployment_role_sid
    }

    /// The push credential, if any.
    pub fn push_credential_sid(&self) -> Option<CredentialSid> {
        self.push_credential_sid
    }
}

impl Grant for ChatGrant {
    const KEY: &'static str = "chat";
    // Chat is the Conversations grant; `ip_messaging` is its legacy, removed predecessor.
    const MISTAKEN_KEYS: &'static [&'static str] = &["conversations", "ip_messaging"];
    type Error = ChatGrantError;

    fn check(&self) -> Result<(), ChatGrantError> {
        if self.service_sid.is_none() {
            return Err(ChatGrantError::MissingServiceSid);
        }
        if self.endpoint_id.as_deref() == Some("") {
            return Err(ChatGrantError::EmptyEndpointId);
        }
        Ok(())
    }
}

/// Why a Chat grant cannot be minted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChatGrantError {
    /// The grant has no `service_sid`, which Conversations needs to know the service.
    MissingServiceSid,
    /// The endpoint id is set but empty.
    EmptyEndpointId,
}

impl fmt::Display for ChatGrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingServiceSid => f.write_str(
                "a Chat grant needs service_sid (an `IS…` Conversations service SID); build it \
                 with ChatGrant::new",
            ),
            Self::EmptyEndpointId => {
                f.write_str("the Chat endpoint_id is empty: leave it unset or give a non-empty id")
            }
        }
    }
}

impl core::error::Error for ChatGrantError {}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "IScee42d32af8959f846b5f2e9ca72fc01";

    #[test]
    fn every_field_uses_its_wire_name() {
        let grant = ChatGrant::new(SERVICE.parse().unwrap())
            .with_endpoint_id("chat-app:alice:device-1")
            .with_deployment_role("RL7e00636463746461efc324098ee99ee6".parse().unwrap())
            .with_push_credential("CR8eae50ce3f86c0cbb80518ecdf6196aa".parse().unwrap());
        let json = serde_json::to_value(&grant).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "service_sid": SERVICE,
                "endpoint_id": "chat-app:alice:device-1",
                "deployment_role_sid": "RL7e00636463746461efc324098ee99ee6",
                "push_credential_sid": "CR8eae50ce3f86c0cbb80518ecdf6196aa",
            })
        );
        assert_eq!(serde_json::from_value::<ChatGrant>(json).unwrap(), grant);
    }

    #[test]
    fn decodes_without_a_service_but_mints_only_with_one() {
        let decoded: ChatGrant = serde_json::from_str(r#"{"endpoint_id":"e"}"#).unwrap();
        assert_eq!(decoded.service_sid(), None);
        assert_eq!(decoded.check(), Err(ChatGrantError::MissingServiceSid));
        assert!(serde_json::from_str::<ChatGrant>(r#"{"service_sid":5}"#).is_err());
    }

    #[test]
    fn email_identities_pass_and_empty_endpoint_fails() {
        let grant = ChatGrant::new(SERVICE.parse().unwrap());
        assert_eq!(grant.check(), Ok(()));
        assert_eq!(
            ChatGrant::check_identity(&"alice@example.com".parse().unwrap()),
            Ok(())
        );
        assert_eq!(
            grant.with_endpoint_id("").check(),
            Err(ChatGrantError::EmptyEndpointId)
        );
    }

    #[test]
    fn every_message_says_what_to_fix() {
        use alloc::string::ToString;
        let service = ChatGrantError::MissingServiceSid.to_string();
        assert!(
            service.contains("service_sid") && service.contains("ChatGrant::new"),
            "{service}"
        );
        let endpoint = ChatGrantError::EmptyEndpointId.to_string();
        assert!(
            endpoint.contains("Chat endpoint_id is empty") && endpoint.contains("leave it unset")
        );
    }
}
