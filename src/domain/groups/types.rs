//! The vocabulary of education groups (DOMAIN.md "What there is", "Formation patterns").
//!
//! Plain enums only: each carries its snake_case code and zh-Hans/English labels, so that the
//! HTTP layer, the database and the rules all speak the same words.

use crate::vocab_enum;

pub use crate::domain::registry::{SchoolLocation, SchoolStanding};

vocab_enum! {
    /// Kind of group (§2.2): tight (紧密型, one legal representative for all) or collaborative
    /// (协作型, every member keeps its legal person and management).
    pub enum GroupKind ("group_kind") {
        Tight = ("tight", "紧密型", "tight"),
        Collaborative = ("collaborative", "协作型", "collaborative"),
    }
}

vocab_enum! {
    /// The formation patterns the policy names (§2.1).
    pub enum FormationPattern ("formation_pattern") {
        UrbanQualityPlusNew = ("urban_quality_plus_new", "城区老牌优质学校+新开办学校", "urban quality school + newly opened school"),
        UrbanQualityPlusTownship = ("urban_quality_plus_township", "城区老牌优质学校+乡镇中心校", "urban quality school + township centre school"),
        TownshipPlusRural = ("township_plus_rural", "乡镇中心校+农村学校", "township centre school + rural schools"),
        UrbanQualityPlusRelocation = ("urban_quality_plus_relocation", "城区老牌优质学校+易地扶贫搬迁安置点学校", "urban quality school + relocation-site school"),
        Other = ("other", "其他", "other"),
    }
}

vocab_enum! {
    /// Where a group stands in the formation workflow (§2.3.1); see `workflow.rs`.
    pub enum GroupStatus ("group_status") {
        Authorized = ("authorized", "已授权牵头组建", "authorised"),
        PlanSubmitted = ("plan_submitted", "组建方案已报送", "plan submitted"),
        Preparing = ("preparing", "筹设中", "preparing"),
        DossierSubmitted = ("dossier_submitted", "组建材料已报送", "dossier submitted"),
        BureauReviewed = ("bureau_reviewed", "教育局已初审", "reviewed by the bureau"),
        Established = ("established", "已正式组建", "established"),
        Dissolved = ("dissolved", "已解散", "dissolved"),
    }
}

impl GroupStatus {
    /// Every status but `dissolved` is active: from its authorisation on, the core school leads
    /// the group, so it counts for GRP-CORE-UNIQUE and GRP-ONE-MEMBERSHIP.
    pub fn is_active(&self) -> bool {
        *self != Self::Dissolved
    }
}

vocab_enum! {
    /// School stage, ordered from kindergarten up: cross-stage groups only go downward (§2.2).
    #[derive(PartialOrd, Ord)]
    pub enum Stage ("stage") {
        Preschool = ("preschool", "学前", "preschool"),
        Primary = ("primary", "小学", "primary"),
        Junior = ("junior", "初中", "junior secondary"),
        Senior = ("senior", "高中", "senior secondary"),
    }
}

vocab_enum! {
    /// How a school joins a group (§2.1.1).
    pub enum JoinBasis ("join_basis") {
        BureauAssignment = ("bureau_assignment", "组织安排", "bureau assignment"),
        SignedAgreement = ("signed_agreement", "签订加入协议", "signed agreement"),
    }
}

/// The stages a school of JY/T 1001 type `type_code` covers (REFERENCE-CODES.md), lowest first.
/// Special education (511–514) is treated as primary + junior, the compulsory stages it serves.
/// `None` for a code the table does not know.
pub fn stages_of_school_type(type_code: &str) -> Option<Vec<Stage>> {
    use Stage::*;
    let stages = match type_code.trim() {
        "111" => vec![Preschool],
        "211" | "218" => vec![Primary],
        "311" => vec![Junior],
        "312" => vec![Primary, Junior],
        "341" => vec![Junior, Senior],
        "342" => vec![Senior],
        "345" => vec![Primary, Junior, Senior],
        "511" | "512" | "513" | "514" => vec![Primary, Junior],
        _ => return None,
    };
    Some(stages)
}

/// The highest stage a school of type `type_code` covers (GRP-STAGE-DOWNWARD).
pub fn highest_stage(type_code: &str) -> Option<Stage> {
    stages_of_school_type(type_code).and_then(|s| s.into_iter().max())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::domain::vocab::assert_round_trips as round_trips;

    #[test]
    fn serde_names_match_as_str_and_parse() {
        round_trips(GroupKind::ALL, GroupKind::as_str, GroupKind::parse);
        round_trips(
            FormationPattern::ALL,
            |v| v.as_str(),
            FormationPattern::parse,
        );
        round_trips(GroupStatus::ALL, |v| v.as_str(), GroupStatus::parse);
        round_trips(SchoolStanding::ALL, |v| v.as_str(), SchoolStanding::parse);
        round_trips(SchoolLocation::ALL, |v| v.as_str(), SchoolLocation::parse);
        round_trips(Stage::ALL, |v| v.as_str(), Stage::parse);
        round_trips(JoinBasis::ALL, |v| v.as_str(), JoinBasis::parse);
        assert_eq!(GroupKind::parse("Tight"), None);
        assert_eq!(
            FormationPattern::TownshipPlusRural.to_string(),
            "township_plus_rural"
        );
    }

    #[test]
    fn labels_are_present() {
        for s in GroupStatus::ALL {
            assert!(!s.label_zh().is_empty() && !s.label_en().is_empty());
        }
        assert_eq!(GroupKind::Tight.label_zh(), "紧密型");
    }

    #[test]
    fn stages_are_ordered_and_mapped() {
        assert!(Stage::Preschool < Stage::Primary);
        assert!(Stage::Junior < Stage::Senior);
        assert_eq!(stages_of_school_type("111"), Some(vec![Stage::Preschool]));
        assert_eq!(stages_of_school_type("218"), Some(vec![Stage::Primary]));
        assert_eq!(
            stages_of_school_type("345"),
            Some(vec![Stage::Primary, Stage::Junior, Stage::Senior])
        );
        assert_eq!(highest_stage("312"), Some(Stage::Junior));
        assert_eq!(highest_stage("513"), Some(Stage::Junior));
        assert_eq!(highest_stage(" 341 "), Some(Stage::Senior));
        assert_eq!(stages_of_school_type("999"), None);
        assert_eq!(stages_of_school_type("515"), None);
    }

    #[test]
    fn only_dissolved_is_inactive() {
        assert!(GroupStatus::Authorized.is_active());
        assert!(!GroupStatus::Dissolved.is_active());
    }
}
