//! The demo's group funds (issue #14): every established group gets the year's funds from its
//! county bureau by purpose (FUNDS-PURPOSE); its council adopts the year's budget plan
//! (预算方案, a council matter), and the chair records spending under it from the group's
//! funds, a member's own spending for the group and a shared venue (ACCOUNTS-INDEPENDENT).
//! The exchanges seeded before appear as people in the statements by themselves. Everything
//! goes through the service functions as the bureau, the chair and the seat holders; a group
//! whose funds for the year exist is left as it is.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use diesel::prelude::*;

use crate::db::schema::{edu_groups, resolutions};
use crate::domain::auth::Role;
use crate::domain::council::{Attendance, Ballot, Body, MotionOutcome, MotionType, VoteChoice};
use crate::domain::groups::GroupStatus;
use crate::error::ApiError;
use crate::repo::funds as repo;
use crate::seed::counties::COUNTIES;
use crate::seed::groups::walk::{ctx, failed};
use crate::service::council::attendance::{self, AttendanceInput, AttendanceItem};
use crate::service::council::close::{self, CloseInput};
use crate::service::council::meetings::{self, NewMeeting};
use crate::service::council::motions::{self, NewMotion};
use crate::service::council::votes::{self, VoteInput};
use crate::service::funds::allocations::{self, FundLineInput, GroupFundsInput};
use crate::service::funds::entries::{self, NewFundEntry};
use crate::service::groups::council;
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FundsTally {
    pub funded: usize,
    pub budgets: usize,
    pub entries: usize,
    pub already: usize,
}

impl FundsTally {
    pub fn summary(&self) -> String {
        format!(
            "seeded funds: {} groups funded for the year, {} budget plans adopted by the council, {} pooled-use entries{}",
            self.funded,
            self.budgets,
            self.entries,
            if self.already > 0 {
                format!("; {} groups had theirs already", self.already)
            } else {
                String::new()
            }
        )
    }
}

/// The year's allocation of a group, by purpose (yuan).
const LINES: [(&str, i64); 6] = [
    ("informatisation", 200_000),
    ("backbone_teacher_mobility", 150_000),
    ("quality_course_development", 80_000),
    ("teaching_research_training", 60_000),
    ("shared_venues", 30_000),
    ("renowned_teacher_training", 80_000),
];

/// The group's council adopts a budget plan: a council meeting with every seat present, a
/// motion of type `budget_plan`, all in favour. Returns the resolution's id.
async fn council_adopts_budget(
    state: &AppState,
    county: &str,
    group_id: i64,
    chair: &Ctx,
    year: i32,
) -> Result<i64, String> {
    let seats = council::get(state, chair, group_id)
        .await
        .map_err(|e| failed("read the council's seats", e))?
        .seats;
    let now = Utc::now();
    let scheduled_at: DateTime<Utc> = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let convened = meetings::convene(
        state,
        chair,
        group_id,
        NewMeeting {
            body: Some(Body::Council.as_str().into()),
            kind: Some("regular".into()),
            scheduled_at: Some(scheduled_at),
            agenda: Some(format!("审议{year}年度集团预算方案")),
            demand_id: None,
        },
    )
    .await
    .map_err(|e| failed("convene the council", e))?;
    let items = seats
        .iter()
        .map(|s| AttendanceItem {
            seat_id: Some(s.seat_id),
            status: Some(Attendance::Present.as_str().into()),
            proxy_seat_id: None,
        })
        .collect();
    attendance::put(
        state,
        chair,
        convened.id,
        IfMatch::Versions(vec![convened.version]),
        AttendanceInput { entries: items },
    )
    .await
    .map_err(|e| failed("record the council's attendance", e))?;
    let motion = motions::create(
        state,
        chair,
        convened.id,
        NewMotion {
            title: Some(format!("关于{year}年度集团预算方案的议案")),
            motion_type: Some(MotionType::BudgetPlan.as_str().into()),
            ballot: Some(Ballot::Open.as_str().into()),
            concerns_school_id: None,
            recused_seat_ids: Vec::new(),
            subject_id: None,
        },
    )
    .await
    .map_err(|e| failed("table the budget plan", e))?;
    for s in &seats {
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
        .map_err(|e| failed("vote on the budget plan", e))?;
    }
    let closed = close::close(state, chair, motion.id, None, CloseInput::default())
        .await
        .map_err(|e| failed("close the budget plan's motion", e))?;
    if closed.outcome != Some(MotionOutcome::Adopted) {
        return Err(format!(
            "the council of group {group_id} did not adopt the budget plan"
        ));
    }
    meetings::close(state, chair, convened.id, None)
        .await
        .map_err(|e| failed("close the council meeting", e))?;
    closed
        .resolution
        .map(|r| r.id)
        .ok_or_else(|| format!("the budget plan of group {group_id} has no resolution"))
}

/// A money entry: `(bearer, beneficiary)` the schools whose accounts it concerns.
fn money(
    source: &str,
    purpose: &str,
    (bearer, beneficiary): (i64, Option<i64>),
    resolution: i64,
    amount: i64,
    on: NaiveDate,
    what: &str,
) -> NewFundEntry {
    NewFundEntry {
        kind: Some("money".into()),
        source: Some(source.into()),
        purpose: Some(purpose.into()),
        bearer_school_id: Some(bearer),
        beneficiary_school_id: beneficiary,
        resolution_id: Some(resolution),
        amount_yuan: Some(amount),
        starts_on: Some(on),
        description: Some(what.into()),
        ..NewFundEntry::default()
    }
}

/// A group as the seed reads it: id, core, first current member, whether the year's funds
/// exist, and the year's budget-plan resolution if the council adopted one.
type GroupFacts = (i64, i64, Option<i64>, bool, Option<i64>);

pub async fn seed(state: &AppState) -> Result<FundsTally, String> {
    let year = crate::domain::clock::today().year();
    let mut tally = FundsTally::default();
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).ok_or("a date of the year");
    for c in COUNTIES {
        let county = c.code;
        let bureau = ctx(
            format!("demo-bureau-{county}"),
            Role::CountyBureau,
            county,
            None,
        );
        let groups: Vec<GroupFacts> = state
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
                    let funded = repo::find_funds(conn, id, year)?.is_some();
                    let budget: Option<i64> = resolutions::table
                        .filter(resolutions::group_id.eq(id))
                        .filter(resolutions::year.eq(year))
                        .filter(resolutions::motion_type.eq(MotionType::BudgetPlan.as_str()))
                        .select(resolutions::id)
                        .first(conn)
                        .optional()?;
                    out.push((id, core, m.first().map(|m| m.school_id), funded, budget));
                }
                Ok::<_, ApiError>(out)
            })
            .await
            .map_err(|e| failed("read the county's groups", e))?;
        for (group, core, member, funded, budget) in groups {
            if funded {
                tally.already += 1;
                continue;
            }
            allocations::put(
                state,
                &bureau,
                group,
                year,
                IfMatch::Versions(vec![0]),
                GroupFundsInput {
                    lines: Some(
                        LINES
                            .iter()
                            .map(|(p, a)| FundLineInput {
                                purpose: Some((*p).into()),
                                amount_yuan: Some(*a),
                                description: None,
                            })
                            .collect(),
                    ),
                    note: Some(format!("{year}年度集团化办学专项经费")),
                },
            )
            .await
            .map_err(|e| failed("the group's funds", e))?;
            tally.funded += 1;
            let chair = ctx(
                format!("demo-chair-{group}"),
                Role::SchoolAdmin,
                county,
                Some(core),
            );
            let budget = match budget {
                Some(b) => b,
                None => {
                    tally.budgets += 1;
                    council_adopts_budget(state, county, group, &chair, year).await?
                }
            };
            let Some(member) = member else {
                continue;
            };
            let mut list = vec![
                money(
                    "group_funds",
                    "informatisation",
                    (core, Some(member)),
                    budget,
                    68_000,
                    day(4, 15)?,
                    "成员学校录播教室与同步课堂设备",
                ),
                money(
                    "group_funds",
                    "backbone_teacher_mobility",
                    (core, Some(member)),
                    budget,
                    36_000,
                    day(9, 30)?,
                    "交流骨干教师交通与生活补助",
                ),
                money(
                    "member_own",
                    "teaching_research_training",
                    (member, None),
                    budget,
                    4_500,
                    day(5, 20)?,
                    "承办集团联合教研活动",
                ),
            ];
            list.push(NewFundEntry {
                kind: Some("goods".into()),
                source: Some("member_own".into()),
                purpose: Some("shared_venues".into()),
                bearer_school_id: Some(core),
                beneficiary_school_id: Some(member),
                resolution_id: Some(budget),
                quantity: Some(24.0),
                unit: Some("hours".into()),
                starts_on: Some(day(6, 1)?),
                ends_on: Some(day(6, 30)?),
                description: Some("核心学校田径场供成员学校运动会使用".into()),
                ..NewFundEntry::default()
            });
            for e in list {
                entries::create(state, &chair, group, e)
                    .await
                    .map_err(|e| failed("a pooled-use entry", e))?;
                tally.entries += 1;
            }
        }
    }
    Ok(tally)
}
