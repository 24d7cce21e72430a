use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::county_settings as s;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = s)]
pub struct SettingsRow {
    pub county_code: String,
    pub settings_json: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, county: &str) -> QueryResult<Option<SettingsRow>> {
    s::table
        .find(county)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()
}

/// Every stored row (the prefecture's and the counties'), in one statement.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<SettingsRow>> {
    s::table
        .order(s::county_code.asc())
        .select(SettingsRow::as_select())
        .load(conn)
}

/// Writes a county's overrides if they are still at `version` (0: none stored yet).
pub fn put(
    conn: &mut DbConnection,
    county: &str,
    version: i32,
    json: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    if version == 0 {
        let inserted = diesel::insert_into(s::table)
            .values((
                s::county_code.eq(county),
                s::settings_json.eq(json),
                s::version.eq(1),
                s::updated_at.eq(at),
            ))
            .execute(conn);
        return match inserted {
            Ok(_) => Ok(true),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Ok(false),
            Err(e) => Err(e),
        };
    }
    diesel::update(
        s::table
            .filter(s::county_code.eq(county))
            .filter(s::version.eq(version)),
    )
    .set((
        s::settings_json.eq(json),
        s::version.eq(version + 1),
        s::updated_at.eq(at),
    ))
    .execute(conn)
    .map(|n| n == 1)
}
