//! EXCH-TREATMENT: the treatments an exchange earns, derived from the record itself so that a
//! flag can never outlive or precede the exchange it comes from.
//!
//! - A backbone dispatch (§2.4.2 "被选派的骨干教师享受所在单位中层干部待遇，并优先考虑其评优、
//!   评先及职称评聘") gives middle-cadre treatment at the receiving school and priority in awards
//!   and in title evaluation.
//! - A voluntary move to another member of the group (§2.4.2 "对主动交流到其他成员单位的优秀
//!   教师，优先安排其职称评聘") gives priority in title evaluation. The policy says 成员单位, so
//!   a voluntary cross-school teaching exchange to a school outside the group earns nothing.
//!
//! The treatment runs for the exchange's span while it is active or completed; a cancelled or
//! merely planned exchange earns none.

use super::{ExchangeKind, ExchangeStatus, Treatment};

/// What the rule needs of one exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub kind: ExchangeKind,
    pub status: ExchangeStatus,
    pub voluntary: bool,
    /// The receiving school is a member of the exchange's group.
    pub to_member: bool,
}

/// The treatments of one exchange, in a fixed order.
pub fn treatments(b: &Basis) -> Vec<Treatment> {
    if !b.status.took_place() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if b.kind == ExchangeKind::BackboneDispatch {
        out.extend([
            Treatment::MiddleCadre,
            Treatment::AwardPriority,
            Treatment::TitlePriority,
        ]);
    } else if b.voluntary && b.to_member {
        out.push(Treatment::TitlePriority);
    }
    out
}
