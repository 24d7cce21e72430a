use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{edu_groups as g, group_memberships as m};
use crate::db::DbConnection;
use crate::domain::groups::GroupStatus;
use crate::domain::groups::{GroupKind, JoinBasis};
use crate::domain::life::{ExitReason, MembershipStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m)]
pub struct MembershipRow {
    pub id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub basis: JoinBasis,
    pub agreement_ref: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub executive_principal_id: Option<i64>,
    pub status: MembershipStatus,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub exit_reason: Option<ExitReason>,
    pub growth_until: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The terms the school is a member on, `tight` or `collaborative`: its group's kind, until
    /// a grown tight member stays on as a collaborative one (§2.4.4).
    pub terms: GroupKind,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = m)]
pub struct NewMembershipRow {
    pub group_id: i64,
    pub school_id: i64,
    pub basis: JoinBasis,
    pub agreement_ref: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub executive_principal_id: Option<i64>,
    pub status: MembershipStatus,
    pub joined_on: NaiveDate,
    pub growth_until: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// A new join is on the group's kind.
    pub terms: GroupKind,
}

pub fn insert(conn: &mut DbConnection, row: &NewMembershipRow) -> QueryResult<MembershipRow> {
    diesel::insert_into(m::table)
        .values(row)
        .returning(m::all_columns)
        .get_result(conn)
}

/// Memberships of a group that have not ended, oldest first.
pub fn current_of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<MembershipRow>> {
    m::table
        .filter(m::group_id.eq(group_id))
        .filter(m::status.ne(MembershipStatus::Ended))
        .order(m::id.asc())
        .select(MembershipRow::as_select())
        .load(conn)
}

/// The current memberships of a school in groups that are not dissolved, with each group's kind
/// (the membership's own terms are on the row).
pub fn current_of_school(
    conn: &mut DbConnection,
    school_id: i64,
) -> QueryResult<Vec<(MembershipRow, String)>> {
    m::table
        .inner_join(g::table)
        .filter(m::school_id.eq(school_id))
        .filter(m::status.ne(MembershipStatus::Ended))
        .filter(g::status.ne(GroupStatus::Dissolved))
        .select((MembershipRow::as_select(), g::kind))
        .load(conn)
}

/// Whether the school ever belonged to the group (any status).
pub fn ever_in_group(conn: &mut DbConnection, group_id: i64, school_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        m::table
            .filter(m::group_id.eq(group_id))
            .filter(m::school_id.eq(school_id)),
    ))
    .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<MembershipRow>> {
    m::table
        .find(id)
        .select(MembershipRow::as_select())
        .first(conn)
        .optional()
}

/// The school's latest membership of the group (current or ended), if it ever had one.
pub fn latest_in_group(
    conn: &mut DbConnection,
    group_id: i64,
    school_id: i64,
) -> QueryResult<Option<MembershipRow>> {
    m::table
        .filter(m::group_id.eq(group_id))
        .filter(m::school_id.eq(school_id))
        .order(m::id.desc())
        .select(MembershipRow::as_select())
        .first(conn)
        .optional()
}

/// Ends a membership that has not ended and is still at `version` (§2.4.4); `None` otherwise,
/// so that two requests cannot end it twice.
pub fn end(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    left_on: chrono::NaiveDate,
    exit_reason: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<MembershipRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.ne(MembershipStatus::Ended)),
    )
    .set((
        m::status.eq(MembershipStatus::Ended),
        m::left_on.eq(Some(left_on)),
        m::exit_reason.eq(Some(exit_reason)),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}

/// Keeps a current membership still at `version` in its group on collaborative terms (§2.4.4
/// "作为协作型集团成员继续保留在集团内发展"): its growth period is over and, keeping its own
/// management, it has no executive principal. `None` when the row moved on meanwhile.
pub fn convert_to_collaborative(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<Option<MembershipRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.ne(MembershipStatus::Ended)),
    )
    .set((
        m::terms.eq(GroupKind::Collaborative),
        m::growth_until.eq(None::<NaiveDate>),
        m::executive_principal_id.eq(None::<i64>),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}

/// The number of current (not ended) members of each group of `group_ids`, besides the core, in
/// one query; a group with none is absent.
pub fn current_counts(
    conn: &mut DbConnection,
    group_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = m::table
        .filter(m::group_id.eq_any(group_ids))
        .filter(m::status.ne(MembershipStatus::Ended))
        .group_by(m::group_id)
        .select((m::group_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
