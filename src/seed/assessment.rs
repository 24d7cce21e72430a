//! The demo's assessment (issue #13): the prefecture publishes a template for the year, every
//! county copies it into its own framework for this year and the next; every established group
//! is inspected, self-assesses, is scored by the county's assessors (manual indicators, in
//! turn high, middling and low, so that the ranking shows different grades) and computed from
//! its records, and its result is finalised and published; next year's assessment is opened
//! under next year's framework. Everything goes through the service functions as the
//! prefecture, the bureau, the inspector and the chair; a county whose framework for the year
//! exists is left as it is.

use chrono::Datelike;
use diesel::prelude::*;

use crate::db::schema::edu_groups;
use crate::domain::auth::Role;
use crate::domain::groups::GroupStatus;
use crate::error::ApiError;
use crate::repo::assessment::frameworks;
use crate::seed::counties::COUNTIES;
use crate::seed::groups::walk::{ctx, failed};
use crate::service::assessment::acts::{self, AssessmentActInput};
use crate::service::assessment::frameworks::{self as fw, NewFramework};
use crate::service::assessment::inspections::{self, NewInspection};
use crate::service::assessment::open::{self, NewAssessment};
use crate::service::assessment::scores::{self, AssessorScores, ScoreInput, SelfAssessmentInput};
use crate::service::assessment::views::Assessment;
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentTally {
    pub frameworks: usize,
    pub published: usize,
    pub opened: usize,
    pub pools: usize,
    pub plans: usize,
    pub already: usize,
}

impl AssessmentTally {
    pub fn summary(&self) -> String {
        format!(
            "seeded assessment: {} frameworks, {} assessments published, {} opened for next year, {} pay pools allocated, {} distribution plans approved{}",
            self.frameworks,
            self.published,
            self.opened,
            self.pools,
            self.plans,
            if self.already > 0 {
                format!("; {} counties had theirs already", self.already)
            } else {
                String::new()
            }
        )
    }
}

fn prefecture() -> Ctx {
    let mut c = ctx(
        "demo-prefecture".into(),
        Role::PrefectureBureau,
        "522701",
        None,
    );
    c.principal.county = None;
    c
}

fn bureau(county: &str) -> Ctx {
    ctx(
        format!("demo-bureau-{county}"),
        Role::CountyBureau,
        county,
        None,
    )
}

/// The manual scores a group gets in its turn: out of 10.
const TURNS: [f64; 3] = [9.5, 8.0, 6.0];

fn manual(a: &Assessment, score: f64, comment: &str) -> Vec<ScoreInput> {
    a.lines
        .iter()
        .filter(|l| l.source == crate::domain::assessment::IndicatorSource::Manual)
        .map(|l| ScoreInput {
            indicator_code: Some(l.indicator_code.clone()),
            school_id: l.school_id,
            score: Some(score),
            evidence: Some("年度考核实地查看与资料审核".into()),
            comment: Some(comment.into()),
        })
        .collect()
}

async fn step(state: &AppState, b: &Ctx, a: &Assessment, act: &str) -> Result<Assessment, String> {
    acts::act(
        state,
        b,
        a.id,
        IfMatch::Versions(vec![a.version]),
        AssessmentActInput {
            act: Some(act.into()),
            reason: None,
        },
    )
    .await
    .map_err(|e| failed(&format!("assessment {}: {act}", a.id), e))
}

pub async fn seed(state: &AppState) -> Result<AssessmentTally, String> {
    let year = crate::domain::clock::today().year();
    let mut tally = AssessmentTally::default();
    let existing = state
        .db
        .read(move |conn| {
            Ok::<_, ApiError>(
                frameworks::list(conn, None, Some(year))?
                    .into_iter()
                    .find(|f| f.county_code.is_none())
                    .map(|f| f.id),
            )
        })
        .await
        .map_err(|e| failed("read the prefecture's templates", e))?;
    let template = match existing {
        Some(id) => id,
        None => {
            tally.frameworks += 1;
            fw::create(
                state,
                &prefecture(),
                NewFramework {
                    year: Some(year),
                    title: Some(format!("{year}年度黔南州集团化办学专项考核指标（模板）")),
                    template: Some(true),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| failed("the prefecture's template", e))?
            .id
        }
    };
    let mut turn = 0usize;
    for c in COUNTIES {
        let county = c.code;
        let there = state
            .db
            .read(move |conn| {
                Ok::<_, ApiError>(
                    !frameworks::list(conn, Some(county), Some(year))?
                        .iter()
                        .all(|f| f.county_code.is_none()),
                )
            })
            .await
            .map_err(|e| failed("read the county's frameworks", e))?;
        if there {
            tally.already += 1;
            continue;
        }
        let b = bureau(county);
        let mut made = Vec::new();
        for y in [year, year + 1] {
            let f = fw::create(
                state,
                &b,
                NewFramework {
                    year: Some(y),
                    title: Some(format!("{y}年度集团化办学专项考核")),
                    copy_from: Some(template),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| failed("a county framework", e))?;
            tally.frameworks += 1;
            made.push(f.id);
        }
        let groups: Vec<(i64, i64, Option<i64>)> = state
            .db
            .read(move |conn| {
                let gs: Vec<(i64, i64)> = edu_groups::table
                    .filter(edu_groups::county_code.eq(county))
                    .filter(edu_groups::status.eq(GroupStatus::Established))
                    .order(edu_groups::id.asc())
                    .select((edu_groups::id, edu_groups::core_school_id))
                    .load(conn)?;
                let mut out = Vec::new();
                for (id, core) in gs {
                    let m = crate::repo::groups::memberships::current_of_group(conn, id)?;
                    out.push((id, core, m.first().map(|m| m.school_id)));
                }
                Ok::<_, ApiError>(out)
            })
            .await
            .map_err(|e| failed("read the county's groups", e))?;
        let mut rewarded = Vec::new();
        for (group, core, member) in groups {
            let score = TURNS[turn % TURNS.len()];
            turn += 1;
            let mut inspector = ctx(
                format!("demo-inspector-{county}"),
                Role::Inspector,
                county,
                None,
            );
            inspector.principal.school = None;
            inspections::create(
                state,
                &inspector,
                group,
                NewInspection {
                    school_id: None,
                    kind: Some("special".into()),
                    inspected_on: Some(crate::domain::clock::today()),
                    rating: Some(
                        if score >= 9.0 {
                            "excellent"
                        } else if score >= 7.5 {
                            "good"
                        } else {
                            "pass"
                        }
                        .into(),
                    ),
                    summary: Some("集团化办学专项督导：章程与议事规则健全，资源统筹有序。".into()),
                    findings: member
                        .filter(|_| score < 7.0)
                        .map(|m| {
                            vec![inspections::FindingInput {
                                text: Some("教师交流台账不完整，薄弱学科帮扶措施未落实。".into()),
                                rectification: Some(inspections::RectificationInput {
                                    school_id: Some(m),
                                    deadline: crate::domain::clock::today()
                                        .checked_add_days(chrono::Days::new(90)),
                                }),
                            }]
                        })
                        .unwrap_or_default(),
                },
            )
            .await
            .map_err(|e| failed("an inspection", e))?;
            let a = open::open(
                state,
                &b,
                group,
                NewAssessment {
                    year: Some(year),
                    framework_id: Some(made[0]),
                },
            )
            .await
            .map_err(|e| failed("open an assessment", e))?;
            let chair = ctx(
                format!("demo-chair-{core}"),
                Role::SchoolAdmin,
                county,
                Some(core),
            );
            let a = scores::self_assess(
                state,
                &chair,
                a.id,
                IfMatch::Versions(vec![a.version]),
                SelfAssessmentInput {
                    scores: Some(manual(&a, (score + 0.5_f64).min(10.0), "集团自评")),
                    note: Some("集团年度自评报告".into()),
                },
            )
            .await
            .map_err(|e| failed("a self-assessment", e))?;
            let a = scores::put_scores(
                state,
                &b,
                a.id,
                IfMatch::Versions(vec![a.version]),
                AssessorScores {
                    scores: Some(manual(&a, score, "评估组评分")),
                },
            )
            .await
            .map_err(|e| failed("the assessors' scores", e))?;
            let mut a = a;
            for act in ["compute", "mark_scored", "finalise", "publish"] {
                a = step(state, &b, &a, act).await?;
            }
            tally.published += 1;
            if a.grade.is_some_and(|g| g.earns_pay_tilt()) {
                rewarded.push((group, core, member));
            }
            open::open(
                state,
                &b,
                group,
                NewAssessment {
                    year: Some(year + 1),
                    framework_id: Some(made[1]),
                },
            )
            .await
            .map_err(|e| failed("open next year's assessment", e))?;
            tally.opened += 1;
        }
        if !rewarded.is_empty() {
            pay(state, &b, county, year, &rewarded, &mut tally).await?;
        }
    }
    Ok(tally)
}

/// PAY-POOL in the demo: the county's pool from its base, allocated as suggested by the
/// grades; the first rewarded group's core distributes its share (60% core, 40% member), the
/// office meeting passes it, the bureau approves it.
async fn pay(
    state: &AppState,
    b: &Ctx,
    county: &'static str,
    year: i32,
    rewarded: &[(i64, i64, Option<i64>)],
    tally: &mut AssessmentTally,
) -> Result<(), String> {
    use crate::service::assessment::pay::{self as pool, AllocationInput, PayPoolInput};
    use crate::service::assessment::pay_plans::{
        self as plans, PayPlanDecisionInput, PayPlanInput, PayPlanLineInput,
    };
    let first = pool::put(
        state,
        b,
        county.to_string(),
        year,
        IfMatch::Versions(vec![0]),
        PayPoolInput {
            base_yuan: Some(4_000_000),
            allocations: Some(Vec::new()),
            note: Some(format!("{year}年度全县绩效工资基数")),
        },
    )
    .await
    .map_err(|e| failed("the county's pay pool", e))?;
    let allocations = first
        .suggested
        .iter()
        .map(|l| AllocationInput {
            group_id: Some(l.group_id),
            amount_yuan: Some(l.amount_yuan),
        })
        .collect();
    let p = pool::put(
        state,
        b,
        county.to_string(),
        year,
        IfMatch::Versions(vec![first.version]),
        PayPoolInput {
            base_yuan: Some(4_000_000),
            allocations: Some(allocations),
            note: Some(format!("{year}年度提高25%超绩效工资统筹分配")),
        },
    )
    .await
    .map_err(|e| failed("the pool's allocation", e))?;
    tally.pools += 1;
    let Some(&(group, core, member)) = rewarded.first() else {
        return Ok(());
    };
    let amount = p
        .allocations
        .iter()
        .find(|l| l.group_id == group)
        .map_or(0, |l| l.amount_yuan);
    let chair = ctx(
        format!("demo-chair-{core}"),
        Role::SchoolAdmin,
        county,
        Some(core),
    );
    let mut lines = vec![PayPlanLineInput {
        school_id: Some(core),
        amount_yuan: Some(amount * 6 / 10),
        contribution: Some("派出骨干教师、牵头集团教研和课程建设".into()),
    }];
    if let Some(m) = member {
        lines.push(PayPlanLineInput {
            school_id: Some(m),
            amount_yuan: Some(amount - amount * 6 / 10),
            contribution: Some("接收交流教师，薄弱学科提升明显".into()),
        });
    }
    let plan = plans::put(
        state,
        &chair,
        group,
        year,
        IfMatch::Versions(vec![0]),
        PayPlanInput {
            lines: Some(lines),
            note: Some("按对集团发展的贡献分配".into()),
        },
    )
    .await
    .map_err(|e| failed("a distribution plan", e))?;
    crate::seed::staffing::office_passes_motion(
        state,
        county,
        group,
        &chair,
        crate::domain::council::MotionType::PerformancePayDistribution,
        plan.id,
        "新增绩效工资分配方案",
    )
    .await?;
    let passed = plans::get(state, b, group, year)
        .await
        .map_err(|e| failed("read the plan", e))?;
    plans::decide(
        state,
        b,
        group,
        year,
        IfMatch::Versions(vec![passed.version]),
        PayPlanDecisionInput {
            decision: crate::service::life::decisions::Verdict::Approve,
            note: Some("经县教育局审定。".into()),
        },
    )
    .await
    .map_err(|e| failed("approve the plan", e))?;
    tally.plans += 1;
    Ok(())
}
