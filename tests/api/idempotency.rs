//! `Idempotency-Key`: replays return the first response; another body is 422.

use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

async fn post_keyed(app: &TestApp, token: &str, key: &str, body: &serde_json::Value) -> Resp {
    read(
        app.client
            .post(app.url("/api/v1/schools"))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

dual_test! {
    async fn a_replay_returns_the_first_response(app: TestApp) {
        let token = app.bureau(DUYUN);
        let body = school_body(DUYUN, 1, "quality");
        let first = post_keyed(&app, &token, "key-1", &body).await;
        assert_eq!(first.status, 201, "{}", first.text);
        let again = post_keyed(&app, &token, "key-1", &body).await;
        assert_eq!(again.status, 201, "{}", again.text);
        assert_eq!(again.body, first.body);
        assert_eq!(again.text, first.text, "the very bytes of the first response");
        assert_eq!(again.header("location"), first.header("location"));
        assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
        assert_eq!(app.count("schools"), 1);
        assert_eq!(app.count("changes"), 1);
    }
}

dual_test! {
    async fn the_same_key_with_another_body_is_422(app: TestApp) {
        let token = app.bureau(DUYUN);
        assert_eq!(post_keyed(&app, &token, "key-2", &school_body(DUYUN, 1, "quality")).await.status, 201);
        let r = post_keyed(&app, &token, "key-2", &school_body(DUYUN, 2, "quality")).await;
        r.assert_problem(422, "idempotency_key_reused");
        assert_eq!(app.count("schools"), 1);
    }
}

dual_test! {
    async fn keys_are_per_caller_and_errors_release_them(app: TestApp) {
        let duyun = app.bureau(DUYUN);
        // A refused request does not pin its key: the corrected request goes through.
        let mut bad = school_body(DUYUN, 3, "quality");
        bad["staffing_quota"] = json!(-5);
        post_keyed(&app, &duyun, "key-3", &bad).await.assert_problem(422, "validation_failed");
        bad["staffing_quota"] = json!(5);
        assert_eq!(post_keyed(&app, &duyun, "key-3", &bad).await.status, 201);
        // Another caller's identical key is its own.
        let fuquan = app.bureau(FUQUAN);
        let r = post_keyed(&app, &fuquan, "key-3", &school_body(FUQUAN, 3, "quality")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // An empty key is a bad request.
        let r = read(app.client.post(app.url("/api/v1/schools")).bearer_auth(&duyun).header("Idempotency-Key", "").json(&school_body(DUYUN, 4, "quality")).send().await.unwrap()).await;
        r.assert_problem(400, "bad_request");
    }
}

dual_test! {
    async fn kept_responses_hold_no_full_id_numbers(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let token = app.bureau(DUYUN);
        let full = id_number(DUYUN, 42);
        let body = json!({"name": "王芳", "id_number": full, "school_id": s["id"]});
        let post = || app.client.post(app.url("/api/v1/persons")).bearer_auth(&token).header("Idempotency-Key", "p-1").json(&body).send();
        let first = read(post().await.unwrap()).await;
        assert_eq!(first.status, 201);
        assert_eq!(first.body["id_number"], full.as_str(), "the bureau sees the number it registered");
        // The replay shows it masked: the number is not kept a second time.
        let again = read(post().await.unwrap()).await;
        assert_eq!(again.status, 201);
        assert_eq!(again.body["id"], first.body["id"]);
        assert_eq!(again.body["id_number_masked"], true);
        assert_ne!(again.body["id_number"], full.as_str());
        use diesel::prelude::*;
        use edugroups::db::schema::idempotency_keys::dsl::*;
        let stored: Vec<Option<String>> = idempotency_keys.select(response).load(&mut app.conn()).unwrap();
        assert_eq!(stored.len(), 1, "one kept response");
        let kept = stored[0].as_deref().expect("the response is kept");
        assert!(kept.contains("id_number") && !kept.contains(&full));
        assert_eq!(app.count("persons"), 1);
    }
}
