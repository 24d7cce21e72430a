//! `seed-demo --scale county`: the demo, then one county (Duyun, 522701) grown to about 2,000
//! schools and 50,000 persons, so that a benchmark can compare a small data set with a large
//! one. The grown schools follow the county's own blueprint over and over (each copy a campus
//! of its own, `（N校区）`) with 15 to 35 staff each; they are registered through the same use
//! cases as the demo, in transactions of [`CHUNK`] schools, and a chunk already there (its
//! first school's code is registered) is skipped, so a second run adds nothing.

use super::blueprint::{county_schools, Sketch};
use super::codes::{category, Issued, PROVINCE};
use super::counties::COUNTIES;
use super::plan::SchoolPlan;
use super::registry::{operator, seed_school};
use super::rng::Rng;
use super::staff::staff_of;
use crate::db::Db;
use crate::repo::registry::schools::SchoolFields;

/// The county that grows, and how far.
const COUNTY_INDEX: usize = 0;
const SCHOOLS: usize = 2_000;
/// Schools per transaction: big enough to be quick, small enough that a failure loses little.
pub const CHUNK: usize = 50;

const SEED: u64 = 0x0052_2701_0000_2000;

/// The code of the `n`-th grown school: the six-digit sequence starts at 500000, above every
/// demo code (`27CCNN`).
fn grown_code(type_code: &str, n: usize) -> String {
    format!("{}{PROVINCE}{:06}", category(type_code), 500_000 + n)
}

/// The schools that grow the county beyond its demo schools (`demo`), computed without the
/// database; the same on every run, and never a code the demo hands out.
pub fn grown(demo: &[SchoolPlan]) -> Result<Vec<SchoolPlan>, String> {
    let info = COUNTIES
        .get(COUNTY_INDEX)
        .ok_or_else(|| "no county to grow".to_string())?;
    let mut rng = Rng::derive(SEED, info.code);
    let mut issued = Issued::default();
    for s in demo {
        if let Some(u) = &s.fields.uscc {
            issued.reserve(u);
        }
        for p in &s.staff {
            issued.reserve(&p.id_number);
        }
    }
    let existing = demo.len();
    let mut out = Vec::with_capacity(SCHOOLS.saturating_sub(existing));
    let mut campus = 1;
    while existing + out.len() < SCHOOLS {
        let sketches: Vec<Sketch> = county_schools(info, &mut rng);
        for mut sketch in sketches {
            if existing + out.len() >= SCHOOLS {
                break;
            }
            let n = out.len();
            sketch.name = format!("{}（{campus}校区）", sketch.name);
            let staff_n = usize::try_from(rng.between(15, 35)).unwrap_or(25);
            let staff = staff_of(
                &mut rng,
                &mut issued,
                info.code,
                info.minority_percent,
                &sketch,
                staff_n,
            )?;
            let fields = SchoolFields {
                code: grown_code(sketch.type_code, n),
                name: sketch.name,
                county_code: info.code.to_string(),
                type_code: sketch.type_code.to_string(),
                urban_rural_code: sketch.urban_rural_code.to_string(),
                location: sketch.location,
                standing: sketch.standing,
                uscc: Some(issued.uscc(&mut rng, info.code)?),
                uscc_check_ok: true,
                legal_representative_id: None,
                staffing_quota: i32::try_from(staff_n * 6 / 5).unwrap_or(30),
                address: Some(sketch.address),
                opened_on: sketch.opened_on,
            };
            out.push(SchoolPlan {
                fields,
                staff,
                parents: Vec::new(),
            });
        }
        campus += 1;
    }
    Ok(out)
}

/// Grows the county after the demo is in; returns the summary line.
pub async fn grow(db: &Db, province: &str) -> Result<String, String> {
    let info = COUNTIES
        .get(COUNTY_INDEX)
        .ok_or_else(|| "no county to grow".to_string())?;
    let demo = super::plan::county(COUNTY_INDEX)?.schools;
    let plans = grown(&demo)?;
    let (mut schools, mut persons, mut skipped) = (0, 0, 0);
    for chunk in plans.chunks(CHUNK) {
        let chunk = chunk.to_vec();
        let province = province.to_string();
        let county = info.code;
        let done = db
            .write_internal(move |conn| {
                let marker = &chunk[0].fields.code;
                if crate::repo::registry::schools::find_by_code(conn, marker)?.is_some() {
                    return Ok(None);
                }
                let ctx = operator(county);
                for school in &chunk {
                    seed_school(conn, &ctx, &province, school)?;
                }
                Ok(Some((
                    chunk.len(),
                    chunk.iter().map(|s| s.staff.len()).sum::<usize>(),
                )))
            })
            .await
            .map_err(|e| format!("growing county {} failed: {e}", info.code))?;
        match done {
            Some((s, p)) => {
                schools += s;
                persons += p;
            }
            None => skipped += 1,
        }
    }
    Ok(format!(
        "grew county {} by {} schools and {} persons ({} chunks of {CHUNK} already there)",
        info.code,
        super::thousands(schools),
        super::thousands(persons),
        skipped
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grown_county_reaches_its_size_with_unique_codes() {
        let demo = super::super::plan::county(COUNTY_INDEX)
            .map(|c| c.schools)
            .unwrap_or_default();
        let plans = grown(&demo).unwrap_or_default();
        assert_eq!(demo.len() + plans.len(), SCHOOLS);
        let persons: usize = plans.iter().map(|s| s.staff.len()).sum();
        assert!((40_000..=60_000).contains(&persons), "{persons}");
        let mut codes: Vec<&str> = plans.iter().map(|s| s.fields.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), plans.len());
        let mut ids: Vec<&str> = plans
            .iter()
            .chain(demo.iter())
            .flat_map(|s| s.staff.iter().map(|p| p.id_number.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let demo_persons: usize = demo.iter().map(|s| s.staff.len()).sum();
        assert_eq!(ids.len(), persons + demo_persons);
    }
}
