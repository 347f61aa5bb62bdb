//! Decoding a token without verifying it, for inspection tools.
//!
//! Nothing decoded here is authentic: anyone can write any header and claims. Use
//! [`Verifier`](crate::Verifier) for every decision.

use alloc::string::String;

use serde_json::{Map, Value};

use crate::{
    compact::Parts,
    header, json,
    verify::DEFAULT_MAX_TOKEN_LEN,
    verify_error::{Segment, VerifyError},
};

/// A token's header and payload as JSON objects, unverified.
#[derive(Clone, Debug, PartialEq)]
pub struct UnverifiedToken {
    /// The header.
    pub header: Map<String, Value>,
    /// The claims.
    pub payload: Map<String, Value>,
}

/// Decodes `token` without checking its signature or any claim.
///
/// It still refuses what is not a well-formed JWT: longer than 16 KiB, not three strict base64url
/// parts, a header or payload that is not a JSON object or repeats a key. It never panics.
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
/// let decoded = fpa_core::dangerous::decode_unverified(token)?;
/// assert_eq!(decoded.payload["sub"], "x");
/// # Ok::<(), fpa_core::VerifyError>(())
/// ```
///
/// # Errors
///
/// The [`VerifyError`] saying which part is malformed.
pub fn decode_unverified(token: &str) -> Result<UnverifiedToken, VerifyError> {
    let parts = Parts::decode(token, DEFAULT_MAX_TOKEN_LEN)?;
    let object = |json: &[u8], segment| {
        let not_json = match segment {
            Segment::Header => VerifyError::HeaderNotJson,
            _ => VerifyError::PayloadNotJson,
        };
        let json = core::str::from_utf8(json).map_err(|_| not_json.clone())?;
        json::check_object(json).map_err(|problem| segment.json_error(problem))?;
        serde_json::from_str::<Map<String, Value>>(json).map_err(|_| not_json)
    };
    let header = parts
        .header
        .as_deref()
        .unwrap_or(header::DEFAULT.as_bytes());
    Ok(UnverifiedToken {
        header: object(header, Segment::Header)?,
        payload: object(&parts.payload, Segment::Payload)?,
    })
}
