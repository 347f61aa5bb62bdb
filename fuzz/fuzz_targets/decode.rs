//! `dangerous::decode_unverified` on arbitrary input: it must return, never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        let _ = fpa::dangerous::decode_unverified(token);
    }
});
