#![doc = include_str!("../README.md")]
//!
//! Every error is one line on stderr that names the flag or variable at fault; none contains the
//! secret.

#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod credentials;
mod doctor;
mod inspect;
mod mint;
mod products;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Mint, decode and verify Twilio Access Tokens: the JWTs that Twilio's Voice, Video,
/// Conversations, Sync and TaskRouter client SDKs connect with.
///
/// Credentials come from flags or from the environment variables Twilio's own tools use:
/// TWILIO_ACCOUNT_SID, TWILIO_API_KEY and TWILIO_API_SECRET. The API key secret is never taken as
/// a flag value, so that it stays out of shell history and process lists.
#[derive(Debug, Parser)]
#[command(name = "fpa", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Mint(Box<mint::MintArgs>),
    Decode(inspect::DecodeArgs),
    Verify(inspect::VerifyArgs),
    Doctor(doctor::DoctorArgs),
}

/// Why a command failed, and so which exit code it ends with.
#[derive(Debug)]
enum Failure {
    /// Bad usage or input: exit code 2.
    Usage(String),
    /// The token is invalid: exit code 1.
    InvalidToken(String),
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version: clap prints them as they are, on stdout.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("{}", one_line(&err.to_string()));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Mint(args) => mint::run(*args),
        Command::Decode(args) => inspect::decode(args),
        Command::Verify(args) => inspect::verify(args),
        Command::Doctor(args) => doctor::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::InvalidToken(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Clap's error without its usage block, folded onto one line.
fn one_line(clap_error: &str) -> String {
    let lines: Vec<&str> = clap_error
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:"))
        .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
        .collect();
    format!("{} (see --help)", lines.join(" "))
}
