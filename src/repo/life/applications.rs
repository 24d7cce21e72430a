//! Applications a group or member makes to the bureau (exits, graduation, conversion, spin-off):
//! the bureau's inbox.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{applications as a, edu_groups as g};
use crate::db::DbConnection;
use crate::domain::life::{ApplicationKind, ApplicationStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = a)]
pub struct ApplicationRow {
    pub id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub membership_id: Option<i64>,
    /// An `ApplicationKind`.
    pub kind: ApplicationKind,
    /// An `ApplicationStatus`.
    pub status: ApplicationStatus,
    /// The applicant's grounds.
    pub reason: String,
    /// What the kind needs besides (a spin-off's new group), as JSON.
    pub payload_json: Option<String>,
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
    /// The group a spin-off's approval authorised.
    pub new_group_id: Option<i64>,
    pub county_code: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = a)]
pub struct NewApplicationRow {
    pub group_id: i64,
    pub school_id: i64,
    pub membership_id: Option<i64>,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub reason: String,
    pub payload_json: Option<String>,
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
    pub county_code: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a decision (or a cancellation) writes.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = a)]
pub struct ApplicationDecision {
    pub status: ApplicationStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
    pub new_group_id: Option<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct ApplicationFilter {
    pub county: Option<String>,
    pub status: Vec<ApplicationStatus>,
    pub kind: Vec<ApplicationKind>,
    pub group_id: Option<i64>,
    /// A school's own applications and those of the group it leads.
    pub school_or_led_by: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewApplicationRow) -> QueryResult<ApplicationRow> {
    diesel::insert_into(a::table)
        .values(row)
        .returning(a::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ApplicationRow>> {
    a::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()
}

/// The statuses of the applications `ids`, in one statement (a list of growth reviews shows
/// each one's course).
pub fn statuses(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<Vec<(i64, crate::domain::life::ApplicationStatus)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    a::table
        .filter(a::id.eq_any(ids.to_vec()))
        .select((a::id, a::status))
        .load(conn)
}

pub fn list(
    conn: &mut DbConnection,
    f: &ApplicationFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<ApplicationRow>> {
    let mut q = a::table
        .filter(a::id.gt(after_id))
        .order(a::id.asc())
        .limit(limit)
        .select(ApplicationRow::as_select())
        .into_boxed();
    if let Some(v) = &f.county {
        q = q.filter(a::county_code.eq(v.clone()));
    }
    if !f.status.is_empty() {
        q = q.filter(a::status.eq_any(f.status.clone()));
    }
    if !f.kind.is_empty() {
        q = q.filter(a::kind.eq_any(f.kind.clone()));
    }
    if let Some(v) = f.group_id {
        q = q.filter(a::group_id.eq(v));
    }
    if let Some(school) = f.school_or_led_by {
        let led = g::table.filter(g::core_school_id.eq(school)).select(g::id);
        q = q.filter(a::school_id.eq(school).or(a::group_id.eq_any(led)));
    }
    q.load(conn)
}

/// Submitted applications of a group (all of them when `membership_id` is `None`).
pub fn submitted(
    conn: &mut DbConnection,
    group_id: i64,
    membership_id: Option<i64>,
) -> QueryResult<Vec<ApplicationRow>> {
    let mut q = a::table
        .filter(a::group_id.eq(group_id))
        .filter(a::status.eq(ApplicationStatus::Submitted))
        .order(a::id.asc())
        .select(ApplicationRow::as_select())
        .into_boxed();
    if let Some(m) = membership_id {
        q = q.filter(a::membership_id.eq(m));
    }
    q.load(conn)
}

/// Writes the decision if the application is still submitted and at `version`; `None` if
/// another request decided or cancelled it first.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    d: &ApplicationDecision,
    at: NaiveDateTime,
) -> QueryResult<Option<ApplicationRow>> {
    diesel::update(
        a::table
            .filter(a::id.eq(id))
            .filter(a::version.eq(version))
            .filter(a::status.eq(ApplicationStatus::Submitted)),
    )
    .set((d, a::version.eq(version + 1), a::updated_at.eq(at)))
    .returning(a::all_columns)
    .get_result(conn)
    .optional()
}
