//! The `ortaq` binary itself: `user add`, `token add`, `--demo`, and a graceful stop.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, fresh_database};

fn ortaq(database: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ortaq"))
        .args(args)
        .env("ORTAQ_DATABASE_URL", database)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running ortaq");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn user_add_and_token_add_make_an_admin_who_can_call_the_api() {
    let (url, _dir, _pg) = fresh_database().await;
    let out = ortaq(
        &url,
        &[
            "user",
            "add",
            "--email",
            "Asel@Mail.kz",
            "--name",
            "Әсел Нұрланова",
            "--role",
            "admin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = ortaq(
        &url,
        &[
            "user",
            "add",
            "--email",
            "weak@mail.kz",
            "--name",
            "Weak",
            "--role",
            "member",
        ],
        "password\n",
    );
    assert!(
        !out.status.success(),
        "a common password is refused on the command line too"
    );
    let out = ortaq(
        &url,
        &[
            "user",
            "add",
            "--email",
            "x@mail.kz",
            "--name",
            "X Y",
            "--role",
            "king",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(!out.status.success());

    let out = ortaq(
        &url,
        &["user", "password", "--email", "asel@mail.kz"],
        "qwertyuiop\n",
    );
    assert!(!out.status.success(), "the common-password list applies");
    let out = ortaq(
        &url,
        &["user", "password", "--email", "asel@mail.kz"],
        "жаңа ұзын құпиясөз\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = ortaq(&url, &["token", "add", "--email", "asel@mail.kz"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("ortaq_") && token.len() > 40);

    let mut config = ortaq::config::Config::for_tests(url.clone());
    config.demo = false;
    let app = ortaq::app::Application::build(config).await.unwrap();
    let address = format!("http://{}", app.local_addr());
    let db = app.db().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    let me: serde_json::Value = reqwest::Client::new()
        .get(format!("{address}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "asel@mail.kz");
    assert_eq!(me["roles"][0]["role"], "admin");
    let stored: i64 = ortaq::on_db!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(stored, 0, "only the hash of the token is stored");
    db.close().await;
}

#[tokio::test]
async fn serve_with_demo_prints_the_admin_password_once_and_stops_gracefully_on_sigterm() {
    let (url, _dir, _pg) = fresh_database().await;
    let start = |demo: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ortaq"));
        cmd.env("ORTAQ_DATABASE_URL", &url)
            .env("ORTAQ_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if demo {
            cmd.arg("--demo");
        }
        cmd.spawn().expect("starting ortaq")
    };
    let read_until_serving = |child: &mut std::process::Child| {
        let stdout = child.stdout.take().unwrap();
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            let done = line.starts_with("Ortaq is serving on ");
            lines.push(line);
            if done {
                break;
            }
        }
        lines
    };

    let mut child = start(true);
    let lines = read_until_serving(&mut child);
    let password_line = lines
        .iter()
        .find(|l| l.contains("admin@ortaq.local"))
        .expect("the admin password is printed");
    let password = password_line
        .split("password: ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let address = lines
        .last()
        .unwrap()
        .trim_start_matches("Ortaq is serving on ")
        .to_string();

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = client
        .get(format!("{address}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::extract_csrf(&html).unwrap();
    let response = client
        .post(format!("{address}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "admin@ortaq.local"),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the printed password works"
    );

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = wait(&mut child);
    assert!(status.success(), "SIGTERM stops Ortaq cleanly: {status:?}");

    // A second start with --demo leaves the data alone and prints no password.
    let mut child = start(true);
    let lines = read_until_serving(&mut child);
    assert!(!lines.iter().any(|l| l.contains("password")), "{lines:?}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(wait(&mut child).success());
}

fn wait(child: &mut std::process::Child) -> std::process::ExitStatus {
    for _ in 0..100 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().ok();
    panic!("ortaq did not stop within 10 s");
}
