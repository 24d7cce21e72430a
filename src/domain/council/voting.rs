//! Quorum and majority arithmetic for council and office meetings (§2.3.2: the council decides
//! "按照民主集中制的原则"; MEETING-QUORUM and MOTION-THRESHOLD of DOMAIN.md).
//!
//! All arithmetic is on integers: "votes reach fraction × base" is `votes × denominator` against
//! `base × numerator`, so two thirds of 7 seats needs 5 votes, never 4.67.
//!
//! Counting choices:
//! - `present` is frozen when the motion closes and counts seat holders there in person or by
//!   proxy; the quorum is at least `quorum × seats` of them (and at least one person).
//! - A recused seat holder (conflict of interest) is present and counts toward the quorum (the
//!   meeting is as representative as it was), but neither votes nor counts in the base:
//!   otherwise a recusal would silently weigh as a vote against. So `AllSeats` is all seats
//!   less the recused, `Present` is those present less the recused, and `VotesCast` is for +
//!   against (an abstention expresses no view, so it does not count).
//! - Democratic centralism: the body decides by its majority, and a motion never passes
//!   without at least one vote for. A tie (for = against, neither side reaching the threshold)
//!   is recorded as `tied` where the threshold is on votes cast; on the other bases a tie simply
//!   falls short, and the motion is `rejected`.

use super::vocab::{Attendance, MotionOutcome};
use crate::domain::groups::settings::{Fraction, MajorityBase, Threshold};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};

/// The counts of one motion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TallyInput {
    /// All seats of the body.
    pub seats: u32,
    /// Present in person or by proxy, frozen when the motion closes.
    pub present: u32,
    /// Present seat holders recused from this motion (included in `present`).
    pub recused: u32,
    pub votes_for: u32,
    pub against: u32,
    pub abstain: u32,
}

/// What `decide` found, with the numbers a resolution records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub outcome: MotionOutcome,
    pub quorum_required: u32,
    pub quorum_met: bool,
    /// The denominator the threshold applied to, after recusals.
    pub base: u32,
    pub required_votes: u32,
    pub votes_for: u32,
    pub against: u32,
    pub abstain: u32,
}

/// Seat holders counted present: in person or by proxy.
pub fn count_present(attendance: &[Attendance]) -> u32 {
    let n = attendance
        .iter()
        .filter(|a| matches!(a, Attendance::Present | Attendance::Proxy))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Seats that must be present: at least `quorum × seats`, rounded up, and never fewer than one.
pub fn quorum_required(seats: u32, quorum: &Fraction) -> u32 {
    let product = u64::from(seats) * u64::from(quorum.numerator);
    let needed = match u64::from(quorum.denominator) {
        0 => u64::from(seats),
        den => product.div_ceil(den),
    };
    clamp_u32(needed).max(1)
}

/// The denominator of a threshold on `base` for this tally (see the module doc).
pub fn vote_base(input: &TallyInput, base: MajorityBase) -> u32 {
    match base {
        MajorityBase::AllSeats => input.seats.saturating_sub(input.recused),
        MajorityBase::Present => input.present.saturating_sub(input.recused),
        MajorityBase::VotesCast => input.votes_for.saturating_add(input.against),
    }
}

/// Votes for a motion needs on a base of `base`: the least `v ≥ 1` with `v × d > base × n`
/// (strict) or `v × d ≥ base × n` (at least).
pub fn required_votes(base: u32, t: &Threshold) -> u32 {
    let product = u64::from(base) * u64::from(t.fraction.numerator);
    let needed = match u64::from(t.fraction.denominator) {
        0 => u64::from(base) + 1,
        den if t.strict => product / den + 1,
        den => product.div_ceil(den),
    };
    clamp_u32(needed).max(1)
}

/// Whether `votes` reach threshold `t` on `base`, by cross-multiplication.
pub fn reaches(votes: u32, base: u32, t: &Threshold) -> bool {
    let lhs = u64::from(votes) * u64::from(t.fraction.denominator);
    let rhs = u64::from(base) * u64::from(t.fraction.numerator);
    let over = if t.strict { lhs > rhs } else { lhs >= rhs };
    votes >= 1 && t.fraction.denominator > 0 && over
}

/// The outcome of a motion. Call `check_tally` first: inconsistent counts are not refused here.
pub fn decide(input: &TallyInput, t: &Threshold, quorum: &Fraction) -> Decision {
    let quorum_required = quorum_required(input.seats, quorum);
    let quorum_met = quorum_met(input.seats, input.present, quorum);
    let base = vote_base(input, t.base);
    let outcome = if !quorum_met {
        MotionOutcome::NoQuorum
    } else if reaches(input.votes_for, base, t) {
        MotionOutcome::Adopted
    } else if t.base == MajorityBase::VotesCast
        && input.votes_for == input.against
        && input.votes_for > 0
    {
        MotionOutcome::Tied
    } else {
        MotionOutcome::Rejected
    };
    Decision {
        outcome,
        quorum_required,
        quorum_met,
        base,
        required_votes: required_votes(base, t),
        votes_for: input.votes_for,
        against: input.against,
        abstain: input.abstain,
    }
}

fn clamp_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn threshold_violation(zh: String, en: String) -> RuleViolation {
    RuleViolation::new(
        Rule::MotionThreshold,
        Msg::new(
            "表决不符合议事规则",
            "vote not allowed by the rules of procedure",
        ),
        Msg::new(zh, en),
    )
}

/// MEETING-QUORUM: the meeting may decide only with `quorum × seats` present.
/// MEETING-QUORUM as a yes/no: the one place the quorum is decided, for counted and
/// chair-decided motions alike.
pub fn quorum_met(seats: u32, present: u32, quorum: &Fraction) -> bool {
    seats > 0 && present >= quorum_required(seats, quorum)
}

pub fn check_quorum(seats: u32, present: u32, quorum: &Fraction) -> RuleResult {
    let required = quorum_required(seats, quorum);
    if quorum_met(seats, present, quorum) {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::MeetingQuorum,
        Msg::new("未达到法定人数", "no quorum"),
        Msg::new(
            format!(
                "全体{seats}个席位中出席{present}个（含委托），按{quorum}的比例至少需要{required}个。"
            ),
            format!(
                "{present} of {seats} seats are present (proxies \
                 included); a quorum of {quorum} needs {required}."
            ),
        ),
    ))
}

/// MOTION-THRESHOLD, one vote per seat: the counts are consistent (present ≤ seats, recused ≤
/// present, votes ≤ present less recused).
pub fn check_tally(input: &TallyInput) -> RuleResult {
    let votes = u64::from(input.votes_for) + u64::from(input.against) + u64::from(input.abstain);
    let eligible = input.present.saturating_sub(input.recused);
    if input.present > input.seats || input.recused > input.present {
        return Err(threshold_violation(
            format!(
                "出席{}人、回避{}人与席位数{}不符。",
                input.present, input.recused, input.seats
            ),
            format!(
                "{} present and {} recused do not fit {} seats.",
                input.present, input.recused, input.seats
            ),
        ));
    }
    if votes > u64::from(eligible) {
        return Err(threshold_violation(
            format!(
                "共{votes}票，超过可表决席位{eligible}个（出席{}个，回避{}个）；每个席位只有一票。",
                input.present, input.recused
            ),
            format!(
                "{votes} votes exceed the {eligible} seats that may vote \
                 ({} present, {} recused); one vote per seat.",
                input.present, input.recused
            ),
        ));
    }
    Ok(())
}

/// A seat holder's attempt to vote on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteAttempt {
    pub motion_open: bool,
    pub holds_seat: bool,
    /// The seat's attendance as recorded now (it is frozen when the motion closes); a proxy
    /// votes for the seat.
    pub attendance: Attendance,
    pub recused: bool,
}

/// MOTION-THRESHOLD: one vote per seat, by seat holders present (or their proxies) and not
/// recused, while the motion is open; a vote is final when the motion closes (while open the
/// seat's vote may be changed: the store keeps one per seat).
pub fn check_vote_allowed(a: &VoteAttempt) -> RuleResult {
    let (zh, en) = if !a.motion_open {
        (
            "议案表决已结束，表决结果为最终结果。",
            "The motion is closed; its votes are final.",
        )
    } else if !a.holds_seat {
        (
            "只有本机构席位持有人才能表决，每个席位一票。",
            "Only seat holders of this body vote, one vote per seat.",
        )
    } else if a.attendance == Attendance::Absent {
        (
            "议案开始表决时该席位缺席，不能表决。",
            "The seat was absent when the motion opened and cannot vote.",
        )
    } else if a.recused {
        (
            "该席位持有人已回避本议案，不能表决。",
            "The seat holder is recused from this motion and cannot vote.",
        )
    } else {
        return Ok(());
    };
    Err(threshold_violation(zh.into(), en.into()).on_field("vote"))
}

/// For rules that need a passed motion (e.g. a cadre nomination): MEETING-QUORUM when there was
/// no quorum, MOTION-THRESHOLD when it was not adopted, with the numbers.
pub fn check_adopted(d: &Decision, t: &Threshold) -> RuleResult {
    match d.outcome {
        MotionOutcome::Adopted => Ok(()),
        MotionOutcome::NoQuorum => Err(RuleViolation::new(
            Rule::MeetingQuorum,
            Msg::new("未达到法定人数", "no quorum"),
            Msg::new(
                format!(
                    "议案表决时未达到法定人数（至少需要{}个席位出席）。",
                    d.quorum_required
                ),
                format!(
                    "The motion was voted without a quorum ({} seats needed).",
                    d.quorum_required
                ),
            ),
        )),
        other => {
            let rule = t.describe();
            Err(threshold_violation(
                format!(
                    "议案未获通过（{}）：赞成{}票、反对{}票、弃权{}票，须{}即{}票。",
                    other.label_zh(),
                    d.votes_for,
                    d.against,
                    d.abstain,
                    rule.zh,
                    d.required_votes
                ),
                format!(
                    "The motion was not adopted ({}): {} for, {} against, {} \
                     abstaining; it needs {}, i.e. {} votes.",
                    other.as_str(),
                    d.votes_for,
                    d.against,
                    d.abstain,
                    rule.en,
                    d.required_votes
                ),
            ))
        }
    }
}

#[cfg(test)]
#[path = "voting_tests.rs"]
mod tests;
