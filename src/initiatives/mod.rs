//! Initiatives: a young person's idea from draft to done, in public. `model.rs` holds the
//! statuses and THE table of who may move an initiative (`TRANSITIONS`); `flow.rs` the rules
//! (visibility, edits, steps, supports and the per-unit threshold, the official answer, the
//! team); `storage.rs` the SQL; `routes.rs` the API. Beside them: `milestones.rs`
//! (milestones, progress, links to bookings and events, the final report), `comments.rs`
//! (comments, reports, moderation, edit history), `attachments.rs` (images and PDFs kept by
//! Ortaq), `meetings.rs` (sessions and meetings with leadership), `notify.rs` (in-app
//! notices), `search.rs` (the search entry, written by `storage`), and the pages (`pages.rs`,
//! `forms.rs`, `meeting_pages.rs` — the records and their staff form —, `settings_pages.rs`
//! — the units' support thresholds).

pub mod attachments;
pub mod comments;
pub mod flow;
pub mod forms;
pub mod input;
pub mod meeting_pages;
pub mod meetings;
pub mod milestones;
pub mod model;
pub mod notify;
pub mod pages;
pub mod routes;
pub mod search;
pub mod settings_pages;
pub mod storage;

pub use model::{Category, Initiative, Status};

use axum::Router;
use chrono::NaiveDate;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router()
        .merge(milestones::router())
        .merge(comments::router())
        .merge(attachments::router())
        .merge(meetings::router())
        .merge(forms::router())
        .merge(pages::router())
        .merge(meeting_pages::router())
        .merge(settings_pages::router())
}

/// Today in the center's zone (deadlines are local dates).
pub fn clock_today() -> NaiveDate {
    crate::clock::now()
        .with_timezone(&crate::i18n::format::AKTOBE)
        .date_naive()
}
