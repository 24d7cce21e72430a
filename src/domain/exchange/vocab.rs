//! The vocabularies of an exchange record, declared once.

use crate::vocab_enum;

vocab_enum! {
    /// What kind of movement (§2.4.2, §2.4.3).
    pub enum ExchangeKind ("exchange_kind") {
        Rotation = ("rotation", "轮岗交流", "rotation"),
        BackboneDispatch = ("backbone_dispatch", "选派骨干教师", "backbone teacher dispatch"),
        ManagementDispatch = ("management_dispatch", "输出管理团队", "management team dispatch"),
        CrossSchoolTeaching = ("cross_school_teaching", "跨校走教（联校走教）", "cross-school teaching"),
        CrossStage = ("cross_stage", "跨学段任教", "cross-stage teaching"),
    }
}

impl ExchangeKind {
    /// Only cross-school teaching is part-time: the teacher keeps teaching at home too.
    pub fn may_be_part_time(&self) -> bool {
        matches!(self, Self::CrossSchoolTeaching)
    }

    /// §2.4.3 lets shortage subjects be taught across groups and in the whole township (联校走教);
    /// every other movement stays within the group.
    pub fn may_leave_the_group(&self) -> bool {
        matches!(self, Self::CrossSchoolTeaching)
    }
}

vocab_enum! {
    /// Where the teacher's personnel relation (人事关系) is during the exchange (§2.4.2
    /// "鼓励其接转人事关系，也可将其人事关系保留在核心成员").
    pub enum PersonnelRelation ("personnel_relation") {
        Transferred = ("transferred", "接转人事关系", "transferred to the receiving school"),
        Retained = ("retained", "保留在派出学校", "retained at the sending school"),
    }
}

vocab_enum! {
    /// The life of an exchange record.
    pub enum ExchangeStatus ("exchange_status") {
        Planned = ("planned", "计划", "planned"),
        Active = ("active", "进行中", "active"),
        Completed = ("completed", "已完成", "completed"),
        Cancelled = ("cancelled", "已取消", "cancelled"),
    }
}

impl ExchangeStatus {
    /// Whether the exchange holds the teacher's time (EXCH-OVERLAP): every status but
    /// `cancelled`, so that a planned exchange cannot be double-booked either.
    pub fn holds_time(&self) -> bool {
        !matches!(self, Self::Cancelled)
    }

    /// Whether the exchange took place, and so counts in the compliance figures.
    pub fn took_place(&self) -> bool {
        matches!(self, Self::Active | Self::Completed)
    }
}

vocab_enum! {
    /// What is done to an exchange record.
    pub enum ExchangeAct ("exchange_act") {
        Start = ("start", "开始交流", "start"),
        Complete = ("complete", "交流结束", "complete"),
        Cancel = ("cancel", "取消", "cancel"),
    }
}

impl ExchangeAct {
    /// The status `self` leads to from `from`; `None` when it does not apply there.
    pub fn next(&self, from: ExchangeStatus) -> Option<ExchangeStatus> {
        use ExchangeStatus as S;
        match (self, from) {
            (Self::Start, S::Planned) => Some(S::Active),
            (Self::Complete, S::Active) => Some(S::Completed),
            (Self::Cancel, S::Planned | S::Active) => Some(S::Cancelled),
            _ => None,
        }
    }
}

vocab_enum! {
    /// Where a group's annual exchange plan stands (EXCH-PLAN): the office meeting decides it,
    /// and a revision puts it before the meeting again.
    pub enum PlanStatus ("exchange_plan_status") {
        Proposed = ("proposed", "待理事长办公会议审议", "proposed"),
        OfficePassed = ("office_passed", "理事长办公会议已通过", "passed by the office meeting"),
        OfficeRejected = ("office_rejected", "理事长办公会议未通过", "rejected by the office meeting"),
    }
}

vocab_enum! {
    /// Who drafted the plan: the group's teacher development centre (§2.3.2 "教师发展中心……
    /// 负责统筹……教师交流") where the group has one, else the core school.
    pub enum PlanDrafter ("exchange_plan_drafter") {
        TeacherDevelopmentCentre = ("teacher_development_centre", "集团教师发展中心", "teacher development centre"),
        CoreSchool = ("core_school", "核心成员", "core school"),
    }
}

vocab_enum! {
    /// A treatment the policy attaches to an exchange (EXCH-TREATMENT, §2.4.2).
    pub enum Treatment ("exchange_treatment") {
        MiddleCadre = ("middle_cadre", "享受所在单位中层干部待遇", "middle-cadre treatment at the receiving school"),
        AwardPriority = ("award_priority", "优先考虑评优、评先", "priority in awards"),
        TitlePriority = ("title_priority", "优先考虑（安排）职称评聘", "priority in title evaluation"),
    }
}
