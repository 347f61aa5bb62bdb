//! The [`Grant`] trait that each product crate implements.

use alloc::boxed::Box;

use serde::Serialize;

use crate::{claims::Identity, mint_error::MintError};

/// One product's grant: the object stored under its key inside the `grants` claim.
///
/// Its `Serialize` must write a JSON object that a verifier accepts: no key written twice (as
/// no derive does), and no deeper than 30 levels of objects and arrays, since a verifier reads
/// 32 counting the payload and `grants`. Minting checks the grant is an object, and each product
/// bounds what it holds freely (Voice's `params`), without reading the JSON again.
///
/// `fpa-core` knows no product; each grant crate implements this trait, and so can you for a
/// product this workspace does not cover (Twilio Live's Playback grant) without forking anything.
///
/// ```
/// use fpa_core::Grant;
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
///     fn check(&self) -> Result<(), Self::Error> {
///         Ok(())
///     }
/// }
/// ```
pub trait Grant: Serialize + Send + Sync + 'static {
    /// The grant's key under `grants`, such as `"voice"` or `"data_sync"`.
    const KEY: &'static str;

    /// Keys under `grants` often written by mistake for this product's, such as `"sync"` for
    /// Sync's `"data_sync"`: a diagnosis of a token that has one suggests [`KEY`](Self::KEY)
    /// instead. None by default.
    const MISTAKEN_KEYS: &'static [&'static str] = &[];

    /// Why this grant, or an identity for this product, is refused.
    type Error: core::error::Error + Send + Sync + 'static;

    /// Checks the grant's own fields before a token is signed.
    ///
    /// # Errors
    ///
    /// The product's reason for refusing the grant.
    fn check(&self) -> Result<(), Self::Error>;

    /// Checks `identity` against this product's rules, which narrow the ones every product
    /// shares ([`Identity::new`]); by default it adds none.
    ///
    /// Minting calls it for every grant of a token. Verifying calls it when a grant of this
    /// product is read typed ([`VerifiedToken::grant`](crate::VerifiedToken::grant)), so that a
    /// token Twilio would refuse for its identity does not read as valid.
    ///
    /// # Errors
    ///
    /// The product's reason for refusing the identity.
    fn check_identity(identity: &Identity) -> Result<(), Self::Error> {
        let _ = identity;
        Ok(())
    }
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
        Grant::check(self)
            .and_then(|()| G::check_identity(identity))
            .map_err(|source| MintError::Grant {
                key: G::KEY,
                source: Box::new(source),
            })
    }
}
