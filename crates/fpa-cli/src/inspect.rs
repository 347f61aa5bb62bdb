//! `fpa decode` and `fpa verify`: a token from an argument or stdin.

use std::io::Read;

use clap::Args;
use fpa::{
    ALG, CTY, DEFAULT_LEEWAY_SECS, TYP, UnixTime, VerifiedToken, Verifier,
    dangerous::decode_unverified,
};
use serde_json::{Map, Value, json};

use crate::{Failure, credentials::CredentialArgs};

/// Print a token's header and payload as JSON, without verifying it
///
/// Anyone can write any claims into a token: use `fpa verify` for anything that matters.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token, or - (or nothing) to read it from stdin
    #[arg(value_name = "TOKEN|-")]
    token: Option<String>,
}

/// Verify a token the way Twilio does and print its header and claims as JSON
///
/// Checks the header, the signature against the API key secret, the account and API key SIDs,
/// the expiry and not-before times with a leeway, and the 24 hour maximum lifetime. Exits with 1
/// when the token is invalid, naming the Twilio error code it would cause.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token, or - (or nothing) to read it from stdin
    #[arg(value_name = "TOKEN|-")]
    token: Option<String>,

    #[command(flatten)]
    credentials: CredentialArgs,

    /// Clock skew tolerated on exp and nbf, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_LEEWAY_SECS)]
    leeway: u64,

    /// Check as of this time instead of now
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

pub fn decode(args: DecodeArgs) -> Result<(), Failure> {
    let token = read_token(args.token)?;
    let decoded = decode_unverified(&token)
        .map_err(|err| Failure::usage(format!("the token cannot be decoded: {err}")))?;
    eprintln!("note: the signature was not checked; run `fpa verify` to check it");
    let output = json!({"header": decoded.header, "payload": decoded.payload});
    println!("{output:#}");
    Ok(())
}

pub fn verify(args: VerifyArgs) -> Result<(), Failure> {
    let token_from_stdin = args.token.as_deref().is_none_or(|token| token == "-");
    if token_from_stdin && args.credentials.secret_from_stdin() {
        return Err(Failure::usage(
            "--api-secret-file -: stdin can hold the token or the secret, not both; pass the \
             token as an argument or the secret in a file",
        ));
    }
    let account_sid = args.credentials.account_sid()?;
    let key = args.credentials.signing_key()?;
    let token = read_token(args.token)?;
    let verifier = Verifier::new(account_sid, key).leeway_secs(args.leeway);
    let now = args.now.map_or_else(UnixTime::now, UnixTime::from_secs);
    let verified = verifier.verify(&token, now).map_err(|err| {
        Failure::InvalidToken(format!(
            "the token is invalid: {err} (Twilio error {})",
            err.twilio_code()
        ))
    })?;
    let output = json!({"header": header(&verified), "payload": claims(&verified)});
    println!("{output:#}");
    Ok(())
}

/// The header every verified token has, with its region.
fn header(verified: &VerifiedToken) -> Value {
    let mut header = json!({"alg": ALG, "typ": TYP, "cty": CTY});
    if let Some(region) = verified.region() {
        header["twr"] = region.into();
    }
    header
}

/// The verified claims, as the token carried them.
fn claims(verified: &VerifiedToken) -> Value {
    let mut grants = Map::new();
    if let Some(identity) = verified.identity() {
        grants.insert("identity".into(), identity.into());
    }
    for (key, json) in verified.grants() {
        let grant = serde_json::from_str(json).unwrap_or_else(|_| Value::String(json.into()));
        grants.insert(key.into(), grant);
    }
    let mut claims = Map::new();
    claims.insert("jti".into(), verified.jti().into());
    claims.insert("iss".into(), verified.iss().as_str().into());
    claims.insert("sub".into(), verified.sub().as_str().into());
    if let Some(iat) = verified.iat() {
        claims.insert("iat".into(), iat.as_secs().into());
    }
    if let Some(nbf) = verified.nbf() {
        claims.insert("nbf".into(), nbf.as_secs().into());
    }
    claims.insert("exp".into(), verified.exp().as_secs().into());
    claims.insert("grants".into(), Value::Object(grants));
    Value::Object(claims)
}

/// The token argument, or stdin for `-` or no argument (trimmed: pipes end with a newline).
fn read_token(argument: Option<String>) -> Result<String, Failure> {
    match argument {
        Some(token) if token != "-" => Ok(token),
        _ => {
            // Far past any token a verifier accepts, and a bound on what is held in memory.
            const STDIN_LIMIT: u64 = 16 * 1024 * 1024;
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(STDIN_LIMIT)
                .read_to_end(&mut bytes)
                .map_err(|err| {
                    Failure::usage(format!("cannot read the token from stdin: {err}"))
                })?;
            let token = String::from_utf8(bytes)
                .map_err(|_| Failure::usage("the token on stdin is not UTF-8 text"))?;
            Ok(token.trim().to_owned())
        }
    }
}
