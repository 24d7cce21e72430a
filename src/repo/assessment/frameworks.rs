//! Assessment frameworks (ASSESS-FRAMEWORK): a county's for a year, or a prefecture template
//! (`county_code` NULL).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::assessment_frameworks as f;
use crate::db::DbConnection;
use crate::domain::assessment::framework::Dimension;
use crate::domain::assessment::FrameworkStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = f)]
pub struct FrameworkRow {
    pub id: i64,
    pub county_code: Option<String>,
    pub year: i32,
    pub edition: i32,
    pub title: String,
    pub status: FrameworkStatus,
    /// JSON array of `domain::assessment::framework::Dimension`.
    pub dimensions_json: String,
    pub based_on_id: Option<i64>,
    pub created_by: String,
    pub locked_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl FrameworkRow {
    pub fn dimensions(&self) -> Vec<Dimension> {
        serde_json::from_str(&self.dimensions_json).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = f)]
pub struct NewFrameworkRow {
    pub county_code: Option<String>,
    pub year: i32,
    pub edition: i32,
    pub title: String,
    pub status: FrameworkStatus,
    pub dimensions_json: String,
    pub based_on_id: Option<i64>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewFrameworkRow) -> QueryResult<FrameworkRow> {
    diesel::insert_into(f::table)
        .values(row)
        .returning(f::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<FrameworkRow>> {
    f::table
        .find(id)
        .select(FrameworkRow::as_select())
        .first(conn)
        .optional()
}

/// The next edition number for a county's (or the prefecture's) year.
pub fn next_edition(conn: &mut DbConnection, county: Option<&str>, year: i32) -> QueryResult<i32> {
    let q = f::table.filter(f::year.eq(year)).into_boxed();
    let q = match county {
        Some(c) => q.filter(f::county_code.eq(c.to_string())),
        None => q.filter(f::county_code.is_null()),
    };
    let max: Option<i32> = q.select(diesel::dsl::max(f::edition)).first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Frameworks a caller sees: `county` given → that county's and the templates; none → all.
pub fn list(
    conn: &mut DbConnection,
    county: Option<&str>,
    year: Option<i32>,
) -> QueryResult<Vec<FrameworkRow>> {
    let mut q = f::table.into_boxed();
    if let Some(c) = county {
        q = q.filter(
            f::county_code
                .eq(c.to_string())
                .or(f::county_code.is_null()),
        );
    }
    if let Some(y) = year {
        q = q.filter(f::year.eq(y));
    }
    q.order((f::year.desc(), f::county_code.asc(), f::edition.asc()))
        .select(FrameworkRow::as_select())
        .load(conn)
}

/// Replaces a draft's content if it is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    title: &str,
    dimensions_json: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<FrameworkRow>> {
    diesel::update(
        f::table
            .filter(f::id.eq(id))
            .filter(f::version.eq(version))
            .filter(f::status.eq(FrameworkStatus::Draft)),
    )
    .set((
        f::title.eq(title),
        f::dimensions_json.eq(dimensions_json),
        f::version.eq(version + 1),
        f::updated_at.eq(at),
    ))
    .returning(f::all_columns)
    .get_result(conn)
    .optional()
}

/// Locks a framework (an assessment under it opens); a locked one stays as it is.
pub fn lock(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        f::table
            .filter(f::id.eq(id))
            .filter(f::status.eq(FrameworkStatus::Draft)),
    )
    .set((
        f::status.eq(FrameworkStatus::Locked),
        f::locked_at.eq(Some(at)),
        f::version.eq(f::version + 1),
        f::updated_at.eq(at),
    ))
    .execute(conn)
}
