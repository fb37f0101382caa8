//! The demo's initiatives: about 25 in every status, with supports, answers, milestones,
//! comments and timelines, among them the coworking center itself (raised at a session of
//! the regional Assembly, supported by the head of the region, implemented), and the
//! Assembly session and the meeting with the akim that took them up.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::db::Tx;
use crate::error::Error;
use crate::i18n::Text;
use crate::initiatives::meetings::{self, Kind, NewItem, NewMeeting, Participant};
use crate::initiatives::model::{Category, Draft, Needs, Status};
use crate::initiatives::{milestones, storage};
use crate::on_tx;

/// Who and where, from the rest of the demo.
pub struct Setting {
    pub region: i64,
    pub city: i64,
    pub zhubanov: i64,
    pub dostyq: i64,
    pub project: i64,
    /// The admin of the regional branch (answers, meetings).
    pub admin: i64,
    /// Named demo members who author initiatives.
    pub authors: Vec<i64>,
    /// Everyone who may support (city members).
    pub supporters: Vec<i64>,
}

struct Idea {
    status: Status,
    category: Category,
    unit: &'static str,
    title: (&'static str, &'static str),
    summary: (&'static str, &'static str),
    budget: Option<i64>,
    space: Option<&'static str>,
}

const IDEAS: &[Idea] = &[
    Idea {
        status: Status::Implemented,
        category: Category::Other,
        unit: "region",
        title: (
            "Ақтөбеде жастарға арналған коворкинг орталығы",
            "Коворкинг-центр для молодежи в Актобе",
        ),
        summary: (
            "Жастар жұмыс істейтін, кездесетін, идеяларын жүзеге асыратын ортақ кеңістік: жұмыс орындары, мәжіліс залы, іс-шаралар залы.",
            "Общее пространство, где молодежь работает, встречается и воплощает идеи: рабочие места, переговорная, зал для мероприятий.",
        ),
        budget: Some(45_000_000),
        space: Some("Ғимараттың бірінші қабаты, шамамен 400 м²"),
    },
    Idea {
        status: Status::Implemented,
        category: Category::Dialogue,
        unit: "dostyq",
        title: ("«Достық» кештері", "Вечера «Достық»"),
        summary: (
            "Ай сайын этномәдени бірлестіктер жастарының ұлттық тағамдар, ән мен би кеші.",
            "Ежемесячный вечер молодежи этнокультурных объединений: национальная кухня, песни и танцы.",
        ),
        budget: Some(300_000),
        space: Some("Іс-шаралар залы, 80 орын"),
    },
    Idea {
        status: Status::Implemented,
        category: Category::Education,
        unit: "zhubanov",
        title: (
            "Қазақ тілі сөйлеу клубы",
            "Разговорный клуб казахского языка",
        ),
        summary: (
            "Аптасына екі рет қазақ тілін үйреніп жүргендерге еркін сөйлесу кездесуі.",
            "Дважды в неделю — свободная беседа для тех, кто изучает казахский язык.",
        ),
        budget: None,
        space: Some("Мәжіліс залы, 12 орын"),
    },
    Idea {
        status: Status::InProgress,
        category: Category::It,
        unit: "zhubanov",
        title: ("Студенттерге арналған IT-мектеп", "IT-школа для студентов"),
        summary: (
            "Веб-әзірлеу мен деректер талдауы бойынша үш айлық тегін курс.",
            "Трехмесячный бесплатный курс веб-разработки и анализа данных.",
        ),
        budget: Some(1_200_000),
        space: Some("Мәжіліс залы, кешкі уақыт"),
    },
    Idea {
        status: Status::InProgress,
        category: Category::Ecology,
        unit: "city",
        title: (
            "Елек өзенінің жағалауын тазалау",
            "Очистка берега реки Илек",
        ),
        summary: (
            "Көктем мен күзде жастар еріктілерінің жағалауды тазалау сенбіліктері.",
            "Весенние и осенние субботники молодежи-волонтеров на берегу Илека.",
        ),
        budget: Some(250_000),
        space: None,
    },
    Idea {
        status: Status::InProgress,
        category: Category::Volunteering,
        unit: "city",
        title: ("Қарттарға көмек: «Жылы үй»", "Помощь пожилым: «Теплый дом»"),
        summary: (
            "Жалғыз тұратын қарттарға азық-түлік жеткізу және үй шаруасына көмек.",
            "Доставка продуктов и помощь по дому одиноким пожилым людям.",
        ),
        budget: Some(400_000),
        space: None,
    },
    Idea {
        status: Status::InProgress,
        category: Category::Culture,
        unit: "project",
        title: (
            "«Жаңа толқын» жас ақындар кеші",
            "Вечер молодых поэтов «Жаңа толқын»",
        ),
        summary: (
            "Қазақ және орыс тілдерінде жазатын жас ақындардың поэзия кеші.",
            "Поэтический вечер молодых авторов, пишущих на казахском и русском.",
        ),
        budget: Some(150_000),
        space: Some("Іс-шаралар залы"),
    },
    Idea {
        status: Status::Accepted,
        category: Category::Sport,
        unit: "city",
        title: ("Аула футболы турнирі", "Турнир по дворовому футболу"),
        summary: (
            "Қала аудандарының жасөспірімдер командалары арасында жазғы турнир.",
            "Летний турнир между командами подростков из районов города.",
        ),
        budget: Some(600_000),
        space: None,
    },
    Idea {
        status: Status::Accepted,
        category: Category::Dialogue,
        unit: "dostyq",
        title: ("Ұлттық ойындар фестивалі", "Фестиваль национальных игр"),
        summary: (
            "Асық ату, тоғызқұмалақ және басқа халықтардың дәстүрлі ойындары бір алаңда.",
            "Асык ату, тогызкумалак и традиционные игры других народов на одной площадке.",
        ),
        budget: Some(500_000),
        space: None,
    },
    Idea {
        status: Status::Accepted,
        category: Category::Education,
        unit: "zhubanov",
        title: ("Мансап бойынша кеңес күндері", "Дни карьерных консультаций"),
        summary: (
            "Ақтөбе кәсіпорындарының мамандары студенттерге кәсіп таңдау жөнінде кеңес береді.",
            "Специалисты актюбинских предприятий консультируют студентов по выбору профессии.",
        ),
        budget: None,
        space: Some("Мәжіліс залы"),
    },
    Idea {
        status: Status::UnderReview,
        category: Category::Culture,
        unit: "city",
        title: ("Жастар театр студиясы", "Молодежная театральная студия"),
        summary: (
            "Екі тілде қойылым дайындайтын әуесқой театр студиясы.",
            "Любительская театральная студия, которая ставит спектакли на двух языках.",
        ),
        budget: Some(800_000),
        space: Some("Іс-шаралар залы, аптасына екі кеш"),
    },
    Idea {
        status: Status::UnderReview,
        category: Category::It,
        unit: "city",
        title: ("Коворкингте 3D-принтер", "3D-принтер в коворкинге"),
        summary: (
            "Жастардың жобаларына арналған 3D-принтер және оны пайдалануды үйрету.",
            "3D-принтер для проектов молодежи и обучение работе с ним.",
        ),
        budget: Some(900_000),
        space: None,
    },
    Idea {
        status: Status::UnderReview,
        category: Category::Ecology,
        unit: "zhubanov",
        title: (
            "Университетте қалдықтарды бөлек жинау",
            "Раздельный сбор отходов в университете",
        ),
        summary: (
            "Оқу корпустарына сұрыптау контейнерлерін қою және студенттерге түсіндіру.",
            "Контейнеры для сортировки в учебных корпусах и разъяснение студентам.",
        ),
        budget: Some(350_000),
        space: None,
    },
    Idea {
        status: Status::UnderReview,
        category: Category::Dialogue,
        unit: "dostyq",
        title: (
            "«Менің отбасымның тарихы» подкасты",
            "Подкаст «История моей семьи»",
        ),
        summary: (
            "Әр ұлт жастары өз отбасының Ақтөбеге келу тарихын айтады.",
            "Молодежь разных народов рассказывает, как их семьи оказались в Актобе.",
        ),
        budget: Some(200_000),
        space: Some("Мәжіліс залы, жазба үшін"),
    },
    Idea {
        status: Status::Submitted,
        category: Category::Sport,
        unit: "city",
        title: ("Таңғы жүгіру клубы", "Клуб утренних пробежек"),
        summary: (
            "Сенбі сайын таңертең Орталық саябақта бірге жүгіру.",
            "Совместные пробежки по субботам утром в Центральном парке.",
        ),
        budget: None,
        space: None,
    },
    Idea {
        status: Status::Submitted,
        category: Category::Education,
        unit: "city",
        title: (
            "Қаржылық сауаттылық сабақтары",
            "Уроки финансовой грамотности",
        ),
        summary: (
            "Бюджет жоспарлау, несие және жинақ туралы жастарға арналған семинарлар.",
            "Семинары для молодежи о планировании бюджета, кредитах и сбережениях.",
        ),
        budget: Some(100_000),
        space: Some("Мәжіліс залы"),
    },
    Idea {
        status: Status::Submitted,
        category: Category::Volunteering,
        unit: "zhubanov",
        title: (
            "Мектеп оқушыларына тегін репетиторлық",
            "Бесплатное репетиторство для школьников",
        ),
        summary: (
            "Студенттер ауыл мектептерінің оқушыларына онлайн сабақ береді.",
            "Студенты онлайн занимаются с учениками сельских школ.",
        ),
        budget: None,
        space: None,
    },
    Idea {
        status: Status::Submitted,
        category: Category::Culture,
        unit: "dostyq",
        title: (
            "Наурыз көжесі шеберлік сабағы",
            "Мастер-класс по наурыз-коже",
        ),
        summary: (
            "Наурыз мерекесіне әр халықтың мерекелік тағамдарын бірге дайындау.",
            "Совместное приготовление праздничных блюд разных народов к Наурызу.",
        ),
        budget: Some(80_000),
        space: None,
    },
    Idea {
        status: Status::Submitted,
        category: Category::It,
        unit: "project",
        title: (
            "Жастар бастамаларының хакатоны",
            "Хакатон молодежных инициатив",
        ),
        summary: (
            "48 сағатта қала мәселелеріне цифрлық шешім әзірлеу.",
            "За 48 часов — цифровые решения для городских задач.",
        ),
        budget: Some(700_000),
        space: Some("Бүкіл коворкинг, демалыс күндері"),
    },
    Idea {
        status: Status::Declined,
        category: Category::Sport,
        unit: "city",
        title: ("Коворкингте боулинг", "Боулинг в коворкинге"),
        summary: (
            "Коворкингтің жертөлесінде шағын боулинг жолы.",
            "Небольшая дорожка для боулинга в подвале коворкинга.",
        ),
        budget: Some(12_000_000),
        space: Some("Жертөле"),
    },
    Idea {
        status: Status::Declined,
        category: Category::Other,
        unit: "zhubanov",
        title: ("Тәулік бойы ашық коворкинг", "Круглосуточный коворкинг"),
        summary: (
            "Сессия кезінде коворкингті түнде де ашық ұстау.",
            "Держать коворкинг открытым и ночью во время сессии.",
        ),
        budget: None,
        space: None,
    },
    Idea {
        status: Status::Withdrawn,
        category: Category::Culture,
        unit: "city",
        title: ("Граффити фестивалі", "Фестиваль граффити"),
        summary: (
            "Қала қабырғаларында жастардың граффити байқауы.",
            "Конкурс молодежного граффити на стенах города.",
        ),
        budget: Some(450_000),
        space: None,
    },
    Idea {
        status: Status::Draft,
        category: Category::Dialogue,
        unit: "dostyq",
        title: ("Тілдер алмасу кездесулері", "Встречи языкового обмена"),
        summary: (
            "Қазақ, орыс, корей, татар тілдерін бір-біріне үйрету.",
            "Учим друг друга казахскому, русскому, корейскому, татарскому.",
        ),
        budget: None,
        space: Some("Мәжіліс залы"),
    },
    Idea {
        status: Status::Draft,
        category: Category::Ecology,
        unit: "city",
        title: ("Аулаларға ағаш егу", "Посадка деревьев во дворах"),
        summary: (
            "Көпқабатты үйлердің аулаларына тұрғындармен бірге ағаш егу.",
            "Посадка деревьев во дворах многоэтажек вместе с жильцами.",
        ),
        budget: Some(300_000),
        space: None,
    },
    Idea {
        status: Status::Draft,
        category: Category::Education,
        unit: "zhubanov",
        title: ("Ғылыми жобалар көрмесі", "Выставка научных проектов"),
        summary: (
            "Студенттердің ғылыми жұмыстарын мектеп оқушыларына көрсету.",
            "Студенты показывают школьникам свои научные работы.",
        ),
        budget: None,
        space: Some("Іс-шаралар залы"),
    },
];

/// The path of statuses up to `to`, in order (the way the table walks it).
fn path_to(to: Status) -> Vec<Status> {
    use Status::*;
    match to {
        Draft => vec![Draft],
        Submitted => vec![Draft, Submitted],
        UnderReview => vec![Draft, Submitted, UnderReview],
        Accepted => vec![Draft, Submitted, UnderReview, Accepted],
        Declined => vec![Draft, Submitted, UnderReview, Declined],
        InProgress => vec![Draft, Submitted, UnderReview, Accepted, InProgress],
        Implemented => vec![
            Draft,
            Submitted,
            UnderReview,
            Accepted,
            InProgress,
            Implemented,
        ],
        Withdrawn => vec![Draft, Submitted, Withdrawn],
    }
}

async fn timeline_entry(
    tx: &mut Tx,
    id: i64,
    from: Option<Status>,
    to: Status,
    actor: Option<i64>,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_transitions (initiative_id, from_status, to_status, actor_id, comment, at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(from.map(|s| s.as_str()))
        .bind(to.as_str())
        .bind(actor)
        .bind(comment)
        .bind(at)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Seeds the initiatives, meetings and everything around them; answers how many initiatives.
pub async fn seed(tx: &mut Tx, s: &Setting, now: DateTime<Utc>) -> Result<usize, Error> {
    let today = now.date_naive();
    // The regional branch sets its threshold; the rest of the region inherits it.
    storage::set_threshold(tx, s.region, Some(20), s.admin).await?;
    let mut ids = Vec::new();
    for (n, idea) in IDEAS.iter().enumerate() {
        let unit_id = match idea.unit {
            "region" => s.region,
            "zhubanov" => s.zhubanov,
            "dostyq" => s.dostyq,
            "project" => s.project,
            _ => s.city,
        };
        let author = s.authors[n % s.authors.len()];
        let description = Text::both(
            &format!(
                "## Идея\n\n{}\n\n## Не істейміз\n\n- жоспар құрамыз және серіктес іздейміз;\n- коворкингте кездесу өткіземіз;\n- нәтижесін **ашық** жариялаймыз.",
                idea.summary.0
            ),
            &format!(
                "## Идея\n\n{}\n\n## Что сделаем\n\n- составим план и найдем партнеров;\n- проведем встречу в коворкинге;\n- **открыто** опубликуем результат.",
                idea.summary.1
            ),
        );
        let draft = Draft {
            unit_id,
            category: idea.category,
            title: Text::both(idea.title.0, idea.title.1),
            summary: Text::both(idea.summary.0, idea.summary.1),
            description,
            needs: Needs {
                space: idea.space.map(str::to_string),
                equipment: None,
                budget_kzt: idea.budget,
                partners: (n % 3 == 0)
                    .then(|| "Ақтөбе облысының жастар саясаты басқармасы".to_string()),
            },
        };
        let id = storage::insert(tx, author, &draft).await?;
        ids.push(id);
        // Older ideas went further: spread the history over the past months.
        let started = now - Duration::days(40 + 12 * (IDEAS.len() - n) as i64);
        let path = path_to(idea.status);
        let mut at = started;
        let mut prev: Option<Status> = None;
        for (k, step) in path.iter().enumerate() {
            let actor = match step {
                Status::Draft | Status::Submitted | Status::Withdrawn => Some(author),
                Status::InProgress => Some(author),
                Status::UnderReview if n % 2 == 0 => None,
                _ => Some(s.admin),
            };
            let comment = match step {
                Status::Withdrawn => Some("Жаз бойы уақытым болмайды, келесі жылы қайта ұсынамын."),
                Status::Implemented => Some("Барлық кезең орындалды, есеп жарияланды."),
                _ => None,
            };
            timeline_entry(tx, id, prev, *step, actor, comment, at).await?;
            prev = Some(*step);
            if k + 1 < path.len() {
                at += Duration::days(6 + (n as i64 % 5));
            }
        }
        let submitted = (path.len() > 1).then(|| started + Duration::days(6 + (n as i64 % 5)));
        on_tx!(tx, conn => sqlx::query(
            "UPDATE initiatives SET status = $2, created_at = $3, updated_at = $4, submitted_at = $5 WHERE id = $1")
            .bind(id)
            .bind(idea.status.as_str())
            .bind(started)
            .bind(at)
            .bind(submitted)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;

        // Supports: none for drafts, under the threshold while submitted, more later on.
        let count = match idea.status {
            Status::Draft => 0,
            Status::Submitted => 3 + (n * 7) % 15,
            Status::Withdrawn => 2,
            _ => 20 + (n * 13) % 45,
        }
        .min(s.supporters.len());
        for k in 0..count {
            let user = s.supporters[(n * 31 + k * 7) % s.supporters.len()];
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO initiative_supports (initiative_id, user_id, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (initiative_id, user_id) DO NOTHING")
                .bind(id)
                .bind(user)
                .bind(started + Duration::hours(30 + k as i64))
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        on_tx!(tx, conn => sqlx::query(
            "UPDATE initiatives SET supports = (SELECT COUNT(*) FROM initiative_supports WHERE initiative_id = $1) WHERE id = $1")
            .bind(id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;

        // The official answer.
        if matches!(
            idea.status,
            Status::Accepted | Status::Declined | Status::InProgress | Status::Implemented
        ) {
            let declined = idea.status == Status::Declined;
            let answer = storage::Answer {
                decision: if declined {
                    Status::Declined
                } else {
                    Status::Accepted
                },
                text: if declined {
                    Text::both(
                        "Бастама қаралды. Өкінішке қарай, қазіргі жағдайда оны іске асыру мүмкін емес.",
                        "Инициатива рассмотрена. К сожалению, сейчас ее реализовать невозможно.",
                    )
                } else {
                    Text::both(
                        "Бастама қолдау тапты. Облыстық филиал іске асыруға көмектеседі.",
                        "Инициатива поддержана. Областной филиал поможет с реализацией.",
                    )
                },
                reason: declined.then(|| {
                    if idea.budget.is_some() {
                        "Бюджет пен орын-жай мүмкіндігінен асып түседі.".to_string()
                    } else {
                        "Түнгі уақытта қауіпсіздік пен кезекшілікті қамтамасыз ету мүмкін емес."
                            .to_string()
                    }
                }),
                responsible_name: (!declined).then(|| "Жастар ресурстық орталығы".to_string()),
                responsible_user_id: None,
                // One accepted answer is past its deadline (flagged for the reports).
                deadline: (!declined).then(|| {
                    if idea.status == Status::Accepted && n % 2 == 1 {
                        today - Duration::days(10)
                    } else {
                        today + Duration::days(30 + n as i64)
                    }
                }),
                answered_by: Some(s.admin),
                answered_at: started + Duration::days(20),
            };
            storage::save_answer(tx, id, &answer).await?;
        }

        // Milestones for the work under way and done.
        if matches!(idea.status, Status::InProgress | Status::Implemented) {
            let steps = [
                ("Жоспар мен бюджетті бекіту", "Утвердить план и бюджет"),
                ("Серіктестермен келісу", "Договориться с партнерами"),
                ("Бірінші іс-шара", "Первое мероприятие"),
                ("Қорытынды есеп", "Итоговый отчет"),
            ];
            for (k, (kk, ru)) in steps.iter().enumerate() {
                let done = idea.status == Status::Implemented || k < 1 + n % 3;
                milestones::insert(
                    tx,
                    id,
                    &Text::both(kk, ru),
                    Some(today + Duration::days(k as i64 * 14 - 20)),
                    done.then_some(started + Duration::days(25 + k as i64 * 10)),
                )
                .await?;
            }
        }
        if idea.status == Status::Implemented {
            storage::set_report(
                tx,
                id,
                &Text::both(
                    "Бастама толық іске асырылды. **Нәтижесі:** жастар үшін тұрақты жұмыс істейтін орын пайда болды.",
                    "Инициатива полностью реализована. **Итог:** у молодежи появилось постоянно работающее место.",
                ),
            )
            .await?;
        }

        // A few comments, one reply each.
        if idea.status.is_public() && n % 3 != 2 {
            let commenter = s.supporters[(n * 5) % s.supporters.len()];
            let cid: i64 = on_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO initiative_comments (initiative_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(id)
                .bind(commenter)
                .bind(if n % 2 == 0 { "Керемет идея! Мен де көмектесуге дайынмын." } else { "Отличная идея, готов помочь с организацией." })
                .bind(started + Duration::days(8))
                .fetch_one(conn)
                .await)?;
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO initiative_comments (initiative_id, parent_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(cid)
                .bind(author)
                .bind(if n % 2 == 0 { "Рақмет! Топқа қосылыңыз." } else { "Спасибо! Присоединяйтесь к команде." })
                .bind(started + Duration::days(9))
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }

    // The team of the coworking initiative: two members who accepted.
    for (k, member) in s.supporters.iter().take(2).enumerate() {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO initiative_team (initiative_id, user_id, status, invited_by, created_at, accepted_at)
             VALUES ($1, $2, 'accepted', $3, $4, $4) ON CONFLICT (initiative_id, user_id) DO NOTHING")
            .bind(ids[0])
            .bind(*member)
            .bind(s.authors[0])
            .bind(now - Duration::days(400 - k as i64))
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
    }

    // The session of the regional Assembly where the coworking center was raised.
    let session = meetings::insert(
        tx,
        &NewMeeting {
            unit_id: s.region,
            kind: Kind::AssemblySession,
            title: Text::both(
                "Ақтөбе облысы Қазақстан халқы Ассамблеясының сессиясы",
                "Сессия Ассамблеи народа Казахстана Актюбинской области",
            ),
            held_on: date(today, -420),
            place: Some("Ақтөбе, Достық үйі".to_string()),
            notes: Text::both(
                "«Ассамблея жастары» бірлестігінің мүшесі өңір басшысы алдында жастарға арналған коворкинг орталығын ашу туралы бастама көтерді; өңір басшысы ұсынысты қолдады.",
                "Член объединения «Ассамблея жастары» поднял перед главой региона инициативу открыть коворкинг-центр для молодежи; глава региона поддержал предложение.",
            ),
            participants: vec![
                Participant { name: "Ақтөбе облысының әкімі".to_string(), position: Some("өңір басшысы, Ассамблея төрағасы".to_string()), user_id: None },
                Participant { name: "Облыстық Ассамблея хатшылығы".to_string(), position: None, user_id: None },
                Participant { name: "«Ассамблея жастары» облыстық филиалының өкілдері".to_string(), position: None, user_id: Some(s.authors[0]) },
            ],
        },
        Some(s.admin),
    )
    .await?;
    meetings::insert_item(
        tx,
        session,
        &NewItem {
            initiative_id: ids[0],
            decision: Text::both(
                "Өңір басшысы бастаманы қолдады: коворкинг орталығына орын-жай бөлу және жабдықтау тапсырылды.",
                "Глава региона поддержал инициативу: поручено выделить помещение и оснастить коворкинг-центр.",
            ),
            responsible_name: Some("Облыстың жастар саясаты басқармасы".to_string()),
            responsible_user_id: None,
            deadline: Some(date(today, -200)),
        },
    )
    .await?;
    on_tx!(tx, conn => sqlx::query("UPDATE meeting_items SET done_at = $2 WHERE meeting_id = $1")
        .bind(session)
        .bind(now - Duration::days(210))
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;

    // The meeting with the akim where youth voiced more proposals.
    let meeting = meetings::insert(
        tx,
        &NewMeeting {
            unit_id: s.region,
            kind: Kind::AkimMeeting,
            title: Text::both(
                "Жастардың облыс әкімімен кездесуі",
                "Встреча молодежи с акимом области",
            ),
            held_on: date(today, -45),
            place: Some("«Ассамблея жастары» коворкинг орталығы".to_string()),
            notes: Text::both(
                "Жастар ұсыныс-тілектерін айтты; өңір басшысы белсенді жастарды әрдайым қолдайтынын жеткізді.",
                "Молодежь озвучила предложения; глава региона заверил, что будет поддерживать активную молодежь.",
            ),
            participants: vec![
                Participant { name: "Ақтөбе облысының әкімі".to_string(), position: Some("өңір басшысы".to_string()), user_id: None },
                Participant { name: "Облыс әкімінің орынбасары".to_string(), position: None, user_id: None },
                Participant { name: "Студенттік ассамблеялардың өкілдері".to_string(), position: None, user_id: Some(s.authors[1 % s.authors.len()]) },
            ],
        },
        Some(s.admin),
    )
    .await?;
    for (k, idx) in [3usize, 7, 11].into_iter().enumerate() {
        meetings::insert_item(
            tx,
            meeting,
            &NewItem {
                initiative_id: ids[idx],
                decision: Text::both(
                    "Әкім тиісті басқармаға бастаманы пысықтап, мерзімінде жауап беруді тапсырды.",
                    "Аким поручил профильному управлению проработать инициативу и ответить в срок.",
                ),
                responsible_name: Some(
                    [
                        "Облыстың білім басқармасы",
                        "Облыстың дене шынықтыру және спорт басқармасы",
                        "Облыстың цифрландыру басқармасы",
                    ][k]
                        .to_string(),
                ),
                responsible_user_id: None,
                // The last one is past its deadline.
                deadline: Some(date(today, if k == 2 { -5 } else { 20 + 10 * k as i64 })),
            },
        )
        .await?;
    }
    Ok(ids.len())
}

fn date(today: NaiveDate, days: i64) -> NaiveDate {
    today + Duration::days(days)
}
