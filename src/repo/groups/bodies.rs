//! A group's internal bodies (INTERNAL-BODIES).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::internal_bodies as b;
use crate::db::schema::{meetings, motions, resolutions};
use crate::db::DbConnection;
use crate::domain::council::{Body, MotionType};
use crate::domain::groups::bodies::{InternalBodyKind, InternalBodyStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = b)]
pub struct BodyRow {
    pub id: i64,
    pub group_id: i64,
    pub kind: InternalBodyKind,
    pub name: String,
    pub head_person_id: i64,
    pub founding_resolution_id: i64,
    pub status: InternalBodyStatus,
    pub closing_resolution_id: Option<i64>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = b)]
pub struct NewBodyRow {
    pub group_id: i64,
    pub kind: InternalBodyKind,
    pub name: String,
    pub head_person_id: i64,
    pub founding_resolution_id: i64,
    pub status: InternalBodyStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a change of head or a closing writes.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = b)]
pub struct BodyChange {
    pub head_person_id: Option<i64>,
    pub status: Option<InternalBodyStatus>,
    pub closing_resolution_id: Option<Option<i64>>,
}

pub fn insert(conn: &mut DbConnection, row: &NewBodyRow) -> QueryResult<BodyRow> {
    diesel::insert_into(b::table)
        .values(row)
        .returning(b::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<BodyRow>> {
    b::table
        .find(id)
        .select(BodyRow::as_select())
        .first(conn)
        .optional()
}

/// The group's bodies by id, the active ones only when `active_only`.
pub fn of_group(
    conn: &mut DbConnection,
    group_id: i64,
    active_only: bool,
) -> QueryResult<Vec<BodyRow>> {
    let mut q = b::table.filter(b::group_id.eq(group_id)).into_boxed();
    if active_only {
        q = q.filter(b::status.eq(InternalBodyStatus::Active));
    }
    q.order(b::id.asc()).select(BodyRow::as_select()).load(conn)
}

/// One page of the group's bodies by id: `limit` rows after `after_id`.
pub fn page_of_group(
    conn: &mut DbConnection,
    group_id: i64,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<BodyRow>> {
    b::table
        .filter(b::group_id.eq(group_id))
        .filter(b::id.gt(after_id))
        .order(b::id.asc())
        .limit(limit)
        .select(BodyRow::as_select())
        .load(conn)
}

/// Writes `change` to the body at `version`; `None` when another write came first.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    change: &BodyChange,
    at: NaiveDateTime,
) -> QueryResult<Option<BodyRow>> {
    diesel::update(b::table.filter(b::id.eq(id)).filter(b::version.eq(version)))
        .set((change, b::version.eq(version + 1), b::updated_at.eq(at)))
        .returning(b::all_columns)
        .get_result(conn)
        .optional()
}

/// A resolution with the body whose meeting adopted it, in one statement.
pub fn resolution_facts(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Option<(i64, Body, MotionType)>> {
    resolutions::table
        .inner_join(motions::table.on(motions::id.eq(resolutions::motion_id)))
        .inner_join(meetings::table.on(meetings::id.eq(motions::meeting_id)))
        .filter(resolutions::id.eq(id))
        .select((
            resolutions::group_id,
            meetings::body,
            resolutions::motion_type,
        ))
        .first(conn)
        .optional()
}
