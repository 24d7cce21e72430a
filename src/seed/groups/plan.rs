//! The demo groups as data, computed without a database: which school leads which group, who
//! joins it, how far each group has come in the formation workflow (§2.3.1), who sits in its
//! council and office meeting, and what those bodies decide. `walk` drives the services through
//! it; the tests check it against the rules of DOMAIN.md.
//!
//! Schools are named by their place in a county's blueprint (`blueprint::county_schools`), so the
//! groups follow the registry demo data: the county seat's quality schools lead, the newly opened,
//! township centre, rural and relocation-site schools join.

use crate::domain::groups::bodies::InternalBodyKind;
use crate::domain::groups::{FormationPattern, GroupKind, GroupStatus, JoinBasis};

use crate::domain::council::{
    Body, MotionOutcome, MotionType, OfficeRole, SeatCategory, VoteChoice,
};
use crate::domain::registry::{CadrePost, SchoolLocation, SchoolStanding};
use crate::seed::counties::COUNTIES;
use crate::seed::plan::{CountyPlan, SchoolPlan};

/// A school of a county's demo plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sel {
    /// The school at this place of the blueprint: 0 第一中学, 1 第一小学, 2 实验幼儿园, 6 the
    /// newly opened primary school, 8 the first township centre primary school, 9 its
    /// kindergarten, 10 a township secondary school, 11 another township centre primary school,
    /// 13 the teaching point, 14 and 15 village primary schools.
    At(usize),
    /// The primary school of the poverty-relief relocation site.
    Relocation,
    /// The development zone's newly opened secondary school.
    ZoneNew,
}

/// When a meeting takes place: while the group is prepared (before the dossier) or once it is
/// established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Preparing,
    Established,
}

/// Who comes to a meeting. The last seat is a teacher's or parent's: it stays away, or gives its
/// proxy to the chair, who is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turnout {
    All,
    LastAbsent,
    LastByProxy,
}

#[derive(Debug)]
pub struct MotionSpec {
    pub title: &'static str,
    pub motion_type: MotionType,
    pub secret: bool,
    /// Seats voting against and abstaining: the last seat holders present in person, never the
    /// chair; everyone else present (and the proxy) votes for.
    pub against: usize,
    pub abstain: usize,
    /// What the count must give under the county's default rules (the tests check it; the seed
    /// stops if the service decides otherwise).
    pub expect: MotionOutcome,
}

#[derive(Debug)]
pub struct MeetingSpec {
    pub phase: Phase,
    pub body: Body,
    pub agenda: &'static str,
    pub turnout: Turnout,
    /// The chair revises the charter draft before this meeting (after the council rejected it).
    pub revise_charter: bool,
    pub motions: &'static [MotionSpec],
}

/// How complete the charter draft of a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    Full,
    /// Still without its rules of procedure: the group shows `missing_sections`.
    WithoutRulesOfProcedure,
}

#[derive(Debug)]
pub struct GroupSpec {
    /// Index in `COUNTIES`.
    pub county: usize,
    /// The group's number in its county: its code is `G{county}{seq:03}`.
    pub seq: u32,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
    pub core: Sel,
    /// The schools that join (or, before the plan is approved, that the plan names).
    pub members: &'static [Sel],
    /// Where the group stands when the seed is done.
    pub target: GroupStatus,
    /// The bureau returns the first plan with this reason; the core resubmits it.
    pub plan_returned: Option<&'static str>,
    /// The bureau returns the first dossier with this reason; the core resubmits it.
    pub dossier_returned: Option<&'static str>,
    pub draft: Draft,
    /// Whether the council is elected (always, for a group that has submitted its dossier).
    pub council: bool,
    pub meetings: &'static [MeetingSpec],
}

const CHARTER: MotionSpec = MotionSpec {
    title: "审议集团章程（草案）",
    motion_type: MotionType::Charter,
    secret: false,
    against: 0,
    abstain: 0,
    expect: MotionOutcome::Adopted,
};

const CHARTER_SECRET: MotionSpec = MotionSpec {
    secret: true,
    ..CHARTER
};

const WORK_PLAN: MotionSpec = MotionSpec {
    title: "审议集团2027年度工作计划",
    motion_type: MotionType::WorkPlan,
    secret: false,
    against: 0,
    abstain: 1,
    expect: MotionOutcome::Adopted,
};

/// The charter meeting every group holds before its dossier goes to the bureau.
const ADOPT_CHARTER: MeetingSpec = MeetingSpec {
    phase: Phase::Preparing,
    body: Body::Council,
    agenda: "审议集团章程（草案）",
    turnout: Turnout::All,
    revise_charter: false,
    motions: &[CHARTER],
};

/// The demo groups, in the order they are seeded; the first one's code marks the demo.
pub const GROUPS: &[GroupSpec] = &[
    // 都匀市: the first group is established, with an office meeting and a rejected plan.
    GroupSpec {
        county: 0,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusNew,
        core: Sel::At(1),
        members: &[Sel::At(6)],
        target: GroupStatus::Established,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[
            MeetingSpec {
                phase: Phase::Preparing,
                body: Body::Council,
                agenda: "一、审议集团章程（草案）；二、审议集团2027年度工作计划",
                turnout: Turnout::All,
                revise_charter: false,
                motions: &[CHARTER, WORK_PLAN],
            },
            MeetingSpec {
                phase: Phase::Preparing,
                body: Body::Office,
                agenda: "研究集团教研共同体建设安排",
                turnout: Turnout::All,
                revise_charter: false,
                motions: &[MotionSpec {
                    title: "关于建立集团学科教研共同体的安排",
                    motion_type: MotionType::Other,
                    secret: false,
                    against: 0,
                    abstain: 0,
                    expect: MotionOutcome::Adopted,
                }],
            },
            MeetingSpec {
                phase: Phase::Established,
                body: Body::Council,
                agenda: "审议集团三年发展规划（2027—2029年）",
                turnout: Turnout::LastByProxy,
                revise_charter: false,
                motions: &[MotionSpec {
                    title: "审议集团三年发展规划（2027—2029年）",
                    motion_type: MotionType::DevelopmentPlan,
                    secret: true,
                    against: 3,
                    abstain: 0,
                    expect: MotionOutcome::Rejected,
                }],
            },
        ],
    },
    GroupSpec {
        county: 0,
        seq: 2,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusTownship,
        core: Sel::At(0),
        members: &[Sel::At(10)],
        target: GroupStatus::Authorized,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: false,
        meetings: &[],
    },
    GroupSpec {
        county: 0,
        seq: 3,
        kind: GroupKind::Collaborative,
        pattern: FormationPattern::Other,
        core: Sel::At(2),
        members: &[Sel::At(9)],
        target: GroupStatus::Preparing,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: false,
        meetings: &[],
    },
    // 福泉市: the council first rejects the charter; the bureau returns the first dossier.
    GroupSpec {
        county: 1,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusRelocation,
        core: Sel::At(1),
        members: &[Sel::Relocation],
        target: GroupStatus::Established,
        plan_returned: None,
        dossier_returned: Some(
            "组建材料缺少成员学校教职工大会对加入集团的意见，请补充后重新报送。",
        ),
        draft: Draft::Full,
        council: true,
        meetings: &[
            MeetingSpec {
                phase: Phase::Preparing,
                body: Body::Council,
                agenda: "审议集团章程（草案）",
                turnout: Turnout::LastByProxy,
                revise_charter: false,
                motions: &[MotionSpec {
                    against: 3,
                    expect: MotionOutcome::Rejected,
                    ..CHARTER
                }],
            },
            MeetingSpec {
                phase: Phase::Preparing,
                body: Body::Council,
                agenda: "审议修改后的集团章程（草案）",
                turnout: Turnout::All,
                revise_charter: true,
                motions: &[CHARTER],
            },
        ],
    },
    GroupSpec {
        county: 1,
        seq: 2,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusTownship,
        core: Sel::At(0),
        members: &[Sel::At(10)],
        target: GroupStatus::PlanSubmitted,
        plan_returned: Some("组建方案未明确教师交流轮岗和经费保障安排，请补充后重新报送。"),
        dossier_returned: None,
        draft: Draft::Full,
        council: false,
        meetings: &[],
    },
    // 荔波县
    GroupSpec {
        county: 2,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusNew,
        core: Sel::At(1),
        members: &[Sel::At(6)],
        target: GroupStatus::BureauReviewed,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[ADOPT_CHARTER],
    },
    // 贵定县
    GroupSpec {
        county: 3,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusTownship,
        core: Sel::At(1),
        members: &[Sel::At(11)],
        target: GroupStatus::DossierSubmitted,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[ADOPT_CHARTER],
    },
    // 瓮安县
    GroupSpec {
        county: 4,
        seq: 1,
        kind: GroupKind::Collaborative,
        pattern: FormationPattern::UrbanQualityPlusRelocation,
        core: Sel::At(1),
        members: &[Sel::Relocation],
        target: GroupStatus::Preparing,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[],
    },
    // 独山县
    GroupSpec {
        county: 5,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusNew,
        core: Sel::At(1),
        members: &[Sel::At(6)],
        target: GroupStatus::Authorized,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: false,
        meetings: &[],
    },
    // 罗甸县
    GroupSpec {
        county: 7,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusNew,
        core: Sel::At(1),
        members: &[Sel::At(6)],
        target: GroupStatus::PlanSubmitted,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: false,
        meetings: &[],
    },
    // 长顺县: a township centre school of quality standing leads three village schools.
    GroupSpec {
        county: 8,
        seq: 1,
        kind: GroupKind::Collaborative,
        pattern: FormationPattern::TownshipPlusRural,
        core: Sel::At(8),
        members: &[Sel::At(13), Sel::At(14), Sel::At(15)],
        target: GroupStatus::Established,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[MeetingSpec {
            phase: Phase::Preparing,
            body: Body::Council,
            agenda: "一、审议集团章程（草案）；二、审议集团2027年度工作计划",
            turnout: Turnout::LastAbsent,
            revise_charter: false,
            motions: &[
                CHARTER,
                MotionSpec {
                    against: 1,
                    abstain: 0,
                    ..WORK_PLAN
                },
            ],
        }],
    },
    // 龙里县
    GroupSpec {
        county: 9,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusNew,
        core: Sel::At(0),
        members: &[Sel::ZoneNew],
        target: GroupStatus::Preparing,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::WithoutRulesOfProcedure,
        council: false,
        meetings: &[],
    },
    // 惠水县
    GroupSpec {
        county: 10,
        seq: 1,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusRelocation,
        core: Sel::At(1),
        members: &[Sel::Relocation],
        target: GroupStatus::DossierSubmitted,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[MeetingSpec {
            motions: &[CHARTER_SECRET],
            ..ADOPT_CHARTER
        }],
    },
    // 三都水族自治县
    GroupSpec {
        county: 11,
        seq: 1,
        kind: GroupKind::Collaborative,
        pattern: FormationPattern::TownshipPlusRural,
        core: Sel::At(8),
        members: &[Sel::At(13), Sel::At(14), Sel::At(15)],
        target: GroupStatus::Established,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[
            MeetingSpec {
                turnout: Turnout::LastByProxy,
                ..ADOPT_CHARTER
            },
            MeetingSpec {
                phase: Phase::Established,
                body: Body::Office,
                agenda: "研究集团送教下乡和联合教研活动安排",
                turnout: Turnout::All,
                revise_charter: false,
                motions: &[MotionSpec {
                    title: "关于集团送教下乡和联合教研活动的安排",
                    motion_type: MotionType::Other,
                    secret: false,
                    against: 0,
                    abstain: 1,
                    expect: MotionOutcome::Adopted,
                }],
            },
        ],
    },
    // 荔波县: a second group, established with its charter and a work plan adopted, which the
    // bureau then dissolves (`seed::life`): a dissolved group needs one of its own, since
    // dissolution ends every membership. Last in the list, so that the ids of the groups above
    // stay those of the demo without it.
    GroupSpec {
        county: 2,
        seq: 2,
        kind: GroupKind::Tight,
        pattern: FormationPattern::UrbanQualityPlusTownship,
        core: Sel::At(0),
        members: &[Sel::At(10)],
        target: GroupStatus::Established,
        plan_returned: None,
        dossier_returned: None,
        draft: Draft::Full,
        council: true,
        meetings: &[
            ADOPT_CHARTER,
            MeetingSpec {
                phase: Phase::Established,
                body: Body::Council,
                agenda: "审议集团2027年度工作计划",
                turnout: Turnout::All,
                revise_charter: false,
                motions: &[WORK_PLAN],
            },
        ],
    },
];

/// The place of a status in the formation workflow, to compare how far groups go.
pub fn rank(s: GroupStatus) -> usize {
    GroupStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

impl GroupSpec {
    /// Whether the group gets as far as `s`.
    pub fn reaches(&self, s: GroupStatus) -> bool {
        rank(self.target) >= rank(s)
    }

    /// Whether its schools join: once the plan is approved (`preparing`).
    pub fn has_members(&self) -> bool {
        self.reaches(GroupStatus::Preparing)
    }

    pub fn has_council(&self) -> bool {
        self.council || self.reaches(GroupStatus::DossierSubmitted)
    }

    pub fn county_code(&self) -> &'static str {
        COUNTIES.get(self.county).map_or("", |c| c.code)
    }

    pub fn code(&self) -> String {
        format!("G{}{:03}", self.county_code(), self.seq)
    }
}

/// A person of the group: `school` is 0 for the core, `i` for the `i`-th member; `staff` their
/// place in that school's staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonAt {
    pub school: usize,
    pub staff: usize,
}

/// The council and the chair's office meeting of a group (§2.3.2).
#[derive(Debug, Clone)]
pub struct CouncilPlan {
    /// Teachers of the core whom the bureau records in a cadre post first (副校长, 教导主任),
    /// where the core has nobody in that post to sit in the council.
    pub appoint: Vec<(PersonAt, CadrePost)>,
    /// The staff seats, the chair's (the core's legal representative) first; each represents
    /// the school of its holder's personnel record.
    pub seats: Vec<(PersonAt, SeatCategory)>,
    /// The parent representative, who sits for the school of the pupil.
    pub parent: ParentAt,
    pub office: Vec<(PersonAt, OfficeRole)>,
    /// The internal bodies the council founds once the group is established, with their heads.
    pub bodies: Vec<(InternalBodyKind, PersonAt)>,
}

#[cfg(test)]
impl CouncilPlan {
    /// The council's seats: the staff seats and the parent's.
    pub fn council_size(&self) -> usize {
        self.seats.len() + 1
    }
}

/// A parent of the group: `school` as in [`PersonAt`], `parent` their place in that school's
/// parents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParentAt {
    pub school: usize,
    pub parent: usize,
}

/// A group of [`GROUPS`] with its schools found in the registry plan.
#[derive(Debug, Clone)]
pub struct GroupPlan<'a> {
    pub spec: &'static GroupSpec,
    pub code: String,
    pub name: String,
    /// The core first, then the members.
    pub schools: Vec<&'a SchoolPlan>,
    pub council: Option<CouncilPlan>,
}

impl GroupPlan<'_> {
    pub fn core(&self) -> &SchoolPlan {
        self.schools[0]
    }

    /// The members, with their place in `schools`.
    pub fn members(&self) -> impl Iterator<Item = (usize, &SchoolPlan)> + '_ {
        self.schools
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, s)| (i, *s))
    }

    pub fn person(&self, at: PersonAt) -> Option<&crate::seed::staff::StaffPlan> {
        self.schools.get(at.school)?.staff.get(at.staff)
    }

    pub fn parent(&self, at: ParentAt) -> Option<&crate::seed::staff::ParentPlan> {
        self.schools.get(at.school)?.parents.get(at.parent)
    }
}

/// How a school joins (GRP-JOIN-BASIS): new and weak schools are assigned by the bureau, any
/// other school signs an agreement.
pub fn basis_of(school: &SchoolPlan) -> JoinBasis {
    match school.fields.standing {
        SchoolStanding::Weak | SchoolStanding::NewlyOpened => JoinBasis::BureauAssignment,
        _ => JoinBasis::SignedAgreement,
    }
}

fn find(county: &CountyPlan, sel: Sel) -> Option<&SchoolPlan> {
    match sel {
        Sel::At(i) => county.schools.get(i),
        Sel::Relocation => county
            .schools
            .iter()
            .find(|s| s.fields.location == SchoolLocation::RelocationSite),
        Sel::ZoneNew => county.schools.iter().find(|s| {
            s.fields.location == SchoolLocation::DevelopmentZone
                && s.fields.standing == SchoolStanding::NewlyOpened
        }),
    }
}

/// The school's principal (its legal representative in the registry demo).
pub fn principal(s: &SchoolPlan) -> Option<usize> {
    s.staff
        .iter()
        .position(|p| p.cadre_post == Some(CadrePost::Principal))
}

fn post(s: &SchoolPlan, post: CadrePost) -> Option<usize> {
    s.staff.iter().position(|p| p.cadre_post == Some(post))
}

/// Teachers without a cadre post, in staff order.
pub fn teachers(s: &SchoolPlan) -> Vec<usize> {
    s.staff
        .iter()
        .enumerate()
        .filter(|(_, p)| p.cadre_post.is_none())
        .map(|(i, _)| i)
        .collect()
}

/// The council the core proposes (COUNCIL-CHAIR, COUNCIL-COMPOSITION, OFFICE-COMPOSITION):
/// every legal representative (in a tight group only the core's, who represents every member),
/// the tight members' executive principals (their principals), the core's vice principal and a
/// middle cadre of the core, a teacher representative of the first member and a parent of a
/// pupil of the core. The office meeting takes the legal representatives, the executive
/// principals and the core's vice principal; the heads of the internal bodies join it when the
/// bodies are founded. Where the core has no vice principal or middle cadre on record, the
/// bureau first records a teacher's appointment (`appoint`).
pub fn council_plan(kind: GroupKind, schools: &[&SchoolPlan]) -> Result<CouncilPlan, String> {
    let core = schools.first().ok_or("a group without a core")?;
    let at = |school: usize, staff: usize| PersonAt { school, staff };
    let head = |i: usize, s: &SchoolPlan| {
        principal(s)
            .map(|p| at(i, p))
            .ok_or_else(|| format!("{} has no principal", s.fields.name))
    };
    let mut seats = vec![(head(0, core)?, SeatCategory::LegalRepresentative)];
    let mut office = vec![(head(0, core)?, OfficeRole::LegalRepresentative)];
    for (i, m) in schools.iter().enumerate().skip(1) {
        let p = head(i, m)?;
        match kind {
            GroupKind::Tight => {
                seats.push((p, SeatCategory::ExecutivePrincipal));
                office.push((p, OfficeRole::ExecutivePrincipal));
            }
            GroupKind::Collaborative => {
                seats.push((p, SeatCategory::LegalRepresentative));
                office.push((p, OfficeRole::LegalRepresentative));
            }
        }
    }
    let mut spare = teachers(core).into_iter();
    let mut appoint = Vec::new();
    let mut cadre = |post_wanted: CadrePost| match post(core, post_wanted) {
        Some(i) => Ok(i),
        None => {
            let t = spare
                .next()
                .ok_or_else(|| format!("{} has too few teachers", core.fields.name))?;
            appoint.push((at(0, t), post_wanted));
            Ok::<usize, String>(t)
        }
    };
    let vp = cadre(CadrePost::VicePrincipal)?;
    let mc = cadre(CadrePost::MiddleCadre)?;
    seats.push((at(0, vp), SeatCategory::VicePrincipal));
    office.push((at(0, vp), OfficeRole::CoreVicePrincipal));
    seats.push((at(0, mc), SeatCategory::MiddleCadre));
    let teacher = match schools
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, s)| teachers(s).first().map(|t| at(i, *t)))
    {
        Some(t) => t,
        None => at(
            0,
            spare
                .next()
                .ok_or_else(|| format!("{} has too few teachers", core.fields.name))?,
        ),
    };
    seats.push((teacher, SeatCategory::TeacherRepresentative));
    if core.parents.is_empty() {
        return Err(format!("{} has no parents on record", core.fields.name));
    }
    Ok(CouncilPlan {
        appoint,
        seats,
        office,
        parent: ParentAt {
            school: 0,
            parent: 0,
        },
        bodies: vec![
            (InternalBodyKind::TeacherDevelopment, at(0, vp)),
            (InternalBodyKind::StudentDevelopment, at(0, mc)),
            (InternalBodyKind::QualityMonitoring, at(0, vp)),
        ],
    })
}

/// Every demo group with its schools, from the registry plan of the prefecture.
pub fn groups(counties: &[CountyPlan]) -> Result<Vec<GroupPlan<'_>>, String> {
    GROUPS
        .iter()
        .map(|spec| {
            let county = counties
                .iter()
                .find(|c| c.code == spec.county_code())
                .ok_or_else(|| format!("no registry plan for county #{}", spec.county))?;
            let pick = |sel: Sel| {
                find(county, sel)
                    .ok_or_else(|| format!("county {} has no school {sel:?}", county.code))
            };
            let mut schools = vec![pick(spec.core)?];
            for m in spec.members {
                schools.push(pick(*m)?);
            }
            let council = if spec.has_council() {
                Some(council_plan(spec.kind, &schools)?)
            } else {
                None
            };
            Ok(GroupPlan {
                spec,
                code: spec.code(),
                name: format!("{}教育集团", schools[0].fields.name),
                schools,
                council,
            })
        })
        .collect()
}

/// How each seat of a body of `seats` seats votes on a motion: `None` for an absent seat.
/// Against and abstain votes come from the last seat holders present in person, never the chair
/// (seat 0); a seat represented by proxy votes for.
pub fn choices(
    seats: usize,
    turnout: Turnout,
    against: usize,
    abstain: usize,
) -> Vec<Option<VoteChoice>> {
    let mut out = vec![Some(VoteChoice::For); seats];
    let last = seats.checked_sub(1);
    let mut in_person: Vec<usize> = (1..seats).rev().collect();
    match (turnout, last) {
        (Turnout::LastAbsent, Some(l)) if l > 0 => {
            out[l] = None;
            in_person.retain(|i| *i != l);
        }
        (Turnout::LastByProxy, Some(l)) if l > 0 => in_person.retain(|i| *i != l),
        _ => {}
    }
    let mut dissent = in_person.into_iter();
    for _ in 0..against {
        if let Some(i) = dissent.next() {
            out[i] = Some(VoteChoice::Against);
        }
    }
    for _ in 0..abstain {
        if let Some(i) = dissent.next() {
            out[i] = Some(VoteChoice::Abstain);
        }
    }
    out
}

/// The plan text the core submits; `revised` adds what the bureau asked for when it returned it.
pub fn plan_text(g: &GroupPlan, revised: bool) -> String {
    let members: Vec<&str> = g.members().map(|(_, s)| s.fields.name.as_str()).collect();
    let mut text = format!(
        "一、组建目的：发挥{core}的示范引领作用，按“{pattern}”模式组建{kind}教育集团，推动优质教育资源共享。\n\
         二、成员范围：核心成员{core}；成员学校{members}。\n\
         三、管理架构：设集团理事会和理事长办公会议，理事长由核心成员学校法定代表人担任。\n\
         四、实施步骤：签订集团办学协议，选举理事会，制定集团章程，报县（市）教育局审核。",
        core = g.core().fields.name,
        pattern = g.spec.pattern.label_zh(),
        kind = g.spec.kind.label_zh(),
        members = members.join("、"),
    );
    if revised {
        text.push_str(
            "\n五、保障措施：每年集团内交流轮岗教师不少于教师总数的10%，其中骨干教师不少于40%；\
             集团统筹使用的人员、经费和资产分别记入各成员学校账目。",
        );
    }
    text
}

/// The sections of the charter draft, by section code; `revised` is the text the council adopts
/// after rejecting the first draft.
pub fn charter_sections(g: &GroupPlan, revised: bool) -> Vec<(&'static str, String)> {
    let county = COUNTIES.get(g.spec.county).map_or("黔南州", |c| c.name);
    let relation = match g.spec.kind {
        GroupKind::Tight => "紧密型集团实行“一个法人、多个校区”管理，由核心成员学校法定代表人兼任各成员学校法定代表人，各成员学校设执行校长。",
        GroupKind::Collaborative => "协作型集团各成员学校保持法人地位和管理体制不变，在教育教学、教师发展和资源共享等方面协同发展。",
    };
    let mut powers = "理事会审议集团章程、发展规划、年度工作计划、招生方案、考核方案和预算方案；理事长办公会议负责集团日常管理事务。".to_string();
    if revised {
        powers.push_str("集团统筹使用的人员、经费和资产，分别记入各成员学校账目。");
    }
    let mut sections = vec![
        ("philosophy", format!("{}秉持“共建共享、优势互补、各美其美”的办学理念。", g.name)),
        ("goals", "三年内实现集团内管理、教学、教研和评价一体化，成员学校教育质量整体提升。".to_string()),
        ("vision", format!("建成{county}优质均衡发展的示范性教育集团。")),
        ("group_member_relations", format!("集团与各成员学校以本章程和集团办学协议明确责权利。{relation}")),
        ("core_member_relations", "核心成员学校向成员学校输出管理团队、课程资源和骨干教师，成员学校选派教师到核心成员学校跟岗学习。".to_string()),
        ("governing_bodies", "集团设理事会和理事长办公会议。理事会由各成员单位法定代表人、执行校长、副校级干部、中层干部、教师代表和家长代表组成，理事长由核心成员学校法定代表人担任。".to_string()),
        ("powers", powers),
    ];
    if g.spec.draft == Draft::Full {
        sections.push((
            "rules_of_procedure",
            "理事会会议须有三分之二以上理事出席方可举行；一般事项须经全体理事过半数同意，章程、发展规划和预算方案须经全体理事三分之二以上同意。理事会会议分定期会议和临时会议。".to_string(),
        ));
    }
    sections
}
