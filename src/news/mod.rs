//! News: bilingual posts by admins (title and Markdown body in Kazakh and Russian, an
//! optional source link), on the home page, as a list, one page each and an Atom feed.
//!
//! - `model.rs`: a post and the input that makes one (checked at the edge).
//! - `storage.rs`: posts in the database; every write also writes the post's search entry
//!   and, for staff changes, the audit log, in the same transaction.
//! - `routes.rs`: `/api/v1/news` (read by anyone, written by admins).
//! - `pages.rs`: `/news`, `/news/{id}`, the admin forms.
//! - `feed.rs`: `/news.atom`.

pub mod feed;
pub mod model;
pub mod pages;
pub mod routes;
pub mod storage;

pub use model::{NewsInput, Post};

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router()
        .merge(pages::router())
        .merge(feed::router())
}
