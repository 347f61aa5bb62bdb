//! The [`Grant`] trait that each product crate implements.

use alloc::boxed::Box;

use serde::Serialize;

use crate::{claims::Identity, mint_error::MintError};

/// One product's grant: the object stored under its key inside the `grants` claim.
///
/// `fpa-core` knows no product; each grant crate implements this trait, and so can you for a
/// product this workspace does not cover (Twilio Live's Playback grant) without forking anything.
///
/// ```
/// use fpa_core::{Grant, Identity};
/// use serde::Serialize;
///
/// /// A Playback grant (docs/spec.md §5): what Twilio Live's PlaybackGrant API returned.
/// #[derive(Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct PlaybackGrant {
///     playback_url: String,
///     player_streamer_sid: String,
/// }
///
/// impl Grant for PlaybackGrant {
///     const KEY: &'static str = "player";
///     type Error = core::convert::Infallible;
///
///     fn check(&self, _identity: &Identity) -> Result<(), Self::Error> {
///         Ok(())
///     }
/// }
/// ```
pub trait Grant: Serialize + Send + Sync + 'static {
    /// The grant's key under `grants`, such as `"voice"` or `"data_sync"`.
    const KEY: &'static str;

    /// Why this grant cannot be minted.
    type Error: core::error::Error + Send + Sync + 'static;

    /// Checks the grant, and the identity for this product, before a token is signed.
    ///
    /// `identity` already passed the rules every product shares ([`Identity::new`]); a product
    /// narrows them here.
    ///
    /// # Errors
    ///
    /// The product's reason for refusing the grant or the identity.
    fn check(&self, identity: &Identity) -> Result<(), Self::Error>;
}

/// A [`Grant`] with its type erased, so one token can hold grants of several products.
pub(crate) trait ErasedGrant: Send + Sync {
    fn key(&self) -> &'static str;
    fn check(&self, identity: &Identity) -> Result<(), MintError>;
}

impl<G: Grant> ErasedGrant for G {
    fn key(&self) -> &'static str {
        G::KEY
    }

    fn check(&self, identity: &Identity) -> Result<(), MintError> {
        Grant::check(self, identity).map_err(|source| MintError::Grant {
            key: G::KEY,
            source: Box::new(source),
        })
    }
}
