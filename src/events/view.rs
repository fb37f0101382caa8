//! What the event pages share: an event as a card people read (its time in the
//! location's zone, its place in words, places left), and the names of units.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::model::{Event, Place, Status};
use super::storage::{self, Figures};
use crate::bookings::view::{day, times};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::{Shown, format};
use crate::org::Unit;
use crate::spaces::{Location, Resource};

/// The places of the center, to name an event's resource and its zone.
pub struct Places {
    resources: HashMap<i64, Resource>,
    locations: HashMap<i64, Location>,
    units: HashMap<i64, Unit>,
}

impl Places {
    pub async fn load(db: &Db) -> Result<Places, Error> {
        Ok(Places {
            resources: crate::spaces::storage::resources(db, None)
                .await?
                .into_iter()
                .map(|r| (r.id, r))
                .collect(),
            locations: crate::spaces::storage::locations(db)
                .await?
                .into_iter()
                .map(|l| (l.id, l))
                .collect(),
            units: crate::org::storage::all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u))
                .collect(),
        })
    }

    fn location_of(&self, event: &Event) -> Option<(&Resource, &Location)> {
        let resource = self.resources.get(&event.place.resource_id()?)?;
        Some((resource, self.locations.get(&resource.location_id)?))
    }

    /// The zone the event's times are shown in: its location's, else Aktobe's.
    pub fn zone(&self, event: &Event) -> Tz {
        self.location_of(event)
            .map(|(_, l)| l.time_zone)
            .unwrap_or(format::AKTOBE)
    }

    /// Where, in words, in the reader's language.
    pub fn place(&self, ctx: &Ctx, event: &Event) -> Shown {
        match &event.place {
            Place::Resource { .. } => match self.location_of(event) {
                Some((r, l)) => {
                    let name = ctx.text(&r.name);
                    let location = ctx.text(&l.name);
                    Shown {
                        text: format!("{}, {}", name.text, location.text),
                        ..name
                    }
                }
                None => plain(ctx, String::new()),
            },
            Place::Venue { address } => ctx.text(address),
            Place::Online { .. } => plain(ctx, ctx.t("event-place-online")),
        }
    }

    /// A unit's name in the reader's language.
    pub fn unit(&self, ctx: &Ctx, id: i64) -> Shown {
        self.units
            .get(&id)
            .map(|u| ctx.text(&u.name))
            .unwrap_or_else(|| plain(ctx, format!("#{id}")))
    }

    /// The address of the place for calendars (`LOCATION`), in one language.
    pub fn address(&self, locale: crate::i18n::Locale, event: &Event) -> String {
        match &event.place {
            Place::Resource { .. } => match self.location_of(event) {
                Some((r, l)) => {
                    let address = l.address.show(locale).text;
                    format!(
                        "{}, {}{}",
                        r.name.show(locale).text,
                        l.name.show(locale).text,
                        if address.is_empty() {
                            String::new()
                        } else {
                            format!(", {address}")
                        }
                    )
                }
                None => String::new(),
            },
            Place::Venue { address } => address.show(locale).text,
            Place::Online { url } => url.clone(),
        }
    }
}

fn plain(ctx: &Ctx, text: String) -> Shown {
    Shown {
        text,
        lang: ctx.locale.tag(),
        fallback: false,
    }
}

/// One event as a card of a list or the head of its page.
pub struct Card {
    pub id: i64,
    pub title: Shown,
    pub day: String,
    pub times: String,
    pub place: Shown,
    pub category: String,
    pub status: Status,
    pub status_text: String,
    /// `draft`, `published`, … for the badge's colour (the text says it too).
    pub status_class: &'static str,
    pub organiser: Shown,
    pub capacity: i32,
    pub registered: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
    pub places_left: i64,
    pub languages: String,
    pub past: bool,
}

impl Card {
    pub fn new(
        ctx: &Ctx,
        places: &Places,
        event: &Event,
        figures: Figures,
        now: DateTime<Utc>,
    ) -> Card {
        let tz = places.zone(event);
        let status = event.status_at(now);
        Card {
            id: event.id,
            title: ctx.text(&event.title),
            day: day(ctx, tz, event.start),
            times: times(ctx, tz, event.start, event.end),
            place: places.place(ctx, event),
            category: ctx.t(event.category.message_id()),
            status,
            status_text: ctx.t(status.message_id()),
            status_class: status.as_str(),
            organiser: places.unit(ctx, event.unit_id),
            capacity: event.capacity,
            registered: figures.registered,
            waitlisted: figures.waitlisted,
            checked_in: figures.checked_in,
            places_left: (i64::from(event.capacity) - figures.registered).max(0),
            languages: event
                .languages
                .iter()
                .map(|l| ctx.t(format!("event-language-{l}")))
                .collect::<Vec<_>>()
                .join(", "),
            past: event.end <= now,
        }
    }
}

/// Cards of events, with their figures (one read for all).
pub async fn cards(
    db: &Db,
    ctx: &Ctx,
    places: &Places,
    events: &[Event],
) -> Result<Vec<Card>, Error> {
    let now = clock::now();
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let figures = storage::figures_of(db, &ids).await?;
    Ok(events
        .iter()
        .map(|e| {
            let f = figures.get(&e.id).copied().unwrap_or_default();
            Card::new(ctx, places, e, f, now)
        })
        .collect())
}
