//! Embedded migrations, one folder per backend, applied at start-up and by `edugroups migrate`.

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{establish, DbConnection};

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary constant: the advisory lock that keeps parallel migrators on one PostgreSQL
/// database from racing to create diesel's bookkeeping table.
const PG_MIGRATION_LOCK: i64 = 5_227_000_001;

/// Applies pending migrations and returns how many ran.
pub fn run(url: &str) -> Result<usize, String> {
    if let super::Backend::Sqlite = super::Backend::of_url(url) {
        let path = super::sqlite_path(url);
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
        }
    }
    let mut conn = establish(url).map_err(|e| e.to_string())?;
    let ran = migrate(&mut conn)?;
    crate::repo::search::fill_if_incomplete(&mut conn)
        .map_err(|e| format!("cannot build the name-search index: {e}"))?;
    analyze(&mut conn, false)?;
    Ok(ran)
}

/// Gives the query planner statistics. Without them SQLite cannot tell that a name's pieces
/// are rarer than a county's rows, and may scan the county to check names instead of looking
/// the pieces up. At start-up (`thorough = false`) SQLite analyzes only tables never analyzed
/// or much changed since (`PRAGMA optimize=0x10002`), which is quick; after a bulk load
/// (`seed-demo`) both backends analyze everything. PostgreSQL's autovacuum keeps its
/// statistics up to date otherwise.
pub fn analyze(conn: &mut DbConnection, thorough: bool) -> Result<(), String> {
    let sql = match (&*conn, thorough) {
        (DbConnection::Sqlite(_), false) => "PRAGMA optimize=0x10002;",
        (DbConnection::Sqlite(_), true) => "ANALYZE;",
        (DbConnection::Postgresql(_), false) => return Ok(()),
        (DbConnection::Postgresql(_), true) => "ANALYZE;",
    };
    conn.batch_execute(sql)
        .map_err(|e| format!("cannot analyze the database: {e}"))
}

fn migrate(conn: &mut DbConnection) -> Result<usize, String> {
    match conn {
        DbConnection::Sqlite(c) => c
            .run_pending_migrations(SQLITE)
            .map(|v| v.len())
            .map_err(|e| format!("migration failed: {e}")),
        DbConnection::Postgresql(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({PG_MIGRATION_LOCK})"))
                .map_err(|e| e.to_string())?;
            let result = c
                .run_pending_migrations(POSTGRES)
                .map(|v| v.len())
                .map_err(|e| format!("migration failed: {e}"));
            let _ = c.batch_execute(&format!("SELECT pg_advisory_unlock({PG_MIGRATION_LOCK})"));
            result
        }
    }
}
