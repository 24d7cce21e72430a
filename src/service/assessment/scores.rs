//! Manual scores: the group's self-assessment (its chair, once, while the assessment is open)
//! and the bureau assessors' scores with evidence and comment (while the state takes scores,
//! ASSESS-STATE). An assessor whose own school (the token's `school`) is in the group is
//! recused (ASSESS-RECUSAL). Computed indicators are the service's (`compute`).

use serde::Deserialize;
use utoipa::ToSchema;

use super::open::audit;
use super::views::{self, slots, units_of, Assessment, Unit};
use super::{ensure_bureau, load};
use crate::db::DbConnection;
use crate::domain::assessment::framework::{Dimension, Indicator};
use crate::domain::assessment::scoring::tenths;
use crate::domain::assessment::state::{check_scoring, check_self_assessment};
use crate::domain::assessment::{AssessmentStatus, IndicatorSource};
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::assessments::{self as repo, AssessmentChange, AssessmentRow};
use crate::repo::assessment::scores::{self, ScoreChange};
use crate::repo::changes::Op;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// One manual score.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"indicator_code": "G8", "score": 8.5, "evidence": "2026年质量监测报告", "comment": "满意度较高。"}))]
pub struct ScoreInput {
    #[schema(required = true)]
    pub indicator_code: Option<String>,
    /// The school scored: absent for a group-level indicator; the core for a core-level one
    /// (may be omitted); a member for a member-level one.
    pub school_id: Option<i64>,
    /// 0 to the indicator's `max_score`, at most one decimal.
    #[schema(required = true)]
    pub score: Option<f64>,
    /// What the score rests on (a report, a visit); at most 2000 characters.
    pub evidence: Option<String>,
    /// At most 2000 characters.
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"scores": [{"indicator_code": "G8", "score": 8.5, "evidence": "2026年质量监测报告"}]}))]
pub struct AssessorScores {
    /// 1 to 500 scores.
    #[schema(required = true)]
    pub scores: Option<Vec<ScoreInput>>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"scores": [{"indicator_code": "G8", "score": 9.0, "comment": "家长满意度调查优秀率92%。"}], "note": "集团自评报告"}))]
pub struct SelfAssessmentInput {
    /// A score for every manual indicator the framework asks for.
    #[schema(required = true)]
    pub scores: Option<Vec<ScoreInput>>,
    /// At most 4000 characters.
    pub note: Option<String>,
}

/// A checked score.
struct Entry {
    code: String,
    school: Option<i64>,
    tenths: i32,
    evidence: Option<String>,
    comment: Option<String>,
}

/// Shape checks, before the framework is known.
fn parse(c: &mut Checks, input: Option<Vec<ScoreInput>>) -> Vec<(usize, ScoreInput, Option<i32>)> {
    let Some(list) = c.required("scores", input) else {
        return Vec::new();
    };
    if list.is_empty() || list.len() > 500 {
        c.push("scores", "须有 1 至 500 项评分。", "Give 1 to 500 scores.");
    }
    list.into_iter()
        .enumerate()
        .map(|(i, s)| {
            let f = |n: &str| format!("scores[{i}].{n}");
            c.required(&f("indicator_code"), s.indicator_code.as_ref());
            let t = c.required(&f("score"), s.score).and_then(|v| {
                let t = tenths(v);
                if t.is_none() {
                    c.push(
                        &f("score"),
                        "分数为不小于 0、最多一位小数的数。",
                        "A score is a number of at least 0 with at most one decimal.",
                    );
                }
                t
            });
            (i, s, t)
        })
        .collect()
}

/// Resolves each score to its slot of the framework; a computed indicator takes no manual
/// score.
fn resolve(
    dims: &[Dimension],
    units: &[Unit],
    parsed: Vec<(usize, ScoreInput, Option<i32>)>,
) -> ApiResult<Vec<Entry>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let slots = slots(dims, units);
    for (i, s, t) in parsed {
        let f = |n: &str| format!("scores[{i}].{n}");
        let (Some(code), Some(t)) = (s.indicator_code.clone(), t) else {
            continue;
        };
        let Some(ind) = dims
            .iter()
            .flat_map(|d| d.indicators.iter())
            .find(|x| x.code == code)
        else {
            errors.push(FieldError::new(
                f("indicator_code"),
                "框架中没有这个指标。",
                "The framework has no such indicator.",
            ));
            continue;
        };
        if ind.source == IndicatorSource::Computed {
            errors.push(FieldError::new(
                f("indicator_code"),
                "该指标由系统依据记录计算（POST /assessments/{id}/acts，act: compute），不能手工评分。",
                "The service computes this indicator from the records (act compute); it takes no manual score.",
            ));
            continue;
        }
        let school = match (ind.level, s.school_id) {
            (crate::domain::assessment::IndicatorLevel::Core, None) => {
                units.iter().find(|u| u.is_core).map(|u| u.school_id)
            }
            (_, school) => school,
        };
        if !slots
            .iter()
            .any(|(_, x, u)| x.code == ind.code && u.map(|u| u.school_id) == school)
        {
            errors.push(FieldError::new(
                f("school_id"),
                "集团层面指标不填学校；核心成员指标只评核心成员；成员指标只评本次考核的成员学校。",
                "A group-level indicator takes no school; a core-level one the core; a member-level one a member assessed.",
            ));
            continue;
        }
        if !seen.insert((code.clone(), school)) {
            errors.push(FieldError::new(
                f("indicator_code"),
                "同一指标和学校只评一次。",
                "One score per indicator and school.",
            ));
            continue;
        }
        if t > i32::try_from(ind.max_score * 10).unwrap_or(i32::MAX) {
            errors.push(FieldError::new(
                f("score"),
                format!("不超过该指标满分 {}。", ind.max_score),
                format!("At most the indicator's maximum of {}.", ind.max_score),
            ));
            continue;
        }
        let mut cc = Checks::new();
        let evidence = cc.optional_text(&f("evidence"), s.evidence, 2000);
        let comment = cc.optional_text(&f("comment"), s.comment, 2000);
        cc.finish()?;
        out.push(Entry {
            code,
            school,
            tenths: t,
            evidence,
            comment,
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(out)
}

/// ASSESS-RECUSAL: the caller's own school is one of those assessed.
pub(crate) fn check_recusal(ctx: &Ctx, units: &[Unit]) -> ApiResult<()> {
    match ctx.principal.school {
        Some(s) if units.iter().any(|u| u.school_id == s) => Err(RuleViolation::of(
            Rule::AssessRecusal,
            format!("您所在的学校 #{s} 属于被考核集团，须回避。"),
            format!("Your own school #{s} is in the group assessed: you are recused."),
        )
        .into()),
        _ => Ok(()),
    }
}

fn manual_slots<'a>(dims: &'a [Dimension], units: &'a [Unit]) -> Vec<(&'a Indicator, Option<i64>)> {
    slots(dims, units)
        .into_iter()
        .filter(|(_, i, _)| i.source == IndicatorSource::Manual)
        .map(|(_, i, u)| (i, u.map(|u| u.school_id)))
        .collect()
}

fn bump(
    conn: &mut DbConnection,
    a: &AssessmentRow,
    change: Option<&AssessmentChange>,
) -> ApiResult<AssessmentRow> {
    let now = crate::repo::now();
    match change {
        Some(c) => repo::update(conn, a.id, a.version, c, now)?,
        None => repo::touch(conn, a.id, a.version, now)?,
    }
    .ok_or_else(|| stale(a.version + 1))
}

pub async fn self_assess(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: SelfAssessmentInput,
) -> ApiResult<Assessment> {
    let mut c = Checks::new();
    let parsed = parse(&mut c, input.scores);
    let note = c.optional_text("note", input.note, 4000);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a, f) = load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if_match.check(a.version)?;
            check_self_assessment(a.status)?;
            let dims = f.dimensions();
            let units = units_of(&a);
            let entries = resolve(&dims, &units, parsed)?;
            let missing: Vec<FieldError> = manual_slots(&dims, &units)
                .into_iter()
                .filter(|(i, s)| !entries.iter().any(|e| e.code == i.code && e.school == *s))
                .map(|(i, s)| {
                    FieldError::new(
                        "scores",
                        format!(
                            "缺少指标 {}{} 的自评分。",
                            i.code,
                            s.map(|s| format!("（学校 #{s}）")).unwrap_or_default()
                        ),
                        format!(
                            "No self-assessed score for indicator {}{}.",
                            i.code,
                            s.map(|s| format!(" (school #{s})")).unwrap_or_default()
                        ),
                    )
                })
                .collect();
            if !missing.is_empty() {
                return Err(ApiError::validation(missing));
            }
            let before = views::view(conn, &g, a.clone(), &f)?;
            for e in &entries {
                scores::put(
                    conn,
                    a.id,
                    &e.code,
                    e.school,
                    &ScoreChange {
                        self_tenths: Some(Some(e.tenths)),
                        self_comment: Some(e.comment.clone()),
                        ..Default::default()
                    },
                )?;
            }
            let now = crate::repo::now();
            let row = bump(
                conn,
                &a,
                Some(&AssessmentChange {
                    status: Some(AssessmentStatus::SelfAssessed),
                    self_submitted_at: Some(Some(now)),
                    self_submitted_by: Some(Some(ctx.principal.sub.clone())),
                    self_note: Some(note),
                    ..Default::default()
                }),
            )?;
            let after = views::view(conn, &g, row, &f)?;
            audit(
                conn,
                &ctx,
                Op::Updated,
                "assessment.self_assess",
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn put_scores(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: AssessorScores,
) -> ApiResult<Assessment> {
    ensure_bureau(ctx)?;
    let mut c = Checks::new();
    let parsed = parse(&mut c, input.scores);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a, f) = load(conn, &ctx, id)?;
            if_match.check(a.version)?;
            let units = units_of(&a);
            check_recusal(&ctx, &units)?;
            check_scoring(a.status)?;
            let entries = resolve(&f.dimensions(), &units, parsed)?;
            let before = views::view(conn, &g, a.clone(), &f)?;
            let now = crate::repo::now();
            for e in &entries {
                scores::put(
                    conn,
                    a.id,
                    &e.code,
                    e.school,
                    &ScoreChange {
                        score_tenths: Some(Some(e.tenths)),
                        evidence: Some(e.evidence.clone()),
                        comment: Some(e.comment.clone()),
                        scored_by: Some(Some(ctx.principal.sub.clone())),
                        scored_at: Some(Some(now)),
                        ..Default::default()
                    },
                )?;
            }
            let row = bump(conn, &a, None)?;
            let after = views::view(conn, &g, row, &f)?;
            audit(
                conn,
                &ctx,
                Op::Updated,
                "assessment.score",
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}
