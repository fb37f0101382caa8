//! Kazakh Cyrillic to the Latin alphabet of 2021 (the `kk-Latn` pages), and its case
//! mapping: never panics, and keeps every character that is not Cyrillic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::i18n::latin;

fuzz_target!(|text: &str| {
    let latin = latin::to_latin(text);
    let _ = latin::latin_lowercase(&latin);
    let _ = latin::latin_uppercase(&latin);
    let _ = latin::latin_lowercase(text);
    let _ = latin::latin_uppercase(text);
    // Text without Cyrillic letters comes back as it was.
    if !text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        assert_eq!(latin, text);
    }
});
