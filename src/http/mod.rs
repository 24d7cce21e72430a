//! The HTTP layer: routes, extractors, middleware, problem mapping and the OpenAPI document.

pub mod extract;
pub mod handlers;
pub mod middleware;
pub mod openapi;
pub mod respond;

use actix_web::web;

use handlers::{auth, changes, registry, system};

/// Every route of the service. Each path is a resource, so that a method it does not take is
/// `405`, not `404`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").route(web::get().to(system::discovery)))
        .service(web::resource("/health").route(web::get().to(system::health)))
        .service(web::resource("/ready").route(web::get().to(system::ready)))
        .service(
            web::scope("/api/v1")
                .service(web::resource("/oauth/token").route(web::post().to(auth::token)))
                .service(web::resource("/auth/whoami").route(web::get().to(auth::whoami)))
                .service(web::resource("/changes").route(web::get().to(changes::feed)))
                .service(
                    web::resource("/vocabularies")
                        .route(web::get().to(registry::vocabularies::list)),
                )
                .service(web::resource("/counties").route(web::get().to(registry::counties::list)))
                .service(
                    web::resource("/counties/{code}").route(web::get().to(registry::counties::get)),
                )
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
                )
                .configure(handlers::groups::routes)
                .configure(handlers::council::routes)
                .configure(handlers::cadres::routes)
                .configure(handlers::life::routes),
        );
}
