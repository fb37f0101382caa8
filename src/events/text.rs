//! An event's description as HTML: Markdown rendered and sanitized on the server
//! (`crate::markdown`: raw HTML shown as text, only safe links, no images), and a plain
//! excerpt for lists and feeds.

/// The description as safe HTML, for `|safe` in a template.
pub fn html(markdown: &str) -> String {
    crate::markdown::render(markdown)
}

/// A plain excerpt of at most `max` characters.
pub fn excerpt(markdown: &str, max: usize) -> String {
    crate::markdown::excerpt(markdown, max)
}
