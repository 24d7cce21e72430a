//! PAY-POOL's tables: a county's pool of extra performance pay per year with its allocation
//! to groups (`pay_pools`), and each group's distribution plan among its schools
//! (`pay_plans`). The lines of both are JSON: they are read and written whole, never queried.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{edu_groups as g, pay_plans as pl, pay_pools as pp};
use crate::db::DbConnection;
use crate::domain::assessment::PayPlanStatus;

/// One group's share of the county's pool, as stored in `allocations_json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAllocation {
    pub group_id: i64,
    pub amount_yuan: i64,
}

/// One school's share of its group's allocation, as stored in `lines_json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPlanLine {
    pub school_id: i64,
    pub amount_yuan: i64,
    pub contribution: String,
}

/// Field order is the table's column order (diesel's `Queryable` reads by position).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pp)]
pub struct PoolRow {
    pub id: i64,
    pub county_code: String,
    pub year: i32,
    pub base_yuan: i64,
    /// The county's `pay_pool_percent` when the pool was last put.
    pub pool_percent: i32,
    pub pool_yuan: i64,
    /// JSON array of [`StoredAllocation`].
    pub allocations_json: String,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PoolRow {
    pub fn allocations(&self) -> Vec<StoredAllocation> {
        serde_json::from_str(&self.allocations_json).unwrap_or_default()
    }

    /// The group's allocation, `None` when the pool gives it no line.
    pub fn allocation_of(&self, group_id: i64) -> Option<i64> {
        self.allocations()
            .iter()
            .find(|a| a.group_id == group_id)
            .map(|a| a.amount_yuan)
    }
}

/// What putting a pool writes.
#[derive(Debug, Clone, AsChangeset, Insertable)]
#[diesel(table_name = pp, treat_none_as_null = true)]
pub struct PoolFields {
    pub base_yuan: i64,
    pub pool_percent: i32,
    pub pool_yuan: i64,
    pub allocations_json: String,
    pub note: Option<String>,
}

pub fn find_pool(conn: &mut DbConnection, county: &str, year: i32) -> QueryResult<Option<PoolRow>> {
    pp::table
        .filter(pp::county_code.eq(county.to_string()))
        .filter(pp::year.eq(year))
        .select(PoolRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_pool(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
    f: &PoolFields,
    at: NaiveDateTime,
) -> QueryResult<PoolRow> {
    diesel::insert_into(pp::table)
        .values((
            pp::county_code.eq(county),
            pp::year.eq(year),
            f,
            pp::version.eq(1),
            pp::created_at.eq(at),
            pp::updated_at.eq(at),
        ))
        .returning(pp::all_columns)
        .get_result(conn)
}

/// Writes `f` if the pool is still at `version`.
pub fn update_pool(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &PoolFields,
    at: NaiveDateTime,
) -> QueryResult<Option<PoolRow>> {
    diesel::update(
        pp::table
            .filter(pp::id.eq(id))
            .filter(pp::version.eq(version)),
    )
    .set((f, pp::version.eq(version + 1), pp::updated_at.eq(at)))
    .returning(pp::all_columns)
    .get_result(conn)
    .optional()
}

/// Field order is the table's column order.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pl)]
pub struct PlanRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    /// JSON array of [`StoredPlanLine`].
    pub lines_json: String,
    pub note: Option<String>,
    pub status: PayPlanStatus,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PlanRow {
    pub fn lines(&self) -> Vec<StoredPlanLine> {
        serde_json::from_str(&self.lines_json).unwrap_or_default()
    }

    /// The lines' sum, the figure PAY-POOL holds against the group's allocation.
    pub fn total_yuan(&self) -> i64 {
        self.lines()
            .iter()
            .fold(0i64, |s, l| s.saturating_add(l.amount_yuan))
    }
}

/// What drafting, tabling or deciding a plan writes (every column but the keys).
#[derive(Debug, Clone, AsChangeset, Insertable)]
#[diesel(table_name = pl, treat_none_as_null = true)]
pub struct PlanFields {
    pub lines_json: String,
    pub note: Option<String>,
    pub status: PayPlanStatus,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
}

impl PlanRow {
    /// The row's writable fields, to change some and write them back.
    pub fn fields(&self) -> PlanFields {
        PlanFields {
            lines_json: self.lines_json.clone(),
            note: self.note.clone(),
            status: self.status,
            motion_id: self.motion_id,
            office_decided_at: self.office_decided_at,
            decided_by: self.decided_by.clone(),
            decided_at: self.decided_at,
            decision_note: self.decision_note.clone(),
        }
    }
}

pub fn find_plan(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Option<PlanRow>> {
    pl::table
        .filter(pl::group_id.eq(group_id))
        .filter(pl::year.eq(year))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_plan_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PlanRow>> {
    pl::table
        .find(id)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

pub fn plan_of_motion(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Option<PlanRow>> {
    pl::table
        .filter(pl::motion_id.eq(motion_id))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()
}

/// A county's plans of a year: the pool's floor per group.
pub fn plans_of_county(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> QueryResult<Vec<PlanRow>> {
    pl::table
        .filter(pl::county_code.eq(county.to_string()))
        .filter(pl::year.eq(year))
        .order(pl::group_id.asc())
        .select(PlanRow::as_select())
        .load(conn)
}

pub fn insert_plan(
    conn: &mut DbConnection,
    group_id: i64,
    county: &str,
    year: i32,
    f: &PlanFields,
    at: NaiveDateTime,
) -> QueryResult<PlanRow> {
    diesel::insert_into(pl::table)
        .values((
            pl::group_id.eq(group_id),
            pl::county_code.eq(county),
            pl::year.eq(year),
            f,
            pl::version.eq(1),
            pl::created_at.eq(at),
            pl::updated_at.eq(at),
        ))
        .returning(pl::all_columns)
        .get_result(conn)
}

/// Writes `f` if the plan is still at `version`.
pub fn update_plan(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &PlanFields,
    at: NaiveDateTime,
) -> QueryResult<Option<PlanRow>> {
    diesel::update(
        pl::table
            .filter(pl::id.eq(id))
            .filter(pl::version.eq(version)),
    )
    .set((f, pl::version.eq(version + 1), pl::updated_at.eq(at)))
    .returning(pl::all_columns)
    .get_result(conn)
    .optional()
}

/// The groups named by `ids`: (id, code, name, county), for the allocation's lines.
pub fn groups_named(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<Vec<(i64, String, String, String)>> {
    g::table
        .filter(g::id.eq_any(ids))
        .select((g::id, g::code, g::name, g::county_code))
        .load(conn)
}
