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
