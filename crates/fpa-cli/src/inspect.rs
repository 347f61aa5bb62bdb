//! `fpa decode` and `fpa verify`, and reading the token they, and `fpa doctor`, take: from an
//! argument or stdin.

use std::{ffi::OsString, io::Read};

use clap::Args;
use fpa::{
    ALG, CTY, DEFAULT_LEEWAY_SECS, DEFAULT_MAX_TOKEN_LEN, TYP, UnixTime, VerifiedToken, Verifier,
    dangerous::decode_unverified,
};
use serde_json::{Map, Value, json};

use crate::{Failure, credentials::CredentialArgs, products::check_each_grant};

/// Print a token's header and payload as JSON, without verifying it
///
/// Anyone can write any claims into a token: use `fpa verify` for anything that matters. Exits
/// with 1 when the token cannot be decoded.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token, or - (or nothing) to read it from stdin
    #[arg(value_name = "TOKEN|-")]
    token: Option<OsString>,
}

/// Verify a token the way Twilio does and print its header and claims as JSON
///
/// Checks the header, the signature against the API key secret, the account and API key SIDs,
/// the identity, the expiry, not-before and issue times with a leeway, the 24 hour maximum
/// lifetime, and every product grant as its product. Exits with 1 when the token is invalid,
/// naming the Twilio error code it would cause.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    check: CheckArgs,
}

/// What `fpa verify` and `fpa doctor` check a token with.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The token, or - (or nothing) to read it from stdin
    #[arg(value_name = "TOKEN|-")]
    token: Option<OsString>,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    /// Clock skew tolerated on exp, nbf and iat, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_LEEWAY_SECS)]
    pub leeway: u64,

    /// Check as of this time instead of now
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

impl CheckArgs {
    /// Refuses a stdin asked to hold both the token and the secret; call it before reading
    /// either.
    pub fn stdin_holds_one_thing(&self) -> Result<(), Failure> {
        let token_from_stdin = self.token.as_deref().is_none_or(|token| token == "-");
        if token_from_stdin && self.credentials.secret_from_stdin() {
            return Err(Failure::usage(
                "--api-secret-file -: stdin can hold the token or the secret, not both; pass \
                 the token as an argument or the secret in a file",
            ));
        }
        Ok(())
    }

    /// The token, from its argument or stdin.
    pub fn token(&self) -> Result<String, Failure> {
        read_token(self.token.clone())
    }

    /// `--now`, or the clock.
    pub fn now(&self) -> UnixTime {
        self.now.map_or_else(UnixTime::now, UnixTime::from_secs)
    }
}

pub fn decode(args: DecodeArgs) -> Result<(), Failure> {
    let token = read_token(args.token)?;
    let decoded = decode_unverified(&token).map_err(|err| {
        Failure::InvalidToken(format!(
            "the token cannot be decoded: {err} (Twilio error {})",
            err.twilio_code()
        ))
    })?;
    eprintln!("note: the signature was not checked; run `fpa verify` to check it");
    let output = json!({"header": decoded.header, "payload": decoded.payload});
    println!("{output:#}");
    Ok(())
}

pub fn verify(args: VerifyArgs) -> Result<(), Failure> {
    let args = args.check;
    args.stdin_holds_one_thing()?;
    let account_sid = args.credentials.account_sid()?;
    let key = args.credentials.signing_key()?;
    let token = args.token()?;
    let verifier = Verifier::new(account_sid, key).leeway_secs(args.leeway);
    let verified = verifier
        .verify(&token, args.now())
        .and_then(|verified| check_each_grant(&verified).map(|()| verified))
        .map_err(|err| {
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

/// The verified claims: times in whole seconds, and only the claims a verifier reads.
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

/// The token argument, or stdin for `-` or no argument.
///
/// Stdin is read up to one byte past the longest token a verifier accepts and a line break, so
/// that nothing after it is silently ignored, and trimmed of ASCII whitespace only (a pipe adds
/// a newline; anything else is part of what was given).
pub fn read_token(argument: Option<OsString>) -> Result<String, Failure> {
    /// Room for the line break after a token: `\r\n` at most.
    const FRAMING: usize = 2;
    let not_utf8 = |source: &str| {
        Failure::InvalidToken(format!(
            "the token {source} is not UTF-8 text, so it is no token (Twilio error 20101)"
        ))
    };
    match argument {
        Some(token) if token != "-" => token.into_string().map_err(|_| not_utf8("argument")),
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take((DEFAULT_MAX_TOKEN_LEN + FRAMING) as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|err| {
                    Failure::usage(format!("cannot read the token from stdin: {err}"))
                })?;
            if bytes.len() > DEFAULT_MAX_TOKEN_LEN + FRAMING {
                return Err(Failure::InvalidToken(format!(
                    "the token on stdin is more than {DEFAULT_MAX_TOKEN_LEN} bytes, longer than \
                     any token a verifier accepts (Twilio error 20101)"
                )));
            }
            let token =
                std::str::from_utf8(bytes.trim_ascii()).map_err(|_| not_utf8("on stdin"))?;
            Ok(token.to_owned())
        }
    }
}
