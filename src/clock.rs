//! The one place Ortaq reads the time.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, in UTC, truncated to whole seconds: the canonical form of every stored instant.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// The years Ortaq reads in dates people type: beyond them a date is a typing error, and
/// the calendar arithmetic on it (a week after, a month before) could leave chrono's range.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A date typed as `YYYY-MM-DD` that could not be read, or lies outside [`YEARS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadDate;

/// Reads a `YYYY-MM-DD` date within [`YEARS`].
pub fn parse_date(raw: &str) -> Result<chrono::NaiveDate, BadDate> {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| YEARS.contains(&d.year()))
        .ok_or(BadDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_years_people_mean_are_refused() {
        assert!(parse_date("2026-12-01").is_ok());
        assert_eq!(parse_date("-262143-01-01"), Err(BadDate));
        assert_eq!(parse_date("262142-12-31"), Err(BadDate));
        assert_eq!(parse_date("1899-12-31"), Err(BadDate));
        assert_eq!(parse_date("2026-02-30"), Err(BadDate));
    }
}
