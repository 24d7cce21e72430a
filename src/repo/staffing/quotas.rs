//! A group's special development quota or headcount per year (§2.4.1 "集团发展专项编制或员额"),
//! and what its members pool of their own quotas.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    edu_groups as g, group_memberships as m, schools as s, special_quotas as q,
};
use crate::db::DbConnection;
use crate::domain::life::MembershipStatus;
use crate::domain::registry::SchoolStanding;
use crate::domain::staffing::SpecialQuotaKind;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = q)]
pub struct SpecialQuotaRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub kind: SpecialQuotaKind,
    pub amount: i32,
    /// JSON array of `SpecialQuotaPurpose` codes.
    pub purposes_json: String,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = q, treat_none_as_null = true)]
pub struct SpecialQuotaFields {
    pub kind: SpecialQuotaKind,
    pub amount: i32,
    pub purposes_json: String,
    pub note: Option<String>,
}

pub fn find(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Option<SpecialQuotaRow>> {
    q::table
        .filter(q::group_id.eq(group_id))
        .filter(q::year.eq(year))
        .select(SpecialQuotaRow::as_select())
        .first(conn)
        .optional()
}

/// The special quotas of every group of a county's year.
pub fn of_county(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> QueryResult<Vec<SpecialQuotaRow>> {
    q::table
        .filter(q::county_code.eq(county))
        .filter(q::year.eq(year))
        .select(SpecialQuotaRow::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    group_id: i64,
    county: &str,
    year: i32,
    f: &SpecialQuotaFields,
    at: NaiveDateTime,
) -> QueryResult<SpecialQuotaRow> {
    diesel::insert_into(q::table)
        .values((
            q::group_id.eq(group_id),
            q::county_code.eq(county),
            q::year.eq(year),
            q::kind.eq(f.kind),
            q::amount.eq(f.amount),
            q::purposes_json.eq(&f.purposes_json),
            q::note.eq(&f.note),
            q::version.eq(1),
            q::created_at.eq(at),
            q::updated_at.eq(at),
        ))
        .returning(q::all_columns)
        .get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &SpecialQuotaFields,
    at: NaiveDateTime,
) -> QueryResult<Option<SpecialQuotaRow>> {
    diesel::update(q::table.filter(q::id.eq(id)).filter(q::version.eq(version)))
        .set((f, q::version.eq(version + 1), q::updated_at.eq(at)))
        .returning(q::all_columns)
        .get_result(conn)
        .optional()
}

/// One school of a group as its pool depends on it: the core, or an active member.
#[derive(Debug, Clone, Queryable)]
pub struct PoolSchoolRow {
    pub group_id: i64,
    pub school_id: i64,
    pub school_name: String,
    pub standing: SchoolStanding,
    pub staffing_quota: i32,
    pub pooled_quota: Option<i32>,
    pub pooled_share: Option<i32>,
}

/// The active members of the given groups (or of every group of `county`), with what their
/// pool depends on; the cores come from [`cores`]. One statement for any number of groups.
pub fn members(
    conn: &mut DbConnection,
    county: &str,
    group: Option<i64>,
) -> QueryResult<Vec<PoolSchoolRow>> {
    let base = m::table
        .inner_join(s::table.on(s::id.eq(m::school_id)))
        .inner_join(g::table.on(g::id.eq(m::group_id)))
        .filter(g::county_code.eq(county))
        .filter(m::status.eq(MembershipStatus::Active))
        .order((m::group_id.asc(), m::id.asc()))
        .select((
            m::group_id,
            s::id,
            s::name,
            s::standing,
            s::staffing_quota,
            m::pooled_quota,
            m::pooled_share,
        ));
    match group {
        Some(id) => base.filter(m::group_id.eq(id)).load(conn),
        None => base.load(conn),
    }
}

/// The core schools of the given group (or of every group of `county` not dissolved).
pub fn cores(
    conn: &mut DbConnection,
    county: &str,
    group: Option<i64>,
) -> QueryResult<Vec<PoolSchoolRow>> {
    let base = g::table
        .inner_join(s::table.on(s::id.eq(g::core_school_id)))
        .filter(g::county_code.eq(county))
        .filter(g::status.ne(crate::domain::groups::GroupStatus::Dissolved))
        .order(g::id.asc())
        .select((
            g::id,
            s::id,
            s::name,
            s::standing,
            s::staffing_quota,
            None::<i32>.into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Integer>>(),
            None::<i32>.into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Integer>>(),
        ));
    match group {
        Some(id) => base.filter(g::id.eq(id)).load(conn),
        None => base.load(conn),
    }
}

/// Records what a member pools by its agreement.
pub fn set_terms(
    conn: &mut DbConnection,
    membership_id: i64,
    version: i32,
    pooled_quota: Option<i32>,
    pooled_share: Option<i32>,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        m::table
            .filter(m::id.eq(membership_id))
            .filter(m::version.eq(version)),
    )
    .set((
        m::pooled_quota.eq(pooled_quota),
        m::pooled_share.eq(pooled_share),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .execute(conn)
}
