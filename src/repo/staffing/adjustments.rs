//! Staffing adjustments (STAFF-ADJUST): proposals that change a group's allocations for a year
//! once the office meeting has passed them and the bureau approved them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::staffing_adjustments as a;
use crate::db::DbConnection;
use crate::domain::staffing::AdjustmentStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = a)]
pub struct AdjustmentRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub title: String,
    pub status: AdjustmentStatus,
    /// JSON array of the proposed lines (`service::staffing::adjust::Line`).
    pub lines_json: String,
    pub note: Option<String>,
    /// The office-meeting motion it was last tabled as.
    pub motion_id: Option<i64>,
    pub proposed_by: String,
    pub proposed_at: NaiveDateTime,
    pub office_decided_at: Option<NaiveDateTime>,
    /// The bureau officer who approved or refused it.
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_ref: Option<String>,
    pub decision_note: Option<String>,
    /// The approved adjustment that superseded it.
    pub superseded_by: Option<i64>,
    pub filing_id: Option<i64>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = a)]
pub struct NewAdjustmentRow {
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub title: String,
    pub status: AdjustmentStatus,
    pub lines_json: String,
    pub note: Option<String>,
    pub proposed_by: String,
    pub proposed_at: NaiveDateTime,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What one step writes besides the status; `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = a)]
pub struct AdjustmentStep {
    pub status: AdjustmentStatus,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_ref: Option<String>,
    pub decision_note: Option<String>,
    pub superseded_by: Option<i64>,
    pub filing_id: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewAdjustmentRow) -> QueryResult<AdjustmentRow> {
    diesel::insert_into(a::table)
        .values(row)
        .returning(a::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<AdjustmentRow>> {
    a::table
        .find(id)
        .select(AdjustmentRow::as_select())
        .first(conn)
        .optional()
}

/// One page of a group's adjustments by id, of `year` and `status` if given.
pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    year: Option<i32>,
    status: &[AdjustmentStatus],
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<AdjustmentRow>> {
    let mut q = a::table
        .filter(a::group_id.eq(group_id))
        .filter(a::id.gt(after_id))
        .into_boxed();
    if let Some(y) = year {
        q = q.filter(a::year.eq(y));
    }
    if !status.is_empty() {
        q = q.filter(a::status.eq_any(status.to_vec()));
    }
    q.order(a::id.asc())
        .limit(limit)
        .select(AdjustmentRow::as_select())
        .load(conn)
}

/// The adjustment a motion was tabled for, if any.
pub fn of_motion(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Option<AdjustmentRow>> {
    a::table
        .filter(a::motion_id.eq(motion_id))
        .select(AdjustmentRow::as_select())
        .first(conn)
        .optional()
}

/// The group's other proposals of the year still on their way.
pub fn open_of_year(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
    except: i64,
) -> QueryResult<Vec<AdjustmentRow>> {
    a::table
        .filter(a::group_id.eq(group_id))
        .filter(a::year.eq(year))
        .filter(a::id.ne(except))
        .filter(a::status.eq_any([AdjustmentStatus::Proposed, AdjustmentStatus::OfficePassed]))
        .order(a::id.asc())
        .select(AdjustmentRow::as_select())
        .load(conn)
}

/// The county's approved adjustments not filed yet, approved on or before `up_to`.
pub fn unfiled(
    conn: &mut DbConnection,
    county: &str,
    up_to: NaiveDate,
) -> QueryResult<Vec<AdjustmentRow>> {
    a::table
        .filter(a::county_code.eq(county))
        .filter(a::status.eq(AdjustmentStatus::Approved))
        .filter(a::filing_id.is_null())
        .filter(a::decided_on.le(up_to))
        .order(a::id.asc())
        .select(AdjustmentRow::as_select())
        .load(conn)
}

/// The adjustments a filing lists.
pub fn of_filing(conn: &mut DbConnection, filing_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    a::table
        .filter(a::filing_id.eq_any(filing_ids.to_vec()))
        .order(a::id.asc())
        .select((a::filing_id.assume_not_null(), a::id))
        .load(conn)
}

/// Moves an adjustment from status `from` at `version`; `None` when another request moved it
/// first, so that of two concurrent steps exactly one wins.
pub fn step(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    from: AdjustmentStatus,
    s: &AdjustmentStep,
    at: NaiveDateTime,
) -> QueryResult<Option<AdjustmentRow>> {
    diesel::update(
        a::table
            .filter(a::id.eq(id))
            .filter(a::version.eq(version))
            .filter(a::status.eq(from)),
    )
    .set((s, a::version.eq(version + 1), a::updated_at.eq(at)))
    .returning(a::all_columns)
    .get_result(conn)
    .optional()
}
