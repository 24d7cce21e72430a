//! What a published assessment leads to, and inspections: a growth review that ends in an exit
//! (GROWTH-3Y through the group-life application), an extension decided by the bureau, and an
//! inspection whose finding issues a rectification order.

use edugroups::domain::auth::Role;

use super::*;
use crate::life::{decide, membership, set_growth_until, today};

dual_test! {
    async fn a_growth_review_on_published_results_leads_to_an_exit(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bureau = app.bureau(DUYUN);
        // The newly opened member's three years are up.
        set_growth_until(&app, t.id, t.member.id, today());
        let f = manual_framework(&app, DUYUN, YEAR).await;
        let a = open(&app, DUYUN, t.id, f, YEAR).await;
        let id = a["id"].as_i64().unwrap();
        let path = format!("/api/v1/assessments/{id}/growth-reviews");
        let body = json!({"school_id": t.member.id, "decision": "graduate_independent", "reason": "三年成长期内改薄提质成效明显。"});
        // Not before the results are published.
        app.post(&path, &chair, &body).await.assert_problem(409, "GROWTH-3Y");
        let r = score_manual(&app, &bureau, &a, 9.5).await;
        assert_eq!(r.status, 200, "{}", r.text);
        for step in ["mark_scored", "finalise", "publish"] {
            act_ok(&app, DUYUN, id, step).await;
        }
        let p = get(&app, DUYUN, id).await;
        assert!(p["flags"].as_array().unwrap().iter().any(|f| f["flag"] == "growth_review_due" && f["school_id"].as_i64() == Some(t.member.id)), "{}", p["flags"]);
        // The chair proposes it; the bureau and the member do not; the core has no period.
        app.post(&path, &bureau, &body).await.assert_problem(403, "forbidden");
        app.post(&path, &b.admin(t.member.id), &body).await.assert_problem(403, "forbidden");
        app.post(&path, &chair, &json!({"school_id": t.core.id, "decision": "graduate_independent", "reason": "核心成员"})).await
            .assert_problem(422, "validation_failed");
        let review = app.post(&path, &chair, &body).await;
        assert_eq!(review.status, 201, "{}", review.text);
        assert_eq!(review.body["status"], "submitted");
        assert_eq!(review.body["evidence"]["result"]["grade"], "excellent", "{}", review.text);
        assert_eq!(review.body["evidence"]["result"]["total"], 95.0);
        let application = review.body["application_id"].as_i64().unwrap();
        // The review is decided on its application, in the bureau's inbox.
        let rid = review.body["id"].as_i64().unwrap();
        app.post_if(&format!("/api/v1/growth-reviews/{rid}/decision"), &bureau, Some("\"1\""), &json!({"decision": "approve"})).await
            .assert_problem(409, "growth_review_decided");
        let inbox = app.get("/api/v1/applications?status=submitted", &bureau).await;
        assert_eq!(inbox.body["items"][0]["id"].as_i64(), Some(application), "{}", inbox.text);
        assert_eq!(inbox.body["items"][0]["kind"], "graduate_independent");
        let d = decide(&app, &bureau, application, json!({"decision": "approve", "note": "经县教育局核准。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        // The member has left to run independently; the review shows it approved.
        let g = app.get(&format!("/api/v1/groups/{}", t.id), &bureau).await;
        let m = membership(&g.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("graduated_independent")), "{m}");
        let got = app.get(&format!("/api/v1/growth-reviews/{rid}"), &chair).await;
        assert_eq!(got.body["status"], "approved", "{}", got.text);
        let listed = app.get(&format!("/api/v1/groups/{}/growth-reviews", t.id), &bureau).await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1);
    }
}

dual_test! {
    async fn an_extension_is_decided_by_the_bureau_on_the_review(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bureau = app.bureau(DUYUN);
        let until = chrono::NaiveDate::from_ymd_opt(YEAR + 1, 8, 31).unwrap();
        set_growth_until(&app, t.id, t.member.id, until);
        let a = published(&app, DUYUN, t.id, YEAR, 5.0).await;
        assert_eq!(a["grade"], "fail");
        // A failing group is flagged for a dissolution review, a failing member for rectification.
        let flags: Vec<&str> = a["flags"].as_array().unwrap().iter().map(|f| f["flag"].as_str().unwrap()).collect();
        assert!(flags.contains(&"dissolution_review") && flags.contains(&"rectification_advised") && flags.contains(&"growth_review_due"), "{flags:?}");
        let path = format!("/api/v1/assessments/{}/growth-reviews", a["id"]);
        // Leaving is refused while the period runs; an extension needs its years.
        app.post(&path, &chair, &json!({"school_id": t.member.id, "decision": "graduate_independent", "reason": "提前独立"})).await
            .assert_problem(409, "GROWTH-3Y");
        app.post(&path, &chair, &json!({"school_id": t.member.id, "decision": "extend", "reason": "成效不明显"})).await
            .assert_problem(422, "validation_failed");
        let r = app.post(&path, &chair, &json!({"school_id": t.member.id, "decision": "extend", "reason": "成效尚不明显，申请延长一年。", "extend_years": 1})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert!(r.body["application_id"].is_null());
        let rid = r.body["id"].as_i64().unwrap();
        let dp = format!("/api/v1/growth-reviews/{rid}/decision");
        app.post_if(&dp, &chair, Some("\"1\""), &json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        app.post_if(&dp, &bureau, Some("\"1\""), &json!({"decision": "reject"})).await.assert_problem(422, "validation_failed");
        let d = app.post_if(&dp, &bureau, Some("\"1\""), &json!({"decision": "approve", "note": "同意延长一年。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        assert_eq!(d.body["status"], "approved");
        let g = app.get(&format!("/api/v1/groups/{}", t.id), &bureau).await;
        let m = membership(&g.body, t.member.id);
        assert_eq!(m["growth_until"], format!("{}-08-31", YEAR + 2), "{m}");
        app.post_if(&dp, &bureau, Some("\"2\""), &json!({"decision": "approve"})).await.assert_problem(409, "growth_review_decided");
    }
}

dual_test! {
    async fn an_inspection_finding_issues_a_rectification_order(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let inspector = app.token(Role::Inspector, Some(DUYUN), None);
        let path = format!("/api/v1/groups/{}/inspections", t.id);
        let deadline = (today() + chrono::Days::new(60)).to_string();
        let body = json!({"kind": "special", "inspected_on": today().to_string(), "rating": "pass",
            "summary": "集团化办学专项督导。",
            "findings": [
                {"text": "教师交流台账不完整。", "rectification": {"school_id": t.member.id, "deadline": deadline}},
                {"text": "章程修订未报核准。"}
            ]});
        // Only education supervision records inspections.
        app.post(&path, &app.bureau(DUYUN), &body).await.assert_problem(403, "forbidden");
        let mut bad = body.clone();
        bad["rating"] = json!("superb");
        app.post(&path, &inspector, &bad).await.assert_problem(422, "validation_failed");
        let mut core = body.clone();
        core["findings"][0]["rectification"]["school_id"] = json!(t.core.id);
        let before = app.count("inspections");
        app.post(&path, &inspector, &core).await.assert_problem(422, "validation_failed");
        assert_eq!(app.count("inspections"), before, "nothing half-written");
        assert_eq!(app.count("rectification_orders"), 0);

        let r = app.post(&path, &inspector, &body).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let order = r.body["findings"][0]["rectification_order_id"].as_i64().unwrap();
        assert!(r.body["findings"][1]["rectification_order_id"].is_null());
        let o = app.get(&format!("/api/v1/rectification-orders/{order}"), &app.bureau(DUYUN)).await;
        assert_eq!(o.status, 200, "{}", o.text);
        assert_eq!((o.body["inspection_id"].as_i64(), o.body["school"]["id"].as_i64(), o.body["status"].as_str()), (r.body["id"].as_i64(), Some(t.member.id), Some("issued")));
        assert_eq!(o.body["deadline"], deadline);
        // The member sees it as it sees any order; the inspection is on the group's list.
        assert_eq!(app.get(&format!("/api/v1/rectification-orders/{order}"), &b.admin(t.member.id)).await.status, 200);
        let l = app.get(&format!("/api/v1/groups/{}/inspections?year={}", t.id, today().format("%Y")), &app.bureau(DUYUN)).await;
        assert_eq!(l.body.as_array().unwrap().len(), 1, "{}", l.text);
        assert_eq!(app.get(&format!("/api/v1/inspections/{}", r.body["id"]), &app.bureau(FUQUAN)).await.status, 404);
    }
}
