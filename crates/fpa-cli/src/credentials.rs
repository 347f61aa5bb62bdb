//! The account and API key a command signs or verifies with, from flags or the environment.

use std::{env, fs, io::Read, path::PathBuf, str::FromStr};

use clap::Args;
use fpa::{AccountSid, ApiKeySecret, ApiKeySid, SidError, SigningKey};
use zeroize::Zeroizing;

use crate::Failure;

/// The variables the secret may come from, in the order they are tried.
const SECRET_VARIABLES: [&str; 2] = ["TWILIO_API_SECRET", "TWILIO_API_KEY_SECRET"];

#[derive(Debug, Args)]
pub struct CredentialArgs {
    /// Your Account SID, from the Twilio Console [default: $TWILIO_ACCOUNT_SID]
    #[arg(long, value_name = "AC…")]
    account_sid: Option<String>,

    /// The SID of the API key whose secret signs tokens [default: $TWILIO_API_KEY]
    #[arg(long = "api-key", value_name = "SK…")]
    api_key: Option<String>,

    /// A file holding the API key secret, or - to read it from stdin
    /// [default: $TWILIO_API_SECRET, or $TWILIO_API_KEY_SECRET]
    #[arg(long, value_name = "PATH|-")]
    api_secret_file: Option<PathBuf>,
}

impl CredentialArgs {
    /// Whether the secret is to be read from stdin.
    pub fn secret_from_stdin(&self) -> bool {
        self.api_secret_file.as_deref() == Some("-".as_ref())
    }

    pub fn account_sid(&self) -> Result<AccountSid, Failure> {
        sid(
            self.account_sid.as_deref(),
            "--account-sid",
            "TWILIO_ACCOUNT_SID",
        )
    }

    /// The API key SID and its secret, keyed for signing and verifying.
    pub fn signing_key(&self) -> Result<SigningKey, Failure> {
        let api_key: ApiKeySid = sid(self.api_key.as_deref(), "--api-key", "TWILIO_API_KEY")?;
        let (secret, source) = self.secret()?;
        let trimmed = secret.trim_ascii();
        let secret = ApiKeySecret::new(trimmed.to_vec())
            .map_err(|err| Failure::usage(format!("{source}: {err}")))?;
        Ok(SigningKey::new(api_key, &secret))
    }

    /// The secret's bytes and where they came from, for error messages.
    fn secret(&self) -> Result<(Zeroizing<Vec<u8>>, String), Failure> {
        if let Some(path) = &self.api_secret_file {
            let mut secret = Zeroizing::new(Vec::new());
            if self.secret_from_stdin() {
                std::io::stdin().read_to_end(&mut secret).map_err(|err| {
                    Failure::usage(format!("--api-secret-file -: cannot read stdin: {err}"))
                })?;
                return Ok((secret, "--api-secret-file -".into()));
            }
            *secret = fs::read(path).map_err(|err| {
                Failure::usage(format!(
                    "--api-secret-file: cannot read {}: {err}",
                    path.display()
                ))
            })?;
            return Ok((secret, format!("--api-secret-file {}", path.display())));
        }
        for variable in SECRET_VARIABLES {
            if let Some(value) = env::var_os(variable) {
                let value = value
                    .into_string()
                    .map_err(|_| Failure::usage(format!("{variable} is not valid UTF-8")))?;
                return Ok((Zeroizing::new(value.into_bytes()), variable.into()));
            }
        }
        Err(Failure::usage(
            "no API key secret: set TWILIO_API_SECRET, or pass --api-secret-file with a file \
             holding it (- for stdin)",
        ))
    }
}

/// A SID from its flag, or else from its environment variable, naming whichever was used.
fn sid<T: FromStr<Err = SidError>>(
    flag_value: Option<&str>,
    flag: &str,
    variable: &str,
) -> Result<T, Failure> {
    let (value, source) = match flag_value {
        Some(value) => (value.to_owned(), flag),
        None => match env::var(variable) {
            Ok(value) => (value, variable),
            Err(env::VarError::NotPresent) => {
                return Err(Failure::usage(format!(
                    "missing {flag}: pass it, or set {variable}"
                )));
            }
            Err(env::VarError::NotUnicode(_)) => {
                return Err(Failure::usage(format!("{variable} is not valid UTF-8")));
            }
        },
    };
    value
        .trim()
        .parse()
        .map_err(|err| Failure::usage(format!("{source}: {err}")))
}
