//! Bookings as the domain sees them: statuses, the booking itself, its check-in code.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::Serialize;

/// `[start, end)` in UTC.
pub type Interval = (DateTime<Utc>, DateTime<Utc>);

/// Where a booking is in its life. Pending, confirmed and checked-in bookings are *live*:
/// two live bookings of one resource never overlap (the database refuses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = BookingStatus)]
pub enum Status {
    Pending,
    Confirmed,
    CheckedIn,
    Completed,
    Cancelled,
    Declined,
    NoShow,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Pending,
        Status::Confirmed,
        Status::CheckedIn,
        Status::Completed,
        Status::Cancelled,
        Status::Declined,
        Status::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::CheckedIn => "checked_in",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
            Status::Declined => "declined",
            Status::NoShow => "no_show",
        }
    }

    pub fn parse(raw: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Holds its resource (the no-overlap guarantee covers it).
    pub fn is_live(self) -> bool {
        matches!(
            self,
            Status::Pending | Status::Confirmed | Status::CheckedIn
        )
    }

    /// The message id of the status's name.
    pub fn message_id(self) -> String {
        format!("booking-status-{}", self.as_str().replace('_', "-"))
    }
}

/// A booking as stored.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Booking {
    pub id: i64,
    pub resource_id: i64,
    /// The member it is for; `null` once that account is deleted.
    pub user_id: Option<i64>,
    pub status: Status,
    /// Start (inclusive), RFC 3339 in UTC.
    pub start: DateTime<Utc>,
    /// End (exclusive), RFC 3339 in UTC.
    pub end: DateTime<Utc>,
    pub purpose: Option<String>,
    /// The short code on the booking's QR, typed at the front desk.
    pub code: String,
    pub series_id: Option<i64>,
    /// Not checked in by then, the booking is released as a no-show; `null`: no check-in needed.
    pub check_in_by: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Staff who booked for the member.
    pub booked_by: Option<i64>,
    /// Why staff set a rule aside, when they did.
    pub override_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decline_reason: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 8;

/// A new random check-in code (8 characters, about 40 bits).
pub fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// A code as a person typed or a scanner read it: any case, spaces and dashes ignored,
/// the letters people confuse read as the code's own (O → 0 is not in the alphabet, so
/// O and 0 stay invalid rather than guessed).
pub fn normalize_code(raw: &str) -> Option<String> {
    // A scanned QR carries the whole check-in address; the code is its last part.
    let raw = raw.trim();
    let raw = raw.rsplit(['/', '=']).next().unwrap_or(raw);
    let code: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The code as shown to people: two groups of four.
pub fn display_code(code: &str) -> String {
    if code.len() == CODE_LEN {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_what_people_type() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(normalize_code(&code).as_deref(), Some(code.as_str()));
            let shown = display_code(&code).to_lowercase();
            assert_eq!(normalize_code(&shown).as_deref(), Some(code.as_str()));
            let scanned = format!("https://ortaq.example/front-desk/check-in?code={code}");
            assert_eq!(normalize_code(&scanned).as_deref(), Some(code.as_str()));
        }
        assert_eq!(normalize_code("ABCD-EFG"), None);
        assert_eq!(normalize_code("ABCD-EFG0"), None);
        assert_eq!(normalize_code(""), None);
    }

    #[test]
    fn statuses_have_stable_names() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert!(Status::Pending.is_live() && Status::CheckedIn.is_live());
        assert!(!Status::NoShow.is_live() && !Status::Cancelled.is_live());
    }
}
