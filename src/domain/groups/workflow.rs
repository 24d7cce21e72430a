//! The group formation workflow of §2.3.1 (DOMAIN.md "Group formation workflow") as a status
//! machine: which step may follow which status, and who takes it.
//!
//! authorized → plan_submitted → preparing → dossier_submitted → bureau_reviewed → established;
//! the bureau may return the plan (→ authorized) or the dossier (→ preparing), the leading group
//! may return the reviewed dossier (→ preparing), and the bureau may dissolve a group that is
//! preparing or established (§2.4.4). A returned step can be taken again.

use super::types::GroupStatus;
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// A step of the workflow.
    pub enum Transition ("transition") {
        SubmitPlan = ("submit_plan", "报送组建方案", "submit the formation plan"),
        ApprovePlan = ("approve_plan", "初审通过组建方案", "approve the formation plan"),
        ReturnPlan = ("return_plan", "退回组建方案", "return the formation plan"),
        SubmitDossier = ("submit_dossier", "报送组建材料", "submit the dossier"),
        BureauApproveDossier = ("bureau_approve_dossier", "教育局初审通过组建材料", "bureau approves the dossier"),
        BureauReturnDossier = ("bureau_return_dossier", "教育局退回组建材料", "bureau returns the dossier"),
        LeadingGroupApprove = ("leading_group_approve", "教育工作领导小组审核同意", "leading group approves"),
        LeadingGroupReturn = ("leading_group_return", "教育工作领导小组退回", "leading group returns the dossier"),
        Dissolve = ("dissolve", "解散集团", "dissolve the group"),
    }
}

vocab_enum! {
    /// What a caller may do next with a group (`allowed_actions`): the workflow steps of
    /// `Transition`, the group's parts it may edit, and the bureau's confirmation of a join by
    /// agreement while one is `prospective`.
    pub enum GroupAction ("group_action") {
        SubmitPlan = ("submit_plan", "报送组建方案", "submit the formation plan"),
        ApprovePlan = ("approve_plan", "初审通过组建方案", "approve the formation plan"),
        ReturnPlan = ("return_plan", "退回组建方案", "return the formation plan"),
        SubmitDossier = ("submit_dossier", "报送组建材料", "submit the dossier"),
        BureauApproveDossier = ("bureau_approve_dossier", "教育局初审通过组建材料", "bureau approves the dossier"),
        BureauReturnDossier = ("bureau_return_dossier", "教育局退回组建材料", "bureau returns the dossier"),
        LeadingGroupApprove = ("leading_group_approve", "教育工作领导小组审核同意", "leading group approves"),
        LeadingGroupReturn = ("leading_group_return", "教育工作领导小组退回", "leading group returns the dossier"),
        Dissolve = ("dissolve", "解散集团", "dissolve the group"),
        AddMember = ("add_member", "增加成员学校", "add a member school"),
        PutCharter = ("put_charter", "编写章程草案", "write the charter draft"),
        PutCouncil = ("put_council", "登记理事会", "record the council"),
        ConfirmMember = ("confirm_member", "确认协议加入的成员", "confirm a member joining by agreement"),
    }
}

impl From<Transition> for GroupAction {
    fn from(t: Transition) -> GroupAction {
        match t {
            Transition::SubmitPlan => GroupAction::SubmitPlan,
            Transition::ApprovePlan => GroupAction::ApprovePlan,
            Transition::ReturnPlan => GroupAction::ReturnPlan,
            Transition::SubmitDossier => GroupAction::SubmitDossier,
            Transition::BureauApproveDossier => GroupAction::BureauApproveDossier,
            Transition::BureauReturnDossier => GroupAction::BureauReturnDossier,
            Transition::LeadingGroupApprove => GroupAction::LeadingGroupApprove,
            Transition::LeadingGroupReturn => GroupAction::LeadingGroupReturn,
            Transition::Dissolve => GroupAction::Dissolve,
        }
    }
}

vocab_enum! {
    /// Who takes a step; `role_claim` is the JWT role of DOMAIN.md "Who acts".
    pub enum Actor ("actor") {
        CountyBureau = ("county_bureau", "县（市）教育局", "county education bureau"),
        CountyLeadingGroup = ("county_leading_group", "县（市）党委教育工作领导小组", "county education work leading group"),
        CoreSchoolAdmin = ("core_school_admin", "核心成员学校", "core school"),
    }
}

impl Actor {
    /// The JWT role claim that may act as this actor.
    pub fn role_claim(&self) -> &'static str {
        match self {
            Actor::CountyBureau => "county_bureau",
            Actor::CountyLeadingGroup => "county_leading_group",
            Actor::CoreSchoolAdmin => "school_admin",
        }
    }
}

impl Transition {
    /// Returns and dissolutions must give their reasons (DOMAIN.md: "back … with reasons").
    pub fn needs_reason(&self) -> bool {
        matches!(
            self,
            Transition::ReturnPlan
                | Transition::BureauReturnDossier
                | Transition::LeadingGroupReturn
                | Transition::Dissolve
        )
    }
}

/// The status after step `t`, or a `GROUP-STATE` refusal naming the status and the step.
pub fn next(status: GroupStatus, t: Transition) -> Result<GroupStatus, RuleViolation> {
    target(status, t).ok_or_else(|| refusal(status, t))
}

/// The table behind `next` and `allowed`.
fn target(status: GroupStatus, t: Transition) -> Option<GroupStatus> {
    use GroupStatus as S;
    use Transition as T;
    let to = match (status, t) {
        (S::Authorized, T::SubmitPlan) => S::PlanSubmitted,
        (S::PlanSubmitted, T::ApprovePlan) => S::Preparing,
        (S::PlanSubmitted, T::ReturnPlan) => S::Authorized,
        (S::Preparing, T::SubmitDossier) => S::DossierSubmitted,
        (S::DossierSubmitted, T::BureauApproveDossier) => S::BureauReviewed,
        (S::DossierSubmitted, T::BureauReturnDossier) => S::Preparing,
        (S::BureauReviewed, T::LeadingGroupApprove) => S::Established,
        (S::BureauReviewed, T::LeadingGroupReturn) => S::Preparing,
        (S::Preparing | S::Established, T::Dissolve) => S::Dissolved,
        _ => return None,
    };
    Some(to)
}

/// Who takes step `t`.
pub fn actor_of(t: Transition) -> Actor {
    match t {
        Transition::SubmitPlan | Transition::SubmitDossier => Actor::CoreSchoolAdmin,
        Transition::LeadingGroupApprove | Transition::LeadingGroupReturn => {
            Actor::CountyLeadingGroup
        }
        Transition::ApprovePlan
        | Transition::ReturnPlan
        | Transition::BureauApproveDossier
        | Transition::BureauReturnDossier
        | Transition::Dissolve => Actor::CountyBureau,
    }
}

/// The steps that may follow `status`, in declaration order.
pub fn allowed(status: GroupStatus) -> Vec<Transition> {
    Transition::ALL
        .iter()
        .copied()
        .filter(|t| target(status, *t).is_some())
        .collect()
}

/// GROUP-STATE for a group's parts (charter draft, council): they change only while the group
/// is being prepared or after it is established. `act` names what was attempted.
pub fn check_parts_open(status: GroupStatus, act: (&str, &str)) -> RuleResult {
    if matches!(status, GroupStatus::Preparing | GroupStatus::Established) {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::GroupState,
        Msg::new(
            "集团当前状态不允许此操作",
            "Not possible in the group's current status",
        ),
        Msg::new(
            format!(
                "集团状态为“{}”（{}），只有在“筹设中”或“已正式组建”时才能{}。",
                status.label_zh(),
                status.as_str(),
                act.0
            ),
            format!(
                "The group is {} ({}); {} only while it is preparing or established.",
                status.label_en(),
                status.as_str(),
                act.1
            ),
        ),
    ))
}

/// Whether schools may join now. Agreements are signed while `preparing` (§2.3.1, after the
/// plan passed), and members join an `established` group; a dossier under review is frozen,
/// and a dissolved group ends every membership (§2.4.4).
pub fn check_accepts_members(status: GroupStatus) -> RuleResult {
    if matches!(status, GroupStatus::Preparing | GroupStatus::Established) {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::GroupState,
        Msg::new(
            "集团当前状态不能接纳成员",
            "the group cannot take members now",
        ),
        Msg::new(
            format!(
                "集团状态为“{}”（{}），只有在“筹设中”或“已正式组建”时才能加入成员。",
                status.label_zh(),
                status.as_str()
            ),
            format!(
                "The group is {} ({}); schools join only while it is preparing or established.",
                status.label_en(),
                status.as_str()
            ),
        ),
    ))
}

fn refusal(status: GroupStatus, t: Transition) -> RuleViolation {
    let steps = allowed(status);
    let (zh_allowed, en_allowed) = if steps.is_empty() {
        ("无".to_string(), "none".to_string())
    } else {
        (
            steps
                .iter()
                .map(|s| s.label_zh())
                .collect::<Vec<_>>()
                .join("、"),
            steps
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    RuleViolation::new(
        Rule::GroupState,
        Msg::new(
            "集团组建流程不允许此操作",
            "step not allowed in this status",
        ),
        Msg::new(
            format!(
                "集团当前状态为“{}”（{}），不能执行“{}”（{}）。当前可执行的操作：{}。",
                status.label_zh(),
                status.as_str(),
                t.label_zh(),
                t.as_str(),
                zh_allowed
            ),
            format!(
                "The group is {} ({}); the step '{}' ({}) is not allowed. Allowed now: {}.",
                status.label_en(),
                status.as_str(),
                t.label_en(),
                t.as_str(),
                en_allowed
            ),
        ),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use GroupStatus as S;
    use Transition as T;

    #[test]
    fn happy_path_reaches_established() {
        let mut s = S::Authorized;
        for t in [
            T::SubmitPlan,
            T::ApprovePlan,
            T::SubmitDossier,
            T::BureauApproveDossier,
            T::LeadingGroupApprove,
        ] {
            s = next(s, t).unwrap();
        }
        assert_eq!(s, S::Established);
        assert_eq!(next(s, T::Dissolve).unwrap(), S::Dissolved);
    }

    #[test]
    fn returns_go_back_and_can_be_resubmitted() {
        assert_eq!(
            next(S::PlanSubmitted, T::ReturnPlan).unwrap(),
            S::Authorized
        );
        assert_eq!(
            next(S::Authorized, T::SubmitPlan).unwrap(),
            S::PlanSubmitted
        );
        assert_eq!(
            next(S::DossierSubmitted, T::BureauReturnDossier).unwrap(),
            S::Preparing
        );
        assert_eq!(
            next(S::BureauReviewed, T::LeadingGroupReturn).unwrap(),
            S::Preparing
        );
        assert_eq!(next(S::Preparing, T::Dissolve).unwrap(), S::Dissolved);
    }

    #[test]
    fn skipping_a_step_is_refused_with_both_languages() {
        let v = next(S::Preparing, T::LeadingGroupApprove).unwrap_err();
        assert_eq!(v.rule, Rule::GroupState);
        assert!(v.detail.zh.contains("筹设中") && v.detail.zh.contains("报送组建材料"));
        assert!(v.detail.en.contains("preparing") && v.detail.en.contains("leading_group_approve"));
        let v = next(S::Dissolved, T::SubmitPlan).unwrap_err();
        assert!(v.detail.en.contains("Allowed now: none"));
        assert!(next(S::Authorized, T::Dissolve).is_err());
    }

    #[test]
    fn allowed_and_actors() {
        assert_eq!(allowed(S::Authorized), vec![T::SubmitPlan]);
        assert_eq!(
            allowed(S::BureauReviewed),
            vec![T::LeadingGroupApprove, T::LeadingGroupReturn]
        );
        assert_eq!(allowed(S::Established), vec![T::Dissolve]);
        assert!(allowed(S::Dissolved).is_empty());
        assert_eq!(actor_of(T::SubmitDossier), Actor::CoreSchoolAdmin);
        assert_eq!(actor_of(T::LeadingGroupApprove), Actor::CountyLeadingGroup);
        assert_eq!(actor_of(T::Dissolve), Actor::CountyBureau);
        assert_eq!(Actor::CoreSchoolAdmin.role_claim(), "school_admin");
        assert!(T::ReturnPlan.needs_reason() && !T::ApprovePlan.needs_reason());
    }

    #[test]
    fn members_join_only_while_preparing_or_established() {
        assert!(check_accepts_members(S::Preparing).is_ok());
        assert!(check_accepts_members(S::Established).is_ok());
        let v = check_accepts_members(S::DossierSubmitted).unwrap_err();
        assert_eq!(v.rule, Rule::GroupState);
        assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    }

    #[test]
    fn every_step_is_an_action_with_its_own_words() {
        for t in Transition::ALL {
            let a = GroupAction::from(*t);
            assert_eq!(
                (a.as_str(), a.label_zh(), a.label_en()),
                (t.as_str(), t.label_zh(), t.label_en())
            );
        }
    }
}
