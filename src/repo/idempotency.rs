//! Idempotency keys, kept in the database so that every instance behind a load balancer agrees.
//!
//! A key moves through three states. *Claimed*: an attempt holds it (`claim_token`) until
//! `lease_until`. *Committed*: the operation's write transaction wrote its result (`result`) in
//! that same transaction, with the token still its own. *Completed*: the answer that went out
//! (`status_code`, `response`, `location`, `etag`) is stored for replays. A claim whose lease ran
//! out without a result belongs to an attempt that died (a dropped connection, a killed server):
//! the next attempt takes it over; the dead attempt, if it is only slow, then finds its token
//! gone and rolls back, so the write happens once.

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
    pub claim_token: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub result: Option<String>,
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

/// Takes over a claim whose lease has run out and that has no result: a new token and lease.
/// `false` when the key has moved on meanwhile (another attempt took it, or it committed).
pub fn take_over(
    conn: &mut DbConnection,
    owner: &str,
    key: &str,
    token: &str,
    lease_until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        k::table
            .filter(k::owner.eq(owner))
            .filter(k::idem_key.eq(key))
            .filter(k::result.is_null())
            .filter(k::status_code.is_null())
            .filter(k::lease_until.lt(now).or(k::lease_until.is_null())),
    )
    .set((
        k::claim_token.eq(Some(token)),
        k::lease_until.eq(Some(lease_until)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Writes the operation's result, in the operation's own transaction, if the claim is still
/// `token`'s and has no result yet; `false` when the lease was lost to another attempt.
pub fn commit_result(
    conn: &mut DbConnection,
    owner: &str,
    key: &str,
    token: &str,
    result: &str,
) -> QueryResult<bool> {
    diesel::update(
        k::table
            .filter(k::owner.eq(owner))
            .filter(k::idem_key.eq(key))
            .filter(k::claim_token.eq(token))
            .filter(k::result.is_null()),
    )
    .set(k::result.eq(Some(result)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Stores the answer that went out, for byte-for-byte replays.
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

/// Frees the key of an attempt that failed before anything committed, so that the client can
/// correct the request and send it again with the same key.
pub fn release(conn: &mut DbConnection, owner: &str, key: &str, token: &str) -> QueryResult<()> {
    diesel::delete(
        k::table
            .filter(k::owner.eq(owner))
            .filter(k::idem_key.eq(key))
            .filter(k::claim_token.eq(token))
            .filter(k::result.is_null()),
    )
    .execute(conn)
    .map(|_| ())
}

/// Forgets keys older than `before`: a replay is only promised for a day.
pub fn purge_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::created_at.lt(before))).execute(conn)
}

/// A body as the table keeps it, with every resident ID number masked: the idempotency table is
/// not another copy of personal data (a replay shows the number masked, as most roles see it).
pub fn without_personal_data(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(n)) = map.get("id_number") {
                let masked = crate::domain::codes::resident_id::mask(n);
                map.insert("id_number".into(), serde_json::Value::String(masked));
                map.insert("id_number_masked".into(), serde_json::Value::Bool(true));
            }
            map.values_mut().for_each(without_personal_data);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_personal_data),
        _ => {}
    }
}
