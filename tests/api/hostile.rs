//! One input policy for both backends: control characters anywhere in a request, dates out of
//! range, the documented token claims, stalled bodies, `405` with `Allow`, nullable bodies.

use std::io::{Read, Write};

use base64::Engine;
use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

fn signed(claims: &serde_json::Value) -> String {
    use jsonwebtoken::{encode, EncodingKey, Header};
    encode(
        &Header::new(jsonwebtoken::Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET),
    )
    .unwrap()
}

dual_test! {
    async fn nul_and_control_characters_are_refused_everywhere(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        // In a JSON text field: 422 naming the field, on both backends, nothing stored.
        let mut body = school_body(DUYUN, 1, "quality");
        body["name"] = json!("都匀市\u{0}第一小学");
        body["address"] = json!("剑江中路\u{7}1号");
        let r = app.post("/api/v1/schools", &bureau, &body).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["name", "address"]);
        assert_eq!(app.count("schools"), 0);
        // Line breaks and tabs are text, not control: a charter section has paragraphs.
        body["name"] = json!("都匀市第一小学");
        body["address"] = json!("都匀市\n剑江中路\t1号");
        assert_eq!(app.post("/api/v1/schools", &bureau, &body).await.status, 201);
        // In a query value and in a path segment.
        for q in ["q=%00", "q=a%01b", "county=5227%0001"] {
            app.get(&format!("/api/v1/schools?{q}"), &bureau).await.assert_problem(400, "invalid_query");
        }
        app.get("/api/v1/counties/5227%0001", &bureau).await.assert_problem(400, "invalid_path");
        app.get("/api/v1/counties/%FF", &bureau).await.assert_problem(400, "invalid_path");
        app.get("/api/v1/schools/1%00", &bureau).await.assert_problem(400, "invalid_path");
        // A key with a control character.
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(&bureau)
            .header("content-type", "application/json").body("{\"na\\u0000me\": 1}").send().await.unwrap()).await;
        r.assert_problem(422, "validation_failed");
    }
}

dual_test! {
    async fn dates_stay_in_their_documented_range(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        for (i, bad) in ["0000-09-01", "-0001-09-01", "+10000-09-01", "1899-12-31", "2201-01-01", "2026-02-30"].iter().enumerate() {
            let mut body = school_body(DUYUN, 10 + i as u32, "quality");
            body["opened_on"] = json!(bad);
            let r = app.post("/api/v1/schools", &bureau, &body).await;
            assert!(matches!(r.status, 400 | 422), "{bad}: {} {}", r.status, r.text);
            assert!(r.error_fields().contains(&"opened_on".to_string()), "{bad}: {}", r.text);
        }
        assert_eq!(app.count("schools"), 0);
        let mut body = school_body(DUYUN, 20, "quality");
        body["opened_on"] = json!("1900-01-01");
        assert_eq!(app.post("/api/v1/schools", &bureau, &body).await.status, 201);
        // A time with a leap second, or out of range, is refused too.
        let core = app.school(DUYUN, 21, "quality").await;
        let g = app.post("/api/v1/groups", &bureau, &json!({"name": "测试集团", "kind": "collaborative", "pattern": "other", "core_school_id": core["id"]})).await;
        assert_eq!(g.status, 201, "{}", g.text);
        for at in ["2026-12-31T23:59:60Z", "0000-01-01T00:00:00Z", "2026-13-01T00:00:00Z"] {
            let r = app.post(&format!("/api/v1/groups/{}/meetings", g.body["id"]), &app.token(edugroups::domain::auth::Role::SchoolAdmin, Some(DUYUN), core["id"].as_i64()),
                &json!({"body": "council", "kind": "regular", "scheduled_at": at, "agenda": "审议"})).await;
            assert!(matches!(r.status, 400 | 422), "{at}: {} {}", r.status, r.text);
            assert!(r.error_fields().contains(&"scheduled_at".to_string()), "{at}: {}", r.text);
        }
    }
}

dual_test! {
    async fn tokens_need_only_the_documented_claims(app: TestApp) {
        let now = chrono::Utc::now().timestamp();
        // `sub`, `iss` and `exp` (and the role's scope) are enough: no `jti`, no `iat`.
        let minimal = signed(&json!({"sub": "integration-7", "role": "prefecture_bureau", "iss": "edugroups", "exp": now + 600}));
        assert_eq!(app.get("/api/v1/auth/whoami", &minimal).await.status, 200);
        for missing in ["sub", "iss", "exp"] {
            let mut c = json!({"sub": "x", "role": "prefecture_bureau", "iss": "edugroups", "exp": now + 600});
            c.as_object_mut().unwrap().remove(missing);
            app.get("/api/v1/auth/whoami", &signed(&c)).await.assert_problem(401, "invalid_token");
        }
        // `nbf` in the future: not yet.
        let early = signed(&json!({"sub": "x", "role": "prefecture_bureau", "iss": "edugroups", "exp": now + 600, "nbf": now + 300}));
        app.get("/api/v1/auth/whoami", &early).await.assert_problem(401, "invalid_token");
        let due = signed(&json!({"sub": "x", "role": "prefecture_bureau", "iss": "edugroups", "exp": now + 600, "nbf": now - 10}));
        assert_eq!(app.get("/api/v1/auth/whoami", &due).await.status, 200);
        // The scheme is case-insensitive.
        for scheme in ["bearer", "BEARER", "Bearer", "bEaReR"] {
            let r = read(app.client.get(app.url("/api/v1/auth/whoami")).header("authorization", format!("{scheme} {minimal}")).send().await.unwrap()).await;
            assert_eq!(r.status, 200, "{scheme}: {}", r.text);
        }
        let r = read(app.client.get(app.url("/api/v1/auth/whoami")).header("authorization", format!("Basic {minimal}")).send().await.unwrap()).await;
        r.assert_problem(401, "missing_token");
        let _ = base64::engine::general_purpose::STANDARD.encode("x");
    }
}

dual_test! {
    async fn optional_bodies_take_null(app: TestApp) {
        // `null`, nothing, or an empty object all mean "nothing to say".
        let bureau = app.bureau(DUYUN);
        for body in ["null", "", "{}"] {
            let r = read(app.client.post(app.url("/api/v1/applications/999/cancellation")).bearer_auth(&bureau)
                .header("content-type", "application/json").body(body).send().await.unwrap()).await;
            r.assert_problem(404, "not_found");
        }
        let r = read(app.client.post(app.url("/api/v1/applications/999/cancellation")).bearer_auth(&bureau)
            .header("content-type", "application/json").body("[1]").send().await.unwrap()).await;
        r.assert_problem(400, "malformed_body");
        // Content types are exact.
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(&bureau)
            .header("content-type", "application/jsonx").body("{}").send().await.unwrap()).await;
        r.assert_problem(415, "unsupported_media_type");
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(&bureau)
            .header("content-type", "application/json; charset=utf-8").body(school_body(DUYUN, 30, "quality").to_string()).send().await.unwrap()).await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
}

/// A raw HTTP/1.1 exchange on a fresh connection: writes `request`, waits, and reads what comes;
/// on a blocking thread, so that the server on this test's runtime keeps running.
async fn raw(
    app: &TestApp,
    request: &[u8],
    read_for: std::time::Duration,
) -> (String, std::time::Duration, bool) {
    let addr = app.base.trim_start_matches("http://").to_string();
    let request = request.to_vec();
    actix_web::rt::task::spawn_blocking(move || raw_blocking(&addr, &request, read_for))
        .await
        .unwrap()
}

fn raw_blocking(
    addr: &str,
    request: &[u8],
    read_for: std::time::Duration,
) -> (String, std::time::Duration, bool) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(read_for)).unwrap();
    let start = std::time::Instant::now();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let mut closed = false;
    loop {
        match s.read(&mut buf) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    (
        String::from_utf8_lossy(&out).to_string(),
        start.elapsed(),
        closed,
    )
}

#[actix_web::test]
async fn a_stalled_body_is_a_408_within_the_limit() {
    let app = spawn_with(Backend::Sqlite, |s| s.timeouts.request_body = 1)
        .await
        .unwrap();
    let token = app.bureau(DUYUN);
    let req = format!(
        "POST /api/v1/schools HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"code\":\"2"
    );
    let (text, took, closed) = raw(&app, req.as_bytes(), std::time::Duration::from_secs(5)).await;
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains("application/problem+json") && text.contains("request_timeout"),
        "{text}"
    );
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    assert!(closed, "the connection is closed after a 408");
    // The same through the idempotency middleware, which reads the body first.
    let req = format!(
        "POST /api/v1/schools HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nIdempotency-Key: stalled\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"code\":\"2"
    );
    let (text, _, closed) = raw(&app, req.as_bytes(), std::time::Duration::from_secs(5)).await;
    assert!(text.starts_with("HTTP/1.1 408") && closed, "{text}");
    assert_eq!(app.count("schools"), 0);
}

dual_test! {
    async fn raw_bytes_in_a_request_line_get_a_problem_or_just_work(app: TestApp) {
        let token = app.bureau(DUYUN);
        let head = |target: &[u8]| {
            let mut r = b"GET ".to_vec();
            r.extend_from_slice(target);
            r.extend_from_slice(format!(" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n").as_bytes());
            r
        };
        // Chinese sent without percent-encoding: read as the client meant it.
        let (text, _, _) = raw(&app, &head("/api/v1/schools?q=都匀".as_bytes()), std::time::Duration::from_secs(5)).await;
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        // Bytes that are not UTF-8, in the query or the path: a problem with its request id.
        for target in [&b"/api/v1/schools?q=\xff\xfe"[..], &b"/api/v1/counties/\xff"[..]] {
            let (text, _, _) = raw(&app, &head(target), std::time::Duration::from_secs(5)).await;
            assert!(text.starts_with("HTTP/1.1 400"), "{text}");
            let lower = text.to_ascii_lowercase();
            assert!(lower.contains("content-type: application/problem+json") && lower.contains("x-request-id"), "{text}");
            assert!(text.contains("\"request_id\"") && (text.contains("invalid_query") || text.contains("invalid_path")), "{text}");
        }
        // A body with the same bytes passes untouched, and the next request on the connection
        // is read as usual (keep-alive).
        let body = school_body(DUYUN, 40, "quality").to_string();
        let mut two = format!("POST /api/v1/schools HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes();
        two.extend_from_slice(&head("/api/v1/schools?q=测试".as_bytes()));
        let (text, _, _) = raw(&app, &two, std::time::Duration::from_secs(5)).await;
        assert!(text.starts_with("HTTP/1.1 201"), "{text}");
        assert_eq!(text.matches("HTTP/1.1 200").count(), 1, "{text}");
        assert!(text.contains("测试学校40"), "{text}");
    }
}
