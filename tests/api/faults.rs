//! Fault experiments on the real binary: clients that drop their connection mid-request, and a
//! server killed with SIGKILL under write load, then restarted. After either, every retry with
//! the same `Idempotency-Key` replays the committed answer or performs the write, once; no key
//! waits longer than the lease; every acknowledged write is there with its change-feed entry.
//!
//! `EDUGROUPS_FAULT_BIN` runs the experiments against another build (e.g. an older one, to
//! measure what it did); the figures are printed either way (`--nocapture` shows them).

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::dual_test;
use crate::helpers::*;

/// The lease the experiments run with: short, so that retries after a kill are quick.
const LEASE_SECS: u64 = 2;

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the binary on `db_url`, and waits until it is ready.
async fn start(db_url: &str) -> Server {
    let bin = std::env::var("EDUGROUPS_FAULT_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_edugroups").to_string());
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = Command::new(bin)
        .arg("serve")
        .current_dir(dir.path())
        .env("DATABASE_URL", db_url)
        .env("EDUGROUPS_BIND", format!("127.0.0.1:{port}"))
        .env("EDUGROUPS_JWT_SECRET", std::str::from_utf8(SECRET).unwrap())
        .env(
            "EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS",
            LEASE_SECS.to_string(),
        )
        .env("EDUGROUPS_WORKERS", "2")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{base}/ready")).send().await {
            if r.status() == 200 {
                return Server {
                    child,
                    base,
                    _dir: dir,
                };
            }
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not become ready");
}

fn body(seq: u32) -> Value {
    school_body(DUYUN, 1000 + seq, "ordinary")
}

async fn send(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    key: &str,
    b: &Value,
) -> Option<(u16, Value)> {
    send_seen(client, base, token, key, b)
        .await
        .map(|(s, v, _)| (s, v))
}

/// The status, the body and whether it was a replay (`Idempotent-Replayed`).
async fn send_seen(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    key: &str,
    b: &Value,
) -> Option<(u16, Value, bool)> {
    let r = client
        .post(format!("{base}/api/v1/schools"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(b)
        .send()
        .await
        .ok()?;
    let status = r.status().as_u16();
    let replayed = r.headers().contains_key("idempotent-replayed");
    let v = r.json::<Value>().await.ok()?;
    Some((status, v, replayed))
}

/// What the retries found, key by key (printed through `Debug`, the experiment's report).
#[derive(Debug, Default)]
#[allow(dead_code)]
struct Figures {
    keys: usize,
    acknowledged: usize,
    /// Acknowledged before the fault, and the retry got the same answer.
    replayed_same: usize,
    /// Never acknowledged, but committed: the retry replayed the write's answer.
    replayed_unseen: usize,
    /// Never committed: the retry performed the write.
    written_on_retry: usize,
    stranded: usize,
    changed_answer: usize,
    longest_wait_ms: u128,
}

/// Retries every key until it is answered (or the lease and a margin have passed), and checks
/// each answer against the one acknowledged before the fault.
async fn retry_all(base: &str, token: &str, n: u32, acked: &BTreeMap<u32, Value>) -> Figures {
    let client = reqwest::Client::new();
    let mut f = Figures {
        keys: n as usize,
        acknowledged: acked.len(),
        ..Figures::default()
    };
    for i in 0..n {
        let key = format!("fault-{i}");
        let start = Instant::now();
        let answer = loop {
            match send_seen(&client, base, token, &key, &body(i)).await {
                Some((409, _, _)) if start.elapsed() < Duration::from_secs(LEASE_SECS + 3) => {
                    actix_web::rt::time::sleep(Duration::from_millis(100)).await;
                }
                other => break other,
            }
        };
        f.longest_wait_ms = f.longest_wait_ms.max(start.elapsed().as_millis());
        match (answer, acked.get(&i)) {
            (Some((201, v, _)), Some(first)) if v["id"] == first["id"] => f.replayed_same += 1,
            (Some((201, _, _)), Some(_)) => f.changed_answer += 1,
            (Some((201, _, true)), None) => f.replayed_unseen += 1,
            (Some((201, _, false)), None) => f.written_on_retry += 1,
            _ => f.stranded += 1,
        }
    }
    f
}

/// Each key's school is there exactly once, with one `created` entry in the change feed.
fn assert_once(app: &TestApp, n: u32) {
    use diesel::prelude::*;
    use edugroups::db::schema::{changes, schools};
    let mut conn = app.conn();
    let codes: Vec<String> = (0..n)
        .map(|i| body(i)["code"].as_str().unwrap().to_string())
        .collect();
    let stored: i64 = schools::table
        .filter(schools::code.eq_any(&codes))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let created: i64 = changes::table
        .filter(changes::entity.eq("school"))
        .filter(changes::op.eq("created"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        (stored, created),
        (i64::from(n), i64::from(n)),
        "each write once, with its feed entry"
    );
}

fn report(what: &str, backend: Backend, f: &Figures) {
    eprintln!("FAULT {what} ({backend:?}): {f:?}");
}

dual_test! {
    async fn after_sigkill_every_key_replays_or_writes_once(app: TestApp) {
        let n = 48u32;
        let token = app.bureau(DUYUN);
        let server = start(&app.db_url).await;
        let base = server.base.clone();
        // Eight writers keep writing; the server is killed while they do.
        let acked = std::sync::Arc::new(std::sync::Mutex::new(BTreeMap::new()));
        let mut tasks = vec![];
        for w in 0..8u32 {
            let (base, token, acked) = (base.clone(), token.clone(), acked.clone());
            tasks.push(actix_web::rt::spawn(async move {
                let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
                let mut i = w;
                while i < n {
                    if let Some((201, v)) = send(&client, &base, &token, &format!("fault-{i}"), &body(i)).await {
                        acked.lock().unwrap().insert(i, v);
                    }
                    i += 8;
                }
            }));
        }
        // Kill once a third of the keys are acknowledged (or after a second at the most).
        let start_at = Instant::now();
        while acked.lock().unwrap().len() < (n / 3) as usize && start_at.elapsed() < Duration::from_secs(1) {
            actix_web::rt::time::sleep(Duration::from_millis(5)).await;
        }
        let mut server = server;
        server.child.kill().unwrap();
        let _ = server.child.wait();
        for t in tasks {
            let _ = t.await;
        }
        let acked = acked.lock().unwrap().clone();
        let restarted = start(&app.db_url).await;
        let f = retry_all(&restarted.base, &token, n, &acked).await;
        report("sigkill", app.backend, &f);
        assert_eq!((f.stranded, f.changed_answer), (0, 0), "{f:?}");
        assert!(f.longest_wait_ms <= u128::from(LEASE_SECS * 1000 + 1500), "{f:?}");
        assert_once(&app, n);
    }
}

/// Sends a keyed request and resets the connection (RST) `after` it was sent, without reading
/// the answer: the client that gives up and goes away.
fn send_and_reset(base: &str, token: &str, key: &str, b: &Value, after: Duration) {
    use std::io::Write;
    let addr = base.trim_start_matches("http://");
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return;
    };
    let payload = b.to_string();
    let req = format!(
        "POST /api/v1/schools HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nIdempotency-Key: {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    let _ = s.write_all(req.as_bytes());
    std::thread::sleep(after);
    let _ = socket2::SockRef::from(&s).set_linger(Some(Duration::ZERO));
}

dual_test! {
    async fn after_clients_drop_mid_request_every_key_replays_or_writes_once(app: TestApp) {
        let n = 60u32;
        let token = app.bureau(DUYUN);
        let server = start(&app.db_url).await;
        // Every request is sent whole and its connection reset a few milliseconds later: some
        // before the server claimed the key, some while it writes, some after it answered.
        let mut tasks = vec![];
        for i in 0..n {
            let (base, token) = (server.base.clone(), token.clone());
            tasks.push(actix_web::rt::task::spawn_blocking(move || {
                let after = Duration::from_millis(u64::from(i % 30));
                send_and_reset(&base, &token, &format!("fault-{i}"), &body(i), after);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let acked = BTreeMap::new();
        let f = retry_all(&server.base, &token, n, &acked).await;
        report("disconnect", app.backend, &f);
        assert_eq!((f.stranded, f.changed_answer), (0, 0), "{f:?}");
        assert!(f.longest_wait_ms <= u128::from(LEASE_SECS * 1000 + 1500), "{f:?}");
        assert_once(&app, n);
    }
}
