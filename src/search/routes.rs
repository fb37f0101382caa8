//! `GET /api/v1/search?q=…` and the `/search` page: hits grouped by kind, each group
//! in the order of its best hit, titles in the reader's language and script.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use super::kinds::Kind;
use super::query::{self, Viewer};
use crate::error::Error;
use crate::http::{Ctx, Json, Page};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(page))
        .route("/api/v1/search", get(api))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// What to look for, in any script: «Достық», «Dostyq» and «Dostyk» find the same.
    /// Every word matches as a prefix; fewer than two letters find nothing.
    #[serde(default)]
    pub q: String,
}

/// One thing found.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// `unit`, `member`, `news`, `event` or `initiative`.
    pub kind: String,
    pub id: i64,
    /// In the reader's language (the other one when it is missing).
    pub title: String,
    /// The language the title is in (`kk`, `kk-Latn`, `ru`).
    pub lang: String,
    pub url: String,
}

/// The hits of one kind, best first.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Group {
    pub kind: String,
    /// The group's name in the reader's language.
    pub label: String,
    pub hits: Vec<Hit>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Results {
    pub q: String,
    /// Groups in the order of their best hit.
    pub groups: Vec<Group>,
}

/// Searches what the caller may see and groups the hits.
pub async fn find(state: &AppState, ctx: &Ctx, q: &str) -> Result<Results, Error> {
    let viewer = Viewer::of(&state.db, ctx.user.as_deref()).await?;
    let rows = query::search(&state.db, &viewer, q).await?;
    let mut groups: Vec<Group> = Vec::new();
    for row in rows {
        let Some(kind) = Kind::parse(&row.kind) else {
            continue;
        };
        let shown = ctx.text(&row.title());
        let hit = Hit {
            kind: kind.key.to_string(),
            id: row.ref_id,
            title: shown.text,
            lang: shown.lang.to_string(),
            url: row.url,
        };
        match groups.iter_mut().find(|g| g.kind == kind.key) {
            Some(group) => group.hits.push(hit),
            None => groups.push(Group {
                kind: kind.key.to_string(),
                label: ctx.t(kind.label),
                hits: vec![hit],
            }),
        }
    }
    Ok(Results {
        q: q.to_string(),
        groups,
    })
}

/// Search units, members of the directory (signed-in callers), news, events and
/// initiatives, whatever the script of the query. Hits grouped by kind.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = Results)))]
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Results>, Error> {
    Ok(Json(find(&state, &ctx, query.q.trim()).await?))
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct SearchPage<'a> {
    ctx: &'a Ctx,
    q: &'a str,
    results: Results,
    found: i64,
    too_short: bool,
}

/// `GET /search`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<SearchQuery>,
) -> Result<Response, Error> {
    let q = query.q.trim();
    let results = find(&state, &ctx, q).await?;
    let too_short = !q.is_empty() && query::terms(q).is_empty();
    let found = results.groups.iter().map(|g| g.hits.len() as i64).sum();
    Ok(Page::new(&SearchPage {
        ctx: &ctx,
        q,
        results,
        found,
        too_short,
    })
    .into_response())
}
