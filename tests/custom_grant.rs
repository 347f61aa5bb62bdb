//! A grant this workspace does not ship, written against `fpa_core::Grant` alone: what a user
//! adding TaskRouter does without forking.

// Test helpers outside `#[test]` functions panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used)]

use core::fmt;

use fpa::{AccessToken, ApiKeySecret, Grant, Identity, MintError, SigningKey, UnixTime};
use fpa_tests::decode_checked;
use serde::Serialize;

fpa::sid! {
    /// A TaskRouter workspace SID.
    pub struct WorkspaceSid("WS", "TaskRouter workspace SID");
}

fpa::sid! {
    /// A TaskRouter worker SID.
    pub struct WorkerSid("WK", "TaskRouter worker SID");
}

/// `grants.task_router` (SPEC.md §5).
#[derive(Serialize)]
struct TaskRouterGrant {
    workspace_sid: WorkspaceSid,
    worker_sid: WorkerSid,
    role: String,
}

#[derive(Debug, PartialEq)]
struct EmptyRole;

impl fmt::Display for EmptyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the TaskRouter role is empty")
    }
}

impl core::error::Error for EmptyRole {}

impl Grant for TaskRouterGrant {
    const KEY: &'static str = "task_router";
    type Error = EmptyRole;

    fn check(&self, _identity: &Identity) -> Result<(), EmptyRole> {
        if self.role.is_empty() {
            return Err(EmptyRole);
        }
        Ok(())
    }
}

const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";

fn mint(role: &str) -> Result<AccessToken, MintError> {
    let key = SigningKey::new(
        "SKbd09f756ca380edb5dda4cbe2d44ee0a".parse().unwrap(),
        &ApiKeySecret::new(SECRET).unwrap(),
    );
    AccessToken::builder(
        "ACfa403fa53653a82d355471af9908c6f1".parse().unwrap(),
        "alice".parse().unwrap(),
    )
    .grant(TaskRouterGrant {
        workspace_sid: "WS0123456789abcdef0123456789abcdef".parse().unwrap(),
        worker_sid: "WK0123456789abcdef0123456789abcdef".parse().unwrap(),
        role: role.into(),
    })
    .grant(fpa::video::VideoGrant::new())
    .sign(&key, UnixTime::from_secs(1_700_000_000))
}

#[test]
fn a_user_grant_is_written_under_its_key() {
    let token = mint("worker").unwrap();
    let payload = decode_checked(token.as_str(), SECRET.as_bytes()).payload;
    assert_eq!(
        payload["grants"],
        serde_json::json!({
            "identity": "alice",
            "task_router": {
                "workspace_sid": "WS0123456789abcdef0123456789abcdef",
                "worker_sid": "WK0123456789abcdef0123456789abcdef",
                "role": "worker",
            },
            "video": {},
        })
    );
}

#[test]
fn a_user_grant_check_refuses_through_mint_error() {
    let err = mint("").unwrap_err();
    assert!(matches!(
        err,
        MintError::Grant {
            key: "task_router",
            ..
        }
    ));
    assert_eq!(err.grant_error::<EmptyRole>(), Some(&EmptyRole));
    assert_eq!(
        err.to_string(),
        "invalid \"task_router\" grant: the TaskRouter role is empty"
    );
}

#[test]
fn a_user_sid_checks_its_prefix() {
    let err = "WK0123456789abcdef0123456789abcdef"
        .parse::<WorkspaceSid>()
        .unwrap_err();
    assert!(err.to_string().contains("TaskRouter workspace SID"));
}
