//! The later life of the demo groups (issue #4 §6): after the formation walk, the established
//! groups live on as §2.4 describes. A new school graduates from its tight group once its growth
//! period is over, a teaching point withdraws, a school of potential spins off into a new group
//! while another is refused, a withdrawal waits in the bureau's inbox, rectification orders are
//! issued, answered, found not rectified and ignored (the last one costing a membership), the
//! chair of a tight group has cadres nominated and appointed, and a badly run group is dissolved.
//!
//! [`scenes`] says what happens, without a database; each scene is played through the service
//! functions with the caller DOMAIN.md gives each step (the bureau, the chair, the member's own
//! administrator, the office meeting's seat holders), so every rule applies to the demo as to a
//! request. Only the passing of time is simulated ([`clock`]).
//!
//! A scene already there is left as it is ([`look::started`]), so a second run changes nothing.
//! Each step is its own transaction, as each request is: a failure leaves the scene where it had
//! got to, and the error says which step refused.

mod cadres;
mod clock;
mod exits;
mod look;
mod orders;
mod scenes;

#[cfg(test)]
mod tests;

use scenes::{Act, At, Scene, SCENES};

use super::groups::plan::GroupPlan;
use super::groups::walk::failed;
use crate::service::life::dissolution::{self, Dissolution};
use crate::service::AppState;

/// What a run did with the groups' later life, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LifeTally {
    /// Memberships ended by an approved application or a revocation.
    pub exits: usize,
    /// Applications filed, of which `open` wait for the bureau and `rejected` it refused.
    pub applications: usize,
    pub open: usize,
    pub rejected: usize,
    pub orders: usize,
    pub dissolved: usize,
    /// Groups authorised by an approved spin-off.
    pub spun_off: usize,
    pub nominations: usize,
    /// Scenes found already there.
    pub already: usize,
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl LifeTally {
    fn seeded(&self) -> String {
        format!(
            "seeded group life: {}, {} ({} open, {} rejected), {}, {}, {}, {}",
            count(self.exits, "exit", "exits"),
            count(self.applications, "application", "applications"),
            self.open,
            self.rejected,
            count(self.orders, "rectification order", "rectification orders"),
            count(self.dissolved, "dissolved group", "dissolved groups"),
            count(self.spun_off, "spun-off group", "spun-off groups"),
            count(self.nominations, "cadre nomination", "cadre nominations"),
        )
    }

    fn played(&self) -> bool {
        *self
            != LifeTally {
                already: self.already,
                ..LifeTally::default()
            }
    }

    pub fn summary(&self) -> String {
        match (self.played(), self.already) {
            (false, n) => format!(
                "already seeded: the later life of the demo groups is present ({}); nothing \
                 changed",
                count(n, "scene", "scenes")
            ),
            (true, 0) => self.seeded(),
            (true, n) => format!(
                "{} ({} already seeded, left as {})",
                self.seeded(),
                count(n, "scene was", "scenes were"),
                if n == 1 { "it was" } else { "they were" }
            ),
        }
    }
}

/// The demo group a scene takes place in.
fn group_of<'p, 'a>(plans: &'p [GroupPlan<'a>], at: At) -> Option<&'p GroupPlan<'a>> {
    plans
        .iter()
        .find(|g| g.spec.county == at.county && g.spec.seq == at.seq)
}

/// Plays every scene not there yet, on the demo groups of `plans`.
pub async fn seed(state: &AppState, plans: &[GroupPlan<'_>]) -> Result<LifeTally, String> {
    let mut tally = LifeTally::default();
    for scene in SCENES {
        let g = group_of(plans, scene.at)
            .ok_or_else(|| format!("no demo group for the scene at {:?}", scene.at))?;
        let place = look::place(state, g, scene.at.school).await?;
        if look::started(state, &place, &scene.act).await? {
            tally.already += 1;
            continue;
        }
        play(state, g, &place, scene, &mut tally)
            .await
            .map_err(|e| {
                format!(
                    "seeding the later life of group {} ({}) failed at the step \"{e}\"; the \
                     scene is left where it had got to, and a later run leaves it as it is \
                     (seed a fresh database for the whole demo){}",
                    g.code,
                    place.school_name,
                    if tally.played() {
                        format!("; {} before it", tally.seeded())
                    } else {
                        String::new()
                    }
                )
            })?;
    }
    Ok(tally)
}

async fn play(
    state: &AppState,
    g: &GroupPlan<'_>,
    place: &look::Place,
    scene: &Scene,
    tally: &mut LifeTally,
) -> Result<(), String> {
    match &scene.act {
        Act::Apply(a) => exits::apply(state, place, a, tally).await,
        Act::Order(o) => orders::order(state, place, o, tally).await,
        Act::Cadres(specs) => cadres::cadres(state, g, scene.at.school, place, specs, tally).await,
        Act::Dissolve {
            reason,
            accountability,
        } => {
            let input = Dissolution {
                reason: Some((*reason).into()),
                accountability_note: Some((*accountability).into()),
            };
            dissolution::dissolve(state, &place.bureau, place.group_id, None, input)
                .await
                .map_err(|e| failed("the bureau dissolves the group", e))?;
            tally.dissolved += 1;
            Ok(())
        }
    }
}
