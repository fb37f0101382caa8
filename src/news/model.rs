//! A news post and the input that makes one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError};
use crate::i18n::Text;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const URL_MAX: usize = 500;

/// A published post.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Post {
    pub id: i64,
    pub title: Text,
    /// Markdown, in Kazakh and Russian.
    pub body: Text,
    /// Where the news comes from (an `http`/`https` address), if anywhere.
    pub source_url: Option<String>,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an admin writes: a title and a body (each in Kazakh, Russian or both), and an
/// optional source link.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewsInput {
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub body: Text,
    #[serde(default)]
    pub source_url: Option<String>,
}

/// A checked post, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewPost {
    pub title: Text,
    pub body: Text,
    pub source_url: Option<String>,
}

fn too_long(text: &Text, max: usize) -> bool {
    [&text.kk, &text.ru]
        .into_iter()
        .flatten()
        .any(|t| t.chars().count() > max)
}

/// A source link: an absolute `http` or `https` address without spaces.
fn source(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(url) = raw.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if !ok {
        return Err(FieldError::new("news_source_url", "invalid_url"));
    }
    if url.chars().count() > URL_MAX {
        return Err(FieldError::new("news_source_url", "too_long"));
    }
    Ok(Some(url.to_string()))
}

impl NewsInput {
    /// Checks every field; all refusals are named at once.
    pub fn parse(&self) -> Result<NewPost, Error> {
        let title = Text::new(self.title.kk.clone(), self.title.ru.clone());
        let body = Text::new(self.body.kk.clone(), self.body.ru.clone());
        let mut errors = Vec::new();
        if title.is_empty() {
            errors.push(FieldError::new("news_title", "required"));
        } else if too_long(&title, TITLE_MAX) {
            errors.push(FieldError::new("news_title", "too_long").with_limit(TITLE_MAX as i64));
        }
        if body.is_empty() {
            errors.push(FieldError::new("news_body", "required"));
        } else if too_long(&body, BODY_MAX) {
            errors.push(FieldError::new("news_body", "too_long").with_limit(BODY_MAX as i64));
        }
        let source_url = source(self.source_url.as_deref()).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(NewPost {
            title,
            body,
            source_url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, body: &str, url: &str) -> NewsInput {
        NewsInput {
            title: Text::new(Some(title.into()), None),
            body: Text::new(Some(body.into()), None),
            source_url: Some(url.into()),
        }
    }

    #[test]
    fn a_post_needs_a_title_and_a_body() {
        assert!(input("Жаңалық", "Мәтін", "").parse().is_ok());
        let Err(Error::Invalid(errors)) = input(" ", "", "").parse() else {
            panic!("refused")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["news_title", "news_body"]);
    }

    #[test]
    fn a_source_is_a_web_address() {
        for ok in [
            "http://t.me/aqtobe_oblysy_akimdigi",
            "https://aktobe.gov.kz/news?id=1",
        ] {
            assert_eq!(
                input("a", "b", ok).parse().unwrap().source_url.as_deref(),
                Some(ok)
            );
        }
        for bad in [
            "javascript:alert(1)",
            "t.me/x",
            "https://",
            "http:///x",
            "https://a b",
        ] {
            assert!(input("a", "b", bad).parse().is_err(), "{bad}");
        }
    }
}
