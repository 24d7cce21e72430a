use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{edu_groups as g, group_memberships as m};
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m)]
pub struct MembershipRow {
    pub id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub basis: String,
    pub agreement_ref: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub executive_principal_id: Option<i64>,
    pub status: String,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub exit_reason: Option<String>,
    pub growth_until: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = m)]
pub struct NewMembershipRow {
    pub group_id: i64,
    pub school_id: i64,
    pub basis: String,
    pub agreement_ref: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub executive_principal_id: Option<i64>,
    pub status: String,
    pub joined_on: NaiveDate,
    pub growth_until: Option<NaiveDate>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
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
        .filter(m::status.ne("ended"))
        .order(m::id.asc())
        .select(MembershipRow::as_select())
        .load(conn)
}

pub fn all_of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<MembershipRow>> {
    m::table
        .filter(m::group_id.eq(group_id))
        .order(m::id.asc())
        .select(MembershipRow::as_select())
        .load(conn)
}

/// The current memberships of a school in groups that are not dissolved, with each group's kind.
pub fn current_of_school(
    conn: &mut DbConnection,
    school_id: i64,
) -> QueryResult<Vec<(MembershipRow, String)>> {
    m::table
        .inner_join(g::table)
        .filter(m::school_id.eq(school_id))
        .filter(m::status.ne("ended"))
        .filter(g::status.ne("dissolved"))
        .select((MembershipRow::as_select(), g::kind))
        .load(conn)
}

pub fn any_of_school(conn: &mut DbConnection, school_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        m::table.filter(m::school_id.eq(school_id)),
    ))
    .get_result(conn)
}
