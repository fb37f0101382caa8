//! Recurring bookings: a daily or weekly series of the same local hours. Each occurrence
//! is judged on its own; the member sees which ones are taken or break a rule and books
//! the rest.

use std::net::IpAddr;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;

use super::book::{self, Request, Setting};
use super::model::{Booking, Interval};
use super::rules;
use super::storage;
use crate::accounts::CurrentUser;
use crate::audit;
use crate::clock;
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::spaces::cache::Cache as SpacesCache;

/// At most this many occurrences in one series.
pub const MAX_OCCURRENCES: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Daily,
    Weekly,
}

impl Frequency {
    pub fn parse(raw: &str) -> Option<Frequency> {
        match raw {
            "daily" => Some(Frequency::Daily),
            "weekly" => Some(Frequency::Weekly),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    fn step(self) -> Duration {
        match self {
            Frequency::Daily => Duration::days(1),
            Frequency::Weekly => Duration::weeks(1),
        }
    }
}

/// How a series ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The last local date an occurrence may fall on.
    Until(NaiveDate),
    Count(u32),
}

/// A series request: the first occurrence, how it repeats, how it ends.
#[derive(Clone, Debug)]
pub struct SeriesRequest {
    pub first: Request,
    pub frequency: Frequency,
    pub end: End,
}

/// The intervals of a series: the first one's local hours on each following day or week
/// (a local time the clock skips that night is left out).
pub fn intervals(
    tz: chrono_tz::Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    frequency: Frequency,
    until: End,
) -> Result<Vec<Interval>, Error> {
    let (local_start, local_end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let days = (local_end.date_naive() - local_start.date_naive()).num_days();
    let (first_date, from_time, to_time) = (
        local_start.date_naive(),
        local_start.time(),
        local_end.time(),
    );
    let mut out = Vec::new();
    for n in 0.. {
        let date = first_date + frequency.step() * n;
        match until {
            End::Until(last) if date > last => break,
            End::Count(count) if i64::from(n) >= i64::from(count) => break,
            _ => {}
        }
        if out.len() >= MAX_OCCURRENCES || n > 800 {
            return Err(Error::Invalid(vec![
                FieldError::new("until", "too_many_occurrences").with_limit(MAX_OCCURRENCES as i64),
            ]));
        }
        let (Some(s), Some(e)) = (
            rules::local_instant(tz, date, from_time),
            rules::local_instant(tz, date + Duration::days(days), to_time),
        ) else {
            continue;
        };
        out.push((s, e));
    }
    Ok(out)
}

/// One occurrence and what became of it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Occurrence {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The booking made, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booking_id: Option<i64>,
    /// Why it was not booked (`booking_conflict`, `booking_too_far`, …); `null` when booked.
    pub code: Option<String>,
    /// The rule's limit, when the code names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

/// A series, tried: what was booked and what was not.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SeriesOutcome {
    /// `null` on a preview, or when nothing could be booked.
    pub series_id: Option<i64>,
    pub occurrences: Vec<Occurrence>,
}

impl SeriesOutcome {
    pub fn booked(&self) -> usize {
        self.occurrences.iter().filter(|o| o.code.is_none()).count()
    }
}

/// Tries every occurrence in one write transaction: taken ones and those breaking a rule
/// are skipped, the rest are booked. With `commit` false, nothing is kept: the preview
/// shows exactly what booking would do now.
pub async fn book_series(
    db: &Db,
    spaces: &SpacesCache,
    actor: &CurrentUser,
    ip: IpAddr,
    req: &SeriesRequest,
    commit: bool,
) -> Result<SeriesOutcome, Error> {
    let s: Setting = book::setting(db, spaces, actor, &req.first).await?;
    let list = intervals(
        s.location().time_zone,
        req.first.start,
        req.first.end,
        req.frequency,
        req.end,
    )?;
    if list.is_empty() {
        return Err(Error::invalid("until", "before_start"));
    }
    let now = clock::now();
    let mut tx = db.begin().await?;
    let (until, count) = match req.end {
        End::Until(date) => (Some(date), None),
        End::Count(n) => (None, Some(n as i32)),
    };
    let series_id = storage::insert_series(
        &mut tx,
        s.resource().id,
        s.user_id,
        req.frequency.as_str(),
        until,
        count,
    )
    .await?;
    // Every occurrence is judged under the same locks, so checking for a taken interval
    // first is reliable here; the database's guarantee still stands behind the insert.
    storage::lock(&mut tx, 2, s.resource().id).await?;
    let mut occurrences = Vec::with_capacity(list.len());
    for (start, end) in list {
        let skip = |code: &str, limit: Option<i64>| Occurrence {
            start,
            end,
            booking_id: None,
            code: Some(code.to_string()),
            limit,
        };
        if !storage::live_in(&mut tx, s.resource().id, start, end)
            .await?
            .is_empty()
        {
            occurrences.push(skip("booking_conflict", None));
            continue;
        }
        match book::judge(&mut tx, &s, now, start, end).await {
            Ok(()) => {}
            Err(Error::Rule { code, limit }) => {
                occurrences.push(skip(code, limit));
                continue;
            }
            Err(other) => return Err(other),
        }
        let new = book::new_booking(
            &s,
            start,
            end,
            req.first.purpose.as_deref(),
            Some(series_id),
            actor.id,
        );
        let booking: Booking = match storage::insert(&mut tx, &new).await {
            Ok(b) => b,
            Err(Error::BookingConflict { start, end }) => {
                drop(tx);
                return Err(book::conflict(db, s.resource().id, start, end).await);
            }
            Err(other) => return Err(other),
        };
        if let Some(initiative) = req.first.initiative_id {
            crate::initiatives::milestones::link_in(
                &mut tx,
                initiative,
                "booking",
                booking.id,
                Some(actor.id),
            )
            .await?;
        }
        occurrences.push(Occurrence {
            start,
            end,
            booking_id: Some(booking.id),
            code: None,
            limit: None,
        });
    }
    let mut outcome = SeriesOutcome {
        series_id: Some(series_id),
        occurrences,
    };
    if !commit || outcome.booked() == 0 {
        drop(tx);
        outcome.series_id = None;
        for o in &mut outcome.occurrences {
            o.booking_id = None;
        }
        return Ok(outcome);
    }
    if s.user_id != actor.id || s.override_reason.is_some() {
        audit::record(
            &mut tx,
            Some(actor.id),
            "booking.series",
            "booking_series",
            Some(series_id),
            json!({"for": s.user_id, "resource": s.resource().id, "booked": outcome.booked(),
                   "override_reason": s.override_reason}),
            Some(ip),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    #[test]
    fn weekly_series_keep_local_hours_across_daylight_saving() {
        let tz = chrono_tz::Europe::Berlin;
        let day = NaiveDate::from_ymd_opt(2027, 3, 21).unwrap();
        let start =
            rules::local_instant(tz, day, NaiveTime::from_hms_opt(18, 0, 0).unwrap()).unwrap();
        let end = start + Duration::hours(2);
        let list = intervals(tz, start, end, Frequency::Weekly, End::Count(3)).unwrap();
        let hours: Vec<String> = list
            .iter()
            .map(|(s, _)| s.with_timezone(&tz).format("%F %H:%M").to_string())
            .collect();
        assert_eq!(
            hours,
            ["2027-03-21 18:00", "2027-03-28 18:00", "2027-04-04 18:00"]
        );
        // 18:00 in Berlin is 17:00 UTC before the change and 16:00 after.
        assert_eq!(list[0].0.format("%H").to_string(), "17");
        assert_eq!(list[1].0.format("%H").to_string(), "16");
    }

    #[test]
    fn series_end_on_a_date_or_after_a_count_and_stay_bounded() {
        let tz = chrono_tz::Asia::Aqtobe;
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let start =
            rules::local_instant(tz, day, NaiveTime::from_hms_opt(10, 0, 0).unwrap()).unwrap();
        let end = start + Duration::hours(1);
        let until = End::Until(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        assert_eq!(
            intervals(tz, start, end, Frequency::Daily, until)
                .unwrap()
                .len(),
            5
        );
        assert_eq!(
            intervals(tz, start, end, Frequency::Weekly, End::Count(4))
                .unwrap()
                .len(),
            4
        );
        assert!(intervals(tz, start, end, Frequency::Daily, End::Count(61)).is_err());
        let before = End::Until(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert!(
            intervals(tz, start, end, Frequency::Daily, before)
                .unwrap()
                .is_empty()
        );
    }
}
