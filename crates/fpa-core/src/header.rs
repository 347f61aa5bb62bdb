//! The JOSE header of a Twilio Access Token (docs/spec.md §2): what it holds, how it is written, and
//! how a verifier checks it.

use alloc::{borrow::Cow, string::String, vec::Vec};

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
    let (region, problems) = problems(header);
    problems.into_iter().next().map_or(Ok(region), Err)
}

/// Every problem of a decoded header, in the order [`check`] finds them, and its region when
/// `twr` holds one.
pub(crate) fn problems(header: &[u8]) -> (Option<String>, Vec<VerifyError>) {
    let header = core::str::from_utf8(header)
        .map_err(|_| VerifyError::HeaderNotJson)
        .and_then(|json| {
            json::check_object(json).map_err(|problem| Segment::Header.json_error(problem))?;
            serde_json::from_str::<WireHeader<'_>>(json).map_err(|_| VerifyError::HeaderNotJson)
        });
    let header = match header {
        Ok(header) => header,
        Err(problem) => return (None, alloc::vec![problem]),
    };
    let mut problems = Vec::new();
    for (value, expected, field) in [
        (header.typ, TYP, HeaderField::Typ),
        (header.alg, ALG, HeaderField::Alg),
        (header.cty, CTY, HeaderField::Cty),
    ] {
        if !matches!(value, Field::Valid(Text(value)) if value == expected) {
            problems.push(VerifyError::HeaderField { field });
        }
    }
    if !matches!(header.crit, Field::Missing) {
        problems.push(VerifyError::CriticalHeader);
    }
    let region = match header.twr {
        Field::Missing => None,
        Field::Valid(region) => region,
        Field::WrongType(_) => {
            problems.push(VerifyError::HeaderField {
                field: HeaderField::Twr,
            });
            None
        }
    };
    (region, problems)
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
    fn every_problem_is_listed_in_the_order_check_finds_them() {
        let header = br#"{"alg":"none","typ":"JWT","cty":"x","twr":7,"crit":["b64"]}"#;
        assert_eq!(
            problems(header),
            (
                None,
                alloc::vec![
                    VerifyError::HeaderField {
                        field: HeaderField::Alg
                    },
                    VerifyError::HeaderField {
                        field: HeaderField::Cty
                    },
                    VerifyError::CriticalHeader,
                    VerifyError::HeaderField {
                        field: HeaderField::Twr
                    },
                ]
            )
        );
        assert_eq!(
            check(header),
            Err(VerifyError::HeaderField {
                field: HeaderField::Alg
            })
        );
        let regional = br#"{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"}"#;
        assert_eq!(
            problems(regional),
            (Some(String::from("ie1")), alloc::vec![])
        );
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
