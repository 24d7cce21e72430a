use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::seats as s;
use crate::db::DbConnection;
use crate::domain::council::Body;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = s)]
pub struct SeatRow {
    pub id: i64,
    pub group_id: i64,
    /// `council` or `office`.
    pub body: Body,
    pub person_id: i64,
    pub school_id: i64,
    /// A `SeatCategory` for the council, an `OfficeRole` for the office meeting.
    pub category: String,
    pub is_chair: bool,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = s)]
pub struct NewSeatRow {
    pub group_id: i64,
    pub body: Body,
    pub person_id: i64,
    pub school_id: i64,
    pub category: String,
    pub is_chair: bool,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewSeatRow) -> QueryResult<SeatRow> {
    diesel::insert_into(s::table)
        .values(row)
        .returning(s::all_columns)
        .get_result(conn)
}

/// The active seats of a body of a group, by id.
pub fn active(conn: &mut DbConnection, group_id: i64, body: &str) -> QueryResult<Vec<SeatRow>> {
    s::table
        .filter(s::group_id.eq(group_id))
        .filter(s::body.eq(body))
        .filter(s::active.eq(true))
        .order(s::id.asc())
        .select(SeatRow::as_select())
        .load(conn)
}

/// Retires the seats of a body when a new council is elected: old seats stay for the minutes
/// of past meetings.
pub fn retire_all(conn: &mut DbConnection, group_id: i64, body: &str) -> QueryResult<usize> {
    diesel::update(
        s::table
            .filter(s::group_id.eq(group_id))
            .filter(s::body.eq(body))
            .filter(s::active.eq(true)),
    )
    .set(s::active.eq(false))
    .execute(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<SeatRow>> {
    s::table
        .find(id)
        .select(SeatRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<SeatRow>> {
    s::table
        .filter(s::id.eq_any(ids))
        .select(SeatRow::as_select())
        .load(conn)
}

/// Whether the person holds an active seat of either body of the group.
pub fn holds_active_seat(
    conn: &mut DbConnection,
    group_id: i64,
    person_id: i64,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        s::table
            .filter(s::group_id.eq(group_id))
            .filter(s::person_id.eq(person_id))
            .filter(s::active.eq(true)),
    ))
    .get_result(conn)
}

/// Retires one seat: its holder leaves the body (a new head, a new legal representative); the
/// seat stays for the minutes of past meetings.
pub fn retire(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
    diesel::update(s::table.filter(s::id.eq(id)).filter(s::active.eq(true)))
        .set(s::active.eq(false))
        .execute(conn)
}

/// The active seats a person holds in any group's bodies: a change of the person's office
/// reaches every seat it held.
pub fn active_of_person(conn: &mut DbConnection, person_id: i64) -> QueryResult<Vec<SeatRow>> {
    s::table
        .filter(s::person_id.eq(person_id))
        .filter(s::active.eq(true))
        .order(s::id.asc())
        .select(SeatRow::as_select())
        .load(conn)
}
