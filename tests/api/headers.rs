//! The security headers on every route: the router's route list is read from the source
//! (every `.route("…", get(…).post(…))`), each route is called with each of its methods,
//! as a guest and signed in, and every answer — whatever its status — must carry them.

use crate::helpers::TestApp;
use crate::routes::routes;

/// A path with every `{param}` replaced by 1 (the object may not exist, or be someone else's).
fn concrete(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for ch in path.chars() {
        match ch {
            '{' => inside = true,
            '}' => {
                inside = false;
                out.push('1');
            }
            _ if !inside => out.push(ch),
            _ => {}
        }
    }
    out
}

fn check(method: &str, path: &str, who: &str, response: &reqwest::Response, https: bool) {
    let h = response.headers();
    let at = format!("{method} {path} as {who} ({})", response.status());
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{at}: no Content-Security-Policy"))
        .to_str()
        .unwrap();
    for part in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ] {
        assert!(csp.contains(part), "{at}: the CSP lacks {part}");
    }
    assert!(
        !csp.contains("unsafe-inline"),
        "{at}: inline script allowed"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{at}");
    assert!(
        h.contains_key("referrer-policy"),
        "{at}: no Referrer-Policy"
    );
    assert_eq!(
        h.contains_key("strict-transport-security"),
        https,
        "{at}: HSTS exactly over HTTPS"
    );
    // Public feeds are the same for everyone (revalidated, `no-cache`); every other answer
    // to a signed-in caller must not be kept by a shared cache.
    let same_for_everyone = path.starts_with("/static")
        || path == "/healthz"
        || path == "/favicon.ico"
        || path == "/robots.txt"
        || path == "/news.atom"
        || path == "/calendar/events.ics"
        || path == "/calendar/resources/{id}.ics"
        || path == "/events/{id}/calendar.ics";
    if who == "member" && !same_for_everyone {
        let cache = h
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            cache.contains("no-store") || cache.contains("private"),
            "{at}: a signed-in answer may be cached by others: {cache:?}"
        );
    }
}

#[tokio::test]
async fn every_route_answers_with_the_security_headers_as_guest_and_signed_in() {
    let routes = routes();
    assert!(
        routes.len() > 150,
        "the route list was read: {}",
        routes.len()
    );
    for https in [false, true] {
        let app = if https {
            TestApp::spawn_configured(|c| c.public_url = "https://ortaq.example.kz".into()).await
        } else {
            TestApp::spawn().await
        };
        let guest = app.other_client().0;
        // Over HTTPS the session cookie is `__Host-` and Secure: sign in with a token there.
        let member = app.create_user("member@mail.kz", "member", None).await;
        let token = app.token(member).await;
        for (method, path) in &routes {
            let url = app.url(&concrete(path));
            let m: reqwest::Method = method.parse().unwrap();
            let response = guest.request(m.clone(), &url).send().await.unwrap();
            check(method, path, "guest", &response, https);
            let response = app
                .client
                .request(m, &url)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            check(method, path, "member", &response, https);
        }
    }
}
