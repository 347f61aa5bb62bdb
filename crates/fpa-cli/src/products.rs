//! The products this command knows, listed once: what `fpa verify` and `fpa doctor` read each
//! grant of the token as.

use fpa::{
    Grant, VerifiedToken, VerifyError, chat::ChatGrant, diagnose::Diagnosis, sync::SyncGrant,
    taskrouter::TaskRouterGrant, video::VideoGrant, voice::VoiceGrant,
};
use serde::de::DeserializeOwned;

/// Something done for each product, in turn.
trait EachProduct {
    fn product<G: Grant + DeserializeOwned>(&mut self);
}

fn for_each_product(each: &mut impl EachProduct) {
    each.product::<VoiceGrant>();
    each.product::<VideoGrant>();
    each.product::<ChatGrant>();
    each.product::<SyncGrant>();
    each.product::<TaskRouterGrant>();
}

/// Reads each product's grant typed, which checks it as that product would (docs/spec.md §8.7):
/// what Twilio would say of the token, and not only a verifier.
pub fn check_each_grant(verified: &VerifiedToken) -> Result<(), VerifyError> {
    struct Check<'a> {
        verified: &'a VerifiedToken,
        result: Result<(), VerifyError>,
    }

    impl EachProduct for Check<'_> {
        fn product<G: Grant + DeserializeOwned>(&mut self) {
            if self.result.is_ok() {
                self.result = self.verified.grant::<G>().map(drop);
            }
        }
    }

    let mut check = Check {
        verified,
        result: Ok(()),
    };
    for_each_product(&mut check);
    check.result
}

/// Adds each product's checks to a diagnosis.
pub fn diagnose_each_grant(diagnosis: &mut Diagnosis) {
    for_each_product(diagnosis);
}

impl EachProduct for Diagnosis {
    fn product<G: Grant + DeserializeOwned>(&mut self) {
        Diagnosis::product::<G>(self);
    }
}
