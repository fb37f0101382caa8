//! iCalendar documents (RFC 5545) of bookings, built with the `icalendar` crate, which
//! escapes text values, folds lines at 75 octets and ends them with CRLF.
//!
//! Times are written in UTC (`…Z`), so no VTIMEZONE is needed; clients show them in
//! their own zone. A booking's UID is `booking-{id}@{host}` (the busy-time feed of a
//! resource uses `busy-{id}@{host}`), stable across fetches, and its DTSTAMP is the
//! booking's last change, so two fetches of an unchanged feed are byte for byte equal.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

/// The product that wrote the calendar.
pub const PRODID: &str = "-//Assembly Zhastary//Ortaq//KK";

/// One event of a feed, already in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// When the booking last changed (DTSTAMP and LAST-MODIFIED).
    pub changed: DateTime<Utc>,
    pub created: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: Option<String>,
    pub status: Shown,
}

/// How a calendar client should treat the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Awaiting approval.
    Tentative,
    Confirmed,
    /// Cancelled, declined or released: clients remove it.
    Cancelled,
}

/// The host part of the public URL, for UIDs (`https://ortaq.kz:8443/x` → `ortaq.kz`).
pub fn uid_host(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(public_url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        // `[::1]:8080` keeps its brackets; `host:port` loses the port.
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    if host.is_empty() {
        "ortaq.invalid".to_string()
    } else {
        host.to_ascii_lowercase()
    }
}

/// A whole calendar: its name (shown by clients as the calendar's title) and events.
pub fn document(name: &str, entries: &[Entry]) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", escape(name)))
        // Subscribed clients may look again after an hour.
        .append_property(
            Property::new("REFRESH-INTERVAL", "PT1H")
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", "PT1H"));
    for e in entries {
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .timestamp(e.changed)
            .last_modified(e.changed)
            .add_property("CREATED", icalendar_utc(e.created))
            .starts(e.start)
            .ends(e.end)
            .summary(&e.summary)
            .location(&e.location)
            .status(match e.status {
                Shown::Tentative => EventStatus::Tentative,
                Shown::Confirmed => EventStatus::Confirmed,
                Shown::Cancelled => EventStatus::Cancelled,
            });
        // Busy time blocks the member's own free/busy; a cancelled one does not.
        event.add_property(
            "TRANSP",
            if e.status == Shown::Cancelled {
                "TRANSPARENT"
            } else {
                "OPAQUE"
            },
        );
        if let Some(description) = &e.description {
            event.description(description);
        }
        calendar.push(event.done());
    }
    calendar.to_string()
}

/// A TEXT value escaped as RFC 5545 (3.3.11) says, for properties the crate does not know.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn icalendar_utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(n: i64, summary: &str) -> Entry {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0).unwrap();
        Entry {
            uid: format!("booking-{n}@ortaq.example"),
            start,
            end: start + chrono::Duration::hours(2),
            changed: start - chrono::Duration::days(1),
            created: start - chrono::Duration::days(2),
            summary: summary.to_string(),
            location: "Коворкинг-центр «Ассамблея жастары», г. Актобе, проспект Абилкайыр хана, 40"
                .to_string(),
            description: Some("Код: ABCD-EFGH\nСтатус: подтверждено".to_string()),
            status: Shown::Confirmed,
        }
    }

    #[test]
    fn the_host_of_uids_comes_from_the_public_url() {
        assert_eq!(uid_host("https://Ortaq.example.kz/"), "ortaq.example.kz");
        assert_eq!(uid_host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(uid_host("http://[::1]:8080/x"), "[::1]");
        assert_eq!(uid_host(""), "ortaq.invalid");
    }

    #[test]
    fn a_document_is_strict_rfc_5545() {
        let long = "Мәжіліс залы «Бірлік» — «Жаңа толқын» студенттік ассамблеясының жиналысы; жаңа жобалар, бюджет, еріктілер";
        let text = document("Ortaq", &[entry(1, long), entry(2, "Desk, 3")]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "folded at 75 octets: {line}");
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(text.contains("\r\nVERSION:2.0\r\n"));
        assert!(text.contains(&format!("\r\nPRODID:{PRODID}\r\n")));
        assert!(text.contains("\r\nUID:booking-1@ortaq.example\r\n"));
        assert!(text.contains("\r\nDTSTART:20261201T050000Z\r\n"));
        assert!(text.contains("\r\nDTEND:20261201T070000Z\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20261130T050000Z\r\n"));
        // Commas, semicolons and newlines are escaped.
        assert!(text.contains("SUMMARY:Desk\\, 3\r\n"));
        assert!(text.contains("Код: ABCD-EFGH\\nСтатус"));
        // Unfolded, the long summary is whole again.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!(
                "SUMMARY:{}",
                long.replace(';', "\\;").replace(',', "\\,")
            )),
            "{unfolded}"
        );
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(text.matches("END:VEVENT").count(), 2);
        // Nothing depends on the moment of writing.
        assert_eq!(
            text,
            document("Ortaq", &[entry(1, long), entry(2, "Desk, 3")])
        );
    }
}
