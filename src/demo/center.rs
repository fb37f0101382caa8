//! The demo center's spaces: 20 desks (some with a monitor, some by the window), three
//! meeting rooms, the event hall (approval needed), a projector; what each offers, in
//! Kazakh and Russian; the booking rules of each kind; and the days it is closed (the
//! public holidays near "now", and one morning of maintenance).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::bookings::Rules;
use crate::bookings::rules::{day_start, local_instant};
use crate::db::Tx;
use crate::error::Error;
use crate::i18n::Text;
use crate::on_tx;
use crate::spaces::OpeningHours;
use crate::spaces::storage::{self as spaces, RulesTarget};

/// What the bookings of the demo are placed in.
pub struct Center {
    pub tz: Tz,
    pub hours: Vec<OpeningHours>,
    /// Desk №1 first; it is kept free from today on for "book now".
    pub desks: Vec<i64>,
    /// «Бірлік», «Достық», «Келісім».
    pub rooms: [i64; 3],
    pub hall: i64,
    pub projector: i64,
    /// Local days the center is closed, wholly or in part: (day, from, to) local times.
    pub closed: Vec<(NaiveDate, NaiveTime, NaiveTime)>,
}

impl Center {
    /// The rules the demo sets for a kind (the same ones the bookings keep to).
    pub fn rules(kind: &str) -> Rules {
        let base = Rules::defaults(kind);
        match kind {
            // A desk for a working day at most, once a day, four times a week.
            "desk" => Rules {
                slot_minutes: 30,
                min_minutes: 60,
                max_minutes: 9 * 60,
                horizon_days: 14,
                per_day: Some(1),
                per_week: Some(4),
                check_in_minutes: Some(15),
                ..base
            },
            "meeting_room" => Rules {
                min_minutes: 30,
                max_minutes: 3 * 60,
                horizon_days: 30,
                per_day: Some(2),
                per_week: Some(6),
                check_in_minutes: Some(15),
                ..base
            },
            "event_hall" => Rules {
                min_minutes: 60,
                max_minutes: 6 * 60,
                needs_approval: true,
                buffer_minutes: 30,
                lead_minutes: 24 * 60,
                horizon_days: 180,
                per_day: Some(1),
                per_week: Some(2),
                check_in_minutes: Some(30),
                ..base
            },
            _ => Rules {
                max_minutes: 8 * 60,
                per_day: Some(2),
                per_week: None,
                check_in_minutes: None,
                ..base
            },
        }
    }
}

struct Space {
    kind: &'static str,
    kk: String,
    ru: String,
    about_kk: &'static str,
    about_ru: &'static str,
    amenities: &'static str,
    capacity: i32,
}

fn desk(n: usize) -> Space {
    let (about_kk, about_ru, amenities) = match n {
        1 => (
            "Кіреберіс жанындағы жедел орын: алдын ала брондамай-ақ «қазір брондау» арқылы отыруға болады.",
            "Место у входа для тех, кто пришел без записи: бронируется кнопкой «Забронировать сейчас».",
            "wifi socket accessible",
        ),
        2..=7 => (
            "Терезе жанындағы орын, күндізгі жарық мол.",
            "Место у окна, много дневного света.",
            "wifi socket window",
        ),
        8..=13 => (
            "27 дюймдік монитор қосылған орын: ноутбукті бір кабельмен жалғайсыз.",
            "Место с 27-дюймовым монитором: ноутбук подключается одним кабелем.",
            "wifi socket monitor",
        ),
        _ => (
            "Тыныш аймақтағы орын: телефонмен сөйлесу үшін сыртқа шығыңыз.",
            "Место в тихой зоне: для звонков выходите, пожалуйста, из зоны.",
            "wifi socket",
        ),
    };
    Space {
        kind: "desk",
        kk: format!("Жұмыс орны №{n}"),
        ru: format!("Рабочее место №{n}"),
        about_kk,
        about_ru,
        amenities,
        capacity: 1,
    }
}

fn others() -> Vec<Space> {
    vec![
        Space {
            kind: "meeting_room",
            kk: "«Бірлік» мәжіліс залы".into(),
            ru: "Переговорная «Бірлік»".into(),
            about_kk: "8 адамға арналған бөлме: ақ тақта және экран бар.",
            about_ru: "Комната на 8 человек: маркерная доска и экран.",
            amenities: "wifi socket whiteboard screen",
            capacity: 8,
        },
        Space {
            kind: "meeting_room",
            kk: "«Достық» мәжіліс залы".into(),
            ru: "Переговорная «Достық»".into(),
            about_kk: "12 адамға арналған бөлме: бейнебайланыс жабдығы, экран, ақ тақта.",
            about_ru: "Комната на 12 человек: оборудование для видеосвязи, экран, доска.",
            amenities: "wifi socket whiteboard screen",
            capacity: 12,
        },
        Space {
            kind: "meeting_room",
            kk: "«Келісім» мәжіліс залы".into(),
            ru: "Переговорная «Келісім»".into(),
            about_kk: "4 адамға арналған шағын бөлме: сұхбат пен кеңес үшін.",
            about_ru: "Небольшая комната на 4 человека: для собеседований и консультаций.",
            amenities: "wifi socket whiteboard",
            capacity: 4,
        },
        Space {
            kind: "event_hall",
            kk: "Іс-шаралар залы".into(),
            ru: "Зал мероприятий".into(),
            about_kk: "80 орындық зал: сахна, дыбыс күшейткіш, проектор. Әр өтінімді коворкинг әкімшісі растайды.",
            about_ru: "Зал на 80 мест: сцена, звук, проектор. Каждую заявку подтверждает администратор коворкинга.",
            amenities: "wifi socket screen projector sound accessible",
            capacity: 80,
        },
        Space {
            kind: "equipment",
            kk: "Тасымалы проектор".into(),
            ru: "Переносной проектор".into(),
            about_kk: "Full HD проектор, HDMI кабелі мен ұзартқышы бар. Әкімші үстелінен алыңыз.",
            about_ru: "Проектор Full HD с кабелем HDMI и удлинителем. Выдается на стойке администратора.",
            amenities: "",
            capacity: 1,
        },
    ]
}

/// Kazakhstan's public holidays (month, day, kk, ru).
const HOLIDAYS: [(u32, u32, &str, &str); 13] = [
    (1, 1, "Жаңа жыл", "Новый год"),
    (1, 2, "Жаңа жыл", "Новый год"),
    (
        3,
        8,
        "Халықаралық әйелдер күні",
        "Международный женский день",
    ),
    (3, 21, "Наурыз мейрамы", "Наурыз мейрамы"),
    (3, 22, "Наурыз мейрамы", "Наурыз мейрамы"),
    (3, 23, "Наурыз мейрамы", "Наурыз мейрамы"),
    (
        5,
        1,
        "Қазақстан халқының бірлігі мерекесі",
        "Праздник единства народа Казахстана",
    ),
    (5, 7, "Отан қорғаушы күні", "День защитника Отечества"),
    (5, 9, "Жеңіс күні", "День Победы"),
    (7, 6, "Астана күні", "День столицы"),
    (8, 30, "Конституция күні", "День Конституции"),
    (10, 25, "Республика күні", "День Республики"),
    (12, 16, "Тәуелсіздік күні", "День Независимости"),
];

/// Makes the spaces, their rules and closures; the days run from `first` to `last`.
pub async fn seed(
    tx: &mut Tx,
    location: i64,
    tz: Tz,
    hours: Vec<OpeningHours>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Center, Error> {
    let mut ids = Vec::new();
    for space in (1..=20).map(desk).chain(others()) {
        let id = spaces::insert_resource(
            tx,
            location,
            space.kind,
            &Text::both(&space.kk, &space.ru),
            space.capacity,
        )
        .await?;
        on_tx!(tx, conn => sqlx::query(
            "UPDATE resources SET description_kk = $1, description_ru = $2, amenities = $3 WHERE id = $4")
            .bind(space.about_kk)
            .bind(space.about_ru)
            .bind(space.amenities)
            .bind(id)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        ids.push(id);
    }
    for kind in crate::spaces::KINDS {
        spaces::save_rules(tx, location, RulesTarget::Kind(kind), &Center::rules(kind)).await?;
    }

    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let mut closed = Vec::new();
    let mut day = first;
    while day <= last {
        if let Some((.., kk, ru)) = HOLIDAYS
            .iter()
            .find(|(m, d, ..)| *m == day.month() && *d == day.day())
        {
            let (start, end) = (day_start(tz, day), day_start(tz, day + Duration::days(1)));
            spaces::insert_closure(tx, location, start, end, &Text::both(kk, ru)).await?;
            closed.push((day, time(0, 0), time(23, 59)));
        }
        day += Duration::days(1);
    }
    // The ventilation is serviced on the second Saturday ahead, in the morning.
    let today_plus = last - Duration::days(6);
    let saturday = (0..7)
        .map(|n| today_plus + Duration::days(n))
        .find(|d| d.weekday() == chrono::Weekday::Sat)
        .unwrap_or(today_plus);
    if let (Some(start), Some(end)) = (
        local_instant(tz, saturday, time(10, 0)),
        local_instant(tz, saturday, time(14, 0)),
    ) {
        spaces::insert_closure(
            tx,
            location,
            start,
            end,
            &Text::both(
                "Желдету жүйесіне техникалық қызмет көрсету",
                "Техническое обслуживание вентиляции",
            ),
        )
        .await?;
        closed.push((saturday, time(10, 0), time(14, 0)));
    }
    Ok(Center {
        tz,
        hours,
        desks: ids[..20].to_vec(),
        rooms: [ids[20], ids[21], ids[22]],
        hall: ids[23],
        projector: ids[24],
        closed,
    })
}
