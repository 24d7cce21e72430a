use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::charters as c;
use crate::db::DbConnection;
use crate::domain::groups::charter_approval::CharterStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CharterRow {
    pub id: i64,
    pub group_id: i64,
    pub version_no: i32,
    pub status: CharterStatus,
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
    pub status: CharterStatus,
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

/// The newest version with one of `statuses`.
fn newest_of(
    conn: &mut DbConnection,
    group_id: i64,
    statuses: &[&str],
) -> QueryResult<Option<CharterRow>> {
    c::table
        .filter(c::group_id.eq(group_id))
        .filter(c::status.eq_any(statuses))
        .order(c::version_no.desc())
        .select(CharterRow::as_select())
        .first(conn)
        .optional()
}

/// The version in force: the approved one (approving a newer version supersedes it).
pub fn in_force(conn: &mut DbConnection, group_id: i64) -> QueryResult<Option<CharterRow>> {
    newest_of(conn, group_id, &["approved"])
}

/// The charter whose procedure governs meetings now: the version in force; before the bureau
/// has approved any, the newest the council adopted (submitted or not), so that a group meets
/// under the rules its council passed while the first approval is pending; else the newest
/// draft. An amendment adopted but not yet approved does not govern: it is not in force, and
/// the council must not change its own rules without the bureau. A rejected version never
/// governs.
pub fn governing(conn: &mut DbConnection, group_id: i64) -> QueryResult<Option<CharterRow>> {
    if let Some(a) = in_force(conn, group_id)? {
        return Ok(Some(a));
    }
    match newest_of(conn, group_id, &["adopted", "submitted"])? {
        Some(a) => Ok(Some(a)),
        None => latest(conn, group_id),
    }
}

/// Every version of a group's charter, oldest first, after `after_id`.
pub fn versions(
    conn: &mut DbConnection,
    group_id: i64,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<CharterRow>> {
    c::table
        .filter(c::group_id.eq(group_id))
        .filter(c::id.gt(after_id))
        .order(c::id.asc())
        .limit(limit)
        .select(CharterRow::as_select())
        .load(conn)
}

pub fn find_version(
    conn: &mut DbConnection,
    group_id: i64,
    version_no: i32,
) -> QueryResult<Option<CharterRow>> {
    c::table
        .filter(c::group_id.eq(group_id))
        .filter(c::version_no.eq(version_no))
        .select(CharterRow::as_select())
        .first(conn)
        .optional()
}

/// Submits an adopted version to the bureau; `None` when it is no longer adopted at `version`.
pub fn submit(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<Option<CharterRow>> {
    diesel::update(
        c::table
            .filter(c::id.eq(id))
            .filter(c::version.eq(version))
            .filter(c::status.eq(CharterStatus::Adopted)),
    )
    .set((
        c::status.eq(CharterStatus::Submitted),
        c::submitted_at.eq(Some(at)),
        c::version.eq(version + 1),
        c::updated_at.eq(at),
    ))
    .returning(c::all_columns)
    .get_result(conn)
    .optional()
}

/// Records the bureau's decision on a submitted version; `None` when another decision came
/// first, so that of two officers deciding at once exactly one wins.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    status: &str,
    by: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<Option<CharterRow>> {
    diesel::update(
        c::table
            .filter(c::id.eq(id))
            .filter(c::version.eq(version))
            .filter(c::status.eq(CharterStatus::Submitted)),
    )
    .set((
        c::status.eq(status),
        c::decided_at.eq(Some(at)),
        c::decided_by.eq(Some(by)),
        c::decision_note.eq(note),
        c::version.eq(version + 1),
        c::updated_at.eq(at),
    ))
    .returning(c::all_columns)
    .get_result(conn)
    .optional()
}

/// Supersedes the approved versions older than `version_no`; returns them as they now stand.
pub fn supersede_before(
    conn: &mut DbConnection,
    group_id: i64,
    version_no: i32,
    at: NaiveDateTime,
) -> QueryResult<Vec<CharterRow>> {
    let old: Vec<CharterRow> = c::table
        .filter(c::group_id.eq(group_id))
        .filter(c::status.eq(CharterStatus::Approved))
        .filter(c::version_no.lt(version_no))
        .select(CharterRow::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(old.len());
    for o in old {
        out.push(
            diesel::update(c::table.filter(c::id.eq(o.id)))
                .set((
                    c::status.eq(CharterStatus::Superseded),
                    c::version.eq(o.version + 1),
                    c::updated_at.eq(at),
                ))
                .returning(c::all_columns)
                .get_result(conn)?,
        );
    }
    Ok(out)
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
            c::status.eq(CharterStatus::Adopted),
            c::adopted_resolution_id.eq(Some(resolution_id)),
            c::version.eq(c::version + 1),
            c::updated_at.eq(at),
        ))
        .execute(conn)
}
