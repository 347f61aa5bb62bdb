//! What every example shares: credentials from the environment and printing the token.

// Each example uses its own part of this module.
#![allow(dead_code)]

use core::{fmt::Display, str::FromStr};
use std::{env::VarError, process::ExitCode};

use fpa::{AccessToken, AccessTokenBuilder, AccountSid, ApiKeySecret, Grant, Identity, SigningKey};

/// An example's result.
pub type Result = core::result::Result<(), Box<dyn core::error::Error>>;

/// Prints an error as one line on stderr and exits with status 1.
pub fn report(result: Result) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The account and API key every token needs.
pub struct Credentials {
    account_sid: AccountSid,
    key: SigningKey,
}

impl Credentials {
    /// Credentials for `account_sid`, signing with `key`.
    pub fn new(account_sid: AccountSid, key: SigningKey) -> Self {
        Self { account_sid, key }
    }

    /// A token for `identity` in this account.
    pub fn builder(&self, identity: Identity) -> AccessTokenBuilder {
        AccessToken::builder(self.account_sid, identity)
    }

    /// The API key tokens are signed with.
    pub fn key(&self) -> &SigningKey {
        &self.key
    }

    /// Reads `TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY` and `TWILIO_API_SECRET`.
    pub fn from_env() -> core::result::Result<Self, String> {
        let account_sid = env("TWILIO_ACCOUNT_SID", "your Account SID (AC…)")?;
        let api_key_sid = env("TWILIO_API_KEY", "the SID of an API key (SK…)")?;
        let secret = std::env::var("TWILIO_API_SECRET")
            .map_err(|_| "set TWILIO_API_SECRET to the secret of that API key".to_string())?;
        let secret =
            ApiKeySecret::new(secret).map_err(|err| format!("TWILIO_API_SECRET: {err}"))?;
        Ok(Self {
            account_sid,
            key: SigningKey::new(api_key_sid, &secret),
        })
    }
}

/// Parses the environment variable `name`, saying what it should hold when missing or invalid.
pub fn env<T: FromStr<Err: Display>>(name: &str, what: &str) -> core::result::Result<T, String> {
    match std::env::var(name) {
        Ok(value) => value.parse().map_err(|err| format!("{name}: {err}")),
        Err(VarError::NotPresent) => Err(format!("set {name} to {what}")),
        Err(VarError::NotUnicode(_)) => Err(format!("{name} is not valid UTF-8")),
    }
}

/// Mints a token for the identity given as the first argument (default `alice`) and prints it.
pub fn print_token(credentials: &Credentials, grant: impl Grant) -> Result {
    let identity = std::env::args().nth(1).unwrap_or_else(|| "alice".into());
    let identity = Identity::new(identity).map_err(|err| format!("identity: {err}"))?;
    let token = credentials
        .builder(identity)
        .grant(grant)
        .sign_now(credentials.key())?;
    println!("{}", token.as_str());
    Ok(())
}
