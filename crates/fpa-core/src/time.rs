//! Time as tokens carry it: whole seconds since the Unix epoch (RFC 7519 NumericDate).
//!
//! `fpa-core` never reads a clock: minting and verifying take `now` as an argument, and the `std`
//! feature adds [`UnixTime::now`].

use core::fmt;

use crate::claims::ClaimError;

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(u64);

impl UnixTime {
    /// The time `secs` seconds after the Unix epoch.
    pub const fn from_secs(secs: u64) -> Self {
        Self(secs)
    }

    /// Seconds since the Unix epoch.
    pub const fn as_secs(self) -> u64 {
        self.0
    }

    /// The time `ttl` later, or `None` past `u64::MAX` seconds.
    pub fn checked_add(self, ttl: Ttl) -> Option<Self> {
        self.0.checked_add(u64::from(ttl.0)).map(Self)
    }

    /// The system clock, truncated to whole seconds (a clock set before 1970 reads as 0).
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn now() -> Self {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self(since_epoch.as_secs())
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// How long a token stays valid after it is issued: 1 to 86,400 seconds (Twilio's 24 h limit,
/// error 20157).
///
/// ```
/// # use fpa_core::Ttl;
/// assert_eq!(Ttl::default().as_secs(), 3600);
/// assert!(Ttl::from_secs(86_400).is_ok());
/// assert!(Ttl::from_secs(86_401).is_err());
/// assert!(Ttl::from_secs(0).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ttl(u32);

impl Ttl {
    /// One hour, the default of every official helper library.
    pub const DEFAULT: Self = Self(3600);

    /// 24 hours, the longest lifetime Twilio accepts.
    pub const MAX: Self = Self(86_400);

    /// A lifetime of `secs` seconds.
    ///
    /// # Errors
    ///
    /// [`ClaimError::TtlOutOfRange`] unless `1 <= secs <= 86400`.
    pub fn from_secs(secs: u64) -> Result<Self, ClaimError> {
        match u32::try_from(secs) {
            Ok(s) if (1..=Self::MAX.0).contains(&s) => Ok(Self(s)),
            _ => Err(ClaimError::TtlOutOfRange { secs }),
        }
    }

    /// The lifetime in seconds.
    pub const fn as_secs(self) -> u64 {
        self.0 as u64
    }
}

impl Default for Ttl {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for Ttl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} s", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_display_in_seconds() {
        assert_eq!(
            alloc::format!("{}", UnixTime::from_secs(1_700_000_000)),
            "1700000000"
        );
        assert_eq!(alloc::format!("{}", Ttl::DEFAULT), "3600 s");
        assert_eq!(Ttl::default(), Ttl::DEFAULT);
        assert_eq!(UnixTime::from_secs(5).as_secs(), 5);
    }

    #[test]
    fn ttl_bounds() {
        assert!(matches!(
            Ttl::from_secs(0),
            Err(ClaimError::TtlOutOfRange { secs: 0 })
        ));
        assert_eq!(Ttl::from_secs(1).unwrap().as_secs(), 1);
        assert_eq!(Ttl::from_secs(86_400).unwrap(), Ttl::MAX);
        assert!(matches!(
            Ttl::from_secs(86_401),
            Err(ClaimError::TtlOutOfRange { secs: 86_401 })
        ));
        assert!(Ttl::from_secs(u64::from(u32::MAX) + 1).is_err());
        let message = alloc::format!("{}", Ttl::from_secs(u64::MAX).unwrap_err());
        assert!(
            message.contains("1 to 86400 seconds") && message.contains("20157"),
            "{message}"
        );
    }

    #[test]
    fn adding_past_the_end_of_time_is_none() {
        assert_eq!(
            UnixTime::from_secs(10).checked_add(Ttl::DEFAULT),
            Some(UnixTime::from_secs(3610))
        );
        assert_eq!(
            UnixTime::from_secs(u64::MAX).checked_add(Ttl::DEFAULT),
            None
        );
    }
}
