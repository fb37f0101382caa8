//! The arithmetic of occupancy, apart from the database: a location's open time over a
//! range (opening hours in its zone, minus closures), cut into local (weekday, hour) cells,
//! and each resource's booked time within it, fed one booking at a time in the order of
//! the `(resource_id, start_at)` index, so that a year of bookings never sits in memory.
//!
//! Booked time is the union of a resource's bookings that held it — confirmed, checked
//! in, completed, and no-shows (the member kept it from others until released) — clipped
//! to open time, so utilisation never passes 100 %. Cells follow local wall-clock hours:
//! on the night the clocks go back in a zone with daylight saving, the repeated hour adds
//! to its cell twice; on the night they go forward, the skipped hour adds nothing.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use chrono_tz::Tz;

use crate::bookings::availability::{self, Busy, Span};
use crate::spaces::OpeningHours;

/// Seconds per (ISO weekday − 1, local hour).
pub type Cells = [[i64; 24]; 7];

/// Calls `add(weekday index 0 = Monday, local hour, seconds)` for each piece of
/// `[start, end)` cut at local hour boundaries.
pub fn by_local_hour(
    tz: Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    mut add: impl FnMut(usize, usize, i64),
) {
    let mut t = start;
    while t < end {
        let local = t.with_timezone(&tz);
        let into_hour = i64::from(local.minute() * 60 + local.second());
        let next = (t + Duration::seconds(3600 - into_hour)).min(end);
        add(
            local.weekday().num_days_from_monday() as usize,
            local.hour() as usize,
            (next - t).num_seconds(),
        );
        t = next;
    }
}

/// The open time of a location over `[from, to)`: its opening hours, minus its closures.
pub fn open_time(
    tz: Tz,
    hours: &[OpeningHours],
    closures: &[(DateTime<Utc>, DateTime<Utc>)],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Span> {
    let closed: Vec<Busy> = closures
        .iter()
        .map(|(start, end)| Busy {
            start: *start,
            end: *end,
            kind: "closed",
        })
        .collect();
    availability::subtract(&availability::open_spans(tz, hours, from, to), &closed)
}

/// One booking as the tally reads it.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub resource_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: Counted,
    /// The booking had a check-in window.
    pub needed_check_in: bool,
}

/// The statuses that count as booked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Confirmed,
    CheckedIn,
    Completed,
    NoShow,
}

impl Counted {
    pub fn parse(status: &str) -> Option<Counted> {
        match status {
            "confirmed" => Some(Counted::Confirmed),
            "checked_in" => Some(Counted::CheckedIn),
            "completed" => Some(Counted::Completed),
            "no_show" => Some(Counted::NoShow),
            _ => None,
        }
    }
}

/// What one resource adds up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceTally {
    pub booked: Cells,
    /// Bookings that start in the range.
    pub bookings: i64,
    /// Of those that needed check-in: how they ended.
    pub completed: i64,
    pub checked_in: i64,
    pub no_shows: i64,
}

impl ResourceTally {
    pub fn booked_seconds(&self) -> i64 {
        self.booked.iter().flatten().sum()
    }
}

/// The running tally of a location over a range.
pub struct Tally {
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    open: Vec<Span>,
    pub open_cells: Cells,
    pub resources: HashMap<i64, ResourceTally>,
    /// The booked interval being merged: (resource, start, end).
    run: Option<(i64, DateTime<Utc>, DateTime<Utc>)>,
}

impl Tally {
    pub fn new(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>, open: Vec<Span>) -> Tally {
        let mut open_cells = [[0; 24]; 7];
        for span in &open {
            by_local_hour(tz, span.start, span.end, |d, h, s| open_cells[d][h] += s);
        }
        Tally {
            tz,
            from,
            to,
            open,
            open_cells,
            resources: HashMap::new(),
            run: None,
        }
    }

    pub fn open_seconds(&self) -> i64 {
        self.open_cells.iter().flatten().sum()
    }

    /// Adds one booking. Rows come ordered by resource, then start.
    pub fn add(&mut self, row: Row) {
        let tally = self.resources.entry(row.resource_id).or_default();
        if row.start >= self.from && row.start < self.to {
            tally.bookings += 1;
            if row.needed_check_in {
                match row.status {
                    Counted::Completed => tally.completed += 1,
                    Counted::CheckedIn => tally.checked_in += 1,
                    Counted::NoShow => tally.no_shows += 1,
                    Counted::Confirmed => {}
                }
            }
        }
        let (start, end) = (row.start.max(self.from), row.end.min(self.to));
        if start >= end {
            return;
        }
        match self.run {
            Some((id, run_start, run_end)) if id == row.resource_id && start <= run_end => {
                self.run = Some((id, run_start, run_end.max(end)));
            }
            _ => {
                self.flush();
                self.run = Some((row.resource_id, start, end));
            }
        }
    }

    /// Adds the merged run to its resource's cells, within open time.
    fn flush(&mut self) {
        let Some((id, start, end)) = self.run.take() else {
            return;
        };
        let first = self.open.partition_point(|o| o.end <= start);
        let tally = self.resources.entry(id).or_default();
        for span in self.open[first..].iter().take_while(|o| o.start < end) {
            let (s, e) = (span.start.max(start), span.end.min(end));
            if s < e {
                by_local_hour(self.tz, s, e, |d, h, secs| tally.booked[d][h] += secs);
            }
        }
    }

    /// Ends the tally.
    pub fn finish(mut self) -> Tally {
        self.flush();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookings::rules::local_instant;
    use chrono::{NaiveDate, NaiveTime};

    const BERLIN: Tz = chrono_tz::Europe::Berlin;
    const AKTOBE: Tz = chrono_tz::Asia::Aqtobe;

    fn at(tz: Tz, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local_instant(
            tz,
            NaiveDate::from_ymd_opt(2027, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn hours_are_local_across_both_daylight_saving_nights() {
        // 28 March 2027, Sunday: 00:00–05:00 local is four real hours; 02:00 never comes.
        let mut cells = [[0i64; 24]; 7];
        by_local_hour(
            BERLIN,
            at(BERLIN, 3, 28, 0, 0),
            at(BERLIN, 3, 28, 5, 0),
            |d, h, s| cells[d][h] += s,
        );
        assert_eq!(cells[6][..5], [3600, 3600, 0, 3600, 3600]);
        // 31 October 2027, Sunday: 00:00–05:00 local is six real hours; 02:00 comes twice.
        let mut cells = [[0i64; 24]; 7];
        by_local_hour(
            BERLIN,
            at(BERLIN, 10, 31, 0, 0),
            at(BERLIN, 10, 31, 5, 0),
            |d, h, s| cells[d][h] += s,
        );
        assert_eq!(cells[6][..5], [3600, 3600, 7200, 3600, 3600]);
        // Half hours are cut at the hour.
        let mut cells = [[0i64; 24]; 7];
        by_local_hour(
            AKTOBE,
            at(AKTOBE, 3, 1, 9, 30),
            at(AKTOBE, 3, 1, 11, 15),
            |d, h, s| cells[d][h] += s,
        );
        assert_eq!(cells[0][9..12], [1800, 3600, 900]);
    }

    #[test]
    fn booked_time_is_merged_and_clipped_to_open_time() {
        let hours: Vec<OpeningHours> = (1..=7)
            .map(|weekday| OpeningHours {
                weekday,
                opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            })
            .collect();
        // Monday 1 March 2027 only; closed 12:00–13:00.
        let (from, to) = (at(AKTOBE, 3, 1, 0, 0), at(AKTOBE, 3, 2, 0, 0));
        let closure = [(at(AKTOBE, 3, 1, 12, 0), at(AKTOBE, 3, 1, 13, 0))];
        let open = open_time(AKTOBE, &hours, &closure, from, to);
        let mut tally = Tally::new(AKTOBE, from, to, open);
        assert_eq!(tally.open_seconds(), 8 * 3600);
        let row = |start, end, status| Row {
            resource_id: 1,
            start,
            end,
            status,
            needed_check_in: true,
        };
        // 08:00–10:00 (one hour before opening), a no-show 11:00–12:30 (half in the
        // closure) and, after its release, 11:30–14:00 by someone else (overlapping it).
        tally.add(row(
            at(AKTOBE, 3, 1, 8, 0),
            at(AKTOBE, 3, 1, 10, 0),
            Counted::Completed,
        ));
        tally.add(row(
            at(AKTOBE, 3, 1, 11, 0),
            at(AKTOBE, 3, 1, 12, 30),
            Counted::NoShow,
        ));
        tally.add(row(
            at(AKTOBE, 3, 1, 11, 30),
            at(AKTOBE, 3, 1, 14, 0),
            Counted::CheckedIn,
        ));
        let tally = tally.finish();
        let r = &tally.resources[&1];
        assert_eq!(r.booked[0][9], 3600);
        assert_eq!(r.booked[0][10], 0);
        assert_eq!(r.booked[0][11], 3600);
        assert_eq!(r.booked[0][12], 0, "closed");
        assert_eq!(r.booked[0][13], 3600);
        assert_eq!(r.booked_seconds(), 3 * 3600);
        assert_eq!((r.completed, r.checked_in, r.no_shows), (1, 1, 1));
    }
}
