//! Minting and verifying the standard token, against the HMAC floor and `jsonwebtoken`, in one run.
//!
//! `cargo xtask bench` runs it in release mode; `cargo xtask bench --quick` only checks it runs.
//! Each case is warmed up, then timed in samples of many iterations; the table shows the median
//! time per iteration. The last line is machine-readable.

// A std benchmark program: the no_std lints of the library crates do not apply.
#![allow(
    clippy::unwrap_used,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

use std::{
    alloc::System,
    collections::BTreeMap,
    hint::black_box,
    time::{Duration, Instant},
};

use fpa::{AccessToken, ApiKeySecret, SigningKey, UnixTime, Verifier, voice::VoiceGrant};
use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const ACCOUNT: &str = "ACfa403fa53653a82d355471af9908c6f1";
const KEY_SID: &str = "SKbd09f756ca380edb5dda4cbe2d44ee0a";
const SECRET: &str = "Zk3p9QwX7vBn2LmT5sRy8HcJ4dFg6Ae1";
const APP: &str = "AP7f74d310572552d78e1f802efadf7d40";
/// In the future, so that `jsonwebtoken`, which reads the system clock, finds the token valid.
const NOW: u64 = 4_000_000_000;

/// The standard token's claims as a `jsonwebtoken` user would declare them.
#[derive(Serialize, Deserialize)]
struct JwtClaims {
    jti: String,
    grants: JwtGrants,
    iat: u64,
    exp: u64,
    iss: String,
    sub: String,
}

#[derive(Serialize, Deserialize)]
struct JwtGrants {
    identity: String,
    voice: JwtVoice,
}

#[derive(Serialize, Deserialize)]
struct JwtVoice {
    incoming: JwtIncoming,
    outgoing: JwtOutgoing,
}

#[derive(Serialize, Deserialize)]
struct JwtIncoming {
    allow: bool,
}

#[derive(Serialize, Deserialize)]
struct JwtOutgoing {
    application_sid: String,
    params: BTreeMap<String, String>,
}

/// A case to time: a name and one call of the code under test.
struct Case<'a> {
    name: &'static str,
    run: Box<dyn FnMut() + 'a>,
}

/// Times every case, interleaved so that drift in the machine's speed touches all alike: a
/// warm-up, then `samples` rounds in which each case runs `iterations` times. Returns each case's
/// median time per call, in nanoseconds.
fn time_all(plan: Plan, cases: &mut [Case<'_>]) -> Vec<f64> {
    for case in cases.iter_mut() {
        let warm_up = Instant::now();
        while warm_up.elapsed() < plan.warm_up {
            (case.run)();
        }
    }
    let mut per_call = vec![Vec::with_capacity(plan.samples); cases.len()];
    for _ in 0..plan.samples {
        for (case, samples) in cases.iter_mut().zip(&mut per_call) {
            let started = Instant::now();
            for _ in 0..plan.iterations {
                (case.run)();
            }
            samples.push(started.elapsed().as_nanos() as f64 / plan.iterations as f64);
        }
    }
    per_call
        .into_iter()
        .map(|mut samples| {
            samples.sort_by(f64::total_cmp);
            samples[samples.len() / 2]
        })
        .collect()
}

/// How many heap allocations one call of `f` makes.
fn allocations<T>(mut f: impl FnMut() -> T) -> usize {
    let region = Region::new(ALLOCATOR);
    black_box(f());
    region.change().allocations
}

#[derive(Clone, Copy)]
struct Plan {
    warm_up: Duration,
    samples: usize,
    iterations: usize,
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let plan = if quick {
        Plan {
            warm_up: Duration::from_millis(1),
            samples: 3,
            iterations: 10,
        }
    } else {
        Plan {
            warm_up: Duration::from_millis(500),
            samples: 31,
            iterations: 20_000,
        }
    };

    // Once per API key, as a server does at start-up.
    let secret = ApiKeySecret::new(SECRET).unwrap();
    let key = SigningKey::new(KEY_SID.parse().unwrap(), &secret);
    let now = UnixTime::from_secs(NOW);
    let verifier = Verifier::new(ACCOUNT.parse().unwrap(), key.clone());

    // Per request: the SIDs and identity parsed from strings, a new builder, a random jti.
    let mint_per_request = |identity: &str| -> AccessToken {
        AccessToken::builder(ACCOUNT.parse().unwrap(), identity.parse().unwrap())
            .grant(
                VoiceGrant::new(APP.parse().unwrap())
                    .allow_incoming()
                    .with_param("queue", "support"),
            )
            .sign(&key, now)
            .unwrap()
    };
    let reused_builder = AccessToken::builder(ACCOUNT.parse().unwrap(), "alice".parse().unwrap())
        .grant(
            VoiceGrant::new(APP.parse().unwrap())
                .allow_incoming()
                .with_param("queue", "support"),
        );
    let token = mint_per_request("alice");
    let (signing_input, _) = token.as_str().rsplit_once('.').unwrap();
    let keyed = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();

    let jwt_header = Header {
        typ: Some("JWT".into()),
        cty: Some("twilio-fpa;v=1".into()),
        ..Header::new(Algorithm::HS256)
    };
    // Per request, as a `jsonwebtoken` user would: claims of owned strings and a random jti.
    let jwt_claims = |identity: &str| -> JwtClaims {
        let mut random = [0; 16];
        getrandom::fill(&mut random).unwrap();
        JwtClaims {
            jti: format!("{KEY_SID}-{:032x}", u128::from_be_bytes(random)),
            grants: JwtGrants {
                identity: identity.into(),
                voice: JwtVoice {
                    incoming: JwtIncoming { allow: true },
                    outgoing: JwtOutgoing {
                        application_sid: APP.into(),
                        params: BTreeMap::from([("queue".into(), "support".into())]),
                    },
                },
            },
            iat: NOW,
            exp: NOW + 3600,
            iss: KEY_SID.into(),
            sub: ACCOUNT.into(),
        }
    };
    let encoding_key = EncodingKey::from_secret(SECRET.as_bytes()).unwrap();
    let decoding_key = DecodingKey::from_secret(SECRET.as_bytes()).unwrap();
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 60;
    validation.set_required_spec_claims(&["exp", "iss", "sub"]);
    validation.set_issuer(&[KEY_SID]);
    validation.sub = Some(ACCOUNT.into());

    // Every contender handles the same token before anything is timed.
    let jwt_token = jsonwebtoken::encode(&jwt_header, &jwt_claims("alice"), &encoding_key).unwrap();
    let decoded = jsonwebtoken::decode::<JwtClaims>(token.as_str(), &decoding_key, &validation)
        .expect("jsonwebtoken accepts our token");
    assert_eq!(decoded.claims.grants.voice.outgoing.application_sid, APP);
    let ours = verifier
        .verify(&jwt_token, now)
        .expect("we accept jsonwebtoken's token");
    assert_eq!(ours.identity(), Some("alice"));
    assert_eq!(
        reused_builder.sign(&key, now).unwrap().as_str().len(),
        token.as_str().len()
    );

    let mut cases = [
        Case {
            name: "floor: HMAC-SHA256 of the signing input",
            run: Box::new(|| {
                let mut mac = keyed.clone();
                mac.update(black_box(signing_input).as_bytes());
                black_box(mac.finalize().into_bytes());
            }),
        },
        Case {
            name: "fpa mint, per request",
            run: Box::new(|| {
                black_box(mint_per_request(black_box("alice")));
            }),
        },
        Case {
            name: "fpa mint, builder reused",
            run: Box::new(|| {
                black_box(reused_builder.sign(&key, black_box(now)).unwrap());
            }),
        },
        Case {
            name: "jsonwebtoken::encode, per request",
            run: Box::new(|| {
                let claims = jwt_claims(black_box("alice"));
                black_box(jsonwebtoken::encode(&jwt_header, &claims, &encoding_key).unwrap());
            }),
        },
        Case {
            name: "fpa verify + typed Voice grant",
            run: Box::new(|| {
                let verified = verifier.verify(black_box(token.as_str()), now).unwrap();
                black_box(verified.grant::<VoiceGrant>().unwrap().unwrap());
            }),
        },
        Case {
            name: "jsonwebtoken::decode, typed",
            run: Box::new(|| {
                black_box(
                    jsonwebtoken::decode::<JwtClaims>(
                        black_box(token.as_str()),
                        &decoding_key,
                        &validation,
                    )
                    .unwrap(),
                );
            }),
        },
    ];
    let medians = time_all(plan, &mut cases);
    let [floor, mint, reuse_mint, jwt_encode, verify, jwt_decode] = medians[..] else {
        unreachable!("six cases")
    };
    let mint_allocs = allocations(|| mint_per_request("alice"));
    let reuse_mint_allocs = allocations(|| reused_builder.sign(&key, now).unwrap());
    let jwt_encode_allocs = allocations(|| {
        let claims = jwt_claims("alice");
        jsonwebtoken::encode(&jwt_header, &claims, &encoding_key).unwrap()
    });
    let verify_allocs = allocations(|| {
        let verified = verifier.verify(token.as_str(), now).unwrap();
        verified.grant::<VoiceGrant>().unwrap().unwrap()
    });
    let jwt_decode_allocs = allocations(|| {
        jsonwebtoken::decode::<JwtClaims>(token.as_str(), &decoding_key, &validation).unwrap()
    });

    println!(
        "standard token: {} bytes, signing input {} bytes{}",
        token.as_str().len(),
        signing_input.len(),
        if quick {
            " (--quick: timings are not meaningful)"
        } else {
            ""
        }
    );
    println!("{:<40} {:>12} {:>12}", "case", "median ns", "vs floor");
    for (case, median) in cases.iter().zip(&medians) {
        println!("{:<40} {median:>12.0} {:>11.2}x", case.name, median / floor);
    }
    println!(
        "per request: mint {:.2}x faster than jsonwebtoken::encode, verify {:.2}x faster than \
         jsonwebtoken::decode; mint is {:.2}x the floor ({:.2}x with a reused builder)",
        jwt_encode / mint,
        jwt_decode / verify,
        mint / floor,
        reuse_mint / floor,
    );
    println!(
        "heap allocations: {mint_allocs} per mint ({reuse_mint_allocs} with a reused builder; \
         jsonwebtoken::encode {jwt_encode_allocs}), {verify_allocs} per verify \
         (jsonwebtoken::decode {jwt_decode_allocs})"
    );
    println!(
        "mint_ns={mint:.0} reuse_mint_ns={reuse_mint:.0} floor_ns={floor:.0} \
         jwt_encode_ns={jwt_encode:.0} verify_ns={verify:.0} jwt_decode_ns={jwt_decode:.0} \
         mint_allocs={mint_allocs} verify_allocs={verify_allocs}"
    );
}
