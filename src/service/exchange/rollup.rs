//! The compliance reports: one group's year, a county's groups, and the prefecture's counties
//! compared. Each is the same fixed set of reads over its scope (`compliance::load`, plus the
//! settings), and each answers CSV with the same figures on `Accept: text/csv`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::compliance::{
    compute, load, tallies, ComplianceQuery, GroupCompliance, RuleTally, ThresholdsView,
};
use crate::domain::exchange::compliance::Standing;
use crate::domain::registry::county::is_county;
use crate::error::{ApiError, ApiResult};
use crate::repo::exchange::facts::Scope;
use crate::repo::registry::counties;
use crate::service::groups::{access, settings};
use crate::service::{AppState, Ctx};

pub async fn group(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: ComplianceQuery,
) -> ApiResult<GroupCompliance> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let s = settings::effective(conn, &g.county_code)?;
            let facts = load(
                conn,
                Scope::Group {
                    id: g.id,
                    schools: &[],
                },
                year,
            )?;
            let mut out = compute(&facts, &HashMap::from([(g.county_code.clone(), s)]))
                .into_iter()
                .next()
                // A dissolved group has no figures.
                .ok_or_else(ApiError::not_found)?;
            // A member school's administrator sees the figures, not the core's post holders.
            if crate::service::staffing::adjust::own_school(&ctx, &g).is_some() {
                out.bonus_posts.clear();
            }
            Ok(out)
        })
        .await
}

/// A county's groups in one year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyCompliance {
    pub county_code: String,
    pub county_name: String,
    pub year: i32,
    pub head_count_on: chrono::NaiveDate,
    pub thresholds: ThresholdsView,
    /// Groups not dissolved.
    pub groups_total: u64,
    /// Groups meeting every figure that applies to them.
    pub groups_met: u64,
    /// Per figure, how many groups meet it, fall short, or are not measured.
    pub by_rule: Vec<RuleTally>,
    /// Every group, by id.
    pub groups: Vec<GroupCompliance>,
}

pub async fn county(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    q: ComplianceQuery,
) -> ApiResult<CountyCompliance> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            ctx.ensure_sees(&county)?;
            let c = counties::find(conn, &county)?
                .filter(|c| is_county(&c.code))
                .ok_or_else(ApiError::not_found)?;
            ctx.ensure_county_reader("交流达标汇总", "The compliance roll-up")?;
            let s = settings::effective(conn, &county)?;
            let facts = load(conn, Scope::County(&county), year)?;
            let thresholds = ThresholdsView::from(&s);
            let groups = compute(&facts, &HashMap::from([(county.clone(), s)]));
            Ok(CountyCompliance {
                county_code: c.code,
                county_name: c.name_zh,
                year,
                head_count_on: facts.head_count_on,
                thresholds,
                groups_total: groups.len() as u64,
                groups_met: groups.iter().filter(|g| g.met).count() as u64,
                by_rule: tallies(&groups),
                groups,
            })
        })
        .await
}

/// One county in the prefecture's comparison.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountySummary {
    pub county_code: String,
    pub county_name: String,
    pub thresholds: ThresholdsView,
    pub groups_total: u64,
    pub groups_met: u64,
    /// The groups' teachers, and those exchanged, summed over the county's groups (a teacher
    /// of two groups counts in each).
    pub teachers: u64,
    pub exchanged: u64,
    pub backbone_exchanged: u64,
    /// `exchanged / teachers` in percent, to one decimal.
    pub exchanged_percent: Option<f64>,
    pub by_rule: Vec<RuleTally>,
}

/// The prefecture's counties compared for one year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PrefectureCompliance {
    pub year: i32,
    pub head_count_on: chrono::NaiveDate,
    pub groups_total: u64,
    pub groups_met: u64,
    /// Every county of the prefecture (in the caller's scope), in the registry's order.
    pub counties: Vec<CountySummary>,
}

pub async fn prefecture(
    state: &AppState,
    ctx: &Ctx,
    q: ComplianceQuery,
) -> ApiResult<PrefectureCompliance> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            ctx.ensure_county_reader("交流达标汇总", "The compliance roll-up")?;
            let all: Vec<counties::CountyRow> = counties::all(conn)?
                .into_iter()
                .filter(|c| is_county(&c.code) && ctx.principal.sees_county(&c.code))
                .collect();
            let codes: Vec<String> = all.iter().map(|c| c.code.clone()).collect();
            let s = settings::effective_of(conn, &codes)?;
            let scope = match ctx.principal.county_filter() {
                Some(c) => Scope::County(c),
                None => Scope::Prefecture,
            };
            let facts = load(conn, scope, year)?;
            let groups = compute(&facts, &s);
            let mut by_county: HashMap<&str, Vec<GroupCompliance>> = HashMap::new();
            for g in &groups {
                by_county
                    .entry(g.county_code.as_str())
                    .or_default()
                    .push(g.clone());
            }
            let defaults = crate::domain::groups::GroupRuleSettings::default();
            let out: Vec<CountySummary> = all
                .iter()
                .map(|c| {
                    let gs = by_county
                        .get(c.code.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or(&[]);
                    let teachers: u64 = gs.iter().map(|g| g.group.denominator).sum();
                    let exchanged: u64 = gs.iter().map(|g| g.group.numerator).sum();
                    CountySummary {
                        county_code: c.code.clone(),
                        county_name: c.name_zh.clone(),
                        thresholds: ThresholdsView::from(s.get(&c.code).unwrap_or(&defaults)),
                        groups_total: gs.len() as u64,
                        groups_met: gs.iter().filter(|g| g.met).count() as u64,
                        teachers,
                        exchanged,
                        backbone_exchanged: gs.iter().map(|g| g.backbone.numerator).sum(),
                        exchanged_percent: (teachers > 0)
                            .then(|| ((exchanged * 1000 + teachers / 2) / teachers) as f64 / 10.0),
                        by_rule: tallies(gs),
                    }
                })
                .collect();
            Ok(PrefectureCompliance {
                year,
                head_count_on: facts.head_count_on,
                groups_total: groups.len() as u64,
                groups_met: groups.iter().filter(|g| g.met).count() as u64,
                counties: out,
            })
        })
        .await
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn standing(s: Standing) -> String {
    s.as_str().to_string()
}

/// A group's figures as CSV: one row per figure, what is missing in the last column.
pub fn group_csv(g: &GroupCompliance) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "group_code",
        "year",
        "rule",
        "numerator",
        "denominator",
        "percent",
        "threshold_percent",
        "standing",
        "more_needed",
        "missing",
    ])
    .map_err(|_| ApiError::internal())?;
    for s in [&g.group, &g.backbone, &g.core] {
        let below: Vec<String> = s.members_below.iter().map(|m| m.to_string()).collect();
        w.write_record([
            g.group_code.clone(),
            g.year.to_string(),
            s.rule.clone(),
            s.numerator.to_string(),
            s.denominator.to_string(),
            opt(s.percent),
            s.threshold_percent.to_string(),
            standing(s.standing),
            opt(s.more_needed),
            below.join(";"),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    for c in [&g.new_school_subjects, &g.weak_subjects] {
        let missing: Vec<String> = c
            .missing
            .iter()
            .map(|m| format!("{}:{}", m.school_id, m.subject_code))
            .collect();
        w.write_record([
            g.group_code.clone(),
            g.year.to_string(),
            c.rule.clone(),
            c.covered.to_string(),
            c.required.to_string(),
            String::new(),
            "100".to_string(),
            standing(c.standing),
            (c.required - c.covered).to_string(),
            missing.join(";"),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}

/// A county's groups as CSV: one row per group.
pub fn county_csv(r: &CountyCompliance) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "county_code",
        "year",
        "group_id",
        "group_code",
        "group_name",
        "teachers",
        "exchanged",
        "group_standing",
        "group_more_needed",
        "backbone_exchanged",
        "backbone_standing",
        "backbone_more_needed",
        "core_teachers",
        "core_sent",
        "core_standing",
        "core_more_needed",
        "new_school_subjects_missing",
        "weak_subjects_missing",
        "met",
    ])
    .map_err(|_| ApiError::internal())?;
    for g in &r.groups {
        w.write_record([
            r.county_code.clone(),
            r.year.to_string(),
            g.group_id.to_string(),
            g.group_code.clone(),
            g.group_name.clone(),
            g.group.denominator.to_string(),
            g.group.numerator.to_string(),
            standing(g.group.standing),
            opt(g.group.more_needed),
            g.backbone.numerator.to_string(),
            standing(g.backbone.standing),
            opt(g.backbone.more_needed),
            g.core.denominator.to_string(),
            g.core.numerator.to_string(),
            standing(g.core.standing),
            opt(g.core.more_needed),
            g.new_school_subjects.missing.len().to_string(),
            g.weak_subjects.missing.len().to_string(),
            g.met.to_string(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}

/// The prefecture's comparison as CSV: one row per county.
pub fn prefecture_csv(r: &PrefectureCompliance) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec![
        "county_code".to_string(),
        "county_name".to_string(),
        "year".to_string(),
        "groups_total".to_string(),
        "groups_met".to_string(),
        "teachers".to_string(),
        "exchanged".to_string(),
        "exchanged_percent".to_string(),
        "backbone_exchanged".to_string(),
    ];
    for rule in super::compliance::FIGURES {
        head.push(format!("{}_short", rule.id()));
    }
    w.write_record(&head).map_err(|_| ApiError::internal())?;
    for c in &r.counties {
        let mut row = vec![
            c.county_code.clone(),
            c.county_name.clone(),
            r.year.to_string(),
            c.groups_total.to_string(),
            c.groups_met.to_string(),
            c.teachers.to_string(),
            c.exchanged.to_string(),
            opt(c.exchanged_percent),
            c.backbone_exchanged.to_string(),
        ];
        row.extend(c.by_rule.iter().map(|t| t.short.to_string()));
        w.write_record(&row).map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}
