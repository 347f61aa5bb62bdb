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
        self.account_sid_if_given()?
            .ok_or_else(|| missing("--account-sid", "TWILIO_ACCOUNT_SID"))
    }

    /// The account, when a flag or the environment gives one.
    pub fn account_sid_if_given(&self) -> Result<Option<AccountSid>, Failure> {
        sid(
            self.account_sid.as_deref(),
            "--account-sid",
            "TWILIO_ACCOUNT_SID",
        )
    }

    /// The API key SID and its secret, keyed for signing and verifying.
    pub fn signing_key(&self) -> Result<SigningKey, Failure> {
        let (api_key, secret) = self
            .api_key_if_given()?
            .ok_or_else(|| missing("--api-key", "TWILIO_API_KEY"))?;
        Ok(SigningKey::new(api_key, &secret))
    }

    /// The API key SID and its secret, when flags or the environment give either; one without
    /// the other is an error naming the missing one.
    pub fn api_key_if_given(&self) -> Result<Option<(ApiKeySid, ApiKeySecret)>, Failure> {
        let api_key: Option<ApiKeySid> =
            sid(self.api_key.as_deref(), "--api-key", "TWILIO_API_KEY")?;
        let secret = self.secret()?;
        let (api_key, GivenSecret { bytes, source }) = match (api_key, secret) {
            (None, None) => return Ok(None),
            (Some(api_key), Some(secret)) => (api_key, secret),
            (None, Some(_)) => return Err(missing("--api-key", "TWILIO_API_KEY")),
            (Some(_), None) => return Err(no_secret()),
        };
        let secret = ApiKeySecret::new(bytes.trim_ascii().to_vec())
            .map_err(|err| Failure::usage(format!("{source}: {err}")))?;
        Ok(Some((api_key, secret)))
    }

    /// The secret, when given.
    fn secret(&self) -> Result<Option<GivenSecret>, Failure> {
        if let Some(path) = &self.api_secret_file {
            let mut secret = Zeroizing::new(Vec::new());
            if self.secret_from_stdin() {
                std::io::stdin().read_to_end(&mut secret).map_err(|err| {
                    Failure::usage(format!("--api-secret-file -: cannot read stdin: {err}"))
                })?;
                return Ok(Some(GivenSecret {
                    bytes: secret,
                    source: "--api-secret-file -".into(),
                }));
            }
            *secret = fs::read(path).map_err(|err| {
                Failure::usage(format!(
                    "--api-secret-file: cannot read {}: {err}",
                    path.display()
                ))
            })?;
            return Ok(Some(GivenSecret {
                bytes: secret,
                source: format!("--api-secret-file {}", path.display()),
            }));
        }
        for variable in SECRET_VARIABLES {
            if let Some(value) = env::var_os(variable) {
                let value = value
                    .into_string()
                    .map_err(|_| Failure::usage(format!("{variable} is not valid UTF-8")))?;
                return Ok(Some(GivenSecret {
                    bytes: Zeroizing::new(value.into_bytes()),
                    source: variable.into(),
                }));
            }
        }
        Ok(None)
    }
}

/// The secret's bytes as given, and where they came from, for error messages.
struct GivenSecret {
    bytes: Zeroizing<Vec<u8>>,
    source: String,
}

fn missing(flag: &str, variable: &str) -> Failure {
    Failure::usage(format!("missing {flag}: pass it, or set {variable}"))
}

fn no_secret() -> Failure {
    Failure::usage(
        "no API key secret: set TWILIO_API_SECRET, or pass --api-secret-file with a file \
         holding it (- for stdin)",
    )
}

/// A SID from its flag, or else from its environment variable, naming whichever was used;
/// `None` when neither gives one.
fn sid<T: FromStr<Err = SidError>>(
    flag_value: Option<&str>,
    flag: &str,
    variable: &str,
) -> Result<Option<T>, Failure> {
    let (value, source) = match flag_value {
        Some(value) => (value.to_owned(), flag),
        None => match env::var(variable) {
            Ok(value) => (value, variable),
            Err(env::VarError::NotPresent) => return Ok(None),
            Err(env::VarError::NotUnicode(_)) => {
                return Err(Failure::usage(format!("{variable} is not valid UTF-8")));
            }
        },
    };
    value
        .trim()
        .parse()
        .map(Some)
        .map_err(|err| Failure::usage(format!("{source}: {err}")))
}
