//! Motions put to a meeting, and the seat holders recused from each.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{meetings, motions as m, recusals as r};
use crate::db::DbConnection;
use crate::domain::council::{Ballot, MotionOutcome, MotionStatus, MotionType};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m)]
pub struct MotionRow {
    pub id: i64,
    pub meeting_id: i64,
    pub group_id: i64,
    pub position: i32,
    pub title: String,
    pub motion_type: MotionType,
    /// `open` or `secret`.
    pub ballot: Ballot,
    pub concerns_school_id: Option<i64>,
    /// The threshold frozen when the motion was tabled.
    pub threshold_json: String,
    /// The quorum fraction frozen when the motion was tabled.
    pub quorum_json: String,
    /// `open`, `closed` or `deferred`.
    pub status: MotionStatus,
    pub outcome: Option<MotionOutcome>,
    pub seats_count: Option<i32>,
    pub present_count: Option<i32>,
    pub recused_count: Option<i32>,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    pub required_votes: Option<i32>,
    pub quorum_required: Option<i32>,
    pub closed_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = m)]
pub struct NewMotionRow {
    pub meeting_id: i64,
    pub group_id: i64,
    pub position: i32,
    pub title: String,
    pub motion_type: MotionType,
    pub ballot: Ballot,
    pub concerns_school_id: Option<i64>,
    pub threshold_json: String,
    pub quorum_json: String,
    pub status: MotionStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What closing (or deferring) a motion writes: its status, outcome and the frozen counts.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = m, treat_none_as_null = true)]
pub struct MotionClose {
    pub status: MotionStatus,
    pub outcome: Option<MotionOutcome>,
    pub seats_count: Option<i32>,
    pub present_count: Option<i32>,
    pub recused_count: Option<i32>,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    pub required_votes: Option<i32>,
    pub quorum_required: Option<i32>,
    pub closed_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &NewMotionRow) -> QueryResult<MotionRow> {
    diesel::insert_into(m::table)
        .values(row)
        .returning(m::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<MotionRow>> {
    m::table
        .find(id)
        .select(MotionRow::as_select())
        .first(conn)
        .optional()
}

/// A meeting's motions in the order they were tabled.
pub fn of_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<MotionRow>> {
    m::table
        .filter(m::meeting_id.eq(meeting_id))
        .order((m::position.asc(), m::id.asc()))
        .select(MotionRow::as_select())
        .load(conn)
}

/// How many of a meeting's motions are still open.
pub fn open_count(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<i64> {
    m::table
        .filter(m::meeting_id.eq(meeting_id))
        .filter(m::status.eq(MotionStatus::Open))
        .count()
        .get_result(conn)
}

/// Writes `close` if the motion is still open and at `version`; `None` if another request
/// closed or deferred it first.
pub fn close(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    close: &MotionClose,
    at: NaiveDateTime,
) -> QueryResult<Option<MotionRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.eq(MotionStatus::Open)),
    )
    .set((close, m::version.eq(version + 1), m::updated_at.eq(at)))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}

/// Whether a group has an open motion of `motion_type` before `body`: e.g. the charter draft
/// should not change while the council is voting on it.
pub fn has_open(
    conn: &mut DbConnection,
    group_id: i64,
    body: &str,
    motion_type: &str,
) -> QueryResult<bool> {
    let of_body = meetings::table
        .filter(meetings::group_id.eq(group_id))
        .filter(meetings::body.eq(body))
        .select(meetings::id);
    diesel::select(diesel::dsl::exists(
        m::table
            .filter(m::group_id.eq(group_id))
            .filter(m::motion_type.eq(motion_type))
            .filter(m::status.eq(MotionStatus::Open))
            .filter(m::meeting_id.eq_any(of_body)),
    ))
    .get_result(conn)
}

pub fn add_recusal(conn: &mut DbConnection, motion_id: i64, seat_id: i64) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values((r::motion_id.eq(motion_id), r::seat_id.eq(seat_id)))
        .execute(conn)
        .map(|_| ())
}

/// The seats recused from a motion, by id.
pub fn recused(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Vec<i64>> {
    r::table
        .filter(r::motion_id.eq(motion_id))
        .order(r::seat_id.asc())
        .select(r::seat_id)
        .load(conn)
}

/// The recusals of several motions at once, as `(motion_id, seat_id)`.
pub fn recused_of(conn: &mut DbConnection, motion_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    r::table
        .filter(r::motion_id.eq_any(motion_ids))
        .order((r::motion_id.asc(), r::seat_id.asc()))
        .select((r::motion_id, r::seat_id))
        .load(conn)
}
