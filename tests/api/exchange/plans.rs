//! EXCH-PLAN: the chair drafts the year's plan, the office meeting passes it, and the plan
//! shows planned against actual.

use super::*;
use crate::cadres::{office_meeting, vote_and_close};

dual_test! {
    async fn the_office_meeting_passes_the_plan_and_it_shows_planned_against_actual(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let path = format!("/api/v1/groups/{}/exchange-plans/{YEAR}", t.id);
        let body = json!({"title": "2026年度集团教师交流计划", "lines": [
            {"kind": "rotation", "from_school_id": t.core.id, "to_school_id": t.member.id, "teachers": 2},
            {"kind": "backbone_dispatch", "from_school_id": t.core.id, "to_school_id": t.member.id, "teachers": 1}
        ]});
        let bad = json!({"title": "x", "lines": [{"kind": "rotation", "from_school_id": t.core.id, "to_school_id": t.core.id, "teachers": 0}]});
        let r = app.put(&path, &chair, Some("\"0\""), &bad).await;
        r.assert_problem(422, "validation_failed");
        let r = app.put(&path, &chair, Some("\"0\""), &body).await;
        assert_eq!((r.status, r.body["status"].as_str(), r.body["drafted_by"].as_str(), r.body["planned"].as_u64()), (200, Some("proposed"), Some("core_school"), Some(3)), "{}", r.text);
        let plan = r.body["id"].as_i64().unwrap();
        // Not carried out before it is passed.
        let p0 = teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        exchange(&app, &chair, t.id, json!({"person_id": p0, "to_school_id": t.member.id, "plan_id": plan})).await.assert_problem(409, "EXCH-PLAN");
        // The council does not decide it.
        let council = app.post(&format!("/api/v1/groups/{}/meetings", t.id), &chair, &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-02T08:00:00Z", "agenda": "审议交流计划"})).await;
        assert_eq!(council.status, 201, "{}", council.text);
        let motion = json!({"title": "关于年度交流计划的议案", "motion_type": "exchange_plan", "ballot": "open", "subject_id": plan});
        app.post(&format!("/api/v1/meetings/{}/motions", council.body["id"]), &chair, &motion).await.assert_problem(409, "EXCH-PLAN");
        // The office meeting rejects it; revised, it goes before the meeting again.
        let meeting = office_meeting(&app, &chair, t.id).await;
        let m = app.post(&format!("/api/v1/meetings/{meeting}/motions"), &chair, &motion).await;
        assert_eq!(m.status, 201, "{}", m.text);
        let closed = vote_and_close(&app, DUYUN, &chair, t.id, m.body["id"].as_i64().unwrap(), "against", json!({})).await;
        assert_eq!(closed["outcome"], "rejected", "{closed}");
        let r = app.get(&path, &b.bureau()).await;
        assert_eq!(r.body["status"], "office_rejected", "{}", r.text);
        app.post(&format!("/api/v1/meetings/{meeting}/motions"), &chair, &motion).await.assert_problem(409, "EXCH-PLAN");
        let r = app.put(&path, &chair, Some(&r.header("etag").unwrap()), &body).await;
        assert_eq!((r.status, r.body["status"].as_str()), (200, Some("proposed")), "{}", r.text);
        let meeting = office_meeting(&app, &chair, t.id).await;
        let m = app.post(&format!("/api/v1/meetings/{meeting}/motions"), &chair, &motion).await;
        assert_eq!(m.status, 201, "{}", m.text);
        // Not revised while it is being voted on.
        let v = app.get(&path, &chair).await.header("etag").unwrap();
        app.put(&path, &chair, Some(&v), &body).await.assert_problem(409, "exchange_plan_on_agenda");
        let closed = vote_and_close(&app, DUYUN, &chair, t.id, m.body["id"].as_i64().unwrap(), "for", json!({})).await;
        assert_eq!(closed["outcome"], "adopted", "{closed}");
        let r = app.get(&path, &b.bureau()).await;
        assert_eq!((r.body["status"].as_str(), r.body["motion_id"].as_i64()), (Some("office_passed"), m.body["id"].as_i64()), "{}", r.text);
        // Exchanges carry it out: planned against actual, the unplanned apart.
        let p1 = teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        let p2 = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let p3 = teacher(&app, &mut b, t.member.id, false, &["13"]).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": p1, "to_school_id": t.member.id, "plan_id": plan})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": p2, "to_school_id": t.member.id, "plan_id": plan, "status": "planned"})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": p3, "to_school_id": t.core.id, "plan_id": plan})).await;
        let r = app.get(&path, &b.bureau()).await;
        let actual: Vec<u64> = r.body["lines"].as_array().unwrap().iter().map(|l| l["actual"].as_u64().unwrap()).collect();
        assert_eq!((actual, r.body["actual"].as_u64(), r.body["unplanned"].as_u64()), (vec![1, 0], Some(1), Some(1)), "{}", r.text);
        // A plan of another year is not cited.
        exchange(&app, &chair, t.id, json!({"person_id": p2, "kind": "cross_stage", "to_school_id": t.member.id, "plan_id": plan, "starts_on": "2028-09-01", "ends_on": "2028-12-01"})).await.assert_problem(422, "validation_failed");
        // A revision goes back before the meeting.
        let v = r.header("etag").unwrap();
        let r = app.put(&path, &chair, Some(&v), &body).await;
        assert_eq!((r.status, r.body["status"].as_str(), r.body["motion_id"].is_null()), (200, Some("proposed"), true), "{}", r.text);
        let acts = crate::staffing::actions(&app, "exchange_plan");
        assert_eq!(acts, vec!["exchange_plan.put", "exchange_plan.table", "exchange_plan.office_reject", "exchange_plan.put", "exchange_plan.table", "exchange_plan.office_pass", "exchange_plan.put"], "{acts:?}");
        assert_eq!(crate::staffing::feed(&app, DUYUN, "exchange_plan").await.len(), 7);
        // A line that could never be carried out: a backbone dispatch from a member.
        let bad = json!({"title": "x", "lines": [{"kind": "backbone_dispatch", "from_school_id": t.member.id, "to_school_id": t.core.id, "teachers": 1}]});
        let v = app.get(&path, &chair).await.header("etag").unwrap();
        app.put(&path, &chair, Some(&v), &bad).await.assert_problem(409, "EXCH-SCOPE");
    }
}
