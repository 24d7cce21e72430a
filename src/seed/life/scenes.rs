//! The later life of the demo groups as data, without a database: which member of which
//! established demo group leaves, applies, is ordered to rectify or is nominated, and what the
//! bureau decides. `life` drives the services through it; the tests check it against the rules
//! of §2.4.4 and §2.4.2 on the registry demo's schools and staff.
//!
//! Each scene concerns one school of one group, so that a scene already there is recognised by
//! what it left on that school (see `look::started`).

use crate::domain::groups::{FormationPattern, GroupKind};
use crate::domain::life::ExitReason;
use crate::domain::registry::CadrePost;
use crate::service::life::decisions::Verdict;

/// Where a scene takes place: the demo group `G{county}{seq:03}` of `plan::GROUPS` and one of its
/// schools, by its place in the group (0 the core, for a scene about the whole group; 1 the
/// first member, and so on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub county: usize,
    pub seq: u32,
    pub school: usize,
}

/// An exit that is an application to the bureau (核准, §2.4.4). Graduation and conversion are
/// the chair's to apply for, withdrawal and spin-off the member's own.
#[derive(Debug)]
pub struct Application {
    /// `withdrawn`, `graduated_independent`, `converted_to_collaborative` or `spun_off`.
    pub reason: ExitReason,
    pub note: &'static str,
    /// For a spin-off: the kind and pattern of the group the school asks to lead (named after it).
    pub new_group: Option<(GroupKind, FormationPattern)>,
    /// The bureau's decision and its note; `None` leaves the application in the bureau's inbox.
    pub verdict: Option<(Verdict, &'static str)>,
}

/// What becomes of a rectification order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Waiting for the member's report, the deadline ahead.
    Issued,
    /// The member has reported (the text); the bureau has not resolved it yet.
    Responded(&'static str),
    /// The member reports (`response`) and the bureau finds it not rectified (`reason`,
    /// 整改不到位): the order is closed, a ground for REVOKE the bureau has not acted on.
    NotRectified {
        response: &'static str,
        reason: &'static str,
    },
    /// The deadline passes unanswered and the bureau revokes the membership (REVOKE), with this
    /// note.
    Revoked(&'static str),
}

#[derive(Debug)]
pub struct Order {
    pub violation: &'static str,
    /// Days from today to the deadline the bureau sets (it cannot set a past one).
    pub days: u64,
    pub fate: Fate,
}

/// A cadre nomination of the chair for the scene's member school (CADRE-VP, CADRE-MIDDLE).
#[derive(Debug)]
pub struct Nomination {
    /// The nominee: the member school's teacher at this place among those without a cadre post
    /// (`plan::teachers`); the first one sits in the council as teacher representative.
    pub teacher: usize,
    pub post: CadrePost,
    pub note: &'static str,
    /// Whether the appointer appoints (and, where the post needs it, the bureau files) once the
    /// office meeting has passed it; otherwise the nomination waits at `office_passed`.
    pub appoint: bool,
}

#[derive(Debug)]
pub enum Act {
    Apply(Application),
    Order(Order),
    /// The chair nominates, one office meeting passes all of them, the appointers follow.
    Cadres(&'static [Nomination]),
    /// DISSOLVE, with its reason and the accountability note.
    Dissolve {
        reason: &'static str,
        accountability: &'static str,
    },
}

#[derive(Debug)]
pub struct Scene {
    pub at: At,
    pub act: Act,
}

const fn at(county: usize, seq: u32, school: usize) -> At {
    At {
        county,
        seq,
        school,
    }
}

/// The scenes, in the order they are seeded.
pub const SCENES: &[Scene] = &[
    // 福泉市: the relocation-site school, assigned weak, graduates after its growth period.
    Scene {
        at: at(1, 1, 1),
        act: Act::Apply(Application {
            reason: ExitReason::GraduatedIndependent,
            note: "三年成长考核期满，学校办学条件和教育教学质量明显提升，经集团理事长办公会议研究，\
                   申请该校脱离紧密型集团独立办学。",
            new_group: None,
            verdict: Some((
                Verdict::Approve,
                "经县教育局考核，该校成长考核合格，同意脱离紧密型集团独立办学，认定为潜力学校。",
            )),
        }),
    },
    // 长顺县: the teaching point ignores an order and loses its membership; a village school
    // reports on its order; the village school of potential spins off into its own group.
    Scene {
        at: at(8, 1, 1),
        act: Act::Order(Order {
            violation: "违规向学生收取教辅资料费，违反集团章程和教育收费管理规定。",
            days: 15,
            fate: Fate::Revoked(
                "整改期限届满仍未退还费用、未报送整改情况，拒不整改，情节严重，取消其成员资格。",
            ),
        }),
    },
    Scene {
        at: at(8, 1, 2),
        act: Act::Order(Order {
            violation: "未按集团教师交流轮岗计划选派教师到核心成员学校跟岗学习。",
            days: 30,
            fate: Fate::Responded(
                "已选派2名教师到核心成员学校跟岗学习一学期，并制定本学年教师交流轮岗计划报集团备案。",
            ),
        }),
    },
    Scene {
        at: at(8, 1, 3),
        act: Act::Apply(Application {
            reason: ExitReason::SpunOff,
            note: "学校近三年教育质量稳居全县村小前列，社会反响良好，申请另行组建教育集团，\
                   带动周边村小共同发展。",
            new_group: Some((GroupKind::Collaborative, FormationPattern::Other)),
            verdict: Some((
                Verdict::Approve,
                "该校办学成绩突出，同意其另行组建协作型教育集团，按程序报送组建方案。",
            )),
        }),
    },
    // 三都水族自治县: the teaching point withdraws; a village school's withdrawal waits in the
    // bureau's inbox; the village school of potential is refused a spin-off, and has an order
    // to answer.
    Scene {
        at: at(11, 1, 1),
        act: Act::Apply(Application {
            reason: ExitReason::Withdrawn,
            note: "因乡镇学校布局调整，本教学点划归所在镇中心学校统一管理，申请退出集团。",
            new_group: None,
            verdict: Some((Verdict::Approve, "经核准，同意退出集团。")),
        }),
    },
    Scene {
        at: at(11, 1, 2),
        act: Act::Apply(Application {
            reason: ExitReason::Withdrawn,
            note: "学校已纳入县域城乡学校共同体结对帮扶，与集团帮扶内容重复，申请退出集团。",
            new_group: None,
            verdict: None,
        }),
    },
    Scene {
        at: at(11, 1, 3),
        act: Act::Apply(Application {
            reason: ExitReason::SpunOff,
            note: "学校办学成绩突出，申请另行组建教育集团。",
            new_group: Some((GroupKind::Collaborative, FormationPattern::Other)),
            verdict: Some((
                Verdict::Reject,
                "该校办学成绩尚需巩固，暂不具备牵头组建教育集团的条件；请继续在集团内发展，\
                 条件成熟后再行申请。",
            )),
        }),
    },
    Scene {
        at: at(11, 1, 3),
        act: Act::Order(Order {
            violation: "本学期3次未参加集团联合教研和送教下乡活动，违反集团章程。",
            days: 30,
            fate: Fate::Issued,
        }),
    },
    // 都匀市: the chair nominates a vice principal and a middle cadre for the newly opened school;
    // the office meeting passes both; the school appoints its middle cadre, while the vice
    // principal waits for the bureau's inspection.
    Scene {
        at: at(0, 1, 1),
        act: Act::Cadres(&[
            Nomination {
                teacher: 1,
                post: CadrePost::VicePrincipal,
                note: "拟任分管教学副校长。",
                appoint: false,
            },
            Nomination {
                teacher: 2,
                post: CadrePost::MiddleCadre,
                note: "拟任教导处主任。",
                appoint: true,
            },
        ]),
    },
    // 都匀市: the newly opened school reports on an order, and the bureau finds it not rectified.
    Scene {
        at: at(0, 1, 1),
        act: Act::Order(Order {
            violation: "未按集团统一安排开展课后服务，违反集团章程。",
            days: 20,
            fate: Fate::NotRectified {
                response: "已制定课后服务方案，下学期起按集团统一安排实施。",
                reason: "经核查，本学期课后服务仍未开展，方案未落实，整改不到位。",
            },
        }),
    },
    // 荔波县: the second group is dissolved.
    Scene {
        at: at(2, 2, 0),
        act: Act::Dissolve {
            reason: "集团组建后未按章程开展集团化办学活动，理事会和理事长办公会议不履职，管理混乱，\
                     整体社会效益低下。",
            accountability: "对集团原理事长予以诫勉谈话，责成核心成员学校向县教育局作出书面检查。",
        },
    },
];
