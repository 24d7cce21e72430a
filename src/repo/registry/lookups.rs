//! Lookup tables the bureau may extend without a code change: school types, urban–rural codes,
//! subjects and professional titles (REFERENCE-CODES.md marks several as unconfirmed).

use diesel::prelude::*;

use crate::db::schema::{school_types, subjects, titles, urban_rural_codes};
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = school_types)]
pub struct SchoolTypeRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub stages: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = urban_rural_codes)]
pub struct UrbanRuralRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subjects)]
pub struct SubjectRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub shortage: bool,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = titles)]
pub struct TitleRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub grade: String,
    pub sort_order: i32,
}

pub fn school_types(conn: &mut DbConnection) -> QueryResult<Vec<SchoolTypeRow>> {
    school_types::table
        .order(school_types::sort_order.asc())
        .select(SchoolTypeRow::as_select())
        .load(conn)
}

pub fn urban_rural(conn: &mut DbConnection) -> QueryResult<Vec<UrbanRuralRow>> {
    urban_rural_codes::table
        .order(urban_rural_codes::sort_order.asc())
        .select(UrbanRuralRow::as_select())
        .load(conn)
}

pub fn subjects(conn: &mut DbConnection) -> QueryResult<Vec<SubjectRow>> {
    subjects::table
        .order(subjects::sort_order.asc())
        .select(SubjectRow::as_select())
        .load(conn)
}

pub fn titles(conn: &mut DbConnection) -> QueryResult<Vec<TitleRow>> {
    titles::table
        .order(titles::sort_order.asc())
        .select(TitleRow::as_select())
        .load(conn)
}

pub fn school_type_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(school_types::table.find(code))).get_result(conn)
}

pub fn urban_rural_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(urban_rural_codes::table.find(code))).get_result(conn)
}

pub fn title_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(titles::table.find(code))).get_result(conn)
}

/// Which of `codes` are not subjects.
pub fn unknown_subjects(conn: &mut DbConnection, codes: &[String]) -> QueryResult<Vec<String>> {
    let known: Vec<String> = subjects::table
        .filter(subjects::code.eq_any(codes))
        .select(subjects::code)
        .load(conn)?;
    Ok(codes
        .iter()
        .filter(|c| !known.contains(c))
        .cloned()
        .collect())
}
