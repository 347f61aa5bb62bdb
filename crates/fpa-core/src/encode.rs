//! Writing a token into one buffer: JSON from serde_json, base64url from base64-simd.

use alloc::vec::Vec;

use base64_simd::{Out, URL_SAFE_NO_PAD};
use serde::Serialize;

/// Appends `value` to `out` as JSON, serialized by serde_json.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), serde_json::Error> {
    #[cfg(feature = "std")]
    {
        serde_json::to_writer(out, value)
    }
    #[cfg(not(feature = "std"))]
    {
        // Without `std`, serde_json writes only into a vector of its own.
        serde_json::to_vec(value).map(|json| out.extend_from_slice(&json))
    }
}

/// Replaces `buffer[start..]` with its unpadded base64url encoding, within the same allocation
/// when its capacity allows (the caller sizes it so).
pub(crate) fn encode_tail_in_place(buffer: &mut Vec<u8>, start: usize) {
    let end = buffer.len();
    let encoded_len = URL_SAFE_NO_PAD.encoded_length(end - start);
    // Encode into the space after the bytes, then move the encoding over them.
    buffer.resize(end + encoded_len, 0);
    let (bytes, encoded) = buffer.split_at_mut(end);
    let written = URL_SAFE_NO_PAD
        .encode(&bytes[start..], Out::from_slice(encoded))
        .len();
    buffer.copy_within(end..end + written, start);
    buffer.truncate(start + written);
}

/// Appends the unpadded base64url encoding of a 32-byte MAC to `out`.
pub(crate) fn push_signature(out: &mut Vec<u8>, mac: &[u8; 32]) {
    let mut encoded = [0; 43];
    out.extend_from_slice(URL_SAFE_NO_PAD.encode(mac, Out::from_slice(&mut encoded)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_tail_only() {
        for len in [0, 1, 2, 3, 4, 100, 1000] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let mut buffer = b"prefix.".to_vec();
            buffer.extend_from_slice(&data);
            encode_tail_in_place(&mut buffer, 7);
            let expected = alloc::format!("prefix.{}", URL_SAFE_NO_PAD.encode_to_string(&data));
            assert_eq!(buffer, expected.as_bytes());
        }
    }

    #[test]
    fn json_is_serde_json() {
        let mut out = b"x".to_vec();
        write_json(&mut out, "zoë \"q\" / \u{1}").unwrap();
        let mut expected = b"x".to_vec();
        expected.extend(serde_json::to_vec("zoë \"q\" / \u{1}").unwrap());
        assert_eq!(out, expected);
    }
}
