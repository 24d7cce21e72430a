//! The bureau's inbox of applications, scoping, cancellation, and concurrent decisions.

use futures_util::future::join_all;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn the_inbox_lists_what_awaits_the_bureau(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (g, core) = preparing_collaborative(&mut b).await;
        let mut members = vec![];
        for standing in ["potential", "ordinary", "weak"] {
            let s = b.school("211", "rural", standing, 0, None).await;
            let r = if standing == "weak" { b.assign(g, s.id, None).await } else { b.agree(g, core.id, s.id, None).await };
            assert!(matches!(r.status, 200 | 201), "{}", r.text);
            members.push(s.id);
        }
        let (bureau, chair) = (b.bureau(), b.admin(core.id));
        let mut ids = vec![];
        for s in &members {
            let r = exit(&app, &b.admin(*s), g, *s, note("因办学布局调整，申请退出集团。", "withdrawn")).await;
            assert_eq!(r.status, 201, "{}", r.text);
            ids.push(r.body["id"].as_i64().unwrap());
        }
        // The applicant withdraws the third one.
        let c = app.post(&format!("/api/v1/applications/{}/cancellation", ids[2]), &b.admin(members[0]), &json!({})).await;
        // Another member cannot even see it.
        c.assert_problem(404, "not_found");
        let c = read(app.client.post(app.url(&format!("/api/v1/applications/{}/cancellation", ids[2]))).bearer_auth(b.admin(members[2])).send().await.unwrap()).await;
        assert_eq!(c.body["status"], "cancelled", "{}", c.text);

        let list = |q: &'static str, token: String| {
            let app = &app;
            async move {
                let r = app.get(&format!("/api/v1/applications{q}"), &token).await;
                assert_eq!(r.status, 200, "{}", r.text);
                r.body["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect::<Vec<_>>()
            }
        };
        assert_eq!(list("?status=submitted", bureau.clone()).await, ids[..2].to_vec());
        assert_eq!(list("?status=cancelled", bureau.clone()).await, vec![ids[2]]);
        assert_eq!(list("?kind=spin_off", bureau.clone()).await, Vec::<i64>::new());
        assert_eq!(list("", chair.clone()).await, ids);
        assert_eq!(list("", b.admin(members[1])).await, vec![ids[1]]);
        assert_eq!(list("", app.bureau(FUQUAN)).await, Vec::<i64>::new());
        assert_eq!(list("?status=submitted", app.prefecture()).await, ids[..2].to_vec());
        app.get("/api/v1/applications?status=pending", &bureau).await.assert_problem(400, "invalid_query");
        app.get(&format!("/api/v1/applications/{}", ids[0]), &b.admin(members[1])).await.assert_problem(404, "not_found");
        app.get(&format!("/api/v1/applications/{}", ids[0]), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        // Only the bureau decides; a rejection gives its reasons.
        decide(&app, &chair, ids[0], json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        let r = decide(&app, &bureau, ids[0], json!({"decision": "reject"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["note"]);
        decide(&app, &bureau, ids[2], json!({"decision": "approve"})).await.assert_problem(409, "application_decided");
    }
}

dual_test! {
    async fn of_two_concurrent_decisions_exactly_one_wins(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (g, core) = preparing_collaborative(&mut b).await;
        let bureau = b.bureau();
        let mut approvals = 0;
        for if_match in [None, Some("\"1\"")] {
            let s = b.school("211", "rural", "potential", 0, None).await;
            assert_eq!(b.agree(g, core.id, s.id, None).await.status, 200);
            let r = exit(&app, &b.admin(s.id), g, s.id, note("申请退出集团。", "withdrawn")).await;
            let id = r.body["id"].as_i64().unwrap();
            let path = format!("/api/v1/applications/{id}/decision");
            let send = |decision: &'static str| {
                let mut rb = app.client.post(app.url(&path)).bearer_auth(&bureau)
                    .json(&json!({"decision": decision, "note": "经研究决定。"}));
                if let Some(v) = if_match {
                    rb = rb.header("If-Match", v);
                }
                async move { read(rb.send().await.unwrap()).await }
            };
            let both = join_all([send("approve"), send("reject")]).await;
            let mut statuses: Vec<u16> = both.iter().map(|r| r.status).collect();
            statuses.sort();
            let loser = if if_match.is_some() { 412 } else { 409 };
            assert_eq!(statuses, [200, loser], "{:?}", both.iter().map(|r| &r.text).collect::<Vec<_>>());
            let winner = both.iter().find(|r| r.status == 200).unwrap();
            let stored = app.get(&format!("/api/v1/applications/{id}"), &bureau).await;
            assert_eq!(stored.body["status"], winner.body["status"]);
            assert_eq!(stored.body["version"], 2);
            let m = membership(&app.get(&format!("/api/v1/groups/{g}"), &bureau).await.body, s.id);
            let approved = winner.body["status"] == "approved";
            assert_eq!(m["status"], if approved { "ended" } else { "active" });
            // The membership ended once, and only if the approval won.
            approvals += i64::from(approved);
            assert_eq!(changes_with(&app, "membership.withdrawn"), approvals);
        }
    }
}
