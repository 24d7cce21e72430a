//! Growth reviews (GROWTH-3Y): a new or weak member's review on a published assessment.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::growth_reviews as r;
use crate::db::DbConnection;
use crate::domain::assessment::{GrowthDecision, GrowthReviewStatus};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ReviewRow {
    pub id: i64,
    pub assessment_id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub school_id: i64,
    pub membership_id: i64,
    pub decision: GrowthDecision,
    pub reason: String,
    pub extend_years: Option<i32>,
    /// The member's results the review rests on (JSON).
    pub evidence_json: String,
    pub application_id: Option<i64>,
    pub status: GrowthReviewStatus,
    pub created_by: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = r)]
pub struct NewReviewRow {
    pub assessment_id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub school_id: i64,
    pub membership_id: i64,
    pub decision: GrowthDecision,
    pub reason: String,
    pub extend_years: Option<i32>,
    pub evidence_json: String,
    pub application_id: Option<i64>,
    pub status: GrowthReviewStatus,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &NewReviewRow) -> QueryResult<ReviewRow> {
    diesel::insert_into(r::table)
        .values(row)
        .returning(r::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ReviewRow>> {
    r::table
        .find(id)
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()
}

pub fn of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<ReviewRow>> {
    r::table
        .filter(r::group_id.eq(group_id))
        .order(r::id.desc())
        .select(ReviewRow::as_select())
        .load(conn)
}

/// The bureau's decision on an extension, if the review is still at `version` and submitted.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    status: GrowthReviewStatus,
    by: &str,
    note: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<Option<ReviewRow>> {
    diesel::update(
        r::table
            .filter(r::id.eq(id))
            .filter(r::version.eq(version))
            .filter(r::status.eq(GrowthReviewStatus::Submitted)),
    )
    .set((
        r::status.eq(status),
        r::decided_by.eq(Some(by)),
        r::decided_at.eq(Some(at)),
        r::decision_note.eq(note),
        r::version.eq(version + 1),
        r::updated_at.eq(at),
    ))
    .returning(r::all_columns)
    .get_result(conn)
    .optional()
}
