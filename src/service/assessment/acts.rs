//! The bureau's steps on an assessment (ASSESS-STATE): compute the computed indicators, mark
//! it scored once every indicator has a score, finalise (fixing totals and grades), publish,
//! and reopen a finalised one for a correction, with its reasons on record.

use serde::Deserialize;
use utoipa::ToSchema;

use super::compute;
use super::open::audit;
use super::scores::check_recusal;
use super::views::{self, slots, units_of, Assessment};
use super::{ensure_bureau, load};
use crate::domain::assessment::state::next;
use crate::domain::assessment::{AssessmentAct, IndicatorSource};
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::assessment::assessments::{self as repo, AssessmentChange};
use crate::repo::assessment::scores::{self, ScoreChange};
use crate::repo::changes::Op;
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"act": "reopen", "reason": "成员学校 M5 评分录入有误，经复核更正。"}))]
pub struct AssessmentActInput {
    #[schema(required = true, value_type = Option<AssessmentAct>)]
    pub act: Option<String>,
    /// Required to reopen: why the finalised results need a correction (at most 2000
    /// characters).
    pub reason: Option<String>,
}

pub async fn act(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: AssessmentActInput,
) -> ApiResult<Assessment> {
    ensure_bureau(ctx)?;
    let mut c = Checks::new();
    let act = c
        .required("act", input.act)
        .and_then(|a| c.enum_code("act", &a, AssessmentAct::parse, AssessmentAct::codes()));
    let reason = c.optional_text("reason", input.reason, 2000);
    if act == Some(AssessmentAct::Reopen) && reason.is_none() {
        c.push(
            "reason",
            "重新开启须说明理由。",
            "Give the reasons for reopening.",
        );
    }
    c.finish()?;
    let act = act.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a, f) = load(conn, &ctx, id)?;
            if_match.check(a.version)?;
            let to = next(a.status, act)?;
            let units = units_of(&a);
            if matches!(act, AssessmentAct::Compute | AssessmentAct::Finalise) {
                check_recusal(&ctx, &units)?;
            }
            let settings = crate::service::groups::settings::effective(conn, &g.county_code)?;
            let dims = f.dimensions();
            let before = views::view_with(conn, &g, a.clone(), &f, &settings.grade_cutoffs)?;
            let now = crate::repo::now();
            let mut change = AssessmentChange {
                status: Some(to),
                ..Default::default()
            };
            match act {
                AssessmentAct::Compute => {
                    let inputs = compute::load(conn, &g, a.year, &settings)?;
                    for (_, i, u) in slots(&dims, &units) {
                        if i.source != IndicatorSource::Computed {
                            continue;
                        }
                        let (t, snapshot) = compute::evaluate(&inputs, i, u);
                        scores::put(
                            conn,
                            a.id,
                            &i.code,
                            u.map(|u| u.school_id),
                            &ScoreChange {
                                score_tenths: Some(Some(t)),
                                evidence: Some(Some("computed from the service's records".into())),
                                inputs_json: Some(serde_json::to_string(&snapshot).ok()),
                                scored_by: Some(Some(ctx.principal.sub.clone())),
                                scored_at: Some(Some(now)),
                                ..Default::default()
                            },
                        )?;
                    }
                }
                // The view read above has every line and the totals: no second read of the
                // scores.
                AssessmentAct::MarkScored => {
                    let missing: Vec<String> = before
                        .lines
                        .iter()
                        .filter(|l| l.score.is_none())
                        .map(|l| match l.school_id {
                            Some(s) => format!("{}@{s}", l.indicator_code),
                            None => l.indicator_code.clone(),
                        })
                        .collect();
                    if !missing.is_empty() {
                        return Err(RuleViolation::of(
                            Rule::AssessState,
                            format!("尚有 {} 项未评分：{}。", missing.len(), missing.join("、")),
                            format!(
                                "{} indicator(s) are unscored: {}.",
                                missing.len(),
                                missing.join(", ")
                            ),
                        )
                        .into());
                    }
                }
                AssessmentAct::Finalise => {
                    let group = before.results.iter().find(|r| r.school_id.is_none());
                    change.total = Some(group.and_then(|r| r.total));
                    change.grade = Some(group.and_then(|r| r.grade));
                    change.results_json = Some(serde_json::to_string(&before.results).ok());
                    change.finalised_at = Some(Some(now));
                    change.finalised_by = Some(Some(ctx.principal.sub.clone()));
                }
                AssessmentAct::Publish => change.published_at = Some(Some(now)),
                AssessmentAct::Reopen => {
                    repo::reopen(
                        conn,
                        a.id,
                        reason.as_deref().unwrap_or_default(),
                        &ctx.principal.sub,
                        a.results_json.as_deref(),
                        now,
                    )?;
                    change.results_json = Some(None);
                    change.total = Some(None);
                    change.grade = Some(None);
                    change.finalised_at = Some(None);
                    change.finalised_by = Some(None);
                }
            }
            let row = repo::update(conn, a.id, a.version, &change, now)?
                .ok_or_else(|| stale(a.version + 1))?;
            let after = views::view_with(conn, &g, row, &f, &settings.grade_cutoffs)?;
            audit(
                conn,
                &ctx,
                Op::Updated,
                &format!("assessment.{}", act.as_str()),
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}
