#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use core::fmt;

use fpa_core::Grant;
use serde::{Deserialize, Serialize};

fpa_core::sid! {
    /// A Sync service SID (`IS…`).
    pub struct ServiceSid("IS", "Sync service SID");
}

/// A Sync grant, stored under `grants.data_sync`.
///
/// Minting requires a service ([`SyncGrant::new`]). A grant decoded from another library's token
/// may lack it ([`service_sid`](Self::service_sid) is then `None`); such a grant cannot be
/// minted.
///
/// Identities follow the rules every product shares: 1 to 256 characters (Twilio error 54351),
/// no control characters.
///
/// ```
/// use fpa_grant_sync::SyncGrant;
///
/// let grant = SyncGrant::new("IScee42d32af8959f846b5f2e9ca72fc01".parse()?).with_endpoint_id("e");
/// assert_eq!(
///     serde_json::to_string(&grant)?,
///     r#"{"service_sid":"IScee42d32af8959f846b5f2e9ca72fc01","endpoint_id":"e"}"#
/// );
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncGrant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_sid: Option<ServiceSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    endpoint_id: Option<String>,
}

impl SyncGrant {
    /// A grant for the Sync service `service_sid`.
    pub fn new(service_sid: ServiceSid) -> Self {
        Self {
            service_sid: Some(service_sid),
            endpoint_id: None,
        }
    }

    /// The endpoint id that tells this identity's devices apart.
    #[must_use]
    pub fn with_endpoint_id(mut self, endpoint_id: impl Into<String>) -> Self {
        self.endpoint_id = Some(endpoint_id.into());
        self
    }

    /// The Sync service, when the grant names one (a grant built with [`new`](Self::new)
    /// always does).
    pub fn service_sid(&self) -> Option<ServiceSid> {
        self.service_sid
    }

    /// The endpoint id, if any.
    pub fn endpoint_id(&self) -> Option<&str> {
        self.endpoint_id.as_deref()
    }
}

impl Grant for SyncGrant {
    const KEY: &'static str = "data_sync";
    // The product is Sync, but its key is `data_sync`.
    const MISTAKEN_KEYS: &'static [&'static str] = &["sync"];
    type Error = SyncGrantError;

    fn check(&self) -> Result<(), SyncGrantError> {
        if self.service_sid.is_none() {
            return Err(SyncGrantError::MissingServiceSid);
        }
        if self.endpoint_id.as_deref() == Some("") {
            return Err(SyncGrantError::EmptyEndpointId);
        }
        Ok(())
    }
}

/// Why a Sync grant cannot be minted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyncGrantError {
    /// The grant has no `service_sid`, which Sync needs to know the service.
    MissingServiceSid,
    /// The endpoint id is set but empty.
    EmptyEndpointId,
}

impl fmt::Display for SyncGrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingServiceSid => f.write_str(
                "a Sync grant needs service_sid (an `IS…` Sync service SID); build it with \
                 SyncGrant::new",
            ),
            Self::EmptyEndpointId => {
                f.write_str("the Sync endpoint_id is empty: leave it unset or give a non-empty id")
            }
        }
    }
}

impl core::error::Error for SyncGrantError {}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "IScee42d32af8959f846b5f2e9ca72fc01";

    #[test]
    fn stored_under_data_sync() {
        assert_eq!(<SyncGrant as Grant>::KEY, "data_sync");
        let decoded: SyncGrant =
            serde_json::from_str(r#"{"service_sid":"IScee42d32af8959f846b5f2e9ca72fc01"}"#)
                .unwrap();
        assert_eq!(decoded, SyncGrant::new(SERVICE.parse().unwrap()));
    }

    #[test]
    fn decodes_without_a_service_but_mints_only_with_one() {
        let decoded: SyncGrant = serde_json::from_str("{}").unwrap();
        assert_eq!(decoded.service_sid(), None);
        assert_eq!(decoded.check(), Err(SyncGrantError::MissingServiceSid));
    }

    #[test]
    fn empty_endpoint_is_refused() {
        let grant = SyncGrant::new(SERVICE.parse().unwrap()).with_endpoint_id("");
        assert_eq!(grant.check(), Err(SyncGrantError::EmptyEndpointId));
    }

    #[test]
    fn every_message_says_what_to_fix() {
        use alloc::string::ToString;
        let service = SyncGrantError::MissingServiceSid.to_string();
        assert!(
            service.contains("service_sid") && service.contains("SyncGrant::new"),
            "{service}"
        );
        let endpoint = SyncGrantError::EmptyEndpointId.to_string();
        assert!(
            endpoint.contains("Sync endpoint_id is empty") && endpoint.contains("leave it unset")
        );
    }
}
