//! Building and running the server; tests build it too, on a random port.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::Db;
use crate::state::AppState;
use crate::{demo, router};

pub struct Application {
    listener: TcpListener,
    state: AppState,
    /// The demo admin's password, when this start created the demo.
    pub demo_admin_password: Option<String>,
    /// Held while serving: a restore cannot replace the SQLite file under a running server.
    _lock: Option<crate::backup::ServerLock>,
}

impl Application {
    /// Connects to the database, migrates it, fills the demo if asked and the database is
    /// empty, and binds the address (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let lock = crate::backup::hold_while_serving(&config.database_url)?;
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        let demo_admin_password = if config.demo {
            demo::seed_if_empty(&db).await?
        } else {
            None
        };
        crate::search::index::ensure_fresh(&db).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("binding {}", config.addr))?;
        Ok(Application {
            listener,
            state: AppState {
                bookings: crate::bookings::commit::Writer::start(&db),
                spaces: crate::spaces::cache::Cache::new(),
                busy: crate::bookings::busy_cache::BusyCache::new(&db),
                limits: crate::http::limits::Limits::new(&config.limits),
                token_marks: crate::auth::tokens::UseMarks::start(&db),
                db,
                config: Arc::new(config),
            },
            demo_admin_password,
            _lock: lock,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// Serves until `shutdown` completes; requests in flight then finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let db = self.state.db.clone();
        let sweeper = tokio::spawn(crate::bookings::sweeper::run(
            db.clone(),
            self.state.busy.clone(),
        ));
        let listener = tokio::spawn(self.state.busy.clone().listen(db.clone()));
        let app = router::build(self.state);
        axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")?;
        sweeper.abort();
        listener.abort();
        db.close().await;
        Ok(())
    }
}

/// Completes on Ctrl-C or SIGTERM. The handlers are installed when this is called, so
/// a signal that arrives before the server starts waiting is not lost.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            match (term, int) {
                (Ok(mut term), Ok(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {},
                        _ = int.recv() => {},
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
            tracing::info!("shutting down; finishing requests in flight");
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down; finishing requests in flight");
    }
}
