//! Rectification orders and REVOKE (§2.4.4 "情节严重拒不整改的，可取消其成员资格"): refused while an
//! order is merely open or answered and awaiting the bureau's decision; allowed once the bureau
//! finds the report not rectified, with its reasons, or once a deadline passes unanswered.

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

        // Answered, though late: the school has not refused yet, the bureau decides on the report.
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        r.assert_problem(409, "REVOKE");
        assert!(r.body["detail"].as_str().unwrap().contains(&format!("待教育局认定（#{oid}）")), "{}", r.text);
        // The bureau finds the report not rectified, with its reasons (a recorded decision).
        let rejection = format!("{path}/rejection");
        let reason = json!({"reason": "经核查，仍在组织有偿补课，整改不到位。"});
        app.post(&rejection, &chair, &reason).await.assert_problem(403, "forbidden");
        let r = app.post(&rejection, &bureau, &json!({})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["reason"]);
        let r = app.post(&rejection, &bureau, &reason).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!((r.body["status"].as_str(), r.body["overdue"].as_bool()), (Some("not_rectified"), Some(false)));
        assert_eq!(r.body["rejection_note"], "经核查，仍在组织有偿补课，整改不到位。");
        assert!(r.body["rejected_at"].is_string());
        assert_eq!(r.header("etag").as_deref(), Some("\"3\""));
        assert_eq!(changes_with(&app, "rectification_order.reject"), 1);
        // The decision is final: no more reports, resolutions or rejections.
        app.post(&format!("{path}/response"), &own, &json!({"response": "已再次整改。"})).await.assert_problem(409, "order_resolved");
        app.post(&format!("{path}/resolution"), &bureau, &json!({})).await.assert_problem(409, "order_resolved");
        app.post(&rejection, &bureau, &reason).await.assert_problem(409, "order_resolved");
        let stored = app.get(&path, &own).await;
        assert_eq!(stored.body["status"], "not_rectified", "{}", stored.text);

        exit(&app, &chair, t.id, t.member.id, revoke.clone()).await.assert_problem(403, "forbidden");
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let h = app.get(&format!("/api/v1/groups/{}/history", t.id), &bureau).await;
        let last = h.body["items"].as_array().unwrap().last().unwrap().clone();
        assert!(last["reason"].as_str().unwrap().contains(&format!("#{oid}（整改不到位）")), "{last}");
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

dual_test! {
    async fn a_deadline_passed_unanswered_is_a_refusal_to_rectify(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let bureau = b.bureau();
        let revoke = note("逾期未报送整改情况，拒不整改，取消成员资格。", "revoked");
        let o = app.post(&format!("/api/v1/groups/{}/rectification-orders", t.id), &bureau,
            &json!({"school_id": t.member.id, "violation": "违规收取教辅资料费。", "deadline": (today() + Days::new(15)).to_string()})).await;
        assert_eq!(o.status, 201, "{}", o.text);
        let oid = o.body["id"].as_i64().unwrap();
        let path = format!("/api/v1/rectification-orders/{oid}");
        // Merely open: not a refusal; nor is there a report to reject.
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        r.assert_problem(409, "REVOKE");
        assert!(r.body["detail"].as_str().unwrap().contains("1 份尚未到期"), "{}", r.text);
        let r = app.post(&format!("{path}/rejection"), &bureau, &json!({"reason": "未整改。"})).await;
        r.assert_problem(409, "order_not_answered");
        assert_eq!(app.get(&path, &bureau).await.body["status"], "issued");

        // The deadline passes without a report: the school refused to rectify.
        move_deadline(&app, oid, today() - Days::new(1));
        let got = app.get(&path, &bureau).await;
        assert_eq!((got.body["status"].as_str(), got.body["overdue"].as_bool()), (Some("issued"), Some(true)));
        let r = exit(&app, &bureau, t.id, t.member.id, revoke.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = membership(&r.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("revoked")));
        let h = app.get(&format!("/api/v1/groups/{}/history", t.id), &bureau).await;
        let last = h.body["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["action"], "member_revoked");
        assert!(last["reason"].as_str().unwrap().contains(&format!("#{oid}（逾期未报送整改情况）")), "{last}");
        // In the change feed: the membership's end.
        let feed = app.get("/api/v1/changes?entity=membership", &bureau).await;
        let last = feed.body["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["op"].as_str(), last["id"].as_str()), (Some("updated"), Some(m["id"].to_string().as_str())), "{last}");
        assert_eq!(changes_with(&app, "membership.revoked"), 1);
    }
}
