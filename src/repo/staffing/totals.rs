//! A county's staffing totals per year (STAFF-COUNTY-TOTAL), set by its bureau.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::staffing_totals as t;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = t)]
pub struct TotalsRow {
    pub id: i64,
    pub county_code: String,
    pub year: i32,
    pub staff_quota: i32,
    pub senior_posts: i32,
    pub intermediate_posts: i32,
    pub senior_bonus_percent: i32,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a bureau sets.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = t, treat_none_as_null = true)]
pub struct TotalsFields {
    pub staff_quota: i32,
    pub senior_posts: i32,
    pub intermediate_posts: i32,
    pub senior_bonus_percent: i32,
    pub note: Option<String>,
}

pub fn find(conn: &mut DbConnection, county: &str, year: i32) -> QueryResult<Option<TotalsRow>> {
    t::table
        .filter(t::county_code.eq(county))
        .filter(t::year.eq(year))
        .select(TotalsRow::as_select())
        .first(conn)
        .optional()
}

/// The county's years, newest first.
pub fn of_county(conn: &mut DbConnection, county: &str) -> QueryResult<Vec<TotalsRow>> {
    t::table
        .filter(t::county_code.eq(county))
        .order(t::year.desc())
        .select(TotalsRow::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
    f: &TotalsFields,
    at: NaiveDateTime,
) -> QueryResult<TotalsRow> {
    diesel::insert_into(t::table)
        .values((
            t::county_code.eq(county),
            t::year.eq(year),
            t::staff_quota.eq(f.staff_quota),
            t::senior_posts.eq(f.senior_posts),
            t::intermediate_posts.eq(f.intermediate_posts),
            t::senior_bonus_percent.eq(f.senior_bonus_percent),
            t::note.eq(&f.note),
            t::version.eq(1),
            t::created_at.eq(at),
            t::updated_at.eq(at),
        ))
        .returning(t::all_columns)
        .get_result(conn)
}

/// Updates the row at `version`; `None` when another request changed it first.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &TotalsFields,
    at: NaiveDateTime,
) -> QueryResult<Option<TotalsRow>> {
    diesel::update(t::table.filter(t::id.eq(id)).filter(t::version.eq(version)))
        .set((f, t::version.eq(version + 1), t::updated_at.eq(at)))
        .returning(t::all_columns)
        .get_result(conn)
        .optional()
}
