//! The Fluent bundles, built once, shared by every request.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::{Language, Locale};

/// The files of each language; every file exists in each of `locales/{kk,ru,en}/`.
macro_rules! ftl_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../../locales/", $lang, "/auth.ftl")),
            include_str!(concat!("../../locales/", $lang, "/home.ftl")),
            include_str!(concat!("../../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../../locales/", $lang, "/import.ftl")),
            include_str!(concat!("../../locales/", $lang, "/bookings.ftl")),
            include_str!(concat!("../../locales/", $lang, "/booking-pages.ftl")),
            include_str!(concat!("../../locales/", $lang, "/spaces-admin.ftl")),
            include_str!(concat!("../../locales/", $lang, "/calendar.ftl")),
            include_str!(concat!("../../locales/", $lang, "/initiatives.ftl")),
            include_str!(concat!("../../locales/", $lang, "/notifications.ftl")),
            include_str!(concat!("../../locales/", $lang, "/events.ftl")),
            include_str!(concat!("../../locales/", $lang, "/event-pages.ftl")),
            include_str!(concat!("../../locales/", $lang, "/search.ftl")),
            include_str!(concat!("../../locales/", $lang, "/dashboard.ftl")),
            include_str!(concat!("../../locales/", $lang, "/news.ftl")),
        ]
    };
}

type Bundle = FluentBundle<FluentResource>;

struct Bundles {
    kk: Bundle,
    ru: Bundle,
    en: Bundle,
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        kk: build(Language::Kk, &ftl_files!("kk"), format_number_kk),
        ru: build(Language::Ru, &ftl_files!("ru"), format_number_ru),
        en: build(Language::En, &ftl_files!("en"), format_number_en),
    })
}

fn build(
    language: Language,
    sources: &[&'static str],
    formatter: fn(&FluentValue, &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String>,
) -> Bundle {
    let id: LanguageIdentifier = language.tag().parse().expect("valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(formatter));
    for source in sources {
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
            panic!("Fluent syntax error in {language:?}: {errors:?}")
        });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!("duplicate Fluent message in {language:?}: {errors:?}")
        });
    }
    bundle
}

fn format_number(value: &FluentValue, language: Language) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0 && n.options.minimum_fraction_digits.is_none() =>
        {
            Some(super::format::integer(n.value as i64, language))
        }
        _ => None,
    }
}

fn format_number_kk(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(v, Language::Kk)
}
fn format_number_ru(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(v, Language::Ru)
}
fn format_number_en(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    format_number(v, Language::En)
}

fn bundle(language: Language) -> &'static Bundle {
    let b = bundles();
    match language {
        Language::Kk => &b.kk,
        Language::Ru => &b.ru,
        Language::En => &b.en,
    }
}

/// Arguments of a message: `Args::new().set("count", 3)`.
#[derive(Default)]
pub struct Args(FluentArgs<'static>);

impl Args {
    pub fn new() -> Args {
        Args(FluentArgs::new())
    }

    pub fn set(mut self, name: &'static str, value: impl Into<FluentValue<'static>>) -> Args {
        self.0.set(name, value);
        self
    }

    /// The same with a name made at run time (a notice's stored arguments).
    pub fn set_owned(mut self, name: String, value: impl Into<FluentValue<'static>>) -> Args {
        self.0.set(name, value);
        self
    }
}

/// The message `id` in `locale`, with its arguments. A missing id is a bug (a test
/// checks every id used exists in all three languages); it shows the id rather than fail.
pub fn translate(locale: Locale, id: &str, args: Option<&Args>) -> String {
    let bundle = bundle(locale.language());
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::warn!(id, locale = locale.tag(), "missing Fluent message");
        return id.to_string();
    };
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, args.map(|a| &a.0), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id, ?errors, "Fluent formatting error");
    }
    locale.script(&text)
}

/// Every message id of a language, for the test that compares the three.
pub fn message_ids(language: Language) -> Vec<String> {
    let sources: [&str; 17] = match language {
        Language::Kk => ftl_files!("kk"),
        Language::Ru => ftl_files!("ru"),
        Language::En => ftl_files!("en"),
    };
    let mut ids = Vec::new();
    for source in sources {
        let resource = FluentResource::try_new(source.to_string()).expect("valid Fluent");
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_string());
            }
        }
    }
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_kazakh_russian_and_english() {
        let en = message_ids(Language::En);
        assert!(!en.is_empty());
        for language in [Language::Kk, Language::Ru] {
            let other = message_ids(language);
            let missing: Vec<_> = en.iter().filter(|id| !other.contains(id)).collect();
            let extra: Vec<_> = other.iter().filter(|id| !en.contains(id)).collect();
            assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language:?} has ids English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_message_formats_without_errors() {
        for locale in Locale::ALL {
            let bundle = bundle(locale.language());
            for id in message_ids(locale.language()) {
                let pattern = bundle.get_message(&id).and_then(|m| m.value());
                let Some(pattern) = pattern else { continue };
                let args = Args::new()
                    .set("count", 3)
                    .set("name", "Айгерім")
                    .set("field", "email")
                    .set("seconds", 30)
                    .set("min", 8)
                    .set("max", 128)
                    .set("date", "25.11.2026")
                    .set("time", "21:00")
                    .set("limit", 14)
                    .set("version", "v1")
                    .set("age", 35)
                    .set("hours", 2)
                    .set("minutes", 30)
                    .set("days", 14)
                    .set("booked", 3)
                    .set("skipped", 1)
                    .set("code", "ABCD-EFGH")
                    .set("status", "Расталды")
                    .set("reason", "жөндеу")
                    .set("from", "1 қараша 2026 ж.")
                    .set("to", "30 қараша 2026 ж.")
                    .set("zone", "Asia/Aqtobe")
                    .set("value", "34,5")
                    .set("rate", "8 %")
                    .set("total", 120)
                    .set("open", 96)
                    .set("resource", "Жиын залы")
                    .set("start", "1 желтоқсан 2026 ж., 18:00")
                    .set("title", "Наурыз")
                    .set("when", "21 наурыз 2027 ж., 18:00");
                let mut errors = Vec::new();
                bundle.format_pattern(pattern, Some(&args.0), &mut errors);
                assert!(errors.is_empty(), "{id} in {locale:?}: {errors:?}");
            }
        }
    }

    #[test]
    fn russian_plurals_have_one_few_and_many() {
        let n = |count: i64| {
            translate(
                Locale::Ru,
                "members-count",
                Some(&Args::new().set("count", count)),
            )
        };
        assert_eq!(n(1), "1 участник");
        assert_eq!(n(3), "3 участника");
        assert_eq!(n(5), "5 участников");
        assert_eq!(n(21), "21 участник");
        assert_eq!(n(1234), "1\u{a0}234 участника");
        let kk = translate(
            Locale::Kk,
            "members-count",
            Some(&Args::new().set("count", 5)),
        );
        assert_eq!(kk, "5 қатысушы");
        let latn = translate(
            Locale::KkLatn,
            "members-count",
            Some(&Args::new().set("count", 5)),
        );
        assert_eq!(latn, "5 qatysuşy");
        let en = |count: i64| {
            translate(
                Locale::En,
                "members-count",
                Some(&Args::new().set("count", count)),
            )
        };
        assert_eq!(en(1), "1 member");
        assert_eq!(en(2), "2 members");
    }
}
