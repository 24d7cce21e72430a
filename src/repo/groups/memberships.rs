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
    /// The bureau's decision on a join by agreement (§2.1.1): when, by whom, and its note (a
    /// refusal's reasons). `None` for an assignment, and while the join is `prospective`.
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    /// What the member pools of its staffing quota by its agreement (STAFF-POOL), when it does
    /// not pool all of it: a number of posts, or a share in percent.
    pub pooled_quota: Option<i32>,
    pub pooled_share: Option<i32>,
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

/// The members of a group, oldest first: its `active` memberships. A `prospective` join is not a
/// member yet (the dossier, the council, meetings, orders and exits count members only).
pub fn current_of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<MembershipRow>> {
    m::table
        .filter(m::group_id.eq(group_id))
        .filter(m::status.eq(MembershipStatus::Active))
        .order(m::id.asc())
        .select(MembershipRow::as_select())
        .load(conn)
}

/// The places of a group, oldest first: the memberships that have not ended, `prospective`
/// ones included, since a join by agreement holds its place until the bureau decides it
/// (GRP-TIGHT-SIZE), and ends with the group (DISSOLVE).
pub fn places_of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<MembershipRow>> {
    m::table
        .filter(m::group_id.eq(group_id))
        .filter(m::status.ne(MembershipStatus::Ended))
        .order(m::id.asc())
        .select(MembershipRow::as_select())
        .load(conn)
}

/// The memberships of a school that have not ended (`prospective` ones included: a join by
/// agreement holds the school for GRP-ONE-MEMBERSHIP) in groups that are not dissolved, with each
/// group's kind (the membership's own terms are on the row).
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

/// Per group of `group_ids`, besides the core: how many members it has (`active`) and how many
/// joins by agreement await the bureau (`prospective`), in one query; a group with neither is
/// absent.
pub fn current_counts(
    conn: &mut DbConnection,
    group_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, PlaceCounts>> {
    let rows: Vec<(i64, MembershipStatus, i64)> = m::table
        .filter(m::group_id.eq_any(group_ids))
        .filter(m::status.ne(MembershipStatus::Ended))
        .group_by((m::group_id, m::status))
        .select((m::group_id, m::status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut out: std::collections::HashMap<i64, PlaceCounts> = Default::default();
    for (group, status, n) in rows {
        let c = out.entry(group).or_default();
        match status {
            MembershipStatus::Active => c.active += n,
            MembershipStatus::Prospective => c.prospective += n,
            MembershipStatus::Ended => {}
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceCounts {
    pub active: i64,
    pub prospective: i64,
}

/// The bureau confirms a `prospective` membership still at `version` (§2.1.1): it becomes
/// `active` from `joined_on`, with the growth period computed then. `None` when the row moved on.
#[allow(clippy::too_many_arguments)]
pub fn confirm(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    joined_on: NaiveDate,
    growth_until: Option<NaiveDate>,
    by: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<Option<MembershipRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.eq(MembershipStatus::Prospective)),
    )
    .set((
        m::status.eq(MembershipStatus::Active),
        m::joined_on.eq(joined_on),
        m::growth_until.eq(growth_until),
        m::decided_at.eq(Some(at)),
        m::decided_by.eq(Some(by)),
        m::decision_note.eq(note),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}

/// The bureau declines a `prospective` membership still at `version`: it ends on `left_on` as
/// `agreement_not_confirmed`, with the reasons. `None` when the row moved on.
pub fn decline(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    left_on: NaiveDate,
    by: &str,
    note: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<MembershipRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.eq(MembershipStatus::Prospective)),
    )
    .set((
        m::status.eq(MembershipStatus::Ended),
        m::left_on.eq(Some(left_on)),
        m::exit_reason.eq(Some(ExitReason::AgreementNotConfirmed.as_str())),
        m::decided_at.eq(Some(at)),
        m::decided_by.eq(Some(by)),
        m::decision_note.eq(Some(note)),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}

/// Moves the end of a current membership's growth period (an extension on a growth review,
/// GROWTH-3Y), if it is still at `version`.
pub fn set_growth_until(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    until: chrono::NaiveDate,
    at: NaiveDateTime,
) -> QueryResult<Option<MembershipRow>> {
    diesel::update(
        m::table
            .filter(m::id.eq(id))
            .filter(m::version.eq(version))
            .filter(m::status.eq(MembershipStatus::Active)),
    )
    .set((
        m::growth_until.eq(Some(until)),
        m::version.eq(version + 1),
        m::updated_at.eq(at),
    ))
    .returning(m::all_columns)
    .get_result(conn)
    .optional()
}
