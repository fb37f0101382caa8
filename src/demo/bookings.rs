//! The demo's bookings: eight weeks back and two ahead of the moment the database is
//! filled, by the Aktobe members, in a pattern a real center has — busier on weekday
//! afternoons, quieter on Saturday, closed on Sunday and holidays — with weekly series
//! (the student assembly's Tuesday meeting, the Dostyq club's language evening, the
//! Korean association's class with the projector), hall events approved by the space
//! manager and a few requests awaiting her, past bookings completed or checked in, about
//! 8 % no-shows, some cancelled. The pattern comes from a seeded generator (the same each
//! time); check-in codes stay random, since they are secrets.
//!
//! Rows go in through the same table, triggers and exclusion constraint as every booking,
//! in multi-row INSERTs, so the demo still fills in well under a second.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::center::Center;
use crate::bookings::model::{Interval, new_code};
use crate::bookings::rules::local_instant;
use crate::bookings::storage as bookings;
use crate::db::Tx;
use crate::error::Error;
use crate::on_tx;

/// Who books, and what they write as the purpose.
#[derive(Clone, Copy)]
pub struct Booker {
    pub id: i64,
    /// Writes in Kazakh (else Russian).
    pub kazakh: bool,
    /// A named demo account (people log in as them): past bookings only, so that what
    /// they try today is not held up by the demo's own quotas.
    pub named: bool,
}

/// The coordinators who run the weekly series and the hall events.
pub struct Leads {
    /// «Жаңа толқын» student assembly (Zhubanov university).
    pub assembly: i64,
    /// The Aktobe Dostyq club.
    pub dostyq: i64,
    /// The Korean ethnocultural association.
    pub korean: i64,
    /// The space manager who decides on hall requests.
    pub manager: i64,
}

const DESK_KK: [&str; 8] = [
    "Дипломдық жұмыс",
    "Курстық жоба",
    "ҰБТ-ға дайындық",
    "Қашықтан жұмыс",
    "Стартап жобасы бойынша жұмыс",
    "Грант өтінімін жазу",
    "IELTS емтиханына дайындық",
    "Бағдарламалау курсы",
];
const DESK_RU: [&str; 8] = [
    "Дипломная работа",
    "Курсовой проект",
    "Подготовка к ЕНТ",
    "Удаленная работа",
    "Работа над стартапом",
    "Пишу грантовую заявку",
    "Подготовка к IELTS",
    "Курс программирования",
];
const ROOM_KK: [&str; 6] = [
    "«Жаңа толқын» студенттік ассамблеясының жиналысы",
    "Еріктілер тобының кездесуі",
    "Жоба командасының жиналысы",
    "«Достық» форумына дайындық",
    "Пікірсайыс клубының дайындығы",
    "Жастар бастамасын талқылау",
];
const ROOM_RU: [&str; 6] = [
    "Подготовка к форуму «Достық»",
    "Встреча волонтеров",
    "Планерка проектной команды",
    "Собеседование: программа «Молодежная практика»",
    "Репетиция дебатного клуба",
    "Обсуждение молодежной инициативы",
];
const HALL: [&str; 8] = [
    "Тәуелсіздік күніне арналған жастар кеші",
    "Вечер корейской культуры",
    "«Бірлік пен келісім» жастар форумы",
    "Открытая встреча языковых клубов",
    "Ақтөбе жастарының пікірсайыс турнирі",
    "Встреча с молодыми предпринимателями",
    "Этномәдени бірлестіктер жастарының кездесуі",
    "Кинопоказ и обсуждение фильма",
];

/// Local minutes from midnight: `(from, to)`.
type Minutes = (u32, u32);

/// A weekly series: resource, its kind, who, which day, when, what for.
type Weekly = (
    i64,
    &'static str,
    i64,
    chrono::Weekday,
    Minutes,
    &'static str,
);

/// A booking the generator placed.
struct Planned {
    resource: i64,
    user: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    purpose: Option<String>,
    series: Option<i64>,
    check_in: Option<i64>,
    /// The hall: decided by the space manager.
    hall: bool,
    /// A hall request still awaiting her.
    pending: bool,
}

/// A row as written.
struct Written {
    p: Planned,
    status: &'static str,
    code: String,
    check_in_by: Option<DateTime<Utc>>,
    checked_in_at: Option<DateTime<Utc>>,
    decided_by: Option<i64>,
    decided_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

struct Plan<'a> {
    center: &'a Center,
    rng: StdRng,
    now: DateTime<Utc>,
    taken: HashMap<i64, Vec<Interval>>,
    /// (member, kind, local date) and (member, kind, ISO week) → bookings.
    per_day: HashMap<(i64, &'static str, NaiveDate), i32>,
    per_week: HashMap<(i64, &'static str, (i32, u32)), i32>,
    out: Vec<Planned>,
}

impl Plan<'_> {
    fn at(&self, day: NaiveDate, minutes: u32) -> Option<DateTime<Utc>> {
        local_instant(
            self.center.tz,
            day,
            NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?,
        )
    }

    /// Local opening and closing minutes of a day, unless the center is closed then.
    fn open(&self, day: NaiveDate) -> Option<(u32, u32)> {
        let h = self
            .center
            .hours
            .iter()
            .find(|h| h.weekday == day.weekday().number_from_monday())?;
        let m = |t: NaiveTime| {
            use chrono::Timelike;
            t.hour() * 60 + t.minute()
        };
        Some((m(h.opens), m(h.closes)))
    }

    fn closed(&self, day: NaiveDate, from: u32, to: u32) -> bool {
        use chrono::Timelike;
        self.center.closed.iter().any(|(d, s, e)| {
            let (s, e) = (s.hour() * 60 + s.minute(), e.hour() * 60 + e.minute());
            *d == day && s < to && from < e
        })
    }

    fn free(&self, resource: i64, start: DateTime<Utc>, end: DateTime<Utc>, gap: i64) -> bool {
        let gap = Duration::minutes(gap);
        self.taken.get(&resource).is_none_or(|list| {
            list.iter()
                .all(|(s, e)| end + gap <= *s || *e + gap <= start)
        })
    }

    /// Places a booking at local minutes `[from, to)` of `day` if the resource is free and
    /// open then and the member within the kind's quotas.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        resource: i64,
        kind: &'static str,
        user: i64,
        day: NaiveDate,
        (from, to): (u32, u32),
        purpose: Option<String>,
        series: Option<i64>,
    ) -> bool {
        let Some((opens, closes)) = self.open(day) else {
            return false;
        };
        if from < opens || to > closes || from >= to || self.closed(day, from, to) {
            return false;
        }
        let (Some(start), Some(end)) = (self.at(day, from), self.at(day, to)) else {
            return false;
        };
        let rules = Center::rules(kind);
        if !self.free(resource, start, end, rules.buffer_minutes.into()) {
            return false;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        let today = *self.per_day.get(&(user, kind, day)).unwrap_or(&0);
        let this_week = *self.per_week.get(&(user, kind, week)).unwrap_or(&0);
        if rules.per_day.is_some_and(|n| today >= n)
            || rules.per_week.is_some_and(|n| this_week >= n)
        {
            return false;
        }
        *self.per_day.entry((user, kind, day)).or_default() += 1;
        *self.per_week.entry((user, kind, week)).or_default() += 1;
        self.taken.entry(resource).or_default().push((start, end));
        self.out.push(Planned {
            resource,
            user,
            start,
            end,
            purpose,
            series,
            check_in: rules.check_in_minutes.map(i64::from),
            hall: kind == "event_hall",
            pending: false,
        });
        true
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    /// A random slot start between two local times, on the half hour.
    fn between(&mut self, from: u32, to: u32) -> u32 {
        from + 30 * self.rng.gen_range(0..=(to - from) / 30)
    }
}

fn purpose(rng: &mut StdRng, booker: &Booker, kk: &[&str], ru: &[&str], p: f64) -> Option<String> {
    if !rng.gen_bool(p) {
        return None;
    }
    let list = if booker.kazakh { kk } else { ru };
    Some(list[rng.gen_range(0..list.len())].to_string())
}

/// Plans and writes the bookings from `first` to `last` (local dates); answers how many.
pub async fn seed(
    tx: &mut Tx,
    center: &Center,
    bookers: &[Booker],
    leads: &Leads,
    (first, last): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let today = now.with_timezone(&center.tz).date_naive();
    let mut plan = Plan {
        center,
        rng: StdRng::seed_from_u64(20_261_125),
        now,
        taken: HashMap::new(),
        per_day: HashMap::new(),
        per_week: HashMap::new(),
        out: Vec::new(),
    };
    let [birlik, dostyq, kelisim] = center.rooms;

    // Weekly series first: they are booked months ahead.
    let weekly: [Weekly; 4] = [
        (
            birlik,
            "meeting_room",
            leads.assembly,
            chrono::Weekday::Tue,
            (18 * 60, 19 * 60 + 30),
            "«Жаңа толқын» студенттік ассамблеясының апталық жиналысы",
        ),
        (
            dostyq,
            "meeting_room",
            leads.dostyq,
            chrono::Weekday::Thu,
            (17 * 60, 18 * 60 + 30),
            "«Достық» клубы: қазақ тілі клубы / Разговорный клуб казахского языка",
        ),
        (
            kelisim,
            "meeting_room",
            leads.korean,
            chrono::Weekday::Wed,
            (16 * 60, 18 * 60),
            "Кружок корейского языка и культуры",
        ),
        (
            center.projector,
            "equipment",
            leads.korean,
            chrono::Weekday::Wed,
            (16 * 60, 18 * 60),
            "Кружок корейского языка: проектор в «Келісім»",
        ),
    ];
    for (resource, kind, user, weekday, slot, text) in weekly {
        let series =
            bookings::insert_series(tx, resource, user, "weekly", Some(last), None).await?;
        let mut day = first;
        while day <= last {
            if day.weekday() == weekday {
                plan.place(
                    resource,
                    kind,
                    user,
                    day,
                    slot,
                    Some(text.to_string()),
                    Some(series),
                );
            }
            day += Duration::days(1);
        }
    }

    // The named accounts are always among the bookers; from today on, others book.
    let unnamed: Vec<Booker> = bookers.iter().filter(|b| !b.named).copied().collect();
    let pick = |plan: &mut Plan, future: bool| -> Booker {
        let from = if future && !unnamed.is_empty() {
            &unnamed[..]
        } else {
            bookers
        };
        from[plan.rng.gen_range(0..from.len())]
    };
    let mut day = first;
    let mut hall_requests = 0;
    while day <= last {
        let Some((opens, closes)) = plan.open(day) else {
            day += Duration::days(1);
            continue;
        };
        let future = day >= today;
        let saturday = day.weekday() == chrono::Weekday::Sat;
        // Desks: mornings, afternoons (the busiest) and evenings; Saturday one stretch.
        for (n, desk) in center.desks.iter().enumerate() {
            if future && n == 0 {
                continue; // Desk №1 stays free for "book now".
            }
            // Window and monitor desks go first.
            let appeal = if (1..13).contains(&n) { 1.15 } else { 0.8 };
            let stretches: Vec<(f64, Minutes, Minutes)> = if saturday {
                vec![(0.35, (opens, opens + 180), (120, 300))]
            } else {
                vec![
                    (0.4, (opens, opens + 90), (120, 240)),
                    (0.8, (13 * 60, 15 * 60), (120, 300)),
                    (0.3, (18 * 60, 19 * 60), (90, 180)),
                ]
            };
            for (p, (from, to), (shortest, longest)) in stretches {
                if !plan.chance(p * appeal) {
                    continue;
                }
                let start = plan.between(from, to);
                let length = plan.between(shortest, longest);
                let end = (start + length).min(closes);
                for _ in 0..6 {
                    let b = pick(&mut plan, future);
                    let text = purpose(&mut plan.rng, &b, &DESK_KK, &DESK_RU, 0.6);
                    if plan.place(*desk, "desk", b.id, day, (start, end), text, None) {
                        break;
                    }
                }
            }
        }
        // Meeting rooms: one to three meetings a weekday, mostly in the afternoon.
        for room in center.rooms {
            let meetings = if saturday {
                plan.rng.gen_range(0..=1)
            } else {
                plan.rng.gen_range(1..=3)
            };
            for _ in 0..meetings {
                let start = if plan.chance(0.7) {
                    plan.between(14 * 60, 18 * 60)
                } else {
                    plan.between(opens + 60, 13 * 60)
                };
                let length = plan.between(60, 120);
                for _ in 0..4 {
                    let b = pick(&mut plan, future);
                    let text = purpose(&mut plan.rng, &b, &ROOM_KK, &ROOM_RU, 0.9);
                    if plan.place(
                        room,
                        "meeting_room",
                        b.id,
                        day,
                        (start, start + length),
                        text,
                        None,
                    ) {
                        break;
                    }
                }
            }
        }
        // The projector goes along with some room meetings.
        if !saturday && plan.chance(0.3) {
            let start = plan.between(14 * 60, 17 * 60);
            let b = pick(&mut plan, future);
            let text = if b.kazakh {
                "Жоба таныстырылымы"
            } else {
                "Презентация проекта"
            };
            plan.place(
                center.projector,
                "equipment",
                b.id,
                day,
                (start, start + 120),
                Some(text.into()),
                None,
            );
        }
        // The hall: evening events on Wednesdays and Fridays, afternoons on Saturdays.
        let event = match day.weekday() {
            chrono::Weekday::Tue => plan.chance(0.2).then_some((15 * 60, 18 * 60)),
            chrono::Weekday::Wed => plan.chance(0.4).then_some((17 * 60, 20 * 60)),
            chrono::Weekday::Fri => plan.chance(0.85).then_some((18 * 60, 21 * 60)),
            chrono::Weekday::Sat => plan.chance(0.6).then_some((14 * 60, 17 * 60)),
            _ => None,
        };
        if let Some(slot) = event {
            let organisers = [leads.assembly, leads.dostyq, leads.korean];
            let user = organisers[plan.rng.gen_range(0..organisers.len())];
            let text = HALL[plan.rng.gen_range(0..HALL.len())].to_string();
            // Requests more than a day ahead are still awaiting a decision, three at most.
            let waiting = day > today + Duration::days(1) && hall_requests < 3;
            if plan.place(center.hall, "event_hall", user, day, slot, Some(text), None) && waiting {
                hall_requests += 1;
                if let Some(last) = plan.out.last_mut() {
                    last.pending = true;
                }
            }
        }
        day += Duration::days(1);
    }
    // At least a few requests wait for the space manager.
    let mut day = today + Duration::days(2);
    while hall_requests < 3 && day <= last {
        if day.weekday() == chrono::Weekday::Thu
            && plan.place(
                center.hall,
                "event_hall",
                leads.dostyq,
                day,
                (18 * 60, 20 * 60),
                Some("«Достық» клубының тіл кеші / Языковой вечер клуба «Достық»".into()),
                None,
            )
        {
            hall_requests += 1;
            if let Some(last) = plan.out.last_mut() {
                last.pending = true;
            }
        }
        day += Duration::days(1);
    }

    let rows = settle(&mut plan, leads.manager);
    let count = rows.len();
    for chunk in rows.chunks(60) {
        insert(tx, chunk).await?;
    }
    Ok(count)
}

/// Gives each planned booking the life it has had by now: past ones completed, checked
/// in, no-shows (about 8 %) or cancelled, the current ones checked in, hall events decided.
fn settle(plan: &mut Plan, manager: i64) -> Vec<Written> {
    let now = plan.now;
    let mut codes = HashSet::new();
    let mut out = Vec::new();
    let planned = std::mem::take(&mut plan.out);
    for p in planned {
        let rng = &mut plan.rng;
        let created_at = (p.start - Duration::hours(rng.gen_range(2..=6 * 24))).min(now);
        let check_in_by = p
            .check_in
            .map(|m| (p.start + Duration::minutes(m)).min(p.end));
        let mut code = new_code();
        while !codes.insert(code.clone()) {
            code = new_code();
        }
        let mut w = Written {
            status: "confirmed",
            code,
            check_in_by,
            checked_in_at: None,
            decided_by: None,
            decided_at: None,
            cancelled_at: None,
            created_at,
            updated_at: created_at,
            p,
        };
        if w.p.hall && !w.p.pending {
            let decided = (created_at + Duration::hours(rng.gen_range(1..=20)))
                .min(w.p.start)
                .min(now);
            w.decided_by = Some(manager);
            w.decided_at = Some(decided);
            w.updated_at = decided;
        }
        if w.p.pending {
            w.status = "pending";
        } else if rng.gen_bool(if w.p.series.is_some() || w.p.hall {
            0.03
        } else {
            0.06
        }) {
            let at = (created_at + Duration::hours(rng.gen_range(1..=24)))
                .min(w.p.start)
                .min(now)
                .max(created_at);
            w.status = "cancelled";
            w.cancelled_at = Some(at);
            w.updated_at = at;
        } else if w.p.start <= now {
            match check_in_by {
                Some(by) => {
                    let released = by <= now;
                    if released && rng.gen_bool(0.08) {
                        w.status = "no_show";
                        w.updated_at = by;
                    } else if !released && rng.gen_bool(0.4) {
                        // Not in yet, still within the window.
                    } else {
                        let arrived = (w.p.start + Duration::minutes(rng.gen_range(-10..=12)))
                            .min(by - Duration::minutes(1))
                            .min(now);
                        w.checked_in_at = Some(arrived);
                        if w.p.end <= now {
                            w.status = "completed";
                            w.updated_at = w.p.end;
                        } else {
                            w.status = "checked_in";
                            w.updated_at = arrived;
                        }
                    }
                }
                None if w.p.end <= now => {
                    w.status = "completed";
                    w.updated_at = w.p.end;
                }
                None => {}
            }
        }
        out.push(w);
    }
    out
}

/// One multi-row INSERT; the no-overlap guard judges each row as it goes in.
async fn insert(tx: &mut Tx, rows: &[Written]) -> Result<(), Error> {
    const COLUMNS: usize = 16;
    let values: Vec<String> = (0..rows.len())
        .map(|r| {
            let cells: Vec<String> = (1..=COLUMNS)
                .map(|c| format!("${}", r * COLUMNS + c))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect();
    // The statement is built from row counts only; every value is bound.
    let sql = format!(
        "INSERT INTO bookings (resource_id, user_id, status, start_at, end_at, purpose, code,
             series_id, check_in_by, checked_in_at, decided_by, decided_at, cancelled_at,
             created_at, updated_at, decline_reason)
         VALUES {}",
        values.join(", ")
    );
    on_tx!(tx, conn => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
        for w in rows {
            q = q
                .bind(w.p.resource)
                .bind(w.p.user)
                .bind(w.status)
                .bind(w.p.start)
                .bind(w.p.end)
                .bind(w.p.purpose.as_deref())
                .bind(w.code.as_str())
                .bind(w.p.series)
                .bind(w.check_in_by)
                .bind(w.checked_in_at)
                .bind(w.decided_by)
                .bind(w.decided_at)
                .bind(w.cancelled_at)
                .bind(w.created_at)
                .bind(w.updated_at)
                .bind(None::<&str>);
        }
        q.execute(&mut *conn).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}
