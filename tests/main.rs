//! The black-box tests of `fpa`, with every feature, in one binary: each module holds one
//! concern, and `fpa_tests::fixtures` the values they share.

// Test helpers outside `#[test]` functions panic on bad fixtures, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod custom_grant;
mod properties;
mod rejects;
mod vectors;
mod verify;
