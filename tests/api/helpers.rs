//! `TestApp`: the real server on a random port, over HTTP, with a fresh database.
//!
//! SQLite by default (a file in a temporary folder). With
//! `ORTAQ_TEST_DATABASE_URL=postgres://…` every test gets its own fresh PostgreSQL
//! database, created here and dropped when the test ends, so tests run in parallel.

use std::sync::Arc;

use ortaq::app::Application;
use ortaq::config::Config;
use ortaq::db::Db;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Response, StatusCode, Url};
use tokio::sync::oneshot;

pub const PASSWORD: &str = "жастар-ортақ-2026";

pub struct TestApp {
    pub address: String,
    /// The database the app runs on (what `ortaq --database` would be given).
    pub database_url: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    _shutdown: oneshot::Sender<()>,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

/// A fresh, empty database URL (and, for PostgreSQL, what to drop afterwards).
pub async fn fresh_database() -> (String, Option<tempfile::TempDir>, Option<(String, String)>) {
    match std::env::var("ORTAQ_TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!(
                "ortaq_test_{}",
                ortaq::auth::random_token(9)
                    .to_lowercase()
                    .replace(['-', '_'], "x")
            );
            let admin = sqlx::PgPool::connect(&admin_url)
                .await
                .expect("connecting to the test PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .expect("creating a test database");
            admin.close().await;
            let mut url = Url::parse(&admin_url).expect("a valid PostgreSQL URL");
            url.set_path(&name);
            (url.to_string(), None, Some((admin_url, name)))
        }
        _ => {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let url = format!("sqlite://{}/ortaq.db", dir.path().display());
            (url, Some(dir), None)
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let (url, dir, pg) = fresh_database().await;
        TestApp::spawn_with(Config::for_tests(url), dir, pg).await
    }

    /// An app whose config a test adjusts (e.g. HTTPS cookies).
    pub async fn spawn_configured(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let (url, dir, pg) = fresh_database().await;
        let mut config = Config::for_tests(url);
        adjust(&mut config);
        TestApp::spawn_with(config, dir, pg).await
    }

    /// An app filled with the Aktobe demo.
    pub async fn spawn_demo() -> TestApp {
        TestApp::spawn_configured(|c| c.demo = true).await
    }

    async fn spawn_with(
        config: Config,
        dir: Option<tempfile::TempDir>,
        postgres: Option<(String, String)>,
    ) -> TestApp {
        let database_url = config.database_url.clone();
        let app = Application::build(config).await.expect("building the app");
        let address = format!("http://{}", app.local_addr());
        let db = app.db().clone();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        TestApp {
            address,
            database_url,
            db,
            client,
            jar,
            _shutdown: tx,
            _dir: dir,
            postgres,
        }
    }

    /// Another instance of Ortaq on this app's database (PostgreSQL: several stateless
    /// instances share one database; SQLite refuses a second server on its file). It does
    /// not drop the database when it ends.
    pub async fn second_instance(&self) -> TestApp {
        TestApp::spawn_with(Config::for_tests(self.database_url.clone()), None, None).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("a body")
    }

    /// The CSRF token a page of this client carries (anonymous or session).
    pub async fn csrf(&self) -> String {
        let html = self.get_html("/login").await;
        extract_csrf(&html).expect("a CSRF token on the log-in page")
    }

    /// Posts a form the way a browser does: with the page's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Signs up through the form as an adult who consents, with a phone made from the email.
    pub async fn signup(&self, name: &str, email: &str, password: &str) -> Response {
        let phone = phone_for(email);
        let fields = [
            ("name", name),
            ("email", email),
            ("password", password),
            ("birth_date", "2001-04-12"),
            ("phone", phone.as_str()),
            ("consent", "on"),
        ];
        self.post_form("/signup", &fields).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    /// Creates an account directly (as `ortaq user add` does) and answers its id.
    pub async fn create_user(&self, email: &str, role: &str, unit: Option<i64>) -> i64 {
        ortaq::cli::user_add(&self.db, email, "Тест Қолданушы", role, unit, PASSWORD)
            .await
            .expect("creating a user")
    }

    /// Creates an account and logs this client in as it.
    pub async fn logged_in_as(&self, email: &str, role: &str, unit: Option<i64>) -> i64 {
        let id = self.create_user(email, role, unit).await;
        let response = self.login(email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "log-in should succeed"
        );
        id
    }

    /// A new client with no cookies, against the same server.
    pub fn other_client(&self) -> (reqwest::Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        (client, jar)
    }

    /// Another browser (its own cookies), coming from `address` (via `X-Forwarded-For`).
    pub fn browser_from(&self, address: &str) -> Browser {
        Browser {
            client: self.other_client().0,
            base: self.address.clone(),
            from: address.to_string(),
        }
    }

    /// Another browser, logged in as `email` with the test password.
    pub async fn browser_logged_in(&self, email: &str) -> Browser {
        let browser = self.browser_from("127.0.0.1");
        let response = browser.login(email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "log-in should succeed"
        );
        browser
    }

    /// Another browser, logged in as a demo member (they share the demo password).
    pub async fn browser_logged_in_demo(&self, email: &str) -> Browser {
        let browser = self.browser_from("127.0.0.1");
        let response = browser.login(email, ortaq::demo::MEMBER_PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "log-in should succeed"
        );
        browser
    }

    /// A personal API token for a user.
    pub async fn token(&self, user_id: i64) -> String {
        ortaq::auth::tokens::create(&self.db, user_id)
            .await
            .expect("a token")
    }

    /// The value of a cookie this client holds.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = Url::parse(&self.address).unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_string))
    }

    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        match &self.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(pool)
                .await
                .unwrap(),
            Db::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(pool)
                .await
                .unwrap(),
        }
    }

    /// Runs a statement that changes data, for setting up a story (e.g. ageing a session).
    pub async fn execute(&self, sql: &str) {
        let sql = sql.to_string();
        match &self.db {
            Db::Sqlite(pool) => sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .map(|_| ())
                .unwrap(),
            Db::Postgres(pool) => sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .map(|_| ())
                .unwrap(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.db, Db::Postgres(_))
    }

    /// The id of the demo unit with this Russian name.
    pub async fn unit_id(&self, name_ru: &str) -> i64 {
        let units = ortaq::org::storage::all(&self.db).await.unwrap();
        units
            .iter()
            .find(|u| u.name.ru.as_deref() == Some(name_ru))
            .map(|u| u.id)
            .expect("the unit exists")
    }
}

/// Drops a database `fresh_database` made on PostgreSQL.
pub async fn drop_database((admin_url, name): (String, String)) {
    if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await;
        admin.close().await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.postgres.take() {
            // Dropped on a thread of its own: Drop cannot await, and the test's runtime is ending.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&admin)
                        .await;
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// A browser of its own against the app: cookies, CSRF tokens from its pages, an address.
pub struct Browser {
    pub client: reqwest::Client,
    base: String,
    from: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header("X-Forwarded-For", &self.from)
            .send()
            .await
            .expect("GET")
    }

    /// Posts a form with the CSRF token of the page at `page`.
    pub async fn post_form(&self, page: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let html = self.get(page).await.text().await.unwrap();
        let csrf = extract_csrf(&html).expect("a CSRF token on the page");
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .header("X-Forwarded-For", &self.from)
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

/// A Kazakhstan mobile number that differs for every email.
pub fn phone_for(email: &str) -> String {
    let n = email
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
        % 10_000_000;
    format!(
        "+7 701 {:03} {:02} {:02}",
        n / 10_000,
        (n / 100) % 100,
        n % 100
    )
}

pub fn extract_csrf(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// The JSON body of a problem+json answer, checked for its shape.
pub async fn problem(response: Response, status: StatusCode, code: &str) -> serde_json::Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["detail"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["type"].as_str().is_some());
    body
}
