//! The demo data is checked without a database: valid and unique codes, the same data on every
//! run, and the variety the brief promises (every type, location and standing in each county).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashSet};

use super::counties::COUNTIES;
use super::plan::{prefecture, CountyPlan};
use super::{thousands, Tally};
use crate::domain::codes::{resident_id, school_code, uscc};
use crate::domain::registry::county::COUNTY_CODES;
use crate::domain::registry::{CadrePost, SchoolLocation, SchoolStanding};

fn plans() -> Vec<CountyPlan> {
    prefecture().unwrap()
}

#[test]
fn counties_follow_the_official_list() {
    let codes: Vec<&str> = COUNTIES.iter().map(|c| c.code).collect();
    assert_eq!(codes, COUNTY_CODES);
    for c in COUNTIES {
        assert!(c.townships.len() >= 4, "{}", c.code);
    }
}

#[test]
fn generation_is_deterministic() {
    let a = format!("{:?}", plans());
    let b = format!("{:?}", plans());
    assert_eq!(a, b);
}

#[test]
fn school_codes_are_valid_unique_and_categorised() {
    let mut seen = HashSet::new();
    for county in plans() {
        for s in &county.schools {
            let code = &s.fields.code;
            assert_eq!(school_code::validate(code, "52"), Ok(()), "{code}");
            let expected = match s.fields.type_code.as_str() {
                "111" => "11",
                "211" | "218" => "21",
                "311" | "312" => "31",
                _ => "34",
            };
            assert_eq!(school_code::category(code), Some(expected), "{code}");
            assert!(seen.insert(code.clone()), "duplicate school code {code}");
        }
    }
}

#[test]
fn credit_codes_pass_the_check_and_are_unique() {
    let mut seen = HashSet::new();
    for county in plans() {
        for s in &county.schools {
            let code = s.fields.uscc.clone().unwrap();
            let parsed = uscc::parse(&code).unwrap();
            assert!(parsed.check_ok, "{code}");
            assert!(s.fields.uscc_check_ok);
            assert!(code.starts_with(&format!("12{}", county.code)), "{code}");
            assert!(seen.insert(code.clone()), "duplicate credit code {code}");
        }
    }
}

#[test]
fn resident_ids_are_valid_unique_and_local() {
    let mut seen = HashSet::new();
    for county in plans() {
        for s in &county.schools {
            for p in &s.staff {
                let id = resident_id::parse(&p.id_number).unwrap();
                assert_eq!(id.number, p.id_number);
                assert!(p.id_number.starts_with(county.code));
                let year = chrono::Datelike::year(&id.birth_date);
                assert!((1965..=2001).contains(&year), "born {year}");
                assert!(seen.insert(p.id_number.clone()), "duplicate ID number");
            }
        }
    }
}

#[test]
fn every_county_has_the_variety_of_the_policy() {
    let types = ["111", "211", "218", "311", "312", "341", "342", "345"];
    for county in plans() {
        let n = county.schools.len();
        assert!((12..=22).contains(&n), "{}: {n} schools", county.code);
        let have_types: BTreeSet<&str> = county
            .schools
            .iter()
            .map(|s| s.fields.type_code.as_str())
            .collect();
        for t in types {
            assert!(have_types.contains(t), "{} lacks type {t}", county.code);
        }
        let have_standings: BTreeSet<&str> = county
            .schools
            .iter()
            .map(|s| s.fields.standing.as_str())
            .collect();
        for st in SchoolStanding::ALL {
            assert!(
                have_standings.contains(st.as_str()),
                "{} lacks {st:?}",
                county.code
            );
        }
        let have_locations: BTreeSet<&str> = county
            .schools
            .iter()
            .map(|s| s.fields.location.as_str())
            .collect();
        for loc in SchoolLocation::ALL {
            let zone_county = ["522701", "522730", "522731"].contains(&county.code);
            if *loc != SchoolLocation::DevelopmentZone || zone_county {
                assert!(
                    have_locations.contains(loc.as_str()),
                    "{} lacks {loc:?}",
                    county.code
                );
            }
        }
        let urban_quality = county
            .schools
            .iter()
            .filter(|s| {
                s.fields.location == SchoolLocation::Urban
                    && s.fields.standing == SchoolStanding::Quality
            })
            .count();
        assert!(urban_quality >= 2, "{}", county.code);
        let township_sound = county.schools.iter().any(|s| {
            s.fields.location == SchoolLocation::TownshipCentre
                && ["quality", "ordinary"].contains(&s.fields.standing.as_str())
        });
        assert!(township_sound, "{}", county.code);
    }
}

#[test]
fn urban_rural_codes_match_locations() {
    for county in plans() {
        for s in &county.schools {
            let allowed: &[&str] = match s.fields.location.as_str() {
                "urban" | "development_zone" => &["111", "112"],
                "township_centre" => &["121", "210"],
                "rural" => &["220"],
                "relocation_site" => &["112", "122"],
                other => panic!("unknown location {other}"),
            };
            assert!(
                allowed.contains(&s.fields.urban_rural_code.as_str()),
                "{}",
                s.fields.name
            );
        }
    }
}

#[test]
fn staff_is_led_by_a_principal_and_fits_the_quota() {
    let mut total = 0;
    let mut backbone = 0;
    for county in plans() {
        for s in &county.schools {
            let staff = &s.staff;
            assert!((4..=12).contains(&staff.len()), "{}", s.fields.name);
            assert!(s.fields.staffing_quota >= i32::try_from(staff.len()).unwrap());
            assert_eq!(staff[0].cadre_post, Some(CadrePost::Principal));
            let principals = staff
                .iter()
                .filter(|p| p.cadre_post == Some(CadrePost::Principal))
                .count();
            assert_eq!(principals, 1, "{}", s.fields.name);
            if staff.len() >= 7 {
                assert_eq!(staff[1].cadre_post, Some(CadrePost::VicePrincipal));
            }
            for p in staff {
                assert!(p.subjects.len() <= 2);
                if s.fields.type_code == "111" {
                    assert!(p.subjects.iter().all(|c| ["22", "24", "25"].contains(c)));
                }
                assert!(!p.name.is_empty() && p.name.chars().count() <= 3);
            }
            total += staff.len();
            backbone += staff.iter().filter(|p| p.is_backbone).count();
        }
    }
    assert!((1_000..=1_500).contains(&total), "{total} persons");
    let share = backbone * 100 / total;
    assert!((18..=32).contains(&share), "{share}% backbone");
}

#[test]
fn newly_opened_schools_are_new_and_quality_ones_old() {
    for county in plans() {
        for s in &county.schools {
            let year = chrono::Datelike::year(&s.fields.opened_on.unwrap());
            match s.fields.standing.as_str() {
                "newly_opened" => assert!((2024..=2026).contains(&year), "{}", s.fields.name),
                "quality" if s.fields.location == SchoolLocation::Urban => assert!(year <= 2000),
                _ => {}
            }
        }
    }
}

#[test]
fn summary_reads_well() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_320), "1,320");
    assert_eq!(thousands(1_234_567), "1,234,567");
    let t = Tally {
        counties: 12,
        schools: 190,
        persons: 1_320,
        already: 0,
    };
    assert_eq!(
        t.summary(),
        "seeded 12 counties: 190 schools, 1,320 persons"
    );
    let t = Tally {
        already: 12,
        ..Tally::default()
    };
    assert!(t.summary().starts_with("already seeded"));
}
