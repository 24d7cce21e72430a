//! Liveness, readiness, discovery and vocabularies.

use crate::dual_test;
use crate::helpers::*;

dual_test! {
    async fn health_ready_and_discovery(app: TestApp) {
        let h = read(app.client.get(app.url("/health")).send().await.unwrap()).await;
        assert_eq!((h.status, h.body["status"].as_str()), (200, Some("ok")));
        let r = read(app.client.get(app.url("/ready")).send().await.unwrap()).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body["database"], match app.backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgresql" });
        let d = read(app.client.get(app.url("/")).send().await.unwrap()).await;
        assert_eq!(d.body["links"]["openapi"], "/api-docs/openapi.json");
        assert_eq!(d.body["links"]["token"], "/api/v1/oauth/token");
    }
}

dual_test! {
    async fn counties_and_vocabularies(app: TestApp) {
        let token = app.token(edugroups::domain::auth::Role::Inspector, Some(DUYUN), None);
        let c = app.get("/api/v1/counties", &token).await;
        let codes: Vec<&str> = c.body["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
        assert_eq!(codes.len(), 13);
        // The table and the code's list of counties agree.
        let mut counties: Vec<&str> = codes.iter().copied().filter(|c| *c != "522700").collect();
        counties.sort();
        let mut known = edugroups::domain::registry::county::COUNTY_CODES.to_vec();
        known.sort();
        assert_eq!(counties, known);
        assert_eq!(app.get("/api/v1/counties/522732", &token).await.body["name_zh"], "三都水族自治县");
        app.get("/api/v1/counties/522724", &token).await.assert_problem(404, "not_found");

        let v = app.get("/api/v1/vocabularies", &token).await;
        let names: Vec<&str> = v.body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
        for n in ["school_location", "school_standing", "role", "school_type", "urban_rural", "subject", "title"] {
            assert!(names.contains(&n), "missing vocabulary {n}");
        }
        let standing = v.body["items"].as_array().unwrap().iter().find(|i| i["name"] == "school_standing").unwrap();
        assert_eq!(standing["terms"][0]["label_zh"], "优质");
    }
}

/// PostgreSQL only: a SQLite file stays readable through open handles, while a dropped
/// PostgreSQL database really is gone.
#[actix_web::test]
async fn ready_is_503_when_the_database_is_gone() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    assert_eq!(
        read(app.client.get(app.url("/ready")).send().await.unwrap())
            .await
            .status,
        200
    );
    let (admin, name) = app.pg_database().unwrap();
    let mut conn = edugroups::db::establish(admin).unwrap();
    use diesel::connection::SimpleConnection;
    conn.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
    let r = read(app.client.get(app.url("/ready")).send().await.unwrap()).await;
    r.assert_problem(503, "service_unavailable");
    // Requests needing the database are 503 too, never 500.
    app.get("/api/v1/counties", &app.bureau(DUYUN))
        .await
        .assert_problem(503, "service_unavailable");
}
