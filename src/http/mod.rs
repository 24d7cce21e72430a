//! The HTTP layer: routes, extractors, middleware, problem mapping and the OpenAPI document.

pub mod extract;
pub mod handlers;
pub mod middleware;
pub mod openapi;
pub mod respond;

use actix_web::web;

use handlers::{auth, changes, registry, system};

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(system::discovery))
        .route("/health", web::get().to(system::health))
        .route("/ready", web::get().to(system::ready))
        .service(
            web::scope("/api/v1")
                .route("/oauth/token", web::post().to(auth::token))
                .route("/auth/whoami", web::get().to(auth::whoami))
                .route("/changes", web::get().to(changes::feed))
                .route("/vocabularies", web::get().to(registry::vocabularies::list))
                .route("/counties", web::get().to(registry::counties::list))
                .route("/counties/{code}", web::get().to(registry::counties::get))
                .service(
                    web::resource("/schools")
                        .route(web::get().to(registry::schools::list))
                        .route(web::post().to(registry::schools::create)),
                )
                .service(
                    web::resource("/schools/{id}")
                        .route(web::get().to(registry::schools::get))
                        .route(web::patch().to(registry::schools::update))
                        .route(web::delete().to(registry::schools::delete)),
                )
                .service(
                    web::resource("/persons")
                        .route(web::get().to(registry::persons::list))
                        .route(web::post().to(registry::persons::create)),
                )
                .service(
                    web::resource("/persons/{id}")
                        .route(web::get().to(registry::persons::get))
                        .route(web::patch().to(registry::persons::update))
                        .route(web::delete().to(registry::persons::delete)),
                ),
        );
}
