//! The subjects a school teaches in a year and its weak subjects (薄弱学科), which
//! EXCH-NEW-SCHOOL-SUBJECT and EXCH-WEAK-SUBJECT measure coverage against. The county bureau
//! records them for any school of its county, a school's administrator for its own school.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{check_year, record};
use crate::domain::auth::{Permission, Role};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::changes::Op;
use crate::repo::exchange::subjects as repo;
use crate::repo::registry::{lookups, schools};
use crate::service::checks::Checks;
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"subject_code": "14", "weak": true}))]
pub struct SubjectLine {
    /// A subject code (`/vocabularies/subjects`).
    #[schema(required = true)]
    pub subject_code: Option<String>,
    /// A weak subject of the school (薄弱学科); `false` by default.
    #[serde(default)]
    pub weak: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"subjects": [{"subject_code": "13"}, {"subject_code": "14", "weak": true}]}))]
pub struct SchoolSubjectsInput {
    /// Every subject taught in the year, at most 40, each once; an empty list clears them.
    #[schema(required = true)]
    pub subjects: Option<Vec<SubjectLine>>,
}

/// A school's subjects for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"school_id": 3, "year": 2026, "subjects": [
    {"subject_code": "13", "weak": false}, {"subject_code": "14", "weak": true}
], "version": 2}))]
pub struct SchoolSubjects {
    pub school_id: i64,
    pub year: i32,
    pub subjects: Vec<SubjectView>,
    /// The set's version for `If-Match` (0 while none is recorded).
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubjectView {
    pub subject_code: String,
    pub weak: bool,
}

fn shown(school_id: i64, year: i32, rows: Vec<repo::SchoolSubjectRow>) -> SchoolSubjects {
    SchoolSubjects {
        school_id,
        year,
        version: rows.iter().map(|r| r.version).max().unwrap_or(0),
        subjects: rows
            .into_iter()
            .map(|r| SubjectView {
                subject_code: r.subject_code,
                weak: r.weak,
            })
            .collect(),
    }
}

pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    school_id: i64,
    year: i32,
    if_match: IfMatch,
    input: SchoolSubjectsInput,
) -> ApiResult<SchoolSubjects> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let mut rows: Vec<(String, bool)> = Vec::new();
    if let Some(list) = c.required("subjects", input.subjects) {
        if list.len() > 40 {
            c.push("subjects", "最多 40 个学科。", "At most 40 subjects.");
        }
        for (i, l) in list.into_iter().enumerate() {
            let field = format!("subjects[{i}].subject_code");
            let Some(code) = c.required(&field, l.subject_code) else {
                continue;
            };
            if rows.iter().any(|(s, _)| *s == code) {
                c.push(&field, "每个学科只列一次。", "List each subject once.");
                continue;
            }
            rows.push((code, l.weak));
        }
    }
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let s = schools::find(conn, school_id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&s.county_code)?;
            ctx.require(Permission::ExchangeRecord)?;
            if ctx.principal.role == Role::SchoolAdmin && ctx.principal.school != Some(s.id) {
                return Err(ApiError::forbidden(
                    "学校管理员只能登记本校的学科。",
                    "A school administrator records its own school's subjects only.",
                ));
            }
            let codes: Vec<String> = rows.iter().map(|(c, _)| c.clone()).collect();
            let unknown = lookups::unknown_subjects(conn, &codes)?;
            if !unknown.is_empty() {
                return Err(ApiError::validation(vec![FieldError::new(
                    "subjects",
                    format!("未知的学科代码：{}。", unknown.join(", ")),
                    format!("Unknown subject codes: {}.", unknown.join(", ")),
                )]));
            }
            let before = shown(s.id, year, repo::of_school(conn, s.id, year)?);
            if_match.check(before.version)?;
            repo::replace(conn, s.id, year, &rows, before.version + 1)?;
            let after = shown(s.id, year, repo::of_school(conn, s.id, year)?);
            record(
                conn,
                &ctx,
                &s.county_code,
                if before.subjects.is_empty() {
                    Op::Created
                } else {
                    Op::Updated
                },
                "school_subjects",
                format!("{}:{year}", s.id),
                Some(format!("{}:{year}", s.code)),
                "school_subjects.put",
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn get(
    state: &AppState,
    ctx: &Ctx,
    school_id: i64,
    year: i32,
) -> ApiResult<SchoolSubjects> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let s = schools::find(conn, school_id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&s.county_code)?;
            Ok(shown(s.id, year, repo::of_school(conn, s.id, year)?))
        })
        .await
}
