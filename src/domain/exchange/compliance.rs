//! The EXCH compliance figures of one group's year, from the raw records.
//!
//! What counts (docs/API-DESIGN.md, "Teacher exchange", is to say the same):
//! - the group's teachers are the staff whose school of record is a member (the core included)
//!   on the head-count date; the service supplies them;
//! - an exchange counts in a year when it took place (`active` or `completed`) and its span has
//!   a day in that calendar year, so one that runs from September to July counts in both years;
//! - a teacher counts once however many exchanges they have; a part-time one counts like a
//!   full-time one (the policy counts teachers, 跨校走教 included), and so does one to a school
//!   outside the group;
//! - EXCH-CORE-10 counts the core's teachers sent to other members of the group, against the
//!   core's teachers plus those whose relation moved with the exchange (they were the core's
//!   when the year began), and applies from the year the group counts as stable;
//! - per school, a teacher counts among the teachers of their school of record and, exchanged,
//!   for the school that sent them;
//! - EXCH-NEW-SCHOOL-SUBJECT and weak-subject coverage need a backbone dispatch from the core
//!   to the member, with the subject, that counts in the year.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{ExchangeKind, ExchangeStatus, Span};

/// A teacher on the head-count date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teacher {
    pub person_id: i64,
    pub school_id: i64,
    pub backbone: bool,
}

/// One exchange record, as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub person_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    pub subjects: Vec<String>,
    pub status: ExchangeStatus,
    pub span: Span,
    /// The personnel relation went with the teacher (`transferred`).
    pub transferred: bool,
}

/// A member other than the core, with the subjects the figures look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub school_id: i64,
    pub newly_opened: bool,
    /// The subjects taught there in the year.
    pub subjects_taught: Vec<String>,
    /// Its weak subjects (薄弱学科), where recorded.
    pub weak_subjects: Vec<String>,
}

/// A group's year, everything the figures are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupYear {
    pub year: i32,
    pub core_school_id: i64,
    pub members: Vec<Member>,
    pub teachers: Vec<Teacher>,
    pub movements: Vec<Movement>,
    /// The group counts as stable this year (EXCH-CORE-10 applies).
    pub stable: bool,
}

/// The county's thresholds, in percent (the county settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub group_percent: u32,
    pub backbone_percent: u32,
    pub core_percent: u32,
}

crate::vocab_enum! {
    /// Whether a figure is met; `not_applicable` when there is nothing to measure (EXCH-CORE-10
    /// before the group is stable, a share of nobody, a coverage of no subject).
    pub enum Standing ("compliance_standing") {
        Met = ("met", "达标", "met"),
        Short = ("short", "未达标", "short"),
        NotApplicable = ("not_applicable", "不适用", "not applicable"),
    }
}

/// A share with its threshold: `numerator / denominator` against `threshold_percent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub numerator: u64,
    pub denominator: u64,
    pub threshold_percent: u32,
    pub standing: Standing,
    /// How many more teachers it takes to meet the threshold (0 when met; `None` when no
    /// number of teachers can, e.g. a threshold of 100% of backbone teachers).
    pub more_needed: Option<u64>,
}

/// The smallest `k` with `(n + k) * 100 >= pct * d`: more teachers exchanged out of `d`.
fn more_of(n: u64, d: u64, pct: u32) -> u64 {
    let want = (u64::from(pct) * d).div_ceil(100);
    want.saturating_sub(n)
}

/// A share of `d` teachers that must be at least `pct` percent.
pub fn share(n: u64, d: u64, pct: u32) -> Share {
    let standing = if d == 0 {
        Standing::NotApplicable
    } else if n * 100 >= u64::from(pct) * d {
        Standing::Met
    } else {
        Standing::Short
    };
    Share {
        numerator: n,
        denominator: d,
        threshold_percent: pct,
        standing,
        more_needed: Some(if standing == Standing::Short {
            more_of(n, d, pct)
        } else {
            0
        }),
    }
}

/// EXCH-BACKBONE-40: `b` backbone teachers among `e` exchanged. Exchanging one more backbone
/// teacher raises both counts, so it takes the smallest `k` with
/// `(b + k) * 100 >= pct * (e + k)`.
pub fn backbone_share(b: u64, e: u64, pct: u32) -> Share {
    let mut s = share(b, e, pct);
    if s.standing == Standing::Short {
        let gap = u64::from(pct) * e - 100 * b;
        s.more_needed = (pct < 100).then(|| gap.div_ceil(100 - u64::from(pct)));
    }
    s
}

/// One member's part of EXCH-GROUP-10: where the exchanged teachers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCount {
    pub school_id: i64,
    pub teachers: u64,
    pub exchanged: u64,
    pub backbone_exchanged: u64,
}

/// A subject a member lacks its backbone teacher for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Uncovered {
    pub school_id: i64,
    pub subject: String,
}

/// Subject coverage: how many of the subjects are covered, and which are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub covered: u64,
    pub required: u64,
    pub standing: Standing,
    pub missing: Vec<Uncovered>,
}

/// Every figure of a group's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// EXCH-GROUP-10.
    pub group: Share,
    /// EXCH-BACKBONE-40.
    pub backbone: Share,
    /// EXCH-CORE-10.
    pub core: Share,
    /// EXCH-NEW-SCHOOL-SUBJECT.
    pub new_school_subjects: Coverage,
    /// Backbone teachers for the members' weak subjects (§2.4.2).
    pub weak_subjects: Coverage,
    pub by_member: Vec<MemberCount>,
}

fn coverage(required: BTreeSet<Uncovered>, covered: &HashSet<(i64, &str)>) -> Coverage {
    let missing: Vec<Uncovered> = required
        .iter()
        .filter(|u| !covered.contains(&(u.school_id, u.subject.as_str())))
        .cloned()
        .collect();
    let required_n = required.len() as u64;
    Coverage {
        covered: required_n - missing.len() as u64,
        required: required_n,
        standing: if required.is_empty() {
            Standing::NotApplicable
        } else if missing.is_empty() {
            Standing::Met
        } else {
            Standing::Short
        },
        missing,
    }
}

/// The figures of `g` under `t`.
pub fn figures(g: &GroupYear, t: &Thresholds) -> Figures {
    let counting: Vec<&Movement> = g
        .movements
        .iter()
        .filter(|m| m.status.took_place() && m.span.touches_year(g.year))
        .collect();
    let moved: HashSet<i64> = counting.iter().map(|m| m.person_id).collect();
    // Where each exchanged teacher was sent from (their first counting exchange): a teacher
    // whose relation moved with the exchange counts as exchanged by the school that sent them.
    let mut sent_from: HashMap<i64, i64> = HashMap::new();
    for m in &counting {
        sent_from.entry(m.person_id).or_insert(m.from_school_id);
    }

    let mut by_member: BTreeMap<i64, MemberCount> = BTreeMap::new();
    for s in std::iter::once(g.core_school_id).chain(g.members.iter().map(|m| m.school_id)) {
        by_member.insert(
            s,
            MemberCount {
                school_id: s,
                teachers: 0,
                exchanged: 0,
                backbone_exchanged: 0,
            },
        );
    }
    let (mut exchanged, mut backbone) = (0u64, 0u64);
    for teacher in &g.teachers {
        let is_moved = moved.contains(&teacher.person_id);
        if is_moved {
            exchanged += 1;
            backbone += u64::from(teacher.backbone);
        }
        if let Some(c) = by_member.get_mut(&teacher.school_id) {
            c.teachers += 1;
        }
        if is_moved {
            let from = sent_from
                .get(&teacher.person_id)
                .copied()
                .filter(|s| by_member.contains_key(s))
                .unwrap_or(teacher.school_id);
            if let Some(c) = by_member.get_mut(&from) {
                c.exchanged += 1;
                c.backbone_exchanged += u64::from(teacher.backbone);
            }
        }
    }

    let members: HashSet<i64> = g.members.iter().map(|m| m.school_id).collect();
    let from_core: Vec<&&Movement> = counting
        .iter()
        .filter(|m| m.from_school_id == g.core_school_id)
        .collect();
    let core_sent: HashSet<i64> = from_core
        .iter()
        .filter(|m| members.contains(&m.to_school_id))
        .map(|m| m.person_id)
        .collect();
    let core_base: HashSet<i64> = g
        .teachers
        .iter()
        .filter(|t| t.school_id == g.core_school_id)
        .map(|t| t.person_id)
        .chain(
            from_core
                .iter()
                .filter(|m| m.transferred)
                .map(|m| m.person_id),
        )
        .collect();
    // The numerator is part of the denominator: a teacher sent from the core but no longer its
    // own (moved on in the registry, relation retained) is not the core's to count.
    let core_sent: HashSet<i64> = core_sent.intersection(&core_base).copied().collect();
    let core_share = share(
        core_sent.len() as u64,
        core_base.len() as u64,
        t.core_percent,
    );
    // Before the group is stable the figure is shown, but nothing is owed.
    let core = if g.stable {
        core_share
    } else {
        Share {
            standing: Standing::NotApplicable,
            more_needed: Some(0),
            ..core_share
        }
    };

    let dispatched: HashSet<(i64, &str)> = from_core
        .iter()
        .filter(|m| m.kind == ExchangeKind::BackboneDispatch)
        .flat_map(|m| m.subjects.iter().map(|s| (m.to_school_id, s.as_str())))
        .collect();
    let need = |pick: &dyn Fn(&Member) -> Option<&Vec<String>>| -> BTreeSet<Uncovered> {
        g.members
            .iter()
            .filter_map(|m| pick(m).map(|subjects| (m.school_id, subjects)))
            .flat_map(|(school_id, subjects)| {
                subjects.iter().map(move |s| Uncovered {
                    school_id,
                    subject: s.clone(),
                })
            })
            .collect()
    };
    let new_school_subjects = coverage(
        need(&|m| m.newly_opened.then_some(&m.subjects_taught)),
        &dispatched,
    );
    let weak_subjects = coverage(need(&|m| Some(&m.weak_subjects)), &dispatched);

    Figures {
        group: share(exchanged, g.teachers.len() as u64, t.group_percent),
        backbone: backbone_share(backbone, exchanged, t.backbone_percent),
        core,
        new_school_subjects,
        weak_subjects,
        by_member: by_member.into_values().collect(),
    }
}
