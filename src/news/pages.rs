//! `/news` (the list), `/news/{id}` (one post), and the admin's forms to publish, edit
//! and delete.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::model::{NewsInput, Post};
use super::routes::{edit, publish, remove, require_admin};
use super::storage;
use crate::error::Error;
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{Shown, Text, format};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/news", get(list_page).post(create_form))
        .route("/news/new", get(new_page))
        .route("/news/{id}", get(post_page))
        .route("/news/{id}/edit", get(edit_page).post(edit_form))
        .route("/news/{id}/delete", post(delete_form))
}

/// The page size of `/news`.
const PAGE: i64 = 20;

/// A post as lists show it.
pub struct PostCard {
    pub id: i64,
    pub title: Shown,
    pub date: String,
    pub excerpt: String,
}

impl PostCard {
    pub fn new(post: &Post, ctx: &Ctx) -> PostCard {
        let body = ctx.text(&post.body);
        PostCard {
            id: post.id,
            title: ctx.text(&post.title),
            date: ctx.date(
                &post
                    .published_at
                    .with_timezone(&format::AKTOBE)
                    .date_naive(),
            ),
            excerpt: crate::markdown::excerpt(&body.text, 220),
        }
    }
}

/// The newest posts, for the home page.
pub async fn latest_cards(state: &AppState, ctx: &Ctx, n: i64) -> Result<Vec<PostCard>, Error> {
    Ok(storage::latest(&state.db, n, 0)
        .await?
        .iter()
        .map(|p| PostCard::new(p, ctx))
        .collect())
}

#[derive(Template)]
#[template(path = "news/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    cards: Vec<PostCard>,
    older: Option<i64>,
    newer: Option<i64>,
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    page: i64,
}

/// `GET /news?page=`
async fn list_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let page = q.page.max(0);
    let posts = storage::latest(&state.db, PAGE + 1, page * PAGE).await?;
    let more = posts.len() as i64 > PAGE;
    Ok(Page::new(&ListPage {
        ctx: &ctx,
        cards: posts
            .iter()
            .take(PAGE as usize)
            .map(|p| PostCard::new(p, &ctx))
            .collect(),
        older: more.then_some(page + 1),
        newer: (page > 0).then(|| page - 1),
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "news/post.html")]
struct PostPage<'a> {
    ctx: &'a Ctx,
    id: i64,
    title: Shown,
    body: Shown,
    /// The body as sanitized HTML (`markdown::render`).
    html: String,
    date: String,
    source: Option<String>,
}

/// `GET /news/{id}`
async fn post_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let post = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    let body = ctx.text(&post.body);
    Ok(Page::new(&PostPage {
        ctx: &ctx,
        id,
        title: ctx.text(&post.title),
        html: crate::markdown::render(&body.text),
        body,
        date: ctx.date(
            &post
                .published_at
                .with_timezone(&format::AKTOBE)
                .date_naive(),
        ),
        source: post.source_url,
    })
    .into_response())
}

/// The form as typed.
#[derive(Debug, Default, Deserialize)]
struct NewsForm {
    #[serde(default)]
    title_kk: String,
    #[serde(default)]
    title_ru: String,
    #[serde(default)]
    body_kk: String,
    #[serde(default)]
    body_ru: String,
    #[serde(default)]
    source_url: String,
}

impl NewsForm {
    fn of(post: &Post) -> NewsForm {
        NewsForm {
            title_kk: post.title.kk.clone().unwrap_or_default(),
            title_ru: post.title.ru.clone().unwrap_or_default(),
            body_kk: post.body.kk.clone().unwrap_or_default(),
            body_ru: post.body.ru.clone().unwrap_or_default(),
            source_url: post.source_url.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> NewsInput {
        NewsInput {
            title: Text::new(Some(self.title_kk.clone()), Some(self.title_ru.clone())),
            body: Text::new(Some(self.body_kk.clone()), Some(self.body_ru.clone())),
            source_url: Some(self.source_url.clone()),
        }
    }
}

#[derive(Template)]
#[template(path = "news/form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    /// None for a new post.
    id: Option<i64>,
    form: NewsForm,
    errors: FormErrors,
}

fn render_form(
    ctx: &Ctx,
    id: Option<i64>,
    form: NewsForm,
    errors: Vec<crate::error::FieldError>,
) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    with_status(
        Page::new(&FormPage {
            ctx,
            id,
            form,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status,
    )
}

/// Guests go to the log-in page; signed-in non-admins get 403.
fn admin_or_login(ctx: &Ctx, back: &str) -> Result<Option<Response>, Error> {
    if ctx.user.is_none() {
        return Ok(Some(see_other(
            &format!("/login?next={back}"),
            HeaderMap::new(),
        )));
    }
    require_admin(ctx)?;
    Ok(None)
}

/// `GET /news/new`
async fn new_page(ctx: Ctx) -> Result<Response, Error> {
    if let Some(login) = admin_or_login(&ctx, "/news/new")? {
        return Ok(login);
    }
    Ok(render_form(&ctx, None, NewsForm::default(), vec![]))
}

/// `POST /news`
async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewsForm>,
) -> Result<Response, Error> {
    require_admin(&ctx)?;
    match form.input().parse() {
        Ok(post) => {
            let id = publish(&state, &ctx, &post).await?;
            Ok(see_other(&format!("/news/{id}"), HeaderMap::new()))
        }
        Err(Error::Invalid(errors)) => Ok(render_form(&ctx, None, form, errors)),
        Err(other) => Err(other),
    }
}

/// `GET /news/{id}/edit`
async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    if let Some(login) = admin_or_login(&ctx, &format!("/news/{id}/edit"))? {
        return Ok(login);
    }
    let post = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok(render_form(&ctx, Some(id), NewsForm::of(&post), vec![]))
}

/// `POST /news/{id}/edit`
async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<NewsForm>,
) -> Result<Response, Error> {
    require_admin(&ctx)?;
    match form.input().parse() {
        Ok(post) => {
            edit(&state, &ctx, id, &post).await?;
            Ok(see_other(&format!("/news/{id}"), HeaderMap::new()))
        }
        Err(Error::Invalid(errors)) => Ok(render_form(&ctx, Some(id), form, errors)),
        Err(other) => Err(other),
    }
}

/// `POST /news/{id}/delete`
async fn delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    remove(&state, &ctx, id).await?;
    Ok(see_other("/news", HeaderMap::new()))
}
