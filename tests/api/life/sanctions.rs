//! Rectification orders and REVOKE: refused before the deadline, allowed after it.

use chrono::Days;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn a_membership_is_revoked_only_after_an_ignored_order(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (bureau, chair, own) = (b.bureau(), b.admin(t.core.id), b.admin(t.member.id));
        let orders = format!("/api/v1/groups/{}/rectification-orders", t.id);
        let revoke = note("严重违反集团章程，逾期拒不整改，取消成员资格。", "revoked");

        exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await.assert_problem(409, "REVOKE");
        // A deadline in the past, and a school that is not a member, are refused.
        let outsider = b.school("211", "rural", "weak", 0, None).await;
        let r = app.post(&orders, &bureau, &json!({"school_id": outsider.id, "violation": "违规办学。", "deadline": (today() - Days::new(1)).to_string()})).await;
        r.assert_problem(422, "validation_failed");
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, vec!["deadline", "school_id"]);
        let order = json!({"school_id": t.member.id, "violation": "违规有偿补课，违反集团章程。", "deadline": (today() + Days::new(30)).to_string()});
        app.post(&orders, &chair, &order).await.assert_problem(403, "forbidden");
        let o = app.post(&orders, &bureau, &order).await;
        assert_eq!(o.status, 201, "{}", o.text);
        let oid = o.body["id"].as_i64().unwrap();
        assert_eq!(o.header("location"), Some(format!("/api/v1/rectification-orders/{oid}")));
        assert_eq!((o.body["status"].as_str(), o.body["overdue"].as_bool()), (Some("issued"), Some(false)));

        // Before the deadline: refused, naming it.
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        r.assert_problem(409, "REVOKE");
        assert!(r.body["detail"].as_str().unwrap().contains(&(today() + Days::new(30)).to_string()));
        // The member reports; only it may.
        let path = format!("/api/v1/rectification-orders/{oid}");
        app.post(&format!("{path}/response"), &chair, &json!({"response": "已整改。"})).await.assert_problem(403, "forbidden");
        let r = app.post(&format!("{path}/response"), &own, &json!({"response": "已停止有偿补课，正在整改。"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "responded");

        // A second order, resolved by the bureau, never counts.
        let o2 = app.post(&orders, &bureau, &order).await;
        let o2 = o2.body["id"].as_i64().unwrap();
        let r = app.post(&format!("/api/v1/rectification-orders/{o2}/resolution"), &bureau, &json!({"note": "经核查已整改到位。"})).await;
        assert_eq!(r.body["status"], "resolved", "{}", r.text);
        app.post(&format!("/api/v1/rectification-orders/{o2}/resolution"), &bureau, &json!({})).await.assert_problem(409, "order_resolved");
        move_deadline(&app, o2, today() - Days::new(10));
        exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await.assert_problem(409, "REVOKE");

        // The deadline passes without the bureau finding the first order rectified.
        move_deadline(&app, oid, today() - Days::new(1));
        assert_eq!(app.get(&path, &bureau).await.body["overdue"], true);
        // The member sees its own orders; another county sees none.
        let mine = app.get(&orders, &own).await;
        assert_eq!(mine.body["items"].as_array().unwrap().len(), 2, "{}", mine.text);
        app.get(&orders, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");

        exit(&app, &chair, t.id, t.member.id, revoke.clone()).await.assert_problem(403, "forbidden");
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = membership(&r.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("revoked")));
        assert_eq!(history(&app, &bureau, t.id).await.last().unwrap(), "member_revoked");
        assert_eq!(changes_with(&app, "membership.revoked"), 1);
        assert_eq!(changes_with(&app, "rectification_order.issue"), 2);
        exit(&app, &bureau, t.id, t.member.id, revoke).await.assert_problem(409, "MEMBERSHIP-STATE");
        // The feed names the membership by the same natural key on its creation and its end.
        let feed = app.get("/api/v1/changes?entity=membership", &bureau).await;
        let keys: Vec<&str> = feed.body["items"].as_array().unwrap().iter().filter_map(|i| i["key"].as_str()).collect();
        assert_eq!(keys.len(), feed.body["items"].as_array().unwrap().len(), "every membership change has a key");
        let revoked = feed.body["items"].as_array().unwrap().iter().rev().find(|i| i["op"] == "updated").unwrap();
        let created = feed.body["items"].as_array().unwrap().iter().find(|i| i["id"] == revoked["id"]).unwrap();
        assert_eq!(revoked["key"], created["key"]);

        // The place is free again.
        let next = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        assert_eq!(b.assign(t.id, next.id, Some(next.principal)).await.status, 201);
    }
}
