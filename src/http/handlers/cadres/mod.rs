//! Group life after establishment, the governance part: cadre appointments in tight groups
//! (§2.4.2) and the charter's approval and versions (§2.3.2, handlers in
//! `groups::charter_approval`).

pub mod nominations;

use actix_web::web;

use super::groups::charter_approval as charter;
use crate::service::cadres::{appoint, nominate, office, views};
use crate::service::groups::charter_approval as charter_svc;

/// Registers the routes under the `/api/v1` scope. Each path is a resource, so that a method it
/// does not take is `405`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/groups/{id}/cadre-nominations")
            .route(web::get().to(nominations::list))
            .route(web::post().to(nominations::create)),
    )
    .service(web::resource("/cadre-nominations/{id}").route(web::get().to(nominations::get)))
    .service(
        web::resource("/cadre-nominations/{id}/appointment")
            .route(web::post().to(nominations::appointment)),
    )
    .service(
        web::resource("/cadre-nominations/{id}/filing").route(web::post().to(nominations::filing)),
    )
    .service(
        web::resource("/cadre-nominations/{id}/withdrawal")
            .route(web::post().to(nominations::withdrawal)),
    )
    .service(
        web::resource("/groups/{id}/charter/submission").route(web::post().to(charter::submit)),
    )
    .service(
        web::resource("/groups/{id}/charter/approval").route(web::post().to(charter::approval)),
    )
    .service(web::resource("/groups/{id}/charter/versions").route(web::get().to(charter::versions)))
    .service(
        web::resource("/groups/{id}/charter/versions/{version_no}")
            .route(web::get().to(charter::version)),
    );
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        nominations::create, nominations::list, nominations::get, nominations::appointment,
        nominations::filing, nominations::withdrawal,
        charter::submit, charter::approval, charter::versions, charter::version,
    ),
    components(schemas(
        nominate::NewNomination, appoint::AppointmentInput, appoint::FilingInput, office::Withdrawal,
        views::Nomination, charter_svc::CharterDecisionInput, charter_svc::CharterVersionItem,
        crate::domain::cadres::NominationStatus, crate::domain::cadres::Appointer,
        crate::domain::cadres::AppointmentDecision,
        crate::domain::groups::charter_approval::CharterStatus,
        crate::domain::groups::charter_approval::CharterDecision,
    )),
    tags((name = "cadres", description = "Cadre appointments in tight groups: the chair nominates, the office meeting passes, the bureau (or the member school) appoints, the personnel department's filing is recorded (§2.4.2)"))
)]
pub struct CadresDoc;
