//! Assessments, one per group and year, and their reopenings (ASSESS-STATE).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{assessment_reopenings as r, assessments as a};
use crate::db::DbConnection;
use crate::domain::assessment::{AssessmentStatus, Grade};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = a)]
pub struct AssessmentRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub framework_id: i64,
    pub status: AssessmentStatus,
    /// JSON array of the schools assessed, as they stood at opening.
    pub units_json: String,
    pub self_submitted_at: Option<NaiveDateTime>,
    pub self_submitted_by: Option<String>,
    pub self_note: Option<String>,
    pub finalised_at: Option<NaiveDateTime>,
    pub finalised_by: Option<String>,
    pub published_at: Option<NaiveDateTime>,
    /// The totals and grades fixed at finalisation (JSON).
    pub results_json: Option<String>,
    /// The group level's total and grade, fixed at finalisation.
    pub total: Option<f64>,
    pub grade: Option<Grade>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = a)]
pub struct NewAssessmentRow {
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub framework_id: i64,
    pub status: AssessmentStatus,
    pub units_json: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a step writes; `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = a)]
pub struct AssessmentChange {
    pub status: Option<AssessmentStatus>,
    pub self_submitted_at: Option<Option<NaiveDateTime>>,
    pub self_submitted_by: Option<Option<String>>,
    pub self_note: Option<Option<String>>,
    pub finalised_at: Option<Option<NaiveDateTime>>,
    pub finalised_by: Option<Option<String>>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub results_json: Option<Option<String>>,
    pub total: Option<Option<f64>>,
    pub grade: Option<Option<Grade>>,
}

pub fn insert(conn: &mut DbConnection, row: &NewAssessmentRow) -> QueryResult<AssessmentRow> {
    diesel::insert_into(a::table)
        .values(row)
        .returning(a::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<AssessmentRow>> {
    a::table
        .find(id)
        .select(AssessmentRow::as_select())
        .first(conn)
        .optional()
}

pub fn of_group_year(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Option<AssessmentRow>> {
    a::table
        .filter(a::group_id.eq(group_id))
        .filter(a::year.eq(year))
        .select(AssessmentRow::as_select())
        .first(conn)
        .optional()
}

/// A group's assessments, newest year first.
pub fn of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<AssessmentRow>> {
    a::table
        .filter(a::group_id.eq(group_id))
        .order(a::year.desc())
        .select(AssessmentRow::as_select())
        .load(conn)
}

/// A year's assessments in one county, or in every county.
pub fn of_year(
    conn: &mut DbConnection,
    county: Option<&str>,
    year: i32,
) -> QueryResult<Vec<AssessmentRow>> {
    let mut q = a::table.filter(a::year.eq(year)).into_boxed();
    if let Some(c) = county {
        q = q.filter(a::county_code.eq(c.to_string()));
    }
    q.order(a::group_id.asc())
        .select(AssessmentRow::as_select())
        .load(conn)
}

/// Writes `c` if the assessment is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    c: &AssessmentChange,
    at: NaiveDateTime,
) -> QueryResult<Option<AssessmentRow>> {
    diesel::update(a::table.filter(a::id.eq(id)).filter(a::version.eq(version)))
        .set((c, a::version.eq(version + 1), a::updated_at.eq(at)))
        .returning(a::all_columns)
        .get_result(conn)
        .optional()
}

/// Bumps the version (a score changed), if still at `version`.
pub fn touch(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<Option<AssessmentRow>> {
    diesel::update(a::table.filter(a::id.eq(id)).filter(a::version.eq(version)))
        .set((a::version.eq(version + 1), a::updated_at.eq(at)))
        .returning(a::all_columns)
        .get_result(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ReopeningRow {
    pub id: i64,
    pub assessment_id: i64,
    pub reason: String,
    pub reopened_by: String,
    pub reopened_at: NaiveDateTime,
    /// The results as finalised before the reopening.
    pub results_json: Option<String>,
}

pub fn reopen(
    conn: &mut DbConnection,
    assessment_id: i64,
    reason: &str,
    by: &str,
    results_json: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<ReopeningRow> {
    diesel::insert_into(r::table)
        .values((
            r::assessment_id.eq(assessment_id),
            r::reason.eq(reason),
            r::reopened_by.eq(by),
            r::reopened_at.eq(at),
            r::results_json.eq(results_json),
        ))
        .returning(r::all_columns)
        .get_result(conn)
}

pub fn reopenings(conn: &mut DbConnection, assessment_id: i64) -> QueryResult<Vec<ReopeningRow>> {
    r::table
        .filter(r::assessment_id.eq(assessment_id))
        .order(r::id.asc())
        .select(ReopeningRow::as_select())
        .load(conn)
}

/// A year's assessments with their group's code and name, in one county or every county: the
/// reports' one statement.
pub fn of_year_named(
    conn: &mut DbConnection,
    county: Option<&str>,
    year: i32,
) -> QueryResult<Vec<(AssessmentRow, String, String)>> {
    use crate::db::schema::edu_groups as g;
    let mut q = a::table
        .inner_join(g::table)
        .filter(a::year.eq(year))
        .into_boxed();
    if let Some(c) = county {
        q = q.filter(a::county_code.eq(c.to_string()));
    }
    q.order(a::group_id.asc())
        .select((AssessmentRow::as_select(), g::code, g::name))
        .load(conn)
}
