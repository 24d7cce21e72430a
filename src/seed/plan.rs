//! The whole demo data set, computed without a database: what `seed-demo` writes, and what the
//! tests check. The same seed gives the same data on every run.

use super::blueprint::{county_schools, Size, Sketch};
use super::codes::{school_code, Issued};
use super::counties::{CountyInfo, COUNTIES};
use super::rng::Rng;
use super::staff::{school_parents, school_staff, ParentPlan, StaffPlan};
use crate::repo::registry::schools::SchoolFields;

/// The seed of the demo: the prefecture's code and the policy's date (2021-11-02).
const SEED: u64 = 0x0052_2700_2021_1102;

/// A school ready to insert (its legal representative is set once its principal exists).
#[derive(Debug, Clone)]
pub struct SchoolPlan {
    pub fields: SchoolFields,
    pub staff: Vec<StaffPlan>,
    /// Parents of pupils of the school, who are not staff.
    pub parents: Vec<ParentPlan>,
}

#[derive(Debug, Clone)]
pub struct CountyPlan {
    pub code: &'static str,
    pub schools: Vec<SchoolPlan>,
}

impl CountyPlan {
    /// The code of the school whose presence means the county is already seeded.
    pub fn marker_code(&self) -> Option<&str> {
        self.schools.first().map(|s| s.fields.code.as_str())
    }

    pub fn person_count(&self) -> usize {
        self.schools.iter().map(|s| s.staff.len()).sum()
    }
}

/// An approved staffing quota (编制数) that fits the school's type and size.
fn staffing_quota(rng: &mut Rng, type_code: &str, size: Size) -> i32 {
    let (lo, hi) = match (size, type_code) {
        (Size::Large, "341" | "342" | "345") => (170, 260),
        (Size::Large, _) => (100, 150),
        (Size::Medium, "111") => (22, 45),
        (Size::Medium, "211") => (45, 90),
        (Size::Medium, "345") => (120, 180),
        (Size::Medium, _) => (60, 110),
        (Size::Small, "111") => (8, 15),
        (Size::Small, _) => (12, 25),
        (Size::Tiny, _) => (4, 6),
    };
    rng.between(lo, hi)
}

fn school_plan(
    rng: &mut Rng,
    issued: &mut Issued,
    county: &CountyInfo,
    county_index: usize,
    school_index: usize,
    sketch: Sketch,
) -> Result<SchoolPlan, String> {
    let staff = school_staff(rng, issued, county.code, county.minority_percent, &sketch)?;
    let mut parents_rng = Rng::derive(SEED, &format!("{}-parents-{school_index}", county.code));
    let parents = school_parents(
        &mut parents_rng,
        issued,
        county.code,
        county.minority_percent,
        &sketch,
    )?;
    let fields = SchoolFields {
        code: school_code(sketch.type_code, county_index, school_index),
        name: sketch.name,
        county_code: county.code.to_string(),
        type_code: sketch.type_code.to_string(),
        urban_rural_code: sketch.urban_rural_code.to_string(),
        location: sketch.location,
        standing: sketch.standing,
        uscc: Some(issued.uscc(rng, county.code)?),
        uscc_check_ok: true,
        legal_representative_id: None,
        staffing_quota: staffing_quota(rng, sketch.type_code, sketch.size),
        address: Some(sketch.address),
        opened_on: sketch.opened_on,
    };
    Ok(SchoolPlan {
        fields,
        staff,
        parents,
    })
}

/// The demo schools and staff of the county at `county_index` in [`COUNTIES`].
pub fn county(county_index: usize) -> Result<CountyPlan, String> {
    let info = COUNTIES
        .get(county_index)
        .ok_or_else(|| format!("no county at index {county_index}"))?;
    let mut rng = Rng::derive(SEED, info.code);
    let mut issued = Issued::default();
    let sketches = county_schools(info, &mut rng);
    let mut schools = Vec::with_capacity(sketches.len());
    for (i, sketch) in sketches.into_iter().enumerate() {
        schools.push(school_plan(
            &mut rng,
            &mut issued,
            info,
            county_index,
            i,
            sketch,
        )?);
    }
    Ok(CountyPlan {
        code: info.code,
        schools,
    })
}

/// The demo data of every county, in the order of [`COUNTIES`].
pub fn prefecture() -> Result<Vec<CountyPlan>, String> {
    (0..COUNTIES.len()).map(county).collect()
}
