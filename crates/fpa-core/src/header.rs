//! The JOSE header of a Twilio Access Token (docs/spec.md §2): what it holds, how it is written, and
//! how a verifier checks it.

use alloc::{borrow::Cow, string::String};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde::{Deserialize, Serialize, de::IgnoredAny};

use crate::{
    json::{self, Field, Text},
    verify_error::{HeaderField, Segment, VerifyError},
};

/// The `alg` header: HMAC-SHA256, the only algorithm Twilio accepts (error 20102).
pub const ALG: &str = "HS256";
/// The `typ` header.
pub const TYP: &str = "JWT";
/// The `cty` header that marks a Twilio Access Token.
pub const CTY: &str = "twilio-fpa;v=1";

/// The header of a token without a region, as we write it and most tokens carry it.
pub(crate) const DEFAULT: &str = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}"#;

/// [`DEFAULT`] base64url-encoded: written as it is, and recognized as it is when verifying,
/// which spares encoding, decoding and checking the header of most tokens (10% of minting and of
/// verifying per request, `cargo xtask bench`).
pub(crate) const DEFAULT_ENCODED: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0";

/// The header as written, in the key order of Twilio's Node library.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'static str,
    typ: &'static str,
    cty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    twr: Option<&'a str>,
}

/// The base64url-encoded header of a token for `region` (none: the default header).
pub(crate) fn encoded(region: Option<&str>) -> Cow<'static, str> {
    match region {
        None => Cow::Borrowed(DEFAULT_ENCODED),
        Some(region) => Cow::Owned(encode(region)),
    }
}

fn encode(region: &str) -> String {
    let header = Header {
        alg: ALG,
        typ: TYP,
        cty: CTY,
        twr: Some(region),
    };
    let json = serde_json::to_vec(&header).expect("a struct of strings serializes");
    Base64UrlUnpadded::encode_string(&json)
}

/// The header fields a verifier looks at; any other is ignored (RFC 7515 §4).
#[derive(Deserialize)]
struct WireHeader<'a> {
    #[serde(borrow, default)]
    typ: Field<Text<'a>>,
    #[serde(borrow, default)]
    alg: Field<Text<'a>>,
    #[serde(borrow, default)]
    cty: Field<Text<'a>>,
    #[serde(default)]
    twr: Field<Option<String>>,
    #[serde(default)]
    crit: Field<IgnoredAny>,
}

/// Checks a decoded header and returns its region (`twr`), if any: one strict JSON object
/// ([`json::check_object`]) with `typ`, `alg` and `cty` exactly as Twilio writes them, `twr` a
/// string or null, and no `crit`.
pub(crate) fn check(header: &[u8]) -> Result<Option<String>, VerifyError> {
    let json = core::str::from_utf8(header).map_err(|_| VerifyError::HeaderNotJson)?;
    json::check_object(json).map_err(|problem| Segment::Header.json_error(problem))?;
    let header: WireHeader<'_> =
        serde_json::from_str(json).map_err(|_| VerifyError::HeaderNotJson)?;
    let expect = |value: Field<Text<'_>>, expected: &str, field| match value {
        Field::Valid(Text(value)) if value == expected => Ok(()),
        _ => Err(VerifyError::HeaderField { field }),
    };
    expect(header.typ, TYP, HeaderField::Typ)?;
    expect(header.alg, ALG, HeaderField::Alg)?;
    expect(header.cty, CTY, HeaderField::Cty)?;
    if !matches!(header.crit, Field::Missing) {
        return Err(VerifyError::CriticalHeader);
    }
    match header.twr {
        Field::Missing => Ok(None),
        Field::Valid(region) => Ok(region),
        Field::WrongType(_) => Err(VerifyError::HeaderField {
            field: HeaderField::Twr,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_header_is_the_header_without_a_region() {
        let header = Header {
            alg: ALG,
            typ: TYP,
            cty: CTY,
            twr: None,
        };
        let json = serde_json::to_vec(&header).unwrap();
        assert_eq!(json, DEFAULT.as_bytes());
        assert_eq!(Base64UrlUnpadded::encode_string(&json), DEFAULT_ENCODED);
        assert_eq!(encoded(None), DEFAULT_ENCODED);
    }

    #[test]
    fn a_region_is_written_last_as_twr() {
        let json = Base64UrlUnpadded::decode_vec(&encoded(Some("ie1"))).unwrap();
        assert_eq!(
            json,
            br#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"}"#
        );
    }

    #[test]
    fn checks_what_twilio_checks_and_ignores_the_rest() {
        let check = |json: &str| check(json.as_bytes());
        assert_eq!(check(DEFAULT), Ok(None));
        let ruby = r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1","twr":null}"#;
        assert_eq!(check(ruby), Ok(None));
        let with_kid =
            r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","kid":"k1","twr":"au1"}"#;
        assert_eq!(check(with_kid), Ok(Some(String::from("au1"))));
        for (json, field) in [
            (
                r#"{"alg":"HS256","cty":"twilio-fpa;v=1"}"#,
                HeaderField::Typ,
            ),
            (
                r#"{"alg":"none","typ":"JWT","cty":"twilio-fpa;v=1"}"#,
                HeaderField::Alg,
            ),
            (
                r#"{"alg":["HS256"],"typ":"JWT","cty":"twilio-fpa;v=1"}"#,
                HeaderField::Alg,
            ),
            (
                r#"{"alg":"HS256","typ":"JWT","cty":null}"#,
                HeaderField::Cty,
            ),
            (
                r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":1}"#,
                HeaderField::Twr,
            ),
        ] {
            assert_eq!(
                check(json),
                Err(VerifyError::HeaderField { field }),
                "{json}"
            );
        }
        let crit = r#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","crit":[]}"#;
        assert_eq!(check(crit), Err(VerifyError::CriticalHeader));
    }

    #[test]
    fn a_header_is_one_strict_json_object() {
        assert_eq!(check(b"\xff"), Err(VerifyError::HeaderNotJson));
        assert_eq!(check(b"{"), Err(VerifyError::HeaderNotJson));
        assert_eq!(check(b"[]"), Err(VerifyError::HeaderNotObject));
        assert_eq!(
            check(br#"{"alg":"HS256","alg":"HS256"}"#),
            Err(VerifyError::HeaderDuplicateKey)
        );
    }
}
