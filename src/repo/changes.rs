//! The audit log, which is also the change feed: one row per change, written in the same
//! transaction as the change it records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::changes;
use crate::db::DbConnection;

/// Who made a change, as the audit log records it.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub sub: String,
    pub role: String,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Created,
    Updated,
    Deleted,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Created => "created",
            Op::Updated => "updated",
            Op::Deleted => "deleted",
        }
    }
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change {
    pub op: Op,
    pub action: String,
    pub entity: &'static str,
    pub entity_id: String,
    pub natural_key: Option<String>,
    pub county_code: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// Whether the change is published on the change feed (internal records are audited only).
    pub published: bool,
}

#[derive(Insertable)]
#[diesel(table_name = changes)]
struct NewChangeRow {
    occurred_at: NaiveDateTime,
    actor_sub: String,
    actor_role: String,
    request_id: Option<String>,
    op: String,
    action: String,
    entity: String,
    entity_id: String,
    natural_key: Option<String>,
    county_code: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    published: bool,
}

/// A change as the feed publishes it: what changed and where, not the audit snapshots (those
/// stay in the table for the audit trail and are not read on this path).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = changes)]
pub struct FeedRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub op: String,
    pub entity: String,
    pub entity_id: String,
    pub natural_key: Option<String>,
    pub county_code: Option<String>,
}

pub fn record(conn: &mut DbConnection, actor: &AuditActor, c: Change) -> QueryResult<()> {
    let row = NewChangeRow {
        occurred_at: super::now(),
        actor_sub: actor.sub.clone(),
        actor_role: actor.role.clone(),
        request_id: actor.request_id.clone(),
        op: c.op.as_str().to_string(),
        action: c.action,
        entity: c.entity.to_string(),
        entity_id: c.entity_id,
        natural_key: c.natural_key,
        county_code: c.county_code,
        before_json: c.before.map(|v| v.to_string()),
        after_json: c.after.map(|v| v.to_string()),
        published: c.published,
    };
    diesel::insert_into(changes::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

/// Published changes after `after`, in commit order; `county` confines them to one county
/// (prefecture-wide changes, with no county, are seen by everyone).
pub fn feed(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
    county: Option<&str>,
    entity: Option<&str>,
) -> QueryResult<Vec<FeedRow>> {
    let mut q = changes::table
        .filter(changes::seq.gt(after))
        .filter(changes::published.eq(true))
        .order(changes::seq.asc())
        .limit(limit)
        .select(FeedRow::as_select())
        .into_boxed();
    if let Some(county) = county {
        q = q.filter(
            changes::county_code
                .eq(county.to_string())
                .or(changes::county_code.is_null()),
        );
    }
    if let Some(entity) = entity {
        q = q.filter(changes::entity.eq(entity.to_string()));
    }
    q.load(conn)
}
