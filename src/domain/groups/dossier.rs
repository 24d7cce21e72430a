//! The dossier a core school submits to establish its group (§2.3.1, GRP-ESTABLISH-DOSSIER):
//! "在与潜力学校签订集团办学协议、选举集团理事会成员、制定并通过集团章程草案后" it goes to the
//! bureau. `formation` re-exports it with the other GRP-* rules.

use super::charter::{labels_en, labels_zh, CharterSection};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};

/// What the bureau checks before it takes a dossier (§2.3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierFacts {
    pub plan_approved: bool,
    /// Members besides the core.
    pub member_count: u32,
    /// Members without their basis on file (signed agreement or assignment).
    pub members_missing_basis: u32,
    pub council_elected: bool,
    pub charter_drafted: bool,
    /// From `charter::missing_sections` on the draft.
    pub charter_missing_sections: Vec<CharterSection>,
    /// The council passed the draft by a charter resolution.
    pub charter_adopted_by_council: bool,
}

/// GRP-ESTABLISH-DOSSIER (§2.3.1): the dossier goes to the bureau only with an approved plan,
/// at least one member with its basis on file, an elected council, and a charter draft with
/// every required section that the council adopted. The detail lists everything missing.
pub fn check_establish_dossier(d: &DossierFacts) -> RuleResult {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut lack = |ok: bool, z: String, e: String| {
        if !ok {
            zh.push(z);
            en.push(e);
        }
    };
    lack(
        d.plan_approved,
        "组建方案未经初审通过".into(),
        "the formation plan is not approved".into(),
    );
    lack(
        d.member_count >= 1,
        format!("除核心成员外有{}个成员，至少需要1个", d.member_count),
        format!(
            "{} member(s) besides the core, at least 1 needed",
            d.member_count
        ),
    );
    lack(
        d.members_missing_basis == 0,
        format!(
            "{}个成员缺少加入协议或组织安排文件",
            d.members_missing_basis
        ),
        format!(
            "{} member(s) lack their agreement or assignment",
            d.members_missing_basis
        ),
    );
    lack(
        d.council_elected,
        "理事会成员尚未选举产生".into(),
        "the council is not elected".into(),
    );
    lack(
        d.charter_drafted,
        "尚无集团章程草案".into(),
        "there is no charter draft".into(),
    );
    lack(
        !d.charter_drafted || d.charter_missing_sections.is_empty(),
        format!("章程草案缺少：{}", labels_zh(&d.charter_missing_sections)),
        format!(
            "the charter draft lacks: {}",
            labels_en(&d.charter_missing_sections)
        ),
    );
    lack(
        !d.charter_drafted || d.charter_adopted_by_council,
        "章程草案未经理事会表决通过".into(),
        "the council has not adopted the charter draft".into(),
    );
    if zh.is_empty() {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::GrpEstablishDossier,
        Msg::new("组建材料不完整", "the dossier is incomplete"),
        Msg::new(
            format!("{}。", zh.join("；")),
            format!("{}.", en.join("; ")),
        ),
    ))
}

#[cfg(test)]
#[path = "dossier_tests.rs"]
mod tests;
