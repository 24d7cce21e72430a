//! What the computed indicators read beyond the exchange and staffing facts: the council's
//! resolutions and quorate meetings of a year, the group's rectification orders and
//! inspections. One statement each.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{inspections as i, meetings as mt, motions as mo, resolutions as r};
use crate::db::DbConnection;
use crate::domain::assessment::Grade;
use crate::domain::council::{Body, MotionStatus, MotionType};

fn year_bounds(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default();
    (
        start.and_hms_opt(0, 0, 0).unwrap_or_default(),
        end.and_hms_opt(0, 0, 0).unwrap_or_default(),
    )
}

/// The motion types of the resolutions the group adopted in `year` (numbered that year).
pub fn resolution_types(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Vec<(i64, MotionType)>> {
    r::table
        .filter(r::group_id.eq(group_id))
        .filter(r::year.eq(year))
        .order(r::id.asc())
        .select((r::id, r::motion_type))
        .load(conn)
}

/// The council meetings held in `year` at which a vote was taken with its quorum present:
/// (meeting id, when).
pub fn quorate_meetings(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Vec<(i64, NaiveDateTime)>> {
    let (start, end) = year_bounds(year);
    let mut rows: Vec<(i64, NaiveDateTime)> = mo::table
        .inner_join(mt::table)
        .filter(mt::group_id.eq(group_id))
        .filter(mt::body.eq(Body::Council))
        .filter(mt::scheduled_at.ge(start))
        .filter(mt::scheduled_at.lt(end))
        .filter(mo::status.eq(MotionStatus::Closed))
        .filter(mo::present_count.ge(mo::quorum_required))
        .select((mt::id, mt::scheduled_at))
        .order(mt::id.asc())
        .load(conn)?;
    rows.dedup_by_key(|r| r.0);
    Ok(rows)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = i)]
pub struct InspectionRow {
    pub id: i64,
    pub county_code: String,
    pub group_id: i64,
    pub school_id: Option<i64>,
    pub kind: crate::domain::assessment::InspectionKind,
    pub inspected_on: NaiveDate,
    pub year: i32,
    pub rating: Grade,
    pub summary: String,
    /// JSON array of findings.
    pub findings_json: String,
    pub inspector: String,
    pub created_at: NaiveDateTime,
}

/// A group's inspections in a year (of the group and of its schools).
pub fn inspections(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Vec<InspectionRow>> {
    i::table
        .filter(i::group_id.eq(group_id))
        .filter(i::year.eq(year))
        .order(i::id.asc())
        .select(InspectionRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = i)]
pub struct NewInspectionRow {
    pub county_code: String,
    pub group_id: i64,
    pub school_id: Option<i64>,
    pub kind: crate::domain::assessment::InspectionKind,
    pub inspected_on: NaiveDate,
    pub year: i32,
    pub rating: Grade,
    pub summary: String,
    pub findings_json: String,
    pub inspector: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_inspection(
    conn: &mut DbConnection,
    row: &NewInspectionRow,
) -> QueryResult<InspectionRow> {
    diesel::insert_into(i::table)
        .values(row)
        .returning(i::all_columns)
        .get_result(conn)
}

/// Rewrites the findings (each with the order it led to), in the recording transaction.
pub fn set_findings(
    conn: &mut DbConnection,
    id: i64,
    findings_json: &str,
) -> QueryResult<InspectionRow> {
    diesel::update(i::table.find(id))
        .set(i::findings_json.eq(findings_json))
        .returning(i::all_columns)
        .get_result(conn)
}

pub fn find_inspection(conn: &mut DbConnection, id: i64) -> QueryResult<Option<InspectionRow>> {
    i::table
        .find(id)
        .select(InspectionRow::as_select())
        .first(conn)
        .optional()
}

/// A group's inspections, newest first; of one year when given.
pub fn inspections_of_group(
    conn: &mut DbConnection,
    group_id: i64,
    year: Option<i32>,
) -> QueryResult<Vec<InspectionRow>> {
    let mut q = i::table.filter(i::group_id.eq(group_id)).into_boxed();
    if let Some(y) = year {
        q = q.filter(i::year.eq(y));
    }
    q.order((i::inspected_on.desc(), i::id.desc()))
        .select(InspectionRow::as_select())
        .load(conn)
}
