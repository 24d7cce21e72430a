//! The charter's approval (核准, §2.3.2, CHARTER-APPROVAL) and its versions.
//!
//! A version the council adopted is submitted by the chair to the county bureau, which approves
//! it (now in force; the version in force before is superseded in the same transaction) or
//! rejects it with reasons (the amendment is a new draft, adopted and submitted again). Until a
//! newer version is approved, the one in force stays in force and readable, whatever drafts or
//! adoptions follow it. Every decision is one transaction guarded by the version's status and
//! row version, so two officers deciding at once cannot both win.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access;
use super::charter::{sections_of, view, view_with, Charter};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::charter::check_sections;
use crate::domain::groups::charter_approval::{
    check_submit, decide, CharterDecision, CharterStatus,
};
use crate::domain::groups::workflow::check_parts_open;
use crate::domain::groups::{CharterSection, GroupStatus};
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::council::resolutions;
use crate::repo::groups::charters::{self as repo, CharterRow};
use crate::repo::groups::group::GroupRow;
use crate::service::checks::Checks;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The county bureau's decision; a rejection gives its reasons.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "approve", "note": "章程内容符合规定，予以核准。"}))]
pub struct CharterDecisionInput {
    #[schema(required = true, value_type = CharterDecision)]
    pub decision: Option<String>,
    /// The reasons; required to reject, at most 2000 characters.
    pub note: Option<String>,
}

/// One version in the list, without its text.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"version_no": 1, "status": "approved", "in_force": true,
    "adopted_resolution_id": 3, "adopted_resolution_number": "G522701001-2026-001",
    "submitted_at": "2026-03-02T08:00:00Z", "decided_at": "2026-03-09T08:00:00Z",
    "decision_note": null, "version": 4, "updated_at": "2026-03-09T08:00:00Z"}))]
pub struct CharterVersionItem {
    pub version_no: i32,
    pub status: CharterStatus,
    pub in_force: bool,
    pub adopted_resolution_id: Option<i64>,
    pub adopted_resolution_number: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    /// The row version: the `ETag` of `GET …/charter/versions/{version_no}`.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl From<Charter> for CharterVersionItem {
    fn from(c: Charter) -> Self {
        CharterVersionItem {
            version_no: c.version_no,
            status: c.status,
            in_force: c.in_force,
            adopted_resolution_id: c.adopted_resolution_id,
            adopted_resolution_number: c.adopted_resolution_number,
            submitted_at: c.submitted_at,
            decided_at: c.decided_at,
            decision_note: c.decision_note,
            version: c.version,
            updated_at: c.updated_at,
        }
    }
}

/// A version's change for the audit log and the feed; its text is in the `charter.draft`
/// entry that wrote it, so decisions carry the status alone.
pub(crate) fn change(
    action: &str,
    g: &GroupRow,
    before: Option<&Charter>,
    after: &Charter,
) -> Change {
    let brief = |c: &Charter| serde_json::to_value(CharterVersionItem::from(c.clone())).ok();
    Change {
        op: Op::Updated,
        action: action.to_string(),
        entity: "charter",
        entity_id: format!("{}:{}", g.id, after.version_no),
        natural_key: Some(format!("{}:v{}", g.code, after.version_no)),
        county_code: Some(g.county_code.clone()),
        before: before.and_then(brief),
        after: brief(after),
        published: true,
    }
}

fn no_charter() -> ApiError {
    ApiError::conflict_of(
        Conflict::NoCharter,
        "集团尚无章程。",
        "The group has no charter yet.",
    )
}

/// The chair submits the newest version, which the council adopted, to the county bureau.
pub async fn submit(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
) -> ApiResult<Charter> {
    ctx.require(Permission::GroupsLead)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            // As for drafting: not while a dossier is under review, nor after dissolution.
            check_parts_open(g.status, ("报送章程核准", "a charter is submitted"))?;
            let row = repo::latest(conn, g.id)?.ok_or_else(no_charter)?;
            if let Some(m) = &if_match {
                m.check(row.version)?;
            }
            check_submit(row.status, row.version_no)?;
            let sections = sections_of(&row.sections_json);
            let present: Vec<(CharterSection, &str)> =
                sections.iter().map(|(k, v)| (*k, v.as_str())).collect();
            check_sections(&present)?;
            let before = view(conn, row.clone())?;
            let now = crate::repo::now();
            let after = repo::submit(conn, row.id, row.version, now)?
                .ok_or_else(|| stale(row.version + 1))?;
            access::touch(conn, &g)?;
            let charter = view(conn, after)?;
            changes::record(
                conn,
                &ctx.audit_actor(),
                change("charter.submit", &g, Some(&before), &charter),
            )?;
            Ok(charter)
        })
        .await
}

fn validate(input: CharterDecisionInput) -> ApiResult<(CharterDecision, Option<String>)> {
    let mut c = Checks::new();
    let decision = c.required("decision", input.decision).and_then(|v| {
        c.enum_code(
            "decision",
            &v,
            CharterDecision::parse,
            CharterDecision::codes(),
        )
    });
    let note = c.optional_text("note", input.note, 2000);
    if decision == Some(CharterDecision::Reject) && note.is_none() {
        c.push(
            "note",
            "不予核准须说明理由。",
            "A rejection must give its reasons.",
        );
    }
    c.finish()?;
    decision.map(|d| (d, note)).ok_or_else(ApiError::internal)
}

/// The county bureau approves or rejects the submitted version.
pub async fn decide_on(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: CharterDecisionInput,
) -> ApiResult<Charter> {
    ctx.require(Permission::GroupsAuthorize)?;
    let (decision, note) = validate(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "只有县级教育局可以核准集团章程。",
                "Only the county bureau approves charters.",
            )?;
            if g.status == GroupStatus::Dissolved {
                return Err(ApiError::from(RuleViolation::of(
                    Rule::GroupState,
                    "集团已解散。",
                    "The group is dissolved.",
                )));
            }
            let row = repo::latest(conn, g.id)?.ok_or_else(no_charter)?;
            if let Some(m) = &if_match {
                m.check(row.version)?;
            }
            let to = decide(row.status, row.version_no, decision)?;
            let before = view(conn, row.clone())?;
            let now = crate::repo::now();
            let after = repo::decide(
                conn,
                row.id,
                row.version,
                to.as_str(),
                &ctx.principal.sub,
                note.as_deref(),
                now,
            )?
            .ok_or_else(|| stale(row.version + 1))?;
            if to == CharterStatus::Approved {
                for old in repo::supersede_before(conn, g.id, row.version_no, now)? {
                    let old = view(conn, old)?;
                    changes::record(
                        conn,
                        &ctx.audit_actor(),
                        change("charter.supersede", &g, None, &old),
                    )?;
                }
            }
            access::touch(conn, &g)?;
            let charter = view(conn, after)?;
            let action = if to == CharterStatus::Approved {
                "charter.approve"
            } else {
                "charter.reject"
            };
            changes::record(
                conn,
                &ctx.audit_actor(),
                change(action, &g, Some(&before), &charter),
            )?;
            Ok(charter)
        })
        .await
}

fn views(conn: &mut DbConnection, rows: Vec<CharterRow>) -> ApiResult<Vec<Charter>> {
    let in_force = rows
        .first()
        .map(|r| r.group_id)
        .map(|g| repo::in_force(conn, g))
        .transpose()?
        .flatten();
    let in_force_no = in_force.map(|c| c.version_no);
    let ids: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.adopted_resolution_id)
        .collect();
    let numbers: std::collections::HashMap<i64, String> =
        resolutions::numbers(conn, &ids)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let number = r
                .adopted_resolution_id
                .and_then(|id| numbers.get(&id).cloned());
            view_with(r, number, in_force_no)
        })
        .collect())
}

/// Every version, oldest first.
pub async fn versions(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    page: PageQuery,
) -> ApiResult<Page<CharterVersionItem>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            let rows = repo::versions(conn, g.id, w.after_id, w.limit + 1)?;
            // Paginate first, so that the extra row fetched to see a next page is not built.
            let page = paginate(rows, w, |r| r.id, |r| r);
            let items = views(conn, page.items)?
                .into_iter()
                .map(Into::into)
                .collect();
            Ok(Page {
                items,
                next_cursor: page.next_cursor,
                total: None,
            })
        })
        .await
}

/// One version with its text.
pub async fn version(state: &AppState, ctx: &Ctx, id: i64, version_no: i32) -> ApiResult<Charter> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            let row =
                repo::find_version(conn, g.id, version_no)?.ok_or_else(ApiError::not_found)?;
            view(conn, row)
        })
        .await
}
