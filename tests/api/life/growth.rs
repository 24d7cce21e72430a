//! GROWTH-3Y: a new school's growth period ending in graduation; conversion of a tight member
//! that then continues with a collaborative group.

use chrono::Months;
use edugroups::domain::auth::Role;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn a_new_school_graduates_after_its_growth_period(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (bureau, chair, own) = (b.bureau(), b.admin(t.core.id), b.admin(t.member.id));
        let path = format!("/api/v1/groups/{}", t.id);
        // The period comes from the county's growth_period_years (3 by default).
        let g = app.get(&path, &bureau).await;
        let m = membership(&g.body, t.member.id);
        let end = today().checked_add_months(Months::new(36)).unwrap();
        assert_eq!(m["growth_until"], end.to_string());
        assert_eq!(m["status"], "active");

        let graduate = note("三年成长考核期满，改薄提质成效明显，申请独立办学。", "graduated_independent");
        let r = exit(&app, &chair, t.id, t.member.id, graduate.clone()).await;
        r.assert_problem(409, "GROWTH-3Y");
        assert_eq!(r.body["policy_ref"], "§2.4.4");
        assert!(r.body["detail"].as_str().unwrap().contains(&end.to_string()), "{}", r.text);
        // The group applies, not the member itself.
        exit(&app, &own, t.id, t.member.id, graduate.clone()).await.assert_problem(403, "forbidden");

        // Three years later.
        set_growth_until(&app, t.id, t.member.id, today());
        let r = exit(&app, &chair, t.id, t.member.id, graduate.clone()).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        assert_eq!(r.header("location"), Some(format!("/api/v1/applications/{id}")));
        assert_eq!((r.body["kind"].as_str(), r.body["status"].as_str()), (Some("graduate_independent"), Some("submitted")));
        // One open application per member at a time.
        exit(&app, &own, t.id, t.member.id, note("申请退出集团。", "withdrawn")).await.assert_problem(409, "application_pending");
        // Nothing changes before the bureau approves.
        assert_eq!(membership(&app.get(&path, &bureau).await.body, t.member.id)["status"], "active");
        let inbox = app.get("/api/v1/applications?status=submitted", &bureau).await;
        assert_eq!(inbox.body["items"].as_array().unwrap().len(), 1, "{}", inbox.text);

        let got = app.get(&format!("/api/v1/applications/{id}"), &bureau).await;
        assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
        let d = decide(&app, &bureau, id, json!({"decision": "approve", "note": "经县教育局核准。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        assert_eq!(d.body["status"], "approved");
        assert!(d.body["decided_at"].is_string());
        let g = app.get(&path, &bureau).await;
        let m = membership(&g.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("graduated_independent")));
        assert_eq!(m["left_on"], today().to_string());
        // The bureau's approval recognises it as a potential school (允许其作为潜力学校).
        let s = app.get(&format!("/api/v1/schools/{}", t.member.id), &bureau).await;
        assert_eq!(s.body["standing"], "potential");
        assert_eq!(history(&app, &bureau, t.id).await.last().unwrap(), "member_graduated_independent");
        assert_eq!(changes_with(&app, "membership.graduated_independent"), 1);
        assert_eq!(changes_with(&app, "application.approve"), 1);
        // The member school still sees the group it left, with its ended membership.
        assert_eq!(app.get(&path, &own).await.status, 200);
        exit(&app, &chair, t.id, t.member.id, note("再次申请。", "withdrawn")).await.assert_problem(409, "MEMBERSHIP-STATE");

        // One out, one in: the freed place takes a new member.
        let next = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        let r = b.assign(t.id, next.id, Some(next.principal)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let another = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        b.assign(t.id, another.id, Some(another.principal)).await.assert_problem(409, "GRP-TIGHT-SIZE");
    }
}

dual_test! {
    async fn a_tight_member_converts_and_continues_as_a_collaborative_member(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let core = b.school("211", "urban", "quality", 1, None).await;
        let weak = b.school("211", "rural", "weak", 1, Some(core.principal)).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_township").await;
        b.prepare(g, core.id).await;
        assert_eq!(b.assign(g, weak.id, Some(weak.principal)).await.status, 201);
        set_growth_until(&app, g, weak.id, today() - chrono::Days::new(1));
        let (bureau, chair) = (b.bureau(), b.admin(core.id));
        let r = exit(&app, &chair, g, weak.id, note("成长期满，申请转为协作型成员继续发展。", "converted_to_collaborative")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["kind"], "convert_to_collaborative");
        let d = decide(&app, &bureau, r.body["id"].as_i64().unwrap(), json!({"decision": "approve"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        let m = membership(&app.get(&format!("/api/v1/groups/{g}"), &bureau).await.body, weak.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("converted_to_collaborative")));

        // Now a potential school, it continues with a collaborative group by signed agreement.
        let (collab, ccore) = preparing_collaborative(&mut b).await;
        let r = b.agree(collab, ccore.id, weak.id, None).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // A collaborative member already runs itself: it has nothing to graduate from.
        let r = exit(&app, &b.admin(ccore.id), collab, weak.id, note("申请独立办学。", "graduated_independent")).await;
        r.assert_problem(409, "GROWTH-3Y");
        // A council member sees no applications.
        let seat_holder = app.token_for("1", Role::CouncilMember, Some(FUQUAN), None);
        let l = app.get("/api/v1/applications", &seat_holder).await;
        assert_eq!(l.body["items"], json!([]));
    }
}
