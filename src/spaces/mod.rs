//! Spaces: the center's locations with their opening hours, and the resources people
//! book. The bookings table and its no-overlap guarantee are in the first migration;
//! bookings themselves are in `crate::bookings`.

pub mod cache;
pub mod manage;
pub mod manage_api;
pub mod manage_describe;
pub mod manage_pages;
pub mod manage_resource_pages;
pub mod model;
pub mod routes;
pub mod storage;

pub use model::{AMENITIES, Access, KINDS, Location, OpeningHours, Resource};
