//! Settings of a running server, from the command line or the environment.

use std::net::SocketAddr;
use std::time::Duration;

/// What `ortaq serve` needs to run; tests build one with [`Config::for_tests`].
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    /// The address people reach Ortaq at. `https://…` turns on `Secure` cookies with
    /// the `__Host-` prefix and HSTS.
    pub public_url: String,
    /// Trust the last `X-Forwarded-For` hop as the client's address (behind a reverse proxy).
    pub behind_proxy: bool,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after log-in, however active.
    pub session_absolute: Duration,
    pub demo: bool,
    /// Membership is for ages `min..=max` (DESIGN.md: 14–35).
    pub member_ages: (u32, u32),
    /// The personal-data operator named in the consent texts.
    pub operator: Operator,
    /// Rate limits on sign-up, sign-in links and API tokens (`http::limits`).
    pub limits: crate::http::limits::LimitsConfig,
}

/// The personal-data operator: the branch that runs this deployment.
#[derive(Clone, Debug)]
pub struct Operator {
    pub address: String,
    pub bin: String,
    pub dpo_contact: String,
}

impl Default for Operator {
    fn default() -> Self {
        Operator {
            address: "Ақтөбе қ. / г. Актобе".to_string(),
            bin: "—".to_string(),
            dpo_contact: "—".to_string(),
        }
    }
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn for_tests(database_url: String) -> Config {
        Config {
            database_url,
            addr: "127.0.0.1:0".parse().expect("loopback address"),
            public_url: "http://127.0.0.1".to_string(),
            behind_proxy: true,
            session_idle: Duration::from_secs(3 * 24 * 3600),
            session_absolute: Duration::from_secs(30 * 24 * 3600),
            demo: false,
            member_ages: (14, 35),
            operator: Operator::default(),
            limits: crate::http::limits::LimitsConfig::default(),
        }
    }
}
