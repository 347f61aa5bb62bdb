//! A grant this workspace does not ship, written against `fpa_core::Grant` alone: what a user
//! adding TaskRouter does without forking.

use core::fmt;

use fpa::{AccessToken, Grant, Identity, MintError};
use fpa_tests::{
    decode_checked,
    fixtures::{NOW, SECRET, builder, key},
};
use serde::Serialize;

fpa::sid! {
    /// A TaskRouter workspace SID.
    pub struct WorkspaceSid("WS", "TaskRouter workspace SID");
}

fpa::sid! {
    /// A TaskRouter worker SID.
    pub struct WorkerSid("WK", "TaskRouter worker SID");
}

/// `grants.task_router` (docs/spec.md §5).
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

fn mint(role: &str) -> Result<AccessToken, MintError> {
    builder("alice")
        .grant(TaskRouterGrant {
            workspace_sid: "WS0123456789abcdef0123456789abcdef".parse().unwrap(),
            worker_sid: "WK0123456789abcdef0123456789abcdef".parse().unwrap(),
            role: role.into(),
        })
        .grant(fpa::video::VideoGrant::new())
        .sign(&key(), NOW)
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
