//! A group's life after establishment (§2.4.4): exits and the applications behind them,
//! rectification orders, revocation and dissolution.

pub mod applications;
pub mod dissolution;
pub mod exits;
pub mod rectification;

use actix_web::web;

use crate::domain::life::{
    ApplicationKind, ApplicationStatus, ExitReason, MembershipStatus, RectificationStatus,
};
use crate::service::life::{self as svc, views};

/// Registers the routes under the `/api/v1` scope. Each path is a resource, so that a method it
/// does not take is `405`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/groups/{id}/members/{school_id}/exit").route(web::post().to(exits::exit)),
    )
    .service(web::resource("/groups/{id}/dissolution").route(web::post().to(dissolution::dissolve)))
    .service(
        web::resource("/groups/{id}/rectification-orders")
            .route(web::get().to(rectification::list))
            .route(web::post().to(rectification::create)),
    )
    .service(web::resource("/rectification-orders/{id}").route(web::get().to(rectification::get)))
    .service(
        web::resource("/rectification-orders/{id}/response")
            .route(web::post().to(rectification::respond)),
    )
    .service(
        web::resource("/rectification-orders/{id}/resolution")
            .route(web::post().to(rectification::resolve)),
    )
    .service(web::resource("/applications").route(web::get().to(applications::list)))
    .service(web::resource("/applications/{id}").route(web::get().to(applications::get)))
    .service(
        web::resource("/applications/{id}/decision").route(web::post().to(applications::decide)),
    )
    .service(
        web::resource("/applications/{id}/cancellation")
            .route(web::post().to(applications::cancel)),
    );
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        exits::exit,
        applications::list, applications::get, applications::decide, applications::cancel,
        rectification::create, rectification::list, rectification::get,
        rectification::respond, rectification::resolve,
        dissolution::dissolve,
    ),
    components(schemas(
        svc::exits::ExitRequest, svc::exits::NewGroupInput,
        svc::decisions::DecisionInput, svc::decisions::Verdict, svc::decisions::Cancellation,
        svc::rectification::NewOrder, svc::rectification_steps::OrderResponse,
        svc::rectification_steps::OrderResolution, svc::dissolution::Dissolution,
        views::Application, views::SpinOffGroup, views::RectificationOrder,
        MembershipStatus, ExitReason, ApplicationKind, ApplicationStatus, RectificationStatus,
    )),
    tags((name = "group-life", description = "A group's life after establishment (§2.4.4): exits and applications to the bureau, rectification orders, revocation and dissolution"))
)]
pub struct LifeDoc;
