//! The server under test, as a child process of the real `ortaq` binary, and a load
//! generator that sends a fixed list of requests from a fixed number of clients.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `ortaq serve` on a free loopback port. Its own process, so that its memory is its own.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub async fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let child = Command::new(binary())
            .arg("serve")
            .env("ORTAQ_DATABASE_URL", database_url)
            .env("ORTAQ_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .env_remove("ORTAQ_DEMO")
            .stdout(Stdio::null())
            .spawn()
            .expect("starting the ortaq binary");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = client.get(server.url("/healthz")).send().await
                && r.status().is_success()
            {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer in 60 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// (peak resident memory `VmHWM`, current `VmRSS`) of the server process, in MiB.
    pub fn memory_mib(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
                .unwrap_or(0.0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

/// The server binary: the one cargo built for this bench, or `ORTAQ_BENCH_SERVER` (another
/// build of `ortaq`, to compare before and after a change on the same dataset and machine).
pub fn binary() -> String {
    std::env::var("ORTAQ_BENCH_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_ortaq").to_string())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one fixed-count run measured.
pub struct Run {
    pub clients: usize,
    pub elapsed: Duration,
    /// Sorted.
    pub latencies: Vec<Duration>,
    /// How many answers had each status and, for errors, problem `code`.
    pub answers: BTreeMap<(u16, String), usize>,
}

impl Run {
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// The `p` quantile of latency, in milliseconds.
    pub fn ms(&self, p: f64) -> f64 {
        let i = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len() - 1);
        self.latencies[i].as_secs_f64() * 1000.0
    }

    pub fn count(&self, status: u16) -> usize {
        self.answers
            .iter()
            .filter(|((s, _), _)| *s == status)
            .map(|(_, n)| n)
            .sum()
    }

    /// `4,321 req/s, p50 1.20 ms, p99 4.50 ms`.
    pub fn summary(&self) -> String {
        format!(
            "{} req/s, p50 {:.2} ms, p99 {:.2} ms",
            thousands(self.per_second()),
            self.ms(0.50),
            self.ms(0.99)
        )
    }
}

/// Sends `requests` from `clients` concurrent clients (client `k` sends requests `k`,
/// `k + clients`, …, one at a time), and checks every status is in `allowed`.
pub async fn run(
    client: &reqwest::Client,
    clients: usize,
    requests: Vec<reqwest::Request>,
    allowed: &[u16],
) -> Run {
    let mut queues: Vec<Vec<reqwest::Request>> = (0..clients).map(|_| Vec::new()).collect();
    for (i, r) in requests.into_iter().enumerate() {
        queues[i % clients].push(r);
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for queue in queues {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(queue.len());
            let mut answers: Vec<(u16, String)> = Vec::with_capacity(queue.len());
            for request in queue {
                let t = Instant::now();
                let response = client.execute(request).await.expect("a loopback answer");
                let status = response.status().as_u16();
                let body = response.bytes().await.expect("a whole body");
                latencies.push(t.elapsed());
                let code = if status >= 400 {
                    serde_json::from_slice::<serde_json::Value>(&body)
                        .ok()
                        .and_then(|v| v["code"].as_str().map(str::to_string))
                        .unwrap_or_else(|| String::from_utf8_lossy(&body).into_owned())
                } else {
                    String::new()
                };
                answers.push((status, code));
            }
            (latencies, answers)
        }));
    }
    let mut latencies = Vec::new();
    let mut answers = BTreeMap::new();
    for task in tasks {
        let (l, a) = task.await.unwrap();
        latencies.extend(l);
        for key in a {
            *answers.entry(key).or_insert(0) += 1;
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let run = Run {
        clients,
        elapsed,
        latencies,
        answers,
    };
    for ((status, code), n) in &run.answers {
        assert!(
            allowed.contains(status),
            "{n} answers {status} {code} (only {allowed:?} expected)"
        );
    }
    run
}

/// `12,345`.
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
