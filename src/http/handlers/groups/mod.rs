//! Education groups: authorisation, formation workflow, members, charter, council, settings.

pub mod bodies;
pub mod charter;
pub mod charter_approval;
pub mod council;
pub mod group;
pub mod settings;
pub mod workflow;

use crate::http::routes::Routes;

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("listGroups", group::list);
    r.op("authorizeGroup", group::create);
    r.op("getGroup", group::get);
    r.op("getGroupHistory", workflow::history);
    r.op("submitFormationPlan", workflow::submit_plan);
    r.op("reviewFormationPlan", workflow::review_plan);
    r.op("addMember", workflow::add_member);
    r.op("confirmMembership", workflow::confirm_member);
    r.op("submitDossier", workflow::submit_dossier);
    r.op("reviewDossier", workflow::review_dossier);
    r.op("approveDossier", workflow::approve_dossier);
    r.op("getCharter", charter::get);
    r.op("putCharter", charter::put);
    r.op("getCouncil", council::get);
    r.op("putCouncil", council::put);
    r.op("getCountySettings", settings::get);
    r.op("putCountySettings", settings::put);
    r.op("foundInternalBody", bodies::create);
    r.op("listInternalBodies", bodies::list);
    r.op("getInternalBody", bodies::get);
    r.op("putInternalBodyHead", bodies::put_head);
    r.op("closeInternalBody", bodies::close);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        group::create, group::list, group::get,
        workflow::submit_plan, workflow::review_plan, workflow::add_member, workflow::confirm_member,
        workflow::submit_dossier, workflow::review_dossier, workflow::approve_dossier, workflow::history,
        charter::get, charter::put, council::get, council::put,
        settings::get, settings::put,
        bodies::create, bodies::list, bodies::get, bodies::put_head, bodies::close,
    ),
    tags((name = "groups", description = "Education groups: authorisation, the formation workflow, members, charter and council"))
)]
pub struct GroupsDoc;
