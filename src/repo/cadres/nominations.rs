//! Cadre nominations (CADRE-VP, CADRE-MIDDLE) and the one membership column their end changes.
//!
//! `appointed_at` and `filed_at` hold the *dates* of the appointment and the filing (at
//! 00:00): the dates on the documents are what a bureau reads; when they were recorded is in
//! the audit log and `updated_at`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{cadre_nominations as n, group_memberships as m};
use crate::db::DbConnection;
use crate::domain::cadres::NominationStatus;
use crate::domain::registry::CadrePost;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = n)]
pub struct NominationRow {
    pub id: i64,
    pub group_id: i64,
    pub person_id: i64,
    pub school_id: i64,
    /// A `CadrePost` code.
    pub post: CadrePost,
    /// A `NominationStatus` code.
    pub status: NominationStatus,
    /// The office-meeting motion it was last tabled as.
    pub motion_id: Option<i64>,
    pub nominated_by: String,
    pub nominated_at: NaiveDateTime,
    pub office_decided_at: Option<NaiveDateTime>,
    pub appointed_by: Option<String>,
    /// The appointment's date, at 00:00.
    pub appointed_at: Option<NaiveDateTime>,
    pub appointment_ref: Option<String>,
    /// The filing's date, at 00:00.
    pub filed_at: Option<NaiveDateTime>,
    pub filing_ref: Option<String>,
    /// The chair's note; replaced by the reason when declined or withdrawn.
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = n)]
pub struct NewNominationRow {
    pub group_id: i64,
    pub person_id: i64,
    pub school_id: i64,
    pub post: CadrePost,
    pub status: NominationStatus,
    pub nominated_by: String,
    pub nominated_at: NaiveDateTime,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What one step writes besides the status; `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = n)]
pub struct NominationStep {
    pub status: NominationStatus,
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<NaiveDateTime>,
    pub appointed_by: Option<String>,
    pub appointed_at: Option<NaiveDateTime>,
    pub appointment_ref: Option<String>,
    pub filed_at: Option<NaiveDateTime>,
    pub filing_ref: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct NominationFilter {
    pub status: Vec<NominationStatus>,
    pub post: Vec<CadrePost>,
    pub school_id: Option<i64>,
    pub person_id: Option<i64>,
}

/// A date as the timestamp column stores it.
pub fn day(d: NaiveDate) -> NaiveDateTime {
    d.and_time(chrono::NaiveTime::MIN)
}

pub fn insert(conn: &mut DbConnection, row: &NewNominationRow) -> QueryResult<NominationRow> {
    diesel::insert_into(n::table)
        .values(row)
        .returning(n::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<NominationRow>> {
    n::table
        .find(id)
        .select(NominationRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    f: &NominationFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<NominationRow>> {
    let mut q = n::table
        .filter(n::group_id.eq(group_id))
        .filter(n::id.gt(after_id))
        .order(n::id.asc())
        .limit(limit)
        .select(NominationRow::as_select())
        .into_boxed();
    if !f.status.is_empty() {
        q = q.filter(n::status.eq_any(f.status.clone()));
    }
    if !f.post.is_empty() {
        q = q.filter(n::post.eq_any(f.post.clone()));
    }
    if let Some(v) = f.school_id {
        q = q.filter(n::school_id.eq(v));
    }
    if let Some(v) = f.person_id {
        q = q.filter(n::person_id.eq(v));
    }
    q.load(conn)
}

/// Earlier nominations of this person to this post at this school, to refuse a second one
/// while the first is still on its path.
pub fn same_nominee(
    conn: &mut DbConnection,
    group_id: i64,
    person_id: i64,
    school_id: i64,
    post: &str,
) -> QueryResult<Vec<NominationRow>> {
    n::table
        .filter(n::group_id.eq(group_id))
        .filter(n::person_id.eq(person_id))
        .filter(n::school_id.eq(school_id))
        .filter(n::post.eq(post))
        .select(NominationRow::as_select())
        .load(conn)
}

/// The nomination a motion was tabled for, if any.
pub fn of_motion(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Option<NominationRow>> {
    n::table
        .filter(n::motion_id.eq(motion_id))
        .select(NominationRow::as_select())
        .first(conn)
        .optional()
}

/// Moves a nomination from status `from` at `version`; `None` when another request moved it
/// first, so that of two concurrent steps exactly one wins.
pub fn step(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    from: NominationStatus,
    s: &NominationStep,
    at: NaiveDateTime,
) -> QueryResult<Option<NominationRow>> {
    diesel::update(
        n::table
            .filter(n::id.eq(id))
            .filter(n::version.eq(version))
            .filter(n::status.eq(from)),
    )
    .set((s, n::version.eq(version + 1), n::updated_at.eq(at)))
    .returning(n::all_columns)
    .get_result(conn)
    .optional()
}

/// Sets a membership's executive principal (GRP-TIGHT-LEGAL-REP) at the end of the nomination
/// path; returns the rows changed (0 when the membership moved on meanwhile).
pub fn set_executive_principal(
    conn: &mut DbConnection,
    membership_id: i64,
    version: i32,
    person_id: i64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        m::table
            .filter(m::id.eq(membership_id))
            .filter(m::version.eq(version)),
    )
    .set((
        m::executive_principal_id.eq(Some(person_id)),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .execute(conn)
}
