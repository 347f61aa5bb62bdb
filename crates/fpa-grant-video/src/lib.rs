#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use core::fmt;

use fpa_core::{Grant, Identity};
use serde::{Deserialize, Serialize};

fpa_core::sid! {
    /// A Video room SID (`RM…`), usable wherever a room name is.
    pub struct RoomSid("RM", "Video room SID");
}

/// The most a Video identity may weigh, counting each non-ASCII character as 2 (Twilio errors
/// 53200 and 53201).
pub const MAX_VIDEO_IDENTITY_WEIGHT: usize = 128;

/// A Video grant, stored under `grants.video`.
///
/// Without a room the token may join any room; with one, only that room (by name or `RM…` SID).
///
/// ```
/// use fpa_grant_video::VideoGrant;
///
/// assert_eq!(serde_json::to_string(&VideoGrant::new())?, "{}");
/// assert_eq!(
///     serde_json::to_string(&VideoGrant::new().with_room("DailyStandup"))?,
///     r#"{"room":"DailyStandup"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoGrant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    room: Option<String>,
}

impl VideoGrant {
    /// A grant for any room.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limits the grant to one room, by name or SID ([`RoomSid`] converts into a `String`).
    #[must_use]
    pub fn with_room(mut self, room: impl Into<String>) -> Self {
        self.room = Some(room.into());
        self
    }

    /// The room the grant is limited to, if any.
    pub fn room(&self) -> Option<&str> {
        self.room.as_deref()
    }
}

impl Grant for VideoGrant {
    const KEY: &'static str = "video";
    // `rtc` is the legacy Programmable Video grant the official libraries removed.
    const MISTAKEN_KEYS: &'static [&'static str] = &["rtc"];
    type Error = VideoGrantError;

    fn check(&self) -> Result<(), VideoGrantError> {
        if self.room.as_deref() == Some("") {
            return Err(VideoGrantError::EmptyRoom);
        }
        Ok(())
    }

    /// Video identities weigh at most 128, each non-ASCII character counting 2 (Twilio errors
    /// 53200 and 53201).
    fn check_identity(identity: &Identity) -> Result<(), VideoGrantError> {
        let weight = identity_weight(identity.as_str());
        if weight > MAX_VIDEO_IDENTITY_WEIGHT {
            return Err(VideoGrantError::IdentityTooLong { weight });
        }
        Ok(())
    }
}

/// An identity's length as Twilio Video counts it: 1 per ASCII character, 2 per other character.
pub fn identity_weight(identity: &str) -> usize {
    identity
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum()
}

/// Why a Video grant cannot be minted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VideoGrantError {
    /// The identity weighs more than [`MAX_VIDEO_IDENTITY_WEIGHT`].
    IdentityTooLong {
        /// Its weight: ASCII characters count 1, others 2.
        weight: usize,
    },
    /// The room is set but empty.
    EmptyRoom,
}

impl fmt::Display for VideoGrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IdentityTooLong { weight } => write!(
                f,
                "Video identities may be at most {MAX_VIDEO_IDENTITY_WEIGHT} characters, counting each \
                 non-ASCII character as 2 (Twilio error 53200), but this one counts {weight}"
            ),
            Self::EmptyRoom => f.write_str(
                "the Video room is empty: leave it unset to allow any room, or name one",
            ),
        }
    }
}

impl core::error::Error for VideoGrantError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(identity: &str) -> Result<(), VideoGrantError> {
        VideoGrant::check_identity(&identity.parse().unwrap())
    }

    #[test]
    fn identity_counts_non_ascii_twice() {
        assert_eq!(check(&"a".repeat(128)), Ok(()));
        assert_eq!(
            check(&"a".repeat(129)),
            Err(VideoGrantError::IdentityTooLong { weight: 129 })
        );
        assert_eq!(check(&"é".repeat(64)), Ok(()));
        assert_eq!(
            check(&"é".repeat(65)),
            Err(VideoGrantError::IdentityTooLong { weight: 130 })
        );
        assert_eq!(identity_weight("zoë@example.com"), 16);
    }

    #[test]
    fn room_by_name_or_sid() {
        let sid: RoomSid = "RMf5011a56ee5395d9db2f05ff5ee306cb".parse().unwrap();
        let grant = VideoGrant::new().with_room(sid);
        assert_eq!(grant.room(), Some("RMf5011a56ee5395d9db2f05ff5ee306cb"));
        let decoded: VideoGrant = serde_json::from_str(r#"{"room":"r1"}"#).unwrap();
        assert_eq!(decoded, VideoGrant::new().with_room("r1"));
    }

    #[test]
    fn empty_room_is_refused() {
        let grant = VideoGrant::new().with_room("");
        assert_eq!(grant.check(), Err(VideoGrantError::EmptyRoom));
    }

    #[test]
    fn every_message_says_what_to_fix() {
        use alloc::string::ToString;
        let long = VideoGrantError::IdentityTooLong { weight: 130 }.to_string();
        for phrase in [
            "at most 128",
            "non-ASCII character as 2",
            "53200",
            "counts 130",
        ] {
            assert!(long.contains(phrase), "{long:?} lacks {phrase:?}");
        }
        let room = VideoGrantError::EmptyRoom.to_string();
        assert!(
            room.contains("room is empty") && room.contains("leave it unset"),
            "{room}"
        );
    }
}
