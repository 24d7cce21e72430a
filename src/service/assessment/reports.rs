//! The assessment reports: a county's groups ranked by their results, the prefecture's
//! counties compared, and one group's results across the years; each in JSON and, on
//! `Accept: text/csv`, CSV with the same columns. A county's and the prefecture's report are
//! one statement over the year's assessments (plus the county's name); ranks and grades are
//! those fixed at finalisation, so a result still being scored has none.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::compute::unit_grade;
use super::views::{fixed_results, units_of, UnitResult};
use crate::domain::assessment::{AssessmentStatus, Grade};
use crate::domain::registry::county::is_county;
use crate::error::{ApiError, ApiResult};
use crate::repo::assessment::assessments::{self as repo, AssessmentRow};
use crate::repo::registry::counties;
use crate::service::exchange::compliance::ComplianceQuery;
use crate::service::groups::access;
use crate::service::{AppState, Ctx};

/// Counts by grade.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GradeCounts {
    pub excellent: u32,
    pub good: u32,
    pub pass: u32,
    pub fail: u32,
}

impl GradeCounts {
    fn add(&mut self, g: Grade) {
        match g {
            Grade::Excellent => self.excellent += 1,
            Grade::Good => self.good += 1,
            Grade::Pass => self.pass += 1,
            Grade::Fail => self.fail += 1,
        }
    }
}

/// One group's line in its county's ranking.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RankedGroup {
    /// 1 for the highest total; equal totals share a rank; absent until finalised.
    pub rank: Option<u32>,
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    pub assessment_id: i64,
    pub status: AssessmentStatus,
    pub total: Option<f64>,
    pub grade: Option<Grade>,
    /// The core's total and grade.
    pub core_total: Option<f64>,
    pub core_grade: Option<Grade>,
    /// The members' grades.
    pub members: GradeCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyAssessments {
    pub county_code: String,
    pub county_name: String,
    pub year: i32,
    /// Ranked first, then those still being scored.
    pub groups: Vec<RankedGroup>,
    /// The groups' grades, of those finalised or published.
    pub grades: GradeCounts,
    pub published: u32,
}

fn is_fixed(a: &AssessmentRow) -> bool {
    matches!(
        a.status,
        AssessmentStatus::Finalised | AssessmentStatus::Published
    )
}

fn ranked(rows: Vec<(AssessmentRow, String, String)>) -> Vec<RankedGroup> {
    let mut out: Vec<RankedGroup> = rows
        .into_iter()
        .map(|(a, code, name)| {
            let res = fixed_results(&a);
            let units = units_of(&a);
            let core = units.iter().find(|u| u.is_core).map(|u| u.school_id);
            let core_r = res
                .iter()
                .find(|r| r.school_id.is_some() && r.school_id == core);
            let mut members = GradeCounts::default();
            for u in units.iter().filter(|u| !u.is_core) {
                if let Some(g) = unit_grade(&a, u.school_id) {
                    members.add(g);
                }
            }
            RankedGroup {
                rank: None,
                group_id: a.group_id,
                group_code: code,
                group_name: name,
                assessment_id: a.id,
                status: a.status,
                total: if is_fixed(&a) { a.total } else { None },
                grade: if is_fixed(&a) { a.grade } else { None },
                core_total: core_r.and_then(|r| r.total),
                core_grade: core_r.and_then(|r| r.grade),
                members,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        let key = |g: &RankedGroup| g.total.map(|t| -t);
        match (key(x), key(y)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(x.group_id.cmp(&y.group_id))
    });
    let mut last: Option<(f64, u32)> = None;
    for (i, g) in out.iter_mut().enumerate() {
        let Some(t) = g.total else { continue };
        let rank = match last {
            Some((lt, r)) if (lt - t).abs() < 1e-9 => r,
            _ => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        g.rank = Some(rank);
        last = Some((t, rank));
    }
    out
}

pub async fn county(
    state: &AppState,
    ctx: &Ctx,
    code: String,
    q: ComplianceQuery,
) -> ApiResult<CountyAssessments> {
    let year = q.year()?;
    ctx.ensure_county_reader("全县考核排名", "A county's assessment ranking")?;
    if !is_county(&code) {
        return Err(ApiError::not_found());
    }
    ctx.ensure_sees(&code)?;
    state
        .db
        .read(move |conn| {
            let county = counties::find(conn, &code)?.ok_or_else(ApiError::not_found)?;
            let groups = ranked(repo::of_year_named(conn, Some(&code), year)?);
            let mut grades = GradeCounts::default();
            for g in groups.iter().filter_map(|g| g.grade) {
                grades.add(g);
            }
            Ok(CountyAssessments {
                published: groups
                    .iter()
                    .filter(|g| g.status == AssessmentStatus::Published)
                    .count() as u32,
                county_code: county.code,
                county_name: county.name_zh,
                year,
                groups,
                grades,
            })
        })
        .await
}

/// One county in the prefecture's comparison.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyLine {
    pub county_code: String,
    pub assessed: u32,
    pub finalised: u32,
    pub published: u32,
    pub grades: GradeCounts,
    /// The mean of the groups' fixed totals, to two decimals; absent with none fixed.
    pub mean_total: Option<f64>,
    /// The members' grades over the county's groups.
    pub members: GradeCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PrefectureAssessments {
    pub year: i32,
    pub counties: Vec<CountyLine>,
}

pub async fn prefecture(
    state: &AppState,
    ctx: &Ctx,
    q: ComplianceQuery,
) -> ApiResult<PrefectureAssessments> {
    let year = q.year()?;
    ctx.ensure_county_reader("全州考核对比", "The prefecture's assessment comparison")?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let county = ctx.principal.county.clone();
            let rows = repo::of_year_named(conn, county.as_deref(), year)?;
            let mut by: BTreeMap<String, Vec<(AssessmentRow, String, String)>> = BTreeMap::new();
            for row in rows {
                by.entry(row.0.county_code.clone()).or_default().push(row);
            }
            let counties = by
                .into_iter()
                .map(|(code, rows)| {
                    let gs = ranked(rows);
                    let mut grades = GradeCounts::default();
                    let mut members = GradeCounts::default();
                    let totals: Vec<f64> = gs.iter().filter_map(|g| g.total).collect();
                    for g in &gs {
                        if let Some(gr) = g.grade {
                            grades.add(gr);
                        }
                        members.excellent += g.members.excellent;
                        members.good += g.members.good;
                        members.pass += g.members.pass;
                        members.fail += g.members.fail;
                    }
                    CountyLine {
                        county_code: code,
                        assessed: gs.len() as u32,
                        finalised: totals.len() as u32,
                        published: gs
                            .iter()
                            .filter(|g| g.status == AssessmentStatus::Published)
                            .count() as u32,
                        mean_total: (!totals.is_empty()).then(|| {
                            crate::domain::assessment::scoring::round2(
                                totals.iter().sum::<f64>() / totals.len() as f64,
                            )
                        }),
                        grades,
                        members,
                    }
                })
                .collect();
            Ok(PrefectureAssessments { year, counties })
        })
        .await
}

/// One year of a group's results.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupYear {
    pub year: i32,
    pub assessment_id: i64,
    pub status: AssessmentStatus,
    pub total: Option<f64>,
    pub grade: Option<Grade>,
    /// The core's and each member's fixed results.
    pub schools: Vec<UnitResult>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupAssessments {
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    /// Newest first.
    pub years: Vec<GroupYear>,
}

pub async fn group(state: &AppState, ctx: &Ctx, group_id: i64) -> ApiResult<GroupAssessments> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let years = repo::of_group(conn, g.id)?
                .into_iter()
                .map(|a| GroupYear {
                    year: a.year,
                    assessment_id: a.id,
                    status: a.status,
                    total: if is_fixed(&a) { a.total } else { None },
                    grade: if is_fixed(&a) { a.grade } else { None },
                    schools: fixed_results(&a)
                        .into_iter()
                        .filter(|r| r.school_id.is_some())
                        .collect(),
                })
                .collect();
            Ok(GroupAssessments {
                group_id: g.id,
                group_code: g.code,
                group_name: g.name,
                years,
            })
        })
        .await
}

fn opt_f(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_default()
}

fn opt_g(v: Option<Grade>) -> String {
    v.map(|g| g.as_str().to_string()).unwrap_or_default()
}

pub fn county_csv(r: &CountyAssessments) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |_| ApiError::internal();
    w.write_record([
        "county_code",
        "year",
        "rank",
        "group_id",
        "group_code",
        "group_name",
        "assessment_id",
        "status",
        "total",
        "grade",
        "core_total",
        "core_grade",
        "members_excellent",
        "members_good",
        "members_pass",
        "members_fail",
    ])
    .map_err(e)?;
    for g in &r.groups {
        w.write_record([
            r.county_code.clone(),
            r.year.to_string(),
            g.rank.map(|x| x.to_string()).unwrap_or_default(),
            g.group_id.to_string(),
            g.group_code.clone(),
            g.group_name.clone(),
            g.assessment_id.to_string(),
            g.status.as_str().to_string(),
            opt_f(g.total),
            opt_g(g.grade),
            opt_f(g.core_total),
            opt_g(g.core_grade),
            g.members.excellent.to_string(),
            g.members.good.to_string(),
            g.members.pass.to_string(),
            g.members.fail.to_string(),
        ])
        .map_err(e)?;
    }
    crate::service::staffing::report::finish(w)
}

pub fn prefecture_csv(r: &PrefectureAssessments) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |_| ApiError::internal();
    w.write_record([
        "year",
        "county_code",
        "assessed",
        "finalised",
        "published",
        "excellent",
        "good",
        "pass",
        "fail",
        "mean_total",
        "members_excellent",
        "members_good",
        "members_pass",
        "members_fail",
    ])
    .map_err(e)?;
    for c in &r.counties {
        w.write_record([
            r.year.to_string(),
            c.county_code.clone(),
            c.assessed.to_string(),
            c.finalised.to_string(),
            c.published.to_string(),
            c.grades.excellent.to_string(),
            c.grades.good.to_string(),
            c.grades.pass.to_string(),
            c.grades.fail.to_string(),
            opt_f(c.mean_total),
            c.members.excellent.to_string(),
            c.members.good.to_string(),
            c.members.pass.to_string(),
            c.members.fail.to_string(),
        ])
        .map_err(e)?;
    }
    crate::service::staffing::report::finish(w)
}

pub fn group_csv(r: &GroupAssessments) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |_| ApiError::internal();
    w.write_record([
        "group_id",
        "group_code",
        "year",
        "assessment_id",
        "status",
        "level",
        "school_id",
        "school_name",
        "total",
        "grade",
    ])
    .map_err(e)?;
    for y in &r.years {
        w.write_record([
            r.group_id.to_string(),
            r.group_code.clone(),
            y.year.to_string(),
            y.assessment_id.to_string(),
            y.status.as_str().to_string(),
            "group".into(),
            String::new(),
            String::new(),
            opt_f(y.total),
            opt_g(y.grade),
        ])
        .map_err(e)?;
        for s in &y.schools {
            w.write_record([
                r.group_id.to_string(),
                r.group_code.clone(),
                y.year.to_string(),
                y.assessment_id.to_string(),
                y.status.as_str().to_string(),
                s.level.as_str().to_string(),
                s.school_id.map(|x| x.to_string()).unwrap_or_default(),
                s.school_name.clone().unwrap_or_default(),
                opt_f(s.total),
                opt_g(s.grade),
            ])
            .map_err(e)?;
        }
    }
    crate::service::staffing::report::finish(w)
}
