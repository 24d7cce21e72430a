//! Hiring rounds, their posts, and the posts in effect (`post_allocations`) they stay within.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    hiring_outcomes as o, hiring_posts as p, hiring_rounds as r, post_allocations as a,
};
use crate::db::DbConnection;
use crate::domain::hiring::RoundStatus;
use crate::domain::staffing::{PostCategory, PostLevel};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct RoundRow {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub name: String,
    pub opened_on: NaiveDate,
    /// The methods per category, as `[{"category": …, "ethics": …, …}]`.
    pub methods_json: String,
    pub status: RoundStatus,
    pub closed_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = r)]
pub struct NewRoundRow {
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub name: String,
    pub opened_on: NaiveDate,
    pub methods_json: String,
    pub status: RoundStatus,
    pub note: Option<String>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct PostRow {
    pub id: i64,
    pub round_id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub name: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = p)]
pub struct NewPostRow {
    pub round_id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub name: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Default)]
pub struct RoundFilter {
    pub year: Option<i32>,
    pub status: Vec<RoundStatus>,
}

pub fn insert(conn: &mut DbConnection, row: &NewRoundRow) -> QueryResult<RoundRow> {
    diesel::insert_into(r::table)
        .values(row)
        .returning(r::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<RoundRow>> {
    r::table
        .find(id)
        .select(RoundRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut DbConnection,
    group_id: i64,
    f: &RoundFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<RoundRow>> {
    let mut q = r::table
        .filter(r::group_id.eq(group_id))
        .filter(r::id.gt(after_id))
        .order(r::id.asc())
        .limit(limit)
        .select(RoundRow::as_select())
        .into_boxed();
    if let Some(y) = f.year {
        q = q.filter(r::year.eq(y));
    }
    if !f.status.is_empty() {
        q = q.filter(r::status.eq_any(f.status.clone()));
    }
    q.load(conn)
}

/// Moves a round on to `version + 1` (a post was added, or it closed), with the given status
/// and closing; `None` when another request moved it first.
pub fn bump(
    conn: &mut DbConnection,
    round: &RoundRow,
    status: RoundStatus,
    closed_on: Option<NaiveDate>,
    note: Option<String>,
    at: NaiveDateTime,
) -> QueryResult<Option<RoundRow>> {
    diesel::update(
        r::table
            .filter(r::id.eq(round.id))
            .filter(r::version.eq(round.version)),
    )
    .set((
        r::status.eq(status),
        r::closed_on.eq(closed_on),
        r::note.eq(note),
        r::version.eq(round.version + 1),
        r::updated_at.eq(at),
    ))
    .returning(r::all_columns)
    .get_result(conn)
    .optional()
}

pub fn insert_post(conn: &mut DbConnection, row: &NewPostRow) -> QueryResult<PostRow> {
    diesel::insert_into(p::table)
        .values(row)
        .returning(p::all_columns)
        .get_result(conn)
}

pub fn find_post(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PostRow>> {
    p::table
        .find(id)
        .select(PostRow::as_select())
        .first(conn)
        .optional()
}

/// A post with the outcome that fills it, if any.
pub type FilledPost = (PostRow, Option<i64>);

/// The posts of the rounds `round_ids` (of `school_id` only when given), by id, each with the
/// outcome filling it: one statement.
pub fn posts_of(
    conn: &mut DbConnection,
    round_ids: &[i64],
    school_id: Option<i64>,
) -> QueryResult<Vec<FilledPost>> {
    let mut q = p::table
        .left_join(o::table.on(o::post_id.eq(p::id.nullable())))
        .filter(p::round_id.eq_any(round_ids.to_vec()))
        .order(p::id.asc())
        .select((PostRow::as_select(), o::id.nullable()))
        .into_boxed();
    if let Some(s) = school_id {
        q = q.filter(p::school_id.eq(s));
    }
    q.load(conn)
}

/// How many posts the round offers for this member, category, level and bonus.
pub fn offered(
    conn: &mut DbConnection,
    round_id: i64,
    school_id: i64,
    category: PostCategory,
    level: PostLevel,
    bonus: bool,
) -> QueryResult<i64> {
    p::table
        .filter(p::round_id.eq(round_id))
        .filter(p::school_id.eq(school_id))
        .filter(p::category.eq(category))
        .filter(p::level.eq(level))
        .filter(p::bonus.eq(bonus))
        .count()
        .get_result(conn)
}

/// The posts in effect for this member, year, category, level and bonus (`post_allocations`,
/// written when the bureau approves an adjustment); 0 when none is allocated.
pub fn allocated(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
    school_id: i64,
    category: PostCategory,
    level: PostLevel,
    bonus: bool,
) -> QueryResult<i32> {
    Ok(a::table
        .filter(a::group_id.eq(group_id))
        .filter(a::year.eq(year))
        .filter(a::school_id.eq(school_id))
        .filter(a::category.eq(category))
        .filter(a::level.eq(level))
        .filter(a::bonus.eq(bonus))
        .select(a::posts)
        .first::<i32>(conn)
        .optional()?
        .unwrap_or(0))
}
