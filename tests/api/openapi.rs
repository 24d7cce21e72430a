//! The committed OpenAPI document is the generated one, and the service serves it.

use crate::helpers::*;

#[test]
fn the_committed_document_matches_the_generated_one() {
    let generated = edugroups::http::openapi::document_json();
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .expect("openapi/openapi.json is committed");
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date: regenerate it with `cargo run -- openapi > openapi/openapi.json`"
    );
}

#[test]
fn every_operation_is_described() {
    let doc: serde_json::Value =
        serde_json::from_str(&edugroups::http::openapi::document_json()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{method} {path}");
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{name} has no summary"
            );
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{name} has no tag"
            );
            assert!(
                op["responses"]["500"].is_object(),
                "{name} lacks its problem responses"
            );
            if path.starts_with("/api/v1") && path != "/api/v1/oauth/token" {
                assert!(
                    op["security"].as_array().is_some_and(|s| !s.is_empty()),
                    "{name} has no security"
                );
                assert!(op["responses"]["401"].is_object(), "{name} lacks 401");
            }
            if method == "patch" || method == "delete" {
                assert!(
                    op["responses"]["412"].is_object() && op["responses"]["428"].is_object(),
                    "{name} lacks 412/428"
                );
            }
        }
    }
}

#[actix_web::test]
async fn the_service_serves_its_document_and_swagger_ui() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let r = read(
        app.client
            .get(app.url("/api-docs/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body["paths"]["/api/v1/schools"].is_object());
    let ui = app
        .client
        .get(app.url("/swagger-ui/"))
        .send()
        .await
        .unwrap();
    assert_eq!(ui.status(), 200);
    assert!(ui.text().await.unwrap().contains("swagger"));
}
