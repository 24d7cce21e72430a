//! Bad input of every kind is a clear problem: never a 500, never a partial write.

use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

dual_test! {
    async fn malformed_requests_are_400_problems(app: TestApp) {
        let token = app.bureau(DUYUN);
        let post = |body: &'static str, ct: &'static str| {
            app.client.post(app.url("/api/v1/schools")).bearer_auth(&token).header("content-type", ct).body(body).send()
        };
        read(post("{\"code\":", "application/json").await.unwrap()).await.assert_problem(400, "malformed_body");
        read(post("[1,2,3]", "application/json").await.unwrap()).await.assert_problem(400, "malformed_body");
        read(post("{\"staffing_quota\": \"many\"}", "application/json").await.unwrap()).await.assert_problem(400, "malformed_body");
        read(post("{\"nmae\": \"typo\"}", "application/json").await.unwrap()).await.assert_problem(400, "malformed_body");
        read(post("\u{0}\u{1}", "application/json").await.unwrap()).await.assert_problem(400, "malformed_body");
        read(post("code=1", "text/plain").await.unwrap()).await.assert_problem(415, "unsupported_media_type");
        // Larger than the body limit (64 KiB in tests).
        let big = format!("{{\"name\": \"{}\"}}", "x".repeat(70 * 1024));
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(&token).header("content-type", "application/json").body(big).send().await.unwrap()).await;
        r.assert_problem(413, "payload_too_large");
        // Path and route errors.
        app.get("/api/v1/schools/abc", &token).await.assert_problem(400, "invalid_path");
        app.get("/api/v1/schools/99999999999999999999", &token).await.assert_problem(400, "invalid_path");
        app.get("/api/v1/nowhere", &token).await.assert_problem(404, "not_found");
        let r = read(app.client.put(app.url("/api/v1/schools")).bearer_auth(&token).send().await.unwrap()).await;
        r.assert_problem(405, "method_not_allowed");
        app.get("/api/v1/changes?after=-1", &token).await.assert_problem(400, "invalid_query");
        app.get("/api/v1/changes?after=x", &token).await.assert_problem(400, "invalid_query");
        assert_eq!(app.count("schools"), 0);
        assert_eq!(app.count("changes"), 0);
    }
}

dual_test! {
    async fn problems_follow_accept_language(app: TestApp) {
        let r = read(app.client.get(app.url("/api/v1/schools/1")).bearer_auth(app.bureau(DUYUN)).header("Accept-Language", "en-GB,en;q=0.9").send().await.unwrap()).await;
        r.assert_problem(404, "not_found");
        assert_eq!(r.body["title"], "Not found");
        assert_eq!(r.header("content-language").as_deref(), Some("en"));
        let r = app.get("/api/v1/schools/1", &app.bureau(DUYUN)).await;
        assert_eq!(r.body["title"], "资源不存在");
        assert_eq!(r.header("content-language").as_deref(), Some("zh-CN"));
        // Field messages are translated too.
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(app.bureau(DUYUN)).header("Accept-Language", "en").json(&json!({})).send().await.unwrap()).await;
        assert_eq!(r.body["errors"][0]["message"], "This field is required.");
    }
}

dual_test! {
    async fn every_response_has_a_request_id(app: TestApp) {
        let r = read(app.client.get(app.url("/health")).send().await.unwrap()).await;
        assert!(r.header("x-request-id").is_some_and(|v| v.len() >= 32));
        // A sane id from the caller is kept, and appears in the problem.
        let r = read(app.client.get(app.url("/api/v1/schools/1")).bearer_auth(app.bureau(DUYUN)).header("X-Request-Id", "trace-abc-123").send().await.unwrap()).await;
        assert_eq!(r.header("x-request-id").as_deref(), Some("trace-abc-123"));
        assert_eq!(r.body["request_id"], "trace-abc-123");
        // An unsafe one is replaced.
        let r = read(app.client.get(app.url("/health")).header("X-Request-Id", "a b\tc").send().await.unwrap()).await;
        assert_ne!(r.header("x-request-id").as_deref(), Some("a b\tc"));
    }
}
