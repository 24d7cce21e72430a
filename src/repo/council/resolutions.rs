//! Resolutions: adopted motions, numbered per group and year. Rows are never updated or
//! deleted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::resolutions as r;
use crate::db::DbConnection;
use crate::domain::council::MotionType;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ResolutionRow {
    pub id: i64,
    pub group_id: i64,
    pub motion_id: i64,
    /// `{group code}-{year}-{sequence:03}`.
    pub number: String,
    pub year: i32,
    pub sequence: i32,
    pub title: String,
    pub motion_type: MotionType,
    pub issued_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = r)]
pub struct NewResolutionRow {
    pub group_id: i64,
    pub motion_id: i64,
    pub number: String,
    pub year: i32,
    pub sequence: i32,
    pub title: String,
    pub motion_type: MotionType,
    pub issued_at: NaiveDateTime,
}

#[derive(Debug, Clone, Default)]
pub struct ResolutionFilter {
    pub motion_type: Vec<MotionType>,
    pub year: Option<i32>,
}

pub fn insert(conn: &mut DbConnection, row: &NewResolutionRow) -> QueryResult<ResolutionRow> {
    diesel::insert_into(r::table)
        .values(row)
        .returning(r::all_columns)
        .get_result(conn)
}

/// The numbers of the resolutions `ids`, by id, in one query.
pub fn numbers(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    r::table
        .filter(r::id.eq_any(ids))
        .select((r::id, r::number))
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ResolutionRow>> {
    r::table
        .find(id)
        .select(ResolutionRow::as_select())
        .first(conn)
        .optional()
}

/// The resolutions of several motions at once.
pub fn of_motions(conn: &mut DbConnection, motion_ids: &[i64]) -> QueryResult<Vec<ResolutionRow>> {
    r::table
        .filter(r::motion_id.eq_any(motion_ids))
        .select(ResolutionRow::as_select())
        .load(conn)
}

/// The last sequence number a group used in a year (0 if none). Writers are serialised by the
/// write gate, so the next number is this plus one; the unique number guards it regardless.
pub fn last_sequence(conn: &mut DbConnection, group_id: i64, year: i32) -> QueryResult<i32> {
    r::table
        .filter(r::group_id.eq(group_id))
        .filter(r::year.eq(year))
        .select(diesel::dsl::max(r::sequence))
        .first::<Option<i32>>(conn)
        .map(|v| v.unwrap_or(0))
}

pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    f: &ResolutionFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<ResolutionRow>> {
    let mut q = r::table
        .filter(r::group_id.eq(group_id))
        .filter(r::id.gt(after_id))
        .order(r::id.asc())
        .limit(limit)
        .select(ResolutionRow::as_select())
        .into_boxed();
    if !f.motion_type.is_empty() {
        q = q.filter(r::motion_type.eq_any(f.motion_type.clone()));
    }
    if let Some(y) = f.year {
        q = q.filter(r::year.eq(y));
    }
    q.load(conn)
}
