//! EXCH-PLAN: a group's annual exchange plan, planned against actual.
//!
//! A line plans `teachers` movements of one kind from one school to another. The actual count
//! of a line is the number of distinct teachers in exchanges that cite the plan, match the
//! line's kind, from and to, and took place (active or completed). Exchanges citing the plan
//! that match no line are counted apart as unplanned, so that the plan's totals always add up.

use std::collections::{HashMap, HashSet};

use super::{ExchangeKind, ExchangeStatus};

/// One line of a plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanLine {
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    pub teachers: u32,
}

/// An exchange that cites the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub person_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    pub status: ExchangeStatus,
}

/// A line with what took place against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProgress {
    pub line: PlanLine,
    pub actual: u32,
}

/// The plan's progress: each line, then the teachers of exchanges that match no line.
pub fn progress(lines: &[PlanLine], cited: &[Cited]) -> (Vec<LineProgress>, u32) {
    type Key = (ExchangeKind, i64, i64);
    let mut people: HashMap<Key, HashSet<i64>> = HashMap::new();
    for c in cited.iter().filter(|c| c.status.took_place()) {
        people
            .entry((c.kind, c.from_school_id, c.to_school_id))
            .or_default()
            .insert(c.person_id);
    }
    let planned: HashSet<Key> = lines
        .iter()
        .map(|l| (l.kind, l.from_school_id, l.to_school_id))
        .collect();
    let count = |k: &Key| people.get(k).map_or(0, |s| s.len() as u32);
    let out = lines
        .iter()
        .map(|l| LineProgress {
            line: l.clone(),
            actual: count(&(l.kind, l.from_school_id, l.to_school_id)),
        })
        .collect();
    let unplanned = people
        .keys()
        .filter(|k| !planned.contains(k))
        .map(count)
        .sum();
    (out, unplanned)
}
