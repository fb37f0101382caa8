//! The home page: the center (name, address, opening hours, what is on), sign up / log in.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Datelike, Utc};

use crate::accounts::storage as accounts;
use crate::error::Error;
use crate::http::{Ctx, Page};
use crate::i18n::format;
use crate::spaces::storage as spaces;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// One line of the opening hours.
pub struct HoursRow {
    pub day: String,
    pub hours: Option<String>,
    pub today: bool,
}

/// A phone number as shown and as dialled.
pub struct Phone {
    pub shown: String,
    pub tel: String,
}

/// The center as the home page shows it.
pub struct CenterView {
    pub name: crate::i18n::Shown,
    pub address: crate::i18n::Shown,
    pub phone: Option<Phone>,
    pub hours: Vec<HoursRow>,
    /// «Open now, until 21:00» or «Closed now».
    pub open_now: String,
    pub is_open: bool,
    pub resources: Vec<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    ctx: &'a Ctx,
    center: Option<CenterView>,
    members: String,
    today: String,
    news: Vec<crate::news::pages::PostCard>,
}

/// `GET /`
async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let location = spaces::main_location(&state.db).await?;
    let now = Utc::now();
    let center = match location {
        None => None,
        Some(loc) => {
            let local = now.with_timezone(&loc.time_zone);
            let weekday = local.weekday().number_from_monday();
            let hours = (1..=7)
                .map(|d| HoursRow {
                    day: format::weekday(d, ctx.locale),
                    hours: loc.hours_on(d).map(|h| {
                        format!(
                            "{}–{}",
                            format::time(h.opens, ctx.locale),
                            format::time(h.closes, ctx.locale)
                        )
                    }),
                    today: d == weekday,
                })
                .collect();
            let today = loc.hours_on(weekday);
            let time = local.time();
            let (is_open, open_now) = match today {
                Some(h) if h.opens <= time && time < h.closes => (
                    true,
                    ctx.t1(
                        "home-open-until",
                        "time",
                        format::time(h.closes, ctx.locale),
                    ),
                ),
                _ => (false, ctx.t("home-closed-now")),
            };
            let resources = spaces::resource_counts(&state.db, loc.id)
                .await?
                .into_iter()
                .map(|(kind, n)| {
                    ctx.t1(
                        &format!("resource-count-{}", kind.replace('_', "-")),
                        "count",
                        n,
                    )
                })
                .collect();
            Some(CenterView {
                name: ctx.text(&loc.name),
                address: ctx.text(&loc.address),
                phone: loc.phone.map(|shown| Phone {
                    tel: shown
                        .chars()
                        .filter(|c| *c == '+' || c.is_ascii_digit())
                        .collect(),
                    shown,
                }),
                hours,
                open_now,
                is_open,
                resources,
            })
        }
    };
    let members = ctx.t1("members-count", "count", accounts::count(&state.db).await?);
    let today = format::date(now.with_timezone(&format::AKTOBE).date_naive(), ctx.locale);
    let news = crate::news::pages::latest_cards(&state, &ctx, 3).await?;
    Ok(Page::new(&HomePage {
        ctx: &ctx,
        center,
        members,
        today,
        news,
    })
    .into_response())
}
