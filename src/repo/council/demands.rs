//! Demands of a third of a council's seats for an extraordinary meeting (MEETING-CONVENE).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::meeting_demands as d;
use crate::db::DbConnection;
use crate::domain::council::demand::DemandStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = d)]
pub struct DemandRow {
    pub id: i64,
    pub group_id: i64,
    /// JSON array of the demanding council seats, by id.
    pub seats_json: String,
    /// The council's seats when the demand was made.
    pub seats_count: i32,
    pub agenda: String,
    pub status: DemandStatus,
    /// The `sub` of whoever recorded it.
    pub demanded_by: String,
    pub demanded_at: NaiveDateTime,
    /// The last day (China Standard Time) the chair may convene the meeting.
    pub due_on: NaiveDate,
    pub meeting_id: Option<i64>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = d)]
pub struct NewDemandRow {
    pub group_id: i64,
    pub seats_json: String,
    pub seats_count: i32,
    pub agenda: String,
    pub status: DemandStatus,
    pub demanded_by: String,
    pub demanded_at: NaiveDateTime,
    pub due_on: NaiveDate,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewDemandRow) -> QueryResult<DemandRow> {
    diesel::insert_into(d::table)
        .values(row)
        .returning(d::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<DemandRow>> {
    d::table
        .find(id)
        .select(DemandRow::as_select())
        .first(conn)
        .optional()
}

/// One page of a group's demands by id, `limit` rows after `after_id`, of `status` if any.
pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    status: &[DemandStatus],
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<DemandRow>> {
    let mut q = d::table
        .filter(d::group_id.eq(group_id))
        .filter(d::id.gt(after_id))
        .into_boxed();
    if !status.is_empty() {
        q = q.filter(d::status.eq_any(status.to_vec()));
    }
    q.order(d::id.asc())
        .limit(limit)
        .select(DemandRow::as_select())
        .load(conn)
}

/// Marks the demand convened by `meeting_id`, if it is still pending at `version`.
pub fn convened(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    meeting_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Option<DemandRow>> {
    diesel::update(
        d::table
            .filter(d::id.eq(id))
            .filter(d::version.eq(version))
            .filter(d::status.eq(DemandStatus::Pending)),
    )
    .set((
        d::status.eq(DemandStatus::Convened),
        d::meeting_id.eq(Some(meeting_id)),
        d::version.eq(version + 1),
        d::updated_at.eq(at),
    ))
    .returning(d::all_columns)
    .get_result(conn)
    .optional()
}
