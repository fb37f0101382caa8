//! `/news.atom`: the latest posts as an Atom feed (RFC 4287), written with
//! `atom_syndication`, in the reader's language (`?lang=ru`, else as negotiated).

use atom_syndication::{Content, Entry, Feed, Link, Person};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::storage;
use crate::error::Error;
use crate::http::Ctx;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/news.atom", get(feed))
}

/// The posts in a feed.
const ENTRIES: i64 = 30;

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(mime.map(str::to_string));
    link
}

/// The feed's XML.
pub async fn build(state: &AppState, ctx: &Ctx) -> Result<String, Error> {
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let posts = storage::latest(&state.db, ENTRIES, 0).await?;
    let mut feed = Feed::default();
    feed.set_title(ctx.t("news-feed-title"));
    feed.set_id(format!("{base}/news.atom"));
    feed.set_lang(Some(ctx.locale.tag().to_string()));
    let mut author = Person::default();
    author.set_name("Ortaq");
    author.set_uri(Some(format!("{base}/")));
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(
            format!("{base}/news.atom"),
            "self",
            Some("application/atom+xml"),
        ),
        link(format!("{base}/news"), "alternate", Some("text/html")),
    ]);
    let updated = posts
        .iter()
        .map(|p| p.updated_at.max(p.published_at))
        .max()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    feed.set_updated(updated.fixed_offset());
    let entries = posts
        .iter()
        .map(|post| {
            let title = ctx.text(&post.title);
            let body = ctx.text(&post.body);
            let url = format!("{base}/news/{}", post.id);
            let mut entry = Entry::default();
            entry.set_id(url.clone());
            let mut text = atom_syndication::Text::plain(title.text);
            text.lang = Some(title.lang.to_string());
            entry.set_title(text);
            entry.set_published(Some(post.published_at.fixed_offset()));
            entry.set_updated(post.updated_at.max(post.published_at).fixed_offset());
            let mut links = vec![link(url, "alternate", Some("text/html"))];
            if let Some(source) = &post.source_url {
                links.push(link(source.clone(), "via", None));
            }
            entry.set_links(links);
            let mut content = Content::default();
            content.set_content_type(Some("html".to_string()));
            content.set_lang(Some(body.lang.to_string()));
            content.set_value(Some(crate::markdown::render(&body.text)));
            entry.set_content(Some(content));
            entry
        })
        .collect::<Vec<_>>();
    feed.set_entries(entries);
    Ok(feed.to_string())
}

/// `GET /news.atom`
async fn feed(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let xml = build(&state, &ctx).await?;
    let mut response = xml.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(response)
}
