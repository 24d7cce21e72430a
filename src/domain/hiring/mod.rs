//! Two-way hiring (崗位雙向聘用, §2.4.2, HIRE-TWO-WAY) as plain functions: the assessment
//! method of a round, the weighted total of a hire, whether a teacher's title fits a post,
//! whether a round's posts stay within the member's allocation (STAFF-POOL), and the path each
//! teacher's outcome takes.
//!
//! §2.4.2: "集团要以崗位職責為依據，以師德、能力、業績、貢獻為核心，制定不同工作崗位的分類聘用考核
//! 辦法，全面落實崗位雙向聘用考核制度。對在雙向聘用中落聘的教職工，進行轉崗培訓安置，仍不能適應
//! 工作的，解除聘用關系。"
//!
//! The path of an outcome: `hired` (to a post of the round), or `not_hired` →
//! `transfer_training` → `reassigned` (to a post of the round) | `contract_ended`. `hired`,
//! `reassigned` and `contract_ended` end it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::domain::staffing::{PostCategory, PostLevel};
use crate::vocab_enum;

vocab_enum! {
    /// Where a hiring round stands: `open` takes posts and outcomes; `closed` takes only the
    /// later steps of outcomes already recorded (transfer training takes its time).
    #[derive(Default)]
    pub enum RoundStatus ("hiring_round_status") {
        #[default]
        Open = ("open", "聘用进行中", "open"),
        Closed = ("closed", "聘用已结束", "closed"),
    }
}

vocab_enum! {
    /// Where a teacher's outcome in a round stands.
    pub enum OutcomeStatus ("hiring_outcome_status") {
        Hired = ("hired", "已聘用", "hired"),
        NotHired = ("not_hired", "落聘", "not hired"),
        TransferTraining = ("transfer_training", "转岗培训", "in transfer training"),
        Reassigned = ("reassigned", "转岗安置", "reassigned"),
        ContractEnded = ("contract_ended", "解除聘用关系", "contract ended"),
    }
}

vocab_enum! {
    /// Who decided a step of an outcome.
    pub enum DecidingBody ("hiring_deciding_body") {
        OfficeMeeting = ("office_meeting", "集团理事长办公会议", "the group's office meeting"),
        MemberSchool = ("member_school", "成员单位", "the member school"),
        CountyBureau = ("county_bureau", "县（市）教育行政部门", "the county education bureau"),
    }
}

vocab_enum! {
    /// A teacher's employment as two-way hiring leaves it, shown on the person.
    pub enum EmploymentStatus ("employment_status") {
        InPost = ("in_post", "在岗", "in post"),
        NotHired = ("not_hired", "落聘待安置", "not hired, awaiting placement"),
        TransferTraining = ("transfer_training", "转岗培训", "in transfer training"),
        ContractEnded = ("contract_ended", "已解除聘用关系", "contract ended"),
    }
}

/// The weights of the four criteria of a category's assessment method, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"ethics": 30, "ability": 30, "performance": 25, "contribution": 15}))]
pub struct Weights {
    /// 师德.
    pub ethics: i32,
    /// 能力.
    pub ability: i32,
    /// 业绩.
    pub performance: i32,
    /// 贡献.
    pub contribution: i32,
}

/// The scores of a hire on the four criteria, 0 to 100 each.
pub type Scores = Weights;

impl Weights {
    pub fn parts(&self) -> [(&'static str, i32); 4] {
        [
            ("ethics", self.ethics),
            ("ability", self.ability),
            ("performance", self.performance),
            ("contribution", self.contribution),
        ]
    }
}

/// HIRE-TWO-WAY, the method: each weight 0 to 100, together 100; the message of the refusal
/// otherwise (a `422` on the method's field: a method that does not add up is a bad request,
/// not a conflict with stored data).
pub fn check_weights(w: &Weights) -> Result<(), Msg> {
    if let Some((name, v)) = w.parts().into_iter().find(|(_, v)| !(0..=100).contains(v)) {
        return Err(Msg::new(
            format!("权重 {name} 为 {v}，须在 0 到 100 之间。"),
            format!("The weight of {name} is {v}; it must be between 0 and 100."),
        ));
    }
    let sum: i32 = w.parts().iter().map(|(_, v)| v).sum();
    if sum != 100 {
        return Err(Msg::new(
            format!("师德、能力、业绩、贡献四项权重之和须为 100，现为 {sum}。"),
            format!("The weights of ethics, ability, performance and contribution must add up to 100, not {sum}."),
        ));
    }
    Ok(())
}

/// The scores must each be 0 to 100; the message naming the first that is not.
pub fn check_scores(s: &Scores) -> Result<(), Msg> {
    match s.parts().into_iter().find(|(_, v)| !(0..=100).contains(v)) {
        Some((name, v)) => Err(Msg::new(
            format!("{name} 得分为 {v}，须在 0 到 100 之间。"),
            format!("The score for {name} is {v}; it must be between 0 and 100."),
        )),
        None => Ok(()),
    }
}

/// The weighted total of a hire in hundredths of a point (0 to 10000): Σ weight × score. Kept
/// as an integer so that both backends store and compare it exactly; shown divided by 100.
pub fn weighted_total_centi(w: &Weights, s: &Scores) -> i32 {
    w.parts()
        .iter()
        .zip(s.parts().iter())
        .map(|((_, w), (_, s))| w * s)
        .sum()
}

/// The rank of a grade: senior above intermediate above junior; `ungraded` has none.
fn rank(level: PostLevel) -> Option<u8> {
    match level {
        PostLevel::Senior => Some(3),
        PostLevel::Intermediate => Some(2),
        PostLevel::Junior => Some(1),
        PostLevel::Ungraded => None,
    }
}

/// HIRE-TWO-WAY, "以崗位職責為依據": a graded professional-technical post is filled by a teacher
/// whose professional title's grade (`titles.grade`) is at least the post's level: a senior
/// post needs a senior title, an intermediate post an intermediate or senior one, a junior post
/// any title. A teacher may take a post below their grade (低聘); a teacher without a title takes
/// no graded post. Management and support posts ask for no title.
pub fn check_title(
    category: PostCategory,
    level: PostLevel,
    grade: Option<PostLevel>,
) -> RuleResult {
    if category != PostCategory::ProfessionalTechnical {
        return Ok(());
    }
    let Some(needed) = rank(level) else {
        return Ok(());
    };
    if grade.and_then(rank).is_some_and(|r| r >= needed) {
        return Ok(());
    }
    let held = grade.map_or(("无职称", "no title"), |g| (g.label_zh(), g.label_en()));
    Err(RuleViolation::of(
        Rule::HireTwoWay,
        format!(
            "该岗位为{}专业技术岗位，须具有{}及以上职称；该教师职称等级为：{}。",
            level.label_zh(),
            level.label_zh(),
            held.0
        ),
        format!(
            "The post is a {} professional-technical post and needs a title of that grade or above; the teacher has {}.",
            level.label_en(),
            held.1
        ),
    )
    .on_field("person_id"))
}

/// STAFF-POOL, as a round sees it: the posts a round offers for one member, category, level and
/// bonus never exceed what the member is allocated for the round's year.
pub fn check_within_allocation(allocated: i32, offered_after: i64) -> RuleResult {
    if offered_after <= i64::from(allocated) {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::StaffPool,
        format!(
            "该成员本年度此类岗位核定 {allocated} 个，本轮聘用将达 {offered_after} 个，超出 {} 个。",
            offered_after - i64::from(allocated)
        ),
        format!(
            "The member is allocated {allocated} such posts for the year; the round would offer {offered_after}, {} too many.",
            offered_after - i64::from(allocated)
        ),
    )
    .on_field("school_id"))
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRefusal {
    /// The outcome has ended (hired, reassigned, contract ended): a conflict, not a rule.
    Finished(OutcomeStatus),
    /// Out of order (HIRE-TWO-WAY).
    OutOfOrder(RuleViolation),
}

/// Whether `status` ends the path.
pub fn is_final(status: OutcomeStatus) -> bool {
    matches!(
        status,
        OutcomeStatus::Hired | OutcomeStatus::Reassigned | OutcomeStatus::ContractEnded
    )
}

/// Whether a step to `to` places the teacher in a post (and so needs one).
pub fn takes_post(to: OutcomeStatus) -> bool {
    matches!(to, OutcomeStatus::Hired | OutcomeStatus::Reassigned)
}

/// The step from `from` (`None`: no outcome yet) to `to`, or why not.
pub fn next(from: Option<OutcomeStatus>, to: OutcomeStatus) -> Result<OutcomeStatus, StepRefusal> {
    use OutcomeStatus as S;
    if let Some(f) = from.filter(|f| is_final(*f)) {
        return Err(StepRefusal::Finished(f));
    }
    let ok = matches!(
        (from, to),
        (None, S::Hired)
            | (None, S::NotHired)
            | (Some(S::NotHired), S::TransferTraining)
            | (Some(S::TransferTraining), S::Reassigned)
            | (Some(S::TransferTraining), S::ContractEnded)
    );
    if ok {
        return Ok(to);
    }
    let (zh, en) = match (from, to) {
        (None, _) => (
            "双向聘用的结果先为“已聘用”或“落聘”。".to_string(),
            "An outcome starts as hired or not hired.".to_string(),
        ),
        (Some(S::NotHired), _) => (
            "落聘的教职工先进行转岗培训，方可安置或解除聘用关系。".to_string(),
            "A teacher not hired goes to transfer training before being reassigned or leaving the contract.".to_string(),
        ),
        (Some(f), _) => (
            format!("当前为“{}”，不能转为“{}”。", f.label_zh(), to.label_zh()),
            format!("The outcome is {}; it cannot become {}.", f.label_en(), to.label_en()),
        ),
    };
    Err(StepRefusal::OutOfOrder(
        RuleViolation::of(Rule::HireTwoWay, zh, en).on_field("status"),
    ))
}

/// What the registry shows for the teacher after a step: the employment status, and whether
/// the teacher holds the step's post.
pub fn employment_after(to: OutcomeStatus) -> EmploymentStatus {
    match to {
        OutcomeStatus::Hired | OutcomeStatus::Reassigned => EmploymentStatus::InPost,
        OutcomeStatus::NotHired => EmploymentStatus::NotHired,
        OutcomeStatus::TransferTraining => EmploymentStatus::TransferTraining,
        OutcomeStatus::ContractEnded => EmploymentStatus::ContractEnded,
    }
}

#[cfg(test)]
mod tests;
