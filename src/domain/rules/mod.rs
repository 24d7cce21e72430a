//! The shape every refusal by a rule of DOMAIN.md takes, and the catalogue of rule ids.
//!
//! Rules are plain functions that return `Result<(), RuleViolation>`; the HTTP layer turns a
//! violation into a `409` problem whose `code` is the rule id and whose `policy_ref` is the
//! section of the policy the rule comes from, with the message in the caller's language.

pub mod catalogue;

pub use catalogue::{Conflict, Rule};

/// A bilingual message: simplified Chinese (the service's default language) and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// English display text starts with a capital, whatever its source's casing.
pub fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A refusal by one rule of DOMAIN.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolation {
    /// The rule, whose id (`GRP-TIGHT-SIZE`) and policy section (`§2.2.1`) the catalogue gives.
    pub rule: Rule,
    /// A short title of what went wrong.
    pub title: Msg,
    /// The detail: what was refused and why, with the numbers involved.
    pub detail: Msg,
    /// The request field the refusal is about, where there is one.
    pub field: Option<&'static str>,
}

impl RuleViolation {
    pub fn new(rule: Rule, title: Msg, detail: Msg) -> Self {
        Self {
            rule,
            title,
            detail,
            field: None,
        }
    }

    /// A refusal titled by the rule's own title in the catalogue.
    pub fn of(rule: Rule, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(
            rule,
            Msg::new(rule.title_zh(), rule.title_en()),
            Msg::new(zh, en),
        )
    }

    /// The section of the policy the rule comes from.
    pub fn policy_ref(&self) -> &'static str {
        self.rule.policy_ref()
    }

    pub fn on_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

/// What every rule function returns.
pub type RuleResult = Result<(), RuleViolation>;
