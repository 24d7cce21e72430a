//! Builds the application and binds it. Tests bind port 0 and read back the port.

use std::net::TcpListener;

use actix_http::{HttpService, KeepAlive, Protocol};
use actix_service::{fn_service, map_config, ServiceFactoryExt};
use actix_web::dev::{AppConfig, Server};
use actix_web::middleware::{from_fn, Compress, Logger};
use actix_web::{web, App};
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Settings;
use crate::db::{migrate, Db};
use crate::http::extract::{form_config, path_config};
use crate::http::handlers::auth::TokenLimiter;
use crate::http::middleware::{
    conditional::not_modified,
    deadline::{deadline, BodyTimeout},
    idempotency::idempotency,
    path_guard::path_guard,
    problem::render,
    request_id::request_id,
};
use crate::http::operations;
use crate::http::routes::{OperationIndex, Routes};
use crate::http::wire::Escaping;
use crate::security::jwt::JwtKeys;
use crate::service::AppState;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

impl Application {
    /// Migrates the database, then binds the server (not yet running).
    pub fn build(settings: &Settings) -> Result<Application, String> {
        let applied = migrate::run(&settings.database_url)?;
        if applied > 0 {
            log::info!("applied {applied} migration(s)");
        }
        let keys = JwtKeys::from_settings(&settings.jwt)?;
        if settings.jwt.development_secret {
            log::warn!(
                "EDUGROUPS_JWT_SECRET is not set: using the development secret in ./data/dev-jwt-secret. \
                 This is only allowed on a loopback address; set a real secret before exposing the service."
            );
        }
        let db = Db::connect(&settings.database_url, settings.pool_size)
            .map_err(|e| format!("cannot create the connection pool: {e}"))?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| format!("cannot bind {}: {e}", settings.bind))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let state = web::Data::new(AppState {
            db: db.clone(),
            province_code: settings.province_code.clone(),
            idempotency_lease_secs: settings.timeouts.idempotency_lease,
        });
        let keys = web::Data::new(keys);
        let limiter = web::Data::new(TokenLimiter::per_minute(settings.token_rate_per_minute));
        let body_limit = settings.body_limit;
        let limit = web::Data::new(crate::http::json::BodyLimit(body_limit));
        let body_timeout = web::Data::new(BodyTimeout(std::time::Duration::from_secs(
            settings.timeouts.request_body.into(),
        )));
        let api_doc = crate::http::openapi::document();
        let index = std::sync::Arc::new(OperationIndex::of(&api_doc));
        let mut check = Routes::new(index.clone());
        operations(&mut check);
        let problems = check.problems();
        if !problems.is_empty() {
            return Err(format!(
                "the routes and the OpenAPI document disagree: {}",
                problems.join("; ")
            ));
        }
        let head_timeout = std::time::Duration::from_secs(settings.timeouts.request_head.into());
        let keep_alive = std::time::Duration::from_secs(settings.timeouts.keep_alive.into());
        let app = move || {
            App::new()
                .app_data(state.clone())
                .app_data(keys.clone())
                .app_data(limiter.clone())
                .app_data(limit.clone())
                .app_data(body_timeout.clone())
                .app_data(form_config(body_limit))
                .app_data(web::PayloadConfig::new(body_limit))
                .app_data(path_config())
                .wrap(from_fn(idempotency))
                .wrap(from_fn(not_modified))
                .wrap(from_fn(deadline))
                .wrap(from_fn(path_guard))
                .wrap(from_fn(render))
                .wrap(from_fn(request_id))
                // The path only, never the query string: queries can carry names.
                .wrap(
                    Logger::new("%a \"%{route}xi\" %s %b %Dms rid=%{x-request-id}o")
                        .custom_request_replace("route", |req| {
                            format!("{} {}", req.method(), req.path())
                        }),
                )
                // Outermost: whatever is answered is gzip-compressed when the client asks.
                .wrap(Compress::default())
                .service(web::redirect("/swagger-ui", "/swagger-ui/"))
                .service(
                    SwaggerUi::new("/swagger-ui/{_:.*}")
                        .url("/api-docs/openapi.json", api_doc.clone()),
                )
                .configure(|cfg| {
                    let mut routes = Routes::new(index.clone());
                    operations(&mut routes);
                    routes.configure(cfg);
                })
        };
        // actix-web's `HttpServer`, built by hand so that every connection is read through
        // `wire::Escaping` (request lines with raw bytes reach the service as problems, not as
        // actix-http's bare 400).
        let server = actix_server::Server::build()
            .workers(settings.workers)
            .shutdown_timeout(settings.timeouts.shutdown.into())
            .listen("edugroups", listener, move || {
                let http = HttpService::<Escaping, _, _>::build()
                    .client_request_timeout(head_timeout)
                    .keep_alive(KeepAlive::Timeout(keep_alive))
                    .finish(map_config(app(), |_| AppConfig::default()));
                fn_service(|io: actix_web::rt::net::TcpStream| async move {
                    let peer = io.peer_addr().ok();
                    Ok::<_, actix_http::error::DispatchError>((
                        Escaping::new(io),
                        Protocol::Http1,
                        peer,
                    ))
                })
                .and_then(http)
            })
            .map_err(|e| format!("cannot listen: {e}"))?
            .run();
        Ok(Application { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The app's database handle (its statement count, for the tests).
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Runs until SIGTERM or SIGINT, then finishes the requests in flight (graceful shutdown is
    /// actix's own signal handling).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
