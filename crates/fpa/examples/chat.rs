//! Mints a Conversations (Chat) token, like Twilio's documented Conversations sample.
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_CHAT_SERVICE_SID=IS… \
//!     cargo run -p fpa --example chat -- alice@example.com
//! ```

mod common;

use fpa::chat::ChatGrant;

fn main() -> std::process::ExitCode {
    common::report(mint())
}

fn mint() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let service_sid = common::env(
        "TWILIO_CHAT_SERVICE_SID",
        "the Conversations service SID (IS…)",
    )?;
    common::print_token(&credentials, ChatGrant::new(service_sid))
}
