use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{edu_groups as g, group_memberships as m, seats};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::groups::{FormationPattern, GroupKind, GroupStatus};
use crate::domain::life::MembershipStatus;
use crate::service::page::SortedWindow;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = g)]
pub struct GroupRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
    pub core_school_id: i64,
    pub status: GroupStatus,
    pub plan_text: Option<String>,
    pub member_cap: Option<i32>,
    pub council_elected_at: Option<NaiveDateTime>,
    pub established_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub dissolved_on: Option<NaiveDate>,
    pub dissolution_note: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = g)]
pub struct NewGroupRow {
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
    pub core_school_id: i64,
    pub status: GroupStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a workflow step changes on the group row, written only if the row is still at the
/// version read (so two officers cannot both move it).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = g)]
pub struct GroupChange {
    pub status: Option<GroupStatus>,
    pub plan_text: Option<Option<String>>,
    pub member_cap: Option<Option<i32>>,
    pub council_elected_at: Option<Option<NaiveDateTime>>,
    pub established_on: Option<Option<NaiveDate>>,
    pub name: Option<String>,
    pub dissolved_on: Option<Option<NaiveDate>>,
    pub dissolution_note: Option<Option<String>>,
}

#[derive(Debug, Default, Clone)]
pub struct GroupFilter {
    pub county: Option<String>,
    pub status: Vec<GroupStatus>,
    pub kind: Vec<GroupKind>,
    /// Part of the name or the code.
    pub name_contains: Option<String>,
    /// Groups the school leads or belongs to (active memberships).
    pub school_id: Option<i64>,
    /// Groups where the person holds an active seat.
    pub seat_person_id: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewGroupRow) -> QueryResult<GroupRow> {
    diesel::insert_into(g::table)
        .values(row)
        .returning(g::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<GroupRow>> {
    g::table
        .find(id)
        .select(GroupRow::as_select())
        .first(conn)
        .optional()
}

pub fn code_taken(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(g::table.filter(g::code.eq(code)))).get_result(conn)
}

pub fn count_in_county(conn: &mut DbConnection, county: &str) -> QueryResult<i64> {
    g::table
        .filter(g::county_code.eq(county))
        .count()
        .get_result(conn)
}

/// Active (not dissolved) groups led by a school.
pub fn led_by(conn: &mut DbConnection, school_id: i64) -> QueryResult<Vec<GroupRow>> {
    g::table
        .filter(g::core_school_id.eq(school_id))
        .filter(g::status.ne(GroupStatus::Dissolved))
        .select(GroupRow::as_select())
        .load(conn)
}

/// Applies `change` if the group is still at `version`; `None` if another request moved it.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    change: &GroupChange,
    at: NaiveDateTime,
) -> QueryResult<Option<GroupRow>> {
    diesel::update(g::table.filter(g::id.eq(id)).filter(g::version.eq(version)))
        .set((change, g::version.eq(version + 1), g::updated_at.eq(at)))
        .returning(g::all_columns)
        .get_result(conn)
        .optional()
}

/// Bumps the version of a group whose parts (members, council, charter) changed, so that its
/// ETag moves and concurrent steps on the same group serialise.
pub fn touch(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<Option<GroupRow>> {
    update(conn, id, version, &GroupChange::default(), at)
}

/// The groups `f` selects, unordered: the page and the count share it.
fn filtered(f: &GroupFilter) -> g::BoxedQuery<'static, MultiBackend> {
    let mut q = g::table.into_boxed();
    if let Some(v) = &f.county {
        q = q.filter(g::county_code.eq(v.clone()));
    }
    if !f.status.is_empty() {
        q = q.filter(g::status.eq_any(f.status.clone()));
    }
    if !f.kind.is_empty() {
        q = q.filter(g::kind.eq_any(f.kind.clone()));
    }
    if let Some(v) = &f.name_contains {
        let pattern = format!("%{}%", crate::repo::registry::schools::escape_like(v));
        q = q.filter(
            g::name
                .like(pattern.clone())
                .escape('\\')
                .or(g::code.like(pattern).escape('\\')),
        );
    }
    if let Some(school) = f.school_id {
        let member_of = m::table
            .filter(m::school_id.eq(school))
            .filter(m::status.ne(MembershipStatus::Ended))
            .select(m::group_id);
        q = q.filter(g::core_school_id.eq(school).or(g::id.eq_any(member_of)));
    }
    if let Some(person) = f.seat_person_id {
        let seated = seats::table
            .filter(seats::person_id.eq(person))
            .filter(seats::active.eq(true))
            .select(seats::group_id);
        q = q.filter(g::id.eq_any(seated));
    }
    q
}

/// One page of the groups `f` selects, in the window's order (`limit + 1` rows).
pub fn list(
    conn: &mut DbConnection,
    f: &GroupFilter,
    w: &SortedWindow,
) -> QueryResult<Vec<GroupRow>> {
    let q = filtered(f).select(GroupRow::as_select());
    crate::repo::keyset!(q, w, g::id, g::name, g::code).load(conn)
}

/// How many groups `f` selects.
pub fn count(conn: &mut DbConnection, f: &GroupFilter) -> QueryResult<i64> {
    filtered(f).count().get_result(conn)
}
