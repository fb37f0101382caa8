//! The command line: `ortaq [serve]`, `ortaq user add`, `ortaq token add`, `ortaq backup`,
//! `ortaq restore`.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::accounts::{DisplayName, Email, Role, storage as accounts};
use crate::app::{Application, shutdown_signal};
use crate::auth::password::{self, Password};
use crate::auth::tokens;
use crate::config::Config;
use crate::db::Db;
use crate::{audit, org};

#[derive(Parser, Debug)]
#[command(
    name = "ortaq",
    version,
    about = "Ortaq: the platform of a youth coworking center and its community"
)]
pub struct Cli {
    /// Database URL: sqlite://path/to/file.db or postgres://user@host/db.
    #[arg(
        long,
        env = "ORTAQ_DATABASE_URL",
        default_value = "sqlite://ortaq-data/ortaq.db",
        global = true
    )]
    pub database: String,
    /// Address to serve on.
    #[arg(
        long,
        env = "ORTAQ_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: SocketAddr,
    /// Fill an EMPTY database with the Aktobe demo (a database with data is never touched).
    #[arg(long, env = "ORTAQ_DEMO", global = true)]
    pub demo: bool,
    /// The address people reach Ortaq at; https://… turns on Secure cookies and HSTS.
    #[arg(long, env = "ORTAQ_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Take the client address from X-Forwarded-For (only behind a reverse proxy).
    #[arg(long, env = "ORTAQ_BEHIND_PROXY", global = true)]
    pub behind_proxy: bool,
    /// Hours a session may stay unused.
    #[arg(
        long,
        env = "ORTAQ_SESSION_IDLE_HOURS",
        default_value_t = 72,
        global = true
    )]
    pub session_idle_hours: u64,
    /// Days a session lasts at most.
    #[arg(long, env = "ORTAQ_SESSION_DAYS", default_value_t = 30, global = true)]
    pub session_days: u64,
    /// Youngest age of a member.
    #[arg(
        long,
        env = "ORTAQ_MEMBER_MIN_AGE",
        default_value_t = 14,
        global = true
    )]
    pub member_min_age: u32,
    /// Oldest age of a member.
    #[arg(
        long,
        env = "ORTAQ_MEMBER_MAX_AGE",
        default_value_t = 35,
        global = true
    )]
    pub member_max_age: u32,
    /// The operator's address, shown in the consent text.
    #[arg(long, env = "ORTAQ_OPERATOR_ADDRESS", global = true)]
    pub operator_address: Option<String>,
    /// The operator's BIN (business identification number), shown in the consent text.
    #[arg(long, env = "ORTAQ_OPERATOR_BIN", global = true)]
    pub operator_bin: Option<String>,
    /// Who answers for personal data (name and contact), shown in the consent text.
    #[arg(long, env = "ORTAQ_DPO_CONTACT", global = true)]
    pub dpo_contact: Option<String>,
    /// API requests one personal token may make per second, sustained (then 429).
    #[arg(long, env = "ORTAQ_TOKEN_RATE", default_value_t = 50, global = true)]
    pub token_rate: u32,
    /// API requests one personal token may make in a burst above its rate.
    #[arg(long, env = "ORTAQ_TOKEN_BURST", default_value_t = 1000, global = true)]
    pub token_burst: u32,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the site and the API (the default).
    Serve,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Copy the database to FILE while the server runs (SQLite: a consistent snapshot,
    /// checked; PostgreSQL: pg_dump's custom format).
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Bring a backup back (SQLite: the server must be stopped; the replaced database is
    /// kept beside it; PostgreSQL: pg_restore in one transaction).
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// member, coordinator, space_manager, admin or observer.
        #[arg(long, default_value = "member")]
        role: String,
        /// The unit the role is held at (default: the root of the tree).
        #[arg(long)]
        unit: Option<i64>,
    },
    /// Set an account's password (read from standard input), e.g. for a member imported
    /// from a spreadsheet; ends the account's sessions.
    Password {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a personal API token and print it once.
    Add {
        #[arg(long)]
        email: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "ortaq=info,tower_http=warn,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: starting the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn config(cli: &Cli) -> Config {
    Config {
        database_url: cli.database.clone(),
        addr: cli.addr,
        public_url: cli
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", cli.addr)),
        behind_proxy: cli.behind_proxy,
        session_idle: Duration::from_secs(cli.session_idle_hours * 3600),
        session_absolute: Duration::from_secs(cli.session_days * 24 * 3600),
        demo: cli.demo,
        member_ages: (cli.member_min_age, cli.member_max_age),
        operator: {
            let default = crate::config::Operator::default();
            crate::config::Operator {
                address: cli.operator_address.clone().unwrap_or(default.address),
                bin: cli.operator_bin.clone().unwrap_or(default.bin),
                dpo_contact: cli.dpo_contact.clone().unwrap_or(default.dpo_contact),
            }
        },
        limits: crate::http::limits::LimitsConfig {
            token_per_second: cli.token_rate.max(1),
            token_burst: cli.token_burst.max(1),
            ..Default::default()
        },
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        None | Some(Command::Serve) => serve(config(&cli)).await,
        Some(Command::User(UserCommand::Add {
            email,
            name,
            role,
            unit,
        })) => {
            let db = open(&cli.database).await?;
            let password = read_password()?;
            user_add(&db, email, name, role, *unit, &password).await?;
            println!("created {email}");
            Ok(())
        }
        Some(Command::User(UserCommand::Password { email })) => {
            let db = open(&cli.database).await?;
            let password = read_password()?;
            set_password(&db, email, &password).await?;
            println!("password set for {email}");
            Ok(())
        }
        Some(Command::Backup { to }) => {
            crate::backup::backup(&cli.database, to).await?;
            println!("backed up to {}", to.display());
            Ok(())
        }
        Some(Command::Restore { from }) => {
            let kept = crate::backup::restore(&cli.database, from).await?;
            println!("restored from {}", from.display());
            if let Some(kept) = kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            Ok(())
        }
        Some(Command::Token(TokenCommand::Add { email })) => {
            let db = open(&cli.database).await?;
            let email = Email::parse(email)
                .map_err(|_| anyhow::anyhow!("not an email address: {email}"))?;
            let (user, _) = accounts::find_by_email(&db, &email)
                .await?
                .with_context(|| format!("no account {}", email.as_str()))?;
            let token = tokens::create(&db, user.id).await?;
            println!("{token}");
            eprintln!(
                "This token is shown once; only its hash is stored. Send it as `Authorization: Bearer …`."
            );
            Ok(())
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let app = Application::build(config).await?;
    let shutdown = shutdown_signal();
    if let Some(password) = &app.demo_admin_password {
        println!("Demo data created. Admin: admin@ortaq.local  password: {password}  (shown once)");
        println!(
            "Demo members (e.g. aigerim@ortaq.local) share the password: {}",
            crate::demo::MEMBER_PASSWORD
        );
    }
    println!("Ortaq is serving on http://{}", app.local_addr());
    app.run_until(shutdown).await
}

async fn open(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    Ok(db)
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (8–128 characters): ");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// `ortaq user password`: the same policy as everywhere; the account's sessions end.
pub async fn set_password(db: &Db, email: &str, password: &str) -> anyhow::Result<()> {
    let email =
        Email::parse(email).map_err(|_| anyhow::anyhow!("not an email address: {email}"))?;
    let (user, _) = accounts::find_by_email(db, &email)
        .await?
        .with_context(|| format!("no account {}", email.as_str()))?;
    let password = Password::parse(password, "password")
        .map_err(|e| anyhow::anyhow!("password refused: {}", e.code))?;
    let hash = password::hash(password).await?;
    let mut tx = db.begin().await?;
    accounts::set_password(&mut tx, user.id, &hash).await?;
    audit::record(
        &mut tx,
        None,
        "user.password",
        "user",
        Some(user.id),
        serde_json::json!({"via": "cli"}),
        None,
    )
    .await?;
    tx.commit().await?;
    crate::auth::sessions::end_others(db, user.id, None).await?;
    Ok(())
}

/// `ortaq user add`: the same checks as sign-up, plus a role.
pub async fn user_add(
    db: &Db,
    email: &str,
    name: &str,
    role: &str,
    unit: Option<i64>,
    password: &str,
) -> anyhow::Result<i64> {
    let email =
        Email::parse(email).map_err(|_| anyhow::anyhow!("not an email address: {email}"))?;
    let name = DisplayName::parse(name).map_err(|e| anyhow::anyhow!("name: {}", e.code))?;
    let Some(role) = Role::parse(role) else {
        bail!("unknown role {role} (member, coordinator, space_manager, admin, observer)");
    };
    let password = Password::parse(password, "password")
        .map_err(|e| anyhow::anyhow!("password refused: {}", e.code))?;
    let hash = password::hash(password).await?;
    let unit_id = match (role, unit) {
        (Role::Member, _) => None,
        (_, Some(unit)) => {
            org::storage::find(db, unit)
                .await?
                .with_context(|| format!("no unit {unit}"))?;
            Some(unit)
        }
        (_, None) => Some(org::storage::ensure_root(db).await?),
    };
    let mut tx = db.begin().await?;
    let id = accounts::insert(&mut tx, &email, name.as_str(), &hash, None)
        .await
        .map_err(|e| match e {
            crate::error::Error::Conflict(_) => {
                anyhow::anyhow!("an account with {} exists", email.as_str())
            }
            other => anyhow::Error::new(other),
        })?;
    if let Some(unit_id) = unit_id {
        accounts::grant(&mut tx, id, role, unit_id, None).await?;
        audit::record(
            &mut tx,
            None,
            "role.grant",
            "user",
            Some(id),
            serde_json::json!({"role": role.as_str(), "unit_id": unit_id, "via": "cli"}),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}
