//! The EXCH compliance figures of groups' years, computed from the raw records as they stand
//! (`domain::exchange::compliance`), for one group, a county or the prefecture: the same reads
//! over a wider scope, each one statement (`repo::exchange::facts`), so that a roll-up costs a
//! fixed number of statements however many groups and teachers it covers.
//!
//! The head-count date is 31 December of the year, or today while the year runs: the group's
//! members are those on that date, its teachers the staff of record of those schools.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::DbConnection;
use crate::domain::exchange::compliance::{
    figures, Coverage, GroupYear, Member, Movement, Share, Standing, Teacher, Thresholds,
};
use crate::domain::groups::{GroupRuleSettings, GroupStatus};
use crate::domain::registry::SchoolStanding;
use crate::domain::rules::Rule;
use crate::error::{ApiError, ApiResult};
use crate::repo::exchange::exchanges::{self, ExchangeRow};
use crate::repo::exchange::facts::{self, BonusHolder, GroupLine, MemberLine, Scope, TeacherLine};
use crate::service::checks::Checks;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplianceQuery {
    /// The calendar year measured.
    #[param(required = true, example = 2026)]
    pub year: Option<i32>,
}

impl ComplianceQuery {
    pub fn year(&self) -> ApiResult<i32> {
        let mut c = Checks::new();
        let y = c.required("year", self.year);
        if let Some(y) = y {
            super::check_year(&mut c, "year", y);
        }
        c.finish()?;
        y.ok_or_else(ApiError::internal)
    }
}

/// The head-count date of `year`: 31 December, or today while the year runs.
pub fn head_count_on(year: i32) -> NaiveDate {
    let today = crate::domain::clock::today();
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(today, |end| end.min(today))
}

/// The county's thresholds in force, in percent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThresholdsView {
    /// EXCH-GROUP-10 (`exchange_min_percent`).
    pub group_percent: u32,
    /// EXCH-BACKBONE-40 (`exchange_backbone_min_percent`).
    pub backbone_percent: u32,
    /// EXCH-CORE-10 (`core_exchange_min_percent`).
    pub core_percent: u32,
    /// EXCH-CORE-10 applies from this many full years after establishment
    /// (`group_stable_after_years`).
    pub stable_after_years: u32,
}

impl From<&GroupRuleSettings> for ThresholdsView {
    fn from(s: &GroupRuleSettings) -> Self {
        ThresholdsView {
            group_percent: s.exchange_min_percent,
            backbone_percent: s.exchange_backbone_min_percent,
            core_percent: s.core_exchange_min_percent,
            stable_after_years: s.group_stable_after_years,
        }
    }
}

/// A share against its threshold.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"rule": "EXCH-GROUP-10", "numerator": 9, "denominator": 100, "percent": 9.0,
    "threshold_percent": 10, "standing": "short", "more_needed": 1, "members_below": [3]}))]
pub struct ShareFigure {
    pub rule: String,
    pub numerator: u64,
    pub denominator: u64,
    /// `numerator / denominator` in percent, to one decimal; absent for a share of nobody.
    pub percent: Option<f64>,
    pub threshold_percent: u32,
    pub standing: Standing,
    /// How many more teachers it takes (0 when met); absent when no number can (a threshold
    /// of 100% of backbone teachers among the exchanged with a non-backbone one among them).
    pub more_needed: Option<u64>,
    /// The schools whose own share is below the threshold (where the figure is per school).
    pub members_below: Vec<i64>,
}

fn percent(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| ((n * 1000 + d / 2) / d) as f64 / 10.0)
}

fn share_figure(rule: Rule, s: &Share, members_below: Vec<i64>) -> ShareFigure {
    ShareFigure {
        rule: rule.id().to_string(),
        numerator: s.numerator,
        denominator: s.denominator,
        percent: percent(s.numerator, s.denominator),
        threshold_percent: s.threshold_percent,
        standing: s.standing,
        more_needed: s.more_needed,
        members_below,
    }
}

/// A subject a member lacks its backbone teacher for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MissingSubject {
    pub school_id: i64,
    pub school_name: String,
    pub subject_code: String,
}

/// Subject coverage against what is required.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"rule": "EXCH-NEW-SCHOOL-SUBJECT", "covered": 5, "required": 6, "standing": "short",
    "missing": [{"school_id": 3, "school_name": "都匀市经开区小学", "subject_code": "24"}]}))]
pub struct CoverageFigure {
    pub rule: String,
    pub covered: u64,
    pub required: u64,
    pub standing: Standing,
    pub missing: Vec<MissingSubject>,
}

fn coverage_figure(rule: Rule, c: &Coverage, names: &HashMap<i64, String>) -> CoverageFigure {
    CoverageFigure {
        rule: rule.id().to_string(),
        covered: c.covered,
        required: c.required,
        standing: c.standing,
        missing: c
            .missing
            .iter()
            .map(|u| MissingSubject {
                school_id: u.school_id,
                school_name: names.get(&u.school_id).cloned().unwrap_or_default(),
                subject_code: u.subject.clone(),
            })
            .collect(),
    }
}

/// One school of the group: its teachers and how many of them were exchanged.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberFigure {
    pub school_id: i64,
    pub school_name: String,
    pub is_core: bool,
    pub standing: SchoolStanding,
    pub teachers: u64,
    pub exchanged: u64,
    pub backbone_exchanged: u64,
}

/// A teacher on one of the core's bonus posts (STAFF-SENIOR-BONUS: granted for the teachers
/// the core sends to other members), and whether they were sent this year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BonusPostHolder {
    pub person_id: i64,
    pub name: String,
    pub post_id: i64,
    pub post_name: String,
    /// An exchange from the core to another member counts for them in the year.
    pub sent: bool,
}

/// Every EXCH figure of a group's year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupCompliance {
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    pub county_code: String,
    pub status: GroupStatus,
    pub year: i32,
    pub head_count_on: NaiveDate,
    /// The group counts as stable this year (EXCH-CORE-10 applies).
    pub stable: bool,
    /// The first year EXCH-CORE-10 applies; absent before the group is established.
    pub stable_from_year: Option<i32>,
    pub thresholds: ThresholdsView,
    /// EXCH-GROUP-10: teachers exchanged among the group's teachers.
    pub group: ShareFigure,
    /// EXCH-BACKBONE-40: backbone teachers among those exchanged.
    pub backbone: ShareFigure,
    /// EXCH-CORE-10: the core's teachers sent to other members among the core's teachers.
    pub core: ShareFigure,
    /// EXCH-NEW-SCHOOL-SUBJECT: the subjects of newly opened members with a backbone teacher
    /// dispatched from the core.
    pub new_school_subjects: CoverageFigure,
    /// EXCH-WEAK-SUBJECT: the members' recorded weak subjects with one.
    pub weak_subjects: CoverageFigure,
    pub members: Vec<MemberFigure>,
    pub bonus_posts: Vec<BonusPostHolder>,
    /// The figures apply: the group is established, and was by the head-count date (before
    /// that it records no exchange, and every figure is `not_applicable`).
    pub measured: bool,
    /// Measured, and every figure is met or not applicable.
    pub met: bool,
    /// The rule ids of the figures that are short.
    pub short: Vec<String>,
}

/// Everything the figures of a scope's year are computed from.
pub struct Facts {
    pub groups: Vec<GroupLine>,
    members: Vec<MemberLine>,
    teachers: Vec<TeacherLine>,
    exchanges: Vec<ExchangeRow>,
    recorded: Vec<(i64, String, bool)>,
    taught: Vec<(i64, String)>,
    bonus: Vec<BonusHolder>,
    pub year: i32,
    pub head_count_on: NaiveDate,
}

impl Facts {
    /// The exchanges of the year in scope, as read (the assessment counts from them).
    pub fn exchanges(&self) -> &[ExchangeRow] {
        &self.exchanges
    }

    /// How many weak subjects are recorded for `school_id` this year.
    pub fn weak_recorded(&self, school_id: i64) -> u64 {
        self.recorded
            .iter()
            .filter(|(s, _, weak)| *s == school_id && *weak)
            .count() as u64
    }
}

/// The scope's facts in seven statements. A group's scope reads its members first, and then
/// the rest for its schools only.
pub fn load(conn: &mut DbConnection, scope: Scope<'_>, year: i32) -> ApiResult<Facts> {
    let on = head_count_on(year);
    let groups = facts::groups(conn, scope)?;
    let members = facts::members(conn, scope, on)?;
    let schools: Vec<i64> = groups
        .iter()
        .map(|g| g.core_school_id)
        .chain(members.iter().map(|m| m.school_id))
        .collect::<BTreeSet<i64>>()
        .into_iter()
        .collect();
    let scope = match scope {
        Scope::Group { id, .. } => Scope::Group {
            id,
            schools: &schools,
        },
        other => other,
    };
    let county = match scope {
        Scope::County(c) => Some(c),
        _ => None,
    };
    let group = match scope {
        Scope::Group { id, .. } => Some(id),
        _ => None,
    };
    let exchanges = exchanges::of_year(conn, county, group, year)?;
    let teachers = facts::teachers(conn, scope)?;
    let recorded = facts::school_subjects(conn, scope, year)?;
    let taught = facts::taught_by_staff(conn, scope)?;
    let bonus = facts::bonus_holders(conn, scope, year)?;
    Ok(Facts {
        groups,
        members,
        teachers,
        exchanges,
        recorded,
        taught,
        bonus,
        year,
        head_count_on: on,
    })
}

/// The figures of every group of `f`, each under its county's settings.
pub fn compute(f: &Facts, settings: &HashMap<String, GroupRuleSettings>) -> Vec<GroupCompliance> {
    let mut members_of: HashMap<i64, Vec<&MemberLine>> = HashMap::new();
    for m in &f.members {
        members_of.entry(m.group_id).or_default().push(m);
    }
    let mut teachers_of: HashMap<i64, Vec<&TeacherLine>> = HashMap::new();
    for t in &f.teachers {
        teachers_of.entry(t.school_id).or_default().push(t);
    }
    let mut exchanges_of: HashMap<i64, Vec<&ExchangeRow>> = HashMap::new();
    for x in &f.exchanges {
        exchanges_of.entry(x.group_id).or_default().push(x);
    }
    let mut recorded: HashMap<i64, Vec<(&str, bool)>> = HashMap::new();
    for (s, code, weak) in &f.recorded {
        recorded.entry(*s).or_default().push((code, *weak));
    }
    let mut taught: HashMap<i64, Vec<&str>> = HashMap::new();
    for (s, code) in &f.taught {
        taught.entry(*s).or_default().push(code);
    }
    let mut bonus_of: HashMap<i64, Vec<&BonusHolder>> = HashMap::new();
    for b in &f.bonus {
        bonus_of.entry(b.group_id).or_default().push(b);
    }
    let defaults = GroupRuleSettings::default();
    f.groups
        .iter()
        .map(|g| {
            let s = settings.get(&g.county_code).unwrap_or(&defaults);
            let ms = members_of.get(&g.id).map(Vec::as_slice).unwrap_or(&[]);
            let xs = exchanges_of.get(&g.id).map(Vec::as_slice).unwrap_or(&[]);
            let bs = bonus_of.get(&g.id).map(Vec::as_slice).unwrap_or(&[]);
            one_group(f, g, s, ms, xs, bs, &teachers_of, &recorded, &taught)
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn one_group(
    f: &Facts,
    g: &GroupLine,
    s: &GroupRuleSettings,
    ms: &[&MemberLine],
    xs: &[&ExchangeRow],
    bs: &[&BonusHolder],
    teachers_of: &HashMap<i64, Vec<&TeacherLine>>,
    recorded: &HashMap<i64, Vec<(&str, bool)>>,
    taught: &HashMap<i64, Vec<&str>>,
) -> GroupCompliance {
    let mut names: HashMap<i64, String> = HashMap::from([(g.core_school_id, g.core_name.clone())]);
    let mut standing: HashMap<i64, SchoolStanding> = HashMap::new();
    // A school listed as a member of its own group (it cannot be) would be counted twice.
    let ms: Vec<&&MemberLine> = ms
        .iter()
        .filter(|m| m.school_id != g.core_school_id)
        .collect();
    for m in &ms {
        names.insert(m.school_id, m.school_name.clone());
        standing.insert(m.school_id, m.standing);
    }
    let schools: Vec<i64> = std::iter::once(g.core_school_id)
        .chain(ms.iter().map(|m| m.school_id))
        .collect();
    let teachers: Vec<Teacher> = schools
        .iter()
        .flat_map(|s| teachers_of.get(s).map(Vec::as_slice).unwrap_or(&[]))
        .map(|t| Teacher {
            person_id: t.person_id,
            school_id: t.school_id,
            backbone: t.backbone,
        })
        .collect();
    let members: Vec<Member> = ms
        .iter()
        .map(|m| {
            let rec = recorded.get(&m.school_id);
            let subjects_taught: Vec<String> = match rec {
                Some(r) => r.iter().map(|(c, _)| c.to_string()).collect(),
                None => taught
                    .get(&m.school_id)
                    .map(|t| t.iter().map(|c| c.to_string()).collect())
                    .unwrap_or_default(),
            };
            Member {
                school_id: m.school_id,
                newly_opened: m.standing == SchoolStanding::NewlyOpened,
                subjects_taught,
                weak_subjects: rec
                    .map(|r| {
                        r.iter()
                            .filter(|(_, w)| *w)
                            .map(|(c, _)| c.to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let movements: Vec<Movement> = xs
        .iter()
        .map(|x| Movement {
            person_id: x.person_id,
            kind: x.kind,
            from_school_id: x.from_school_id,
            to_school_id: x.to_school_id,
            subjects: x.subjects(),
            status: x.status,
            span: x.span(),
            transferred: x.relation == crate::domain::exchange::PersonnelRelation::Transferred,
        })
        .collect();
    let stable_from_year = g
        .established_on
        .map(|d| d.year() + i32::try_from(s.group_stable_after_years).unwrap_or(3));
    let stable = stable_from_year.is_some_and(|y| y <= f.year);
    let t = Thresholds {
        group_percent: s.exchange_min_percent,
        backbone_percent: s.exchange_backbone_min_percent,
        core_percent: s.core_exchange_min_percent,
    };
    let gy = GroupYear {
        year: f.year,
        core_school_id: g.core_school_id,
        members,
        teachers,
        movements,
        stable,
    };
    let mut fig = figures(&gy, &t);
    // Established, and by the head-count date: a past year before establishment is not measured.
    let measured = g.status == GroupStatus::Established
        && g.established_on.is_none_or(|d| d <= f.head_count_on);
    if !measured {
        for s in [&mut fig.group, &mut fig.backbone, &mut fig.core] {
            s.standing = Standing::NotApplicable;
            s.more_needed = Some(0);
        }
        for c in [&mut fig.new_school_subjects, &mut fig.weak_subjects] {
            c.standing = Standing::NotApplicable;
        }
    }
    let below =
        |pct: u32, n: fn(&crate::domain::exchange::compliance::MemberCount) -> (u64, u64)| {
            fig.by_member
                .iter()
                .filter(|m| {
                    let (num, den) = n(m);
                    den > 0 && num * 100 < u64::from(pct) * den
                })
                .map(|m| m.school_id)
                .collect::<Vec<i64>>()
        };
    let group = share_figure(
        Rule::ExchGroup10,
        &fig.group,
        below(t.group_percent, |m| (m.exchanged, m.teachers)),
    );
    let backbone = share_figure(
        Rule::ExchBackbone40,
        &fig.backbone,
        below(t.backbone_percent, |m| (m.backbone_exchanged, m.exchanged)),
    );
    let core = share_figure(Rule::ExchCore10, &fig.core, Vec::new());
    let new_school_subjects =
        coverage_figure(Rule::ExchNewSchoolSubject, &fig.new_school_subjects, &names);
    let weak_subjects = coverage_figure(Rule::ExchWeakSubject, &fig.weak_subjects, &names);
    let member_set: HashSet<i64> = ms.iter().map(|m| m.school_id).collect();
    let sent: HashSet<i64> = gy
        .movements
        .iter()
        .filter(|m| {
            m.status.took_place()
                && m.span.touches_year(f.year)
                && m.from_school_id == g.core_school_id
                && member_set.contains(&m.to_school_id)
        })
        .map(|m| m.person_id)
        .collect();
    let bonus_posts = bs
        .iter()
        .map(|b| BonusPostHolder {
            person_id: b.person_id,
            name: b.name.clone(),
            post_id: b.post_id,
            post_name: b.post_name.clone(),
            sent: sent.contains(&b.person_id),
        })
        .collect();
    let short: Vec<String> = [
        (&group.rule, group.standing),
        (&backbone.rule, backbone.standing),
        (&core.rule, core.standing),
        (&new_school_subjects.rule, new_school_subjects.standing),
        (&weak_subjects.rule, weak_subjects.standing),
    ]
    .into_iter()
    .filter(|(_, st)| *st == Standing::Short)
    .map(|(r, _)| r.clone())
    .collect();
    GroupCompliance {
        group_id: g.id,
        group_code: g.code.clone(),
        group_name: g.name.clone(),
        county_code: g.county_code.clone(),
        status: g.status,
        year: f.year,
        head_count_on: f.head_count_on,
        stable,
        stable_from_year,
        thresholds: ThresholdsView::from(s),
        members: fig
            .by_member
            .iter()
            .map(|m| MemberFigure {
                school_id: m.school_id,
                school_name: names.get(&m.school_id).cloned().unwrap_or_default(),
                is_core: m.school_id == g.core_school_id,
                standing: standing
                    .get(&m.school_id)
                    .copied()
                    .unwrap_or(SchoolStanding::Quality),
                teachers: m.teachers,
                exchanged: m.exchanged,
                backbone_exchanged: m.backbone_exchanged,
            })
            .collect(),
        measured,
        met: measured && short.is_empty(),
        short,
        group,
        backbone,
        core,
        new_school_subjects,
        weak_subjects,
        bonus_posts,
    }
}

/// Rule ids of the figures, in the order the reports list them.
pub const FIGURES: [Rule; 5] = [
    Rule::ExchGroup10,
    Rule::ExchBackbone40,
    Rule::ExchCore10,
    Rule::ExchNewSchoolSubject,
    Rule::ExchWeakSubject,
];

/// How many groups meet, fall short of, or are not measured by each figure.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleTally {
    pub rule: String,
    pub met: u64,
    pub short: u64,
    pub not_applicable: u64,
}

pub fn tallies(groups: &[GroupCompliance]) -> Vec<RuleTally> {
    let mut by: BTreeMap<usize, RuleTally> = BTreeMap::new();
    for (i, r) in FIGURES.iter().enumerate() {
        by.insert(
            i,
            RuleTally {
                rule: r.id().to_string(),
                met: 0,
                short: 0,
                not_applicable: 0,
            },
        );
    }
    for g in groups {
        let standings = [
            g.group.standing,
            g.backbone.standing,
            g.core.standing,
            g.new_school_subjects.standing,
            g.weak_subjects.standing,
        ];
        for (i, st) in standings.iter().enumerate() {
            if let Some(t) = by.get_mut(&i) {
                match st {
                    Standing::Met => t.met += 1,
                    Standing::Short => t.short += 1,
                    Standing::NotApplicable => t.not_applicable += 1,
                }
            }
        }
    }
    by.into_values().collect()
}
