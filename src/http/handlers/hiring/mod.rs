//! Two-way hiring (崗位雙向聘用, §2.4.2, HIRE-TWO-WAY): rounds with their assessment methods,
//! the posts they offer within the members' allocations, and each teacher's outcome.

pub mod outcomes;
pub mod rounds;

use crate::http::routes::Routes;

use crate::service::hiring::{outcomes as outcome_svc, rounds as round_svc, views};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("createHiringRound", rounds::create);
    r.op("listHiringRounds", rounds::list);
    r.op("getHiringRound", rounds::get);
    r.op("closeHiringRound", rounds::close);
    r.op("createHiringPost", rounds::create_post);
    r.op("getHiringPost", rounds::get_post);
    r.op("recordHiringOutcome", outcomes::create);
    r.op("listHiringOutcomes", outcomes::list);
    r.op("getHiringOutcome", outcomes::get);
    r.op("stepHiringOutcome", outcomes::step);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        rounds::create, rounds::list, rounds::get, rounds::close, rounds::create_post,
        rounds::get_post, outcomes::create, outcomes::list, outcomes::get, outcomes::step,
    ),
    components(schemas(
        round_svc::NewHiringRound, round_svc::MethodInput, round_svc::RoundClosing,
        round_svc::NewHiringPost, outcome_svc::NewHiringOutcome, outcome_svc::StepInput,
        outcome_svc::ScoresInput, views::HiringRound, views::HiringPost, views::Method,
        views::HiringOutcome, views::HiringStep, views::HireScores,
        crate::domain::hiring::RoundStatus, crate::domain::hiring::OutcomeStatus,
        crate::domain::hiring::DecidingBody, crate::domain::hiring::EmploymentStatus,
    )),
    tags((name = "hiring", description = "Two-way hiring (§2.4.2): rounds with the group's assessment method per post category, posts within the members' allocations, each teacher's outcome (hired; not hired → transfer training → reassigned or contract ended)"))
)]
pub struct HiringDoc;
