//! Exchange records (§2.4.2, §2.4.3): one teacher movement each.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::exchanges as x;
use crate::db::DbConnection;
use crate::domain::exchange::{ExchangeKind, ExchangeStatus, PersonnelRelation};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = x)]
pub struct ExchangeRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub person_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    /// JSON array of subject codes.
    pub subjects_json: String,
    pub share_percent: i32,
    pub relation: PersonnelRelation,
    pub voluntary: bool,
    pub within_group: bool,
    pub status: ExchangeStatus,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub plan_id: Option<i64>,
    pub note: Option<String>,
    pub status_note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ExchangeRow {
    pub fn subjects(&self) -> Vec<String> {
        serde_json::from_str(&self.subjects_json).unwrap_or_default()
    }

    pub fn span(&self) -> crate::domain::exchange::Span {
        crate::domain::exchange::Span {
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            share_percent: u32::try_from(self.share_percent).unwrap_or(100),
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = x)]
pub struct NewExchangeRow {
    pub group_id: i64,
    pub county_code: String,
    pub person_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    pub subjects_json: String,
    pub share_percent: i32,
    pub relation: PersonnelRelation,
    pub voluntary: bool,
    pub within_group: bool,
    pub status: ExchangeStatus,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub plan_id: Option<i64>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewExchangeRow) -> QueryResult<ExchangeRow> {
    diesel::insert_into(x::table)
        .values(row)
        .returning(x::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ExchangeRow>> {
    x::table
        .find(id)
        .select(ExchangeRow::as_select())
        .first(conn)
        .optional()
}

/// The person's exchanges that hold time (EXCH-OVERLAP): every status but `cancelled`.
pub fn holding_time(conn: &mut DbConnection, person_id: i64) -> QueryResult<Vec<ExchangeRow>> {
    x::table
        .filter(x::person_id.eq(person_id))
        .filter(x::status.ne(ExchangeStatus::Cancelled))
        .order(x::id.asc())
        .select(ExchangeRow::as_select())
        .load(conn)
}

/// What a list of exchanges may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub group_id: Option<i64>,
    pub county_code: Option<String>,
    pub person_id: Option<i64>,
    pub kind: Vec<ExchangeKind>,
    pub status: Vec<ExchangeStatus>,
    /// Exchanges with a day in this calendar year.
    pub year: Option<i32>,
    pub plan_id: Option<i64>,
    /// Exchanges leaving or reaching this school (a member school's administrator's view).
    pub school_id: Option<i64>,
}

/// Keeps exchanges with a day between `first` and `last`.
fn in_range(
    q: x::BoxedQuery<'static, crate::db::MultiBackend>,
    first: NaiveDate,
    last: NaiveDate,
) -> x::BoxedQuery<'static, crate::db::MultiBackend> {
    q.filter(x::starts_on.le(last))
        .filter(x::ends_on.is_null().or(x::ends_on.ge(first)))
}

pub fn list(
    conn: &mut DbConnection,
    f: &Filter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<ExchangeRow>> {
    let mut q = x::table.filter(x::id.gt(after_id)).into_boxed();
    if let Some(g) = f.group_id {
        q = q.filter(x::group_id.eq(g));
    }
    if let Some(c) = &f.county_code {
        q = q.filter(x::county_code.eq(c.clone()));
    }
    if let Some(p) = f.person_id {
        q = q.filter(x::person_id.eq(p));
    }
    if !f.kind.is_empty() {
        q = q.filter(x::kind.eq_any(f.kind.clone()));
    }
    if !f.status.is_empty() {
        q = q.filter(x::status.eq_any(f.status.clone()));
    }
    if let Some(p) = f.plan_id {
        q = q.filter(x::plan_id.eq(p));
    }
    if let Some(s) = f.school_id {
        q = q.filter(x::from_school_id.eq(s).or(x::to_school_id.eq(s)));
    }
    if let Some((first, last)) = f.year.and_then(year_bounds) {
        q = in_range(q, first, last);
    }
    q.order(x::id.asc())
        .limit(limit)
        .select(ExchangeRow::as_select())
        .load(conn)
}

/// 1 January and 31 December of `year`.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// The exchanges of a group, a county or everywhere with a day in `year`, every status. One
/// statement.
pub fn of_year(
    conn: &mut DbConnection,
    county: Option<&str>,
    group: Option<i64>,
    year: i32,
) -> QueryResult<Vec<ExchangeRow>> {
    let Some((first, last)) = year_bounds(year) else {
        return Ok(Vec::new());
    };
    let mut q = x::table.into_boxed();
    if let Some(c) = county {
        q = q.filter(x::county_code.eq(c.to_string()));
    }
    if let Some(g) = group {
        q = q.filter(x::group_id.eq(g));
    }
    in_range(q, first, last)
        .order(x::id.asc())
        .select(ExchangeRow::as_select())
        .load(conn)
}

/// `(person, from, to)` of the exchanges active on `day` that leave or reach one of
/// `schools`: the staffing report's posts lent and borrowed. One statement.
pub fn active_at(
    conn: &mut DbConnection,
    schools: &[i64],
    day: NaiveDate,
) -> QueryResult<Vec<(i64, i64, i64)>> {
    x::table
        .filter(x::status.eq(ExchangeStatus::Active))
        .filter(
            x::from_school_id
                .eq_any(schools.to_vec())
                .or(x::to_school_id.eq_any(schools.to_vec())),
        )
        .filter(x::starts_on.le(day))
        .filter(x::ends_on.is_null().or(x::ends_on.ge(day)))
        .select((x::person_id, x::from_school_id, x::to_school_id))
        .load(conn)
}

/// The exchanges citing a plan.
pub fn of_plan(conn: &mut DbConnection, plan_id: i64) -> QueryResult<Vec<ExchangeRow>> {
    x::table
        .filter(x::plan_id.eq(plan_id))
        .order(x::id.asc())
        .select(ExchangeRow::as_select())
        .load(conn)
}

/// Moves an exchange from `from` at `version` (with its last day as it is to be); `None` when
/// another request moved it first.
#[allow(clippy::too_many_arguments)]
pub fn step(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    from: ExchangeStatus,
    to: ExchangeStatus,
    ends_on: Option<NaiveDate>,
    note: Option<String>,
    at: NaiveDateTime,
) -> QueryResult<Option<ExchangeRow>> {
    diesel::update(
        x::table
            .filter(x::id.eq(id))
            .filter(x::version.eq(version))
            .filter(x::status.eq(from)),
    )
    .set((
        x::status.eq(to),
        x::ends_on.eq(ends_on),
        x::status_note.eq(note),
        x::version.eq(version + 1),
        x::updated_at.eq(at),
    ))
    .returning(x::all_columns)
    .get_result(conn)
    .optional()
}
