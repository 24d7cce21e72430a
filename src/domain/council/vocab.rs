//! The words of councils and office meetings: the bodies and their seats, kinds of meeting and
//! motion, ballots, attendance, votes, and the states a meeting and a motion move through.

use crate::vocab_enum;

vocab_enum! {
    /// §2.3.2: "理事会会议分定期会议和临时会议".
    pub enum MeetingKind ("meeting_kind") {
        Regular = ("regular", "定期会议", "regular meeting"),
        Extraordinary = ("extraordinary", "临时会议", "extraordinary meeting"),
    }
}

vocab_enum! {
    /// How seat holders vote on a motion: by name (the minutes carry the roll call) or secretly
    /// (only the tally is ever kept).
    pub enum Ballot ("ballot") {
        Open = ("open", "记名表决", "open ballot"),
        Secret = ("secret", "无记名投票", "secret ballot"),
    }
}

vocab_enum! {
    /// A meeting is convened until the chair closes it; attendance and motions change only
    /// while it is convened.
    pub enum MeetingStatus ("meeting_status") {
        Convened = ("convened", "已召集", "convened"),
        Closed = ("closed", "已闭会", "closed"),
    }
}

vocab_enum! {
    /// A motion is open for votes until the chair closes or defers it.
    #[derive(Default)]
    pub enum MotionStatus ("motion_status") {
        #[default]
        Open = ("open", "表决中", "open"),
        Closed = ("closed", "表决结束", "closed"),
        Deferred = ("deferred", "暂缓表决", "deferred"),
    }
}

vocab_enum! {
    /// The chair's decision on an office-meeting motion where the charter has the chair decide
    /// after hearing the members.
    pub enum ChairDecision ("chair_decision") {
        Adopt = ("adopt", "决定通过", "adopt"),
        Reject = ("reject", "决定不通过", "reject"),
    }
}

vocab_enum! {
    /// The kinds of council seat the policy lists (§2.3.2).
    pub enum SeatCategory ("seat_category") {
        LegalRepresentative = ("legal_representative", "成员单位法定代表人", "member's legal representative"),
        ExecutivePrincipal = ("executive_principal", "执行校（园）长", "executive principal"),
        VicePrincipal = ("vice_principal", "副校级干部", "vice-principal-level cadre"),
        MiddleCadre = ("middle_cadre", "中层干部", "middle cadre"),
        TeacherRepresentative = ("teacher_representative", "教师代表", "teacher representative"),
        ParentRepresentative = ("parent_representative", "家长代表", "parent representative"),
    }
}

vocab_enum! {
    /// Why a person sits in the chair's office meeting (§2.3.2).
    pub enum OfficeRole ("office_role") {
        LegalRepresentative = ("legal_representative", "成员单位法定代表人", "member's legal representative"),
        ExecutivePrincipal = ("executive_principal", "执行校（园）长", "executive principal"),
        CoreVicePrincipal = ("core_vice_principal", "核心成员副校（园）级干部", "core school's vice principal"),
        InternalBodyHead = ("internal_body_head", "集团内设机构主要负责人", "head of an internal body"),
    }
}

vocab_enum! {
    /// What a motion is about (§2.3.2 lists what the council decides; §2.4 adds the rest).
    pub enum MotionType ("motion_type") {
        Charter = ("charter", "集团章程", "charter"),
        DevelopmentPlan = ("development_plan", "发展规划", "development plan"),
        WorkPlan = ("work_plan", "工作计划", "work plan"),
        EnrollmentPlan = ("enrollment_plan", "招生方案", "enrolment plan"),
        AssessmentPlan = ("assessment_plan", "考核方案", "assessment plan"),
        BudgetPlan = ("budget_plan", "预算方案", "budget plan"),
        StaffingAdjustment = ("staffing_adjustment", "编制调整方案", "staffing adjustment"),
        ExchangePlan = ("exchange_plan", "年度教师交流计划", "annual exchange plan"),
        PerformancePayDistribution = ("performance_pay_distribution", "新增绩效工资分配方案", "performance-pay distribution"),
        CadreNomination = ("cadre_nomination", "干部提名", "cadre nomination"),
        InternalBody = ("internal_body", "集团内设机构设置", "internal body"),
        Other = ("other", "其他", "other"),
    }
}

vocab_enum! {
    /// The deciding bodies of a group (§2.3.2).
    pub enum Body ("body") {
        Council = ("council", "理事会", "council"),
        Office = ("office", "理事长办公会议", "chair's office meeting"),
    }
}

vocab_enum! {
    /// One seat's vote on a motion.
    pub enum VoteChoice ("vote_choice") {
        For = ("for", "赞成", "for"),
        Against = ("against", "反对", "against"),
        Abstain = ("abstain", "弃权", "abstain"),
    }
}

vocab_enum! {
    /// A seat holder's attendance; a proxy counts as present.
    pub enum Attendance ("attendance") {
        Present = ("present", "出席", "present"),
        Absent = ("absent", "缺席", "absent"),
        Proxy = ("proxy", "委托出席", "present by proxy"),
    }
}

vocab_enum! {
    /// How a motion ended; `deferred` is set by the chair, the others by `voting::decide`.
    pub enum MotionOutcome ("motion_outcome") {
        Adopted = ("adopted", "通过", "adopted"),
        Rejected = ("rejected", "未通过", "rejected"),
        NoQuorum = ("no_quorum", "未达到法定人数", "no quorum"),
        Tied = ("tied", "赞成票与反对票相等", "tied"),
        Deferred = ("deferred", "暂缓表决", "deferred"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::domain::vocab::assert_round_trips as round_trips;

    #[test]
    fn serde_names_match_as_str_and_parse() {
        round_trips(SeatCategory::ALL, |v| v.as_str(), SeatCategory::parse);
        round_trips(OfficeRole::ALL, |v| v.as_str(), OfficeRole::parse);
        round_trips(MotionType::ALL, |v| v.as_str(), MotionType::parse);
        round_trips(Body::ALL, |v| v.as_str(), Body::parse);
        round_trips(VoteChoice::ALL, |v| v.as_str(), VoteChoice::parse);
        round_trips(Attendance::ALL, |v| v.as_str(), Attendance::parse);
        round_trips(MotionOutcome::ALL, |v| v.as_str(), MotionOutcome::parse);
    }
}
