//! ASSESS-STATE: which act applies in which state. Scores change only before finalisation; a
//! finalised assessment is corrected only after a recorded reopening with reasons; a published
//! one is final (its outcomes — pay, growth reviews — have followed from it).

use super::{AssessmentAct, AssessmentStatus};
use crate::domain::rules::{Rule, RuleViolation};

/// The state `act` leads to from `from`, or the refusal naming ASSESS-STATE.
pub fn next(from: AssessmentStatus, act: AssessmentAct) -> Result<AssessmentStatus, RuleViolation> {
    use AssessmentAct as A;
    use AssessmentStatus as S;
    let to = match (act, from) {
        (A::Compute, s) if s.takes_scores() => Some(s),
        (A::MarkScored, S::Open | S::SelfAssessed) => Some(S::Scored),
        (A::Finalise, S::Scored) => Some(S::Finalised),
        (A::Publish, S::Finalised) => Some(S::Published),
        (A::Reopen, S::Finalised) => Some(S::Scored),
        _ => None,
    };
    to.ok_or_else(|| refusal(from, act))
}

fn refusal(from: AssessmentStatus, act: AssessmentAct) -> RuleViolation {
    let (zh, en) = match (act, from) {
        (AssessmentAct::Reopen, AssessmentStatus::Published) => (
            "考核结果已公布，不能重新开启；公布后的结果是绩效工资与成长评估的依据。".to_string(),
            "The results are published and cannot be reopened: pay and growth reviews follow from them."
                .to_string(),
        ),
        (AssessmentAct::Compute, _) => (
            format!("考核状态为“{}”，定等后分数不能再变动；如需更正，先重新开启（须说明理由）。", from.label_zh()),
            format!(
                "The assessment is {}: scores change only before finalisation; reopen it with reasons to correct one.",
                from.as_str()
            ),
        ),
        _ => (
            format!("考核状态为“{}”，不能“{}”。", from.label_zh(), act.label_zh()),
            format!("The assessment is {}; it cannot {}.", from.as_str(), act.label_en()),
        ),
    };
    RuleViolation::of(Rule::AssessState, zh, en)
}

/// Scores may be entered (by the bureau's assessors) only while the state takes them.
pub fn check_scoring(from: AssessmentStatus) -> Result<(), RuleViolation> {
    if from.takes_scores() {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::AssessState,
        format!("考核状态为“{}”，定等后分数不能再变动；如需更正，先重新开启（须说明理由）。", from.label_zh()),
        format!(
            "The assessment is {}: scores change only before finalisation; reopen it with reasons to correct one.",
            from.as_str()
        ),
    ))
}

/// The group's self-assessment comes first, once, while the assessment is open.
pub fn check_self_assessment(from: AssessmentStatus) -> Result<(), RuleViolation> {
    if from == AssessmentStatus::Open {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::AssessState,
        format!(
            "考核状态为“{}”，自评只能在考核开启后、评分前提交一次。",
            from.label_zh()
        ),
        format!(
            "The assessment is {}: the self-assessment is submitted once, while it is open.",
            from.as_str()
        ),
    ))
}
