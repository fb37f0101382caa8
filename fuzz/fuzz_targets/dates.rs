//! Dates and instants as typed in forms, query strings and the API: never panics, whatever
//! the year, the zone or the shape. One input is cut into lines, each tried as every kind
//! of date field Ortaq reads.
#![no_main]

use chrono::{NaiveDate, NaiveDateTime};
use libfuzzer_sys::fuzz_target;
use ortaq::bookings::{routes, rules};
use ortaq::initiatives::model as initiatives;
use ortaq::members::model as members;
use ortaq::occupancy::report;

fuzz_target!(|text: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let lines: Vec<&str> = text.lines().take(4).collect();
    for raw in &lines {
        let _ = members::parse_birth_date(raw, today, 14, 35);
        let _ = initiatives::parse_date("due", Some(raw));
        if let Ok(at) = routes::parse_instant("start", Some(raw)) {
            assert_eq!(at.timestamp_subsec_nanos(), 0);
        }
        for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"] {
            if let Ok(local) = NaiveDateTime::parse_from_str(raw.trim(), format) {
                let _ = rules::local_instant(chrono_tz::Asia::Aqtobe, local.date(), local.time());
            }
        }
    }
    let from = lines.first().copied();
    let to = lines.get(1).copied();
    let _ = report::parse_range(from, to, today);
    let _ = report::parse_range(from, None, today);
    let _ = report::parse_range(None, from, today);
});
