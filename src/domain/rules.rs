//! The shape every refusal by a rule of DOMAIN.md takes.
//!
//! Rules are plain functions that return `Result<(), RuleViolation>`; the HTTP layer turns a
//! violation into a `409` problem whose `code` is the rule id and whose `policy_ref` is the
//! section of the policy the rule comes from, with the message in the caller's language.

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
    /// The rule id of DOMAIN.md, e.g. `GRP-TIGHT-SIZE`.
    pub rule: &'static str,
    /// The section of the policy, e.g. `§2.2.1`.
    pub policy_ref: &'static str,
    /// A short title of what went wrong.
    pub title: Msg,
    /// The detail: what was refused and why, with the numbers involved.
    pub detail: Msg,
    /// The request field the refusal is about, where there is one.
    pub field: Option<&'static str>,
}

impl RuleViolation {
    pub fn new(rule: &'static str, policy_ref: &'static str, title: Msg, detail: Msg) -> Self {
        Self {
            rule,
            policy_ref,
            title,
            detail,
            field: None,
        }
    }

    pub fn on_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

/// What every rule function returns.
pub type RuleResult = Result<(), RuleViolation>;
