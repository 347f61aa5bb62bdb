//! `fpa doctor`: everything wrong with a token, one finding a line, with what to do.

use std::ffi::OsString;

use clap::Args;
use fpa::{
    DEFAULT_LEEWAY_SECS, UnixTime,
    chat::ChatGrant,
    diagnose::{Diagnosis, Expected, Finding, Severity},
    sync::SyncGrant,
    taskrouter::TaskRouterGrant,
    video::VideoGrant,
    voice::VoiceGrant,
};
use serde_json::{Value, json};

use crate::{Failure, credentials::CredentialArgs, inspect::read_token};

/// Say everything that is wrong with a token, and how to fix it
///
/// Runs every check `fpa verify` runs, each whatever the others found, and names the likely
/// causes: an Auth Token used as the API key secret, a key of another account, a clock ahead,
/// milliseconds for seconds, a grant under the wrong key. One finding a line:
/// SEVERITY CODE WHERE: WHAT; WHAT TO DO, where CODE is the Twilio error the token gets (or -).
/// Credentials are optional: without the API key and its secret, the signature is not checked.
/// Exits with 1 when Twilio would refuse the token.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  fpa doctor eyJhbGciOi…
  pbpaste | fpa doctor --json")]
pub struct DoctorArgs {
    /// The token, or - (or nothing) to read it from stdin
    #[arg(value_name = "TOKEN|-")]
    token: Option<OsString>,

    #[command(flatten)]
    credentials: CredentialArgs,

    /// Clock skew tolerated on exp, nbf and iat, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_LEEWAY_SECS)]
    leeway: u64,

    /// Check as of this time instead of now
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,

    /// Print the findings as a JSON array of {"severity", "code", "where", "message", "fix"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: DoctorArgs) -> Result<(), Failure> {
    let token_from_stdin = args.token.as_deref().is_none_or(|token| token == "-");
    if token_from_stdin && args.credentials.secret_from_stdin() {
        return Err(Failure::usage(
            "--api-secret-file -: stdin can hold the token or the secret, not both; pass the \
             token as an argument or the secret in a file",
        ));
    }
    let account_sid = args.credentials.account_sid_if_given()?;
    let api_key = args.credentials.api_key_if_given()?;
    let token = read_token(args.token)?;

    let now = args.now.map_or_else(UnixTime::now, UnixTime::from_secs);
    let mut expected = Expected::at(now).leeway_secs(args.leeway);
    if let Some(account_sid) = account_sid {
        expected = expected.account(account_sid);
    }
    if let Some((api_key_sid, secret)) = &api_key {
        expected = expected.api_key(*api_key_sid, secret);
    }
    let findings = Diagnosis::of(&token, &expected)
        .product::<VoiceGrant>()
        .product::<VideoGrant>()
        .product::<ChatGrant>()
        .product::<SyncGrant>()
        .product::<TaskRouterGrant>()
        .findings();

    if args.json {
        let findings: Vec<Value> = findings.iter().map(as_json).collect();
        println!("{:#}", Value::Array(findings));
    } else {
        for finding in &findings {
            let code = finding
                .code
                .map_or_else(|| "-".to_owned(), |code| code.to_string());
            println!(
                "{} {code} {}: {}; {}",
                finding.severity, finding.place, finding.message, finding.fix
            );
        }
    }
    let count = |severity| {
        findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    };
    match (count(Severity::Error), count(Severity::Warning)) {
        (0, 0) => {
            eprintln!("no problems found");
            Ok(())
        }
        (0, _) => Ok(()),
        (errors, _) => Err(Failure::InvalidToken(format!(
            "Twilio would refuse this token: {errors} error{} above",
            if errors == 1 { "" } else { "s" }
        ))),
    }
}

fn as_json(finding: &Finding) -> Value {
    json!({
        "severity": finding.severity.to_string(),
        "code": finding.code,
        "where": finding.place,
        "message": finding.message,
        "fix": finding.fix,
    })
}
