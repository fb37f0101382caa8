//! Demo people of the Aktobe region: the people are FICTIONAL, the place names are real.
//!
//! Every person is invented: given names and surnames common in each of the region's
//! communities are combined by a fixed pseudo-random generator, and the names of a few
//! well-known people (and of the hand-written demo accounts in `demo.rs`) are never
//! produced. Cities, districts, universities and colleges are real, taken from
//! `context/aktobe-region.md`.
//!
//! E-mail addresses use the reserved domain [`EMAIL_DOMAIN`] (RFC 2606), so no message
//! can reach anyone. Phone numbers have real Kazakh mobile prefixes and random digits,
//! so some may belong to real people: the demo must never call or text them.
//!
//! [`people`] is deterministic and stable: the same `n` gives the same list on every run,
//! and a longer list begins with the shorter one (`people(300)` is `people(600)[..300]`).

use std::collections::HashSet;

/// A community of the region (used for names and for ethnocultural associations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Community {
    Kazakh,
    Russian,
    Ukrainian,
    Tatar,
    Bashkir,
    German,
    Korean,
    Azerbaijani,
    Chechen,
    Belarusian,
    Polish,
}

impl Community {
    /// Every community, in the order of the enum.
    pub const ALL: [Community; 11] = [
        Community::Kazakh,
        Community::Russian,
        Community::Ukrainian,
        Community::Tatar,
        Community::Bashkir,
        Community::German,
        Community::Korean,
        Community::Azerbaijani,
        Community::Chechen,
        Community::Belarusian,
        Community::Polish,
    ];

    /// A stable ASCII key ("kazakh", "korean", …), as `demo.rs` names its units.
    pub fn key(self) -> &'static str {
        match self {
            Community::Kazakh => "kazakh",
            Community::Russian => "russian",
            Community::Ukrainian => "ukrainian",
            Community::Tatar => "tatar",
            Community::Bashkir => "bashkir",
            Community::German => "german",
            Community::Korean => "korean",
            Community::Azerbaijani => "azerbaijani",
            Community::Chechen => "chechen",
            Community::Belarusian => "belarusian",
            Community::Polish => "polish",
        }
    }
}

/// One fictional person of the demo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoPerson {
    /// Given name then surname, in Cyrillic: "Айгерім Сапарова", "Виктория Ким".
    pub full_name: String,
    /// ASCII, lowercase, unique: "aigerim.saparova@example.org".
    pub email: String,
    /// "+7 7XX XXX XX XX", unique, with a Kazakh mobile prefix.
    pub phone: String,
    pub female: bool,
    pub community: Community,
    /// (year, month, day), a valid date; the age on [`AGE_REFERENCE_DATE`] is 14–45.
    pub birth_date: (i32, u32, u32),
    /// [`AKTOBE`] or one of the places of [`DISTRICT_PLACES`].
    pub city: &'static str,
    /// One of [`INSTITUTIONS`] (students), or a school or a job, in Russian or Kazakh.
    pub study_or_work: &'static str,
    /// ISO 639-1 codes among [`LANGUAGES`], the first the one spoken best.
    pub languages: &'static [&'static str],
    /// 2–4 distinct tags of [`INTERESTS`].
    pub interests: Vec<&'static str>,
    /// 1–3 distinct tags of [`SKILLS`].
    pub skills: Vec<&'static str>,
}

/// The domain of every demo e-mail address (reserved by RFC 2606: mail never leaves).
pub const EMAIL_DOMAIN: &str = "example.org";

/// The day ages are counted on: (year, month, day).
pub const AGE_REFERENCE_DATE: (i32, u32, u32) = (2026, 11, 25);

/// The city of Aktobe, home of about 70 of 300 (7 in 30) demo people.
pub const AKTOBE: &str = "Ақтөбе";

/// The places outside Aktobe used in `city`, each with its district (Kazakh names): every
/// district by its own name, except Мұғалжар, named by its centre, the town of Қандыағаш.
pub const DISTRICT_PLACES: [(&str, &str); 12] = [
    ("Алға", "Алға"),
    ("Әйтеке би", "Әйтеке би"),
    ("Байғанин", "Байғанин"),
    ("Қарғалы", "Қарғалы"),
    ("Қобда", "Қобда"),
    ("Мәртөк", "Мәртөк"),
    ("Қандыағаш", "Мұғалжар"),
    ("Ойыл", "Ойыл"),
    ("Темір", "Темір"),
    ("Хромтау", "Хромтау"),
    ("Шалқар", "Шалқар"),
    ("Ырғыз", "Ырғыз"),
];

/// The region's universities and colleges (Russian names of `aktobe-region.md`).
pub const INSTITUTIONS: [&str; 6] = [
    "Актюбинский региональный университет им. К. Жубанова",
    "Западно-Казахстанский медицинский университет им. Марата Оспанова",
    "Университет Баишева",
    "Казахско-Русский Международный университет",
    "Актюбинский высший политехнический колледж",
    "Актюбинский медицинский колледж",
];

/// The language codes a demo person may speak.
pub const LANGUAGES: [&str; 12] = [
    "kk", "ru", "en", "uk", "tt", "ko", "de", "az", "ce", "be", "pl", "tr",
];

/// The interest tags.
pub const INTERESTS: [&str; 18] = [
    "волонтерство",
    "IT",
    "музыка",
    "спорт",
    "дебаты",
    "тарих",
    "фотография",
    "кино",
    "экология",
    "домбыра",
    "шахматы",
    "дизайн",
    "туризм",
    "театр",
    "кітап оқу",
    "тілдер",
    "кәсіпкерлік",
    "танцы",
];

/// The skill tags.
pub const SKILLS: [&str; 10] = [
    "ведущий мероприятий",
    "SMM",
    "дизайн",
    "программирование",
    "перевод",
    "фотосъемка",
    "организация",
    "монтаж видео",
    "копирайтинг",
    "первая помощь",
];

/// The age in whole years on `on` of someone born on `birth`.
pub fn age_on(birth: (i32, u32, u32), on: (i32, u32, u32)) -> i32 {
    let before_birthday = (on.1, on.2) < (birth.1, birth.2);
    on.0 - birth.0 - i32::from(before_birthday)
}

/// `n` demo people (the demo uses 300). Deterministic; `people(m)` begins with `people(n)`
/// for `m > n`.
pub fn people(n: usize) -> Vec<DemoPerson> {
    let mut out = Vec::with_capacity(n);
    let mut names = HashSet::new();
    let mut emails = HashSet::new();
    let mut phones = HashSet::new();
    let mut communities = Vec::new();
    let mut groups = Vec::new();
    for i in 0..n {
        if i % BLOCK == 0 {
            let block = (i / BLOCK) as u64;
            communities = block_pattern(&COMMUNITY_QUOTA, SEED ^ 0xC0 ^ block.wrapping_mul(GOLDEN));
            groups = block_pattern(&AGE_QUOTA, SEED ^ 0xA6E ^ block.wrapping_mul(MIX));
        }
        let community = communities[i % BLOCK];
        let group = groups[i % BLOCK];
        let mut rng = Rng(SEED ^ (i as u64 + 1).wrapping_mul(GOLDEN));
        let female = rng.percent(54);
        let (given, full_name) = name(&mut rng, community, female, &mut names);
        let email = email(given, &full_name[given.len() + 1..], &mut emails);
        let phone = phone(&mut rng, &mut phones);
        let age = match group {
            AgeGroup::Minor => rng.weighted(&MINOR_AGES),
            AgeGroup::Youth => rng.weighted(&YOUTH_AGES),
            AgeGroup::Senior => rng.weighted(&SENIOR_AGES),
        };
        let birth_date = birth_date(&mut rng, age);
        let city = if lives_in_aktobe(i) {
            AKTOBE
        } else {
            rng.weighted(&DISTRICT_WEIGHTS)
        };
        let study_or_work = study_or_work(&mut rng, age, female, city);
        let languages = rng.weighted(languages_of(community));
        let interest_count = 2 + rng.below(3);
        let interests = rng.sample(&INTERESTS, interest_count);
        let skill_count = rng.weighted(&[(1, 40), (2, 40), (3, 20)]);
        let skills = rng.sample(&SKILLS, skill_count);
        out.push(DemoPerson {
            full_name,
            email,
            phone,
            female,
            community,
            birth_date,
            city,
            study_or_work,
            languages,
            interests,
            skills,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------
// The generator.

const SEED: u64 = 0x4F52_5441_515F_4B5A;
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
const MIX: u64 = 0xD1B5_4A32_D192_ED03;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is negligible here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|&(_, w)| w).sum();
        let mut r = self.below(total as usize) as u32;
        for &(item, w) in items {
            if r < w {
                return item;
            }
            r -= w;
        }
        items[items.len() - 1].0
    }

    /// `k` distinct items, in list order.
    fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for j in 0..k.min(idx.len()) {
            let r = j + self.below(idx.len() - j);
            idx.swap(j, r);
        }
        let mut chosen = idx[..k.min(items.len())].to_vec();
        chosen.sort_unstable();
        chosen.into_iter().map(|j| items[j]).collect()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for j in (1..items.len()).rev() {
            let r = self.below(j + 1);
            items.swap(j, r);
        }
    }
}

/// Communities and age groups are dealt from shuffled blocks of 100 with fixed quotas, so
/// every full hundred has exactly the quotas and any `n ≥ 100` has nearly them.
const BLOCK: usize = 100;

fn block_pattern<T: Copy>(quota: &[(T, usize)], seed: u64) -> Vec<T> {
    let mut pattern: Vec<T> = quota
        .iter()
        .flat_map(|&(item, count)| std::iter::repeat_n(item, count))
        .collect();
    debug_assert_eq!(pattern.len(), BLOCK);
    Rng(seed).shuffle(&mut pattern);
    pattern
}

const COMMUNITY_QUOTA: [(Community, usize); 11] = [
    (Community::Kazakh, 69),
    (Community::Russian, 15),
    (Community::Ukrainian, 4),
    (Community::Tatar, 3),
    (Community::Korean, 2),
    (Community::German, 2),
    (Community::Azerbaijani, 1),
    (Community::Chechen, 1),
    (Community::Bashkir, 1),
    (Community::Belarusian, 1),
    (Community::Polish, 1),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AgeGroup {
    /// 14–17
    Minor,
    /// 18–35
    Youth,
    /// 36–45: older staff and leaders
    Senior,
}

const AGE_QUOTA: [(AgeGroup, usize); 3] = [
    (AgeGroup::Minor, 8),
    (AgeGroup::Youth, 86),
    (AgeGroup::Senior, 6),
];

const MINOR_AGES: [(i32, u32); 4] = [(14, 1), (15, 2), (16, 3), (17, 4)];

const YOUTH_AGES: [(i32, u32); 18] = [
    (18, 9),
    (19, 10),
    (20, 10),
    (21, 9),
    (22, 8),
    (23, 7),
    (24, 6),
    (25, 6),
    (26, 5),
    (27, 5),
    (28, 4),
    (29, 4),
    (30, 3),
    (31, 3),
    (32, 3),
    (33, 2),
    (34, 2),
    (35, 1),
];

const SENIOR_AGES: [(i32, u32); 10] = [
    (36, 3),
    (37, 3),
    (38, 2),
    (39, 2),
    (40, 2),
    (41, 2),
    (42, 1),
    (43, 1),
    (44, 1),
    (45, 1),
];

/// Exactly ⌊7n/30⌋ of the first `n` people live in Aktobe (70 of 300), evenly spread.
fn lives_in_aktobe(i: usize) -> bool {
    (i + 1) * 7 / 30 > i * 7 / 30
}

/// Places outside Aktobe, weighted roughly by their districts' populations.
const DISTRICT_WEIGHTS: [(&str, u32); 12] = [
    ("Қандыағаш", 14),
    ("Хромтау", 10),
    ("Алға", 10),
    ("Мәртөк", 7),
    ("Темір", 7),
    ("Шалқар", 7),
    ("Әйтеке би", 6),
    ("Байғанин", 5),
    ("Қобда", 5),
    ("Қарғалы", 4),
    ("Ойыл", 4),
    ("Ырғыз", 3),
];

// ---------------------------------------------------------------------------------------
// Names. Each list is one string of words; surnames are in the masculine form and
// `surname_form` makes the feminine one.

struct NameLists {
    male: &'static str,
    female: &'static str,
    surnames: &'static str,
}

const KAZAKH: NameLists = NameLists {
    male: "Нұрсұлтан Ерасыл Дәулет Бауыржан Қуаныш Темірлан Ғалымжан Данияр Арман Асылхан \
           Ерлан Нұрлан Айдос Жандос Ерназар Ақжол Әлихан Әділет Бекзат Бекжан Ерболат Жасұлан \
           Қайрат Мақсат Нұрбол Олжас Сұлтан Талғат Абылай Алмас Асқар Азамат Бағдат Бақытжан \
           Дархан Дидар Ерсұлтан Жанболат Ілияс Қанат Нұржан Рауан Саят Серік Санжар Шыңғыс \
           Ернұр Нұрдәулет Әмір Мирас Еркебұлан Ержан Айбек Бақдәулет Аян Әлішер Мейірхан",
    female: "Айгерім Ақерке Әсел Жансая Ұлжан Аружан Мерей Шұғыла Аяжан Дана Жанерке Жұлдыз \
             Гүлназ Гүлнұр Динара Қарлығаш Ақбота Ақмарал Балжан Әлия Әйгүл Назерке Нұрсұлу \
             Томирис Сандуғаш Толғанай Ботагөз Мөлдір Меруерт Гүлдана Ділназ Інжу Жібек Айым \
             Айша Тоғжан Күнсұлу Айжан Нұргүл Мадина Салтанат Жадыра Айдана Анеля Аяулым \
             Еркежан Қуралай Ләззат Үміт Гауһар Әдемі Перизат",
    surnames: "Сапаров Жұмабаев Төлегенов Сәрсенбаев Қасымов Әбдірахманов Ахметов Омаров \
               Серікбаев Бекмұхамедов Ермеков Исабеков Байжанов Оразов Әлімов Мұхамбетов Қалиев \
               Ысқақов Жақсылықов Тұрсынов Мақсұтов Есенов Нұрмағамбетов Өтепов Досмұхамбетов \
               Жақсыбеков Қуанышев Бисенов Кенжебаев Тәжібаев Шәріпов Ғабдуллин Қожахметов \
               Айтбаев Сейітов Рахымов Мырзабеков Үмбетов Ізбасаров Дүйсенов Елеусізов Жантасов \
               Нұрғалиев Бақытжанов Темірханов Қоңыратбаев Есқалиев Өтегенов",
};

/// Patronymic-style Kazakh surnames (-ұлы for men, -қызы for women), used for about 15%.
const KAZAKH_PATRONYMICS: &str = "Серікұлы Ерланұлы Болатұлы Асқарұлы Ғаниұлы Нұрланұлы \
                                  Қайратұлы Мұратұлы Бекенұлы Талғатұлы Сәкенұлы Жомартұлы";

const RUSSIAN: NameLists = NameLists {
    male: "Дмитрий Кирилл Артём Максим Александр Никита Илья Егор Даниил Иван Андрей Сергей \
           Михаил Алексей Роман Владислав Павел Евгений Антон Денис Тимофей Матвей",
    female: "Анастасия Полина Дарья Екатерина Мария Анна Елизавета Виктория Алина Ксения Валерия \
             Софья Юлия Ольга Татьяна Кристина Вероника Алёна Ирина Арина",
    surnames: "Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов \
               Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов \
               Андреев Макаров Захаров Зайцев Борисов Яковлев Григорьев Сергеев Кузьмин Фролов \
               Дмитриев Гусев Максимов Поляков Виноградов Ковалёв Белов Тарасов Баранов Комаров \
               Давыдов Беляев Богданов Осипов Сидоров Матвеев Марков Крылов Куликов Власов \
               Мельников Денисов Гаврилов Тихонов Казаков Данилов Тимофеев Фомин Чернов Назаров",
};

const UKRAINIAN: NameLists = NameLists {
    male: "Олег Тарас Богдан Андрей Назар Василий Степан Роман Ярослав Максим Виталий",
    female: "Оксана Олеся Христина Ульяна Галина Марина Ирина Злата Наталия Леся Виктория Юлиана",
    surnames: "Ковальчук Шевчук Бондаренко Ткаченко Кравченко Мельник Бойко Коваленко Савченко \
               Петренко Олейник Гнатюк Марченко Руденко Климчук Лысенко Романюк Полищук",
};

const TATAR: NameLists = NameLists {
    male: "Ринат Рустем Айдар Ильдар Тимур Марат Рамиль Ильнур Азат Динар Ильшат Рафаэль",
    female: "Алсу Гульнара Лейсан Алия Резеда Гузель Эльвира Диляра Камила Ралина Айгуль Гульшат",
    surnames: "Галиев Хабибуллин Шакиров Гарипов Мухаметзянов Зарипов Валиев Хайруллин \
               Гильмутдинов Ахметзянов Фаттахов Латыпов Сабиров Закиров Нуриев Мингазов",
};

const BASHKIR: NameLists = NameLists {
    male: "Азамат Ильгиз Урал Ирек Булат Ильдус Айнур Салават Ринат Айдар",
    female: "Айгуль Гульназ Зульфия Лилия Айсылу Гульшат Альфия Танзиля Ляйсан Зарина",
    surnames: "Ахметшин Юлдашев Бикбаев Гайсин Сагитов Байрамгулов Ишмухаметов Аминев Кутлубаев \
               Ямалов",
};

const GERMAN: NameLists = NameLists {
    male: "Артур Эдуард Давид Андрей Александр Эрик Кирилл Виктор Вальдемар Максим Даниэль",
    female: "Анна Ирина Эльза Эмма Мария Виктория Ангелина Кристина Ева Амалия Ольга Лидия",
    surnames: "Шмидт Вебер Миллер Гофман Шнайдер Майер Бауэр Вагнер Фишер Рихтер Келлер Краузе \
               Гартман Беккер Циммерман",
};

const KOREAN: NameLists = NameLists {
    male: "Александр Сергей Артур Евгений Станислав Эдуард Константин Вадим Руслан Олег Игорь",
    female: "Виктория Анна Ирина Елена Алёна Кристина Марина Валентина Наталья Ольга Юлия Диана \
             Яна",
    surnames: "Ким Пак Ли Цой Тен Хван Ан Хан Югай Шин Когай Нам Тян Огай Лигай",
};

const AZERBAIJANI: NameLists = NameLists {
    male: "Эльдар Рашад Турал Фарид Руфат Эмиль Орхан Эльвин Самир Нихад Кенан Анар Джавид",
    female: "Айтен Гюнай Севиндж Нармин Аида Севда Айгюн Ульвия Фидан Нигяр Камила Лала Гюльнар",
    surnames: "Алиев Мамедов Гусейнов Гасанов Аббасов Бабаев Рзаев Джафаров Ахмедов Агаев \
               Новрузов Велиев",
};

const CHECHEN: NameLists = NameLists {
    male: "Адам Ислам Ибрагим Магомед Хасан Умар Муса Ильяс Абдулла Ахмед Саид Мансур Тимур",
    female: "Малика Седа Хеда Зарема Амина Мадина Хава Марьям Аминат Зулихан Петимат Лейла Элина",
    surnames: "Исаев Мусаев Юсупов Хасанов Ибрагимов Магомедов Абубакаров Ахмадов Байсултанов \
               Эльмурзаев Сайдулаев",
};

const BELARUSIAN: NameLists = NameLists {
    male: "Алесь Андрей Павел Максим Владислав Никита Артём Иван Глеб Константин",
    female: "Алеся Ольга Яна Вероника Ульяна Марина Дарья Анастасия Кристина",
    surnames: "Ковалевич Жук Новик Лукашевич Козлович Мацкевич Радкевич Карпович Гринкевич Шимко \
               Бородич",
};

const POLISH: NameLists = NameLists {
    male: "Станислав Ян Адам Марек Артур Эдуард Виталий Вадим Казимир",
    female: "Анна Мария Кристина Эвелина Вероника Богдана Жанна Виолетта Ядвига Станислава",
    surnames: "Ковальский Новак Вишневский Домбровский Каминский Шиманский Яблонский \
               Войцеховский Маковский Ясинский Савицкий",
};

fn name_lists(community: Community) -> &'static NameLists {
    match community {
        Community::Kazakh => &KAZAKH,
        Community::Russian => &RUSSIAN,
        Community::Ukrainian => &UKRAINIAN,
        Community::Tatar => &TATAR,
        Community::Bashkir => &BASHKIR,
        Community::German => &GERMAN,
        Community::Korean => &KOREAN,
        Community::Azerbaijani => &AZERBAIJANI,
        Community::Chechen => &CHECHEN,
        Community::Belarusian => &BELARUSIAN,
        Community::Polish => &POLISH,
    }
}

/// Names never produced: well-known people a random combination could hit, and the
/// hand-written accounts of `demo.rs`.
const AVOIDED_NAMES: [&str; 37] = [
    "Серік Ахметов",
    "Александр Петров",
    "Александр Попов",
    "Александр Волков",
    "Дмитрий Петров",
    "Андрей Соколов",
    "Иван Фёдоров",
    "Михаил Калинин",
    "Павел Морозов",
    "Мария Захарова",
    "Анна Павлова",
    "Артур Миллер",
    "Мансур Исаев",
    "Марек Каминский",
    "Ян Ковальский",
    "Лейла Алиева",
    "Виктор Цой",
    "Денис Тен",
    "Анита Цой",
    "Нелли Ким",
    "Юлий Ким",
    "Вячеслав Ким",
    "Роман Ким",
    "Юрий Шевчук",
    "Илья Ковальчук",
    "Марат Сафин",
    "Салават Юлаев",
    "Айгерім Сапарова",
    "Данияр Жұмабаев",
    "Анна Ким",
    "Руслан Исмаилов",
    "Мадина Төлегенова",
    "Нұрсұлтан Ержанов",
    "Екатерина Белова",
    "Аружан Қайратқызы",
    "Ержан Серікбаев",
    "Әсел Нұрланова",
];

/// The surname as a man or a woman of the community writes it: -ов/-ев/-ин take -а,
/// -ский/-цкий become -ская/-цкая, -ұлы becomes -қызы; Korean surnames and the rest
/// (-ко, -чук, -ич, German, Новак) do not change.
fn surname_form(surname: &str, female: bool, community: Community) -> String {
    if !female || community == Community::Korean {
        return surname.to_string();
    }
    if let Some(stem) = surname.strip_suffix("ұлы") {
        format!("{stem}қызы")
    } else if let Some(stem) = surname.strip_suffix("кий") {
        format!("{stem}кая")
    } else if ["ов", "ев", "ёв", "ин"]
        .iter()
        .any(|end| surname.ends_with(end))
    {
        format!("{surname}а")
    } else {
        surname.to_string()
    }
}

/// A given name and the full name, new in `used` when the lists allow it (after many
/// tries a repeat is accepted), never one of the avoided names, never a surname made of
/// the given name.
fn name(
    rng: &mut Rng,
    community: Community,
    female: bool,
    used: &mut HashSet<String>,
) -> (&'static str, String) {
    let lists = name_lists(community);
    let given: Vec<&'static str> = if female { lists.female } else { lists.male }
        .split_whitespace()
        .collect();
    let surnames: Vec<&'static str> = if community == Community::Kazakh && rng.percent(15) {
        KAZAKH_PATRONYMICS.split_whitespace().collect()
    } else {
        lists.surnames.split_whitespace().collect()
    };
    let mut tries = 0;
    loop {
        let first = rng.pick(&given);
        let surname = rng.pick(&surnames);
        let full = format!("{first} {}", surname_form(surname, female, community));
        tries += 1;
        // "Нұрлан Нұрланұлы", "Максим Максимов": odd, and avoided.
        if surname.starts_with(first) || AVOIDED_NAMES.contains(&full.as_str()) {
            continue;
        }
        if used.insert(full.clone()) || tries > 50 {
            return (first, full);
        }
    }
}

/// Cyrillic (Russian and Kazakh letters) to plain lowercase ASCII for e-mail addresses.
fn transliterate(text: &str) -> String {
    const VOWELS: &str = "аәеёиіоөуұүыэюя";
    let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::new();
    for (k, &c) in chars.iter().enumerate() {
        let next_is_consonant = chars
            .get(k + 1)
            .is_some_and(|&n| n.is_alphabetic() && !VOWELS.contains(n));
        let latin = match c {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'й' if next_is_consonant => "i",
            'й' => "y",
            'к' | 'қ' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' => "u",
            'ф' => "f",
            'х' => "kh",
            'һ' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            '-' => "-",
            ' ' => ".",
            _ => {
                if c.is_ascii_alphanumeric() {
                    out.push(c);
                }
                ""
            }
        };
        out.push_str(latin);
    }
    out
}

/// "given.surname@domain", with 2, 3, … after the surname when already used.
fn email(given: &str, surname: &str, used: &mut HashSet<String>) -> String {
    let local = format!("{}.{}", transliterate(given), transliterate(surname));
    let mut email = format!("{local}@{EMAIL_DOMAIN}");
    let mut k = 2;
    while !used.insert(email.clone()) {
        email = format!("{local}{k}@{EMAIL_DOMAIN}");
        k += 1;
    }
    email
}

const MOBILE_PREFIXES: [&str; 12] = [
    "700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778",
];

/// "+7 7XX XXX XX XX", new in `used`.
fn phone(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    loop {
        let prefix = rng.pick(&MOBILE_PREFIXES);
        let number = 2_000_000 + rng.below(8_000_000);
        let phone = format!(
            "+7 {prefix} {:03} {:02} {:02}",
            number / 10_000,
            number / 100 % 100,
            number % 100
        );
        if used.insert(phone.clone()) {
            return phone;
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day counted from 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m as u32, d as u32)
}

/// A birth date at which one is exactly `age` on [`AGE_REFERENCE_DATE`]: the last
/// birthday falls on one of the 365 days up to and including that date.
fn birth_date(rng: &mut Rng, age: i32) -> (i32, u32, u32) {
    let (y, m, d) = AGE_REFERENCE_DATE;
    let back = rng.below(365) as i64;
    civil_from_days(days_from_civil(y - age, m, d) - back)
}

// ---------------------------------------------------------------------------------------
// Study and work.

const UNIVERSITIES: [(&str, u32); 4] = [
    (INSTITUTIONS[0], 40),
    (INSTITUTIONS[1], 22),
    (INSTITUTIONS[2], 14),
    (INSTITUTIONS[3], 14),
];

const COLLEGES: [(&str, u32); 2] = [(INSTITUTIONS[4], 55), (INSTITUTIONS[5], 45)];

const JOBS: [&str; 24] = [
    "IT-компания",
    "программист",
    "мектеп мұғалімі",
    "учитель английского языка",
    "медбике",
    "инженер-нефтяник",
    "бухгалтер",
    "банк қызметкері",
    "менеджер по продажам",
    "SMM-менеджер",
    "графический дизайнер",
    "журналист",
    "мемлекеттік қызметші",
    "фитнес-тренер",
    "бариста",
    "кәсіпкер",
    "логист",
    "юрист",
    "фармацевт",
    "балабақша тәрбиешісі",
    "видеограф",
    "аудармашы",
    "электрик",
    "спорт мектебінің жаттықтырушысы",
];

const DISTRICT_JOBS: [&str; 5] = [
    "ауыл мектебінің мұғалімі",
    "аудандық мәдениет үйі",
    "ауылдық округ әкімдігінің маманы",
    "фермерское хозяйство",
    "аудандық аурухана",
];

const SENIOR_JOBS: [&str; 10] = [
    "мектеп директоры",
    "преподаватель университета",
    "руководитель этнокультурного объединения",
    "коворкинг орталығының менеджері",
    "мәдениет үйінің директоры",
    "психолог",
    "кәсіпкер",
    "заместитель директора колледжа",
    "ҮЕҰ жетекшісі",
    "ішкі саясат басқармасының маманы",
];

fn school(rng: &mut Rng, female: bool) -> &'static str {
    if rng.percent(50) {
        "мектеп оқушысы"
    } else if female {
        "школьница"
    } else {
        "школьник"
    }
}

fn job(rng: &mut Rng, city: &'static str) -> &'static str {
    if city == AKTOBE || !rng.percent(40) {
        return rng.pick(&JOBS);
    }
    match city {
        "Хромтау" if rng.percent(50) => "горно-обогатительный комбинат",
        "Қандыағаш" | "Шалқар" if rng.percent(50) => "теміржол станциясы",
        "Байғанин" | "Темір" if rng.percent(50) => "нефтегазовое месторождение",
        _ => rng.pick(&DISTRICT_JOBS),
    }
}

fn study_or_work(rng: &mut Rng, age: i32, female: bool, city: &'static str) -> &'static str {
    // Percent at school, at a college, at a university; the rest work.
    let (at_school, at_college, at_university) = match age {
        ..=15 => (100, 0, 0),
        16 => (60, 40, 0),
        17 => (20, 45, 35),
        18..=19 => (0, 28, 60),
        20..=21 => (0, 7, 78),
        22..=23 => (0, 0, 60),
        24..=26 => (0, 0, 10),
        27..=35 => (0, 0, 0),
        _ => return rng.pick(&SENIOR_JOBS),
    };
    let roll = rng.below(100);
    if roll < at_school {
        school(rng, female)
    } else if roll < at_school + at_college {
        rng.weighted(&COLLEGES)
    } else if roll < at_school + at_college + at_university {
        rng.weighted(&UNIVERSITIES)
    } else {
        job(rng, city)
    }
}

// ---------------------------------------------------------------------------------------
// Languages.

type LanguageSets = [(&'static [&'static str], u32)];

fn languages_of(community: Community) -> &'static LanguageSets {
    match community {
        Community::Kazakh => &[
            (&["kk", "ru"], 50),
            (&["kk", "ru", "en"], 35),
            (&["kk", "ru", "tr"], 8),
            (&["kk", "ru", "en", "tr"], 4),
            (&["kk"], 3),
        ],
        Community::Russian => &[
            (&["ru"], 25),
            (&["ru", "en"], 35),
            (&["ru", "kk"], 20),
            (&["ru", "kk", "en"], 20),
        ],
        Community::Ukrainian => &[
            (&["ru", "uk"], 45),
            (&["ru", "uk", "en"], 30),
            (&["ru", "kk", "uk"], 25),
        ],
        Community::Tatar => &[
            (&["tt", "ru"], 40),
            (&["ru", "tt", "kk"], 35),
            (&["ru", "en"], 25),
        ],
        Community::Bashkir => &[
            (&["ru", "tt"], 40),
            (&["ru", "kk"], 30),
            (&["ru", "en"], 30),
        ],
        Community::German => &[
            (&["ru", "de"], 50),
            (&["ru", "de", "en"], 30),
            (&["ru", "kk"], 20),
        ],
        Community::Korean => &[
            (&["ru", "ko"], 35),
            (&["ru", "en", "ko"], 35),
            (&["ru", "kk", "en"], 30),
        ],
        Community::Azerbaijani => &[
            (&["az", "ru"], 40),
            (&["az", "ru", "tr"], 40),
            (&["az", "ru", "kk"], 20),
        ],
        Community::Chechen => &[
            (&["ce", "ru"], 50),
            (&["ce", "ru", "kk"], 30),
            (&["ce", "ru", "en"], 20),
        ],
        Community::Belarusian => &[
            (&["ru", "be"], 50),
            (&["ru"], 25),
            (&["ru", "be", "en"], 25),
        ],
        Community::Polish => &[
            (&["ru", "pl"], 50),
            (&["ru", "pl", "en"], 30),
            (&["ru", "kk"], 20),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(list: &[DemoPerson], f: impl Fn(&DemoPerson) -> bool) -> usize {
        list.iter().filter(|p| f(p)).count()
    }

    fn age(p: &DemoPerson) -> i32 {
        age_on(p.birth_date, AGE_REFERENCE_DATE)
    }

    fn days_in_month(y: i32, m: u32) -> u32 {
        match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => 0,
        }
    }

    #[test]
    fn deterministic_and_prefix_stable() {
        let a = people(300);
        assert_eq!(a, people(300));
        assert_eq!(a.len(), 300);
        assert_eq!(a[..], people(600)[..300]);
        assert!(people(0).is_empty());
    }

    #[test]
    fn emails_and_phones_are_unique_and_well_formed() {
        let list = people(600);
        let emails: HashSet<&str> = list.iter().map(|p| p.email.as_str()).collect();
        let phones: HashSet<&str> = list.iter().map(|p| p.phone.as_str()).collect();
        assert_eq!(emails.len(), 600);
        assert_eq!(phones.len(), 600);
        for p in &list {
            let (local, domain) = p.email.split_once('@').expect("an @");
            assert_eq!(domain, EMAIL_DOMAIN);
            assert!(local.contains('.'), "{}", p.email);
            assert!(
                local
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'),
                "{}",
                p.email
            );
            let bytes = p.phone.as_bytes();
            assert_eq!(p.phone.len(), 16, "{}", p.phone);
            assert!(p.phone.starts_with("+7 7"), "{}", p.phone);
            assert!(MOBILE_PREFIXES.contains(&&p.phone[3..6]), "{}", p.phone);
            for (k, &b) in bytes.iter().enumerate() {
                match k {
                    0 => assert_eq!(b, b'+'),
                    2 | 6 | 10 | 13 => assert_eq!(b, b' ', "{}", p.phone),
                    _ => assert!(b.is_ascii_digit(), "{}", p.phone),
                }
            }
        }
    }

    #[test]
    fn community_shares_and_aktobe_count_for_300() {
        let list = people(300);
        let ranges = [
            (Community::Kazakh, 195, 225),
            (Community::Russian, 39, 51),
            (Community::Ukrainian, 9, 15),
            (Community::Tatar, 6, 12),
            (Community::Korean, 4, 9),
            (Community::German, 4, 9),
            (Community::Azerbaijani, 2, 6),
            (Community::Chechen, 2, 6),
            (Community::Bashkir, 2, 6),
            (Community::Belarusian, 2, 6),
            (Community::Polish, 2, 6),
        ];
        for (community, low, high) in ranges {
            let c = count(&list, |p| p.community == community);
            assert!((low..=high).contains(&c), "{community:?}: {c}");
        }
        let aktobe = count(&list, |p| p.city == AKTOBE);
        assert!((68..=72).contains(&aktobe), "Aktobe: {aktobe}");
    }

    #[test]
    fn shares_hold_for_other_sizes() {
        for n in [100, 150, 237, 450, 1000] {
            let list = people(n);
            let share = |c: usize| c as f64 / n as f64;
            let aktobe = share(count(&list, |p| p.city == AKTOBE));
            assert!((0.21..=0.25).contains(&aktobe), "n={n}: Aktobe {aktobe}");
            let kazakh = share(count(&list, |p| p.community == Community::Kazakh));
            assert!((0.64..=0.76).contains(&kazakh), "n={n}: Kazakh {kazakh}");
            let minors = share(count(&list, |p| age(p) < 18));
            assert!((0.05..=0.12).contains(&minors), "n={n}: minors {minors}");
        }
    }

    #[test]
    fn birth_dates_are_valid_and_ages_in_range() {
        let list = people(600);
        for p in &list {
            let (y, m, d) = p.birth_date;
            assert!((1..=12).contains(&m), "{:?}", p.birth_date);
            assert!((1..=days_in_month(y, m)).contains(&d), "{:?}", p.birth_date);
            assert!((14..=45).contains(&age(p)), "{:?}", p.birth_date);
        }
        let list = people(300);
        let minors = count(&list, |p| age(p) < 18);
        assert!((15..=36).contains(&minors), "minors: {minors}");
        let seniors = count(&list, |p| age(p) > 35);
        assert!((12..=24).contains(&seniors), "over 35: {seniors}");
        let youth = count(&list, |p| (16..=34).contains(&age(p)));
        assert!(youth >= 240, "16–34: {youth}");
    }

    #[test]
    fn dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (1981, 12, 31), (2012, 3, 1)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        assert_eq!(age_on((2008, 11, 25), AGE_REFERENCE_DATE), 18);
        assert_eq!(age_on((2008, 11, 26), AGE_REFERENCE_DATE), 17);
    }

    #[test]
    fn names_are_letters_and_kazakh_names_use_kazakh_letters() {
        let list = people(600);
        for p in &list {
            assert!(
                p.full_name
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-'),
                "{}",
                p.full_name
            );
            assert_eq!(p.full_name.split(' ').count(), 2, "{}", p.full_name);
            assert!(!AVOIDED_NAMES.contains(&p.full_name.as_str()));
            let (given, surname) = p.full_name.split_once(' ').expect("two words");
            assert!(!surname.starts_with(given), "{}", p.full_name);
        }
        let kazakh_letters = |s: &str| s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c));
        let list = people(300);
        let with_letters = count(&list, |p| {
            p.community == Community::Kazakh && kazakh_letters(&p.full_name)
        });
        assert!(with_letters >= 30, "{with_letters}");
        let patronymic = count(&list, |p| {
            p.full_name.ends_with("ұлы") || p.full_name.ends_with("қызы")
        });
        assert!(patronymic >= 10, "{patronymic}");
        let names: HashSet<&str> = list.iter().map(|p| p.full_name.as_str()).collect();
        assert_eq!(names.len(), 300, "full names repeat");
    }

    #[test]
    fn name_lists_are_rich_enough() {
        let distinct = |s: &str| s.split_whitespace().collect::<HashSet<_>>().len();
        let total = |s: &str| s.split_whitespace().count();
        assert!(distinct(KAZAKH.male) >= 40);
        assert!(distinct(KAZAKH.female) >= 40);
        assert!(distinct(KAZAKH.surnames) >= 40);
        for c in Community::ALL {
            let lists = name_lists(c);
            for s in [lists.male, lists.female, lists.surnames, KAZAKH_PATRONYMICS] {
                assert!(distinct(s) >= 8, "{c:?}");
                assert_eq!(distinct(s), total(s), "{c:?}: a name is listed twice");
            }
        }
    }

    #[test]
    fn feminine_surnames() {
        let f = |s: &str, c: Community| surname_form(s, true, c);
        assert_eq!(f("Сапаров", Community::Kazakh), "Сапарова");
        assert_eq!(f("Жұмабаев", Community::Kazakh), "Жұмабаева");
        assert_eq!(f("Ғабдуллин", Community::Kazakh), "Ғабдуллина");
        assert_eq!(f("Серікұлы", Community::Kazakh), "Серікқызы");
        assert_eq!(f("Ковалёв", Community::Russian), "Ковалёва");
        assert_eq!(f("Ковальчук", Community::Ukrainian), "Ковальчук");
        assert_eq!(f("Хабибуллин", Community::Tatar), "Хабибуллина");
        assert_eq!(f("Ковальский", Community::Polish), "Ковальская");
        assert_eq!(f("Савицкий", Community::Polish), "Савицкая");
        assert_eq!(f("Новак", Community::Polish), "Новак");
        assert_eq!(f("Шин", Community::Korean), "Шин");
        assert_eq!(f("Шмидт", Community::German), "Шмидт");
        assert_eq!(surname_form("Сапаров", false, Community::Kazakh), "Сапаров");
    }

    #[test]
    fn transliteration() {
        assert_eq!(transliterate("Айгерім"), "aigerim");
        assert_eq!(transliterate("Сапарова"), "saparova");
        assert_eq!(transliterate("Дмитрий"), "dmitriy");
        assert_eq!(transliterate("Жұмабаев"), "zhumabaev");
        assert_eq!(transliterate("Қайратқызы"), "kairatkyzy");
        assert_eq!(transliterate("Шұғыла"), "shugyla");
        assert_eq!(transliterate("Майер"), "mayer");
        assert_eq!(transliterate("Дарья Щербакова"), "darya.shcherbakova");
    }

    #[test]
    fn tags_places_and_languages() {
        let list = people(600);
        for p in &list {
            assert!((2..=4).contains(&p.interests.len()));
            assert!((1..=3).contains(&p.skills.len()));
            let interests: HashSet<_> = p.interests.iter().collect();
            let skills: HashSet<_> = p.skills.iter().collect();
            assert_eq!(interests.len(), p.interests.len());
            assert_eq!(skills.len(), p.skills.len());
            assert!(p.interests.iter().all(|t| INTERESTS.contains(t)));
            assert!(p.skills.iter().all(|t| SKILLS.contains(t)));
            assert!(!p.languages.is_empty());
            assert!(p.languages.iter().all(|l| LANGUAGES.contains(l)));
            assert!(p.city == AKTOBE || DISTRICT_PLACES.iter().any(|&(place, _)| place == p.city));
            assert!(!p.study_or_work.is_empty());
        }
        for &(place, _) in &DISTRICT_PLACES {
            assert!(list.iter().any(|p| p.city == place), "nobody in {place}");
        }
        let mut weighted: Vec<&str> = DISTRICT_WEIGHTS.iter().map(|&(p, _)| p).collect();
        let mut places: Vec<&str> = DISTRICT_PLACES.iter().map(|&(p, _)| p).collect();
        weighted.sort_unstable();
        places.sort_unstable();
        assert_eq!(weighted, places);
    }

    #[test]
    fn most_young_people_study() {
        let list = people(300);
        let young: Vec<&DemoPerson> = list
            .iter()
            .filter(|p| (17..=23).contains(&age(p)))
            .collect();
        let students = young
            .iter()
            .filter(|p| INSTITUTIONS.contains(&p.study_or_work))
            .count();
        assert!(
            students * 10 >= young.len() * 6,
            "{students} of {}",
            young.len()
        );
        assert!(
            list.iter()
                .filter(|p| age(p) < 16)
                .all(|p| !INSTITUTIONS.contains(&p.study_or_work))
        );
    }
}
