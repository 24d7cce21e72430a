//! The posts in effect (`post_allocations`): written only when the bureau approves an
//! adjustment (STAFF-ADJUST), one row per group, year, member, category, level and bonus.

use chrono::NaiveDateTime;
use diesel::dsl::sum;
use diesel::prelude::*;

use crate::db::schema::post_allocations as p;
use crate::db::DbConnection;
use crate::domain::staffing::{AllocationReason, PostCategory, PostLevel};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct AllocationRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub posts: i32,
    pub reason: AllocationReason,
    /// The approved adjustment that set it last.
    pub adjustment_id: i64,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl AllocationRow {
    pub fn allocation(&self) -> crate::domain::staffing::Allocation {
        crate::domain::staffing::Allocation {
            school_id: self.school_id,
            category: self.category,
            level: self.level,
            bonus: self.bonus,
            posts: self.posts,
        }
    }
}

pub fn of_group_year(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> QueryResult<Vec<AllocationRow>> {
    p::table
        .filter(p::group_id.eq(group_id))
        .filter(p::year.eq(year))
        .order((
            p::school_id.asc(),
            p::category.asc(),
            p::level.asc(),
            p::bonus.asc(),
        ))
        .select(AllocationRow::as_select())
        .load(conn)
}

/// The posts of a county's year by level, for every group but `except`: what the county's
/// totals already carry (STAFF-COUNTY-TOTAL).
pub fn county_by_level(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
    except: i64,
) -> QueryResult<Vec<(PostLevel, Option<i64>)>> {
    p::table
        .filter(p::county_code.eq(county))
        .filter(p::year.eq(year))
        .filter(p::group_id.ne(except))
        .group_by(p::level)
        .select((p::level, sum(p::posts)))
        .load(conn)
}

/// What an approval writes for one line.
pub struct Put<'a> {
    pub group_id: i64,
    pub county_code: &'a str,
    pub year: i32,
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub posts: i32,
    pub reason: AllocationReason,
    pub adjustment_id: i64,
}

/// Sets one line: updates its row, inserts it, or removes it when `posts` is 0. The unique key
/// makes two concurrent inserts of one line fail rather than double it.
pub fn put(conn: &mut DbConnection, l: &Put<'_>, at: NaiveDateTime) -> QueryResult<()> {
    let key = p::table
        .filter(p::group_id.eq(l.group_id))
        .filter(p::year.eq(l.year))
        .filter(p::school_id.eq(l.school_id))
        .filter(p::category.eq(l.category))
        .filter(p::level.eq(l.level))
        .filter(p::bonus.eq(l.bonus));
    if l.posts == 0 {
        diesel::delete(key).execute(conn)?;
        return Ok(());
    }
    let n = diesel::update(key)
        .set((
            p::posts.eq(l.posts),
            p::reason.eq(l.reason),
            p::adjustment_id.eq(l.adjustment_id),
            p::version.eq(p::version + 1),
            p::updated_at.eq(at),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(p::table)
            .values((
                p::group_id.eq(l.group_id),
                p::county_code.eq(l.county_code),
                p::year.eq(l.year),
                p::school_id.eq(l.school_id),
                p::category.eq(l.category),
                p::level.eq(l.level),
                p::bonus.eq(l.bonus),
                p::posts.eq(l.posts),
                p::reason.eq(l.reason),
                p::adjustment_id.eq(l.adjustment_id),
                p::version.eq(1),
                p::created_at.eq(at),
                p::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every allocation of a county's year, by group.
pub fn of_county_year(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> QueryResult<Vec<AllocationRow>> {
    p::table
        .filter(p::county_code.eq(county))
        .filter(p::year.eq(year))
        .order((p::group_id.asc(), p::id.asc()))
        .select(AllocationRow::as_select())
        .load(conn)
}
