//! The computed indicators: each reads the service's own records for the group's year and
//! keeps a snapshot of what it read beside the score (`inputs`), so that a score fixed at
//! finalisation can be checked against the records it came from. What counts:
//!
//! - the EXCH figures as the exchange area computes them (`exchange::compliance`), a share
//!   scoring `share / threshold` of full marks, a coverage `covered / required`;
//! - `staffing_within_pool`: full marks when the pooled posts allocated for the year are
//!   within the pool (STAFF-POOL), none otherwise;
//! - `resolutions_adopted`: a third for each of the work plan, budget and assessment plan
//!   adopted that year (resolutions numbered in the year);
//! - `meetings_with_quorum`: council meetings in the year at which a vote was taken with the
//!   quorum present, against the indicator's `target`;
//! - `rectification_orders` (the group's) and `member_rectification` (the school's): of the
//!   orders issued in the year that are decided or past their deadline, the share resolved by
//!   the deadline;
//! - `inspection_rating`: the mean of the year's inspection ratings (excellent 3, good 2,
//!   pass 1, fail 0) over 3;
//! - `backbone_received`: distinct backbone teachers dispatched from the core to the school
//!   (active or completed in the year), against `target`;
//! - `member_weak_subject_coverage`: the school's recorded weak subjects with a backbone
//!   teacher;
//! - `growth_progress`: for a member in its growth period, the share of its earlier published
//!   years graded pass or better.
//!
//! A measure that does not apply (nothing to count: no weak subject recorded, the group not
//! yet stable for EXCH-CORE-10, no order due, no inspection, no earlier year) earns full marks
//! and says so (`applicable: false`): a group is not marked down for what it could not do.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use super::views::Unit;
use crate::db::DbConnection;
use crate::domain::assessment::framework::Indicator;
use crate::domain::assessment::scoring::scaled;
use crate::domain::assessment::{AssessmentStatus, Grade, Metric};
use crate::domain::council::MotionType;
use crate::domain::exchange::compliance::Standing;
use crate::domain::exchange::{ExchangeKind, ExchangeStatus};
use crate::domain::groups::GroupRuleSettings;
use crate::domain::life::RectificationStatus;
use crate::error::ApiResult;
use crate::repo::assessment::assessments::{self as assessments, AssessmentRow};
use crate::repo::assessment::facts::{self, InspectionRow};
use crate::repo::exchange::facts::Scope;
use crate::repo::groups::group::GroupRow;
use crate::repo::life::rectification::{self as orders, OrderRow};
use crate::service::exchange::compliance::{self, GroupCompliance};

/// Everything the computed indicators of one group's year read.
pub struct Inputs {
    pub year: i32,
    pub as_of: NaiveDate,
    pub core_school_id: i64,
    pub compliance: Option<GroupCompliance>,
    exchange_facts: compliance::Facts,
    pub pool_total: i64,
    pub pooled_allocated: i64,
    pub resolutions: Vec<(i64, MotionType)>,
    pub meetings: Vec<i64>,
    pub orders: Vec<OrderRow>,
    pub inspections: Vec<InspectionRow>,
    /// The group's earlier published assessments.
    pub earlier: Vec<AssessmentRow>,
}

/// Reads the inputs of `g`'s `year` (a fixed number of statements, whatever the group's size).
pub fn load(
    conn: &mut DbConnection,
    g: &GroupRow,
    year: i32,
    settings: &GroupRuleSettings,
) -> ApiResult<Inputs> {
    let exchange_facts = compliance::load(
        conn,
        Scope::Group {
            id: g.id,
            schools: &[],
        },
        year,
    )?;
    let compliance = compliance::compute(
        &exchange_facts,
        &HashMap::from([(g.county_code.clone(), settings.clone())]),
    )
    .into_iter()
    .next();
    let staffing = crate::service::staffing::facts::load(conn, g, year)?;
    let pooled_allocated = staffing
        .allocations
        .iter()
        .filter(|a| !a.bonus)
        .map(|a| i64::from(a.posts))
        .sum();
    let orders = orders::of_group(conn, g.id, None, &[], 0, i64::MAX)?
        .into_iter()
        .filter(|o| o.created_at.year() == year)
        .collect();
    let earlier = assessments::of_group(conn, g.id)?
        .into_iter()
        .filter(|a| a.year < year && a.status == AssessmentStatus::Published)
        .collect();
    Ok(Inputs {
        year,
        as_of: crate::service::life::today(),
        core_school_id: g.core_school_id,
        compliance,
        exchange_facts,
        pool_total: staffing.pool.total,
        pooled_allocated,
        resolutions: facts::resolution_types(conn, g.id, year)?,
        meetings: facts::quorate_meetings(conn, g.id, year)?
            .into_iter()
            .map(|m| m.0)
            .collect(),
        orders,
        inspections: facts::inspections(conn, g.id, year)?,
        earlier,
    })
}

/// The resolutions the `resolutions_adopted` metric asks for.
pub const ANNUAL_RESOLUTIONS: [MotionType; 3] = [
    MotionType::WorkPlan,
    MotionType::BudgetPlan,
    MotionType::AssessmentPlan,
];

fn share(max: u32, f: Option<&compliance::ShareFigure>, measured: bool) -> (i32, Value) {
    match f {
        Some(f) if measured && f.standing != Standing::NotApplicable => (
            scaled(
                max,
                f.numerator * 100,
                f.denominator * u64::from(f.threshold_percent),
            ),
            json!({"applicable": true, "rule": f.rule, "numerator": f.numerator,
                   "denominator": f.denominator, "percent": f.percent,
                   "threshold_percent": f.threshold_percent, "standing": f.standing}),
        ),
        Some(f) => (
            scaled(max, 0, 0),
            json!({"applicable": false, "rule": f.rule, "standing": f.standing}),
        ),
        None => (scaled(max, 0, 0), json!({"applicable": false})),
    }
}

fn coverage(max: u32, f: Option<&compliance::CoverageFigure>, measured: bool) -> (i32, Value) {
    match f {
        Some(f) if measured && f.standing != Standing::NotApplicable && f.required > 0 => (
            scaled(max, f.covered, f.required),
            json!({"applicable": true, "rule": f.rule, "covered": f.covered, "required": f.required,
                   "standing": f.standing, "missing": f.missing}),
        ),
        Some(f) => (
            scaled(max, 0, 0),
            json!({"applicable": false, "rule": f.rule, "standing": f.standing}),
        ),
        None => (scaled(max, 0, 0), json!({"applicable": false})),
    }
}

/// Of the orders given: (ids resolved by the deadline, ids decided otherwise or overdue, ids
/// still within their deadline).
fn order_tally<'a>(
    os: impl Iterator<Item = &'a OrderRow>,
    as_of: NaiveDate,
) -> (Vec<i64>, Vec<i64>, Vec<i64>) {
    let (mut on_time, mut failed, mut pending) = (Vec::new(), Vec::new(), Vec::new());
    for o in os {
        match o.status {
            RectificationStatus::Resolved
                if o.resolved_at.is_some_and(|t| t.date() <= o.deadline) =>
            {
                on_time.push(o.id)
            }
            RectificationStatus::Resolved | RectificationStatus::NotRectified => failed.push(o.id),
            _ if o.deadline < as_of => failed.push(o.id),
            _ => pending.push(o.id),
        }
    }
    (on_time, failed, pending)
}

fn orders_score(max: u32, os: Vec<&OrderRow>, as_of: NaiveDate) -> (i32, Value) {
    let (on_time, failed, pending) = order_tally(os.into_iter(), as_of);
    let due = (on_time.len() + failed.len()) as u64;
    (
        scaled(max, on_time.len() as u64, due),
        json!({"applicable": due > 0, "as_of": as_of, "resolved_in_time": on_time,
               "not_in_time": failed, "within_deadline": pending}),
    )
}

/// The score in tenths and the inputs it came from.
pub fn evaluate(inp: &Inputs, i: &Indicator, unit: Option<&Unit>) -> (i32, Value) {
    let max = i.max_score;
    let measured = inp.compliance.as_ref().is_some_and(|c| c.measured);
    let c = inp.compliance.as_ref();
    let Some(metric) = i.metric else {
        return (0, json!({"applicable": false}));
    };
    match metric {
        Metric::ExchangeGroupShare => share(max, c.map(|c| &c.group), measured),
        Metric::ExchangeBackboneShare => share(max, c.map(|c| &c.backbone), measured),
        Metric::CoreExchangeShare => share(max, c.map(|c| &c.core), measured),
        Metric::NewSchoolSubjectCoverage => {
            coverage(max, c.map(|c| &c.new_school_subjects), measured)
        }
        Metric::WeakSubjectCoverage => coverage(max, c.map(|c| &c.weak_subjects), measured),
        Metric::StaffingWithinPool => {
            let within = inp.pooled_allocated <= inp.pool_total;
            (
                if within { scaled(max, 1, 1) } else { 0 },
                json!({"applicable": true, "rule": "STAFF-POOL", "pool": inp.pool_total,
                       "allocated": inp.pooled_allocated, "within": within}),
            )
        }
        Metric::ResolutionsAdopted => {
            let adopted: BTreeSet<&str> = inp
                .resolutions
                .iter()
                .filter(|(_, t)| ANNUAL_RESOLUTIONS.contains(t))
                .map(|(_, t)| t.as_str())
                .collect();
            let ids: Vec<i64> = inp
                .resolutions
                .iter()
                .filter(|(_, t)| ANNUAL_RESOLUTIONS.contains(t))
                .map(|(id, _)| *id)
                .collect();
            let missing: Vec<&str> = ANNUAL_RESOLUTIONS
                .iter()
                .map(|t| t.as_str())
                .filter(|t| !adopted.contains(t))
                .collect();
            (
                scaled(max, adopted.len() as u64, ANNUAL_RESOLUTIONS.len() as u64),
                json!({"applicable": true, "adopted": adopted, "missing": missing, "resolution_ids": ids}),
            )
        }
        Metric::MeetingsWithQuorum => {
            let target = u64::from(i.target.unwrap_or(1));
            (
                scaled(max, inp.meetings.len() as u64, target),
                json!({"applicable": true, "meetings": inp.meetings, "target": target}),
            )
        }
        Metric::RectificationOrders => orders_score(max, inp.orders.iter().collect(), inp.as_of),
        Metric::MemberRectification => {
            let s = unit.map(|u| u.school_id);
            orders_score(
                max,
                inp.orders
                    .iter()
                    .filter(|o| Some(o.school_id) == s)
                    .collect(),
                inp.as_of,
            )
        }
        Metric::InspectionRating => {
            let ratings: Vec<Value> = inp
                .inspections
                .iter()
                .map(|x| json!({"inspection_id": x.id, "rating": x.rating, "school_id": x.school_id}))
                .collect();
            let sum: u64 = inp
                .inspections
                .iter()
                .map(|x| u64::from(x.rating.rank()))
                .sum();
            let n = inp.inspections.len() as u64;
            (
                scaled(max, sum, 3 * n),
                json!({"applicable": n > 0, "inspections": ratings}),
            )
        }
        Metric::BackboneReceived => {
            let s = unit.map(|u| u.school_id);
            let teachers: BTreeSet<i64> = inp
                .exchange_facts
                .exchanges()
                .iter()
                .filter(|x| {
                    x.kind == ExchangeKind::BackboneDispatch
                        && x.from_school_id == inp.core_school_id
                        && Some(x.to_school_id) == s
                        && matches!(x.status, ExchangeStatus::Active | ExchangeStatus::Completed)
                })
                .map(|x| x.person_id)
                .collect();
            let target = u64::from(i.target.unwrap_or(1));
            (
                scaled(max, teachers.len() as u64, target),
                json!({"applicable": true, "teachers": teachers, "target": target}),
            )
        }
        Metric::MemberWeakSubjectCoverage => {
            let Some(u) = unit else {
                return (scaled(max, 0, 0), json!({"applicable": false}));
            };
            let required = inp.exchange_facts.weak_recorded(u.school_id);
            let missing: Vec<String> = c
                .map(|c| {
                    c.weak_subjects
                        .missing
                        .iter()
                        .filter(|m| m.school_id == u.school_id)
                        .map(|m| m.subject_code.clone())
                        .collect()
                })
                .unwrap_or_default();
            let covered = required.saturating_sub(missing.len() as u64);
            (
                scaled(max, covered, if measured { required } else { 0 }),
                json!({"applicable": measured && required > 0, "rule": "EXCH-WEAK-SUBJECT",
                       "required": required, "covered": covered, "missing": missing}),
            )
        }
        Metric::GrowthProgress => {
            let Some(u) = unit.filter(|u| u.growth_until.is_some()) else {
                return (
                    scaled(max, 0, 0),
                    json!({"applicable": false, "in_growth_period": false}),
                );
            };
            let grades: Vec<(i32, Option<Grade>)> = inp
                .earlier
                .iter()
                .map(|a| (a.year, unit_grade(a, u.school_id)))
                .filter(|(_, g)| g.is_some())
                .collect();
            let passed = grades
                .iter()
                .filter(|(_, g)| g.is_some_and(|g| g.rank() >= Grade::Pass.rank()))
                .count() as u64;
            let years: Vec<Value> = grades
                .iter()
                .map(|(y, g)| json!({"year": y, "grade": g}))
                .collect();
            (
                scaled(max, passed, grades.len() as u64),
                json!({"applicable": !grades.is_empty(), "in_growth_period": true,
                       "growth_until": u.growth_until, "earlier_years": years}),
            )
        }
    }
}

/// A school's grade in a finalised assessment's fixed results.
pub(crate) fn unit_grade(a: &AssessmentRow, school_id: i64) -> Option<Grade> {
    super::views::fixed_results(a)
        .into_iter()
        .find(|r| r.school_id == Some(school_id))
        .and_then(|r| r.grade)
}
