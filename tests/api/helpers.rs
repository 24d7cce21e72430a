//! `spawn_app()`: the real HTTP app on port 0 against a fresh database, per test.

#![allow(dead_code)]

use edugroups::config::{JwtKeySource, JwtSettings, Settings};
use edugroups::db::{establish, Db, DbConnection};
use edugroups::domain::auth::Role;
use edugroups::security::jwt::{JwtKeys, TokenRequest};
use edugroups::startup::Application;
use jsonwebtoken::Algorithm;
use serde_json::Value;

pub const SECRET: &[u8] = b"integration-test-secret-0123456789abcdef";
pub const DUYUN: &str = "522701";
pub const FUQUAN: &str = "522702";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db_url: String,
    pub backend: Backend,
    keys: JwtKeys,
    /// The app's database handle: `statements()` counts what requests send.
    pub db: edugroups::db::Db,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestApp {
    /// The PostgreSQL database's name and the admin URL it was created from.
    pub fn pg_database(&self) -> Option<(&str, &str)> {
        self.pg.as_ref().map(|(a, n)| (a.as_str(), n.as_str()))
    }
}

fn jwt_settings() -> JwtSettings {
    JwtSettings {
        algorithm: Algorithm::HS256,
        key: JwtKeySource::Secret(SECRET.to_vec()),
        issuer: "edugroups".into(),
        ttl_secs: 600,
        development_secret: false,
    }
}

/// The app on a fresh database; `None` for PostgreSQL when `EDUGROUPS_TEST_POSTGRES_URL` is unset
/// (under `CI=true` that is a failure: CI must run the PostgreSQL suite).
/// `EDUGROUPS_TEST_POSTGRES_URL`, without TLS unless the URL asks for it (`sslmode=`).
///
/// libpq over TLS and a process exit race: OpenSSL frees its state in an exit handler while
/// the pools of the tests that ended last are still closing their connections on their own
/// threads, and the test binary then died at exit (SIGSEGV, SIGABRT "double free") after every
/// test had passed, in about one CI run in four. A loopback server needs no TLS.
pub fn pg_admin_url() -> Option<String> {
    match std::env::var("EDUGROUPS_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(if u.contains("sslmode=") {
            u
        } else if u.contains('?') {
            format!("{u}&sslmode=disable")
        } else {
            format!("{u}?sslmode=disable")
        }),
        _ => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true but EDUGROUPS_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run");
            }
            None
        }
    }
}

/// The admin URL with its database replaced by `name` (its query string kept).
fn pg_database_url(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin, String::new()),
    };
    let server = match base.rfind('/') {
        Some(i) if base[..i].ends_with(|c: char| c != '/') => &base[..i],
        _ => base,
    };
    format!("{server}/{name}{query}")
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| {}).await
}

pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let (db_url, dir, pg) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let admin = pg_admin_url()?;
            let name = format!("edugroups_t_{}", uuid::Uuid::new_v4().simple());
            let mut conn = establish(&admin).expect("connect to the PostgreSQL admin database");
            use diesel::connection::SimpleConnection;
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create test database");
            let url = pg_database_url(&admin, &name);
            (url, None, Some((admin, name)))
        }
    };
    let mut settings = Settings {
        database_url: db_url.clone(),
        bind: "127.0.0.1:0".into(),
        pool_size: 4,
        body_limit: 64 * 1024,
        workers: 1,
        jwt: jwt_settings(),
        province_code: "52".into(),
        token_rate_per_minute: 1000,
        production: false,
        timeouts: edugroups::config::Timeouts::default(),
    };
    tweak(&mut settings);
    let app = Application::build(&settings).expect("build app");
    let port = app.port();
    let db = app.db();
    actix_web::rt::spawn(app.run_until_stopped());
    Some(TestApp {
        base: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::builder().build().expect("client"),
        db_url,
        backend,
        keys: JwtKeys::from_settings(&jwt_settings()).expect("keys"),
        db,
        _dir: dir,
        pg,
    })
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            // Forced: the app's pool still holds connections.
            let _ = std::thread::spawn(move || {
                use diesel::connection::SimpleConnection;
                if let Ok(mut c) = establish(&admin) {
                    let _ =
                        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            })
            .join();
        }
    }
}

/// One test, run once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! dual_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident: TestApp) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            async fn run($app: $crate::helpers::TestApp) $body

            #[actix_web::test]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.expect("sqlite app");
                run(app).await;
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                    run(app).await;
                }
            }
        }
    };
}

pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// The fields named in a problem's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts an RFC 9457 problem with this status and code.
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "body: {}", self.text);
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "body: {}",
            self.text
        );
        assert_eq!(self.body["status"], status);
        assert_eq!(self.body["code"], code, "body: {}", self.text);
        assert!(self.body["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("https://")));
        assert!(self.body["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(self.body["detail"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(self.body["request_id"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
    }
}

pub async fn read(r: reqwest::Response) -> Resp {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        body,
        text,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn token(&self, role: Role, county: Option<&str>, school: Option<i64>) -> String {
        self.keys
            .issue(&TokenRequest {
                sub: format!("test-{}-{}", role.as_str(), county.unwrap_or("all")),
                role,
                county: county.map(str::to_string),
                school,
                ttl_secs: None,
            })
            .expect("token")
            .0
    }

    /// A token with a given subject: a council member's `sub` is its person id.
    pub fn token_for(
        &self,
        sub: &str,
        role: Role,
        county: Option<&str>,
        school: Option<i64>,
    ) -> String {
        self.keys
            .issue(&TokenRequest {
                sub: sub.to_string(),
                role,
                county: county.map(str::to_string),
                school,
                ttl_secs: None,
            })
            .expect("token")
            .0
    }

    pub fn bureau(&self, county: &str) -> String {
        self.token(Role::CountyBureau, Some(county), None)
    }

    pub fn prefecture(&self) -> String {
        self.token(Role::PrefectureBureau, None, None)
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        read(
            self.client
                .get(self.url(path))
                .bearer_auth(token)
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    /// A `GET` with extra headers (e.g. `Accept: text/csv`).
    pub async fn get_with(&self, path: &str, token: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = self.client.get(self.url(path)).bearer_auth(token);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        read(req.send().await.expect("send")).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Resp {
        read(
            self.client
                .post(self.url(path))
                .bearer_auth(token)
                .json(body)
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    /// A POST with `If-Match` (steps that change a versioned resource).
    pub async fn post_if(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Resp {
        let mut rb = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(m) = if_match {
            rb = rb.header("If-Match", m);
        }
        read(rb.send().await.expect("send")).await
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Resp {
        let mut rb = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(m) = if_match {
            rb = rb.header("If-Match", m);
        }
        read(rb.send().await.expect("send")).await
    }

    pub async fn put(&self, path: &str, token: &str, if_match: Option<&str>, body: &Value) -> Resp {
        let mut rb = self
            .client
            .put(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(m) = if_match {
            rb = rb.header("If-Match", m);
        }
        read(rb.send().await.expect("send")).await
    }

    pub async fn delete(&self, path: &str, token: &str, if_match: Option<&str>) -> Resp {
        let mut rb = self.client.delete(self.url(path)).bearer_auth(token);
        if let Some(m) = if_match {
            rb = rb.header("If-Match", m);
        }
        read(rb.send().await.expect("send")).await
    }

    /// A direct connection, to check stored state.
    pub fn conn(&self) -> DbConnection {
        establish(&self.db_url).expect("direct connection")
    }

    pub fn db(&self) -> Db {
        Db::connect(&self.db_url, 2).expect("pool")
    }

    pub fn count(&self, table: &str) -> i64 {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.conn();
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<N>(&mut conn)
            .expect("count")
            .n
    }

    /// Registers a school in `county` and returns its body.
    pub async fn school(&self, county: &str, seq: u32, standing: &str) -> Value {
        let r = self
            .post(
                "/api/v1/schools",
                &self.bureau(county),
                &school_body(county, seq, standing),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body
    }

    pub async fn person(&self, school: &Value, seq: u32) -> Value {
        self.person_named(school, seq, &format!("教师{seq}")).await
    }

    pub async fn person_named(&self, school: &Value, seq: u32, name: &str) -> Value {
        let county = school["county_code"].as_str().expect("county");
        let r = self
            .post(
                "/api/v1/persons",
                &self.bureau(county),
                &serde_json::json!({
                    "name": name,
                    "id_number": id_number(county, seq),
                    "school_id": school["id"],
                    "title_code": "yj",
                    "subject_codes": ["13"],
                    "is_backbone": seq.is_multiple_of(2),
                }),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body
    }
}

/// A valid school body: MOE code `2152` + county digits + `seq`, a USCC with its check character.
pub fn school_body(county: &str, seq: u32, standing: &str) -> Value {
    let code = format!("2152{}{:04}", &county[4..], seq % 10_000);
    let org = format!("MB{:07}", seq);
    let uscc =
        edugroups::domain::codes::uscc::with_check_char(&format!("12{county}{org}")).expect("uscc");
    serde_json::json!({
        "code": code,
        "name": format!("测试学校{seq}"),
        "county_code": county,
        "type_code": "211",
        "urban_rural_code": "111",
        "location": "urban",
        "standing": standing,
        "uscc": uscc,
        "staffing_quota": 80,
    })
}

/// A valid resident ID number born in `county`.
pub fn id_number(county: &str, seq: u32) -> String {
    edugroups::domain::codes::resident_id::with_check_digit(&format!(
        "{county}19850101{:03}",
        seq % 1000
    ))
    .expect("id number")
}

/// `q` as a query-string value.
pub fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
