//! Education groups as plain Rust: their vocabulary, settings, formation workflow and the rules
//! of DOMAIN.md (GRP-*, CHARTER-SECTIONS, CHARTER-APPROVAL), without a database or HTTP, so
//! that each rule is tested on its own. The council's rules are in `domain::council`, a group's
//! later life in `domain::life`, cadre appointments in `domain::cadres`.
//!
//! Types are re-exported here; rule functions are called through their module
//! (`groups::formation::check_county`, `groups::workflow::next`, `groups::voting::decide`), so
//! the module names what the rule is about.

// Every rule returns the shared `RuleResult`, whose `RuleViolation` (two bilingual messages) is
// larger than clippy's default for an `Err`. Refusals are rare and built once per request, so
// the size costs nothing that matters; boxing would change the shared type of `rules.rs`.
#![allow(clippy::result_large_err)]

pub mod bodies;
pub mod charter;
pub mod charter_approval;
pub mod dossier;
pub mod formation;
pub mod membership;
pub mod settings;
pub mod types;
pub mod workflow;

pub use charter::{CharterSection, OfficeDecision, ProcedureRules};
pub use formation::{ActiveRoles, DossierFacts, GroupRef, JoinRequest, SchoolFacts, TargetGroup};
pub use settings::{Fraction, GroupRuleSettings, MajorityBase, SettingsPatch, Threshold};
pub use types::{
    stages_of_school_type, FormationPattern, GroupKind, GroupStatus, JoinBasis, SchoolLocation,
    SchoolStanding, Stage,
};
pub use workflow::{Actor, GroupAction, Transition};
