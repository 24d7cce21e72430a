//! One code path over two backends: SQLite (the embedded default) and PostgreSQL.
//!
//! [`DbConnection`] is a diesel `MultiConnection`; the backend is chosen by the URL's scheme. The
//! r2d2 manager is our own so that a real connection error reaches the log (the derived
//! `establish` hides it), and so that every pooled SQLite connection gets its pragmas.

pub mod claim;
pub mod migrate;
pub mod schema;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;

use crate::error::{ApiError, ApiResult};

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// The file path of a SQLite URL (`sqlite://./data/x.db`, `sqlite:x.db` or a bare path).
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

#[derive(Debug, thiserror::Error)]
pub enum ConnError {
    #[error("cannot connect: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("connection check failed: {0}")]
    Query(#[from] diesel::result::Error),
}

pub struct Manager {
    url: String,
    backend: Backend,
    busy_timeout_ms: u32,
    statements: Arc<AtomicU64>,
}

impl Manager {
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_string(),
            backend: Backend::of_url(url),
            busy_timeout_ms: 5_000,
            statements: Arc::default(),
        }
    }
}

/// Counts the statements the pool's connections send (diesel's instrumentation), so that the
/// statements of a read are a number a test can pin (see [`Db::statements`]).
struct StatementCount(Arc<AtomicU64>);

impl diesel::connection::Instrumentation for StatementCount {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        if matches!(
            event,
            diesel::connection::InstrumentationEvent::StartQuery { .. }
        ) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Opens one connection; for SQLite with WAL, foreign keys and a busy timeout.
pub fn establish(url: &str) -> Result<DbConnection, ConnError> {
    Manager::new(url).open()
}

impl Manager {
    fn open(&self) -> Result<DbConnection, ConnError> {
        match self.backend {
            Backend::Postgres => Ok(DbConnection::Postgresql(diesel::PgConnection::establish(
                &self.url,
            )?)),
            Backend::Sqlite => {
                let path = sqlite_path(&self.url);
                let mut conn = diesel::SqliteConnection::establish(path)?;
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                    self.busy_timeout_ms
                ))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnError;

    fn connect(&self) -> Result<DbConnection, ConnError> {
        let mut conn = self.open()?;
        conn.set_instrumentation(StatementCount(self.statements.clone()));
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnError> {
        conn.ping().map_err(ConnError::Query)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// The handle services use: blocking diesel work runs on actix's blocking pool, never on the
/// async executor, and each call is one transaction.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// Writers queue here, in the process, before their transaction starts. Every writing
    /// transaction takes the one-row write gate first, so only one runs at a time anyway; a
    /// writer that waited in the database instead would hold a connection and a blocking
    /// thread, and on SQLite it would sleep in steps of up to 100 ms (the busy handler) rather
    /// than start when the gate is free.
    writers: Arc<tokio::sync::Semaphore>,
    statements: Arc<AtomicU64>,
}

impl Db {
    pub fn connect(url: &str, pool_size: u32) -> Result<Db, r2d2::Error> {
        let manager = Manager::new(url);
        let statements = manager.statements.clone();
        // No `SELECT 1` on every checkout (r2d2's default): it was a statement, and on
        // PostgreSQL a round trip, on every request. A connection that broke while idle fails
        // its request with a 503 (retryable) and is then discarded (`has_broken`).
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            .connection_timeout(Duration::from_secs(5))
            .test_on_check_out(false)
            .build_unchecked(manager);
        Ok(Db {
            statements,
            pool,
            backend: Backend::of_url(url),
            writers: Arc::new(tokio::sync::Semaphore::new(1)),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many statements the pool's connections have sent since the pool was made (`BEGIN`
    /// and `COMMIT` included): what a request costs the database, in the tests that pin it.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// A read-only unit of work in one transaction.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run_read(move |conn| conn.transaction(f)).await
    }

    /// A read of one statement, outside a transaction: one statement is one snapshot on both
    /// backends, and `BEGIN` and `COMMIT` would be two more round trips. Reads of more than one
    /// statement use [`Db::read`], so that they see one snapshot.
    pub async fn query<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run_read(f).await
    }

    /// Runs a read. On SQLite, when connections are idle, the read runs on the calling worker:
    /// an SQLite read is CPU work of some tens of microseconds that never waits on a lock (WAL),
    /// and handing it to the blocking pool and back would cost two thread switches, about as
    /// much as the read. A PostgreSQL read waits on the network, so it always goes to the
    /// blocking pool, as does an SQLite read when every connection is busy.
    async fn run_read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        // One idle connection is always left to the blocking pool: a writer waiting there (it
        // holds the write queue's permit) would otherwise lose every returned connection to the
        // readers on the workers, which take one without queueing.
        if self.backend == Backend::Sqlite && self.pool.state().idle_connections > 1 {
            if let Some(mut pooled) = self.pool.try_get() {
                return f(&mut pooled);
            }
        }
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut pooled = pool.get()?;
            f(&mut pooled)
        })
        .await?
    }

    /// A request's writing unit of work, in one transaction. It first takes the write gate, so
    /// writers are serialised: on SQLite the write lock is taken up front (no busy-snapshot
    /// failure halfway), and on both backends the change feed's sequence follows commit order.
    ///
    /// In a request that holds an `Idempotency-Key` (see `claim`), the result is written into the
    /// key in this same transaction, so a committed write always has its answer; and when an
    /// earlier attempt with the key committed already, its result is returned and nothing is
    /// written again.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: serde::Serialize + serde::de::DeserializeOwned + Send + 'static,
    {
        let claim = claim::take();
        if let Some(committed) = claim.as_ref().and_then(|c| c.committed.clone()) {
            return serde_json::from_str(&committed).map_err(|_| ApiError::internal());
        }
        self.write_internal(move |c| {
            let value = f(c)?;
            if let Some(claim) = &claim {
                let mut json = serde_json::to_value(&value).map_err(|_| ApiError::internal())?;
                crate::repo::idempotency::without_personal_data(&mut json);
                let json = json.to_string();
                if !crate::repo::idempotency::commit_result(
                    c,
                    &claim.owner,
                    &claim.key,
                    &claim.token,
                    &json,
                )? {
                    return Err(ApiError::new(
                        crate::error::ErrorKind::IdempotencyInProgress,
                        "等待过久，另一次使用相同幂等键的请求已接手；本次请求未生效，请以同一幂等键重试以取得结果。",
                        "This attempt took too long and another one with the same idempotency key took over; nothing was written here: retry with the key to get the result.",
                    ));
                }
            }
            Ok(value)
        })
        .await
    }

    /// A writing unit of work of the service's own (its bookkeeping of idempotency keys, the demo
    /// seed), in one transaction behind the write gate; never a request's operation, which is
    /// [`Db::write`].
    pub async fn write_internal<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        // The permit is held until the transaction has ended, also when the caller gives up
        // waiting (the blocking task runs on and the permit goes with it).
        let permit = self
            .writers
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal())?;
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let _permit = permit;
            let mut pooled = pool.get()?;
            let conn: &mut DbConnection = &mut pooled;
            conn.transaction(|c| {
                take_write_gate(c)?;
                f(c)
            })
        })
        .await?
    }

    /// Whether the database answers, for `/ready`.
    pub async fn ping(&self) -> bool {
        let pool = self.pool.clone();
        actix_web::web::block(move || match pool.get_timeout(Duration::from_secs(2)) {
            Ok(mut conn) => conn.ping().is_ok(),
            Err(_) => false,
        })
        .await
        .unwrap_or(false)
    }
}

/// Takes the write gate in the current transaction (see [`Db::write`]).
pub(crate) fn take_write_gate(conn: &mut DbConnection) -> QueryResult<()> {
    use schema::write_gate::dsl::*;
    diesel::update(write_gate.filter(id.eq(1)))
        .set(touched.eq(touched + 1))
        .execute(conn)?;
    Ok(())
}
