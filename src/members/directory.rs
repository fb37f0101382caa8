//! The members' directory: people who opted in, found by name, unit, skills, interests and
//! languages; each card shows only what its owner chose to show. Signed-in members only.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::http::page::see_other;
use crate::http::{Ctx, Json, Page};
use crate::on_db;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/directory", get(page))
        .route("/api/v1/directory", get(api))
}

/// What the directory shows of a person: only what they chose.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Card {
    pub user_id: i64,
    pub name: String,
    pub city: Option<String>,
    pub study_or_work: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub skills: Vec<String>,
    /// Ids of the units they belong to (never an ethnocultural association).
    pub units: Vec<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// Part of a name, a skill, an interest or a language, in any case.
    #[serde(default)]
    pub q: String,
    /// Only members of this unit.
    pub unit: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    user_id: i64,
    name: String,
    email: String,
    city: Option<String>,
    study_or_work: Option<String>,
    phone: Option<String>,
    show_email: bool,
    show_phone: bool,
    show_study_or_work: bool,
}

pub async fn search(state: &AppState, filter: &Filter) -> Result<Vec<Card>, Error> {
    let rows: Vec<Row> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, u.email, p.city, p.study_or_work, p.phone,
                p.show_email, p.show_phone, p.show_study_or_work
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.in_directory = TRUE AND u.deleted_at IS NULL AND u.disabled_at IS NULL
           AND ($1 IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.unit_id = $1
                                      AND m.ended_on IS NULL AND m.status = 'active'))
         ORDER BY u.display_name")
        .bind(filter.unit)
        .fetch_all(pool)
        .await)?;
    let tags: Vec<(i64, String, String)> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT t.user_id, t.kind, t.tag FROM profile_tags t JOIN profiles p ON p.user_id = t.user_id WHERE p.in_directory = TRUE ORDER BY t.tag")
        .fetch_all(pool)
        .await)?;
    let units: Vec<(i64, i64)> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT m.user_id, m.unit_id FROM memberships m JOIN org_units o ON o.id = m.unit_id
         WHERE m.ended_on IS NULL AND m.status = 'active' AND o.kind <> 'ethnocultural_association' ORDER BY m.unit_id")
        .fetch_all(pool)
        .await)?;
    let q = filter.q.trim().to_lowercase();
    let mut cards = Vec::new();
    for row in rows {
        let of = |kind: &str| -> Vec<String> {
            tags.iter()
                .filter(|(u, k, _)| *u == row.user_id && k == kind)
                .map(|(_, _, t)| t.clone())
                .collect()
        };
        let card = Card {
            user_id: row.user_id,
            languages: of("language"),
            interests: of("interest"),
            skills: of("skill"),
            units: units
                .iter()
                .filter(|(u, _)| *u == row.user_id)
                .map(|(_, unit)| *unit)
                .collect(),
            city: row.city,
            study_or_work: row.study_or_work.filter(|_| row.show_study_or_work),
            email: row.show_email.then_some(row.email),
            phone: row.phone.filter(|_| row.show_phone),
            name: row.name,
        };
        let matches = q.is_empty()
            || card.name.to_lowercase().contains(&q)
            || card
                .languages
                .iter()
                .chain(&card.interests)
                .chain(&card.skills)
                .any(|t| t.contains(&q));
        if matches {
            cards.push(card);
        }
    }
    Ok(cards)
}

#[derive(Template)]
#[template(path = "units/directory.html")]
struct DirectoryPage<'a> {
    ctx: &'a Ctx,
    cards: Vec<Card>,
    q: &'a str,
    units: Vec<(i64, String, bool)>,
}

/// `GET /directory`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filter): Query<Filter>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other("/login?next=/directory", HeaderMap::new()));
    }
    let mut cards = search(&state, &filter).await?;
    crate::i18n::collate::sort_by(&mut cards, ctx.locale, |c| &c.name);
    let units = crate::org::storage::all(&state.db)
        .await?
        .into_iter()
        .filter(|u| !u.is_sensitive())
        .map(|u| (u.id, ctx.text(&u.name).text, Some(u.id) == filter.unit))
        .collect();
    Ok(Page::new(&DirectoryPage {
        ctx: &ctx,
        cards,
        q: &filter.q,
        units,
    })
    .into_response())
}

/// Members who opted into the directory, with only what each chose to show. Signed-in members only.
#[utoipa::path(get, path = "/api/v1/directory", tag = "organisation", params(Filter),
    responses((status = 200, body = [Card]), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filter): Query<Filter>,
) -> Result<Json<Vec<Card>>, Error> {
    ctx.user()?;
    let mut cards = search(&state, &filter).await?;
    crate::i18n::collate::sort_by(&mut cards, ctx.locale, |c| &c.name);
    Ok(Json(cards))
}
