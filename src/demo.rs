//! The Aktobe demo: the association's tree in the region, the coworking center, staff
//! and a few members. Real place and institution names; the people are fictional.
//! It fills an EMPTY database only, and never touches one that has data.

mod bookings;
mod center;
mod events;
mod initiatives;
mod news;
pub mod people;
mod population;

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::accounts::{Email, Role, storage as accounts};
use crate::auth::password::{self, Password};
use crate::db::Db;
use crate::error::Error;
use crate::i18n::Text;
use crate::members::consent;
use crate::members::model::Position;
use crate::members::storage::{self as members, ProfileData};
use crate::on_db;
use crate::org::model::UnitDetails;
use crate::org::{UnitKind, storage as units};
use crate::spaces::OpeningHours;
use crate::spaces::storage::{self as spaces, NewLocation};

/// The password every demo member shares (not the admin, whose password is generated).
pub const MEMBER_PASSWORD: &str = "ortaq-demo-2026";

struct Person {
    email: &'static str,
    name: &'static str,
    locale: &'static str,
    role: Option<Role>,
    /// The unit they belong to, or hold their role at.
    unit: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        email: "aigerim@ortaq.local",
        name: "Айгерім Сапарова",
        locale: "kk",
        role: None,
        unit: "zhubanov",
    },
    Person {
        email: "daniyar@ortaq.local",
        name: "Данияр Жұмабаев",
        locale: "kk",
        role: Some(Role::Coordinator),
        unit: "zhubanov",
    },
    Person {
        email: "anna@ortaq.local",
        name: "Анна Ким",
        locale: "ru",
        role: Some(Role::Coordinator),
        unit: "korean",
    },
    Person {
        email: "ruslan@ortaq.local",
        name: "Руслан Исмаилов",
        locale: "ru",
        role: None,
        unit: "city",
    },
    Person {
        email: "madina@ortaq.local",
        name: "Мадина Төлегенова",
        locale: "kk",
        role: Some(Role::SpaceManager),
        unit: "city",
    },
    Person {
        email: "artem@ortaq.local",
        name: "Артём Шевченко",
        locale: "ru",
        role: None,
        unit: "city",
    },
    Person {
        email: "nursultan@ortaq.local",
        name: "Нұрсұлтан Ержанов",
        locale: "kk",
        role: Some(Role::Coordinator),
        unit: "dostyq",
    },
    Person {
        email: "ekaterina@ortaq.local",
        name: "Екатерина Белова",
        locale: "ru",
        role: None,
        unit: "dostyq",
    },
    Person {
        email: "aruzhan@ortaq.local",
        name: "Аружан Қайратқызы",
        locale: "kk",
        role: None,
        unit: "zhubanov",
    },
    Person {
        email: "observer@ortaq.local",
        name: "Ержан Серікбаев",
        locale: "kk",
        role: Some(Role::Observer),
        unit: "region",
    },
];

fn demo_phone(n: usize) -> String {
    format!("+7 70{} 555 {:02} {:02}", n % 8, 10 + n, 40 + n)
}

/// Fills the demo when the database is empty; answers the admin's generated password.
pub async fn seed_if_empty(db: &Db) -> Result<Option<String>, Error> {
    let users = accounts::count(db).await?;
    let units: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM org_units").fetch_one(pool).await)?;
    if users > 0 || units > 0 {
        tracing::info!("the database has data; the demo is not created");
        return Ok(None);
    }
    let admin_password = crate::auth::random_token(12);
    let admin_hash = password::hash(
        Password::parse(&admin_password, "password")
            .map_err(|_| anyhow::anyhow!("generated password refused"))?,
    )
    .await?;
    let member_hash = password::hash(
        Password::parse(MEMBER_PASSWORD, "password")
            .map_err(|_| anyhow::anyhow!("demo password refused"))?,
    )
    .await?;

    let mut tx = db.begin().await?;
    let root = units::insert_root(&mut tx).await?;
    let region = units::insert(
        &mut tx,
        Some(root),
        UnitKind::RegionalBranch,
        &Text::both("Ақтөбе облыстық филиалы", "Актюбинский областной филиал"),
    )
    .await?;
    let city = units::insert(
        &mut tx,
        Some(region),
        UnitKind::CityBranch,
        &Text::both("Ақтөбе қалалық филиалы", "Актюбинский городской филиал"),
    )
    .await?;
    let project = units::insert(
        &mut tx,
        Some(region),
        UnitKind::Project,
        &Text::both(
            "«Жаңа толқын» жобасы",
            "Проект «Жаңа толқын» («Новая волна»)",
        ),
    )
    .await?;
    let zhubanov = units::insert(
        &mut tx,
        Some(project),
        UnitKind::StudentAssembly,
        &Text::both(
            "Қ. Жұбанов атындағы Ақтөбе өңірлік университетінің студенттік ассамблеясы",
            "Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова",
        ),
    )
    .await?;
    let ospanov = units::insert(
        &mut tx,
        Some(project),
        UnitKind::StudentAssembly,
        &Text::both("Марат Оспанов атындағы Батыс Қазақстан медицина университетінің студенттік ассамблеясы", "Студенческая ассамблея Западно-Казахстанского медицинского университета им. Марата Оспанова"),
    )
    .await?;
    let dostyq = units::insert(
        &mut tx,
        Some(city),
        UnitKind::DostyqClub,
        &Text::both("«Достық» клубы, Ақтөбе", "Клуб «Достық», Актобе"),
    )
    .await?;
    let korean = units::insert(
        &mut tx,
        Some(region),
        UnitKind::EthnoculturalAssociation,
        &Text::both(
            "Ақтөбе облысының корей этномәдени бірлестігі",
            "Корейское этнокультурное объединение Актюбинской области",
        ),
    )
    .await?;
    let tatar = units::insert(
        &mut tx,
        Some(region),
        UnitKind::EthnoculturalAssociation,
        &Text::both(
            "Ақтөбе облысының татар-башқұрт этномәдени бірлестігі",
            "Татаро-башкирское этнокультурное объединение Актюбинской области",
        ),
    )
    .await?;
    let ukrainian = units::insert(
        &mut tx,
        Some(region),
        UnitKind::EthnoculturalAssociation,
        &Text::both(
            "Ақтөбе облысының украин этномәдени бірлестігі",
            "Украинское этнокультурное объединение Актюбинской области",
        ),
    )
    .await?;

    units::set_details(
        &mut tx,
        korean,
        &UnitDetails {
            name: Text::both("Ақтөбе облысының корей этномәдени бірлестігі", "Корейское этнокультурное объединение Актюбинской области"),
            description: Text::both(
                "Корей жастарының тілін, мәдениетін және дәстүрін сақтайды, облыстың басқа халықтарымен достықты нығайтады.",
                "Сохраняет язык, культуру и традиции корейской молодежи, укрепляет дружбу с другими народами области.",
            ),
            institution: Text::default(),
            community: Some("korean".to_string()),
        },
    )
    .await?;
    units::set_details(
        &mut tx,
        zhubanov,
        &UnitDetails {
            name: Text::both(
                "Қ. Жұбанов атындағы Ақтөбе өңірлік университетінің студенттік ассамблеясы",
                "Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова",
            ),
            description: Text::both(
                "«Жаңа толқын» жобасы аясындағы студенттік ассамблея: жастардың жобалары мен бастамаларын қолдайды.",
                "Студенческая ассамблея проекта «Жаңа толқын»: поддерживает проекты и инициативы молодежи.",
            ),
            institution: Text::both("Қ. Жұбанов атындағы Ақтөбе өңірлік университеті", "Актюбинский региональный университет им. К. Жубанова"),
            community: None,
        },
    )
    .await?;

    // The Aktobe club's directions changed this year: the history stays.
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a valid date");
    let debates = units::add_direction(
        &mut tx,
        dostyq,
        &Text::both("Пікірсайыс клубы", "Дебатный клуб"),
        d(2024, 9, 1),
    )
    .await?;
    units::end_direction(&mut tx, dostyq, debates, d(2026, 5, 31)).await?;
    units::add_direction(
        &mut tx,
        dostyq,
        &Text::both(
            "Тіл клубтары: қазақ, орыс, ағылшын",
            "Языковые клубы: казахский, русский, английский",
        ),
        d(2024, 9, 1),
    )
    .await?;
    units::add_direction(
        &mut tx,
        dostyq,
        &Text::both("Еріктілік", "Волонтерство"),
        d(2026, 6, 1),
    )
    .await?;
    for (unit, community) in [(tatar, "tatar"), (ukrainian, "ukrainian")] {
        let name = units::find_in(&mut tx, unit).await?;
        units::set_details(
            &mut tx,
            unit,
            &UnitDetails {
                name,
                community: Some(community.to_string()),
                ..UnitDetails::default()
            },
        )
        .await?;
    }

    let location = spaces::insert_location(
        &mut tx,
        &NewLocation {
            unit_id: city,
            name: &Text::both(
                "«Ассамблея жастары» коворкинг орталығы",
                "Коворкинг-центр «Ассамблея жастары»",
            ),
            address: &Text::both(
                "Ақтөбе қ., Әбілқайыр хан даңғылы, 40",
                "г. Актобе, проспект Абилкайыр хана, 40",
            ),
            phone: Some("+7 7132 55 00 40"),
            time_zone: "Asia/Aqtobe",
        },
    )
    .await?;
    let at = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    let mut hours: Vec<OpeningHours> = (1..=5)
        .map(|weekday| OpeningHours {
            weekday,
            opens: at(9, 0),
            closes: at(21, 0),
        })
        .collect();
    hours.push(OpeningHours {
        weekday: 6,
        opens: at(10, 0),
        closes: at(18, 0),
    });
    spaces::set_hours(&mut tx, location, &hours).await?;
    // The demo's bookings run from eight weeks before "now" to two weeks after it.
    let now = crate::clock::now();
    let tz = crate::i18n::format::AKTOBE;
    let today = now.with_timezone(&tz).date_naive();
    let days = (today - Duration::weeks(8), today + Duration::days(13));
    let started = std::time::Instant::now();
    let center = center::seed(&mut tx, location, tz, hours, days.0, days.1).await?;
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        "demo spaces made"
    );

    let admin_email = Email::parse("admin@ortaq.local").expect("a valid email");
    let admin = accounts::insert(
        &mut tx,
        &admin_email,
        "Әсел Нұрланова",
        &admin_hash,
        Some(crate::i18n::Locale::Kk),
    )
    .await?;
    accounts::grant(&mut tx, admin, Role::Admin, region, None).await?;
    let since = NaiveDate::from_ymd_opt(2025, 9, 1).expect("a valid date");
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for (n, person) in PEOPLE.iter().enumerate() {
        let email = Email::parse(person.email).expect("a valid email");
        let id = accounts::insert(
            &mut tx,
            &email,
            person.name,
            &member_hash,
            crate::i18n::Locale::parse(person.locale),
        )
        .await?;
        ids.insert(person.email, id);
        let profile = ProfileData {
            phone: Some(demo_phone(n)),
            city: Some("Ақтөбе".to_string()),
            in_directory: true,
            show_study_or_work: true,
            ..ProfileData::default()
        };
        let born =
            NaiveDate::from_ymd_opt(1996 + (n as i32 % 9), 1 + (n as u32 % 12), 3 + n as u32)
                .expect("a valid date");
        members::save_profile(&mut tx, id, &profile, born, None).await?;
        members::record_consent(
            &mut tx,
            id,
            consent::PERSONAL_DATA,
            consent::CURRENT,
            person.locale,
            None,
        )
        .await?;
        let unit_id = match person.unit {
            "zhubanov" => zhubanov,
            "korean" => korean,
            "dostyq" => dostyq,
            "city" => city,
            _ => region,
        };
        if unit_id == korean {
            members::record_consent(
                &mut tx,
                id,
                consent::ETHNOCULTURAL,
                consent::CURRENT,
                person.locale,
                None,
            )
            .await?;
        }
        match person.role {
            // Coordinators coordinate by their position in the unit.
            Some(Role::Coordinator) => {
                members::add_membership(
                    &mut tx,
                    id,
                    unit_id,
                    Position::Coordinator,
                    false,
                    since,
                    Some(admin),
                )
                .await?;
            }
            Some(role) => {
                accounts::grant(&mut tx, id, role, unit_id, Some(admin)).await?;
            }
            None => {
                members::add_membership(
                    &mut tx,
                    id,
                    unit_id,
                    Position::Member,
                    false,
                    since,
                    Some(admin),
                )
                .await?;
            }
        }
    }
    let taken_phones = (0..PEOPLE.len()).map(demo_phone).collect();
    let mut base = population::BaseUnits {
        region,
        city,
        project,
        zhubanov,
        ospanov,
        dostyq_aktobe: dostyq,
        associations: [
            ("korean", korean),
            ("tatar", tatar),
            ("ukrainian", ukrainian),
        ]
        .into_iter()
        .collect(),
    };
    population::seed(&mut tx, &mut base, &member_hash, admin, &taken_phones).await?;

    // The center's members book: the city branch's and the named demo accounts.
    let named: HashSet<i64> = PEOPLE
        .iter()
        .filter(|p| p.role.is_none())
        .map(|p| ids[p.email])
        .collect();
    let city_members: Vec<(i64, Option<String>)> = crate::on_tx!(&mut tx, conn => sqlx::query_as(
        "SELECT DISTINCT m.user_id, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.unit_id = $1 AND m.status = 'active' ORDER BY m.user_id")
        .bind(city)
        .fetch_all(&mut *conn)
        .await)?;
    let supporters: Vec<i64> = city_members.iter().map(|(id, _)| *id).collect();
    let mut bookers: Vec<bookings::Booker> = city_members
        .into_iter()
        .filter(|(id, _)| !named.contains(id))
        .map(|(id, locale)| bookings::Booker {
            id,
            kazakh: locale.as_deref() == Some("kk"),
            named: false,
        })
        .collect();
    bookers.extend(
        PEOPLE
            .iter()
            .filter(|p| p.role.is_none())
            .map(|p| bookings::Booker {
                id: ids[p.email],
                kazakh: p.locale == "kk",
                named: true,
            }),
    );
    let leads = bookings::Leads {
        assembly: ids["daniyar@ortaq.local"],
        dostyq: ids["nursultan@ortaq.local"],
        korean: ids["anna@ortaq.local"],
        manager: ids["madina@ortaq.local"],
    };
    let started = std::time::Instant::now();
    let made = bookings::seed(&mut tx, &center, &bookers, &leads, days, now).await?;
    tracing::debug!(
        bookings = made,
        ms = started.elapsed().as_millis() as u64,
        "demo bookings placed"
    );
    // A season of events across the units, with registrations, check-ins and ratings.
    let attendees: Vec<events::Attendee> = bookers
        .iter()
        .filter(|b| !b.named)
        .map(|b| events::Attendee {
            id: b.id,
            kazakh: b.kazakh,
        })
        .collect();
    let named_attendees: Vec<events::Attendee> = bookers
        .iter()
        .filter(|b| b.named)
        .map(|b| events::Attendee {
            id: b.id,
            kazakh: b.kazakh,
        })
        .collect();
    let season = events::seed(
        &mut tx,
        &center,
        &events::Units {
            city,
            zhubanov,
            ospanov,
            dostyq,
            korean,
            project,
        },
        &events::Hosts {
            admin,
            assembly: ids["daniyar@ortaq.local"],
            dostyq: ids["nursultan@ortaq.local"],
            korean: ids["anna@ortaq.local"],
        },
        &attendees,
        &named_attendees,
        now,
    )
    .await?;
    tracing::debug!(events = season, "demo events placed");
    let setting = initiatives::Setting {
        region,
        city,
        zhubanov,
        dostyq,
        project,
        admin,
        authors: PEOPLE
            .iter()
            .filter(|p| p.role.is_none())
            .map(|p| ids[p.email])
            .collect(),
        supporters,
    };
    let made = initiatives::seed(&mut tx, &setting, now).await?;
    tracing::debug!(initiatives = made, "demo initiatives made");
    // The announcement of the center is the first news item.
    news::seed(&mut tx, admin, now).await?;
    // The demo writes some rows directly (back-dated statuses); the index is made whole.
    crate::search::index::rebuild(&mut tx).await?;
    tx.commit().await?;
    tracing::info!("demo data created");
    Ok(Some(admin_password))
}
