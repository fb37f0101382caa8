//! The occupancy report of a location over a range of local dates: per resource, per kind
//! of resource and for the whole location, the utilisation (booked ÷ open time), overall
//! and per (weekday × hour) cell, and the no-show rate of bookings that needed check-in.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::storage;
use super::tally::{Cells, ResourceTally, Tally, open_time};
use crate::bookings::rules::day_start;
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::i18n::Text;
use crate::spaces::{KINDS, Location, storage as spaces};

/// The longest range one report covers, in days.
pub const MAX_DAYS: i64 = 366;
/// The range when none is asked for: the last four weeks, today included.
pub const DEFAULT_DAYS: i64 = 28;

/// One (weekday, hour) cell: time open and booked there over the whole range.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Cell {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Local hour, 0–23.
    pub hour: u32,
    pub open_minutes: i64,
    pub booked_minutes: i64,
    /// Percent, one decimal.
    pub utilisation: f64,
}

/// How bookings that needed check-in ended.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct NoShows {
    pub completed: i64,
    pub checked_in: i64,
    pub no_shows: i64,
    /// `no_shows ÷ (completed + checked_in + no_shows)`, percent, one decimal; null when
    /// none needed check-in.
    pub rate: Option<f64>,
}

/// The figures of one resource, one kind or the whole location.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = OccupancyFigures)]
pub struct Figures {
    /// Open time (opening hours minus closures) times the number of resources.
    pub open_minutes: i64,
    /// Time booked (confirmed, checked in, completed or no-show) within open time.
    pub booked_minutes: i64,
    /// Percent, one decimal; null when nothing was open.
    pub utilisation: Option<f64>,
    /// Bookings that held the resource and start in the range.
    pub bookings: i64,
    pub no_shows: NoShows,
    /// The cells with open time, Monday first, then by hour.
    pub cells: Vec<Cell>,
}

/// One resource's figures.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ResourceOccupancy {
    pub resource_id: i64,
    /// `desk`, `meeting_room`, `event_hall` or `equipment`.
    pub kind: String,
    pub name: Text,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One kind's figures: its resources together.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct KindOccupancy {
    pub kind: String,
    pub resources: i64,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A location's occupancy over a range of local dates.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Occupancy {
    pub location_id: i64,
    /// First local date, included.
    pub from: NaiveDate,
    /// Last local date, included.
    pub to: NaiveDate,
    /// An IANA zone: days, weekdays and hours are the location's.
    pub time_zone: String,
    /// The location's own open time over the range (not multiplied by resources).
    pub open_minutes: i64,
    /// Every resource together.
    pub total: Figures,
    pub kinds: Vec<KindOccupancy>,
    pub resources: Vec<ResourceOccupancy>,
}

fn minutes(seconds: i64) -> i64 {
    (seconds + 30).div_euclid(60)
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Figures of several resources' tallies against the location's open cells.
fn figures(open: &Cells, tallies: &[&ResourceTally]) -> Figures {
    let n = tallies.len() as i64;
    let mut cells = Vec::new();
    let (mut open_total, mut booked_total) = (0, 0);
    for (day, hours) in open.iter().enumerate() {
        for (hour, open_seconds) in hours.iter().enumerate() {
            if *open_seconds == 0 || n == 0 {
                continue;
            }
            let open_seconds = open_seconds * n;
            let booked: i64 = tallies.iter().map(|t| t.booked[day][hour]).sum();
            open_total += open_seconds;
            booked_total += booked;
            cells.push(Cell {
                weekday: day as u32 + 1,
                hour: hour as u32,
                open_minutes: minutes(open_seconds),
                booked_minutes: minutes(booked),
                utilisation: percent(booked, open_seconds).unwrap_or_default(),
            });
        }
    }
    let sum = |f: fn(&ResourceTally) -> i64| tallies.iter().map(|t| f(t)).sum::<i64>();
    let (completed, checked_in, no_shows) = (
        sum(|t| t.completed),
        sum(|t| t.checked_in),
        sum(|t| t.no_shows),
    );
    Figures {
        open_minutes: minutes(open_total),
        booked_minutes: minutes(booked_total),
        utilisation: percent(booked_total, open_total),
        bookings: sum(|t| t.bookings),
        no_shows: NoShows {
            completed,
            checked_in,
            no_shows,
            rate: percent(no_shows, completed + checked_in + no_shows),
        },
        cells,
    }
}

/// A range of local dates as asked: `from` and `to` (`YYYY-MM-DD`, both included), each
/// defaulting from the other or from today. Every refused field is named.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Error> {
    let parse = |field: &'static str, raw: Option<&str>| match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => crate::clock::parse_date(raw)
            .map(Some)
            .map_err(|_| FieldError::new(field, "invalid_date")),
    };
    let span = Duration::days(DEFAULT_DAYS - 1);
    match (parse("from", from), parse("to", to)) {
        (Ok(from), Ok(to)) => {
            let (from, to) = match (from, to) {
                (Some(f), Some(t)) => (f, t),
                (Some(f), None) => (f, f + span),
                (None, Some(t)) => (t - span, t),
                (None, None) => (today - span, today),
            };
            if to < from {
                Err(Error::invalid("to", "before_from"))
            } else if (to - from).num_days() + 1 > MAX_DAYS {
                Err(Error::Invalid(vec![
                    FieldError::new("to", "window_too_long").with_limit(MAX_DAYS),
                ]))
            } else {
                Ok((from, to))
            }
        }
        (from, to) => Err(Error::Invalid(
            [from.err(), to.err()].into_iter().flatten().collect(),
        )),
    }
}

/// Computes the report: one pass over the bookings of the range.
pub async fn compute(
    db: &Db,
    location: &Location,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Occupancy, Error> {
    let tz = location.time_zone;
    let (start, end) = (day_start(tz, from), day_start(tz, to + Duration::days(1)));
    let closures: Vec<_> = spaces::closures(db, location.id, start, end)
        .await?
        .into_iter()
        .map(|c| (c.start, c.end))
        .collect();
    let mut tally = Tally::new(
        tz,
        start,
        end,
        open_time(tz, &location.hours, &closures, start, end),
    );
    let all = spaces::resources(db, Some(location.id)).await?;
    let ids: Vec<i64> = all.iter().map(|r| r.id).collect();
    storage::stream_into(db, &ids, start, end, &mut tally).await?;
    let tally = tally.finish();
    // Retired resources count only where they were booked in the range.
    let resources: Vec<_> = all
        .into_iter()
        .filter(|r| r.active || tally.resources.contains_key(&r.id))
        .collect();
    let empty = ResourceTally::default();
    let of = |id: i64| tally.resources.get(&id).unwrap_or(&empty);
    let open = &tally.open_cells;
    let kinds = KINDS
        .iter()
        .filter_map(|kind| {
            let mine: Vec<&ResourceTally> = resources
                .iter()
                .filter(|r| r.kind == *kind)
                .map(|r| of(r.id))
                .collect();
            (!mine.is_empty()).then(|| KindOccupancy {
                kind: kind.to_string(),
                resources: mine.len() as i64,
                figures: figures(open, &mine),
            })
        })
        .collect();
    let every: Vec<&ResourceTally> = resources.iter().map(|r| of(r.id)).collect();
    Ok(Occupancy {
        location_id: location.id,
        from,
        to,
        time_zone: tz.name().to_string(),
        open_minutes: minutes(tally.open_seconds()),
        total: figures(open, &every),
        kinds,
        resources: resources
            .iter()
            .map(|r| ResourceOccupancy {
                resource_id: r.id,
                kind: r.kind.clone(),
                name: r.name.clone(),
                figures: figures(open, &[of(r.id)]),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn codes(e: Error) -> Vec<(&'static str, &'static str)> {
        match e {
            Error::Invalid(list) => list.iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ranges_default_and_refuse_clearly() {
        let today = d("2026-12-01");
        assert_eq!(
            parse_range(None, None, today).unwrap(),
            (d("2026-11-04"), today)
        );
        assert_eq!(
            parse_range(Some("2025-01-01"), Some("2026-01-01"), today).unwrap(),
            (d("2025-01-01"), d("2026-01-01")),
            "366 days"
        );
        assert_eq!(
            parse_range(Some("2026-01-01"), Some("2026-12-31"), today).unwrap(),
            (d("2026-01-01"), d("2026-12-31"))
        );
        assert_eq!(
            parse_range(Some("2026-03-01"), Some("2026-03-01"), today).unwrap(),
            (d("2026-03-01"), d("2026-03-01"))
        );
        assert_eq!(
            codes(parse_range(Some("2026-13-01"), Some("yesterday"), today).unwrap_err()),
            [("from", "invalid_date"), ("to", "invalid_date")]
        );
        assert_eq!(
            codes(parse_range(Some("2026-03-02"), Some("2026-03-01"), today).unwrap_err()),
            [("to", "before_from")]
        );
        assert_eq!(
            codes(parse_range(Some("2024-12-31"), Some("2026-01-01"), today).unwrap_err()),
            [("to", "window_too_long")]
        );
    }

    #[test]
    fn figures_add_resources_up_cell_by_cell() {
        let mut open = [[0i64; 24]; 7];
        open[0][9] = 2 * 3600;
        open[0][10] = 2 * 3600;
        let mut a = ResourceTally::default();
        a.booked[0][9] = 3600;
        a.completed = 3;
        a.no_shows = 1;
        let mut b = ResourceTally::default();
        b.booked[0][9] = 2 * 3600;
        b.booked[0][10] = 1800;
        let f = figures(&open, &[&a, &b]);
        assert_eq!(f.open_minutes, 480);
        assert_eq!(f.booked_minutes, 210);
        assert_eq!(f.utilisation, Some(43.8));
        assert_eq!(f.cells.len(), 2);
        assert_eq!((f.cells[0].weekday, f.cells[0].hour), (1, 9));
        assert_eq!(f.cells[0].utilisation, 75.0);
        assert_eq!(f.cells[1].utilisation, 12.5);
        assert_eq!(f.no_shows.rate, Some(25.0));
        assert_eq!(figures(&open, &[]).utilisation, None);
    }
}
