//! Closing a motion: the roll is frozen (entitled seats, attendance, recusals), the votes are
//! counted and `voting::decide` gives the outcome; an adopted motion becomes a resolution in the
//! same transaction, and a secret ballot forgets who voted how.

use serde::Deserialize;
use utoipa::ToSchema;

use super::motions::{audit, motion_view, not_open};
use super::resolutions::issue;
use super::rules::{tally, FrozenRule, Roll};
use super::views::Motion;
use super::{load_motion, record};
use crate::domain::council::voting::{check_tally, decide, quorum_met, quorum_required};
use crate::domain::council::{Ballot, ChairDecision, MotionStatus};
use crate::domain::council::{MotionOutcome, TallyInput};
use crate::domain::groups::OfficeDecision;
use crate::error::ApiResult;
use crate::repo::changes::Op;
use crate::repo::council::meetings as meetings_repo;
use crate::repo::council::motions::{self as repo, MotionClose};
use crate::repo::council::{seats, votes};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// What closing takes: nothing for a counted motion; the chair's decision for an office motion
/// under a charter where the chair decides after hearing the members.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({}))]
pub struct CloseInput {
    #[schema(value_type = Option<ChairDecision>)]
    pub decision: Option<String>,
}

/// The outcome and the numbers to store: by count, or by the chair's decision (which still
/// needs the meeting's quorum, MEETING-QUORUM).
fn outcome(
    rule: &FrozenRule,
    input: &TallyInput,
    decision: Option<ChairDecision>,
) -> (MotionOutcome, Option<u32>, u32) {
    match decision {
        None => {
            let d = decide(input, &rule.threshold, &rule.quorum);
            (d.outcome, Some(d.required_votes), d.quorum_required)
        }
        Some(choice) => {
            let q = quorum_required(input.seats, &rule.quorum);
            let o = if !quorum_met(input.seats, input.present, &rule.quorum) {
                MotionOutcome::NoQuorum
            } else if choice == ChairDecision::Adopt {
                MotionOutcome::Adopted
            } else {
                MotionOutcome::Rejected
            };
            (o, None, q)
        }
    }
}

fn parse_decision(rule: &FrozenRule, raw: Option<String>) -> ApiResult<Option<ChairDecision>> {
    let mut c = Checks::new();
    let by_chair = rule.decided_by == OfficeDecision::ChairAfterHearing;
    let decision = match raw {
        Some(v) if by_chair => {
            c.enum_code("decision", &v, ChairDecision::parse, ChairDecision::codes())
        }
        Some(_) => {
            c.push(
                "decision",
                "本议案按表决结果决定，不能由理事长决定。",
                "This motion is decided by its count, not by the chair.",
            );
            None
        }
        None if by_chair => {
            c.push(
                "decision",
                "章程规定理事长办公会议由理事长听取意见后决定：请给出 adopt 或 reject。",
                "The charter has the chair decide office motions after hearing the members: give adopt or reject.",
            );
            None
        }
        None => None,
    };
    c.finish()?;
    Ok(decision)
}

fn to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

pub async fn close(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: CloseInput,
) -> ApiResult<Motion> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, m, row) = load_motion(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(im) = &if_match {
                im.check(row.version)?;
            }
            if row.status != MotionStatus::Open {
                return Err(not_open());
            }
            let rule = FrozenRule::of_row(&row)?;
            let decision = parse_decision(&rule, input.decision)?;
            let body = m.body;
            let seat_ids: Vec<i64> = seats::active(conn, g.id, body.as_str())?
                .iter()
                .map(|s| s.id)
                .collect();
            let attendance = meetings_repo::attendance(conn, m.id)?;
            let recused = repo::recused(conn, row.id)?;
            let cast = votes::of_motion(conn, row.id)?;
            let input = tally(&Roll {
                seats: &seat_ids,
                attendance: &attendance,
                recused: &recused,
                votes: &cast,
            });
            check_tally(&input)?;
            let (outcome, required, quorum) = outcome(&rule, &input, decision);
            let now = crate::repo::now();
            let change = MotionClose {
                status: MotionStatus::Closed,
                outcome: Some(outcome),
                seats_count: Some(to_i32(input.seats)),
                present_count: Some(to_i32(input.present)),
                recused_count: Some(to_i32(input.recused)),
                votes_for: Some(to_i32(input.votes_for)),
                votes_against: Some(to_i32(input.against)),
                votes_abstain: Some(to_i32(input.abstain)),
                required_votes: required.map(to_i32),
                quorum_required: Some(to_i32(quorum)),
                closed_at: Some(now),
            };
            let closed = repo::close(conn, row.id, row.version, &change, now)?
                .ok_or_else(|| stale(row.version + 1))?;
            if closed.ballot == Ballot::Secret {
                votes::blank_choices(conn, closed.id)?;
            }
            let resolution = if outcome == MotionOutcome::Adopted {
                Some(issue(conn, &ctx, &g, &closed)?)
            } else {
                None
            };
            if let Some(effect) = super::effects::of(closed.motion_type) {
                let c = super::effects::Closing {
                    group: &g,
                    body,
                    motion: &closed,
                    outcome,
                    resolution: resolution.as_ref(),
                };
                effect.closed(conn, &ctx, &c)?;
            }
            let motion = motion_view(conn, closed)?;
            let mut a = audit(Op::Updated, "motion.close", &motion);
            if let (Some(d), Some(obj)) = (decision, a.after.as_object_mut()) {
                obj.insert("chair_decision".into(), d.as_str().into());
            }
            record(conn, &ctx, &g, a)?;
            Ok(motion)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::groups::{Fraction, GroupRuleSettings, MajorityBase, Threshold};

    fn rule(decided_by: OfficeDecision) -> FrozenRule {
        let s = GroupRuleSettings::default();
        FrozenRule {
            threshold: s.simple_majority,
            quorum: s.quorum,
            decided_by,
        }
    }

    fn input(seats: u32, present: u32, f: u32, a: u32) -> TallyInput {
        TallyInput {
            seats,
            present,
            recused: 0,
            votes_for: f,
            against: a,
            abstain: 0,
        }
    }

    #[test]
    fn the_chair_decides_only_with_a_quorum() {
        let r = rule(OfficeDecision::ChairAfterHearing);
        let adopt = Some(ChairDecision::Adopt);
        assert_eq!(
            outcome(&r, &input(6, 4, 0, 0), adopt),
            (MotionOutcome::Adopted, None, 4)
        );
        assert_eq!(
            outcome(&r, &input(6, 3, 0, 0), adopt).0,
            MotionOutcome::NoQuorum
        );
        assert_eq!(
            outcome(&r, &input(6, 6, 6, 0), Some(ChairDecision::Reject)).0,
            MotionOutcome::Rejected
        );
    }

    #[test]
    fn a_count_uses_the_frozen_threshold() {
        let mut r = rule(OfficeDecision::Vote);
        assert_eq!(
            outcome(&r, &input(7, 7, 4, 3), None),
            (MotionOutcome::Adopted, Some(4), 5)
        );
        assert_eq!(
            outcome(&r, &input(7, 7, 3, 0), None).0,
            MotionOutcome::Rejected
        );
        r.threshold = Threshold {
            fraction: Fraction::HALF,
            strict: true,
            base: MajorityBase::VotesCast,
        };
        assert_eq!(outcome(&r, &input(7, 7, 2, 2), None).0, MotionOutcome::Tied);
    }

    #[test]
    fn a_decision_is_required_exactly_when_the_chair_decides() {
        let chair = rule(OfficeDecision::ChairAfterHearing);
        let vote = rule(OfficeDecision::Vote);
        assert!(parse_decision(&chair, None).is_err());
        assert!(parse_decision(&chair, Some("maybe".into())).is_err());
        assert_eq!(
            parse_decision(&chair, Some("reject".into())).ok().flatten(),
            Some(ChairDecision::Reject)
        );
        assert!(parse_decision(&vote, Some("adopt".into())).is_err());
        assert!(parse_decision(&vote, None).is_ok_and(|d| d.is_none()));
    }
}
