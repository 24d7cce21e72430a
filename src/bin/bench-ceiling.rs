//! The benchmark's ceiling (`bench/run`): actix-web answering every request with one fixed JSON
//! body, as large as a group read, and nothing else; what the framework itself allows on this
//! machine. Not part of the service.
//!
//! `bench-ceiling ADDRESS BODY_FILE`

use std::process::ExitCode;

use actix_web::{web, App, HttpResponse, HttpServer};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: bench-ceiling ADDRESS BODY_FILE");
        return ExitCode::FAILURE;
    };
    let body = match std::fs::read(&file) {
        Ok(b) => web::Bytes::from(b),
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let served = actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            let body = body.clone();
            App::new().default_service(web::to(move || {
                let body = body.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(body)
                }
            }))
        })
        .bind(&addr)?
        .run()
        .await
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-ceiling: {e}");
            ExitCode::FAILURE
        }
    }
}
