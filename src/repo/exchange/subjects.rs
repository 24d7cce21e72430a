//! The subjects a school teaches in a year and which are weak (薄弱学科).

use diesel::prelude::*;

use crate::db::schema::school_subjects as ss;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ss)]
pub struct SchoolSubjectRow {
    pub school_id: i64,
    pub year: i32,
    pub subject_code: String,
    pub weak: bool,
    pub version: i32,
}

pub fn of_school(
    conn: &mut DbConnection,
    school_id: i64,
    year: i32,
) -> QueryResult<Vec<SchoolSubjectRow>> {
    ss::table
        .filter(ss::school_id.eq(school_id))
        .filter(ss::year.eq(year))
        .order(ss::subject_code.asc())
        .select(SchoolSubjectRow::as_select())
        .load(conn)
}

/// Replaces the school's subjects of the year with `rows` (`(subject, weak)`).
pub fn replace(
    conn: &mut DbConnection,
    school_id: i64,
    year: i32,
    rows: &[(String, bool)],
    version: i32,
) -> QueryResult<()> {
    diesel::delete(
        ss::table
            .filter(ss::school_id.eq(school_id))
            .filter(ss::year.eq(year)),
    )
    .execute(conn)?;
    // Row by row: MultiConnection inserts no `Vec` in one statement (in the caller's
    // transaction, so the replacement is whole or not at all).
    for (subject, weak) in rows {
        diesel::insert_into(ss::table)
            .values((
                ss::school_id.eq(school_id),
                ss::year.eq(year),
                ss::subject_code.eq(subject.clone()),
                ss::weak.eq(*weak),
                ss::version.eq(version),
            ))
            .execute(conn)?;
    }
    Ok(())
}
