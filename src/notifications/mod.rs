//! In-app notices: what Ortaq tells a person about things that concern them (a place came
//! free on an event's waitlist, an initiative they support was answered).
//!
//! A notice stores no text: `kind` names the Fluent message `notice-{kind}` and the
//! arguments travel as JSON, so the reader sees it in their language of the moment — a
//! member's text (`Text`) in kk or ru as they read, an instant in the center's zone.
//! Areas write notices inside their own write transaction ([`send`]), so a notice exists
//! exactly when the change it tells of does. The menu shows the unread count; the page
//! is `/notifications` (`page.rs`).

pub mod page;
pub mod storage;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::db::Tx;
use crate::error::Error;
use crate::i18n::{self, Args, Locale, Text, format};

pub use page::router;

/// One argument of a notice's message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Str(String),
    Number(i64),
    /// A member's text, shown in the reader's language where it exists.
    Text(Text),
    /// An instant, shown in the center's zone.
    At(DateTime<Utc>),
}

/// What to tell: the kind (the message `notice-{kind}`), its arguments and where it leads.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: String,
    pub args: BTreeMap<String, Value>,
    /// A path inside Ortaq (starts with `/`); the database refuses anything else.
    pub link: Option<String>,
}

impl Notice {
    pub fn new(kind: &str) -> Notice {
        Notice {
            kind: kind.to_string(),
            args: BTreeMap::new(),
            link: None,
        }
    }

    pub fn arg(mut self, name: &str, value: impl Into<String>) -> Notice {
        self.args.insert(name.to_string(), Value::Str(value.into()));
        self
    }

    pub fn number(mut self, name: &str, value: i64) -> Notice {
        self.args.insert(name.to_string(), Value::Number(value));
        self
    }

    pub fn text(mut self, name: &str, value: Text) -> Notice {
        self.args.insert(name.to_string(), Value::Text(value));
        self
    }

    pub fn at(mut self, name: &str, value: DateTime<Utc>) -> Notice {
        self.args.insert(name.to_string(), Value::At(value));
        self
    }

    pub fn link(mut self, path: impl Into<String>) -> Notice {
        self.link = Some(path.into());
        self
    }

    /// The notice as `locale` reads it, instants in `tz`.
    pub fn message(&self, locale: Locale, tz: Tz) -> String {
        let mut args = Args::new();
        for (name, value) in &self.args {
            args = match value {
                Value::Str(s) => args.set_owned(name.clone(), s.clone()),
                Value::Number(n) => args.set_owned(name.clone(), *n),
                Value::Text(t) => args.set_owned(name.clone(), t.show(locale).text),
                Value::At(at) => args.set_owned(name.clone(), format::datetime(*at, tz, locale)),
            };
        }
        i18n::translate(locale, &format!("notice-{}", self.kind), Some(&args))
    }

    fn args_json(&self) -> String {
        serde_json::to_string(&self.args).unwrap_or_else(|_| "{}".to_string())
    }
}

/// Tells `user_id` `notice`, inside the caller's transaction.
pub async fn send(tx: &mut Tx, user_id: i64, notice: &Notice) -> Result<(), Error> {
    storage::insert(
        tx,
        &[user_id],
        &notice.kind,
        &notice.args_json(),
        notice.link.as_deref(),
    )
    .await
}

/// Tells each of `user_ids` the same `notice`, inside the caller's
/// transaction.
pub async fn send_many(tx: &mut Tx, user_ids: &[i64], notice: &Notice) -> Result<(), Error> {
    if user_ids.is_empty() {
        return Ok(());
    }
    storage::insert(
        tx,
        user_ids,
        &notice.kind,
        &notice.args_json(),
        notice.link.as_deref(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_survive_the_database_form() {
        let notice = Notice::new("test")
            .arg("name", "Әлия")
            .number("count", 3)
            .text("title", Text::both("Наурыз тойы", "Праздник Наурыз"))
            .at("when", "2027-03-21T08:00:00Z".parse().unwrap());
        let back: BTreeMap<String, Value> = serde_json::from_str(&notice.args_json()).unwrap();
        assert_eq!(back, notice.args);
    }
}
