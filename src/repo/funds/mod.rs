//! The tables of group funds and pooled resources: a group's yearly allocation by purpose
//! (`group_funds`, its lines JSON, read and written whole) and the append-only pooled-use
//! entries (`fund_entries`: inserted, never updated or deleted).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{fund_entries as e, group_funds as f};
use crate::db::DbConnection;
use crate::domain::funds::{FundEntryKind, FundEntrySource, FundPurpose, FundQuantityUnit};

/// One purpose's allocation, as stored in `lines_json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLine {
    pub purpose: FundPurpose,
    pub amount_yuan: i64,
    pub description: Option<String>,
}

/// Field order is the table's column order (diesel's `Queryable` reads by position).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = f)]
pub struct FundsRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    /// JSON array of [`StoredLine`].
    pub lines_json: String,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl FundsRow {
    pub fn lines(&self) -> Vec<StoredLine> {
        serde_json::from_str(&self.lines_json).unwrap_or_default()
    }

    /// The allocation of `purpose`; `None` without a line.
    pub fn allocated(&self, purpose: FundPurpose) -> Option<i64> {
        self.lines()
            .iter()
            .find(|l| l.purpose == purpose)
            .map(|l| l.amount_yuan)
    }
}

pub fn find_funds(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Option<FundsRow>> {
    f::table
        .filter(f::group_id.eq(group_id))
        .filter(f::year.eq(year))
        .select(FundsRow::as_select())
        .first(conn)
        .optional()
}

/// A county's allocations of a year, one statement.
pub fn funds_of_county(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> QueryResult<Vec<FundsRow>> {
    f::table
        .filter(f::county_code.eq(county.to_string()))
        .filter(f::year.eq(year))
        .order(f::group_id.asc())
        .select(FundsRow::as_select())
        .load(conn)
}

pub fn insert_funds(
    conn: &mut DbConnection,
    group_id: i64,
    county: &str,
    year: i32,
    lines_json: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<FundsRow> {
    diesel::insert_into(f::table)
        .values((
            f::group_id.eq(group_id),
            f::county_code.eq(county),
            f::year.eq(year),
            f::lines_json.eq(lines_json),
            f::note.eq(note),
            f::version.eq(1),
            f::created_at.eq(at),
            f::updated_at.eq(at),
        ))
        .returning(f::all_columns)
        .get_result(conn)
}

/// Writes the lines and note if the allocation is still at `version`.
pub fn update_funds(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    lines_json: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<Option<FundsRow>> {
    diesel::update(f::table.filter(f::id.eq(id)).filter(f::version.eq(version)))
        .set((
            f::lines_json.eq(lines_json),
            f::note.eq(note),
            f::version.eq(version + 1),
            f::updated_at.eq(at),
        ))
        .returning(f::all_columns)
        .get_result(conn)
        .optional()
}

/// Field order is the table's column order.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = e)]
pub struct EntryRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub kind: FundEntryKind,
    pub source: FundEntrySource,
    pub purpose: FundPurpose,
    pub bearer_school_id: i64,
    pub beneficiary_school_id: Option<i64>,
    pub resolution_id: Option<i64>,
    pub amount_yuan: Option<i64>,
    /// Hundredths of `unit`.
    pub quantity_centi: Option<i64>,
    pub unit: Option<FundQuantityUnit>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub description: String,
    pub reverses_id: Option<i64>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = e)]
pub struct NewEntryRow {
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub kind: FundEntryKind,
    pub source: FundEntrySource,
    pub purpose: FundPurpose,
    pub bearer_school_id: i64,
    pub beneficiary_school_id: Option<i64>,
    pub resolution_id: Option<i64>,
    pub amount_yuan: Option<i64>,
    pub quantity_centi: Option<i64>,
    pub unit: Option<FundQuantityUnit>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub description: String,
    pub reverses_id: Option<i64>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_entry(conn: &mut DbConnection, row: &NewEntryRow) -> QueryResult<EntryRow> {
    diesel::insert_into(e::table)
        .values(row)
        .returning(e::all_columns)
        .get_result(conn)
}

pub fn find_entry(conn: &mut DbConnection, id: i64) -> QueryResult<Option<EntryRow>> {
    e::table
        .find(id)
        .select(EntryRow::as_select())
        .first(conn)
        .optional()
}

/// The reversal of entry `id`, if any.
pub fn reversal_of(conn: &mut DbConnection, id: i64) -> QueryResult<Option<EntryRow>> {
    e::table
        .filter(e::reverses_id.eq(id))
        .select(EntryRow::as_select())
        .first(conn)
        .optional()
}

/// What the group's funds have paid for `purpose` in `year`, net of reversals: the sum
/// FUNDS-PURPOSE holds against the allocation. One statement.
pub fn spent(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
    purpose: FundPurpose,
) -> QueryResult<i64> {
    let amounts: Vec<Option<i64>> = e::table
        .filter(e::group_id.eq(group_id))
        .filter(e::year.eq(year))
        .filter(e::source.eq(FundEntrySource::GroupFunds))
        .filter(e::purpose.eq(purpose))
        .select(e::amount_yuan)
        .load(conn)?;
    Ok(amounts
        .into_iter()
        .flatten()
        .fold(0i64, |s, a| s.saturating_add(a)))
}

/// Which entries to read: a group's or a county's, of a year, optionally of one school (as
/// bearer or beneficiary) and one kind.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub group_id: Option<i64>,
    pub county: Option<String>,
    pub year: Option<i32>,
    pub school_id: Option<i64>,
    pub kind: Option<FundEntryKind>,
}

/// The entries matching `q`, oldest first, one statement.
pub fn list(conn: &mut DbConnection, q: &EntryFilter) -> QueryResult<Vec<EntryRow>> {
    let mut b = e::table.into_boxed();
    if let Some(g) = q.group_id {
        b = b.filter(e::group_id.eq(g));
    }
    if let Some(c) = &q.county {
        b = b.filter(e::county_code.eq(c.clone()));
    }
    if let Some(y) = q.year {
        b = b.filter(e::year.eq(y));
    }
    if let Some(s) = q.school_id {
        b = b.filter(e::bearer_school_id.eq(s).or(e::beneficiary_school_id.eq(s)));
    }
    if let Some(k) = q.kind {
        b = b.filter(e::kind.eq(k));
    }
    b.order(e::id.asc())
        .select(EntryRow::as_select())
        .load(conn)
}
