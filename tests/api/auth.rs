//! Tokens: every attack on the JWT is a 401; scope and roles; whoami; client credentials.

use base64::Engine;
use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

fn b64(v: &serde_json::Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
}

fn claims(exp_offset: i64) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": "mallory", "role": "prefecture_bureau", "iss": "edugroups", "iat": now, "exp": now + exp_offset, "jti": "x"})
}

fn signed(header: serde_json::Value, claims: &serde_json::Value, secret: &[u8]) -> String {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let alg: jsonwebtoken::Algorithm = serde_json::from_value(header["alg"].clone()).unwrap();
    encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).unwrap()
}

async fn whoami(app: &TestApp, token: &str) -> Resp {
    app.get("/api/v1/auth/whoami", token).await
}

dual_test! {
    async fn every_jwt_attack_is_401(app: TestApp) {
        // No token at all.
        let r = read(app.client.get(app.url("/api/v1/counties")).send().await.unwrap()).await;
        r.assert_problem(401, "missing_token");
        assert!(r.header("www-authenticate").is_some());
        // alg none, unsigned.
        let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&claims(600)));
        whoami(&app, &none).await.assert_problem(401, "invalid_token");
        // Signed with a wrong key.
        let wrong = signed(json!({"alg": "HS256"}), &claims(600), b"another-secret-another-secret-0123456");
        whoami(&app, &wrong).await.assert_problem(401, "invalid_token");
        // An algorithm other than the pinned one, with the right secret.
        let hs512 = signed(json!({"alg": "HS512"}), &claims(600), SECRET);
        whoami(&app, &hs512).await.assert_problem(401, "invalid_token");
        // Expired.
        let expired = signed(json!({"alg": "HS256"}), &claims(-600), SECRET);
        whoami(&app, &expired).await.assert_problem(401, "invalid_token");
        // A good token whose payload is tampered with (role raised, signature kept).
        let good = app.token(Role::Inspector, Some(DUYUN), None);
        assert_eq!(whoami(&app, &good).await.status, 200);
        let parts: Vec<&str> = good.split('.').collect();
        let tampered = format!("{}.{}.{}", parts[0], b64(&claims(600)), parts[2]);
        whoami(&app, &tampered).await.assert_problem(401, "invalid_token");
        // Garbage.
        whoami(&app, "not.a.token").await.assert_problem(401, "invalid_token");
        // Correctly signed but with inconsistent claims: a county role without a county.
        let mut c = claims(600);
        c["role"] = json!("county_bureau");
        let no_county = signed(json!({"alg": "HS256"}), &c, SECRET);
        whoami(&app, &no_county).await.assert_problem(401, "invalid_token");
        c["role"] = json!("emperor");
        let unknown_role = signed(json!({"alg": "HS256"}), &c, SECRET);
        whoami(&app, &unknown_role).await.assert_problem(401, "invalid_token");
    }
}

dual_test! {
    async fn whoami_shows_role_scope_and_permissions(app: TestApp) {
        let r = whoami(&app, &app.bureau(DUYUN)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["role"], "county_bureau");
        assert_eq!(r.body["county"], DUYUN);
        assert_eq!(r.body["scope"], "county");
        let perms: Vec<&str> = r.body["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
        assert!(perms.contains(&"registry.write"));
        assert!(perms.contains(&"person.id_number.read"));

        let r = whoami(&app, &app.token(Role::Inspector, None, None)).await;
        assert_eq!(r.body["scope"], "prefecture");
        let perms: Vec<&str> = r.body["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
        assert!(!perms.contains(&"registry.write"));
    }
}

dual_test! {
    async fn a_role_that_may_see_but_not_act_gets_403(app: TestApp) {
        let inspector = app.token(Role::Inspector, Some(DUYUN), None);
        let r = app.post("/api/v1/schools", &inspector, &school_body(DUYUN, 1, "quality")).await;
        r.assert_problem(403, "forbidden");
        assert_eq!(app.count("schools"), 0);
        // It may still read.
        assert_eq!(app.get("/api/v1/schools", &inspector).await.status, 200);
        // School administrators may not read the change feed.
        let admin = app.token(Role::SchoolAdmin, Some(DUYUN), Some(1));
        app.get("/api/v1/changes", &admin).await.assert_problem(403, "forbidden");
    }
}

dual_test! {
    async fn client_credentials_issue_a_working_token(app: TestApp) {
        let created = edugroups::service::auth::clients::create(
            &app.db(), "provincial-exchange".into(), Role::Integration, Some(DUYUN.into()), None,
        ).await.expect("client");
        // The secret is stored only as an Argon2id hash.
        assert_eq!(app.count("service_clients"), 1);
        let form = [("grant_type", "client_credentials"), ("client_id", created.client_id.as_str()), ("client_secret", created.client_secret.as_str())];
        let r = read(app.client.post(app.url("/api/v1/oauth/token")).form(&form).send().await.unwrap()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["token_type"], "Bearer");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
        let token = r.body["access_token"].as_str().unwrap().to_string();
        let me = whoami(&app, &token).await;
        assert_eq!(me.body["role"], "integration");
        assert_eq!(me.body["county"], DUYUN);

        // HTTP Basic works too.
        let r = read(app.client.post(app.url("/api/v1/oauth/token"))
            .basic_auth(&created.client_id, Some(&created.client_secret))
            .form(&[("grant_type", "client_credentials")]).send().await.unwrap()).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // Wrong secret, unknown client, wrong grant type.
        let bad = [("grant_type", "client_credentials"), ("client_id", created.client_id.as_str()), ("client_secret", "nope")];
        let r = read(app.client.post(app.url("/api/v1/oauth/token")).form(&bad).send().await.unwrap()).await;
        r.assert_problem(401, "invalid_client");
        assert_eq!(r.body["error"], "invalid_client");
        let unknown = [("grant_type", "client_credentials"), ("client_id", "who"), ("client_secret", "nope")];
        read(app.client.post(app.url("/api/v1/oauth/token")).form(&unknown).send().await.unwrap()).await.assert_problem(401, "invalid_client");
        let grant = [("grant_type", "password"), ("client_id", "who"), ("client_secret", "nope")];
        read(app.client.post(app.url("/api/v1/oauth/token")).form(&grant).send().await.unwrap()).await.assert_problem(400, "unsupported_grant_type");
        // A missing grant type is an OAuth invalid_request; a wrong Basic secret names the scheme.
        let r = read(app.client.post(app.url("/api/v1/oauth/token")).form(&[("client_id", "who")]).send().await.unwrap()).await;
        r.assert_problem(400, "bad_request");
        assert_eq!(r.body["error"], "invalid_request");
        let r = read(app.client.post(app.url("/api/v1/oauth/token"))
            .basic_auth(&created.client_id, Some("wrong"))
            .form(&[("grant_type", "client_credentials")]).send().await.unwrap()).await;
        r.assert_problem(401, "invalid_client");
        assert!(r.header("www-authenticate").is_some_and(|v| v.starts_with("Basic")));
        // JSON is not a token request.
        let r = read(app.client.post(app.url("/api/v1/oauth/token")).json(&json!({"grant_type": "client_credentials"})).send().await.unwrap()).await;
        r.assert_problem(415, "unsupported_media_type");
    }
}

#[actix_web::test]
async fn the_token_endpoint_is_rate_limited() {
    let app = spawn_with(Backend::Sqlite, |s| s.token_rate_per_minute = 2)
        .await
        .unwrap();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "x"),
        ("client_secret", "y"),
    ];
    let mut statuses = vec![];
    for _ in 0..4 {
        let r = read(
            app.client
                .post(app.url("/api/v1/oauth/token"))
                .form(&form)
                .send()
                .await
                .unwrap(),
        )
        .await;
        statuses.push(r.status);
        if r.status == 429 {
            r.assert_problem(429, "rate_limited");
            assert!(r.header("retry-after").is_some());
        }
    }
    assert_eq!(statuses, vec![401, 401, 429, 429]);
}
