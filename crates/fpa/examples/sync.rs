//! Mints a Sync token, like Twilio's documented Sync sample.
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_SYNC_SERVICE_SID=IS… \
//!     cargo run -p fpa --example sync -- alice
//! ```

mod common;

use fpa::sync::SyncGrant;

fn main() -> std::process::ExitCode {
    common::report(mint())
}

fn mint() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let service_sid = common::env("TWILIO_SYNC_SERVICE_SID", "the Sync service SID (IS…)")?;
    common::print_token(&credentials, SyncGrant::new(service_sid))
}
