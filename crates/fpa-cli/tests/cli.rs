//! The real `fpa` binary, run as a user would: every product and option, decode and verify of
//! its own tokens and of the official libraries', each exit code, and no secret in any output.

#![allow(clippy::unwrap_used, clippy::std_instead_of_core)]

use std::{
    ffi::OsStr,
    io::Write,
    os::unix::ffi::OsStrExt,
    process::{Command, Stdio},
};

use fpa_tests::{
    decode_checked,
    fixtures::{ACCOUNT, APP, CREDENTIAL, KEY_SID, SECRET, SERVICE},
    official_vectors,
};
use serde_json::{Value, json};

const ROLE: &str = "RL7e00636463746461efc324098ee99ee6";
const WORKSPACE: &str = "WS4cccb2801f88e9c5dfb79c2e70d93c34";
const WORKER: &str = "WKb544441d5c024adf30806e2cb37b7c5e";
/// `fpa_tests::fixtures::NOW_SECS`, as an argument.
const NOW: &str = "1700000000";

const TWILIO_VARIABLES: [&str; 4] = [
    "TWILIO_ACCOUNT_SID",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
    "TWILIO_API_KEY_SECRET",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| panic!("{err}: {}", self.stdout))
    }

    fn token(&self) -> &str {
        self.stdout.trim_end()
    }

    fn payload(&self) -> Value {
        decode_checked(self.token(), SECRET.as_bytes()).payload
    }
}

/// Runs `fpa` with exactly `env` among the Twilio variables, checking what every run must hold:
/// no secret anywhere in the output, and a failure explained in one line.
fn fpa(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    fpa_raw(&args, env, stdin.unwrap_or("").as_bytes())
}

/// [`fpa`] with arguments and stdin that need not be UTF-8.
fn fpa_raw(args: &[&OsStr], env: &[(&str, &str)], stdin: &[u8]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fpa"));
    command.args(args);
    for variable in TWILIO_VARIABLES {
        command.env_remove(variable);
    }
    command.envs(env.iter().copied());
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // A command that fails before reading stdin closes it: that write error is not the test's.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    let output = child.wait_with_output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    for secret in [SECRET, "short-secret", "Zk3p9QwX7vBn2LmT5"] {
        assert!(
            !run.stdout.contains(secret),
            "secret on stdout: {}",
            run.stdout
        );
        assert!(
            !run.stderr.contains(secret),
            "secret on stderr: {}",
            run.stderr
        );
    }
    if run.code != 0 {
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "not one line: {}",
            run.stderr
        );
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
    run
}

fn credentials() -> Vec<(&'static str, &'static str)> {
    vec![
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_API_KEY", KEY_SID),
        ("TWILIO_API_SECRET", SECRET),
    ]
}

fn mint(args: &[&str]) -> Run {
    let mut all = vec!["mint", "--identity", "alice"];
    all.extend_from_slice(args);
    let run = fpa(&all, &credentials(), None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn mints_each_product_alone() {
    let cases: [(&[&str], Value); 6] = [
        (
            &["--voice-app", APP],
            json!({"voice": {"outgoing": {"application_sid": APP}}}),
        ),
        (&["--video"], json!({"video": {}})),
        (
            &["--video-room", "DailyStandup"],
            json!({"video": {"room": "DailyStandup"}}),
        ),
        (
            &["--chat-service", SERVICE],
            json!({"chat": {"service_sid": SERVICE}}),
        ),
        (
            &["--sync-service", SERVICE],
            json!({"data_sync": {"service_sid": SERVICE}}),
        ),
        (
            &[
                "--taskrouter-workspace",
                WORKSPACE,
                "--taskrouter-worker",
                WORKER,
            ],
            json!({"task_router": {"workspace_sid": WORKSPACE, "worker_sid": WORKER}}),
        ),
    ];
    for (args, mut grants) in cases {
        let payload = mint(args).payload();
        grants["identity"] = "alice".into();
        assert_eq!(payload["grants"], grants, "{args:?}");
        assert_eq!(payload["iss"], KEY_SID);
        assert_eq!(payload["sub"], ACCOUNT);
        let exp = payload["exp"].as_u64().unwrap();
        assert_eq!(exp - payload["iat"].as_u64().unwrap(), 3600);
    }
}

#[test]
fn mints_products_combined_with_every_option() {
    let run = mint(&[
        "--ttl",
        "600",
        "--nbf",
        "1699999940",
        "--region",
        "ie1",
        "--jti",
        "my-token-1",
        "--issued-at",
        NOW,
        "--voice-app",
        APP,
        "--voice-incoming",
        "--voice-params-json",
        r#"{"priority":5,"queue":"sales"}"#,
        "--voice-param",
        "queue=support",
        "--voice-param",
        "agent=smith=jr",
        "--voice-push-credential",
        CREDENTIAL,
        "--voice-endpoint",
        "alice-iphone-1",
        "--video-room",
        "DailyStandup",
        "--chat-service",
        SERVICE,
        "--chat-endpoint",
        "chat-app:alice:device-1",
        "--chat-deployment-role",
        ROLE,
        "--chat-push-credential",
        CREDENTIAL,
        "--sync-service",
        SERVICE,
        "--sync-endpoint",
        "sync-ep-alice",
        "--taskrouter-workspace",
        WORKSPACE,
        "--taskrouter-worker",
        WORKER,
        "--taskrouter-role",
        "worker",
        "--json",
    ]);
    let output = run.json();
    let decoded = decode_checked(output["token"].as_str().unwrap(), SECRET.as_bytes());
    assert_eq!(output["header"], decoded.header);
    assert_eq!(output["payload"], decoded.payload);
    assert_eq!(
        decoded.header,
        json!({"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1", "twr": "ie1"})
    );
    assert_eq!(
        decoded.payload,
        json!({
            "jti": "my-token-1",
            "grants": {
                "identity": "alice",
                "voice": {
                    "incoming": {"allow": true},
                    "outgoing": {
                        "application_sid": APP,
                        "params": {"agent": "smith=jr", "priority": 5, "queue": "support"},
                    },
                    "push_credential_sid": CREDENTIAL,
                    "endpoint_id": "alice-iphone-1",
                },
                "video": {"room": "DailyStandup"},
                "chat": {
                    "service_sid": SERVICE,
                    "endpoint_id": "chat-app:alice:device-1",
                    "deployment_role_sid": ROLE,
                    "push_credential_sid": CREDENTIAL,
                },
                "data_sync": {"service_sid": SERVICE, "endpoint_id": "sync-ep-alice"},
                "task_router": {"workspace_sid": WORKSPACE, "worker_sid": WORKER, "role": "worker"},
            },
            "nbf": 1_699_999_940,
            "iat": 1_700_000_000,
            "exp": 1_700_000_600,
            "iss": KEY_SID,
            "sub": ACCOUNT,
        })
    );
}

#[test]
fn a_fixed_jti_and_issue_time_make_reproducible_tokens() {
    let args = ["--video", "--jti", "fixed", "--issued-at", NOW];
    assert_eq!(mint(&args).stdout, mint(&args).stdout);
    let random = ["--video", "--issued-at", NOW];
    let (first, second) = (mint(&random).payload(), mint(&random).payload());
    assert_ne!(first["jti"], second["jti"]);
    let jti = first["jti"].as_str().unwrap();
    assert_eq!(jti.len(), KEY_SID.len() + 1 + 32, "{jti}");
}

#[test]
fn credentials_come_from_flags_a_file_or_stdin_too() {
    let dir = std::env::temp_dir().join(format!("fpa-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret_file = dir.join("secret");
    std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
    let secret_path = secret_file.to_str().unwrap();
    let flags = [
        "mint",
        "--identity",
        "alice",
        "--video",
        "--account-sid",
        ACCOUNT,
        "--api-key",
        KEY_SID,
    ];

    let mut from_file = flags.to_vec();
    from_file.extend(["--api-secret-file", secret_path]);
    let run = fpa(&from_file, &[], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.payload()["sub"], ACCOUNT);

    let mut from_stdin = flags.to_vec();
    from_stdin.extend(["--api-secret-file", "-"]);
    let run = fpa(&from_stdin, &[], Some(&format!("{SECRET}\n")));
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.payload();

    let run = fpa(&flags, &[("TWILIO_API_KEY_SECRET", SECRET)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.payload();

    let mut missing_file = flags.to_vec();
    missing_file.extend(["--api-secret-file", "/nonexistent/secret"]);
    let run = fpa(&missing_file, &[], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--api-secret-file: cannot read /nonexistent/secret"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_credential_names_its_variable() {
    let all = credentials();
    for (missing, expected) in [
        (
            "TWILIO_ACCOUNT_SID",
            "missing --account-sid: pass it, or set TWILIO_ACCOUNT_SID",
        ),
        (
            "TWILIO_API_KEY",
            "missing --api-key: pass it, or set TWILIO_API_KEY",
        ),
        (
            "TWILIO_API_SECRET",
            "no API key secret: set TWILIO_API_SECRET",
        ),
    ] {
        let env: Vec<_> = all
            .iter()
            .copied()
            .filter(|(name, _)| *name != missing)
            .collect();
        let run = fpa(&["mint", "--identity", "alice", "--video"], &env, None);
        assert_eq!(run.code, 2, "{missing}");
        assert!(run.stderr.contains(expected), "{missing}: {}", run.stderr);
    }
}

#[test]
fn a_short_secret_is_refused() {
    let env = [
        ("TWILIO_ACCOUNT_SID", ACCOUNT),
        ("TWILIO_API_KEY", KEY_SID),
        ("TWILIO_API_SECRET", "short-secret"),
    ];
    let run = fpa(&["mint", "--identity", "alice", "--video"], &env, None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("TWILIO_API_SECRET: API key secret is 12 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_sids_name_their_flag_or_variable() {
    let swapped = [
        ("TWILIO_ACCOUNT_SID", KEY_SID),
        ("TWILIO_API_KEY", KEY_SID),
        ("TWILIO_API_SECRET", SECRET),
    ];
    let run = fpa(&["mint", "--identity", "alice", "--video"], &swapped, None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("TWILIO_ACCOUNT_SID: invalid account SID: it must start with `AC`"),
        "{}",
        run.stderr
    );

    let run = fpa(
        &["mint", "--identity", "alice", "--voice-app", "AP123"],
        &credentials(),
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--voice-app"), "{}", run.stderr);
    assert!(
        run.stderr.contains("invalid TwiML application SID"),
        "{}",
        run.stderr
    );

    let run = fpa(
        &["mint", "--identity", "alice", "--chat-service", APP],
        &credentials(),
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--chat-service"), "{}", run.stderr);
}

#[test]
fn ttl_must_be_1_to_86400() {
    for ttl in ["0", "86401"] {
        let run = fpa(
            &["mint", "--identity", "alice", "--video", "--ttl", ttl],
            &credentials(),
            None,
        );
        assert_eq!(run.code, 2, "{ttl}");
        assert!(
            run.stderr.starts_with("error: --ttl: ttl of"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        mint(&["--video", "--ttl", "86400"]).payload()["exp"]
            .as_u64()
            .unwrap()
            - mint(&["--video", "--ttl", "1"]).payload()["exp"]
                .as_u64()
                .unwrap(),
        86_399
    );
}

#[test]
fn mint_time_rules_name_the_flag_to_fix() {
    let deep_params = format!(r#"{{"a":{}{}}}"#, "[".repeat(28), "]".repeat(28));
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "--identity",
                "alice",
                "--voice-app",
                APP,
                "--voice-params-json",
                &deep_params,
            ],
            "error: --voice-params-json: invalid \"voice\" grant: the Voice parameter \"a\" nests more than 27 levels",
        ),
        (
            &["--identity", "alice smith", "--voice-app", APP],
            "error: --identity: invalid \"voice\" grant",
        ),
        (
            &["--identity", "alice", "--video", "--region", "EU1"],
            "error: --region: region",
        ),
        (
            &[
                "--identity",
                "alice",
                "--video",
                "--nbf",
                "1700003600",
                "--issued-at",
                NOW,
            ],
            "error: --nbf: nbf",
        ),
        (
            &["--identity", "alice", "--video-room", ""],
            "error: --video-room: invalid \"video\" grant",
        ),
        (
            &["--identity", "", "--video"],
            "error: --identity: identity is empty",
        ),
        (
            &[
                "--identity",
                "alice",
                "--voice-app",
                APP,
                "--voice-endpoint",
                "",
            ],
            "error: --voice-endpoint",
        ),
        (
            &[
                "--identity",
                "alice",
                "--taskrouter-workspace",
                WORKSPACE,
                "--taskrouter-worker",
                WORKER,
                "--taskrouter-role",
                "",
            ],
            "error: --taskrouter-role: invalid \"task_router\" grant",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["mint"];
        all.extend_from_slice(args);
        let run = fpa(&all, &credentials(), None);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with(expected), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn grant_flags_need_their_product_flag() {
    for flag in [
        ["--voice-param", "a=b"],
        ["--voice-endpoint", "e"],
        ["--chat-endpoint", "e"],
        ["--sync-endpoint", "e"],
    ] {
        let mut args = vec!["mint", "--identity", "alice", "--video"];
        args.extend(flag);
        let run = fpa(&args, &credentials(), None);
        assert_eq!(run.code, 2, "{flag:?}");
        assert!(
            run.stderr.contains("required arguments were not provided"),
            "{}",
            run.stderr
        );
    }
    let run = fpa(
        &["mint", "--identity", "alice", "--voice-incoming"],
        &credentials(),
        None,
    );
    assert!(run.stderr.contains("--voice-app"), "{}", run.stderr);
    // The TaskRouter flags name the one that is missing, on one line.
    for (given, missing) in [
        (["--taskrouter-worker", WORKER], "--taskrouter-workspace"),
        (["--taskrouter-role", "worker"], "--taskrouter-workspace"),
        (["--taskrouter-workspace", WORKSPACE], "--taskrouter-worker"),
    ] {
        let mut args = vec!["mint", "--identity", "alice"];
        args.extend(given);
        let run = fpa(&args, &credentials(), None);
        assert_eq!(run.code, 2, "{given:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("required arguments were not provided")
                && run.stderr.contains(missing),
            "{given:?}: {}",
            run.stderr
        );
    }
    let run = fpa(&["mint", "--identity", "alice"], &credentials(), None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no product grant"), "{}", run.stderr);
    let run = fpa(
        &[
            "mint",
            "--identity",
            "alice",
            "--voice-app",
            APP,
            "--voice-params-json",
            "[1]",
        ],
        &credentials(),
        None,
    );
    assert!(
        run.stderr.contains("expected a JSON object"),
        "{}",
        run.stderr
    );
}

/// The issue's "done when": the Node library's payload for the same request, but the random jti.
#[test]
fn mints_the_node_payload_of_the_taskrouter_vector() {
    let case = official_vectors()
        .cases
        .into_iter()
        .find(|case| case.name == "taskrouter_all_fields")
        .unwrap();
    let run = mint(&[
        "--issued-at",
        &case.now.to_string(),
        "--taskrouter-workspace",
        WORKSPACE,
        "--taskrouter-worker",
        WORKER,
        "--taskrouter-role",
        "worker",
    ]);
    let mut payload = run.payload();
    let mut node = case.node().2.clone();
    for claims in [&mut payload, &mut node] {
        claims.as_object_mut().unwrap().remove("jti");
    }
    assert_eq!(payload, node);
    assert_eq!(case.request["grants"][0]["workspace_sid"], WORKSPACE);
    assert_eq!(case.request["grants"][0]["worker_sid"], WORKER);
}

#[test]
fn decode_prints_header_and_payload_unverified() {
    let token = mint(&["--video", "--issued-at", NOW]).stdout;
    for (args, stdin) in [
        (vec!["decode", token.trim()], None),
        (vec!["decode", "-"], Some(token.as_str())),
        (vec!["decode"], Some(token.as_str())),
    ] {
        let run = fpa(&args, &[], stdin);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("signature was not checked"));
        let output = run.json();
        assert_eq!(output["header"]["cty"], "twilio-fpa;v=1");
        assert_eq!(output["payload"]["iat"], 1_700_000_000);
        assert_eq!(
            output["payload"]["grants"],
            json!({"identity": "alice", "video": {}})
        );
    }
    let run = fpa(&["decode", "not-a-token"], &[], None);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot be decoded") && run.stderr.contains("Twilio error 20101"),
        "{}",
        run.stderr
    );
}

#[test]
fn verify_checks_its_own_tokens() {
    let token = mint(&[
        "--voice-app",
        APP,
        "--voice-incoming",
        "--region",
        "au1",
        "--issued-at",
        NOW,
    ])
    .stdout;
    let run = fpa(&["verify", "-", "--now", NOW], &credentials(), Some(&token));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let output = run.json();
    assert_eq!(output["header"]["twr"], "au1");
    assert_eq!(
        output["payload"],
        decode_checked(token.trim(), SECRET.as_bytes()).payload
    );

    let expired = fpa(
        &["verify", token.trim(), "--now", "1700003660"],
        &credentials(),
        None,
    );
    assert_eq!(expired.code, 1);
    assert!(
        expired
            .stderr
            .contains("token expired at 1700003600 (now 1700003660)"),
        "{}",
        expired.stderr
    );
    assert!(
        expired.stderr.contains("Twilio error 20104"),
        "{}",
        expired.stderr
    );
    let lenient = fpa(
        &[
            "verify",
            token.trim(),
            "--now",
            "1700003660",
            "--leeway",
            "61",
        ],
        &credentials(),
        None,
    );
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);

    let mut other_secret = credentials();
    other_secret[2].1 = "a-different-secret-of-32-bytes!!";
    let forged = fpa(&["verify", token.trim(), "--now", NOW], &other_secret, None);
    assert_eq!(forged.code, 1);
    assert!(
        forged.stderr.contains("Twilio error 20107"),
        "{}",
        forged.stderr
    );

    let garbage = fpa(&["verify", "a.b", "--now", NOW], &credentials(), None);
    assert_eq!(garbage.code, 1);
}

#[test]
fn verify_refuses_stdin_for_both_token_and_secret() {
    let run = fpa(
        &[
            "verify",
            "--api-secret-file",
            "-",
            "--account-sid",
            ACCOUNT,
            "--api-key",
            KEY_SID,
        ],
        &[],
        Some(SECRET),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("stdin can hold the token or the secret, not both"),
        "{}",
        run.stderr
    );
}

/// Stdin holds one token: nothing past the length cap is ignored, only ASCII whitespace is
/// framing, and bytes that are not UTF-8 are an invalid token.
#[test]
fn stdin_holds_one_token_and_nothing_else() {
    let token = mint(&["--video", "--issued-at", NOW]).stdout;
    let verify = ["verify", "-", "--now", NOW].map(OsStr::new);
    let decode = ["decode", "-"].map(OsStr::new);
    for args in [&verify[..], &decode[..]] {
        for framed in [format!("{}\r\n", token.trim()), format!(" \t{token}\n\n")] {
            let run = fpa_raw(args, &credentials(), framed.as_bytes());
            assert_eq!(run.code, 0, "{args:?} {framed:?}: {}", run.stderr);
        }

        let mut padded = token.clone().into_bytes();
        padded.resize(padded.len() + 16 * 1024 * 1024, b' ');
        padded.extend_from_slice(b"garbage");
        let run = fpa_raw(args, &credentials(), &padded);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("more than 16384 bytes") && run.stderr.contains("20101"),
            "{}",
            run.stderr
        );

        let nbsp = format!("{}\u{a0}", token.trim());
        let run = fpa_raw(args, &credentials(), nbsp.as_bytes());
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("20101"), "{}", run.stderr);

        let mut not_utf8 = token.trim().as_bytes().to_vec();
        not_utf8.push(0xff);
        let run = fpa_raw(args, &credentials(), &not_utf8);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("not UTF-8") && run.stderr.contains("20101"),
            "{}",
            run.stderr
        );
    }
    // A token as long as a verifier takes still fits with its line break.
    let longest = (12_150..12_250)
        .map(|len| {
            let pad = "x".repeat(len);
            fpa_tests::sign_json(
                DEFAULT_HEADER,
                &json!({"pad": pad}).to_string(),
                SECRET.as_bytes(),
            )
        })
        .find(|token| token.len() == 16 * 1024)
        .unwrap();
    let run = fpa_raw(&decode, &[], format!("{longest}\r\n").as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);

    let not_utf8 = OsStr::from_bytes(b"eyJ\xff");
    let run = fpa_raw(&[OsStr::new("decode"), not_utf8], &[], b"");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
}

/// `fpa verify` reads every product's grant as its product before it calls a token valid.
#[test]
fn verify_checks_each_grant_as_its_product() {
    let payload = json!({
        "jti": "j",
        "iss": KEY_SID,
        "sub": ACCOUNT,
        "iat": 1_700_000_000,
        "exp": 1_700_003_600,
        "grants": {"identity": "alice smith", "voice": {"incoming": {"allow": true}}},
    });
    let header = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;
    let token = fpa_tests::sign_json(header, &payload.to_string(), SECRET.as_bytes());
    let run = fpa(&["verify", &token, "--now", NOW], &credentials(), None);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`voice` grant")
            && run.stderr.contains("ASCII letters")
            && run.stderr.contains("Twilio error 20106"),
        "{}",
        run.stderr
    );
}

#[test]
fn decode_and_verify_the_official_libraries_tokens() {
    for case in official_vectors().cases {
        let env = [
            (
                "TWILIO_ACCOUNT_SID",
                case.request["account_sid"].as_str().unwrap(),
            ),
            (
                "TWILIO_API_KEY",
                case.request["api_key_sid"].as_str().unwrap(),
            ),
            ("TWILIO_API_SECRET", case.secret.as_str()),
        ];
        let now = case.now.to_string();
        for (library, recorded) in &case.tokens {
            let token = recorded["token"].as_str().unwrap();
            let decoded = fpa(&["decode", token], &[], None);
            assert_eq!(
                decoded.code, 0,
                "{} {library}: {}",
                case.name, decoded.stderr
            );
            assert_eq!(decoded.json()["header"], recorded["header"]);
            assert_eq!(decoded.json()["payload"], recorded["payload"]);

            let verified = fpa(&["verify", token, "--now", &now], &env, None);
            assert_eq!(
                verified.code, 0,
                "{} {library}: {}",
                case.name, verified.stderr
            );
            assert_eq!(
                verified.json()["payload"],
                recorded["payload"],
                "{} {library}",
                case.name
            );
        }
    }
}

#[test]
fn help_reads_in_twilio_terms() {
    let run = fpa(&["--help"], &[], None);
    assert_eq!(run.code, 0);
    for word in [
        "mint",
        "decode",
        "verify",
        "TWILIO_API_SECRET",
        "Access Tokens",
    ] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
    let run = fpa(&["mint", "--help"], &[], None);
    for word in [
        "--voice-app",
        "--video-room",
        "--chat-service",
        "--sync-service",
        "86400",
        "TWILIO_ACCOUNT_SID",
    ] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
    let run = fpa(&["frobnicate"], &[], None);
    assert_eq!(run.code, 2);
}

/// The payload of a token that has nothing wrong at `NOW`, for `fpa doctor` to find faults in
/// once a test breaks it.
fn sound_payload() -> Value {
    json!({
        "jti": format!("{KEY_SID}-1"),
        "grants": {"identity": "alice", "voice": {"outgoing": {"application_sid": APP}}},
        "iat": 1_700_000_000,
        "exp": 1_700_003_600,
        "iss": KEY_SID,
        "sub": ACCOUNT,
    })
}

const DEFAULT_HEADER: &str = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

/// `fpa doctor` on `payload` signed with the test secret under `header`, with the test
/// credentials, at `NOW`.
fn doctor(header: &str, payload: &Value, extra: &[&str]) -> Run {
    let token = fpa_tests::sign_json(header, &payload.to_string(), SECRET.as_bytes());
    let mut args = vec!["doctor", &token, "--now", NOW];
    args.extend_from_slice(extra);
    fpa(&args, &credentials(), None)
}

/// The findings' lines, each cut after its place: `error 20104 exp`.
fn findings(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .map(|line| line.split_once(':').map_or(line, |(start, _)| start))
        .collect()
}

#[test]
fn doctor_finds_nothing_wrong_with_a_sound_token() {
    let run = doctor(DEFAULT_HEADER, &sound_payload(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "no problems found\n");
    let run = doctor(DEFAULT_HEADER, &sound_payload(), &["--json"]);
    assert_eq!(run.json(), json!([]));
}

/// The issue's "done when": four findings, in a stable order, and exit 1.
#[test]
fn doctor_reports_every_problem_of_a_token_at_once() {
    let mut payload = sound_payload();
    payload["grants"]["identity"] = "john smith".into();
    payload["grants"]["sync"] = json!({"service_sid": SERVICE});
    let token = fpa_tests::sign_json(DEFAULT_HEADER, &payload.to_string(), SECRET.as_bytes());
    let auth_token = "0123456789abcdef0123456789abcdef";
    let mut env = credentials();
    env[2].1 = auth_token;
    let run = fpa(&["doctor", &token, "--now", "1700010000"], &env, None);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&run),
        [
            "error 20107 signature",
            "error 20104 exp",
            "error 20106 identity",
            "warning - grants.sync",
        ]
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].contains("looks like an Auth Token"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("6400 s ago"), "{}", lines[1]);
    assert!(lines[2].contains("character 5 is ' '"), "{}", lines[2]);
    assert!(lines[3].contains("`data_sync`"), "{}", lines[3]);
    assert!(!run.stdout.contains(auth_token) && !run.stderr.contains(auth_token));
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);

    let run = fpa(
        &["doctor", &token, "--now", "1700010000", "--json"],
        &env,
        None,
    );
    let output = run.json();
    let first = &output[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], 20107);
    assert_eq!(first["where"], "signature");
    assert!(first["message"].as_str().unwrap().contains("signature"));
    assert!(first["fix"].as_str().unwrap().contains("Auth Token"));
    assert_eq!(output[3]["code"], Value::Null);
    assert_eq!(output.as_array().unwrap().len(), 4);
}

#[test]
fn doctor_names_every_problem_of_the_form_and_header() {
    let run = fpa(&["doctor", "a.b", "--now", NOW], &credentials(), None);
    assert_eq!(findings(&run), ["error 20101 token"]);
    assert!(run.stdout.contains("2 parts"), "{}", run.stdout);
    let run = fpa(
        &["doctor", " !.e30!.x= ", "--now", NOW],
        &credentials(),
        None,
    );
    assert_eq!(
        findings(&run),
        [
            "error 20101 token",
            "error 20101 header",
            "error 20101 payload",
            "error 20101 signature"
        ]
    );
    let header = r#"{"alg":"none","typ":"JWT","cty":"twilio-fpa;v=2","crit":["b64"],"twr":"ie1"}"#;
    let run = doctor(header, &sound_payload(), &[]);
    assert_eq!(
        findings(&run),
        [
            "error 20102 header.alg",
            "error 20102 header.cty",
            "error 20102 header.crit",
            "note - header.twr",
        ]
    );
    assert!(run.stdout.contains("region-specific"), "{}", run.stdout);

    // What the token says is escaped: a hostile token cannot write to the terminal.
    let header = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"\u001b[2J\nerror"}"#;
    let mut payload = sound_payload();
    payload["grants"]["voic\u{1b}"] = json!({});
    let run = doctor(header, &payload, &[]);
    assert_eq!(
        findings(&run),
        ["note - header.twr", "warning - grants.voic\\u{1b}"]
    );
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

#[test]
fn doctor_says_why_a_signature_does_not_match() {
    let other_key = "SK00000000000000000000000000000001";
    let other_account = "AC00000000000000000000000000000001";
    let mut payload = sound_payload();
    payload["iss"] = other_key.into();
    payload["sub"] = other_account.into();
    let token = fpa_tests::sign_json(
        DEFAULT_HEADER,
        &payload.to_string(),
        b"another-secret-of-32-bytes-long!",
    );
    let run = fpa(&["doctor", &token, "--now", NOW], &credentials(), None);
    assert_eq!(findings(&run), ["error 20107 signature"]);
    assert!(
        run.stdout
            .contains(&format!("names the API key {other_key:?}"))
            && run
                .stdout
                .contains(&format!("for the account {other_account:?}")),
        "{}",
        run.stdout
    );
    // Signed with the right secret, the names are errors of their own.
    let run = doctor(DEFAULT_HEADER, &payload, &[]);
    assert_eq!(findings(&run), ["error 20103 iss", "error 20103 sub"]);
    // Without credentials, the signature is not checked, and says so.
    let token = fpa_tests::sign_json(
        DEFAULT_HEADER,
        &sound_payload().to_string(),
        SECRET.as_bytes(),
    );
    let run = fpa(&["doctor", &token, "--now", NOW], &[], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(findings(&run), ["note - signature"]);
    assert_eq!(
        run.stderr,
        "no problems found (the signature was not checked)\n"
    );
}

#[test]
fn doctor_checks_the_times_against_now() {
    let cases = [
        (
            "nbf",
            json!(1_700_000_500),
            "error 20105 nbf",
            "ahead by 500 s",
        ),
        (
            "iat",
            json!(1_700_000_500),
            "error 20105 iat",
            "ahead by 500 s",
        ),
        (
            "exp",
            json!(1_700_090_000),
            "error 20157 exp",
            "at most 86400 s",
        ),
        (
            "exp",
            json!(1_700_003_600_000_u64),
            "error 20157 exp",
            "milliseconds",
        ),
    ];
    for (claim, value, finding, fix) in cases {
        let mut payload = sound_payload();
        payload[claim] = value.clone();
        let run = doctor(DEFAULT_HEADER, &payload, &[]);
        assert_eq!(run.code, 1, "{claim} {value}");
        assert!(findings(&run).contains(&finding), "{claim}: {}", run.stdout);
        assert!(run.stdout.contains(fix), "{claim}: {}", run.stdout);
        assert_eq!(
            run.stdout.contains("milliseconds"),
            fix == "milliseconds",
            "{claim}: {}",
            run.stdout
        );
    }
    let token = fpa_tests::sign_json(
        DEFAULT_HEADER,
        &sound_payload().to_string(),
        SECRET.as_bytes(),
    );
    let args = ["doctor", &token, "--now", "1700003600", "--leeway", "0"];
    let run = fpa(&args, &credentials(), None);
    assert_eq!(findings(&run), ["error 20104 exp"]);
    assert!(run.stdout.contains("0 s ago"), "{}", run.stdout);
}

#[test]
fn doctor_checks_the_identity_for_every_product_of_the_token() {
    let cases = [
        (
            json!("ali\u{7}ce"),
            json!({}),
            "identity has a control character at position 4",
        ),
        (
            json!("alice@example.com"),
            json!({"voice": {"outgoing": {"application_sid": APP}}}),
            "character 6 is '@'",
        ),
        (json!("é".repeat(65)), json!({"video": {}}), "counts 130"),
        (
            json!("a".repeat(257)),
            json!({"chat": {"service_sid": SERVICE}}),
            "257 characters",
        ),
        (
            json!(""),
            json!({"data_sync": {"service_sid": SERVICE}}),
            "identity is empty",
        ),
    ];
    for (identity, mut grants, expected) in cases {
        grants["identity"] = identity.clone();
        let mut payload = sound_payload();
        payload["grants"] = grants;
        let run = doctor(DEFAULT_HEADER, &payload, &[]);
        assert_eq!(findings(&run), ["error 20106 identity"], "{identity}");
        assert!(run.stdout.contains(expected), "{identity}: {}", run.stdout);
    }
}

#[test]
fn doctor_checks_each_grant_as_its_product() {
    let mut payload = sound_payload();
    payload["grants"] = json!({
        "identity": "alice",
        "voice": {"incoming": {"allow": true}},
        "video": {"room": 5},
        "chat": {"endpoint_id": "e"},
        "data_sync": {},
        "task_router": {"workspace_sid": "WS4cccb2801f88e9c5dfb79c2e70d93c34"},
    });
    let run = doctor(DEFAULT_HEADER, &payload, &[]);
    assert_eq!(
        findings(&run),
        [
            "warning - grants.voice",
            "error 20106 grants.video",
            "warning - grants.chat",
            "warning - grants.data_sync",
            "warning - grants.task_router",
        ]
    );
    for needs in [
        "outgoing.application_sid",
        "expected a string",
        "Chat grant needs service_sid",
        "Sync grant needs service_sid",
        "no worker_sid",
    ] {
        assert!(run.stdout.contains(needs), "{needs}: {}", run.stdout);
    }
}

#[test]
fn doctor_suggests_the_key_a_grant_was_meant_for() {
    for (key, meant) in [
        ("sync", "data_sync"),
        ("conversations", "chat"),
        ("ip_messaging", "chat"),
        ("taskrouter", "task_router"),
        ("rtc", "video"),
        ("vocie", "voice"),
        ("data-sync", "data_sync"),
    ] {
        let mut payload = sound_payload();
        payload["grants"][key] = json!({});
        let run = doctor(DEFAULT_HEADER, &payload, &[]);
        assert_eq!(run.code, 0, "{key}");
        assert_eq!(findings(&run), [format!("warning - grants.{key}").as_str()]);
        assert!(
            run.stdout.contains(&format!("`{meant}`")),
            "{key}: {}",
            run.stdout
        );
    }
    let mut payload = sound_payload();
    payload["grants"]["player"] = json!({"playbackUrl": "https://example.com"});
    let run = doctor(DEFAULT_HEADER, &payload, &[]);
    assert_eq!(run.stdout, "", "a grant no product is near is left alone");
}
