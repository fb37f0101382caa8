//! The leadership dashboard: charts with the same numbers in a table, filters, CSV and
//! XLSX downloads, the printable monthly report; observers, admins and coordinators only,
//! each within their scope.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, problem};

fn keys(dashboard: &Value) -> Vec<String> {
    dashboard["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_observer_reads_every_chart_with_its_table_and_downloads_each() {
    let app = TestApp::spawn_demo().await;
    let observer = app.browser_logged_in_demo("observer@ortaq.local").await;

    let page = observer
        .get("/reports/dashboard?lang=ru")
        .await
        .text()
        .await
        .unwrap();
    for key in [
        "members-by-unit",
        "new-members",
        "youth-share",
        "occupancy",
        "no-shows",
        "events",
        "attendance",
        "event-categories",
        "initiatives-funnel",
        "overdue-answers",
    ] {
        assert!(
            page.contains(&format!("<figure class=\"chart\" id=\"{key}\"")),
            "{key} is on the page"
        );
        assert!(page.contains(&format!("/reports/dashboard/{key}.csv?")));
        assert!(page.contains(&format!("/reports/dashboard/{key}.xlsx?")));
    }
    assert!(page.contains("<svg class=\"chart-svg\""));
    assert!(page.contains("role=\"img\""));
    assert!(page.contains("<figcaption>"));
    assert!(page.contains("<table class=\"chart-table\">"));
    assert!(page.contains("Участники по подразделениям"));

    // The API holds the same numbers; the last month's total is the region's members now.
    let response = observer.get("/api/v1/reports/dashboard").await;
    assert_eq!(response.status(), StatusCode::OK);
    let dashboard: Value = response.json().await.unwrap();
    assert_eq!(
        keys(&dashboard),
        [
            "members-by-unit",
            "new-members",
            "youth-share",
            "occupancy",
            "no-shows",
            "events",
            "attendance",
            "event-categories",
            "initiatives-funnel",
            "overdue-answers"
        ]
    );
    let region = app.unit_id("Актюбинский областной филиал").await;
    assert_eq!(dashboard["unit_id"], region);
    let members = &dashboard["charts"][0];
    let last = members["rows"].as_array().unwrap().last().unwrap();
    let expected: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "WITH RECURSIVE down(id) AS (SELECT id FROM org_units WHERE id = $1
             UNION ALL SELECT u.id FROM org_units u JOIN down ON u.parent_id = down.id)
         SELECT COUNT(DISTINCT m.user_id) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.unit_id IN (SELECT id FROM down) AND m.status = 'active' AND m.ended_on IS NULL AND u.deleted_at IS NULL")
        .bind(region)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert!(expected > 200, "the demo region has its ~300 members");
    assert_eq!(last["values"][0], expected);
    // The heatmap: hours × seven weekdays.
    let heat = &dashboard["charts"][3];
    assert_eq!(heat["headers"].as_array().unwrap().len(), 8);

    // Events and initiatives, over a range that holds the whole demo season: every
    // published event counted once, by month and by category; nobody came twice.
    let today = ortaq::clock::now().date_naive();
    let wide: Value = observer
        .get(&format!(
            "/api/v1/reports/dashboard?from={}&to={}",
            today - chrono::Duration::days(700),
            today + chrono::Duration::days(300)
        ))
        .await
        .json()
        .await
        .unwrap();
    let chart = |key: &str| {
        wide["charts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap()
            .clone()
    };
    let column_sum = |chart: &Value, column: usize| -> i64 {
        chart["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["values"][column].as_i64().unwrap_or(0))
            .sum()
    };
    let held: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM events WHERE status IN ('published', 'finished')")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert!(held >= 8, "the demo has a season of events");
    assert_eq!(column_sum(&chart("events"), 0), held);
    assert_eq!(column_sum(&chart("event-categories"), 0), held);
    let attendance = chart("attendance");
    assert!(column_sum(&attendance, 1) > 0, "people came to past events");
    for row in attendance["rows"].as_array().unwrap() {
        assert!(row["values"][1].as_i64() <= row["values"][0].as_i64());
    }
    let funnel: Vec<i64> = chart("initiatives-funnel")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["values"][0].as_i64().unwrap())
        .collect();
    assert_eq!(funnel.len(), 4);
    assert!(
        funnel[0] > 10,
        "the demo's initiatives were submitted: {funnel:?}"
    );
    assert!(funnel.windows(2).all(|w| w[0] >= w[1]), "{funnel:?}");
    assert!(funnel[3] >= 1, "the coworking center was implemented");
    let overdue = chart("overdue-answers");
    assert_eq!(overdue["headers"].as_array().unwrap().len(), 2);
    for row in overdue["rows"].as_array().unwrap() {
        assert!(row["values"][0].as_i64().unwrap() > 0);
    }

    // CSV: a BOM, headers in the reader's language, the same rows.
    let csv = observer
        .get("/reports/dashboard/youth-share.csv?lang=ru")
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("ortaq-youth-share-")
    );
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("\u{feff}Подразделение,Участники,На должностях"));
    assert!(text.contains("Актюбинский областной филиал,"));
    let xlsx = observer
        .get("/reports/dashboard/members-by-unit.xlsx")
        .await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(
        observer
            .get("/reports/dashboard/nothing.csv")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Filters: a unit below, a range; a reversed range is refused.
    let city = app.unit_id("Актюбинский городской филиал").await;
    let narrowed: Value = observer
        .get(&format!(
            "/api/v1/reports/dashboard?unit={city}&from=2026-01-01&to=2026-03-31"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(narrowed["unit_id"], city);
    assert_eq!(narrowed["charts"][1]["rows"].as_array().unwrap().len(), 3);
    problem(
        observer
            .get("/api/v1/reports/dashboard?from=2026-05-01&to=2026-04-01")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;

    // The monthly report: laid out for print, with its button.
    let monthly = observer
        .get("/reports/monthly?month=2026-11&lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(monthly.contains("data-print hidden"));
    assert!(monthly.contains("ortaq.js"));
    assert!(monthly.contains("monthly report"));
    assert!(monthly.contains("id=\"youth-share\""));
}

#[tokio::test]
async fn a_coordinator_reads_only_their_unit_and_members_read_nothing() {
    let app = TestApp::spawn_demo().await;
    let coordinator = app.browser_logged_in_demo("daniyar@ortaq.local").await;
    let mine: Value = coordinator
        .get("/api/v1/reports/dashboard")
        .await
        .json()
        .await
        .unwrap();
    let region = app.unit_id("Актюбинский областной филиал").await;
    assert_ne!(mine["unit_id"], region);
    // Occupancy is for space staff, admins and observers: not in a coordinator's dashboard.
    assert_eq!(
        keys(&mine),
        [
            "members-by-unit",
            "new-members",
            "youth-share",
            "events",
            "attendance",
            "event-categories",
            "initiatives-funnel",
            "overdue-answers"
        ]
    );
    problem(
        coordinator
            .get(&format!("/api/v1/reports/dashboard?unit={region}"))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(
        coordinator
            .get(&format!("/reports/dashboard/youth-share.csv?unit={region}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let member = app.browser_logged_in_demo("aigerim@ortaq.local").await;
    assert_eq!(
        member.get("/reports/dashboard").await.status(),
        StatusCode::FORBIDDEN
    );
    problem(
        app.get("/api/v1/reports/dashboard").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    assert_eq!(
        app.get("/reports/dashboard").await.status(),
        StatusCode::SEE_OTHER
    );
}
