//! The demo's season of events across the units: Наурыз, the Dostyq club's Kazakh
//! speaking club, a Russian literature evening, an interethnic youth forum, a volunteering
//! day, the student assemblies' hackathon, a Korean culture day, a debate tournament, an
//! online meeting on youth initiatives, a draft and a cancelled match — past ones with
//! attendance and ratings, coming ones with registrations, a full one with a waitlist.
//!
//! A hall or room booking is written with each event at the center through the bookings
//! table (so the no-overlap guard holds); the slot is first looked at inside the same
//! transaction, and an event whose slot the demo's bookings already took moves a day
//! (later for coming events, earlier for past ones) until it fits.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::center::Center;
use crate::bookings::model::{Status as BookingStatus, new_code};
use crate::bookings::rules::local_instant;
use crate::bookings::storage::{self as bookings, NewBooking};
use crate::db::Tx;
use crate::error::Error;
use crate::events::model::{
    Audience, Category, Draft, Guest, Place, RegStatus, Status as EventStatus,
};
use crate::events::storage::{self as events, NewRegistration};
use crate::i18n::Text;
use crate::on_tx;

/// The units that organise.
pub struct Units {
    pub city: i64,
    pub zhubanov: i64,
    pub ospanov: i64,
    pub dostyq: i64,
    pub korean: i64,
    pub project: i64,
}

/// Who books the hall for each unit (its coordinator, or the branch admin).
pub struct Hosts {
    pub admin: i64,
    pub assembly: i64,
    pub dostyq: i64,
    pub korean: i64,
}

/// A member who may register: their id and whether they write in Kazakh.
#[derive(Clone, Copy)]
pub struct Attendee {
    pub id: i64,
    pub kazakh: bool,
}

#[derive(Clone, Copy)]
enum Where {
    Hall,
    Room(usize),
    Venue(&'static str, &'static str),
    Online(&'static str),
}

enum When {
    /// Days from today (negative: past), local start time.
    Days(i64, u32, u32),
    /// The next 21 March.
    Nauryz,
}

struct Plan {
    title: (&'static str, &'static str),
    about: (&'static str, &'static str),
    category: Category,
    languages: &'static [&'static str],
    unit: fn(&Units) -> i64,
    partners: fn(&Units) -> Vec<i64>,
    host: fn(&Hosts) -> i64,
    place: Where,
    when: When,
    hours: i64,
    capacity: i32,
    /// How many register (may exceed capacity: the rest wait).
    registrants: usize,
    status: EventStatus,
    audience: Audience,
}

const COMMENTS_KK: [&str; 6] = [
    "Өте ұнады, келесі жолы да келемін!",
    "Ұйымдастыру жақсы, бірақ зал сәл тар болды.",
    "Жаңа достар таптым, рахмет!",
    "Спикерлер керемет болды.",
    "Уақыты сәл ұзақ болды, бірақ пайдалы.",
    "Келесі жолы көбірек практика болса екен.",
];
const COMMENTS_RU: [&str; 6] = [
    "Очень понравилось, приду ещё!",
    "Хорошая организация, но было тесновато.",
    "Познакомился с новыми людьми, спасибо!",
    "Отличные спикеры и живое обсуждение.",
    "Немного затянуто, но полезно.",
    "Хотелось бы больше практики.",
];

fn plans() -> Vec<Plan> {
    vec![
        Plan {
            title: (
                "Наурыз мейрамы — «Ұлыстың ұлы күні»",
                "Праздник Наурыз — «Ұлыстың ұлы күні»",
            ),
            about: (
                "Көктемді бірге қарсы аламыз: **наурыз көже**, ұлттық ойындар, алтыбақан, барлық этномәдени бірлестіктердің концерті.\n\nОтбасыңызбен және достарыңызбен келіңіздер!",
                "Встречаем весну вместе: **наурыз-коже**, национальные игры, алтыбакан, концерт всех этнокультурных объединений.\n\nПриходите с семьёй и друзьями!",
            ),
            category: Category::Culture,
            languages: &["kk", "ru"],
            unit: |u| u.city,
            partners: |u| vec![u.dostyq, u.zhubanov],
            host: |h| h.admin,
            place: Where::Hall,
            when: When::Nauryz,
            hours: 4,
            capacity: 150,
            registrants: 40,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Қазақ тілі сөйлесу клубы",
                "Разговорный клуб казахского языка",
            ),
            about: (
                "Қазақ тілінде еркін сөйлеуге үйренеміз. Деңгейге қарамай келіңіз: жаңадан бастаушыларға да, еркін сөйлейтіндерге де орын бар.\n\nТақырып: «Менің қалам — Ақтөбе».",
                "Учимся свободно говорить по-казахски. Приходите с любым уровнем: место найдётся и начинающим, и тем, кто уже говорит.\n\nТема встречи: «Мой город — Актобе».",
            ),
            category: Category::LanguageClub,
            languages: &["kk", "ru"],
            unit: |u| u.dostyq,
            partners: |_| vec![],
            host: |h| h.dostyq,
            place: Where::Room(1),
            when: When::Days(3, 11, 0),
            hours: 2,
            capacity: 12,
            registrants: 15,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Қазақ тілі сөйлесу клубы: «Мерекелер мен салттар»",
                "Разговорный клуб казахского языка: «Праздники и обычаи»",
            ),
            about: (
                "Қазақтың салт-дәстүрлері туралы әңгімелесеміз, жаңа сөздерді ойын арқылы үйренеміз.",
                "Говорим о казахских обычаях и традициях, новые слова учим в игре.",
            ),
            category: Category::LanguageClub,
            languages: &["kk"],
            unit: |u| u.dostyq,
            partners: |_| vec![],
            host: |h| h.dostyq,
            place: Where::Room(1),
            when: When::Days(-11, 11, 0),
            hours: 2,
            capacity: 12,
            registrants: 11,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Орыс әдебиеті кеші: Абай және Пушкин",
                "Вечер русской литературы: Абай и Пушкин",
            ),
            about: (
                "Абайдың Пушкиннен аударған «Татьянаның хатын» екі тілде оқимыз. Жас ақындардың шығармалары, чай және әңгіме.",
                "Читаем «Письмо Татьяны» в переводе Абая на двух языках. Стихи молодых поэтов Актобе, чай и разговор.",
            ),
            category: Category::Culture,
            languages: &["ru", "kk"],
            unit: |u| u.city,
            partners: |u| vec![u.dostyq],
            host: |h| h.admin,
            place: Where::Hall,
            when: When::Days(-9, 18, 30),
            hours: 2,
            capacity: 60,
            registrants: 38,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "«Бірлік» ұлтаралық жастар форумы",
                "Межэтнический молодёжный форум «Бірлік»",
            ),
            about: (
                "Облыстың этномәдени бірлестіктерінің, студенттік ассамблеялар мен «Достық» клубтарының жастары бір алаңда. Панельдік сессиялар, жобалар жәрмеңкесі, өңір басшылығымен кездесу.",
                "Молодёжь этнокультурных объединений, студенческих ассамблей и клубов «Достық» области на одной площадке. Панельные сессии, ярмарка проектов, встреча с руководством региона.",
            ),
            category: Category::Dialogue,
            languages: &["kk", "ru"],
            unit: |u| u.city,
            partners: |u| vec![u.zhubanov, u.ospanov, u.dostyq],
            host: |h| h.admin,
            place: Where::Hall,
            when: When::Days(12, 10, 0),
            hours: 7,
            capacity: 120,
            registrants: 64,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Еріктілер күні: «Таза Ақтөбе»",
                "День волонтёра: «Чистый Актобе»",
            ),
            about: (
                "Халықаралық еріктілер күніне орай Абай даңғылындағы саябақты тазалаймыз. Қолғап пен қаптар беріледі.",
                "К Международному дню волонтёров убираем парк на проспекте Абая. Перчатки и мешки выдаём.",
            ),
            category: Category::Volunteering,
            languages: &["kk", "ru"],
            unit: |u| u.project,
            partners: |u| vec![u.dostyq],
            host: |h| h.admin,
            place: Where::Venue(
                "Ақтөбе қ., Абай даңғылы, Тұңғыш Президент саябағы, басты кіреберіс",
                "г. Актобе, проспект Абая, парк Первого Президента, главный вход",
            ),
            when: When::Days(6, 10, 0),
            hours: 3,
            capacity: 40,
            registrants: 46,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Студенттік ассамблеялар хакатоны",
                "Хакатон студенческих ассамблей",
            ),
            about: (
                "Жұбанов және Оспанов университеттерінің командалары қала мәселелеріне шешім іздейді. Команда — 3–5 адам, ментор мен жүлделер бар.",
                "Команды университетов имени Жубанова и Оспанова ищут решения для городских задач. Команда — 3–5 человек, есть менторы и призы.",
            ),
            category: Category::Education,
            languages: &["kk", "ru", "en"],
            unit: |u| u.zhubanov,
            partners: |u| vec![u.ospanov],
            host: |h| h.assembly,
            place: Where::Hall,
            when: When::Days(19, 9, 0),
            hours: 11,
            capacity: 60,
            registrants: 27,
            status: EventStatus::Published,
            audience: Audience::Members,
        },
        Plan {
            title: ("Корей мәдениеті күні", "День корейской культуры"),
            about: (
                "Кәріс этномәдени бірлестігі шақырады: ханбок, каллиграфия шеберханасы, кимчи дайындау, K-pop би сабағы.",
                "Корейское этнокультурное объединение приглашает: ханбок, мастер-класс каллиграфии, приготовление кимчи, урок K-pop танца.",
            ),
            category: Category::Culture,
            languages: &["ru", "kk"],
            unit: |u| u.korean,
            partners: |u| vec![u.city],
            host: |h| h.korean,
            place: Where::Hall,
            when: When::Days(-24, 15, 0),
            hours: 3,
            capacity: 80,
            registrants: 52,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Студенттік пікірсайыс турнирі",
                "Студенческий турнир по дебатам",
            ),
            about: (
                "Тақырып: «Жастар тілдерді білуі — ел бірлігінің кепілі». Қазақ және орыс тілдеріндегі екі лига.",
                "Тема: «Знание языков молодёжью — залог единства страны». Две лиги: на казахском и на русском.",
            ),
            category: Category::Education,
            languages: &["kk", "ru"],
            unit: |u| u.ospanov,
            partners: |u| vec![u.zhubanov],
            host: |h| h.assembly,
            place: Where::Room(0),
            when: When::Days(-31, 16, 0),
            hours: 3,
            capacity: 30,
            registrants: 26,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Онлайн-кездесу: жастар бастамасын қалай жазу керек",
                "Онлайн-встреча: как написать молодёжную инициативу",
            ),
            about: (
                "Бастаманы қалай ұсынуға, қолдау жинауға және әкімдікке жеткізуге болатынын түсіндіреміз.",
                "Рассказываем, как предложить инициативу, собрать поддержку и донести её до акимата.",
            ),
            category: Category::Education,
            languages: &["kk", "ru"],
            unit: |u| u.city,
            partners: |_| vec![],
            host: |h| h.admin,
            place: Where::Online("https://meet.jit.si/ortaq-aktobe-bastama"),
            when: When::Days(5, 19, 0),
            hours: 1,
            capacity: 200,
            registrants: 18,
            status: EventStatus::Published,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "Жаңажылдық қайырымдылық жәрмеңкесі",
                "Новогодняя благотворительная ярмарка",
            ),
            about: (
                "Жоба: қолөнер бұйымдарын сатып, түскен қаражатты балалар үйіне береміз.",
                "Черновик: продаём поделки, собранное передаём в детский дом.",
            ),
            category: Category::Volunteering,
            languages: &["kk", "ru"],
            unit: |u| u.city,
            partners: |_| vec![],
            host: |h| h.admin,
            place: Where::Room(2),
            when: When::Days(24, 12, 0),
            hours: 4,
            capacity: 50,
            registrants: 0,
            status: EventStatus::Draft,
            audience: Audience::Everyone,
        },
        Plan {
            title: (
                "«Достық» кубогы: мини-футбол турнирі",
                "Кубок «Достық»: турнир по мини-футболу",
            ),
            about: (
                "Алаң жөндеуге жабылғандықтан турнир кейінге шегерілді.",
                "Турнир перенесён: площадку закрыли на ремонт.",
            ),
            category: Category::Sport,
            languages: &["kk", "ru"],
            unit: |u| u.dostyq,
            partners: |_| vec![],
            host: |h| h.dostyq,
            place: Where::Venue(
                "Ақтөбе қ., «Жастар» спорт кешені",
                "г. Актобе, спорткомплекс «Жастар»",
            ),
            when: When::Days(9, 15, 0),
            hours: 3,
            capacity: 48,
            registrants: 10,
            status: EventStatus::Cancelled,
            audience: Audience::Everyone,
        },
    ]
}

/// The local day and start of a plan.
fn start_of(center: &Center, when: &When, today: NaiveDate) -> (NaiveDate, NaiveTime) {
    match when {
        When::Days(days, h, m) => (
            today + Duration::days(*days),
            NaiveTime::from_hms_opt(*h, *m, 0).unwrap_or_default(),
        ),
        When::Nauryz => {
            let this = NaiveDate::from_ymd_opt(today.year(), 3, 21).unwrap_or(today);
            let day = if this > today {
                this
            } else {
                NaiveDate::from_ymd_opt(today.year() + 1, 3, 21).unwrap_or(today)
            };
            let _ = center;
            (day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        }
    }
}

async fn taken(
    tx: &mut Tx,
    resource: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<bool, Error> {
    Ok(!bookings::live_in(tx, resource, start, end)
        .await?
        .is_empty())
}

/// Writes the season; answers how many events.
pub async fn seed(
    tx: &mut Tx,
    center: &Center,
    units: &Units,
    hosts: &Hosts,
    people: &[Attendee],
    named: &[Attendee],
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let mut rng = StdRng::seed_from_u64(20_261_202);
    let today = now.with_timezone(&center.tz).date_naive();
    let mut made = 0;
    for (n, plan) in plans().into_iter().enumerate() {
        let (mut day, time) = start_of(center, &plan.when, today);
        let resource = match plan.place {
            Where::Hall => Some(center.hall),
            Where::Room(i) => center.rooms.get(i).copied(),
            _ => None,
        };
        let mut start = local_instant(center.tz, day, time).unwrap_or(now);
        let mut end = start + Duration::hours(plan.hours);
        if let Some(resource) = resource {
            let step = if start < now { -1 } else { 1 };
            for _ in 0..30 {
                // The center is closed on Sundays and on its closure days.
                let closed = day.weekday() == chrono::Weekday::Sun
                    || center.closed.iter().any(|(d, _, _)| *d == day);
                if !closed && !taken(tx, resource, start, end).await? {
                    break;
                }
                day += Duration::days(step);
                start = local_instant(center.tz, day, time).unwrap_or(start);
                end = start + Duration::hours(plan.hours);
            }
            if taken(tx, resource, start, end).await? {
                continue;
            }
        }
        let draft = Draft {
            unit_id: (plan.unit)(units),
            partner_unit_ids: (plan.partners)(units),
            title: Text::both(plan.title.0, plan.title.1),
            description: Text::both(plan.about.0, plan.about.1),
            category: plan.category,
            languages: plan.languages.iter().map(|l| l.to_string()).collect(),
            place: match plan.place {
                Where::Hall | Where::Room(_) => Place::Resource {
                    resource_id: resource.unwrap_or(center.hall),
                },
                Where::Venue(kk, ru) => Place::Venue {
                    address: Text::both(kk, ru),
                },
                Where::Online(url) => Place::Online {
                    url: url.to_string(),
                },
            },
            start,
            end,
            capacity: plan.capacity,
            registration_opens: None,
            registration_closes: None,
            audience: plan.audience,
            audience_unit_ids: vec![],
        };
        let host = (plan.host)(hosts);
        let id = events::insert(tx, &draft, Some(host), plan.status).await?;
        if let Some(resource_id) = resource {
            let purpose = plan.title.1.to_string();
            let booking = bookings::insert(
                tx,
                &NewBooking {
                    resource_id,
                    user_id: host,
                    status: if plan.status == EventStatus::Cancelled {
                        BookingStatus::Cancelled
                    } else if end <= now {
                        BookingStatus::Completed
                    } else {
                        BookingStatus::Confirmed
                    },
                    start,
                    end,
                    purpose: Some(&purpose),
                    series_id: None,
                    check_in_by: None,
                    booked_by: None,
                    override_reason: None,
                },
            )
            .await?;
            events::attach_booking(tx, booking.id, id).await?;
        }
        register_people(tx, &mut rng, &plan, id, start, end, now, people, named, n).await?;
        made += 1;
    }
    Ok(made)
}

#[allow(clippy::too_many_arguments)]
async fn register_people(
    tx: &mut Tx,
    rng: &mut StdRng,
    plan: &Plan,
    event_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
    people: &[Attendee],
    named: &[Attendee],
    n: usize,
) -> Result<(), Error> {
    if plan.registrants == 0 || people.is_empty() {
        return Ok(());
    }
    // The named demo accounts take part in most events, so that logging in as one shows
    // tickets, a waitlist place and a past event to rate.
    let mut chosen: Vec<Attendee> = named
        .iter()
        .enumerate()
        .filter(|(i, _)| !(i + n).is_multiple_of(3))
        .map(|(_, a)| *a)
        .collect();
    let offset = rng.gen_range(0..people.len());
    for i in 0..people.len() {
        if chosen.len() >= plan.registrants {
            break;
        }
        let a = people[(offset + i) % people.len()];
        if !chosen.iter().any(|c| c.id == a.id) {
            chosen.push(a);
        }
    }
    // A full event: the named accounts arrive last, on its waitlist.
    if plan.registrants > plan.capacity as usize {
        let first = named.len().min(chosen.len());
        chosen.rotate_left(first);
    }
    let past = end <= now;
    for (q, a) in chosen.iter().enumerate() {
        let status = if (q as i64) < i64::from(plan.capacity) {
            RegStatus::Registered
        } else {
            RegStatus::Waitlisted
        };
        let code = new_code();
        let reg = events::insert_registration(
            tx,
            &NewRegistration {
                event_id,
                user_id: Some(a.id),
                guest: None,
                status,
                queue_no: q as i64 + 1,
                code: &code,
                token_hash: None,
                added_by: None,
            },
        )
        .await?;
        if past && status == RegStatus::Registered && rng.gen_bool(0.82) {
            let at = start + Duration::minutes(rng.gen_range(-20..25));
            on_tx!(tx, conn => sqlx::query(
                "UPDATE event_registrations SET checked_in_at = $1, updated_at = $1 WHERE id = $2")
                .bind(at)
                .bind(reg)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
            // About half rate it; the named accounts leave theirs for people to try.
            let is_named = named.iter().any(|x| x.id == a.id);
            if !is_named && rng.gen_bool(0.55) {
                let stars = *[5, 5, 5, 4, 4, 4, 3, 2]
                    .get(rng.gen_range(0..8))
                    .unwrap_or(&5);
                let comment = rng.gen_bool(0.4).then(|| {
                    let list = if a.kazakh { &COMMENTS_KK } else { &COMMENTS_RU };
                    list[rng.gen_range(0..list.len())]
                });
                events::insert_rating(tx, event_id, a.id, stars, comment).await?;
            }
        }
    }
    // Two guests from outside register for big public events still to come.
    if !past && plan.audience == Audience::Everyone && plan.capacity >= 100 {
        for (name, email, phone) in [
            ("Ерлан Мұратов", "erlan.muratov@example.kz", "+77015550101"),
            (
                "Ольга Ткаченко",
                "olga.tkachenko@example.kz",
                "+77015550102",
            ),
        ] {
            let code = new_code();
            let guest = Guest {
                name: name.into(),
                email: email.into(),
                phone: phone.into(),
            };
            let token = crate::auth::random_token(32);
            let hash = crate::auth::secret_hash(&token);
            let (_, next) = events::tally(tx, event_id).await?;
            events::insert_registration(
                tx,
                &NewRegistration {
                    event_id,
                    user_id: None,
                    guest: Some(&guest),
                    status: RegStatus::Registered,
                    queue_no: next,
                    code: &code,
                    token_hash: Some(&hash),
                    added_by: None,
                },
            )
            .await?;
        }
    }
    Ok(())
}
