//! Persons and teachers. The resident ID number is personal data: validated (GB 11643), stored,
//! never logged, and shown masked except to the county bureau.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::super::checks::{double_option, Checks};
use super::super::page::{paginate_sorted, Page, PageQuery, PersonSort, Seek};
use super::super::{stale, AppState, Ctx, IfMatch};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Principal};
use crate::domain::codes::resident_id;
use crate::domain::hiring::EmploymentStatus;
use crate::domain::registry::{CadrePost, PersonKind};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::registry::persons::{PersonFields, PersonFilter, PersonRow};
use crate::repo::registry::{lookups, persons as repo, schools};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "name": "王芳", "id_number": "5227************1X", "id_number_masked": true,
    "school_id": 1, "county_code": "522701", "title_code": "yj", "subject_codes": ["13", "41"],
    "is_backbone": true, "cadre_post": null, "kind": "staff", "pupil_class": null,
    "hiring_post_id": 3, "employment_status": "in_post", "version": 1,
    "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-01T08:00:00Z"
}))]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// Resident ID number; masked (`5227************1X`) except for the county bureau.
    pub id_number: String,
    pub id_number_masked: bool,
    /// Staff: the school holding the person's personnel record (人事关系). Parent: the school
    /// where the pupil is enrolled.
    pub school_id: i64,
    pub county_code: String,
    /// Professional title, a `titles` lookup code.
    pub title_code: Option<String>,
    /// Subjects taught, `subjects` lookup codes.
    pub subject_codes: Vec<String>,
    /// Backbone teacher (骨干教师).
    pub is_backbone: bool,
    pub cadre_post: Option<CadrePost>,
    /// Staff, or a parent (who has no title, subjects or post).
    pub kind: PersonKind,
    /// Parents: the pupil's class at `school_id` (e.g. `三年级（2）班`).
    pub pupil_class: Option<String>,
    /// The post two-way hiring last placed the teacher in (a hiring round's post), if any.
    pub hiring_post_id: Option<i64>,
    /// The teacher's employment as two-way hiring left it; `null` before any outcome.
    pub employment_status: Option<EmploymentStatus>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    pub fn from_row(r: PersonRow, subjects: Vec<String>, unmasked: bool) -> Person {
        Person {
            id_number: if unmasked {
                r.id_number.clone()
            } else {
                resident_id::mask(&r.id_number)
            },
            id_number_masked: !unmasked,
            id: r.id,
            name: r.name,
            school_id: r.school_id,
            county_code: r.county_code,
            title_code: r.title_code,
            subject_codes: subjects,
            is_backbone: r.is_backbone,
            cadre_post: r.cadre_post,
            kind: r.kind,
            pupil_class: r.pupil_class,
            hiring_post_id: r.hiring_post_id,
            employment_status: r.employment_status,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "王芳", "id_number": "11010519491231002X", "school_id": 1, "title_code": "yj",
    "subject_codes": ["13", "41"], "is_backbone": true
}))]
pub struct NewPerson {
    #[schema(required = true)]
    pub name: Option<String>,
    /// Resident ID number (18 characters, GB 11643 check digit; `x` is read as `X`).
    #[schema(required = true)]
    pub id_number: Option<String>,
    #[schema(required = true)]
    pub school_id: Option<i64>,
    pub title_code: Option<String>,
    pub subject_codes: Option<Vec<String>>,
    pub is_backbone: Option<bool>,
    #[schema(value_type = Option<CadrePost>)]
    pub cadre_post: Option<String>,
    /// `staff` (default) or `parent`. A parent is tied to `school_id` through a pupil enrolled
    /// there (`pupil_class`), not a personnel record, and has no title, subjects or post.
    #[schema(value_type = Option<PersonKind>)]
    pub kind: Option<String>,
    /// Parents only, and required for them: the pupil's class.
    pub pupil_class: Option<String>,
}

/// Changes to a person: absent fields stay; `null` clears a nullable one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title_code": "gj", "is_backbone": true}))]
pub struct PersonPatch {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub school_id: Option<i64>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub title_code: Option<Option<String>>,
    pub subject_codes: Option<Vec<String>>,
    pub is_backbone: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<CadrePost>)]
    pub cadre_post: Option<Option<String>>,
    /// Parents only. A person's kind does not change: register the other kind anew.
    pub pupil_class: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonQuery {
    #[param(example = "522701")]
    pub county: Option<String>,
    pub school_id: Option<i64>,
    pub title_code: Option<String>,
    /// Persons who teach this subject.
    pub subject_code: Option<String>,
    pub is_backbone: Option<bool>,
    /// Any of these cadre posts (repeat the parameter for several).
    #[serde(default)]
    pub cadre_post: Vec<CadrePost>,
    /// Any of these kinds (`staff`, `parent`).
    #[serde(default)]
    pub kind: Vec<PersonKind>,
    /// Part of the name, Chinese or not (`q=王`).
    #[param(example = "王")]
    pub q: Option<String>,
    /// The order of the list (default `id`); a cursor continues the order it was issued in.
    pub sort: Option<PersonSort>,
    /// `true` adds `total`, the number of persons the filters select.
    pub count: Option<bool>,
}

struct Draft {
    fields: PersonFields,
    subjects: Vec<String>,
}

fn validate(conn: &mut DbConnection, ctx: &Ctx, d: NewPerson) -> ApiResult<Draft> {
    let mut c = Checks::new();
    let name = c
        .required("name", d.name)
        .map(|n| c.text("name", &n, 1, 50))
        .unwrap_or_default();
    let mut number = String::new();
    if let Some(raw) = c.required("id_number", d.id_number) {
        match resident_id::parse(&raw) {
            Ok(id) => number = id.number,
            Err(resident_id::ResidentIdError::CheckDigit { .. }) => c.push(
                "id_number",
                "身份证号码校验码错误。",
                "The check digit of the resident ID number is wrong.",
            ),
            Err(resident_id::ResidentIdError::BirthDate) => c.push(
                "id_number",
                "身份证号码中的出生日期无效。",
                "The birth date in the resident ID number is not a valid date.",
            ),
            Err(_) => c.push(
                "id_number",
                "身份证号码须为 18 位：17 位数字加 1 位数字或 X。",
                "A resident ID number is 18 characters: 17 digits and a digit or X.",
            ),
        }
    }
    let mut county = String::new();
    if let Some(school_id) = c.required("school_id", d.school_id) {
        match schools::find(conn, school_id)? {
            Some(s) if ctx.principal.sees_county(&s.county_code) => county = s.county_code,
            _ => c.push("school_id", "没有该学校。", "No such school."),
        }
    }
    if let Some(t) = &d.title_code {
        if !lookups::title_exists(conn, t)? {
            c.push("title_code", "未知的职称代码。", "Unknown title code.");
        }
    }
    let mut subjects = d.subject_codes.unwrap_or_default();
    subjects.sort();
    subjects.dedup();
    if subjects.len() > 10 {
        c.push("subject_codes", "最多 10 个学科。", "At most 10 subjects.");
    } else {
        let unknown = lookups::unknown_subjects(conn, &subjects)?;
        if !unknown.is_empty() {
            c.push(
                "subject_codes",
                format!("未知的学科代码：{}。", unknown.join(", ")),
                format!("Unknown subject codes: {}.", unknown.join(", ")),
            );
        }
    }
    let cadre = d
        .cadre_post
        .and_then(|v| c.enum_code("cadre_post", &v, CadrePost::parse, CadrePost::codes()));
    let kind = match d.kind {
        Some(v) => c.enum_code("kind", &v, PersonKind::parse, PersonKind::codes()),
        None => Some(PersonKind::Staff),
    };
    let pupil_class = d.pupil_class.map(|v| c.text("pupil_class", &v, 1, 50));
    match kind {
        Some(PersonKind::Parent) => {
            if pupil_class.is_none() {
                c.push(
                    "pupil_class",
                    "家长须写明其子女就读的班级。",
                    "A parent is registered with the pupil's class.",
                );
            }
            for (field, set) in [
                ("title_code", d.title_code.is_some()),
                ("subject_codes", !subjects.is_empty()),
                ("is_backbone", d.is_backbone == Some(true)),
                ("cadre_post", cadre.is_some()),
            ] {
                if set {
                    c.push(
                        field,
                        "家长不是教职工，没有职称、任教学科、骨干教师或干部职务。",
                        "A parent is not staff and has no title, subjects, backbone flag or post.",
                    );
                }
            }
        }
        Some(PersonKind::Staff) if pupil_class.is_some() => c.push(
            "pupil_class",
            "只有家长登记子女就读班级。",
            "Only a parent has a pupil's class.",
        ),
        _ => {}
    }
    c.finish()?;
    Ok(Draft {
        fields: PersonFields {
            name,
            id_number: number,
            school_id: d.school_id.unwrap_or_default(),
            county_code: county,
            title_code: d.title_code,
            is_backbone: d.is_backbone.unwrap_or(false),
            cadre_post: cadre,
            kind: kind.unwrap_or_default(),
            pupil_class,
        },
        subjects,
    })
}

fn unmasked(p: &Principal) -> bool {
    p.can(Permission::PersonIdentityRead)
}

/// The audit log keeps the masked number: it is read by more roles than the registry is.
pub(crate) fn change(
    op: Op,
    action: &str,
    p: &Person,
    before: Option<&Person>,
    after: Option<&Person>,
) -> Change {
    let snap = |x: &Person| {
        let mut x = x.clone();
        x.id_number = resident_id::mask(&x.id_number);
        x.id_number_masked = true;
        serde_json::to_value(x).ok()
    };
    Change {
        op,
        action: action.to_string(),
        entity: "person",
        entity_id: p.id.to_string(),
        natural_key: None,
        county_code: Some(p.county_code.clone()),
        before: before.and_then(snap),
        after: after.and_then(snap),
        published: true,
    }
}

fn duplicate_number() -> ApiError {
    ApiError::conflict_of(
        Conflict::IdNumberTaken,
        "该身份证号码已登记。",
        "A person with this resident ID number is already registered.",
    )
}

pub async fn create(state: &AppState, ctx: &Ctx, input: NewPerson) -> ApiResult<Person> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| create_in(conn, &ctx, input))
        .await
}

/// Registers a person in the transaction it is given, with every check and its audit entry:
/// a request, the demo seed and a bulk import all register persons through this.
pub fn create_in(conn: &mut DbConnection, ctx: &Ctx, input: NewPerson) -> ApiResult<Person> {
    ctx.require(Permission::RegistryWrite)?;
    let draft = validate(conn, ctx, input)?;
    if repo::find_by_id_number(conn, &draft.fields.id_number)?.is_some() {
        return Err(duplicate_number());
    }
    let row = repo::insert(conn, &draft.fields, crate::repo::now())?;
    repo::set_subjects(conn, row.id, &draft.subjects)?;
    let person = Person::from_row(row, draft.subjects, unmasked(&ctx.principal));
    changes::record(
        conn,
        &ctx.audit_actor(),
        change(Op::Created, "person.create", &person, None, Some(&person)),
    )?;
    Ok(person)
}

fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<PersonRow> {
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    ctx.ensure_sees(&row.county_code)?;
    Ok(row)
}

fn with_subjects(conn: &mut DbConnection, row: PersonRow, unmask: bool) -> ApiResult<Person> {
    let subjects = repo::subjects_of(conn, &[row.id])?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    Ok(Person::from_row(row, subjects, unmask))
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Person> {
    ctx.require(Permission::RegistryRead)?;
    let ctx = ctx.clone();
    state
        .db
        .query(move |conn| {
            let shown = repo::find_shown(conn, id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&shown.row.county_code)?;
            Ok(Person::from_row(
                shown.row,
                shown.subjects,
                unmasked(&ctx.principal),
            ))
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    q: PersonQuery,
    page: PageQuery,
) -> ApiResult<Page<Person>> {
    ctx.require(Permission::RegistryRead)?;
    let w = page.sorted_window(q.sort.unwrap_or(PersonSort::Id).into())?;
    let count = q.count.unwrap_or(false);
    let mut filter = PersonFilter {
        county: q.county,
        school_id: q.school_id,
        title_code: q.title_code,
        subject_code: q.subject_code,
        is_backbone: q.is_backbone,
        cadre_post: q.cadre_post,
        kind: q.kind,
        name_contains: q.q.filter(|s| !s.trim().is_empty()),
    };
    match ctx.list_county(filter.county.take()) {
        Some(county) => filter.county = county,
        None => return Ok(Page::empty()),
    }
    let unmask = unmasked(&ctx.principal);
    state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, &filter, &w)?;
            let total = if count {
                Some(repo::count(conn, &filter)?)
            } else {
                None
            };
            let seek = |r: &repo::Shown| Seek {
                id: r.row.id,
                key: w.key_of(&r.row.name, &r.row.name).map(str::to_string),
            };
            Ok(paginate_sorted(rows, &w, seek, |r| {
                Person::from_row(r.row, r.subjects, unmask)
            })
            .with_total(total))
        })
        .await
}

pub async fn update(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    patch: PersonPatch,
) -> ApiResult<Person> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| update_in(conn, &ctx, id, if_match, patch))
        .await
}

/// Changes a person in the transaction it is given (see `create_in`).
pub fn update_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    patch: PersonPatch,
) -> ApiResult<Person> {
    ctx.require(Permission::RegistryWrite)?;
    let row = load(conn, ctx, id)?;
    if_match.check(row.version)?;
    let version = row.version;
    let unmask = unmasked(&ctx.principal);
    let before = with_subjects(conn, row.clone(), unmask)?;
    let draft = NewPerson {
        name: Some(patch.name.unwrap_or(row.name)),
        id_number: Some(patch.id_number.unwrap_or(row.id_number.clone())),
        school_id: Some(patch.school_id.unwrap_or(row.school_id)),
        title_code: patch.title_code.unwrap_or(row.title_code),
        subject_codes: Some(patch.subject_codes.unwrap_or(before.subject_codes.clone())),
        is_backbone: Some(patch.is_backbone.unwrap_or(row.is_backbone)),
        cadre_post: patch
            .cadre_post
            .unwrap_or(row.cadre_post.map(|p| p.as_str().to_string())),
        kind: Some(row.kind.as_str().to_string()),
        pupil_class: patch.pupil_class.or(row.pupil_class.clone()),
    };
    let draft = validate(conn, ctx, draft)?;
    if draft.fields.id_number != row.id_number
        && repo::find_by_id_number(conn, &draft.fields.id_number)?.is_some()
    {
        return Err(duplicate_number());
    }
    let updated = repo::update(conn, id, version, &draft.fields, crate::repo::now())?
        .ok_or_else(|| stale(version + 1))?;
    repo::set_subjects(conn, id, &draft.subjects)?;
    let after = Person::from_row(updated, draft.subjects, unmask);
    changes::record(
        conn,
        &ctx.audit_actor(),
        change(
            Op::Updated,
            "person.update",
            &after,
            Some(&before),
            Some(&after),
        ),
    )?;
    Ok(after)
}

pub async fn delete(state: &AppState, ctx: &Ctx, id: i64, if_match: IfMatch) -> ApiResult<()> {
    ctx.require(Permission::RegistryWrite)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let row = load(conn, &ctx, id)?;
            if_match.check(row.version)?;
            let version = row.version;
            let represented = schools::represented_by(conn, id)?;
            if !represented.is_empty() {
                return Err(ApiError::conflict_of(Conflict::PersonInUse,
                    format!("该人员是学校 {} 的法定代表人，请先更换法定代表人。", represented.join(", ")),
                    format!("This person is the legal representative of school(s) {}; change that first.", represented.join(", ")),
                ));
            }
            let before = with_subjects(conn, row, false)?;
            if repo::delete(conn, id, version)? == 0 {
                return Err(stale(version + 1));
            }
            changes::record(conn, &ctx.audit_actor(), change(Op::Deleted, "person.delete", &before, Some(&before), None))?;
            Ok(())
        })
        .await
}
