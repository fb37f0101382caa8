//! The leadership dashboard (`/reports/dashboard`): for observers, admins and
//! coordinators, over the unit they choose within their scope and a range of dates.
//!
//! - `chart.rs`: a chart is a [`chart::Table`] of numbers and a [`chart::Plot`]; the SVG,
//!   the accessible table beside it, the CSV/XLSX downloads and the API read the same table.
//! - `svg.rs`: the drawings (bars, columns, lines, heatmap), hand-written SVG marks.
//! - `charts.rs`: the registry of charts ([`charts::Key`]), the scope, one builder per chart.
//! - `activity.rs`: events per month, attendance, categories, the initiatives' funnel and
//!   the answers past their deadline.
//! - `export.rs`: a table as CSV and XLSX, headers in the reader's language.
//! - `routes.rs`: the page, the downloads, the printable monthly report, the API.

pub mod activity;
pub mod chart;
pub mod charts;
pub mod export;
pub mod routes;
pub mod svg;

pub use routes::router;
