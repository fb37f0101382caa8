//! The staff's CSV import (preview, then all or nothing) and the CSV/XLSX export of a
//! unit's members, with the ethnocultural consent rule.

use std::io::Read;

use chrono::{Duration, Months, NaiveDate};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, extract_csrf};

const CITY: &str = "Актюбинский городской филиал";
const DOSTYQ: &str = "Клуб «Достық», Актобе";
const KOREAN: &str = "Корейское этнокультурное объединение Актюбинской области";
const ZHUBANOV: &str =
    "Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова";

/// A birth date that makes someone `years` old today (a month past the birthday).
fn born(years: u32, format: &str) -> String {
    let today = chrono::Utc::now().date_naive();
    let date: NaiveDate =
        today.checked_sub_months(Months::new(12 * years)).unwrap() - Duration::days(30);
    date.format(format).to_string()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let sql = sql.to_string();
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}

async fn text(app: &TestApp, sql: &str) -> String {
    let sql = sql.to_string();
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}

/// How many rows each table that an import writes holds.
async fn written(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in ["users", "profiles", "memberships", "consents", "audit_log"] {
        counts.push(app.count(table).await);
    }
    counts
}

/// The `<tbody id="row-N">` of the preview table (the row and its errors), up to its end.
fn row(html: &str, line: u64) -> &str {
    let start = html
        .find(&format!("<tbody id=\"row-{line}\""))
        .unwrap_or_else(|| panic!("row {line} is shown"));
    let end = html[start..].find("</tbody>").unwrap() + start;
    &html[start..end]
}

/// The demo, with this client logged in as an admin of the region.
async fn admin_app() -> TestApp {
    let app = TestApp::spawn_demo().await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    app.logged_in_as("region-admin@mail.kz", "admin", Some(region))
        .await;
    app
}

#[tokio::test]
async fn a_file_with_bad_rows_shows_every_reason_and_commits_nothing() {
    let app = admin_app().await;
    let city = app.unit_id(CITY).await;
    let adult = born(20, "%Y-%m-%d");
    let csv = format!(
        "full_name,email,phone,birth_date,city,position,unit\n\
         Айгерім Серікқызы,aigerim.s@mail.kz,+7 747 100 00 01,{adult},Ақтөбе,member,\n\
         Бекзат Оразов,bekzat@mail.kz,+7 912 345 67 89,{adult},,,\n\
         Дина Қасымова,dina@mail.kz,+7 747 100 00 03,{adult},,,\n\
         Дина Қасымова,DINA@mail.kz,+7 747 100 00 04,{adult},,,\n\
         Айгерім Сапарова,aigerim@ortaq.local,+7 747 100 00 05,{adult},,,\n\
         Ерлан Әбдіров,erlan@mail.kz,+7 747 100 00 06,{adult},,,Несуществующий клуб\n\
         Ольга Петрова,olga@mail.kz,+7 747 100 00 07,{},,,\n\
         Тимур Ли,timur@mail.kz,+7 747 100 00 08,{},,,\n",
        born(40, "%Y-%m-%d"),
        born(13, "%d.%m.%Y"),
    );
    let before = written(&app).await;

    let response = app
        .post_form(
            &format!("/units/{city}/import/preview?lang=en"),
            &[("csv", &csv)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Rows ready to import: 2."), "{html}");
    assert!(html.contains("Rows with errors: 6."));
    for (line, reason) in [
        (3, "Phone: enter a Kazakhstan number"),
        (5, "Email: the same as in row 4 of this file."),
        (6, "Email: an account with this email exists already."),
        (7, "Unit: there is no unit with this number or name."),
        (
            8,
            "Date of birth: membership is for people up to 35 years old.",
        ),
        (9, "Date of birth: members must be at least 14 years old."),
    ] {
        assert!(
            row(&html, line).contains(reason),
            "row {line}: {}",
            row(&html, line)
        );
    }
    assert!(
        !html.contains("id=\"row-2\"") && !html.contains("id=\"row-4\""),
        "only the rows to fix are listed"
    );
    assert!(
        !html.contains("/import/commit"),
        "no way to commit a file with errors"
    );
    assert_eq!(written(&app).await, before, "a preview writes nothing");

    // Posting the same file straight to commit writes nothing either.
    let response = app
        .post_form(
            &format!("/units/{city}/import/commit?lang=en"),
            &[("csv", &csv)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(row(&html, 5).contains("the same as in row 4"));
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_file_without_its_columns_or_over_the_size_limit_is_refused_clearly() {
    let app = admin_app().await;
    let city = app.unit_id(CITY).await;
    let response = app
        .post_form(
            &format!("/units/{city}/import/preview?lang=en"),
            &[("csv", "name;email\nАнна;anna@mail.kz\n")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"csv-error\""));
    assert!(html.contains("must name at least the columns"));

    let before = written(&app).await;
    let huge = format!(
        "full_name,email,phone,birth_date\n{}",
        "Анна Ким,anna@mail.kz,87011234567,2000-01-01\n".repeat(30_000)
    );
    let response = app
        .post_form(
            &format!("/units/{city}/import/commit?lang=en"),
            &[("csv", &huge)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().await.unwrap().contains("<html"));
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_clean_russian_excel_file_commits_every_row_with_memberships_and_audit_entries() {
    let app = admin_app().await;
    let city = app.unit_id(CITY).await;
    let dostyq = app.unit_id(DOSTYQ).await;
    let minor = born(16, "%d.%m.%Y");
    let csv = format!(
        "\u{feff}ФИО;Электронная почта;Телефон;Дата рождения;Город;Должность;Подразделение;Примечание\r\n\
         Айгерім Серікқызы;aigerim.s@mail.kz;8 (747) 100-00-01;12.04.2001;Ақтөбе;Участник;;\r\n\
         Данил Цой;danil@mail.kz;+77471000002;2003-01-15;Актобе;координатор;{DOSTYQ};\r\n\
         Мирас Ахметов;miras@mail.kz;87471000003;{minor};;;{dostyq};несовершеннолетний\r\n\
         ;;;;;;;\r\n"
    );
    let users = app.count("users").await;

    let response = app
        .post_form(
            &format!("/units/{city}/import/preview?lang=en"),
            &[("csv", &csv)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Rows ready to import: 3."), "{html}");
    assert!(html.contains("These columns are not imported: Примечание."));
    assert!(
        row(&html, 3).contains("+7 747 100 00 02"),
        "the preview shows the phone as it will be saved"
    );
    assert!(html.contains("Under 18: the membership awaits"));
    assert!(html.contains(&format!("action=\"/units/{city}/import/commit\"")));
    assert_eq!(app.count("users").await, users);

    let response = app
        .post_form(
            &format!("/units/{city}/import/commit?lang=en"),
            &[("csv", &csv)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!("/units/{city}/members?imported=3&pending=1")
    );
    let page = app.get_html(&location).await;
    assert!(
        page.contains("3 members imported. 1 of them is under 18"),
        "{page}"
    );

    assert_eq!(app.count("users").await, users + 3);
    let membership = |email: &str| {
        format!(
            "SELECT m.unit_id || ' ' || m.position || ' ' || m.status FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE u.email = '{email}'"
        )
    };
    assert_eq!(
        text(&app, &membership("aigerim.s@mail.kz")).await,
        format!("{city} member active")
    );
    assert_eq!(
        text(&app, &membership("danil@mail.kz")).await,
        format!("{dostyq} coordinator active")
    );
    assert_eq!(
        text(&app, &membership("miras@mail.kz")).await,
        format!("{dostyq} member pending"),
        "a minor waits for a coordinator's confirmation"
    );
    assert_eq!(
        text(&app, "SELECT p.phone FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'aigerim.s@mail.kz'").await,
        "+7 747 100 00 01"
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email IN ('aigerim.s@mail.kz', 'danil@mail.kz', 'miras@mail.kz') AND p.in_directory = FALSE").await,
        3
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM consents c JOIN users u ON u.id = c.user_id WHERE u.email IN ('aigerim.s@mail.kz', 'danil@mail.kz', 'miras@mail.kz')").await,
        0,
        "an import by staff records no consent"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'member.import' AND object_type = 'user'"
        )
        .await,
        3
    );
    let summary = text(
        &app,
        &format!(
            "SELECT detail FROM audit_log WHERE action = 'members.import' AND object_id = {city}"
        ),
    )
    .await;
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(
        (summary["created"].as_i64(), summary["pending"].as_i64()),
        (Some(3), Some(1))
    );

    // Nobody knows an imported account's password.
    let browser = app.browser_from("127.0.0.1");
    assert_eq!(
        browser.login("danil@mail.kz", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The same file again: every row now names an existing account.
    let response = app
        .post_form(
            &format!("/units/{city}/import/commit?lang=en"),
            &[("csv", &csv)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("users").await, users + 3);
}

#[tokio::test]
async fn a_coordinator_of_another_unit_can_neither_import_nor_export() {
    let app = TestApp::spawn_demo().await;
    let city = app.unit_id(CITY).await;
    let zhubanov = app.unit_id(ZHUBANOV).await;
    app.create_user("coord@mail.kz", "coordinator", Some(zhubanov))
        .await;
    let browser = app.browser_logged_in("coord@mail.kz").await;
    assert_eq!(
        browser
            .get(&format!("/units/{zhubanov}/import"))
            .await
            .status(),
        StatusCode::OK,
        "their own unit's import is open to them"
    );
    let csv = format!(
        "full_name,email,phone,birth_date\nАнна Ким,anna.kim@mail.kz,87011234567,{}\n",
        born(20, "%Y-%m-%d")
    );
    let before = written(&app).await;
    for path in [
        format!("/units/{city}/import"),
        format!("/units/{city}/members.csv"),
        format!("/units/{city}/members.xlsx"),
    ] {
        assert_eq!(
            browser.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for path in [
        format!("/units/{city}/import/preview"),
        format!("/units/{city}/import/commit"),
    ] {
        let response = browser.post_form("/login", &path, &[("csv", &csv)]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(written(&app).await, before);
    assert_eq!(
        app.get(&format!("/units/{city}/members.csv"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The entry of an XLSX file (a zip) as text.
fn xlsx_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

#[tokio::test]
async fn exports_are_in_the_readers_language_and_leave_out_whom_consent_does_not_allow() {
    let app = admin_app().await;
    let dostyq = app.unit_id(DOSTYQ).await;

    let response = app
        .get(&format!("/units/{dostyq}/members.csv?lang=ru"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"members-{dostyq}-"))
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let csv = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "Имя и фамилия,Электронная почта,Телефон,Дата рождения,Должность,Статус,Дата начала"
    );
    assert!(csv.contains("ekaterina@ortaq.local"));
    assert!(csv.contains(",Координатор,действует,2025-09-01"), "{csv}");

    let response = app
        .get(&format!("/units/{dostyq}/members.xlsx?lang=kk"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));
    let strings = xlsx_entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("Аты-жөні") && strings.contains("Үйлестіруші"));
    assert!(strings.contains("ekaterina@ortaq.local"));

    // The Korean association: one member allows export, one does not (nor does the demo's
    // coordinator, whose consent is silent on export).
    let korean = app.unit_id(KOREAN).await;
    let admin_token = {
        let admin = scalar(
            &app,
            "SELECT id FROM users WHERE email = 'region-admin@mail.kz'",
        )
        .await;
        app.token(admin).await
    };
    for (email, allowed) in [("allowed@mail.kz", true), ("refused@mail.kz", false)] {
        let id = app.create_user(email, "member", None).await;
        app.execute(&format!(
            "INSERT INTO consents (user_id, kind, version, language, accepted_at, export_allowed)
             VALUES ({id}, 'ethnocultural', 'v1', 'ru', '2026-01-01T00:00:00+00:00', {})",
            if allowed { "TRUE" } else { "FALSE" }
        ))
        .await;
        let response = app
            .client
            .post(app.url(&format!("/api/v1/units/{korean}/memberships")))
            .bearer_auth(&admin_token)
            .json(&json!({"user_id": id}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let csv = app
        .get(&format!("/units/{korean}/members.csv?lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("allowed@mail.kz"));
    assert!(!csv.contains("refused@mail.kz"), "{csv}");
    assert!(!csv.contains("anna@ortaq.local"));
    // The demo's own Korean members did not allow export either; they are counted, not listed.
    assert!(
        csv.trim_end()
            .ends_with("не попадают в выгрузки: их согласие этого не разрешает.,,,,,,"),
        "{csv}"
    );
    let bytes = app
        .get(&format!("/units/{korean}/members.xlsx?lang=en"))
        .await
        .bytes()
        .await
        .unwrap();
    let strings = xlsx_entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("allowed@mail.kz") && !strings.contains("refused@mail.kz"));
    assert!(strings.contains("members are left out of exports"));
    let page = app
        .get_html(&format!("/units/{korean}/members?lang=en"))
        .await;
    assert!(page.contains("members are left out of exports"));
    assert!(
        !page.contains(&format!("/units/{korean}/import")),
        "no import into an ethnocultural association"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'members.export'"
        )
        .await,
        4,
        "each download is recorded"
    );
}

#[tokio::test]
async fn a_commit_without_the_csrf_token_is_refused() {
    let app = admin_app().await;
    let city = app.unit_id(CITY).await;
    let csv = format!(
        "full_name,email,phone,birth_date\nАнна Ким,anna.kim@mail.kz,87011234567,{}\n",
        born(20, "%Y-%m-%d")
    );
    let commit = app.url(&format!("/units/{city}/import/commit"));
    let before = written(&app).await;
    let token = extract_csrf(&app.get_html(&format!("/units/{city}/import")).await).unwrap();
    for fields in [
        vec![("csv", csv.as_str())],
        vec![("csrf", "not-the-token"), ("csv", csv.as_str())],
    ] {
        let response = app.client.post(&commit).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    let response = app
        .client
        .post(&commit)
        .header("Origin", "https://evil.example")
        .form(&[("csrf", token.as_str()), ("csv", csv.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "another site cannot post it"
    );
    assert_eq!(written(&app).await, before);

    let response = app
        .client
        .post(&commit)
        .form(&[("csrf", token.as_str()), ("csv", csv.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "with the page's token it goes through"
    );
}
