//! STAFF-ADJUST: the path of a staffing adjustment (§2.4.1 "编制调整方案报教育部门研究同意后实施
//! ……定期报编制部门备案"; §2.4.2 "报县（市）教育行政部门批准后实施"). The chair proposes, the
//! office meeting passes it, the county bureau approves it, and only the approval changes the
//! allocations; approved adjustments are filed with the staffing office afterwards.

use super::AdjustmentStatus;
use crate::domain::rules::{Rule, RuleViolation};

/// What happens to an adjustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentAct {
    /// Tabled as an office-meeting motion (the status stays `proposed`).
    Table,
    OfficePass,
    OfficeReject,
    Approve,
    Refuse,
    Withdraw,
    /// Another proposal of the group's year was approved first.
    Supersede,
}

/// Why an act does not apply: the adjustment is closed already (a conflict), or the act comes
/// out of order (STAFF-ADJUST).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdjustRefusal {
    Closed(AdjustmentStatus),
    OutOfOrder(RuleViolation),
}

/// The status `act` leads to from `from`.
pub fn next(from: AdjustmentStatus, act: AdjustmentAct) -> Result<AdjustmentStatus, AdjustRefusal> {
    use AdjustmentAct as A;
    use AdjustmentStatus as S;
    if !from.is_open() {
        return Err(AdjustRefusal::Closed(from));
    }
    match (from, act) {
        (S::Proposed, A::Table) => Ok(S::Proposed),
        (S::Proposed, A::OfficePass) => Ok(S::OfficePassed),
        (S::Proposed, A::OfficeReject) => Ok(S::OfficeRejected),
        (S::OfficePassed, A::Approve) => Ok(S::Approved),
        (S::OfficePassed, A::Refuse) => Ok(S::Refused),
        (_, A::Withdraw) => Ok(S::Withdrawn),
        (_, A::Supersede) => Ok(S::Superseded),
        (S::Proposed, A::Approve | A::Refuse) => Err(AdjustRefusal::OutOfOrder(RuleViolation::of(
            Rule::StaffAdjust,
            "编制调整方案须先经理事长办公会议通过，再报教育局研究同意。",
            "The office meeting passes a staffing adjustment before the bureau decides on it.",
        ))),
        (S::OfficePassed, A::Table | A::OfficePass | A::OfficeReject) => {
            Err(AdjustRefusal::OutOfOrder(RuleViolation::of(
                Rule::StaffAdjust,
                "理事长办公会议已通过该方案，待教育局研究同意。",
                "The office meeting has passed the adjustment already; it awaits the bureau.",
            )))
        }
        _ => Err(AdjustRefusal::Closed(from)),
    }
}

/// A filing period: a year (`2026`), a half (`2026-H1`), a quarter (`2026-Q3`) or a month
/// (`2026-07`), as staffing offices ask for them.
pub fn period_is_valid(p: &str) -> bool {
    let b = p.as_bytes();
    let year = |s: &[u8]| s.len() == 4 && s.iter().all(u8::is_ascii_digit) && s[0] != b'0';
    match b.len() {
        4 => year(b),
        7 if b[4] == b'-' => {
            let (y, rest) = (&b[..4], &b[5..]);
            year(y)
                && match rest {
                    [b'H', h] => matches!(h, b'1' | b'2'),
                    [b'Q', q] => matches!(q, b'1'..=b'4'),
                    [m1, m2] if m1.is_ascii_digit() && m2.is_ascii_digit() => {
                        matches!((m1 - b'0') * 10 + (m2 - b'0'), 1..=12)
                    }
                    _ => false,
                }
        }
        _ => false,
    }
}
