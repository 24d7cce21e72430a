//! The school registry: create, read, list, update, delete, scope and validation.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

dual_test! {
    async fn create_read_update_delete(app: TestApp) {
        let token = app.bureau(DUYUN);
        let r = app.post("/api/v1/schools", &token, &school_body(DUYUN, 1, "quality")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        assert_eq!(r.header("location"), Some(format!("/api/v1/schools/{id}")));
        assert_eq!(r.header("etag").as_deref(), Some("\"1\""));
        assert_eq!(r.body["uscc_check_ok"], true);

        let got = app.get(&format!("/api/v1/schools/{id}"), &token).await;
        assert_eq!(got.status, 200);
        assert_eq!(got.body["code"], r.body["code"]);
        assert_eq!(got.header("etag").as_deref(), Some("\"1\""));

        let upd = app.patch(&format!("/api/v1/schools/{id}"), &token, Some("\"1\""), &json!({"staffing_quota": 95, "address": "都匀市剑江中路 1 号"})).await;
        assert_eq!(upd.status, 200, "{}", upd.text);
        assert_eq!(upd.body["staffing_quota"], 95);
        assert_eq!(upd.body["version"], 2);
        assert_eq!(upd.header("etag").as_deref(), Some("\"2\""));
        // null clears a nullable field.
        let cleared = app.patch(&format!("/api/v1/schools/{id}"), &token, Some("\"2\""), &json!({"address": null})).await;
        assert_eq!(cleared.status, 200, "{}", cleared.text);
        assert!(cleared.body["address"].is_null());

        let del = app.delete(&format!("/api/v1/schools/{id}"), &token, Some("\"3\"")).await;
        assert_eq!(del.status, 204, "{}", del.text);
        app.get(&format!("/api/v1/schools/{id}"), &token).await.assert_problem(404, "not_found");
        assert_eq!(app.count("schools"), 0);
    }
}

dual_test! {
    async fn duplicate_code_is_409(app: TestApp) {
        app.school(DUYUN, 1, "quality").await;
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &school_body(DUYUN, 1, "quality")).await;
        r.assert_problem(409, "school_code_taken");
        assert_eq!(app.count("schools"), 1);
    }
}

dual_test! {
    async fn validation_lists_every_bad_field(app: TestApp) {
        let body = json!({
            "code": "2153000001",            // province digits are not 52
            "name": "x",                      // too short
            "county_code": "522724",          // not a county (gap in GB/T 2260)
            "type_code": "999",
            "urban_rural_code": "111",
            "location": "moon",
            "standing": "quality",
            "uscc": "12522701MB1234567A",     // wrong check character (T is right)
            "staffing_quota": -1,
            "legal_representative_id": 999999
        });
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &body).await;
        r.assert_problem(422, "validation_failed");
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, vec!["code", "county_code", "legal_representative_id", "location", "name", "staffing_quota", "type_code", "uscc"]);
        // Missing required fields are listed too.
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &json!({})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields().len(), 8);
        assert_eq!(app.count("schools"), 0);
        assert_eq!(app.count("changes"), 0, "no audit entry for a refused write");
    }
}

dual_test! {
    async fn a_uscc_check_warning_can_be_accepted(app: TestApp) {
        let mut body = school_body(DUYUN, 3, "ordinary");
        body["uscc"] = json!("12522701MB1234567A");
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &body).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["uscc"]);
        assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("应为 T"), "{}", r.text);
        body["accept_uscc_check_warning"] = json!(true);
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &body).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["uscc_check_ok"], false);
        // An unrelated update keeps the accepted code.
        let id = r.body["id"].as_i64().unwrap();
        let u = app.patch(&format!("/api/v1/schools/{id}"), &app.bureau(DUYUN), Some("\"1\""), &json!({"name": "改名学校"})).await;
        assert_eq!(u.status, 200, "{}", u.text);
    }
}

dual_test! {
    async fn other_counties_are_invisible(app: TestApp) {
        let fuquan_school = app.school(FUQUAN, 1, "quality").await;
        let id = fuquan_school["id"].as_i64().unwrap();
        let duyun = app.bureau(DUYUN);
        // Reads: 404, never 403, so existence is not revealed.
        app.get(&format!("/api/v1/schools/{id}"), &duyun).await.assert_problem(404, "not_found");
        let list = app.get("/api/v1/schools", &duyun).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
        let list = app.get(&format!("/api/v1/schools?county={FUQUAN}"), &duyun).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
        // Writes to it: 404 too, and nothing changes.
        app.patch(&format!("/api/v1/schools/{id}"), &duyun, Some("\"1\""), &json!({"name": "劫持"})).await.assert_problem(404, "not_found");
        app.delete(&format!("/api/v1/schools/{id}"), &duyun, Some("\"1\"")).await.assert_problem(404, "not_found");
        assert_eq!(app.get(&format!("/api/v1/schools/{id}"), &app.bureau(FUQUAN)).await.body["name"], fuquan_school["name"]);
        // Creating in another county: 403.
        app.post("/api/v1/schools", &duyun, &school_body(FUQUAN, 2, "quality")).await.assert_problem(403, "out_of_scope");
        // The prefecture sees everything.
        let all = app.get("/api/v1/schools", &app.prefecture()).await;
        assert_eq!(all.body["items"].as_array().unwrap().len(), 1);
    }
}

dual_test! {
    async fn lists_page_with_a_cursor_and_filter(app: TestApp) {
        for i in 1..=5 {
            app.school(DUYUN, i, if i % 2 == 0 { "weak" } else { "quality" }).await;
        }
        let token = app.bureau(DUYUN);
        let p1 = app.get("/api/v1/schools?limit=2", &token).await;
        assert_eq!(p1.body["items"].as_array().unwrap().len(), 2);
        let cursor = p1.body["next_cursor"].as_str().unwrap().to_string();
        let p2 = app.get(&format!("/api/v1/schools?limit=2&cursor={cursor}"), &token).await;
        assert_eq!(p2.body["items"][0]["code"], school_body(DUYUN, 3, "quality")["code"]);
        let cursor = p2.body["next_cursor"].as_str().unwrap().to_string();
        let p3 = app.get(&format!("/api/v1/schools?limit=2&cursor={cursor}"), &token).await;
        assert_eq!(p3.body["items"].as_array().unwrap().len(), 1);
        assert!(p3.body["next_cursor"].is_null());
        let weak = app.get("/api/v1/schools?standing=weak", &token).await;
        assert_eq!(weak.body["items"].as_array().unwrap().len(), 2);
        let named = app.get(&format!("/api/v1/schools?q={}", "学校3"), &token).await;
        assert_eq!(named.body["items"].as_array().unwrap().len(), 1);
        // Bad paging parameters are 400s.
        app.get("/api/v1/schools?limit=0", &token).await.assert_problem(400, "invalid_query");
        app.get("/api/v1/schools?limit=201", &token).await.assert_problem(400, "invalid_query");
        app.get("/api/v1/schools?cursor=%%%", &token).await.assert_problem(400, "invalid_query");
        app.get("/api/v1/schools?limit=abc", &token).await.assert_problem(400, "invalid_query");
    }
}

dual_test! {
    async fn if_match_is_required_and_checked(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let path = format!("/api/v1/schools/{}", s["id"]);
        let token = app.bureau(DUYUN);
        app.patch(&path, &token, None, &json!({"name": "新名称"})).await.assert_problem(428, "precondition_required");
        app.patch(&path, &token, Some("\"7\""), &json!({"name": "新名称"})).await.assert_problem(412, "precondition_failed");
        app.patch(&path, &token, Some("garbage"), &json!({"name": "新名称"})).await.assert_problem(412, "precondition_failed");
        app.delete(&path, &token, None).await.assert_problem(428, "precondition_required");
        app.delete(&path, &token, Some("\"9\"")).await.assert_problem(412, "precondition_failed");
        // Nothing changed.
        let now = app.get(&path, &token).await;
        assert_eq!(now.body["version"], 1);
        assert_eq!(now.body["name"], s["name"]);
        // W/ and * are understood.
        assert_eq!(app.patch(&path, &token, Some("W/\"1\""), &json!({"name": "新名称"})).await.status, 200);
        assert_eq!(app.patch(&path, &token, Some("*"), &json!({"name": "又一名称"})).await.status, 200);
        // The code and county never change.
        let r = app.patch(&path, &token, Some("\"3\""), &json!({"code": "2152019999", "county_code": FUQUAN})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["code", "county_code"]);
    }
}

dual_test! {
    async fn a_school_with_persons_cannot_be_deleted(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        app.person(&s, 1).await;
        let r = app.delete(&format!("/api/v1/schools/{}", s["id"]), &app.bureau(DUYUN), Some("\"1\"")).await;
        r.assert_problem(409, "school_in_use");
        assert_eq!(app.count("schools"), 1);
    }
}

dual_test! {
    async fn an_integration_may_write_its_county(app: TestApp) {
        let integration = app.token(Role::Integration, Some(DUYUN), None);
        let r = app.post("/api/v1/schools", &integration, &school_body(DUYUN, 4, "weak")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        app.post("/api/v1/schools", &integration, &school_body(FUQUAN, 5, "weak")).await.assert_problem(403, "out_of_scope");
    }
}

dual_test! {
    async fn a_credit_code_belongs_to_one_school(app: TestApp) {
        let first = app.school(DUYUN, 1, "quality").await;
        let mut body = school_body(DUYUN, 2, "quality");
        body["uscc"] = first["uscc"].clone();
        let r = app.post("/api/v1/schools", &app.bureau(DUYUN), &body).await;
        r.assert_problem(409, "uscc_taken");
        assert_eq!(r.error_fields(), vec!["uscc"]);
        let second = app.school(DUYUN, 3, "quality").await;
        let r = app.patch(&format!("/api/v1/schools/{}", second["id"]), &app.bureau(DUYUN), Some("\"1\""), &serde_json::json!({"uscc": first["uscc"]})).await;
        r.assert_problem(409, "uscc_taken");
        // Its own code is no conflict.
        let r = app.patch(&format!("/api/v1/schools/{}", first["id"]), &app.bureau(DUYUN), Some("\"1\""), &serde_json::json!({"uscc": first["uscc"]})).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
}

dual_test! {
    async fn a_method_a_path_does_not_take_is_405(app: TestApp) {
        let token = app.bureau(DUYUN);
        for (method, path) in [("POST", "/api/v1/counties"), ("DELETE", "/api/v1/counties/522701"), ("GET", "/api/v1/oauth/token"), ("POST", "/health"), ("DELETE", "/api/v1/changes")] {
            let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let r = read(app.client.request(m, app.url(path)).bearer_auth(&token).send().await.unwrap()).await;
            r.assert_problem(405, "method_not_allowed");
        }
    }
}
