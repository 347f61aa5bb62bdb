//! Mints a TaskRouter token for one worker of a workspace, as the TaskRouter JS SDK (and Twilio
//! Flex on it) connects with.
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… \
//!     TWILIO_TASKROUTER_WORKSPACE_SID=WS… TWILIO_TASKROUTER_WORKER_SID=WK… \
//!     cargo run -p fpa --example taskrouter -- alice
//! ```

mod common;

use fpa::taskrouter::TaskRouterGrant;

fn main() -> std::process::ExitCode {
    common::report(mint())
}

fn mint() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let workspace_sid = common::env(
        "TWILIO_TASKROUTER_WORKSPACE_SID",
        "the TaskRouter workspace SID (WS…)",
    )?;
    let worker_sid = common::env(
        "TWILIO_TASKROUTER_WORKER_SID",
        "the SID of the worker the token is for (WK…)",
    )?;
    let grant = TaskRouterGrant::new(workspace_sid, worker_sid).with_role("worker");
    common::print_token(&credentials, grant)
}
