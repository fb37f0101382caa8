//! Events as the domain sees them: categories, places, audiences, statuses, the event
//! itself and its registrations, and the parsing of what organisers send (the API's JSON
//! and the pages' form both become one [`Draft`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError};
use crate::i18n::Text;

/// What kind of event it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EventCategory)]
pub enum Category {
    Culture,
    LanguageClub,
    Education,
    Volunteering,
    Sport,
    Dialogue,
    Other,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Culture,
        Category::LanguageClub,
        Category::Education,
        Category::Volunteering,
        Category::Sport,
        Category::Dialogue,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Culture => "culture",
            Category::LanguageClub => "language_club",
            Category::Education => "education",
            Category::Volunteering => "volunteering",
            Category::Sport => "sport",
            Category::Dialogue => "dialogue",
            Category::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw.trim())
    }

    pub fn message_id(self) -> String {
        format!("event-category-{}", self.as_str().replace('_', "-"))
    }
}

/// The languages an event is held in.
pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

/// Who may register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Members and guests without an account.
    Everyone,
    /// Signed-in members.
    Members,
    /// Members of the listed units (or of a unit below one).
    Units,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Everyone, Audience::Members, Audience::Units];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Members => "members",
            Audience::Units => "units",
        }
    }

    pub fn parse(raw: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }
}

/// Where an event is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EventStatus)]
pub enum Status {
    /// Seen by its organisers only.
    Draft,
    Published,
    /// Called off; its registrants were told and its hall released.
    Cancelled,
    /// Published and over.
    Finished,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Published,
        Status::Cancelled,
        Status::Finished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Cancelled => "cancelled",
            Status::Finished => "finished",
        }
    }

    pub fn parse(raw: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn message_id(self) -> String {
        format!("event-status-{}", self.as_str())
    }
}

/// Where an event takes place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A resource of the center (the hall, a room), booked with the event.
    Resource { resource_id: i64 },
    /// An outside venue, with its address.
    Venue { address: Text },
    /// Online, at this link.
    Online { url: String },
}

impl Place {
    pub fn kind(&self) -> &'static str {
        match self {
            Place::Resource { .. } => "resource",
            Place::Venue { .. } => "venue",
            Place::Online { .. } => "online",
        }
    }

    pub fn resource_id(&self) -> Option<i64> {
        match self {
            Place::Resource { resource_id } => Some(*resource_id),
            _ => None,
        }
    }
}

/// An event as stored.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Event {
    pub id: i64,
    /// The organising unit.
    pub unit_id: i64,
    /// Units organising it together with `unit_id`.
    pub partner_unit_ids: Vec<i64>,
    pub title: Text,
    /// Markdown as written (shown rendered and sanitized).
    pub description: Text,
    pub category: Category,
    /// Language codes: `kk`, `ru`, `en`.
    pub languages: Vec<String>,
    pub place: Place,
    /// Start (inclusive), RFC 3339 in UTC.
    pub start: DateTime<Utc>,
    /// End (exclusive), RFC 3339 in UTC.
    pub end: DateTime<Utc>,
    pub capacity: i32,
    /// Registration opens then (`null`: once published).
    pub registration_opens: Option<DateTime<Utc>>,
    /// Registration closes then (`null`: at the start).
    pub registration_closes: Option<DateTime<Utc>>,
    /// Organisers closed registration by hand.
    pub registration_closed: bool,
    pub audience: Audience,
    /// With audience `units`: the units whose members may register.
    pub audience_unit_ids: Vec<i64>,
    pub status: Status,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    /// The status as of `now`: a published event whose end passed is finished.
    pub fn status_at(&self, now: DateTime<Utc>) -> Status {
        match self.status {
            Status::Published if self.end <= now => Status::Finished,
            other => other,
        }
    }

    /// Whether registration is open at `now` (published, not over, inside its window,
    /// not closed by hand).
    pub fn registration_open(&self, now: DateTime<Utc>) -> bool {
        self.status_at(now) == Status::Published
            && !self.registration_closed
            && self.registration_opens.is_none_or(|at| now >= at)
            && now < self.registration_closes.unwrap_or(self.start)
    }

    /// Why registration is not open, as an error code; `None` when it is.
    pub fn registration_refusal(&self, now: DateTime<Utc>) -> Option<&'static str> {
        match self.status_at(now) {
            Status::Published => {}
            Status::Cancelled => return Some("event_cancelled"),
            Status::Finished => return Some("event_over"),
            Status::Draft => return Some("event_not_published"),
        }
        if self.registration_closed {
            return Some("event_registration_closed");
        }
        if self.registration_opens.is_some_and(|at| now < at) {
            return Some("event_registration_not_open");
        }
        if now >= self.registration_closes.unwrap_or(self.start) {
            return Some("event_registration_closed");
        }
        None
    }
}

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegStatus {
    /// Holds a place.
    Registered,
    /// Waits for a place, in arrival order.
    Waitlisted,
    Cancelled,
}

impl RegStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegStatus::Registered => "registered",
            RegStatus::Waitlisted => "waitlisted",
            RegStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<RegStatus> {
        [
            RegStatus::Registered,
            RegStatus::Waitlisted,
            RegStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    pub fn message_id(self) -> String {
        format!("event-reg-{}", self.as_str())
    }
}

/// One registration.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    /// The member; `null` for a guest (or once the account is deleted).
    pub user_id: Option<i64>,
    /// `true` for a guest without an account.
    pub guest: bool,
    /// The member's or the guest's name.
    pub name: String,
    pub status: RegStatus,
    /// With `waitlisted`: the place in the waitlist (1 = next).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<i64>,
    /// Arrival order within the event.
    pub queue_no: i64,
    /// The short code of the QR ticket.
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Organisers who added the person by hand.
    pub added_by: Option<i64>,
}

/// What an organiser sends to create or edit an event (the API's JSON; the pages' form
/// is turned into the same).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct EventInput {
    /// The organising unit (the caller must be its coordinator or an admin over it).
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub partner_unit_ids: Vec<i64>,
    pub title: Option<Text>,
    /// Markdown.
    pub description: Option<Text>,
    /// `culture`, `language_club`, `education`, `volunteering`, `sport`, `dialogue`, `other`.
    pub category: Option<String>,
    /// Any of `kk`, `ru`, `en`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// `resource`, `venue` or `online`.
    pub place: Option<String>,
    /// With place `resource`: the hall or room, booked with the event.
    pub resource_id: Option<i64>,
    /// With place `venue`: its address.
    pub venue: Option<Text>,
    /// With place `online`: the link (http or https).
    pub online_url: Option<String>,
    /// RFC 3339, e.g. `2026-12-01T18:00:00+05:00`.
    pub start: Option<String>,
    pub end: Option<String>,
    pub capacity: Option<i64>,
    pub registration_opens: Option<String>,
    pub registration_closes: Option<String>,
    /// `everyone` (default), `members` or `units`.
    pub audience: Option<String>,
    #[serde(default)]
    pub audience_unit_ids: Vec<i64>,
}

/// An event as organisers asked for it, checked field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub unit_id: i64,
    pub partner_unit_ids: Vec<i64>,
    pub title: Text,
    pub description: Text,
    pub category: Category,
    pub languages: Vec<String>,
    pub place: Place,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub capacity: i32,
    pub registration_opens: Option<DateTime<Utc>>,
    pub registration_closes: Option<DateTime<Utc>>,
    pub audience: Audience,
    pub audience_unit_ids: Vec<i64>,
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const VENUE_MAX: usize = 300;
pub const CAPACITY_MAX: i64 = 100_000;
/// The longest event (a festival over several days).
pub const LONGEST: chrono::Duration = chrono::Duration::days(14);

fn text_field(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: Option<&Text>,
    max: usize,
    required: bool,
) -> Text {
    let text = value
        .map(|t| Text::new(t.kk.clone(), t.ru.clone()))
        .unwrap_or_default();
    if required && text.is_empty() {
        errors.push(FieldError::new(field, "required"));
    }
    let too_long = [&text.kk, &text.ru]
        .into_iter()
        .flatten()
        .any(|s| s.chars().count() > max);
    if too_long {
        errors.push(FieldError::new(field, "too_long").with_limit(max as i64));
    }
    text
}

fn instant(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    raw: Option<&str>,
    required: bool,
) -> Option<DateTime<Utc>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None if !required => None,
        raw => crate::bookings::routes::parse_instant(field, raw)
            .map_err(|e| errors.push(e))
            .ok(),
    }
}

/// An `http(s)` link without spaces.
pub fn parse_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && url.len() <= 500
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
    ok.then(|| url.to_string())
}

impl EventInput {
    /// Every field checked; all the refused ones named at once.
    pub fn parse(&self) -> Result<Draft, Error> {
        let mut e = Vec::new();
        let unit_id = self.unit_id;
        if unit_id.is_none() {
            e.push(FieldError::new("unit_id", "required"));
        }
        let title = text_field(&mut e, "title", self.title.as_ref(), TITLE_MAX, true);
        let description = text_field(
            &mut e,
            "description",
            self.description.as_ref(),
            DESCRIPTION_MAX,
            false,
        );
        let category = match self.category.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::new("category", "required"));
                None
            }
            Some(raw) => Category::parse(raw).or_else(|| {
                e.push(FieldError::new("category", "invalid_choice"));
                None
            }),
        };
        let mut languages: Vec<String> = Vec::new();
        for l in &self.languages {
            let l = l.trim();
            if !LANGUAGES.contains(&l) {
                e.push(FieldError::new("languages", "invalid_choice"));
                break;
            }
            if !languages.iter().any(|x| x == l) {
                languages.push(l.to_string());
            }
        }
        if languages.is_empty() && !e.iter().any(|f| f.field == "languages") {
            e.push(FieldError::new("languages", "required"));
        }
        languages.sort_by_key(|l| LANGUAGES.iter().position(|x| x == l));
        let place = match self.place.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::new("place", "required"));
                None
            }
            Some("resource") => match self.resource_id {
                Some(resource_id) => Some(Place::Resource { resource_id }),
                None => {
                    e.push(FieldError::new("resource_id", "required"));
                    None
                }
            },
            Some("venue") => {
                let address = text_field(&mut e, "venue", self.venue.as_ref(), VENUE_MAX, true);
                (!address.is_empty()).then_some(Place::Venue { address })
            }
            Some("online") => match self.online_url.as_deref().map(str::trim) {
                None | Some("") => {
                    e.push(FieldError::new("online_url", "required"));
                    None
                }
                Some(raw) => match parse_url(raw) {
                    Some(url) => Some(Place::Online { url }),
                    None => {
                        e.push(FieldError::new("online_url", "event_invalid_link"));
                        None
                    }
                },
            },
            Some(_) => {
                e.push(FieldError::new("place", "invalid_choice"));
                None
            }
        };
        let start = instant(&mut e, "start", self.start.as_deref(), true);
        let end = instant(&mut e, "end", self.end.as_deref(), true);
        if let (Some(s), Some(en)) = (start, end) {
            if en <= s {
                e.push(FieldError::new("end", "before_start"));
            } else if en - s > LONGEST {
                e.push(FieldError::new("end", "event_too_long").with_limit(LONGEST.num_days()));
            }
        }
        let capacity = match self.capacity {
            None => {
                e.push(FieldError::new("capacity", "required"));
                None
            }
            Some(n) if n < 1 => {
                e.push(FieldError::new("capacity", "too_small").with_limit(1));
                None
            }
            Some(n) if n > CAPACITY_MAX => {
                e.push(FieldError::new("capacity", "too_large").with_limit(CAPACITY_MAX));
                None
            }
            Some(n) => Some(n as i32),
        };
        let opens = instant(
            &mut e,
            "registration_opens",
            self.registration_opens.as_deref(),
            false,
        );
        let closes = instant(
            &mut e,
            "registration_closes",
            self.registration_closes.as_deref(),
            false,
        );
        if let (Some(o), Some(c)) = (opens, closes)
            && c <= o
        {
            e.push(FieldError::new("registration_closes", "before_start"));
        }
        if let (Some(c), Some(en)) = (closes, end)
            && c > en
        {
            e.push(FieldError::new("registration_closes", "event_after_end"));
        }
        let audience = match self.audience.as_deref().map(str::trim) {
            None | Some("") => Some(Audience::Everyone),
            Some(raw) => Audience::parse(raw).or_else(|| {
                e.push(FieldError::new("audience", "invalid_choice"));
                None
            }),
        };
        let mut audience_unit_ids = self.audience_unit_ids.clone();
        audience_unit_ids.sort_unstable();
        audience_unit_ids.dedup();
        if audience == Some(Audience::Units) && audience_unit_ids.is_empty() {
            e.push(FieldError::new("audience_unit_ids", "required"));
        }
        if audience != Some(Audience::Units) {
            audience_unit_ids.clear();
        }
        let mut partner_unit_ids = self.partner_unit_ids.clone();
        partner_unit_ids.sort_unstable();
        partner_unit_ids.dedup();
        partner_unit_ids.retain(|p| Some(*p) != unit_id);
        match (unit_id, category, place, start, end, capacity, audience) {
            (
                Some(unit_id),
                Some(category),
                Some(place),
                Some(start),
                Some(end),
                Some(capacity),
                Some(audience),
            ) if e.is_empty() => Ok(Draft {
                unit_id,
                partner_unit_ids,
                title,
                description,
                category,
                languages,
                place,
                start,
                end,
                capacity,
                registration_opens: opens,
                registration_closes: closes,
                audience,
                audience_unit_ids,
            }),
            _ => Err(Error::Invalid(e)),
        }
    }
}

/// A guest's registration: name, email, phone and the consent they gave.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct GuestInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Must be `true`: the guest agrees that Ortaq keeps these details for the event.
    pub consent: Option<bool>,
}

/// A guest, checked.
#[derive(Clone, Debug)]
pub struct Guest {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The version of the guests' consent text (the message `event-guest-consent`).
pub const GUEST_CONSENT_VERSION: &str = "event-guest-v1";

impl GuestInput {
    pub fn parse(&self) -> Result<Guest, Error> {
        let mut e = Vec::new();
        let name = crate::accounts::DisplayName::parse(self.name.as_deref().unwrap_or_default())
            .map_err(|f| e.push(FieldError { field: "name", ..f }))
            .ok();
        let email = crate::accounts::Email::parse(self.email.as_deref().unwrap_or_default())
            .map_err(|f| {
                e.push(FieldError {
                    field: "email",
                    ..f
                })
            })
            .ok();
        let phone = crate::members::model::Phone::parse(self.phone.as_deref().unwrap_or_default())
            .map_err(|f| {
                e.push(FieldError {
                    field: "phone",
                    ..f
                })
            })
            .ok();
        if self.consent != Some(true) {
            e.push(FieldError::new("consent", "consent_required"));
        }
        match (name, email, phone) {
            (Some(name), Some(email), Some(phone)) if e.is_empty() => Ok(Guest {
                name: name.as_str().to_string(),
                email: email.as_str().to_string(),
                phone: phone.as_str().to_string(),
            }),
            _ => Err(Error::Invalid(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            unit_id: Some(3),
            title: Some(Text::both("Наурыз", "Наурыз")),
            category: Some("culture".into()),
            languages: vec!["ru".into(), "kk".into(), "kk".into()],
            place: Some("online".into()),
            online_url: Some("https://meet.example/nauryz".into()),
            start: Some("2027-03-21T10:00:00+05:00".into()),
            end: Some("2027-03-21T14:00:00+05:00".into()),
            capacity: Some(120),
            partner_unit_ids: vec![3, 5, 5],
            ..EventInput::default()
        }
    }

    #[test]
    fn a_good_input_becomes_a_draft() {
        let d = input().parse().unwrap();
        assert_eq!(d.languages, vec!["kk", "ru"]);
        assert_eq!(d.partner_unit_ids, vec![5]);
        assert_eq!(d.audience, Audience::Everyone);
        assert_eq!(d.place.kind(), "online");
    }

    #[test]
    fn every_refused_field_is_named() {
        let bad = EventInput {
            place: Some("online".into()),
            online_url: Some("javascript:alert(1)".into()),
            start: Some("2027-03-21T14:00:00+05:00".into()),
            end: Some("2027-03-21T10:00:00+05:00".into()),
            capacity: Some(0),
            audience: Some("units".into()),
            ..EventInput::default()
        };
        let Err(Error::Invalid(fields)) = bad.parse() else {
            panic!("refused")
        };
        let named: Vec<_> = fields.iter().map(|f| (f.field, f.code)).collect();
        for expected in [
            ("unit_id", "required"),
            ("title", "required"),
            ("category", "required"),
            ("languages", "required"),
            ("online_url", "event_invalid_link"),
            ("end", "before_start"),
            ("capacity", "too_small"),
            ("audience_unit_ids", "required"),
        ] {
            assert!(named.contains(&expected), "{expected:?} in {named:?}");
        }
    }

    #[test]
    fn registration_follows_the_window_and_the_status() {
        let d = input().parse().unwrap();
        let mut ev = Event {
            id: 1,
            unit_id: 3,
            partner_unit_ids: vec![],
            title: d.title,
            description: d.description,
            category: d.category,
            languages: d.languages,
            place: d.place,
            start: d.start,
            end: d.end,
            capacity: 2,
            registration_opens: None,
            registration_closes: None,
            registration_closed: false,
            audience: d.audience,
            audience_unit_ids: vec![],
            status: Status::Draft,
            created_by: None,
            created_at: d.start,
            updated_at: d.start,
        };
        let before = d.start - chrono::Duration::hours(1);
        assert_eq!(ev.registration_refusal(before), Some("event_not_published"));
        ev.status = Status::Published;
        assert!(ev.registration_open(before));
        assert_eq!(
            ev.registration_refusal(d.start),
            Some("event_registration_closed")
        );
        assert_eq!(ev.status_at(d.end), Status::Finished);
        ev.registration_closed = true;
        assert!(!ev.registration_open(before));
    }
}
