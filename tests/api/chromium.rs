//! Debian's Chromium through `chromedriver` on a free loopback port: shared by the browser
//! tests and the pages benchmark (`benches/pages.rs` includes this file).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

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
