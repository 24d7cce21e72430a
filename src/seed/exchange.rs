//! The demo's exchange year (issue #12): every established group with members has its annual
//! plan passed by its office meeting and carries it out, and the prefecture's groups fall into
//! four outcomes in turn, so the compliance reports show each kind of result:
//!
//! - 0: every figure met: 12% of the teachers exchanged, half of them backbone teachers, every
//!   subject of a newly opened member and every weak subject covered by a backbone dispatch;
//! - 1: too few exchanged (EXCH-GROUP-10 short);
//! - 2: enough exchanged, too few of them backbone teachers (EXCH-BACKBONE-40 short);
//! - 3: the shares met, one subject of a newly opened or weak member left without its backbone
//!   teacher (EXCH-NEW-SCHOOL-SUBJECT or EXCH-WEAK-SUBJECT short).
//!
//! Most exchanges run over the school year (September to July, active), some ran in the spring
//! term (completed), one per group is planned for next term and one was cancelled; one teacher
//! per group teaches a shortage subject part-time at a school outside the group (联校走教).
//! Weak members record their subjects with one weak. Everything goes through the service
//! functions as the chair or the bureau; a group with a plan for the year is left as it is.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use crate::db::schema::{edu_groups, schools};
use crate::domain::auth::Role;
use crate::domain::council::MotionType;
use crate::domain::exchange::ExchangeKind;
use crate::domain::groups::GroupStatus;
use crate::domain::registry::SchoolStanding;
use crate::error::ApiError;
use crate::repo::exchange::{facts, plans};
use crate::seed::counties::COUNTIES;
use crate::seed::groups::walk::{ctx, failed};
use crate::seed::staffing::office_passes_motion;
use crate::service::exchange::acts::{self, ExchangeActInput};
use crate::service::exchange::plans::{self as plan_svc, PlanInput, PlanLineInput};
use crate::service::exchange::records::{self, NewExchange};
use crate::service::exchange::subjects::{self, SchoolSubjectsInput, SubjectLine};
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeTally {
    pub plans: usize,
    pub exchanges: usize,
    pub already: usize,
}

impl ExchangeTally {
    pub fn summary(&self) -> String {
        format!(
            "seeded exchange: {} plans passed, {} exchanges{}",
            self.plans,
            self.exchanges,
            if self.already > 0 {
                format!("; {} groups had their plan already", self.already)
            } else {
                String::new()
            }
        )
    }
}

/// One school of a group with its staff `(person, backbone, subjects)`.
struct School {
    id: i64,
    standing: SchoolStanding,
    staff: Vec<(i64, bool, Vec<String>)>,
}

struct Group {
    id: i64,
    core: School,
    members: Vec<School>,
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

async fn load(
    state: &AppState,
    county: &'static str,
    year: i32,
) -> Result<Vec<(Group, bool)>, String> {
    state
        .db
        .read(move |conn| {
            let ids: Vec<i64> = edu_groups::table
                .filter(edu_groups::county_code.eq(county))
                .filter(edu_groups::status.eq(GroupStatus::Established))
                .order(edu_groups::id.asc())
                .select(edu_groups::id)
                .load(conn)?;
            let on = crate::service::exchange::compliance::head_count_on(year);
            let mut out = Vec::new();
            for id in ids {
                let scope = facts::Scope::Group { id, schools: &[] };
                let Some(g) = facts::groups(conn, scope)?.into_iter().next() else {
                    continue;
                };
                let members = facts::members(conn, scope, on)?;
                let school_ids: Vec<i64> = std::iter::once(g.core_school_id)
                    .chain(members.iter().map(|m| m.school_id))
                    .collect();
                let scope = facts::Scope::Group {
                    id,
                    schools: &school_ids,
                };
                let teachers = facts::teachers(conn, scope)?;
                let persons_subjects = crate::repo::registry::persons::subjects_of(
                    conn,
                    &teachers.iter().map(|t| t.person_id).collect::<Vec<_>>(),
                )?;
                let subjects_of = |p: i64| -> Vec<String> {
                    persons_subjects
                        .iter()
                        .filter(|(q, _)| *q == p)
                        .map(|(_, s)| s.clone())
                        .collect()
                };
                let standing_of: Vec<(i64, SchoolStanding)> = schools::table
                    .filter(schools::id.eq_any(school_ids.clone()))
                    .select((schools::id, schools::standing))
                    .load(conn)?;
                let school = |id: i64| School {
                    id,
                    standing: standing_of
                        .iter()
                        .find(|(s, _)| *s == id)
                        .map_or(SchoolStanding::Ordinary, |(_, st)| *st),
                    staff: teachers
                        .iter()
                        .filter(|t| t.school_id == id)
                        .map(|t| (t.person_id, t.backbone, subjects_of(t.person_id)))
                        .collect(),
                };
                let there = plans::find(conn, id, year)?.is_some();
                out.push((
                    Group {
                        id,
                        core: school(g.core_school_id),
                        members: members.iter().map(|m| school(m.school_id)).collect(),
                    },
                    there,
                ));
            }
            Ok::<_, ApiError>(out)
        })
        .await
        .map_err(|e| failed("read the county's groups and their staff", e))
}

fn bureau(county: &str) -> Ctx {
    ctx(
        format!("demo-bureau-{county}"),
        Role::CountyBureau,
        county,
        None,
    )
}

/// The outcomes in the order the groups take them: the demo has few established groups, and
/// the first three show one met and two short for different reasons.
const ORDER: [usize; 4] = [0, 3, 2, 1];

pub async fn seed(state: &AppState) -> Result<ExchangeTally, String> {
    let year = crate::domain::clock::today().year();
    let mut tally = ExchangeTally::default();
    // The outcome turns over the prefecture's groups, so that each kind shows up.
    let mut turn = 0usize;
    for c in COUNTIES {
        let county = c.code;
        let outside: Option<i64> = state
            .db
            .read(move |conn| {
                // A school in no group, for the cross-school teaching that leaves the group.
                Ok::<_, ApiError>(
                    schools::table
                        .filter(schools::county_code.eq(county))
                        .filter(diesel::dsl::not(diesel::dsl::exists(
                            crate::db::schema::group_memberships::table.filter(
                                crate::db::schema::group_memberships::school_id.eq(schools::id),
                            ),
                        )))
                        .filter(diesel::dsl::not(diesel::dsl::exists(
                            edu_groups::table.filter(edu_groups::core_school_id.eq(schools::id)),
                        )))
                        .order(schools::id.asc())
                        .select(schools::id)
                        .first(conn)
                        .optional()?,
                )
            })
            .await
            .map_err(|e| failed("find a school outside the groups", e))?;
        let groups = load(state, county, year).await?;
        for (g, there) in groups {
            if there {
                tally.already += 1;
                continue;
            }
            group_year(
                state,
                county,
                &g,
                year,
                ORDER[turn % 4],
                outside,
                &mut tally,
            )
            .await?;
            turn += 1;
        }
    }
    Ok(tally)
}

/// The chair's context for group `g`.
fn chair(county: &str, g: &Group) -> Ctx {
    ctx(
        format!("demo-principal-{}", g.core.id),
        Role::SchoolAdmin,
        county,
        Some(g.core.id),
    )
}

#[allow(clippy::too_many_arguments)]
async fn group_year(
    state: &AppState,
    county: &str,
    g: &Group,
    year: i32,
    outcome: usize,
    outside: Option<i64>,
    tally: &mut ExchangeTally,
) -> Result<(), String> {
    let Some(target) = g.members.first().map(|m| m.id) else {
        return Ok(());
    };
    let chair = chair(county, g);
    let teachers: usize =
        g.core.staff.len() + g.members.iter().map(|m| m.staff.len()).sum::<usize>();
    // The subjects each new or weak member needs a backbone teacher for.
    let mut needs: Vec<(i64, String)> = Vec::new();
    for m in &g.members {
        let taught: BTreeSet<String> = m.staff.iter().flat_map(|s| s.2.iter().cloned()).collect();
        match m.standing {
            SchoolStanding::NewlyOpened => needs.extend(taught.into_iter().map(|s| (m.id, s))),
            SchoolStanding::Weak => {
                // Its subjects recorded by the bureau, the first one weak.
                let lines: Vec<SubjectLine> = taught
                    .iter()
                    .enumerate()
                    .map(|(i, s)| SubjectLine {
                        subject_code: Some(s.clone()),
                        weak: i == 0,
                    })
                    .collect();
                if let Some(first) = taught.iter().next() {
                    needs.push((m.id, first.clone()));
                }
                subjects::put(
                    state,
                    &bureau(county),
                    m.id,
                    year,
                    IfMatch::Any,
                    SchoolSubjectsInput {
                        subjects: Some(lines),
                    },
                )
                .await
                .map_err(|e| failed("the bureau records a weak member's subjects", e))?;
            }
            _ => {}
        }
    }
    if outcome == 3 && !needs.is_empty() {
        needs.pop();
    }
    let want = match outcome {
        1 => (teachers * 6).div_ceil(100),
        _ => (teachers * 12).div_ceil(100),
    }
    .max(1);
    let backbone_share = if outcome == 2 { 20 } else { 50 };
    // Backbone dispatches from the core first (they cover the needed subjects), then rotations.
    let mut backbone: Vec<&(i64, bool, Vec<String>)> =
        g.core.staff.iter().filter(|s| s.1).collect();
    let mut plain: Vec<&(i64, bool, Vec<String>)> = g.core.staff.iter().filter(|s| !s.1).collect();
    plain.extend(
        g.members
            .iter()
            .flat_map(|m| m.staff.iter().filter(|s| !s.1)),
    );
    let want_backbone = if outcome == 2 {
        (want * backbone_share / 100).min(needs.len().max(1))
    } else {
        (want * backbone_share).div_ceil(100).max(needs.len())
    };
    let mut moves: Vec<(ExchangeKind, i64, i64, i64, Vec<String>)> = Vec::new();
    for (k, (to, subject)) in needs.iter().enumerate() {
        if k >= want_backbone && outcome == 2 {
            break;
        }
        let Some(p) = backbone.pop() else { break };
        moves.push((
            ExchangeKind::BackboneDispatch,
            p.0,
            g.core.id,
            *to,
            vec![subject.clone()],
        ));
    }
    while moves.len() < want_backbone {
        let Some(p) = backbone.pop() else { break };
        moves.push((ExchangeKind::Rotation, p.0, g.core.id, target, p.2.clone()));
    }
    let core_staff: BTreeSet<i64> = g.core.staff.iter().map(|s| s.0).collect();
    while moves.len() < want {
        let Some(p) = plain.pop() else { break };
        let (from, to) = if core_staff.contains(&p.0) {
            (g.core.id, target)
        } else {
            let from = g
                .members
                .iter()
                .find(|m| m.staff.iter().any(|s| s.0 == p.0))
                .map_or(target, |m| m.id);
            (from, g.core.id)
        };
        moves.push((ExchangeKind::Rotation, p.0, from, to, p.2.clone()));
    }
    // The plan: a line per kind, from and to, as many teachers as will move.
    let mut lines: Vec<PlanLineInput> = Vec::new();
    for (kind, _, from, to, _) in &moves {
        if let Some(l) = lines.iter_mut().find(|l| {
            l.kind.as_deref() == Some(kind.as_str())
                && l.from_school_id == Some(*from)
                && l.to_school_id == Some(*to)
        }) {
            l.teachers = l.teachers.map(|t| t + 1);
        } else {
            lines.push(PlanLineInput {
                kind: Some(kind.as_str().into()),
                from_school_id: Some(*from),
                to_school_id: Some(*to),
                teachers: Some(1),
            });
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let title = format!("{year}年度集团教师交流计划");
    let plan = plan_svc::put(
        state,
        &chair,
        g.id,
        year,
        IfMatch::Versions(vec![0]),
        PlanInput {
            title: Some(title.clone()),
            lines: Some(lines),
            note: Some("按照不低于10%的比例安排交流轮岗，骨干教师不低于40%".into()),
        },
    )
    .await
    .map_err(|e| failed("the chair drafts the exchange plan", e))?;
    office_passes_motion(
        state,
        county,
        g.id,
        &chair,
        MotionType::ExchangePlan,
        plan.id,
        &title,
    )
    .await?;
    tally.plans += 1;
    for (n, (kind, person, from, to, subjects)) in moves.iter().enumerate() {
        // Most over the school year; every fourth in the spring term, done.
        let (starts_on, ends_on, status) = if n % 4 == 3 {
            (date(year, 2, 24), date(year, 7, 10), "completed")
        } else {
            (date(year, 9, 1), date(year + 1, 7, 15), "active")
        };
        let input = NewExchange {
            person_id: Some(*person),
            kind: Some(kind.as_str().into()),
            from_school_id: Some(*from),
            to_school_id: Some(*to),
            subject_codes: subjects.clone(),
            share_percent: None,
            relation: Some(
                if n % 5 == 4 {
                    "transferred"
                } else {
                    "retained"
                }
                .into(),
            ),
            voluntary: n % 3 == 1,
            starts_on,
            ends_on,
            plan_id: Some(plan.id),
            status: Some(status.into()),
            note: None,
        };
        records::create(state, &chair, g.id, input)
            .await
            .map_err(|e| failed("the chair records an exchange", e))?;
        tally.exchanges += 1;
    }
    // One planned for next term, one cancelled, one teaching a shortage subject part-time
    // outside the group: from the staff that did not move.
    let moved: BTreeSet<i64> = moves.iter().map(|m| m.1).collect();
    let mut rest = plain
        .into_iter()
        .filter(|p| !moved.contains(&p.0) && core_staff.contains(&p.0));
    if let Some(p) = rest.next() {
        let x = records::create(
            state,
            &chair,
            g.id,
            NewExchange {
                person_id: Some(p.0),
                kind: Some(ExchangeKind::Rotation.as_str().into()),
                to_school_id: Some(target),
                subject_codes: p.2.clone(),
                starts_on: date(year + 1, 2, 23),
                ends_on: date(year + 1, 7, 10),
                plan_id: None,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| failed("the chair plans an exchange for next term", e))?;
        tally.exchanges += 1;
        let _ = x;
    }
    if let Some(p) = rest.next() {
        let x = records::create(
            state,
            &chair,
            g.id,
            NewExchange {
                person_id: Some(p.0),
                kind: Some(ExchangeKind::CrossStage.as_str().into()),
                to_school_id: Some(target),
                subject_codes: p.2.clone(),
                starts_on: date(year, 9, 1),
                ends_on: date(year + 1, 1, 20),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| failed("the chair plans a cross-stage exchange", e))?;
        acts::act(
            state,
            &chair,
            x.id,
            None,
            ExchangeActInput {
                act: Some("cancel".into()),
                on: None,
                note: Some("教师因病不能按期交流，取消。".into()),
            },
        )
        .await
        .map_err(|e| failed("the chair cancels an exchange", e))?;
        tally.exchanges += 1;
    }
    if let (Some(p), Some(outside)) = (rest.next(), outside) {
        records::create(
            state,
            &chair,
            g.id,
            NewExchange {
                person_id: Some(p.0),
                kind: Some(ExchangeKind::CrossSchoolTeaching.as_str().into()),
                to_school_id: Some(outside),
                subject_codes: vec!["25".into()],
                share_percent: Some(30),
                voluntary: true,
                starts_on: date(year, 9, 1),
                ends_on: date(year + 1, 1, 20),
                status: Some("active".into()),
                note: Some("联校走教：每周到乡村学校上美术课".into()),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| failed("the chair records cross-school teaching", e))?;
        tally.exchanges += 1;
    }
    Ok(())
}
