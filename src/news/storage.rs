//! Posts in the database. Each write also writes the post's search entry in the same
//! transaction (`search::index`).

use chrono::{DateTime, Utc};

use super::model::{NewPost, Post};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::i18n::Text;
use crate::search::index::{self, Audience, Entry};
use crate::search::kinds;
use crate::{on_db, on_tx};

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    title_kk: Option<String>,
    title_ru: Option<String>,
    body_kk: Option<String>,
    body_ru: Option<String>,
    source_url: Option<String>,
    published_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, title_kk, title_ru, body_kk, body_ru, source_url, published_at, updated_at";

impl From<PostRow> for Post {
    fn from(r: PostRow) -> Post {
        Post {
            id: r.id,
            title: Text::new(r.title_kk, r.title_ru),
            body: Text::new(r.body_kk, r.body_ru),
            source_url: r.source_url,
            published_at: r.published_at,
            updated_at: r.updated_at,
        }
    }
}

fn entry(id: i64, post: &NewPost) -> Entry {
    Entry {
        kind: kinds::NEWS,
        id,
        title: post.title.clone(),
        url: format!("/news/{id}"),
        audience: Audience::Public,
        owner_id: None,
        body: [&post.body.kk, &post.body.ru]
            .into_iter()
            .flatten()
            .map(|b| crate::markdown::excerpt(b, super::model::BODY_MAX))
            .collect(),
    }
}

/// Publishes a post (now, or at `published_at` for imported or demo news).
pub async fn insert(
    tx: &mut Tx,
    post: &NewPost,
    author_id: Option<i64>,
    published_at: DateTime<Utc>,
) -> Result<i64, Error> {
    let now = clock::now();
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO news_posts (title_kk, title_ru, body_kk, body_ru, source_url, author_id, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id")
        .bind(&post.title.kk)
        .bind(&post.title.ru)
        .bind(&post.body.kk)
        .bind(&post.body.ru)
        .bind(&post.source_url)
        .bind(author_id)
        .bind(published_at)
        .bind(now)
        .fetch_one(&mut *conn)
        .await)?;
    index::upsert(tx, &entry(id, post)).await?;
    Ok(id)
}

/// Replaces a post's texts; answers false when there is no such post.
pub async fn update(tx: &mut Tx, id: i64, post: &NewPost) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE news_posts SET title_kk = $1, title_ru = $2, body_kk = $3, body_ru = $4, source_url = $5, updated_at = $6
         WHERE id = $7")
        .bind(&post.title.kk)
        .bind(&post.title.ru)
        .bind(&post.body.kk)
        .bind(&post.body.ru)
        .bind(&post.source_url)
        .bind(clock::now())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 1 {
        index::upsert(tx, &entry(id, post)).await?;
    }
    Ok(n == 1)
}

/// Deletes a post; answers false when there was none.
pub async fn delete(tx: &mut Tx, id: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("DELETE FROM news_posts WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    index::remove(tx, kinds::NEWS, id).await?;
    Ok(n == 1)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Post>, Error> {
    let row: Option<PostRow> = on_db!(db, pool => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM news_posts WHERE id = $1")))
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(Post::from))
}

/// A post read inside a transaction (for the audit's old values).
pub async fn find_in(tx: &mut Tx, id: i64) -> Result<Option<Post>, Error> {
    let row: Option<PostRow> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM news_posts WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await)?;
    Ok(row.map(Post::from))
}

/// The newest posts first.
pub async fn latest(db: &Db, limit: i64, offset: i64) -> Result<Vec<Post>, Error> {
    let rows: Vec<PostRow> = on_db!(db, pool => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM news_posts ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2")))
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Post::from).collect())
}

pub async fn count(db: &Db) -> Result<i64, Error> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM news_posts").fetch_one(pool).await)?,
    )
}

/// Writes every post's search entry (the index rebuild).
pub async fn reindex_all(tx: &mut Tx) -> Result<(), Error> {
    let rows: Vec<PostRow> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM news_posts")))
        .fetch_all(&mut *conn)
        .await)?;
    for row in rows {
        let post = Post::from(row);
        let new = NewPost {
            title: post.title,
            body: post.body,
            source_url: post.source_url,
        };
        index::upsert(tx, &entry(post.id, &new)).await?;
    }
    Ok(())
}
