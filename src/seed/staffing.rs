//! The demo's staffing year (issue #11): every county sets its totals for the current year, its
//! established groups pool their members' quotas (members that joined by agreement pool half of
//! theirs), the first group of a county gets a special quota and its core a bonus, and every
//! group's allocation passes its office meeting and is approved by the bureau, then filed.
//!
//! One group's first proposal is refused for exceeding the pool: the chair drew it up on its
//! agreement members' pooling half their quota, the agreement was then corrected to a fifth,
//! the bureau's approval is refused by STAFF-POOL, the bureau records its refusal with the
//! reasons, and the chair's corrected proposal is approved.
//!
//! Everything goes through the service functions with the caller each step needs, so every rule
//! applies. A county with totals for the year already is left as it is: a second run changes
//! nothing.

use chrono::{DateTime, Datelike, Timelike, Utc};
use diesel::prelude::*;

use crate::db::schema::{edu_groups, schools};
use crate::domain::auth::Role;
use crate::domain::council::{Attendance, Ballot, Body, MotionOutcome, MotionType, VoteChoice};
use crate::domain::groups::GroupStatus;
use crate::domain::registry::SchoolStanding;
use crate::domain::staffing::{AllocationReason, PostCategory, PostLevel};
use crate::error::ApiError;
use crate::repo::staffing::totals as totals_repo;
use crate::seed::counties::COUNTIES;
use crate::seed::groups::walk::{ctx, failed};
use crate::service::council::attendance::{self, AttendanceInput, AttendanceItem};
use crate::service::council::close::{self, CloseInput};
use crate::service::council::meetings::{self, NewMeeting};
use crate::service::council::motions::{self, NewMotion};
use crate::service::council::votes::{self, VoteInput};
use crate::service::groups::council;
use crate::service::staffing::adjust::{self, LineInput, NewAdjustment};
use crate::service::staffing::decide::{self, AdjustmentDecisionInput};
use crate::service::staffing::filing::{self, NewFiling};
use crate::service::staffing::quotas::{self, SpecialQuotaInput};
use crate::service::staffing::report::{self, YearQuery};
use crate::service::staffing::terms::{self, PoolingInput};
use crate::service::staffing::totals::{self, TotalsInput};
use crate::service::{AppState, Ctx, IfMatch};

/// What a run did with staffing, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StaffingTally {
    pub counties: usize,
    pub adjustments: usize,
    pub approved: usize,
    pub refused: usize,
    pub filings: usize,
    pub already: usize,
}

impl StaffingTally {
    pub fn summary(&self) -> String {
        if self.counties == 0 {
            return format!("staffing: {} counties had their year already", self.already);
        }
        format!(
            "seeded staffing: {} counties' totals, {} adjustments ({} approved, {} refused), {} filings{}",
            self.counties,
            self.adjustments,
            self.approved,
            self.refused,
            self.filings,
            if self.already > 0 {
                format!("; {} counties had their year already", self.already)
            } else {
                String::new()
            }
        )
    }
}

/// An established group of a county, with its core and its members that joined by agreement.
struct Group {
    id: i64,
    code: String,
    core_id: i64,
    core_code: String,
}

fn bureau(county: &str) -> Ctx {
    ctx(
        format!("demo-bureau-{county}"),
        Role::CountyBureau,
        county,
        None,
    )
}

fn chair(county: &str, g: &Group) -> Ctx {
    ctx(
        format!("demo-principal-{}", g.core_code),
        Role::SchoolAdmin,
        county,
        Some(g.core_id),
    )
}

pub async fn seed(state: &AppState) -> Result<StaffingTally, String> {
    let year = crate::domain::clock::today().year();
    let mut tally = StaffingTally::default();
    let mut story_told = false;
    for c in COUNTIES {
        let county = c.code;
        let (there, quota, groups) = state
            .db
            .read(move |conn| {
                let there = totals_repo::find(conn, county, year)?.is_some();
                let quota: Option<i64> = schools::table
                    .filter(schools::county_code.eq(county))
                    .select(diesel::dsl::sum(schools::staffing_quota))
                    .first(conn)?;
                let groups: Vec<(i64, String, i64, String)> = edu_groups::table
                    .inner_join(schools::table.on(schools::id.eq(edu_groups::core_school_id)))
                    .filter(edu_groups::county_code.eq(county))
                    .filter(edu_groups::status.eq(GroupStatus::Established))
                    .order(edu_groups::id.asc())
                    .select((edu_groups::id, edu_groups::code, schools::id, schools::code))
                    .load(conn)?;
                Ok::<_, ApiError>((there, quota.unwrap_or(0), groups))
            })
            .await
            .map_err(|e| failed("read the county's schools and groups", e))?;
        if there {
            tally.already += 1;
            continue;
        }
        if groups.is_empty() {
            continue;
        }
        let quota = i32::try_from(quota).unwrap_or(i32::MAX);
        let input = TotalsInput {
            staff_quota: Some(quota),
            senior_posts: Some(quota * 18 / 100),
            intermediate_posts: Some(quota * 40 / 100),
            senior_bonus_percent: Some(10),
            note: Some(format!(
                "{}机构编制委员会办公室核定{year}年度教职工编制总量",
                c.name
            )),
        };
        totals::put(
            state,
            &bureau(county),
            county.to_string(),
            year,
            IfMatch::Versions(vec![0]),
            input,
        )
        .await
        .map_err(|e| failed("the bureau sets the county's totals", e))?;
        tally.counties += 1;
        for (i, (id, code, core_id, core_code)) in groups.into_iter().enumerate() {
            let g = Group {
                id,
                code,
                core_id,
                core_code,
            };
            let story = !story_told && pool_by_agreement(state, county, &g, year, 50).await?;
            story_told |= story;
            group_year(state, county, &g, year, i == 0, story, &mut tally).await?;
        }
        let input = NewFiling {
            period: Some(year.to_string()),
            filed_on: Some(crate::domain::clock::today()),
            filing_ref: Some(format!("{}编备〔{year}〕1号", c.name)),
            note: None,
        };
        filing::create(state, &bureau(county), county.to_string(), input)
            .await
            .map_err(|e| failed("the bureau files the approved adjustments", e))?;
        tally.filings += 1;
    }
    Ok(tally)
}

/// The chair records that every member that joined by agreement pools `share` percent of its
/// quota; whether there is one.
async fn pool_by_agreement(
    state: &AppState,
    county: &str,
    g: &Group,
    year: i32,
    share: i32,
) -> Result<bool, String> {
    let r = report::group(state, &bureau(county), g.id, YearQuery { year: Some(year) })
        .await
        .map_err(|e| failed("read the group's pool", e))?;
    let mut any = false;
    for m in r.pool.members.iter().filter(|m| {
        !m.is_core
            && !matches!(
                m.standing,
                SchoolStanding::Weak | SchoolStanding::NewlyOpened
            )
    }) {
        let input = PoolingInput {
            pooled_quota: None,
            pooled_share: Some(share),
            year: Some(year),
        };
        terms::put(state, &chair(county, g), g.id, m.school_id, None, input)
            .await
            .map_err(|e| failed("the chair records an agreement's pooling terms", e))?;
        any = true;
    }
    Ok(any)
}

/// The lines that allocate `tenths` tenths of what each school pools: management and support posts,
/// and senior, intermediate and junior professional posts; the core's bonus where `bonus`.
async fn lines_for(
    state: &AppState,
    county: &str,
    g: &Group,
    year: i32,
    bonus: bool,
    tenths: i64,
) -> Result<Vec<LineInput>, String> {
    let r = report::group(state, &bureau(county), g.id, YearQuery { year: Some(year) })
        .await
        .map_err(|e| failed("read the group's pool", e))?;
    let mut out = Vec::new();
    let mut push = |school: i64,
                    category: PostCategory,
                    level: PostLevel,
                    bonus: bool,
                    posts: i64,
                    reason: AllocationReason| {
        if posts > 0 {
            out.push(LineInput {
                school_id: Some(school),
                category: Some(category.as_str().into()),
                level: Some(level.as_str().into()),
                bonus,
                posts: Some(i32::try_from(posts).unwrap_or(0)),
                reason: Some(reason.as_str().into()),
            });
        }
    };
    let special = r.pool.special;
    for m in &r.pool.members {
        let mut n = m.pooled * tenths / 10;
        if m.is_core {
            n += special;
        }
        let management = n * 8 / 100;
        let support = n * 5 / 100;
        let senior = n * 15 / 100;
        let intermediate = n * 35 / 100;
        let junior = n - management - support - senior - intermediate;
        let reason = if m.is_core {
            AllocationReason::SchoolSize
        } else {
            AllocationReason::ClassSize
        };
        push(
            m.school_id,
            PostCategory::Management,
            PostLevel::Ungraded,
            false,
            management,
            AllocationReason::StaffStructure,
        );
        push(
            m.school_id,
            PostCategory::Support,
            PostLevel::Ungraded,
            false,
            support,
            AllocationReason::StaffStructure,
        );
        push(
            m.school_id,
            PostCategory::ProfessionalTechnical,
            PostLevel::Senior,
            false,
            senior,
            reason,
        );
        push(
            m.school_id,
            PostCategory::ProfessionalTechnical,
            PostLevel::Intermediate,
            false,
            intermediate,
            reason,
        );
        push(
            m.school_id,
            PostCategory::ProfessionalTechnical,
            PostLevel::Junior,
            false,
            junior,
            AllocationReason::ReformTasks,
        );
        if m.is_core && bonus {
            push(
                m.school_id,
                PostCategory::ProfessionalTechnical,
                PostLevel::Senior,
                true,
                senior / 10,
                AllocationReason::SeniorBonus,
            );
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn group_year(
    state: &AppState,
    county: &str,
    g: &Group,
    year: i32,
    first: bool,
    story: bool,
    tally: &mut StaffingTally,
) -> Result<(), String> {
    if first {
        let input = SpecialQuotaInput {
            kind: Some("quota".into()),
            amount: Some(4),
            purposes: Some(vec!["internal_bodies".into(), "backbone_teachers".into()]),
            note: Some("用于组建集团教师发展中心和核心成员输出骨干教师".into()),
        };
        quotas::put(
            state,
            &bureau(county),
            g.id,
            year,
            IfMatch::Versions(vec![0]),
            input,
        )
        .await
        .map_err(|e| failed("the bureau sets the group's special quota", e))?;
    }
    let title = format!("{year}年度集团岗位分配方案");
    if story {
        // The whole pool, as it stood on the uncorrected agreements.
        let lines = lines_for(state, county, g, year, first, 10).await?;
        let id = propose(state, county, g, year, &title, lines, tally).await?;
        office_passes(state, county, g, id, &title).await?;
        // The agreements are corrected: the members pool a fifth, and the proposal no longer fits.
        pool_by_agreement(state, county, g, year, 20).await?;
        let approve = AdjustmentDecisionInput {
            decision: Some("approve".into()),
            decided_on: Some(crate::domain::clock::today()),
            decision_ref: Some(format!("{year}编调1号")),
            note: None,
        };
        match decide::decide(state, &bureau(county), id, None, approve).await {
            Err(e) if e.code() == "STAFF-POOL" => {}
            other => {
                return Err(format!(
                    "group {}: the proposal drawn on the uncorrected agreements was expected to exceed the pool, and its approval gave {:?}",
                    g.code,
                    other.map(|a| a.status.as_str())
                ))
            }
        }
        let refuse = AdjustmentDecisionInput {
            decision: Some("refuse".into()),
            decided_on: Some(crate::domain::clock::today()),
            decision_ref: None,
            note: Some("按更正后的加入协议，方案分配的岗位超出集团统筹编制（STAFF-POOL），不同意，请重新编制。".into()),
        };
        decide::decide(state, &bureau(county), id, None, refuse)
            .await
            .map_err(|e| failed("the bureau refuses the proposal", e))?;
        tally.refused += 1;
    }
    let lines = lines_for(state, county, g, year, first, 9).await?;
    let id = propose(state, county, g, year, &title, lines, tally).await?;
    office_passes(state, county, g, id, &title).await?;
    let approve = AdjustmentDecisionInput {
        decision: Some("approve".into()),
        decided_on: Some(crate::domain::clock::today()),
        decision_ref: Some(format!("{year}编调{}号", g.id)),
        note: None,
    };
    decide::decide(state, &bureau(county), id, None, approve)
        .await
        .map_err(|e| failed("the bureau approves the allocation", e))?;
    tally.approved += 1;
    Ok(())
}

async fn propose(
    state: &AppState,
    county: &str,
    g: &Group,
    year: i32,
    title: &str,
    lines: Vec<LineInput>,
    tally: &mut StaffingTally,
) -> Result<i64, String> {
    let input = NewAdjustment {
        year: Some(year),
        title: Some(title.to_string()),
        lines: Some(lines),
        note: Some("按规模、班额、师资结构和承担的改革任务分配到各成员".into()),
    };
    let a = adjust::create(state, &chair(county, g), g.id, input)
        .await
        .map_err(|e| {
            failed(
                &format!("group {}: the chair proposes the allocation", g.code),
                e,
            )
        })?;
    tally.adjustments += 1;
    Ok(a.id)
}

/// The chair convenes the office meeting, every seat present, tables the record (`subject`) as
/// a motion of `motion_type`, every seat votes for, the chair closes the motion and the
/// meeting. The staffing adjustment and the exchange plan (`seed::exchange`) both pass here.
pub(crate) async fn office_passes_motion(
    state: &AppState,
    county: &str,
    group_id: i64,
    chair: &Ctx,
    motion_type: MotionType,
    subject: i64,
    title: &str,
) -> Result<(), String> {
    let chair = chair.clone();
    let g_id = group_id;
    let office = council::get(state, &chair, g_id)
        .await
        .map_err(|e| failed("read the office meeting's seats", e))?
        .office;
    let now = Utc::now();
    let scheduled_at: DateTime<Utc> = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let convened = meetings::convene(
        state,
        &chair,
        g_id,
        NewMeeting {
            body: Some(Body::Office.as_str().into()),
            kind: Some("regular".into()),
            scheduled_at: Some(scheduled_at),
            agenda: Some(format!("审议{title}")),
            demand_id: None,
        },
    )
    .await
    .map_err(|e| failed("convene the office meeting", e))?;
    let entries = office
        .iter()
        .map(|s| AttendanceItem {
            seat_id: Some(s.seat_id),
            status: Some(Attendance::Present.as_str().into()),
            proxy_seat_id: None,
        })
        .collect();
    attendance::put(
        state,
        &chair,
        convened.id,
        IfMatch::Versions(vec![convened.version]),
        AttendanceInput { entries },
    )
    .await
    .map_err(|e| failed("record the office meeting's attendance", e))?;
    let motion = motions::create(
        state,
        &chair,
        convened.id,
        NewMotion {
            title: Some(format!("关于{title}的议案")),
            motion_type: Some(motion_type.as_str().into()),
            ballot: Some(Ballot::Open.as_str().into()),
            concerns_school_id: None,
            recused_seat_ids: Vec::new(),
            subject_id: Some(subject),
        },
    )
    .await
    .map_err(|e| failed(&format!("table the {}", motion_type.label_en()), e))?;
    for s in &office {
        let holder = ctx(s.person_id.to_string(), Role::CouncilMember, county, None);
        votes::cast(
            state,
            &holder,
            motion.id,
            s.seat_id,
            VoteInput {
                choice: Some(VoteChoice::For.as_str().into()),
            },
        )
        .await
        .map_err(|e| failed(&format!("vote on the {}", motion_type.label_en()), e))?;
    }
    let closed = close::close(state, &chair, motion.id, None, CloseInput::default())
        .await
        .map_err(|e| failed(&format!("close the {}'s motion", motion_type.label_en()), e))?;
    if closed.outcome != Some(MotionOutcome::Adopted) {
        return Err(format!(
            "the office meeting of group {g_id} did not pass the {}",
            motion_type.label_en()
        ));
    }
    meetings::close(state, &chair, convened.id, None)
        .await
        .map_err(|e| failed("close the office meeting", e))?;
    Ok(())
}

async fn office_passes(
    state: &AppState,
    county: &str,
    g: &Group,
    adjustment: i64,
    title: &str,
) -> Result<(), String> {
    office_passes_motion(
        state,
        county,
        g.id,
        &chair(county, g),
        MotionType::StaffingAdjustment,
        adjustment,
        title,
    )
    .await
}
