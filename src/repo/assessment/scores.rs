//! Scores of an assessment: one row per indicator and school (NULL school: the group level),
//! holding the self-assessment beside the assessor's or computed score.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::assessment_scores as s;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = s)]
pub struct ScoreRow {
    pub id: i64,
    pub assessment_id: i64,
    pub indicator_code: String,
    pub school_id: Option<i64>,
    pub self_tenths: Option<i32>,
    pub self_comment: Option<String>,
    pub score_tenths: Option<i32>,
    pub evidence: Option<String>,
    pub comment: Option<String>,
    /// A computed score's inputs as they were when it was computed (JSON).
    pub inputs_json: Option<String>,
    pub scored_by: Option<String>,
    pub scored_at: Option<NaiveDateTime>,
}

/// What one write sets; `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = s)]
pub struct ScoreChange {
    pub self_tenths: Option<Option<i32>>,
    pub self_comment: Option<Option<String>>,
    pub score_tenths: Option<Option<i32>>,
    pub evidence: Option<Option<String>>,
    pub comment: Option<Option<String>>,
    pub inputs_json: Option<Option<String>>,
    pub scored_by: Option<Option<String>>,
    pub scored_at: Option<Option<NaiveDateTime>>,
}

pub fn of_assessment(conn: &mut DbConnection, assessment_id: i64) -> QueryResult<Vec<ScoreRow>> {
    s::table
        .filter(s::assessment_id.eq(assessment_id))
        .order(s::id.asc())
        .select(ScoreRow::as_select())
        .load(conn)
}

/// Writes `c` to the row of (`code`, `school`), creating it when absent. Writers are
/// serialised (the write gate), so find-then-write cannot race.
pub fn put(
    conn: &mut DbConnection,
    assessment_id: i64,
    code: &str,
    school: Option<i64>,
    c: &ScoreChange,
) -> QueryResult<()> {
    let mut q = s::table
        .filter(s::assessment_id.eq(assessment_id))
        .filter(s::indicator_code.eq(code))
        .into_boxed();
    q = match school {
        Some(id) => q.filter(s::school_id.eq(id)),
        None => q.filter(s::school_id.is_null()),
    };
    let existing: Option<i64> = q.select(s::id).first(conn).optional()?;
    let id = match existing {
        Some(id) => id,
        None => diesel::insert_into(s::table)
            .values((
                s::assessment_id.eq(assessment_id),
                s::indicator_code.eq(code),
                s::school_id.eq(school),
            ))
            .returning(s::id)
            .get_result(conn)?,
    };
    diesel::update(s::table.find(id)).set(c).execute(conn)?;
    Ok(())
}
