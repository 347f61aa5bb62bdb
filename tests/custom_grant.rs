//! A grant this workspace does not ship, written against `fpa::Grant` alone: what a user still
//! minting Twilio Live's Playback grant (end of life on 2023-11-30) does without forking.

use core::fmt;

use fpa::{AccessToken, Grant, MintError};
use fpa_tests::{
    decode_checked,
    fixtures::{NOW, SECRET, builder, key},
};
use serde::Serialize;

fpa::sid! {
    /// A Twilio Live PlayerStreamer SID.
    pub struct PlayerStreamerSid("VJ", "PlayerStreamer SID");
}

/// `grants.player` (docs/spec.md §5): the object Twilio Live's PlaybackGrant API returned.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaybackGrant {
    playback_url: String,
    player_streamer_sid: PlayerStreamerSid,
    request_credentials: Option<String>,
}

#[derive(Debug, PartialEq)]
struct NoPlaybackUrl;

impl fmt::Display for NoPlaybackUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the Playback grant has no playback URL")
    }
}

impl core::error::Error for NoPlaybackUrl {}

impl Grant for PlaybackGrant {
    const KEY: &'static str = "player";
    type Error = NoPlaybackUrl;

    fn check(&self) -> Result<(), NoPlaybackUrl> {
        if self.playback_url.is_empty() {
            return Err(NoPlaybackUrl);
        }
        Ok(())
    }
}

const STREAMER: &str = "VJ0123456789abcdef0123456789abcdef";

fn mint(playback_url: &str) -> Result<AccessToken, MintError> {
    builder("alice")
        .grant(PlaybackGrant {
            playback_url: playback_url.into(),
            player_streamer_sid: STREAMER.parse().unwrap(),
            request_credentials: None,
        })
        .grant(fpa::video::VideoGrant::new())
        .sign(&key(), NOW)
}

#[test]
fn a_user_grant_is_written_under_its_key() {
    let url = "https://example.playback.live-video.net/stream.m3u8?token=x";
    let token = mint(url).unwrap();
    let payload = decode_checked(token.as_str(), SECRET.as_bytes()).payload;
    assert_eq!(
        payload["grants"],
        serde_json::json!({
            "identity": "alice",
            "player": {
                "playbackUrl": url,
                "playerStreamerSid": STREAMER,
                "requestCredentials": null,
            },
            "video": {},
        })
    );
}

#[test]
fn a_user_grant_check_refuses_through_mint_error() {
    let err = mint("").unwrap_err();
    assert!(matches!(err, MintError::Grant { key: "player", .. }));
    assert_eq!(err.grant_error::<NoPlaybackUrl>(), Some(&NoPlaybackUrl));
    assert_eq!(
        err.to_string(),
        "invalid \"player\" grant: the Playback grant has no playback URL"
    );
}

#[test]
fn a_user_sid_checks_its_prefix() {
    let err = "WK0123456789abcdef0123456789abcdef"
        .parse::<PlayerStreamerSid>()
        .unwrap_err();
    assert!(err.to_string().contains("PlayerStreamer SID"), "{err}");
}
