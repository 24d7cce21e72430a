//! The change feed: created, updated and deleted records in commit order, scoped by county.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

dual_test! {
    async fn the_feed_lists_create_update_delete(app: TestApp) {
        let token = app.bureau(DUYUN);
        let s = app.school(DUYUN, 1, "quality").await;
        let path = format!("/api/v1/schools/{}", s["id"]);
        assert_eq!(app.patch(&path, &token, Some("\"1\""), &json!({"name": "都匀市第一小学"})).await.status, 200);
        assert_eq!(app.delete(&path, &token, Some("\"2\"")).await.status, 204);

        let integration = app.token(Role::Integration, Some(DUYUN), None);
        let feed = app.get("/api/v1/changes?after=0", &integration).await;
        assert_eq!(feed.status, 200, "{}", feed.text);
        let items = feed.body["items"].as_array().unwrap();
        let ops: Vec<&str> = items.iter().map(|i| i["op"].as_str().unwrap()).collect();
        assert_eq!(ops, vec!["created", "updated", "deleted"]);
        let seqs: Vec<i64> = items.iter().map(|i| i["seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]));
        // The deletion carries the natural key.
        assert_eq!(items[2]["key"], s["code"]);
        assert_eq!(items[2]["entity"], "school");
        assert_eq!(items[2]["id"], s["id"].to_string());
        assert_eq!(feed.body["next_after"], seqs[2]);
        assert_eq!(feed.body["has_more"], false);

        // Paging through the feed.
        let first = app.get("/api/v1/changes?after=0&limit=1", &integration).await;
        assert_eq!(first.body["has_more"], true);
        let next = first.body["next_after"].as_i64().unwrap();
        let rest = app.get(&format!("/api/v1/changes?after={next}"), &integration).await;
        assert_eq!(rest.body["items"].as_array().unwrap().len(), 2);
        // Nothing new: next_after stays.
        let none = app.get(&format!("/api/v1/changes?after={}", seqs[2]), &integration).await;
        assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
        assert_eq!(none.body["next_after"], seqs[2]);
    }
}

dual_test! {
    async fn the_feed_is_scoped_by_county(app: TestApp) {
        app.school(DUYUN, 1, "quality").await;
        let f = app.school(FUQUAN, 2, "quality").await;
        app.person(&f, 1).await;
        let duyun = app.get("/api/v1/changes", &app.token(Role::Integration, Some(DUYUN), None)).await;
        assert_eq!(duyun.body["items"].as_array().unwrap().len(), 1);
        let all = app.get("/api/v1/changes", &app.token(Role::Integration, None, None)).await;
        assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
        let persons = app.get("/api/v1/changes?entity=person", &app.prefecture()).await;
        assert_eq!(persons.body["items"].as_array().unwrap().len(), 1);
        // A person's entry has no natural key: the ID number is personal data.
        assert!(persons.body["items"][0]["key"].is_null());
    }
}

dual_test! {
    async fn the_audit_entry_records_actor_and_before_after(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let path = format!("/api/v1/schools/{}", s["id"]);
        let r = read(app.client.patch(app.url(&path)).bearer_auth(app.bureau(DUYUN)).header("If-Match", "\"1\"").header("X-Request-Id", "audit-req-1").json(&json!({"staffing_quota": 99})).send().await.unwrap()).await;
        assert_eq!(r.status, 200);
        use diesel::prelude::*;
        use edugroups::db::schema::changes::dsl::*;
        let mut conn = app.conn();
        type Audit = (String, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Audit> = changes
            .filter(op.eq("updated"))
            .select((actor_sub, actor_role, request_id, before_json, after_json))
            .load(&mut conn)
            .unwrap();
        assert_eq!(rows.len(), 1);
        let (sub, role, rid, before, after) = &rows[0];
        assert_eq!(sub, "test-county_bureau-522701");
        assert_eq!(role, "county_bureau");
        assert_eq!(rid.as_deref(), Some("audit-req-1"));
        let before: serde_json::Value = serde_json::from_str(before.as_deref().unwrap()).unwrap();
        let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
        assert_eq!(before["staffing_quota"], 80);
        assert_eq!(after["staffing_quota"], 99);
    }
}
