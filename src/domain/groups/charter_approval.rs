//! The charter's approval (核准, §2.3.2: "集团章程按照……规定程序进行核准"): the council adopts a
//! version, the chair submits it, the county bureau approves or rejects it. Only an approved
//! version is in force; approving a newer one supersedes it.
//!
//! Refusals name CHARTER-APPROVAL (§2.3.2), a rule DOMAIN.md implies ("adopted by the council,
//! approved by the bureau") without giving it an id.
//!
//! `draft` → `adopted` (a council charter resolution) → `submitted` → `approved` | `rejected`;
//! `approved` → `superseded` when a newer version is approved. A rejected version stays as it
//! is, a record of what the bureau refused: the amendment is a new draft version that goes the
//! same way, so the council votes on exactly the text the bureau then reads.

use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// Where a charter version stands.
    pub enum CharterStatus ("charter_status") {
        Draft = ("draft", "草案", "draft"),
        Adopted = ("adopted", "理事会已通过", "adopted by the council"),
        Submitted = ("submitted", "已报教育局核准", "submitted to the bureau"),
        Approved = ("approved", "已核准（现行有效）", "approved (in force)"),
        Rejected = ("rejected", "不予核准", "not approved"),
        Superseded = ("superseded", "已被新版本取代", "superseded"),
    }
}

vocab_enum! {
    /// The county bureau's decision on a submitted charter version.
    pub enum CharterDecision ("charter_decision") {
        Approve = ("approve", "予以核准", "approve"),
        Reject = ("reject", "不予核准", "reject"),
    }
}

impl CharterStatus {
    /// Only an approved version is in force.
    pub fn in_force(self) -> bool {
        self == CharterStatus::Approved
    }

    /// Whether the council has passed this version and the bureau has not refused it, which is
    /// what the establishment dossier needs (GRP-ESTABLISH-DOSSIER: "制定并通过集团章程草案").
    pub fn passed_by_council(self) -> bool {
        matches!(self, Self::Adopted | Self::Submitted | Self::Approved)
    }
}

fn refuse(zh: String, en: String) -> RuleViolation {
    RuleViolation::new(
        Rule::CharterApproval,
        Msg::new("集团章程的核准程序", "how the charter is approved"),
        Msg::new(zh, en),
    )
}

/// The chair submits the newest version, once the council has adopted it.
pub fn check_submit(latest: CharterStatus, version_no: i32) -> RuleResult {
    if latest == CharterStatus::Adopted {
        return Ok(());
    }
    let (zh, en) = match latest {
        CharterStatus::Draft => (
            "章程草案须经理事会决议通过后，方可报教育局核准",
            "The council must adopt the draft before it is submitted",
        ),
        CharterStatus::Submitted => (
            "该版本已报教育局核准，正在审核",
            "This version is already with the bureau",
        ),
        CharterStatus::Approved => ("该版本已核准", "This version is approved already"),
        _ => (
            "该版本不能报核准，请起草新版本并经理事会通过",
            "This version cannot be submitted; draft a new one for the council to adopt",
        ),
    };
    Err(refuse(
        format!("{zh}（第 {version_no} 版：{}）。", latest.label_zh()),
        format!("{en} (version {version_no}: {}).", latest.label_en()),
    ))
}

/// The bureau decides on a submitted version; a second decision finds it decided.
pub fn decide(
    status: CharterStatus,
    version_no: i32,
    decision: CharterDecision,
) -> Result<CharterStatus, RuleViolation> {
    if status != CharterStatus::Submitted {
        return Err(refuse(
            format!(
                "第 {version_no} 版章程未处于报核准状态（当前：{}），不能作出核准决定。",
                status.label_zh()
            ),
            format!(
                "Charter version {version_no} is not awaiting approval (now: {}).",
                status.label_en()
            ),
        ));
    }
    Ok(match decision {
        CharterDecision::Approve => CharterStatus::Approved,
        CharterDecision::Reject => CharterStatus::Rejected,
    })
}

/// While the bureau reads a version, no new draft replaces it under its eyes.
pub fn check_amendable(latest: Option<CharterStatus>) -> RuleResult {
    match latest {
        Some(CharterStatus::Submitted) => Err(refuse(
            "章程已报教育局核准，作出决定前不能起草新版本。".into(),
            "The charter is with the bureau for approval; no new version until it decides.".into(),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use CharterStatus as S;

    fn refused(r: Result<(), RuleViolation>) -> RuleViolation {
        let v = r.unwrap_err();
        assert_eq!(v.rule, Rule::CharterApproval);
        assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
        v
    }

    #[test]
    fn only_an_adopted_version_is_submitted() {
        assert_eq!(check_submit(S::Adopted, 2), Ok(()));
        let v = refused(check_submit(S::Draft, 2));
        assert!(v.detail.zh.contains("理事会决议通过后"), "{}", v.detail.zh);
        assert!(v.detail.en.contains("version 2"), "{}", v.detail.en);
        for s in [S::Submitted, S::Approved, S::Rejected, S::Superseded] {
            refused(check_submit(s, 1));
        }
    }

    #[test]
    fn the_bureau_decides_once_on_a_submitted_version() {
        assert_eq!(
            decide(S::Submitted, 1, CharterDecision::Approve),
            Ok(S::Approved)
        );
        assert_eq!(
            decide(S::Submitted, 1, CharterDecision::Reject),
            Ok(S::Rejected)
        );
        for s in [
            S::Draft,
            S::Adopted,
            S::Approved,
            S::Rejected,
            S::Superseded,
        ] {
            let v = refused(decide(s, 3, CharterDecision::Approve).map(|_| ()));
            assert!(v.detail.en.contains("version 3"), "{}", v.detail.en);
        }
    }

    #[test]
    fn no_new_version_while_the_bureau_reads_one() {
        refused(check_amendable(Some(S::Submitted)));
        for s in [
            None,
            Some(S::Draft),
            Some(S::Adopted),
            Some(S::Approved),
            Some(S::Rejected),
        ] {
            assert_eq!(check_amendable(s), Ok(()));
        }
    }

    #[test]
    fn in_force_and_passed_by_council() {
        let in_force: Vec<_> = S::ALL.iter().filter(|s| s.in_force()).collect();
        assert_eq!(in_force, [&S::Approved]);
        let passed: Vec<_> = S::ALL.iter().filter(|s| s.passed_by_council()).collect();
        assert_eq!(passed, [&S::Adopted, &S::Submitted, &S::Approved]);
    }
}
