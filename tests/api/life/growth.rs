//! GROWTH-3Y: a new school's growth period ending in graduation; conversion of a tight member
//! that stays in the same group as a collaborative member (§2.4.4 "或作为协作型集团成员继续保留
//! 在集团内发展").

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
        exit(&app, &chair, t.id, t.member.id, note("申请退出集团。", "withdrawn")).await.assert_problem(409, "application_pending");
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
    async fn a_tight_member_converts_and_stays_in_the_group_as_a_collaborative_member(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let t = established_tight_group(&app, &mut b).await;
        let (bureau, chair) = (b.bureau(), b.admin(t.core.id));
        let path = format!("/api/v1/groups/{}", t.id);
        let m = membership(&app.get(&path, &bureau).await.body, t.member.id);
        assert_eq!((m["terms"].as_str(), m["executive_principal_id"].as_i64()), (Some("tight"), Some(t.member.principal)));
        // The group's one tight place is taken: one in, one out.
        let next = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        b.assign(t.id, next.id, Some(next.principal)).await.assert_problem(409, "GRP-TIGHT-SIZE");

        set_growth_until(&app, t.id, t.member.id, today() - chrono::Days::new(1));
        let r = exit(&app, &chair, t.id, t.member.id, note("成长期满，申请作为协作型成员继续保留在集团内发展。", "converted_to_collaborative")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["kind"], "convert_to_collaborative");
        let d = decide(&app, &bureau, r.body["id"].as_i64().unwrap(), json!({"decision": "approve", "note": "经县教育局核准。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);

        // Still a current member of the same group, on collaborative terms, in the same membership.
        let g = app.get(&path, &bureau).await;
        let rows: Vec<&serde_json::Value> = g.body["members"].as_array().unwrap().iter().filter(|m| m["school"]["id"] == t.member.id).collect();
        assert_eq!(rows.len(), 1, "{}", g.text);
        let m = rows[0];
        assert_eq!((m["status"].as_str(), m["terms"].as_str()), (Some("active"), Some("collaborative")), "{m}");
        assert!(m["exit_reason"].is_null() && m["left_on"].is_null(), "{m}");
        // Its growth period is over, and it keeps its own management (§2.2.2 "管理体制不变").
        assert!(m["growth_until"].is_null() && m["executive_principal_id"].is_null(), "{m}");
        let s = app.get(&format!("/api/v1/schools/{}", t.member.id), &bureau).await;
        assert_eq!(s.body["standing"], "potential");
        assert_eq!(history(&app, &bureau, t.id).await.last().unwrap(), "member_converted_to_collaborative");
        assert_eq!(changes_with(&app, "membership.convert_to_collaborative"), 1);
        assert_eq!(changes_with(&app, "membership.converted_to_collaborative"), 0);
        // It has nothing more to graduate from or convert: a collaborative member runs itself.
        let r = exit(&app, &chair, t.id, t.member.id, note("申请独立办学。", "graduated_independent")).await;
        r.assert_problem(409, "GROWTH-3Y");
        assert!(r.body["detail"].as_str().unwrap().contains("协作型成员"), "{}", r.text);

        // The conversion freed the tight place: a new member takes it, and then one in, one out.
        let r = b.assign(t.id, next.id, Some(next.principal)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(membership(&r.body, next.id)["terms"], "tight");
        let another = b.school("211", "rural", "weak", 1, Some(t.core.principal)).await;
        b.assign(t.id, another.id, Some(another.principal)).await.assert_problem(409, "GRP-TIGHT-SIZE");

        // The council is re-elected: the converted school sits without an executive principal,
        // the new tight member with one.
        let council_path = format!("{path}/council");
        let current = app.get(&council_path, &chair).await.body;
        // The same council with `ep` in the executive principal's seat and office place.
        let council = |ep: i64, ep_school: i64| {
            let swap = |list: &str, key: &str| -> Vec<serde_json::Value> {
                current[list].as_array().unwrap().iter().map(|s| {
                    if s["category"] == "executive_principal" {
                        json!({"person_id": ep, "school_id": ep_school, key: "executive_principal"})
                    } else {
                        json!({"person_id": s["person_id"], "school_id": s["school_id"], key: s["category"]})
                    }
                }).collect()
            };
            let office: Vec<serde_json::Value> = swap("office", "role").into_iter().map(|mut o| { o.as_object_mut().unwrap().remove("school_id"); o }).collect();
            json!({"chair_person_id": t.core.principal, "seats": swap("seats", "category"), "office": office})
        };
        // Its former executive principal no longer holds the office.
        let etag = app.get(&council_path, &chair).await.header("etag");
        let r = app.put(&council_path, &chair, etag.as_deref(), &council(t.member.principal, t.member.id)).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        let detail = r.body["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("#{} 不担任该职务", t.member.principal)), "{detail}");
        assert!(!detail.contains("未设执行校（园）长"), "{detail}");
        let r = app.put(&council_path, &chair, etag.as_deref(), &council(next.principal, next.id)).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // The chair nominates a tight member's cadres, not the converted school's.
        let nominations = format!("{path}/cadre-nominations");
        let r = app.post(&nominations, &chair, &json!({"person_id": t.member.staff[1], "school_id": t.member.id, "post": "vice_principal"})).await;
        r.assert_problem(409, "CADRE-VP");
        app.post(&nominations, &chair, &json!({"person_id": t.member.staff[1], "school_id": t.member.id, "post": "executive_principal"})).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        let r = app.post(&nominations, &chair, &json!({"person_id": next.staff[0], "school_id": next.id, "post": "vice_principal"})).await;
        assert_eq!(r.status, 201, "{}", r.text);

        // A council member sees no applications.
        let seat_holder = app.token_for("1", Role::CouncilMember, Some(FUQUAN), None);
        let l = app.get("/api/v1/applications", &seat_holder).await;
        assert_eq!(l.body["items"], json!([]));
    }
}

dual_test! {
    async fn a_growing_member_leaves_only_after_its_period_on_the_groups_application(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (bureau, chair, own) = (b.bureau(), b.admin(t.core.id), b.admin(t.member.id));
        let path = format!("/api/v1/groups/{}", t.id);
        let end = today().checked_add_months(Months::new(36)).unwrap();
        let withdraw = note("学校布局调整，申请退出集团。", "withdrawn");
        let spin_off = json!({"reason": "spun_off", "note": "申请另行组建教育集团。",
            "new_group": {"name": "都匀市新建小学教育集团", "kind": "collaborative", "pattern": "other"}});

        // During the growth period: no withdrawal, and no spin-off, naming the end (GROWTH-3Y).
        let r = exit(&app, &chair, t.id, t.member.id, withdraw.clone()).await;
        r.assert_problem(409, "GROWTH-3Y");
        assert_eq!(r.body["policy_ref"], "§2.4.4");
        assert!(r.body["detail"].as_str().unwrap().contains(&end.to_string()), "{}", r.text);
        let r = exit(&app, &own, t.id, t.member.id, spin_off.clone()).await;
        r.assert_problem(409, "GROWTH-3Y");
        assert!(r.body["detail"].as_str().unwrap().contains(&end.to_string()), "{}", r.text);
        // The school itself never applies to leave: the group does (期满后经集团申请).
        let r = exit(&app, &own, t.id, t.member.id, withdraw.clone()).await;
        r.assert_problem(403, "forbidden");
        assert!(r.body["detail"].as_str().unwrap().contains("GROWTH-3Y"), "{}", r.text);
        assert_eq!(app.count("applications"), 0);

        // After the period the group applies, and the bureau approves (核准).
        set_growth_until(&app, t.id, t.member.id, today());
        exit(&app, &own, t.id, t.member.id, withdraw.clone()).await.assert_problem(403, "forbidden");
        let r = exit(&app, &chair, t.id, t.member.id, withdraw.clone()).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!((r.body["kind"].as_str(), r.body["status"].as_str()), (Some("withdraw"), Some("submitted")));
        let id = r.body["id"].as_i64().unwrap();
        // Cancelling follows who applies: not the school, but the chair may.
        let cancel = format!("/api/v1/applications/{id}/cancellation");
        app.post(&cancel, &own, &json!({})).await.assert_problem(403, "forbidden");
        assert_eq!(membership(&app.get(&path, &bureau).await.body, t.member.id)["status"], "active");
        let d = decide(&app, &bureau, id, json!({"decision": "approve", "note": "经县教育局核准，同意退出。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        let m = membership(&app.get(&path, &bureau).await.body, t.member.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("withdrawn")));
        assert_eq!(history(&app, &bureau, t.id).await.last().unwrap(), "member_withdrawn");
        assert_eq!(changes_with(&app, "membership.withdrawn"), 1);
    }
}
