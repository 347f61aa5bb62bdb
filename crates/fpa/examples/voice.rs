//! Mints a Voice token, like Twilio's documented Voice sample.
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_TWIML_APP_SID=AP… \
//!     cargo run -p fpa --example voice -- alice
//! ```

mod common;

use fpa::voice::VoiceGrant;

fn main() -> std::process::ExitCode {
    common::report(mint())
}

fn mint() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let app_sid = common::env("TWILIO_TWIML_APP_SID", "the TwiML application SID (AP…)")?;
    let grant = VoiceGrant::new(app_sid).allow_incoming();
    common::print_token(&credentials, grant)
}
