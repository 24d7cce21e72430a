//! Group authorisation, formation steps and the rules of DOMAIN.md, through the HTTP API.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

dual_test! {
    async fn only_a_quality_school_may_lead_and_only_one_group(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let ordinary = b.school("211", "urban", "ordinary", 0, None).await;
        let r = app.post("/api/v1/groups", &b.bureau(), &json!({"name": "集团", "kind": "tight", "pattern": "urban_quality_plus_new", "core_school_id": ordinary.id})).await;
        r.assert_problem(409, "GRP-CORE-QUALITY");
        assert_eq!(r.body["policy_ref"], "§2.2");
        let quality = b.school("211", "urban", "quality", 0, None).await;
        let g = b.authorize(quality.id, "tight", "urban_quality_plus_new").await;
        let got = app.get(&format!("/api/v1/groups/{g}"), &b.bureau()).await;
        assert_eq!(got.body["status"], "authorized");
        assert_eq!(got.body["code"], "G522701001");
        assert!(got.body["allowed_actions"].as_array().unwrap().is_empty(), "the bureau waits for the plan");
        // GRP-CORE-UNIQUE: the same school cannot lead a second active group.
        let r = app.post("/api/v1/groups", &b.bureau(), &json!({"name": "集团二", "kind": "collaborative", "pattern": "other", "core_school_id": quality.id})).await;
        r.assert_problem(409, "GRP-CORE-UNIQUE");
        // Only the bureau authorises.
        let r = app.post("/api/v1/groups", &b.admin(quality.id), &json!({"name": "集团", "kind": "tight", "pattern": "other", "core_school_id": quality.id})).await;
        r.assert_problem(403, "forbidden");
        // Every bad field at once.
        let r = app.post("/api/v1/groups", &b.bureau(), &json!({"kind": "loose", "pattern": "star", "code": "bad code"})).await;
        r.assert_problem(422, "validation_failed");
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, vec!["code", "core_school_id", "kind", "name", "pattern"]);
    }
}

dual_test! {
    async fn the_plan_is_reviewed_and_can_be_resubmitted(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 0, None).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        let path = format!("/api/v1/groups/{g}");
        // The bureau cannot submit the core's plan; the core cannot review it.
        app.post(&format!("{path}/formation-plan"), &b.bureau(), &json!({"plan_text": "组建方案内容足够长。"})).await.assert_problem(403, "forbidden");
        let r = app.post(&format!("{path}/formation-plan"), &b.admin(core.id), &json!({"plan_text": "组建方案内容足够长。"})).await;
        assert_eq!(r.body["status"], "plan_submitted");
        app.post(&format!("{path}/formation-plan/review"), &b.admin(core.id), &json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        // A return needs its reasons.
        let r = app.post(&format!("{path}/formation-plan/review"), &b.bureau(), &json!({"decision": "return"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["reason"]);
        let r = app.post(&format!("{path}/formation-plan/review"), &b.bureau(), &json!({"decision": "return", "reason": "请补充师资共享安排。"})).await;
        assert_eq!(r.body["status"], "authorized");
        // Resubmitted, then approved.
        app.post(&format!("{path}/formation-plan"), &b.admin(core.id), &json!({"plan_text": "组建方案(修订):师资共享安排。"})).await;
        let r = app.post(&format!("{path}/formation-plan/review"), &b.bureau(), &json!({"decision": "approve"})).await;
        assert_eq!(r.body["status"], "preparing");
        // A step that no longer applies is a GROUP-STATE conflict.
        app.post(&format!("{path}/formation-plan/review"), &b.bureau(), &json!({"decision": "approve"})).await.assert_problem(409, "GROUP-STATE");
        let h = app.get(&format!("{path}/history"), &b.bureau()).await;
        let actions: Vec<&str> = h.body["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["authorize", "submit_plan", "return_plan", "submit_plan", "approve_plan"]);
        assert_eq!(h.body["items"][2]["reason"], "请补充师资共享安排。");
        assert_eq!(h.body["items"][2]["actor_role"], "county_bureau");
        // A stale If-Match is 412.
        let r = read(app.client.post(app.url(&format!("{path}/members"))).bearer_auth(b.bureau()).header("If-Match", "\"1\"").json(&json!({"school_id": 1, "basis": "bureau_assignment"})).send().await.unwrap()).await;
        r.assert_problem(412, "precondition_failed");
    }
}

dual_test! {
    async fn joining_rules(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 1, None).await;
        let rep = core.principal;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        // Not before the plan is approved.
        let new1 = b.school("211", "development_zone", "newly_opened", 1, Some(rep)).await;
        b.assign(g, new1.id, Some(new1.principal)).await.assert_problem(409, "GROUP-STATE");
        b.prepare(g, core.id).await;
        // GRP-JOIN-BASIS: a newly opened school is assigned, not signed up.
        b.agree(g, core.id, new1.id, Some(new1.principal)).await.assert_problem(409, "GRP-JOIN-BASIS");
        // GRP-TIGHT-LEGAL-REP: the member's legal representative must be the core's.
        let own_rep = b.school("211", "rural", "weak", 1, None).await;
        b.assign(g, own_rep.id, Some(own_rep.staff[0])).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        // ... and it needs an executive principal.
        b.assign(g, new1.id, None).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        // GRP-STAGE-DOWNWARD: a primary core cannot take a junior secondary school.
        let junior = b.school("311", "urban", "weak", 1, Some(rep)).await;
        let r = b.assign(g, junior.id, Some(junior.principal)).await;
        r.assert_problem(409, "GRP-STAGE-DOWNWARD");
        // The allowed cases.
        let r = b.assign(g, new1.id, Some(new1.principal)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let m = &r.body["members"][0];
        assert_eq!(m["basis"], "bureau_assignment");
        assert!(m["growth_until"].is_string(), "a newly opened member has a growth period");
        // GRP-ONE-MEMBERSHIP: not twice, and not in two groups.
        b.assign(g, new1.id, Some(new1.principal)).await.assert_problem(409, "GRP-ONE-MEMBERSHIP");
        let core2 = b.school("211", "urban", "quality", 0, None).await;
        let g2 = b.authorize(core2.id, "collaborative", "other").await;
        b.prepare(g2, core2.id).await;
        b.assign(g2, new1.id, None).await.assert_problem(409, "GRP-ONE-MEMBERSHIP");
        // An ordinary school joins by agreement only, recorded by the core.
        let ordinary = b.school("211", "urban", "ordinary", 1, Some(rep)).await;
        b.assign(g, ordinary.id, Some(ordinary.principal)).await.assert_problem(409, "GRP-JOIN-BASIS");
        let r = b.agree(g, core.id, ordinary.id, Some(ordinary.principal)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.body["members"][1]["growth_until"].is_null());
        // GRP-TIGHT-SIZE: with the county's limit set to 2, a third member is refused.
        let s = app.get(&format!("/api/v1/counties/{DUYUN}/settings"), &b.bureau()).await;
        assert_eq!(s.body["effective"]["tight_initial_max_members"], 3);
        let r = app.put(&format!("/api/v1/counties/{DUYUN}/settings"), &b.bureau(), Some("\"0\""), &json!({"tight_initial_max_members": 2})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["effective"]["tight_initial_max_members"], 2);
        let third = b.school("211", "rural", "weak", 1, Some(rep)).await;
        let r = b.assign(g, third.id, Some(third.principal)).await;
        r.assert_problem(409, "GRP-TIGHT-SIZE");
        // Only the bureau assigns, only the core records agreements.
        let r = app.post(&format!("/api/v1/groups/{g}/members"), &b.admin(core.id), &json!({"school_id": third.id, "basis": "bureau_assignment", "executive_principal_id": third.principal})).await;
        r.assert_problem(403, "forbidden");
    }
}

dual_test! {
    async fn settings_are_per_county_and_validated(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let path = format!("/api/v1/counties/{DUYUN}/settings");
        app.put(&path, &bureau, None, &json!({"growth_period_years": 2})).await.assert_problem(428, "precondition_required");
        let r = app.put(&path, &bureau, Some("\"0\""), &json!({"quorum": {"numerator": 3, "denominator": 2}})).await;
        r.assert_problem(422, "validation_failed");
        let r = app.put(&path, &bureau, Some("\"0\""), &json!({"growth_period_years": 2})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.header("etag").as_deref(), Some("\"1\""));
        app.put(&path, &bureau, Some("\"0\""), &json!({"growth_period_years": 4})).await.assert_problem(412, "precondition_failed");
        // Another county is not this bureau's to set, nor to see.
        app.put(&format!("/api/v1/counties/{FUQUAN}/settings"), &bureau, Some("\"0\""), &json!({})).await.assert_problem(404, "not_found");
        // The prefecture sets the defaults every county follows unless it overrides them.
        let pre = app.put("/api/v1/counties/522700/settings", &app.prefecture(), Some("\"0\""), &json!({"growth_period_years": 5, "tight_initial_max_members": 2})).await;
        assert_eq!(pre.status, 200, "{}", pre.text);
        let fuquan = app.get(&format!("/api/v1/counties/{FUQUAN}/settings"), &app.bureau(FUQUAN)).await;
        assert_eq!(fuquan.body["effective"]["growth_period_years"], 5);
        let duyun = app.get(&path, &bureau).await;
        assert_eq!(duyun.body["effective"]["growth_period_years"], 2);
        assert_eq!(duyun.body["effective"]["tight_initial_max_members"], 2);
        app.put("/api/v1/counties/522700/settings", &bureau, Some("\"1\""), &json!({})).await.assert_problem(403, "forbidden");
    }
}

dual_test! {
    async fn council_rules(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 3, None).await;
        let member = b.school("211", "development_zone", "newly_opened", 2, Some(core.principal)).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        b.prepare(g, core.id).await;
        assert_eq!(b.assign(g, member.id, Some(member.principal)).await.status, 201);
        let path = format!("/api/v1/groups/{g}/council");
        let body = b.council_body("tight", &core, &[&member]).await;
        let (seats, office) = (body["seats"].clone(), body["office"].clone());
        let admin = b.admin(core.id);
        // COUNCIL-CHAIR: the chair is the core's legal representative.
        let r = app.put(&path, &admin, None, &json!({"chair_person_id": member.principal, "seats": seats, "office": office})).await;
        r.assert_problem(409, "COUNCIL-CHAIR");
        // COUNCIL-COMPOSITION: no parent representative.
        let mut short = seats.clone();
        short.as_array_mut().unwrap().pop();
        let r = app.put(&path, &admin, None, &json!({"chair_person_id": core.principal, "seats": short, "office": office})).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        // OFFICE-COMPOSITION: the executive principal is missing from the office meeting.
        let r = app.put(&path, &admin, None, &json!({"chair_person_id": core.principal, "seats": seats, "office": [office[0], office[2]]})).await;
        r.assert_problem(409, "OFFICE-COMPOSITION");
        // Only the core elects.
        app.put(&path, &b.bureau(), None, &json!({"chair_person_id": core.principal, "seats": seats, "office": office})).await.assert_problem(403, "forbidden");
        // The allowed case.
        let r = app.put(&path, &admin, None, &json!({"chair_person_id": core.principal, "seats": seats, "office": office})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["seats"].as_array().unwrap().len(), 6);
        assert_eq!(r.body["office"].as_array().unwrap().len(), 3);
        assert_eq!(r.body["chair_person_id"], core.principal);
        // A re-election needs If-Match.
        app.put(&path, &admin, None, &json!({"chair_person_id": core.principal, "seats": seats, "office": office})).await.assert_problem(428, "precondition_required");
    }
}

dual_test! {
    async fn the_dossier_lists_what_is_missing(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 0, None).await;
        let g = b.authorize(core.id, "collaborative", "other").await;
        b.prepare(g, core.id).await;
        let r = app.post(&format!("/api/v1/groups/{g}/dossier"), &b.admin(core.id), &json!({})).await;
        r.assert_problem(409, "GRP-ESTABLISH-DOSSIER");
        assert_eq!(r.body["policy_ref"], "§2.3.1");
        // An incomplete charter draft is saved, with its gaps listed.
        let r = app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), None, &json!({"sections": {"philosophy": "共建共享。"}})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["missing_sections"].as_array().unwrap().len(), 7);
        assert_eq!(r.body["procedure"]["quorum"], json!({"numerator": 2, "denominator": 3}));
        // Editing the draft needs its ETag.
        app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), None, &full_charter()).await.assert_problem(428, "precondition_required");
        let r = app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), Some("\"1\""), &full_charter()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["missing_sections"].as_array().unwrap().len(), 0);
        let bad = app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), Some("\"2\""), &json!({"sections": {"mottos": "x"}})).await;
        assert_eq!(bad.error_fields(), vec!["sections.mottos"]);
    }
}

dual_test! {
    async fn groups_are_scoped(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 0, None).await;
        let member = b.school("211", "rural", "weak", 0, Some(core.principal)).await;
        let stranger = b.school("211", "urban", "ordinary", 0, None).await;
        let g = b.authorize(core.id, "collaborative", "other").await;
        b.prepare(g, core.id).await;
        assert_eq!(b.assign(g, member.id, None).await.status, 201);
        let path = format!("/api/v1/groups/{g}");
        assert_eq!(app.get(&path, &b.admin(core.id)).await.status, 200);
        assert_eq!(app.get(&path, &b.admin(member.id)).await.status, 200);
        app.get(&path, &b.admin(stranger.id)).await.assert_problem(404, "not_found");
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        assert_eq!(app.get(&path, &app.prefecture()).await.status, 200);
        let leading = app.token(Role::CountyLeadingGroup, Some(FUQUAN), None);
        app.post(&format!("{path}/dossier/approval"), &leading, &json!({"decision": "approve"})).await.assert_problem(404, "not_found");
        // Lists follow the same scope.
        assert_eq!(app.get("/api/v1/groups", &b.admin(stranger.id)).await.body["items"].as_array().unwrap().len(), 0);
        assert_eq!(app.get("/api/v1/groups", &b.admin(member.id)).await.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(app.get("/api/v1/groups", &app.bureau(FUQUAN)).await.body["items"].as_array().unwrap().len(), 0);
        assert_eq!(app.get("/api/v1/groups?status=preparing", &b.bureau()).await.body["items"].as_array().unwrap().len(), 1);
        // The feed carries the group's changes.
        let feed = app.get("/api/v1/changes?entity=group", &b.bureau()).await;
        let ops: Vec<&str> = feed.body["items"].as_array().unwrap().iter().map(|i| i["op"].as_str().unwrap()).collect();
        assert_eq!(ops, vec!["created", "updated", "updated"]);
        let joined = app.get("/api/v1/changes?entity=membership", &b.bureau()).await;
        assert_eq!(joined.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(feed.body["items"][0]["key"], "G522701001");
    }
}

dual_test! {
    async fn two_officers_reviewing_at_once_one_wins(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 0, None).await;
        let g = b.authorize(core.id, "collaborative", "other").await;
        app.post(&format!("/api/v1/groups/{g}/formation-plan"), &b.admin(core.id), &json!({"plan_text": "组建方案内容足够长。"})).await;
        let path = format!("/api/v1/groups/{g}/formation-plan/review");
        let officer_a = app.token_for("officer-a", Role::CountyBureau, Some(DUYUN), None);
        let officer_b = app.token_for("officer-b", Role::CountyBureau, Some(DUYUN), None);
        let mut tasks = vec![];
        for (token, decision) in [(officer_a, "approve"), (officer_b, "return")] {
            let client = app.client.clone();
            let url = app.url(&path);
            tasks.push(actix_web::rt::spawn(async move {
                read(client.post(url).bearer_auth(token).json(&json!({"decision": decision, "reason": "并发测试"})).send().await.unwrap()).await
            }));
        }
        let mut statuses = vec![];
        for t in tasks {
            let r = t.await.unwrap();
            if r.status == 409 {
                r.assert_problem(409, "GROUP-STATE");
            }
            statuses.push(r.status);
        }
        statuses.sort();
        assert_eq!(statuses, vec![200, 409]);
        let h = app.get(&format!("/api/v1/groups/{g}/history"), &b.bureau()).await;
        assert_eq!(h.body["items"].as_array().unwrap().len(), 3, "exactly one review recorded");
    }
}
