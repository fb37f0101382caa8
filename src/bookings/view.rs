//! What the booking pages share: bookings as lines people read, lengths and times in the
//! location's zone, and the refusals of the rules as a message with its detail.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::model::{Booking, Status, display_code};
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::{self, Shown, format};
use crate::spaces::Resource;

/// A length in short form, for narrow grid cells and choices: «30 мин», «1 сағ», «1 сағ 30 мин»
/// (rules in sentences use `spaces::manage_describe`).
pub fn duration(ctx: &Ctx, minutes: i64) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    let args = i18n::Args::new()
        .set("hours", hours)
        .set("minutes", minutes);
    let id = match (hours, minutes) {
        (0, _) => "duration-minutes",
        (_, 0) => "duration-hours",
        _ => "duration-hours-minutes",
    };
    i18n::translate(ctx.locale, id, Some(&args))
}

/// `10:00–12:00` on one local day, or both ends with their dates when it spans days.
pub fn times(ctx: &Ctx, tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    if s.date_naive() == e.date_naive() {
        format!(
            "{}–{}",
            format::time(s.time(), ctx.locale),
            format::time(e.time(), ctx.locale)
        )
    } else {
        format!(
            "{} – {}",
            format::datetime(start, tz, ctx.locale),
            format::datetime(end, tz, ctx.locale)
        )
    }
}

/// The local date a booking starts on, as the reader writes it, with the weekday.
pub fn day(ctx: &Ctx, tz: Tz, start: DateTime<Utc>) -> String {
    let date = start.with_timezone(&tz).date_naive();
    format!(
        "{}, {}",
        format::date(date, ctx.locale),
        format::weekday(
            chrono::Datelike::weekday(&date).number_from_monday(),
            ctx.locale
        )
    )
}

/// The name of a kind of resource (`desk` → «Жұмыс орны»).
pub fn kind_name(ctx: &Ctx, kind: &str) -> String {
    ctx.t(format!("kind-{}", kind.replace('_', "-")))
}

/// One booking as a line of a list or the head of its page.
pub struct BookingLine {
    pub id: i64,
    pub resource_id: i64,
    pub resource: Shown,
    pub day: String,
    pub times: String,
    pub status: String,
    /// `pending`, `confirmed`, … for the badge's colour (the text says it too).
    pub status_class: &'static str,
    pub code: String,
    pub purpose: Option<String>,
    /// The member's name (staff lists), empty once the account is deleted.
    pub member: String,
    pub decline_reason: Option<String>,
    pub series: bool,
    pub live: bool,
    pub needs_decision: bool,
    /// Staff may check it in now (confirmed, from 15 minutes before the start until its window closes).
    pub can_check_in: bool,
}

impl BookingLine {
    pub fn new(
        ctx: &Ctx,
        tz: Tz,
        booking: &Booking,
        resource: Option<&Resource>,
        member: String,
        now: DateTime<Utc>,
    ) -> BookingLine {
        let can_check_in = booking.status == Status::Confirmed
            && now >= booking.start - super::book::EARLY_CHECK_IN
            && now < booking.end
            && booking.check_in_by.is_none_or(|by| now < by);
        BookingLine {
            id: booking.id,
            resource_id: booking.resource_id,
            resource: resource
                .map(|r| ctx.text(&r.name))
                .unwrap_or_else(|| Shown {
                    text: format!("#{}", booking.resource_id),
                    lang: ctx.locale.tag(),
                    fallback: false,
                }),
            day: day(ctx, tz, booking.start),
            times: times(ctx, tz, booking.start, booking.end),
            status: ctx.t(booking.status.message_id()),
            status_class: booking.status.as_str(),
            code: display_code(&booking.code),
            purpose: booking.purpose.clone(),
            member,
            decline_reason: booking.decline_reason.clone(),
            series: booking.series_id.is_some(),
            live: booking.status.is_live(),
            needs_decision: booking.status == Status::Pending,
            can_check_in,
        }
    }
}

/// Resources by id, to name the resource of each booking of a list.
pub fn by_id(resources: Vec<Resource>) -> HashMap<i64, Resource> {
    resources.into_iter().map(|r| (r.id, r)).collect()
}

/// A refusal shown above a form: a heading and what to do.
pub struct Alert {
    pub title: String,
    pub detail: String,
}

/// The message of an error a booking form shows in place (a broken rule, a taken time,
/// a state conflict); `None` for the errors that are pages of their own.
pub fn alert(ctx: &Ctx, tz: Tz, err: &Error) -> Option<Alert> {
    let id = |suffix: &str| format!("error-{}{suffix}", err.code().replace('_', "-"));
    match err {
        Error::Rule { .. } | Error::Conflict(_) => Some(Alert {
            title: ctx.t(id("")),
            detail: i18n::translate(ctx.locale, &id("-detail"), err.detail_args().as_ref()),
        }),
        Error::BookingConflict { start, end } => Some(Alert {
            title: ctx.t(id("")),
            detail: format!(
                "{} {}",
                ctx.t(id("-detail")),
                ctx.t1(
                    "booking-taken-at",
                    "time",
                    format!("{}, {}", day(ctx, tz, *start), times(ctx, tz, *start, *end)),
                )
            ),
        }),
        _ => None,
    }
}
