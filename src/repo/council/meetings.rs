//! Meetings of a group's council or office meeting, and who attended each.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{attendance as a, meetings as m};
use crate::db::DbConnection;
use crate::domain::council::{Attendance, Body, MeetingKind, MeetingStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m)]
pub struct MeetingRow {
    pub id: i64,
    pub group_id: i64,
    /// `council` or `office`.
    pub body: Body,
    /// `regular` or `extraordinary`.
    pub kind: MeetingKind,
    pub scheduled_at: NaiveDateTime,
    pub agenda: String,
    /// `convened` or `closed`.
    pub status: MeetingStatus,
    /// The `sub` of whoever convened it.
    pub convened_by: String,
    /// JSON array of the seat ids that demanded an extraordinary council meeting.
    pub demanded_by: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = m)]
pub struct NewMeetingRow {
    pub group_id: i64,
    pub body: Body,
    pub kind: MeetingKind,
    pub scheduled_at: NaiveDateTime,
    pub agenda: String,
    pub status: MeetingStatus,
    pub convened_by: String,
    pub demanded_by: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = a)]
pub struct AttendanceRow {
    pub meeting_id: i64,
    pub seat_id: i64,
    /// `present`, `absent` or `proxy`.
    pub status: Attendance,
    /// For `proxy`: the present seat that votes for this one.
    pub proxy_seat_id: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewMeetingRow) -> QueryResult<MeetingRow> {
    diesel::insert_into(m::table)
        .values(row)
        .returning(m::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<MeetingRow>> {
    m::table
        .find(id)
        .select(MeetingRow::as_select())
        .first(conn)
        .optional()
}

/// A group's meetings by id, optionally of one body.
pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    body: &[Body],
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<MeetingRow>> {
    let mut q = m::table
        .filter(m::group_id.eq(group_id))
        .filter(m::id.gt(after_id))
        .order(m::id.asc())
        .limit(limit)
        .select(MeetingRow::as_select())
        .into_boxed();
    if !body.is_empty() {
        q = q.filter(m::body.eq_any(body.to_vec()));
    }
    q.load(conn)
}

/// Moves the meeting to `status` and its version on, if it is still at `version`; `None` if
/// another request moved it first.
pub fn advance(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    status: MeetingStatus,
    at: NaiveDateTime,
) -> QueryResult<Option<MeetingRow>> {
    diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            m::status.eq(status),
            m::version.eq(version + 1),
            m::updated_at.eq(at),
        ))
        .returning(m::all_columns)
        .get_result(conn)
        .optional()
}

/// The attendance recorded for a meeting, by seat.
pub fn attendance(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<AttendanceRow>> {
    a::table
        .filter(a::meeting_id.eq(meeting_id))
        .order(a::seat_id.asc())
        .select(AttendanceRow::as_select())
        .load(conn)
}

/// Replaces a meeting's attendance with `rows` (row by row: the multi-backend connection
/// cannot insert a batch in one statement).
pub fn replace_attendance(
    conn: &mut DbConnection,
    meeting_id: i64,
    rows: &[AttendanceRow],
) -> QueryResult<()> {
    diesel::delete(a::table.filter(a::meeting_id.eq(meeting_id))).execute(conn)?;
    for row in rows {
        diesel::insert_into(a::table).values(row).execute(conn)?;
    }
    Ok(())
}
