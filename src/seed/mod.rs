//! The demo data set of `edugroups seed-demo`: for each of Qiannan's 12 counties, schools of every
//! type, location and standing (so every formation pattern can be tried) and their teachers; then
//! education groups of every formation pattern at every stage of their formation ([`groups`]), and
//! the later life of the established ones: exits, applications, rectification orders, cadre
//! appointments, a dissolution ([`life`]).
//!
//! The registry data is computed first, without the database ([`plan`]), then written county by
//! county, one transaction each ([`registry`]): a failure leaves whole counties, never half ones,
//! and a second run skips the counties already there, so running it again is harmless. The groups
//! are then built through the services, as requests would build them, skipping those already
//! there.

mod assessment;
mod blueprint;
mod codes;
mod counties;
mod exchange;
mod funds;
mod groups;
mod life;
mod names;
mod plan;
mod registry;
mod rng;
mod scale;
mod staff;
mod staffing;

#[cfg(test)]
mod tests;

use crate::db::Db;
use registry::Outcome;

/// `1320` → `1,320`, as the summary shows counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// What a run did, for the one line the command prints.
#[derive(Debug, Default)]
struct Tally {
    counties: usize,
    schools: usize,
    persons: usize,
    already: usize,
}

impl Tally {
    fn seeded(&self) -> String {
        format!(
            "seeded {}: {}, {}",
            plural(self.counties, "county", "counties"),
            plural(self.schools, "school", "schools"),
            plural(self.persons, "person", "persons")
        )
    }

    fn summary(&self) -> String {
        match (self.counties, self.already) {
            (0, n) => format!(
                "already seeded: the demo data of {} is present; nothing changed",
                plural(n, "county", "counties")
            ),
            (_, 0) => self.seeded(),
            (_, n) => format!(
                "{} ({} already seeded, left as they were)",
                self.seeded(),
                plural(n, "county was", "counties were")
            ),
        }
    }
}

/// How much `seed-demo` loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// The 12 counties' demo: about 200 schools and 1,400 persons.
    Demo,
    /// The demo, then one county grown to about 2,000 schools and 50,000 persons.
    County,
}

/// Seeds every county and demo group not yet seeded and returns a summary: a line for the
/// registry, one for the groups, one for their later life (and one for the grown county).
pub async fn run(db: &Db, province: &str, scale: Scale) -> Result<String, String> {
    let demo = run_demo(db, province).await?;
    match scale {
        Scale::Demo => Ok(demo),
        Scale::County => Ok(format!("{demo}\n{}", scale::grow(db, province).await?)),
    }
}

async fn run_demo(db: &Db, province: &str) -> Result<String, String> {
    let plans = plan::prefecture()?;
    let mut tally = Tally::default();
    for county in plans.iter().cloned() {
        let code = county.code;
        let province = province.to_string();
        let outcome = db
            .write_internal(move |conn| registry::seed_county(conn, &province, &county))
            .await
            .map_err(|e| {
                let done = if tally.counties > 0 {
                    format!(" ({} before it)", tally.seeded())
                } else {
                    String::new()
                };
                format!("seeding county {code} failed and was rolled back: {e}{done}")
            })?;
        match outcome {
            Outcome::Seeded { schools, persons } => {
                tally.counties += 1;
                tally.schools += schools;
                tally.persons += persons;
            }
            Outcome::AlreadyThere => tally.already += 1,
        }
    }
    let registry = tally.summary();
    let (groups, life) = groups::seed(db, &plans)
        .await
        .map_err(|e| format!("{registry}\n{e}"))?;
    let state = crate::service::AppState {
        db: db.clone(),
        province_code: codes::PROVINCE.into(),
        idempotency_lease_secs: crate::config::Timeouts::default().idempotency_lease,
    };
    let staffing = staffing::seed(&state)
        .await
        .map_err(|e| format!("{registry}\n{}\n{}\n{e}", groups.summary(), life.summary()))?;
    let exchange = exchange::seed(&state).await.map_err(|e| {
        format!(
            "{registry}\n{}\n{}\n{}\n{e}",
            groups.summary(),
            life.summary(),
            staffing.summary()
        )
    })?;
    let assessment = assessment::seed(&state).await.map_err(|e| {
        format!(
            "{registry}\n{}\n{}\n{}\n{}\n{e}",
            groups.summary(),
            life.summary(),
            staffing.summary(),
            exchange.summary()
        )
    })?;
    let funds = funds::seed(&state).await.map_err(|e| {
        format!(
            "{registry}\n{}\n{}\n{}\n{}\n{}\n{e}",
            groups.summary(),
            life.summary(),
            staffing.summary(),
            exchange.summary(),
            assessment.summary()
        )
    })?;
    Ok(format!(
        "{registry}\n{}\n{}\n{}\n{}\n{}\n{}",
        groups.summary(),
        life.summary(),
        staffing.summary(),
        exchange.summary(),
        assessment.summary(),
        funds.summary()
    ))
}
