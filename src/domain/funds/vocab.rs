//! The vocabulary of group funds and pooled resources (§2.3.3, §3.3), re-exported by `funds`.

use crate::vocab_enum;

vocab_enum! {
    /// The purposes the county's group funds are allocated for (§3.3), and `other` with a
    /// description. Each allocation line and each entry names exactly one (FUNDS-PURPOSE).
    pub enum FundPurpose ("fund_purpose") {
        Informatisation = ("informatisation", "信息化建设", "informatisation"),
        BackboneTeacherMobility = ("backbone_teacher_mobility", "骨干教师流动", "backbone-teacher mobility"),
        QualityCourseDevelopment = ("quality_course_development", "优质课程开发", "quality course development"),
        TeachingResearchTraining = ("teaching_research_training", "教科研训联动", "joint teaching, research and training"),
        SharedVenues = ("shared_venues", "场地资源共享", "shared venues"),
        RenownedTeacherTraining = ("renowned_teacher_training", "名师名校长名班主任培养", "training renowned teachers, principals and head teachers"),
        Other = ("other", "其他（须说明）", "other (described)"),
    }
}

vocab_enum! {
    /// What a member pools (§2.3.3): its people (a teacher's time), goods (a facility or
    /// equipment shared) or money.
    pub enum FundEntryKind ("fund_entry_kind") {
        People = ("people", "人", "people"),
        Goods = ("goods", "物", "goods"),
        Money = ("money", "财", "money"),
    }
}

vocab_enum! {
    /// Where a pooled use comes from: the group's funds from the county, the bearing member's
    /// own resources (budget, staff or assets), or (in statements only) an exchange of
    /// teachers, derived from the exchange records.
    pub enum FundEntrySource ("fund_entry_source") {
        GroupFunds = ("group_funds", "集团专项经费", "the group's funds"),
        MemberOwn = ("member_own", "成员学校自有人财物", "the member's own budget, staff or assets"),
        Exchange = ("exchange", "教师交流轮岗记录", "a teacher exchange record"),
    }
}

vocab_enum! {
    /// The unit of a quantity of people or goods.
    pub enum FundQuantityUnit ("fund_quantity_unit") {
        Hours = ("hours", "小时", "hours"),
        Days = ("days", "天", "days"),
        PersonDays = ("person_days", "人日", "person-days"),
    }
}
