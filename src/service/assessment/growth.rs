//! Growth reviews (GROWTH-3Y, §2.4.4): when a new or weak member's three-year growth period
//! ends, the group (its chair) proposes on the published assessment's evidence that the member
//! leave to run independently, stay as a collaborative member, or have its period extended.
//! Leaving and converting file the group-life application in the same transaction — the
//! bureau approves it in its inbox and the exit follows (`POST /applications/{id}/decision`);
//! the review's status follows that application. An extension is decided by the bureau on the
//! review itself and moves the period's end.

use chrono::{DateTime, Datelike, Months, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::compute::unit_grade;
use super::views::{units_of, UnitResult};
use super::{ensure_bureau, load, record};
use crate::db::DbConnection;
use crate::domain::assessment::{AssessmentStatus, GrowthDecision, GrowthReviewStatus};
use crate::domain::life::{
    check_growth_exit, check_members_may_leave, ApplicationKind, ApplicationStatus,
};
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::assessments;
use crate::repo::assessment::growth::{self as repo, NewReviewRow, ReviewRow};
use crate::repo::changes::Op;
use crate::repo::groups::memberships;
use crate::repo::life::applications;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::life::decisions::Verdict;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 5, "decision": "graduate_independent", "reason": "三年成长期内考核均为良好以上，改薄提质成效明显。"}))]
pub struct NewGrowthReview {
    /// A new or weak member assessed, whose growth period ends by the end of the year after
    /// the assessment's.
    #[schema(required = true)]
    pub school_id: Option<i64>,
    #[schema(required = true, value_type = Option<GrowthDecision>)]
    pub decision: Option<String>,
    /// 2 to 2000 characters.
    #[schema(required = true)]
    pub reason: Option<String>,
    /// For `extend`: 1 to 3 years.
    pub extend_years: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "approve", "note": "同意延长一年成长考核期。"}))]
pub struct GrowthDecisionInput {
    #[schema(required = true, value_type = Option<Verdict>)]
    pub decision: Option<String>,
    /// Required to reject; at most 2000 characters.
    pub note: Option<String>,
}

/// A year of the member's results.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GrowthYear {
    pub year: i32,
    pub assessment_id: i64,
    pub grade: Option<crate::domain::assessment::Grade>,
}

/// What the review rests on: the member's result in the assessment and its earlier years.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GrowthEvidence {
    pub result: Option<UnitResult>,
    pub growth_until: Option<chrono::NaiveDate>,
    pub years: Vec<GrowthYear>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GrowthReview {
    pub id: i64,
    pub assessment_id: i64,
    pub group_id: i64,
    pub school_id: i64,
    pub membership_id: i64,
    pub decision: GrowthDecision,
    pub reason: String,
    pub extend_years: Option<i32>,
    pub evidence: GrowthEvidence,
    /// The application it filed (leaving or converting); decided in the bureau's inbox.
    pub application_id: Option<i64>,
    /// For an application, that application's course.
    pub status: GrowthReviewStatus,
    pub created_by: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(conn: &mut DbConnection, r: ReviewRow) -> ApiResult<GrowthReview> {
    let statuses = applications::statuses(conn, &r.application_id.into_iter().collect::<Vec<_>>())?;
    view_with(r, &statuses)
}

/// The review with its application's course from `statuses` (read beforehand, for a list in
/// one statement).
fn view_with(r: ReviewRow, statuses: &[(i64, ApplicationStatus)]) -> ApiResult<GrowthReview> {
    let status = match r.application_id {
        Some(id) => match statuses.iter().find(|(a, _)| *a == id).map(|(_, s)| *s) {
            Some(ApplicationStatus::Approved) => GrowthReviewStatus::Approved,
            Some(ApplicationStatus::Rejected) => GrowthReviewStatus::Rejected,
            Some(ApplicationStatus::Cancelled) => GrowthReviewStatus::Cancelled,
            _ => GrowthReviewStatus::Submitted,
        },
        None => r.status,
    };
    Ok(GrowthReview {
        evidence: serde_json::from_str(&r.evidence_json).map_err(|_| ApiError::internal())?,
        status,
        id: r.id,
        assessment_id: r.assessment_id,
        group_id: r.group_id,
        school_id: r.school_id,
        membership_id: r.membership_id,
        decision: r.decision,
        reason: r.reason,
        extend_years: r.extend_years,
        application_id: r.application_id,
        created_by: r.created_by,
        decided_by: r.decided_by,
        decided_at: r.decided_at.map(|t| t.and_utc()),
        decision_note: r.decision_note,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    })
}

fn growth(zh: String, en: String) -> ApiError {
    RuleViolation::of(Rule::Growth3y, zh, en).into()
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    assessment_id: i64,
    input: NewGrowthReview,
) -> ApiResult<GrowthReview> {
    let mut c = Checks::new();
    let school_id = c.required("school_id", input.school_id);
    let decision = c.required("decision", input.decision).and_then(|d| {
        c.enum_code(
            "decision",
            &d,
            GrowthDecision::parse,
            GrowthDecision::codes(),
        )
    });
    let reason = c
        .required("reason", input.reason)
        .map(|r| c.text("reason", &r, 2, 2000));
    match (decision, input.extend_years) {
        (Some(GrowthDecision::Extend), None) => c.push(
            "extend_years",
            "延长须说明年数。",
            "Give the years of the extension.",
        ),
        (Some(GrowthDecision::Extend), Some(y)) => c.range("extend_years", i64::from(y), 1, 3),
        (_, Some(_)) => c.push(
            "extend_years",
            "只有 extend 需要延长年数。",
            "Only extend takes years.",
        ),
        _ => {}
    }
    c.finish()?;
    let (Some(school_id), Some(decision), Some(reason)) = (school_id, decision, reason) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a, _) = load(conn, &ctx, assessment_id)?;
            access::ensure_chair(&ctx, &g)?;
            if a.status != AssessmentStatus::Published {
                return Err(growth(
                    format!("成长评估依据已公布的考核结果；该考核状态为“{}”。", a.status.label_zh()),
                    format!("A growth review rests on published results; the assessment is {}.", a.status.as_str()),
                ));
            }
            if !units_of(&a).iter().any(|u| u.school_id == school_id && !u.is_core) {
                return Err(ApiError::validation(vec![FieldError::new("school_id", "不是本次考核的成员学校。", "Not a member assessed.")]));
            }
            let m = crate::service::life::current_member(conn, &g, school_id)?;
            let Some(until) = m.growth_until else {
                return Err(growth(
                    format!("学校 #{school_id} 没有成长考核期（不是以新建、薄弱学校身份加入的紧密型成员）。"),
                    format!("School #{school_id} has no growth period (it did not join a tight group as a new or weak school)."),
                ));
            };
            if until.year() > a.year + 1 {
                return Err(growth(
                    format!("学校 #{school_id} 的成长考核期至 {until} 届满，{} 年度考核之后一年内不届满，暂不作成长评估。", a.year),
                    format!("School #{school_id}'s growth period ends on {until}, not within the year after the {} assessment.", a.year),
                ));
            }
            if repo::of_group(conn, g.id)?.into_iter().any(|r| r.membership_id == m.id && r.status == GrowthReviewStatus::Submitted && r.application_id.is_none()) {
                return Err(ApiError::conflict_of(Conflict::ApplicationPending, "该成员已有待核准的成长评估。", "A growth review of this member awaits the bureau."));
            }
            let years: Vec<GrowthYear> = assessments::of_group(conn, g.id)?
                .into_iter()
                .filter(|x| x.status == AssessmentStatus::Published)
                .map(|x| GrowthYear { year: x.year, assessment_id: x.id, grade: unit_grade(&x, school_id) })
                .collect();
            let evidence = GrowthEvidence {
                result: super::views::fixed_results(&a)
                    .into_iter()
                    .find(|r| r.school_id == Some(school_id)),
                growth_until: Some(until),
                years,
            };
            let application = match decision {
                GrowthDecision::Extend => None,
                GrowthDecision::GraduateIndependent | GrowthDecision::ConvertToCollaborative => {
                    let kind = if decision == GrowthDecision::GraduateIndependent {
                        ApplicationKind::GraduateIndependent
                    } else {
                        ApplicationKind::ConvertToCollaborative
                    };
                    check_members_may_leave(g.status)?;
                    check_growth_exit(school_id, kind, m.terms, m.growth_until, crate::service::life::today())?;
                    let note = format!("成长评估（{} 年度考核 #{}）：{reason}", a.year, a.id);
                    Some(crate::service::life::applications::submit(conn, &ctx, &g, &m, kind, note, None)?.id)
                }
            };
            let now = crate::repo::now();
            let row = repo::insert(conn, &NewReviewRow {
                assessment_id: a.id,
                group_id: g.id,
                county_code: g.county_code.clone(),
                school_id,
                membership_id: m.id,
                decision,
                reason,
                extend_years: input.extend_years,
                evidence_json: serde_json::to_string(&evidence).map_err(|_| ApiError::internal())?,
                application_id: application,
                status: GrowthReviewStatus::Submitted,
                created_by: ctx.principal.sub.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            })?;
            let after = view(conn, row)?;
            record(conn, &ctx, &g.county_code, Op::Created, "growth_review", after.id.to_string(), None, "growth_review.submit", None::<&GrowthReview>, &after)?;
            Ok(after)
        })
        .await
}

/// The bureau's decision on an extension; leaving and converting are decided on their
/// application.
pub async fn decide(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: GrowthDecisionInput,
) -> ApiResult<GrowthReview> {
    ensure_bureau(ctx)?;
    let mut c = Checks::new();
    let verdict = c
        .required("decision", input.decision)
        .and_then(|d| c.enum_code("decision", &d, Verdict::parse, Verdict::codes()));
    let note = c.optional_text("note", input.note, 2000);
    if verdict == Some(Verdict::Reject) && note.is_none() {
        c.push(
            "note",
            "不予核准须说明理由。",
            "Give the reasons for a rejection.",
        );
    }
    c.finish()?;
    let verdict = verdict.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let r = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            let g = access::load(conn, &ctx, r.group_id)?;
            if_match.check(r.version)?;
            if let Some(app) = r.application_id {
                return Err(ApiError::conflict_of(
                    Conflict::GrowthReviewDecided,
                    format!("该成长评估已提交申请 #{app}，请在申请中核准（POST /applications/{app}/decision）。"),
                    format!("The review filed application #{app}: decide that application (POST /applications/{app}/decision)."),
                ));
            }
            if r.status != GrowthReviewStatus::Submitted {
                return Err(ApiError::conflict_of(Conflict::GrowthReviewDecided, "该成长评估已办结。", "The growth review has been decided already."));
            }
            let now = crate::repo::now();
            let status = match verdict {
                Verdict::Approve => GrowthReviewStatus::Approved,
                Verdict::Reject => GrowthReviewStatus::Rejected,
            };
            if verdict == Verdict::Approve {
                let m = memberships::find(conn, r.membership_id)?.ok_or_else(ApiError::internal)?;
                let (Some(until), Some(years)) = (m.growth_until, r.extend_years) else {
                    return Err(growth("该成员已没有成长考核期。".into(), "The member no longer has a growth period.".into()));
                };
                let to = until
                    .checked_add_months(Months::new(12 * u32::try_from(years).unwrap_or(1)))
                    .ok_or_else(ApiError::internal)?;
                memberships::set_growth_until(conn, m.id, m.version, to, now)?
                    .ok_or_else(|| growth("该成员已不在集团中。".into(), "The school is no longer a member.".into()))?;
            }
            let row = repo::decide(conn, r.id, r.version, status, &ctx.principal.sub, note.as_deref(), now)?
                .ok_or_else(|| stale(r.version + 1))?;
            let before = view(conn, r)?;
            let after = view(conn, row)?;
            record(conn, &ctx, &g.county_code, Op::Updated, "growth_review", after.id.to_string(), None, &format!("growth_review.{}", verdict.as_str()), Some(&before), &after)?;
            Ok(after)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<GrowthReview> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let r = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            access::load(conn, &ctx, r.group_id)?;
            view(conn, r)
        })
        .await
}

pub async fn list(state: &AppState, ctx: &Ctx, group_id: i64) -> ApiResult<Vec<GrowthReview>> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            repo::of_group(conn, g.id)?
                .into_iter()
                .map(|r| view(conn, r))
                .collect()
        })
        .await
}
