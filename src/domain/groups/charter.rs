//! The charter (章程) of a group: its required sections (CHARTER-SECTIONS, §2.3.2) and the
//! procedure parameters its rules of procedure fix for council and office meetings.
//!
//! §2.3.2: "集团章程应明确集团办学理念、发展目标、发展愿景,集团与各成员关系、核心成员与其他成员
//! 关系,集团管理机构及其产生办法、职权、议事规则等". The numbers of the rules of procedure start
//! from the county's settings and are then the charter's own.

use super::settings::{Fraction, GroupRuleSettings, Threshold};
use crate::domain::council::MotionType;
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// A section every charter must have.
    pub enum CharterSection ("charter_section") {
        Philosophy = ("philosophy", "办学理念", "educational philosophy"),
        Goals = ("goals", "发展目标", "development goals"),
        Vision = ("vision", "发展愿景", "vision"),
        GroupMemberRelations = ("group_member_relations", "集团与各成员关系", "relations between the group and its members"),
        CoreMemberRelations = ("core_member_relations", "核心成员与其他成员关系", "relations between the core and the other members"),
        GoverningBodies = ("governing_bodies", "集团管理机构及其产生办法", "governing bodies and how they are formed"),
        Powers = ("powers", "职权", "powers"),
        RulesOfProcedure = ("rules_of_procedure", "议事规则", "rules of procedure"),
    }
}

/// CHARTER-SECTIONS: every required section is present with non-blank text. The detail lists
/// the missing ones in both languages.
pub fn check_sections(present: &[(CharterSection, &str)]) -> RuleResult {
    let missing = missing_sections(present);
    if missing.is_empty() {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::CharterSections,
        Msg::new(
            "集团章程缺少必备内容",
            "the charter lacks required sections",
        ),
        Msg::new(
            format!(
                "章程缺少{}项必备内容：{}。",
                missing.len(),
                labels_zh(&missing)
            ),
            format!(
                "The charter lacks {} required section(s): {}.",
                missing.len(),
                labels_en(&missing)
            ),
        ),
    )
    .on_field("sections"))
}

/// The required sections absent from `present` or present with blank text, in charter order.
pub fn missing_sections(present: &[(CharterSection, &str)]) -> Vec<CharterSection> {
    CharterSection::ALL
        .iter()
        .copied()
        .filter(|s| {
            !present
                .iter()
                .any(|(p, text)| p == s && !text.trim().is_empty())
        })
        .collect()
}

/// "办学理念、发展目标" — for messages.
pub fn labels_zh(sections: &[CharterSection]) -> String {
    sections
        .iter()
        .map(|s| s.label_zh())
        .collect::<Vec<_>>()
        .join("、")
}

/// "educational philosophy, development goals" — for messages.
pub fn labels_en(sections: &[CharterSection]) -> String {
    sections
        .iter()
        .map(|s| s.label_en())
        .collect::<Vec<_>>()
        .join(", ")
}

vocab_enum! {
    /// How the chair's office meeting decides: by vote as the council does, or by the chair
    /// after hearing the members (理事长负责制 under democratic centralism, §2.3.2).
    pub enum OfficeDecision ("office_decision") {
        Vote = ("vote", "表决", "by vote"),
        ChairAfterHearing = ("chair_after_hearing", "理事长听取意见后决定", "by the chair after hearing the members"),
    }
}

/// The numbers of a charter's rules of procedure (MEETING-QUORUM, MOTION-THRESHOLD).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ProcedureRules {
    pub quorum: Fraction,
    pub simple_majority: Threshold,
    pub supermajority: Threshold,
    pub supermajority_motion_types: Vec<MotionType>,
    pub office_decides_by: OfficeDecision,
    /// MEETING-CONVENE: days within which the chair convenes an extraordinary meeting a third
    /// of the seats demanded (charters written before this rule take the county's default).
    #[serde(default = "default_extraordinary_meeting_days")]
    pub extraordinary_meeting_days: u32,
}

fn default_extraordinary_meeting_days() -> u32 {
    GroupRuleSettings::default().extraordinary_meeting_days
}

impl ProcedureRules {
    /// The county's defaults, for a new charter draft; the office meeting votes.
    pub fn from_settings(s: &GroupRuleSettings) -> Self {
        Self {
            quorum: s.quorum,
            simple_majority: s.simple_majority,
            supermajority: s.supermajority,
            supermajority_motion_types: s.supermajority_motion_types.clone(),
            office_decides_by: OfficeDecision::Vote,
            extraordinary_meeting_days: s.extraordinary_meeting_days,
        }
    }

    /// The threshold a motion of type `m` must reach.
    pub fn threshold_for(&self, m: MotionType) -> &Threshold {
        if self.supermajority_motion_types.contains(&m) {
            &self.supermajority
        } else {
            &self.simple_majority
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn full() -> Vec<(CharterSection, &'static str)> {
        CharterSection::ALL.iter().map(|s| (*s, "……")).collect()
    }

    #[test]
    fn complete_charter_passes() {
        assert_eq!(check_sections(&full()), Ok(()));
    }

    #[test]
    fn missing_and_blank_sections_are_listed() {
        let mut sections = full();
        sections.retain(|(s, _)| *s != CharterSection::Vision);
        sections.push((CharterSection::Vision, "   "));
        sections.retain(|(s, _)| *s != CharterSection::RulesOfProcedure);
        let v = check_sections(&sections).unwrap_err();
        assert_eq!(v.rule, Rule::CharterSections);
        assert!(
            v.detail.zh.contains("发展愿景、议事规则"),
            "{}",
            v.detail.zh
        );
        assert!(v
            .detail
            .en
            .contains("2 required section(s): vision, rules of procedure"));
        assert_eq!(
            check_sections(&[])
                .unwrap_err()
                .detail
                .en
                .matches(", ")
                .count(),
            7
        );
    }

    #[test]
    fn threshold_depends_on_motion_type() {
        let rules = ProcedureRules::from_settings(&GroupRuleSettings::default());
        assert_eq!(
            rules.threshold_for(MotionType::Charter),
            &rules.supermajority
        );
        assert_eq!(
            rules.threshold_for(MotionType::BudgetPlan),
            &rules.supermajority
        );
        assert_eq!(
            rules.threshold_for(MotionType::WorkPlan),
            &rules.simple_majority
        );
        assert_eq!(rules.office_decides_by, OfficeDecision::Vote);
        let json = serde_json::to_string(&rules).unwrap();
        assert!(json.contains(r#""office_decides_by":"vote""#));
    }
}
