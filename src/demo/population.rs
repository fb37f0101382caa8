//! The demo's members: about 300 young people of the region's communities, about 70 of
//! them in Aktobe, in district branches, student assemblies, Dostyq clubs and
//! ethnocultural associations, with coordinators and youth deputies — the picture the
//! announcement paints. Everyone is fictional (see `people.rs`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::people::{self, AKTOBE, Community, DISTRICT_PLACES, INSTITUTIONS};
use crate::accounts::{Email, storage as accounts};
use crate::db::Tx;
use crate::error::Error;
use crate::i18n::Text;
use crate::members::consent;
use crate::members::model::Position;
use crate::members::storage::{self as members, Guardian, ProfileData};
use crate::org::model::UnitDetails;
use crate::org::{UnitKind, storage as units};

/// The units the base demo made, which the population fills.
pub struct BaseUnits {
    pub region: i64,
    pub city: i64,
    pub project: i64,
    pub zhubanov: i64,
    pub ospanov: i64,
    pub dostyq_aktobe: i64,
    /// Ethnocultural associations by community key.
    pub associations: HashMap<&'static str, i64>,
}

const DISTRICTS_RU: [(&str, &str); 12] = [
    ("Алға", "Алгинский"),
    ("Әйтеке би", "Айтекебийский"),
    ("Байғанин", "Байганинский"),
    ("Қарғалы", "Каргалинский"),
    ("Қобда", "Хобдинский"),
    ("Мәртөк", "Мартукский"),
    ("Мұғалжар", "Мугалжарский"),
    ("Ойыл", "Уилский"),
    ("Темір", "Темирский"),
    ("Хромтау", "Хромтауский"),
    ("Шалқар", "Шалкарский"),
    ("Ырғыз", "Иргизский"),
];

const INSTITUTIONS_KK: [&str; 6] = [
    "Қ. Жұбанов атындағы Ақтөбе өңірлік университеті",
    "Марат Оспанов атындағы Батыс Қазақстан медицина университеті",
    "Баишев университеті",
    "Қазақ-орыс халықаралық университеті",
    "Ақтөбе жоғары политехникалық колледжі",
    "Ақтөбе медициналық колледжі",
];

/// Ethnocultural associations the base demo does not make: (community key, kk, ru).
const MORE_ASSOCIATIONS: [(&str, &str, &str); 7] = [
    (
        "kazakh",
        "Ақтөбе облысының қазақ мәдени орталығы",
        "Казахский культурный центр Актюбинской области",
    ),
    (
        "russian",
        "Ақтөбе облысының орыс этномәдени бірлестігі",
        "Русское этнокультурное объединение Актюбинской области",
    ),
    (
        "german",
        "Ақтөбе облысының неміс этномәдени бірлестігі",
        "Немецкое этнокультурное объединение Актюбинской области",
    ),
    (
        "azerbaijani",
        "Ақтөбе облысының әзербайжан этномәдени бірлестігі",
        "Азербайджанское этнокультурное объединение Актюбинской области",
    ),
    (
        "chechen",
        "Ақтөбе облысының вайнах этномәдени бірлестігі",
        "Вайнахское этнокультурное объединение Актюбинской области",
    ),
    (
        "belarusian",
        "Ақтөбе облысының беларусь этномәдени бірлестігі",
        "Белорусское этнокультурное объединение Актюбинской области",
    ),
    (
        "polish",
        "Ақтөбе облысының поляк этномәдени бірлестігі",
        "Польское этнокультурное объединение Актюбинской области",
    ),
];

/// Which association a community's members join (Bashkirs join the Tatar-Bashkir one).
fn association_key(community: Community) -> &'static str {
    match community {
        Community::Bashkir => "tatar",
        other => other.key(),
    }
}

pub async fn seed(
    tx: &mut Tx,
    base: &mut BaseUnits,
    password_hash: &str,
    admin: i64,
    taken_phones: &HashSet<String>,
) -> Result<(), Error> {
    // District branches.
    let mut districts = HashMap::new();
    for (kk, ru) in DISTRICTS_RU {
        let name = Text::both(
            &format!("{kk} аудандық филиалы"),
            &format!("{ru} районный филиал"),
        );
        districts.insert(
            kk,
            units::insert(tx, Some(base.region), UnitKind::CityBranch, &name).await?,
        );
    }
    // Student assemblies of every institution, under «Жаңа толқын».
    let mut assemblies = HashMap::new();
    assemblies.insert(INSTITUTIONS[0], base.zhubanov);
    assemblies.insert(INSTITUTIONS[1], base.ospanov);
    for (i, ru) in INSTITUTIONS.iter().enumerate().skip(2) {
        let kk = INSTITUTIONS_KK[i];
        let details = UnitDetails {
            name: Text::both(
                &format!("{kk} студенттік ассамблеясы"),
                &format!("Студенческая ассамблея: {ru}"),
            ),
            description: Text::both(
                "«Жаңа толқын» жобасы аясындағы студенттік ассамблея.",
                "Студенческая ассамблея проекта «Жаңа толқын».",
            ),
            institution: Text::both(kk, ru),
            community: None,
        };
        let id = units::insert(
            tx,
            Some(base.project),
            UnitKind::StudentAssembly,
            &details.name,
        )
        .await?;
        units::set_details(tx, id, &details).await?;
        assemblies.insert(*ru, id);
    }
    // Dostyq clubs in two district centres besides Aktobe's.
    let mut clubs = HashMap::new();
    clubs.insert(AKTOBE, base.dostyq_aktobe);
    for (place, district, ru) in [
        ("Қандыағаш", "Мұғалжар", "Кандыагаш"),
        ("Хромтау", "Хромтау", "Хромтау"),
    ] {
        let name = Text::both(
            &format!("«Достық» клубы, {place}"),
            &format!("Клуб «Достық», {ru}"),
        );
        clubs.insert(
            place,
            units::insert(tx, Some(districts[district]), UnitKind::DostyqClub, &name).await?,
        );
    }
    for (key, kk, ru) in MORE_ASSOCIATIONS {
        let details = UnitDetails {
            name: Text::both(kk, ru),
            community: Some(key.to_string()),
            ..UnitDetails::default()
        };
        let id = units::insert(
            tx,
            Some(base.region),
            UnitKind::EthnoculturalAssociation,
            &details.name,
        )
        .await?;
        units::set_details(tx, id, &details).await?;
        base.associations.insert(key, id);
    }

    let since = NaiveDate::from_ymd_opt(2025, 9, 1).expect("a valid date");
    let today = NaiveDate::from_ymd_opt(
        people::AGE_REFERENCE_DATE.0,
        people::AGE_REFERENCE_DATE.1,
        people::AGE_REFERENCE_DATE.2,
    )
    .expect("a valid date");
    let mut coordinated: HashSet<i64> = HashSet::new();
    let mut deputies: HashSet<(i64, bool)> = HashSet::new();
    for (i, p) in people::people(300).into_iter().enumerate() {
        if taken_phones.contains(&p.phone) {
            continue;
        }
        let email =
            Email::parse(&p.email).map_err(|_| anyhow::anyhow!("demo email {}", p.email))?;
        let locale = if p.languages.first() == Some(&"kk") {
            "kk"
        } else {
            "ru"
        };
        let id = accounts::insert(
            tx,
            &email,
            &p.full_name,
            password_hash,
            crate::i18n::Locale::parse(locale),
        )
        .await?;
        let birth = NaiveDate::from_ymd_opt(p.birth_date.0, p.birth_date.1, p.birth_date.2)
            .expect("valid demo dates");
        let age = crate::members::model::age_on(birth, today);
        let profile = ProfileData {
            phone: Some(p.phone.clone()),
            city: Some(p.city.to_string()),
            study_or_work: Some(p.study_or_work.to_string()),
            in_directory: i % 2 == 0,
            show_study_or_work: i % 2 == 0,
            languages: p.languages.iter().map(|l| l.to_string()).collect(),
            interests: p.interests.iter().map(|t| t.to_string()).collect(),
            skills: p.skills.iter().map(|t| t.to_string()).collect(),
            ..ProfileData::default()
        };
        let guardian = (age < 18).then(|| Guardian {
            name: "Ата-анасы / Родитель".to_string(),
            contact: "+7 701 000 00 00".to_string(),
            consent_on: since,
            how: "қағаз нысан / бумажный бланк".to_string(),
        });
        members::save_profile(tx, id, &profile, birth, guardian.as_ref()).await?;
        members::record_consent(
            tx,
            id,
            consent::PERSONAL_DATA,
            consent::CURRENT,
            locale,
            None,
        )
        .await?;
        if guardian.is_some() {
            members::record_consent(tx, id, consent::GUARDIAN, consent::CURRENT, locale, None)
                .await?;
        }

        // Every member belongs to their city or district branch.
        let branch = if p.city == AKTOBE {
            base.city
        } else {
            let district = DISTRICT_PLACES
                .iter()
                .find(|(place, _)| *place == p.city)
                .map(|(_, d)| *d)
                .unwrap_or("Алға");
            districts[district]
        };
        members::add_membership(tx, id, branch, Position::Member, false, since, Some(admin))
            .await?;

        // Students in their assembly; the first of each coordinates it.
        if let Some(assembly) = assemblies.get(p.study_or_work) {
            let position = if coordinated.insert(*assembly) && age >= 18 {
                Position::Coordinator
            } else {
                Position::Member
            };
            members::add_membership(tx, id, *assembly, position, false, since, Some(admin)).await?;
        }
        // Every seventh in their town's Dostyq club.
        if i % 7 == 0
            && let Some(club) = clubs.get(p.city)
        {
            let position = if coordinated.insert(*club) && age >= 18 {
                Position::Coordinator
            } else {
                Position::Member
            };
            members::add_membership(tx, id, *club, position, false, since, Some(admin)).await?;
        }
        // About a third of each community in its ethnocultural association, with the separate
        // consent; each association has a youth deputy and a deputy head over 35.
        let key = association_key(p.community);
        let joins = if p.community == Community::Kazakh {
            i % 12 == 0
        } else {
            i % 3 != 2
        };
        if joins && let Some(association) = base.associations.get(key) {
            members::record_consent(
                tx,
                id,
                consent::ETHNOCULTURAL,
                consent::CURRENT,
                locale,
                None,
            )
            .await?;
            let youth = age <= 35;
            let position = if age >= 18 && deputies.insert((*association, youth)) {
                if youth {
                    Position::YouthDeputy
                } else {
                    Position::DeputyHead
                }
            } else {
                Position::Member
            };
            members::add_membership(tx, id, *association, position, false, since, Some(admin))
                .await?;
        }
    }
    Ok(())
}
