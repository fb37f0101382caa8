//! The router's full route list, read from the source: every `.route("…", get(…).post(…))`
//! under `src/`, as (method, path). Shared by the tests that must cover every route
//! (`headers.rs`, `authz.rs`), so a route added to the code is a route they check.

use std::collections::BTreeSet;
use std::path::Path;

/// (method, path) of every route the source declares.
pub fn routes() -> BTreeSet<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut sources = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    let mut found = BTreeSet::new();
    for source in sources {
        let mut rest = source.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            let Some(open) = rest.find('"') else { break };
            let after = &rest[open + 1..];
            let Some(close) = after.find('"') else { break };
            let path = &after[..close];
            // The handlers: up to the parenthesis that closes `.route(`.
            let mut depth = 1;
            let mut end = close + 1;
            for (i, ch) in after[close + 1..].char_indices() {
                match ch {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = close + 1 + i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let handlers = &after[close + 1..end];
            for method in ["get", "post", "put", "delete", "patch"] {
                let call = format!("{method}(");
                let named = handlers.match_indices(&call).any(|(i, _)| {
                    i == 0 || !handlers[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if named && path.starts_with('/') {
                    found.insert((method.to_uppercase(), path.to_string()));
                }
            }
            rest = &after[close + 1..];
        }
    }
    found
}
