//! Filings of approved adjustments with the county's staffing office (定期报编制部门备案), one per
//! county and period.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::staffing_filings as f;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = f)]
pub struct FilingRow {
    pub id: i64,
    pub county_code: String,
    pub period: String,
    pub filed_on: NaiveDate,
    pub filing_ref: String,
    pub filed_by: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = f)]
pub struct NewFilingRow {
    pub county_code: String,
    pub period: String,
    pub filed_on: NaiveDate,
    pub filing_ref: String,
    pub filed_by: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewFilingRow) -> QueryResult<FilingRow> {
    diesel::insert_into(f::table)
        .values(row)
        .returning(f::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<FilingRow>> {
    f::table
        .find(id)
        .select(FilingRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_period(
    conn: &mut DbConnection,
    county: &str,
    period: &str,
) -> QueryResult<Option<FilingRow>> {
    f::table
        .filter(f::county_code.eq(county))
        .filter(f::period.eq(period))
        .select(FilingRow::as_select())
        .first(conn)
        .optional()
}

/// One page of a county's filings by id.
pub fn list(
    conn: &mut DbConnection,
    county: &str,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<FilingRow>> {
    f::table
        .filter(f::county_code.eq(county))
        .filter(f::id.gt(after_id))
        .order(f::id.asc())
        .limit(limit)
        .select(FilingRow::as_select())
        .load(conn)
}
