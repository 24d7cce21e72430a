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

/// Makes a request's write wait from outside the service for `hold`: the window in which a client
/// gives up mid-request. On PostgreSQL the schools table is locked, so the key is claimed first
/// and the write then waits; on SQLite (one lock for the database) the write gate is held, so
/// the claim waits too.
fn stall_writes(app: &TestApp, hold: std::time::Duration) -> std::thread::JoinHandle<()> {
    use diesel::connection::SimpleConnection;
    let mut conn = app.conn();
    let begin = match app.backend {
        Backend::Sqlite => {
            "BEGIN IMMEDIATE; UPDATE write_gate SET touched = touched + 1 WHERE id = 1;"
        }
        Backend::Postgres => "BEGIN; LOCK TABLE schools IN EXCLUSIVE MODE;",
    };
    conn.batch_execute(begin).unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(hold);
        conn.batch_execute("COMMIT;").unwrap();
    })
}

dual_test! {
    async fn a_client_that_goes_away_mid_request_gets_its_write_once(app: TestApp) {
        let token = app.bureau(DUYUN);
        let body = school_body(DUYUN, 11, "quality");
        let stall = stall_writes(&app, std::time::Duration::from_millis(1500));
        // The client gives up while the request waits, and drops its connection.
        let quick = reqwest::Client::builder().timeout(std::time::Duration::from_millis(300)).build().unwrap();
        let gave_up = quick.post(app.url("/api/v1/schools")).bearer_auth(&token)
            .header("Idempotency-Key", "dropped-1").json(&body).send().await;
        assert!(gave_up.is_err(), "the client should have timed out");
        drop(quick);
        stall.join().unwrap();
        // The retry gets the write's own answer if it committed (on PostgreSQL it has: the key
        // was claimed before the write waited), or performs it: either way it is written once.
        let mut again = post_keyed(&app, &token, "dropped-1", &body).await;
        for _ in 0..50 {
            if again.status != 409 { break; }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
            again = post_keyed(&app, &token, "dropped-1", &body).await;
        }
        assert_eq!(again.status, 201, "{}", again.text);
        if app.backend == Backend::Postgres {
            assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
        }
        assert_eq!(again.body["code"], body["code"]);
        assert_eq!(again.header("location"), Some(format!("/api/v1/schools/{}", again.body["id"])));
        assert_eq!(app.count("schools"), 1);
        assert_eq!(app.count("changes"), 1);
        let third = post_keyed(&app, &token, "dropped-1", &body).await;
        assert_eq!((third.status, third.body.clone()), (201, again.body.clone()));
        assert_eq!(third.header("idempotent-replayed").as_deref(), Some("true"));
    }
}

dual_test! {
    async fn a_key_held_by_a_dead_attempt_is_free_after_its_lease(app: TestApp) {
        use diesel::prelude::*;
        use edugroups::db::schema::idempotency_keys as k;
        use sha2::Digest;
        let token = app.bureau(DUYUN);
        let body = school_body(DUYUN, 12, "quality");
        // What a server killed mid-request leaves: the key claimed by an attempt (a token and a
        // lease), and no result, as its write never committed.
        let hash: String = sha2::Sha256::digest(serde_json::to_vec(&body).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
        let now = chrono::Utc::now().naive_utc();
        diesel::insert_into(k::table)
            .values((
                k::owner.eq(format!("test-county_bureau-{DUYUN}")), k::idem_key.eq("dead-1"),
                k::method.eq("POST"), k::path.eq("/api/v1/schools"), k::request_hash.eq(hash),
                k::created_at.eq(now), k::claim_token.eq("dead-attempt"),
                k::lease_until.eq(now + chrono::Duration::seconds(3)),
            ))
            .execute(&mut app.conn()).unwrap();
        let busy = post_keyed(&app, &token, "dead-1", &body).await;
        busy.assert_problem(409, "idempotency_in_progress");
        let wait: u64 = busy.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=4).contains(&wait), "Retry-After {wait}");
        assert_eq!(app.count("schools"), 0);
        // Once the lease is over, the next attempt takes the key over and writes, once.
        diesel::update(k::table.filter(k::idem_key.eq("dead-1")))
            .set(k::lease_until.eq(Some(now - chrono::Duration::seconds(1))))
            .execute(&mut app.conn()).unwrap();
        let r = post_keyed(&app, &token, "dead-1", &body).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(app.count("schools"), 1);
        let again = post_keyed(&app, &token, "dead-1", &body).await;
        assert_eq!((again.status, again.body.clone()), (201, r.body.clone()));
        assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
        assert_eq!(app.count("schools"), 1);
    }
}
