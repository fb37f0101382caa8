use chrono::NaiveTime;
use chrono_tz::Tz;

use crate::i18n::Text;

/// A place of the center.
#[derive(Clone, Debug)]
pub struct Location {
    pub id: i64,
    pub unit_id: i64,
    pub name: Text,
    pub address: Text,
    pub phone: Option<String>,
    pub time_zone: Tz,
    pub hours: Vec<OpeningHours>,
}

/// Local wall-clock hours of one ISO weekday (1 = Monday … 7 = Sunday).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningHours {
    pub weekday: u32,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl Location {
    pub fn hours_on(&self, weekday: u32) -> Option<&OpeningHours> {
        self.hours.iter().find(|h| h.weekday == weekday)
    }
}

/// Something people book: a desk, a meeting room, the event hall, a piece of equipment.
#[derive(Clone, Debug)]
pub struct Resource {
    pub id: i64,
    pub location_id: i64,
    /// `desk`, `meeting_room`, `event_hall` or `equipment`.
    pub kind: String,
    pub name: Text,
    pub description: Text,
    pub capacity: i32,
    /// Amenity codes (`wifi`, `socket`, `monitor`, …).
    pub amenities: Vec<String>,
    /// A retired resource keeps its bookings and takes no new ones.
    pub active: bool,
}

/// The kinds of resources, in the order pages list them.
pub const KINDS: [&str; 4] = ["desk", "meeting_room", "event_hall", "equipment"];

/// Amenities a resource may list, in the order pages show them.
pub const AMENITIES: [&str; 9] = [
    "wifi",
    "socket",
    "monitor",
    "whiteboard",
    "screen",
    "projector",
    "sound",
    "window",
    "accessible",
];

/// One entry of who may book a resource: holders of a role, or members of a unit (and of
/// the units below it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Role(crate::accounts::Role),
    Unit(i64),
}
