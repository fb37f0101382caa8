//! Spaces: the center's locations with their opening hours, and the resources people
//! book. The bookings table and its no-overlap guarantee are in the first migration;
//! the booking rules and pages come with the bookings issue.

pub mod model;
pub mod storage;

pub use model::{Location, OpeningHours};
