//! The token server example, started on an ephemeral loopback port and asked for tokens over real
//! HTTP; each token it serves is checked with `fpa`'s verifier.

// The example's own `main` is not called here, and test helpers panic on bad fixtures.
#![allow(dead_code, clippy::unwrap_used, clippy::std_instead_of_core)]

#[path = "../examples/token_server.rs"]
mod token_server;

use std::{collections::HashMap, net::SocketAddr};

use fpa::{ApiKeySecret, SigningKey, Verifier, voice::VoiceGrant};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

const ACCOUNT: &str = "ACfa403fa53653a82d355471af9908c6f1";
const KEY_SID: &str = "SKbd09f756ca380edb5dda4cbe2d44ee0a";
const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
const APP: &str = "AP7f74d310572552d78e1f802efadf7d40";

fn key() -> SigningKey {
    SigningKey::new(
        KEY_SID.parse().unwrap(),
        &ApiKeySecret::new(SECRET).unwrap(),
    )
}

async fn start_server() -> SocketAddr {
    let credentials = token_server_credentials();
    let sessions = HashMap::from([("session-of-alice".to_owned(), "alice".parse().unwrap())]);
    let service =
        token_server::TokenService::new(credentials, sessions, Some(APP.parse().unwrap()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, token_server::app(service)).await });
    addr
}

fn token_server_credentials() -> token_server::common::Credentials {
    token_server::common::Credentials::new(ACCOUNT.parse().unwrap(), key())
}

struct HttpResponse {
    status: u16,
    headers: String,
    body: String,
}

/// `GET path` over a fresh TCP connection, HTTP/1.1 by hand so nothing stands between.
async fn get(addr: SocketAddr, path: &str, authorization: Option<&str>) -> HttpResponse {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let auth = authorization.map_or(String::new(), |value| format!("Authorization: {value}\r\n"));
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    HttpResponse {
        status: status_line.split(' ').nth(1).unwrap().parse().unwrap(),
        headers: headers.to_ascii_lowercase(),
        body: body.to_owned(),
    }
}

#[tokio::test]
async fn serves_a_verifiable_token_to_a_signed_in_user() {
    let addr = start_server().await;
    assert!(addr.ip().is_loopback());
    let response = get(addr, "/token", Some("Bearer session-of-alice")).await;
    assert_eq!(response.status, 200, "{}", response.body);
    assert!(
        response.headers.contains("cache-control: no-store"),
        "{}",
        response.headers
    );
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["identity"], "alice");

    let verifier = Verifier::new(ACCOUNT.parse().unwrap(), key());
    let verified = verifier
        .verify_now(body["token"].as_str().unwrap())
        .unwrap();
    assert_eq!(verified.identity(), Some("alice"));
    let voice = verified.grant::<VoiceGrant>().unwrap().unwrap();
    assert_eq!(voice.outgoing().unwrap().application_sid().as_str(), APP);
    assert!(verified.grant_json("video").is_some());
}

#[tokio::test]
async fn refuses_anyone_not_signed_in() {
    let addr = start_server().await;
    for authorization in [
        None,
        Some("Bearer unknown-session"),
        Some("Basic c2Vzc2lvbi1vZi1hbGljZQ=="),
    ] {
        let response = get(addr, "/token", authorization).await;
        assert_eq!(response.status, 401, "{authorization:?}");
        assert!(response.headers.contains("www-authenticate: bearer"));
        assert!(
            !response.body.contains("eyJ"),
            "{authorization:?}: {}",
            response.body
        );
    }
    // The identity never comes from the request itself.
    let response = get(addr, "/token?identity=alice", None).await;
    assert_eq!(response.status, 401);
}
