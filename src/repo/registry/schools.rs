use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{persons, schools};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::registry::{SchoolLocation, SchoolStanding};
use crate::repo::search::{self, Named};
use crate::service::page::SortedWindow;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = schools)]
pub struct SchoolRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub type_code: String,
    pub urban_rural_code: String,
    pub location: SchoolLocation,
    pub standing: SchoolStanding,
    pub uscc: Option<String>,
    pub uscc_check_ok: bool,
    pub legal_representative_id: Option<i64>,
    pub staffing_quota: i32,
    pub address: Option<String>,
    pub opened_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The writable fields of a school, as inserted or written back whole on update.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = schools, treat_none_as_null = true)]
pub struct SchoolFields {
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub type_code: String,
    pub urban_rural_code: String,
    pub location: SchoolLocation,
    pub standing: SchoolStanding,
    pub uscc: Option<String>,
    pub uscc_check_ok: bool,
    pub legal_representative_id: Option<i64>,
    pub staffing_quota: i32,
    pub address: Option<String>,
    pub opened_on: Option<NaiveDate>,
}

/// A stored school's writable fields, to write back with one of them changed.
impl From<&SchoolRow> for SchoolFields {
    fn from(s: &SchoolRow) -> Self {
        SchoolFields {
            code: s.code.clone(),
            name: s.name.clone(),
            county_code: s.county_code.clone(),
            type_code: s.type_code.clone(),
            urban_rural_code: s.urban_rural_code.clone(),
            location: s.location,
            standing: s.standing,
            uscc: s.uscc.clone(),
            uscc_check_ok: s.uscc_check_ok,
            legal_representative_id: s.legal_representative_id,
            staffing_quota: s.staffing_quota,
            address: s.address.clone(),
            opened_on: s.opened_on,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct SchoolFilter {
    pub county: Option<String>,
    pub type_code: Option<String>,
    pub location: Vec<SchoolLocation>,
    pub standing: Vec<SchoolStanding>,
    pub urban_rural_code: Option<String>,
    pub code: Option<String>,
    pub name_contains: Option<String>,
}

pub fn insert(
    conn: &mut DbConnection,
    f: &SchoolFields,
    at: NaiveDateTime,
) -> QueryResult<SchoolRow> {
    let row = diesel::insert_into(schools::table)
        .values((
            f,
            schools::version.eq(1),
            schools::created_at.eq(at),
            schools::updated_at.eq(at),
        ))
        .returning(schools::all_columns)
        .get_result::<SchoolRow>(conn)?;
    search::index(conn, Named::School, row.id, &row.name)?;
    Ok(row)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<SchoolRow>> {
    schools::table
        .find(id)
        .select(SchoolRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<SchoolRow>> {
    schools::table
        .filter(schools::code.eq(code))
        .select(SchoolRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_uscc(conn: &mut DbConnection, uscc: &str) -> QueryResult<Option<SchoolRow>> {
    schools::table
        .filter(schools::uscc.eq(uscc))
        .select(SchoolRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<SchoolRow>> {
    schools::table
        .filter(schools::id.eq_any(ids))
        .select(SchoolRow::as_select())
        .load(conn)
}

/// The schools `f` selects, unordered: the page and the count share it.
fn filtered(f: &SchoolFilter) -> schools::BoxedQuery<'static, MultiBackend> {
    let mut q = schools::table.into_boxed();
    if let Some(v) = &f.county {
        q = q.filter(schools::county_code.eq(v.clone()));
    }
    if let Some(v) = &f.type_code {
        q = q.filter(schools::type_code.eq(v.clone()));
    }
    if !f.location.is_empty() {
        q = q.filter(schools::location.eq_any(f.location.clone()));
    }
    if !f.standing.is_empty() {
        q = q.filter(schools::standing.eq_any(f.standing.clone()));
    }
    if let Some(v) = &f.urban_rural_code {
        q = q.filter(schools::urban_rural_code.eq(v.clone()));
    }
    if let Some(v) = &f.code {
        q = q.filter(schools::code.eq(v.clone()));
    }
    if let Some(v) = &f.name_contains {
        for gram in search::lookups_of(v) {
            q = q.filter(schools::id.eq_any(search::holding(Named::School.code(), gram)));
        }
        q = q.filter(
            schools::name
                .like(format!("%{}%", escape_like(v)))
                .escape('\\'),
        );
    }
    q
}

/// One page of the schools `f` selects, in the window's order (`limit + 1` rows).
pub fn list(
    conn: &mut DbConnection,
    f: &SchoolFilter,
    w: &SortedWindow,
) -> QueryResult<Vec<SchoolRow>> {
    let q = filtered(f).select(SchoolRow::as_select());
    super::super::keyset!(q, w, schools::id, schools::name, schools::code).load(conn)
}

/// How many schools `f` selects.
pub fn count(conn: &mut DbConnection, f: &SchoolFilter) -> QueryResult<i64> {
    filtered(f).count().get_result(conn)
}

/// Escapes LIKE wildcards so that a search for `50%` finds the text, not everything.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Writes the fields back if the row is still at `version`; `None` when it has moved on.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &SchoolFields,
    at: NaiveDateTime,
) -> QueryResult<Option<SchoolRow>> {
    let row = diesel::update(
        schools::table
            .filter(schools::id.eq(id))
            .filter(schools::version.eq(version)),
    )
    .set((
        f,
        schools::version.eq(version + 1),
        schools::updated_at.eq(at),
    ))
    .returning(schools::all_columns)
    .get_result::<SchoolRow>(conn)
    .optional()?;
    if let Some(r) = &row {
        search::index(conn, Named::School, r.id, &r.name)?;
    }
    Ok(row)
}

pub fn delete(conn: &mut DbConnection, id: i64, version: i32) -> QueryResult<usize> {
    let deleted = diesel::delete(
        schools::table
            .filter(schools::id.eq(id))
            .filter(schools::version.eq(version)),
    )
    .execute(conn)?;
    if deleted > 0 {
        search::forget(conn, Named::School, id)?;
    }
    Ok(deleted)
}

pub fn person_count(conn: &mut DbConnection, school_id: i64) -> QueryResult<i64> {
    persons::table
        .filter(persons::school_id.eq(school_id))
        .count()
        .get_result(conn)
}

/// Schools naming `person_id` as their legal representative.
pub fn represented_by(conn: &mut DbConnection, person_id: i64) -> QueryResult<Vec<String>> {
    schools::table
        .filter(schools::legal_representative_id.eq(person_id))
        .select(schools::code)
        .load(conn)
}
