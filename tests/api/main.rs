//! All integration tests, in one binary: the real server over HTTP, a fresh database
//! per test, SQLite by default and PostgreSQL with `ORTAQ_TEST_DATABASE_URL`.

mod a11y;
mod admin;
mod api;
mod auth;
mod authz;
mod backup;
mod booking_pages;
mod bookings;
mod browser;
mod calendar;
mod chromium;
mod cli;
mod crash;
mod dashboard;
mod demo;
mod events;
mod events_browser;
mod faults;
mod flows_browser;
mod group_commit;
mod headers;
mod helpers;
mod import;
mod initiatives;
mod manage;
mod members;
mod news;
mod notifications;
mod occupancy;
mod pages;
mod rights;
mod routes;
mod search;
mod sign_in_links;
mod storage;
