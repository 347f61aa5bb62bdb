//! A token in JWS compact form (RFC 7515 §7.1), taken apart: `header.payload.signature`, each
//! part strict, canonical, unpadded base64url.

use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::{
    header,
    verify_error::{Segment, VerifyError},
};

/// The three parts of a compact JWT, base64url-decoded.
pub(crate) struct Parts<'a> {
    /// The header and payload as they were signed: the token up to its last dot.
    pub(crate) signing_input: &'a str,
    /// `None` for the default header, which needs no decoding or checking.
    pub(crate) header: Option<Vec<u8>>,
    pub(crate) payload: Vec<u8>,
    /// An HS256 signature, or the length of whatever else the token carried.
    pub(crate) signature: Result<[u8; 32], usize>,
}

impl<'a> Parts<'a> {
    /// Checks the length, the whitespace and the three parts, and decodes each strictly.
    pub(crate) fn decode(token: &'a str, max_len: usize) -> Result<Self, VerifyError> {
        check_length(token, max_len)?;
        check_whitespace(token)?;
        let segments = Segments::split(token)?;
        Ok(Self {
            signing_input: segments.signing_input,
            header: decode_header(segments.header)?,
            payload: decode_segment(segments.payload, Segment::Payload)?,
            signature: decode_signature(segments.signature)?,
        })
    }
}

/// Checks that `token` is at most `max_len` bytes, before anything else looks at it.
pub(crate) fn check_length(token: &str, max_len: usize) -> Result<(), VerifyError> {
    if token.len() > max_len {
        return Err(VerifyError::TooLong {
            len: token.len(),
            max: max_len,
        });
    }
    Ok(())
}

/// Checks that `token` neither starts nor ends with whitespace.
pub(crate) fn check_whitespace(token: &str) -> Result<(), VerifyError> {
    if token.trim() != token {
        return Err(VerifyError::Whitespace);
    }
    Ok(())
}

/// The three segments of a token, still encoded.
pub(crate) struct Segments<'a> {
    /// The header and payload as they were signed: the token up to its last dot.
    pub(crate) signing_input: &'a str,
    pub(crate) header: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
}

impl<'a> Segments<'a> {
    /// Splits `token` at its dots, which must be exactly two.
    pub(crate) fn split(token: &'a str) -> Result<Self, VerifyError> {
        let mut segments = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) = (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) else {
            return Err(VerifyError::SegmentCount {
                found: token.split('.').count(),
            });
        };
        Ok(Self {
            signing_input: &token[..header.len() + 1 + payload.len()],
            header,
            payload,
            signature,
        })
    }
}

/// Decodes the header segment; `None` for the default header, which needs no decoding or
/// checking.
pub(crate) fn decode_header(text: &str) -> Result<Option<Vec<u8>>, VerifyError> {
    match text {
        header::DEFAULT_ENCODED => Ok(None),
        other => decode_segment(other, Segment::Header).map(Some),
    }
}

/// Decodes strict, canonical, unpadded base64url (RFC 7515 §2).
pub(crate) fn decode_segment(text: &str, segment: Segment) -> Result<Vec<u8>, VerifyError> {
    Base64UrlUnpadded::decode_vec(text).map_err(|_| VerifyError::Base64 { segment })
}

/// Decodes an HS256 signature, or checks whatever else the token carried and says how long it
/// is.
pub(crate) fn decode_signature(text: &str) -> Result<Result<[u8; 32], usize>, VerifyError> {
    let mut signature = [0; 32];
    match Base64UrlUnpadded::decode(text, &mut signature).map(<[u8]>::len) {
        Ok(32) => Ok(Ok(signature)),
        Ok(len) => Ok(Err(len)),
        // Not base64url, or too long for the buffer: decoding it whole tells which, and how long.
        Err(_) => decode_segment(text, Segment::Signature).map(|signature| Err(signature.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn b64(bytes: &[u8]) -> String {
        Base64UrlUnpadded::encode_string(bytes)
    }

    #[test]
    fn splits_into_exactly_three_segments_before_decoding_any() {
        for (token, found) in [("", 1), ("a", 1), ("a.b", 2), ("!.!.!.!", 4), ("....", 5)] {
            assert!(
                matches!(
                    Parts::decode(token, 100),
                    Err(VerifyError::SegmentCount { found: f }) if f == found
                ),
                "{token:?}"
            );
        }
        let signature = b64(&[7; 32]);
        let token = alloc::format!("{}.{}.{signature}", b64(b"{}"), b64(b"[]"));
        let parts = Parts::decode(&token, token.len()).unwrap();
        assert_eq!(parts.signing_input, token.rsplit_once('.').unwrap().0);
        assert_eq!(parts.header.as_deref(), Some(&b"{}"[..]));
        assert_eq!(parts.payload, b"[]");
        assert_eq!(parts.signature, Ok([7; 32]));
    }

    #[test]
    fn the_length_cap_comes_first() {
        assert!(matches!(
            Parts::decode(" ..", 2),
            Err(VerifyError::TooLong { len: 3, max: 2 })
        ));
        assert!(matches!(
            Parts::decode(" ..", 3),
            Err(VerifyError::Whitespace)
        ));
    }

    #[test]
    fn signatures_are_32_bytes_of_canonical_base64url() {
        assert_eq!(decode_signature(&b64(&[1; 32])), Ok(Ok([1; 32])));
        for len in [0, 1, 31, 33, 64, 1000] {
            assert_eq!(
                decode_signature(&b64(&alloc::vec![1; len])),
                Ok(Err(len)),
                "{len}"
            );
        }
        let invalid = Err(VerifyError::Base64 {
            segment: Segment::Signature,
        });
        let mut padded = b64(&[1; 32]);
        padded.push('=');
        for text in [
            padded.as_str(),
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQF",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ+",
            "A",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB!",
        ] {
            assert_eq!(decode_signature(text), invalid, "{text}");
        }
    }

    #[test]
    fn the_default_header_is_recognized_not_decoded() {
        let token = alloc::format!(
            "{}.{}.{}",
            header::DEFAULT_ENCODED,
            b64(b"{}"),
            b64(&[0; 32])
        );
        assert_eq!(Parts::decode(&token, token.len()).unwrap().header, None);
    }
}
