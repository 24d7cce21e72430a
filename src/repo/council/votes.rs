//! One vote per seat per motion. A secret ballot's choices are blanked when it closes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::votes as v;
use crate::db::DbConnection;
use crate::domain::council::VoteChoice;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = v)]
pub struct VoteRow {
    pub motion_id: i64,
    pub seat_id: i64,
    /// `for`, `against` or `abstain`; `NULL` once a secret ballot has closed.
    pub choice: Option<VoteChoice>,
    /// The person who cast it: the seat holder or its proxy.
    pub cast_by: i64,
    pub updated_at: NaiveDateTime,
}

/// Writes the seat's vote, replacing an earlier one. Read-then-write is safe because writers
/// are serialised by the write gate (and `on_conflict` is not available on the multi-backend
/// connection); the primary key would refuse a second row in any case.
pub fn upsert(conn: &mut DbConnection, row: &VoteRow) -> QueryResult<bool> {
    let existing = v::table
        .find((row.motion_id, row.seat_id))
        .select(VoteRow::as_select())
        .first(conn)
        .optional()?;
    if existing.is_some() {
        diesel::update(v::table.find((row.motion_id, row.seat_id)))
            .set((
                v::choice.eq(&row.choice),
                v::cast_by.eq(row.cast_by),
                v::updated_at.eq(row.updated_at),
            ))
            .execute(conn)?;
        Ok(false)
    } else {
        diesel::insert_into(v::table).values(row).execute(conn)?;
        Ok(true)
    }
}

/// A motion's votes, by seat.
pub fn of_motion(conn: &mut DbConnection, motion_id: i64) -> QueryResult<Vec<VoteRow>> {
    v::table
        .filter(v::motion_id.eq(motion_id))
        .order(v::seat_id.asc())
        .select(VoteRow::as_select())
        .load(conn)
}

/// How many seats have voted on each of several motions, as `(motion_id, count)`.
pub fn cast_counts(conn: &mut DbConnection, motion_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    v::table
        .filter(v::motion_id.eq_any(motion_ids))
        .group_by(v::motion_id)
        .select((v::motion_id, diesel::dsl::count_star()))
        .load(conn)
}

/// Forgets who voted how on a secret ballot, keeping who voted.
pub fn blank_choices(conn: &mut DbConnection, motion_id: i64) -> QueryResult<usize> {
    diesel::update(v::table.filter(v::motion_id.eq(motion_id)))
        .set(v::choice.eq(None::<String>))
        .execute(conn)
}
