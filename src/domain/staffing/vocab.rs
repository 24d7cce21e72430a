//! The staffing area's vocabularies (§2.4.1, §2.4.2): post categories and levels, the reasons
//! for an allocation, the special quota, and where a staffing adjustment stands.

use crate::vocab_enum;

vocab_enum! {
    /// The three categories of posts of a public institution (岗位类别).
    pub enum PostCategory ("post_category") {
        Management = ("management", "管理岗位", "management"),
        ProfessionalTechnical = ("professional_technical", "专业技术岗位", "professional-technical"),
        Support = ("support", "工勤技能岗位", "support"),
    }
}

vocab_enum! {
    /// The level of a professional-technical post (高级、中级、初级); management and support
    /// posts are `ungraded` here. A title's grade (`titles.grade`) uses the same three codes.
    pub enum PostLevel ("post_level") {
        Senior = ("senior", "高级", "senior"),
        Intermediate = ("intermediate", "中级", "intermediate"),
        Junior = ("junior", "初级", "junior"),
        Ungraded = ("ungraded", "不分级", "ungraded"),
    }
}

vocab_enum! {
    /// Why a member gets the posts it gets (§2.4.2 "按照规模、班额、师资结构、承担教育教学改革和任务
    /// 需要等情况……结合干部、教师交流轮岗情况进行动态调整").
    pub enum AllocationReason ("allocation_reason") {
        SchoolSize = ("school_size", "办学规模", "school size"),
        ClassSize = ("class_size", "班额", "class sizes"),
        StaffStructure = ("staff_structure", "师资结构", "staff structure"),
        ReformTasks = ("reform_tasks", "承担教育教学改革和任务需要", "reform and teaching tasks"),
        Exchange = ("exchange", "干部教师交流轮岗", "cadre and teacher exchange"),
        SeniorBonus = ("senior_bonus", "核心成员交流骨干教师增加的高、中级岗位", "the core's bonus posts for teachers it sends out"),
    }
}

vocab_enum! {
    /// What the county adds for a group (§2.4.1 "集团发展专项编制或员额").
    pub enum SpecialQuotaKind ("special_quota_kind") {
        Quota = ("quota", "专项编制", "special quota"),
        Headcount = ("headcount", "专项员额", "special headcount"),
    }
}

vocab_enum! {
    /// What the special quota is for (§2.4.1 "用于组建集团理事会内设机构及核心成员输出管理团队和
    /// 骨干教师").
    pub enum SpecialQuotaPurpose ("special_quota_purpose") {
        InternalBodies = ("internal_bodies", "组建集团理事会内设机构", "the council's internal bodies"),
        ManagementTeams = ("management_teams", "核心成员输出管理团队", "management teams the core sends out"),
        BackboneTeachers = ("backbone_teachers", "核心成员输出骨干教师", "backbone teachers the core sends out"),
    }
}

vocab_enum! {
    /// Where a staffing adjustment (编制调整方案) stands: the chair proposes it, the office
    /// meeting passes or rejects it, the county bureau approves (it takes effect) or refuses it.
    /// A proposal still open when another one of the group's year is approved is superseded.
    #[derive(Default)]
    pub enum AdjustmentStatus ("adjustment_status") {
        #[default]
        Proposed = ("proposed", "已提出", "proposed"),
        OfficePassed = ("office_passed", "办公会议已通过", "passed by the office meeting"),
        OfficeRejected = ("office_rejected", "办公会议未通过", "rejected by the office meeting"),
        Approved = ("approved", "教育局已同意实施", "approved by the bureau"),
        Refused = ("refused", "教育局不同意", "refused by the bureau"),
        Withdrawn = ("withdrawn", "已撤回", "withdrawn"),
        Superseded = ("superseded", "已被取代", "superseded"),
    }
}

impl PostLevel {
    /// The levels the county counts against its senior and intermediate totals.
    pub fn is_counted(self) -> bool {
        matches!(self, PostLevel::Senior | PostLevel::Intermediate)
    }
}

impl AdjustmentStatus {
    /// Still on its way: it may be tabled, decided, withdrawn or superseded.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Proposed | Self::OfficePassed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::assert_round_trips as round_trips;

    #[test]
    fn codes_round_trip() {
        round_trips(PostCategory::ALL, |v| v.as_str(), PostCategory::parse);
        round_trips(PostLevel::ALL, |v| v.as_str(), PostLevel::parse);
        round_trips(
            AllocationReason::ALL,
            |v| v.as_str(),
            AllocationReason::parse,
        );
        round_trips(
            SpecialQuotaKind::ALL,
            |v| v.as_str(),
            SpecialQuotaKind::parse,
        );
        round_trips(
            SpecialQuotaPurpose::ALL,
            |v| v.as_str(),
            SpecialQuotaPurpose::parse,
        );
        round_trips(
            AdjustmentStatus::ALL,
            |v| v.as_str(),
            AdjustmentStatus::parse,
        );
    }
}
