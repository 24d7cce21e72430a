use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::charters as c;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CharterRow {
    pub id: i64,
    pub group_id: i64,
    pub version_no: i32,
    pub status: String,
    pub sections_json: String,
    pub procedure_json: String,
    pub adopted_resolution_id: Option<i64>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = c)]
pub struct NewCharterRow {
    pub group_id: i64,
    pub version_no: i32,
    pub status: String,
    pub sections_json: String,
    pub procedure_json: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewCharterRow) -> QueryResult<CharterRow> {
    diesel::insert_into(c::table)
        .values(row)
        .returning(c::all_columns)
        .get_result(conn)
}

/// The newest version of a group's charter.
pub fn latest(conn: &mut DbConnection, group_id: i64) -> QueryResult<Option<CharterRow>> {
    c::table
        .filter(c::group_id.eq(group_id))
        .order(c::version_no.desc())
        .select(CharterRow::as_select())
        .first(conn)
        .optional()
}

/// The charter whose procedure governs meetings now: the newest adopted or approved version,
/// else the newest draft.
pub fn governing(conn: &mut DbConnection, group_id: i64) -> QueryResult<Option<CharterRow>> {
    let adopted = c::table
        .filter(c::group_id.eq(group_id))
        .filter(c::status.eq_any(["adopted", "approved"]))
        .order(c::version_no.desc())
        .select(CharterRow::as_select())
        .first(conn)
        .optional()?;
    match adopted {
        Some(a) => Ok(Some(a)),
        None => latest(conn, group_id),
    }
}

pub fn update_draft(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    sections_json: &str,
    procedure_json: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<CharterRow>> {
    diesel::update(c::table.filter(c::id.eq(id)).filter(c::version.eq(version)))
        .set((
            c::sections_json.eq(sections_json),
            c::procedure_json.eq(procedure_json),
            c::version.eq(version + 1),
            c::updated_at.eq(at),
        ))
        .returning(c::all_columns)
        .get_result(conn)
        .optional()
}

/// Marks a version adopted by a council resolution.
pub fn mark_adopted(
    conn: &mut DbConnection,
    id: i64,
    resolution_id: i64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(c::table.filter(c::id.eq(id)))
        .set((
            c::status.eq("adopted"),
            c::adopted_resolution_id.eq(Some(resolution_id)),
            c::version.eq(c::version + 1),
            c::updated_at.eq(at),
        ))
        .execute(conn)
}
