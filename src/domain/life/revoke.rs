//! REVOKE (§2.4.4 "对违反国家法规政策及集团章程，情节严重拒不整改的，可取消其成员资格"): a
//! membership is revoked only when the school refused to rectify. An order shows that refusal in
//! two ways: it was left unanswered (`issued`) past its deadline, or the bureau found the
//! school's report not rectified (`not_rectified`, a decision with its reasons). An order still
//! open before its deadline, or answered and awaiting the bureau's decision, is not a refusal
//! yet, whatever its deadline: the bureau decides on the report first.

use chrono::NaiveDate;

use super::{refuse, RectificationStatus};
use crate::domain::rules::{Rule, RuleResult};

/// A rectification order as REVOKE sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFacts {
    pub id: i64,
    pub deadline: NaiveDate,
    pub status: RectificationStatus,
}

/// An order is overdue once its deadline has passed (`deadline < today`) while the bureau has
/// not closed it (resolved, or found not rectified).
pub fn is_overdue(deadline: NaiveDate, status: RectificationStatus, today: NaiveDate) -> bool {
    !status.is_final() && deadline < today
}

/// Whether the order shows the school refused to rectify (拒不整改): unanswered past its
/// deadline, or found not rectified by the bureau.
pub fn is_refused(o: &OrderFacts, today: NaiveDate) -> bool {
    match o.status {
        RectificationStatus::Issued => o.deadline < today,
        RectificationStatus::NotRectified => true,
        RectificationStatus::Responded | RectificationStatus::Resolved => false,
    }
}

/// REVOKE: allowed when an order to the membership shows a refusal (`is_refused`). The refusal
/// says what is missing: no order at all, or each open order and why it is no refusal yet.
pub fn check_revoke(school_id: i64, orders: &[OrderFacts], today: NaiveDate) -> RuleResult {
    if orders.iter().any(|o| is_refused(o, today)) {
        return Ok(());
    }
    let rule = "整改期限届满仍未报送整改情况，或报送后经教育局认定整改不到位的，方可取消其成员资格";
    let rule_en = "a membership is revoked only after an order's deadline passed unanswered, or \
                   after the bureau found the school's report not rectified";
    let (zh, en) = if orders.is_empty() {
        (
            format!("学校 #{school_id} 未收到整改通知；须先下达整改通知，{rule}。"),
            format!("School #{school_id} has no rectification order; {rule_en}."),
        )
    } else {
        let due: Vec<&OrderFacts> = orders
            .iter()
            .filter(|o| o.status == RectificationStatus::Issued)
            .collect();
        let answered: Vec<String> = orders
            .iter()
            .filter(|o| o.status == RectificationStatus::Responded)
            .map(|o| format!("#{}", o.id))
            .collect();
        let resolved = orders
            .iter()
            .filter(|o| o.status == RectificationStatus::Resolved)
            .count();
        let (mut zh, mut en): (Vec<String>, Vec<String>) = (vec![], vec![]);
        if let Some(first) = due.iter().map(|o| o.deadline).min() {
            zh.push(format!(
                "{} 份尚未到期（最早的整改期限为 {first}，今天是 {today}）",
                due.len()
            ));
            en.push(format!(
                "{} not yet due (the earliest deadline is {first}; today is {today})",
                due.len()
            ));
        }
        if !answered.is_empty() {
            zh.push(format!(
                "{} 份已报送整改情况、待教育局认定（{}）",
                answered.len(),
                answered.join("、")
            ));
            en.push(format!(
                "{} answered and awaiting the bureau's decision ({})",
                answered.len(),
                answered.join(", ")
            ));
        }
        if resolved > 0 {
            zh.push(format!("{resolved} 份已整改到位"));
            en.push(format!("{resolved} resolved"));
        }
        (
            format!(
                "学校 #{school_id} 的 {} 份整改通知中没有拒不整改的：{}；{rule}。",
                orders.len(),
                zh.join("，")
            ),
            format!(
                "None of the {} rectification order(s) to school #{school_id} shows a refusal \
                 to rectify: {}; {rule_en}.",
                orders.len(),
                en.join(", ")
            ),
        )
    };
    Err(refuse(
        Rule::Revoke,
        ("不满足取消成员资格的条件", "membership cannot be revoked"),
        zh,
        en,
    )
    .on_field("school_id"))
}
