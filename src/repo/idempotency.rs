//! Idempotency keys, kept in the database so that every instance behind a load balancer agrees.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::idempotency_keys as k;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = k)]
pub struct KeyRow {
    pub owner: String,
    pub idem_key: String,
    pub method: String,
    pub path: String,
    pub request_hash: String,
    pub status_code: Option<i32>,
    pub response: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, owner: &str, key: &str) -> QueryResult<Option<KeyRow>> {
    k::table
        .filter(k::owner.eq(owner))
        .filter(k::idem_key.eq(key))
        .select(KeyRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &KeyRow) -> QueryResult<()> {
    diesel::insert_into(k::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn complete(
    conn: &mut DbConnection,
    owner: &str,
    key: &str,
    status: i32,
    response: &str,
    location: Option<String>,
    etag: Option<String>,
) -> QueryResult<()> {
    diesel::update(
        k::table
            .filter(k::owner.eq(owner))
            .filter(k::idem_key.eq(key)),
    )
    .set((
        k::status_code.eq(Some(status)),
        k::response.eq(Some(response)),
        k::location.eq(location),
        k::etag.eq(etag),
    ))
    .execute(conn)
    .map(|_| ())
}

pub fn delete(conn: &mut DbConnection, owner: &str, key: &str) -> QueryResult<()> {
    diesel::delete(
        k::table
            .filter(k::owner.eq(owner))
            .filter(k::idem_key.eq(key)),
    )
    .execute(conn)
    .map(|_| ())
}

/// Forgets keys older than `before`: a replay is only promised for a day.
pub fn purge_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::created_at.lt(before))).execute(conn)
}
