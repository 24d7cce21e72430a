//! Which schools a county has in the demo: a fixed pattern (so every county offers every
//! formation pattern of DOMAIN.md: urban quality cores, newly opened, township centre, rural and
//! relocation-site schools) varied by the generator (standings, sizes, dates, villages).

use chrono::NaiveDate;

use super::counties::CountyInfo;
use super::names::{ordinal, ROADS, VILLAGES};
use super::rng::Rng;
use crate::domain::registry::{SchoolLocation as Loc, SchoolStanding as St};

/// How big a school is: decides its staffing quota and how many teachers the demo gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Large,
    Medium,
    Small,
    Tiny,
}

/// A school before it has codes and staff.
#[derive(Debug, Clone)]
pub struct Sketch {
    pub name: String,
    pub type_code: &'static str,
    pub location: Loc,
    pub standing: St,
    pub urban_rural_code: &'static str,
    pub address: String,
    pub opened_on: Option<NaiveDate>,
    pub size: Size,
}

/// A date in `from..=to` (years), on a day every month has.
fn date_in(rng: &mut Rng, from: i32, to: i32) -> Option<NaiveDate> {
    let year = rng.between(from, to);
    let month = u32::try_from(rng.between(1, 12)).unwrap_or(9);
    let day = u32::try_from(rng.between(1, 28)).unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The start of an autumn term in one of `years`: when new schools open.
fn autumn_term(rng: &mut Rng, years: &[i32]) -> Option<NaiveDate> {
    let year = rng.pick(years).copied().unwrap_or(2025);
    NaiveDate::from_ymd_opt(year, 9, 1)
}

/// `a` with probability `percent`/100, else `b`.
fn either<T>(rng: &mut Rng, percent: u32, a: T, b: T) -> T {
    if rng.chance(percent) {
        a
    } else {
        b
    }
}

struct Builder<'a> {
    county: &'a CountyInfo,
    rng: &'a mut Rng,
    out: Vec<Sketch>,
}

impl Builder<'_> {
    fn street_address(&mut self) -> String {
        let roads = if self.county.roads.is_empty() {
            ROADS
        } else {
            self.county.roads
        };
        let road = self.rng.pick(roads).copied().unwrap_or("人民路");
        let number = self.rng.between(1, 180);
        format!("{}{}{}号", self.county.name, road, number)
    }

    /// The county seat: two or three quality schools (future group cores), ordinary ones, a
    /// newly opened primary school and a twelve-year school of some promise.
    fn urban(&mut self) {
        let c = self.county.name;
        let s = Sketch {
            name: format!("{c}第一中学"),
            type_code: "341",
            location: Loc::Urban,
            standing: St::Quality,
            urban_rural_code: "111",
            address: self.street_address(),
            opened_on: date_in(self.rng, 1925, 1958),
            size: Size::Large,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}第一小学"),
            type_code: "211",
            location: Loc::Urban,
            standing: St::Quality,
            urban_rural_code: "111",
            address: self.street_address(),
            opened_on: date_in(self.rng, 1905, 1955),
            size: Size::Large,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}实验幼儿园"),
            type_code: "111",
            location: Loc::Urban,
            standing: either(self.rng, 75, St::Quality, St::Ordinary),
            urban_rural_code: "111",
            address: self.street_address(),
            opened_on: date_in(self.rng, 1952, 1985),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}第二小学"),
            type_code: "211",
            location: Loc::Urban,
            standing: St::Ordinary,
            urban_rural_code: "111",
            address: self.street_address(),
            opened_on: date_in(self.rng, 1956, 1985),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}第二中学"),
            type_code: "311",
            location: Loc::Urban,
            standing: St::Ordinary,
            urban_rural_code: either(self.rng, 70, "111", "112"),
            address: self.street_address(),
            opened_on: date_in(self.rng, 1965, 1995),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}民族中学"),
            type_code: "342",
            location: Loc::Urban,
            standing: either(self.rng, 30, St::Quality, St::Ordinary),
            urban_rural_code: "112",
            address: self.street_address(),
            opened_on: date_in(self.rng, 1978, 2000),
            size: Size::Large,
        };
        self.out.push(s);
        // Numbered after the county's existing primary schools (第五 … 第十二).
        let n = u32::try_from(self.rng.between(5, 12)).unwrap_or(6);
        let s = Sketch {
            name: format!("{c}第{}小学", ordinal(n)),
            type_code: "211",
            location: Loc::Urban,
            standing: St::NewlyOpened,
            urban_rural_code: "112",
            address: self.street_address(),
            opened_on: autumn_term(self.rng, &[2024, 2025, 2026]),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}实验学校"),
            type_code: "345",
            location: Loc::Urban,
            standing: St::Potential,
            urban_rural_code: "112",
            address: self.street_address(),
            opened_on: date_in(self.rng, 2008, 2016),
            size: Size::Medium,
        };
        self.out.push(s);
    }

    /// Township centre schools: the first one sound (a partner of an urban core), the others
    /// weaker; they lead the collaborative groups of their villages.
    fn townships(&mut self, towns: &[&'static str]) {
        let c = self.county.name;
        let [t0, t1, t2, t3] = [0, 1, 2, 3].map(|i| towns.get(i).copied().unwrap_or("城关镇"));
        let s = Sketch {
            name: format!("{c}{t0}中心小学"),
            type_code: "211",
            location: Loc::TownshipCentre,
            standing: either(self.rng, 25, St::Quality, St::Ordinary),
            urban_rural_code: "121",
            address: format!("{c}{t0}"),
            opened_on: date_in(self.rng, 1950, 1980),
            size: Size::Medium,
        };
        self.out.push(s);
        // Most township kindergartens came with the preschool expansion of the early 2010s.
        let s = Sketch {
            name: format!("{c}{t0}中心幼儿园"),
            type_code: "111",
            location: Loc::TownshipCentre,
            standing: St::Ordinary,
            urban_rural_code: "121",
            address: format!("{c}{t0}"),
            opened_on: date_in(self.rng, 2011, 2016),
            size: Size::Small,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}{t1}中学"),
            type_code: "311",
            location: Loc::TownshipCentre,
            standing: either(self.rng, 50, St::Ordinary, St::Weak),
            urban_rural_code: "121",
            address: format!("{c}{t1}"),
            opened_on: date_in(self.rng, 1958, 1985),
            size: Size::Medium,
        };
        self.out.push(s);
        let standing = [St::Weak, St::Potential, St::Ordinary][self.rng.below(3)];
        let s = Sketch {
            name: format!("{c}{t2}中心小学"),
            type_code: "211",
            location: Loc::TownshipCentre,
            standing,
            urban_rural_code: "210",
            address: format!("{c}{t2}"),
            opened_on: date_in(self.rng, 1955, 1985),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{c}{t3}九年制学校"),
            type_code: "312",
            location: Loc::TownshipCentre,
            standing: either(self.rng, 50, St::Weak, St::Potential),
            urban_rural_code: "210",
            address: format!("{c}{t3}"),
            opened_on: date_in(self.rng, 1995, 2012),
            size: Size::Medium,
        };
        self.out.push(s);
    }

    /// Village schools and a teaching point: weak or with potential, small.
    fn villages(&mut self, towns: &[&'static str]) {
        let c = self.county.name;
        let mut villages: Vec<&str> = VILLAGES.to_vec();
        self.rng.shuffle(&mut villages);
        let count = usize::try_from(self.rng.between(3, 4)).unwrap_or(3);
        for (i, village) in villages.iter().take(count).enumerate() {
            let town = towns
                .get(i % towns.len().max(1))
                .copied()
                .unwrap_or("城关镇");
            let (kind, type_code, size) = if i == 0 {
                ("教学点", "218", Size::Tiny)
            } else {
                ("小学", "211", Size::Small)
            };
            let standing = match i {
                0 | 1 => St::Weak,
                2 => St::Potential,
                _ => either(self.rng, 50, St::Weak, St::Potential),
            };
            let s = Sketch {
                name: format!("{c}{town}{village}{kind}"),
                type_code,
                location: Loc::Rural,
                standing,
                urban_rural_code: "220",
                address: format!("{c}{town}{village}村"),
                opened_on: date_in(self.rng, 1960, 2005),
                size,
            };
            self.out.push(s);
        }
    }

    /// The primary school of the poverty-relief relocation site (opened with the site, 2018–2020).
    fn relocation_site(&mut self) {
        let c = self.county.name;
        let site = self.county.relocation_site;
        let s = Sketch {
            name: format!("{c}{site}易地扶贫搬迁安置点小学"),
            type_code: "211",
            location: Loc::RelocationSite,
            standing: either(self.rng, 60, St::Weak, St::Potential),
            urban_rural_code: either(self.rng, 70, "112", "122"),
            address: format!("{c}{site}安置点"),
            opened_on: date_in(self.rng, 2018, 2020),
            size: Size::Medium,
        };
        self.out.push(s);
    }

    /// The development zone's schools, where the county has a zone that runs them.
    fn development_zone(&mut self) {
        let Some(zone) = self.county.development_zone else {
            return;
        };
        let road = self.rng.pick(&["创业大道", "科技路", "产业大道"]).copied();
        let address = format!("{zone}{}", road.unwrap_or("创业大道"));
        let s = Sketch {
            name: format!("{zone}第一小学"),
            type_code: "211",
            location: Loc::DevelopmentZone,
            standing: St::Ordinary,
            urban_rural_code: either(self.rng, 70, "111", "112"),
            address: address.clone(),
            opened_on: date_in(self.rng, 2012, 2018),
            size: Size::Medium,
        };
        self.out.push(s);
        let s = Sketch {
            name: format!("{zone}实验中学"),
            type_code: "311",
            location: Loc::DevelopmentZone,
            standing: St::NewlyOpened,
            urban_rural_code: "112",
            address,
            opened_on: autumn_term(self.rng, &[2024, 2025]),
            size: Size::Medium,
        };
        self.out.push(s);
    }
}

/// The schools of one county, in a stable order: its first school (the county's 第一中学) is the
/// marker `seed-demo` looks for to know that the county is already seeded.
pub fn county_schools(county: &CountyInfo, rng: &mut Rng) -> Vec<Sketch> {
    let mut towns: Vec<&'static str> = county.townships.to_vec();
    rng.shuffle(&mut towns);
    let mut b = Builder {
        county,
        rng,
        out: Vec::new(),
    };
    b.urban();
    b.townships(&towns);
    b.villages(&towns);
    b.relocation_site();
    b.development_zone();
    b.out
}
