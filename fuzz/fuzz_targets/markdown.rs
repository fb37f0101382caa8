//! Markdown from members (events, initiatives, news) to HTML: never panics, and the HTML
//! holds no script: no `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>` element,
//! no `on…=` attribute and no `javascript:` / `vbscript:` / `data:` address in any tag.
//! Tags are read the way a browser reads them: attributes are split on HTML whitespace,
//! and a quoted value runs to its closing quote.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::markdown;

const FORBIDDEN: [&str; 10] = [
    "script", "iframe", "object", "embed", "style", "form", "input", "base", "meta", "link",
];

fuzz_target!(|source: &str| {
    let html = markdown::render(source);
    // Text is escaped, so every `<` in the output opens a tag the renderer wrote.
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let (name, attributes, used) =
            read_tag(after).unwrap_or_else(|| panic!("an unclosed tag in {html:?}"));
        let name = name.to_ascii_lowercase();
        let checkbox = attributes
            .iter()
            .any(|(n, v)| n == "type" && v == "checkbox");
        assert!(
            !FORBIDDEN.contains(&name.as_str()) || (name == "input" && checkbox),
            "element {name} in {html:?}"
        );
        for (attribute, value) in &attributes {
            assert!(!attribute.starts_with("on"), "{attribute} in {html:?}");
            // Browsers drop whitespace and control characters before reading a scheme.
            let cleaned: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    !cleaned.starts_with(scheme),
                    "{attribute}={value:?} in {html:?}"
                );
            }
        }
        rest = &after[used..];
    }
    let excerpt = markdown::excerpt(source, 160);
    assert!(excerpt.chars().count() <= 161);
});

/// The tag at the start of `text` (just after its `<`): its name, its attributes (lowercase
/// names, values as written) and how many bytes it took up to and with its `>`.
fn read_tag(text: &str) -> Option<(String, Vec<(String, String)>, usize)> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r');
    let bytes = text.as_bytes();
    let mut at = usize::from(text.starts_with('/'));
    let name_start = at;
    while at < text.len() && !is_space(bytes[at] as char) && bytes[at] != b'>' && bytes[at] != b'/'
    {
        at += 1;
    }
    let name = text[name_start..at].to_string();
    let mut attributes = Vec::new();
    loop {
        while at < text.len() && (is_space(bytes[at] as char) || bytes[at] == b'/') {
            at += 1;
        }
        if at >= text.len() {
            return None;
        }
        if bytes[at] == b'>' {
            return Some((name, attributes, at + 1));
        }
        let start = at;
        while at < text.len()
            && !is_space(bytes[at] as char)
            && !matches!(bytes[at], b'=' | b'>' | b'/')
        {
            at += 1;
        }
        let attribute = text[start..at].to_ascii_lowercase();
        let mut value = String::new();
        if at < text.len() && bytes[at] == b'=' {
            at += 1;
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = text[at + 1..].find(quote as char)? + at + 1;
                    value = text[at + 1..end].to_string();
                    at = end + 1;
                }
                _ => {
                    let start = at;
                    while at < text.len() && !is_space(bytes[at] as char) && bytes[at] != b'>' {
                        at += 1;
                    }
                    value = text[start..at].to_string();
                }
            }
        }
        attributes.push((attribute, value));
    }
}
