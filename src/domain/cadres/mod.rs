//! Cadre appointments in a tight group (§2.4.2, CADRE-VP and CADRE-MIDDLE) as a small state
//! machine, so that the path a nomination takes is decided here and nowhere else.
//!
//! §2.4.2: "集团紧密型成员副校（园）长级干部由集团理事长提名，经集团理事长办公会通过后，报县（市）
//! 教育行政部门考察任命，并报县（市）组织人事部门备案。集团紧密型成员的中层干部由集团理事长提名，
//! 经集团理事长办公会通过后，由各成员单位考察任命。"
//!
//! - vice principal: `nominated` → `office_passed` | `office_rejected` → `appointed` (bureau)
//!   → `filed` (with the county organisation/personnel department);
//! - middle cadre: `nominated` → `office_passed` | `office_rejected` → `appointed` (the member);
//! - executive principal (GRP-TIGHT-LEGAL-REP, §2.2.1): the policy names no path of its own. An
//!   executive principal runs a member school under the legal representative's authority, a post
//!   above a vice principal, so it takes the vice principal's path, filing included: a lighter
//!   path for the higher post would be a loophole.
//!
//! The appointer may decline after its inspection (考察); the chair may withdraw a nomination
//! the office meeting has not decided. The person's post changes only at the path's end
//! ([`takes_effect`]): until then the nominee holds nothing new.

use crate::domain::council::{Body, MotionType};
use crate::domain::groups::types::GroupKind;
use crate::domain::registry::CadrePost;
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// Where a cadre nomination stands; a nomination starts `nominated`.
    #[derive(Default)]
    pub enum NominationStatus ("cadre_nomination_status") {
        #[default]
        Nominated = ("nominated", "理事长已提名", "nominated by the chair"),
        OfficePassed = ("office_passed", "理事长办公会议已通过", "passed by the office meeting"),
        OfficeRejected = ("office_rejected", "理事长办公会议未通过", "rejected by the office meeting"),
        Appointed = ("appointed", "已考察任命", "appointed"),
        Filed = ("filed", "已报组织人事部门备案", "filed with the personnel department"),
        Declined = ("declined", "考察后不予任命", "declined after inspection"),
        Withdrawn = ("withdrawn", "理事长已撤回提名", "withdrawn by the chair"),
    }
}

vocab_enum! {
    /// Who appoints after the office meeting has passed a nomination.
    pub enum Appointer ("cadre_appointer") {
        CountyBureau = ("county_bureau", "县（市）教育行政部门", "the county education bureau"),
        MemberSchool = ("member_school", "成员单位", "the member school"),
    }
}

vocab_enum! {
    /// The appointer's decision after its inspection (考察).
    pub enum AppointmentDecision ("appointment_decision") {
        Appoint = ("appoint", "予以任命", "appoint"),
        Decline = ("decline", "不予任命", "decline"),
    }
}

/// One step on a nomination's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationAct {
    OfficePass,
    OfficeReject,
    Appoint,
    Decline,
    File,
    Withdraw,
}

/// The path a post takes: the rule it comes from, who appoints, whether filing follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadrePath {
    pub rule: Rule,
    pub appointer: Appointer,
    pub filing: bool,
}

/// The path of `post`; `None` for a principal, who is never nominated (GRP-TIGHT-LEGAL-REP: the
/// core's legal representative is every tight member's).
pub fn path_of(post: CadrePost) -> Option<CadrePath> {
    match post {
        CadrePost::VicePrincipal | CadrePost::ExecutivePrincipal => Some(CadrePath {
            rule: Rule::CadreVp,
            appointer: Appointer::CountyBureau,
            filing: true,
        }),
        CadrePost::MiddleCadre => Some(CadrePath {
            rule: Rule::CadreMiddle,
            appointer: Appointer::MemberSchool,
            filing: false,
        }),
        CadrePost::Principal => None,
    }
}

/// CADRE-VP / CADRE-MIDDLE: a nomination is decided by the chair's office meeting ("经理事长
/// 办公会议通过"), on a `cadre_nomination` motion; put to the council, or on a motion of another
/// type, it is refused by the rule of its post.
pub fn check_deciding_body(post: CadrePost, body: Body, motion_type: MotionType) -> RuleResult {
    if body == Body::Office && motion_type == MotionType::CadreNomination {
        return Ok(());
    }
    let rule = path_of(post).map_or(Rule::CadreVp, |p| p.rule);
    Err(RuleViolation::new(
        rule,
        title_of(post),
        Msg::new(
            format!(
                "干部提名由理事长办公会议审议通过，议案类型须为 cadre_nomination；不能提交{}作“{}”议案。",
                body.label_zh(),
                motion_type.label_zh()
            ),
            format!(
                "A cadre nomination is passed by the chair's office meeting on a \
                 cadre_nomination motion, not by the {} on a {} motion.",
                body.label_en(),
                motion_type.as_str()
            ),
        ),
    )
    .on_field("subject_id"))
}

/// What a nomination's rules need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominationFacts {
    pub post: CadrePost,
    /// The terms the school is in the group on: a member's own (a grown tight member may stay
    /// on as a collaborative one, §2.4.4), the group's kind for the core.
    pub terms: GroupKind,
    /// The school is the group's core, not a member.
    pub school_is_core: bool,
    /// The nominee is the core's legal representative (who is every tight member's).
    pub nominee_is_legal_rep: bool,
}

fn refuse(rule: Rule, title: Msg, zh: &str, en: &str) -> RuleViolation {
    RuleViolation::new(rule, title, Msg::new(zh, en))
}

fn legal_rep(zh: &str, en: &str) -> RuleViolation {
    refuse(
        Rule::GrpTightLegalRep,
        Msg::new(
            "紧密型成员的法定代表人和执行校长",
            "tight members' legal representative and executive principal",
        ),
        zh,
        en,
    )
    .on_field("post")
}

fn title_of(post: CadrePost) -> Msg {
    match post {
        CadrePost::MiddleCadre => Msg::new(
            "紧密型成员中层干部的任命程序",
            "how a tight member's middle cadre is appointed",
        ),
        _ => Msg::new(
            "紧密型成员副校级干部的任命程序",
            "how a tight member's vice-principal-level cadre is appointed",
        ),
    }
}

/// CADRE-VP / CADRE-MIDDLE / GRP-TIGHT-LEGAL-REP: only a non-core member on tight terms has its
/// cadres nominated by the chair (集团紧密型成员; the core's own cadres are the bureau's as
/// before, and a member that stayed in a tight group as a collaborative one keeps its own
/// management, §2.4.4 and §2.2.2), a principal is never nominated, and an executive principal
/// is not the legal representative.
pub fn check_nomination(f: &NominationFacts) -> RuleResult {
    let Some(path) = path_of(f.post) else {
        return Err(legal_rep(
            "紧密型成员的校（园）长即法定代表人，由核心成员法定代表人兼任，不经提名任命。",
            "A tight member's principal is its legal representative, the core's own; it is not nominated.",
        ));
    };
    let label = (f.post.label_zh(), f.post.label_en().to_lowercase());
    if f.terms == GroupKind::Collaborative {
        let zh = format!(
            "协作型成员（含成长考核期满后作为协作型成员保留在集团内的学校）法人地位和管理体制不变，其{}不由集团理事长提名。",
            label.0
        );
        let en = format!("Collaborative members (including one that stayed in its group as a collaborative member after its growth period) keep their own management: their {} is not nominated by the chair.", label.1);
        return Err(if f.post == CadrePost::ExecutivePrincipal {
            legal_rep(&zh, &en)
        } else {
            refuse(path.rule, title_of(f.post), &zh, &en).on_field("school_id")
        });
    }
    if f.school_is_core {
        return Err(refuse(
            path.rule,
            title_of(f.post),
            "理事长提名的是紧密型成员的干部，核心成员本校干部不走集团提名程序。",
            "The chair nominates the cadres of the tight members; the core school's own cadres are not nominated by the group.",
        )
        .on_field("school_id"));
    }
    if f.post == CadrePost::ExecutivePrincipal && f.nominee_is_legal_rep {
        return Err(legal_rep(
            "执行校（园）长不能由法定代表人本人兼任。",
            "The executive principal cannot be the legal representative.",
        )
        .on_field("person_id"));
    }
    Ok(())
}

/// The status after `act`, or the refusal naming the post's rule (CADRE-VP for vice and
/// executive principals, CADRE-MIDDLE for middle cadres).
pub fn next(
    post: CadrePost,
    from: NominationStatus,
    act: NominationAct,
) -> Result<NominationStatus, RuleViolation> {
    use NominationAct as A;
    use NominationStatus as S;
    let path = path_of(post)
        .ok_or_else(|| legal_rep("校（园）长不经提名任命。", "A principal is not nominated."))?;
    let to = match (from, act) {
        (S::Nominated, A::OfficePass) => Some(S::OfficePassed),
        (S::Nominated, A::OfficeReject) => Some(S::OfficeRejected),
        (S::Nominated, A::Withdraw) => Some(S::Withdrawn),
        (S::OfficePassed, A::Appoint) => Some(S::Appointed),
        (S::OfficePassed, A::Decline) => Some(S::Declined),
        (S::Appointed, A::File) if path.filing => Some(S::Filed),
        _ => None,
    };
    to.ok_or_else(|| {
        let (zh, en) = why_not(path, from, act);
        refuse(path.rule, title_of(post), &zh, &en)
    })
}

fn why_not(path: CadrePath, from: NominationStatus, act: NominationAct) -> (String, String) {
    use NominationAct as A;
    use NominationStatus as S;
    let ended = matches!(from, S::OfficeRejected | S::Declined | S::Withdrawn)
        || (from == S::Filed)
        || (from == S::Appointed && !path.filing);
    if ended {
        return (
            format!("该提名已结束（{}），不能再办理。", from.label_zh()),
            format!(
                "The nomination has ended ({}); nothing more can be done on it.",
                from.label_en()
            ),
        );
    }
    let (zh, en) = match act {
        A::OfficePass | A::OfficeReject | A::Withdraw => (
            "理事长办公会议已对该提名作出决定。",
            "The office meeting has already decided on this nomination.",
        ),
        A::Appoint | A::Decline if from == S::Nominated => (
            "须经理事长办公会议通过后，方可考察任命。",
            "The office meeting must pass the nomination before anyone appoints.",
        ),
        A::Appoint | A::Decline => (
            "该提名已办理任命。",
            "The nomination has been appointed already.",
        ),
        A::File if !path.filing => (
            "中层干部由成员单位考察任命，无需报组织人事部门备案。",
            "A middle cadre is appointed by the member school; there is no filing.",
        ),
        A::File => (
            "须先任命，方可报备案。",
            "The appointment comes before its filing.",
        ),
    };
    (
        format!("{zh}（当前：{}）", from.label_zh()),
        format!("{en} (now: {})", from.label_en()),
    )
}

/// Whether `status` ends the path with the post held: filed for a filing path, appointed
/// otherwise. Only then does the person's post (and an executive principal's membership) change.
pub fn takes_effect(post: CadrePost, status: NominationStatus) -> bool {
    match path_of(post) {
        Some(p) if p.filing => status == NominationStatus::Filed,
        Some(_) => status == NominationStatus::Appointed,
        None => false,
    }
}

/// Whether the path is still running: a second nomination of the same person to the same post
/// and school waits until it ends.
pub fn is_open(post: CadrePost, status: NominationStatus) -> bool {
    use NominationStatus as S;
    match status {
        S::Nominated | S::OfficePassed => true,
        S::Appointed => !takes_effect(post, status),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
