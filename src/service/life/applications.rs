//! Applications to the bureau as resources: submitted by the applicant (through an exit),
//! listed in the bureau's inbox and read; `decisions` decides or cancels them.

use serde::Deserialize;
use utoipa::IntoParams;

use super::views::{self, sees_member_record, Application, SpinOffGroup};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Principal, Role};
use crate::domain::life::{applicants, Applicant, ApplicationKind, ApplicationStatus};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::{self as groups, GroupRow};
use crate::repo::groups::memberships::MembershipRow;
use crate::repo::life::applications::{
    self as repo, ApplicationDecision, ApplicationFilter, ApplicationRow, NewApplicationRow,
};
use crate::service::groups::access::is_chair;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// Any of these statuses (repeat the parameter for several); `submitted` gives the
    /// bureau's inbox.
    #[serde(default)]
    #[param(example = json!(["submitted"]))]
    pub status: Vec<ApplicationStatus>,
    /// Any of these kinds.
    #[serde(default)]
    pub kind: Vec<ApplicationKind>,
    #[param(example = 1)]
    pub group_id: Option<i64>,
}

/// Whether `p` may apply for (and cancel) an application of `kind` about membership `m`: as
/// `applicants` says, the group through its chair, or the member school's own administrator.
pub(crate) fn may_apply(
    p: &Principal,
    g: &GroupRow,
    m: &MembershipRow,
    kind: ApplicationKind,
) -> bool {
    applicants(kind, m.terms, m.growth_until)
        .iter()
        .any(|a| match a {
            Applicant::Group => is_chair(p, g),
            Applicant::Member => p.role == Role::SchoolAdmin && p.school == Some(m.school_id),
        })
}

/// The `403` for a caller who may not apply for `kind` about `m`, saying who does.
pub(crate) fn not_the_applicant(m: &MembershipRow, kind: ApplicationKind) -> ApiError {
    let (zh, en) = match applicants(kind, m.terms, m.growth_until) {
        [Applicant::Member] => (
            "另行组建教育集团由潜力学校自己提出申请（由其提出申请），集团（理事长）不能代为申请。",
            "A spin-off is applied for by the potential school itself, through its own administrator; the chair cannot apply for it.",
        ),
        [Applicant::Group] if kind == ApplicationKind::Withdraw => (
            "该校是有成长考核期的紧密型成员，其退出由集团（理事长）提出申请、教育局核准，学校自己不能申请（GROWTH-3Y）。",
            "The school is a tight member with a growth period: the group (its chair) applies for its leaving and the bureau approves; the school cannot apply itself (GROWTH-3Y).",
        ),
        [Applicant::Group] => (
            "成长期满独立办学或转为协作型成员由集团（理事长）提出申请。",
            "The group (its chair) applies for graduation and conversion.",
        ),
        _ => (
            "退出由成员学校或集团（理事长）提出申请。",
            "The member school or the chair applies for a withdrawal.",
        ),
    };
    ApiError::forbidden(zh, en)
}

fn snapshot(r: &ApplicationRow) -> serde_json::Value {
    serde_json::json!({
        "id": r.id, "group_id": r.group_id, "school_id": r.school_id,
        "membership_id": r.membership_id, "kind": r.kind, "status": r.status,
        "submitted_at": r.submitted_at, "decided_at": r.decided_at,
        "new_group_id": r.new_group_id, "version": r.version,
    })
}

/// The application's change, for the audit log and the change feed.
pub(crate) fn record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    action: &str,
    before: Option<&ApplicationRow>,
    after: &ApplicationRow,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: if before.is_some() {
                Op::Updated
            } else {
                Op::Created
            },
            action: action.to_string(),
            entity: "application",
            entity_id: after.id.to_string(),
            natural_key: None,
            county_code: Some(after.county_code.clone()),
            before: before.map(snapshot),
            after: Some(snapshot(after)),
            published: true,
        },
    )?;
    Ok(())
}

/// Files an application about membership `m`, one open application per membership at a time.
pub(crate) fn submit(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    m: &MembershipRow,
    kind: ApplicationKind,
    note: String,
    new_group: Option<&SpinOffGroup>,
) -> ApiResult<ApplicationRow> {
    if let Some(open) = repo::submitted(conn, g.id, Some(m.id))?.first() {
        return Err(ApiError::conflict_of(Conflict::ApplicationPending,
            format!("该成员已有待核准的申请 #{}，请等待教育局决定或先撤回。", open.id),
            format!(
                "Application #{} about this member awaits the bureau; wait for its decision or cancel it.",
                open.id
            ),
        ));
    }
    let now = crate::repo::now();
    let row = repo::insert(
        conn,
        &NewApplicationRow {
            group_id: g.id,
            school_id: m.school_id,
            membership_id: Some(m.id),
            kind,
            status: ApplicationStatus::Submitted,
            reason: note,
            payload_json: new_group.and_then(|s| serde_json::to_string(s).ok()),
            submitted_by: ctx.principal.sub.clone(),
            submitted_at: now,
            county_code: g.county_code.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    record(
        conn,
        ctx,
        &format!("application.{}", kind.as_str()),
        None,
        &row,
    )?;
    Ok(row)
}

/// Cancels the submitted applications of `g` (of one membership when given), but `keep`.
pub(crate) fn cancel_submitted(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    membership_id: Option<i64>,
    keep: Option<i64>,
    note: &str,
) -> ApiResult<()> {
    for a in repo::submitted(conn, g.id, membership_id)? {
        if Some(a.id) == keep {
            continue;
        }
        let d = ApplicationDecision {
            status: ApplicationStatus::Cancelled,
            decided_by: Some(ctx.principal.sub.clone()),
            decided_at: Some(crate::repo::now()),
            decision_note: Some(note.to_string()),
            new_group_id: None,
        };
        let after = repo::decide(conn, a.id, a.version, &d, crate::repo::now())?
            .ok_or_else(|| stale(a.version + 1))?;
        record(conn, ctx, "application.cancel", Some(&a), &after)?;
    }
    Ok(())
}

/// The application and its group, or `404` when either is absent or outside the caller's scope.
pub(crate) fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, ApplicationRow)> {
    let a = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = groups::find(conn, a.group_id)?.ok_or_else(ApiError::not_found)?;
    if !sees_member_record(&ctx.principal, &g, a.school_id) {
        return Err(ApiError::not_found());
    }
    Ok((g, a))
}

pub(crate) fn decided() -> ApiError {
    ApiError::conflict_of(
        Conflict::ApplicationDecided,
        "申请已有决定或已撤回，不能再办理。",
        "The application is decided or cancelled already.",
    )
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Application> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, a) = load(conn, &ctx, id)?;
            views::application(conn, a)
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    q: ApplicationQuery,
    page: PageQuery,
) -> ApiResult<Page<Application>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let mut filter = ApplicationFilter {
        status: q.status,
        kind: q.kind,
        group_id: q.group_id,
        ..Default::default()
    };
    match ctx.list_county(None) {
        Some(county) => filter.county = county,
        None => return Ok(Page::empty()),
    }
    match ctx.principal.role {
        Role::SchoolAdmin => filter.school_or_led_by = Some(ctx.principal.school.unwrap_or(-1)),
        Role::CouncilMember => return Ok(Page::empty()),
        _ => {}
    }
    state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, &filter, w.after_id, w.limit + 1)?;
            let page = paginate(rows, w, |a| a.id, |a| a);
            let items = views::applications(conn, page.items)?;
            Ok(Page {
                items,
                next_cursor: page.next_cursor,
                total: None,
            })
        })
        .await
}
