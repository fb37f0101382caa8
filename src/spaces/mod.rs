//! Spaces: the center's locations with their opening hours, and the resources people
//! book. The bookings table and its no-overlap guarantee are in the first migration;
//! bookings themselves are in `crate::bookings`.

pub mod model;
pub mod routes;
pub mod storage;

pub use model::{AMENITIES, Access, KINDS, Location, OpeningHours, Resource};
