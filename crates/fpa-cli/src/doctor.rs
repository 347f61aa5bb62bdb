//! `fpa doctor`: everything wrong with a token, one finding a line, with what to do.

use clap::Args;
use fpa::diagnose::{Diagnosis, Expected, Finding, Severity};
use serde_json::{Value, json};

use crate::{Failure, inspect::CheckArgs, products::diagnose_each_grant};

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
    #[command(flatten)]
    check: CheckArgs,

    /// Print the findings as a JSON array of {"severity", "code", "where", "message", "fix"}
    #[arg(long)]
    json: bool,
}

pub fn run(args: DoctorArgs) -> Result<(), Failure> {
    let check = args.check;
    check.stdin_holds_one_thing()?;
    let account_sid = check.credentials.account_sid_if_given()?;
    let api_key = check.credentials.api_key_if_given()?;
    let token = check.token()?;

    let mut expected = Expected::at(check.now()).leeway_secs(check.leeway);
    if let Some(account_sid) = account_sid {
        expected = expected.account(account_sid);
    }
    if let Some((api_key_sid, secret)) = &api_key {
        expected = expected.api_key(*api_key_sid, secret);
    }
    let mut diagnosis = Diagnosis::of(&token, &expected);
    diagnose_each_grant(&mut diagnosis);
    let findings = diagnosis.findings();

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
        (0, 0) if api_key.is_none() => {
            eprintln!("no problems found (the signature was not checked)");
            Ok(())
        }
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
