//! Rate limits on what a script could hammer: sign-up and one-time sign-in links per
//! client address, and the API per personal token. Past a limit the answer is 429
//! `rate_limited` with `Retry-After` (problem+json on the API, a page in a browser).
//!
//! Kept in memory by each instance (GCRA, `governor`): N instances behind one address
//! allow N times as much, which is still a limit. Failed log-ins are counted in the
//! database instead (`auth::throttle`), so every instance sees them.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::Error;

/// The limits of one deployment (tests narrow them).
#[derive(Clone, Copy, Debug)]
pub struct LimitsConfig {
    /// Sign-ups from one address per hour (a school's Wi-Fi is one address: generous).
    pub signups_per_hour: u32,
    /// Sign-in link pages from one address per minute.
    pub links_per_minute: u32,
    /// API requests of one token: sustained per second, and the burst.
    pub token_per_second: u32,
    pub token_burst: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            signups_per_hour: 60,
            links_per_minute: 30,
            token_per_second: 50,
            token_burst: 1000,
        }
    }
}

/// The limiters (shared by clones).
#[derive(Clone)]
pub struct Limits {
    signups: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    links: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    tokens: Arc<DefaultKeyedRateLimiter<String>>,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(c: &LimitsConfig) -> Limits {
        let signups = Quota::per_hour(nonzero(c.signups_per_hour));
        let links = Quota::per_minute(nonzero(c.links_per_minute));
        let tokens =
            Quota::per_second(nonzero(c.token_per_second)).allow_burst(nonzero(c.token_burst));
        Limits {
            signups: Arc::new(RateLimiter::keyed(signups)),
            links: Arc::new(RateLimiter::keyed(links)),
            tokens: Arc::new(RateLimiter::keyed(tokens)),
        }
    }

    /// One more sign-up from this address.
    pub fn signup(&self, ip: IpAddr) -> Result<(), Error> {
        check(&self.signups, ip)
    }

    /// One more sign-in link page from this address.
    pub fn link(&self, ip: IpAddr) -> Result<(), Error> {
        check(&self.links, ip)
    }

    /// One more API request with this token (keyed by the token's hash, never the token).
    pub fn token(&self, token_hash: &str) -> Result<(), Error> {
        check(&self.tokens, token_hash.to_string())
    }
}

fn check<K: Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: K) -> Result<(), Error> {
    // Keys not seen for a while are forgotten, so the map stays as small as the traffic.
    if limiter.len() > 10_000 {
        limiter.retain_recent();
    }
    limiter.check_key(&key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Error::TooManyRequests {
            retry_after: wait.as_secs().max(1),
        }
    })
}
