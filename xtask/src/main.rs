//! `cargo xtask`: the workspace's automation, std only so it builds in seconds.
//!
//! Run `cargo xtask help` for the tasks.

#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::{
    env, fs,
    path::PathBuf,
    process::{Command, ExitCode},
};

const HELP: &str = "\
cargo xtask <task>

tasks:
  ci            every check CI runs: fmt, clippy, test, doc, features, grants-alone, no-std,
                package, bench --quick
  package       cargo package every published crate, building each from its package
  features      cargo check -p fpa for every subset of its features
  grants-alone  build and test each grant crate on its own, with only fpa-core beneath it
  no-std        fpa-core and the grant crates build without any `std` feature
  bench [--quick]
                time mint and verify against the HMAC floor and jsonwebtoken (release mode);
                --quick only checks that the benchmark runs
  fuzz [SECS]   run each fuzz target for SECS seconds (default 60); needs cargo-fuzz and a
                nightly toolchain: `cargo install cargo-fuzz`
  mutants [PACKAGE...]
                mutation-test the library crates (default: fpa-core and every grant crate)
                against the whole workspace's tests, installing cargo-mutants 27.1.0 when
                missing; exclusions and their reasons are in .cargo/mutants.toml. Not part of
                ci: a full run takes hours on 2 cores
";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let task = env::args().nth(1);
    let result = match task.as_deref() {
        Some("ci") => ci(),
        Some("features") => features(),
        Some("grants-alone") => grants_alone(),
        Some("no-std") => no_std(),
        Some("package") => package(),
        Some("bench") => bench(env::args().nth(2).as_deref() == Some("--quick")),
        Some("fuzz") => fuzz(env::args().nth(2).as_deref()),
        Some("mutants") => mutants(env::args().skip(2).collect()),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

const GRANT_CRATES: [&str; 5] = [
    "fpa-grant-voice",
    "fpa-grant-video",
    "fpa-grant-chat",
    "fpa-grant-sync",
    "fpa-grant-taskrouter",
];

const FPA_FEATURES: [&str; 6] = ["std", "voice", "video", "chat", "sync", "taskrouter"];

fn ci() -> Result {
    run(cargo(&["fmt", "--all", "--check"]))?;
    run(cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo(&["test", "--workspace", "--all-features"]))?;
    let mut doc = cargo(&["doc", "--workspace", "--no-deps", "--all-features"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    run(doc)?;
    features()?;
    grants_alone()?;
    no_std()?;
    package()?;
    bench(true)?;
    println!("xtask: all checks passed");
    Ok(())
}

/// Every subset of the umbrella's features compiles: features only add API.
fn features() -> Result {
    for mask in 0..1u32 << FPA_FEATURES.len() {
        let chosen: Vec<&str> = FPA_FEATURES
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, feature)| *feature)
            .collect();
        let list = chosen.join(",");
        run(cargo(&[
            "check",
            "--quiet",
            "--package",
            "fpa",
            "--no-default-features",
            "--features",
            &list,
        ]))?;
    }
    Ok(())
}

/// Each grant crate depends on fpa-core and no other workspace crate, and passes its tests alone.
fn grants_alone() -> Result {
    for krate in GRANT_CRATES {
        let tree = output(cargo(&[
            "tree",
            "--package",
            krate,
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ]))?;
        let workspace_deps: Vec<&str> = tree
            .lines()
            .filter(|line| line.starts_with("fpa") && !line.starts_with(krate))
            .collect();
        if workspace_deps
            .iter()
            .any(|line| !line.starts_with("fpa-core "))
        {
            return Err(format!(
                "{krate} must depend on no workspace crate but fpa-core, found: {workspace_deps:?}"
            ));
        }
        run(cargo(&["test", "--quiet", "--package", krate]))?;
    }
    Ok(())
}

/// Nothing beneath fpa-core or the grant crates turns on a `std` feature unless asked to.
fn no_std() -> Result {
    let mut check = vec!["check", "--quiet", "--package", "fpa-core"];
    for krate in GRANT_CRATES {
        check.extend(["--package", krate]);
    }
    check.push("--no-default-features");
    run(cargo(&check))?;
    run(cargo(&[
        "test",
        "--quiet",
        "--package",
        "fpa-core",
        "--no-default-features",
        "--lib",
    ]))?;
    let tree = output(cargo(&[
        "tree",
        "--package",
        "fpa",
        "--no-default-features",
        "--features",
        "voice,video,chat,sync,taskrouter",
        "--edges",
        "normal,features",
        "--prefix",
        "none",
    ]))?;
    let with_std: Vec<&str> = tree
        .lines()
        .filter(|line| line.contains("feature \"std\""))
        .collect();
    if !with_std.is_empty() {
        return Err(format!(
            "fpa without its `std` feature still enables std in: {with_std:?}"
        ));
    }
    Ok(())
}

/// The published crates package, and build from what was packaged: what `cargo publish` would
/// upload is complete.
///
/// `cargo package` would verify each crate by unpacking it under `$CARGO_HOME`, where a stale
/// copy of an unchanged version is never refreshed; instead, the packages are unpacked into a
/// throwaway workspace under `target/`, whose crates depend on each other's packaged sources.
fn package() -> Result {
    let mut package = cargo(&["package", "--no-verify", "--allow-dirty", "--workspace"]);
    for unpublished in UNPUBLISHED {
        package.args(["--exclude", unpublished]);
    }
    run(package)?;

    let root = project_root();
    let packaged = root.join("target/package");
    let check = packaged.join("check");
    if check.exists() {
        fs::remove_dir_all(&check).map_err(|err| format!("removing {}: {err}", check.display()))?;
    }
    fs::create_dir_all(&check).map_err(|err| format!("creating {}: {err}", check.display()))?;
    let version = workspace_version()?;
    let mut members = Vec::new();
    for krate in PUBLISHED {
        let archive = packaged.join(format!("{krate}-{version}.crate"));
        // `-m`: stamp the files now, or the build below could take an earlier unpacking's
        // artifacts for current ones.
        let mut unpack = Command::new("tar");
        unpack.arg("-xmzf").arg(&archive).arg("-C").arg(&check);
        run(unpack)?;
        members.push(format!("{krate}-{version}"));
    }
    let patches: String = PUBLISHED
        .iter()
        .zip(&members)
        .map(|(krate, dir)| format!("{krate} = {{ path = \"{dir}\" }}\n"))
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = {members:?}\n\n[patch.crates-io]\n{patches}"
    );
    fs::write(check.join("Cargo.toml"), manifest)
        .and_then(|()| fs::copy(root.join("Cargo.lock"), check.join("Cargo.lock")).map(drop))
        .map_err(|err| format!("writing the package check workspace: {err}"))?;
    let mut build = cargo(&["build", "--workspace", "--all-features", "--offline"]);
    build
        .current_dir(&check)
        .env("CARGO_TARGET_DIR", root.join("target/package-check"));
    run(build)
}

/// The crates `cargo publish` would upload, dependencies first.
const PUBLISHED: [&str; 8] = [
    "fpa-core",
    "fpa-grant-voice",
    "fpa-grant-video",
    "fpa-grant-chat",
    "fpa-grant-sync",
    "fpa-grant-taskrouter",
    "fpa",
    "fpa-cli",
];

/// The workspace members that are never published.
const UNPUBLISHED: [&str; 2] = ["fpa-tests", "xtask"];

/// `[workspace.package] version`, which every published crate inherits.
fn workspace_version() -> Result<String> {
    let manifest = fs::read_to_string(project_root().join("Cargo.toml"))
        .map_err(|err| format!("reading Cargo.toml: {err}"))?;
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[workspace.package]")
        .find_map(|line| line.strip_prefix("version = "))
        .map(|version| version.trim_matches('"').to_owned())
        .ok_or_else(|| "no version in [workspace.package]".into())
}

/// The one benchmark program, in release mode; `quick` runs a few iterations so it never rots.
fn bench(quick: bool) -> Result {
    let mut args = vec!["bench", "--package", "fpa", "--bench", "tokens", "--"];
    if quick {
        args.push("--quick");
    }
    run(cargo(&args))
}

/// The cargo-mutants release whose mutants and options `.cargo/mutants.toml` was written for.
const CARGO_MUTANTS_VERSION: &str = "27.1.0";

/// Runs cargo-mutants over `packages` (default: fpa-core and every grant crate), with the
/// options of `.cargo/mutants.toml`, and fails when a mutant outside its exclusions survives.
fn mutants(packages: Vec<String>) -> Result {
    let installed = output(cargo(&["mutants", "--version"])).unwrap_or_default();
    if installed.split_whitespace().nth(1) != Some(CARGO_MUTANTS_VERSION) {
        run(cargo(&[
            "install",
            "--locked",
            "cargo-mutants",
            "--version",
            CARGO_MUTANTS_VERSION,
        ]))?;
    }
    let packages = if packages.is_empty() {
        std::iter::once("fpa-core")
            .chain(GRANT_CRATES)
            .map(String::from)
            .collect()
    } else {
        packages
    };
    let mut mutants = cargo(&["mutants"]);
    for package in &packages {
        mutants.args(["--package", package]);
    }
    run(mutants)
}

/// The fuzz targets that take whole tokens; `payload` takes the JSON inside one.
const TOKEN_FUZZ_TARGETS: [&str; 2] = ["verify", "decode"];

/// Runs each fuzz target for a bounded time. The token targets are seeded with the official
/// vectors' tokens (signed with the key the `verify` target trusts), the `payload` target, which
/// signs what it is given, with the payloads in `fuzz/seeds/payload`.
fn fuzz(seconds: Option<&str>) -> Result {
    let seconds: u32 = seconds
        .unwrap_or("60")
        .parse()
        .map_err(|_| "fuzz takes a whole number of seconds".to_string())?;
    let mut probe = Command::new("cargo");
    probe.args(["+nightly", "fuzz", "--version"]);
    if output(probe).is_err() {
        return Err(
            "cargo-fuzz with a nightly toolchain is needed: `cargo install cargo-fuzz`, \
             and `rustup toolchain install nightly`"
                .into(),
        );
    }
    let root = project_root();
    let vectors = fs::read_to_string(root.join("tests/vectors/official-tokens.json"))
        .map_err(|err| format!("could not read the vectors: {err}"))?;
    let mut seeds = Vec::new();
    for seed in fs::read_dir(root.join("fuzz/seeds/payload"))
        .map_err(|err| format!("could not read the payload seeds: {err}"))?
    {
        let path = seed.map_err(|err| err.to_string())?.path();
        let payload =
            fs::read(&path).map_err(|err| format!("could not read {}: {err}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        seeds.push(("payload", format!("seed-{name}"), payload));
    }
    for target in TOKEN_FUZZ_TARGETS {
        for (index, token) in tokens_in(&vectors).enumerate() {
            seeds.push((
                target,
                format!("official-{index}"),
                token.as_bytes().to_vec(),
            ));
        }
    }
    for (target, name, seed) in &seeds {
        let corpus = root.join("fuzz/corpus").join(target);
        fs::create_dir_all(&corpus)
            .and_then(|()| fs::write(corpus.join(name), seed))
            .map_err(|err| format!("could not seed {}: {err}", corpus.display()))?;
    }
    for target in TOKEN_FUZZ_TARGETS.into_iter().chain(["payload"]) {
        let mut run_target = Command::new("cargo");
        run_target
            .args(["+nightly", "fuzz", "run", target, "--"])
            .arg(format!("-max_total_time={seconds}"))
            .current_dir(root.join("fuzz"));
        run(run_target)?;
    }
    Ok(())
}

/// The values of every `"token": "…"` field in the vectors file.
fn tokens_in(vectors: &str) -> impl Iterator<Item = &str> {
    vectors
        .split("\"token\": \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
}

fn project_root() -> PathBuf {
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| "xtask".into());
    let root = PathBuf::from(manifest_dir).join("..");
    root.canonicalize().unwrap_or(root)
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(args).current_dir(project_root());
    command
}

fn describe(command: &Command) -> String {
    let program = PathBuf::from(command.get_program());
    let program = program.file_name().unwrap_or_default().to_string_lossy();
    let args: Vec<String> = command
        .get_args()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    format!("{program} {}", args.join(" "))
}

fn run(mut command: Command) -> Result {
    let description = describe(&command);
    println!("$ {description}");
    let status = command
        .status()
        .map_err(|err| format!("could not start `{description}`: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{description}` failed ({status})"))
    }
}

fn output(mut command: Command) -> Result<String> {
    let description = describe(&command);
    let output = command
        .output()
        .map_err(|err| format!("could not start `{description}`: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{description}` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("`{description}` printed non-UTF-8"))
}
