//! A group's internal bodies (集团内设机构, §2.3.2 "集团依托核心成员的内设机构组建集团学生发展中心、
//! 教师发展中心、质量监控中心等机构，在集团理事会的统一领导下，分别负责……"): INTERNAL-BODIES.
//!
//! A body is founded by a resolution of the council (it works "under the council's unified
//! leadership"), on an internal body of the core, so its head is staff of the core; the head
//! sits in the chair's office meeting (OFFICE-COMPOSITION), which is why the head must already
//! hold a council seat. Later areas attach their work to a body by kind: the teacher
//! development centre runs exchanges and training, the quality monitoring centre the group's
//! own assessment.

use crate::domain::council::{Body, MotionType};
use crate::domain::groups::types::GroupStatus;
use crate::domain::registry::PersonKind;
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// The bodies §2.3.2 names, and any other the council founds ("等机构").
    pub enum InternalBodyKind ("internal_body_kind") {
        StudentDevelopment = ("student_development", "集团学生发展中心", "student development centre"),
        TeacherDevelopment = ("teacher_development", "集团教师发展中心", "teacher development centre"),
        QualityMonitoring = ("quality_monitoring", "集团质量监控中心", "quality monitoring centre"),
        Other = ("other", "其他内设机构", "other internal body"),
    }
}

vocab_enum! {
    /// A body works until the council closes it; a closed body keeps its record.
    pub enum InternalBodyStatus ("internal_body_status") {
        Active = ("active", "运行中", "active"),
        Closed = ("closed", "已撤销", "closed"),
    }
}

impl InternalBodyKind {
    /// The duties §2.3.2 gives the body, in zh-Hans and English; `None` for another body,
    /// whose duties the founding resolution sets.
    pub fn duties(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::StudentDevelopment => Some((
                "统筹集团德育、教学、课程。",
                "Coordinates the group's moral education, teaching and curriculum.",
            )),
            Self::TeacherDevelopment => Some((
                "统筹集团教师交流、教研、培训。",
                "Coordinates the group's teacher exchange, teaching research and training.",
            )),
            Self::QualityMonitoring => Some((
                "统筹集团发展规划、品牌建设、考核评价及日常事务。",
                "Coordinates the group's development planning, brand building, assessment and \
                 evaluation, and day-to-day affairs.",
            )),
            Self::Other => None,
        }
    }

    /// Only one active body of each named kind; any number of others.
    pub fn is_unique(self) -> bool {
        self != Self::Other
    }
}

/// What INTERNAL-BODIES needs to know about a founding or a new head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadFacts {
    pub person_id: i64,
    pub kind: PersonKind,
    /// The school of the person's record.
    pub school_id: i64,
    /// The person holds an active council seat of the group.
    pub has_council_seat: bool,
}

/// The resolution a body is founded on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolutionFacts {
    pub id: i64,
    pub of_group: bool,
    pub body: Body,
    pub motion_type: MotionType,
}

fn refuse(title: (&str, &str), zh: String, en: String, field: &'static str) -> RuleViolation {
    RuleViolation::new(
        Rule::InternalBodies,
        Msg::new(title.0, title.1),
        Msg::new(zh, en),
    )
    .on_field(field)
}

/// INTERNAL-BODIES for a body's head: staff of the core (the body is founded on the core's own
/// internal body) who holds a council seat (the head sits in the office meeting, whose members
/// all hold one).
pub fn check_head(core_school_id: i64, head: &HeadFacts) -> RuleResult {
    let title = (
        "内设机构负责人不符合规定",
        "the body's head is not eligible",
    );
    let id = head.person_id;
    if head.kind != PersonKind::Staff || head.school_id != core_school_id {
        return Err(refuse(
            title,
            format!(
                "#{id} 不是核心成员 #{core_school_id} 的教职工；集团内设机构依托核心成员的内设机构组建，\
                 负责人由核心成员的人员担任。"
            ),
            format!(
                "#{id} is not staff of the core school #{core_school_id}; a group's internal body \
                 is founded on one of the core's, and its head is the core's."
            ),
            "head_person_id",
        ));
    }
    if !head.has_council_seat {
        return Err(refuse(
            title,
            format!(
                "#{id} 不是理事会成员；内设机构主要负责人列入理事长办公会议，须先在理事会中有席位。"
            ),
            format!(
                "#{id} holds no council seat; the head of an internal body sits in the chair's \
                 office meeting, whose members all hold council seats."
            ),
            "head_person_id",
        ));
    }
    Ok(())
}

/// INTERNAL-BODIES for the founding (or closing) resolution: adopted by this group's council
/// on an internal-body motion, since the bodies work under the council's leadership.
pub fn check_resolution(r: &ResolutionFacts, field: &'static str) -> RuleResult {
    if r.of_group && r.body == Body::Council && r.motion_type == MotionType::InternalBody {
        return Ok(());
    }
    Err(refuse(
        (
            "内设机构须经理事会决议设立",
            "an internal body needs a council resolution",
        ),
        format!(
            "决议 #{} 不是本集团理事会关于设置内设机构的决议（{}，{}）。",
            r.id,
            r.body.label_zh(),
            r.motion_type.label_zh()
        ),
        format!(
            "Resolution #{} is not a resolution of this group's council on an internal body \
             (it is the {}'s, on a {} motion).",
            r.id,
            r.body.label_en(),
            r.motion_type.as_str()
        ),
        field,
    ))
}

/// INTERNAL-BODIES: one active body of each kind §2.3.2 names.
pub fn check_unique(
    kind: InternalBodyKind,
    existing_active: &[(i64, InternalBodyKind)],
) -> RuleResult {
    match existing_active
        .iter()
        .find(|(_, k)| kind.is_unique() && *k == kind)
    {
        None => Ok(()),
        Some((id, _)) => Err(refuse(
            ("该内设机构已设立", "the body exists already"),
            format!(
                "集团已设有{}（#{id}）；如需调整，请更换负责人或先撤销。",
                kind.label_zh()
            ),
            format!(
                "The group has a {} already (#{id}); change its head or close it first.",
                kind.label_en()
            ),
            "kind",
        )),
    }
}

/// GROUP-STATE for bodies: a group founds, re-heads and closes its bodies while it runs
/// (`preparing` or `established`); a dossier under review is frozen, a dissolved group has none.
pub fn check_group_runs(status: GroupStatus) -> RuleResult {
    if matches!(status, GroupStatus::Preparing | GroupStatus::Established) {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::GroupState,
        Msg::new("集团当前状态不能调整内设机构", "the group's bodies cannot change now"),
        Msg::new(
            format!(
                "集团状态为“{}”（{}），只有在“筹设中”或“已正式组建”时才能设立、调整或撤销内设机构。",
                status.label_zh(),
                status.as_str()
            ),
            format!(
                "The group is {} ({}); its internal bodies change only while it is preparing or \
                 established.",
                status.label_en(),
                status.as_str()
            ),
        ),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn head() -> HeadFacts {
        HeadFacts {
            person_id: 7,
            kind: PersonKind::Staff,
            school_id: 1,
            has_council_seat: true,
        }
    }

    #[test]
    fn head_is_core_staff_with_a_seat() {
        assert_eq!(check_head(1, &head()), Ok(()));
        let v = check_head(2, &head()).unwrap_err();
        assert_eq!(v.rule, Rule::InternalBodies);
        assert!(v.detail.en.contains("not staff of the core school #2"));
        let parent = HeadFacts {
            kind: PersonKind::Parent,
            ..head()
        };
        assert!(check_head(1, &parent).is_err());
        let seatless = HeadFacts {
            has_council_seat: false,
            ..head()
        };
        let v = check_head(1, &seatless).unwrap_err();
        assert!(v.detail.en.contains("holds no council seat"));
    }

    #[test]
    fn founded_by_the_councils_internal_body_resolution() {
        let ok = ResolutionFacts {
            id: 3,
            of_group: true,
            body: Body::Council,
            motion_type: MotionType::InternalBody,
        };
        assert_eq!(check_resolution(&ok, "founding_resolution_id"), Ok(()));
        for bad in [
            ResolutionFacts {
                of_group: false,
                ..ok
            },
            ResolutionFacts {
                body: Body::Office,
                ..ok
            },
            ResolutionFacts {
                motion_type: MotionType::WorkPlan,
                ..ok
            },
        ] {
            let v = check_resolution(&bad, "founding_resolution_id").unwrap_err();
            assert_eq!(v.rule, Rule::InternalBodies);
        }
    }

    #[test]
    fn one_body_of_each_named_kind() {
        let existing = [
            (4, InternalBodyKind::TeacherDevelopment),
            (5, InternalBodyKind::Other),
        ];
        assert!(check_unique(InternalBodyKind::StudentDevelopment, &existing).is_ok());
        assert!(check_unique(InternalBodyKind::Other, &existing).is_ok());
        let v = check_unique(InternalBodyKind::TeacherDevelopment, &existing).unwrap_err();
        assert!(v.detail.en.contains("#4"));
    }

    #[test]
    fn named_kinds_carry_their_duties() {
        for k in InternalBodyKind::ALL {
            assert_eq!(k.duties().is_some(), *k != InternalBodyKind::Other);
        }
    }
}
