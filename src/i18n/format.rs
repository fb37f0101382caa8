//! Dates, times and numbers in the reader's language, from ICU4X's CLDR data.
//!
//! Instants are stored in UTC and shown in the location's time zone (`Asia/Aqtobe`).

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{E, T, YMD};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::locale;
use icu_time::Time;
use writeable::TryWriteable;

use super::{Language, Locale};

/// The center's time zone, the default of every location.
pub const AKTOBE: Tz = chrono_tz::Asia::Aqtobe;

/// Kazakh dates: CLDR's long pattern is `y 'ж'. d MMMM` («2026 ж. 25 қараша»); Ortaq
/// writes them day first, as Kazakh news and letters do («25 қараша 2026 ж.»), with
/// CLDR's month names.
const KK_DATE_PATTERN: &str = "d MMMM y 'ж'.";

enum DateFormatter {
    Cldr(FixedCalendarDateTimeFormatter<Gregorian, YMD>),
    Pattern(FixedCalendarDateTimeNames<Gregorian, YMD>, DateTimePattern),
}

impl DateFormatter {
    fn format(&self, date: &Date<Gregorian>) -> String {
        match self {
            DateFormatter::Cldr(f) => f.format(date).to_string(),
            DateFormatter::Pattern(names, pattern) => match names
                .with_pattern_unchecked(pattern)
                .format(date)
                .try_write_to_string()
            {
                Ok(text) => text.into_owned(),
                Err((_, text)) => text.into_owned(),
            },
        }
    }
}

struct Formatters {
    date: DateFormatter,
    time: FixedCalendarDateTimeFormatter<Gregorian, T>,
    weekday: FixedCalendarDateTimeFormatter<Gregorian, E>,
    number: DecimalFormatter,
}

fn formatters(language: Language) -> &'static Formatters {
    static KK: OnceLock<Formatters> = OnceLock::new();
    static RU: OnceLock<Formatters> = OnceLock::new();
    static EN: OnceLock<Formatters> = OnceLock::new();
    let (cell, loc) = match language {
        Language::Kk => (&KK, locale!("kk")),
        Language::Ru => (&RU, locale!("ru")),
        Language::En => (&EN, locale!("en-GB")),
    };
    cell.get_or_init(|| Formatters {
        date: if language == Language::Kk {
            let pattern: DateTimePattern = KK_DATE_PATTERN.parse().expect("a valid date pattern");
            let mut names =
                FixedCalendarDateTimeNames::<Gregorian, YMD>::try_new(loc.clone().into())
                    .expect("ICU4X has Kazakh names");
            names
                .include_for_pattern(&pattern)
                .expect("ICU4X has Kazakh month names");
            DateFormatter::Pattern(names, pattern)
        } else {
            DateFormatter::Cldr(
                FixedCalendarDateTimeFormatter::try_new(loc.clone().into(), YMD::long())
                    .expect("ICU4X has date patterns for ru and en"),
            )
        },
        time: FixedCalendarDateTimeFormatter::try_new(loc.clone().into(), T::hm())
            .expect("ICU4X has time patterns for kk, ru and en"),
        weekday: FixedCalendarDateTimeFormatter::try_new(loc.clone().into(), E::long())
            .expect("ICU4X has weekday names for kk, ru and en"),
        number: DecimalFormatter::try_new(loc.into(), Default::default())
            .expect("ICU4X has number symbols for kk, ru and en"),
    })
}

/// `25 қараша 2026 ж.`, `25 ноября 2026 г.`, `25 November 2026`.
pub fn date(date: NaiveDate, locale: Locale) -> String {
    let text = formatters(locale.language())
        .date
        .format(&gregorian(date))
        .to_string();
    locale.script(&text)
}

fn gregorian(date: NaiveDate) -> Date<Gregorian> {
    Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8)
        .expect("chrono dates are valid Gregorian dates")
}

/// `14:30` (24-hour in all three languages).
pub fn time(time: NaiveTime, locale: Locale) -> String {
    let time = Time::try_new(time.hour() as u8, time.minute() as u8, 0, 0)
        .expect("chrono times are valid");
    formatters(locale.language()).time.format(&time).to_string()
}

/// An instant as a local date and time in `tz`: `25 қараша 2026 ж., 14:30`.
pub fn datetime(instant: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    let local = instant.with_timezone(&tz).naive_local();
    format!(
        "{}, {}",
        date(local.date(), locale),
        time(local.time(), locale)
    )
}

/// The name of an ISO weekday (1 = Monday … 7 = Sunday): `дүйсенбі`, `понедельник`, `Monday`.
pub fn weekday(iso_weekday: u32, locale: Locale) -> String {
    let weekday = match iso_weekday {
        1 => chrono::Weekday::Mon,
        2 => chrono::Weekday::Tue,
        3 => chrono::Weekday::Wed,
        4 => chrono::Weekday::Thu,
        5 => chrono::Weekday::Fri,
        6 => chrono::Weekday::Sat,
        _ => chrono::Weekday::Sun,
    };
    let date = NaiveDate::from_isoywd_opt(2026, 10, weekday).expect("a real week");
    let text = formatters(locale.language())
        .weekday
        .format(&gregorian(date))
        .to_string();
    locale.script(&text)
}

/// `1 234` with the language's grouping (a no-break space in kk and ru).
pub fn integer(n: i64, language: Language) -> String {
    formatters(language)
        .number
        .format(&Decimal::from(n))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_read_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(date(d, Locale::Kk), "25 қараша 2026 ж.");
        assert_eq!(date(d, Locale::KkLatn), "25 qaraşa 2026 j.");
        // CLDR puts a narrow no-break space before «г.».
        assert_eq!(date(d, Locale::Ru), "25 ноября 2026\u{202f}г.");
        assert_eq!(date(d, Locale::En), "25 November 2026");
    }

    #[test]
    fn instants_are_shown_in_aktobe_time() {
        let instant = Utc.with_ymd_and_hms(2026, 11, 25, 20, 30, 0).unwrap();
        assert_eq!(
            datetime(instant, AKTOBE, Locale::Ru),
            "26 ноября 2026\u{202f}г., 01:30"
        );
    }

    #[test]
    fn weekdays_come_from_cldr() {
        assert_eq!(weekday(1, Locale::Ru), "понедельник");
        assert_eq!(weekday(1, Locale::En), "Monday");
        assert_eq!(weekday(5, Locale::Kk), "жұма");
        assert_eq!(weekday(5, Locale::KkLatn), "jūma");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(integer(1234567, Language::Ru), "1\u{a0}234\u{a0}567");
        assert_eq!(integer(300, Language::Kk), "300");
        assert_eq!(integer(1234, Language::En), "1,234");
    }
}
