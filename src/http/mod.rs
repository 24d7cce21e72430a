//! The HTTP layer: routes, extractors, middleware, problem mapping and the OpenAPI document.

pub mod extract;
pub mod handlers;
pub mod json;
pub mod middleware;
pub mod openapi;
pub mod query;
pub mod respond;
pub mod routes;
pub mod wire;

use handlers::{auth, changes, registry, system};
use routes::Routes;

/// Every operation of the service, by operationId; the areas list their own.
pub fn operations(r: &mut Routes) {
    r.op("getDiscovery", system::discovery);
    r.op("getHealth", system::health);
    r.op("getReadiness", system::ready);
    r.op("issueToken", auth::token);
    r.op("getWhoami", auth::whoami);
    r.op("listChanges", changes::feed);
    r.op("listVocabularies", registry::vocabularies::list);
    r.op("listRules", registry::rules::list);
    r.op("listCounties", registry::counties::list);
    r.op("getCounty", registry::counties::get);
    r.op("listSchools", registry::schools::list);
    r.op("createSchool", registry::schools::create);
    r.op("getSchool", registry::schools::get);
    r.op("updateSchool", registry::schools::update);
    r.op("deleteSchool", registry::schools::delete);
    r.op("listPersons", registry::persons::list);
    r.op("createPerson", registry::persons::create);
    r.op("getPerson", registry::persons::get);
    r.op("updatePerson", registry::persons::update);
    r.op("deletePerson", registry::persons::delete);
    handlers::groups::operations(r);
    handlers::council::operations(r);
    handlers::cadres::operations(r);
    handlers::hiring::operations(r);
    handlers::life::operations(r);
    handlers::staffing::operations(r);
    handlers::exchange::operations(r);
    handlers::assessment::operations(r);
    handlers::funds::operations(r);
}
