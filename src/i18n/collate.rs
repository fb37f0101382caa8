//! Sorting names and titles the way the reader's alphabet orders them: Kazakh by the
//! Kazakh alphabet (CLDR's `kk` collation: А Ә Б … Қ … Ұ Ү … Ы І …), Russian by the
//! Russian one, English by the root order. Sorting happens here, in Rust, so SQLite and
//! PostgreSQL (whose collations depend on the server's ICU or libc) give the same order.
//!
//! `kk-Latn` readers see Latin text transliterated from the stored Cyrillic; their lists
//! keep the Kazakh order of that Cyrillic source.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

use super::{Language, Locale};

fn collator(language: Language) -> &'static CollatorBorrowed<'static> {
    static KK: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    static RU: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    static EN: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    let (cell, locale) = match language {
        Language::Kk => (&KK, locale!("kk")),
        Language::Ru => (&RU, locale!("ru")),
        Language::En => (&EN, locale!("en")),
    };
    cell.get_or_init(|| {
        // Digits by their value: «Desk 2» before «Desk 10».
        let mut prefs = CollatorPreferences::from(locale);
        prefs.numeric_ordering = Some(CollationNumericOrdering::True);
        Collator::try_new(prefs, CollatorOptions::default())
            .expect("compiled collation data covers kk, ru and en")
    })
}

/// Compares two strings in the reader's alphabetical order.
pub fn compare(locale: Locale, a: &str, b: &str) -> Ordering {
    collator(locale.language()).compare(a, b)
}

/// Compares two user-written texts as the reader sees them (their language, or the other).
pub fn compare_text(locale: Locale, a: &super::Text, b: &super::Text) -> Ordering {
    compare(locale, &a.show(locale).text, &b.show(locale).text)
}

/// Sorts `items` by the text `key` gives, in the reader's alphabetical order (stable:
/// equal names keep their order).
pub fn sort_by<T>(items: &mut [T], locale: Locale, key: impl Fn(&T) -> &str) {
    let collator = collator(locale.language());
    items.sort_by(|a, b| collator.compare(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(locale: Locale, words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sort_by(&mut v, locale, |s| s.as_str());
        v
    }

    #[test]
    fn kazakh_follows_the_kazakh_alphabet() {
        // І comes after Ы in Kazakh; in Russian order (where І is not a letter) it sits by И.
        assert_eq!(
            sorted(Locale::Kk, &["Ілияс", "Ырыс", "Иса"]),
            ["Иса", "Ырыс", "Ілияс"]
        );
        assert_eq!(
            sorted(Locale::Kk, &["Үміт", "Ұлан", "Ураз", "Фариза"]),
            ["Ураз", "Ұлан", "Үміт", "Фариза"]
        );
        assert_eq!(
            sorted(
                Locale::Kk,
                &["Құрманов", "Кенжебек", "Лаура", "Әлия", "Бағдат"]
            ),
            ["Әлия", "Бағдат", "Кенжебек", "Құрманов", "Лаура"]
        );
        // Kazakh order for kk-Latn readers too.
        assert_eq!(
            sorted(Locale::KkLatn, &["Ілияс", "Ырыс"]),
            ["Ырыс", "Ілияс"]
        );
    }

    #[test]
    fn russian_follows_the_russian_alphabet() {
        assert_eq!(
            sorted(
                Locale::Ru,
                &["Юлия", "Ёлка", "Ежов", "Жанна", "Анна", "ягода"]
            ),
            ["Анна", "Ежов", "Ёлка", "Жанна", "Юлия", "ягода"]
        );
        // Digits by value.
        assert_eq!(
            sorted(Locale::Ru, &["Стол 10", "Стол 2", "Стол 1"]),
            ["Стол 1", "Стол 2", "Стол 10"]
        );
        // Case does not decide before the letters do.
        assert_eq!(
            sorted(Locale::Ru, &["борис", "Анна", "вера"]),
            ["Анна", "борис", "вера"]
        );
    }
}
