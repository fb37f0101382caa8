//! Ortaq: the platform of a youth coworking center and its community.
//! See ARCHITECTURE.md for the map.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bookings;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod health;
pub mod home;
pub mod http;
pub mod i18n;
pub mod initiatives;
pub mod markdown;
pub mod members;
pub mod news;
pub mod notifications;
pub mod occupancy;
pub mod org;
pub mod router;
pub mod search;
pub mod spaces;
pub mod state;
