//! Token times as a verifier reads them: a NumericDate (RFC 7519 §2) is any non-negative JSON
//! number, and docs/spec.md §8.6 compares them exactly, fractions included, so that no float
//! rounding turns an over-long token into an accepted one.
//!
//! serde_json reads numbers as `u64` or `f64`, which is exact only for integers up to 2^64; this
//! keeps the digits instead. The text was already read whole by serde_json (the strict check
//! of `json`), so it is a JSON number by the time it gets here.

use alloc::vec::Vec;
use core::cmp::Ordering;

use serde::{Deserialize, Deserializer, de};
use serde_json::value::RawValue;

use crate::time::UnixTime;

/// A non-negative number of seconds, exactly as written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NumericDate {
    /// The whole seconds, saturating at `u128::MAX`: far past any time a token can be valid at.
    whole: u128,
    fraction: Fraction,
}

/// The digits after the point: `leading_zeros` zeros, then `digits`, which start and end with a
/// non-zero digit; none at all for a whole number.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fraction {
    leading_zeros: u64,
    digits: Vec<u8>,
}

impl Fraction {
    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            // Fewer zeros after the point is a larger fraction; then digit by digit, which
            // byte order is, as neither ends in a zero.
            (false, false) => other
                .leading_zeros
                .cmp(&self.leading_zeros)
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl NumericDate {
    /// Reads the text of a JSON number; `None` when it is negative (`-0` is zero).
    fn parse(number: &str) -> Option<Self> {
        let (negative, unsigned) = match number.strip_prefix('-') {
            Some(unsigned) => (true, unsigned),
            None => (false, number),
        };
        let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
        // Only an exponent too long for an `i64` fails to parse; its sign says which way.
        let exponent: i64 = exponent.parse().unwrap_or(if exponent.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        });
        let (integer, decimals) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: Vec<u8> = integer.bytes().chain(decimals.bytes()).collect();

        let Some(first) = digits.iter().position(|&digit| digit != b'0') else {
            return Some(Self::ZERO);
        };
        if negative {
            return None;
        }
        let last = digits
            .iter()
            .rposition(|&digit| digit != b'0')
            .unwrap_or(first);
        let significant = &digits[first..=last];
        // How many of the significant digits lie before the point (negative: zeros between).
        let before_point = integer.len() as i128 + i128::from(exponent) - first as i128;

        let whole = if before_point <= 0 {
            0
        } else if before_point > 39 {
            u128::MAX
        } else {
            let padded = significant
                .iter()
                .copied()
                .chain(core::iter::repeat(b'0'))
                .take(before_point as usize); // at most 39, checked above
            padded.fold(0_u128, |whole, digit| {
                whole
                    .saturating_mul(10)
                    .saturating_add(u128::from(digit - b'0'))
            })
        };
        let fraction = if before_point <= 0 {
            Fraction {
                leading_zeros: u64::try_from(-before_point).unwrap_or(u64::MAX),
                digits: significant.to_vec(),
            }
        } else {
            let after = usize::try_from(before_point)
                .ok()
                .and_then(|before_point| significant.get(before_point..))
                .unwrap_or_default();
            let zeros = after.iter().take_while(|&&digit| digit == b'0').count();
            Fraction {
                leading_zeros: zeros as u64,
                digits: after[zeros..].to_vec(),
            }
        };
        Some(Self { whole, fraction })
    }

    const ZERO: Self = Self {
        whole: 0,
        fraction: Fraction {
            leading_zeros: 0,
            digits: Vec::new(),
        },
    };

    /// The smallest whole number of seconds at or after this time.
    pub(crate) fn ceil(&self) -> u128 {
        self.whole
            .saturating_add(u128::from(!self.fraction.is_zero()))
    }

    /// This time in whole seconds, rounded down, saturating at `u64::MAX`.
    pub(crate) fn floor(&self) -> UnixTime {
        UnixTime::from_secs(u64::try_from(self.whole).unwrap_or(u64::MAX))
    }

    /// The time `secs` seconds later.
    pub(crate) fn plus(&self, secs: u64) -> Self {
        Self {
            whole: self.whole.saturating_add(u128::from(secs)),
            fraction: self.fraction.clone(),
        }
    }

    /// How many seconds this time is after `earlier`, rounded up; `earlier` must not be later.
    pub(crate) fn secs_after(&self, earlier: &Self) -> u128 {
        let whole = self.whole.saturating_sub(earlier.whole);
        whole.saturating_add(u128::from(self.fraction > earlier.fraction))
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&RawValue>::deserialize(deserializer)?;
        let number = raw.get();
        if !number.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            return Err(de::Error::custom("a NumericDate is a number"));
        }
        Self::parse(number).ok_or_else(|| de::Error::custom("a NumericDate is not negative"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(number: &str) -> NumericDate {
        NumericDate::parse(number).unwrap()
    }

    fn fraction(leading_zeros: u64, digits: &str) -> Fraction {
        Fraction {
            leading_zeros,
            digits: digits.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reads_every_spelling_of_a_number_exactly() {
        for (text, whole, leading_zeros, digits) in [
            ("0", 0, 0, ""),
            ("-0", 0, 0, ""),
            ("-0.0e5", 0, 0, ""),
            ("1700000000", 1_700_000_000, 0, ""),
            ("1700000000.000", 1_700_000_000, 0, ""),
            ("1700000000.5", 1_700_000_000, 0, "5"),
            ("1700000000.0500", 1_700_000_000, 1, "5"),
            ("1.7e9", 1_700_000_000, 0, ""),
            ("1.70000000005E9", 1_700_000_000, 1, "5"),
            ("17E+8", 1_700_000_000, 0, ""),
            ("17000000000e-1", 1_700_000_000, 0, ""),
            ("0.25", 0, 0, "25"),
            ("25e-3", 0, 1, "25"),
            ("1e-400", 0, 399, "1"),
            ("1.7e22", 17_000_000_000_000_000_000_000, 0, ""),
            ("18446744073709551616", 1 << 64, 0, ""),
            ("1e38", 10_u128.pow(38), 0, ""),
            ("9e38", u128::MAX, 0, ""),
            ("1e39", u128::MAX, 0, ""),
            ("1e99999999999999999999", u128::MAX, 0, ""),
        ] {
            assert_eq!(
                date(text),
                NumericDate {
                    whole,
                    fraction: fraction(leading_zeros, digits)
                },
                "{text}"
            );
        }
        let tiny = date("1e-99999999999999999999");
        assert_eq!(tiny.whole, 0);
        assert!(tiny.fraction.leading_zeros > 1 << 62);
        assert!(tiny < date("1e-400") && tiny > date("0"));
    }

    #[test]
    fn negative_numbers_are_refused() {
        for text in ["-1", "-0.5", "-1e-9", "-17E8"] {
            assert_eq!(NumericDate::parse(text), None, "{text}");
        }
    }

    #[test]
    fn orders_exactly() {
        let ascending = [
            "0",
            "1e-400",
            "0.0001",
            "0.001",
            "0.0011",
            "0.01",
            "0.5",
            "0.51",
            "0.6",
            "1",
            "86400",
            "86400.0000001",
            "86400.0000002",
            "86401",
            "1.7e22",
        ];
        for pair in ascending.windows(2) {
            assert!(date(pair[0]) < date(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(date("0.50"), date("5e-1"));
    }

    #[test]
    fn rounds_and_adds_in_whole_seconds() {
        assert_eq!(date("10").ceil(), 10);
        assert_eq!(date("10.000001").ceil(), 11);
        assert_eq!(date("10.9").floor(), UnixTime::from_secs(10));
        assert_eq!(date("1e30").floor(), UnixTime::from_secs(u64::MAX));
        assert_eq!(date("1.5").plus(86_400), date("86401.5"));
        assert_eq!(date("86410.5").secs_after(&date("10.25")), 86_401);
        assert_eq!(date("86410.25").secs_after(&date("10.25")), 86_400);
        assert_eq!(date("86410.25").secs_after(&date("10.5")), 86_400);
    }

    #[test]
    fn only_numbers_deserialize() {
        assert!(serde_json::from_str::<NumericDate>("1.5").is_ok());
        for json in [r#""1700000000""#, "true", "null", "[1]", "{}", "-3"] {
            assert!(serde_json::from_str::<NumericDate>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn a_fraction_the_next_float_rounds_away_is_kept() {
        let over = date("1700086400.0000001");
        assert!(over > date("1700000000").plus(86_400));
        assert_eq!(
            1_700_086_400.000_000_1_f64, 1_700_086_400.0,
            "f64 cannot tell them apart"
        );
    }
}
