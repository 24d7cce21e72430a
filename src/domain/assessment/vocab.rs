//! The vocabulary of the annual assessment (§2.4.4, §3.4), re-exported by `assessment`.

use crate::vocab_enum;

vocab_enum! {
    /// Whom an indicator scores: the group as a whole, its core school, or each other member
    /// (the sub-assessments). Weights sum to 100 within each level (ASSESS-FRAMEWORK).
    pub enum IndicatorLevel ("indicator_level") {
        Group = ("group", "集团", "group"),
        Core = ("core", "核心成员", "core school"),
        Member = ("member", "成员学校", "member school"),
    }
}

vocab_enum! {
    /// Where a score comes from: entered by the bureau's assessors, or computed from the
    /// service's own records (with a snapshot of its inputs).
    pub enum IndicatorSource ("indicator_source") {
        Manual = ("manual", "评估人员评分", "scored by an assessor"),
        Computed = ("computed", "依据系统记录计算", "computed from the records"),
    }
}

vocab_enum! {
    /// What a computed indicator reads. Each names the level it can score; a framework that
    /// puts one on another level is refused (ASSESS-FRAMEWORK).
    pub enum Metric ("assessment_metric") {
        ExchangeGroupShare = ("exchange_group_share", "集团教师交流轮岗比例（EXCH-GROUP-10）", "share of the group's teachers exchanged (EXCH-GROUP-10)"),
        ExchangeBackboneShare = ("exchange_backbone_share", "交流教师中骨干教师比例（EXCH-BACKBONE-40）", "backbone share of those exchanged (EXCH-BACKBONE-40)"),
        StaffingWithinPool = ("staffing_within_pool", "编制分配不超出集团编制总量（STAFF-POOL）", "posts allocated within the group's pool (STAFF-POOL)"),
        ResolutionsAdopted = ("resolutions_adopted", "当年通过工作计划、预算方案、考核方案", "the year's work plan, budget and assessment plan adopted"),
        MeetingsWithQuorum = ("meetings_with_quorum", "达到法定人数的理事会会议", "council meetings held with a quorum"),
        RectificationOrders = ("rectification_orders", "整改通知按期办结", "rectification orders closed in time"),
        InspectionRating = ("inspection_rating", "督导评估等次", "the inspections' ratings"),
        CoreExchangeShare = ("core_exchange_share", "核心成员教师派出比例（EXCH-CORE-10）", "share of the core's teachers sent to members (EXCH-CORE-10)"),
        NewSchoolSubjectCoverage = ("new_school_subject_coverage", "新开办成员各学科骨干教师覆盖（EXCH-NEW-SCHOOL-SUBJECT）", "subjects of new members with a backbone teacher from the core (EXCH-NEW-SCHOOL-SUBJECT)"),
        WeakSubjectCoverage = ("weak_subject_coverage", "成员薄弱学科骨干教师覆盖（EXCH-WEAK-SUBJECT）", "members' weak subjects with a backbone teacher (EXCH-WEAK-SUBJECT)"),
        BackboneReceived = ("backbone_received", "接收核心成员骨干教师人数", "backbone teachers received from the core"),
        MemberWeakSubjectCoverage = ("member_weak_subject_coverage", "本校薄弱学科骨干教师覆盖", "the school's weak subjects with a backbone teacher"),
        MemberRectification = ("member_rectification", "本校整改通知按期办结", "the school's rectification orders closed in time"),
        GrowthProgress = ("growth_progress", "成长考核期内历年考核等次", "grades over the growth period so far"),
    }
}

impl Metric {
    /// The one level a metric scores.
    pub fn level(self) -> IndicatorLevel {
        use Metric::*;
        match self {
            ExchangeGroupShare
            | ExchangeBackboneShare
            | StaffingWithinPool
            | ResolutionsAdopted
            | MeetingsWithQuorum
            | RectificationOrders
            | InspectionRating => IndicatorLevel::Group,
            CoreExchangeShare | NewSchoolSubjectCoverage | WeakSubjectCoverage => {
                IndicatorLevel::Core
            }
            BackboneReceived | MemberWeakSubjectCoverage | MemberRectification | GrowthProgress => {
                IndicatorLevel::Member
            }
        }
    }

    /// Whether the indicator needs a `target` (a count to reach for full marks).
    pub fn needs_target(self) -> bool {
        matches!(self, Metric::MeetingsWithQuorum | Metric::BackboneReceived)
    }
}

vocab_enum! {
    /// A framework is a draft while the bureau edits it and locked once an assessment under it
    /// has opened (ASSESS-FRAMEWORK): its indicators never change under scores already given.
    pub enum FrameworkStatus ("framework_status") {
        Draft = ("draft", "草案", "draft"),
        Locked = ("locked", "已启用（锁定）", "locked"),
    }
}

vocab_enum! {
    /// An assessment's states (ASSESS-STATE). Scores change in `open`, `self_assessed` and
    /// `scored`; `finalised` fixes totals and grades; `published` makes them public and lets the
    /// outcomes follow. A finalised assessment goes back to `scored` only by a recorded
    /// reopening with reasons.
    pub enum AssessmentStatus ("assessment_status") {
        Open = ("open", "考核中", "open"),
        SelfAssessed = ("self_assessed", "已提交自评", "self-assessed"),
        Scored = ("scored", "已评分", "scored"),
        Finalised = ("finalised", "已定等", "finalised"),
        Published = ("published", "已公布", "published"),
    }
}

impl AssessmentStatus {
    /// Whether scores may still be entered or computed (ASSESS-STATE).
    pub fn takes_scores(self) -> bool {
        matches!(
            self,
            AssessmentStatus::Open | AssessmentStatus::SelfAssessed | AssessmentStatus::Scored
        )
    }
}

vocab_enum! {
    /// What the bureau does to an assessment (`POST /assessments/{id}/acts`).
    pub enum AssessmentAct ("assessment_act") {
        Compute = ("compute", "计算系统指标", "compute the computed indicators"),
        MarkScored = ("mark_scored", "评分完成", "mark every indicator scored"),
        Finalise = ("finalise", "确定总分与等次", "fix totals and grades"),
        Publish = ("publish", "公布结果", "publish the results"),
        Reopen = ("reopen", "重新开启评分（须说明理由）", "reopen for a correction (with reasons)"),
    }
}

vocab_enum! {
    /// A grade by the county's cut-offs (settings `grade_excellent_min`, `grade_good_min`,
    /// `grade_pass_min`); also an inspection's rating.
    pub enum Grade ("grade") {
        Excellent = ("excellent", "优秀", "excellent"),
        Good = ("good", "良好", "good"),
        Pass = ("pass", "合格", "pass"),
        Fail = ("fail", "不合格", "fail"),
    }
}

impl Grade {
    /// Ordinal for comparisons: excellent 3 … fail 0.
    pub fn rank(self) -> u8 {
        match self {
            Grade::Excellent => 3,
            Grade::Good => 2,
            Grade::Pass => 1,
            Grade::Fail => 0,
        }
    }

    /// PAY-POOL: the policy tilts the extra pay toward groups whose results are good
    /// ("目标任务完成情况和绩效考核良好的"): good or excellent.
    pub fn earns_pay_tilt(self) -> bool {
        self.rank() >= Grade::Good.rank()
    }
}

vocab_enum! {
    /// A distribution plan of extra performance pay (PAY-POOL): the core drafts it, the office
    /// meeting passes it (motion type `performance_pay_distribution`), the bureau approves it.
    pub enum PayPlanStatus ("pay_plan_status") {
        Proposed = ("proposed", "拟定", "proposed"),
        OfficePassed = ("office_passed", "理事长办公会议已通过", "passed by the office meeting"),
        OfficeRejected = ("office_rejected", "理事长办公会议未通过", "rejected by the office meeting"),
        Approved = ("approved", "教育局已审定", "approved by the bureau"),
        Rejected = ("rejected", "教育局未予审定", "rejected by the bureau"),
    }
}

vocab_enum! {
    /// What a growth review (GROWTH-3Y) proposes for a new or weak member whose period ends.
    pub enum GrowthDecision ("growth_decision") {
        GraduateIndependent = ("graduate_independent", "脱离紧密型集团独立办学", "leave to run independently"),
        ConvertToCollaborative = ("convert_to_collaborative", "作为协作型成员继续留在集团", "stay as a collaborative member"),
        Extend = ("extend", "延长成长考核期", "extend the growth period"),
    }
}

vocab_enum! {
    /// A growth review's course: `submitted` until decided. Leaving or converting is decided on
    /// the application it files (the bureau's inbox, the exit path); an extension by the bureau
    /// on the review itself.
    pub enum GrowthReviewStatus ("growth_review_status") {
        Submitted = ("submitted", "已提交待核准", "submitted"),
        Approved = ("approved", "已核准", "approved"),
        Rejected = ("rejected", "未予核准", "rejected"),
        Cancelled = ("cancelled", "已撤回", "cancelled"),
    }
}

vocab_enum! {
    /// What the outcome of a published assessment opens (§2.4.4): each flag names the path and
    /// links the evidence.
    pub enum OutcomeFlag ("assessment_flag") {
        SpinOffCandidate = ("spin_off_candidate", "潜力学校成绩突出，可申请另行组建集团", "an outstanding potential school may apply to spin off"),
        RectificationAdvised = ("rectification_advised", "考核不合格，应下达整改通知", "failed: a rectification order is advised"),
        DissolutionReview = ("dissolution_review", "集团考核不合格，应审视是否解散", "the group failed: review whether to dissolve it"),
        GrowthReviewDue = ("growth_review_due", "成长考核期届满，应作成长评估", "the growth period ends: a growth review is due"),
    }
}

vocab_enum! {
    /// The kind of an inspection by education supervision (督导评估, §3.4).
    pub enum InspectionKind ("inspection_kind") {
        Regular = ("regular", "常规督导", "regular"),
        Special = ("special", "专项督导", "special"),
        FollowUp = ("follow_up", "整改复查", "follow-up"),
    }
}
