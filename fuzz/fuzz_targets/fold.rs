//! The search fold (Kazakh Cyrillic, Latin 2021 and informal spellings to one skeleton):
//! never panics, and what it yields is only `a-z`, `0-9` and single spaces — the search
//! quotes these words into full-text queries, so nothing else may come out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::search::fold;

fuzz_target!(|text: &str| {
    let folded = fold::fold(text);
    assert!(
        folded
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' '),
        "{folded:?}"
    );
    for word in fold::words(text) {
        assert!(!word.is_empty());
        assert!(
            word.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "{word:?}"
        );
    }
});
