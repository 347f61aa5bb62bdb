//! `fpa mint`: one token on stdout.

use clap::Args;
use fpa::{
    AccessToken, AccessTokenBuilder, ClaimError, Identity, Jti, MintError, Region, Ttl, UnixTime,
    chat::{self, ChatGrant, ChatGrantError},
    dangerous::decode_unverified,
    sync::{self, SyncGrant, SyncGrantError},
    taskrouter::{TaskRouterGrant, TaskRouterGrantError, WorkerSid, WorkspaceSid},
    video::{VideoGrant, VideoGrantError},
    voice::{self, ApplicationSid, VoiceGrant, VoiceGrantError},
};
use serde_json::{Map, Value, json};

use crate::{Failure, credentials::CredentialArgs};

/// Mint an Access Token and print it on stdout
///
/// Several products combine into one token: give the flags of each. Every rule Twilio enforces
/// when the token is used is checked now, with an error naming the flag to fix.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  fpa mint --identity alice --voice-app AP… --voice-incoming
  fpa mint --identity alice --video-room DailyStandup --ttl 600
  fpa mint --identity alice@example.com --chat-service IS… --sync-service IS… --json
  fpa mint --identity alice --taskrouter-workspace WS… --taskrouter-worker WK…")]
pub struct MintArgs {
    #[command(flatten)]
    credentials: CredentialArgs,

    /// The user the token is for (grants.identity); Voice allows only ASCII letters, digits and _
    #[arg(long, value_name = "ID")]
    identity: String,

    /// Seconds the token stays valid, 1 to 86400 (Twilio's 24 hour maximum)
    #[arg(long, value_name = "SECONDS", default_value_t = Ttl::DEFAULT.as_secs())]
    ttl: u64,

    /// Not valid before this time (nbf); must be before the expiry
    #[arg(long, value_name = "UNIX_SECONDS")]
    nbf: Option<u64>,

    /// The Twilio region for the twr header, such as us1, ie1 or au1
    #[arg(long)]
    region: Option<String>,

    /// A token id of your own [default: the API key SID, `-` and 128 random bits in hex]
    #[arg(long, value_name = "ID")]
    jti: Option<String>,

    /// The issue time, for reproducible tokens in tests [default: now]
    #[arg(long, value_name = "UNIX_SECONDS")]
    issued_at: Option<u64>,

    /// Print {"token", "header", "payload"} as JSON instead of the bare token
    #[arg(long)]
    json: bool,

    /// The TwiML application for outgoing calls
    #[arg(long, value_name = "AP…", value_parser = ApplicationSid::parse, help_heading = "Voice grant")]
    voice_app: Option<ApplicationSid>,

    /// Let the identity receive incoming calls
    #[arg(long, requires = "voice_app", help_heading = "Voice grant")]
    voice_incoming: bool,

    /// A parameter passed to the TwiML application (repeatable)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_param, requires = "voice_app", help_heading = "Voice grant")]
    voice_param: Vec<(String, String)>,

    /// Parameters passed to the TwiML application, as a JSON object
    #[arg(long, value_name = "JSON", value_parser = parse_params_json, requires = "voice_app", help_heading = "Voice grant")]
    voice_params_json: Option<Map<String, Value>>,

    /// The push credential for incoming-call notifications
    #[arg(long, value_name = "CR…", value_parser = voice::CredentialSid::parse, requires = "voice_app", help_heading = "Voice grant")]
    voice_push_credential: Option<voice::CredentialSid>,

    /// The endpoint id that tells the identity's devices apart
    #[arg(
        long,
        value_name = "ID",
        requires = "voice_app",
        help_heading = "Voice grant"
    )]
    voice_endpoint: Option<String>,

    /// A grant for any room
    #[arg(long, help_heading = "Video grant")]
    video: bool,

    /// Only this room, by name or RM… SID (implies --video)
    #[arg(long, value_name = "ROOM", help_heading = "Video grant")]
    video_room: Option<String>,

    /// The Conversations service
    #[arg(long, value_name = "IS…", value_parser = chat::ServiceSid::parse, help_heading = "Chat grant")]
    chat_service: Option<chat::ServiceSid>,

    /// The endpoint id that tells the identity's devices apart
    #[arg(
        long,
        value_name = "ID",
        requires = "chat_service",
        help_heading = "Chat grant"
    )]
    chat_endpoint: Option<String>,

    /// The role the user gets in the service
    #[arg(long, value_name = "RL…", value_parser = chat::RoleSid::parse, requires = "chat_service", help_heading = "Chat grant")]
    chat_deployment_role: Option<chat::RoleSid>,

    /// The push credential for notifications
    #[arg(long, value_name = "CR…", value_parser = chat::CredentialSid::parse, requires = "chat_service", help_heading = "Chat grant")]
    chat_push_credential: Option<chat::CredentialSid>,

    /// The Sync service
    #[arg(long, value_name = "IS…", value_parser = sync::ServiceSid::parse, help_heading = "Sync grant")]
    sync_service: Option<sync::ServiceSid>,

    /// The endpoint id that tells the identity's devices apart
    #[arg(
        long,
        value_name = "ID",
        requires = "sync_service",
        help_heading = "Sync grant"
    )]
    sync_endpoint: Option<String>,

    /// The TaskRouter workspace (needs --taskrouter-worker)
    #[arg(long, value_name = "WS…", value_parser = WorkspaceSid::parse, requires = "taskrouter_worker", help_heading = "TaskRouter grant")]
    taskrouter_workspace: Option<WorkspaceSid>,

    /// The worker the token's holder acts as (needs --taskrouter-workspace)
    #[arg(long, value_name = "WK…", value_parser = WorkerSid::parse, requires = "taskrouter_workspace", help_heading = "TaskRouter grant")]
    taskrouter_worker: Option<WorkerSid>,

    /// The role, such as worker
    #[arg(
        long,
        value_name = "ROLE",
        requires = "taskrouter_workspace",
        help_heading = "TaskRouter grant"
    )]
    taskrouter_role: Option<String>,
}

pub fn run(args: MintArgs) -> Result<(), Failure> {
    let account_sid = args.credentials.account_sid()?;
    let key = args.credentials.signing_key()?;
    let identity = Identity::new(args.identity.as_str()).map_err(at("--identity"))?;
    let mut builder = AccessToken::builder(account_sid, identity)
        .ttl(Ttl::from_secs(args.ttl).map_err(at("--ttl"))?);
    if let Some(nbf) = args.nbf {
        builder = builder.not_before(UnixTime::from_secs(nbf));
    }
    if let Some(region) = &args.region {
        builder = builder.region(Region::new(region.as_str()).map_err(at("--region"))?);
    }
    if let Some(jti) = &args.jti {
        builder = builder.jti(Jti::new(jti.as_str()).map_err(at("--jti"))?);
    }
    let json = args.json;
    let now = args
        .issued_at
        .map_or_else(UnixTime::now, UnixTime::from_secs);
    let builder = with_grants(builder, args)?;

    let token = builder
        .sign(&key, now)
        .map_err(|err| Failure::usage(format!("{}: {err}", flag_at_fault(&err))))?;
    if json {
        let decoded = decode_unverified(token.as_str())
            .map_err(|err| Failure::usage(format!("the minted token does not decode: {err}")))?;
        let output = json!({
            "token": token.as_str(),
            "header": decoded.header,
            "payload": decoded.payload,
        });
        println!("{output:#}");
    } else {
        println!("{}", token.as_str());
    }
    Ok(())
}

/// Adds a grant for each product whose flags were given.
fn with_grants(
    mut builder: AccessTokenBuilder,
    args: MintArgs,
) -> Result<AccessTokenBuilder, Failure> {
    let mut products = 0;
    if let Some(app) = args.voice_app {
        let mut grant = VoiceGrant::new(app);
        if args.voice_incoming {
            grant = grant.allow_incoming();
        }
        for (key, value) in args.voice_params_json.into_iter().flatten() {
            grant = grant.with_param(key, value);
        }
        for (key, value) in args.voice_param {
            grant = grant.with_param(key, value);
        }
        if let Some(sid) = args.voice_push_credential {
            grant = grant.with_push_credential(sid);
        }
        if let Some(endpoint) = args.voice_endpoint {
            grant = grant.with_endpoint_id(endpoint);
        }
        builder = builder.grant(grant);
        products += 1;
    }
    if args.video || args.video_room.is_some() {
        let grant = match args.video_room {
            Some(room) => VideoGrant::new().with_room(room),
            None => VideoGrant::new(),
        };
        builder = builder.grant(grant);
        products += 1;
    }
    if let Some(service) = args.chat_service {
        let mut grant = ChatGrant::new(service);
        if let Some(endpoint) = args.chat_endpoint {
            grant = grant.with_endpoint_id(endpoint);
        }
        if let Some(role) = args.chat_deployment_role {
            grant = grant.with_deployment_role(role);
        }
        if let Some(sid) = args.chat_push_credential {
            grant = grant.with_push_credential(sid);
        }
        builder = builder.grant(grant);
        products += 1;
    }
    if let Some(service) = args.sync_service {
        let mut grant = SyncGrant::new(service);
        if let Some(endpoint) = args.sync_endpoint {
            grant = grant.with_endpoint_id(endpoint);
        }
        builder = builder.grant(grant);
        products += 1;
    }
    if let (Some(workspace), Some(worker)) = (args.taskrouter_workspace, args.taskrouter_worker) {
        let mut grant = TaskRouterGrant::new(workspace, worker);
        if let Some(role) = args.taskrouter_role {
            grant = grant.with_role(role);
        }
        builder = builder.grant(grant);
        products += 1;
    }
    if products == 0 {
        return Err(Failure::usage(
            "no product grant: pass --voice-app, --video (or --video-room), --chat-service, \
             --sync-service or --taskrouter-workspace with --taskrouter-worker",
        ));
    }
    Ok(builder)
}

/// Prefixes a claim's error with the flag that set it.
fn at(flag: &'static str) -> impl Fn(ClaimError) -> Failure {
    move |err| Failure::usage(format!("{flag}: {err}"))
}

/// The flag whose value broke the rule `err` names.
fn flag_at_fault(err: &MintError) -> &'static str {
    match err {
        MintError::NotBeforeAfterExpiry { .. } => "--nbf",
        MintError::TimeOutOfRange { .. } => "--issued-at",
        MintError::Grant { .. } => {
            if let Some(err) = err.grant_error::<VoiceGrantError>() {
                match err {
                    VoiceGrantError::EmptyEndpointId => "--voice-endpoint",
                    VoiceGrantError::MissingApplicationSid => "--voice-app",
                    // The one parameter flag that takes nested JSON.
                    VoiceGrantError::ParamTooDeep { .. } => "--voice-params-json",
                    _ => "--identity",
                }
            } else if let Some(err) = err.grant_error::<VideoGrantError>() {
                match err {
                    VideoGrantError::EmptyRoom => "--video-room",
                    _ => "--identity",
                }
            } else if let Some(err) = err.grant_error::<ChatGrantError>() {
                match err {
                    ChatGrantError::MissingServiceSid => "--chat-service",
                    _ => "--chat-endpoint",
                }
            } else if let Some(err) = err.grant_error::<SyncGrantError>() {
                match err {
                    SyncGrantError::MissingServiceSid => "--sync-service",
                    _ => "--sync-endpoint",
                }
            } else if let Some(err) = err.grant_error::<TaskRouterGrantError>() {
                match err {
                    TaskRouterGrantError::MissingWorkspaceSid => "--taskrouter-workspace",
                    TaskRouterGrantError::MissingWorkerSid => "--taskrouter-worker",
                    _ => "--taskrouter-role",
                }
            } else {
                "mint"
            }
        }
        _ => "mint",
    }
}

/// `KEY=VALUE`, splitting at the first `=`.
fn parse_param(param: &str) -> Result<(String, String), String> {
    match param.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.into(), value.into())),
        _ => Err("expected KEY=VALUE with a non-empty KEY, such as to=+15558675310".into()),
    }
}

/// A JSON object of parameters.
fn parse_params_json(json: &str) -> Result<Map<String, Value>, String> {
    serde_json::from_str(json)
        .map_err(|_| r#"expected a JSON object, such as {"to":"+15558675310"}"#.into())
}
