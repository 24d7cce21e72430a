//! Education groups: authorisation, formation workflow, members, charter, council, settings.

pub mod charter;
pub mod charter_approval;
pub mod council;
pub mod group;
pub mod settings;
pub mod workflow;

use actix_web::web;

/// The group routes, inside the `/api/v1` scope.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/groups")
            .route(web::get().to(group::list))
            .route(web::post().to(group::create)),
    )
    .service(web::resource("/groups/{id}").route(web::get().to(group::get)))
    .service(web::resource("/groups/{id}/history").route(web::get().to(workflow::history)))
    .service(
        web::resource("/groups/{id}/formation-plan").route(web::post().to(workflow::submit_plan)),
    )
    .service(
        web::resource("/groups/{id}/formation-plan/review")
            .route(web::post().to(workflow::review_plan)),
    )
    .service(web::resource("/groups/{id}/members").route(web::post().to(workflow::add_member)))
    .service(web::resource("/groups/{id}/dossier").route(web::post().to(workflow::submit_dossier)))
    .service(
        web::resource("/groups/{id}/dossier/review")
            .route(web::post().to(workflow::review_dossier)),
    )
    .service(
        web::resource("/groups/{id}/dossier/approval")
            .route(web::post().to(workflow::approve_dossier)),
    )
    .service(
        web::resource("/groups/{id}/charter")
            .route(web::get().to(charter::get))
            .route(web::put().to(charter::put)),
    )
    .service(
        web::resource("/groups/{id}/council")
            .route(web::get().to(council::get))
            .route(web::put().to(council::put)),
    )
    .service(
        web::resource("/counties/{code}/settings")
            .route(web::get().to(settings::get))
            .route(web::put().to(settings::put)),
    );
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        group::create, group::list, group::get,
        workflow::submit_plan, workflow::review_plan, workflow::add_member,
        workflow::submit_dossier, workflow::review_dossier, workflow::approve_dossier, workflow::history,
        charter::get, charter::put, council::get, council::put,
        settings::get, settings::put,
    ),
    tags((name = "groups", description = "Education groups: authorisation, the formation workflow, members, charter and council"))
)]
pub struct GroupsDoc;
