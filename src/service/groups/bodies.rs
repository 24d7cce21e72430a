//! A group's internal bodies as resources (INTERNAL-BODIES, §2.3.2): the chair founds one on a
//! council resolution, names or changes its head and closes it on another resolution. The head
//! sits in the chair's office meeting (OFFICE-COMPOSITION): founding a body or changing its
//! head adds the head's office place and retires the place of a head who heads nothing any
//! more, in the same transaction, so the office meeting is never without a body's head.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access;
use super::council::record_council;
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::council::{Body, OfficeRole};
use crate::domain::groups::bodies::{
    check_group_runs, check_head, check_resolution, check_unique, HeadFacts, InternalBodyKind,
    InternalBodyStatus, ResolutionFacts,
};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::council::resolutions;
use crate::repo::council::seats::{self, NewSeatRow};
use crate::repo::groups::bodies::{self as repo, BodyChange, BodyRow, NewBodyRow};
use crate::repo::groups::group::{self as groups, GroupRow};
use crate::repo::registry::persons;
use crate::service::checks::Checks;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// A body to found.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "teacher_development", "head_person_id": 3, "founding_resolution_id": 2
}))]
pub struct NewInternalBody {
    #[schema(required = true, value_type = InternalBodyKind)]
    pub kind: Option<String>,
    /// Required for `other`; the named kinds default to their name (`集团教师发展中心`).
    pub name: Option<String>,
    /// Staff of the core who holds a council seat.
    #[schema(required = true)]
    pub head_person_id: Option<i64>,
    /// The council's resolution on an `internal_body` motion.
    #[schema(required = true)]
    pub founding_resolution_id: Option<i64>,
}

/// A new head (`If-Match` with the body's ETag).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"head_person_id": 4}))]
pub struct HeadChange {
    #[schema(required = true)]
    pub head_person_id: Option<i64>,
}

/// Closing a body (`If-Match` with the body's ETag).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"closing_resolution_id": 9}))]
pub struct BodyClosing {
    /// The council's resolution on an `internal_body` motion closing it.
    #[schema(required = true)]
    pub closing_resolution_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "kind": "teacher_development", "name": "集团教师发展中心",
    "head_person_id": 3, "head_name": "王芳", "founding_resolution_id": 2,
    "founding_resolution_number": "G522701001-2026-2", "status": "active",
    "closing_resolution_id": null,
    "duties_zh": "统筹集团教师交流、教研、培训。",
    "duties_en": "Coordinates the group's teacher exchange, teaching research and training.",
    "version": 1, "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-01T08:00:00Z"
}))]
pub struct InternalBody {
    pub id: i64,
    pub group_id: i64,
    pub kind: InternalBodyKind,
    pub name: String,
    pub head_person_id: i64,
    pub head_name: String,
    pub founding_resolution_id: i64,
    pub founding_resolution_number: String,
    pub status: InternalBodyStatus,
    pub closing_resolution_id: Option<i64>,
    /// The duties §2.3.2 gives a body of this kind; `null` for `other`, whose founding
    /// resolution sets them.
    pub duties_zh: Option<String>,
    pub duties_en: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The bodies as shown, with their heads' names and resolutions' numbers: three statements
/// for any number of bodies.
fn views(conn: &mut DbConnection, rows: Vec<BodyRow>) -> ApiResult<Vec<InternalBody>> {
    let heads: Vec<i64> = rows.iter().map(|b| b.head_person_id).collect();
    let names: std::collections::HashMap<i64, String> = persons::find_many(conn, &heads)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let res: Vec<i64> = rows.iter().map(|b| b.founding_resolution_id).collect();
    let numbers: std::collections::HashMap<i64, String> =
        resolutions::numbers(conn, &res)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|b| {
            let duties = b.kind.duties();
            InternalBody {
                id: b.id,
                group_id: b.group_id,
                kind: b.kind,
                name: b.name,
                head_person_id: b.head_person_id,
                head_name: names.get(&b.head_person_id).cloned().unwrap_or_default(),
                founding_resolution_id: b.founding_resolution_id,
                founding_resolution_number: numbers
                    .get(&b.founding_resolution_id)
                    .cloned()
                    .unwrap_or_default(),
                status: b.status,
                closing_resolution_id: b.closing_resolution_id,
                duties_zh: duties.map(|d| d.0.to_string()),
                duties_en: duties.map(|d| d.1.to_string()),
                version: b.version,
                created_at: b.created_at.and_utc(),
                updated_at: b.updated_at.and_utc(),
            }
        })
        .collect())
}

fn view(conn: &mut DbConnection, row: BodyRow) -> ApiResult<InternalBody> {
    views(conn, vec![row])?.pop().ok_or_else(ApiError::internal)
}

fn record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    op: Op,
    action: &str,
    b: &InternalBody,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op,
            action: action.to_string(),
            entity: "internal_body",
            entity_id: b.id.to_string(),
            natural_key: None,
            county_code: Some(g.county_code.clone()),
            before: None,
            after: serde_json::to_value(b).ok(),
            published: true,
        },
    )?;
    Ok(())
}

/// The resolution `id` as INTERNAL-BODIES sees it; `422` when there is none.
fn resolution(
    conn: &mut DbConnection,
    g: &GroupRow,
    id: i64,
    field: &'static str,
) -> ApiResult<ResolutionFacts> {
    let Some((group_id, body, motion_type)) = repo::resolution_facts(conn, id)? else {
        let mut c = Checks::new();
        c.push(field, "没有该决议。", "No such resolution.");
        c.finish()?;
        return Err(ApiError::internal());
    };
    Ok(ResolutionFacts {
        id,
        of_group: group_id == g.id,
        body,
        motion_type,
    })
}

/// INTERNAL-BODIES for `person_id` as head of a body of `g`; `422` for nobody on record in the
/// group's county.
fn head_facts(conn: &mut DbConnection, g: &GroupRow, person_id: i64) -> ApiResult<HeadFacts> {
    // A person of another county is reported as absent: its existence is not revealed.
    let Some(p) = persons::find(conn, person_id)?.filter(|p| p.county_code == g.county_code) else {
        let mut c = Checks::new();
        c.push(
            "head_person_id",
            "本县没有该人员。",
            "No such person in this county.",
        );
        c.finish()?;
        return Err(ApiError::internal());
    };
    let council = seats::active(conn, g.id, Body::Council.as_str())?;
    Ok(HeadFacts {
        person_id: p.id,
        kind: p.kind,
        school_id: p.school_id,
        has_council_seat: council.iter().any(|s| s.person_id == p.id),
    })
}

/// Gives `person_id` an office place as a body's head unless the person has one already (as a
/// legal representative, say: one place each, OFFICE-COMPOSITION).
fn seat_head(conn: &mut DbConnection, g: &GroupRow, person_id: i64) -> ApiResult<bool> {
    let office = seats::active(conn, g.id, Body::Office.as_str())?;
    if office.iter().any(|s| s.person_id == person_id) {
        return Ok(false);
    }
    let council = seats::active(conn, g.id, Body::Council.as_str())?;
    let school_id = council
        .iter()
        .find(|s| s.person_id == person_id)
        .map_or(g.core_school_id, |s| s.school_id);
    seats::insert(
        conn,
        &NewSeatRow {
            group_id: g.id,
            body: Body::Office,
            person_id,
            school_id,
            category: OfficeRole::InternalBodyHead.as_str().into(),
            is_chair: false,
            active: true,
            created_at: crate::repo::now(),
        },
    )?;
    Ok(true)
}

/// Retires the office place `person_id` held only as a head, once the person heads no active
/// body of the group.
fn unseat_head(conn: &mut DbConnection, g: &GroupRow, person_id: i64) -> ApiResult<bool> {
    let still_heads = repo::of_group(conn, g.id, true)?
        .iter()
        .any(|b| b.head_person_id == person_id);
    if still_heads {
        return Ok(false);
    }
    let mut retired = false;
    for s in seats::active(conn, g.id, Body::Office.as_str())? {
        if s.person_id == person_id && s.category == OfficeRole::InternalBodyHead.as_str() {
            retired |= seats::retire(conn, s.id)? > 0;
        }
    }
    Ok(retired)
}

/// When the office meeting changed: the group's version moves on (the council's ETag) and the
/// council's new list goes to the change feed.
fn office_changed(conn: &mut DbConnection, ctx: &Ctx, g: &GroupRow) -> ApiResult<()> {
    let after = access::touch(conn, g)?;
    record_council(conn, ctx, &after, "council.office_body_head")?;
    Ok(())
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewInternalBody,
) -> ApiResult<InternalBody> {
    ctx.require(Permission::GroupsLead)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| create_in(conn, &ctx, group_id, input))
        .await
}

/// Founds a body in the transaction it is given (the demo seed founds its bodies through this).
pub fn create_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    group_id: i64,
    input: NewInternalBody,
) -> ApiResult<InternalBody> {
    let g = access::load(conn, ctx, group_id)?;
    access::ensure_chair(ctx, &g)?;
    let mut c = Checks::new();
    let kind = c.required("kind", input.kind).and_then(|v| {
        c.enum_code(
            "kind",
            &v,
            InternalBodyKind::parse,
            InternalBodyKind::codes(),
        )
    });
    let head = c.required("head_person_id", input.head_person_id);
    let founding = c.required("founding_resolution_id", input.founding_resolution_id);
    let name = match (input.name, kind) {
        (Some(n), _) => Some(c.text("name", &n, 2, 50)),
        (None, Some(InternalBodyKind::Other)) => {
            c.push(
                "name",
                "其他内设机构须写明名称。",
                "Another body needs its name.",
            );
            None
        }
        (None, k) => k.map(|k| k.label_zh().to_string()),
    };
    c.finish()?;
    let (Some(kind), Some(head), Some(founding), Some(name)) = (kind, head, founding, name) else {
        return Err(ApiError::internal());
    };
    check_group_runs(g.status)?;
    check_resolution(
        &resolution(conn, &g, founding, "founding_resolution_id")?,
        "founding_resolution_id",
    )?;
    check_head(g.core_school_id, &head_facts(conn, &g, head)?)?;
    let existing: Vec<(i64, InternalBodyKind)> = repo::of_group(conn, g.id, true)?
        .iter()
        .map(|b| (b.id, b.kind))
        .collect();
    check_unique(kind, &existing)?;
    let now = crate::repo::now();
    let row = repo::insert(
        conn,
        &NewBodyRow {
            group_id: g.id,
            kind,
            name,
            head_person_id: head,
            founding_resolution_id: founding,
            status: InternalBodyStatus::Active,
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    let body = view(conn, row)?;
    record(conn, ctx, &g, Op::Created, "internal_body.found", &body)?;
    if seat_head(conn, &g, head)? {
        office_changed(conn, ctx, &g)?;
    }
    Ok(body)
}

/// The body and its group, or `404` when either is outside the caller's scope.
fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<(GroupRow, BodyRow)> {
    let b = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = groups::find(conn, b.group_id)?.ok_or_else(ApiError::not_found)?;
    if !access::sees(conn, &ctx.principal, &g)? {
        return Err(ApiError::not_found());
    }
    Ok((g, b))
}

/// The body to change, by the chair, at the version read, while it is active and its group runs.
fn load_to_change(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
    if_match: &IfMatch,
) -> ApiResult<(GroupRow, BodyRow)> {
    let (g, b) = load(conn, ctx, id)?;
    access::ensure_chair(ctx, &g)?;
    if_match.check(b.version)?;
    if b.status == InternalBodyStatus::Closed {
        return Err(closed());
    }
    check_group_runs(g.status)?;
    Ok((g, b))
}

fn closed() -> ApiError {
    ApiError::conflict_of(
        Conflict::BodyClosed,
        "该内设机构已撤销。",
        "The internal body is closed.",
    )
}

pub async fn change_head(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: HeadChange,
) -> ApiResult<InternalBody> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let head = c.required("head_person_id", input.head_person_id);
    c.finish()?;
    let head = head.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, b) = load_to_change(conn, &ctx, id, &if_match)?;
            check_head(g.core_school_id, &head_facts(conn, &g, head)?)?;
            let old = b.head_person_id;
            let row = repo::update(
                conn,
                b.id,
                b.version,
                &BodyChange {
                    head_person_id: Some(head),
                    ..Default::default()
                },
                crate::repo::now(),
            )?
            .ok_or_else(|| stale(b.version + 1))?;
            let body = view(conn, row)?;
            record(conn, &ctx, &g, Op::Updated, "internal_body.head", &body)?;
            let added = seat_head(conn, &g, head)?;
            let retired = old != head && unseat_head(conn, &g, old)?;
            if added || retired {
                office_changed(conn, &ctx, &g)?;
            }
            Ok(body)
        })
        .await
}

pub async fn close(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: BodyClosing,
) -> ApiResult<InternalBody> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let resolution_id = c.required("closing_resolution_id", input.closing_resolution_id);
    c.finish()?;
    let resolution_id = resolution_id.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, b) = load_to_change(conn, &ctx, id, &if_match)?;
            check_resolution(
                &resolution(conn, &g, resolution_id, "closing_resolution_id")?,
                "closing_resolution_id",
            )?;
            let row = repo::update(
                conn,
                b.id,
                b.version,
                &BodyChange {
                    status: Some(InternalBodyStatus::Closed),
                    closing_resolution_id: Some(Some(resolution_id)),
                    ..Default::default()
                },
                crate::repo::now(),
            )?
            .ok_or_else(|| stale(b.version + 1))?;
            let body = view(conn, row)?;
            record(conn, &ctx, &g, Op::Updated, "internal_body.close", &body)?;
            if unseat_head(conn, &g, b.head_person_id)? {
                office_changed(conn, &ctx, &g)?;
            }
            Ok(body)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<InternalBody> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, b) = load(conn, &ctx, id)?;
            view(conn, b)
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    page: PageQuery,
) -> ApiResult<Page<InternalBody>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::page_of_group(conn, g.id, w.after_id, w.limit + 1)?;
            let page = paginate(rows, w, |b| b.id, |b| b);
            Ok(Page {
                items: views(conn, page.items)?,
                next_cursor: page.next_cursor,
                total: None,
            })
        })
        .await
}
