//! A minimal token endpoint, the way Twilio's quickstarts serve tokens: `GET /token` answers the
//! signed-in user with `{"identity": …, "token": …}`, a Video token (and a Voice one too when
//! `TWILIO_TWIML_APP_SID` is set).
//!
//! ```text
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… \
//! FPA_DEMO_SESSIONS='session-of-alice=alice,session-of-bob=bob' \
//!     cargo run -p fpa --example token_server
//! curl -H 'Authorization: Bearer session-of-alice' http://127.0.0.1:3000/token
//! ```
//!
//! The identity comes from the application's own authentication, never from the request's query:
//! a token for any identity a caller names would let anyone act as anyone. This example stands in
//! for that authentication with bearer session ids looked up in `FPA_DEMO_SESSIONS`; a real app
//! plugs in its own session or login middleware where `identity_of` is. It listens on
//! 127.0.0.1:3000 unless `FPA_ADDR` says otherwise.

// A std program: the no_std and library-API lints of the library crates do not apply.
#![allow(
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core,
    clippy::missing_errors_doc
)]

#[path = "common/mod.rs"]
pub mod common;

use std::{collections::HashMap, net::SocketAddr, process::ExitCode, sync::Arc};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use fpa::{Identity, video::VideoGrant, voice::ApplicationSid, voice::VoiceGrant};
use serde::Serialize;

/// What the endpoint needs to mint tokens for its users.
pub struct TokenService {
    credentials: common::Credentials,
    /// Session id → the user it belongs to. A real app asks its session store.
    sessions: HashMap<String, Identity>,
    voice_app: Option<ApplicationSid>,
}

impl TokenService {
    /// Mints with `credentials` for the users of `sessions`, adding a Voice grant for
    /// `voice_app` when there is one.
    pub fn new(
        credentials: common::Credentials,
        sessions: HashMap<String, Identity>,
        voice_app: Option<ApplicationSid>,
    ) -> Self {
        Self {
            credentials,
            sessions,
            voice_app,
        }
    }

    /// The signed-in user, from the `Authorization: Bearer <session>` header.
    ///
    /// This is where a real application plugs in its own authentication.
    fn identity_of(&self, headers: &HeaderMap) -> Option<&Identity> {
        let session = headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .strip_prefix("Bearer ")?;
        self.sessions.get(session)
    }
}

/// The routes: `GET /token`.
pub fn app(service: TokenService) -> Router {
    Router::new()
        .route("/token", get(token))
        .with_state(Arc::new(service))
}

#[derive(Serialize)]
struct TokenResponse {
    identity: String,
    token: String,
}

async fn token(State(service): State<Arc<TokenService>>, headers: HeaderMap) -> Response {
    let Some(identity) = service.identity_of(&headers) else {
        let challenge = [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))];
        return (StatusCode::UNAUTHORIZED, challenge).into_response();
    };
    let mut builder = service
        .credentials
        .builder(identity.clone())
        .grant(VideoGrant::new());
    if let Some(app) = service.voice_app {
        builder = builder.grant(VoiceGrant::new(app).allow_incoming());
    }
    match builder.sign_now(service.credentials.key()) {
        Ok(token) => {
            let body = TokenResponse {
                identity: identity.to_string(),
                token: token.into_string(),
            };
            // A token is a credential: no cache may keep it.
            let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
            (no_store, Json(body)).into_response()
        }
        Err(err) => {
            eprintln!("cannot mint a token for {identity}: {err}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Parses `session=identity,session=identity`.
fn sessions_from(list: &str) -> Result<HashMap<String, Identity>, String> {
    list.split(',')
        .filter(|entry| !entry.trim().is_empty())
        .map(|entry| {
            let (session, identity) = entry.trim().split_once('=').ok_or_else(|| {
                format!("FPA_DEMO_SESSIONS: expected session=identity, got {entry:?}")
            })?;
            let identity = Identity::new(identity)
                .map_err(|err| format!("FPA_DEMO_SESSIONS: identity of {session:?}: {err}"))?;
            Ok((session.to_owned(), identity))
        })
        .collect()
}

fn main() -> ExitCode {
    common::report(serve())
}

#[tokio::main]
async fn serve() -> common::Result {
    let credentials = common::Credentials::from_env()?;
    let sessions = sessions_from(&std::env::var("FPA_DEMO_SESSIONS").map_err(
        |_| "set FPA_DEMO_SESSIONS to session=identity pairs, such as session-of-alice=alice",
    )?)?;
    let voice_app = match std::env::var("TWILIO_TWIML_APP_SID") {
        Ok(sid) => Some(
            sid.parse()
                .map_err(|err| format!("TWILIO_TWIML_APP_SID: {err}"))?,
        ),
        Err(_) => None,
    };
    let addr: SocketAddr = match std::env::var("FPA_ADDR") {
        Ok(addr) => addr.parse().map_err(|err| format!("FPA_ADDR: {err}"))?,
        Err(_) => SocketAddr::from(([127, 0, 0, 1], 3000)),
    };
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("serving GET http://{addr}/token");
    axum::serve(
        listener,
        app(TokenService::new(credentials, sessions, voice_app)),
    )
    .await?;
    Ok(())
}
