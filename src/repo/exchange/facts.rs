//! The reads the compliance figures are computed from. Each is one statement over a whole
//! scope (a group, a county, or the prefecture), so that a roll-up costs the same few
//! statements however many groups, teachers and exchanges it covers.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::{
    edu_groups as g, group_memberships as m, hiring_posts as hp, hiring_rounds as hr,
    person_subjects as ps, persons as pe, school_subjects as ss, schools as s,
};
use crate::db::DbConnection;
use crate::domain::groups::GroupStatus;
use crate::domain::hiring::EmploymentStatus;
use crate::domain::life::MembershipStatus;
use crate::domain::registry::{PersonKind, SchoolStanding};

/// What a read covers: one group (with its schools), one county, or everything.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    Group { id: i64, schools: &'a [i64] },
    County(&'a str),
    Prefecture,
}

#[derive(Debug, Clone, Queryable)]
pub struct GroupLine {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub status: GroupStatus,
    pub core_school_id: i64,
    pub core_name: String,
    pub established_on: Option<NaiveDate>,
}

/// The groups not dissolved, by county and id, each with its core school's name.
pub fn groups(conn: &mut DbConnection, scope: Scope<'_>) -> QueryResult<Vec<GroupLine>> {
    let mut q = g::table
        .inner_join(s::table.on(s::id.eq(g::core_school_id)))
        .filter(g::status.ne(GroupStatus::Dissolved))
        .select((
            g::id,
            g::code,
            g::name,
            g::county_code,
            g::status,
            g::core_school_id,
            s::name,
            g::established_on,
        ))
        .into_boxed();
    match scope {
        Scope::Group { id, .. } => q = q.filter(g::id.eq(id)),
        Scope::County(c) => q = q.filter(g::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order((g::county_code.asc(), g::id.asc())).load(conn)
}

#[derive(Debug, Clone, Queryable)]
pub struct MemberLine {
    pub group_id: i64,
    pub school_id: i64,
    pub school_name: String,
    pub standing: SchoolStanding,
}

/// The members (besides the core) of the groups on the head-count date `on`: joined on or
/// before it and not left by then.
pub fn members(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    on: NaiveDate,
) -> QueryResult<Vec<MemberLine>> {
    let mut q = m::table
        .inner_join(s::table.on(s::id.eq(m::school_id)))
        .inner_join(g::table.on(g::id.eq(m::group_id)))
        .filter(m::status.ne(MembershipStatus::Prospective))
        .filter(m::joined_on.le(on))
        .filter(m::left_on.is_null().or(m::left_on.gt(on)))
        .select((m::group_id, s::id, s::name, s::standing))
        .into_boxed();
    match scope {
        Scope::Group { id, .. } => q = q.filter(m::group_id.eq(id)),
        Scope::County(c) => q = q.filter(g::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order((m::group_id.asc(), s::id.asc())).load(conn)
}

#[derive(Debug, Clone, Queryable)]
pub struct TeacherLine {
    pub person_id: i64,
    pub school_id: i64,
    pub backbone: bool,
}

/// The staff of record of the scope's schools (of the county's, or every school's).
pub fn teachers(conn: &mut DbConnection, scope: Scope<'_>) -> QueryResult<Vec<TeacherLine>> {
    let mut q = pe::table
        .filter(pe::kind.eq(PersonKind::Staff))
        // A teacher whose contract ended (HIRE-TWO-WAY) is no longer one of the group's.
        .filter(
            pe::employment_status
                .is_null()
                .or(pe::employment_status.ne(EmploymentStatus::ContractEnded.as_str())),
        )
        .select((pe::id, pe::school_id, pe::is_backbone))
        .into_boxed();
    match scope {
        Scope::Group { schools, .. } => q = q.filter(pe::school_id.eq_any(schools.to_vec())),
        Scope::County(c) => q = q.filter(pe::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order(pe::id.asc()).load(conn)
}

/// `(school, subject, weak)` recorded for the year.
pub fn school_subjects(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    year: i32,
) -> QueryResult<Vec<(i64, String, bool)>> {
    let mut q = ss::table
        .inner_join(s::table.on(s::id.eq(ss::school_id)))
        .filter(ss::year.eq(year))
        .select((ss::school_id, ss::subject_code, ss::weak))
        .into_boxed();
    match scope {
        Scope::Group { schools, .. } => q = q.filter(ss::school_id.eq_any(schools.to_vec())),
        Scope::County(c) => q = q.filter(s::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order((ss::school_id.asc(), ss::subject_code.asc()))
        .load(conn)
}

/// `(school, subject)` the staff of each school teach: what a school teaches where nothing is
/// recorded for the year.
pub fn taught_by_staff(
    conn: &mut DbConnection,
    scope: Scope<'_>,
) -> QueryResult<Vec<(i64, String)>> {
    let mut q = ps::table
        .inner_join(pe::table.on(pe::id.eq(ps::person_id)))
        .filter(pe::kind.eq(PersonKind::Staff))
        .select((pe::school_id, ps::subject_code))
        .distinct()
        .into_boxed();
    match scope {
        Scope::Group { schools, .. } => q = q.filter(pe::school_id.eq_any(schools.to_vec())),
        Scope::County(c) => q = q.filter(pe::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order((pe::school_id.asc(), ps::subject_code.asc()))
        .load(conn)
}

#[derive(Debug, Clone, Queryable)]
pub struct BonusHolder {
    pub group_id: i64,
    pub person_id: i64,
    pub name: String,
    pub school_id: i64,
    pub post_id: i64,
    pub post_name: String,
}

/// The teachers in post on the year's bonus posts (STAFF-SENIOR-BONUS): the posts granted to
/// the core for the teachers it sends to other members.
pub fn bonus_holders(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    year: i32,
) -> QueryResult<Vec<BonusHolder>> {
    let mut q = hp::table
        .inner_join(hr::table.on(hr::id.eq(hp::round_id)))
        .inner_join(pe::table.on(pe::hiring_post_id.eq(hp::id.nullable())))
        .filter(hr::year.eq(year))
        .filter(hp::bonus.eq(true))
        .filter(pe::employment_status.eq(EmploymentStatus::InPost.as_str()))
        .select((
            hr::group_id,
            pe::id,
            pe::name,
            hp::school_id,
            hp::id,
            hp::name,
        ))
        .into_boxed();
    match scope {
        Scope::Group { id, .. } => q = q.filter(hr::group_id.eq(id)),
        Scope::County(c) => q = q.filter(hr::county_code.eq(c.to_string())),
        Scope::Prefecture => {}
    }
    q.order((hr::group_id.asc(), pe::id.asc())).load(conn)
}
