//! Booking rules: what a resource allows, and the check of one request against them.
//!
//! Rules are set for a kind of resource at a location, or for one resource (which wins);
//! without either, the kind's defaults below apply. The check is a pure function of the
//! rules, the request and what the storage found around it, so each rule is tested here
//! and each broken rule answers with its own `code` (`booking_too_long`, …) and, where
//! the message names one, the limit.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::model::Interval;
use crate::error::Error;
use crate::spaces::OpeningHours;

/// The rules of one resource. Lengths in minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rules {
    /// Bookings start and end on this grid of local time (minutes from midnight).
    pub slot_minutes: i32,
    pub min_minutes: i32,
    pub max_minutes: i32,
    /// How long before its start a booking must be made, at the earliest.
    pub lead_minutes: i32,
    /// How many days ahead a booking may start, at the latest.
    pub horizon_days: i32,
    /// A member's bookings of this kind of resource per local day and ISO week; `null`: no limit.
    pub per_day: Option<i32>,
    pub per_week: Option<i32>,
    /// Free time kept between two bookings of the resource.
    pub buffer_minutes: i32,
    /// A space manager confirms each booking (it is pending until then).
    pub needs_approval: bool,
    /// Check in within this many minutes after the start, or the booking is released as a
    /// no-show; `null`: no check-in needed.
    pub check_in_minutes: Option<i32>,
    /// Bookings lie within the location's opening hours.
    pub within_hours: bool,
}

impl Rules {
    /// The rules a kind of resource has until staff set its own.
    pub fn defaults(kind: &str) -> Rules {
        let base = Rules {
            slot_minutes: 30,
            min_minutes: 30,
            max_minutes: 12 * 60,
            lead_minutes: 0,
            horizon_days: 14,
            per_day: Some(2),
            per_week: Some(6),
            buffer_minutes: 0,
            needs_approval: false,
            check_in_minutes: Some(15),
            within_hours: true,
        };
        match kind {
            "meeting_room" => Rules {
                max_minutes: 4 * 60,
                horizon_days: 30,
                ..base
            },
            "event_hall" => Rules {
                min_minutes: 60,
                lead_minutes: 24 * 60,
                horizon_days: 180,
                per_day: Some(1),
                per_week: Some(2),
                buffer_minutes: 30,
                needs_approval: true,
                check_in_minutes: Some(30),
                ..base
            },
            "equipment" => Rules {
                max_minutes: 8 * 60,
                horizon_days: 30,
                per_week: None,
                check_in_minutes: None,
                ..base
            },
            _ => base,
        }
    }

    /// Checks the rules' own coherence (as the database's CHECKs do), for the staff form.
    pub fn validate(&self) -> Result<(), Error> {
        use crate::error::FieldError;
        let mut errors = Vec::new();
        let mut within = |field: &'static str, value: i32, min: i32, max: i32| {
            if value < min {
                errors.push(FieldError::new(field, "too_small").with_limit(min as i64));
            } else if value > max {
                errors.push(FieldError::new(field, "too_large").with_limit(max as i64));
            }
        };
        within("slot_minutes", self.slot_minutes, 1, 1440);
        within("min_minutes", self.min_minutes, 1, 20160);
        within(
            "max_minutes",
            self.max_minutes,
            self.min_minutes.max(1),
            20160,
        );
        within("lead_minutes", self.lead_minutes, 0, 525_600);
        within("horizon_days", self.horizon_days, 0, 730);
        within("buffer_minutes", self.buffer_minutes, 0, 1440);
        if let Some(n) = self.per_day {
            within("per_day", n, 1, 1000);
        }
        if let Some(n) = self.per_week {
            within("per_week", n, 1, 1000);
        }
        if let Some(n) = self.check_in_minutes {
            within("check_in_minutes", n, 1, 1440);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

/// What the storage found around a request, for the rules to judge it.
#[derive(Debug, Default)]
pub struct Surroundings<'a> {
    pub hours: &'a [OpeningHours],
    /// The location's closures that meet the request.
    pub closures: &'a [Interval],
    /// Live bookings of the resource within the buffer around the request.
    pub neighbours: &'a [Interval],
    /// The member's bookings of this kind at this location on the request's local day and
    /// ISO week (cancelled and declined ones not counted).
    pub same_day: i64,
    pub same_week: i64,
}

/// A request `[start, end)` against the rules, at `now`, in the location's zone.
pub fn check(
    rules: &Rules,
    tz: Tz,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    around: &Surroundings<'_>,
) -> Result<(), Error> {
    let breach = |code: &'static str, limit: Option<i64>| Err(Error::Rule { code, limit });
    if end <= start {
        return breach("booking_empty", None);
    }
    let slot = i64::from(rules.slot_minutes.max(1));
    // Without notice required, the slot under way may still be booked ("book now").
    let earliest_start = if rules.lead_minutes == 0 {
        floor_to_slot(now, tz, slot)
    } else {
        now
    };
    if end <= now || start < earliest_start {
        return breach("booking_in_past", None);
    }
    let (local_start, local_end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let on_grid =
        |t: &DateTime<Tz>| t.second() == 0 && i64::from(t.hour() * 60 + t.minute()) % slot == 0;
    if !on_grid(&local_start) || !on_grid(&local_end) {
        return breach("booking_off_grid", Some(slot));
    }
    let minutes = (end - start).num_minutes();
    if minutes < i64::from(rules.min_minutes) {
        return breach("booking_too_short", Some(rules.min_minutes.into()));
    }
    if minutes > i64::from(rules.max_minutes) {
        return breach("booking_too_long", Some(rules.max_minutes.into()));
    }
    if rules.lead_minutes > 0 && start < now + Duration::minutes(rules.lead_minutes.into()) {
        return breach("booking_too_soon", Some(rules.lead_minutes.into()));
    }
    if start > now + Duration::days(rules.horizon_days.into()) {
        return breach("booking_too_far", Some(rules.horizon_days.into()));
    }
    if rules.within_hours && !within_hours(around.hours, &local_start, &local_end) {
        return breach("booking_outside_hours", None);
    }
    if around
        .closures
        .iter()
        .any(|(from, to)| *from < end && start < *to)
    {
        return breach("booking_closed", None);
    }
    let buffer = Duration::minutes(rules.buffer_minutes.into());
    if rules.buffer_minutes > 0
        && around
            .neighbours
            .iter()
            // One that overlaps the request itself is a conflict, reported as such.
            .any(|(from, to)| {
                *from < end + buffer && start - buffer < *to && !(*from < end && start < *to)
            })
    {
        return breach("booking_buffer", Some(rules.buffer_minutes.into()));
    }
    if let Some(limit) = rules.per_day
        && around.same_day >= i64::from(limit)
    {
        return breach("booking_quota_day", Some(limit.into()));
    }
    if let Some(limit) = rules.per_week
        && around.same_week >= i64::from(limit)
    {
        return breach("booking_quota_week", Some(limit.into()));
    }
    Ok(())
}

/// Within the opening hours of the local day it starts on (a booking ending at closing
/// time is fine; one crossing midnight is not).
fn within_hours(hours: &[OpeningHours], start: &DateTime<Tz>, end: &DateTime<Tz>) -> bool {
    let day = start.date_naive();
    let Some(open) = hours
        .iter()
        .find(|h| h.weekday == day.weekday().number_from_monday())
    else {
        return false;
    };
    end.date_naive() == day && start.time() >= open.opens && end.time() <= open.closes
}

/// `now` rounded down to the slot grid of local time.
pub fn floor_to_slot(now: DateTime<Utc>, tz: Tz, slot_minutes: i64) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    let minutes = i64::from(local.hour() * 60 + local.minute());
    let back = minutes % slot_minutes.max(1);
    let floored = now - Duration::minutes(back) - Duration::seconds(local.second().into());
    floored.with_nanosecond(0).unwrap_or(floored)
}

/// An instant for a local wall-clock time: the earlier one when the clock goes back, and
/// `None` in the hour skipped when it goes forward.
pub fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The start of a local day, in UTC (midnight, or the first instant after a skipped one).
pub fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    (0..24)
        .find_map(|h| local_instant(tz, date, NaiveTime::from_hms_opt(h, 0, 0)?))
        .unwrap_or_else(|| date.and_time(NaiveTime::MIN).and_utc())
}

/// The local day and ISO week containing `at`, as UTC intervals.
pub fn day_and_week(tz: Tz, at: DateTime<Utc>) -> (Interval, Interval) {
    let date = at.with_timezone(&tz).date_naive();
    let day = (day_start(tz, date), day_start(tz, date + Duration::days(1)));
    let monday = date - Duration::days(date.weekday().num_days_from_monday().into());
    let week = (
        day_start(tz, monday),
        day_start(tz, monday + Duration::days(7)),
    );
    (day, week)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AKTOBE: Tz = chrono_tz::Asia::Aqtobe;
    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    fn hours() -> Vec<OpeningHours> {
        (1..=7)
            .map(|weekday| OpeningHours {
                weekday,
                opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            })
            .collect()
    }

    fn at(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local_instant(
            tz,
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap(),
        )
        .unwrap()
    }

    fn code(result: Result<(), Error>) -> Option<(&'static str, Option<i64>)> {
        match result {
            Ok(()) => None,
            Err(Error::Rule { code, limit }) => Some((code, limit)),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn every_rule_answers_with_its_own_code() {
        let rules = Rules {
            lead_minutes: 60,
            buffer_minutes: 15,
            per_day: Some(1),
            per_week: Some(2),
            ..Rules::defaults("meeting_room")
        };
        let hours = hours();
        let now = at(AKTOBE, 2026, 12, 1, 8, 0);
        let around = Surroundings {
            hours: &hours,
            ..Surroundings::default()
        };
        let try_at = |start: DateTime<Utc>, end: DateTime<Utc>, around: &Surroundings| {
            code(check(&rules, AKTOBE, now, start, end, around))
        };
        let ten = at(AKTOBE, 2026, 12, 1, 10, 0);
        let eleven = at(AKTOBE, 2026, 12, 1, 11, 0);
        assert_eq!(try_at(ten, eleven, &around), None);
        assert_eq!(try_at(eleven, ten, &around), Some(("booking_empty", None)));
        let yesterday = at(AKTOBE, 2026, 11, 30, 10, 0);
        assert_eq!(
            try_at(yesterday, yesterday + Duration::hours(1), &around),
            Some(("booking_in_past", None))
        );
        assert_eq!(
            try_at(ten + Duration::minutes(10), eleven, &around),
            Some(("booking_off_grid", Some(30)))
        );
        let half = Rules {
            min_minutes: 60,
            ..rules.clone()
        };
        assert_eq!(
            code(check(
                &half,
                AKTOBE,
                now,
                ten,
                ten + Duration::minutes(30),
                &around
            )),
            Some(("booking_too_short", Some(60)))
        );
        assert_eq!(
            try_at(ten, ten + Duration::hours(5), &around),
            Some(("booking_too_long", Some(240)))
        );
        let soon = at(AKTOBE, 2026, 12, 1, 8, 30);
        assert_eq!(
            try_at(soon, soon + Duration::hours(1), &around),
            Some(("booking_too_soon", Some(60)))
        );
        let far = ten + Duration::days(31);
        assert_eq!(
            try_at(far, far + Duration::hours(1), &around),
            Some(("booking_too_far", Some(30)))
        );
        let late = at(AKTOBE, 2026, 12, 1, 20, 30);
        assert_eq!(
            try_at(late, late + Duration::hours(1), &around),
            Some(("booking_outside_hours", None))
        );
        let closures = [(ten - Duration::hours(1), ten + Duration::minutes(30))];
        let closed = Surroundings {
            hours: &hours,
            closures: &closures,
            ..Surroundings::default()
        };
        assert_eq!(try_at(ten, eleven, &closed), Some(("booking_closed", None)));
        let neighbours = [(eleven + Duration::minutes(10), eleven + Duration::hours(1))];
        let tight = Surroundings {
            hours: &hours,
            neighbours: &neighbours,
            ..Surroundings::default()
        };
        assert_eq!(
            try_at(ten, eleven, &tight),
            Some(("booking_buffer", Some(15)))
        );
        let busy_day = Surroundings {
            hours: &hours,
            same_day: 1,
            same_week: 1,
            ..Surroundings::default()
        };
        assert_eq!(
            try_at(ten, eleven, &busy_day),
            Some(("booking_quota_day", Some(1)))
        );
        let busy_week = Surroundings {
            hours: &hours,
            same_day: 0,
            same_week: 2,
            ..Surroundings::default()
        };
        assert_eq!(
            try_at(ten, eleven, &busy_week),
            Some(("booking_quota_week", Some(2)))
        );
    }

    #[test]
    fn the_slot_under_way_can_be_booked_now() {
        let rules = Rules::defaults("desk");
        let hours = hours();
        let now = at(AKTOBE, 2026, 12, 1, 10, 7);
        let around = Surroundings {
            hours: &hours,
            ..Surroundings::default()
        };
        let start = floor_to_slot(now, AKTOBE, 30);
        assert_eq!(start, at(AKTOBE, 2026, 12, 1, 10, 0));
        assert!(
            check(
                &rules,
                AKTOBE,
                now,
                start,
                start + Duration::hours(2),
                &around
            )
            .is_ok()
        );
        let before = start - Duration::minutes(30);
        assert!(check(&rules, AKTOBE, now, before, start, &around).is_err());
    }

    #[test]
    fn the_grid_and_the_hours_follow_local_time_across_daylight_saving() {
        // Berlin moves its clocks forward at 02:00 on 28 March 2027: 01:00–04:00 local is
        // two real hours, on the grid; the night's hours are the local ones.
        let rules = Rules {
            within_hours: false,
            max_minutes: 120,
            ..Rules::defaults("meeting_room")
        };
        let now = at(BERLIN, 2027, 3, 20, 12, 0);
        let start = at(BERLIN, 2027, 3, 28, 1, 0);
        let end = at(BERLIN, 2027, 3, 28, 4, 0);
        assert_eq!((end - start).num_hours(), 2);
        assert!(check(&rules, BERLIN, now, start, end, &Surroundings::default()).is_ok());
        // 02:30 does not exist that night.
        assert_eq!(
            local_instant(
                BERLIN,
                NaiveDate::from_ymd_opt(2027, 3, 28).unwrap(),
                NaiveTime::from_hms_opt(2, 30, 0).unwrap()
            ),
            None
        );
        // In autumn 02:30 happens twice; the earlier is taken.
        let twice = local_instant(
            BERLIN,
            NaiveDate::from_ymd_opt(2027, 10, 31).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(twice.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        // The local day of the spring change is 23 hours long.
        let ((from, to), (monday, next)) = day_and_week(BERLIN, start);
        assert_eq!((to - from).num_hours(), 23);
        assert_eq!((next - monday).num_hours(), 7 * 24 - 1);
        // Aktobe has no daylight saving: always UTC+5.
        let ((from, to), _) = day_and_week(AKTOBE, at(AKTOBE, 2027, 3, 28, 1, 0));
        assert_eq!((to - from).num_hours(), 24);
        assert_eq!(from.to_rfc3339(), "2027-03-27T19:00:00+00:00");
    }
}
