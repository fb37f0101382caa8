//! Debian's Chromium through `chromedriver` on a free loopback port: shared by the browser
//! tests and the pages benchmark (`benches/pages.rs` includes this file).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| p.to_string())
}

pub async fn start_driver() -> Option<Driver> {
    let chromedriver = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"])?;
    find(&["/usr/bin/chromium"])?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{url}/status")).await.is_ok() {
            return Some(Driver { child, url });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// A headless Chromium window of `width`×`height` whose browser language is `lang` (its
/// `Accept-Language` too), keeping its console log for the tests to read. Below 600 pixels
/// wide it is a phone: Chromium's mobile emulation, with touch, at that exact width.
pub async fn session(driver: &Driver, width: u32, height: u32, lang: &str) -> Client {
    session_with(driver, width, height, lang, 1.0).await
}

/// [`session`] with the phone's device pixel ratio (a mid-range phone has about 2.6).
pub async fn session_with(
    driver: &Driver,
    width: u32,
    height: u32,
    lang: &str,
    pixel_ratio: f64,
) -> Client {
    let mut options = json!({
        "binary": "/usr/bin/chromium",
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 format!("--window-size={width},{height}"), format!("--lang={lang}")],
        "prefs": {"intl.accept_languages": lang},
    });
    if width < 600 {
        options["mobileEmulation"] = json!({
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": pixel_ratio, "mobile": true, "touch": true}
        });
    }
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": {"browser": "ALL"}
    });
    ClientBuilder::rustls()
        .unwrap()
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

/// A chromedriver command of its own: `POST session/{id}/{path}` with a JSON body, such as
/// the browser's console log (`se/log`) or the DevTools protocol (`goog/cdp/execute`).
#[derive(Debug)]
pub struct Post(pub &'static str, pub Value);

impl WebDriverCompatibleCommand for Post {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.0
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.1.to_string()))
    }
}

/// Logs the browser in through the log-in page of the server at `base` and waits until it
/// has left that page.
pub async fn log_in(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    for (id, value) in [("email", email), ("password", password)] {
        let field = client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }
    client
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..50 {
        if client.current_url().await.unwrap().path() != "/login" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{email} could not log in");
}

/// The first `/prefix{id}` link's id in `html` (`prefix` ends with `/`).
pub fn first_id(html: &str, prefix: &str) -> String {
    html.match_indices(&format!("href=\"{prefix}"))
        .map(|(at, m)| {
            html[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .find(|id| !id.is_empty())
        .unwrap_or_else(|| panic!("no {prefix}… link"))
}
