//! Annual exchange plans (EXCH-PLAN), one per group and year.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::exchange_plans as p;
use crate::db::DbConnection;
use crate::domain::exchange::{PlanDrafter, PlanStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct PlanRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub title: String,
    pub drafted_by: PlanDrafter,
    pub status: PlanStatus,
    /// JSON array of `domain::exchange::plan::PlanLine`.
    pub lines_json: String,
    pub note: Option<String>,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PlanRow {
    pub fn lines(&self) -> Vec<crate::domain::exchange::plan::PlanLine> {
        serde_json::from_str(&self.lines_json).unwrap_or_default()
    }
}

/// What drafting or revising a plan writes.
#[derive(Debug, Clone, AsChangeset, Insertable)]
#[diesel(table_name = p, treat_none_as_null = true)]
pub struct PlanFields {
    pub title: String,
    pub drafted_by: PlanDrafter,
    pub status: PlanStatus,
    pub lines_json: String,
    pub note: Option<String>,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut DbConnection, group_id: i64, year: i32) -> QueryResult<Option<PlanRow>> {
    p::table
        .filter(p::group_id.eq(group_id))
        .filter(p::year.eq(year))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PlanRow>> {
    p::table
        .find(id)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

pub fn of_motion(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Option<PlanRow>> {
    p::table
        .filter(p::motion_id.eq(motion_id))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

/// The plans of a county's year, for the roll-up.
pub fn of_county(conn: &mut DbConnection, county: &str, year: i32) -> QueryResult<Vec<PlanRow>> {
    p::table
        .filter(p::county_code.eq(county.to_string()))
        .filter(p::year.eq(year))
        .order(p::group_id.asc())
        .select(PlanRow::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    group_id: i64,
    county: &str,
    year: i32,
    f: &PlanFields,
    at: NaiveDateTime,
) -> QueryResult<PlanRow> {
    diesel::insert_into(p::table)
        .values((
            p::group_id.eq(group_id),
            p::county_code.eq(county),
            p::year.eq(year),
            f,
            p::version.eq(1),
            p::created_at.eq(at),
            p::updated_at.eq(at),
        ))
        .returning(p::all_columns)
        .get_result(conn)
}

/// Writes `f` if the plan is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &PlanFields,
    at: NaiveDateTime,
) -> QueryResult<Option<PlanRow>> {
    diesel::update(p::table.filter(p::id.eq(id)).filter(p::version.eq(version)))
        .set((f, p::version.eq(version + 1), p::updated_at.eq(at)))
        .returning(p::all_columns)
        .get_result(conn)
        .optional()
}
