//! DISSOLVE: the bureau dissolves a group; everything stays readable and nothing more happens.

use edugroups::domain::auth::Role;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn a_dissolved_group_keeps_its_history(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (bureau, chair, own) = (b.bureau(), b.admin(t.core.id), b.admin(t.member.id));
        let path = format!("/api/v1/groups/{}", t.id);
        let g = app.get(&path, &bureau).await;
        assert!(g.body["allowed_actions"].as_array().unwrap().contains(&json!("dissolve")), "{}", g.text);
        // An open meeting with an open motion, and an application waiting for the bureau.
        let m = app.post(&format!("{path}/meetings"), &chair, &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-20T08:00:00Z", "agenda": "审议年度工作计划"})).await;
        assert_eq!(m.status, 201, "{}", m.text);
        let meeting = m.body["id"].as_i64().unwrap();
        let motion = app.post(&format!("/api/v1/meetings/{meeting}/motions"), &chair, &json!({"title": "审议年度工作计划", "motion_type": "work_plan", "ballot": "secret"})).await;
        assert_eq!(motion.status, 201, "{}", motion.text);
        let motion = motion.body["id"].as_i64().unwrap();
        // (The member has a growth period: once over, the group applies for its leaving, GROWTH-3Y.)
        set_growth_until(&app, t.id, t.member.id, today());
        let a = exit(&app, &chair, t.id, t.member.id, note("成长期满，集团申请该校退出集团。", "withdrawn")).await;
        assert_eq!(a.status, 201, "{}", a.text);
        let application = a.body["id"].as_i64().unwrap();

        let dissolution = format!("{path}/dissolution");
        let r = app.post(&dissolution, &bureau, &json!({"reason": "管理混乱，整体社会效益低下。"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["accountability_note"]);
        let body = json!({"reason": "集团管理混乱，连续两年考核不合格，整体社会效益低下。", "accountability_note": "对原理事长予以诫勉谈话。"});
        app.post(&dissolution, &chair, &body).await.assert_problem(403, "forbidden");
        let r = app.post(&dissolution, &bureau, &body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "dissolved");
        assert_eq!(r.body["dissolved_on"], today().to_string());
        assert_eq!(r.body["dissolution_note"], "对原理事长予以诫勉谈话。");
        assert_eq!(r.body["allowed_actions"], json!([]));
        let m = membership(&r.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("dissolved")));

        // Everything stays readable.
        for who in [&bureau, &chair, &own] {
            assert_eq!(app.get(&path, who).await.status, 200);
        }
        let h = app.get(&format!("{path}/history"), &chair).await;
        let last = h.body["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["action"].as_str(), last["to"].as_str()), (Some("dissolve"), Some("dissolved")));
        assert_eq!(last["reason"], "集团管理混乱，连续两年考核不合格，整体社会效益低下。");
        let res = app.get(&format!("{path}/resolutions"), &bureau).await;
        assert_eq!(res.status, 200);
        assert_eq!(res.body["items"].as_array().unwrap().len(), 1, "{}", res.text);
        let meetings = app.get(&format!("{path}/meetings"), &bureau).await;
        for mt in meetings.body["items"].as_array().unwrap() {
            assert_eq!(mt["status"], "closed", "{mt}");
            let minutes = app.get(&format!("/api/v1/meetings/{}/minutes", mt["id"]), &bureau).await;
            assert_eq!(minutes.status, 200, "{}", minutes.text);
        }
        let mo = app.get(&format!("/api/v1/motions/{motion}"), &bureau).await;
        assert_eq!((mo.body["status"].as_str(), mo.body["outcome"].as_str()), (Some("deferred"), Some("deferred")), "{}", mo.text);
        let a = app.get(&format!("/api/v1/applications/{application}"), &bureau).await;
        assert_eq!(a.body["status"], "cancelled");
        let council = app.get(&format!("{path}/council"), &bureau).await;
        assert_eq!(council.body["seats"], json!([]), "{}", council.text);

        // Nothing more happens in it.
        let next = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        b.assign(t.id, next.id, Some(next.principal)).await.assert_problem(409, "GROUP-STATE");
        app.post(&dissolution, &bureau, &body).await.assert_problem(409, "DISSOLVE");
        let leading = app.token(Role::CountyLeadingGroup, Some(DUYUN), None);
        app.post(&dissolution, &leading, &body).await.assert_problem(403, "forbidden");
        app.post(&dissolution, &app.bureau(FUQUAN), &body).await.assert_problem(404, "not_found");
        assert_eq!(changes_with(&app, "membership.dissolved"), 1);
        assert_eq!(changes_with(&app, "meeting.close"), 2);
        // Its core and member are free to lead or join another group.
        let again = app.post("/api/v1/groups", &bureau, &json!({"name": "新组建教育集团", "kind": "tight", "pattern": "urban_quality_plus_new", "core_school_id": t.core.id})).await;
        assert_eq!(again.status, 201, "{}", again.text);
    }
}
