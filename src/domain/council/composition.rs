//! Who sits in the council (理事会) and in the chair's office meeting (理事长办公会议), §2.3.2:
//! COUNCIL-CHAIR, COUNCIL-COMPOSITION, OFFICE-COMPOSITION.
//!
//! Each composition check collects every problem, so a core school fixing its list sees them
//! all at once; the detail lists them in both languages.

use super::vocab::{OfficeRole, SeatCategory};
use crate::domain::groups::types::GroupKind;
use crate::domain::registry::{CadrePost, PersonKind};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use std::collections::{HashMap, HashSet};

/// A council seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seat {
    pub person_id: i64,
    /// The school the seat holder represents.
    pub school_id: i64,
    pub category: SeatCategory,
}

/// A place in the chair's office meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OfficeSeat {
    pub person_id: i64,
    pub role: OfficeRole,
}

/// One school of the group, with the people its seats depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupSchool {
    pub school_id: i64,
    pub legal_representative_id: Option<i64>,
    /// Tight members only.
    pub executive_principal_id: Option<i64>,
    /// The school is a member on tight terms, and so must have an executive principal. A grown
    /// member that stayed in a tight group as a collaborative one (§2.4.4) keeps its own
    /// management (§2.2.2 "管理体制不变") and is not; nor is the core, which has none.
    pub tight: bool,
}

/// A seat holder as the registry has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub kind: PersonKind,
    /// Staff: the school of the personnel record; a parent: the pupil's school.
    pub school_id: i64,
    pub cadre_post: Option<CadrePost>,
}

/// The group as the composition rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilGroupFacts {
    pub kind: GroupKind,
    pub core: GroupSchool,
    /// Members besides the core.
    pub members: Vec<GroupSchool>,
    /// Everyone named in the seats and the office meeting, by person id.
    pub holders: HashMap<i64, Holder>,
    /// The core's vice principals on record: each is a required office place.
    pub core_vice_principals: Vec<i64>,
    /// The heads of the group's active internal bodies (INTERNAL-BODIES): each is a required
    /// office place.
    pub body_heads: Vec<i64>,
}

impl CouncilGroupFacts {
    fn schools(&self) -> impl Iterator<Item = &GroupSchool> {
        std::iter::once(&self.core).chain(self.members.iter())
    }

    fn legal_reps(&self) -> HashSet<i64> {
        self.schools()
            .filter_map(|s| s.legal_representative_id)
            .collect()
    }

    fn executive_principals(&self) -> HashSet<i64> {
        self.members
            .iter()
            .filter_map(|s| s.executive_principal_id)
            .collect()
    }
}

/// Problems found, in both languages.
#[derive(Default)]
struct Problems {
    zh: Vec<String>,
    en: Vec<String>,
}

impl Problems {
    fn add(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
    }

    fn into_result(self, rule: Rule, title: Msg) -> RuleResult {
        if self.zh.is_empty() {
            return Ok(());
        }
        Err(RuleViolation::new(
            rule,
            title,
            Msg::new(
                format!("{}。", self.zh.join("；")),
                format!("{}.", self.en.join("; ")),
            ),
        ))
    }
}

/// COUNCIL-CHAIR (§2.3.2 "集团理事长由集团核心成员法定代表人担任"): the chair is the core's legal
/// representative and holds a council seat.
pub fn check_chair(
    chair_person_id: i64,
    core_legal_rep_id: Option<i64>,
    seats: &[Seat],
) -> RuleResult {
    let mut p = Problems::default();
    if Some(chair_person_id) != core_legal_rep_id {
        let rep = core_legal_rep_id.map_or_else(|| "—".to_string(), |id| format!("#{id}"));
        p.add(
            format!("理事长 #{chair_person_id} 不是核心成员法定代表人 {rep}"),
            format!("chair #{chair_person_id} is not the core's legal representative, {rep}"),
        );
    }
    if !seats.iter().any(|s| s.person_id == chair_person_id) {
        p.add(
            format!("理事长 #{chair_person_id} 不在理事会席位中"),
            format!("chair #{chair_person_id} holds no council seat"),
        );
    }
    p.into_result(
        Rule::CouncilChair,
        Msg::new("理事长人选不符合规定", "the chair is not eligible"),
    )
}

/// What is wrong with who holds seat `s`, if anything: the holder must be on record; but for a
/// legal representative (checked against the office itself) the holder belongs to a school of
/// the group; a cadre seat needs the post, a teacher seat staff, a parent seat a parent whose
/// pupil is at the seat's school.
fn holder_problem(
    group: &CouncilGroupFacts,
    in_group: &HashSet<i64>,
    s: &Seat,
) -> Option<(String, String)> {
    let Some(h) = group.holders.get(&s.person_id) else {
        return Some((
            format!("#{} 不在人员登记中", s.person_id),
            format!("#{} is not on the registry", s.person_id),
        ));
    };
    if s.category != SeatCategory::LegalRepresentative && !in_group.contains(&h.school_id) {
        let what = match h.kind {
            PersonKind::Staff => ("人事关系", "personnel record"),
            PersonKind::Parent => ("子女就读学校", "pupil's school"),
        };
        return Some((
            format!(
                "#{} 的{}在学校 #{}，该校不是集团成员",
                s.person_id, what.0, h.school_id
            ),
            format!(
                "#{}'s {} is at school #{}, which is not in the group",
                s.person_id, what.1, h.school_id
            ),
        ));
    }
    let post = |p: CadrePost| h.kind == PersonKind::Staff && h.cadre_post == Some(p);
    let fits = match s.category {
        SeatCategory::LegalRepresentative | SeatCategory::ExecutivePrincipal => {
            h.kind == PersonKind::Staff
        }
        SeatCategory::VicePrincipal => post(CadrePost::VicePrincipal),
        SeatCategory::MiddleCadre => post(CadrePost::MiddleCadre),
        SeatCategory::TeacherRepresentative => h.kind == PersonKind::Staff,
        SeatCategory::ParentRepresentative => {
            h.kind == PersonKind::Parent && h.school_id == s.school_id
        }
    };
    if fits {
        return None;
    }
    let (zh, en) = match s.category {
        SeatCategory::ParentRepresentative if h.kind == PersonKind::Parent => (
            format!(
                "家长 #{} 的子女在学校 #{} 就读，不能代表学校 #{} 的家长",
                s.person_id, h.school_id, s.school_id
            ),
            format!(
                "parent #{}'s pupil is at school #{}, not at school #{} the seat is for",
                s.person_id, h.school_id, s.school_id
            ),
        ),
        SeatCategory::ParentRepresentative => (
            format!("#{} 是教职工，不能占有家长代表席位", s.person_id),
            format!("#{} is staff and cannot hold a parent seat", s.person_id),
        ),
        _ if h.kind == PersonKind::Parent => (
            format!(
                "#{} 是学生家长，不能占有“{}”席位",
                s.person_id,
                s.category.label_zh()
            ),
            format!(
                "#{} is a parent and cannot hold a '{}' seat",
                s.person_id,
                s.category.as_str()
            ),
        ),
        _ => (
            format!(
                "#{} 未担任{}，不能占有该席位",
                s.person_id,
                s.category.label_zh()
            ),
            format!(
                "#{} does not hold the post of a '{}' seat",
                s.person_id,
                s.category.as_str()
            ),
        ),
    };
    Some((zh, en))
}

/// COUNCIL-COMPOSITION (§2.3.2 "理事会由各成员单位法定代表人、执行校长(园长)及副校级干部、中层
/// 干部、教师、家长代表组成"):
/// - every school's legal representative holds a legal-representative seat (in a tight group
///   that is one person, the core's, in one seat);
/// - every executive principal holds an executive-principal seat, and every member on tight
///   terms has one (a collaborative-terms member of a tight group need not, §2.4.4);
/// - at least one vice-principal-level cadre, one middle cadre, one teacher and one parent
///   representative (the policy lists each; "及" joins them, it does not offer a choice);
/// - nobody holds two seats, every seat's school is in the group, legal-representative and
///   executive-principal seats are held by the people who hold those offices, cadre seats by
///   people of the group who hold the post, teacher seats by staff of the group and parent seats
///   by parents of a pupil at the seat's school (a parent is not staff).
pub fn check_council_composition(group: &CouncilGroupFacts, seats: &[Seat]) -> RuleResult {
    let mut p = Problems::default();
    let mut seats_of: HashMap<i64, u32> = HashMap::new();
    for s in seats {
        *seats_of.entry(s.person_id).or_default() += 1;
    }
    let mut doubled: Vec<i64> = seats_of
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| *id)
        .collect();
    doubled.sort_unstable();
    for id in doubled {
        p.add(
            format!("#{id} 占有多个席位"),
            format!("#{id} holds more than one seat"),
        );
    }
    let in_group: HashSet<i64> = group.schools().map(|s| s.school_id).collect();
    for s in seats {
        if !in_group.contains(&s.school_id) {
            p.add(
                format!(
                    "#{} 的席位所属学校 #{} 不是集团成员",
                    s.person_id, s.school_id
                ),
                format!(
                    "#{}'s seat is for school #{}, which is not in the group",
                    s.person_id, s.school_id
                ),
            );
        }
        if let Some((zh, en)) = holder_problem(group, &in_group, s) {
            p.add(zh, en);
        }
    }
    let holds = |person: i64, cat: SeatCategory| {
        seats
            .iter()
            .any(|s| s.person_id == person && s.category == cat)
    };
    for school in group.schools() {
        match school.legal_representative_id {
            None => p.add(
                format!("学校 #{} 的法定代表人未登记", school.school_id),
                format!(
                    "school #{}'s legal representative is not on record",
                    school.school_id
                ),
            ),
            Some(rep) if !holds(rep, SeatCategory::LegalRepresentative) => p.add(
                format!(
                    "学校 #{} 的法定代表人 #{rep} 未占有法定代表人席位",
                    school.school_id
                ),
                format!(
                    "school #{}'s legal representative #{rep} holds no legal-representative seat",
                    school.school_id
                ),
            ),
            Some(_) => {}
        }
    }
    for member in &group.members {
        match member.executive_principal_id {
            None if member.tight => p.add(
                format!("紧密型成员 #{} 未设执行校（园）长", member.school_id),
                format!(
                    "tight member #{} has no executive principal",
                    member.school_id
                ),
            ),
            Some(ep) if !holds(ep, SeatCategory::ExecutivePrincipal) => p.add(
                format!(
                    "成员 #{} 的执行校（园）长 #{ep} 未占有执行校长席位",
                    member.school_id
                ),
                format!(
                    "member #{}'s executive principal #{ep} holds no executive-principal seat",
                    member.school_id
                ),
            ),
            _ => {}
        }
    }
    let (reps, eps) = (group.legal_reps(), group.executive_principals());
    for s in seats {
        let wrong = match s.category {
            SeatCategory::LegalRepresentative => !reps.contains(&s.person_id),
            SeatCategory::ExecutivePrincipal => !eps.contains(&s.person_id),
            _ => false,
        };
        if wrong {
            p.add(
                format!(
                    "#{} 不担任该职务，不能占有“{}”席位",
                    s.person_id,
                    s.category.label_zh()
                ),
                format!(
                    "#{} does not hold the office of a '{}' seat",
                    s.person_id,
                    s.category.as_str()
                ),
            );
        }
    }
    let count = |cats: &[SeatCategory]| seats.iter().filter(|s| cats.contains(&s.category)).count();
    for (cats, zh, en) in [
        (
            &[SeatCategory::VicePrincipal][..],
            "副校级干部",
            "vice-principal-level cadre",
        ),
        (&[SeatCategory::MiddleCadre][..], "中层干部", "middle cadre"),
        (
            &[SeatCategory::TeacherRepresentative][..],
            "教师代表",
            "teacher representative",
        ),
        (
            &[SeatCategory::ParentRepresentative][..],
            "家长代表",
            "parent representative",
        ),
    ] {
        if count(cats) == 0 {
            p.add(
                format!("缺少{zh}席位（0个，至少1个）"),
                format!("no {en} seat (0, at least 1)"),
            );
        }
    }
    p.into_result(
        Rule::CouncilComposition,
        Msg::new("理事会组成不符合规定", "council composition"),
    )
}

/// OFFICE-COMPOSITION (§2.3.2 "由各成员单位法定代表人、执行校(园)长、核心成员副校(园)级干部、集团
/// 内设机构主要负责人组成"): every office member holds a council seat and is there in a role it
/// holds (a core vice principal sits for the core as vice principal, a body's head heads an
/// active internal body), nobody is listed twice, and every legal representative, executive
/// principal, vice principal of the core and head of an internal body is included (one place
/// each, whichever role it is listed in).
pub fn check_office_composition(
    group: &CouncilGroupFacts,
    council: &[Seat],
    office: &[OfficeSeat],
) -> RuleResult {
    let mut p = Problems::default();
    let (reps, eps) = (group.legal_reps(), group.executive_principals());
    let mut seen = HashSet::new();
    for o in office {
        if !seen.insert(o.person_id) {
            p.add(
                format!("#{} 重复列入", o.person_id),
                format!("#{} is listed twice", o.person_id),
            );
        }
        let seat = council.iter().find(|s| s.person_id == o.person_id);
        let fits = match (o.role, seat) {
            (_, None) => {
                p.add(
                    format!("#{} 不是理事会成员", o.person_id),
                    format!("#{} holds no council seat", o.person_id),
                );
                continue;
            }
            (OfficeRole::LegalRepresentative, _) => reps.contains(&o.person_id),
            (OfficeRole::ExecutivePrincipal, _) => eps.contains(&o.person_id),
            (OfficeRole::CoreVicePrincipal, Some(s)) => {
                s.category == SeatCategory::VicePrincipal && s.school_id == group.core.school_id
            }
            (OfficeRole::InternalBodyHead, _) => group.body_heads.contains(&o.person_id),
        };
        if !fits {
            p.add(
                format!("#{} 不担任“{}”", o.person_id, o.role.label_zh()),
                format!("#{} is not a {}", o.person_id, o.role.label_en()),
            );
        }
    }
    let mut required: Vec<(i64, OfficeRole)> = reps
        .iter()
        .map(|id| (*id, OfficeRole::LegalRepresentative))
        .collect();
    required.extend(eps.iter().map(|id| (*id, OfficeRole::ExecutivePrincipal)));
    required.extend(
        group
            .core_vice_principals
            .iter()
            .map(|id| (*id, OfficeRole::CoreVicePrincipal)),
    );
    required.extend(
        group
            .body_heads
            .iter()
            .map(|id| (*id, OfficeRole::InternalBodyHead)),
    );
    required.sort_unstable_by_key(|(id, _)| *id);
    required.dedup_by_key(|(id, _)| *id);
    for (id, role) in required {
        if !office.iter().any(|o| o.person_id == id) {
            p.add(
                format!("{} #{id} 未列入理事长办公会议", role.label_zh()),
                format!(
                    "{} #{id} is missing from the office meeting",
                    role.label_en()
                ),
            );
        }
    }
    p.into_result(
        Rule::OfficeComposition,
        Msg::new("理事长办公会议组成不符合规定", "office meeting composition"),
    )
}

#[cfg(test)]
#[path = "composition_tests.rs"]
mod tests;
