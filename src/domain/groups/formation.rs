//! The rules of forming a group and of schools joining it (DOMAIN.md GRP-*), one function each.
//!
//! GRP-CORE-UNIQUE and GRP-ONE-MEMBERSHIP (in `membership`) and GRP-ESTABLISH-DOSSIER (in
//! `dossier`) are re-exported here. Callers gather the facts (from the registry and the group)
//! into the small structs below; the functions only decide. A refusal names the rule, the policy section and the numbers.

use super::settings::GroupRuleSettings;
use super::types::{
    highest_stage, GroupKind, GroupStatus, JoinBasis, SchoolLocation, SchoolStanding,
};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use chrono::NaiveDate;

pub use super::dossier::{check_establish_dossier, DossierFacts};
pub use super::membership::{
    check_core_unique, check_member_may_lead, check_one_membership, may_hold_both, ActiveRoles,
    GroupRef, TargetGroup,
};

/// What the rules need to know about a school from the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolFacts {
    pub id: i64,
    /// GB/T 2260 county code.
    pub county_code: String,
    pub standing: SchoolStanding,
    pub location: SchoolLocation,
    /// JY/T 1001 school type code, e.g. "312".
    pub type_code: String,
    /// Person id of the legal representative, where on record.
    pub legal_representative_id: Option<i64>,
}

/// How a school is to join (§2.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub basis: JoinBasis,
    pub signed_on: Option<NaiveDate>,
    pub agreement_ref: Option<String>,
}

fn refuse(rule: Rule, title: (&str, &str), zh: String, en: String) -> RuleViolation {
    RuleViolation::new(rule, Msg::new(title.0, title.1), Msg::new(zh, en))
}

/// GRP-COUNTY (§2.2: "以县内优质学校为核心，吸收、联合县内其他中小学校"): the school is in the
/// group's county.
pub fn check_county(group_county_code: &str, school: &SchoolFacts) -> RuleResult {
    if school.county_code == group_county_code {
        return Ok(());
    }
    Err(refuse(
        Rule::GrpCounty,
        (
            "学校不在集团所在县（市）",
            "school outside the group's county",
        ),
        format!(
            "学校 #{} 属于县（市） {}，集团属于 {}；集团只能吸收本县内学校。",
            school.id, school.county_code, group_county_code
        ),
        format!(
            "School #{} is in county {}, the group in {}; a group \
             takes only schools of its own county.",
            school.id, school.county_code, group_county_code
        ),
    ))
}

/// GRP-CORE-QUALITY (§2.2, §2.3.1): the core is a quality school the bureau authorised.
pub fn check_core_quality(school: &SchoolFacts, authorised_by_bureau: bool) -> RuleResult {
    if school.standing == SchoolStanding::Quality && authorised_by_bureau {
        return Ok(());
    }
    Err(refuse(
        Rule::GrpCoreQuality,
        (
            "核心成员须为经授权的优质学校",
            "the core must be an authorised quality school",
        ),
        format!(
            "学校 #{} 的办学水平为“{}”{}；核心成员须为“优质”学校并经县（市）教育行政部门授权。",
            school.id,
            school.standing.label_zh(),
            if authorised_by_bureau {
                ""
            } else {
                "，且未经教育局授权"
            }
        ),
        format!(
            "School #{} has standing '{}'{}; the core must be a \
             quality school authorised by the county bureau.",
            school.id,
            school.standing.as_str(),
            if authorised_by_bureau {
                ""
            } else {
                " and was not authorised by the bureau"
            }
        ),
    ))
}

/// GRP-STAGE-DOWNWARD (§2.2 "按照向下兼容的原则"): the core's highest stage is at least the
/// member's highest stage. An unknown school type is refused too: it cannot be checked.
pub fn check_stage_downward(core_type_code: &str, member_type_code: &str) -> RuleResult {
    let (core, member) = (
        highest_stage(core_type_code),
        highest_stage(member_type_code),
    );
    let (zh, en) = match (core, member) {
        (Some(c), Some(m)) if c >= m => return Ok(()),
        (Some(c), Some(m)) => (
            format!(
                "核心成员最高学段为{}(办学类型 {core_type_code}),\
                 成员最高学段为{}(办学类型 {member_type_code});跨学段组建只能向下兼容。",
                c.label_zh(),
                m.label_zh()
            ),
            format!(
                "The core's highest stage is {} (type {core_type_code}), the member's is {} \
                 (type {member_type_code}); cross-stage groups go only downward.",
                c.label_en(),
                m.label_en()
            ),
        ),
        _ => (
            format!(
                "办学类型代码无法识别(核心成员 {core_type_code},成员 {member_type_code}),\
                 无法判断学段。"
            ),
            format!(
                "Unknown school type code (core {core_type_code}, member {member_type_code}); \
                 the stages cannot be compared."
            ),
        ),
    };
    Err(refuse(
        Rule::GrpStageDownward,
        ("跨学段组建只能向下兼容", "cross-stage groups only downward"),
        zh,
        en,
    ))
}

/// GRP-TIGHT-SIZE (§2.2.1 "由初期的1—3个成员逐步发展……再按退一补一的原则吸纳新成员"): may a
/// tight group with `current_members` members besides the core take one more?
///
/// Until the group is established it may grow to `tight_initial_max_members`. From then on the
/// number of members it had at establishment, `cap_after_establishment`, is its size: a school
/// joins only into a place a leaving member freed (one out, one in), so a join is allowed only
/// while `current_members < cap_after_establishment`. Collaborative groups are not limited.
/// `current_members` counts the members on tight terms: a grown member that stayed on as a
/// collaborative one (§2.4.4) frees its tight place.
/// Whether the group may take members at all is `workflow::check_accepts_members`.
pub fn check_tight_size(
    kind: GroupKind,
    status: GroupStatus,
    current_members: u32,
    cap_after_establishment: u32,
    settings: &GroupRuleSettings,
) -> RuleResult {
    if kind == GroupKind::Collaborative {
        return Ok(());
    }
    let initial = !matches!(status, GroupStatus::Established | GroupStatus::Dissolved);
    let cap = if initial {
        settings.tight_initial_max_members
    } else {
        cap_after_establishment
    };
    if current_members < cap {
        return Ok(());
    }
    let (zh, en) = if initial {
        (
            format!("紧密型集团组建初期除核心成员外最多{cap}个成员，现已有{current_members}个。"),
            format!(
                "A tight group starts with at most {cap} member(s) \
                 besides the core; it has {current_members}."
            ),
        )
    } else {
        (
            format!(
                "紧密型集团正式组建时有{cap}个成员,现有{current_members}个;\
                 须按退一补一原则,待成员退出后再吸纳新成员。"
            ),
            format!(
                "The tight group had {cap} member(s) at establishment and has \
                 {current_members}; one out, one in: a new member joins only after one has left."
            ),
        )
    };
    Err(refuse(
        Rule::GrpTightSize,
        ("紧密型集团规模已满", "tight group is full"),
        zh,
        en,
    )
    .on_field("school_id"))
}

/// GRP-JOIN-BASIS (§2.1.1): weak and newly opened schools are assigned by the bureau; any other
/// school joins only by a signed agreement, with its date (not after `today`) and reference.
pub fn check_join_basis(
    standing: SchoolStanding,
    join: &JoinRequest,
    today: NaiveDate,
) -> RuleResult {
    let assigned = matches!(standing, SchoolStanding::Weak | SchoolStanding::NewlyOpened);
    let refusal = |zh: String, en: String| {
        Err(refuse(
            Rule::GrpJoinBasis,
            ("加入方式不符合规定", "wrong basis for joining"),
            zh,
            en,
        )
        .on_field("basis"))
    };
    match (assigned, join.basis) {
        (true, JoinBasis::BureauAssignment) => Ok(()),
        (true, JoinBasis::SignedAgreement) => refusal(
            format!(
                "办学水平为“{}”的学校由县（市）教育行政部门组织安排纳入集团，不以签订协议方式加入。",
                standing.label_zh()
            ),
            format!(
                "A school of standing '{}' is assigned to a group by the \
                 county bureau, not joined by agreement.",
                standing.as_str()
            ),
        ),
        (false, JoinBasis::BureauAssignment) => refusal(
            format!(
                "办学水平为“{}”的学校须在尊重其意愿的基础上签订加入协议，不能由教育局直接安排。",
                standing.label_zh()
            ),
            format!(
                "A school of standing '{}' joins only by a signed \
                 agreement, respecting its will; it cannot be assigned.",
                standing.as_str()
            ),
        ),
        (false, JoinBasis::SignedAgreement) => {
            let has_ref = join
                .agreement_ref
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty());
            match join.signed_on {
                Some(d) if d <= today && has_ref => Ok(()),
                Some(d) if d > today => refusal(
                    format!("协议签订日期 {d} 晚于今天 {today}。"),
                    format!("The agreement's signing date {d} is after today, {today}."),
                ),
                _ => refusal(
                    "加入协议须有签订日期和协议编号。".into(),
                    "A joining agreement needs its signing date and reference.".into(),
                ),
            }
        }
    }
}

/// GRP-TIGHT-LEGAL-REP for the whole of a tight membership (§2.2.1 "由核心成员法定代表人兼任各
/// 成员法定代表人"): a tight member's legal representative changes only to the core's. A new
/// principal of the core is carried over to its tight members by the service instead.
pub fn check_tight_member_rep(
    member_id: i64,
    core_id: i64,
    core_rep: Option<i64>,
    new_rep: Option<i64>,
) -> RuleResult {
    if new_rep.is_some() && new_rep == core_rep {
        return Ok(());
    }
    let show = |p: Option<i64>| p.map_or_else(|| "—".to_string(), |id| format!("#{id}"));
    Err(refuse(
        Rule::GrpTightLegalRep,
        (
            "紧密型成员的法定代表人由核心成员法定代表人兼任",
            "a tight member's legal representative is the core's",
        ),
        format!(
            "学校 #{member_id} 是紧密型集团成员，其法定代表人须由核心成员学校 #{core_id} 的法定代表人 {} \
             兼任，不能改为 {}；更换核心成员法定代表人时自动随之变更。",
            show(core_rep),
            show(new_rep)
        ),
        format!(
            "School #{member_id} is a tight member: its legal representative is the core \
             #{core_id}'s, {}, and cannot become {}; it follows a change of the core's \
             legal representative.",
            show(core_rep),
            show(new_rep)
        ),
    )
    .on_field("legal_representative_id"))
}

/// GRP-TIGHT-LEGAL-REP (§2.2.1 "由核心成员法定代表人兼任其他成员法定代表人，同时设执行校长"):
/// in a tight group the member's legal representative is the core's, and the member has an
/// executive principal, a different person who runs it day to day.
pub fn check_tight_legal_rep(
    kind: GroupKind,
    core: &SchoolFacts,
    member: &SchoolFacts,
    executive_principal_id: Option<i64>,
) -> RuleResult {
    if kind == GroupKind::Collaborative {
        return Ok(());
    }
    let show = |p: Option<i64>| p.map_or_else(|| "—".to_string(), |id| format!("#{id}"));
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if core.legal_representative_id.is_none()
        || member.legal_representative_id != core.legal_representative_id
    {
        zh.push(format!(
            "成员学校 #{} 的法定代表人为 {}，应由核心成员学校 #{} 的法定代表人 {} 兼任",
            member.id,
            show(member.legal_representative_id),
            core.id,
            show(core.legal_representative_id)
        ));
        en.push(format!(
            "member #{}'s legal representative is {}, but must be the core #{}'s, {}",
            member.id,
            show(member.legal_representative_id),
            core.id,
            show(core.legal_representative_id)
        ));
    }
    match executive_principal_id {
        None => {
            zh.push(format!("成员学校 #{} 未设执行校（园）长", member.id));
            en.push(format!("member #{} has no executive principal", member.id));
        }
        Some(p) if Some(p) == core.legal_representative_id => {
            zh.push(format!("执行校（园）长 #{p} 不能由法定代表人本人担任"));
            en.push(format!(
                "the executive principal #{p} cannot be the legal representative"
            ));
        }
        Some(_) => {}
    }
    if zh.is_empty() {
        return Ok(());
    }
    Err(refuse(
        Rule::GrpTightLegalRep,
        (
            "紧密型集团法定代表人或执行校长不符合规定",
            "tight group legal representative or executive principal",
        ),
        format!("{}。", zh.join("；")),
        format!("{}.", en.join("; ")),
    ))
}

#[cfg(test)]
#[path = "formation_tests.rs"]
mod tests;
