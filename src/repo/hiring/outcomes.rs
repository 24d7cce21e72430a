//! Teachers' outcomes in a round, the steps they took, and the person's current post.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{hiring_outcomes as o, hiring_posts as p, hiring_steps as s, persons};
use crate::db::DbConnection;
use crate::domain::hiring::{DecidingBody, EmploymentStatus, OutcomeStatus};
use crate::repo::registry::persons::PersonRow;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = o)]
pub struct OutcomeRow {
    pub id: i64,
    pub round_id: i64,
    pub group_id: i64,
    pub person_id: i64,
    /// The school of the teacher's personnel record when the outcome was recorded.
    pub school_id: i64,
    pub status: OutcomeStatus,
    /// The post held: of the hire, or of the reassignment.
    pub post_id: Option<i64>,
    pub ethics_score: Option<i32>,
    pub ability_score: Option<i32>,
    pub performance_score: Option<i32>,
    pub contribution_score: Option<i32>,
    /// Σ weight × score, in hundredths of a point.
    pub weighted_total_centi: Option<i32>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = o)]
pub struct NewOutcomeRow {
    pub round_id: i64,
    pub group_id: i64,
    pub person_id: i64,
    pub school_id: i64,
    pub status: OutcomeStatus,
    pub post_id: Option<i64>,
    pub ethics_score: Option<i32>,
    pub ability_score: Option<i32>,
    pub performance_score: Option<i32>,
    pub contribution_score: Option<i32>,
    pub weighted_total_centi: Option<i32>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = s)]
pub struct StepRow {
    #[diesel(skip_insertion)]
    pub id: i64,
    pub outcome_id: i64,
    pub status: OutcomeStatus,
    pub post_id: Option<i64>,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub deciding_body: DecidingBody,
    pub document_ref: String,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Default)]
pub struct OutcomeFilter {
    pub status: Vec<OutcomeStatus>,
    pub person_id: Option<i64>,
    /// Outcomes of this school's teachers, or filling its posts.
    pub school_id: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, row: &NewOutcomeRow) -> QueryResult<OutcomeRow> {
    diesel::insert_into(o::table)
        .values(row)
        .returning(o::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OutcomeRow>> {
    o::table
        .find(id)
        .select(OutcomeRow::as_select())
        .first(conn)
        .optional()
}

/// The teacher's outcome in the round, if any.
pub fn of_person(
    conn: &mut DbConnection,
    round_id: i64,
    person_id: i64,
) -> QueryResult<Option<OutcomeRow>> {
    o::table
        .filter(o::round_id.eq(round_id))
        .filter(o::person_id.eq(person_id))
        .select(OutcomeRow::as_select())
        .first(conn)
        .optional()
}

/// The outcome filling the post, if any.
pub fn filling(conn: &mut DbConnection, post_id: i64) -> QueryResult<Option<i64>> {
    o::table
        .filter(o::post_id.eq(post_id))
        .select(o::id)
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut DbConnection,
    round_id: i64,
    f: &OutcomeFilter,
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<OutcomeRow>> {
    let mut q = o::table
        .filter(o::round_id.eq(round_id))
        .filter(o::id.gt(after_id))
        .order(o::id.asc())
        .limit(limit)
        .select(OutcomeRow::as_select())
        .into_boxed();
    if !f.status.is_empty() {
        q = q.filter(o::status.eq_any(f.status.clone()));
    }
    if let Some(v) = f.person_id {
        q = q.filter(o::person_id.eq(v));
    }
    if let Some(v) = f.school_id {
        let posts = p::table.filter(p::school_id.eq(v)).select(p::id.nullable());
        q = q.filter(o::school_id.eq(v).or(o::post_id.eq_any(posts)));
    }
    q.load(conn)
}

/// Moves an outcome from `from` at `version` to `to`, holding `post_id`; `None` when another
/// request moved it first.
pub fn step(
    conn: &mut DbConnection,
    row: &OutcomeRow,
    to: OutcomeStatus,
    post_id: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<Option<OutcomeRow>> {
    diesel::update(
        o::table
            .filter(o::id.eq(row.id))
            .filter(o::version.eq(row.version))
            .filter(o::status.eq(row.status)),
    )
    .set((
        o::status.eq(to),
        o::post_id.eq(post_id),
        o::version.eq(row.version + 1),
        o::updated_at.eq(at),
    ))
    .returning(o::all_columns)
    .get_result(conn)
    .optional()
}

pub fn insert_step(conn: &mut DbConnection, row: &StepRow) -> QueryResult<StepRow> {
    diesel::insert_into(s::table)
        .values(row)
        .returning(s::all_columns)
        .get_result(conn)
}

/// The steps of the outcomes `ids`, in order: one statement for a page.
pub fn steps_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<StepRow>> {
    s::table
        .filter(s::outcome_id.eq_any(ids.to_vec()))
        .order((s::outcome_id.asc(), s::id.asc()))
        .select(StepRow::as_select())
        .load(conn)
}

/// Writes the teacher's current post and employment in the registry, moving the person's
/// version on; `None` when the person changed meanwhile.
pub fn set_person_post(
    conn: &mut DbConnection,
    person: &PersonRow,
    post_id: Option<i64>,
    status: EmploymentStatus,
    at: NaiveDateTime,
) -> QueryResult<Option<PersonRow>> {
    diesel::update(
        persons::table
            .filter(persons::id.eq(person.id))
            .filter(persons::version.eq(person.version)),
    )
    .set((
        persons::hiring_post_id.eq(post_id),
        persons::employment_status.eq(Some(status)),
        persons::version.eq(person.version + 1),
        persons::updated_at.eq(at),
    ))
    .returning(persons::all_columns)
    .get_result(conn)
    .optional()
}

/// The grade (`titles.grade`) of a title code, if the title exists.
pub fn title_grade(conn: &mut DbConnection, code: &str) -> QueryResult<Option<String>> {
    crate::db::schema::titles::table
        .find(code)
        .select(crate::db::schema::titles::grade)
        .first(conn)
        .optional()
}
