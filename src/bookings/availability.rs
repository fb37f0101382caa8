//! Free and busy time of resources: what the grid, the resource page and the API show.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::rules;
use crate::spaces::OpeningHours;

/// An interval `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A busy interval as anyone may see it: taken, or awaiting approval (never by whom).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `booked`, `pending` (awaiting approval) or `closed` (the location is closed).
    pub kind: &'static str,
}

/// The opening hours that fall in `[from, to)`, as UTC intervals (every local day's).
pub fn open_spans(
    tz: Tz,
    hours: &[OpeningHours],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Span> {
    let mut out = Vec::new();
    let first: NaiveDate = from.with_timezone(&tz).date_naive();
    let last: NaiveDate = to.with_timezone(&tz).date_naive();
    let mut day = first;
    while day <= last {
        if let Some(h) = hours
            .iter()
            .find(|h| h.weekday == chrono::Datelike::weekday(&day).number_from_monday())
            && let (Some(open), Some(close)) = (
                rules::local_instant(tz, day, h.opens),
                rules::local_instant(tz, day, h.closes),
            )
        {
            let (start, end) = (open.max(from), close.min(to));
            if start < end {
                out.push(Span { start, end });
            }
        }
        day += Duration::days(1);
    }
    out
}

/// `open` minus every `busy` interval (both sorted or not; the result is sorted).
pub fn subtract(open: &[Span], busy: &[Busy]) -> Vec<Span> {
    let mut taken: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        busy.iter().map(|b| (b.start, b.end)).collect();
    taken.sort();
    let mut out = Vec::new();
    for span in open {
        let mut cursor = span.start;
        for (s, e) in &taken {
            if *e <= cursor || *s >= span.end {
                continue;
            }
            if *s > cursor {
                out.push(Span {
                    start: cursor,
                    end: *s,
                });
            }
            cursor = cursor.max(*e);
            if cursor >= span.end {
                break;
            }
        }
        if cursor < span.end {
            out.push(Span {
                start: cursor,
                end: span.end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        rules::local_instant(
            crate::i18n::format::AKTOBE,
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn free_time_is_open_time_minus_busy_time() {
        let hours: Vec<OpeningHours> = (1..=5)
            .map(|weekday| OpeningHours {
                weekday,
                opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            })
            .collect();
        let tz = crate::i18n::format::AKTOBE;
        let open = open_spans(tz, &hours, t(0, 0), t(0, 0) + Duration::days(1));
        assert_eq!(
            open,
            vec![Span {
                start: t(9, 0),
                end: t(21, 0)
            }]
        );
        let busy = [
            Busy {
                start: t(10, 0),
                end: t(11, 0),
                kind: "booked",
            },
            Busy {
                start: t(11, 0),
                end: t(12, 0),
                kind: "pending",
            },
            Busy {
                start: t(8, 0),
                end: t(9, 30),
                kind: "closed",
            },
            Busy {
                start: t(20, 0),
                end: t(22, 0),
                kind: "booked",
            },
        ];
        assert_eq!(
            subtract(&open, &busy),
            vec![
                Span {
                    start: t(9, 30),
                    end: t(10, 0)
                },
                Span {
                    start: t(12, 0),
                    end: t(20, 0)
                },
            ]
        );
        // Saturday and Sunday are closed in these hours.
        let weekend = t(0, 0) + Duration::days(4);
        assert!(open_spans(tz, &hours, weekend, weekend + Duration::days(2)).is_empty());
    }
}
