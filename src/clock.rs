//! The one place Ortaq reads the time.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, in UTC, truncated to whole seconds: the canonical form of every stored instant.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}
