//! A search query as typed: the words it is cut into are safe to quote into an FTS5 or a
//! tsquery expression (letters and digits only), at most eight, and nothing at all when
//! fewer than two letters remain.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::search::query;

fuzz_target!(|q: &str| {
    let terms = query::terms(q);
    assert!(terms.len() <= 8);
    let letters: usize = terms.iter().map(|t| t.chars().count()).sum();
    assert!(terms.is_empty() || letters >= query::MIN_LETTERS);
    for term in &terms {
        assert!(
            !term.is_empty()
                && term
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "{term:?}"
        );
    }
});
