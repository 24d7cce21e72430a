//! The reads of the staffing reports: each a fixed statement over a whole county, so that a
//! roll-up costs the same few statements however many groups the county has.

use diesel::dsl::sum;
use diesel::prelude::*;

use crate::db::schema::{edu_groups as g, post_allocations as p, schools as s};
use crate::db::DbConnection;
use crate::domain::groups::{GroupKind, GroupStatus};
use crate::domain::hiring::EmploymentStatus;
use crate::domain::registry::SchoolStanding;
use crate::domain::staffing::{PostCategory, PostLevel};

/// A group of the county as the roll-up lists it.
#[derive(Debug, Clone, Queryable)]
pub struct GroupLine {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: GroupKind,
    pub status: GroupStatus,
    pub core_school_id: i64,
    pub core_name: String,
    pub core_standing: SchoolStanding,
    pub core_quota: i32,
}

/// The county's groups that are not dissolved, by id, each with its core school.
pub fn groups(conn: &mut DbConnection, county: &str) -> QueryResult<Vec<GroupLine>> {
    g::table
        .inner_join(s::table.on(s::id.eq(g::core_school_id)))
        .filter(g::county_code.eq(county))
        .filter(g::status.ne(GroupStatus::Dissolved))
        .order(g::id.asc())
        .select((
            g::id,
            g::code,
            g::name,
            g::kind,
            g::status,
            s::id,
            s::name,
            s::standing,
            s::staffing_quota,
        ))
        .load(conn)
}

/// The posts of a county's year per group, level and bonus.
#[derive(Debug, Clone, Queryable)]
pub struct AllocSum {
    pub group_id: i64,
    pub level: PostLevel,
    pub bonus: bool,
    pub posts: Option<i64>,
}

pub fn sums(conn: &mut DbConnection, county: &str, year: i32) -> QueryResult<Vec<AllocSum>> {
    p::table
        .filter(p::county_code.eq(county))
        .filter(p::year.eq(year))
        .group_by((p::group_id, p::level, p::bonus))
        .select((p::group_id, p::level, p::bonus, sum(p::posts)))
        .load(conn)
}

/// The posts of a county's year (or one group's) that a teacher holds now: hiring posts of the
/// year's rounds that are some person's current post, in post. One statement.
#[derive(Debug, Clone, Queryable)]
pub struct FilledRow {
    pub group_id: i64,
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub filled: i64,
}

pub fn filled(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
    group: Option<i64>,
) -> QueryResult<Vec<FilledRow>> {
    use crate::db::schema::{hiring_posts as hp, hiring_rounds as hr, persons as pe};
    let base = hp::table
        .inner_join(hr::table.on(hr::id.eq(hp::round_id)))
        .inner_join(pe::table.on(pe::hiring_post_id.eq(hp::id.nullable())))
        .filter(hr::county_code.eq(county))
        .filter(hr::year.eq(year))
        .filter(pe::employment_status.eq(EmploymentStatus::InPost.as_str()))
        .group_by((
            hr::group_id,
            hp::school_id,
            hp::category,
            hp::level,
            hp::bonus,
        ))
        .select((
            hr::group_id,
            hp::school_id,
            hp::category,
            hp::level,
            hp::bonus,
            diesel::dsl::count_star(),
        ));
    match group {
        Some(id) => base.filter(hr::group_id.eq(id)).load(conn),
        None => base.load(conn),
    }
}
