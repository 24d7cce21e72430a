//! The whole assessment as one view: every indicator for every school it scores, with the
//! self-assessment beside the assessor's or computed score, the totals and grades per level
//! and school, the reopenings, and — once published — the paths the results open.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::domain::assessment::flags::{flags, Unit as FlagUnit};
use crate::domain::assessment::framework::{Dimension, Indicator};
use crate::domain::assessment::scoring::{contribution, points, round2, total, Cutoffs};
use crate::domain::assessment::{
    AssessmentStatus, Grade, IndicatorLevel, IndicatorSource, Metric, OutcomeFlag,
};
use crate::domain::registry::enums::SchoolStanding;
use crate::domain::rules::Rule;
use crate::error::ApiResult;
use crate::repo::assessment::assessments::{self as repo, AssessmentRow, ReopeningRow};
use crate::repo::assessment::frameworks::FrameworkRow;
use crate::repo::assessment::scores::{self, ScoreRow};
use crate::repo::groups::group::GroupRow;

/// A school assessed, as it stood when the assessment opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Unit {
    pub school_id: i64,
    pub school_name: String,
    pub is_core: bool,
    pub standing: SchoolStanding,
    /// Absent for the core.
    pub membership_id: Option<i64>,
    /// The end of a new or weak member's growth period (GROWTH-3Y).
    pub growth_until: Option<NaiveDate>,
}

/// One indicator for one school (or, with no school, for the group).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScoreLine {
    pub indicator_code: String,
    pub dimension_code: String,
    pub level: IndicatorLevel,
    /// Absent for a group-level indicator.
    pub school_id: Option<i64>,
    pub weight: u32,
    pub max_score: u32,
    pub source: IndicatorSource,
    pub metric: Option<Metric>,
    /// The group's own score, if it assessed itself.
    pub self_score: Option<f64>,
    pub self_comment: Option<String>,
    /// The assessor's or computed score; absent while unscored.
    pub score: Option<f64>,
    /// What it adds to its level's total: `score / max_score × weight`.
    pub contribution: Option<f64>,
    pub evidence: Option<String>,
    pub comment: Option<String>,
    /// A computed score's inputs as they were when it was computed.
    pub inputs: Option<serde_json::Value>,
    pub scored_by: Option<String>,
    pub scored_at: Option<DateTime<Utc>>,
}

/// A level's total for the group or one school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitResult {
    pub level: IndicatorLevel,
    /// Absent for the group level.
    pub school_id: Option<i64>,
    pub school_name: Option<String>,
    /// 0–100 once every indicator of the level is scored.
    pub total: Option<f64>,
    /// The self-assessment's total, once every indicator of the level has one.
    pub self_total: Option<f64>,
    pub grade: Option<Grade>,
    pub scored: u32,
    pub indicators: u32,
}

/// A path a published result opens, with its evidence.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FlagView {
    pub flag: OutcomeFlag,
    /// The rule whose path it opens.
    pub rule: String,
    /// Absent for the group as a whole.
    pub school_id: Option<i64>,
    /// The result it rests on.
    pub total: Option<f64>,
    pub grade: Option<Grade>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Reopening {
    pub reason: String,
    pub reopened_by: String,
    pub reopened_at: DateTime<Utc>,
    /// The results as they were finalised before it.
    pub results_before: Option<serde_json::Value>,
}

/// An assessment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Assessment {
    pub id: i64,
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    pub county_code: String,
    pub year: i32,
    pub framework_id: i64,
    pub status: AssessmentStatus,
    pub units: Vec<Unit>,
    /// The group level first, then the core, then each member.
    pub results: Vec<UnitResult>,
    /// The group level's total and grade (live until finalised, then fixed).
    pub total: Option<f64>,
    pub grade: Option<Grade>,
    pub lines: Vec<ScoreLine>,
    /// Once published: the paths its results open.
    pub flags: Vec<FlagView>,
    pub reopenings: Vec<Reopening>,
    pub self_submitted_at: Option<DateTime<Utc>>,
    pub self_note: Option<String>,
    pub finalised_at: Option<DateTime<Utc>>,
    pub finalised_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn units_of(a: &AssessmentRow) -> Vec<Unit> {
    serde_json::from_str(&a.units_json).unwrap_or_default()
}

/// The (indicator, school) pairs a framework asks for over `units`: group indicators once,
/// core indicators for the core, member indicators for every other school.
pub(crate) fn slots<'a>(
    dims: &'a [Dimension],
    units: &'a [Unit],
) -> Vec<(&'a Dimension, &'a Indicator, Option<&'a Unit>)> {
    let mut out = Vec::new();
    for d in dims {
        for i in &d.indicators {
            match i.level {
                IndicatorLevel::Group => out.push((d, i, None)),
                IndicatorLevel::Core => {
                    out.extend(units.iter().filter(|u| u.is_core).map(|u| (d, i, Some(u))))
                }
                IndicatorLevel::Member => {
                    out.extend(units.iter().filter(|u| !u.is_core).map(|u| (d, i, Some(u))))
                }
            }
        }
    }
    out
}

type Key = (String, Option<i64>);

/// The results per level and school from the scores.
pub(crate) fn results(
    dims: &[Dimension],
    units: &[Unit],
    by_key: &HashMap<Key, &ScoreRow>,
    cutoffs: &Cutoffs,
) -> Vec<UnitResult> {
    let mut out = Vec::new();
    let mut level = |level: IndicatorLevel, unit: Option<&Unit>| {
        let inds: Vec<&Indicator> = dims
            .iter()
            .flat_map(|d| d.indicators.iter())
            .filter(|i| i.level == level)
            .collect();
        if inds.is_empty() {
            return;
        }
        let key = |i: &Indicator| (i.code.clone(), unit.map(|u| u.school_id));
        let score = |i: &&Indicator| by_key.get(&key(i)).and_then(|s| s.score_tenths);
        let own = |i: &&Indicator| by_key.get(&key(i)).and_then(|s| s.self_tenths);
        let t = total(inds.iter().map(|i| (*i, score(i))));
        out.push(UnitResult {
            level,
            school_id: unit.map(|u| u.school_id),
            school_name: unit.map(|u| u.school_name.clone()),
            total: t,
            self_total: total(inds.iter().map(|i| (*i, own(i)))),
            grade: t.map(|t| cutoffs.grade(t)),
            scored: u32::try_from(inds.iter().filter(|i| score(i).is_some()).count()).unwrap_or(0),
            indicators: u32::try_from(inds.len()).unwrap_or(0),
        });
    };
    level(IndicatorLevel::Group, None);
    for u in units.iter().filter(|u| u.is_core) {
        level(IndicatorLevel::Core, Some(u));
    }
    for u in units.iter().filter(|u| !u.is_core) {
        level(IndicatorLevel::Member, Some(u));
    }
    out
}

pub(crate) fn keyed(rows: &[ScoreRow]) -> HashMap<Key, &ScoreRow> {
    rows.iter()
        .map(|s| ((s.indicator_code.clone(), s.school_id), s))
        .collect()
}

fn flag_views(a: &AssessmentRow, units: &[Unit], results: &[UnitResult]) -> Vec<FlagView> {
    if a.status != AssessmentStatus::Published {
        return Vec::new();
    }
    let of = |school: Option<i64>| results.iter().find(|r| r.school_id == school);
    let group = of(None);
    let fu: Vec<FlagUnit> = units
        .iter()
        .map(|u| FlagUnit {
            school_id: u.school_id,
            is_core: u.is_core,
            standing: u.standing,
            grade: of(Some(u.school_id)).and_then(|r| r.grade),
            growth_until: u.growth_until,
        })
        .collect();
    flags(a.year, group.and_then(|g| g.grade), &fu)
        .into_iter()
        .map(|(flag, school)| {
            let r = of(school);
            FlagView {
                rule: match flag {
                    OutcomeFlag::SpinOffCandidate => Rule::SpinOff,
                    OutcomeFlag::RectificationAdvised => Rule::Revoke,
                    OutcomeFlag::DissolutionReview => Rule::Dissolve,
                    OutcomeFlag::GrowthReviewDue => Rule::Growth3y,
                }
                .id()
                .to_string(),
                flag,
                school_id: school,
                total: r.and_then(|r| r.total),
                grade: r.and_then(|r| r.grade),
            }
        })
        .collect()
}

fn reopening(r: ReopeningRow) -> Reopening {
    Reopening {
        reason: r.reason,
        reopened_by: r.reopened_by,
        reopened_at: r.reopened_at.and_utc(),
        results_before: r.results_json.and_then(|j| serde_json::from_str(&j).ok()),
    }
}

/// The view from rows already read and the scores; no statement of its own.
pub(crate) fn build(
    g: &GroupRow,
    a: AssessmentRow,
    f: &FrameworkRow,
    rows: &[ScoreRow],
    reopenings: Vec<ReopeningRow>,
    cutoffs: &Cutoffs,
) -> Assessment {
    let dims = f.dimensions();
    let units = units_of(&a);
    let by_key = keyed(rows);
    let lines = slots(&dims, &units)
        .into_iter()
        .map(|(d, i, u)| {
            let s = by_key.get(&(i.code.clone(), u.map(|u| u.school_id)));
            let score = s.and_then(|s| s.score_tenths);
            ScoreLine {
                indicator_code: i.code.clone(),
                dimension_code: d.code.clone(),
                level: i.level,
                school_id: u.map(|u| u.school_id),
                weight: i.weight,
                max_score: i.max_score,
                source: i.source,
                metric: i.metric,
                self_score: s.and_then(|s| s.self_tenths).map(points),
                self_comment: s.and_then(|s| s.self_comment.clone()),
                score: score.map(points),
                contribution: score.map(|t| round2(contribution(i, t))),
                evidence: s.and_then(|s| s.evidence.clone()),
                comment: s.and_then(|s| s.comment.clone()),
                inputs: s
                    .and_then(|s| s.inputs_json.as_deref())
                    .and_then(|j| serde_json::from_str(j).ok()),
                scored_by: s.and_then(|s| s.scored_by.clone()),
                scored_at: s.and_then(|s| s.scored_at).map(|t| t.and_utc()),
            }
        })
        .collect();
    let results = results(&dims, &units, &by_key, cutoffs);
    let live = results.iter().find(|r| r.school_id.is_none());
    let (total, grade) = match a.status {
        AssessmentStatus::Finalised | AssessmentStatus::Published => (a.total, a.grade),
        _ => (live.and_then(|r| r.total), live.and_then(|r| r.grade)),
    };
    Assessment {
        flags: flag_views(&a, &units, &results),
        reopenings: reopenings.into_iter().map(reopening).collect(),
        id: a.id,
        group_id: g.id,
        group_code: g.code.clone(),
        group_name: g.name.clone(),
        county_code: a.county_code.clone(),
        year: a.year,
        framework_id: a.framework_id,
        status: a.status,
        units,
        results,
        total,
        grade,
        lines,
        self_submitted_at: a.self_submitted_at.map(|t| t.and_utc()),
        self_note: a.self_note.clone(),
        finalised_at: a.finalised_at.map(|t| t.and_utc()),
        finalised_by: a.finalised_by.clone(),
        published_at: a.published_at.map(|t| t.and_utc()),
        version: a.version,
        created_at: a.created_at.and_utc(),
        updated_at: a.updated_at.and_utc(),
    }
}

/// Reads the scores and reopenings (two statements) and the county's cut-offs, and builds the
/// view.
pub(crate) fn view(
    conn: &mut DbConnection,
    g: &GroupRow,
    a: AssessmentRow,
    f: &FrameworkRow,
) -> ApiResult<Assessment> {
    let cutoffs = crate::service::groups::settings::effective(conn, &g.county_code)?.grade_cutoffs;
    view_with(conn, g, a, f, &cutoffs)
}

/// As `view`, with the cut-offs a caller has read already.
pub(crate) fn view_with(
    conn: &mut DbConnection,
    g: &GroupRow,
    a: AssessmentRow,
    f: &FrameworkRow,
    cutoffs: &Cutoffs,
) -> ApiResult<Assessment> {
    let rows = scores::of_assessment(conn, a.id)?;
    let reopenings = repo::reopenings(conn, a.id)?;
    Ok(build(g, a, f, &rows, reopenings, cutoffs))
}

/// The results fixed at finalisation (none before it).
pub(crate) fn fixed_results(a: &AssessmentRow) -> Vec<UnitResult> {
    a.results_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}
