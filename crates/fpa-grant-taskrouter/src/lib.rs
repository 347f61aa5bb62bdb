#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use core::fmt;

use fpa_core::Grant;
use serde::{Deserialize, Serialize};

fpa_core::sid! {
    /// A TaskRouter workspace SID (`WS…`).
    pub struct WorkspaceSid("WS", "TaskRouter workspace SID");
}

fpa_core::sid! {
    /// A TaskRouter worker SID (`WK…`): the worker the token's holder acts as.
    pub struct WorkerSid("WK", "TaskRouter worker SID");
}

/// A TaskRouter grant, stored under `grants.task_router`.
///
/// Minting requires a workspace and a worker ([`TaskRouterGrant::new`]). A grant decoded from
/// another library's token may lack them, as every official library leaves unset fields out;
/// [`workspace_sid`](Self::workspace_sid) and [`worker_sid`](Self::worker_sid) then show `None`,
/// and such a grant cannot be minted.
///
/// ```
/// use fpa_grant_taskrouter::TaskRouterGrant;
///
/// let grant = TaskRouterGrant::new(
///     "WS4cccb2801f88e9c5dfb79c2e70d93c34".parse()?,
///     "WKb544441d5c024adf30806e2cb37b7c5e".parse()?,
/// )
/// .with_role("worker");
/// assert_eq!(
///     serde_json::to_string(&grant)?,
///     r#"{"workspace_sid":"WS4cccb2801f88e9c5dfb79c2e70d93c34","worker_sid":"WKb544441d5c024adf30806e2cb37b7c5e","role":"worker"}"#
/// );
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRouterGrant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    workspace_sid: Option<WorkspaceSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    worker_sid: Option<WorkerSid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<String>,
}

impl TaskRouterGrant {
    /// A grant for the worker `worker_sid` of the workspace `workspace_sid`.
    pub fn new(workspace_sid: WorkspaceSid, worker_sid: WorkerSid) -> Self {
        Self {
            workspace_sid: Some(workspace_sid),
            worker_sid: Some(worker_sid),
            role: None,
        }
    }

    /// The role the grant gives, such as `"worker"` in Twilio's examples.
    #[must_use]
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// The workspace, when the grant names one (a grant built with [`new`](Self::new) always
    /// does).
    pub fn workspace_sid(&self) -> Option<WorkspaceSid> {
        self.workspace_sid
    }

    /// The worker, when the grant names one (a grant built with [`new`](Self::new) always
    /// does).
    pub fn worker_sid(&self) -> Option<WorkerSid> {
        self.worker_sid
    }

    /// The role, if any.
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }
}

impl Grant for TaskRouterGrant {
    const KEY: &'static str = "task_router";
    // The product is TaskRouter, but its key has an underscore.
    const MISTAKEN_KEYS: &'static [&'static str] = &["taskrouter"];
    type Error = TaskRouterGrantError;

    fn check(&self) -> Result<(), TaskRouterGrantError> {
        if self.workspace_sid.is_none() {
            return Err(TaskRouterGrantError::MissingWorkspaceSid);
        }
        if self.worker_sid.is_none() {
            return Err(TaskRouterGrantError::MissingWorkerSid);
        }
        if self.role.as_deref() == Some("") {
            return Err(TaskRouterGrantError::EmptyRole);
        }
        Ok(())
    }
}

/// Why a TaskRouter grant cannot be minted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskRouterGrantError {
    /// The grant has no `workspace_sid`.
    MissingWorkspaceSid,
    /// The grant has no `worker_sid`.
    MissingWorkerSid,
    /// The role is set but empty.
    EmptyRole,
}

impl fmt::Display for TaskRouterGrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The TaskRouter SDK connects as one worker of one workspace (docs/spec.md §5).
        const NEEDS: &str = "a TaskRouter grant needs workspace_sid (WS…) and worker_sid (WK…)";
        match self {
            Self::MissingWorkspaceSid => write!(
                f,
                "{NEEDS}, but this one has no workspace_sid; build it with TaskRouterGrant::new"
            ),
            Self::MissingWorkerSid => write!(
                f,
                "{NEEDS}, but this one has no worker_sid; build it with TaskRouterGrant::new"
            ),
            Self::EmptyRole => f.write_str(
                "the TaskRouter role is empty: leave it unset or name one, such as \"worker\"",
            ),
        }
    }
}

impl core::error::Error for TaskRouterGrantError {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    const WORKSPACE: &str = "WS4cccb2801f88e9c5dfb79c2e70d93c34";
    const WORKER: &str = "WKb544441d5c024adf30806e2cb37b7c5e";

    fn grant() -> TaskRouterGrant {
        TaskRouterGrant::new(WORKSPACE.parse().unwrap(), WORKER.parse().unwrap())
    }

    fn check(grant: &TaskRouterGrant) -> Result<(), TaskRouterGrantError> {
        grant.check()
    }

    #[test]
    fn every_field_uses_its_wire_name_and_reads_back() {
        let grant = grant().with_role("worker");
        let json = serde_json::to_value(&grant).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"workspace_sid": WORKSPACE, "worker_sid": WORKER, "role": "worker"})
        );
        let decoded: TaskRouterGrant = serde_json::from_value(json).unwrap();
        assert_eq!(decoded, grant);
        assert_eq!(decoded.workspace_sid().unwrap().as_str(), WORKSPACE);
        assert_eq!(decoded.worker_sid().unwrap().as_str(), WORKER);
        assert_eq!(decoded.role(), Some("worker"));
        assert_eq!(check(&decoded), Ok(()));
    }

    #[test]
    fn the_role_is_left_out_when_unset() {
        assert_eq!(
            serde_json::to_string(&grant()).unwrap(),
            alloc::format!(r#"{{"workspace_sid":"{WORKSPACE}","worker_sid":"{WORKER}"}}"#)
        );
        assert_eq!(grant().role(), None);
    }

    #[test]
    fn decodes_what_other_libraries_write_but_mints_only_a_whole_grant() {
        let empty: TaskRouterGrant = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.workspace_sid(), None);
        assert_eq!(
            check(&empty),
            Err(TaskRouterGrantError::MissingWorkspaceSid)
        );
        let java_nulls: TaskRouterGrant = serde_json::from_str(&alloc::format!(
            r#"{{"workspace_sid":"{WORKSPACE}","worker_sid":null,"role":null}}"#
        ))
        .unwrap();
        assert_eq!(java_nulls.worker_sid(), None);
        assert_eq!(
            check(&java_nulls),
            Err(TaskRouterGrantError::MissingWorkerSid)
        );
        let swapped = alloc::format!(r#"{{"workspace_sid":"{WORKER}"}}"#);
        let err = serde_json::from_str::<TaskRouterGrant>(&swapped).unwrap_err();
        assert!(
            err.to_string().contains("TaskRouter workspace SID"),
            "{err}"
        );
    }

    #[test]
    fn an_empty_role_is_refused() {
        assert_eq!(
            check(&grant().with_role("")),
            Err(TaskRouterGrantError::EmptyRole)
        );
    }

    #[test]
    fn messages_say_what_to_set() {
        let needs = "a TaskRouter grant needs workspace_sid (WS…) and worker_sid (WK…)";
        let workspace = TaskRouterGrantError::MissingWorkspaceSid.to_string();
        assert!(workspace.starts_with(needs) && workspace.contains("no workspace_sid"));
        let worker = TaskRouterGrantError::MissingWorkerSid.to_string();
        assert!(worker.starts_with(needs) && worker.contains("no worker_sid"));
        let role = TaskRouterGrantError::EmptyRole.to_string();
        assert!(role.contains("role is empty") && role.contains("\"worker\""));
    }
}
