//! The demo education groups of `seed-demo` (issue #3 §6): groups of every formation pattern in
//! every state of the formation workflow, with members, charters, councils, meetings and
//! resolutions, built on the registry demo data by the same service functions the API calls.
//!
//! [`plan`] says what to build, without a database; [`walk`] builds one group, step by step.
//! A group whose code is already there is left as it is, so a second run changes nothing. Each
//! step is its own transaction (as each request is), so a failure leaves the group it was
//! building at the status it had reached; the error says so.
//!
//! The later life of the groups (issue #4 §6: membership exits, rectification orders,
//! applications, a dissolved group, cadre appointments) follows the walk in [`seed`], on top of
//! the established groups of [`plan::GROUPS`]: see [`super::life`].

pub(super) mod plan;
pub(super) mod walk;

#[cfg(test)]
mod tests;

use diesel::prelude::*;

use super::life::{self, LifeTally};
use super::plan::CountyPlan;
use crate::db::schema::edu_groups;
use crate::db::Db;
use crate::error::ApiResult;
use crate::service::AppState;

/// What a run did with the groups, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GroupTally {
    pub groups: usize,
    pub established: usize,
    pub meetings: usize,
    pub resolutions: usize,
    pub already: usize,
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl GroupTally {
    fn seeded(&self) -> String {
        format!(
            "seeded {} ({} established), {}, {}",
            count(self.groups, "group", "groups"),
            self.established,
            count(self.meetings, "meeting", "meetings"),
            count(self.resolutions, "resolution", "resolutions"),
        )
    }

    pub fn summary(&self) -> String {
        match (self.groups, self.already) {
            (0, n) => format!(
                "already seeded: the {} demo {} present; nothing changed",
                n,
                if n == 1 { "group is" } else { "groups are" }
            ),
            (_, 0) => self.seeded(),
            (_, n) => format!(
                "{} ({} already seeded, left as {})",
                self.seeded(),
                count(n, "group was", "groups were"),
                if n == 1 { "it was" } else { "they were" }
            ),
        }
    }
}

/// The core school's code of the group with `code`, if there is one.
async fn existing(db: &Db, code: &str) -> ApiResult<Option<String>> {
    let code = code.to_string();
    db.read(move |conn| {
        let core = edu_groups::table
            .filter(edu_groups::code.eq(&code))
            .select(edu_groups::core_school_id)
            .first::<i64>(conn)
            .optional()?;
        Ok(match core {
            Some(id) => Some(
                crate::repo::registry::schools::find(conn, id)?
                    .map(|s| s.code)
                    .unwrap_or_default(),
            ),
            None => None,
        })
    })
    .await
}

/// Seeds every demo group that is not there yet, on the registry demo of `counties`, then their
/// later life (each part of it not there yet).
pub async fn seed(db: &Db, counties: &[CountyPlan]) -> Result<(GroupTally, LifeTally), String> {
    let plans = plan::groups(counties)?;
    let state = AppState {
        db: db.clone(),
        province_code: super::codes::PROVINCE.into(),
        idempotency_lease_secs: crate::config::Timeouts::default().idempotency_lease,
    };
    let mut tally = GroupTally::default();
    for g in &plans {
        let there = existing(db, &g.code)
            .await
            .map_err(|e| format!("cannot look for group {}: {}", g.code, e.detail.en))?;
        if let Some(core) = there {
            if core != g.core().fields.code {
                return Err(format!(
                    "the group code {} is taken by a group that is not the demo's (its core is \
                     school {core}); the demo groups need a database without it",
                    g.code
                ));
            }
            tally.already += 1;
            continue;
        }
        let made = walk::group(&state, g).await.map_err(|e| {
            format!(
                "seeding group {} ({}) failed at the step \"{e}\"; the group is left where it had \
                 got to, and a later run leaves it as it is (seed a fresh database for the whole \
                 demo){}",
                g.code,
                g.name,
                if tally.groups > 0 {
                    format!("; {} before it", tally.seeded())
                } else {
                    String::new()
                }
            )
        })?;
        tally.groups += 1;
        tally.established += usize::from(made.established);
        tally.meetings += made.meetings;
        tally.resolutions += made.resolutions;
    }
    // Issue #4 §6: the life of the established groups (exits, rectification, applications,
    // a dissolution, cadre appointments).
    let later = life::seed(&state, &plans)
        .await
        .map_err(|e| format!("{}\n{e}", tally.summary()))?;
    Ok((tally, later))
}
