//! The teachers of a demo school: the principal first (the school's legal representative), a
//! vice principal and middle cadres in larger schools, then teachers whose titles follow their age,
//! whose subjects suit the school's stage, and of whom about a quarter are backbone teachers.

use super::blueprint::{Size, Sketch};
use super::codes::Issued;
use super::names::person_name;
use super::rng::Rng;
use crate::domain::registry::{CadrePost, SchoolStanding};

/// The year ages are counted from (the demo's "now").
const THIS_YEAR: i32 = 2026;

/// A parent of a pupil of the school (COUNCIL-COMPOSITION's parent representatives): not staff.
#[derive(Debug, Clone)]
pub struct ParentPlan {
    pub name: String,
    pub id_number: String,
    pub pupil_class: String,
}

/// Parents registered per demo school: one to represent the school's parents, one more.
pub const PARENTS_PER_SCHOOL: usize = 2;

/// The parents of one school, drawn from their own stream so that adding them left every staff
/// member of the demo as it was.
pub fn school_parents(
    rng: &mut Rng,
    issued: &mut Issued,
    county: &str,
    minority_percent: u32,
    school: &Sketch,
) -> Result<Vec<ParentPlan>, String> {
    let grades: &[&str] = match school.type_code {
        "111" => &["小班", "中班", "大班"],
        "311" | "312" | "341" | "345" => &["七年级", "八年级", "九年级"],
        "342" => &["高一年级", "高二年级", "高三年级"],
        _ => &["二年级", "四年级", "五年级"],
    };
    let mut out = Vec::with_capacity(PARENTS_PER_SCHOOL);
    for i in 0..PARENTS_PER_SCHOOL {
        let female = rng.chance(60);
        let year = rng.between(1982, 1994);
        let grade = grades[i % grades.len()];
        out.push(ParentPlan {
            name: person_name(rng, minority_percent, female),
            id_number: issued.resident_id(rng, county, year, female)?,
            pupil_class: format!("{grade}（{}）班", rng.between(1, 4)),
        });
    }
    Ok(out)
}

/// A person before the school has an id.
#[derive(Debug, Clone)]
pub struct StaffPlan {
    pub name: String,
    pub id_number: String,
    pub title_code: Option<&'static str>,
    pub is_backbone: bool,
    pub cadre_post: Option<CadrePost>,
    pub subjects: Vec<&'static str>,
}

const PRIMARY_SUBJECTS: &[(&str, u32)] = &[
    ("13", 30),
    ("14", 28),
    ("41", 8),
    ("22", 8),
    ("24", 6),
    ("25", 6),
    ("12", 6),
    ("15", 5),
    ("61", 3),
];

const SECONDARY_SUBJECTS: &[(&str, u32)] = &[
    ("13", 16),
    ("14", 16),
    ("41", 14),
    ("16", 7),
    ("17", 6),
    ("18", 6),
    ("20", 5),
    ("21", 6),
    ("12", 6),
    ("22", 6),
    ("24", 3),
    ("25", 3),
    ("61", 3),
];

/// Nine- and twelve-year schools teach both stages.
const THROUGH_SUBJECTS: &[(&str, u32)] = &[
    ("13", 20),
    ("14", 20),
    ("41", 12),
    ("15", 3),
    ("16", 5),
    ("17", 4),
    ("18", 4),
    ("20", 4),
    ("21", 4),
    ("12", 6),
    ("22", 6),
    ("24", 4),
    ("25", 4),
    ("61", 3),
];

/// Kindergarten teachers mostly carry no subject; some are specialists of the arts or PE.
const KINDERGARTEN_SUBJECTS: &[(&str, u32)] = &[("24", 3), ("25", 2), ("22", 1)];

fn headcount(rng: &mut Rng, size: Size) -> usize {
    let (lo, hi) = match size {
        Size::Large => (9, 12),
        Size::Medium => (5, 7),
        Size::Small => (4, 6),
        Size::Tiny => (4, 4),
    };
    usize::try_from(rng.between(lo, hi)).unwrap_or(4)
}

/// The share (percent) of women among a school's teachers.
fn female_percent(type_code: &str) -> u32 {
    match type_code {
        "111" => 95,
        "211" | "218" => 65,
        _ => 50,
    }
}

/// A title that fits the age: 正高级 rare and only for older teachers of quality schools,
/// the young on 二级/三级 or not yet rated.
fn title(rng: &mut Rng, birth_year: i32, quality: bool) -> Option<&'static str> {
    let age = THIS_YEAR - birth_year;
    let weights: &[(Option<&'static str>, u32)] = if age >= 45 {
        if quality {
            &[
                (Some("zgj"), 4),
                (Some("gj"), 44),
                (Some("yj"), 42),
                (Some("ej"), 10),
            ]
        } else {
            &[(Some("gj"), 36), (Some("yj"), 50), (Some("ej"), 14)]
        }
    } else if age >= 35 {
        &[(Some("gj"), 14), (Some("yj"), 56), (Some("ej"), 30)]
    } else if age >= 29 {
        &[
            (Some("gj"), 3),
            (Some("yj"), 42),
            (Some("ej"), 47),
            (Some("sj"), 8),
        ]
    } else {
        &[
            (Some("yj"), 2),
            (Some("ej"), 45),
            (Some("sj"), 43),
            (None, 10),
        ]
    };
    rng.weighted(weights).copied().flatten()
}

fn backbone_percent(standing: SchoolStanding) -> u32 {
    match standing {
        SchoolStanding::Quality => 30,
        SchoolStanding::Ordinary => 22,
        SchoolStanding::Potential => 18,
        SchoolStanding::NewlyOpened => 18,
        SchoolStanding::Weak => 10,
    }
}

fn subjects(rng: &mut Rng, type_code: &str, cadre: bool) -> Vec<&'static str> {
    let pool = match type_code {
        "111" => {
            if rng.chance(70) {
                return Vec::new();
            }
            KINDERGARTEN_SUBJECTS
        }
        "211" => PRIMARY_SUBJECTS,
        // One or two teachers run a teaching point: each teaches several subjects.
        "218" => PRIMARY_SUBJECTS,
        "312" | "345" => THROUGH_SUBJECTS,
        _ => SECONDARY_SUBJECTS,
    };
    let two_percent = match type_code {
        "111" => 0,
        "218" => 70,
        _ if cadre => 10,
        _ => 30,
    };
    let mut out = Vec::new();
    if let Some(s) = rng.weighted(pool) {
        out.push(*s);
    }
    if rng.chance(two_percent) {
        if let Some(s) = rng.weighted(pool) {
            if !out.contains(s) {
                out.push(*s);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The post of the `i`-th person of a school of `n`: principal, then in schools of seven or more
/// a vice principal, and one middle cadre (two from nine persons).
fn post(i: usize, n: usize) -> Option<CadrePost> {
    match i {
        0 => Some(CadrePost::Principal),
        1 if n >= 7 => Some(CadrePost::VicePrincipal),
        2 if n >= 7 => Some(CadrePost::MiddleCadre),
        3 if n >= 9 => Some(CadrePost::MiddleCadre),
        _ => None,
    }
}

/// Birth years by post: leaders are older; women teach until 55, so none is born before 1971.
fn birth_year(rng: &mut Rng, post: Option<CadrePost>, female: bool) -> i32 {
    let earliest = if female { 1971 } else { 1966 };
    let (lo, hi) = match post {
        Some(CadrePost::Principal) | Some(CadrePost::ExecutivePrincipal) => (earliest, 1982),
        Some(CadrePost::VicePrincipal) => (earliest.max(1972), 1988),
        Some(CadrePost::MiddleCadre) => (1976, 1992),
        None => (earliest, 2001),
    };
    rng.between(lo, hi)
}

/// The staff of one school, principal first.
pub fn school_staff(
    rng: &mut Rng,
    issued: &mut Issued,
    county: &str,
    minority_percent: u32,
    school: &Sketch,
) -> Result<Vec<StaffPlan>, String> {
    let n = headcount(rng, school.size);
    staff_of(rng, issued, county, minority_percent, school, n)
}

/// `n` staff of one school, principal first.
pub fn staff_of(
    rng: &mut Rng,
    issued: &mut Issued,
    county: &str,
    minority_percent: u32,
    school: &Sketch,
    n: usize,
) -> Result<Vec<StaffPlan>, String> {
    let quality = school.standing == SchoolStanding::Quality;
    let mut staff = Vec::with_capacity(n);
    for i in 0..n {
        let cadre_post = post(i, n);
        // Kindergartens are led by women; other schools more often by men.
        let female_share = match cadre_post {
            Some(CadrePost::Principal) if school.type_code == "111" => 90,
            Some(CadrePost::Principal) => 35,
            _ => female_percent(school.type_code),
        };
        let female = rng.chance(female_share);
        let year = birth_year(rng, cadre_post, female);
        let age = THIS_YEAR - year;
        let backbone_share = match cadre_post {
            _ if age < 28 => 0,
            Some(CadrePost::Principal) => 45,
            Some(_) => 30,
            None => backbone_percent(school.standing),
        };
        staff.push(StaffPlan {
            name: person_name(rng, minority_percent, female),
            id_number: issued.resident_id(rng, county, year, female)?,
            title_code: title(rng, year, quality),
            is_backbone: rng.chance(backbone_share),
            cadre_post,
            subjects: subjects(rng, school.type_code, cadre_post.is_some()),
        });
    }
    Ok(staff)
}
