//! Mints a Video token for one room, like Twilio's documented Video sample.
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_VIDEO_ROOM=DailyStandup \
//!     cargo run -p fpa --example video -- alice
//! ```
//! Without `TWILIO_VIDEO_ROOM` the token may join any room.

mod common;

use fpa::video::VideoGrant;

fn main() -> std::process::ExitCode {
    common::report(mint())
}

fn mint() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let grant = match std::env::var("TWILIO_VIDEO_ROOM") {
        Ok(room) => VideoGrant::new().with_room(room),
        Err(_) => VideoGrant::new(),
    };
    common::print_token(&credentials, grant)
}
