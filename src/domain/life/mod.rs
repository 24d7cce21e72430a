//! A group's life after establishment (§2.4.4): members leave, graduate, convert or spin off on
//! the bureau's approval, the bureau revokes a membership after an ignored rectification order,
//! and it dissolves a badly run group. The rules (GROWTH-3Y, SPIN-OFF, REVOKE, DISSOLVE) and the
//! membership's own status machine are plain functions here, so each is tested on its own.

use chrono::NaiveDate;

use crate::domain::groups::types::{GroupKind, GroupStatus, SchoolStanding};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};

// The words of a group's life: statuses, exit reasons, application kinds.
mod vocab;
pub use vocab::*;
// REVOKE and the rectification orders it rests on.
mod revoke;
pub use revoke::*;

fn refuse(rule: Rule, title: (&str, &str), zh: String, en: String) -> RuleViolation {
    RuleViolation::new(rule, Msg::new(title.0, title.1), Msg::new(zh, en))
}

/// MEMBERSHIP-STATE: prospective → active | ended, active → ended; an ended membership is
/// history and never changes again (a school that comes back joins anew).
pub fn check_membership_transition(
    school_id: i64,
    from: MembershipStatus,
    to: MembershipStatus,
) -> RuleResult {
    use MembershipStatus as S;
    if matches!(
        (from, to),
        (S::Prospective, S::Active) | (S::Prospective, S::Ended) | (S::Active, S::Ended)
    ) {
        return Ok(());
    }
    Err(refuse(
        Rule::MembershipState,
        (
            "成员资格状态不允许此操作",
            "membership status does not allow this",
        ),
        format!(
            "学校 #{school_id} 的成员资格为“{}”（{}），不能变为“{}”（{}）。",
            from.label_zh(),
            from.as_str(),
            to.label_zh(),
            to.as_str()
        ),
        format!(
            "School #{school_id}'s membership is {} and cannot become {}.",
            from.as_str(),
            to.as_str()
        ),
    )
    .on_field("school_id"))
}

/// MEMBERSHIP-STATE for the acts of a member (exits, orders, nominations): only an `active`
/// membership is a member. A `prospective` one (a join by agreement the bureau has not confirmed)
/// holds its place but is not a member yet; an `ended` one is history.
pub fn check_is_member(school_id: i64, status: MembershipStatus) -> RuleResult {
    match status {
        MembershipStatus::Active => Ok(()),
        MembershipStatus::Prospective => Err(refuse(
            Rule::MembershipState,
            ("尚未成为正式成员", "not a member yet"),
            format!(
                "学校 #{school_id} 以签订协议方式加入，尚待县（市）教育行政部门确认，还不是集团成员。"
            ),
            format!(
                "School #{school_id} joins by agreement and awaits the county bureau's \
                 confirmation; it is not a member yet."
            ),
        )
        .on_field("school_id")),
        MembershipStatus::Ended => check_membership_transition(school_id, status, status),
    }
}

/// MEMBERSHIP-STATE for the bureau's confirmation of a join (GRP-JOIN-BASIS, §2.1.1): only a
/// `prospective` membership, which only a signed agreement creates, is confirmed or declined. A
/// bureau assignment took effect when it was made, and an active or ended membership has
/// nothing left to confirm.
pub fn check_confirmable(
    school_id: i64,
    status: MembershipStatus,
    basis: crate::domain::groups::JoinBasis,
) -> RuleResult {
    use crate::domain::groups::JoinBasis;
    let (zh, en) = match (status, basis) {
        (MembershipStatus::Prospective, _) => return Ok(()),
        (MembershipStatus::Active, JoinBasis::BureauAssignment) => (
            format!(
                "学校 #{school_id} 由县（市）教育行政部门组织安排纳入集团，安排即生效，无需确认；\
                 只有签订协议加入的学校须经确认。"
            ),
            format!(
                "School #{school_id} was assigned by the county bureau, which took effect at \
                 once; only a join by signed agreement is confirmed."
            ),
        ),
        (MembershipStatus::Active, JoinBasis::SignedAgreement) => (
            format!("学校 #{school_id} 的加入协议已经确认，已是集团成员。"),
            format!("School #{school_id}'s agreement is confirmed already; it is a member."),
        ),
        (MembershipStatus::Ended, _) => (
            format!("学校 #{school_id} 的成员资格已终止，没有待确认的加入。"),
            format!("School #{school_id}'s membership has ended; there is no join to confirm."),
        ),
    };
    Err(refuse(
        Rule::MembershipState,
        ("没有待确认的加入", "no join awaits confirmation"),
        zh,
        en,
    )
    .on_field("school_id"))
}

/// GROUP-STATE for exits: members leave a group that is running (`preparing` or `established`);
/// a dossier under review is frozen (§2.3.1), and a dissolved group has no members left.
pub fn check_members_may_leave(status: GroupStatus) -> RuleResult {
    if matches!(status, GroupStatus::Preparing | GroupStatus::Established) {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::GroupState,
        Msg::new(
            "集团当前状态不能办理成员退出",
            "members cannot leave the group now",
        ),
        Msg::new(
            format!(
                "集团状态为“{}”（{}），只有在“筹设中”或“已正式组建”时才能办理成员退出。",
                status.label_zh(),
                status.as_str()
            ),
            format!(
                "The group is {} ({}); members leave only while it is preparing or established.",
                status.label_en(),
                status.as_str()
            ),
        ),
    ))
}

/// GROWTH-3Y (§2.4.4 "对集团内新建、薄弱学校……设置3年的成长考核期……脱离紧密型集团独立办学，
/// 或作为协作型集团成员继续保留在集团内发展"): only a member of a tight group that joined new or
/// weak has a growth period (`growth_until` is set at its join), and it may leave to run
/// independently or convert only once the period is over (`today >= growth_until`).
/// `terms` are the membership's own: a member on collaborative terms (of a collaborative group,
/// or one that already stayed in a tight group as a collaborative member) runs itself already
/// and leaves by withdrawing.
pub fn check_growth_period(
    school_id: i64,
    terms: GroupKind,
    growth_until: Option<NaiveDate>,
    today: NaiveDate,
) -> RuleResult {
    let title = (
        "成长考核期未满或不适用",
        "growth period not over or not applicable",
    );
    if terms != GroupKind::Tight {
        return Err(refuse(
            Rule::Growth3y,
            title,
            format!(
                "学校 #{school_id} 是协作型成员，本就独立办学；成长期满独立办学或转为协作型成员\
                 只适用于紧密型成员，协作型成员可申请退出。"
            ),
            format!(
                "School #{school_id} is a collaborative member and runs itself already; \
                 leaving to run independently or converting applies to tight members. It may \
                 withdraw instead."
            ),
        ));
    }
    match growth_until {
        Some(end) if today >= end => Ok(()),
        Some(end) => {
            let days = (end - today).num_days();
            Err(refuse(
                Rule::Growth3y,
                title,
                format!(
                    "学校 #{school_id} 的成长考核期至 {end} 结束，今天是 {today}，尚余 {days} 天；\
                     期满后方可由集团申请独立办学或转为协作型成员。"
                ),
                format!(
                    "School #{school_id}'s growth period ends on {end}; today is {today}, \
                     {days} day(s) remain. Only after it may the group apply for it to run \
                     independently or stay as a collaborative member."
                ),
            ))
        }
        None => Err(refuse(
            Rule::Growth3y,
            title,
            format!(
                "学校 #{school_id} 不是以新建或薄弱学校身份加入集团的，没有成长考核期，\
                 不适用独立办学或转为协作型成员的申请。"
            ),
            format!(
                "School #{school_id} did not join as a new or weak school and has no growth \
                 period; leaving to run independently or converting does not apply to it."
            ),
        )),
    }
}

/// GROWTH-3Y for every way out of a tight group by application (§2.4.4 "对集团内新建、薄弱
/// 学校……设置3年的成长考核期……期满后……由集团提出申请，经县（市）教育行政部门核准"): a new or
/// weak member on tight terms (one with `growth_until`) leaves its group during the period only
/// by revocation or dissolution, acts of the bureau that are not applied for. So a withdrawal or
/// a spin-off is refused while `today < growth_until`, naming the end; graduation and conversion
/// follow `check_growth_period`. A member without a growth period, or on collaborative terms,
/// withdraws or spins off as before.
pub fn check_growth_exit(
    school_id: i64,
    kind: ApplicationKind,
    terms: GroupKind,
    growth_until: Option<NaiveDate>,
    today: NaiveDate,
) -> RuleResult {
    match kind {
        ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative => {
            check_growth_period(school_id, terms, growth_until, today)
        }
        ApplicationKind::Withdraw | ApplicationKind::SpinOff => match growth_until {
            Some(end) if terms == GroupKind::Tight && today < end => {
                let days = (end - today).num_days();
                Err(refuse(
                    Rule::Growth3y,
                    ("成长考核期内不能退出集团", "the growth period is not over"),
                    format!(
                        "学校 #{school_id} 的成长考核期至 {end} 结束（今天是 {today}，尚余 {days} 天）；\
                         成长考核期内不能{}，期满后由集团申请、经县（市）教育行政部门核准方可离开紧密型集团。",
                        kind.label_zh()
                    ),
                    format!(
                        "School #{school_id}'s growth period ends on {end} (today is {today}, \
                         {days} day(s) remain); during it the school cannot {}. After it, the \
                         group applies and the county bureau approves its leaving the tight group.",
                        kind.label_en()
                    ),
                ))
            }
            _ => Ok(()),
        },
    }
}

/// Who files an application about a member (§2.4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicant {
    /// The group, through its chair ("由集团提出申请").
    Group,
    /// The member school itself, through its own administrator ("由其提出申请").
    Member,
}

/// Who may apply for (and cancel) an application of `kind` about a member on `terms` with
/// `growth_until`. A spin-off is the potential school's own ("由其提出申请"); graduation and
/// conversion are the group's ("由集团提出申请"); so is the leaving of a member that has a growth
/// period on tight terms (GROWTH-3Y "期满后经集团申请"), even once the period is over. Any other
/// member withdraws itself, or the chair applies for it (a tight member's legal representative
/// is the chair).
pub fn applicants(
    kind: ApplicationKind,
    terms: GroupKind,
    growth_until: Option<NaiveDate>,
) -> &'static [Applicant] {
    let grows = terms == GroupKind::Tight && growth_until.is_some();
    match kind {
        ApplicationKind::SpinOff => &[Applicant::Member],
        ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative => {
            &[Applicant::Group]
        }
        ApplicationKind::Withdraw if grows => &[Applicant::Group],
        ApplicationKind::Withdraw => &[Applicant::Member, Applicant::Group],
    }
}

/// SPIN-OFF (§2.4.4 "对集团内办学成绩突出、社会反响好的潜力学校……允许其另行组建教育集团"):
/// only a member of `potential` standing may apply to lead its own group. The bureau's approval
/// is its authorisation, in place of GRP-CORE-QUALITY, which §2.4.4 makes the exception to.
pub fn check_spin_off(school_id: i64, standing: SchoolStanding) -> RuleResult {
    if standing == SchoolStanding::Potential {
        return Ok(());
    }
    Err(refuse(
        Rule::SpinOff,
        (
            "只有潜力学校可申请另行组建集团",
            "only a potential school may spin off",
        ),
        format!(
            "学校 #{school_id} 的办学水平为“{}”；只有办学成绩突出的“潜力”学校可申请另行组建教育集团。",
            standing.label_zh()
        ),
        format!(
            "School #{school_id} has standing '{}'; only an outstanding school of 'potential' \
             standing may apply to form its own group.",
            standing.as_str()
        ),
    ))
}

/// DISSOLVE (§2.4.4 "对集团管理混乱，整体社会效益低下的，可予以解散并追究相关人员责任"): the
/// bureau dissolves a group that is running (preparing or established), and says who is held
/// accountable.
pub fn check_dissolve(status: GroupStatus, accountability_note: &str) -> RuleResult {
    let title = ("不能解散集团", "the group cannot be dissolved");
    if !matches!(status, GroupStatus::Preparing | GroupStatus::Established) {
        return Err(refuse(
            Rule::Dissolve,
            title,
            format!(
                "集团状态为“{}”（{}）；只有“筹设中”或“已正式组建”的集团可以解散。",
                status.label_zh(),
                status.as_str()
            ),
            format!(
                "The group is {} ({}); only a group that is preparing or established is dissolved.",
                status.label_en(),
                status.as_str()
            ),
        ));
    }
    if accountability_note.trim().is_empty() {
        return Err(refuse(
            Rule::Dissolve,
            title,
            "解散集团须同时写明对相关人员的责任追究情况。".into(),
            "A dissolution must record how those responsible are held accountable.".into(),
        )
        .on_field("accountability_note"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
