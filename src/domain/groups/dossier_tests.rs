//! Tests of `dossier.rs`: a complete dossier passes, an incomplete one lists what is missing.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::rules::{Rule, RuleViolation};

fn assert_refused(r: RuleResult) -> RuleViolation {
    let v = r.unwrap_err();
    assert_eq!(v.rule, Rule::GrpEstablishDossier);
    assert!(!v.title.zh.is_empty() && !v.title.en.is_empty());
    assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    v
}

fn complete_dossier() -> DossierFacts {
    DossierFacts {
        plan_approved: true,
        member_count: 1,
        members_missing_basis: 0,
        council_elected: true,
        charter_drafted: true,
        charter_missing_sections: vec![],
        charter_adopted_by_council: true,
    }
}

#[test]
fn establish_dossier() {
    assert!(check_establish_dossier(&complete_dossier()).is_ok());
    let d = DossierFacts {
        member_count: 0,
        charter_missing_sections: vec![CharterSection::Powers, CharterSection::RulesOfProcedure],
        charter_adopted_by_council: false,
        ..complete_dossier()
    };
    let v = assert_refused(check_establish_dossier(&d));
    assert!(v.detail.zh.contains("职权、议事规则"));
    assert!(v.detail.en.contains("0 member(s)") && v.detail.en.contains("not adopted"));
    let no_plan = DossierFacts {
        plan_approved: false,
        council_elected: false,
        ..complete_dossier()
    };
    let v = assert_refused(check_establish_dossier(&no_plan));
    assert_eq!(
        v.detail.en,
        "the formation plan is not approved; the council is not elected."
    );
}
