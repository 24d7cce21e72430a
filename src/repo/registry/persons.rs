use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{person_subjects, persons};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::hiring::EmploymentStatus;
use crate::domain::registry::{CadrePost, PersonKind};
use crate::repo::fragment::Fixed;
use crate::repo::search::{self, Named};
use crate::service::page::SortedWindow;
use diesel::sql_types::{Nullable, Text};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = persons)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub school_id: i64,
    pub county_code: String,
    pub title_code: Option<String>,
    pub is_backbone: bool,
    pub cadre_post: Option<CadrePost>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub kind: PersonKind,
    pub pupil_class: Option<String>,
    /// The post two-way hiring placed the teacher in (`hiring_posts`), written by
    /// `repo::hiring` only.
    pub hiring_post_id: Option<i64>,
    pub employment_status: Option<EmploymentStatus>,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = persons, treat_none_as_null = true)]
pub struct PersonFields {
    pub name: String,
    pub id_number: String,
    pub school_id: i64,
    pub county_code: String,
    pub title_code: Option<String>,
    pub is_backbone: bool,
    pub cadre_post: Option<CadrePost>,
    pub kind: PersonKind,
    pub pupil_class: Option<String>,
}

/// A stored person's writable fields, to write back with one of them changed.
impl From<&PersonRow> for PersonFields {
    fn from(p: &PersonRow) -> Self {
        PersonFields {
            name: p.name.clone(),
            id_number: p.id_number.clone(),
            school_id: p.school_id,
            county_code: p.county_code.clone(),
            title_code: p.title_code.clone(),
            is_backbone: p.is_backbone,
            cadre_post: p.cadre_post,
            kind: p.kind,
            pupil_class: p.pupil_class.clone(),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct PersonFilter {
    pub county: Option<String>,
    pub school_id: Option<i64>,
    pub title_code: Option<String>,
    pub subject_code: Option<String>,
    pub is_backbone: Option<bool>,
    pub cadre_post: Vec<CadrePost>,
    pub kind: Vec<PersonKind>,
    pub name_contains: Option<String>,
}

pub fn insert(
    conn: &mut DbConnection,
    f: &PersonFields,
    at: NaiveDateTime,
) -> QueryResult<PersonRow> {
    let row = diesel::insert_into(persons::table)
        .values((
            f,
            persons::version.eq(1),
            persons::created_at.eq(at),
            persons::updated_at.eq(at),
        ))
        .returning(persons::all_columns)
        .get_result::<PersonRow>(conn)?;
    search::index(conn, Named::Person, row.id, &row.name)?;
    Ok(row)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PersonRow>> {
    persons::table
        .find(id)
        .select(PersonRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<PersonRow>> {
    persons::table
        .filter(persons::id.eq_any(ids))
        .select(PersonRow::as_select())
        .load(conn)
}

/// The staff of `school_id` holding `post`, by id (a school's vice principals, say).
pub fn holding_post(
    conn: &mut DbConnection,
    school_id: i64,
    post: CadrePost,
) -> QueryResult<Vec<i64>> {
    persons::table
        .filter(persons::school_id.eq(school_id))
        .filter(persons::kind.eq(PersonKind::Staff))
        .filter(persons::cadre_post.eq(post))
        .order(persons::id.asc())
        .select(persons::id)
        .load(conn)
}

pub fn find_by_id_number(conn: &mut DbConnection, number: &str) -> QueryResult<Option<PersonRow>> {
    persons::table
        .filter(persons::id_number.eq(number))
        .select(PersonRow::as_select())
        .first(conn)
        .optional()
}

/// The persons `f` selects, unordered: the page and the count share it.
fn filtered(f: &PersonFilter) -> persons::BoxedQuery<'static, MultiBackend> {
    let mut q = persons::table.into_boxed();
    if let Some(v) = &f.county {
        q = q.filter(persons::county_code.eq(v.clone()));
    }
    if let Some(v) = f.school_id {
        q = q.filter(persons::school_id.eq(v));
    }
    if let Some(v) = &f.title_code {
        q = q.filter(persons::title_code.eq(v.clone()));
    }
    if let Some(v) = f.is_backbone {
        q = q.filter(persons::is_backbone.eq(v));
    }
    if !f.cadre_post.is_empty() {
        q = q.filter(persons::cadre_post.eq_any(f.cadre_post.clone()));
    }
    if !f.kind.is_empty() {
        q = q.filter(persons::kind.eq_any(f.kind.clone()));
    }
    if let Some(v) = &f.subject_code {
        let teaching = person_subjects::table
            .filter(person_subjects::subject_code.eq(v.clone()))
            .select(person_subjects::person_id);
        q = q.filter(persons::id.eq_any(teaching));
    }
    if let Some(v) = &f.name_contains {
        for gram in search::lookups_of(v) {
            q = q.filter(persons::id.eq_any(search::holding(Named::Person.code(), gram)));
        }
        q = q.filter(
            persons::name
                .like(format!("%{}%", super::schools::escape_like(v)))
                .escape('\\'),
        );
    }
    q
}

/// One page of the persons `f` selects, in the window's order (`limit + 1` rows), each with
/// its subjects: one statement, however long the page.
pub fn list(
    conn: &mut DbConnection,
    f: &PersonFilter,
    w: &SortedWindow,
) -> QueryResult<Vec<Shown>> {
    let q = filtered(f).select((persons::all_columns, subjects(conn)));
    // Persons have no code: their sort enum has no code order, so the name stands in.
    let rows: Vec<(PersonRow, Option<String>)> =
        super::super::keyset!(q, w, persons::id, persons::name, persons::name).load(conn)?;
    Ok(rows.into_iter().map(Shown::from).collect())
}

/// A person as the API shows it: the row and its subjects' codes, in code order.
#[derive(Debug, Clone)]
pub struct Shown {
    pub row: PersonRow,
    pub subjects: Vec<String>,
}

impl From<(PersonRow, Option<String>)> for Shown {
    fn from((row, codes): (PersonRow, Option<String>)) -> Shown {
        let subjects = codes
            .map(|c| c.split(',').map(str::to_string).collect())
            .unwrap_or_default();
        Shown { row, subjects }
    }
}

/// Marker of the subjects fragment (see `Fixed`).
enum SubjectCodes {}

/// A person's subject codes joined by commas (codes are digits), in code order, as a column of
/// the person's own statement; each backend names the aggregate its own way.
fn subjects(conn: &DbConnection) -> Fixed<Nullable<Text>, SubjectCodes> {
    Fixed::new(match conn {
        DbConnection::Sqlite(_) => {
            "(SELECT group_concat(ps.subject_code, ',' ORDER BY ps.subject_code) \
             FROM person_subjects ps WHERE ps.person_id = persons.id)"
        }
        DbConnection::Postgresql(_) => {
            "(SELECT string_agg(ps.subject_code, ',' ORDER BY ps.subject_code) \
             FROM person_subjects ps WHERE ps.person_id = persons.id)"
        }
    })
}

/// The person `id` as shown, in one statement.
pub fn find_shown(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Shown>> {
    let sub = subjects(conn);
    let row: Option<(PersonRow, Option<String>)> = persons::table
        .find(id)
        .select((persons::all_columns, sub))
        .first(conn)
        .optional()?;
    Ok(row.map(Shown::from))
}

/// How many persons `f` selects.
pub fn count(conn: &mut DbConnection, f: &PersonFilter) -> QueryResult<i64> {
    filtered(f).count().get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    f: &PersonFields,
    at: NaiveDateTime,
) -> QueryResult<Option<PersonRow>> {
    let row = diesel::update(
        persons::table
            .filter(persons::id.eq(id))
            .filter(persons::version.eq(version)),
    )
    .set((
        f,
        persons::version.eq(version + 1),
        persons::updated_at.eq(at),
    ))
    .returning(persons::all_columns)
    .get_result::<PersonRow>(conn)
    .optional()?;
    if let Some(r) = &row {
        search::index(conn, Named::Person, r.id, &r.name)?;
    }
    Ok(row)
}

pub fn delete(conn: &mut DbConnection, id: i64, version: i32) -> QueryResult<usize> {
    diesel::delete(person_subjects::table.filter(person_subjects::person_id.eq(id)))
        .execute(conn)?;
    let deleted = diesel::delete(
        persons::table
            .filter(persons::id.eq(id))
            .filter(persons::version.eq(version)),
    )
    .execute(conn)?;
    if deleted > 0 {
        search::forget(conn, Named::Person, id)?;
    }
    Ok(deleted)
}

pub fn subjects_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    person_subjects::table
        .filter(person_subjects::person_id.eq_any(ids))
        .order((
            person_subjects::person_id.asc(),
            person_subjects::subject_code.asc(),
        ))
        .select((person_subjects::person_id, person_subjects::subject_code))
        .load(conn)
}

/// Replaces a person's subjects, row by row (MultiConnection cannot insert a batch).
pub fn set_subjects(conn: &mut DbConnection, id: i64, codes: &[String]) -> QueryResult<()> {
    diesel::delete(person_subjects::table.filter(person_subjects::person_id.eq(id)))
        .execute(conn)?;
    for code in codes {
        diesel::insert_into(person_subjects::table)
            .values((
                person_subjects::person_id.eq(id),
                person_subjects::subject_code.eq(code),
            ))
            .execute(conn)?;
    }
    Ok(())
}
